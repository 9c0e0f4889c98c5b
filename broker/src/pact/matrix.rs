//! The matrix: which versions of which applications have been shown to work together, and
//! the can-i-deploy decision drawn from it. One engine answers `GET /matrix` and every
//! can-i-deploy resource (`can_i_deploy.rs` renders it).
//!
//! A query names *selectors* (a pacticipant and which of its versions: a number, the
//! latest, the latest with a tag or on a branch, the main branch's head, what is in an
//! environment, or all of them) and optionally a *target* (an environment, a tag, a branch,
//! the main branch or the latest versions) where the selected versions are going. With one
//! selector or a target, the integrations are inferred: every counterpart the selected
//! versions have a pact with (or that has a pact with them, or shares an event subject
//! with them) is checked at the versions the target holds. With several selectors and no
//! target, only the integrations between the selected pacticipants count.
//!
//! Rows are pacts (the latest revision of each consumer version's pact) joined to their
//! verifications; schema rows (a reader version against a writer version of one subject)
//! come from `schema_links`. Every counterpart version in a target is its own row: two
//! provider versions deployed side by side are both checked, so a failing one blocks even
//! when a newer one passes, whatever `latestby` says (`cvp` collapses verifications only
//! where no target pins the counterpart's versions).
//!
//! Decision (`deployable`): `false` when a specified version does not exist or any
//! considered row failed; else `null` (unknown) when a row has no verification or a
//! consumer's provider has no version in the target; else `true`. The Pact Broker answers
//! `null` before `false` when both occur; accord reports the failure, since waiting for
//! more results cannot turn it into a yes. `limit` only trims the rows returned.
//!
//! - `query`: the query and its parsing; `data`: the indexed reads; `seed`: writing test
//!   and benchmark data directly (and the upserts schema links use).

mod data;
mod query;
pub mod seed;

pub use query::{Ignore, LatestBy, Query, Selector, Target};

use crate::pact::PactError;
use crate::pact::schema_links;
use crate::store::AnyStore;
use std::collections::{BTreeSet, HashMap, HashSet};

pub(crate) use data::{Pacticipant, Version};

/// How a side's versions were chosen: what its description in a reason says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum How {
    Version,
    Latest,
    LatestTag(String),
    Tag(String),
    LatestBranch(String),
    Branch(String),
    Environment(String),
    Any,
}

impl How {
    fn of(s: &Selector) -> How {
        if s.version.is_some() {
            How::Version
        } else if let Some(e) = &s.environment {
            How::Environment(e.clone())
        } else if let Some(t) = &s.tag {
            if s.latest {
                How::LatestTag(t.clone())
            } else {
                How::Tag(t.clone())
            }
        } else if let Some(b) = &s.branch {
            if s.latest {
                How::LatestBranch(b.clone())
            } else {
                How::Branch(b.clone())
            }
        } else if s.main_branch || s.latest {
            How::Latest
        } else {
            How::Any
        }
    }

    fn of_target(t: &Target, main_branch: Option<&str>) -> How {
        match t {
            Target::Environment(e) => How::Environment(e.clone()),
            Target::Tag { tag, latest: true } => How::LatestTag(tag.clone()),
            Target::Tag { tag, latest: false } => How::Tag(tag.clone()),
            Target::Branch(b) => How::LatestBranch(b.clone()),
            Target::MainBranch => match main_branch {
                Some(b) => How::LatestBranch(b.to_string()),
                None => How::Latest,
            },
            Target::Latest => How::Latest,
        }
    }

    /// The Pact Broker's wording for a side in a reason.
    pub(crate) fn describe(&self, name: &str, number: Option<&str>, one_of_many: bool) -> String {
        let n = |s: &str| match number {
            Some(v) => format!("{s} ({v})"),
            None => format!("{s} (no such version exists)"),
        };
        match self {
            How::LatestTag(t) => n(&format!("the latest version of {name} with tag {t}")),
            How::LatestBranch(b) => n(&format!("the latest version of {name} from branch {b}")),
            How::Latest => n(&format!("the latest version of {name}")),
            How::Tag(t) => n(&format!("a version of {name} with tag {t}")),
            How::Branch(b) => n(&format!("a version of {name} from branch {b}")),
            How::Environment(e) => {
                let prefix = if one_of_many && number.is_some() {
                    "one of the versions"
                } else {
                    "the version"
                };
                n(&format!("{prefix} of {name} currently deployed to {e}"))
            }
            How::Version => match number {
                Some(v) => format!("version {v} of {name}"),
                None => format!("a version of {name} (no such version exists)"),
            },
            How::Any => match number {
                Some(v) => format!("version {v} of {name}"),
                None => format!("any version of {name}"),
            },
        }
    }
}

/// A checked side: the pacticipant and the versions chosen.
#[derive(Debug, Clone)]
pub(crate) struct Side {
    pub pacticipant: Pacticipant,
    pub versions: Vec<i64>,
    pub how: How,
    /// The version number the user gave, for "does not exist" reasons.
    pub asked: Option<String>,
}

/// The result of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    Failure,
    Unknown,
}

/// A reader schema checked against a writer schema under one subject.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaCheck {
    pub subject: String,
    pub outcome: Outcome,
    pub reason: String,
    pub findings: Vec<serde_json::Value>,
}

/// One row: a consumer (or reader) version against a provider (or writer) version.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub consumer: i64,
    pub consumer_version: i64,
    pub provider: i64,
    pub provider_version: Option<i64>,
    pub pact: Option<data::Pact>,
    pub verification: Option<data::Verification>,
    pub schema: Option<SchemaCheck>,
    pub ignored: bool,
}

impl Row {
    pub(crate) fn outcome(&self) -> Outcome {
        if let Some(s) = &self.schema {
            return s.outcome;
        }
        match &self.verification {
            Some(v) if v.success => Outcome::Success,
            Some(_) => Outcome::Failure,
            None => Outcome::Unknown,
        }
    }
}

/// The matrix answer, ready to render.
#[derive(Debug, Clone)]
pub(crate) struct Matrix {
    pub deployable: Option<bool>,
    pub reasons: Vec<String>,
    /// (type, text) pairs.
    pub notices: Vec<(&'static str, String)>,
    pub success: usize,
    pub failed: usize,
    pub unknown: usize,
    pub ignored: usize,
    /// Considered rows first, then ignored ones, trimmed to the limit.
    pub rows: Vec<Row>,
    /// Row-level reasons, parallel to `rows`.
    pub row_reasons: Vec<String>,
    pub pacticipants: HashMap<i64, Pacticipant>,
    pub versions: HashMap<i64, Version>,
}

/// Which versions of a counterpart a row set covers.
#[derive(Debug, Clone)]
enum Pin {
    /// Exactly these (a target or a specified selector); empty means none exists.
    Set(Vec<i64>),
    /// Any version: the rows are whatever was verified.
    Any,
}

/// A required integration with no row: the consumer's provider has no version in the
/// target.
struct Missing {
    consumer: i64,
    consumer_version: i64,
    provider: i64,
}

async fn resolve(store: &AnyStore, sel: &Selector) -> Result<Side, PactError> {
    // A version selector finds the pacticipant and the version in one round trip.
    let found = match &sel.version {
        Some(n) => data::pacticipant_with_version(store, &sel.pacticipant, n).await?,
        None => data::pacticipant(store, &sel.pacticipant)
            .await?
            .map(|p| (p, None)),
    };
    let Some((p, version_id)) = found else {
        return Err(PactError::invalid(
            "q",
            format!("Pacticipant {} not found", sel.pacticipant),
        ));
    };
    let how = How::of(sel);
    let last = |v: Vec<i64>| v.last().copied().into_iter().collect::<Vec<_>>();
    let versions = if sel.version.is_some() {
        version_id.into_iter().collect()
    } else if let Some(e) = &sel.environment {
        let env = environment_id(store, e).await?;
        data::in_environment(store, env)
            .await?
            .into_iter()
            .filter(|(pid, _)| *pid == p.id)
            .map(|(_, v)| v)
            .collect()
    } else if let Some(t) = &sel.tag {
        let v = data::tagged_versions(store, p.id, t).await?;
        if sel.latest { last(v) } else { v }
    } else if let Some(b) = &sel.branch {
        let v = data::branch_versions(store, p.id, b).await?;
        if sel.latest { last(v) } else { v }
    } else if sel.main_branch {
        match &p.main_branch {
            Some(b) => last(data::branch_versions(store, p.id, b).await?),
            None => Vec::new(),
        }
    } else if sel.latest {
        last(data::all_versions(store, p.id).await?)
    } else {
        data::all_versions(store, p.id).await?
    };
    // The main branch's head is described by the branch's name.
    let how = match (&how, sel.main_branch, &p.main_branch) {
        (How::Latest, true, Some(b)) => How::LatestBranch(b.clone()),
        _ => how,
    };
    Ok(Side {
        pacticipant: p,
        versions,
        how,
        asked: sel.version.clone(),
    })
}

async fn environment_id(store: &AnyStore, name: &str) -> Result<i64, PactError> {
    data::environment(store, name).await?.ok_or_else(|| {
        PactError::invalid(
            "environment",
            format!("Environment with name '{name}' does not exist"),
        )
    })
}

/// The versions a target holds for each of `pacticipants`.
/// An environment's contents are read before the counterparts are known (concurrently
/// with the other reads): `in_env`.
async fn target_versions(
    store: &AnyStore,
    target: &Target,
    in_env: Option<Vec<(i64, i64)>>,
    pacticipants: &[i64],
) -> Result<HashMap<i64, Vec<i64>>, PactError> {
    let pairs = match target {
        Target::Environment(_) => {
            let wanted: HashSet<i64> = pacticipants.iter().copied().collect();
            in_env
                .unwrap_or_default()
                .into_iter()
                .filter(|(p, _)| wanted.contains(p))
                .collect()
        }
        Target::Tag { tag, latest } => {
            let all = data::with_tag(store, tag, pacticipants).await?;
            if *latest {
                let mut max: HashMap<i64, i64> = HashMap::new();
                for (p, v) in all {
                    let e = max.entry(p).or_insert(v);
                    *e = (*e).max(v);
                }
                max.into_iter().collect()
            } else {
                all
            }
        }
        Target::Branch(b) => data::branch_heads(store, Some(b), pacticipants).await?,
        Target::MainBranch => data::branch_heads(store, None, pacticipants).await?,
        Target::Latest => data::latest_versions(store, pacticipants).await?,
    };
    let mut out: HashMap<i64, Vec<i64>> = HashMap::new();
    for (p, v) in pairs {
        out.entry(p).or_default().push(v);
    }
    for v in out.values_mut() {
        v.sort_unstable();
        v.dedup();
    }
    Ok(out)
}

/// Evaluates a query against the store.
pub(crate) async fn evaluate(store: &AnyStore, q: &Query) -> Result<Matrix, PactError> {
    // Reads run in a few concurrent stages, so a can-i-deploy costs about five round trips
    // to the database whatever the number of integrations.
    let env_fut = async {
        match &q.target {
            Some(Target::Environment(e)) => environment_id(store, e).await.map(Some),
            _ => Ok(None),
        }
    };
    let sides_fut = async {
        let mut sides: Vec<Side> = Vec::new();
        for sel in &q.selectors {
            let side = resolve(store, sel).await?;
            // The same pacticipant twice: one side with both selections.
            if let Some(prev) = sides
                .iter_mut()
                .find(|s| s.pacticipant.id == side.pacticipant.id)
            {
                prev.versions.extend(side.versions);
                prev.versions.sort_unstable();
                prev.versions.dedup();
            } else {
                sides.push(side);
            }
        }
        Ok::<_, PactError>(sides)
    };
    let (env, sides) = tokio::try_join!(env_fut, sides_fut)?;
    let infer = q.target.is_some() || sides.len() == 1;
    let specified: HashMap<i64, usize> = sides
        .iter()
        .enumerate()
        .map(|(i, s)| (s.pacticipant.id, i))
        .collect();

    // Pacts published by the specified versions (as consumers), the specified pacticipants'
    // consumers, the schema links, and what the environment holds: all at once.
    let spec_versions: Vec<i64> = sides.iter().flat_map(|s| s.versions.clone()).collect();
    let pacts_fut = async {
        Ok::<_, PactError>(
            data::pacts(
                store,
                data::PactFilter::ConsumerVersions(&spec_versions, None),
            )
            .await?,
        )
    };
    let consumers_fut = async {
        let mut out: Vec<(i64, usize)> = Vec::new();
        if infer {
            for (i, s) in sides.iter().enumerate() {
                for c in data::consumers_of(store, s.pacticipant.id).await? {
                    if !specified.contains_key(&c) {
                        out.push((c, i));
                    }
                }
            }
        }
        Ok::<_, PactError>(out)
    };
    let plan_fut = schema_links::plan(store, &sides, &specified, infer);
    let env_fut = async {
        match env {
            Some(id) => Ok::<_, PactError>(Some(data::in_environment(store, id).await?)),
            None => Ok(None),
        }
    };
    let (consumer_pacts, inferred_consumers, schema_plan, in_env) =
        tokio::try_join!(pacts_fut, consumers_fut, plan_fut, env_fut)?;
    let consumer_pacts: Vec<data::Pact> = consumer_pacts
        .into_iter()
        .filter(|p| infer || specified.contains_key(&p.provider))
        .collect();

    // Counterparts whose versions come from the target.
    let mut counterparts: BTreeSet<i64> = BTreeSet::new();
    for p in &consumer_pacts {
        if !specified.contains_key(&p.provider) {
            counterparts.insert(p.provider);
        }
    }
    counterparts.extend(inferred_consumers.iter().map(|(c, _)| *c));
    counterparts.extend(schema_plan.counterparts());
    let counterparts: Vec<i64> = counterparts.into_iter().collect();
    let targets = match &q.target {
        Some(t) => Some(target_versions(store, t, in_env, &counterparts).await?),
        None => None,
    };
    let pin_of = |pacticipant: i64| -> Pin {
        if let Some(i) = specified.get(&pacticipant) {
            // A pacticipant named without a version stands for whatever was verified.
            if sides[*i].how == How::Any {
                return Pin::Any;
            }
            return Pin::Set(sides[*i].versions.clone());
        }
        match &targets {
            Some(t) => Pin::Set(t.get(&pacticipant).cloned().unwrap_or_default()),
            None => Pin::Any,
        }
    };

    // Pacts of the counterpart consumers' versions with the specified providers.
    let mut provider_pacts: Vec<(data::Pact, usize)> = Vec::new();
    let mut pinned_consumer_versions: Vec<i64> = Vec::new();
    for (c, i) in &inferred_consumers {
        match pin_of(*c) {
            Pin::Set(v) => pinned_consumer_versions.extend(v),
            Pin::Any => {
                let pid = sides[*i].pacticipant.id;
                for p in data::pacts(store, data::PactFilter::Between(*c, pid)).await? {
                    provider_pacts.push((p, *i));
                }
            }
        }
    }
    if !pinned_consumer_versions.is_empty() {
        for (i, s) in sides.iter().enumerate() {
            let found = data::pacts(
                store,
                data::PactFilter::ConsumerVersions(
                    &pinned_consumer_versions,
                    Some(s.pacticipant.id),
                ),
            )
            .await?;
            provider_pacts.extend(found.into_iter().map(|p| (p, i)));
        }
    }

    // Every (pact, provider pin) pair, then their verifications in one read.
    let mut work: Vec<(data::Pact, Pin, bool)> = Vec::new();
    for p in consumer_pacts {
        let pin = pin_of(p.provider);
        work.push((p, pin, true));
    }
    for (p, i) in provider_pacts {
        work.push((p, pin_of(sides[i].pacticipant.id), false));
    }
    let contents: Vec<i64> = {
        let set: BTreeSet<i64> = work.iter().map(|(p, _, _)| p.content).collect();
        set.into_iter().collect()
    };
    let any_unpinned = work.iter().any(|(_, pin, _)| matches!(pin, Pin::Any));
    let pinned: Vec<i64> = {
        let set: BTreeSet<i64> = work
            .iter()
            .flat_map(|(_, pin, _)| match pin {
                Pin::Set(v) => v.clone(),
                Pin::Any => Vec::new(),
            })
            .collect();
        set.into_iter().collect()
    };
    let pin_opt = |p: i64| match pin_of(p) {
        Pin::Set(v) => Some(v),
        Pin::Any => None,
    };
    let verifications_fut = async {
        Ok::<_, PactError>(
            data::verifications(
                store,
                &contents,
                if any_unpinned { None } else { Some(&pinned) },
            )
            .await?,
        )
    };
    let (verifications, schema_rows) =
        tokio::try_join!(verifications_fut, schema_plan.rows(store, &pin_opt))?;
    let mut by_content: HashMap<i64, Vec<data::Verification>> = HashMap::new();
    for v in verifications {
        by_content.entry(v.content).or_default().push(v);
    }
    for list in by_content.values_mut() {
        list.sort_by_key(|v| v.id);
    }

    let mut rows: Vec<Row> = Vec::new();
    let mut missing: Vec<Missing> = Vec::new();
    for (pact, pin, required) in work {
        let empty = Vec::new();
        let vers = by_content.get(&pact.content).unwrap_or(&empty);
        let row = |pv: Option<i64>, v: Option<&data::Verification>| Row {
            consumer: pact.consumer,
            consumer_version: pact.consumer_version,
            provider: pact.provider,
            provider_version: pv,
            pact: Some(pact.clone()),
            verification: v.cloned(),
            schema: None,
            ignored: false,
        };
        match pin {
            Pin::Set(pvs) => {
                if pvs.is_empty() && required {
                    missing.push(Missing {
                        consumer: pact.consumer,
                        consumer_version: pact.consumer_version,
                        provider: pact.provider,
                    });
                }
                for pv in pvs {
                    let latest = vers.iter().rev().find(|v| v.provider_version == pv);
                    rows.push(row(Some(pv), latest));
                }
            }
            Pin::Any => {
                let chosen: Vec<&data::Verification> = match q.latestby {
                    None => vers.iter().collect(),
                    Some(LatestBy::Cvpv) => {
                        let mut seen = HashSet::new();
                        let mut out: Vec<&data::Verification> = vers
                            .iter()
                            .rev()
                            .filter(|v| seen.insert(v.provider_version))
                            .collect();
                        out.reverse();
                        out
                    }
                    Some(LatestBy::Cvp | LatestBy::Cp) => vers.last().into_iter().collect(),
                };
                if chosen.is_empty() {
                    rows.push(row(None, None));
                }
                for v in chosen {
                    rows.push(row(Some(v.provider_version), Some(v)));
                }
            }
        }
    }
    rows.extend(schema_rows);
    if q.latestby == Some(LatestBy::Cp) {
        let mut newest: HashMap<(i64, i64), i64> = HashMap::new();
        for r in &rows {
            let e = newest
                .entry((r.consumer, r.provider))
                .or_insert(r.consumer_version);
            *e = (*e).max(r.consumer_version);
        }
        rows.retain(|r| newest.get(&(r.consumer, r.provider)) == Some(&r.consumer_version));
    }

    // Names and numbers for everything shown.
    let mut pids: BTreeSet<i64> = sides.iter().map(|s| s.pacticipant.id).collect();
    let mut vids: BTreeSet<i64> = BTreeSet::new();
    for r in &rows {
        pids.insert(r.consumer);
        pids.insert(r.provider);
        vids.insert(r.consumer_version);
        vids.extend(r.provider_version);
    }
    for m in &missing {
        pids.insert(m.provider);
        vids.insert(m.consumer_version);
    }
    let pids: Vec<i64> = pids.into_iter().collect();
    let vids: Vec<i64> = vids.into_iter().collect();
    let (pacticipants, versions) = tokio::try_join!(
        data::pacticipants(store, &pids),
        data::versions(store, &vids)
    )?;
    let name = |p: i64| {
        pacticipants
            .get(&p)
            .map(|x| x.name.as_str())
            .unwrap_or("")
            .to_string()
    };
    let number = |v: i64| versions.get(&v).map(|x| x.number.clone());

    // Ignores.
    let ignored_by = |pacticipant: i64, version: Option<i64>| {
        let n = name(pacticipant);
        q.ignore.iter().any(|i| {
            i.pacticipant == n
                && match (&i.version, version) {
                    (None, _) => true,
                    (Some(want), Some(v)) => number(v).as_deref() == Some(want.as_str()),
                    (Some(_), None) => false,
                }
        })
    };
    for r in &mut rows {
        r.ignored = ignored_by(r.consumer, Some(r.consumer_version))
            || ignored_by(r.provider, r.provider_version);
    }
    let mut notices: Vec<(&'static str, String)> = Vec::new();
    for i in &q.ignore {
        if data::pacticipant(store, &i.pacticipant).await?.is_none() {
            notices.push((
                "warning",
                format!(
                    "WARNING: Cannot ignore {} (no such pacticipant)",
                    i.pacticipant
                ),
            ));
        }
    }

    // Descriptions of each side, as the reasons word them.
    let target_how = |p: i64| -> How {
        if let Some(i) = specified.get(&p) {
            return sides[*i].how.clone();
        }
        match &q.target {
            Some(t) => How::of_target(
                t,
                pacticipants.get(&p).and_then(|x| x.main_branch.as_deref()),
            ),
            None => How::Any,
        }
    };
    let many = |p: i64| match &targets {
        Some(t) if !specified.contains_key(&p) => t.get(&p).is_some_and(|v| v.len() > 1),
        _ => specified
            .get(&p)
            .is_some_and(|i| sides[*i].versions.len() > 1),
    };
    let describe = |p: i64, v: Option<i64>| {
        target_how(p).describe(&name(p), v.and_then(number).as_deref(), many(p))
    };

    let mut reasons: Vec<String> = Vec::new();
    let mut ignored_reasons: Vec<String> = Vec::new();
    let absent: Vec<&Side> = sides
        .iter()
        .filter(|s| s.versions.is_empty() && s.how != How::Any)
        .collect();
    for s in &absent {
        reasons.push(does_not_exist(s));
    }
    let mut row_reasons: Vec<String> = Vec::new();
    let (mut success, mut failed, mut unknown, mut ignored) = (0, 0, 0, 0);
    for r in &rows {
        let c = describe(r.consumer, Some(r.consumer_version));
        let p = describe(r.provider, r.provider_version);
        let (text, is_error) = match (&r.schema, r.outcome()) {
            (Some(s), _) => (
                format!(
                    "Schema {} read by {c} and written by {p}: {}",
                    s.subject, s.reason
                ),
                s.outcome != Outcome::Success,
            ),
            (None, Outcome::Success) => {
                (format!("The pact between {c} and {p} is verified"), false)
            }
            (None, Outcome::Failure) => (
                format!("The verification for the pact between {c} and {p} failed"),
                true,
            ),
            (None, Outcome::Unknown) => (
                format!("There is no verified pact between {c} and {p}"),
                true,
            ),
        };
        if r.ignored {
            ignored += 1;
            if is_error {
                ignored_reasons.push(format!("[IGNORED] {text}"));
            }
        } else {
            match r.outcome() {
                Outcome::Success => success += 1,
                Outcome::Failure => failed += 1,
                Outcome::Unknown => unknown += 1,
            }
            if is_error {
                reasons.push(text.clone());
            }
        }
        row_reasons.push(text);
    }
    let mut missing_counted = 0;
    for m in &missing {
        let text = format!(
            "There is no verified pact between {} and {}",
            describe(m.consumer, Some(m.consumer_version)),
            describe(m.provider, None)
        );
        if ignored_by(m.consumer, Some(m.consumer_version)) || ignored_by(m.provider, None) {
            ignored += 1;
            ignored_reasons.push(format!("[IGNORED] {text}"));
        } else {
            missing_counted += 1;
            reasons.push(text);
        }
    }
    unknown += missing_counted;
    let deployable = if !absent.is_empty() || failed > 0 {
        Some(false)
    } else if unknown > 0 {
        None
    } else {
        Some(true)
    };
    dedup(&mut reasons);
    dedup(&mut ignored_reasons);
    if reasons.is_empty() {
        let considered = rows.iter().filter(|r| !r.ignored).count();
        reasons.push(if considered > 0 {
            "All required verification results are published and successful".to_string()
        } else {
            "There are no missing dependencies".to_string()
        });
    }
    let level = match deployable {
        Some(true) => "success",
        Some(false) => "error",
        None => "warning",
    };
    let mut all_notices: Vec<(&'static str, String)> = match deployable {
        // The clients print their own "Computer says yes/no"; notices carry the why.
        Some(true) => vec![("success", reasons[0].clone())],
        _ => reasons.iter().map(|r| (level, r.clone())).collect(),
    };
    all_notices.extend(ignored_reasons.iter().map(|r| ("info", r.clone())));
    all_notices.extend(notices);
    reasons.extend(ignored_reasons);

    // Considered rows first, in a stable order; the limit trims only what is shown.
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&i| {
        let r = &rows[i];
        (
            r.ignored,
            name(r.consumer),
            r.consumer_version,
            name(r.provider),
            r.provider_version,
            r.schema.as_ref().map(|s| s.subject.clone()),
            r.verification.as_ref().map(|v| v.id),
        )
    });
    if let Some(limit) = q.limit {
        order.truncate(limit);
    }
    let shown: Vec<Row> = order.iter().map(|&i| rows[i].clone()).collect();
    let shown_reasons: Vec<String> = order.iter().map(|&i| row_reasons[i].clone()).collect();
    Ok(Matrix {
        deployable,
        reasons,
        notices: all_notices,
        success,
        failed,
        unknown,
        ignored,
        rows: shown,
        row_reasons: shown_reasons,
        pacticipants,
        versions,
    })
}

fn does_not_exist(s: &Side) -> String {
    let name = &s.pacticipant.name;
    match (&s.how, &s.asked) {
        (How::Tag(t) | How::LatestTag(t), _) => {
            format!("No version with tag {t} exists for {name}")
        }
        (How::Branch(b) | How::LatestBranch(b), _) => {
            format!("No version of {name} from branch {b} exists")
        }
        (How::Environment(e), _) => {
            format!(
                "No version of {name} is currently recorded as deployed or released in environment {e}"
            )
        }
        (_, Some(v)) => {
            format!("No pacts or verifications have been published for version {v} of {name}")
        }
        _ => format!("No pacts or verifications have been published for {name}"),
    }
}

fn dedup(v: &mut Vec<String>) {
    let mut seen = HashSet::new();
    v.retain(|s| seen.insert(s.clone()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_use_the_brokers_wording() {
        assert_eq!(
            How::Environment("prod".into()).describe("Bar", Some("2"), false),
            "the version of Bar currently deployed to prod (2)"
        );
        assert_eq!(
            How::Environment("prod".into()).describe("Bar", Some("2"), true),
            "one of the versions of Bar currently deployed to prod (2)"
        );
        assert_eq!(
            How::Environment("prod".into()).describe("Bar", None, false),
            "the version of Bar currently deployed to prod (no such version exists)"
        );
        assert_eq!(
            How::Version.describe("Foo", Some("1"), false),
            "version 1 of Foo"
        );
    }
}
