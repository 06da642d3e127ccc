//! The command line (DESIGN.md's stable contract): clap definitions, their checked form
//! [`Mode`], and the headless commands, which return an exit code or an error.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};

use crate::chart::Lang;
use crate::export::{self, Format, ImageOptions};
use crate::model::{Article, Day};
use crate::store;

/// Gahnegar (گاه‌نگار): a reader for Persian news — typography, a timeline of dated
/// events, and the sources behind them.
#[derive(Debug, Parser)]
#[command(name = "gahnegar", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Article to open in the GUI: a .ron article, a .txt file to import, or events as
    /// TimelineJS .json or .csv. Without it the GUI opens the built-in article.
    pub path: Option<PathBuf>,
    /// Open the GUI on the library in this folder (default when shown from the menu:
    /// gahnegar/library in the platform's data folder).
    #[arg(long, value_name = "DIR")]
    pub library: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Repair, segment and extract a file (text, a saved web page, a Telegram export,
    /// TimelineJS or CSV: told apart by content), write it as RON and print counts.
    Import {
        /// The file to import.
        input: PathBuf,
        /// Where to write the article (default: IN with the extension .ron); a Telegram
        /// export, one article a post, is written as a folder of NNNN.ron files.
        #[arg(short, long, value_name = "OUT.ron")]
        output: Option<PathBuf>,
        /// Replace OUT if it exists.
        #[arg(long)]
        force: bool,
        /// The document's date, which anchors «امروز», «دیروز», weekdays and days without
        /// a year: YYYY-MM-DD or YYYY/MM/DD, Persian or Latin digits, Solar Hijri when the
        /// year is below 1700 (default: the dateline found in the text).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_document_date)]
        date: Option<Day>,
    },
    /// Print an article (the built-in one when no PATH is given).
    Dump {
        /// A .ron article, a .txt file to import, or TimelineJS .json or .csv events.
        path: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum)]
        format: DumpFormat,
    },
    /// Write the timeline as a picture, or the article for another tool, to a file.
    Export {
        #[command(subcommand)]
        what: ExportCommand,
    },
    /// A library of many articles: add files, search them, dump their events and sources.
    Library {
        #[command(subcommand)]
        what: LibraryCommand,
        /// The library folder (default: gahnegar/library in the platform's data folder).
        #[arg(long, value_name = "DIR", global = true)]
        library: Option<PathBuf>,
    },
    /// Print the repaired text of a file (standard input when IN is `-` or absent).
    Normalize {
        /// The text file, or `-` for standard input.
        #[arg(value_name = "IN")]
        input: Option<PathBuf>,
    },
}

/// What `gahnegar export` writes.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The timeline as SVG (labels as outlines) or PNG, by OUT's extension.
    Timeline {
        #[command(flatten)]
        common: ExportArgs,
        /// Pixels per point of a PNG (1 or 2).
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=2))]
        scale: u8,
        /// Width in points.
        #[arg(long, default_value_t = 1200, value_parser = clap::value_parser!(u32).range(480..=8000))]
        width: u32,
        /// First day shown, YYYY-MM-DD (default: fit all events; a year before 1 is
        /// negative, e.g. -0500-01-01).
        #[arg(long, value_name = "YYYY-MM-DD", allow_hyphen_values = true)]
        from: Option<Day>,
        /// Last day shown, YYYY-MM-DD (default: fit all events).
        #[arg(long, value_name = "YYYY-MM-DD", allow_hyphen_values = true)]
        to: Option<Day>,
        /// Labels in English, time left to right.
        #[arg(long)]
        english: bool,
    },
    /// Events as CSV (UTF-8 with a byte-order mark).
    Csv(ExportArgs),
    /// Events as Knight Lab TimelineJS JSON.
    #[command(name = "timelinejs")]
    TimelineJs(ExportArgs),
    /// Sources as CSL-JSON, for reference managers.
    Csl(ExportArgs),
    /// The article as one self-contained HTML page.
    Html(ExportArgs),
}

/// What `gahnegar library` does.
#[derive(Debug, PartialEq, Eq, Subcommand)]
pub enum LibraryCommand {
    /// Add files or folders (text, CSV feeds and events, TimelineJS JSON, RON articles);
    /// a file already in the library is not added again.
    Add {
        /// Files and folders to add (folders are walked for .txt, .csv, .tsv, .json, .ron).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Search every article; one hit a line: article, paragraph, snippet.
    Search {
        /// Words to find (Persian folding: ی/ي, ک/ك, ZWNJ and spaces, diacritics, digits).
        query: String,
        /// Most hits printed.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Events, sources and claims as one flat table with a `kind` column.
    Dump {
        /// Output format.
        #[arg(long, value_enum)]
        format: LibraryDumpFormat,
    },
}

/// The `library dump --format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LibraryDumpFormat {
    /// One JSON object a line.
    Jsonl,
    /// CSV, UTF-8 with a byte-order mark.
    Csv,
}

/// What every export takes.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The article (the built-in one when absent): .ron, .txt, TimelineJS .json or .csv.
    pub path: Option<PathBuf>,
    /// The file to write.
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// Replace OUT if it exists.
    #[arg(long)]
    pub force: bool,
}

/// The `dump --format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DumpFormat {
    /// One JSON object: title, author, paragraphs, events, sources.
    Json,
    /// Plain text in reading order.
    Text,
    /// One row per event, UTF-8 with a byte-order mark.
    Csv,
    /// Knight Lab TimelineJS JSON.
    #[value(name = "timelinejs")]
    TimelineJs,
    /// CSL-JSON of the sources.
    Csl,
    /// One self-contained HTML page.
    Html,
}

impl From<DumpFormat> for Format {
    fn from(f: DumpFormat) -> Self {
        match f {
            DumpFormat::Json => Format::Json,
            DumpFormat::Text => Format::Text,
            DumpFormat::Csv => Format::Csv,
            DumpFormat::TimelineJs => Format::TimelineJs,
            DumpFormat::Csl => Format::Csl,
            DumpFormat::Html => Format::Html,
        }
    }
}

/// What the command line asks for, checked.
#[derive(Debug, PartialEq, Eq)]
pub enum Mode {
    /// The GUI on `path`, or on the built-in article.
    Gui(Option<PathBuf>),
    /// The GUI on the library in this folder.
    GuiLibrary(PathBuf),
    /// Print `path` (or the built-in article) in `format`.
    Dump {
        path: Option<PathBuf>,
        format: Format,
    },
    Import {
        input: PathBuf,
        output: Option<PathBuf>,
        /// Replace `output` if it exists.
        force: bool,
        /// The document date given with `--date`.
        date: Option<Day>,
    },
    /// `None` reads standard input.
    Normalize { input: Option<PathBuf> },
    /// A library command on the folder `library` (`None`: the default folder).
    Library {
        command: LibraryCommand,
        library: Option<PathBuf>,
    },
    /// Write `path` (or the built-in article) to `output` as `kind`.
    Export {
        kind: ExportKind,
        path: Option<PathBuf>,
        output: PathBuf,
        /// Replace `output` if it exists.
        force: bool,
    },
}

/// The checked form of `gahnegar export`'s subcommands.
#[derive(Debug, PartialEq, Eq)]
pub enum ExportKind {
    Timeline {
        png: bool,
        scale: u8,
        /// Points.
        width: u32,
        from: Option<Day>,
        to: Option<Day>,
        lang: Lang,
    },
    Csv,
    TimelineJs,
    Csl,
    Html,
}

impl Cli {
    /// The checked form of the arguments.
    pub fn into_mode(self) -> Mode {
        match self.command {
            None => match self.library {
                Some(dir) => Mode::GuiLibrary(dir),
                None => Mode::Gui(self.path),
            },
            Some(Command::Dump { path, format }) => Mode::Dump {
                path,
                format: format.into(),
            },
            Some(Command::Import {
                input,
                output,
                force,
                date,
            }) => Mode::Import {
                input,
                output,
                force,
                date,
            },
            Some(Command::Library { what, library }) => Mode::Library {
                command: what,
                library,
            },
            Some(Command::Normalize { input }) => Mode::Normalize {
                input: input.filter(|p| p.as_os_str() != "-"),
            },
            Some(Command::Export { what }) => {
                let (kind, args) = match what {
                    ExportCommand::Timeline {
                        common,
                        scale,
                        width,
                        from,
                        to,
                        english,
                    } => (
                        ExportKind::Timeline {
                            png: common
                                .output
                                .extension()
                                .is_some_and(|e| e.eq_ignore_ascii_case("png")),
                            scale,
                            width,
                            from,
                            to,
                            lang: if english { Lang::En } else { Lang::Fa },
                        },
                        common,
                    ),
                    ExportCommand::Csv(a) => (ExportKind::Csv, a),
                    ExportCommand::TimelineJs(a) => (ExportKind::TimelineJs, a),
                    ExportCommand::Csl(a) => (ExportKind::Csl, a),
                    ExportCommand::Html(a) => (ExportKind::Html, a),
                };
                Mode::Export {
                    kind,
                    path: args.path,
                    output: args.output,
                    force: args.force,
                }
            }
        }
    }
}

/// The error as one line for the terminal: its message, then each cause that the message
/// does not already say (typed errors often quote their source, which anyhow's `{:#}`
/// would print a second time).
pub fn error_text(err: &anyhow::Error) -> String {
    let mut out = err.to_string();
    for cause in err.chain().skip(1) {
        let c = cause.to_string();
        if !out.contains(&c) {
            out.push_str(": ");
            out.push_str(&c);
        }
    }
    out
}

/// The exit code for an error from [`run`] (usage errors exit with 2 from clap).
pub fn exit_code(_err: &anyhow::Error) -> ExitCode {
    ExitCode::FAILURE
}

/// Runs the GUI or a headless command.
pub fn run(mode: Mode) -> anyhow::Result<ExitCode> {
    match mode {
        Mode::GuiLibrary(dir) => {
            crate::ui::run(None, Some(dir))?;
            Ok(ExitCode::SUCCESS)
        }
        Mode::Gui(path) => {
            crate::ui::run(path, None)?;
            Ok(ExitCode::SUCCESS)
        }
        Mode::Dump { path, format } => {
            let article = match path {
                None => store::builtin(),
                Some(p) => open(&p)?,
            };
            write_stdout(&export::dump(&article, format))
        }
        Mode::Import {
            input,
            output,
            force,
            date,
        } => import(&input, output, force, date),
        Mode::Export {
            kind,
            path,
            output,
            force,
        } => export(&kind, path.as_deref(), &output, force),
        Mode::Library { command, library } => run_library(command, library),
        Mode::Normalize { input } => {
            let bytes = match &input {
                Some(p) => read_limited(p)?,
                None => crate::bounded::read_at_most(
                    io::stdin().lock(),
                    crate::persian::decode::MAX_INPUT_BYTES as u64,
                )
                .context("standard input")?,
            };
            let name = input
                .as_ref()
                .map_or_else(|| "standard input".to_owned(), |p| p.display().to_string());
            let decoded = crate::persian::decode::decode(&bytes).with_context(|| name.clone())?;
            write_stdout(&crate::import::normalize(&decoded.text))
        }
    }
}

/// `gahnegar library …`: opens the library (reporting what it repaired on standard
/// error), then adds, searches or dumps.
fn run_library(command: LibraryCommand, dir: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    use crate::library::{AddOptions, Library, dump};
    let dir = match dir {
        Some(d) => d,
        None => crate::library::default_dir().context(
            "this platform has no data folder for the library; choose one with --library DIR",
        )?,
    };
    let (mut lib, opened) = Library::open(&dir)?;
    let mut err = io::stderr().lock();
    for d in &opened.damaged {
        let _ = writeln!(
            err,
            "damaged article {} ({}): {}",
            d.id,
            d.path.display(),
            d.reason
        );
    }
    if let Some(why) = &opened.catalog_rebuilt {
        let _ = writeln!(err, "catalog rebuilt: {why}");
    }
    if let Some(why) = &opened.index_rebuilt {
        let _ = writeln!(err, "search index rebuilt: {why}");
    }
    if let Some(why) = &opened.decisions_lost {
        let _ = writeln!(err, "groups' decisions set aside: {why}");
    }
    match command {
        LibraryCommand::Add { paths } => {
            let report = lib.add(&paths, &AddOptions::default(), &|p| {
                if p.done % 100 == 0 || p.done == p.total {
                    let left = p.time_left().map_or(String::new(), |t| {
                        format!(", {:.0} s left", t.as_secs_f64())
                    });
                    let _ = writeln!(
                        io::stderr().lock(),
                        "{}/{} files, {:.1} files/s{left}",
                        p.done,
                        p.total,
                        p.rate()
                    );
                }
            })?;
            let mut out = format!(
                "{} articles added, {} already in the library, {} replaced, {} failed -> {}\n",
                report.added.len(),
                report.duplicates.len(),
                report.replaced.len(),
                report.failed.len(),
                lib.root().display()
            );
            for (path, of) in &report.duplicates {
                out.push_str(&format!("already there: {} ({of})\n", path.display()));
            }
            for f in &report.failed {
                out.push_str(&format!("failed: {}: {}\n", f.path.display(), f.reason));
            }
            for (article, owner) in &report.orphaned {
                out.push_str(&format!(
                    "orphaned: {article}: {owner}: its text is no longer in the file (kept)\n"
                ));
            }
            write_stdout(&out)?;
            Ok(if report.failed.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        LibraryCommand::Search { query, limit } => {
            let mut out = String::new();
            for h in lib.search(&query, limit)? {
                let snippet = h.snippet.replace(['\n', '\t'], " ");
                out.push_str(&format!("{}\t{}\t{snippet}\n", h.article, h.block_id));
            }
            write_stdout(&out)
        }
        LibraryCommand::Dump { format } => {
            let format = match format {
                LibraryDumpFormat::Jsonl => dump::DumpFormat::Jsonl,
                LibraryDumpFormat::Csv => dump::DumpFormat::Csv,
            };
            write_stdout(&dump::dump(&lib, format)?)
        }
    }
}

/// Reads a file for `normalize`, at most the import limit whatever the path is.
fn read_limited(path: &Path) -> anyhow::Result<Vec<u8>> {
    let limit = crate::persian::decode::MAX_INPUT_BYTES as u64;
    crate::bounded::read_path_at_most(path, limit)
        .with_context(|| format!("cannot read {}", path.display()))
}

/// `--date`: a document date, Solar Hijri below the year 1700.
fn parse_document_date(s: &str) -> Result<Day, String> {
    crate::persian::tagger::parse_date_arg(s).map_err(|e| e.to_string())
}

/// `gahnegar import`: text file in, RON article out, counts printed.
fn import(
    input: &Path,
    output: Option<PathBuf>,
    force: bool,
    date: Option<Day>,
) -> anyhow::Result<ExitCode> {
    let out = output.unwrap_or_else(|| input.with_extension("ron"));
    // Never over the text being read, --force or not.
    if let (Ok(a), Ok(b)) = (std::fs::canonicalize(input), std::fs::canonicalize(&out))
        && a == b
    {
        anyhow::bail!(
            "{} is the file being imported; name another output with -o",
            out.display()
        );
    }
    // Anything at the output's name, even a link to nothing, is replaced only with --force.
    if std::fs::symlink_metadata(&out).is_ok() && !force {
        anyhow::bail!("{} exists; pass --force to replace it", out.display());
    }
    let options = crate::import::ImportOptions { date };
    let mut all = crate::import::import_file(input, &options)?;
    if all.len() > 1 {
        return import_many(input, &all, &out, force);
    }
    let imported = all.remove(0);
    store::save(&imported.article, &out)?;
    write_stdout(&import_report(input, &imported, &out))
}

/// One line of counts for an imported article, then its warnings.
fn import_report(input: &Path, imported: &crate::import::Imported, out: &Path) -> String {
    let a = &imported.article;
    let mut report = format!(
        "{}: {} blocks, {} events, {} sources, {} claims, {} repairs -> {}\n",
        input.display(),
        a.blocks.len(),
        a.events.len(),
        a.sources.len(),
        a.claims.len(),
        imported.repairs.len(),
        out.display()
    );
    for w in &imported.warnings {
        report.push_str(&format!("warning: {w}\n"));
    }
    report
}

/// A file of several articles (a Telegram export: one a post) goes into the folder `dir`
/// (made if missing), one `NNNN.ron` an article; an existing file is replaced only with
/// `--force`, and none is written when one would be refused.
fn import_many(
    input: &Path,
    all: &[crate::import::Imported],
    dir: &Path,
    force: bool,
) -> anyhow::Result<ExitCode> {
    let dir = if dir
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
    {
        dir.with_extension("")
    } else {
        dir.to_path_buf()
    };
    if dir.exists() && !dir.is_dir() {
        anyhow::bail!(
            "{} holds {} articles and is written as a folder, but {} is a file; name a folder with -o",
            input.display(),
            all.len(),
            dir.display()
        );
    }
    let width = all.len().to_string().len().max(4);
    let paths: Vec<PathBuf> = (1..=all.len())
        .map(|i| dir.join(format!("{i:0width$}.ron")))
        .collect();
    if !force && let Some(p) = paths.iter().find(|p| p.symlink_metadata().is_ok()) {
        anyhow::bail!("{} exists; pass --force to replace it", p.display());
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot make {}", dir.display()))?;
    let mut report = String::new();
    for (imported, path) in all.iter().zip(&paths) {
        store::save(&imported.article, path)?;
        report.push_str(&import_report(input, imported, path));
    }
    report.push_str(&format!("{} articles -> {}\n", all.len(), dir.display()));
    write_stdout(&report)
}

/// `gahnegar export`: the article (or the built-in one) written to `out` as `kind`.
fn export(
    kind: &ExportKind,
    path: Option<&Path>,
    out: &Path,
    force: bool,
) -> anyhow::Result<ExitCode> {
    if let ExportKind::Timeline { png: false, .. } = kind
        && !out
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
    {
        anyhow::bail!(
            "{}: the timeline is written as .svg or .png; name the file with one of them",
            out.display()
        );
    }
    if out.exists() && !force {
        anyhow::bail!("{} exists; pass --force to replace it", out.display());
    }
    let article = match path {
        None => store::builtin(),
        Some(p) => open(p)?,
    };
    match kind {
        ExportKind::Timeline {
            png,
            scale,
            width,
            from,
            to,
            lang,
        } => {
            let view = match (from, to) {
                (None, None) => None,
                (Some(a), Some(b)) if a < b => Some((*a, *b)),
                (Some(a), Some(b)) => {
                    anyhow::bail!("--from ({a}) must come before --to ({b})")
                }
                (Some(_), None) | (None, Some(_)) => {
                    anyhow::bail!("--from and --to go together: give both, or neither")
                }
            };
            let options = ImageOptions {
                view,
                // Exact: the width is checked to be 480..=8000.
                width: *width as f32,
                ..ImageOptions::new(*lang)
            };
            if *png {
                export::write_timeline_png_with(&article, &options, f32::from(*scale), out, force)?;
            } else {
                export::write_timeline_svg_with(&article, &options, out, force)?;
            }
        }
        ExportKind::Csv => export::write_csv(&article, out, force)?,
        ExportKind::TimelineJs => export::write_timelinejs(&article, out, force)?,
        ExportKind::Csl => export::write_csl(&article, out, force)?,
        ExportKind::Html => export::write_html(&article, out, force)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Loads an article for a headless command: .ron, .txt, TimelineJS .json or .csv.
fn open(path: &Path) -> anyhow::Result<Article> {
    crate::import::load_any(path)
}

/// Writes `text` to standard output. A closed pipe (`| head`) is not an error.
fn write_stdout(text: &str) -> anyhow::Result<ExitCode> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(anyhow::Error::new(e).context("cannot write to standard output")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(args: &[&str]) -> Result<Mode, String> {
        Cli::try_parse_from(std::iter::once("gahnegar").chain(args.iter().copied()))
            .map(Cli::into_mode)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn parses_the_contract() {
        let p = |s: &str| Some(PathBuf::from(s));
        for (args, want) in [
            (&[][..], Mode::Gui(None)),
            (&["a.ron"][..], Mode::Gui(p("a.ron"))),
            (&["in.txt"][..], Mode::Gui(p("in.txt"))),
            (
                &["--library", "lib"][..],
                Mode::GuiLibrary(PathBuf::from("lib")),
            ),
            (
                &["dump", "--format", "json"][..],
                Mode::Dump {
                    path: None,
                    format: Format::Json,
                },
            ),
            (
                &["dump", "a.ron", "--format", "csv"][..],
                Mode::Dump {
                    path: p("a.ron"),
                    format: Format::Csv,
                },
            ),
            (
                &["dump", "--format", "text", "a.ron"][..],
                Mode::Dump {
                    path: p("a.ron"),
                    format: Format::Text,
                },
            ),
            (
                &["dump", "--format=timelinejs"][..],
                Mode::Dump {
                    path: None,
                    format: Format::TimelineJs,
                },
            ),
            (
                &["import", "in.txt"][..],
                Mode::Import {
                    input: PathBuf::from("in.txt"),
                    output: None,
                    force: false,
                    date: None,
                },
            ),
            (
                &["import", "in.txt", "-o", "o.ron"][..],
                Mode::Import {
                    input: PathBuf::from("in.txt"),
                    output: p("o.ron"),
                    force: false,
                    date: None,
                },
            ),
            (
                &["import", "in.txt", "--date", "۱۳۹۸/۰۶/۲۴"][..],
                Mode::Import {
                    input: PathBuf::from("in.txt"),
                    output: None,
                    force: false,
                    date: "2019-09-15".parse().ok(),
                },
            ),
            (&["normalize"][..], Mode::Normalize { input: None }),
            (&["normalize", "-"][..], Mode::Normalize { input: None }),
            (
                &["normalize", "x.txt"][..],
                Mode::Normalize { input: p("x.txt") },
            ),
        ] {
            assert_eq!(mode(args).as_ref(), Ok(&want), "args {args:?}");
        }
    }

    #[test]
    fn parses_export() {
        let p = |s: &str| PathBuf::from(s);
        let day = |s: &str| s.parse::<Day>().ok();
        let timeline = |png, scale, width, from, to, lang| ExportKind::Timeline {
            png,
            scale,
            width,
            from,
            to,
            lang,
        };
        for (args, want) in [
            (
                &["export", "timeline", "-o", "t.svg"][..],
                Mode::Export {
                    kind: timeline(false, 1, 1200, None, None, Lang::Fa),
                    path: None,
                    output: p("t.svg"),
                    force: false,
                },
            ),
            (
                &[
                    "export",
                    "timeline",
                    "a.ron",
                    "-o",
                    "t.PNG",
                    "--scale",
                    "2",
                    "--width",
                    "800",
                    "--force",
                    "--from",
                    "2020-01-01",
                    "--to",
                    "2021-12-31",
                    "--english",
                ][..],
                Mode::Export {
                    kind: timeline(true, 2, 800, day("2020-01-01"), day("2021-12-31"), Lang::En),
                    path: Some(p("a.ron")),
                    output: p("t.PNG"),
                    force: true,
                },
            ),
            (
                &["export", "csv", "e.json", "--output", "o.csv"][..],
                Mode::Export {
                    kind: ExportKind::Csv,
                    path: Some(p("e.json")),
                    output: p("o.csv"),
                    force: false,
                },
            ),
            (
                &["export", "timelinejs", "-o", "o.json", "--force"][..],
                Mode::Export {
                    kind: ExportKind::TimelineJs,
                    path: None,
                    output: p("o.json"),
                    force: true,
                },
            ),
            (
                &["export", "csl", "-o", "s.json"][..],
                Mode::Export {
                    kind: ExportKind::Csl,
                    path: None,
                    output: p("s.json"),
                    force: false,
                },
            ),
            (
                &["export", "html", "a.csv", "-o", "a.html"][..],
                Mode::Export {
                    kind: ExportKind::Html,
                    path: Some(p("a.csv")),
                    output: p("a.html"),
                    force: false,
                },
            ),
            (
                &["dump", "--format", "csl"][..],
                Mode::Dump {
                    path: None,
                    format: Format::Csl,
                },
            ),
        ] {
            assert_eq!(mode(args).as_ref(), Ok(&want), "args {args:?}");
        }
        for args in [
            &["export"][..],
            &["export", "timeline"][..],
            &["export", "pdf", "-o", "x.pdf"][..],
            &["export", "timeline", "-o", "t.png", "--scale", "3"][..],
            &["export", "timeline", "-o", "t.png", "--width", "10"][..],
            &["export", "timeline", "-o", "t.png", "--from", "2020-13-01"][..],
            &["export", "csv", "-o", "o.csv", "--scale", "2"][..],
        ] {
            assert!(mode(args).is_err(), "args {args:?} should be refused");
        }
    }

    #[test]
    fn an_os_error_is_said_once() {
        let e = match run(Mode::Dump {
            path: Some(PathBuf::from("/nonexistent/gahnegar-test.ron")),
            format: Format::Json,
        }) {
            Err(e) => e,
            Ok(_) => panic!("a missing file was read"),
        };
        let text = error_text(&e);
        assert_eq!(text.matches("os error").count(), 1, "{text}");
        assert!(text.contains("/nonexistent/gahnegar-test.ron"), "{text}");
    }

    #[test]
    fn a_negative_year_needs_no_equals_sign() {
        let m = mode(&[
            "export",
            "timeline",
            "-o",
            "t.png",
            "--from",
            "-0500-01-01",
            "--to",
            "0100-01-01",
        ]);
        match m {
            Ok(Mode::Export {
                kind: ExportKind::Timeline { from, to, .. },
                ..
            }) => {
                assert_eq!(from.map(|d| d.to_string()).as_deref(), Some("-0500-01-01"));
                assert_eq!(to.map(|d| d.to_string()).as_deref(), Some("0100-01-01"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn refuses_bad_usage() {
        for args in [
            &["dump"][..],
            &["dump", "--format", "xml"][..],
            &["dump", "a", "b", "--format", "json"][..],
            &["import"][..],
            &["a.ron", "b.ron"][..],
            &["--nope"][..],
            &["import", "in.txt", "--date", "tomorrow"][..],
        ] {
            assert!(mode(args).is_err(), "args {args:?} should be refused");
        }
    }

    #[test]
    fn a_missing_input_is_an_error_naming_it() {
        for m in [
            Mode::Import {
                input: PathBuf::from("/nonexistent/in.txt"),
                output: None,
                force: false,
                date: None,
            },
            Mode::Normalize {
                input: Some(PathBuf::from("/nonexistent/in.txt")),
            },
            Mode::Dump {
                path: Some(PathBuf::from("/nonexistent/in.txt")),
                format: Format::Json,
            },
        ] {
            let err = run(m).err().unwrap_or_else(|| panic!("should fail"));
            assert_eq!(exit_code(&err), ExitCode::FAILURE, "{err:#}");
            assert!(
                format!("{err:#}").contains("/nonexistent/in.txt"),
                "{err:#}"
            );
        }
    }
}
