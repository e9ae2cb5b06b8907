//! The HTTP surface: pages, server functions, the JSON API, health, and the layers around them.
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use http::{header, Method, StatusCode};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use super::auth::session_store::DbSessionStore;
use super::state::AppState;
use super::{auth, db, rest, security};
use crate::app::{shell, App};
use crate::domain::encode_query_value;
use crate::domain::user::safe_next_path;
use crate::error::AppError;

/// The app's routes, found once per process. Leptos finds them by rendering the app with a
/// process-wide switch on that makes every resource first polled meanwhile wait forever (its
/// `SuppressResourceLoad`; leptos-rs/leptos#4773): a second app built in the same process while
/// the first serves pages (the tests start many) would hang some of those pages for good.
fn routes() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn build(state: AppState) -> Router {
    let routes = routes();
    let context_state = state.clone();
    let pages_and_fns = Router::new()
        .leptos_routes_with_context(&state, routes, move || provide_context(context_state.clone()), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn(super::form_posts::answer));

    let secure = state.config.secure_cookies;
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.db.connection().clone()))
        .with_name(auth::session_cookie_name(secure))
        .with_secure(secure)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_expiry(Expiry::OnSessionEnd);

    Router::new()
        .route("/healthz", get(healthz))
        .route("/cal/{file}", get(super::calendar::serve_feed))
        // a task's own address (reminders link to it); signed out, the page guard sends it to
        // the sign-in page and back
        .route(super::open_task::PATH, get(super::open_task::open_task))
        .route(
            SETTINGS_IMPORT_PATH,
            axum::routing::post(super::data_form::settings_import).layer(axum::extract::DefaultBodyLimit::max(
                super::rest::data::IMPORT_MAX_BYTES,
            )),
        )
        .nest("/api/v1", rest::router())
        .merge(super::oauth::router(&state))
        .merge(super::mcp::router(&state))
        .merge(super::assets::router(&state.leptos_options))
        .merge(pages_and_fns)
        .layer(middleware::from_fn_with_state(state.clone(), guard_pages))
        // The session layer goes after the Leptos routes, or server functions cannot extract it.
        .layer(sessions)
        // the body limit, the cross-site refusal and the baseline headers, in one layer
        .layer(middleware::from_fn_with_state(state.clone(), security::front_door))
        // HTML and JSON above 1 KB go out compressed (brotli, else gzip) to clients that accept
        // it; the event streams never, nor what is already compressed (see `compression`)
        .layer(middleware::from_fn(super::compression::compress))
        // a panic in one request is that request's 500, logged, never a dropped connection
        .layer(CatchPanicLayer::custom(answer_panic))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .with_state(state)
}

/// The answer to a request whose handler panicked: the usual 500 body; the panic is logged.
fn answer_panic(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = %message, "a request handler panicked");
    AppError::Internal.into_response()
}

/// The span of one request; `user_id` is filled in once the request is authenticated.
fn request_span(request: &Request) -> tracing::Span {
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
        user_id = tracing::field::Empty,
    )
}

async fn healthz(State(state): State<AppState>) -> Response {
    if db::ping(state.db.connection()).await {
        (StatusCode::OK, "ok").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
    }
}

/// A page for when the app cannot answer at all (the database is unreachable): plain HTML that
/// needs nothing else from the server, with the same status the API would give.
pub(crate) fn error_page(state: &AppState, error: &AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
    let mut response = super::assets::plain_page(
        &state.leptos_options,
        status,
        "Taskpilot",
        &error.to_string(),
        ("", "Try again"),
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, http::HeaderValue::from_static("5"));
    response
}

/// Where `/settings` posts an import file (a multipart form that works without JavaScript).
pub const SETTINGS_IMPORT_PATH: &str = "/settings/import";

const SIGNED_IN_PAGES: [&str; 4] = ["/tasks", "/settings", "/chat", super::oauth::AUTHORIZE_PATH];
const SIGNED_OUT_PAGES: [&str; 2] = ["/login", "/signup"];

/// Server-side redirects before any page renders: a signed-out visit to a signed-in page gets a
/// 303 to `/login?next=…` (no flash of the page, with or without JavaScript), and a signed-in
/// visit to the sign-in pages goes to the dashboard.
async fn guard_pages(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    let path = request.uri().path();
    let protected = SIGNED_IN_PAGES
        .iter()
        .any(|p| path == *p || path.starts_with(&format!("{p}/")));
    let signed_out_page = SIGNED_OUT_PAGES.contains(&path);
    if !(protected || signed_out_page || path == "/") {
        return next.run(request).await;
    }
    let (mut parts, body) = request.into_parts();
    // an authorization request that must go back to its client does, signed in or not
    match super::oauth::authorize::early(&state, &parts).await {
        super::oauth::authorize::Early::SendBack(back) => return back,
        super::oauth::authorize::Early::FormGoesTo(origin) => {
            // for the page's CSP (`app::shell`)
            parts
                .extensions
                .insert(super::oauth::authorize::ConsentFormTarget(origin));
        }
        super::oauth::authorize::Early::Nothing => {}
    }
    let signed_in = match auth::current_user(&state, &parts).await {
        Ok(user) => {
            // the page, its header and its server calls read the user from here: one look-up
            parts.extensions.insert(user);
            true
        }
        Err(e @ (AppError::Unavailable | AppError::StorageFull)) => return error_page(&state, &e),
        Err(_) => false,
    };
    let path_and_query = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    match (signed_in, protected, signed_out_page) {
        (false, true, _) => {
            Redirect::to(&format!("/login?next={}", encode_query_value(&path_and_query))).into_response()
        }
        (true, _, true) => {
            let next_param = parts.uri.query().and_then(|q| query_param(q, "next"));
            Redirect::to(&safe_next_path(next_param.as_deref())).into_response()
        }
        (true, false, false) => Redirect::to("/tasks").into_response(),
        (false, false, false) => Redirect::to("/login").into_response(),
        // a signed-in user's dashboard, perhaps as kept (not a layer of its own: a layer costs
        // every request a few microseconds)
        (true, true, _) if parts.method == Method::GET && parts.uri.path() == super::page_cache::KEPT_PATH => {
            super::page_cache::answer(&state, Request::from_parts(parts, body), next).await
        }
        _ => next.run(Request::from_parts(parts, body)).await,
    }
}

/// The decoded value of one parameter of a query string.
fn query_param(query: &str, name: &str) -> Option<String> {
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

#[cfg(test)]
mod tests {
    use tower::ServiceExt;

    #[tokio::test]
    async fn a_panicking_handler_is_a_500_with_the_usual_body() {
        async fn boom() -> &'static str {
            panic!("boom")
        }
        let app = axum::Router::new()
            .route("/", axum::routing::get(boom))
            .layer(super::CatchPanicLayer::custom(super::answer_panic));
        let res = app
            .oneshot(axum::http::Request::get("/").body(axum::body::Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(res.status(), 500);
        let body = axum::body::to_bytes(res.into_body(), 1024).await.unwrap();
        let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(json["error"]["code"], "internal");
    }

    #[test]
    fn query_parameters_decode_and_never_panic() {
        assert_eq!(
            super::query_param("a=1&next=%2Ftasks%3Fq%3Da+b", "next").as_deref(),
            Some("/tasks?q=a b")
        );
        assert_eq!(super::query_param("next=%zz%", "next").as_deref(), Some("%zz%"));
        assert_eq!(super::query_param("next=%C3", "next").as_deref(), Some("\u{fffd}"));
        assert_eq!(super::query_param("other=1", "next"), None);
    }
}
