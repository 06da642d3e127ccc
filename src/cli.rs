//! The command line (DESIGN.md's stable contract): clap definitions, their checked form
//! [`Mode`], and the headless commands, which return an exit code or an error.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};

use crate::export::{self, Format};
use crate::model::Article;
use crate::store;

/// Gahnegar (گاه‌نگار): a reader for Persian news — typography, a timeline of dated
/// events, and the sources behind them.
#[derive(Debug, Parser)]
#[command(name = "gahnegar", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Article to open in the GUI: a .ron article, or a .txt file to import.
    /// Without it the GUI opens the built-in article.
    pub path: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Repair, segment and extract a text file, write it as RON and print counts.
    Import {
        /// The text file to import.
        input: PathBuf,
        /// Where to write the article (default: IN with the extension .ron).
        #[arg(short, long, value_name = "OUT.ron")]
        output: Option<PathBuf>,
        /// Replace OUT if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Print an article (the built-in one when no PATH is given).
    Dump {
        /// A .ron article.
        path: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum)]
        format: DumpFormat,
    },
    /// Print the repaired text of a file (standard input when IN is `-` or absent).
    Normalize {
        /// The text file, or `-` for standard input.
        #[arg(value_name = "IN")]
        input: Option<PathBuf>,
    },
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
}

impl From<DumpFormat> for Format {
    fn from(f: DumpFormat) -> Self {
        match f {
            DumpFormat::Json => Format::Json,
            DumpFormat::Text => Format::Text,
            DumpFormat::Csv => Format::Csv,
            DumpFormat::TimelineJs => Format::TimelineJs,
        }
    }
}

/// What the command line asks for, checked.
#[derive(Debug, PartialEq, Eq)]
pub enum Mode {
    /// The GUI on `path`, or on the built-in article.
    Gui(Option<PathBuf>),
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
    },
    /// `None` reads standard input.
    Normalize { input: Option<PathBuf> },
}

impl Cli {
    /// The checked form of the arguments.
    pub fn into_mode(self) -> Mode {
        match self.command {
            None => Mode::Gui(self.path),
            Some(Command::Dump { path, format }) => Mode::Dump {
                path,
                format: format.into(),
            },
            Some(Command::Import {
                input,
                output,
                force,
            }) => Mode::Import {
                input,
                output,
                force,
            },
            Some(Command::Normalize { input }) => Mode::Normalize {
                input: input.filter(|p| p.as_os_str() != "-"),
            },
        }
    }
}

/// The exit code for an error from [`run`] (usage errors exit with 2 from clap).
pub fn exit_code(_err: &anyhow::Error) -> ExitCode {
    ExitCode::FAILURE
}

/// Runs the GUI or a headless command.
pub fn run(mode: Mode) -> anyhow::Result<ExitCode> {
    match mode {
        Mode::Gui(path) => {
            crate::ui::run(path)?;
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
        } => import(&input, output, force),
        Mode::Normalize { input } => {
            let bytes = match &input {
                Some(p) => read_limited(p)?,
                None => {
                    let mut buf = Vec::new();
                    io::Read::read_to_end(&mut io::stdin().lock(), &mut buf)
                        .context("cannot read standard input")?;
                    buf
                }
            };
            let name = input
                .as_ref()
                .map_or_else(|| "standard input".to_owned(), |p| p.display().to_string());
            let decoded = crate::persian::decode::decode(&bytes).with_context(|| name.clone())?;
            write_stdout(&crate::import::normalize(&decoded.text))
        }
    }
}

/// Reads a file for `normalize`, refusing one over the import limit before reading it.
fn read_limited(path: &Path) -> anyhow::Result<Vec<u8>> {
    let limit = crate::persian::decode::MAX_INPUT_BYTES;
    let size = std::fs::metadata(path)
        .with_context(|| format!("cannot read {}", path.display()))?
        .len();
    if size > limit as u64 {
        anyhow::bail!(
            "{}: the file is {size} bytes, over the limit of {limit} bytes",
            path.display()
        );
    }
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

/// `gahnegar import`: text file in, RON article out, counts printed.
fn import(input: &Path, output: Option<PathBuf>, force: bool) -> anyhow::Result<ExitCode> {
    let out = output.unwrap_or_else(|| input.with_extension("ron"));
    if out.exists() && !force {
        anyhow::bail!("{} exists; pass --force to replace it", out.display());
    }
    let imported = crate::import::import_path(input)?;
    store::save(&imported.article, &out)?;
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
    write_stdout(&report)
}

/// Loads an article for a headless command.
fn open(path: &Path) -> anyhow::Result<Article> {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
    {
        return Ok(crate::import::import_path(path)?.article);
    }
    Ok(store::load(path)?)
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
                },
            ),
            (
                &["import", "in.txt", "-o", "o.ron"][..],
                Mode::Import {
                    input: PathBuf::from("in.txt"),
                    output: p("o.ron"),
                    force: false,
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
    fn refuses_bad_usage() {
        for args in [
            &["dump"][..],
            &["dump", "--format", "xml"][..],
            &["dump", "a", "b", "--format", "json"][..],
            &["import"][..],
            &["a.ron", "b.ron"][..],
            &["--nope"][..],
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
