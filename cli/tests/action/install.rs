//! The install step (action/install.sh) without a network: `curl` and `cargo` are stand-ins
//! on PATH that record how they were called. The release archive the fake curl serves holds
//! an `accord` that runs the real binary, so the whole action runs after installing.

use super::runner::{Job, Outcome, run};
use super::*;

struct Fakes {
    dir: tempfile::TempDir,
}

impl Fakes {
    /// `curl` serves `archive` (or fails as curl does on a 404 when there is none); `cargo`
    /// "installs" the same wrapper under `--root`.
    fn new(release: bool) -> Fakes {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("bin");
        std::fs::create_dir_all(&bin).unwrap();
        let wrapper = format!(
            "#!/usr/bin/env bash\nexec '{}' \"$@\"\n",
            env!("CARGO_BIN_EXE_accord")
        );
        let stage = dir.path().join("stage");
        std::fs::create_dir_all(&stage).unwrap();
        std::fs::write(stage.join("accord"), &wrapper).unwrap();
        make_executable(&stage.join("accord"));
        let archive = dir.path().join("accord.tar.gz");
        let status = Command::new("tar")
            .arg("-czf")
            .arg(&archive)
            .arg("-C")
            .arg(&stage)
            .arg("accord")
            .status()
            .unwrap();
        assert!(status.success());
        let log = dir.path().join("calls.log");
        let curl = if release {
            format!(
                "#!/usr/bin/env bash\necho \"curl ${{@: -1}}\" >>'{log}'\nwhile [ $# -gt 0 ]; do [ \"$1\" = --output ] && cp '{archive}' \"$2\"; shift; done\n",
                log = log.display(),
                archive = archive.display()
            )
        } else {
            format!(
                "#!/usr/bin/env bash\necho \"curl ${{@: -1}}\" >>'{log}'\necho 'curl: (22) The requested URL returned error: 404' >&2\nexit 22\n",
                log = log.display()
            )
        };
        let cargo = format!(
            "#!/usr/bin/env bash\necho \"cargo $*\" >>'{log}'\nwhile [ $# -gt 0 ]; do [ \"$1\" = --root ] && root=\"$2\"; shift; done\nmkdir -p \"$root/bin\"\ncat >\"$root/bin/accord\" <<'EOF'\n{wrapper}EOF\nchmod +x \"$root/bin/accord\"\n",
            log = log.display()
        );
        for (name, text) in [("curl", curl), ("cargo", cargo)] {
            std::fs::write(bin.join(name), text).unwrap();
            make_executable(&bin.join(name));
        }
        Fakes { dir }
    }

    fn run(&self, ws: &Path, with: &[(&str, &str)]) -> (Outcome, String) {
        self.run_on(ws, with, "Linux", "X64")
    }

    fn run_on(&self, ws: &Path, with: &[(&str, &str)], os: &str, arch: &str) -> (Outcome, String) {
        let path = format!(
            "{}:{}",
            self.dir.path().join("bin").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let o = run(&Job {
            workspace: ws,
            with,
            env: vec![
                ("PATH".into(), path),
                ("RUNNER_OS".into(), os.into()),
                ("RUNNER_ARCH".into(), arch.into()),
                ("GITHUB_SERVER_URL".into(), "https://github.com".into()),
                ("ACCORD_RELEASE_REPOSITORY".into(), "acme/accord".into()),
            ],
        });
        let log = std::fs::read_to_string(self.dir.path().join("calls.log")).unwrap_or_default();
        (o, log)
    }
}

fn installed_bin(o: &Outcome) -> &str {
    o.steps["install"]["bin"].as_str()
}

#[test]
fn a_release_binary_for_the_runner_is_downloaded() {
    let fakes = Fakes::new(true);
    let repo = pr_repo("", Checkout::Full);
    let (o, log) = fakes.run(
        &repo.ws,
        &[
            ("command", "lint"),
            ("args", "proto"),
            ("version", "v0.4.0"),
        ],
    );
    assert_eq!(
        log,
        "curl https://github.com/acme/accord/releases/download/v0.4.0/accord-x86_64-unknown-linux-gnu.tar.gz\n"
    );
    assert!(
        installed_bin(&o).ends_with("/accord/bin/accord"),
        "{:?}",
        o.steps
    );
    assert_eq!(o.code, 1, "{o:#?}");
    assert!(o.stdout.contains(LINT_ANNOTATION), "{}", o.stdout);
}

#[test]
fn without_a_release_it_builds_the_actions_own_source() {
    let fakes = Fakes::new(false);
    let repo = pr_repo("", Checkout::Full);
    let (o, log) = fakes.run(
        &repo.ws,
        &[("command", "lint"), ("args", "proto"), ("version", "0.4.0")],
    );
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 2, "{log}");
    assert!(lines[0].starts_with("curl https://github.com/acme/accord/releases/download/v0.4.0/"));
    let cli = runner::action_path().join("cli");
    assert!(
        lines[1].starts_with(&format!(
            "cargo install --locked --path {} --root ",
            cli.display()
        )),
        "{log}"
    );
    assert!(
        o.stdout
            .contains("::notice title=accord::no release binary at https://github.com/acme/accord/releases/download/v0.4.0/accord-x86_64-unknown-linux-gnu.tar.gz"),
        "{}",
        o.stdout
    );
    assert_eq!(o.code, 1, "{o:#?}");
    assert!(o.stdout.contains(LINT_ANNOTATION), "{}", o.stdout);
}

#[test]
fn without_a_version_it_builds_without_asking_for_a_release() {
    let fakes = Fakes::new(true);
    let repo = pr_repo("", Checkout::Full);
    let (o, log) = fakes.run(&repo.ws, &[("command", "lint"), ("args", "proto")]);
    assert!(log.starts_with("cargo install --locked --path "), "{log}");
    assert_eq!(log.lines().count(), 1, "{log}");
    assert_eq!(o.code, 1, "{o:#?}");
}

/// Release archives are named by Rust target triple, from the runner's OS and architecture.
#[test]
fn the_release_archive_matches_the_runner() {
    let ws = tempfile::tempdir().unwrap();
    for (os, arch, triple) in [
        ("Linux", "X64", "x86_64-unknown-linux-gnu"),
        ("Linux", "ARM64", "aarch64-unknown-linux-gnu"),
        ("macOS", "ARM64", "aarch64-apple-darwin"),
        ("macOS", "X64", "x86_64-apple-darwin"),
        ("Windows", "X64", "x86_64-pc-windows-msvc"),
    ] {
        let fakes = Fakes::new(false);
        let (_, log) = fakes.run_on(ws.path(), &[("version", "1.2.3")], os, arch);
        assert_eq!(
            log.lines().next(),
            Some(
                format!(
                    "curl https://github.com/acme/accord/releases/download/v1.2.3/accord-{triple}.tar.gz"
                )
                .as_str()
            ),
            "{os} {arch}"
        );
    }
}
