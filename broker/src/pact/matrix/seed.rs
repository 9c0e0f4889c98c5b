//! Writing Pact Broker data straight into the tables, for tests and benchmarks: the matrix
//! is exercised without going through the publish/record endpoints (another module's
//! concern), and a benchmark can seed hundreds of thousands of rows quickly. These do not
//! validate what the endpoints validate. The one server use: the schema-link endpoint
//! creates missing pacticipants and versions with `pacticipant` and `version` (plain
//! upserts) until the shared `model` module offers them.

use crate::pact::now_ms;
use crate::store::{AnyStore, StoreError, on_pool};

/// The pacticipant called `name`, created if missing.
pub async fn pacticipant(store: &AnyStore, name: &str) -> Result<i64, StoreError> {
    let now = now_ms();
    on_pool!(store, pool => {
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO pacticipants (name, created_at, updated_at) VALUES ($1, $2, $2) \
             ON CONFLICT (name) DO UPDATE SET updated_at = pacticipants.updated_at RETURNING id",
        )
        .bind(name)
        .bind(now)
        .fetch_one(pool)
        .await?)
    })
}

/// Sets (or clears) a pacticipant's main branch.
pub async fn main_branch(
    store: &AnyStore,
    pacticipant_id: i64,
    branch: Option<&str>,
) -> Result<(), StoreError> {
    on_pool!(store, pool => {
        sqlx::query("UPDATE pacticipants SET main_branch = $1 WHERE id = $2")
            .bind(branch)
            .bind(pacticipant_id)
            .execute(pool)
            .await?;
        Ok(())
    })
}

/// The version `number` of a pacticipant, created if missing.
pub async fn version(
    store: &AnyStore,
    pacticipant_id: i64,
    number: &str,
) -> Result<i64, StoreError> {
    let now = now_ms();
    on_pool!(store, pool => {
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO versions (pacticipant_id, number, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (pacticipant_id, number) DO UPDATE SET created_at = versions.created_at \
             RETURNING id",
        )
        .bind(pacticipant_id)
        .bind(number)
        .bind(now)
        .fetch_one(pool)
        .await?)
    })
}

/// Puts a version on a branch (the branch is created if missing).
pub async fn branch_version(
    store: &AnyStore,
    version_id: i64,
    branch: &str,
) -> Result<(), StoreError> {
    let now = now_ms();
    on_pool!(store, pool => {
        let branch_id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO branches (pacticipant_id, name, created_at) \
             SELECT pacticipant_id, $2, $3 FROM versions WHERE id = $1 \
             ON CONFLICT (pacticipant_id, name) DO UPDATE SET created_at = branches.created_at \
             RETURNING id",
        )
        .bind(version_id)
        .bind(branch)
        .bind(now)
        .fetch_one(pool)
        .await?;
        sqlx::query(
            "INSERT INTO branch_versions (branch_id, version_id, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT DO NOTHING",
        )
        .bind(branch_id)
        .bind(version_id)
        .bind(now)
        .execute(pool)
        .await?;
        Ok(())
    })
}

/// Tags a version.
pub async fn tag(store: &AnyStore, version_id: i64, name: &str) -> Result<(), StoreError> {
    let now = now_ms();
    on_pool!(store, pool => {
        sqlx::query(
            "INSERT INTO tags (version_id, name, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT DO NOTHING",
        )
        .bind(version_id)
        .bind(name)
        .bind(now)
        .execute(pool)
        .await?;
        Ok(())
    })
}

/// The environment called `name`, created if missing.
pub async fn environment(
    store: &AnyStore,
    name: &str,
    production: bool,
) -> Result<i64, StoreError> {
    let now = now_ms();
    let uuid = uuid::Uuid::new_v4().to_string();
    on_pool!(store, pool => {
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO environments (uuid, name, production, contacts, created_at, updated_at) \
             VALUES ($1, $2, $3, '[]', $4, $4) \
             ON CONFLICT (name) DO UPDATE SET updated_at = environments.updated_at RETURNING id",
        )
        .bind(uuid)
        .bind(name)
        .bind(production)
        .bind(now)
        .fetch_one(pool)
        .await?)
    })
}

/// Records a deployment, replacing the current deployment of the same pacticipant and
/// application instance in that environment (as record-deployment does).
pub async fn deploy(
    store: &AnyStore,
    version_id: i64,
    environment_id: i64,
    instance: Option<&str>,
) -> Result<i64, StoreError> {
    let now = now_ms();
    let uuid = uuid::Uuid::new_v4().to_string();
    on_pool!(store, pool => {
        let pacticipant_id = sqlx::query_scalar::<_, i64>(
            "SELECT pacticipant_id FROM versions WHERE id = $1",
        )
        .bind(version_id)
        .fetch_one(pool)
        .await?;
        sqlx::query(
            "UPDATE deployed_versions SET undeployed_at = $1 WHERE environment_id = $2 \
             AND pacticipant_id = $3 AND undeployed_at IS NULL \
             AND COALESCE(application_instance, '') = COALESCE($4, '')",
        )
        .bind(now)
        .bind(environment_id)
        .bind(pacticipant_id)
        .bind(instance)
        .execute(pool)
        .await?;
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO deployed_versions (uuid, version_id, pacticipant_id, environment_id, \
             application_instance, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(uuid)
        .bind(version_id)
        .bind(pacticipant_id)
        .bind(environment_id)
        .bind(instance)
        .bind(now)
        .fetch_one(pool)
        .await?)
    })
}

/// Marks every current deployment of a version in an environment as ended.
pub async fn undeploy(
    store: &AnyStore,
    version_id: i64,
    environment_id: i64,
) -> Result<(), StoreError> {
    let now = now_ms();
    on_pool!(store, pool => {
        sqlx::query(
            "UPDATE deployed_versions SET undeployed_at = $1 WHERE version_id = $2 \
             AND environment_id = $3 AND undeployed_at IS NULL",
        )
        .bind(now)
        .bind(version_id)
        .bind(environment_id)
        .execute(pool)
        .await?;
        Ok(())
    })
}

/// Records a release of a version to an environment (supported until ended).
pub async fn release(
    store: &AnyStore,
    version_id: i64,
    environment_id: i64,
) -> Result<(), StoreError> {
    let now = now_ms();
    let uuid = uuid::Uuid::new_v4().to_string();
    on_pool!(store, pool => {
        sqlx::query(
            "INSERT INTO released_versions (uuid, version_id, pacticipant_id, environment_id, \
             created_at) SELECT $1, id, pacticipant_id, $3, $4 FROM versions WHERE id = $2 \
             ON CONFLICT (version_id, environment_id) DO UPDATE SET support_ended_at = NULL",
        )
        .bind(uuid)
        .bind(version_id)
        .bind(environment_id)
        .bind(now)
        .execute(pool)
        .await?;
        Ok(())
    })
}

/// The hex SHA-256 a pact's content is stored under.
pub fn sha(content: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(content.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Publishes `content` as the pact of a consumer version with a provider (a new revision
/// when the version already has one); returns the pact content's id.
pub async fn pact(
    store: &AnyStore,
    consumer_version_id: i64,
    provider_id: i64,
    content: &str,
) -> Result<i64, StoreError> {
    let now = now_ms();
    let sha = sha(content);
    on_pool!(store, pool => {
        let content_id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO pact_contents (consumer_id, provider_id, sha, content, created_at) \
             SELECT pacticipant_id, $2, $3, $4, $5 FROM versions WHERE id = $1 \
             ON CONFLICT (consumer_id, provider_id, sha) DO UPDATE \
             SET created_at = pact_contents.created_at RETURNING id",
        )
        .bind(consumer_version_id)
        .bind(provider_id)
        .bind(&sha)
        .bind(content)
        .bind(now)
        .fetch_one(pool)
        .await?;
        sqlx::query(
            "INSERT INTO pact_publications (consumer_version_id, provider_id, revision, \
             pact_content_id, created_at) SELECT $1, $2, COALESCE(MAX(revision), 0) + 1, $3, $4 \
             FROM pact_publications WHERE consumer_version_id = $1 AND provider_id = $2",
        )
        .bind(consumer_version_id)
        .bind(provider_id)
        .bind(content_id)
        .bind(now)
        .execute(pool)
        .await?;
        Ok(content_id)
    })
}

/// Records a verification result of a pact content by a provider version. `source` is
/// `verifier` or `contract-comparison`; `body` is stored as given.
pub async fn verification(
    store: &AnyStore,
    pact_content_id: i64,
    provider_version_id: i64,
    success: bool,
    source: &str,
    body: &str,
) -> Result<i64, StoreError> {
    let now = now_ms();
    on_pool!(store, pool => {
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO verifications (pact_content_id, provider_version_id, success, source, \
             body, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(pact_content_id)
        .bind(provider_version_id)
        .bind(success)
        .bind(source)
        .bind(body)
        .bind(now)
        .fetch_one(pool)
        .await?)
    })
}

/// A value in a bulk insert.
enum Arg<'a> {
    I(i64),
    S(&'a str),
    B(bool),
}

/// Inserts `rows` (each `width` values) with multi-row statements: `head` is the
/// `INSERT INTO t (…)` part.
async fn insert_many(
    store: &AnyStore,
    head: &str,
    width: usize,
    rows: &[Vec<Arg<'_>>],
) -> Result<(), StoreError> {
    // Well under SQLite's and PostgreSQL's bound-parameter limits.
    let per = (30_000 / width.max(1)).clamp(1, 1000);
    for chunk in rows.chunks(per) {
        let mut sql = String::with_capacity(head.len() + chunk.len() * width * 6);
        sql.push_str(head);
        sql.push_str(" VALUES ");
        let mut n = 0;
        for (i, _) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            for j in 0..width {
                if j > 0 {
                    sql.push_str(", ");
                }
                n += 1;
                sql.push_str(&format!("${n}"));
            }
            sql.push(')');
        }
        on_pool!(store, pool => {
            let mut q = sqlx::query(&sql);
            for arg in chunk.iter().flatten() {
                q = match arg {
                    Arg::I(i) => q.bind(*i),
                    Arg::S(s) => q.bind(*s),
                    Arg::B(b) => q.bind(*b),
                };
            }
            q.execute(pool).await?;
        });
    }
    Ok(())
}

/// Many pacticipants at once (benchmarks); returns name → id.
pub async fn bulk_pacticipants(
    store: &AnyStore,
    names: &[String],
) -> Result<std::collections::HashMap<String, i64>, StoreError> {
    let now = now_ms();
    let rows: Vec<Vec<Arg>> = names
        .iter()
        .map(|n| vec![Arg::S(n), Arg::I(now), Arg::I(now)])
        .collect();
    insert_many(
        store,
        "INSERT INTO pacticipants (name, created_at, updated_at)",
        3,
        &rows,
    )
    .await?;
    on_pool!(store, pool => {
        Ok(sqlx::query_as::<_, (String, i64)>("SELECT name, id FROM pacticipants")
            .fetch_all(pool)
            .await?
            .into_iter()
            .collect())
    })
}

/// Many versions at once, in the order given (so ids follow it); returns
/// (pacticipant, number) → id.
pub async fn bulk_versions(
    store: &AnyStore,
    versions: &[(i64, String)],
) -> Result<std::collections::HashMap<(i64, String), i64>, StoreError> {
    let now = now_ms();
    let rows: Vec<Vec<Arg>> = versions
        .iter()
        .map(|(p, n)| vec![Arg::I(*p), Arg::S(n), Arg::I(now)])
        .collect();
    insert_many(
        store,
        "INSERT INTO versions (pacticipant_id, number, created_at)",
        3,
        &rows,
    )
    .await?;
    on_pool!(store, pool => {
        Ok(sqlx::query_as::<_, (i64, String, i64)>(
            "SELECT pacticipant_id, number, id FROM versions",
        )
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(|(p, n, id)| ((p, n), id))
        .collect())
    })
}

/// Many pacts at once: (consumer version, consumer, provider, content), each published as
/// revision 1 of that consumer version's pact. Contents are stored once per
/// (consumer, provider, sha). Returns the content id of each input, in order.
pub async fn bulk_pacts(
    store: &AnyStore,
    pacts: &[(i64, i64, i64, String)],
) -> Result<Vec<i64>, StoreError> {
    let now = now_ms();
    let shas: Vec<String> = pacts.iter().map(|(_, _, _, c)| sha(c)).collect();
    let mut seen = std::collections::HashSet::new();
    let mut rows: Vec<Vec<Arg>> = Vec::new();
    for ((_, consumer, provider, content), sha) in pacts.iter().zip(&shas) {
        if seen.insert((*consumer, *provider, sha.as_str())) {
            rows.push(vec![
                Arg::I(*consumer),
                Arg::I(*provider),
                Arg::S(sha),
                Arg::S(content),
                Arg::I(now),
            ]);
        }
    }
    insert_many(
        store,
        "INSERT INTO pact_contents (consumer_id, provider_id, sha, content, created_at)",
        5,
        &rows,
    )
    .await?;
    let ids: std::collections::HashMap<(i64, i64, String), i64> = on_pool!(store, pool => {
        sqlx::query_as::<_, (i64, i64, String, i64)>(
            "SELECT consumer_id, provider_id, sha, id FROM pact_contents",
        )
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(|(c, p, s, id)| ((c, p, s), id))
        .collect()
    });
    let mut content_ids = Vec::with_capacity(pacts.len());
    for ((_, consumer, provider, _), sha) in pacts.iter().zip(shas) {
        let id = ids
            .get(&(*consumer, *provider, sha))
            .copied()
            .ok_or_else(|| StoreError::Corrupt("pact content not stored".into()))?;
        content_ids.push(id);
    }
    let rows: Vec<Vec<Arg>> = pacts
        .iter()
        .zip(&content_ids)
        .map(|((cv, _, provider, _), content)| {
            vec![
                Arg::I(*cv),
                Arg::I(*provider),
                Arg::I(1),
                Arg::I(*content),
                Arg::I(now),
            ]
        })
        .collect();
    insert_many(
        store,
        "INSERT INTO pact_publications (consumer_version_id, provider_id, revision, \
         pact_content_id, created_at)",
        5,
        &rows,
    )
    .await?;
    Ok(content_ids)
}

/// Many verifier results at once: (pact content, provider version, success).
pub async fn bulk_verifications(
    store: &AnyStore,
    results: &[(i64, i64, bool)],
) -> Result<(), StoreError> {
    let now = now_ms();
    let rows: Vec<Vec<Arg>> = results
        .iter()
        .map(|(c, pv, ok)| {
            vec![
                Arg::I(*c),
                Arg::I(*pv),
                Arg::B(*ok),
                Arg::S("verifier"),
                Arg::S("{}"),
                Arg::I(now),
            ]
        })
        .collect();
    insert_many(
        store,
        "INSERT INTO verifications (pact_content_id, provider_version_id, success, source, \
         body, created_at)",
        6,
        &rows,
    )
    .await
}

/// Refreshes the planner's statistics after a bulk load: without them PostgreSQL plans the
/// matrix's joins as if the tables were empty. On PostgreSQL the load is also vacuumed now,
/// so autovacuum does not do it in the middle of a measurement.
pub async fn analyze(store: &AnyStore) -> Result<(), StoreError> {
    let sql = match store.dialect() {
        "postgres" => "VACUUM ANALYZE",
        _ => "ANALYZE",
    };
    on_pool!(store, pool => {
        sqlx::query(sql).execute(pool).await?;
    });
    Ok(())
}
