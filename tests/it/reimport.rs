//! Re-importing a changed text the reader has worked on (issue 16): the library re-adding
//! a changed file, through its API and the command line, keeps the reader's notes,
//! highlights and own events, each anchored where its text now is, and lists the orphans.
//! Inputs: `tests/data/edit/reimport-{before,after}-fa.txt`.

use std::path::Path;

use gahnegar::library::{AddOptions, Library};
use gahnegar::model::edit::{Edit, Item};
use gahnegar::model::{Anchor, AnchorOwner, Article, Certainty, Event, Highlight, Origin};

use crate::common::repo_path;

use crate::common::BIN;

/// A file of `tests/data/edit/`, read.
pub fn read(name: &str) -> String {
    let path = repo_path(&format!("tests/data/edit/{name}"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// An anchor on the first occurrence of `quote` in the article.
pub fn anchor(a: &Article, quote: &str) -> Anchor {
    a.blocks
        .iter()
        .find_map(|b| {
            let at = b.text.find(quote)?;
            Some(Anchor::from_range(
                b.id.clone(),
                &b.text,
                at..at + quote.len(),
            ))
        })
        .unwrap_or_else(|| panic!("«{quote}» not in the article"))
}

/// The text an anchor stands on in `a`.
pub fn quoted<'a>(a: &'a Article, anchor: &Anchor) -> &'a str {
    let (b, r) = a
        .resolve(anchor)
        .unwrap_or_else(|| panic!("{anchor:?} does not resolve"));
    &a.blocks[b].text[r]
}

/// The reader's work on the article of `reimport-before-fa.txt`: a note and a certainty on
/// the 2012 event, a highlight on Lavrov's words, one on the sentence the new version
/// drops, and an event of their own on the pipeline's passage.
pub fn work_on(a: &mut Article) {
    for e in work(a) {
        let name = e.name().en;
        e.apply(a).unwrap_or_else(|err| panic!("{name}: {err}"));
    }
}

/// The edits of [`work_on`], made on `a`.
pub fn work(a: &Article) -> Vec<Edit> {
    let e2012 = a
        .events
        .iter()
        .find(|e| e.anchor.exact == "سال ۲۰۱۲")
        .map(|e| e.id.clone())
        .unwrap_or_else(|| panic!("no 2012 event: {:?}", a.events));
    let manual = Event {
        id: a.fresh_id("e"),
        label: "انتقال نفت به اسرائیل".into(),
        anchor: anchor(a, "بخش بزرگی از نفت مورد نیاز اسرائیل"),
        origin: Origin::Manual,
        note: "سهم دقیق؟".into(),
        ..a.events[0].clone()
    };
    let at = a.events.len();
    vec![
        Edit::SetNote {
            item: Item::Event(e2012.clone()),
            note: "با آمار گمرک مقایسه شود".into(),
        },
        Edit::SetCertainty {
            item: Item::Event(e2012),
            certainty: Certainty::Disputed,
        },
        Edit::AddHighlight {
            highlight: Highlight {
                id: "h1".into(),
                anchor: anchor(a, "مسکو این روند را از نزدیک دنبال می‌کند"),
                note: "موضع روسیه".into(),
            },
            at: 0,
        },
        Edit::AddHighlight {
            highlight: Highlight {
                id: "h2".into(),
                anchor: anchor(a, "به دلیل افت بهای نفت کاهش یافت"),
                note: "علت دیگری هم داشت".into(),
            },
            at: 1,
        },
        Edit::AddEvent {
            event: manual,
            at,
            claims: Vec::new(),
        },
    ]
}

/// Checks the re-imported article against the after text: everything kept and in place,
/// the dropped sentence's highlight orphaned.
pub fn check_carried(a: &Article) {
    let e2012 = a
        .events
        .iter()
        .find(|e| e.anchor.exact == "سال ۲۰۱۲")
        .unwrap_or_else(|| panic!("no 2012 event: {:?}", a.events));
    assert_eq!(
        (e2012.note.as_str(), e2012.certainty),
        ("با آمار گمرک مقایسه شود", Certainty::Disputed)
    );
    let manual: Vec<&Event> = a
        .events
        .iter()
        .filter(|e| e.origin == Origin::Manual)
        .collect();
    assert_eq!(manual.len(), 1, "{:?}", a.events);
    assert_eq!(manual[0].note, "سهم دقیق؟");
    assert_eq!(
        quoted(a, &manual[0].anchor),
        "نزدیک به چهل درصد نفت مورد نیاز اسرائیل",
        "the edited passage, found between its context"
    );
    let h1 = &a.highlights[0];
    assert_eq!(
        (h1.note.as_str(), quoted(a, &h1.anchor)),
        ("موضع روسیه", "مسکو این روند را با دقت دنبال می‌کند")
    );
    let h2 = &a.highlights[1];
    assert!(h2.anchor.orphaned, "{h2:?}");
    assert_eq!(h2.note, "علت دیگری هم داشت", "an orphan keeps its note");
    let orphans: Vec<_> = a.problems().into_iter().map(|p| p.to_string()).collect();
    assert_eq!(
        orphans,
        vec![format!(
            "highlight {}: orphaned anchor «به دلیل افت بهای نفت کاهش یافت», not found on re-import",
            h2.id
        )]
    );
}

#[test]
fn re_adding_a_changed_file_keeps_the_readers_work_and_lists_orphans() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let file = tmp.path().join("energy.txt");
    std::fs::write(&file, read("reimport-before-fa.txt")).unwrap_or_else(|e| panic!("{e}"));
    let root = tmp.path().join("lib");
    let (mut lib, _) = Library::open(&root).unwrap_or_else(|e| panic!("{e:#}"));
    let add = |lib: &mut Library| {
        lib.add(std::slice::from_ref(&file), &AddOptions::default(), &|_| {})
            .unwrap_or_else(|e| panic!("{e:#}"))
    };
    let report = add(&mut lib);
    let id = report.added[0].clone();
    // The reader works on it, and the app saves it where the library keeps it.
    let mut a = lib.article(&id).unwrap_or_else(|e| panic!("{e:#}"));
    work_on(&mut a);
    let (_, entry) = lib.entry(&id).unwrap_or_else(|| panic!("no entry {id}"));
    gahnegar::store::save(&a, &entry.path(lib.root())).unwrap_or_else(|e| panic!("{e}"));

    // The file changes and is added again.
    std::fs::write(&file, read("reimport-after-fa.txt")).unwrap_or_else(|e| panic!("{e}"));
    let report = add(&mut lib);
    assert_eq!(report.replaced, vec![id.clone()]);
    let new_id = report.added[0].clone();
    let b = lib.article(&new_id).unwrap_or_else(|e| panic!("{e:#}"));
    check_carried(&b);
    assert_eq!(
        report.orphaned,
        vec![(new_id, AnchorOwner::Highlight(b.highlights[1].id.clone()))]
    );
}

#[test]
fn the_command_line_names_the_orphans_of_a_re_added_file() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let file = tmp.path().join("energy.txt");
    let root = tmp.path().join("lib");
    let run = |file: &Path| {
        let out = std::process::Command::new(BIN)
            .args(["library", "add"])
            .arg(file)
            .arg("--library")
            .arg(&root)
            .output()
            .unwrap_or_else(|e| panic!("{BIN}: {e}"));
        assert!(out.status.success(), "{out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    std::fs::write(&file, read("reimport-before-fa.txt")).unwrap_or_else(|e| panic!("{e}"));
    run(&file);
    let (lib, _) = Library::open(&root).unwrap_or_else(|e| panic!("{e:#}"));
    let entry = lib.entries()[0].clone();
    let mut a = lib.article(&entry.id).unwrap_or_else(|e| panic!("{e:#}"));
    work_on(&mut a);
    gahnegar::store::save(&a, &entry.path(lib.root())).unwrap_or_else(|e| panic!("{e}"));
    drop(lib);
    std::fs::write(&file, read("reimport-after-fa.txt")).unwrap_or_else(|e| panic!("{e}"));
    let out = run(&file);
    assert!(out.contains("1 replaced"), "{out}");
    let orphan_lines: Vec<&str> = out.lines().filter(|l| l.starts_with("orphaned:")).collect();
    assert_eq!(orphan_lines.len(), 1, "{out}");
    assert!(
        orphan_lines[0].ends_with(": highlight h2: its text is no longer in the file (kept)"),
        "{out}"
    );
}
