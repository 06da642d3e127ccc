//! The `gahnegar` binary: parses the command line, then runs the GUI or a headless
//! command (see `gahnegar::cli`). Errors are printed once, with their causes.

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;
use gahnegar::cli::{self, Cli};

fn main() -> ExitCode {
    let args = match Cli::try_parse() {
        Ok(args) => args,
        Err(e) => {
            // Help and version go to stdout with code 0; usage errors to stderr with 2.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match cli::run(args.into_mode()) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(
                std::io::stderr().lock(),
                "gahnegar: {}",
                cli::error_text(&e)
            );
            cli::exit_code(&e)
        }
    }
}
