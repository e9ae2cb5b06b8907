//! Request-level protections: refusing cross-site unsafe requests (Leptos server functions have
//! no CSRF protection of their own), the body limit, and baseline security headers — one layer,
//! [`front_door`], for all three: every axum layer costs every request a few microseconds
//! (`benches/RESULTS.md`).
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{header, HeaderValue, Method};

use super::state::AppState;
use crate::error::AppError;

fn forbidden() -> Response {
    let body = super::rest::ErrorBody::new("forbidden", "Cross-site requests are not allowed.", None);
    (http::StatusCode::FORBIDDEN, super::rest::ApiJson(body)).into_response()
}

/// Every request: held to its route's body limit (413), refused when it is an unsafe request
/// from another site (403), and every answer given the baseline headers.
pub async fn front_door(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let cacheable = is_static(request.uri().path());
    let mut response = match limit_body(&state, request) {
        None => AppError::PayloadTooLarge.into_response(),
        Some(request) if is_cross_site(&state, &request) => forbidden(),
        Some(request) => next.run(request).await,
    };
    baseline_headers(&state, cacheable, &mut response);
    response
}

/// Whether to refuse a POST/PUT/PATCH/DELETE from another origin: `Sec-Fetch-Site` of
/// `cross-site` or `same-site`, or an `Origin` that is not ours. A request with neither header
/// passes only without a session cookie (a script with a bearer token, which a browser never
/// sends by itself).
fn is_cross_site(state: &AppState, request: &Request) -> bool {
    let cookie_name = super::auth::session_cookie_name(state.config.secure_cookies);
    // the OAuth endpoints clients call read no cookie: a browser-based client may call them
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    ) || super::oauth::is_cookieless_endpoint(request.uri().path())
    {
        return false;
    }
    let headers = request.headers();
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if matches!(fetch_site, Some("cross-site" | "same-site")) {
        return true;
    }
    match headers.get(header::ORIGIN) {
        Some(origin) => {
            our_origin(&state.config, headers).is_none_or(|expected| origin.as_bytes() != expected.as_bytes())
        }
        None => fetch_site.is_none() && has_session_cookie(request, cookie_name),
    }
}

/// This app's origin: `PUBLIC_ORIGIN` when set, else the scheme and `Host` of the request.
pub fn our_origin(config: &super::config::Config, headers: &http::HeaderMap) -> Option<String> {
    match &config.public_origin {
        Some(public) => Some(public.clone()),
        None => headers.get(header::HOST).and_then(|h| h.to_str().ok()).map(|host| {
            let scheme = if config.secure_cookies { "https" } else { "http" };
            format!("{scheme}://{host}")
        }),
    }
}

fn has_session_cookie(request: &Request, name: &str) -> bool {
    cookies(request.headers()).any(|c| c.split('=').next() == Some(name))
}

/// Each cookie a request carries, as its `name=value`, trimmed.
pub fn cookies(headers: &http::HeaderMap) -> impl Iterator<Item = &str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .map(str::trim)
}

/// The body limit of a route: `MAX_BODY_BYTES`, and 10 MB for the two import routes.
pub fn body_limit(state: &AppState, path: &str) -> usize {
    if path == super::rest::data::IMPORT_PATH || path == super::router::SETTINGS_IMPORT_PATH {
        super::rest::data::IMPORT_MAX_BYTES.max(state.config.max_body_bytes)
    } else {
        state.config.max_body_bytes
    }
}

/// `None` (a 413) as soon as a declared body exceeds the route's limit; else the request, its
/// body held to the limit as it is read (one that lies about or omits its length).
fn limit_body(state: &AppState, request: Request) -> Option<Request> {
    let limit = body_limit(state, request.uri().path());
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|len| len > limit) {
        return None;
    }
    Some(request.map(|body| Body::new(http_body_util::Limited::new(body, limit))))
}

/// Whether a path is a static file that may be cached (everything else is per user or live).
fn is_static(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/favicon.svg"
}

/// Baseline headers on every response. HTML pages set their own CSP with a per-response nonce
/// (see `app::shell`); everything else gets the strictest one. Nothing but static files may be
/// stored by a browser or a proxy (`Cache-Control: no-store`): pages and API answers are a
/// user's own. With secure cookies the site is HTTPS-only, and says so (HSTS).
fn baseline_headers(state: &AppState, cacheable: bool, response: &mut Response) {
    let headers = response.headers_mut();
    let set = |headers: &mut http::HeaderMap, name: &'static str, value: &'static str| {
        headers.entry(name).or_insert(HeaderValue::from_static(value));
    };
    set(
        headers,
        "content-security-policy",
        "default-src 'none'; frame-ancestors 'none'",
    );
    set(headers, "x-content-type-options", "nosniff");
    set(headers, "x-frame-options", "DENY");
    // `same-origin` keeps the Referer that Leptos needs to send a form post back to its page.
    set(headers, "referrer-policy", "same-origin");
    set(headers, "cross-origin-opener-policy", "same-origin");
    set(
        headers,
        "permissions-policy",
        "camera=(), microphone=(), geolocation=()",
    );
    if !cacheable {
        set(headers, "cache-control", "no-store");
    }
    if state.config.secure_cookies {
        set(
            headers,
            "strict-transport-security",
            "max-age=31536000; includeSubDomains",
        );
    }
}

/// The CSP of an HTML page, allowing exactly the inline scripts that carry `nonce`, and its forms
/// to lead to this site and to `form_also_to` (the OAuth consent page's client: browsers hold the
/// redirect that follows a form's POST to `form-action` too).
pub fn page_csp(nonce: &str, form_also_to: Option<&str>) -> String {
    let also = form_also_to.map(|origin| format!(" {origin}")).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'{also}; frame-ancestors 'none'"
    )
}
