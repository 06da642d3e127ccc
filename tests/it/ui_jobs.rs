//! Opening and exporting in the background: the window keeps drawing a progress dialog
//! with Cancel while a file is read, and a cancelled open changes nothing.
//!
//! The file read is a FIFO, so the open waits for as long as the test wants: the dialog
//! is up deterministically, however fast the machine.

use std::io::Write as _;
use std::path::Path;

use crate::common::{app_harness, mini};
use egui::Vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use gahnegar::store;
use gahnegar::ui::{Command, GahnegarApp, Modal};

fn harness() -> Harness<'static, GahnegarApp> {
    app_harness(Vec2::new(1100.0, 760.0))
}

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap_or_else(|e| panic!("mkfifo: {e}"))
        .success();
    assert!(ok, "mkfifo failed");
}

/// Writes `bytes` into the FIFO from another thread (opening it for writing waits for the
/// app's reader).
fn feed(path: &Path, bytes: Vec<u8>) -> std::thread::JoinHandle<()> {
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        if let Ok(mut f) = std::fs::OpenOptions::new().write(true).open(&path) {
            let _ = f.write_all(&bytes);
        }
    })
}

/// Steps until the background open is done (bounded).
fn wait_for_job(h: &mut Harness<'_, GahnegarApp>) {
    for _ in 0..400 {
        if !h.state().file_job_running() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
        h.step();
    }
    panic!("the open did not finish");
}

#[test]
fn an_open_waiting_on_its_file_shows_progress_and_then_opens() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let fifo = dir.path().join("slow.ron");
    mkfifo(&fifo);
    let mut h = harness();
    h.state_mut().push(Command::Open(fifo.clone()));
    for _ in 0..3 {
        h.step();
    }
    // The window still draws: the dialog, the file's name and Cancel are there.
    assert!(h.state().file_job_running());
    let _title = h.get_by_label("در حال باز کردن…");
    let _cancel = h.get_by_label(h.state().strings().cancel);
    h.snapshot("open_progress_fa");
    let article = mini();
    let ron = store::to_string(&article).unwrap_or_else(|e| panic!("{e}"));
    let writer = feed(&fifo, ron.into_bytes());
    wait_for_job(&mut h);
    writer.join().unwrap_or_else(|_| panic!("writer"));
    h.run_ok();
    assert_eq!(h.state().doc.article, article, "the file's article is open");
    assert_eq!(h.state().doc.path.as_deref(), Some(fifo.as_path()));
    assert!(
        h.query_by_label("در حال باز کردن…").is_none(),
        "dialog gone"
    );
}

#[test]
fn cancelling_an_open_keeps_the_article_and_drops_the_late_result() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let fifo = dir.path().join("never.ron");
    mkfifo(&fifo);
    let mut h = harness();
    let before = h.state().doc.article.clone();
    h.state_mut().push(Command::Open(fifo.clone()));
    for _ in 0..3 {
        h.step();
    }
    // While the dialog is up the window behind it takes no clicks: the File menu stays shut.
    let s = h.state().strings();
    h.get_by_label(s.menu_file).click();
    h.run_ok();
    assert!(
        h.query_by_label(s.export).is_none(),
        "a menu opened behind the dialog"
    );
    h.get_by_label(s.cancel).click();
    h.run_ok();
    assert!(!h.state().file_job_running(), "cancel ends the job");
    assert!(h.query_by_label("در حال باز کردن…").is_none());
    // The file arrives after the cancel: a broken article, whose error nobody asked for.
    let writer = feed(&fifo, b"(not an article".to_vec());
    writer.join().unwrap_or_else(|_| panic!("writer"));
    std::thread::sleep(std::time::Duration::from_millis(200));
    h.run_ok();
    assert_eq!(h.state().doc.article, before, "nothing replaced");
    assert!(
        !matches!(h.state().modal, Some(Modal::Message { .. })),
        "a cancelled open reports nothing: {:?}",
        h.state().modal
    );
}

#[test]
fn a_broken_file_opened_in_the_background_reports_where() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, "(meta: (title: \"x\"),\n  events: [ oops")
        .unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness();
    let before = h.state().doc.article.clone();
    h.state_mut().push(Command::Open(path.clone()));
    wait_for_job(&mut h);
    h.run_ok();
    match &h.state().modal {
        Some(Modal::Message { body, .. }) => assert!(body.contains("broken.ron"), "{body}"),
        other => panic!("expected the error, got {other:?}"),
    }
    assert_eq!(h.state().doc.article, before);
}
