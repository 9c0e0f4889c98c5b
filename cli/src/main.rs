//! The `accord` binary: parses arguments, runs a command, maps its outcome to an exit code
//! (0 clean, 1 findings at or above --fail-on, 2 usage or input error).

mod args;
mod broker;
mod commands;
mod input;
mod render;

use clap::{CommandFactory, FromArgMatches};
use std::process::ExitCode;

/// mimalloc rather than the system allocator: parsing schemas (Avro, JSON, YAML) is mostly
/// small short-lived allocations, which it serves markedly faster (bench/avro.sh, and
/// bench/googleapis.sh: glibc malloc was ~35% of `accord lint`'s CPU there).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match parse() {
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

/// Parses the command line. can-i-deploy's --pacticipant/--version pairs depend on the order
/// of the flags, which only the raw matches keep.
fn parse() -> Result<args::Cli, clap::Error> {
    let mut command = args::Cli::command();
    let matches = command.try_get_matches_from_mut(std::env::args_os())?;
    let mut cli = args::Cli::from_arg_matches(&matches)?;
    if let args::Command::CanIDeploy(a) = &mut cli.command
        && let Some(m) = matches.subcommand_matches("can-i-deploy")
    {
        a.selectors = commands::can_i_deploy::selectors(m).map_err(|msg| {
            let sub = command
                .find_subcommand_mut("can-i-deploy")
                .map(|c| c.clone().bin_name("accord can-i-deploy"));
            sub.unwrap_or(command)
                .error(clap::error::ErrorKind::ArgumentConflict, msg)
        })?;
    }
    Ok(cli)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// clap's own consistency checks (unique names, groups naming real arguments) over every
    /// subcommand, which otherwise fire only when that subcommand is run.
    #[test]
    fn the_command_line_is_consistent() {
        crate::args::Cli::command().debug_assert();
    }
}
