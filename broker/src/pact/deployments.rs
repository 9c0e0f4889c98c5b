//! Deployed and released versions. Recording a deployment
//! (`POST /pacticipants/{p}/versions/{v}/deployed-versions/environment/{uuid}`) ends the
//! previous deployment of the same pacticipant to the same environment and application
//! instance, since only one version runs per instance; `PATCH /deployed-versions/{uuid}`
//! with `currentlyDeployed: false` records an undeployment. Releases are recorded alike
//! (`…/released-versions/…`, `currentlySupported: false` ends support) but several released
//! versions are supported side by side.

use super::environments;
use super::hal::{Base, Body, P, Query, enc, hal, ok, str_field};
use super::model::{self, Environment};
use super::versions::version_or_404;
use super::{PactError, now_ms, rfc3339};
use crate::AppState;
use crate::store::{AnyStore, StoreError, on_pool};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use serde_json::{Value, json};
use sqlx::Row;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/pacticipants/{pacticipant}/versions/{version}/deployed-versions/environment/{uuid}",
            post(record_deployment).get(deployments_of_version),
        )
        .route(
            "/pacticipants/{pacticipant}/versions/{version}/released-versions/environment/{uuid}",
            post(record_release).get(releases_of_version),
        )
        .route(
            "/environments/{uuid}/deployed-versions/currently-deployed",
            get(currently_deployed),
        )
        .route(
            "/environments/{uuid}/released-versions/currently-supported",
            get(currently_supported),
        )
        .route(
            "/deployed-versions/{uuid}",
            get(show_deployed).patch(patch_deployed),
        )
        .route(
            "/released-versions/{uuid}",
            get(show_released).patch(patch_released),
        )
}

/// Which of the two tables: deployments or releases.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Deployed,
    Released,
}

impl Kind {
    fn table(self) -> &'static str {
        match self {
            Kind::Deployed => "deployed_versions",
            Kind::Released => "released_versions",
        }
    }
    fn ended(self) -> &'static str {
        match self {
            Kind::Deployed => "undeployed_at",
            Kind::Released => "support_ended_at",
        }
    }
    fn path(self) -> &'static str {
        match self {
            Kind::Deployed => "/deployed-versions",
            Kind::Released => "/released-versions",
        }
    }
}

#[derive(Debug, Clone)]
struct Record {
    uuid: String,
    version_id: i64,
    pacticipant_id: i64,
    environment_id: i64,
    application_instance: Option<String>,
    created_at: i64,
    ended_at: Option<i64>,
}

async fn rows(
    store: &AnyStore,
    kind: Kind,
    filter: &str,
    args: &[super::pacts::Arg],
) -> Result<Vec<Record>, StoreError> {
    let instance = match kind {
        Kind::Deployed => "application_instance",
        Kind::Released => "CAST(NULL AS TEXT)",
    };
    let sql = format!(
        "SELECT uuid, version_id, pacticipant_id, environment_id, {instance}, created_at, {} \
         FROM {} WHERE {filter} ORDER BY id",
        kind.ended(),
        kind.table()
    );
    on_pool!(store, pool => {
        let mut q = sqlx::query(&sql);
        for a in args {
            q = match a {
                super::pacts::Arg::I(i) => q.bind(*i),
                super::pacts::Arg::S(s) => q.bind(s.clone()),
            };
        }
        let found = q.fetch_all(pool).await?;
        found.iter()
            .map(|r| Ok(Record {
                uuid: r.try_get(0)?,
                version_id: r.try_get(1)?,
                pacticipant_id: r.try_get(2)?,
                environment_id: r.try_get(3)?,
                application_instance: r.try_get(4)?,
                created_at: r.try_get(5)?,
                ended_at: r.try_get(6)?,
            }))
            .collect::<Result<Vec<_>, sqlx::Error>>()
            .map_err(StoreError::from)
    })
}

async fn render(store: &AnyStore, base: &Base, kind: Kind, r: &Record) -> Result<Value, PactError> {
    let p = model::pacticipant_by_id(store, r.pacticipant_id).await?;
    let v = model::version_by_id(store, r.version_id).await?;
    let e = model::environment_by_id(store, r.environment_id).await?;
    let version_path = format!("/pacticipants/{}/versions/{}", enc(&p.name), enc(&v.number));
    let current = r.ended_at.is_none();
    let mut doc = json!({
        "uuid": r.uuid,
        "createdAt": rfc3339(r.created_at),
        "_embedded": {
            "pacticipant": {
                "name": p.name,
                "_links": {"self": {"href": base.url(&format!("/pacticipants/{}", enc(&p.name)))}},
            },
            "version": {
                "number": v.number,
                "_links": {"self": {"href": base.url(&version_path)}},
            },
            "environment": environments::render(base, &e),
        },
        "_links": {
            "self": base.link(&format!("{}/{}", kind.path(), enc(&r.uuid)),
                match kind { Kind::Deployed => "Deployed version", Kind::Released => "Released version" }),
            "pb:version": base.named(&version_path, "Version", &v.number),
            "pb:environment": base.named(&environments::env_path(&e), "Environment", &e.name),
        }
    });
    match kind {
        Kind::Deployed => {
            doc["currentlyDeployed"] = json!(current);
            doc["applicationInstance"] = json!(r.application_instance);
            // The old name of applicationInstance, still read by older clients.
            doc["target"] = json!(r.application_instance);
            if let Some(at) = r.ended_at {
                doc["undeployedAt"] = json!(rfc3339(at));
            }
        }
        Kind::Released => {
            doc["currentlySupported"] = json!(current);
            if let Some(at) = r.ended_at {
                doc["supportEndedAt"] = json!(rfc3339(at));
            }
        }
    }
    Ok(doc)
}

async fn env_or_404(store: &AnyStore, uuid: &str) -> Result<Environment, PactError> {
    model::environment_by_uuid(store, uuid)
        .await?
        .ok_or_else(|| PactError::not_found(format!("No environment with uuid {uuid} found")))
}

async fn record_deployment(
    State(s): State<AppState>,
    base: Base,
    P((pacticipant, number, uuid)): P<(String, String, String)>,
    Body(body): Body,
) -> Result<Response, PactError> {
    use super::pacts::Arg;
    let (p, v) = version_or_404(&s.store, &pacticipant, &number).await?;
    let env = env_or_404(&s.store, &uuid).await?;
    let instance = str_field(&body, "applicationInstance")
        .or_else(|| str_field(&body, "target"))
        .map(str::to_string);
    let same_instance = "pacticipant_id = $1 AND environment_id = $2 AND undeployed_at IS NULL \
         AND COALESCE(application_instance, '') = $3";
    let current = rows(
        &s.store,
        Kind::Deployed,
        same_instance,
        &[
            Arg::I(p.id),
            Arg::I(env.id),
            Arg::S(instance.clone().unwrap_or_default()),
        ],
    )
    .await?;
    if let Some(existing) = current.iter().find(|r| r.version_id == v.id) {
        return Ok(ok(render(&s.store, &base, Kind::Deployed, existing).await?));
    }
    let now = now_ms();
    let new_uuid = uuid::Uuid::new_v4().to_string();
    on_pool!(&s.store, pool => {
        sqlx::query(&format!("UPDATE deployed_versions SET undeployed_at = $4 WHERE {same_instance}"))
            .bind(p.id)
            .bind(env.id)
            .bind(instance.clone().unwrap_or_default())
            .bind(now)
            .execute(pool)
            .await
            .map_err(StoreError::from)?;
        sqlx::query("INSERT INTO deployed_versions (uuid, version_id, pacticipant_id, environment_id, \
                     application_instance, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(&new_uuid)
            .bind(v.id)
            .bind(p.id)
            .bind(env.id)
            .bind(&instance)
            .bind(now)
            .execute(pool)
            .await
            .map_err(StoreError::from)?;
    });
    let row = rows(&s.store, Kind::Deployed, "uuid = $1", &[Arg::S(new_uuid)])
        .await?
        .into_iter()
        .next()
        .ok_or(StoreError::NotFound)?;
    Ok(hal(
        StatusCode::CREATED,
        render(&s.store, &base, Kind::Deployed, &row).await?,
    ))
}

async fn record_release(
    State(s): State<AppState>,
    base: Base,
    P((pacticipant, number, uuid)): P<(String, String, String)>,
) -> Result<Response, PactError> {
    use super::pacts::Arg;
    let (p, v) = version_or_404(&s.store, &pacticipant, &number).await?;
    let env = env_or_404(&s.store, &uuid).await?;
    let existing = rows(
        &s.store,
        Kind::Released,
        "version_id = $1 AND environment_id = $2",
        &[Arg::I(v.id), Arg::I(env.id)],
    )
    .await?
    .into_iter()
    .next();
    let status = match &existing {
        Some(r) if r.ended_at.is_none() => StatusCode::OK,
        Some(r) => {
            // Releasing an unsupported version again makes it supported again.
            on_pool!(&s.store, pool => {
                sqlx::query("UPDATE released_versions SET support_ended_at = NULL WHERE uuid = $1")
                    .bind(&r.uuid)
                    .execute(pool)
                    .await
                    .map_err(StoreError::from)?;
            });
            StatusCode::OK
        }
        None => {
            on_pool!(&s.store, pool => {
                sqlx::query("INSERT INTO released_versions (uuid, version_id, pacticipant_id, \
                             environment_id, created_at) VALUES ($1, $2, $3, $4, $5) \
                             ON CONFLICT (version_id, environment_id) DO NOTHING")
                    .bind(uuid::Uuid::new_v4().to_string())
                    .bind(v.id)
                    .bind(p.id)
                    .bind(env.id)
                    .bind(now_ms())
                    .execute(pool)
                    .await
                    .map_err(StoreError::from)?;
            });
            StatusCode::CREATED
        }
    };
    let row = rows(
        &s.store,
        Kind::Released,
        "version_id = $1 AND environment_id = $2",
        &[Arg::I(v.id), Arg::I(env.id)],
    )
    .await?
    .into_iter()
    .next()
    .ok_or(StoreError::NotFound)?;
    Ok(hal(
        status,
        render(&s.store, &base, Kind::Released, &row).await?,
    ))
}

async fn of_version(
    s: &AppState,
    base: &Base,
    kind: Kind,
    (pacticipant, number, uuid): (String, String, String),
) -> Result<Response, PactError> {
    use super::pacts::Arg;
    let (_, v) = version_or_404(&s.store, &pacticipant, &number).await?;
    let env = env_or_404(&s.store, &uuid).await?;
    let found = rows(
        &s.store,
        kind,
        "version_id = $1 AND environment_id = $2",
        &[Arg::I(v.id), Arg::I(env.id)],
    )
    .await?;
    list(s, base, kind, &found, "").await
}

async fn deployments_of_version(
    State(s): State<AppState>,
    base: Base,
    P(path): P<(String, String, String)>,
) -> Result<Response, PactError> {
    of_version(&s, &base, Kind::Deployed, path).await
}

async fn releases_of_version(
    State(s): State<AppState>,
    base: Base,
    P(path): P<(String, String, String)>,
) -> Result<Response, PactError> {
    of_version(&s, &base, Kind::Released, path).await
}

async fn list(
    s: &AppState,
    base: &Base,
    kind: Kind,
    found: &[Record],
    self_path: &str,
) -> Result<Response, PactError> {
    let mut docs = Vec::new();
    for r in found {
        docs.push(render(&s.store, base, kind, r).await?);
    }
    let key = match kind {
        Kind::Deployed => "deployedVersions",
        Kind::Released => "releasedVersions",
    };
    Ok(ok(json!({
        "_embedded": {key: docs},
        "_links": {"self": {"href": base.url(self_path)}},
    })))
}

/// Current deployments or releases in an environment, optionally of one pacticipant (and
/// for deployments one application instance).
async fn current(
    s: &AppState,
    base: &Base,
    kind: Kind,
    uuid: &str,
    q: &Query,
) -> Result<Response, PactError> {
    use super::pacts::Arg;
    let env = env_or_404(&s.store, uuid).await?;
    let mut filter = format!("environment_id = $1 AND {} IS NULL", kind.ended());
    let mut args = vec![Arg::I(env.id)];
    if let Some(name) = q.get("pacticipant") {
        let Some(p) = model::pacticipant(&s.store, name).await? else {
            return list(s, base, kind, &[], "").await;
        };
        args.push(Arg::I(p.id));
        filter.push_str(&format!(" AND pacticipant_id = ${}", args.len()));
    }
    if kind == Kind::Deployed
        && let Some(instance) = q.get("applicationInstance").or_else(|| q.get("target"))
    {
        args.push(Arg::S(instance.to_string()));
        filter.push_str(&format!(
            " AND COALESCE(application_instance, '') = ${}",
            args.len()
        ));
    }
    let found = rows(&s.store, kind, &filter, &args).await?;
    let what = match kind {
        Kind::Deployed => "deployed-versions/currently-deployed",
        Kind::Released => "released-versions/currently-supported",
    };
    list(
        s,
        base,
        kind,
        &found,
        &format!("{}/{what}", environments::env_path(&env)),
    )
    .await
}

async fn currently_deployed(
    State(s): State<AppState>,
    base: Base,
    P(uuid): P<String>,
    q: Query,
) -> Result<Response, PactError> {
    current(&s, &base, Kind::Deployed, &uuid, &q).await
}

async fn currently_supported(
    State(s): State<AppState>,
    base: Base,
    P(uuid): P<String>,
    q: Query,
) -> Result<Response, PactError> {
    current(&s, &base, Kind::Released, &uuid, &q).await
}

async fn one(s: &AppState, kind: Kind, uuid: &str) -> Result<Record, PactError> {
    use super::pacts::Arg;
    rows(&s.store, kind, "uuid = $1", &[Arg::S(uuid.to_string())])
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| {
            PactError::not_found(format!("No {} with uuid {uuid} found", &kind.path()[1..]))
        })
}

async fn show_deployed(
    State(s): State<AppState>,
    base: Base,
    P(uuid): P<String>,
) -> Result<Response, PactError> {
    let r = one(&s, Kind::Deployed, &uuid).await?;
    Ok(ok(render(&s.store, &base, Kind::Deployed, &r).await?))
}

async fn show_released(
    State(s): State<AppState>,
    base: Base,
    P(uuid): P<String>,
) -> Result<Response, PactError> {
    let r = one(&s, Kind::Released, &uuid).await?;
    Ok(ok(render(&s.store, &base, Kind::Released, &r).await?))
}

/// PATCH `{field: false}` ends the deployment or support; `true` is only accepted while it
/// still holds (an ended record is not revived).
async fn end(
    s: &AppState,
    base: &Base,
    kind: Kind,
    uuid: &str,
    body: &Value,
) -> Result<Response, PactError> {
    let field = match kind {
        Kind::Deployed => "currentlyDeployed",
        Kind::Released => "currentlySupported",
    };
    let r = one(s, kind, uuid).await?;
    match body.get(field) {
        Some(Value::Bool(false)) if r.ended_at.is_none() => {
            let sql = format!(
                "UPDATE {} SET {} = $1 WHERE uuid = $2",
                kind.table(),
                kind.ended()
            );
            on_pool!(&s.store, pool => {
                sqlx::query(&sql)
                    .bind(now_ms())
                    .bind(uuid)
                    .execute(pool)
                    .await
                    .map_err(StoreError::from)?;
            });
        }
        Some(Value::Bool(false)) => {}
        Some(Value::Bool(true)) if r.ended_at.is_none() => {}
        Some(Value::Bool(true)) => {
            return Err(PactError::invalid(
                field,
                format!("{field} cannot be set back to true; record it again instead"),
            ));
        }
        None => {}
        Some(_) => {
            return Err(PactError::invalid(
                field,
                format!("{field} must be a boolean"),
            ));
        }
    }
    let r = one(s, kind, uuid).await?;
    Ok(ok(render(&s.store, base, kind, &r).await?))
}

async fn patch_deployed(
    State(s): State<AppState>,
    base: Base,
    P(uuid): P<String>,
    Body(body): Body,
) -> Result<Response, PactError> {
    end(&s, &base, Kind::Deployed, &uuid, &body).await
}

async fn patch_released(
    State(s): State<AppState>,
    base: Base,
    P(uuid): P<String>,
    Body(body): Body,
) -> Result<Response, PactError> {
    end(&s, &base, Kind::Released, &uuid, &body).await
}
