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

/// Lints one input: the policy's rules, then those of every policy it carries (buf v2
/// `policies:`), each filtered by its own ignores.
pub fn lint(loaded: &Loaded, policy: &Policy) -> Vec<Finding> {
    let mut out = if policy.modules.is_empty() {
        lint_one(loaded, policy, None)
    } else {
        policy
            .modules
            .iter()
            .flat_map(|(dir, p)| lint_one(loaded, p, Some(dir)))
            .collect()
    };
    for p in &policy.policies {
        out.extend(lint(loaded, p));
    }
    sort_findings(&mut out);
    out
}

/// Runs one policy; with `module`, keeps only the findings in that module's files.
fn lint_one(loaded: &Loaded, policy: &Policy, module: Option<&str>) -> Vec<Finding> {
    let rules: Vec<&'static LintRule> = lint::RULES
        .iter()
        .copied()
        .filter(|r| policy.rules.iter().any(|m| m.id == r.meta.id))
        .collect();
    let s = &policy.section;
    let defaults = LintOptions::default();
    // buf lints each module on its own: the other modules' files are only imports to it.
    let scoped = module.map(|dir| module_image(loaded, dir));
    let ctx = lint::Ctx {
        image: scoped.as_ref().unwrap_or(&loaded.image),
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
    let mut hits = lint::run(&ctx, &rules);
    in_module(&mut hits, loaded, module);
    finish(hits, &loaded.image, policy, "buf:lint:ignore")
}

/// The image as one module sees it: its own files are the targets, the rest imports.
fn module_image(loaded: &Loaded, dir: &str) -> Image {
    let files = loaded
        .image
        .files
        .iter()
        .map(|f| {
            let mut f = f.clone();
            if loaded.image.modules.get(&f.name).is_some_and(|m| m != dir) {
                f.is_import = true;
            }
            f
        })
        .collect();
    Image::new(files)
        .with_pool(loaded.image.pool.clone())
        .with_modules(loaded.image.modules.clone())
}

/// Drops the hits outside `module` (when one is given). Hits in no known module (a
/// deleted file) stay with the first module only.
fn in_module(hits: &mut Vec<Hit>, loaded: &Loaded, module: Option<&str>) {
    let Some(dir) = module else {
        return;
    };
    let first = loaded.image.modules.values().next().map(String::as_str);
    hits.retain(|h| {
        match h
            .file_name
            .as_deref()
            .and_then(|n| loaded.image.modules.get(n))
        {
            Some(m) => m == dir,
            None => first.is_none_or(|f| f == dir),
        }
    });
}

/// Checks `current` against earlier versions (`history`, oldest first, each with the label
/// the user gave it). buf's rules compare with the latest; the reuse rules see every version.
/// Policies the policy carries (buf v2 `policies:`) run too, each with its own ignores.
pub fn breaking(current: &Loaded, history: &[(String, &Loaded)], policy: &Policy) -> Vec<Finding> {
    let mut out = if policy.modules.is_empty() {
        breaking_one(current, history, policy, None)
    } else {
        policy
            .modules
            .iter()
            .flat_map(|(dir, p)| breaking_one(current, history, p, Some(dir)))
            .collect()
    };
    for p in &policy.policies {
        out.extend(breaking(current, history, p));
    }
    sort_findings(&mut out);
    out
}

fn breaking_one(
    current: &Loaded,
    history: &[(String, &Loaded)],
    policy: &Policy,
    module: Option<&str>,
) -> Vec<Finding> {
    let Some((latest_label, latest)) = history.last() else {
        return Vec::new();
    };
    let rules: Vec<&'static BreakingRule> = breaking::RULES
        .iter()
        .copied()
        .filter(|r| policy.rules.iter().any(|m| m.id == r.meta.id))
        .collect();
    let unstable = policy.section.ignore_unstable_packages;
    let keep = |f: &&super::model::File| !unstable || !is_unstable_package(&f.package);
    let ctx = breaking::Ctx {
        previous: Index::of_files(&latest.image, latest.image.targets().filter(keep)),
        current: Index::of_files(&current.image, current.image.targets().filter(keep)),
        history: history
            .iter()
            .map(|(_, l)| Index::of_files(&l.image, l.image.targets().filter(keep)))
            .collect(),
    };
    let mut hits = breaking::run(&ctx, &rules);
    in_module(&mut hits, current, module);
    for h in &mut hits {
        if h.finding.against.is_none() {
            h.finding.against = Some(latest_label.clone());
        }
    }
    finish(hits, &current.image, policy, "buf:breaking:ignore")
}

/// buf's unstable packages: a last component like `v1alpha1`, `v1beta`, `v1test`, or `v1p1alpha`.
pub fn is_unstable_package(package: &str) -> bool {
    let last = package.rsplit('.').next().unwrap_or("");
    let Some(rest) = last.strip_prefix('v') else {
        return false;
    };
    let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return false;
    }
    let tail = &rest[digits..];
    let tail = match tail.strip_prefix('p') {
        Some(t) if t.starts_with(|c: char| c.is_ascii_digit()) => {
            t.trim_start_matches(|c: char| c.is_ascii_digit())
        }
        _ => tail,
    };
    tail.starts_with("alpha") || tail.starts_with("beta") || tail.starts_with("test")
}

fn finish(hits: Vec<Hit>, image: &Image, policy: &Policy, buf_marker: &str) -> Vec<Finding> {
    let mut out = Vec::with_capacity(hits.len());
    for hit in hits {
        let rule = hit.finding.rule.clone();
        if let Some(name) = &hit.file_name
            && policy.ignores(&rule, name)
        {
            continue;
        }
        let file = hit.file_name.as_deref().and_then(|n| image.file(n));
        if let (Some(file), Some(path)) = (file, &hit.element)
            && policy.comment_ignores
            && commented_ignore(file, path, &rule, buf_marker)
        {
            continue;
        }
        if let Some(src) = file.and_then(|f| f.source.as_deref())
            && hit.finding.location.span.line > 0
            && suppress::suppressed(src, hit.finding.location.span.line, &rule)
        {
            continue;
        }
        let mut finding = hit.finding;
        if let Some(meta) = policy.rules.iter().find(|m| m.id == rule) {
            finding.severity = policy.severity_of(meta);
        }
        out.push(finding);
    }
    sort_findings(&mut out);
    out
}

/// buf's comment ignores: a leading-comment line starting with `buf:lint:ignore ID` on the
/// element a finding is about or on any declaration enclosing it (a message's comment
/// covers its fields). `accord:ignore ID` works the same way, anywhere in those comments.
fn commented_ignore(file: &super::model::File, path: &[i32], rule: &str, marker: &str) -> bool {
    associated_paths(path).iter().any(|p| {
        let Some(leading) = file.location(p).and_then(|l| l.leading.as_deref()) else {
            return false;
        };
        let prefix = format!("{marker} {rule}");
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
