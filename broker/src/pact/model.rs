//! Pacticipants, versions, branches, tags and environments: the lookups and upserts every
//! Pact Broker resource shares. SQL is written once for both dialects (`on_pool!`); INTEGER
//! columns are read through `CAST(… AS BIGINT)` so both dialects decode them as `i64`.
//! Upserts are `INSERT … ON CONFLICT DO NOTHING` then `SELECT`, so concurrent publishers of
//! the same pacticipant or version converge on one row.

use super::now_ms;
use crate::store::{AnyStore, StoreError, on_pool};
use serde_json::Value;
use sqlx::Row;

/// Branch names the Pact Broker takes as a pacticipant's main branch when none is set: the
/// first of these a version is published on becomes `mainBranch`.
pub const MAIN_BRANCH_CANDIDATES: [&str; 3] = ["develop", "main", "master"];

#[derive(Debug, Clone, PartialEq)]
pub struct Pacticipant {
    pub id: i64,
    pub name: String,
    pub display_name: Option<String>,
    pub main_branch: Option<String>,
    pub repository_url: Option<String>,
    pub repository_name: Option<String>,
    pub repository_namespace: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    pub id: i64,
    pub pacticipant_id: i64,
    pub number: String,
    pub build_url: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Environment {
    pub id: i64,
    pub uuid: String,
    pub name: String,
    pub display_name: Option<String>,
    pub production: bool,
    pub contacts: Value,
    pub created_at: i64,
    pub updated_at: i64,
}

const PACTICIPANT_COLS: &str = "id, name, display_name, main_branch, repository_url, \
    repository_name, repository_namespace, created_at, updated_at";
const VERSION_COLS: &str = "v.id, v.pacticipant_id, v.number, v.build_url, v.created_at";
const ENV_COLS: &str = "id, uuid, name, display_name, production, contacts, created_at, updated_at";

fn pacticipant_row<R: Row>(r: &R) -> Result<Pacticipant, sqlx::Error>
where
    usize: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Ok(Pacticipant {
        id: r.try_get(0)?,
        name: r.try_get(1)?,
        display_name: r.try_get(2)?,
        main_branch: r.try_get(3)?,
        repository_url: r.try_get(4)?,
        repository_name: r.try_get(5)?,
        repository_namespace: r.try_get(6)?,
        created_at: r.try_get(7)?,
        updated_at: r.try_get(8)?,
    })
}

fn version_row<R: Row>(r: &R) -> Result<Version, sqlx::Error>
where
    usize: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Ok(Version {
        id: r.try_get(0)?,
        pacticipant_id: r.try_get(1)?,
        number: r.try_get(2)?,
        build_url: r.try_get(3)?,
        created_at: r.try_get(4)?,
    })
}

fn env_row<R: Row>(r: &R) -> Result<Environment, sqlx::Error>
where
    usize: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> bool: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let contacts: String = r.try_get(5)?;
    Ok(Environment {
        id: r.try_get(0)?,
        uuid: r.try_get(1)?,
        name: r.try_get(2)?,
        display_name: r.try_get(3)?,
        production: r.try_get(4)?,
        contacts: serde_json::from_str(&contacts).unwrap_or(Value::Array(vec![])),
        created_at: r.try_get(6)?,
        updated_at: r.try_get(7)?,
    })
}

/// The id of the pacticipant called `name`, if there is one.
pub async fn pacticipant_id(store: &AnyStore, name: &str) -> Result<Option<i64>, StoreError> {
    Ok(pacticipant(store, name).await?.map(|p| p.id))
}

pub async fn pacticipant(store: &AnyStore, name: &str) -> Result<Option<Pacticipant>, StoreError> {
    on_pool!(store, pool => {
        let row = sqlx::query(&format!("SELECT {PACTICIPANT_COLS} FROM pacticipants WHERE name = $1"))
            .bind(name)
            .fetch_optional(pool)
            .await?;
        Ok(row.as_ref().map(pacticipant_row).transpose()?)
    })
}

pub async fn pacticipant_by_id(store: &AnyStore, id: i64) -> Result<Pacticipant, StoreError> {
    on_pool!(store, pool => {
        let row = sqlx::query(&format!("SELECT {PACTICIPANT_COLS} FROM pacticipants WHERE id = $1"))
            .bind(id)
            .fetch_optional(pool)
            .await?;
        row.as_ref().map(pacticipant_row).transpose()?.ok_or(StoreError::NotFound)
    })
}

pub async fn pacticipants(store: &AnyStore) -> Result<Vec<Pacticipant>, StoreError> {
    on_pool!(store, pool => {
        let rows = sqlx::query(&format!("SELECT {PACTICIPANT_COLS} FROM pacticipants ORDER BY name"))
            .fetch_all(pool)
            .await?;
        Ok(rows.iter().map(pacticipant_row).collect::<Result<Vec<_>, _>>()?)
    })
}

/// The pacticipant called `name`, created when missing.
pub async fn ensure_pacticipant(store: &AnyStore, name: &str) -> Result<Pacticipant, StoreError> {
    if let Some(p) = pacticipant(store, name).await? {
        return Ok(p);
    }
    let now = now_ms();
    on_pool!(store, pool => {
        sqlx::query("INSERT INTO pacticipants (name, created_at, updated_at) VALUES ($1, $2, $2) \
                     ON CONFLICT (name) DO NOTHING")
            .bind(name)
            .bind(now)
            .execute(pool)
            .await?;
    });
    pacticipant(store, name).await?.ok_or(StoreError::NotFound)
}

/// Fields of a pacticipant a client may set; `None` leaves a field as it is.
#[derive(Debug, Default, Clone)]
pub struct PacticipantPatch {
    pub display_name: Option<Option<String>>,
    pub main_branch: Option<Option<String>>,
    pub repository_url: Option<Option<String>>,
    pub repository_name: Option<Option<String>>,
    pub repository_namespace: Option<Option<String>>,
}

pub async fn update_pacticipant(
    store: &AnyStore,
    p: &Pacticipant,
    patch: &PacticipantPatch,
) -> Result<Pacticipant, StoreError> {
    let pick = |new: &Option<Option<String>>, old: &Option<String>| match new {
        Some(v) => v.clone(),
        None => old.clone(),
    };
    let display_name = pick(&patch.display_name, &p.display_name);
    let main_branch = pick(&patch.main_branch, &p.main_branch);
    let repository_url = pick(&patch.repository_url, &p.repository_url);
    let repository_name = pick(&patch.repository_name, &p.repository_name);
    let repository_namespace = pick(&patch.repository_namespace, &p.repository_namespace);
    on_pool!(store, pool => {
        sqlx::query("UPDATE pacticipants SET display_name = $1, main_branch = $2, \
                     repository_url = $3, repository_name = $4, repository_namespace = $5, \
                     updated_at = $6 WHERE id = $7")
            .bind(display_name)
            .bind(main_branch)
            .bind(repository_url)
            .bind(repository_name)
            .bind(repository_namespace)
            .bind(now_ms())
            .bind(p.id)
            .execute(pool)
            .await?;
    });
    pacticipant_by_id(store, p.id).await
}

pub async fn delete_pacticipant(store: &AnyStore, id: i64) -> Result<(), StoreError> {
    on_pool!(store, pool => {
        // Pact contents reference the pacticipant as consumer or provider; the cascade
        // removes them, their publications and verifications.
        sqlx::query("DELETE FROM pacticipants WHERE id = $1").bind(id).execute(pool).await?;
        Ok(())
    })
}

pub async fn version(
    store: &AnyStore,
    pacticipant_id: i64,
    number: &str,
) -> Result<Option<Version>, StoreError> {
    on_pool!(store, pool => {
        let row = sqlx::query(&format!(
            "SELECT {VERSION_COLS} FROM versions v WHERE v.pacticipant_id = $1 AND v.number = $2"))
            .bind(pacticipant_id)
            .bind(number)
            .fetch_optional(pool)
            .await?;
        Ok(row.as_ref().map(version_row).transpose()?)
    })
}

pub async fn version_by_id(store: &AnyStore, id: i64) -> Result<Version, StoreError> {
    on_pool!(store, pool => {
        let row = sqlx::query(&format!("SELECT {VERSION_COLS} FROM versions v WHERE v.id = $1"))
            .bind(id)
            .fetch_optional(pool)
            .await?;
        row.as_ref().map(version_row).transpose()?.ok_or(StoreError::NotFound)
    })
}

/// The version `number` of a pacticipant, created when missing (`true` when it was). A
/// given `build_url` replaces the stored one, as a republication does in the Pact Broker.
pub async fn ensure_version(
    store: &AnyStore,
    pacticipant_id: i64,
    number: &str,
    build_url: Option<&str>,
) -> Result<(Version, bool), StoreError> {
    if let Some(v) = version(store, pacticipant_id, number).await? {
        if let Some(url) = build_url
            && v.build_url.as_deref() != Some(url)
        {
            on_pool!(store, pool => {
                sqlx::query("UPDATE versions SET build_url = $1 WHERE id = $2")
                    .bind(url)
                    .bind(v.id)
                    .execute(pool)
                    .await?;
            });
            return Ok((version_by_id(store, v.id).await?, false));
        }
        return Ok((v, false));
    }
    let inserted = on_pool!(store, pool => {
        sqlx::query("INSERT INTO versions (pacticipant_id, number, build_url, created_at) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (pacticipant_id, number) DO NOTHING")
            .bind(pacticipant_id)
            .bind(number)
            .bind(build_url)
            .bind(now_ms())
            .execute(pool)
            .await?
            .rows_affected()
    });
    let v = version(store, pacticipant_id, number)
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok((v, inserted > 0))
}

pub async fn delete_version(store: &AnyStore, id: i64) -> Result<(), StoreError> {
    on_pool!(store, pool => {
        sqlx::query("DELETE FROM versions WHERE id = $1").bind(id).execute(pool).await?;
        Ok(())
    })
}

/// Versions of a pacticipant, newest first.
pub async fn versions(store: &AnyStore, pacticipant_id: i64) -> Result<Vec<Version>, StoreError> {
    on_pool!(store, pool => {
        let rows = sqlx::query(&format!(
            "SELECT {VERSION_COLS} FROM versions v WHERE v.pacticipant_id = $1 ORDER BY v.id DESC"))
            .bind(pacticipant_id)
            .fetch_all(pool)
            .await?;
        Ok(rows.iter().map(version_row).collect::<Result<Vec<_>, _>>()?)
    })
}

/// The newest version of a pacticipant, optionally only among those with `tag` or on
/// `branch`.
pub async fn latest_version(
    store: &AnyStore,
    pacticipant_id: i64,
    tag: Option<&str>,
    branch: Option<&str>,
) -> Result<Option<Version>, StoreError> {
    let (filter, arg) = match (tag, branch) {
        (Some(t), _) => (
            "AND EXISTS (SELECT 1 FROM tags t WHERE t.version_id = v.id AND t.name = $2)",
            Some(t),
        ),
        (None, Some(b)) => (
            "AND EXISTS (SELECT 1 FROM branch_versions bv JOIN branches b ON b.id = bv.branch_id \
             WHERE bv.version_id = v.id AND b.name = $2)",
            Some(b),
        ),
        (None, None) => ("", None),
    };
    let sql = format!(
        "SELECT {VERSION_COLS} FROM versions v WHERE v.pacticipant_id = $1 {filter} \
         ORDER BY v.id DESC LIMIT 1"
    );
    on_pool!(store, pool => {
        let mut q = sqlx::query(&sql).bind(pacticipant_id);
        if let Some(a) = arg {
            q = q.bind(a);
        }
        let row = q.fetch_optional(pool).await?;
        Ok(row.as_ref().map(version_row).transpose()?)
    })
}

/// Puts a version on a branch (creating the branch), and makes the branch the
/// pacticipant's main branch when none is set and its name is a main-branch candidate.
/// `true` when the version was not on the branch before.
pub async fn add_to_branch(
    store: &AnyStore,
    pacticipant: &Pacticipant,
    version_id: i64,
    branch: &str,
) -> Result<bool, StoreError> {
    let now = now_ms();
    let added = on_pool!(store, pool => {
        sqlx::query("INSERT INTO branches (pacticipant_id, name, created_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (pacticipant_id, name) DO NOTHING")
            .bind(pacticipant.id)
            .bind(branch)
            .bind(now)
            .execute(pool)
            .await?;
        let branch_id: i64 = sqlx::query_scalar(
            "SELECT id FROM branches WHERE pacticipant_id = $1 AND name = $2")
            .bind(pacticipant.id)
            .bind(branch)
            .fetch_one(pool)
            .await?;
        sqlx::query("INSERT INTO branch_versions (branch_id, version_id, created_at) \
                     VALUES ($1, $2, $3) ON CONFLICT (branch_id, version_id) DO NOTHING")
            .bind(branch_id)
            .bind(version_id)
            .bind(now)
            .execute(pool)
            .await?
            .rows_affected()
    });
    if MAIN_BRANCH_CANDIDATES.contains(&branch) {
        on_pool!(store, pool => {
            sqlx::query("UPDATE pacticipants SET main_branch = $1, updated_at = $2 \
                         WHERE id = $3 AND main_branch IS NULL")
                .bind(branch)
                .bind(now)
                .bind(pacticipant.id)
                .execute(pool)
                .await?;
        });
    }
    Ok(added > 0)
}

/// The branches a version is on, oldest first.
pub async fn version_branches(
    store: &AnyStore,
    version_id: i64,
) -> Result<Vec<String>, StoreError> {
    on_pool!(store, pool => {
        Ok(sqlx::query_scalar::<_, String>(
            "SELECT b.name FROM branch_versions bv JOIN branches b ON b.id = bv.branch_id \
             WHERE bv.version_id = $1 ORDER BY bv.created_at, b.id")
            .bind(version_id)
            .fetch_all(pool)
            .await?)
    })
}

/// The id of a pacticipant's branch, if it exists.
pub async fn branch_id(
    store: &AnyStore,
    pacticipant_id: i64,
    name: &str,
) -> Result<Option<i64>, StoreError> {
    on_pool!(store, pool => {
        Ok(sqlx::query_scalar::<_, i64>("SELECT id FROM branches WHERE pacticipant_id = $1 AND name = $2")
            .bind(pacticipant_id)
            .bind(name)
            .fetch_optional(pool)
            .await?)
    })
}

pub async fn branch_has_version(
    store: &AnyStore,
    branch_id: i64,
    version_id: i64,
) -> Result<bool, StoreError> {
    on_pool!(store, pool => {
        Ok(sqlx::query_scalar::<_, i64>(
            "SELECT branch_id FROM branch_versions WHERE branch_id = $1 AND version_id = $2")
            .bind(branch_id)
            .bind(version_id)
            .fetch_optional(pool)
            .await?
            .is_some())
    })
}

pub async fn delete_branch(store: &AnyStore, branch_id: i64) -> Result<(), StoreError> {
    on_pool!(store, pool => {
        sqlx::query("DELETE FROM branches WHERE id = $1").bind(branch_id).execute(pool).await?;
        Ok(())
    })
}

/// Tags a version; `true` when the tag is new.
pub async fn add_tag(store: &AnyStore, version_id: i64, tag: &str) -> Result<bool, StoreError> {
    on_pool!(store, pool => {
        Ok(sqlx::query("INSERT INTO tags (version_id, name, created_at) VALUES ($1, $2, $3) \
                        ON CONFLICT (version_id, name) DO NOTHING")
            .bind(version_id)
            .bind(tag)
            .bind(now_ms())
            .execute(pool)
            .await?
            .rows_affected() > 0)
    })
}

/// `true` when the tag existed.
pub async fn delete_tag(store: &AnyStore, version_id: i64, tag: &str) -> Result<bool, StoreError> {
    on_pool!(store, pool => {
        Ok(sqlx::query("DELETE FROM tags WHERE version_id = $1 AND name = $2")
            .bind(version_id)
            .bind(tag)
            .execute(pool)
            .await?
            .rows_affected() > 0)
    })
}

/// A version's tags with their creation times, oldest first.
pub async fn version_tags(
    store: &AnyStore,
    version_id: i64,
) -> Result<Vec<(String, i64)>, StoreError> {
    on_pool!(store, pool => {
        let rows = sqlx::query("SELECT name, created_at FROM tags WHERE version_id = $1 ORDER BY created_at, name")
            .bind(version_id)
            .fetch_all(pool)
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get::<String, _>(0)?, r.try_get::<i64, _>(1)?)))
            .collect::<Result<Vec<_>, sqlx::Error>>()
            .map_err(StoreError::from)
    })
}

pub async fn environments(store: &AnyStore) -> Result<Vec<Environment>, StoreError> {
    on_pool!(store, pool => {
        let rows = sqlx::query(&format!("SELECT {ENV_COLS} FROM environments ORDER BY name"))
            .fetch_all(pool)
            .await?;
        Ok(rows.iter().map(env_row).collect::<Result<Vec<_>, _>>()?)
    })
}

pub async fn environment_by_uuid(
    store: &AnyStore,
    uuid: &str,
) -> Result<Option<Environment>, StoreError> {
    on_pool!(store, pool => {
        let row = sqlx::query(&format!("SELECT {ENV_COLS} FROM environments WHERE uuid = $1"))
            .bind(uuid)
            .fetch_optional(pool)
            .await?;
        Ok(row.as_ref().map(env_row).transpose()?)
    })
}

pub async fn environment_by_name(
    store: &AnyStore,
    name: &str,
) -> Result<Option<Environment>, StoreError> {
    on_pool!(store, pool => {
        let row = sqlx::query(&format!("SELECT {ENV_COLS} FROM environments WHERE name = $1"))
            .bind(name)
            .fetch_optional(pool)
            .await?;
        Ok(row.as_ref().map(env_row).transpose()?)
    })
}

pub async fn environment_by_id(store: &AnyStore, id: i64) -> Result<Environment, StoreError> {
    on_pool!(store, pool => {
        let row = sqlx::query(&format!("SELECT {ENV_COLS} FROM environments WHERE id = $1"))
            .bind(id)
            .fetch_optional(pool)
            .await?;
        row.as_ref().map(env_row).transpose()?.ok_or(StoreError::NotFound)
    })
}

/// Inserts or (when `id` is given) updates an environment; `Conflict` when the name is
/// taken by another one.
pub async fn save_environment(
    store: &AnyStore,
    env: &Environment,
) -> Result<Environment, StoreError> {
    let contacts = env.contacts.to_string();
    let now = now_ms();
    let result = on_pool!(store, pool => {
        if env.id == 0 {
            sqlx::query("INSERT INTO environments (uuid, name, display_name, production, contacts, \
                         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)")
                .bind(&env.uuid)
                .bind(&env.name)
                .bind(&env.display_name)
                .bind(env.production)
                .bind(&contacts)
                .bind(now)
                .execute(pool)
                .await
                .map(|r| r.rows_affected())
        } else {
            sqlx::query("UPDATE environments SET name = $1, display_name = $2, production = $3, \
                         contacts = $4, updated_at = $5 WHERE id = $6")
                .bind(&env.name)
                .bind(&env.display_name)
                .bind(env.production)
                .bind(&contacts)
                .bind(now)
                .bind(env.id)
                .execute(pool)
                .await
                .map(|r| r.rows_affected())
        }
    });
    match result {
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(StoreError::Conflict);
        }
        other => {
            other?;
        }
    }
    environment_by_uuid(store, &env.uuid)
        .await?
        .ok_or(StoreError::NotFound)
}

pub async fn delete_environment(store: &AnyStore, id: i64) -> Result<(), StoreError> {
    on_pool!(store, pool => {
        sqlx::query("DELETE FROM environments WHERE id = $1").bind(id).execute(pool).await?;
        Ok(())
    })
}
