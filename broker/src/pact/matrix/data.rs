//! The matrix's reads, each one indexed query over a set of ids (never one query per row):
//! pacticipants and versions by selector, what a target (environment, tag, branch) holds,
//! the latest pact of each consumer version, and the verifications of those pacts.

use crate::store::{AnyStore, StoreError, on_pool};
use std::collections::HashMap;

/// `$start, $start+1, …` for an `IN (…)` list of `n` values.
fn placeholders(start: usize, n: usize) -> String {
    (start..start + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Runs a query whose `{ids}` is replaced by a placeholder list for `ids` (bound after
/// `args`), mapping rows to tuples `T`.
macro_rules! with_ids {
    ($store:expr, $t:ty, $sql:expr, [$($arg:expr),*], $ids:expr) => {{
        let ids: &[i64] = $ids;
        let args_len = 0usize $(+ { let _ = &$arg; 1 })*;
        let sql = $sql.replace("{ids}", &placeholders(args_len + 1, ids.len()));
        on_pool!($store, pool => {
            let mut q = sqlx::query_as::<_, $t>(&sql);
            $(q = q.bind($arg);)*
            for id in ids {
                q = q.bind(*id);
            }
            let rows: Vec<$t> = q.fetch_all(pool).await?;
            Ok::<Vec<$t>, StoreError>(rows)
        })
    }};
}

#[derive(Debug, Clone)]
pub(crate) struct Pacticipant {
    pub id: i64,
    pub name: String,
    pub main_branch: Option<String>,
}

pub(crate) async fn pacticipant(
    store: &AnyStore,
    name: &str,
) -> Result<Option<Pacticipant>, StoreError> {
    let row = on_pool!(store, pool => {
        sqlx::query_as::<_, (i64, String, Option<String>)>(
            "SELECT id, name, main_branch FROM pacticipants WHERE name = $1",
        )
        .bind(name)
        .fetch_optional(pool)
        .await?
    });
    Ok(row.map(|(id, name, main_branch)| Pacticipant {
        id,
        name,
        main_branch,
    }))
}

pub(crate) async fn pacticipants(
    store: &AnyStore,
    ids: &[i64],
) -> Result<HashMap<i64, Pacticipant>, StoreError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = with_ids!(
        store,
        (i64, String, Option<String>),
        "SELECT id, name, main_branch FROM pacticipants WHERE id IN ({ids})",
        [],
        ids
    )?;
    Ok(rows
        .into_iter()
        .map(|(id, name, main_branch)| {
            (
                id,
                Pacticipant {
                    id,
                    name,
                    main_branch,
                },
            )
        })
        .collect())
}

pub(crate) async fn environment(store: &AnyStore, name: &str) -> Result<Option<i64>, StoreError> {
    on_pool!(store, pool => {
        Ok(sqlx::query_scalar::<_, i64>("SELECT id FROM environments WHERE name = $1")
            .bind(name)
            .fetch_optional(pool)
            .await?)
    })
}

/// The pacticipant called `name` and the id of its version `number`, if any.
pub(crate) async fn pacticipant_with_version(
    store: &AnyStore,
    name: &str,
    number: &str,
) -> Result<Option<(Pacticipant, Option<i64>)>, StoreError> {
    let row = on_pool!(store, pool => {
        sqlx::query_as::<_, (i64, String, Option<String>, Option<i64>)>(
            "SELECT p.id, p.name, p.main_branch, v.id FROM pacticipants p \
             LEFT JOIN versions v ON v.pacticipant_id = p.id AND v.number = $2 \
             WHERE p.name = $1",
        )
        .bind(name)
        .bind(number)
        .fetch_optional(pool)
        .await?
    });
    Ok(row.map(|(id, name, main_branch, version)| {
        (
            Pacticipant {
                id,
                name,
                main_branch,
            },
            version,
        )
    }))
}

/// Every version of a pacticipant, oldest first.
pub(crate) async fn all_versions(
    store: &AnyStore,
    pacticipant_id: i64,
) -> Result<Vec<i64>, StoreError> {
    on_pool!(store, pool => {
        Ok(sqlx::query_scalar::<_, i64>(
            "SELECT id FROM versions WHERE pacticipant_id = $1 ORDER BY id",
        )
        .bind(pacticipant_id)
        .fetch_all(pool)
        .await?)
    })
}

/// Versions of a pacticipant with a tag, oldest first.
pub(crate) async fn tagged_versions(
    store: &AnyStore,
    pacticipant_id: i64,
    tag: &str,
) -> Result<Vec<i64>, StoreError> {
    on_pool!(store, pool => {
        Ok(sqlx::query_scalar::<_, i64>(
            "SELECT v.id FROM tags t JOIN versions v ON v.id = t.version_id \
             WHERE t.name = $1 AND v.pacticipant_id = $2 ORDER BY v.id",
        )
        .bind(tag)
        .bind(pacticipant_id)
        .fetch_all(pool)
        .await?)
    })
}

/// Versions of a pacticipant on a branch, oldest first.
pub(crate) async fn branch_versions(
    store: &AnyStore,
    pacticipant_id: i64,
    branch: &str,
) -> Result<Vec<i64>, StoreError> {
    on_pool!(store, pool => {
        Ok(sqlx::query_scalar::<_, i64>(
            "SELECT bv.version_id FROM branches b JOIN branch_versions bv ON bv.branch_id = b.id \
             WHERE b.pacticipant_id = $1 AND b.name = $2 ORDER BY bv.version_id",
        )
        .bind(pacticipant_id)
        .bind(branch)
        .fetch_all(pool)
        .await?)
    })
}

/// (pacticipant, version) of every version currently deployed to, or released and
/// supported in, an environment.
pub(crate) async fn in_environment(
    store: &AnyStore,
    environment_id: i64,
) -> Result<Vec<(i64, i64)>, StoreError> {
    on_pool!(store, pool => {
        Ok(sqlx::query_as::<_, (i64, i64)>(
            "SELECT pacticipant_id, version_id FROM deployed_versions \
             WHERE environment_id = $1 AND undeployed_at IS NULL \
             UNION SELECT pacticipant_id, version_id FROM released_versions \
             WHERE environment_id = $1 AND support_ended_at IS NULL",
        )
        .bind(environment_id)
        .fetch_all(pool)
        .await?)
    })
}

/// (pacticipant, version) of the versions of `pacticipants` with a tag.
pub(crate) async fn with_tag(
    store: &AnyStore,
    tag: &str,
    pacticipants: &[i64],
) -> Result<Vec<(i64, i64)>, StoreError> {
    if pacticipants.is_empty() {
        return Ok(Vec::new());
    }
    with_ids!(
        store,
        (i64, i64),
        "SELECT v.pacticipant_id, v.id FROM tags t JOIN versions v ON v.id = t.version_id \
         WHERE t.name = $1 AND v.pacticipant_id IN ({ids})",
        [tag],
        pacticipants
    )
}

/// (pacticipant, version) of the head of each of `pacticipants`' branch `branch`; `None`
/// means each pacticipant's own main branch.
pub(crate) async fn branch_heads(
    store: &AnyStore,
    branch: Option<&str>,
    pacticipants: &[i64],
) -> Result<Vec<(i64, i64)>, StoreError> {
    if pacticipants.is_empty() {
        return Ok(Vec::new());
    }
    match branch {
        Some(b) => with_ids!(
            store,
            (i64, i64),
            "SELECT b.pacticipant_id, MAX(bv.version_id) FROM branches b \
             JOIN branch_versions bv ON bv.branch_id = b.id \
             WHERE b.name = $1 AND b.pacticipant_id IN ({ids}) GROUP BY b.pacticipant_id",
            [b],
            pacticipants
        ),
        None => with_ids!(
            store,
            (i64, i64),
            "SELECT b.pacticipant_id, MAX(bv.version_id) FROM pacticipants p \
             JOIN branches b ON b.pacticipant_id = p.id AND b.name = p.main_branch \
             JOIN branch_versions bv ON bv.branch_id = b.id \
             WHERE p.id IN ({ids}) GROUP BY b.pacticipant_id",
            [],
            pacticipants
        ),
    }
}

/// (pacticipant, version) of the latest version of each of `pacticipants`.
pub(crate) async fn latest_versions(
    store: &AnyStore,
    pacticipants: &[i64],
) -> Result<Vec<(i64, i64)>, StoreError> {
    if pacticipants.is_empty() {
        return Ok(Vec::new());
    }
    with_ids!(
        store,
        (i64, i64),
        "SELECT pacticipant_id, MAX(id) FROM versions WHERE pacticipant_id IN ({ids}) \
         GROUP BY pacticipant_id",
        [],
        pacticipants
    )
}

/// The consumers that have ever published a pact with `provider`.
pub(crate) async fn consumers_of(store: &AnyStore, provider: i64) -> Result<Vec<i64>, StoreError> {
    on_pool!(store, pool => {
        Ok(sqlx::query_scalar::<_, i64>(
            "SELECT DISTINCT consumer_id FROM pact_contents WHERE provider_id = $1",
        )
        .bind(provider)
        .fetch_all(pool)
        .await?)
    })
}

/// The latest pact of a consumer version with a provider.
#[derive(Debug, Clone)]
pub(crate) struct Pact {
    pub consumer_version: i64,
    pub consumer: i64,
    pub provider: i64,
    pub content: i64,
    pub sha: String,
    pub created_at: i64,
}

/// Which pacts to read.
pub(crate) enum PactFilter<'a> {
    /// The pacts of these consumer versions (with every provider, or one).
    ConsumerVersions(&'a [i64], Option<i64>),
    /// Every pact between a consumer and a provider.
    Between(i64, i64),
}

/// The latest revision of each matching (consumer version, provider) pact.
pub(crate) async fn pacts(
    store: &AnyStore,
    filter: PactFilter<'_>,
) -> Result<Vec<Pact>, StoreError> {
    type Row = (i64, i64, i64, i64, String, i64, i64);
    const COLUMNS: &str = "SELECT pp.consumer_version_id, pc.consumer_id, pp.provider_id, \
         pp.pact_content_id, pc.sha, pp.created_at, pp.id FROM pact_publications pp \
         JOIN pact_contents pc ON pc.id = pp.pact_content_id";
    let rows: Vec<Row> = match filter {
        PactFilter::ConsumerVersions([], _) => Vec::new(),
        PactFilter::ConsumerVersions(ids, None) => with_ids!(
            store,
            Row,
            format!("{COLUMNS} WHERE pp.consumer_version_id IN ({{ids}})"),
            [],
            ids
        )?,
        PactFilter::ConsumerVersions(ids, Some(provider)) => with_ids!(
            store,
            Row,
            format!("{COLUMNS} WHERE pp.provider_id = $1 AND pp.consumer_version_id IN ({{ids}})"),
            [provider],
            ids
        )?,
        PactFilter::Between(consumer, provider) => with_ids!(
            store,
            Row,
            format!("{COLUMNS} WHERE pc.consumer_id = $1 AND pc.provider_id = $2"),
            [consumer, provider],
            &[]
        )?,
    };
    // Revisions of one version's pact: the last publication wins.
    let mut latest: HashMap<(i64, i64), Row> = HashMap::new();
    for row in rows {
        let key = (row.0, row.2);
        match latest.get(&key) {
            Some(seen) if seen.6 > row.6 => {}
            _ => {
                latest.insert(key, row);
            }
        }
    }
    let mut out: Vec<Pact> = latest
        .into_values()
        .map(|r| Pact {
            consumer_version: r.0,
            consumer: r.1,
            provider: r.2,
            content: r.3,
            sha: r.4,
            created_at: r.5,
        })
        .collect();
    out.sort_by_key(|p| (p.consumer, p.provider, p.consumer_version));
    Ok(out)
}

#[derive(Debug, Clone)]
pub(crate) struct Verification {
    pub id: i64,
    pub content: i64,
    pub provider_version: i64,
    pub success: bool,
    pub created_at: i64,
    pub source: String,
    /// The stored body, read only for contract comparisons (their findings).
    pub findings: Option<String>,
}

/// Verifications of these pact contents (by these provider versions only, if given).
pub(crate) async fn verifications(
    store: &AnyStore,
    contents: &[i64],
    provider_versions: Option<&[i64]>,
) -> Result<Vec<Verification>, StoreError> {
    if contents.is_empty() || provider_versions.is_some_and(<[i64]>::is_empty) {
        return Ok(Vec::new());
    }
    type Row = (i64, i64, i64, bool, i64, String, Option<String>);
    let mut sql = format!(
        "SELECT id, pact_content_id, provider_version_id, success, created_at, source, \
         CASE WHEN source = 'contract-comparison' THEN body END FROM verifications \
         WHERE pact_content_id IN ({})",
        placeholders(1, contents.len())
    );
    // A pact verified by every provider build has thousands of results; the pinned provider
    // versions narrow it to a few through (pact_content_id, provider_version_id).
    if let Some(pvs) = provider_versions {
        sql.push_str(&format!(
            " AND provider_version_id IN ({})",
            placeholders(contents.len() + 1, pvs.len())
        ));
    }
    let rows: Vec<Row> = on_pool!(store, pool => {
        let mut q = sqlx::query_as::<_, Row>(&sql);
        for id in contents.iter().chain(provider_versions.unwrap_or(&[])) {
            q = q.bind(*id);
        }
        q.fetch_all(pool).await?
    });
    Ok(rows
        .into_iter()
        .map(|r| Verification {
            id: r.0,
            content: r.1,
            provider_version: r.2,
            success: r.3,
            created_at: r.4,
            source: r.5,
            findings: r.6,
        })
        .collect())
}

#[derive(Debug, Clone)]
pub(crate) struct Version {
    pub number: String,
    pub branch: Option<String>,
}

/// Numbers and latest branches of versions.
pub(crate) async fn versions(
    store: &AnyStore,
    ids: &[i64],
) -> Result<HashMap<i64, Version>, StoreError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    // Each version with its latest branch, in one read.
    let rows = with_ids!(
        store,
        (i64, String, Option<String>),
        "SELECT v.id, v.number, (SELECT b.name FROM branch_versions bv \
         JOIN branches b ON b.id = bv.branch_id WHERE bv.version_id = v.id \
         ORDER BY bv.created_at DESC, b.id DESC LIMIT 1) FROM versions v WHERE v.id IN ({ids})",
        [],
        ids
    )?;
    let out: HashMap<i64, Version> = rows
        .into_iter()
        .map(|(id, number, branch)| (id, Version { number, branch }))
        .collect();
    Ok(out)
}
