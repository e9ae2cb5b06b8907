//! Typed configuration from environment variables (and `.env`), validated at start-up with one
//! clear line per problem. Secrets stay in `SecretString` and are never logged.
use std::net::SocketAddr;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: SecretString,
    pub site_addr: SocketAddr,
    /// The public origin (scheme://host[:port]) when behind a proxy; otherwise the Host header.
    pub public_origin: Option<String>,
    pub secure_cookies: bool,
    pub trust_proxy: bool,
    pub max_body_bytes: usize,
    pub db_max_connections: u32,
    /// How long a query waits for a connection from the pool before the request gets a 503.
    pub db_acquire_timeout: Duration,
    /// How long SQLite waits for another writer's lock before the request gets a 503.
    pub db_busy_timeout: Duration,
    /// A cap on the SQLite file's size (0: none); past it writes get a clear 507.
    pub db_max_size_mb: u64,
    pub log_json: bool,
    pub rate_limit_login_per_email: Option<RateLimit>,
    pub rate_limit_login_per_ip: Option<RateLimit>,
    pub rate_limit_signup_per_ip: Option<RateLimit>,
    /// Calendar feed requests per client (a guess at a secret costs one).
    pub rate_limit_calendar_per_ip: Option<RateLimit>,
    /// OAuth client registrations (MCP clients) per client address.
    pub rate_limit_oauth_register_per_ip: Option<RateLimit>,
    /// How many OAuth clients may be registered in all (0: no cap).
    pub oauth_max_clients: u64,
    pub argon2_max_parallel: usize,
    /// Memory for rendered task-list pages (0: no cache); see `server::list_cache`.
    pub list_cache_mb: u64,
    /// Memory for the dashboard's rendered task rows (0: no cache); see `server::row_cache`.
    pub row_cache_mb: u64,
    /// Memory for whole `/tasks` pages as rendered (0: no cache); see `server::page_cache`.
    pub page_cache_mb: u64,
    pub ai: AiConfig,
    pub quotas: QuotaConfig,
    /// Where reminder mail goes out, when set.
    pub smtp: Option<SmtpConfig>,
    /// Event streams (`GET /api/v1/events`) one user may hold open at once, per instance.
    pub events_per_user: usize,
    /// Whether this instance fires reminders (every instance does, by default).
    pub scheduler: bool,
}

/// The mail server of reminder mail: `SMTP_URL` (`smtps://user:pass@host:465` for TLS,
/// `smtp://user:pass@host:587?tls=required` for STARTTLS, plain `smtp://host:25` unencrypted —
/// loopback or a trusted relay only) and `SMTP_FROM`.
#[derive(Clone, Debug)]
pub struct SmtpConfig {
    pub url: SecretString,
    pub from: String,
}

/// Per-user quotas (`0` turns one off). The defaults are far above what a person does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuotaConfig {
    pub tasks: u64,
    pub projects: u64,
    pub conversations: u64,
    pub tokens: u64,
    pub messages_per_day: u64,
    pub turns_in_flight: u64,
    pub writes_per_minute: u64,
}

impl Default for QuotaConfig {
    fn default() -> Self {
        Self {
            tasks: 50_000,
            projects: 500,
            conversations: 1_000,
            tokens: 50,
            messages_per_day: 2_000,
            turns_in_flight: 2,
            writes_per_minute: 600,
        }
    }
}

/// Which model answers in the assistant, and how to reach it.
#[derive(Clone, Debug)]
pub enum AiProvider {
    Builtin,
    OpenAi {
        base_url: String,
        api_key: SecretString,
        model: String,
    },
    Gemini {
        base_url: String,
        api_key: SecretString,
        model: String,
    },
}

#[derive(Clone, Debug)]
pub struct AiConfig {
    pub provider: AiProvider,
    pub connect_timeout: Duration,
    pub timeout: Duration,
    pub max_retries: u32,
}

/// `COUNT/WINDOW`, e.g. `5/15m`; `0` turns a limit off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    pub count: u32,
    pub window: Duration,
}

impl RateLimit {
    pub fn parse(raw: &str) -> Result<Option<Self>, String> {
        let raw = raw.trim();
        if raw == "0" || raw.eq_ignore_ascii_case("off") {
            return Ok(None);
        }
        let (count, window) = raw.split_once('/').ok_or("expected COUNT/WINDOW like 5/15m, or 0")?;
        let count: u32 = count.trim().parse().map_err(|_| "COUNT must be a whole number")?;
        let window = window.trim();
        let (digits, unit) = window.split_at(window.find(|c: char| !c.is_ascii_digit()).unwrap_or(window.len()));
        let n: u64 = if digits.is_empty() {
            1
        } else {
            digits.parse().map_err(|_| "bad WINDOW")?
        };
        let secs = match unit {
            "s" | "" => n,
            "m" => n * 60,
            "h" => n * 3600,
            "d" => n * 86_400,
            _ => return Err("WINDOW must end in s, m, h or d".into()),
        };
        if count == 0 || secs == 0 {
            return Ok(None);
        }
        Ok(Some(Self {
            count,
            window: Duration::from_secs(secs),
        }))
    }
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/taskpilot.db?mode=rwc";

/// A memory setting in MiB as bytes (as many as fit in a `usize`).
pub fn mib_to_bytes(mib: u64) -> usize {
    usize::try_from(mib.saturating_mul(1024 * 1024)).unwrap_or(usize::MAX)
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, Vec<String>> {
        Self::from_lookup(|key| std::env::var(key).ok())
    }

    /// Reads configuration through `lookup`, collecting every problem instead of stopping at one.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, Vec<String>> {
        let mut errors = Vec::new();
        let get = |key: &str| lookup(key).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());

        let database_url = get("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            errors.push("DATABASE_URL: must start with sqlite:, postgres:// or postgresql://".to_owned());
        }
        let site_addr = match get("LEPTOS_SITE_ADDR")
            .unwrap_or_else(|| "127.0.0.1:3000".into())
            .parse()
        {
            Ok(addr) => addr,
            Err(_) => {
                errors.push("LEPTOS_SITE_ADDR: must be an address like 127.0.0.1:3000".into());
                SocketAddr::from(([127, 0, 0, 1], 3000))
            }
        };
        let public_origin = match get("PUBLIC_URL") {
            None => None,
            Some(raw) => match url::Url::parse(&raw) {
                Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => {
                    Some(url.origin().ascii_serialization())
                }
                _ => {
                    errors.push("PUBLIC_URL: must be an absolute http(s) URL like https://tasks.example.com".into());
                    None
                }
            },
        };
        let mut flag = |key: &str, default: bool| match get(key).as_deref().map(str::to_ascii_lowercase).as_deref() {
            None => default,
            Some("1" | "true" | "yes" | "on") => true,
            Some("0" | "false" | "no" | "off") => false,
            Some(_) => {
                errors.push(format!("{key}: must be true or false"));
                default
            }
        };
        let secure_cookies = flag(
            "COOKIE_SECURE",
            public_origin.as_deref().is_some_and(|o| o.starts_with("https://")),
        );
        let trust_proxy = flag("TRUST_PROXY", false);
        let log_json = get("LOG_FORMAT").is_some_and(|f| f.eq_ignore_ascii_case("json"));

        let mut number = |key: &str, default: u64, min: u64, max: u64| match get(key) {
            None => default,
            Some(raw) => match raw.parse::<u64>() {
                Ok(n) if (min..=max).contains(&n) => n,
                _ => {
                    errors.push(format!("{key}: must be a whole number from {min} to {max}"));
                    default
                }
            },
        };
        let max_body_bytes = number("MAX_BODY_BYTES", 64 * 1024, 1024, 16 * 1024 * 1024) as usize;
        let default_conns = if database_url.starts_with("sqlite:") { 8 } else { 16 };
        let db_max_connections = number("DATABASE_MAX_CONNECTIONS", default_conns, 1, 1000) as u32;
        let db_acquire_timeout = Duration::from_secs(number("DATABASE_ACQUIRE_TIMEOUT_SECS", 10, 1, 600));
        let db_busy_timeout = Duration::from_secs(number("DATABASE_BUSY_TIMEOUT_SECS", 10, 0, 600));
        let db_max_size_mb = number("DATABASE_MAX_SIZE_MB", 0, 0, 1 << 30);
        let argon2_max_parallel = number("ARGON2_MAX_PARALLEL", 2, 1, 64) as usize;
        let list_cache_mb = number("LIST_CACHE_MB", 16, 0, 4096);
        let row_cache_mb = number("ROW_CACHE_MB", 16, 0, 4096);
        let page_cache_mb = number("PAGE_CACHE_MB", 32, 0, 4096);
        let events_per_user = number("EVENTS_STREAMS_PER_USER", 8, 1, 1000) as usize;
        let oauth_max_clients = number("OAUTH_MAX_CLIENTS", 10_000, 0, 10_000_000);
        let connect_timeout = Duration::from_secs(number("AI_CONNECT_TIMEOUT_SECS", 5, 1, 120));
        let timeout = Duration::from_secs(number("AI_TIMEOUT_SECS", 60, 1, 600));
        let max_retries = number("AI_MAX_RETRIES", 2, 0, 10) as u32;
        let defaults = QuotaConfig::default();
        let quotas = QuotaConfig {
            tasks: number("QUOTA_TASKS", defaults.tasks, 0, 10_000_000),
            projects: number("QUOTA_PROJECTS", defaults.projects, 0, 1_000_000),
            conversations: number("QUOTA_CONVERSATIONS", defaults.conversations, 0, 1_000_000),
            tokens: number("QUOTA_TOKENS", defaults.tokens, 0, 10_000),
            messages_per_day: number("QUOTA_MESSAGES_PER_DAY", defaults.messages_per_day, 0, 10_000_000),
            turns_in_flight: number("QUOTA_TURNS_IN_FLIGHT", defaults.turns_in_flight, 0, 1_000),
            writes_per_minute: number("QUOTA_WRITES_PER_MINUTE", defaults.writes_per_minute, 0, 10_000_000),
        };

        let mut limit = |key: &str, default: &str| {
            let raw = get(key).unwrap_or_else(|| default.to_owned());
            RateLimit::parse(&raw).unwrap_or_else(|e| {
                errors.push(format!("{key}: {e}"));
                None
            })
        };
        let rate_limit_login_per_email = limit("RATE_LIMIT_LOGIN_PER_EMAIL", "5/15m");
        let rate_limit_login_per_ip = limit("RATE_LIMIT_LOGIN_PER_IP", "20/1m");
        let rate_limit_signup_per_ip = limit("RATE_LIMIT_SIGNUP_PER_IP", "10/1m");
        let rate_limit_calendar_per_ip = limit("RATE_LIMIT_CALENDAR_PER_IP", "120/1m");
        let rate_limit_oauth_register_per_ip = limit("RATE_LIMIT_OAUTH_REGISTER_PER_IP", "20/1h");

        let openai_key = get("OPENAI_API_KEY");
        let gemini_key = get("GEMINI_API_KEY");
        let choice = get("AI_PROVIDER").map(|p| p.to_ascii_lowercase()).unwrap_or_else(|| {
            if openai_key.is_some() {
                "openai".into()
            } else if gemini_key.is_some() {
                "gemini".into()
            } else {
                "builtin".into()
            }
        });
        let provider = match choice.as_str() {
            "builtin" => AiProvider::Builtin,
            "openai" => AiProvider::OpenAi {
                base_url: get("OPENAI_BASE_URL").unwrap_or_else(|| "https://api.openai.com/v1".into()),
                // local servers (Ollama, llama.cpp) take any key
                api_key: SecretString::from(openai_key.unwrap_or_default()),
                model: get("OPENAI_MODEL").unwrap_or_else(|| "gpt-4o-mini".into()),
            },
            "gemini" => match gemini_key {
                Some(key) => AiProvider::Gemini {
                    base_url: get("GEMINI_BASE_URL")
                        .unwrap_or_else(|| "https://generativelanguage.googleapis.com/v1beta".into()),
                    api_key: SecretString::from(key),
                    model: get("GEMINI_MODEL").unwrap_or_else(|| "gemini-2.5-flash".into()),
                },
                None => {
                    errors.push("GEMINI_API_KEY: required when AI_PROVIDER=gemini".into());
                    AiProvider::Builtin
                }
            },
            _ => {
                errors.push("AI_PROVIDER: must be builtin, openai or gemini".into());
                AiProvider::Builtin
            }
        };
        let smtp = match (get("SMTP_URL"), get("SMTP_FROM")) {
            (Some(url), Some(from)) => {
                if !(url.starts_with("smtp://") || url.starts_with("smtps://")) {
                    errors.push("SMTP_URL: must start with smtp:// or smtps://".into());
                }
                if from.parse::<lettre::message::Mailbox>().is_err() {
                    errors.push("SMTP_FROM: must be an address like Taskpilot <tasks@example.com>".into());
                }
                Some(SmtpConfig {
                    url: SecretString::from(url),
                    from,
                })
            }
            (None, None) => None,
            _ => {
                errors.push("SMTP_URL and SMTP_FROM: set both, or neither".into());
                None
            }
        };
        let scheduler = match get("REMINDERS_SCHEDULER")
            .as_deref()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            None | Some("1" | "true" | "yes" | "on") => true,
            Some("0" | "false" | "no" | "off") => false,
            Some(_) => {
                errors.push("REMINDERS_SCHEDULER: must be true or false".into());
                true
            }
        };
        let ai = AiConfig {
            provider,
            connect_timeout,
            timeout,
            max_retries,
        };

        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Self {
            database_url: SecretString::from(database_url),
            site_addr,
            public_origin,
            secure_cookies,
            trust_proxy,
            max_body_bytes,
            db_max_connections,
            db_acquire_timeout,
            db_busy_timeout,
            db_max_size_mb,
            log_json,
            rate_limit_login_per_email,
            rate_limit_login_per_ip,
            rate_limit_signup_per_ip,
            rate_limit_calendar_per_ip,
            rate_limit_oauth_register_per_ip,
            oauth_max_clients,
            argon2_max_parallel,
            list_cache_mb,
            row_cache_mb,
            page_cache_mb,
            ai,
            quotas,
            smtp,
            events_per_user,
            scheduler,
        })
    }

    pub fn is_sqlite(&self) -> bool {
        self.database_url.expose_secret().starts_with("sqlite:")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limits_parse() {
        assert_eq!(
            RateLimit::parse("5/15m").unwrap(),
            Some(RateLimit {
                count: 5,
                window: Duration::from_secs(900)
            })
        );
        assert_eq!(RateLimit::parse("20/1m").unwrap().unwrap().count, 20);
        assert_eq!(RateLimit::parse("0").unwrap(), None);
        assert!(RateLimit::parse("five").is_err());
        assert!(RateLimit::parse("5/15x").is_err());
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let errors = Config::from_lookup(|key| match key {
            "DATABASE_URL" => Some("mysql://x".into()),
            "LEPTOS_SITE_ADDR" => Some("nope".into()),
            "RATE_LIMIT_LOGIN_PER_IP" => Some("many".into()),
            _ => None,
        })
        .unwrap_err();
        assert_eq!(errors.len(), 3, "{errors:?}");
    }

    #[test]
    fn defaults_need_nothing() {
        let config = Config::from_lookup(|_| None).unwrap();
        assert!(config.is_sqlite());
        assert_eq!(config.site_addr.to_string(), "127.0.0.1:3000");
        assert!(!config.secure_cookies);
    }
}
