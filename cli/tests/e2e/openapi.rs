//! `accord breaking` on OpenAPI descriptions, through the binary: findings exit 1, a clean
//! comparison 0, bad input 2 with the file and line:col, `--against-git` reads the old
//! version (and the files it references) from a revision.

use super::*;

const V1: &str = "openapi: 3.1.0
info: {title: pets, version: '1'}
paths:
  /pets:
    get:
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
      responses:
        '200': {description: ok}
";

/// `limit` became required: one request-parameter-became-required at 7:36 (its `required`).
const V2: &str = "openapi: 3.1.0
info: {title: pets, version: '2'}
paths:
  /pets:
    get:
      parameters:
        - {name: limit, in: query, required: true, schema: {type: integer}}
      responses:
        '200': {description: ok}
";

#[test]
fn breaking_change_exits_1_with_its_location() {
    let t = temp();
    write(t.path(), "old.yaml", V1);
    write(t.path(), "new.yaml", V2);
    let r = run_in(t.path(), &["breaking", "new.yaml", "--against", "old.yaml"]);
    r.expect_code(1);
    assert!(
        r.stdout.contains("new.yaml:7:36")
            && r.stdout.contains("request-parameter-became-required"),
        "{}",
        r.stdout
    );
    let r = run_in(t.path(), &["breaking", "old.yaml", "--against", "old.yaml"]);
    r.expect_code(0);
}

#[test]
fn against_git_revision() {
    let t = temp();
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(t.path())
            .status()
            .expect("git")
            .success();
        assert!(ok, "git {args:?}");
    };
    write(t.path(), "api/spec.yaml", V1);
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "v1"]);
    write(t.path(), "api/spec.yaml", V2);
    let r = run_in(
        t.path(),
        &["breaking", "api/spec.yaml", "--against-git", "HEAD"],
    );
    r.expect_code(1);
    assert!(
        r.stdout.contains("request-parameter-became-required"),
        "{}",
        r.stdout
    );
    let r = run_in(
        t.path(),
        &[
            "breaking",
            "api/spec.yaml",
            "--against-git",
            "HEAD:api/spec.yaml",
        ],
    );
    r.expect_code(1);
}

#[test]
fn bad_input_exits_2() {
    let t = temp();
    write(t.path(), "ok.yaml", V1);
    write(
        t.path(),
        "swagger.json",
        r#"{"swagger": "2.0", "info": {}, "paths": {}}"#,
    );
    let r = run_in(
        t.path(),
        &["breaking", "ok.yaml", "--against", "swagger.json"],
    );
    r.expect_code(2);
    assert!(
        r.stderr.contains("Swagger 2.0 is not supported"),
        "{}",
        r.stderr
    );
    let dangling = V1.replace("{type: integer}", "{$ref: '#/components/schemas/Nope'}");
    write(t.path(), "dangling.yaml", &dangling);
    let r = run_in(
        t.path(),
        &["breaking", "dangling.yaml", "--against", "ok.yaml"],
    );
    r.expect_code(2);
    assert!(r.stderr.contains("dangling.yaml:7:"), "{}", r.stderr);
    let r = run_in(
        t.path(),
        &["breaking", "ok.yaml", "--against", "missing.yaml"],
    );
    r.expect_code(2);
}

/// oasdiff's `--deprecation-days-stable`: deprecating with a sunset closer than the minimum
/// is an error only when the flag asks for a minimum (the default is 0, as oasdiff's).
#[test]
fn deprecation_days_flags_set_the_minimum_sunset_distance() {
    let t = temp();
    let old = "openapi: 3.1.0
info: {title: pets, version: '1'}
paths:
  /pets:
    get:
      responses: {'200': {description: ok}}
";
    // A sunset 10 days from today, whatever day the test runs.
    let soon = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs()
        / 86_400
        + 10;
    let (y, m, d) = civil(soon as i64);
    let new = format!(
        "openapi: 3.1.0
info: {{title: pets, version: '2'}}
paths:
  /pets:
    get:
      deprecated: true
      x-sunset: '{y:04}-{m:02}-{d:02}'
      responses: {{'200': {{description: ok}}}}
"
    );
    write(t.path(), "old.yaml", old);
    write(t.path(), "new.yaml", new);
    let base = ["breaking", "new.yaml", "--against", "old.yaml"];
    run_in(t.path(), &base).expect_code(0);
    let mut strict = base.to_vec();
    strict.extend(["--deprecation-days-stable", "30"]);
    let r = run_in(t.path(), &strict);
    r.expect_code(1);
    assert!(
        r.stdout.contains("api-sunset-date-too-small"),
        "{}",
        r.stdout
    );
    let mut beta_only = base.to_vec();
    beta_only.extend(["--deprecation-days-beta", "30"]);
    run_in(t.path(), &beta_only).expect_code(0);
}

/// oasdiff's `--stability-level`: operations below it promise nothing. By default (beta) a
/// draft operation's breaking change passes; `--stability-level draft` reports it, in
/// `breaking` and in `changelog`; `stable` also lets a beta one through.
#[test]
fn stability_level_flag_sets_which_operations_are_checked() {
    let t = temp();
    let level = |v: &str, l: &str| {
        V1.replace(
            "    get:\n",
            &format!("    get:\n      x-stability-level: {l}\n"),
        )
        .replace("version: '1'", &format!("version: '{v}'"))
    };
    write(t.path(), "old.yaml", level("1", "draft"));
    write(
        t.path(),
        "new.yaml",
        level("2", "draft").replace(V1_PARAM, V2_PARAM),
    );
    let base = ["breaking", "new.yaml", "--against", "old.yaml"];
    run_in(t.path(), &base).expect_code(0);
    let mut draft = base.to_vec();
    draft.extend(["--stability-level", "draft"]);
    let r = run_in(t.path(), &draft);
    r.expect_code(1);
    assert!(
        r.stdout.contains("request-parameter-became-required"),
        "{}",
        r.stdout
    );
    let log = [
        "changelog",
        "new.yaml",
        "--against",
        "old.yaml",
        "--format",
        "json",
    ];
    let r = run_in(t.path(), &log);
    r.expect_code(0);
    assert!(
        !r.stdout.contains("request-parameter-became-required"),
        "{}",
        r.stdout
    );
    let mut log_draft = log.to_vec();
    log_draft.extend(["--stability-level", "draft"]);
    let r = run_in(t.path(), &log_draft);
    r.expect_code(0);
    assert!(
        r.stdout.contains("request-parameter-became-required"),
        "{}",
        r.stdout
    );

    write(t.path(), "old.yaml", level("1", "beta"));
    write(
        t.path(),
        "new.yaml",
        level("2", "beta").replace(V1_PARAM, V2_PARAM),
    );
    run_in(t.path(), &base).expect_code(1);
    let mut stable = base.to_vec();
    stable.extend(["--stability-level", "stable"]);
    run_in(t.path(), &stable).expect_code(0);
    let mut bogus = base.to_vec();
    bogus.extend(["--stability-level", "experimental"]);
    run_in(t.path(), &bogus).expect_code(2);
}

const V1_PARAM: &str = "{name: limit, in: query, schema: {type: integer}}";
const V2_PARAM: &str = "{name: limit, in: query, required: true, schema: {type: integer}}";

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian.
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}
