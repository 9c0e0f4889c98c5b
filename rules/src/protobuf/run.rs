//! Runs the protobuf rules a policy selects and turns their hits into reported findings:
//! path ignores, comment ignores, inline suppressions and severity overrides applied.

use super::Loaded;
use super::breaking::{self, BreakingRule, Index};
use super::check::Hit;
use super::lint::{self, LintOptions, LintRule};
use super::model::Image;
use crate::config::Policy;
use crate::finding::{Finding, sort_findings};
use crate::suppress;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Lints one input with the policy and each of its sub-policies.
pub fn lint(loaded: &Loaded, policy: &Policy) -> Vec<Finding> {
    let mut out = if policy.modules.is_empty() {
        lint_one(loaded, policy)
    } else {
        // Each module is linted with its own settings, seeing the others as imports (as buf
        // builds each module on its own).
        policy
            .modules
            .iter()
            .flat_map(|(dir, p)| lint_one(&module_view(loaded, dir), p))
            .collect()
    };
    for sub in &policy.policies {
        out.extend(lint_one(loaded, sub));
    }
    sort_findings(&mut out);
    out
}

/// The input as one module sees it: its own files are the targets, the rest imports.
fn module_view(loaded: &Loaded, dir: &str) -> Loaded {
    let image = &loaded.image;
    let files = image
        .files
        .iter()
        .map(|f| {
            let mut f = f.clone();
            if image.modules.get(&f.name).is_some_and(|m| m != dir) {
                f.is_import = true;
            }
            f
        })
        .collect();
    Loaded {
        image: Image::new(files).with_modules(image.modules.clone()),
        buf_yaml: loaded.buf_yaml.clone(),
        ignore_paths: loaded.ignore_paths.clone(),
    }
}

fn lint_one(loaded: &Loaded, policy: &Policy) -> Vec<Finding> {
    let rules: Vec<&'static LintRule> = lint::RULES
        .iter()
        .copied()
        .filter(|r| policy.rules.iter().any(|m| m.id == r.meta.id))
        .collect();
    let s = &policy.section;
    let defaults = LintOptions::default();
    let ctx = lint::Ctx {
        image: &loaded.image,
        options: LintOptions {
            enum_zero_value_suffix: s
                .enum_zero_value_suffix
                .clone()
                .unwrap_or(defaults.enum_zero_value_suffix),
            service_suffix: s.service_suffix.clone().unwrap_or(defaults.service_suffix),
            rpc_allow_same_request_response: s.rpc_allow_same_request_response,
            rpc_allow_google_protobuf_empty_requests: s.rpc_allow_google_protobuf_empty_requests,
            rpc_allow_google_protobuf_empty_responses: s.rpc_allow_google_protobuf_empty_responses,
        },
    };
    let hits = lint::run(&ctx, &rules);
    finish(hits, loaded, None, policy, "buf:lint:ignore")
}

/// Checks `current` against earlier versions (`history`, oldest first, each with the label
/// the user gave it). buf's rules compare with the latest; the reuse rules see every version.
pub fn breaking(current: &Loaded, history: &[(String, &Loaded)], policy: &Policy) -> Vec<Finding> {
    let mut out = if policy.modules.is_empty() {
        breaking_one(current, history, policy)
    } else {
        // Each module's settings apply to the findings in its files.
        let mut out = Vec::new();
        for (dir, p) in &policy.modules {
            let shown: std::collections::HashSet<&str> = current
                .image
                .files
                .iter()
                .filter(|f| current.image.modules.get(&f.name).is_some_and(|m| m == dir))
                .map(|f| f.display.as_str())
                .collect();
            out.extend(
                breaking_one(current, history, p)
                    .into_iter()
                    .filter(|f| shown.contains(f.location.file.as_str())),
            );
        }
        out
    };
    for sub in &policy.policies {
        out.extend(breaking_one(current, history, sub));
    }
    sort_findings(&mut out);
    out
}

fn breaking_one(current: &Loaded, history: &[(String, &Loaded)], policy: &Policy) -> Vec<Finding> {
    let Some((latest_label, latest)) = history.last() else {
        return Vec::new();
    };
    let rules: Vec<&'static BreakingRule> = breaking::RULES
        .iter()
        .copied()
        .filter(|r| policy.rules.iter().any(|m| m.id == r.meta.id))
        .collect();
    let ctx = breaking::Ctx {
        previous: Index::new(&latest.image),
        current: Index::new(&current.image),
        history: history.iter().map(|(_, l)| Index::new(&l.image)).collect(),
        labels: history.iter().map(|(label, _)| label.clone()).collect(),
        cache: Default::default(),
    };
    let mut hits = breaking::run(&ctx, &rules);
    for h in &mut hits {
        if h.finding.against.is_none() {
            h.finding.against = Some(latest_label.clone());
        }
    }
    finish(
        hits,
        current,
        Some(&latest.image),
        policy,
        "buf:breaking:ignore",
    )
}

/// Protobuf under a compatibility mode, the vocabulary the registry applies to every subject
/// and `accord breaking --mode` takes:
/// - BACKWARD (the new schema reads old data): buf's WIRE_JSON rules, new against old;
/// - FORWARD (the old schema reads new data): the same rules with the roles swapped, less the
///   deletion rules (a field the old schema lacks is an unknown field it skips);
/// - FULL: both; the *_TRANSITIVE forms against every version in `live`, the others against
///   the latest; NONE: neither;
/// - and, whatever the mode, field number and name reuse against every version in `all`
///   (a registry passes deleted versions too).
pub fn breaking_mode(
    current: &Loaded,
    live: &[(String, &Loaded)],
    all: &[(String, &Loaded)],
    mode: crate::compat::Mode,
) -> Vec<Finding> {
    use crate::compat::Direction;
    let mut out = Vec::new();
    for check in mode.checks(live.len()) {
        let (label, old) = &live[check.previous];
        match check.direction {
            Direction::NewReadsOld => out.extend(breaking(
                current,
                &[(label.clone(), *old)],
                &MODE_POLICIES.reads_old,
            )),
            Direction::OldReadsNew => {
                let found = breaking(
                    old,
                    &[("new schema".into(), current)],
                    &MODE_POLICIES.reads_new,
                );
                out.extend(found.into_iter().map(|mut f| {
                    f.against = Some(label.clone());
                    f
                }));
            }
        }
    }
    if all.len() >= 2 {
        out.extend(breaking(current, all, &MODE_POLICIES.history));
    }
    sort_findings(&mut out);
    out
}

struct ModePolicies {
    reads_old: Policy,
    reads_new: Policy,
    history: Policy,
}

const HISTORY_RULES: [&str; 2] = ["FIELD_NUMBER_NO_REUSE", "FIELD_NAME_NO_REUSE"];

static MODE_POLICIES: std::sync::LazyLock<ModePolicies> = std::sync::LazyLock::new(|| {
    let policy = |use_: &[&str], except: &[&str]| {
        let section = crate::config::Section {
            use_: use_.iter().map(|s| s.to_string()).collect(),
            except: except.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        Policy::resolve(
            crate::finding::Format::Protobuf,
            crate::finding::RuleKind::Breaking,
            Some(section),
            "compatibility mode",
        )
        .expect("catalogue ids and categories resolve")
    };
    let mut reads_new = policy(&["WIRE_JSON"], &HISTORY_RULES);
    reads_new.rules.retain(|r| !r.id.contains("NO_DELETE"));
    ModePolicies {
        reads_old: policy(&["WIRE_JSON"], &HISTORY_RULES),
        reads_new,
        history: policy(&HISTORY_RULES, &[]),
    }
});

/// buf's unstable packages: a package of at least two components whose last one is an alpha,
/// beta or test version (`acme.v1alpha1`, `acme.v1beta`, `acme.v1p1beta2`, `acme.v2test`).
/// A component that is no valid version (`v0beta1`, `v1alphax`, `v1alphabeta`) is stable.
pub fn is_unstable_package(package: &str) -> bool {
    let parts: Vec<&str> = package.split('.').collect();
    if parts.len() < 2 {
        return false;
    }
    let Some(version) = parts[parts.len() - 1].strip_prefix('v') else {
        return false;
    };
    // A decimal number of at least 1 that fits an i32.
    let number = |s: &str| {
        !s.is_empty()
            && s.bytes().all(|b| b.is_ascii_digit())
            && s.parse::<i32>().is_ok_and(|n| n >= 1)
    };
    if let Some((major, _)) = version.split_once("test") {
        return number(major);
    }
    let level = match (version.contains("alpha"), version.contains("beta")) {
        (true, false) => "alpha",
        (false, true) => "beta",
        _ => return false,
    };
    let Some((rest, minor)) = version.split_once(level) else {
        return false;
    };
    if !minor.is_empty() && !number(minor) {
        return false;
    }
    match rest.split_once('p') {
        Some((major, patch)) => number(major) && number(patch),
        None => number(rest),
    }
}

/// Filters and grades hits. `previous` is the image compared against (breaking only): a hit
/// about a file that no longer exists is placed by that image's file.
fn finish(
    hits: Vec<Hit>,
    loaded: &Loaded,
    previous: Option<&Image>,
    policy: &Policy,
    buf_marker: &str,
) -> Vec<Finding> {
    let image: &Image = &loaded.image;
    // Whether each file has an inline suppression at all, scanned once per file when first
    // needed.
    let has_marker: HashMap<&str, OnceLock<bool>> = image
        .files
        .iter()
        .map(|f| (f.name.as_str(), OnceLock::new()))
        .collect();
    // Each hit is kept or dropped on its own, so runs of them are judged side by side.
    let mut chunks = Vec::new();
    let mut rest = hits.into_iter();
    loop {
        let chunk: Vec<Hit> = rest.by_ref().take(FINISH_CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        chunks.push(chunk);
    }
    let parallel = image.files.len() >= crate::par::MIN_FILES;
    let kept = crate::par::map(chunks, parallel, |chunk| {
        chunk
            .into_iter()
            .filter_map(|hit| keep(hit, loaded, previous, policy, buf_marker, &has_marker))
            .collect::<Vec<_>>()
    });
    let mut out: Vec<Finding> = kept.into_iter().flatten().collect();
    sort_findings(&mut out);
    out
}

/// Hits [`finish`] judges as one unit of work.
const FINISH_CHUNK: usize = 2048;

/// The finding of `hit` as reported, or `None` when the policy or a comment drops it.
fn keep(
    hit: Hit,
    loaded: &Loaded,
    previous: Option<&Image>,
    policy: &Policy,
    buf_marker: &str,
    has_marker: &HashMap<&str, OnceLock<bool>>,
) -> Option<Finding> {
    let image: &Image = &loaded.image;
    let rule = hit.finding.rule.clone();
    if let Some(name) = &hit.file_name
        && policy.ignores(&rule, loaded.ignore_paths.get(name).unwrap_or(name))
    {
        return None;
    }
    // buf drops breaking findings in unstable packages (v1alpha1, v1beta1, v1test...)
    // after checking: by the package of the file reported in, and of the file the
    // previous element was in (here: the previous version of the same path). A finding
    // with no position (a deleted file or package) is placed by the previous file only.
    if policy.section.ignore_unstable_packages
        && let Some(name) = &hit.file_name
    {
        let located = !hit.finding.location.file.is_empty();
        let now = image.file(name).filter(|_| located);
        let before = previous.and_then(|p| p.file(name));
        if now
            .into_iter()
            .chain(before)
            .any(|f| is_unstable_package(&f.package))
        {
            return None;
        }
    }
    let file = hit.file_name.as_deref().and_then(|n| image.file(n));
    if let (Some(file), Some(path)) = (file, &hit.element)
        && policy.comment_ignores
        && commented_ignore(file, path, &rule, buf_marker)
    {
        return None;
    }
    if let Some(f) = file
        && let Some(src) = f.source.as_deref()
        && has_marker.get(f.name.as_str()).map_or_else(
            || suppress::has_marker(src),
            |m| *m.get_or_init(|| suppress::has_marker(src)),
        )
        && suppress::suppressed(src, hit.finding.location.span.line, &rule)
    {
        return None;
    }
    let mut finding = hit.finding;
    if let Some(meta) = policy.rules.iter().find(|m| m.id == rule) {
        finding.severity = policy.severity_of(meta);
    }
    Some(finding)
}

/// buf's comment ignores: a leading-comment line starting with `buf:lint:ignore ID` on the
/// element a finding is about or on any declaration enclosing it (a message's comment
/// covers its fields). `accord:ignore ID` works the same way, anywhere in those comments.
fn commented_ignore(file: &super::model::File, path: &[i32], rule: &str, marker: &str) -> bool {
    let prefix = format!("{marker} {rule}");
    associated_paths(path).iter().any(|p| {
        let Some(leading) = file.leading_comment(p) else {
            return false;
        };
        leading
            .lines()
            .map(str::trim)
            .any(|line| line.starts_with(&prefix))
            || suppress::names_rule(leading, "accord:ignore", rule)
    })
}

/// The declarations a source path belongs to, outermost first: every `tag, index` prefix
/// (message, field, nested enum, value, service, method...), plus the path itself for the
/// single-token elements (`package`, `syntax`, `edition`) and for options.
fn associated_paths(path: &[i32]) -> Vec<&[i32]> {
    use super::descriptor::tag;
    let mut out = Vec::new();
    match path.first() {
        None => return out,
        Some(&t) if t == tag::FILE_PACKAGE || t == tag::FILE_SYNTAX || t == tag::FILE_EDITION => {
            out.push(&path[..1]);
            return out;
        }
        Some(&t) if t == tag::FILE_OPTIONS => {
            out.push(path);
            return out;
        }
        _ => {}
    }
    let mut k = 2;
    while k <= path.len() {
        out.push(&path[..k]);
        k += 2;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::is_unstable_package;

    #[test]
    fn unstable_packages_follow_buf() {
        for p in [
            "a.v1alpha1",
            "a.b.v1beta",
            "a.v1p1beta2",
            "a.v2test",
            "a.v1testfoo",
        ] {
            assert!(is_unstable_package(p), "{p}");
        }
        for p in [
            "v1beta1",
            "a.v1",
            "a.v0beta1",
            "a.v1alphax",
            "a.v1alphabeta",
            "a",
            "",
            "a.beta",
        ] {
            assert!(!is_unstable_package(p), "{p}");
        }
    }
}
