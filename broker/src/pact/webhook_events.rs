//! Webhooks fired by events, as the Pact Broker fires them: publishing a pact
//! (`contract_published`; `contract_content_changed` when the content differs from the
//! pair's latest pact before it; `contract_requiring_verification_published` when no
//! provider version has verified that content successfully) and publishing a verification
//! result (`provider_verification_published`, then `…_succeeded` or `…_failed`).
//!
//! Each matching enabled webhook becomes a triggered webhook (a row in
//! `triggered_webhooks`) sent in the background, retried on the configured schedule, its
//! status and log kept. Routes: `POST /webhooks/{uuid}/execute` (a test run, answered with
//! the log), `GET /pacts/provider/{p}/consumer/{c}/webhooks/status` and
//! `GET /triggered-webhooks/{uuid}/logs`. A failure here never fails the publication that
//! caused it: the pact or verification is already stored, so it is logged instead.

use crate::AppState;
use crate::pact::error::PactError;
use crate::pact::hal::{Base, P, enc, hal, ok};
use crate::pact::pacts::{self, Publication};
use crate::pact::webhook_run::{self, WebhookSettings};
use crate::pact::{labels, model, now_ms, rfc3339, verifications};
use crate::store::{AnyStore, StoreError, on_pool};
use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};
use sqlx::Row;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/webhooks/{uuid}/execute", post(execute))
        .route(
            "/pacts/provider/{provider}/consumer/{consumer}/webhooks/status",
            get(status),
        )
        .route("/triggered-webhooks/{uuid}/logs", get(logs))
}

/// The settings and one HTTP client (its connection pool and TLS set-up) for every send.
#[derive(Debug, Default)]
pub struct Webhooks {
    pub settings: WebhookSettings,
    client: OnceLock<reqwest::Client>,
}

impl Webhooks {
    pub fn new(settings: WebhookSettings) -> Webhooks {
        Webhooks {
            settings,
            client: OnceLock::new(),
        }
    }

    fn client(&self) -> &reqwest::Client {
        self.client.get_or_init(|| {
            reqwest::Client::builder()
                // A webhook must not be steered elsewhere than the host the whitelist passed.
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap_or_default()
        })
    }
}

/// A pact publication, with what the webhook placeholders need.
pub struct PactEvent<'a> {
    pub consumer: &'a model::Pacticipant,
    pub provider: &'a model::Pacticipant,
    pub consumer_version: &'a model::Version,
    /// The sha of the pair's latest pact before this publication.
    pub previous_sha: Option<String>,
}

/// Fires the webhooks a pact publication triggers.
pub async fn pact_published(state: &AppState, base: &Base, e: PactEvent<'_>) {
    let result = async {
        let publication = pacts::for_version(&state.store, e.consumer_version.id, e.provider.id)
            .await?
            .ok_or(StoreError::NotFound)?;
        let verified = verifications::of_content(&state.store, publication.content_id, None)
            .await?
            .iter()
            .any(|v| v.success);
        let mut events = vec!["contract_published"];
        if e.previous_sha.as_deref() != Some(publication.sha.as_str()) {
            events.push("contract_content_changed");
        }
        if !verified {
            events.push("contract_requiring_verification_published");
        }
        let parties = (
            party(&state.store, e.consumer.id).await?,
            party(&state.store, e.provider.id).await?,
        );
        let vars = vars(
            state,
            base,
            e.consumer,
            e.provider,
            &parties,
            &publication,
            None,
        )
        .await?;
        trigger(state, &parties, &events, vars).await
    }
    .await;
    if let Err(err) = result {
        tracing::error!(error = %err, "firing the webhooks of a pact publication failed");
    }
}

/// Fires the webhooks a verification result triggers.
pub async fn verification_published(
    state: &AppState,
    base: &Base,
    publication: &Publication,
    verification: &verifications::Verification,
) {
    let result = async {
        let consumer = model::pacticipant_by_id(&state.store, publication.consumer_id).await?;
        let provider = model::pacticipant_by_id(&state.store, publication.provider_id).await?;
        let outcome = if verification.success {
            "provider_verification_succeeded"
        } else {
            "provider_verification_failed"
        };
        let events = ["provider_verification_published", outcome];
        let parties = (
            party(&state.store, consumer.id).await?,
            party(&state.store, provider.id).await?,
        );
        let vars = vars(
            state,
            base,
            &consumer,
            &provider,
            &parties,
            publication,
            Some(verification),
        )
        .await?;
        trigger(state, &parties, &events, vars).await
    }
    .await;
    if let Err(err) = result {
        tracing::error!(error = %err, "firing the webhooks of a verification failed");
    }
}

type Vars = HashMap<&'static str, String>;

/// A pacticipant's id and labels, what a webhook's consumer or provider is matched with.
type Party = (i64, Vec<String>);

/// uuid, webhook uuid, webhook description, event, status, attempts, created, updated.
type TriggeredRow = (String, String, String, String, String, i64, i64, i64);

/// A pacticipant's id and labels, read once per event: the placeholders show the labels and
/// the webhooks are matched with them.
async fn party(store: &AnyStore, id: i64) -> Result<Party, StoreError> {
    Ok((id, labels::of(store, id).await?))
}

/// The Pact Broker's `${pactbroker.*}` values for a pact and, when there is one, its
/// verification (else the content's latest verification, if any).
async fn vars(
    state: &AppState,
    base: &Base,
    consumer: &model::Pacticipant,
    provider: &model::Pacticipant,
    (consumer_party, provider_party): &(Party, Party),
    publication: &Publication,
    verification: Option<&verifications::Verification>,
) -> Result<Vars, StoreError> {
    let store = &state.store;
    let latest;
    let verification = match verification {
        Some(v) => Some(v),
        None => {
            latest = verifications::of_content(store, publication.content_id, None).await?;
            latest.first()
        }
    };
    let consumer_tags = names(model::version_tags(store, publication.consumer_version_id).await?);
    let consumer_branch = model::version_branches(store, publication.consumer_version_id)
        .await?
        .pop()
        .unwrap_or_default();
    let (mut provider_tags, mut provider_branch) = (String::new(), String::new());
    if let Some(v) = verification {
        provider_tags = names(model::version_tags(store, v.provider_version_id).await?);
        provider_branch = model::version_branches(store, v.provider_version_id)
            .await?
            .pop()
            .unwrap_or_default();
    }
    let status = |success: &str, failure: &str, pending: &str| {
        match verification.map(|v| v.success) {
            Some(true) => success,
            Some(false) => failure,
            None => pending,
        }
        .to_string()
    };
    let results =
        pacts::verification_results_path(&provider.name, &consumer.name, &publication.sha);
    Ok(HashMap::from([
        (
            "pactUrl",
            base.url(&pacts::version_path(
                &provider.name,
                &consumer.name,
                &publication.consumer_version,
            )),
        ),
        (
            "verificationResultUrl",
            verification
                .map(|v| base.url(&format!("{results}/{}", v.id)))
                .unwrap_or_default(),
        ),
        ("consumerName", consumer.name.clone()),
        ("providerName", provider.name.clone()),
        (
            "consumerVersionNumber",
            publication.consumer_version.clone(),
        ),
        (
            "providerVersionNumber",
            verification
                .map(|v| v.provider_version.clone())
                .unwrap_or_default(),
        ),
        ("consumerVersionTags", consumer_tags),
        ("consumerVersionBranch", consumer_branch),
        ("providerVersionTags", provider_tags),
        ("providerVersionBranch", provider_branch),
        ("consumerLabels", consumer_party.1.join(", ")),
        ("providerLabels", provider_party.1.join(", ")),
        (
            "buildUrl",
            verification
                .and_then(|v| v.build_url.clone())
                .unwrap_or_default(),
        ),
        (
            "githubVerificationStatus",
            status("success", "failure", "pending"),
        ),
        (
            "gitlabVerificationStatus",
            status("success", "failed", "running"),
        ),
        (
            "bitbucketVerificationStatus",
            status("SUCCESSFUL", "FAILED", "INPROGRESS"),
        ),
        (
            "azureDevOpsVerificationStatus",
            status("succeeded", "failed", "pending"),
        ),
    ]))
}

fn names(tags: Vec<(String, i64)>) -> String {
    tags.into_iter()
        .map(|(n, _)| n)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A stored webhook as the trigger needs it.
struct Hook {
    uuid: String,
    description: String,
    events: Vec<String>,
    request: Value,
    consumer: (Option<i64>, Option<String>),
    provider: (Option<i64>, Option<String>),
}

impl Hook {
    /// A side matches when the webhook names that pacticipant, one of its labels, or no one.
    fn matches(&self, consumer: &Party, provider: &Party) -> bool {
        let side = |(id, label): &(Option<i64>, Option<String>), want: &Party| match (id, label) {
            (Some(id), _) => *id == want.0,
            (None, Some(label)) => want.1.contains(label),
            (None, None) => true,
        };
        side(&self.consumer, consumer) && side(&self.provider, provider)
    }
}

/// Enabled webhooks (`uuid` None), or the one with `uuid`, enabled or not (a disabled
/// webhook can still be tested).
async fn hooks(store: &AnyStore, uuid: Option<&str>) -> Result<Vec<Hook>, StoreError> {
    let filter = if uuid.is_some() {
        "w.uuid = $1"
    } else {
        "w.enabled"
    };
    let sql = format!(
        "SELECT w.uuid, w.description, w.events, w.request, w.consumer_id, \
         w.consumer_label, w.provider_id, w.provider_label, c.name, p.name FROM webhooks w \
         LEFT JOIN pacticipants c ON c.id = w.consumer_id \
         LEFT JOIN pacticipants p ON p.id = w.provider_id WHERE {filter} ORDER BY w.id"
    );
    on_pool!(store, pool => {
        let mut q = sqlx::query(&sql);
        if let Some(u) = uuid {
            q = q.bind(u);
        }
        let rows = q.fetch_all(pool).await?;
        let mut out = Vec::new();
        for r in &rows {
            let events: String = r.try_get(2)?;
            let request: String = r.try_get(3)?;
            let description: Option<String> = r.try_get(1)?;
            let (consumer, provider): (Option<String>, Option<String>) =
                (r.try_get(8)?, r.try_get(9)?);
            out.push(Hook {
                uuid: r.try_get(0)?,
                // As the webhook is rendered: its own description, or the Pact Broker's default.
                description: description.unwrap_or_else(|| {
                    super::webhooks::default_description(consumer.as_deref(), provider.as_deref())
                }),
                events: serde_json::from_str(&events).unwrap_or_default(),
                request: serde_json::from_str(&request).unwrap_or(Value::Null),
                consumer: (r.try_get(4)?, r.try_get(5)?),
                provider: (r.try_get(6)?, r.try_get(7)?),
            });
        }
        Ok(out)
    })
}

/// Records and sends (in the background) every matching webhook for each event.
async fn trigger(
    state: &AppState,
    (consumer, provider): &(Party, Party),
    events: &[&'static str],
    mut vars: Vars,
) -> Result<(), StoreError> {
    let hooks = hooks(&state.store, None).await?;
    let (consumer_id, provider_id) = (consumer.0, provider.0);
    for event in events {
        vars.insert("eventName", event.to_string());
        for hook in hooks
            .iter()
            .filter(|h| h.events.iter().any(|e| e == event) && h.matches(consumer, provider))
        {
            let rendered = webhook_run::render(&hook.request, &vars);
            let uuid = uuid::Uuid::new_v4().to_string();
            let now = now_ms();
            on_pool!(&state.store, pool => {
                sqlx::query(
                    "INSERT INTO triggered_webhooks (uuid, webhook_uuid, webhook_description, \
                     event, consumer_id, provider_id, status, attempts, logs, created_at, \
                     updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'retrying', 0, '', $7, $7)",
                )
                .bind(&uuid)
                .bind(&hook.uuid)
                .bind(&hook.description)
                .bind(*event)
                .bind(consumer_id)
                .bind(provider_id)
                .bind(now)
                .execute(pool)
                .await
                .map(|_| ())
            })?;
            let (store, webhooks) = (state.store.clone(), state.webhooks.clone());
            tokio::spawn(async move { deliver(store, webhooks, uuid, rendered).await });
        }
    }
    Ok(())
}

/// Sends until one attempt succeeds or the retry schedule runs out, saving each attempt.
async fn deliver(
    store: AnyStore,
    webhooks: Arc<Webhooks>,
    uuid: String,
    request: webhook_run::Rendered,
) {
    let schedule = webhooks.settings.retry_schedule.clone();
    let mut log = String::new();
    for attempt in 0..=schedule.len() {
        let a = webhook_run::send(webhooks.client(), &request, &webhooks.settings).await;
        log.push_str(&a.log);
        let status = match (a.success, attempt < schedule.len()) {
            (true, _) => "success",
            (false, true) => "retrying",
            (false, false) => "failure",
        };
        let saved = on_pool!(&store, pool => {
            sqlx::query(
                "UPDATE triggered_webhooks SET status = $1, attempts = $2, logs = $3, \
                 updated_at = $4 WHERE uuid = $5",
            )
            .bind(status)
            .bind(attempt as i64 + 1)
            .bind(&log)
            .bind(now_ms())
            .bind(&uuid)
            .execute(pool)
            .await
            .map(|_| ())
        });
        if let Err(e) = saved {
            tracing::error!(error = %e, uuid, "saving a webhook attempt failed");
        }
        if status != "retrying" {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_secs(schedule[attempt])).await;
    }
}

/// `POST /webhooks/{uuid}/execute`: sends the webhook once, now, with the latest pact it
/// matches (and that pact's latest verification), and answers with what happened. Nothing
/// is recorded: it is a test.
async fn execute(
    axum::extract::State(s): axum::extract::State<AppState>,
    base: Base,
    P(uuid): P<String>,
) -> Result<Response, PactError> {
    let hook = hooks(&s.store, Some(&uuid))
        .await?
        .pop()
        .ok_or_else(|| PactError::not_found(format!("No webhook with uuid {uuid}")))?;
    let latest = latest_matching(&s.store, &hook).await?;
    let mut vars = match &latest {
        Some(p) => {
            let c = model::pacticipant_by_id(&s.store, p.consumer_id).await?;
            let pr = model::pacticipant_by_id(&s.store, p.provider_id).await?;
            let parties = (party(&s.store, c.id).await?, party(&s.store, pr.id).await?);
            vars(&s, &base, &c, &pr, &parties, p, None).await?
        }
        None => Vars::new(),
    };
    vars.insert("eventName", "test".to_string());
    let rendered = webhook_run::render(&hook.request, &vars);
    let mut attempt = webhook_run::send(s.webhooks.client(), &rendered, &s.webhooks.settings).await;
    if latest.is_none() {
        attempt.log.insert_str(
            0,
            "No pact matches this webhook yet: placeholders that need one are left as they are.\n",
        );
    }
    let mut headers = serde_json::Map::new();
    for (k, v) in &rendered.headers {
        headers.insert(k.clone(), json!(v));
    }
    let mut request = json!({"method": rendered.method, "url": rendered.url, "headers": headers});
    if let Some(b) = &rendered.body {
        request["body"] = json!(b);
    }
    crate::pact::webhooks::redact(&mut request);
    let status = if attempt.success {
        StatusCode::OK
    } else {
        StatusCode::INTERNAL_SERVER_ERROR
    };
    Ok(hal(
        // The Pact Broker answers a failed test execution with 500 and the log; so do we.
        status,
        json!({
            "request": request,
            "response": {"status": attempt.status},
            "logs": attempt.log,
            "success": attempt.success,
            "message": if attempt.success {
                "Webhook execution succeeded"
            } else {
                "Webhook execution failed"
            },
            "_links": {
                "webhook": {"href": base.url(&format!("/webhooks/{}", enc(&uuid)))},
                "try-again": {"href": base.url(&format!("/webhooks/{}/execute", enc(&uuid)))},
            }
        }),
    ))
}

/// The newest publication between pacticipants the webhook matches.
async fn latest_matching(store: &AnyStore, hook: &Hook) -> Result<Option<Publication>, StoreError> {
    let mut filter = vec!["1 = 1".to_string()];
    let mut args = Vec::new();
    for (col, (id, label)) in [
        ("v.pacticipant_id", &hook.consumer),
        ("pp.provider_id", &hook.provider),
    ] {
        match (id, label) {
            (Some(id), _) => {
                args.push(pacts::Arg::I(*id));
                filter.push(format!("{col} = ${}", args.len()));
            }
            (None, Some(label)) => {
                args.push(pacts::Arg::S(label.clone()));
                filter.push(format!(
                    "EXISTS (SELECT 1 FROM pacticipant_labels l WHERE l.pacticipant_id = {col} \
                     AND l.name = ${})",
                    args.len()
                ));
            }
            (None, None) => {}
        }
    }
    Ok(
        pacts::publications(store, &filter.join(" AND "), &args, "pp.id DESC LIMIT 1")
            .await?
            .into_iter()
            .next(),
    )
}

/// `GET /pacts/provider/{p}/consumer/{c}/webhooks/status`: the latest triggered webhook
/// per webhook and event for the pair, and a summary, as the Pact Broker shows them.
async fn status(
    axum::extract::State(s): axum::extract::State<AppState>,
    base: Base,
    P((provider, consumer)): P<(String, String)>,
) -> Result<Response, PactError> {
    let c = model::pacticipant(&s.store, &consumer)
        .await?
        .ok_or_else(|| {
            PactError::not_found(format!("No pacticipant with name '{consumer}' found"))
        })?;
    let p = model::pacticipant(&s.store, &provider)
        .await?
        .ok_or_else(|| {
            PactError::not_found(format!("No pacticipant with name '{provider}' found"))
        })?;
    let rows = on_pool!(&s.store, pool => {
        sqlx::query_as::<_, TriggeredRow>(
            "SELECT uuid, webhook_uuid, webhook_description, event, status, attempts, created_at, \
             updated_at FROM triggered_webhooks WHERE consumer_id = $1 AND provider_id = $2 \
             ORDER BY id DESC",
        )
        .bind(c.id)
        .bind(p.id)
        .fetch_all(pool)
        .await
    })
    .map_err(StoreError::from)?;
    let planned = s.webhooks.settings.retry_schedule.len() as i64 + 1;
    let mut seen = std::collections::HashSet::new();
    let mut summary = HashMap::from([("success", 0), ("failure", 0), ("retrying", 0)]);
    let mut triggered = Vec::new();
    for (uuid, hook, description, event, state, attempts, created, updated) in rows {
        if !seen.insert((hook.clone(), event.clone())) {
            continue;
        }
        let counted = match state.as_str() {
            "success" => "success",
            "failure" => "failure",
            _ => "retrying",
        };
        *summary.entry(counted).or_default() += 1;
        triggered.push(json!({
            "name": description,
            "status": state,
            "attemptsMade": attempts,
            "attemptsRemaining": if state == "retrying" { planned - attempts } else { 0 },
            "triggerType": "resource_creation",
            "eventName": event,
            "triggeredAt": rfc3339(created),
            "lastAttemptedAt": if attempts > 0 { json!(rfc3339(updated)) } else { Value::Null },
            "_links": {
                "pb:logs": {"href": base.url(&format!("/triggered-webhooks/{}/logs", enc(&uuid))), "title": "Webhook execution logs"},
                "pb:webhook": {"href": base.url(&format!("/webhooks/{}", enc(&hook))), "title": "Webhook"},
            }
        }));
    }
    Ok(ok(json!({
        "summary": {
            "successful": summary["success"],
            "failed": summary["failure"],
            "retrying": summary["retrying"],
            "notRun": 0,
        },
        "_embedded": {"triggeredWebhooks": triggered},
        "_links": {
            "self": {"href": base.url(&format!("{}/webhooks/status", pacts::pact_base(&provider, &consumer))), "title": "Webhooks status"},
            "pb:pact-webhooks": {"href": base.url(&format!("/webhooks/provider/{}/consumer/{}", enc(&provider), enc(&consumer))), "title": "Webhooks for the pact"},
            "pb:consumer": base.named(&format!("/pacticipants/{}", enc(&consumer)), "Consumer", &consumer),
            "pb:provider": base.named(&format!("/pacticipants/{}", enc(&provider)), "Provider", &provider),
        }
    })))
}

/// `GET /triggered-webhooks/{uuid}/logs`: the attempts' log as text.
async fn logs(
    axum::extract::State(s): axum::extract::State<AppState>,
    P(uuid): P<String>,
) -> Result<Response, PactError> {
    let log: Option<String> = on_pool!(&s.store, pool => {
        sqlx::query_scalar("SELECT logs FROM triggered_webhooks WHERE uuid = $1")
            .bind(&uuid)
            .fetch_optional(pool)
            .await
    })
    .map_err(StoreError::from)?;
    let log =
        log.ok_or_else(|| PactError::not_found(format!("No triggered webhook with uuid {uuid}")))?;
    Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], log).into_response())
}
