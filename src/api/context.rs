//! What server functions need from the request: the app state, the client, the current user,
//! and an HTTP status that matches the error.
use std::future::Future;

use http::request::Parts;
use leptos::prelude::use_context;
use tower_sessions::Session;

use crate::error::AppError;
use crate::server::auth::client::ClientInfo;
use crate::server::auth::{self, CurrentUser};
use crate::server::page_cache::PageWatch;
use crate::server::state::AppState;

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or(AppError::Internal)
}

fn parts() -> Result<Parts, AppError> {
    use_context::<Parts>().ok_or(AppError::Internal)
}

pub fn session() -> Result<Session, AppError> {
    parts()?.extensions.get::<Session>().cloned().ok_or(AppError::Internal)
}

pub fn client() -> Result<ClientInfo, AppError> {
    let state = state()?;
    Ok(ClientInfo::from_parts(&parts()?, state.config.trust_proxy))
}

/// This app's origin as the browser sees it (for addresses shown to the user).
pub fn origin() -> Result<String, AppError> {
    let state = state()?;
    crate::server::security::our_origin(&state.config, &parts()?.headers).ok_or(AppError::Internal)
}

/// The signed-in user, or `Unauthorized`.
pub async fn user() -> Result<(AppState, CurrentUser), AppError> {
    let state = state()?;
    let user = auth::current_user(&state, &parts()?).await?;
    Ok((state, user))
}

/// Whether this call is a plain form post from a page without JavaScript (it accepts HTML).
pub fn is_form_post() -> bool {
    parts()
        .ok()
        .and_then(|p| p.headers.get(http::header::ACCEPT).cloned())
        .is_some_and(|accept| accept.to_str().is_ok_and(|a| a.contains("text/html")))
}

/// Runs a server function's body and answers an error with its own HTTP status, not a 500.
/// A plain form post (no JavaScript) keeps Leptos' redirect back to the form instead.
pub async fn respond<T>(body: impl Future<Output = Result<T, AppError>>) -> Result<T, AppError> {
    let result = body.await;
    if result.is_err() {
        page_not_kept();
    }
    if let (Err(err), false) = (&result, is_form_post()) {
        if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
            options.set_status(
                http::StatusCode::from_u16(err.status()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
            );
        }
    }
    result
}

/// The page being rendered, if it may be kept (`server::page_cache`), reads differently from
/// this instant on (milliseconds since the epoch) with no change to the data.
pub fn page_changes_at(at_ms: i64) {
    if let Some(watch) = page_watch() {
        watch.changes_at(at_ms);
    }
}

/// The page being rendered must not be kept: it shows an error, or depends on the minute.
pub fn page_not_kept() {
    if let Some(watch) = page_watch() {
        watch.not_kept();
    }
}

/// The page's watch, read in place (not through a copy of the request's parts and headers:
/// the dashboard asks on every load).
fn page_watch() -> Option<PageWatch> {
    leptos::prelude::with_context::<Parts, _>(|parts| parts.extensions.get::<PageWatch>().cloned()).flatten()
}

/// Sends the browser on to `path` after a successful form post.
pub fn redirect(path: &str) {
    leptos_axum::redirect(path);
}

/// The value of a cookie the request carries.
pub fn cookie(name: &str) -> Option<String> {
    let parts = parts().ok()?;
    let value = crate::server::security::cookies(&parts.headers)
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned());
    value
}

/// Adds a `Set-Cookie` header to the response.
pub fn set_cookie(value: &str) {
    if let (Some(options), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(value),
    ) {
        options.append_header(http::header::SET_COOKIE, value);
    }
}
