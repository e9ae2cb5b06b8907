//! The state every handler and server function shares; cheap to clone.
use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use super::auth::password::PasswordWorkers;
use super::config::Config;
use super::list_cache::ListCache;
use super::repo::Db;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub leptos_options: LeptosOptions,
    /// The threads that run Argon2, at a lower priority than request handling.
    pub hashing: PasswordWorkers,
    /// Rendered task-list pages of the JSON API, valid while the user's data version is unchanged.
    pub list_cache: Arc<ListCache>,
    /// The dashboard's task rows as rendered, keyed by what they were rendered from.
    pub row_cache: Arc<super::row_cache::RowCache>,
    /// Whole `/tasks` pages as rendered, while everything they were rendered from is unchanged.
    pub page_cache: Arc<super::page_cache::PageCache>,
    /// The HTTP client of the model providers, built once so connections are reused.
    pub ai_http: reqwest::Client,
    /// Writes per minute and assistant turns in flight, per user.
    pub quotas: Arc<super::quotas::Quotas>,
    /// The event streams open on this instance, per user.
    pub streams: Arc<super::events::Streams>,
    /// Turns true when the server shuts down: long-lived streams end then, so the graceful
    /// shutdown does not wait for them.
    pub stopping: tokio::sync::watch::Receiver<bool>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
