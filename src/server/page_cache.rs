//! `/tasks` pages kept as rendered, per user and address, and sent again with a fresh nonce.
//!
//! Rendering the dashboard costs milliseconds of Leptos (the sidebar, the rows, the resources
//! serialized again for hydration); sending a kept one costs a copy. A page is the same page as
//! long as everything it was rendered from is, and each of those is in its stamp or checked:
//!
//! - the user's tasks, projects and notifications: `tasks_version`, which the database bumps by
//!   trigger in the same transaction as any change to them, from any instance;
//! - the user's own fields (email, name, time zone, reminder choices), read on every request:
//!   written out in full in the stamp;
//! - the address, query included (the view, the filters, the row being edited): the key;
//! - the clock: the dashboard reports the instant its page would read differently with no
//!   change to the data (the next local midnight, the next due time among the tasks shown — a
//!   task turns overdue then), and the page is not sent after it; a list that depends on the
//!   minute (the overdue filter) is never kept;
//! - the one-shot notices carried by a cookie (`taskpilot_…`, such as the recurring task just
//!   completed): a request carrying one is rendered, and a page that sets a cookie is not kept.
//!
//! A page that met an error while rendering (a server function failed) is not kept either. The
//! version is read before the page is rendered, so a kept page is never older than its stamp
//! (see `list_cache`). The page's inline scripts carry a per-response CSP nonce: the kept page
//! is stored in the pieces between its nonces and joined again around a new one each time.
//!
//! Bounded by `PAGE_CACHE_MB` (counted honestly: keys, stamps, pages, bookkeeping) and by
//! [`PAGES_PER_USER`]; `0` turns it off.
use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{header, HeaderMap, HeaderValue, StatusCode};

use super::auth::CurrentUser;
use super::list_cache::{Owned, UserCache};
use super::state::AppState;
use crate::error::AppError;

/// The one page kept: the dashboard, where people spend their time.
pub const KEPT_PATH: &str = "/tasks";

/// At most this many addresses (views, filters) are kept for one user.
pub const PAGES_PER_USER: usize = 8;

/// Cookies whose name starts with this carry one-shot notices into a page.
const NOTICE_COOKIE_PREFIX: &str = "taskpilot_";

/// Kept pages: per address (path and query), stamped with the version of the user's data and
/// their own fields.
pub type PageCache = UserCache<String, (i64, String), Arc<Page>>;

impl PageCache {
    pub fn new(budget_mb: u64) -> Self {
        Self::with_budget(budget_mb, PAGES_PER_USER)
    }
}

/// A rendered page: its headers (but the CSP, which names the nonce) and its body in the pieces
/// around the places its nonce stood.
pub struct Page {
    /// Not sent at or after this instant (milliseconds since the epoch).
    until: i64,
    headers: HeaderMap,
    pieces: Vec<Bytes>,
}

impl Owned for Arc<Page> {
    fn owned_bytes(&self) -> usize {
        let headers: usize = self.headers.iter().map(|(k, v)| k.as_str().len() + v.len() + 64).sum();
        std::mem::size_of::<Page>()
            + headers
            + self
                .pieces
                .iter()
                .map(|p| p.len() + std::mem::size_of::<Bytes>())
                .sum::<usize>()
    }
}

impl Page {
    /// The page again, around a new nonce, with the CSP that allows exactly it.
    fn answer(&self) -> Response {
        let nonce = leptos::nonce::Nonce::new();
        let mut body =
            Vec::with_capacity(self.pieces.iter().map(Bytes::len).sum::<usize>() + nonce.len() * self.pieces.len());
        for (i, piece) in self.pieces.iter().enumerate() {
            if i > 0 {
                body.extend_from_slice(nonce.as_bytes());
            }
            body.extend_from_slice(piece);
        }
        let mut response = Response::new(Body::from(body));
        *response.headers_mut() = self.headers.clone();
        if let Ok(csp) = HeaderValue::from_str(&super::security::page_csp(&nonce, None)) {
            response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, csp);
        }
        response
    }
}

/// What rendering one page found out about how long it stays as it is. [`answer`] puts one
/// in the request; the server functions the page calls report to it (`api::context`).
#[derive(Clone, Default)]
pub struct PageWatch(Arc<Mutex<Watched>>);

#[derive(Default)]
struct Watched {
    changes_at: Option<i64>,
    unkeepable: bool,
}

impl PageWatch {
    /// The page reads differently from this instant on, with no change to the data.
    pub fn changes_at(&self, at_ms: i64) {
        if let Ok(mut w) = self.0.lock() {
            w.changes_at = Some(w.changes_at.map_or(at_ms, |t| t.min(at_ms)));
        }
    }

    /// The page must not be kept (an error was rendered, or it depends on the minute).
    pub fn not_kept(&self) {
        if let Ok(mut w) = self.0.lock() {
            w.unkeepable = true;
        }
    }

    /// Until when the page may be sent again: only when the dashboard reported it and nothing
    /// forbade keeping it.
    fn until(&self) -> Option<i64> {
        let w = self.0.lock().ok()?;
        if w.unkeepable {
            None
        } else {
            w.changes_at
        }
    }
}

/// Everything about the user a page is rendered from, besides their data's version.
fn user_stamp(user: &CurrentUser) -> String {
    serde_json::to_string(&(&user.user, &user.time_zone, &user.settings)).unwrap_or_default()
}

/// Whether the request carries a one-shot notice for the page.
fn carries_notice(headers: &HeaderMap) -> bool {
    super::security::cookies(headers).any(|pair| pair.starts_with(NOTICE_COOKIE_PREFIX))
}

/// The nonce a page's CSP allows.
fn nonce_of(headers: &HeaderMap) -> Option<String> {
    let csp = headers.get(header::CONTENT_SECURITY_POLICY)?.to_str().ok()?;
    let start = csp.find("'nonce-")? + "'nonce-".len();
    let len = csp[start..].find('\'')?;
    Some(csp[start..start + len].to_owned()).filter(|n| !n.is_empty())
}

/// The body in the pieces around each place the nonce stands.
fn split_at_nonce(body: &Bytes, nonce: &str) -> Option<Vec<Bytes>> {
    let text = std::str::from_utf8(body).ok()?;
    let mut pieces = Vec::new();
    let mut from = 0;
    for (at, _) in text.match_indices(nonce) {
        pieces.push(body.slice(from..at));
        from = at + nonce.len();
    }
    pieces.push(body.slice(from..));
    Some(pieces)
}

/// Answers a signed-in `GET /tasks` (`router::guard_pages` authenticated it and sends it here):
/// with the kept page while it is still the page, else rendered, and then kept.
pub async fn answer(state: &AppState, mut request: Request, next: Next) -> Response {
    let cache = &state.page_cache;
    if !cache.enabled() {
        return next.run(request).await;
    }
    let Some(user) = request.extensions().get::<CurrentUser>().cloned() else {
        return next.run(request).await;
    };
    if carries_notice(request.headers()) {
        return next.run(request).await;
    }
    let key = request
        .uri()
        .path_and_query()
        .map_or(KEPT_PATH, |p| p.as_str())
        .to_owned();
    let stamp = (user.tasks_version, user_stamp(&user));
    let now = chrono::Utc::now().timestamp_millis();
    if let Some(page) = cache.get(user.id(), &stamp, &key).filter(|page| page.until > now) {
        return page.answer();
    }
    let watch = PageWatch::default();
    request.extensions_mut().insert(watch.clone());
    let response = next.run(request).await;
    if response.status() != StatusCode::OK || response.headers().contains_key(header::SET_COOKIE) {
        return response;
    }
    let (parts, body) = response.into_parts();
    // the page is rendered whole before it is sent (every route renders asynchronously)
    let body = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(body) => body,
        Err(e) => {
            tracing::error!(error = %e, "the page could not be rendered");
            return AppError::Internal.into_response();
        }
    };
    let until = watch.until().filter(|until| *until > now);
    let nonce = nonce_of(&parts.headers);
    if let (Some(until), Some(nonce)) = (until, nonce) {
        if let Some(pieces) = split_at_nonce(&body, &nonce) {
            let mut headers = parts.headers.clone();
            headers.remove(header::CONTENT_SECURITY_POLICY);
            let page = Page { until, headers, pieces };
            cache.put(user.id(), stamp, key, Arc::new(page));
        }
    }
    Response::from_parts(parts, Body::from(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_split_at_its_nonce_and_joined_around_a_new_one() {
        let body = Bytes::from_static(b"<script nonce=\"abc123\">x</script><p>abc12</p><link crossorigin=\"abc123\">");
        let pieces = split_at_nonce(&body, "abc123").expect("an HTML page");
        assert_eq!(pieces.len(), 3);
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        let page = Page {
            until: i64::MAX,
            headers,
            pieces,
        };
        let first = page.answer();
        let second = page.answer();
        let nonce = nonce_of(first.headers()).expect("a CSP with a nonce");
        assert_ne!(
            Some(nonce.clone()),
            nonce_of(second.headers()),
            "a new nonce every time"
        );
        assert_eq!(first.headers()[header::CONTENT_TYPE], "text/html; charset=utf-8");
        let body = futures::executor::block_on(axum::body::to_bytes(first.into_body(), usize::MAX)).expect("the body");
        assert_eq!(
            std::str::from_utf8(&body).expect("UTF-8"),
            format!("<script nonce=\"{nonce}\">x</script><p>abc12</p><link crossorigin=\"{nonce}\">")
        );
    }

    #[test]
    fn the_nonce_is_read_from_the_csp() {
        let mut headers = HeaderMap::new();
        assert_eq!(nonce_of(&headers), None);
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(&super::super::security::page_csp("Zm9v+/==", None)).expect("a header value"),
        );
        assert_eq!(nonce_of(&headers).as_deref(), Some("Zm9v+/=="));
    }

    #[test]
    fn only_our_notice_cookies_count() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("taskpilot=abc; other=1"));
        assert!(!carries_notice(&headers));
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("taskpilot=abc; taskpilot_recurred=t1"),
        );
        assert!(carries_notice(&headers));
    }

    #[test]
    fn a_watch_keeps_the_earliest_change_and_any_refusal() {
        let watch = PageWatch::default();
        assert_eq!(watch.until(), None, "nothing reported: not kept");
        watch.changes_at(50);
        watch.changes_at(20);
        watch.changes_at(90);
        assert_eq!(watch.until(), Some(20));
        watch.not_kept();
        assert_eq!(watch.until(), None);
    }
}
