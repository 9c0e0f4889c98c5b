//! buf's ignore semantics for lint (path ignores, ignore_only by id and category, v1beta1
//! categories, comment ignores per config version, v2 modules and policies). Every expected
//! list below is what buf 1.75 printed for the same files and buf.yaml.

use accord_rules::RuleKind;
use accord_rules::config::Policy;
use accord_rules::protobuf::{self, ProtoInput, run};
use std::collections::BTreeSet;

type Key = (String, String, u32, u32);

const X: &str = "syntax = \"proto3\";\n\npackage p.one;\n\nmessage X {}\n";
const Y: &str = "syntax = \"proto3\";\n\npackage p.two;\n\nimport \"a/x.proto\";\n\nmessage Y {}\n";
const Z: &str = "syntax = \"proto3\";\n\npackage b;\n\nmessage Z {}\n";
const W: &str = "syntax = \"proto3\";\n\npackage d.e;\n\nmessage W {}\n";

const CX: &str = "syntax = \"proto3\";\n\n// buf:lint:ignore PACKAGE_DIRECTORY_MATCH\npackage p.one;\n\nmessage X {}\n";
const CY: &str = "syntax = \"proto3\";\n\n// BUF:LINT:IGNORE DIRECTORY_SAME_PACKAGE\npackage p.two;\n\n// buf:lint:ignore IMPORT_USED\nimport \"a/x.proto\";\n\nmessage Y {}\n";
const CZ: &str = "syntax = \"proto3\";\n\npackage b; // buf:lint:ignore PACKAGE_DIRECTORY_MATCH\n\nmessage Z {}\n";
const CW: &str = "syntax = \"proto3\";\n\n/* buf:lint:ignore PACKAGE_DIRECTORY_MATCH */\npackage d.e;\n\nmessage W {}\n";

const RULES: &str = "[PACKAGE_DIRECTORY_MATCH, DIRECTORY_SAME_PACKAGE, IMPORT_USED]";

fn lint(files: &[(&str, &str)]) -> BTreeSet<Key> {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let loaded = protobuf::load(&ProtoInput::Path(dir.path().to_path_buf()), &[]).expect("load");
    let policy = Policy::for_protobuf(RuleKind::Lint, None, loaded.buf_yaml.as_ref()).unwrap();
    let prefix = format!("{}/", dir.path().display());
    run::lint(&loaded, &policy)
        .into_iter()
        .map(|f| {
            let file = f.location.file.clone();
            let file = file.strip_prefix(&prefix).unwrap_or(&file).to_string();
            (f.rule, file, f.location.span.line, f.location.span.column)
        })
        .collect()
}

fn keys(list: &[(&str, &str, u32, u32)]) -> BTreeSet<Key> {
    list.iter()
        .map(|(r, f, l, c)| (r.to_string(), f.to_string(), *l, *c))
        .collect()
}

fn plain(buf_yaml: &str) -> Vec<(&'static str, String)> {
    vec![
        ("buf.yaml", buf_yaml.to_string()),
        ("a/x.proto", X.into()),
        ("a/y.proto", Y.into()),
        ("b/c/z.proto", Z.into()),
        ("d/w.proto", W.into()),
    ]
}

fn commented(buf_yaml: &str) -> Vec<(&'static str, String)> {
    vec![
        ("buf.yaml", buf_yaml.to_string()),
        ("a/x.proto", CX.into()),
        ("a/y.proto", CY.into()),
        ("b/c/z.proto", CZ.into()),
        ("d/w.proto", CW.into()),
    ]
}

fn run_case(files: Vec<(&str, String)>) -> BTreeSet<Key> {
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    lint(&refs)
}

#[test]
fn path_ignores_and_ignore_only() {
    let want = keys(&[
        ("DIRECTORY_SAME_PACKAGE", "a/x.proto", 3, 1),
        ("PACKAGE_DIRECTORY_MATCH", "a/x.proto", 3, 1),
        ("DIRECTORY_SAME_PACKAGE", "a/y.proto", 3, 1),
        ("IMPORT_USED", "a/y.proto", 5, 1),
    ]);
    for version in ["v1", "v2"] {
        let yaml = format!(
            "version: {version}\nlint:\n  use: {RULES}\n  ignore: [d/w.proto]\n  ignore_only:\n    PACKAGE_DIRECTORY_MATCH: [a/y.proto]\n    MINIMAL: [b]\n"
        );
        assert_eq!(run_case(plain(&yaml)), want, "{version}");
    }
}

#[test]
fn v1beta1_categories() {
    let yaml = "version: v1beta1\nlint:\n  use: [PACKAGE_DIRECTORY_MATCH, DIRECTORY_SAME_PACKAGE]\n  ignore_only:\n    FILE_LAYOUT: [a]\n";
    assert_eq!(
        run_case(plain(yaml)),
        keys(&[
            ("PACKAGE_DIRECTORY_MATCH", "b/c/z.proto", 3, 1),
            ("PACKAGE_DIRECTORY_MATCH", "d/w.proto", 3, 1),
        ])
    );
    let yaml = "version: v1beta1\nlint:\n  use: [FILE_LAYOUT, SENSIBLE]\n  except: [PACKAGE_SAME_DIRECTORY]\n";
    assert_eq!(
        run_case(plain(yaml)),
        keys(&[
            ("DIRECTORY_SAME_PACKAGE", "a/x.proto", 3, 1),
            ("PACKAGE_DIRECTORY_MATCH", "a/x.proto", 3, 1),
            ("DIRECTORY_SAME_PACKAGE", "a/y.proto", 3, 1),
            ("PACKAGE_DIRECTORY_MATCH", "a/y.proto", 3, 1),
            ("PACKAGE_DIRECTORY_MATCH", "b/c/z.proto", 3, 1),
            ("PACKAGE_DIRECTORY_MATCH", "d/w.proto", 3, 1),
        ])
    );
}

#[test]
fn comment_ignores() {
    // Leading comments only, case-sensitive, block comments too; v1 needs
    // allow_comment_ignores, v2 allows them by default.
    let on = keys(&[
        ("DIRECTORY_SAME_PACKAGE", "a/x.proto", 4, 1),
        ("DIRECTORY_SAME_PACKAGE", "a/y.proto", 4, 1),
        ("PACKAGE_DIRECTORY_MATCH", "a/y.proto", 4, 1),
        ("PACKAGE_DIRECTORY_MATCH", "b/c/z.proto", 3, 1),
    ]);
    let v1 = format!("version: v1\nlint:\n  use: {RULES}\n  allow_comment_ignores: true\n");
    assert_eq!(run_case(commented(&v1)), on, "v1 allowed");
    let v2 = format!("version: v2\nlint:\n  use: {RULES}\n");
    assert_eq!(run_case(commented(&v2)), on, "v2");
    let off = format!("version: v1\nlint:\n  use: {RULES}\n");
    assert_eq!(
        run_case(commented(&off)),
        keys(&[
            ("DIRECTORY_SAME_PACKAGE", "a/x.proto", 4, 1),
            ("PACKAGE_DIRECTORY_MATCH", "a/x.proto", 4, 1),
            ("DIRECTORY_SAME_PACKAGE", "a/y.proto", 4, 1),
            ("PACKAGE_DIRECTORY_MATCH", "a/y.proto", 4, 1),
            ("IMPORT_USED", "a/y.proto", 7, 1),
            ("PACKAGE_DIRECTORY_MATCH", "b/c/z.proto", 3, 1),
            ("PACKAGE_DIRECTORY_MATCH", "d/w.proto", 4, 1),
        ]),
        "v1 default"
    );
}

#[test]
fn v2_modules_have_their_own_settings() {
    let files = vec![
        ("buf.yaml", "version: v2\nmodules:\n  - path: a\n    lint:\n      use: [DIRECTORY_SAME_PACKAGE]\n  - path: b\n  - path: d\n    lint:\n      use: [PACKAGE_DIRECTORY_MATCH]\n      ignore: [d/w.proto]\n".to_string()),
        ("a/x.proto", X.into()),
        ("a/y.proto", Y.replace("a/x.proto", "x.proto")),
        ("b/c/z.proto", Z.into()),
        ("d/w.proto", W.into()),
    ];
    let got: BTreeSet<Key> = run_case(files)
        .into_iter()
        .filter(|k| k.0 != "PACKAGE_VERSION_SUFFIX")
        .collect();
    assert_eq!(
        got,
        keys(&[
            ("DIRECTORY_SAME_PACKAGE", "a/x.proto", 3, 1),
            ("DIRECTORY_SAME_PACKAGE", "a/y.proto", 3, 1),
            ("PACKAGE_DIRECTORY_MATCH", "b/c/z.proto", 3, 1),
        ])
    );
}

#[test]
fn policies_run_with_their_own_ignores() {
    let mut files = plain(
        "version: v2\nlint:\n  disable_builtin: true\npolicies:\n  - policy: p.yaml\n    ignore: [a]\n  - policy: q.yaml\n    ignore_only:\n      DIRECTORY_SAME_PACKAGE: [a/y.proto]\n",
    );
    files.push((
        "p.yaml",
        "version: v2\nlint:\n  use: [PACKAGE_DIRECTORY_MATCH]\n".into(),
    ));
    files.push((
        "q.yaml",
        "version: v2\nlint:\n  use: [DIRECTORY_SAME_PACKAGE]\n".into(),
    ));
    assert_eq!(
        run_case(files),
        keys(&[
            ("DIRECTORY_SAME_PACKAGE", "a/x.proto", 3, 1),
            ("PACKAGE_DIRECTORY_MATCH", "b/c/z.proto", 3, 1),
            ("PACKAGE_DIRECTORY_MATCH", "d/w.proto", 3, 1),
        ])
    );
}

#[test]
fn plugin_rule_ids_do_not_abort() {
    let files = plain(
        "version: v2\nlint:\n  use: [PACKAGE_DIRECTORY_MATCH, SOME_PLUGIN_RULE]\nplugins:\n  - plugin: buf-plugin-x\n",
    );
    let got = run_case(files);
    assert!(got.iter().all(|k| k.0 == "PACKAGE_DIRECTORY_MATCH"));
    assert_eq!(got.len(), 4);
}

#[test]
fn v2_single_module_below_the_config() {
    let pkg = "syntax = \"proto3\";\n\npackage zz;\n";
    let got = lint(&[
        (
            "buf.yaml",
            "version: v2\nmodules:\n  - path: proto\nlint:\n  use: [PACKAGE_DIRECTORY_MATCH]\n  ignore: [proto/a/y.proto]\n",
        ),
        ("proto/a/x.proto", pkg),
        ("proto/a/y.proto", pkg),
    ]);
    assert_eq!(
        got,
        keys(&[("PACKAGE_DIRECTORY_MATCH", "proto/a/x.proto", 3, 1)])
    );
}
