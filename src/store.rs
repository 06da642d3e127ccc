//! RON load/save for [`Article`]: schema version, size limit, atomic write, and errors
//! that name the file and the line:column (or anchor) at fault.
//!
//! Loading never panics, whatever the bytes: every failure is a [`StoreError`].
//! A loaded article is sound: its anchors resolve and its references point somewhere
//! ([`Article::problems`] holds nothing but orphans a re-import kept, see
//! [`Problem::is_broken`]).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Deserialize;

use crate::model::{Article, Problem, SCHEMA_VERSION};

/// Bytes of RON an imported article takes per byte of its text, at most, for realistic
/// news text: measured 2.2–7.0 (4.3 overall) over the 28 texts of the development and
/// held-out corpora, and under this for the generated text of dated, attributed
/// sentences `tests/it/store.rs` imports (docs/PERFORMANCE.md, "Size contract").
pub const RON_PER_TEXT_BYTE: u64 = 8;

/// Largest article file `load` accepts, in bytes: the largest text import accepts
/// ([`crate::persian::decode::MAX_INPUT_BYTES`], 64 MiB) times [`RON_PER_TEXT_BYTE`]
/// (512 MiB), so what import writes from any text it accepts opens again. [`to_string`]
/// refuses to make more (text far denser in dates and sources than news).
pub const MAX_FILE_BYTES: u64 = crate::persian::decode::MAX_INPUT_BYTES as u64 * RON_PER_TEXT_BYTE;

/// The built-in article's RON text.
const BUILTIN_RON: &str = include_str!("../assets/articles/caucasus-gem.ron");

/// The name the built-in article goes by in error messages.
pub const BUILTIN_ORIGIN: &str = "<built-in article>";

/// Why an article could not be loaded or saved. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: io::Error },
    #[error(
        "{path} holds {size} bytes or more, over the limit of {limit} bytes for an article file"
    )]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error(
        "the article would take {size} bytes of RON, over the limit of {limit} bytes an \
         article file may hold (it could not be opened again); split the text"
    )]
    TooLargeToSave { size: u64, limit: u64 },
    #[error("{origin} is not UTF-8 text: invalid byte at offset {offset}")]
    NotUtf8 { origin: String, offset: usize },
    #[error("{origin}:{line}:{col}: {message}")]
    Syntax {
        origin: String,
        line: usize,
        col: usize,
        message: String,
    },
    #[error(
        "{origin} has schema version {found}, newer than this build reads (version {supported}); \
         use a newer Gahnegar"
    )]
    FutureSchema {
        origin: String,
        found: u32,
        supported: u32,
    },
    #[error(
        "{origin} has schema version {found}, which this build does not read (it reads versions 1 to {supported})"
    )]
    OldSchema {
        origin: String,
        found: u32,
        supported: u32,
    },
    #[error("{origin}: {} broken reference(s): {}", problems.len(), list_problems(problems))]
    Broken {
        origin: String,
        problems: Vec<Problem>,
    },
    #[error("cannot serialize the article: {0}")]
    Serialize(String),
}

/// Just enough of an article to learn its schema version; every other field is ignored,
/// so a future file with new fields still yields its version.
#[derive(Deserialize)]
#[serde(rename = "Article")]
struct Header {
    schema: u32,
}

static BUILTIN: LazyLock<Article> = LazyLock::new(|| {
    from_str(BUILTIN_RON, BUILTIN_ORIGIN).unwrap_or_else(|e| {
        panic!("invariant: the built-in article parses and is sound (unit-tested): {e}")
    })
});

/// The built-in article (parsed once, cloned out).
pub fn builtin() -> Article {
    BUILTIN.clone()
}

/// Parses and checks an article from RON text. `origin` names the text in errors
/// (a path, or [`BUILTIN_ORIGIN`]). A leading byte-order mark is skipped.
pub fn from_str(text: &str, origin: &str) -> Result<Article, StoreError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Old Mac line ends (CR alone) are line ends too; RON writes a CR inside a string as
    // an escape, so a raw one is always a line end.
    let unified;
    let text = if text.contains('\r') {
        unified = text.replace("\r\n", "\n").replace('\r', "\n");
        unified.as_str()
    } else {
        text
    };
    let syntax = |e: ron::error::SpannedError| StoreError::Syntax {
        origin: origin.to_owned(),
        line: e.span.start.line,
        col: e.span.start.col,
        message: match e.code {
            // ron's own text advises its API (recursion_limit, serde_stacker).
            ron::Error::ExceededRecursionLimit => "the file is nested too deeply".to_owned(),
            other => other.to_string(),
        },
    };
    let header: Header = ron::from_str(text).map_err(syntax)?;
    if header.schema > SCHEMA_VERSION {
        return Err(StoreError::FutureSchema {
            origin: origin.to_owned(),
            found: header.schema,
            supported: SCHEMA_VERSION,
        });
    }
    let article: Article = match header.schema {
        SCHEMA_VERSION => ron::from_str(text).map_err(syntax)?,
        1 => ron::from_str::<crate::model::legacy::ArticleV1>(text)
            .map_err(syntax)?
            .migrate(),
        found => {
            return Err(StoreError::OldSchema {
                origin: origin.to_owned(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
    };
    let problems: Vec<Problem> = article
        .problems()
        .into_iter()
        .filter(Problem::is_broken)
        .collect();
    if problems.is_empty() {
        Ok(article)
    } else {
        Err(StoreError::Broken {
            origin: origin.to_owned(),
            problems,
        })
    }
}

/// Most problems an error message lists; the rest are counted ("and N more").
pub const MAX_LISTED: usize = 20;

/// The first [`MAX_LISTED`] of `problems` joined with "; ", then how many more there are:
/// an error about 100,000 broken references stays one readable line.
pub fn list_problems<P: std::fmt::Display>(problems: &[P]) -> String {
    let mut s = problems
        .iter()
        .take(MAX_LISTED)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ");
    if problems.len() > MAX_LISTED {
        s.push_str(&format!("; and {} more", problems.len() - MAX_LISTED));
    }
    s
}

/// Reads, parses and checks the article at `path`. Files over [`MAX_FILE_BYTES`] are
/// refused before they are read.
pub fn load(path: &Path) -> Result<Article, StoreError> {
    let read_err = |source| StoreError::Read {
        path: path.to_owned(),
        source,
    };
    // Bounded whatever the path is: the size a file reports is only a hint.
    let bytes = crate::bounded::read_path_at_most(path, MAX_FILE_BYTES).map_err(|e| match e {
        crate::bounded::BoundedReadError::Io(e) => read_err(e),
        crate::bounded::BoundedReadError::TooLarge { size, .. } => StoreError::TooLarge {
            path: path.to_owned(),
            size,
            limit: MAX_FILE_BYTES,
        },
    })?;
    let origin = path.display().to_string();
    let text = std::str::from_utf8(&bytes).map_err(|e| StoreError::NotUtf8 {
        origin: origin.clone(),
        offset: e.valid_up_to(),
    })?;
    from_str(text, &origin)
}

/// The article as pretty RON text, as [`save`] writes it (indented with tabs: a third
/// smaller than four spaces for the nesting of claims and anchors).
///
/// # Errors
/// [`StoreError::TooLargeToSave`] when the text would be over [`MAX_FILE_BYTES`] (what
/// `load` would refuse is never written).
pub fn to_string(article: &Article) -> Result<String, StoreError> {
    to_string_within(article, MAX_FILE_BYTES)
}

/// [`to_string`] with another size limit (tests).
///
/// # Errors
/// As [`to_string`].
pub fn to_string_within(article: &Article, limit: u64) -> Result<String, StoreError> {
    let config = ron::ser::PrettyConfig::new()
        .indentor("\t")
        .struct_names(false);
    let mut text = ron::ser::to_string_pretty(article, config)
        .map_err(|e| StoreError::Serialize(e.to_string()))?;
    text.push('\n');
    let size = text.len() as u64;
    if size > limit {
        return Err(StoreError::TooLargeToSave { size, limit });
    }
    Ok(text)
}

/// Writes the article to `path` atomically: pretty RON goes to a temporary file in the
/// same directory, which is fsync'ed and then renamed over `path`. On failure the
/// temporary file is removed and `path` is left as it was.
pub fn save(article: &Article, path: &Path) -> Result<(), StoreError> {
    write_saved(&to_string(article)?, path)
}

/// Writes an article's RON text (from [`to_string`]) to `path` atomically: the second
/// half of [`save`], for a caller that serializes first and may decide not to write.
///
/// # Errors
/// [`StoreError::Write`] when the file cannot be written; `path` is then left as it was.
pub fn write_saved(text: &str, path: &Path) -> Result<(), StoreError> {
    write_atomic(path, text.as_bytes(), true).map_err(|source| StoreError::Write {
        path: path.to_owned(),
        source,
    })
}

/// Writes `bytes` to `path` atomically (shared by `save` and the exporters): a temporary
/// file in the same directory is written and fsync'ed, then moved into place. With
/// `replace` it is renamed over `path`; without, it is hard-linked, which never replaces
/// (an existing `path` gives `AlreadyExists`). On failure the temporary file is removed
/// and `path` is left as it was.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8], replace: bool) -> io::Result<()> {
    write_atomic_with(path, bytes, replace, true)
}

/// [`write_atomic`] without the two fsyncs, for writing many files at once: the caller
/// makes them durable together with [`sync_file_system`] before it writes anything that
/// refers to them (the library adds a thousand articles with one sync, not three
/// thousand: on this machine's disk the syncs were most of an add's time). Until then a
/// crash may lose the new files, never an old one: the move is still atomic.
pub(crate) fn write_atomic_unsynced(path: &Path, bytes: &[u8], replace: bool) -> io::Result<()> {
    write_atomic_with(path, bytes, replace, false)
}

/// Makes every file written under `dir` durable: one `syncfs` of its file system on
/// Linux, else an fsync of each of `files`.
pub(crate) fn sync_file_system(dir: &Path, files: &[PathBuf]) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        let _ = files;
        let d = File::open(dir)?;
        rustix::fs::syncfs(&d).map_err(io::Error::from)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = dir;
        for f in files {
            File::open(f)?.sync_all()?;
        }
        Ok(())
    }
}

fn write_atomic_with(path: &Path, bytes: &[u8], replace: bool, sync: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
    let (tmp, mut file) = create_temp(&dir, &name.to_string_lossy())?;
    let written = file
        .write_all(bytes)
        .and_then(|()| if sync { file.sync_all() } else { Ok(()) });
    drop(file);
    let result = written.and_then(|()| {
        if replace {
            fs::rename(&tmp, path)
        } else {
            match fs::hard_link(&tmp, path) {
                Err(e) if e.kind() != io::ErrorKind::AlreadyExists => {
                    // A file system without hard links: the caller's check has to do.
                    fs::rename(&tmp, path)
                }
                other => other,
            }
        }
    });
    // Best effort: after a rename there is nothing left to remove; after a link, or a
    // failure, the temporary name goes, and the first error is the one to report.
    let _ = fs::remove_file(&tmp);
    result?;
    if !sync {
        return Ok(());
    }
    // Make the move durable. Not every platform can open a directory; the data is
    // already safe in the file, so a failure here is not an error.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Longest file name most file systems take, in bytes.
const NAME_MAX: usize = 255;
/// Room a temporary name needs beyond the target's name: `.`, `.{pid}.{n}.tmp`.
const TEMP_EXTRA: usize = 1 + 1 + 10 + 1 + 20 + 4;

/// The part of `name` a temporary name keeps: all of it, or its first bytes (on a
/// character boundary) when the target's name is already near the file system's limit.
fn temp_stem(name: &str) -> &str {
    let mut end = name.len().min(NAME_MAX - TEMP_EXTRA);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name[..end]
}

/// Creates a fresh temporary file `.{name}.{pid}.{n}.tmp` in `dir` (the name shortened
/// when needed, so a legal long target name still gets a legal temporary name). Stale
/// temporary files of the same target left by a process that no longer runs (killed
/// mid-write) are removed first.
fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let stem = temp_stem(name);
    clean_stale_temps(dir, Some(stem));
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{stem}.{}.{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1_000_000 => {}
            Err(e) => return Err(e),
        }
    }
}

/// Removes the temporary files in `dir` that an atomic write of this program left behind
/// when its process was killed: `.{stem}.{pid}.{n}.tmp` whose process no longer runs
/// (only `stem`'s when given). Returns how many were removed. Best effort: where the
/// platform cannot tell whether a process runs, nothing is removed.
pub fn clean_stale_temps(dir: &Path, stem: Option<&str>) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(pid) = stale_temp_pid(name, stem) else {
            continue;
        };
        if pid != std::process::id() && process_gone(pid) && fs::remove_file(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The process id in a temporary name `.{stem}.{pid}.{n}.tmp`.
fn stale_temp_pid(name: &str, stem: Option<&str>) -> Option<u32> {
    let inner = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let mut parts = inner.rsplitn(3, '.');
    let n = parts.next()?;
    let pid = parts.next()?;
    let target = parts.next()?;
    if !n.bytes().all(|b| b.is_ascii_digit()) || stem.is_some_and(|s| s != target) {
        return None;
    }
    pid.parse().ok()
}

/// Whether process `pid` has ended (false when it cannot be told).
fn process_gone(pid: u32) -> bool {
    let proc = Path::new("/proc");
    proc.join("self").exists() && !proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Anchor, Block, BlockKind, Claim, ClaimKind, Day, Event, FuzzyDate, Meta, Precision, Source,
        SourceKind, news_categories,
    };
    use proptest::prelude::*;

    const MINI: &str = include_str!("../tests/data/mini.ron");

    fn mini() -> Article {
        from_str(MINI, "mini.ron").unwrap_or_else(|e| panic!("fixture mini.ron: {e}"))
    }

    #[test]
    fn long_target_names_get_legal_temporary_names() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        // 250 bytes of Persian letters: a legal name whose temporary name would not be.
        let name = format!("{}.ron", "خ".repeat(123));
        assert!(name.len() <= NAME_MAX);
        let p = dir.path().join(&name);
        write_atomic(&p, b"x", false).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(fs::read(&p).ok().as_deref(), Some(&b"x"[..]));
    }

    #[test]
    fn temporary_files_of_a_killed_writer_are_removed() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        // No process has this id (above Linux's pid_max); one of ours must stay.
        let stale = dir.path().join(".news.ron.4294967295.3.tmp");
        let ours = dir
            .path()
            .join(format!(".news.ron.{}.9.tmp", std::process::id()));
        let other = dir.path().join(".notes.4294967295.tmp");
        for p in [&stale, &ours, &other] {
            fs::write(p, b"half").unwrap_or_else(|e| panic!("{e}"));
        }
        write_atomic(&dir.path().join("news.ron"), b"whole", false)
            .unwrap_or_else(|e| panic!("{e}"));
        if Path::new("/proc/self").exists() {
            assert!(!stale.exists(), "the killed writer's temporary file stayed");
        }
        assert!(ours.exists() && other.exists());
    }

    #[test]
    fn builtin_parses_and_is_sound() {
        let a = from_str(BUILTIN_RON, BUILTIN_ORIGIN).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a, builtin());
        assert!(!a.blocks.is_empty(), "the built-in article has text");
        assert!(a.problems().is_empty(), "{:?}", a.problems());
    }

    #[test]
    fn fixture_loads() {
        let a = mini();
        assert_eq!(a.schema, SCHEMA_VERSION);
        assert_eq!(a.events.len(), 6);
        assert_eq!(a.sources_of_event("e2"), ["s1", "s2"]);
    }

    /// A version-1 file (fixed lanes) loads as the current version: its lanes become the
    /// article's categories, in the old lane order, and saving writes the current version.
    #[test]
    fn version_1_migrates() {
        assert!(
            MINI.contains("schema: 1,"),
            "the fixture is a version-1 file"
        );
        let a = mini();
        assert_eq!(a.schema, SCHEMA_VERSION);
        let ids: Vec<&str> = a.categories.iter().map(|c| c.id.as_str()).collect();
        for (e, lane) in a
            .events
            .iter()
            .zip(MINI.match_indices("lane: ").map(|(i, _)| {
                let rest = &MINI[i + 6..];
                &rest[..rest.find(',').unwrap_or(rest.len())]
            }))
        {
            let want = match lane {
                "Diplomacy" => "diplomacy",
                "Energy" => "energy",
                "Military" => "military",
                "Mediation" => "mediation",
                "Community" => "community",
                other => panic!("fixture lane {other} not covered here"),
            };
            assert_eq!(e.category, want, "event {}", e.id);
            assert!(ids.contains(&want), "{want} in {ids:?}");
        }
        // Only lanes in use, in the old order, with the old names and colours.
        let order = [
            "diplomacy",
            "energy",
            "military",
            "intelligence",
            "karabakh_war",
            "iran",
            "mediation",
            "community",
            "other",
        ];
        let pos: Vec<usize> = ids
            .iter()
            .map(|id| order.iter().position(|o| o == id).unwrap_or(99))
            .collect();
        assert!(pos.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
        let energy = a.category("energy");
        assert_eq!(
            (energy.fa.as_str(), energy.en.as_str()),
            ("انرژی", "Energy")
        );
        assert_eq!(energy.color.to_string(), "#b86e0c");
        let text = to_string(&a).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            text.contains(&format!("schema: {SCHEMA_VERSION},")),
            "{text}"
        );
        assert!(!text.contains("lane:"), "{text}");
    }

    #[test]
    fn to_string_round_trips() {
        for a in [mini(), builtin()] {
            let text = to_string(&a).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(
                from_str(&text, "x").unwrap_or_else(|e| panic!("{e}\n{text}")),
                a
            );
        }
    }

    /// (input, what the error message must contain)
    #[test]
    fn bad_text_gives_located_errors() {
        let future = MINI.replacen(
            "schema: 1",
            "schema: 7, shiny_new_field: [1, (a: 2)], another: Some(\"x\")",
            1,
        );
        let broken_anchor = MINI.replacen("exact: \"نفت صادر شد\"", "exact: \"گاز صادر شد\"", 1);
        let unknown_block = MINI.replacen(
            "(block: \"p4\", exact: \"سرگئی لاوروف\")",
            "(block: \"p9\", exact: \"x\")",
            1,
        );
        let dangling = MINI.replacen("events: [\"e6\"]", "events: [\"e6\", \"e99\"]", 1);
        let bad_date = MINI.replacen("\"2024-10-03\", end", "\"2024-02-30\", end", 1);
        let half = (0..=MINI.len() / 2)
            .rev()
            .find(|&i| MINI.is_char_boundary(i))
            .unwrap_or(0);
        let truncated = &MINI[..half];
        let cases: Vec<(&str, &str)> = vec![
            ("", "t:1:1"),
            ("(", "t:1:"),
            ("(\n\n  schema: 1,\n  meta: )", "t:4:"),
            ("(schema: 1", "t:1:"),
            ("(schema: \"one\")", "t:1:"),
            ("(schema: 1)", "t:1:"),
            ("(schema: 0, meta: (title: \"\"), blocks: [])", "version 0"),
            ("(schema: 4294967296)", "t:1:"),
            ("[1, 2, 3]", "t:1:1"),
            (
                "(schema: 1, meta: (title: \"t\"), blocks: [(id: \"a\", kind: Banner, text: \"\")])",
                "t:1:",
            ),
            (truncated, "t:"),
            (&future, "schema version 7"),
            (&future, "reads (version 2)"),
            (&broken_anchor, "broken anchor «گاز صادر شد»"),
            (&unknown_block, "unknown block «p9»"),
            (&dangling, "unknown event «e99»"),
            (&bad_date, "2024-02-30"),
        ];
        for (input, want) in cases {
            let short: String = input.chars().take(80).collect();
            match from_str(input, "t") {
                Ok(_) => panic!("input {short:?} should be refused"),
                Err(e) => assert!(
                    e.to_string().contains(want),
                    "input {short:?}: error «{e}» lacks «{want}»"
                ),
            }
        }
    }

    #[test]
    fn an_unknown_field_is_refused_where_it_stands() {
        let text = BUILTIN_RON.replacen("schema:", "color: \"red\",\n    schema:", 1);
        match from_str(&text, "x.ron") {
            Err(StoreError::Syntax { line, message, .. }) => {
                assert!(line >= 1 && message.contains("color"), "{message}");
            }
            other => panic!("an unknown field was accepted: {:?}", other.map(|_| ())),
        }
    }

    #[test]
    fn old_mac_line_ends_load() {
        let cr = BUILTIN_RON.replace('\n', "\r");
        let a = from_str(&cr, "cr.ron").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a, builtin());
    }

    #[test]
    fn deep_nesting_is_reported_without_library_advice() {
        let text = format!(
            "(schema: 2, x: {}{})",
            "[".repeat(10_000),
            "]".repeat(10_000)
        );
        let e = from_str(&text, "deep.ron")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("nested too deeply"), "{e}");
        assert!(
            !e.contains("serde_stacker") && !e.contains("recursion_limit"),
            "{e}"
        );
    }

    #[test]
    fn a_long_problem_list_is_capped_and_counted() {
        let problems: Vec<Problem> = (0..100_000)
            .map(|i| Problem::UnknownEvent {
                claim: format!("c{i}"),
                event: "e0".into(),
            })
            .collect();
        let e = StoreError::Broken {
            origin: "big.ron".into(),
            problems,
        }
        .to_string();
        assert!(
            e.starts_with("big.ron: 100000 broken reference(s): claim c0: unknown event «e0»"),
            "{e}"
        );
        assert!(e.ends_with("; and 99980 more"), "{e}");
        assert!(e.len() < 2_000, "{} bytes", e.len());
    }

    #[test]
    fn all_problems_are_reported() {
        let two = MINI
            .replacen("exact: \"نفت صادر شد\"", "exact: \"گاز صادر شد\"", 1)
            .replacen("exact: \"«راه حل دیپلماتیک است»\"", "exact: \"«نه»\"", 1);
        let e = from_str(&two, "t")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            e.contains("2 broken") && e.contains("«گاز صادر شد»") && e.contains("«نه»"),
            "{e}"
        );
    }

    #[test]
    fn struct_names_and_bom_are_accepted() {
        let named = MINI.replacen("(\n    schema", "Article(\n    schema", 1);
        assert_eq!(from_str(&named, "t").ok(), Some(mini()));
        assert_eq!(from_str(&format!("\u{feff}{MINI}"), "t").ok(), Some(mini()));
    }

    fn temp_dir() -> tempfile::TempDir {
        tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
    }

    #[test]
    fn load_refuses_bad_files() {
        let dir = temp_dir();
        let p = dir.path().join("a.ron");
        let cases: Vec<(Vec<u8>, String)> = vec![
            (
                b"(schema: 1, meta: (title: \"\xff\"))".to_vec(),
                "offset 27".to_owned(),
            ),
            (vec![0xc3], "offset 0".to_owned()),
            (b"((".to_vec(), format!("{}:1:", p.display())),
        ];
        for (bytes, want) in cases {
            fs::write(&p, &bytes).unwrap_or_else(|e| panic!("{e}"));
            let e = load(&p).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(
                e.contains(&want) && e.contains(&p.display().to_string()),
                "input {bytes:?}: «{e}» lacks «{want}»"
            );
        }
        let missing = dir.path().join("missing.ron");
        assert!(matches!(load(&missing), Err(StoreError::Read { .. })));
        assert!(
            matches!(load(dir.path()), Err(StoreError::Read { .. })),
            "a directory is not an article"
        );
    }

    #[test]
    fn load_refuses_oversized_files_without_reading_them() {
        let dir = temp_dir();
        let p = dir.path().join("big.ron");
        let f = File::create(&p).unwrap_or_else(|e| panic!("{e}"));
        f.set_len(MAX_FILE_BYTES + 1)
            .unwrap_or_else(|e| panic!("{e}"));
        let e = load(&p).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("over the limit") && e.contains("big.ron"), "{e}");
    }

    #[test]
    fn save_replaces_atomically_and_cleans_up() {
        let dir = temp_dir();
        let p = dir.path().join("out.ron");
        fs::write(&p, "old").unwrap_or_else(|e| panic!("{e}"));
        let a = mini();
        save(&a, &p).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(load(&p).ok(), Some(a.clone()));
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap_or_else(|e| panic!("{e}"))
            .filter_map(|e| e.ok().map(|e| e.file_name()))
            .collect();
        assert_eq!(names, ["out.ron"], "no temporary files are left behind");
        // A target in a missing directory fails cleanly.
        let bad = dir.path().join("no/such/dir/x.ron");
        assert!(matches!(save(&a, &bad), Err(StoreError::Write { .. })));
        // Saving onto a directory fails and leaves no temporary file.
        let sub = dir.path().join("sub");
        fs::create_dir(&sub).unwrap_or_else(|e| panic!("{e}"));
        fs::write(sub.join("keep"), "").unwrap_or_else(|e| panic!("{e}"));
        assert!(save(&a, &sub).is_err());
        assert!(sub.is_dir());
        let left = fs::read_dir(dir.path()).map(|d| d.count()).unwrap_or(0);
        assert_eq!(left, 2, "only out.ron and sub remain");
    }

    fn day() -> impl Strategy<Value = Day> {
        (-9999i32..=9999, 1u8..=12, 1u8..=28)
            .prop_map(|(y, m, d)| Day::new(y, m, d).unwrap_or_else(|e| panic!("{e}")))
    }

    fn precision() -> impl Strategy<Value = Precision> {
        prop_oneof![
            Just(Precision::Day),
            Just(Precision::Month),
            Just(Precision::Season),
            Just(Precision::Year),
            Just(Precision::Decade),
            Just(Precision::PartOfDecade),
            Just(Precision::Range),
        ]
    }

    /// Text of any characters, tilted towards Persian, quotes, escapes and newlines.
    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                4 => prop::char::range('\u{600}', '\u{6ff}'),
                1 => prop::sample::select(vec!['"', '\\', '\n', '\r', '\t', '\0', ' ', '\u{200c}', '«', '»', ')', '(', ',', '/', '*', '#']),
                1 => any::<char>(),
            ],
            1..40,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    /// A sound article: every anchor is a piece of its block, every reference resolves.
    fn article() -> impl Strategy<Value = Article> {
        let blocks = prop::collection::vec((text(), 0u8..3, any::<bool>()), 1..6);
        (
            text(),
            any::<String>(),
            prop::collection::vec(any::<String>(), 0..3),
            blocks,
            any::<Option<String>>(),
        )
            .prop_flat_map(|(title, author, lead, blocks, publication)| {
                let n_blocks = blocks.len();
                let events = prop::collection::vec(
                    (
                        0..n_blocks,
                        any::<usize>(),
                        day(),
                        day(),
                        precision(),
                        any::<bool>(),
                        text(),
                        0..news_categories().len(),
                    ),
                    0..6,
                );
                let sources = prop::collection::vec(
                    (
                        text(),
                        any::<String>(),
                        0..SourceKind::ALL.len(),
                        any::<String>(),
                    ),
                    1..4,
                );
                (
                    Just((title, author, lead, blocks, publication)),
                    events,
                    sources,
                )
            })
            .prop_flat_map(|(meta, events, sources)| {
                let (n_events, n_sources) = (events.len(), sources.len());
                let claims = prop::collection::vec(
                    (
                        0..n_sources,
                        any::<usize>(),
                        prop::collection::vec(any::<usize>(), 0..3),
                    ),
                    0..5,
                );
                (
                    Just(meta),
                    Just(events),
                    Just(sources),
                    claims,
                    Just(n_events),
                )
            })
            .prop_map(
                |(
                    (title, author, lead, blocks, publication),
                    events,
                    sources,
                    claims,
                    n_events,
                )| {
                    let blocks: Vec<Block> = blocks
                        .into_iter()
                        .enumerate()
                        .map(|(i, (text, kind, sidebar))| Block {
                            id: format!("p{i}"),
                            kind: [
                                BlockKind::Heading,
                                BlockKind::Paragraph,
                                BlockKind::PullQuote,
                            ][usize::from(kind)],
                            text,
                            sidebar,
                            page: None,
                        })
                        .collect();
                    // A non-empty piece of block `b`, cut at char boundaries.
                    let piece = |b: usize, at: &usize| {
                        let t = &blocks[b].text;
                        let chars: Vec<(usize, char)> = t.char_indices().collect();
                        let (start, c) = chars[at % chars.len()];
                        Anchor::new(blocks[b].id.clone(), &t[start..start + c.len_utf8()])
                    };
                    let events: Vec<Event> = events
                        .iter()
                        .enumerate()
                        .map(
                            |(i, (b, at, d1, d2, precision, approximate, label, lane))| {
                                let anchor = piece(*b, at);
                                let date =
                                    FuzzyDate::new(*d1, *d2, *precision, anchor.exact.clone())
                                        .approximate(*approximate);
                                Event {
                                    id: format!("e{i}"),
                                    date,
                                    category: news_categories()[*lane].id.clone(),
                                    label: label.clone(),
                                    anchor,
                                    certainty: Default::default(),
                                    origin: Default::default(),
                                    note: String::new(),
                                }
                            },
                        )
                        .collect();
                    let sources: Vec<Source> = sources
                        .iter()
                        .enumerate()
                        .map(|(i, (name, name_en, kind, role))| Source {
                            id: format!("s{i}"),
                            name: name.clone(),
                            name_en: name_en.clone(),
                            kind: SourceKind::ALL[*kind],
                            role: role.clone(),
                            link: None,
                            aliases: Vec::new(),
                            mentions: vec![piece(i % blocks.len(), &0)],
                            note: String::new(),
                        })
                        .collect();
                    let claims: Vec<Claim> = claims
                        .iter()
                        .enumerate()
                        .map(|(i, (s, at, evs))| Claim {
                            id: format!("c{i}"),
                            source: format!("s{s}"),
                            kind: [
                                ClaimKind::Report,
                                ClaimKind::Quotation,
                                ClaimKind::Statement,
                            ][i % 3],
                            anchor: piece(i % blocks.len(), at),
                            events: if n_events == 0 {
                                Vec::new()
                            } else {
                                evs.iter().map(|e| format!("e{}", e % n_events)).collect()
                            },
                            certainty: Default::default(),
                            note: String::new(),
                        })
                        .collect();
                    Article {
                        schema: SCHEMA_VERSION,
                        meta: Meta {
                            title,
                            author,
                            lead,
                            language: "fa".to_owned(),
                            date: publication.as_ref().and_then(|_| Day::new(2001, 2, 3).ok()),
                            publication,
                        },
                        categories: news_categories(),
                        blocks,
                        events,
                        sources,
                        claims,
                        highlights: Vec::new(),
                    }
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn from_str_never_panics(s in any::<String>()) {
            let _ = from_str(&s, "prop");
        }

        #[test]
        fn from_str_never_panics_on_near_ron(s in r#"[()\[\]"a-z0-9:,. \\\n-]{0,80}"#) {
            let _ = from_str(&s, "prop");
            let _ = from_str(&format!("(schema: 1, {s}"), "prop");
        }

        #[test]
        fn mangled_fixture_never_panics(cut in any::<usize>(), insert in any::<String>()) {
            let mut at = cut % (MINI.len() + 1);
            while !MINI.is_char_boundary(at) {
                at -= 1;
            }
            let _ = from_str(&format!("{}{insert}{}", &MINI[..at], &MINI[at..]), "prop");
            let _ = from_str(&MINI[..at], "prop");
        }

        #[test]
        fn load_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
            let dir = temp_dir();
            let p = dir.path().join("x.ron");
            fs::write(&p, &bytes).unwrap_or_else(|e| panic!("{e}"));
            let _ = load(&p);
        }

        #[test]
        fn generated_article_round_trips(a in article()) {
            prop_assert!(a.problems().is_empty(), "{:?}", a.problems());
            let dir = temp_dir();
            let p = dir.path().join("a.ron");
            save(&a, &p).unwrap_or_else(|e| panic!("{e}"));
            let back = load(&p).unwrap_or_else(|e| panic!("{e}\n{}", fs::read_to_string(&p).unwrap_or_default()));
            prop_assert_eq!(back, a);
        }
    }
}
