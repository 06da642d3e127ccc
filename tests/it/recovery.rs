//! Nothing lost: a process that edits an article is killed with SIGKILL, and the recovery
//! file it leaves holds every edit but those of the last few seconds.
//!
//! The editing process is this test binary itself, run again on the `editing_child` test
//! with `GAHNEGAR_RECOVERY_CHILD` naming the recovery folder: it applies numbered edits
//! through the app's real history and recovery worker, printing each edit's number as it
//! lands, until it is killed.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use gahnegar::model::edit::{Edit, History, Item};
use gahnegar::recovery::{self, DELAY, Recovery};
use gahnegar::store;

const CHILD_ENV: &str = "GAHNEGAR_RECOVERY_CHILD";
/// Time between two edits of the child.
const EDIT_EVERY: Duration = Duration::from_millis(150);

fn note(i: u32) -> String {
    format!("ویرایش شماره {i}")
}

/// The child: edits forever. Does nothing in an ordinary test run.
#[test]
fn editing_child() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let rec = Recovery::start(Path::new(&dir)).unwrap_or_else(|e| panic!("{e}"));
    let mut article = store::builtin();
    let id = article.events[0].id.clone();
    let mut history = History::default();
    for i in 1.. {
        history
            .apply(
                &mut article,
                Edit::SetNote {
                    item: Item::Event(id.clone()),
                    note: note(i),
                },
            )
            .unwrap_or_else(|e| panic!("{e}"));
        rec.changed(&article, None);
        println!("edit {i}");
        std::thread::sleep(EDIT_EVERY);
    }
}

#[test]
fn a_sigkill_after_edits_loses_at_most_the_last_seconds() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    let mut child = Command::new(exe)
        .args([
            "recovery::editing_child",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("piped"));
    // Each edit's number and when it was seen.
    let mut seen: Vec<(u32, Instant)> = Vec::new();
    let run_for = DELAY * 3;
    let start = Instant::now();
    // Kept open until the kill: a closed pipe would end the child by itself.
    let mut lines = BufReader::new(stdout).lines();
    for line in lines.by_ref() {
        let line = line.unwrap_or_else(|e| panic!("{e}"));
        if let Some(n) = line.strip_prefix("edit ").and_then(|n| n.parse().ok()) {
            seen.push((n, Instant::now()));
            if start.elapsed() > run_for {
                break;
            }
        }
    }
    child.kill().unwrap_or_else(|e| panic!("{e}")); // SIGKILL on Unix
    let killed = Instant::now();
    let _ = child.wait();
    drop(lines);
    let (last, _) = *seen
        .last()
        .unwrap_or_else(|| panic!("the child made no edit"));

    // The next start finds the copy, and it holds an edit of the last few seconds.
    let found = recovery::find(dir.path())
        .unwrap_or_else(|| panic!("no recovery file after {last} edits"))
        .unwrap_or_else(|e| panic!("{e}"));
    let kept = found.article.events[0].note.clone();
    let n: u32 = kept
        .strip_prefix("ویرایش شماره ")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("unexpected note «{kept}»"));
    let at = seen
        .iter()
        .find(|(i, _)| *i == n)
        .map(|(_, t)| *t)
        .unwrap_or_else(|| panic!("edit {n} was never made"));
    let lost = killed.duration_since(at);
    eprintln!("{last} edits made, the copy holds edit {n}: {lost:?} before the kill lost");
    assert!(
        lost <= DELAY + Duration::from_secs(2),
        "lost {lost:?} of edits (edit {n} of {last})"
    );
    // Everything else is as it was: the copy is the article with that one edit.
    let mut want = store::builtin();
    want.events[0].note = note(n);
    assert_eq!(found.article, want);
}
