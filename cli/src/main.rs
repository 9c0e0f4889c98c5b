//! The `accord` binary: parses arguments, runs a command, maps its outcome to an exit code
//! (0 clean, 1 findings at or above --fail-on, 2 usage or input error).

mod args;
mod commands;
mod input;
mod render;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("accord: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
