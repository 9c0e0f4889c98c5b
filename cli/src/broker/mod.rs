//! Talking to a broker: the connection options every broker command shares (`Connection`),
//! the one HTTP client behind them (`client.rs`), and what the commands send: pact files
//! (`pact_file.rs`), the CI build a publication comes from (`ci.rs`), and small helpers for
//! the Pact Broker's HAL answers (`hal.rs`).

pub mod ci;
pub mod client;
pub mod hal;
pub mod pact_file;

use clap::Args;
use std::time::Duration;

pub use client::{BrokerError, Client};

/// Where the broker is and how to reach it. The Pact Broker CLI's flags (`-b`,
/// `--broker-base-url`, `-k`, `-u`, `-p`) and variable names are accepted too, so pipelines
/// written for it switch by changing the command name only.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Broker connection")]
pub struct Connection {
    /// Base URL of the broker (accord serve, a Pact Broker, PactFlow or a Confluent-compatible
    /// schema registry) [env: ACCORD_BROKER_URL, then PACT_BROKER_BASE_URL]
    #[arg(
        long,
        short = 'b',
        visible_alias = "broker-base-url",
        value_name = "URL"
    )]
    pub broker_url: Option<String>,
    /// Bearer token [env: ACCORD_BROKER_TOKEN, then PACT_BROKER_TOKEN]
    #[arg(long, short = 'k', value_name = "TOKEN")]
    pub broker_token: Option<String>,
    /// User for HTTP Basic authentication, with --broker-password [env: PACT_BROKER_USERNAME]
    #[arg(long, short = 'u', value_name = "USER")]
    pub broker_username: Option<String>,
    /// Password for HTTP Basic authentication [env: PACT_BROKER_PASSWORD]
    #[arg(long, short = 'p', value_name = "PASSWORD")]
    pub broker_password: Option<String>,
    /// Seconds to wait for a TCP connection to the broker.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub connect_timeout: f64,
    /// Seconds to wait for the broker's whole answer to one request.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    pub timeout: f64,
    /// How many times to try a request again after a connection error, a timeout or a 5xx
    /// answer (never after a 4xx: the broker has decided).
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub retries: u32,
    /// The first wait before trying again, in milliseconds; it doubles at each retry (with
    /// random jitter), up to 10 s.
    #[arg(long, value_name = "MS", default_value_t = 500)]
    pub retry_backoff: u64,
    /// Also trust the certificate authorities in this PEM file (a broker behind a company
    /// CA) [env: SSL_CERT_FILE]
    #[arg(long, value_name = "FILE")]
    pub ca_cert: Option<std::path::PathBuf>,
}

/// How a request is authenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    None,
    Bearer(String),
    Basic { user: String, password: String },
}

/// The settings a `Client` is built from, once flags and environment are resolved.
#[derive(Debug, Clone)]
pub struct Settings {
    pub base_url: String,
    pub auth: Auth,
    pub connect_timeout: Duration,
    pub timeout: Duration,
    pub retries: u32,
    pub backoff: Duration,
    pub ca_cert: Option<std::path::PathBuf>,
}

impl Connection {
    /// Flags first, then accord's variables, then the Pact Broker CLI's.
    pub fn settings(&self) -> Result<Settings, BrokerError> {
        self.settings_from(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
    }

    fn settings_from(&self, env: impl Fn(&str) -> Option<String>) -> Result<Settings, BrokerError> {
        let base_url = self
            .broker_url
            .clone()
            .or_else(|| env("ACCORD_BROKER_URL"))
            .or_else(|| env("PACT_BROKER_BASE_URL"))
            .ok_or(BrokerError::NoUrl)?;
        let base_url = base_url.trim_end_matches('/').to_string();
        if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
            return Err(BrokerError::BadUrl { url: base_url });
        }
        // A flag beats a variable (--broker-username wins over an ACCORD_BROKER_TOKEN left in
        // the environment); among equals a token beats a user, as in the Pact CLI.
        let password = || {
            self.broker_password
                .clone()
                .or_else(|| env("PACT_BROKER_PASSWORD"))
                .unwrap_or_default()
        };
        let auth = if let Some(t) = &self.broker_token {
            Auth::Bearer(t.clone())
        } else if let Some(user) = &self.broker_username {
            Auth::Basic {
                user: user.clone(),
                password: password(),
            }
        } else if let Some(t) = env("ACCORD_BROKER_TOKEN").or_else(|| env("PACT_BROKER_TOKEN")) {
            Auth::Bearer(t)
        } else if let Some(user) = env("PACT_BROKER_USERNAME") {
            Auth::Basic {
                user,
                password: password(),
            }
        } else {
            Auth::None
        };
        let secs = |s: f64, flag: &str| {
            if s.is_finite() && s > 0.0 {
                Ok(Duration::from_secs_f64(s))
            } else {
                Err(BrokerError::BadSetting {
                    flag: flag.to_string(),
                    value: s.to_string(),
                })
            }
        };
        Ok(Settings {
            base_url,
            auth,
            connect_timeout: secs(self.connect_timeout, "--connect-timeout")?,
            timeout: secs(self.timeout, "--timeout")?,
            retries: self.retries,
            backoff: Duration::from_millis(self.retry_backoff),
            ca_cert: self
                .ca_cert
                .clone()
                .or_else(|| env("SSL_CERT_FILE").map(Into::into)),
        })
    }

    /// The client these options describe.
    pub fn client(&self) -> Result<Client, BrokerError> {
        Client::new(self.settings()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn conn() -> Connection {
        Connection {
            broker_url: None,
            broker_token: None,
            broker_username: None,
            broker_password: None,
            connect_timeout: 10.0,
            timeout: 30.0,
            retries: 3,
            retry_backoff: 500,
            ca_cert: None,
        }
    }

    fn with(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let m: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| m.get(k).cloned()
    }

    #[test]
    fn url_from_flag_then_accord_then_pact_variables() {
        let c = conn();
        let s = c
            .settings_from(with(&[("PACT_BROKER_BASE_URL", "http://pact/")]))
            .unwrap();
        assert_eq!(s.base_url, "http://pact");
        let s = c
            .settings_from(with(&[
                ("PACT_BROKER_BASE_URL", "http://pact"),
                ("ACCORD_BROKER_URL", "http://accord"),
            ]))
            .unwrap();
        assert_eq!(s.base_url, "http://accord");
        let mut c = conn();
        c.broker_url = Some("https://flag".into());
        let s = c
            .settings_from(with(&[("ACCORD_BROKER_URL", "http://accord")]))
            .unwrap();
        assert_eq!(s.base_url, "https://flag");
        assert!(matches!(
            conn().settings_from(with(&[])),
            Err(BrokerError::NoUrl)
        ));
        c.broker_url = Some("ftp://x".into());
        assert!(matches!(
            c.settings_from(with(&[])),
            Err(BrokerError::BadUrl { .. })
        ));
    }

    #[test]
    fn auth_from_token_or_basic() {
        let c = conn();
        let url = ("ACCORD_BROKER_URL", "http://b");
        let s = c
            .settings_from(with(&[url, ("PACT_BROKER_TOKEN", "t1")]))
            .unwrap();
        assert_eq!(s.auth, Auth::Bearer("t1".into()));
        let s = c
            .settings_from(with(&[
                url,
                ("PACT_BROKER_USERNAME", "u"),
                ("PACT_BROKER_PASSWORD", "p"),
            ]))
            .unwrap();
        assert_eq!(
            s.auth,
            Auth::Basic {
                user: "u".into(),
                password: "p".into()
            }
        );
        let mut c = conn();
        c.broker_token = Some("flag".into());
        let s = c
            .settings_from(with(&[url, ("PACT_BROKER_USERNAME", "u")]))
            .unwrap();
        assert_eq!(s.auth, Auth::Bearer("flag".into()));
        assert_eq!(conn().settings_from(with(&[url])).unwrap().auth, Auth::None);
        let s = conn()
            .settings_from(with(&[
                url,
                ("PACT_BROKER_TOKEN", "t"),
                ("PACT_BROKER_USERNAME", "u"),
            ]))
            .unwrap();
        assert_eq!(s.auth, Auth::Bearer("t".into()));
        let mut c = conn();
        c.broker_username = Some("flag-user".into());
        let s = c
            .settings_from(with(&[url, ("ACCORD_BROKER_TOKEN", "t")]))
            .unwrap();
        assert_eq!(
            s.auth,
            Auth::Basic {
                user: "flag-user".into(),
                password: String::new()
            }
        );
    }

    #[test]
    fn nonsense_timeouts_are_refused() {
        let mut c = conn();
        c.broker_url = Some("http://b".into());
        c.timeout = 0.0;
        assert!(matches!(
            c.settings_from(with(&[])),
            Err(BrokerError::BadSetting { .. })
        ));
    }
}
