//! `accord serve`: the broker. Opens (and migrates) the database, then serves the API until
//! SIGINT or SIGTERM, letting requests in flight finish.

use accord_broker::auth::Tokens;
use accord_broker::pact::webhook_events::Webhooks;
use accord_broker::pact::webhook_run::{HostRule, WebhookSettings};
use accord_broker::{AnyStore, AppState};
use anyhow::{Context, Result};
use clap::Args;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free port; the address is printed).
    #[arg(long, default_value = "127.0.0.1:9292", value_name = "ADDR")]
    pub bind: String,
    /// sqlite://PATH (created if missing) or postgres://… [default: sqlite://accord.db]
    #[arg(long, env = "DATABASE_URL", value_name = "URL", hide_env_values = true)]
    pub database_url: Option<String>,
    /// Largest request body accepted, in bytes; larger ones get 413.
    #[arg(long, default_value_t = accord_broker::DEFAULT_MAX_BODY, value_name = "BYTES")]
    pub max_body: usize,
    /// Require credentials: a file of `ROLE SECRET` lines (roles read, write, admin; SECRET a
    /// bearer token or user:password for HTTP Basic).
    #[arg(long, env = "ACCORD_TOKENS", value_name = "FILE")]
    pub auth_tokens: Option<PathBuf>,
    /// URL schemes webhooks may use (comma-separated), as the Pact Broker's
    /// `webhook_scheme_whitelist`.
    #[arg(
        long,
        env = "ACCORD_WEBHOOK_SCHEME_WHITELIST",
        value_delimiter = ',',
        default_value = "https",
        value_name = "SCHEMES"
    )]
    pub webhook_scheme_whitelist: Vec<String>,
    /// HTTP methods webhooks may use (comma-separated).
    #[arg(
        long,
        env = "ACCORD_WEBHOOK_HTTP_METHOD_WHITELIST",
        value_delimiter = ',',
        default_value = "POST",
        value_name = "METHODS"
    )]
    pub webhook_http_method_whitelist: Vec<String>,
    /// Hosts webhooks may call (comma-separated host names, `*.domain`, IP addresses or
    /// networks such as 10.0.0.0/8); none means any host, and then response bodies are
    /// left out of the logs the API shows.
    #[arg(
        long,
        env = "ACCORD_WEBHOOK_HOST_WHITELIST",
        value_delimiter = ',',
        value_name = "HOSTS"
    )]
    pub webhook_host_whitelist: Vec<String>,
    /// Seconds to wait before each retry of a failed webhook (comma-separated; the
    /// Pact Broker's schedule by default).
    #[arg(
        long,
        env = "ACCORD_WEBHOOK_RETRY_SCHEDULE",
        value_delimiter = ',',
        default_value = "10,60,120,300,600,1200",
        value_name = "SECONDS"
    )]
    pub webhook_retry_schedule: Vec<u64>,
    /// Test builds only (accord-broker's `provider-states` feature): serve `POST
    /// /_pact/provider-states`, which wipes and seeds the Pact Broker tables for a named
    /// provider state, and map the Pact Broker client contract's placeholder paths. A
    /// release binary refuses it.
    #[arg(long, hide = true)]
    pub provider_states: bool,
}

pub fn run(args: ServeArgs) -> Result<u8> {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("ACCORD_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .try_init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(serve(args))?;
    Ok(0)
}

async fn serve(args: ServeArgs) -> Result<()> {
    if args.provider_states && !accord_broker::pact::PROVIDER_STATES {
        anyhow::bail!(
            "--provider-states: this build has no provider-state support (test builds only)"
        );
    }
    let url = args
        .database_url
        .clone()
        .unwrap_or_else(|| "sqlite://accord.db".to_string());
    let tokens = match &args.auth_tokens {
        Some(path) => Some(Arc::new(Tokens::read(path)?)),
        None => None,
    };
    let store = AnyStore::connect(&url)
        .await
        .context("opening the database")?;
    let listener = tokio::net::TcpListener::bind(&args.bind)
        .await
        .with_context(|| format!("cannot listen on {}", args.bind))?;
    let addr = listener.local_addr()?;
    if tokens.is_none() && !addr.ip().is_loopback() {
        tracing::warn!(%addr, "listening beyond loopback without --auth-tokens: the API is open to anyone who can reach it");
    }
    let mut state = AppState::new(store.clone());
    state.tokens = tokens;
    state.max_body = args.max_body;
    state.webhooks = Arc::new(Webhooks::new(webhook_settings(&args)?));
    eprintln!(
        "accord serve: listening on http://{addr} ({} database)",
        store.dialect()
    );
    let app = if args.provider_states {
        tracing::warn!("--provider-states: any client may wipe and seed the Pact Broker data");
        accord_broker::pact::with_provider_states(accord_broker::app(state.clone()), state)
            .context(
                "--provider-states: this build has no provider-state support (test builds only)",
            )?
    } else {
        accord_broker::app(state)
    };
    accord_broker::serve(listener, app, accord_broker::shutdown_signal()).await?;
    store.close().await;
    eprintln!("accord serve: stopped");
    Ok(())
}

fn webhook_settings(args: &ServeArgs) -> Result<WebhookSettings> {
    let hosts = args
        .webhook_host_whitelist
        .iter()
        .filter(|h| !h.trim().is_empty())
        .map(|h| {
            h.parse::<HostRule>()
                .map_err(|e| anyhow::anyhow!("--webhook-host-whitelist: {e}"))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(WebhookSettings {
        schemes: args.webhook_scheme_whitelist.clone(),
        methods: args.webhook_http_method_whitelist.clone(),
        hosts,
        retry_schedule: args.webhook_retry_schedule.clone(),
        ..WebhookSettings::default()
    })
}
