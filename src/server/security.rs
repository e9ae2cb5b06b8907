//! Request-level protections: refusing cross-site unsafe requests (Leptos server functions have
//! no CSRF protection of their own), the body limit, and baseline security headers.
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

/// Refuses POST/PUT/PATCH/DELETE from another origin: `Sec-Fetch-Site` of `cross-site` or
/// `same-site`, or an `Origin` that is not ours. A request with neither header passes only
/// without a session cookie (a script with a bearer token, which a browser never sends by itself).
pub async fn refuse_cross_site(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let cookie_name = super::auth::session_cookie_name(state.config.secure_cookies);
    // the OAuth endpoints clients call read no cookie: a browser-based client may call them
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    ) || super::oauth::is_cookieless_endpoint(request.uri().path())
    {
        return next.run(request).await;
    }
    let headers = request.headers();
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if matches!(fetch_site, Some("cross-site" | "same-site")) {
        return forbidden();
    }
    match headers.get(header::ORIGIN) {
        Some(origin) => {
            let expected = our_origin(&state.config, headers);
            if expected.is_none_or(|expected| origin.as_bytes() != expected.as_bytes()) {
                return forbidden();
            }
        }
        None if fetch_site.is_none() && has_session_cookie(&request, cookie_name) => return forbidden(),
        None => {}
    }
    next.run(request).await
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
    request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|cookies| {
            cookies
                .split(';')
                .any(|c| c.trim_start().split('=').next() == Some(name))
        })
}

/// The body limit of a route: `MAX_BODY_BYTES`, and 10 MB for the two import routes.
pub fn body_limit(state: &AppState, path: &str) -> usize {
    if path == super::rest::data::IMPORT_PATH || path == super::router::SETTINGS_IMPORT_PATH {
        super::rest::data::IMPORT_MAX_BYTES.max(state.config.max_body_bytes)
    } else {
        state.config.max_body_bytes
    }
}

/// Answers 413 as soon as a declared body exceeds the route's limit, and holds a body that
/// lies about or omits its length to the limit as it is read.
pub async fn limit_body(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let limit = body_limit(&state, request.uri().path());
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|len| len > limit) {
        return AppError::PayloadTooLarge.into_response();
    }
    let request = request.map(|body| Body::new(http_body_util::Limited::new(body, limit)));
    next.run(request).await
}

/// Whether a path is a static file that may be cached (everything else is per user or live).
fn is_static(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/favicon.svg"
}

/// Baseline headers on every response. HTML pages set their own CSP with a per-response nonce
/// (see `app::shell`); everything else gets the strictest one. Nothing but static files may be
/// stored by a browser or a proxy (`Cache-Control: no-store`): pages and API answers are a
/// user's own. With secure cookies the site is HTTPS-only, and says so (HSTS).
pub async fn security_headers(State(state): State<AppState>, request: Request<Body>, next: Next) -> Response {
    let cacheable = is_static(request.uri().path());
    let mut response = next.run(request).await;
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
    response
}

/// The CSP of an HTML page, allowing exactly the inline scripts that carry `nonce`.
pub fn page_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}
