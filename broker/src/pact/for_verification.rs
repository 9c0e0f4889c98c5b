//! Pacts for verification: `POST` (and `GET` with query parameters)
//! `/pacts/provider/{p}/for-verification`. Consumer version selectors (mainBranch, branch +
//! fallbackBranch, matchingBranch, tag + fallbackTag, latest, consumer, deployed, released,
//! deployedOrReleased, environment) are validated with the Pact Broker's rules, each
//! resolved to consumer versions with a pact, and the pacts deduplicated by content. With
//! no selector the Pact Broker's default applies: the latest from each consumer's main
//! branch plus every deployed or released version. Pending status is per provider branch
//! (else per provider tags, else any provider version); WIP pacts are the latest of each
//! consumer branch and tag published since `includeWipPactsSince` that are still pending.

use super::PactError;
use super::hal::{Base, Body, P, Query, enc, ok};
use super::model;
use super::pacts::{self, Arg, LATEST_REVISION, Publication};
use crate::AppState;
use crate::store::{AnyStore, StoreError, on_pool};
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use serde_json::{Map, Value, json};
use sqlx::Row;
use std::collections::{HashMap, HashSet};

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/pacts/provider/{provider}/for-verification",
        get(by_query).post(by_body),
    )
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selector {
    pub main_branch: bool,
    pub branch: Option<String>,
    pub fallback_branch: Option<String>,
    pub matching_branch: bool,
    pub tag: Option<String>,
    pub fallback_tag: Option<String>,
    pub latest: Option<bool>,
    pub consumer: Option<String>,
    pub deployed: bool,
    pub released: bool,
    pub deployed_or_released: bool,
    pub environment: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Request {
    pub selectors: Vec<Selector>,
    pub provider_branch: Option<String>,
    pub provider_tags: Vec<String>,
    pub include_pending: bool,
    /// Milliseconds since the epoch.
    pub wip_since: Option<i64>,
}

/// The selectors the Pact Broker uses when none are given.
fn default_selectors() -> Vec<Selector> {
    vec![
        Selector {
            main_branch: true,
            ..Selector::default()
        },
        Selector {
            deployed_or_released: true,
            ..Selector::default()
        },
    ]
}

fn parse_date(s: &str) -> Option<i64> {
    use time::format_description::well_known::Rfc3339;
    if let Ok(t) = time::OffsetDateTime::parse(s, &Rfc3339) {
        return Some((t.unix_timestamp_nanos() / 1_000_000) as i64);
    }
    // A bare date (YYYY-MM-DD) means midnight UTC.
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let month = time::Month::try_from(m.parse::<u8>().ok()?).ok()?;
    time::Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?)
        .ok()
        .map(|d| d.midnight().assume_utc().unix_timestamp() * 1000)
}

/// Validates the request body as the Pact Broker's pacts-for-verification schema does.
pub fn parse(body: &Value) -> Result<Request, PactError> {
    let mut errors: Vec<String> = Vec::new();
    let mut wrong: Map<String, Value> = Map::new();
    let provider_branch = match body.get("providerVersionBranch") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(_) => {
            wrong.insert(
                "providerVersionBranch".into(),
                json!(["providerVersionBranch must be a non-empty string"]),
            );
            None
        }
    };
    let provider_tags: Vec<String> = match body.get("providerVersionTags") {
        None | Some(Value::Null) => vec![],
        Some(Value::Array(a)) if a.iter().all(Value::is_string) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        Some(_) => {
            wrong.insert(
                "providerVersionTags".into(),
                json!(["providerVersionTags must be an array of strings"]),
            );
            vec![]
        }
    };
    let include_pending = match body.get("includePendingStatus") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) if s == "true" || s == "false" => s == "true",
        Some(_) => {
            wrong.insert(
                "includePendingStatus".into(),
                json!(["includePendingStatus must be a boolean"]),
            );
            false
        }
    };
    let wip_since = match body.get("includeWipPactsSince") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => match parse_date(s) {
            Some(ms) => Some(ms),
            None => {
                wrong.insert(
                    "includeWipPactsSince".into(),
                    json!([format!(
                        "includeWipPactsSince '{s}' is not a valid date; use ISO 8601"
                    )]),
                );
                None
            }
        },
        Some(_) => {
            wrong.insert(
                "includeWipPactsSince".into(),
                json!(["includeWipPactsSince must be a date string"]),
            );
            None
        }
    };
    let mut selectors = Vec::new();
    match body.get("consumerVersionSelectors") {
        None | Some(Value::Null) => {}
        Some(Value::Array(a)) => {
            for (i, s) in a.iter().enumerate() {
                match selector(s, provider_branch.is_some()) {
                    Ok(sel) => selectors.push(sel),
                    Err(msgs) => {
                        errors.extend(msgs.into_iter().map(|m| format!("{m} (at index {i})")))
                    }
                }
            }
        }
        Some(_) => errors.push("consumerVersionSelectors must be an array".into()),
    }
    if !errors.is_empty() {
        wrong.insert("consumerVersionSelectors".into(), json!(errors));
    }
    if !wrong.is_empty() {
        return Err(PactError::invalid_fields(wrong));
    }
    Ok(Request {
        selectors,
        provider_branch,
        provider_tags,
        include_pending,
        wip_since,
    })
}

fn selector(v: &Value, has_provider_branch: bool) -> Result<Selector, Vec<String>> {
    let Some(o) = v.as_object() else {
        return Err(vec!["a selector must be an object".into()]);
    };
    let mut errs = Vec::new();
    let mut string = |k: &str| -> Option<String> {
        match o.get(k) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Some(_) => {
                errs.push(format!("{k} must be a non-empty string"));
                None
            }
        }
    };
    let branch = string("branch");
    let fallback_branch = string("fallbackBranch");
    let tag = string("tag");
    let fallback_tag = string("fallbackTag");
    let consumer = string("consumer");
    let environment = string("environment");
    let mut boolean = |k: &str| -> Option<bool> {
        match o.get(k) {
            None | Some(Value::Null) => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(_) => {
                errs.push(format!("{k} must be a boolean"));
                None
            }
        }
    };
    let main_branch = boolean("mainBranch");
    let matching_branch = boolean("matchingBranch");
    let latest = boolean("latest");
    let deployed = boolean("deployed");
    let released = boolean("released");
    let deployed_or_released = boolean("deployedOrReleased");
    for (k, v) in [
        ("mainBranch", main_branch),
        ("matchingBranch", matching_branch),
        ("deployed", deployed),
        ("released", released),
        ("deployedOrReleased", deployed_or_released),
    ] {
        if v == Some(false) {
            errs.push(format!("{k} can only be set to true"));
        }
    }
    let main_branch = main_branch == Some(true);
    let matching_branch = matching_branch == Some(true);
    let deployed = deployed == Some(true);
    let released = released == Some(true);
    let deployed_or_released = deployed_or_released == Some(true);
    if fallback_tag.is_some() && latest != Some(true) {
        errs.push("fallbackTag can only be set if latest is true".into());
    }
    if fallback_tag.is_some() && tag.is_none() {
        errs.push("fallbackTag can only be set if tag is set".into());
    }
    if fallback_branch.is_some() && branch.is_none() {
        errs.push("fallbackBranch can only be set if branch is set".into());
    }
    if fallback_branch.is_some() && latest == Some(false) {
        errs.push("fallbackBranch can only be set if latest is true".into());
    }
    if tag.is_some() && branch.is_some() {
        errs.push("cannot specify both a tag and a branch".into());
    }
    if main_branch && (tag.is_some() || branch.is_some() || matching_branch) {
        errs.push("cannot specify mainBranch=true with a tag, branch or matchingBranch".into());
    }
    if matching_branch && (tag.is_some() || branch.is_some()) {
        errs.push("cannot specify matchingBranch=true with a tag or branch".into());
    }
    if matching_branch && !has_provider_branch {
        errs.push(
            "the providerVersionBranch must be specified when the selector matchingBranch=true is used"
                .into(),
        );
    }
    let deployment = deployed || released || deployed_or_released;
    if [deployed, released, deployed_or_released]
        .iter()
        .filter(|b| **b)
        .count()
        > 1
    {
        errs.push(
            "cannot specify more than one of deployed, released and deployedOrReleased".into(),
        );
    }
    if deployment && (tag.is_some() || branch.is_some() || main_branch || matching_branch) {
        errs.push(
            "cannot specify a tag or branch with deployed, released or deployedOrReleased".into(),
        );
    }
    if (deployment || environment.is_some()) && latest.is_some() {
        errs.push(
            "cannot specify latest with deployed, released, deployedOrReleased or environment"
                .into(),
        );
    }
    if environment.is_some()
        && (tag.is_some() || branch.is_some() || main_branch || matching_branch)
    {
        errs.push("cannot specify an environment with a tag or branch".into());
    }
    let anything = main_branch
        || matching_branch
        || branch.is_some()
        || tag.is_some()
        || latest == Some(true)
        || deployment
        || environment.is_some();
    if !anything {
        errs.push(
            "must specify a value for environment or tag or branch, or specify mainBranch=true, \
             matchingBranch=true, latest=true, deployed=true, released=true or deployedOrReleased=true"
                .into(),
        );
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(Selector {
        main_branch,
        branch,
        fallback_branch,
        matching_branch,
        tag,
        fallback_tag,
        latest,
        consumer,
        deployed,
        released,
        deployed_or_released,
        environment,
    })
}

/// A consumer version with a pact for the provider, and what selectors can match on.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub publication: Publication,
    pub consumer: String,
    pub main_branch: Option<String>,
    pub branches: Vec<String>,
    pub tags: Vec<String>,
    pub deployed: Vec<String>,
    pub released: Vec<String>,
}

/// Newest first.
async fn candidates(store: &AnyStore, provider_id: i64) -> Result<Vec<Candidate>, StoreError> {
    let pubs = pacts::publication_ids(
        store,
        &format!("pp.provider_id = $1 AND {LATEST_REVISION}"),
        &[Arg::I(provider_id)],
        "v.id DESC",
    )
    .await?;
    let pairs = |sql: &'static str| async move {
        on_pool!(store, pool => {
            let rows = sqlx::query(sql).bind(provider_id).fetch_all(pool).await?;
            rows.iter()
                .map(|r| Ok((r.try_get::<i64, _>(0)?, r.try_get::<String, _>(1)?)))
                .collect::<Result<Vec<_>, sqlx::Error>>()
                .map_err(StoreError::from)
        })
    };
    let branches = pairs(
        "SELECT bv.version_id, b.name FROM branch_versions bv JOIN branches b ON b.id = bv.branch_id \
         WHERE bv.version_id IN (SELECT consumer_version_id FROM pact_publications WHERE provider_id = $1) \
         ORDER BY bv.created_at, b.id",
    )
    .await?;
    let tags = pairs(
        "SELECT t.version_id, t.name FROM tags t \
         WHERE t.version_id IN (SELECT consumer_version_id FROM pact_publications WHERE provider_id = $1) \
         ORDER BY t.created_at",
    )
    .await?;
    let deployed = pairs(
        "SELECT d.version_id, e.name FROM deployed_versions d JOIN environments e ON e.id = d.environment_id \
         WHERE d.undeployed_at IS NULL AND d.version_id IN \
         (SELECT consumer_version_id FROM pact_publications WHERE provider_id = $1)",
    )
    .await?;
    let released = pairs(
        "SELECT r.version_id, e.name FROM released_versions r JOIN environments e ON e.id = r.environment_id \
         WHERE r.support_ended_at IS NULL AND r.version_id IN \
         (SELECT consumer_version_id FROM pact_publications WHERE provider_id = $1)",
    )
    .await?;
    let group = |pairs: Vec<(i64, String)>| {
        let mut m: HashMap<i64, Vec<String>> = HashMap::new();
        for (id, name) in pairs {
            m.entry(id).or_default().push(name);
        }
        m
    };
    let (mut branches, mut tags, mut deployed, mut released) = (
        group(branches),
        group(tags),
        group(deployed),
        group(released),
    );
    let mut consumers: HashMap<i64, model::Pacticipant> = HashMap::new();
    let mut out = Vec::new();
    for p in pubs {
        if let std::collections::hash_map::Entry::Vacant(slot) = consumers.entry(p.consumer_id) {
            slot.insert(model::pacticipant_by_id(store, p.consumer_id).await?);
        }
        let c = &consumers[&p.consumer_id];
        let vid = p.consumer_version_id;
        out.push(Candidate {
            consumer: c.name.clone(),
            main_branch: c.main_branch.clone(),
            branches: branches.remove(&vid).unwrap_or_default(),
            tags: tags.remove(&vid).unwrap_or_default(),
            deployed: deployed.remove(&vid).unwrap_or_default(),
            released: released.remove(&vid).unwrap_or_default(),
            publication: p,
        });
    }
    Ok(out)
}

/// The newest candidate per consumer among those `keep` accepts (candidates are newest first).
fn latest_per_consumer(cands: &[Candidate], keep: impl Fn(&Candidate) -> bool) -> Vec<usize> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        if keep(c) && seen.insert(c.consumer.clone()) {
            out.push(i);
        }
    }
    out
}

/// The candidates a selector picks, each with why (the short description).
pub fn resolve(
    sel: &Selector,
    cands: &[Candidate],
    provider_branch: Option<&str>,
) -> Vec<(usize, String)> {
    let of_consumer = |c: &Candidate| sel.consumer.as_ref().is_none_or(|n| *n == c.consumer);
    let all = |keep: &dyn Fn(&Candidate) -> bool| -> Vec<usize> {
        (0..cands.len())
            .filter(|i| of_consumer(&cands[*i]) && keep(&cands[*i]))
            .collect()
    };
    let on = |b: &str, c: &Candidate| c.branches.iter().any(|x| x == b);
    let tagged = |t: &str, c: &Candidate| c.tags.iter().any(|x| x == t);
    let label = |i: &Vec<usize>, d: String| i.iter().map(|i| (*i, d.clone())).collect::<Vec<_>>();
    if sel.main_branch {
        let picked = latest_per_consumer(cands, |c| {
            of_consumer(c) && c.main_branch.as_ref().is_some_and(|m| on(m, c))
        });
        return label(&picked, "latest from main branch".into());
    }
    if sel.matching_branch {
        let Some(b) = provider_branch else {
            return vec![];
        };
        let picked = latest_per_consumer(cands, |c| of_consumer(c) && on(b, c));
        return label(&picked, format!("latest from matching branch {b}"));
    }
    if let Some(b) = &sel.branch {
        if sel.latest == Some(false) {
            return label(&all(&|c| on(b, c)), format!("all from branch {b}"));
        }
        let mut picked = label(
            &latest_per_consumer(cands, |c| of_consumer(c) && on(b, c)),
            format!("latest from branch {b}"),
        );
        if let Some(fb) = &sel.fallback_branch {
            let have: HashSet<&str> = picked
                .iter()
                .map(|(i, _)| cands[*i].consumer.as_str())
                .collect();
            let fallback = latest_per_consumer(cands, |c| {
                of_consumer(c) && !have.contains(c.consumer.as_str()) && on(fb, c)
            });
            picked.extend(label(
                &fallback,
                format!("latest from fallback branch {fb}"),
            ));
        }
        return picked;
    }
    if let Some(t) = &sel.tag {
        if sel.latest != Some(true) {
            return label(&all(&|c| tagged(t, c)), format!("all with tag {t}"));
        }
        let mut picked = label(
            &latest_per_consumer(cands, |c| of_consumer(c) && tagged(t, c)),
            format!("latest with tag {t}"),
        );
        if let Some(ft) = &sel.fallback_tag {
            let have: HashSet<&str> = picked
                .iter()
                .map(|(i, _)| cands[*i].consumer.as_str())
                .collect();
            let fallback = latest_per_consumer(cands, |c| {
                of_consumer(c) && !have.contains(c.consumer.as_str()) && tagged(ft, c)
            });
            picked.extend(label(&fallback, format!("latest with fallback tag {ft}")));
        }
        return picked;
    }
    let in_env = |envs: &[String]| match &sel.environment {
        Some(e) => envs.iter().any(|x| x == e),
        None => !envs.is_empty(),
    };
    let env_words = sel
        .environment
        .as_deref()
        .map(|e| format!(" {e}"))
        .unwrap_or_else(|| " any environment".into());
    if sel.deployed {
        return all(&|c| in_env(&c.deployed))
            .into_iter()
            .map(|i| (i, format!("currently deployed to{env_words}")))
            .collect();
    }
    if sel.released {
        return all(&|c| in_env(&c.released))
            .into_iter()
            .map(|i| (i, format!("currently released in{env_words}")))
            .collect();
    }
    if sel.deployed_or_released || sel.environment.is_some() {
        return all(&|c| in_env(&c.deployed) || in_env(&c.released))
            .into_iter()
            .map(|i| {
                let d = if in_env(&cands[i].deployed) {
                    format!("currently deployed to{env_words}")
                } else {
                    format!("currently released in{env_words}")
                };
                (i, d)
            })
            .collect();
    }
    if sel.latest == Some(true) {
        return label(&latest_per_consumer(cands, of_consumer), "latest".into());
    }
    vec![]
}

/// Pact contents that are not pending for the provider's branch (else for every one of its
/// tags, else for any version), by the Pact Broker's rule: a successful verification from
/// that branch, or from another branch before that branch was created (a new branch
/// inherits what its origin verified). Tags work alike, the tag's first use standing for
/// the branch's creation.
async fn verified(
    store: &AnyStore,
    provider_id: i64,
    branch: Option<&str>,
    tags: &[String],
) -> Result<HashSet<i64>, StoreError> {
    const BASE: &str = "SELECT DISTINCT vf.pact_content_id FROM verifications vf \
         JOIN versions v ON v.id = vf.provider_version_id";
    const WHERE: &str = "v.pacticipant_id = $1 AND vf.success = $2 AND vf.source = 'verifier'";
    // No such branch or tag yet: every earlier verification counts.
    const NEVER: &str = "9223372036854775807";
    let same_branch = format!(
        "{BASE} JOIN branch_versions bv ON bv.version_id = v.id \
         JOIN branches b ON b.id = bv.branch_id WHERE {WHERE} AND b.name = $3"
    );
    let other_branch_before = format!(
        "{BASE} JOIN branch_versions bv ON bv.version_id = v.id \
         JOIN branches b ON b.id = bv.branch_id WHERE {WHERE} AND b.name <> $3 \
         AND vf.created_at < COALESCE((SELECT MIN(b2.created_at) FROM branches b2 \
         WHERE b2.pacticipant_id = $1 AND b2.name = $3), {NEVER})"
    );
    let same_tag =
        format!("{BASE} JOIN tags t ON t.version_id = v.id WHERE {WHERE} AND t.name = $3");
    let other_tag_before = format!(
        "{BASE} JOIN tags t ON t.version_id = v.id WHERE {WHERE} AND t.name <> $3 \
         AND vf.created_at < COALESCE((SELECT MIN(t2.created_at) FROM tags t2 \
         JOIN versions v2 ON v2.id = t2.version_id \
         WHERE v2.pacticipant_id = $1 AND t2.name = $3), {NEVER})"
    );
    // Each group is a set of queries whose results are united; the groups intersect.
    let groups: Vec<Vec<(String, Option<String>)>> = match branch {
        Some(b) => vec![vec![
            (same_branch, Some(b.to_string())),
            (other_branch_before, Some(b.to_string())),
        ]],
        None if !tags.is_empty() => tags
            .iter()
            .map(|t| {
                vec![
                    (same_tag.clone(), Some(t.clone())),
                    (other_tag_before.clone(), Some(t.clone())),
                ]
            })
            .collect(),
        None => vec![vec![(format!("{BASE} WHERE {WHERE}"), None)]],
    };
    let mut result: Option<HashSet<i64>> = None;
    for group in groups {
        let mut ids = HashSet::new();
        for (sql, arg) in group {
            let found: Vec<i64> = on_pool!(store, pool => {
                let mut q = sqlx::query_scalar::<_, i64>(&sql).bind(provider_id).bind(true);
                if let Some(a) = &arg {
                    q = q.bind(a.clone());
                }
                q.fetch_all(pool).await?
            });
            ids.extend(found);
        }
        result = Some(match result {
            None => ids,
            Some(prev) => prev.intersection(&ids).copied().collect(),
        });
    }
    Ok(result.unwrap_or_default())
}

struct Chosen {
    candidate: usize,
    reasons: Vec<String>,
    wip: bool,
}

async fn answer(
    s: &AppState,
    base: &Base,
    provider: &str,
    req: Request,
) -> Result<Response, PactError> {
    let self_link = base.link(
        &format!("/pacts/provider/{}/for-verification", enc(provider)),
        "Pacts to be verified",
    );
    let Some(p) = model::pacticipant(&s.store, provider).await? else {
        return Err(PactError::not_found(format!(
            "No provider with name '{provider}' found"
        )));
    };
    let cands = candidates(&s.store, p.id).await?;
    let selectors = if req.selectors.is_empty() {
        default_selectors()
    } else {
        req.selectors.clone()
    };
    // One entry per pact content: a content published by several matching consumer
    // versions is verified once, named by the newest of them.
    let mut chosen: Vec<Chosen> = Vec::new();
    let mut by_content: HashMap<i64, usize> = HashMap::new();
    for sel in &selectors {
        for (i, why) in resolve(sel, &cands, req.provider_branch.as_deref()) {
            let content = cands[i].publication.content_id;
            match by_content.get(&content) {
                Some(&k) => {
                    let c = &mut chosen[k];
                    if !c.reasons.contains(&why) {
                        c.reasons.push(why);
                    }
                    if i < c.candidate {
                        c.candidate = i;
                    }
                }
                None => {
                    by_content.insert(content, chosen.len());
                    chosen.push(Chosen {
                        candidate: i,
                        reasons: vec![why],
                        wip: false,
                    });
                }
            }
        }
    }
    let verified_ok = verified(
        &s.store,
        p.id,
        req.provider_branch.as_deref(),
        &req.provider_tags,
    )
    .await?;
    let wip_allowed =
        req.include_pending && (req.provider_branch.is_some() || !req.provider_tags.is_empty());
    if let (Some(since), true) = (req.wip_since, wip_allowed) {
        // The latest pact of each consumer branch (when the provider names its branch) or
        // tag (when it names tags), published since the date.
        let mut heads: HashSet<usize> = HashSet::new();
        let mut seen: HashSet<(String, String)> = HashSet::new();
        let by_branch = req.provider_branch.is_some();
        for (i, c) in cands.iter().enumerate() {
            let labels = if by_branch { &c.branches } else { &c.tags };
            for label in labels {
                if seen.insert((c.consumer.clone(), label.clone())) {
                    heads.insert(i);
                }
            }
        }
        let mut heads: Vec<usize> = heads.into_iter().collect();
        heads.sort_unstable();
        for i in heads {
            let c = &cands[i];
            let content = c.publication.content_id;
            if c.publication.created_at < since
                || by_content.contains_key(&content)
                || verified_ok.contains(&content)
            {
                continue;
            }
            by_content.insert(content, chosen.len());
            let what = c
                .branches
                .first()
                .map(|b| format!("latest from branch {b}"))
                .or_else(|| c.tags.first().map(|t| format!("latest with tag {t}")))
                .unwrap_or_else(|| "latest".into());
            chosen.push(Chosen {
                candidate: i,
                reasons: vec![format!("{what} (work in progress)")],
                wip: true,
            });
        }
    }
    let provider_scope = match (&req.provider_branch, req.provider_tags.is_empty()) {
        (Some(b), _) => format!("a version of {provider} from branch '{b}'"),
        (None, false) => format!(
            "a version of {provider} with tag(s) {}",
            req.provider_tags.join(", ")
        ),
        (None, true) => format!("any version of {provider}"),
    };
    let mut pacts_out = Vec::new();
    for c in &chosen {
        let cand = &cands[c.candidate];
        let pb = &cand.publication;
        let url = base.url(&pacts::sha_path(provider, &cand.consumer, &pb.sha));
        let pending = !verified_ok.contains(&pb.content_id);
        let description = c.reasons.join(", ");
        let mut notices = vec![json!({
            "when": "before_verification",
            "text": format!(
                "The pact at {url} is being verified because the pact content belongs to the consumer \
                 version matching the following criteria: {description} of {} ({})",
                cand.consumer, pb.consumer_version
            ),
        })];
        let mut props = json!({});
        if req.include_pending {
            props["pending"] = json!(pending || c.wip);
            let text = if c.wip {
                format!(
                    "This pact is being verified because it is a 'work in progress' pact (ie. it is the pact \
                     for the latest version of {} from its branch or tag and is still in pending state). \
                     If this verification fails, it will not cause the overall build to fail.",
                    cand.consumer
                )
            } else if pending {
                format!(
                    "This pact is in pending state for this version of {provider} because a successful \
                     verification result for {provider_scope} has not yet been published. If this \
                     verification fails, it will not cause the overall build to fail."
                )
            } else {
                format!(
                    "This pact has previously been successfully verified by {provider_scope}. If this \
                     verification fails, it will fail the build."
                )
            };
            notices.push(json!({"when": "before_verification", "text": text}));
            if pending || c.wip {
                notices.push(json!({
                    "when": "after_verification:success_true_published_true",
                    "text": format!("This pact is no longer in pending state for {provider_scope}, as a successful verification result has been published."),
                }));
            }
        } else {
            props["pending"] = json!(false);
        }
        if c.wip {
            props["wip"] = json!(true);
        }
        props["notices"] = json!(notices);
        pacts_out.push(json!({
            "shortDescription": description,
            "verificationProperties": props,
            "_links": {"self": {
                "href": url,
                "name": format!("Pact between {} ({}) and {provider}", cand.consumer, pb.consumer_version),
            }},
        }));
    }
    Ok(ok(json!({
        "_embedded": {"pacts": pacts_out},
        "_links": {"self": self_link},
    })))
}

async fn by_body(
    State(s): State<AppState>,
    base: Base,
    P(provider): P<String>,
    Body(body): Body,
) -> Result<Response, PactError> {
    let req = parse(&body)?;
    answer(&s, &base, &provider, req).await
}

/// The GET form: `providerVersionBranch`, `providerVersionTags[]`, `includePendingStatus`,
/// `includeWipPactsSince` and `consumerVersionSelectors[][key]=value` (snake_case names
/// accepted too), turned into the POST body.
fn query_body(q: &Query) -> Value {
    let camel = |k: &str| -> String {
        let mut out = String::new();
        let mut up = false;
        for ch in k.chars() {
            if ch == '_' {
                up = true;
            } else if up {
                out.extend(ch.to_uppercase());
                up = false;
            } else {
                out.push(ch);
            }
        }
        out
    };
    let mut body = Map::new();
    let mut selectors: Vec<Map<String, Value>> = Vec::new();
    let mut tags = Vec::new();
    for (k, v) in &q.0 {
        let k = camel(k);
        if let Some(rest) = k.strip_prefix("consumerVersionSelectors[]") {
            let key = camel(rest.trim_start_matches('[').trim_end_matches(']'));
            let value = match (key.as_str(), v.as_str()) {
                (_, "true") => Value::Bool(true),
                (_, "false") => Value::Bool(false),
                _ => Value::String(v.clone()),
            };
            if selectors.last().is_none_or(|s| s.contains_key(&key)) {
                selectors.push(Map::new());
            }
            if let Some(last) = selectors.last_mut() {
                last.insert(key, value);
            }
        } else if k == "providerVersionTags[]" || k == "providerVersionTags" {
            tags.push(Value::String(v.clone()));
        } else if k == "includePendingStatus" {
            body.insert(k, Value::Bool(v == "true"));
        } else {
            body.insert(k, Value::String(v.clone()));
        }
    }
    if !selectors.is_empty() {
        body.insert(
            "consumerVersionSelectors".into(),
            Value::Array(selectors.into_iter().map(Value::Object).collect()),
        );
    }
    if !tags.is_empty() {
        body.insert("providerVersionTags".into(), Value::Array(tags));
    }
    Value::Object(body)
}

async fn by_query(
    State(s): State<AppState>,
    base: Base,
    P(provider): P<String>,
    q: Query,
) -> Result<Response, PactError> {
    let req = parse(&query_body(&q))?;
    answer(&s, &base, &provider, req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(body: Value) -> Vec<String> {
        let e = parse(&body).unwrap_err();
        e.body["errors"]["consumerVersionSelectors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|m| m.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn selector_validation_rules() {
        let e = errors(json!({"consumerVersionSelectors": [{}]}));
        assert!(e[0].starts_with("must specify a value"), "{e:?}");
        assert!(e[0].ends_with("(at index 0)"));
        let e = errors(json!({"consumerVersionSelectors": [{"tag": "a", "fallbackTag": "b"}]}));
        assert!(
            e.iter()
                .any(|m| m.contains("fallbackTag can only be set if latest is true"))
        );
        let e =
            errors(json!({"consumerVersionSelectors": [{"fallbackBranch": "b", "latest": true}]}));
        assert!(
            e.iter()
                .any(|m| m.contains("fallbackBranch can only be set if branch is set"))
        );
        let e = errors(json!({"consumerVersionSelectors": [{"tag": "a", "branch": "b"}]}));
        assert!(e.iter().any(|m| m.contains("both a tag and a branch")));
        let e = errors(json!({"consumerVersionSelectors": [{"matchingBranch": true}]}));
        assert!(
            e.iter()
                .any(|m| m.contains("providerVersionBranch must be specified"))
        );
        let e = errors(json!({"consumerVersionSelectors": [{"mainBranch": "yes"}]}));
        assert!(e.iter().any(|m| m.contains("mainBranch must be a boolean")));
        let e = errors(json!({"consumerVersionSelectors": [{"deployed": true, "latest": true}]}));
        assert!(e.iter().any(|m| m.contains("cannot specify latest")));
        assert!(parse(&json!({"includeWipPactsSince": "not a date"})).is_err());
        let ok = parse(&json!({
            "consumerVersionSelectors": [{"matchingBranch": true}, {"environment": "prod"}],
            "providerVersionBranch": "main",
            "includeWipPactsSince": "2024-01-01",
            "includePendingStatus": true
        }))
        .unwrap();
        assert_eq!(ok.selectors.len(), 2);
        assert_eq!(ok.wip_since, Some(1_704_067_200_000));
    }

    #[test]
    fn query_string_becomes_selectors() {
        let q = Query(vec![
            ("consumer_version_selectors[][tag]".into(), "prod".into()),
            ("consumer_version_selectors[][latest]".into(), "true".into()),
            ("consumer_version_selectors[][tag]".into(), "dev".into()),
            ("provider_version_branch".into(), "main".into()),
        ]);
        let body = query_body(&q);
        assert_eq!(
            body["consumerVersionSelectors"].as_array().unwrap().len(),
            2
        );
        assert_eq!(body["consumerVersionSelectors"][0]["latest"], json!(true));
        assert_eq!(body["providerVersionBranch"], json!("main"));
    }

    fn cand(
        consumer: &str,
        id: i64,
        branches: &[&str],
        tags: &[&str],
        deployed: &[&str],
    ) -> Candidate {
        Candidate {
            publication: Publication {
                id,
                consumer_version_id: id,
                consumer_version: id.to_string(),
                consumer_id: 1,
                provider_id: 2,
                revision: 1,
                content_id: id,
                sha: format!("s{id}"),
                content: "{}".into(),
                created_at: id,
            },
            consumer: consumer.into(),
            main_branch: Some("main".into()),
            branches: branches.iter().map(|s| s.to_string()).collect(),
            tags: tags.iter().map(|s| s.to_string()).collect(),
            deployed: deployed.iter().map(|s| s.to_string()).collect(),
            released: vec![],
        }
    }

    #[test]
    fn selectors_pick_the_right_versions() {
        // Newest first.
        let cands = vec![
            cand("A", 4, &["feat"], &[], &[]),
            cand("A", 3, &["main"], &["dev"], &[]),
            cand("A", 2, &["main"], &["dev", "prod"], &["production"]),
            cand("B", 1, &["main"], &[], &[]),
        ];
        let ids = |sel: Selector, pb: Option<&str>| -> Vec<i64> {
            resolve(&sel, &cands, pb)
                .into_iter()
                .map(|(i, _)| cands[i].publication.id)
                .collect()
        };
        assert_eq!(
            ids(
                Selector {
                    main_branch: true,
                    ..Default::default()
                },
                None
            ),
            vec![3, 1]
        );
        assert_eq!(
            ids(
                Selector {
                    latest: Some(true),
                    ..Default::default()
                },
                None
            ),
            vec![4, 1]
        );
        assert_eq!(
            ids(
                Selector {
                    branch: Some("feat".into()),
                    fallback_branch: Some("main".into()),
                    ..Default::default()
                },
                None
            ),
            vec![4, 1]
        );
        assert_eq!(
            ids(
                Selector {
                    matching_branch: true,
                    ..Default::default()
                },
                Some("feat")
            ),
            vec![4]
        );
        assert_eq!(
            ids(
                Selector {
                    tag: Some("dev".into()),
                    ..Default::default()
                },
                None
            ),
            vec![3, 2]
        );
        assert_eq!(
            ids(
                Selector {
                    tag: Some("dev".into()),
                    latest: Some(true),
                    ..Default::default()
                },
                None
            ),
            vec![3]
        );
        assert_eq!(
            ids(
                Selector {
                    tag: Some("nope".into()),
                    fallback_tag: Some("prod".into()),
                    latest: Some(true),
                    ..Default::default()
                },
                None
            ),
            vec![2]
        );
        assert_eq!(
            ids(
                Selector {
                    deployed: true,
                    ..Default::default()
                },
                None
            ),
            vec![2]
        );
        assert_eq!(
            ids(
                Selector {
                    environment: Some("test".into()),
                    ..Default::default()
                },
                None
            ),
            Vec::<i64>::new()
        );
        assert_eq!(
            ids(
                Selector {
                    latest: Some(true),
                    consumer: Some("B".into()),
                    ..Default::default()
                },
                None
            ),
            vec![1]
        );
    }
}
