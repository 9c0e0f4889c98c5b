//! `accord docs cli` (hidden): docs/cli.md, generated from the clap definitions so the
//! reference cannot drift from the binary. Every visible command gets a section with its
//! about text, its usage line and every argument with its help, default, accepted values and
//! environment variable. The prose that is not about one flag (output formats, exit codes,
//! inputs, configuration) lives in hand-written docs this page links to.

use crate::args::Cli;
use clap::{Arg, ArgAction, Command, CommandFactory, Subcommand};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::io::Write as _;

#[derive(Debug, Subcommand)]
pub enum DocsCommand {
    /// Print docs/cli.md (the command-line reference) to standard output.
    Cli,
}

pub fn run(c: DocsCommand) -> anyhow::Result<u8> {
    let text = match c {
        DocsCommand::Cli => cli_markdown(),
    };
    // `accord docs cli | head` closes the pipe early; that is not an error.
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(0),
    }
}

pub const REGENERATE: &str = "cargo run -p accord -- docs cli > docs/cli.md";

/// The whole of docs/cli.md.
pub fn cli_markdown() -> String {
    let mut root = Cli::command();
    root.build();
    let mut out = String::from("# The accord command line\n\n");
    let _ = writeln!(
        out,
        "<!-- Generated from the clap definitions (cli/src/args.rs and the command modules) by\n     `{REGENERATE}`; a test fails when it is stale. -->\n"
    );
    if let Some(about) = root.get_about() {
        let _ = writeln!(out, "{}.\n", about.to_string().trim_end_matches('.'));
    }
    out.push_str(
        "Exit codes everywhere: 0 clean (or yes), 1 findings at or above `--fail-on` (or no), \
         2 usage or input error; `--help` on any command prints its part of this page and \
         `--version` the version.\n\n\
         - [Output formats and exit codes](output-formats.md): what `--format text|json|github|\
         sarif|markdown` print, the JSON shape, error messages.\n\
         - [Using the command line](usage.md): what an input can be, how versions are \
         compared, images, schema-language detection, compatibility modes, `accord.yaml`, \
         suppressing findings, running the broker.\n\n",
    );
    let commands = visible_commands(&root, "accord");
    out.push_str(&commands_markdown(&commands));
    out
}

/// The command index, one section per command, then the option groups several commands
/// share (a flattened group with a help heading, such as the broker connection), once.
fn commands_markdown(commands: &[(String, &Command)]) -> String {
    let mut out = String::from("## Commands\n\n");
    for (path, cmd) in commands {
        let _ = writeln!(
            out,
            "- [`{path}`](#{}): {}",
            anchor(path),
            sentence(&first_line(cmd))
        );
    }
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (_, cmd) in commands {
        for (heading, list) in option_groups(cmd) {
            if let Some(h) = heading {
                *seen.entry((h, list)).or_default() += 1;
            }
        }
    }
    let shared: Vec<(String, String)> = seen
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(group, _)| group)
        .collect();
    for (path, cmd) in commands {
        out.push('\n');
        section(&mut out, path, cmd, &shared);
    }
    for (heading, list) in &shared {
        let _ = write!(
            out,
            "\n## {heading}\n\nThe commands that link here take these options.\n\n{list}"
        );
    }
    out
}

/// A command's options by help heading (`None` first: the command's own), each rendered
/// as a Markdown list.
fn option_groups(cmd: &Command) -> Vec<(Option<String>, String)> {
    let mut groups: Vec<(Option<String>, String)> = Vec::new();
    for a in cmd
        .get_arguments()
        .filter(|a| !a.is_hide_set() && !is_builtin(a) && !a.is_positional())
    {
        let heading = a.get_help_heading().map(str::to_string);
        let i = match groups.iter().position(|(h, _)| *h == heading) {
            Some(i) => i,
            None => {
                groups.push((heading, String::new()));
                groups.len() - 1
            }
        };
        argument(&mut groups[i].1, a);
    }
    groups.sort_by_key(|(h, _)| h.is_some());
    groups
}

/// Every visible command that runs something (groups of subcommands are left out: their
/// children are listed), depth first, with its full name.
fn visible_commands<'a>(cmd: &'a Command, path: &str) -> Vec<(String, &'a Command)> {
    let mut out = Vec::new();
    for sub in cmd.get_subcommands() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        let name = format!("{path} {}", sub.get_name());
        if sub.has_subcommands() {
            out.extend(visible_commands(sub, &name));
        } else {
            out.push((name, sub));
        }
    }
    out
}

/// GitHub's heading anchors: lower case, spaces to `-`, punctuation dropped.
fn anchor(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

fn first_line(cmd: &Command) -> String {
    cmd.get_about()
        .map(|a| a.to_string())
        .unwrap_or_default()
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}

/// Help text as Markdown: clap's paragraphs (blank-line separated) kept, lines joined.
fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn section(out: &mut String, path: &str, cmd: &Command, shared: &[(String, String)]) {
    let mut blocks = vec![format!("## {path}\n")];
    let about = cmd
        .get_long_about()
        .or(cmd.get_about())
        .map(|a| a.to_string())
        .unwrap_or_default();
    if !about.is_empty() {
        blocks.push(format!("{}\n", sentence(&paragraphs(&about))));
    }
    let usage = cmd.clone().render_usage().to_string();
    let usage = usage.trim_start_matches("Usage: ").trim().to_string();
    blocks.push(format!("```\n{usage}\n```\n"));
    let positional: Vec<&Arg> = cmd
        .get_arguments()
        .filter(|a| !a.is_hide_set() && !is_builtin(a) && a.is_positional())
        .collect();
    if !positional.is_empty() {
        let mut block = String::from("Arguments:\n\n");
        for a in positional {
            argument(&mut block, a);
        }
        blocks.push(block);
    }
    for (heading, list) in option_groups(cmd) {
        let title = heading.clone().unwrap_or_else(|| "Options".into());
        match heading {
            Some(h) if shared.iter().any(|(sh, sl)| *sh == h && *sl == list) => {
                blocks.push(format!("{title}: the [{h} options](#{}).\n", anchor(&h)))
            }
            _ => blocks.push(format!("{title}:\n\n{list}")),
        }
    }
    out.push_str(&blocks.join("\n"));
}

/// clap drops the final period of a one-line doc comment; a reference reads better with it.
fn sentence(text: &str) -> String {
    match text.chars().last() {
        Some(c) if c.is_alphanumeric() || matches!(c, ')' | '`' | '"') => format!("{text}."),
        _ => text.to_string(),
    }
}

/// One argument as a list item: how it is written, then its help and the facts clap knows.
fn argument(out: &mut String, a: &Arg) {
    let _ = write!(out, "- `{}`", spelling(a));
    let help = a
        .get_long_help()
        .or(a.get_help())
        .map(|h| sentence(&paragraphs(&h.to_string())))
        .unwrap_or_default();
    let mut facts = Vec::new();
    if a.is_required_set() {
        facts.push("required".to_string());
    }
    if matches!(a.get_action(), ArgAction::Append) && !a.is_positional() {
        facts.push("repeatable".to_string());
    }
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| format!("`{}`", v.to_string_lossy()))
        .collect();
    if !defaults.is_empty() && takes_value(a) {
        facts.push(format!("default {}", defaults.join(", ")));
    }
    if let Some(env) = a.get_env() {
        facts.push(format!("env `{}`", env.to_string_lossy()));
    }
    if !facts.is_empty() {
        let _ = write!(out, " ({})", facts.join("; "));
    }
    let values: Vec<_> = a
        .get_possible_values()
        .into_iter()
        .filter(|v| !v.is_hide_set())
        .collect();
    let values_have_help = values.iter().any(|v| v.get_help().is_some());
    let mut text = help;
    if takes_value(a) && !values.is_empty() && !values_have_help {
        let names: Vec<String> = values
            .iter()
            .map(|v| format!("`{}`", v.get_name()))
            .collect();
        if !text.is_empty() {
            text.push(' ');
        }
        let _ = write!(text, "One of {}.", names.join(", "));
    }
    if !text.is_empty() {
        // A continuation paragraph of a list item is indented to stay inside it.
        let _ = write!(out, ": {}", text.replace("\n\n", "\n\n  "));
    }
    out.push('\n');
    if takes_value(a) && values_have_help {
        for v in values {
            let _ = write!(out, "  - `{}`", v.get_name());
            if let Some(h) = v.get_help() {
                let _ = write!(out, ": {}", sentence(&paragraphs(&h.to_string())));
            }
            out.push('\n');
        }
    }
}

/// clap's own `--help` and `--version` (a command may well have an argument with the id
/// `version` of its own, such as an application version).
fn is_builtin(a: &Arg) -> bool {
    matches!(
        a.get_action(),
        ArgAction::Help | ArgAction::HelpShort | ArgAction::HelpLong | ArgAction::Version
    )
}

fn takes_value(a: &Arg) -> bool {
    matches!(a.get_action(), ArgAction::Set | ArgAction::Append)
}

/// `--format <FORMAT>`, `-I, --proto-path <DIR>`, `[PATHS]...`, `--json`.
fn spelling(a: &Arg) -> String {
    let value = a
        .get_value_names()
        .and_then(|n| n.first())
        .map(|n| n.to_string())
        .unwrap_or_else(|| a.get_id().as_str().to_ascii_uppercase());
    if a.is_positional() {
        let many = matches!(a.get_action(), ArgAction::Append)
            || a.get_num_args().is_some_and(|n| n.max_values() > 1);
        let dots = if many { "..." } else { "" };
        return if a.is_required_set() {
            format!("<{value}>{dots}")
        } else {
            format!("[{value}]{dots}")
        };
    }
    let mut s = String::new();
    if let Some(c) = a.get_short() {
        s.push('-');
        s.push(c);
        if a.get_long().is_some() {
            s.push_str(", ");
        }
    }
    if let Some(l) = a.get_long() {
        s.push_str("--");
        s.push_str(l);
    }
    if takes_value(a) {
        if a.get_num_args().is_some_and(|n| n.min_values() == 0) {
            let _ = write!(s, " [<{value}>]");
        } else {
            let _ = write!(s, " <{value}>");
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_md_is_up_to_date() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/cli.md");
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        let generated = cli_markdown();
        if committed != generated {
            let line = committed
                .lines()
                .zip(generated.lines())
                .position(|(a, b)| a != b)
                .map_or_else(
                    || committed.lines().count().min(generated.lines().count()) + 1,
                    |i| i + 1,
                );
            panic!(
                "docs/cli.md is stale (first difference at line {line}); regenerate it with\n\n    {REGENERATE}\n"
            );
        }
    }

    /// Every visible command and every flag is in the page, with its help.
    #[test]
    fn every_command_and_flag_is_documented() {
        let md = cli_markdown();
        let mut root = Cli::command();
        root.build();
        let commands = visible_commands(&root, "accord");
        assert!(commands.iter().any(|(p, _)| p == "accord rules list"));
        assert!(!commands.iter().any(|(p, _)| p.starts_with("accord docs")));
        for (path, cmd) in &commands {
            assert!(md.contains(&format!("\n## {path}\n")), "{path}");
            let section_of = |title: &str| {
                md.split(&format!("\n## {title}\n"))
                    .nth(1)
                    .and_then(|rest| rest.split("\n## ").next())
                    .unwrap_or("")
                    .to_string()
            };
            let section = section_of(path);
            for a in cmd
                .get_arguments()
                .filter(|a| !is_builtin(a) && !a.is_hide_set())
            {
                let Some(l) = a.get_long() else { continue };
                // A shared group is linked from the section and written in its own.
                let place = match a.get_help_heading() {
                    Some(h) if section.contains(&format!("the [{h} options](#")) => section_of(h),
                    _ => section.clone(),
                };
                assert!(place.contains(&format!("--{l}")), "{path} --{l}");
            }
        }
    }

    #[test]
    fn an_option_shows_its_default_values_and_help() {
        let md = cli_markdown();
        assert!(
            md.contains("- `--fail-on <FAIL_ON>` (default `error`): Exit 1 when a finding is at or above this severity.\n  - `error`\n"),
            "{md}"
        );
        assert!(
            md.contains("  - `none`: Never fail on findings (exit 0 unless the input is bad).\n"),
            "{md}"
        );
        assert!(md.contains("- `--format <FORMAT>` (default `text`): Output format. One of `text`, `json`, `github`, `sarif`, `markdown`.\n"), "{md}");
        assert!(
            md.contains("- `-I, --proto-path <DIR>` (repeatable)"),
            "{md}"
        );
        assert!(md.contains("(env `DATABASE_URL`)"), "{md}");
        assert!(
            md.contains("```\naccord breaking [OPTIONS] [PATHS]...\n```"),
            "{md}"
        );
    }

    /// Whether `accord …` as written in a doc is a command this binary has, with every long
    /// flag it names.
    fn exists(invocation: &str, root: &Command) -> bool {
        let mut cmd = root;
        let mut depth = 0;
        let mut words = invocation.split_whitespace().skip(1).peekable();
        while let Some(sub) = words.peek().and_then(|w| cmd.find_subcommand(w)) {
            cmd = sub;
            depth += 1;
            words.next();
        }
        depth > 0
            && words
                .filter_map(|w| w.strip_prefix("--"))
                .map(|w| w.split('=').next().unwrap_or(w))
                .all(|flag| cmd.get_arguments().any(|a| a.get_long() == Some(flag)))
    }

    /// The migration guides claim only what the binary has: every `accord …` in the accord
    /// column of a table exists with its flags unless the row says "(planned)", and a planned
    /// one that has since arrived must lose the mark.
    #[test]
    fn migration_guides_claim_only_what_exists() {
        let mut root = Cli::command();
        root.build();
        let docs = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs");
        let mut guides = 0;
        let mut wrong = Vec::new();
        for entry in std::fs::read_dir(docs).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !name.starts_with("migrating-from-") {
                continue;
            }
            guides += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            for line in text.lines().filter(|l| l.starts_with('|')) {
                let Some(cell) = line.split('|').nth(2) else {
                    continue;
                };
                let planned = cell.contains("(planned)");
                for (i, span) in cell.split('`').enumerate() {
                    if i % 2 == 0 || !span.starts_with("accord ") {
                        continue;
                    }
                    match (exists(span, &root), planned) {
                        (false, false) => wrong.push(format!("{name}: `{span}` does not exist")),
                        (true, true) => {
                            wrong.push(format!("{name}: `{span}` exists now; drop its (planned)"))
                        }
                        _ => {}
                    }
                }
            }
        }
        assert_eq!(guides, 5, "the five migration guides");
        assert!(wrong.is_empty(), "{wrong:#?}");
        assert!(exists("accord rules list --format openapi", &root));
        assert!(!exists("accord breaking x --against-nothing y", &root));
        assert!(!exists("accord frobnicate", &root));
    }

    /// A command's own `--version` (an application version) is documented; clap's is not;
    /// an option whose value may be left out shows it in brackets.
    #[test]
    fn own_version_flags_and_optional_values() {
        use clap::Parser;
        #[derive(Parser)]
        #[command(name = "t", version, disable_help_subcommand = true)]
        struct T {
            #[command(subcommand)]
            c: Sub,
        }
        #[derive(clap::Subcommand)]
        enum Sub {
            /// Ask.
            #[command(disable_version_flag = true)]
            Ask {
                /// The application version.
                #[arg(long)]
                version: String,
                /// Latest, or latest with TAG.
                #[arg(long, value_name = "TAG", num_args = 0..=1)]
                latest: Option<String>,
            },
        }
        let mut root = T::command();
        root.build();
        let ask = root.find_subcommand("ask").unwrap();
        let mut md = String::new();
        section(&mut md, "t ask", ask, &[]);
        assert!(
            md.contains("- `--version <VERSION>` (required): The application version.\n"),
            "{md}"
        );
        assert!(
            md.contains("- `--latest [<TAG>]`: Latest, or latest with TAG.\n"),
            "{md}"
        );
        assert!(!md.contains("--help"), "{md}");
        assert!(
            root.get_arguments().any(is_builtin),
            "clap's --version is builtin"
        );
    }

    /// A flattened group with a heading that several commands share is written once and
    /// linked; a command's own options stay in its section.
    #[test]
    fn shared_option_groups_are_written_once() {
        use clap::Parser;
        #[derive(clap::Args)]
        #[command(next_help_heading = "Broker connection")]
        struct Conn {
            /// Base URL.
            #[arg(long)]
            broker_url: Option<String>,
        }
        #[derive(Parser)]
        #[command(name = "t")]
        enum T {
            /// One.
            One {
                /// Own flag.
                #[arg(long)]
                name: Option<String>,
                #[command(flatten)]
                conn: Conn,
            },
            /// Two.
            Two {
                #[command(flatten)]
                conn: Conn,
            },
        }
        let mut root = T::command();
        root.build();
        let commands = visible_commands(&root, "t");
        let md = commands_markdown(&commands);
        assert_eq!(
            md.matches("- `--broker-url <BROKER_URL>`: Base URL.")
                .count(),
            1,
            "{md}"
        );
        assert_eq!(
            md.matches("Broker connection: the [Broker connection options](#broker-connection).")
                .count(),
            2,
            "{md}"
        );
        assert!(md.contains("\n## Broker connection\n"), "{md}");
        assert!(
            md.contains("Options:\n\n- `--name <NAME>`: Own flag.\n"),
            "{md}"
        );
    }

    #[test]
    fn anchors_are_githubs() {
        assert_eq!(anchor("accord rules list"), "accord-rules-list");
        assert_eq!(anchor("accord can-i-deploy"), "accord-can-i-deploy");
    }
}
