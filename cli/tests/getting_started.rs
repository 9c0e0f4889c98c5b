//! docs/getting-started.md, run as a user would: every ```sh block in order, in one bash
//! session, in a temporary copy of examples/, with the `accord` built for this test first on
//! PATH, against the `accord serve` the guide itself starts (on a free port given as
//! ACCORD_PORT). A command whose line ends in `# exits N` must exit with N; every other
//! command must succeed; a ```text block after a command block lists lines its output must
//! contain (`…` stands for any text). The guide cannot rot without this test failing.
//!
//! The one block not run is the install line (```sh skip-test): `cargo install` would build
//! a second, release copy of the binary into ~/.cargo/bin, while what the guide documents is
//! exactly the binary under test, which the test puts on PATH instead.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

const GUIDE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/getting-started.md");
const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/getting-started");
/// One block may start the broker or wait for it; none should take longer.
const BLOCK_TIMEOUT: Duration = Duration::from_secs(120);

#[derive(Debug, PartialEq)]
struct Block {
    /// Line of the opening fence in the guide, for messages.
    line: usize,
    script: String,
    skip: bool,
    /// (line within the script, 1-based; status) for each `# exits N` command.
    expected_failures: Vec<(usize, i32)>,
    /// Lines of the ```text block that follows, if any.
    expected_output: Vec<String>,
}

/// The shell blocks of a markdown guide, each with the output block that follows it.
fn parse_guide(text: &str) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        let Some(info) = line.strip_prefix("```") else {
            continue;
        };
        let info = info.trim();
        let mut body = Vec::new();
        for (_, l) in lines.by_ref() {
            if l.starts_with("```") {
                break;
            }
            body.push(l.to_string());
        }
        match info.split_whitespace().collect::<Vec<_>>().as_slice() {
            ["sh"] | ["sh", "skip-test"] => {
                let expected_failures = body
                    .iter()
                    .enumerate()
                    .filter_map(|(i, l)| {
                        exits_annotation(l).map(|s| (command_start(&body, i) + 1, s))
                    })
                    .collect();
                blocks.push(Block {
                    line: n + 1,
                    script: body.join("\n") + "\n",
                    skip: info.ends_with("skip-test"),
                    expected_failures,
                    expected_output: Vec::new(),
                });
            }
            ["text"] => {
                let last = blocks
                    .last_mut()
                    .unwrap_or_else(|| panic!("line {}: output block before any command", n + 1));
                assert!(
                    last.expected_output.is_empty(),
                    "line {}: two output blocks for the command block at line {}",
                    n + 1,
                    last.line
                );
                last.expected_output = body.into_iter().filter(|l| !l.trim().is_empty()).collect();
            }
            [] | ["yaml"] | ["json"] => {}
            other => panic!("line {}: unknown code block kind {other:?}", n + 1),
        }
    }
    blocks
}

/// The first line of the command that ends on line `i` (bash reports a failing command
/// continued over several lines with `\` at its first line; the annotation is on its last).
fn command_start(body: &[String], mut i: usize) -> usize {
    while i > 0 && body[i - 1].trim_end().ends_with('\\') {
        i -= 1;
    }
    i
}

/// `# exits N` at the end of a command line.
fn exits_annotation(line: &str) -> Option<i32> {
    let (_, comment) = line.rsplit_once("# exits ")?;
    comment.trim().parse().ok()
}

/// Whether `pattern` (with `…` standing for any text) matches part of one line of `output`.
fn output_has(output: &str, pattern: &str) -> bool {
    let pieces: Vec<&str> = pattern.trim().split('…').collect();
    output.lines().any(|line| {
        let mut rest = line;
        pieces.iter().all(|piece| match rest.find(piece) {
            Some(i) => {
                rest = &rest[i + piece.len()..];
                true
            }
            None => false,
        })
    })
}

/// The bash session the guide runs in; killing it on drop also stops the broker the guide
/// started in its background (the pids are noted after every block).
struct Session {
    child: Child,
    stdin: ChildStdin,
    dir: PathBuf,
    background: Vec<u32>,
}

impl Session {
    fn start(dir: &Path, port: u16) -> Session {
        let bin = PathBuf::from(env!("CARGO_BIN_EXE_accord"));
        let path = std::env::join_paths(
            std::iter::once(bin.parent().expect("binary dir").to_path_buf()).chain(
                std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
            ),
        )
        .expect("PATH");
        let mut cmd = Command::new("bash");
        cmd.args(["--noprofile", "--norc"])
            .current_dir(dir)
            .env("PATH", path)
            .env("ACCORD_PORT", port.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // The guide must work from a clean environment, not from the developer's broker.
        for var in [
            "ACCORD_BROKER_URL",
            "ACCORD_BROKER_TOKEN",
            "ACCORD_TOKENS",
            "PACT_BROKER_BASE_URL",
            "PACT_BROKER_TOKEN",
            "PACT_BROKER_USERNAME",
            "PACT_BROKER_PASSWORD",
            "DATABASE_URL",
            "GITHUB_SHA",
            "GITHUB_HEAD_REF",
            "GITHUB_REF_NAME",
            "CI_COMMIT_SHA",
            "CI_COMMIT_REF_NAME",
        ] {
            cmd.env_remove(var);
        }
        let mut child = cmd.spawn().expect("start bash");
        let stdin = child.stdin.take().expect("stdin");
        Session {
            child,
            stdin,
            dir: dir.to_path_buf(),
            background: Vec::new(),
        }
    }

    /// Runs block `i` in the session; returns its output and the (line, status) of every
    /// command in it that failed.
    fn run(&mut self, i: usize, script: &str) -> (String, Vec<(usize, i32)>) {
        let file = |ext: &str| self.dir.join(format!(".guide-block-{i}.{ext}"));
        let (sh, out, errs, done, pids) = (
            file("sh"),
            file("out"),
            file("errs"),
            file("done"),
            file("pids"),
        );
        // The ERR trap sees every failing command, not only the block's last one, and with
        // pipefail a failing command inside a pipeline too (`curl … | jq`); the first line of
        // the file is the trap, so guide line k is file line k + 1.
        let wrapped = format!(
            "trap 'printf \"%s %s\\n\" \"$((LINENO - 1))\" \"$?\" >> {errs}' ERR; set -o pipefail\n{script}trap - ERR; set +o pipefail\n",
            errs = shell_quote(&errs)
        );
        std::fs::write(&sh, wrapped).expect("write block");
        std::fs::write(&errs, "").expect("errs file");
        writeln!(
            self.stdin,
            "{{ source {sh}; }} > {out} 2>&1 < /dev/null; jobs -p > {pids}; touch {done}",
            sh = shell_quote(&sh),
            out = shell_quote(&out),
            pids = shell_quote(&pids),
            done = shell_quote(&done),
        )
        .expect("send block to bash");
        self.stdin.flush().expect("flush");
        let start = Instant::now();
        while !done.exists() {
            let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "the shell ended ({status}) during block {i}; output:\n{}",
                    read(&out)
                );
            }
            if start.elapsed() > BLOCK_TIMEOUT {
                panic!(
                    "block {i} still running after {BLOCK_TIMEOUT:?}; output:\n{}",
                    read(&out)
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        self.background = std::fs::read_to_string(&pids)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| l.trim().parse().ok())
            .collect();
        let failures = std::fs::read_to_string(&errs)
            .expect("errs")
            .lines()
            .filter_map(|l| {
                let (line, status) = l.split_once(' ')?;
                Some((line.parse().ok()?, status.parse().ok()?))
            })
            .collect();
        (std::fs::read_to_string(&out).expect("output"), failures)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        for pid in &self.background {
            let _ = Command::new("kill").arg(pid.to_string()).status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn shell_quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read examples") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port()
}

/// The tools the guide uses besides accord; missing ones fail the test under CI=true.
fn tools_present() -> bool {
    let missing: Vec<&str> = ["bash", "curl", "jq", "diff", "sed"]
        .into_iter()
        .filter(|t| {
            Command::new("sh")
                .args(["-c", &format!("command -v {t}")])
                .stdout(Stdio::null())
                .status()
                .map_or(true, |s| !s.success())
        })
        .collect();
    if missing.is_empty() {
        return true;
    }
    assert!(
        std::env::var("CI").map_or(true, |v| v != "true"),
        "the getting-started guide needs {missing:?}, missing under CI=true"
    );
    eprintln!("skipping the getting-started guide: {missing:?} not installed");
    false
}

#[test]
fn every_command_of_the_getting_started_guide_works() {
    if !tools_present() {
        return;
    }
    let guide = std::fs::read_to_string(GUIDE).expect("read the guide");
    let blocks = parse_guide(&guide);
    let skipped: Vec<&Block> = blocks.iter().filter(|b| b.skip).collect();
    for b in &skipped {
        assert!(
            b.script
                .lines()
                .all(|l| l.trim().is_empty() || l.starts_with("cargo install ")),
            "line {}: only the install line may be skip-test",
            b.line
        );
    }
    assert!(
        blocks.len() - skipped.len() >= 10,
        "the guide lost its commands"
    );
    assert!(
        guide.contains("accord serve --bind 127.0.0.1:${ACCORD_PORT:-9292}"),
        "the guide must start its broker on ACCORD_PORT"
    );

    let tmp = tempfile::tempdir().expect("tempdir");
    copy_dir(
        Path::new(EXAMPLES),
        &tmp.path().join("examples/getting-started"),
    );
    let mut session = Session::start(tmp.path(), free_port());
    for (i, block) in blocks.iter().enumerate().filter(|(_, b)| !b.skip) {
        let (output, failures) = session.run(i, &block.script);
        let context = || {
            format!(
                "guide line {}:\n{}\noutput:\n{output}",
                block.line, block.script
            )
        };
        for (line, status) in &failures {
            assert!(
                block.expected_failures.contains(&(*line, *status)),
                "line {line} of the block exited {status}; {}",
                context()
            );
        }
        for expected in &block.expected_failures {
            assert!(
                failures.contains(expected),
                "line {} of the block should exit {} (it did not); {}",
                expected.0,
                expected.1,
                context()
            );
        }
        for want in &block.expected_output {
            assert!(
                output_has(&output, want),
                "missing output line {want:?}; {}",
                context()
            );
        }
    }
}

#[test]
fn the_guide_reader_finds_blocks_failures_and_output() {
    let text = "intro\n```sh skip-test\ncargo install --path cli\n```\n\n```sh\na\nb   # exits 1\n```\nprose\n```text\nline one\n\nx … y\n```\n```sh\nc\nd \\\n  e \\\n  f   # exits 2\n```\n";
    let blocks = parse_guide(text);
    assert_eq!(blocks.len(), 3);
    assert!(blocks[0].skip);
    assert_eq!(blocks[1].expected_failures, vec![(2, 1)]);
    assert_eq!(blocks[1].expected_output, vec!["line one", "x … y"]);
    assert!(blocks[2].expected_output.is_empty());
    assert_eq!(
        blocks[2].expected_failures,
        vec![(2, 2)],
        "a continued command is reported at its first line"
    );
    assert!(output_has("0\nx and then y\n", "x … y"));
    assert!(!output_has("x\ny\n", "x … y"), "pieces must be on one line");
    assert!(!output_has("y then x\n", "x … y"), "pieces in order");
}
