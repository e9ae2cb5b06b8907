//! The authorization endpoint: `/oauth/authorize` is a page (the consent screen, a Leptos route
//! that works without JavaScript) whose form posts the user's decision to `/oauth/consent`.
//! Both check the whole request here. A request that names an unknown client or a redirect URI
//! the client did not register is shown as an error and never redirected (RFC 6749 §4.1.2.1);
//! every other problem goes back to the client as `?error=…`.
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use http::{HeaderMap, StatusCode};

use super::{issuer, pkce, AUTHORIZE_PATH, CODE_SECS, SCOPE};
use crate::domain::encode_query_value;
use crate::domain::oauth::{AuthorizeParams, ConsentDetails};
use crate::error::AppError;
use crate::server::auth::{tokens, CurrentUser};
use crate::server::now_millis;
use crate::server::repo::oauth::{self as store, IssuedCode, OauthClient};
use crate::server::repo::UserScope;
use crate::server::state::AppState;

/// A request that may be answered: to this client, at this redirect URI.
pub struct Checked {
    pub client: OauthClient,
    pub redirect_uri: String,
    pub code_challenge: String,
    pub scope: String,
    pub state: Option<String>,
}

/// Why a request cannot be granted.
pub enum Problem {
    /// Shown to the user: the client cannot be trusted with a redirect.
    Show(String),
    /// The address that tells the client (`?error=…&state=…&iss=…`).
    Redirect(String),
}

/// The client's redirect URI with `pairs` added to its query.
fn back_to_client(redirect_uri: &str, pairs: &[(&str, &str)]) -> String {
    match url::Url::parse(redirect_uri) {
        Ok(mut url) => {
            url.query_pairs_mut().extend_pairs(pairs);
            url.to_string()
        }
        Err(_) => redirect_uri.to_owned(),
    }
}

fn error_redirect(redirect_uri: &str, state: Option<&str>, issuer: &str, error: &str, description: &str) -> Problem {
    let mut pairs = vec![("error", error), ("error_description", description)];
    if let Some(state) = state {
        pairs.push(("state", state));
    }
    pairs.push(("iss", issuer));
    Problem::Redirect(back_to_client(redirect_uri, &pairs))
}

/// Checks an authorization request.
pub async fn check(state: &AppState, issuer: &str, params: &AuthorizeParams) -> Result<Checked, Problem> {
    let unknown = || {
        Problem::Show(
            "This app is not registered with Taskpilot (or its registration is gone). Start connecting again from the app."
                .into(),
        )
    };
    let client_id = params.client_id.as_deref().ok_or_else(unknown)?;
    let client = store::find_client(&state.db, client_id)
        .await
        .map_err(|e| Problem::Show(e.to_string()))?
        .ok_or_else(unknown)?;
    let redirect_uri = match (params.redirect_uri.as_deref(), client.redirect_uris.as_slice()) {
        (Some(uri), registered) if registered.iter().any(|r| r == uri) => uri.to_owned(),
        (None, [only]) => only.clone(),
        _ => {
            return Err(Problem::Show(
                "This app asked to return to an address it did not register, so Taskpilot will not send you there."
                    .into(),
            ))
        }
    };
    let state_param = params.state.as_deref();
    let fail = |error: &str, description: &str| error_redirect(&redirect_uri, state_param, issuer, error, description);
    if params.response_type.as_deref() != Some("code") {
        return Err(fail(
            "unsupported_response_type",
            "Only response_type=code is supported.",
        ));
    }
    if params.code_challenge_method.as_deref() != Some("S256") {
        return Err(fail(
            "invalid_request",
            "PKCE is required, with code_challenge_method=S256.",
        ));
    }
    let challenge = params.code_challenge.as_deref().unwrap_or_default();
    if !pkce::valid_challenge(challenge) {
        return Err(fail(
            "invalid_request",
            "code_challenge must be the base64url SHA-256 of the verifier.",
        ));
    }
    if state_param.is_some_and(|s| s.len() > 1024) {
        return Err(fail("invalid_request", "state is too long."));
    }
    if let Some(scope) = params.scope.as_deref() {
        if scope.split_whitespace().any(|s| s != SCOPE) {
            return Err(fail("invalid_scope", "The only scope is \"tasks\"."));
        }
    }
    if let Some(resource) = params.resource.as_deref() {
        if resource.trim_end_matches('/') != super::resource(issuer) {
            return Err(fail(
                "invalid_target",
                "This server's only resource is its /mcp endpoint.",
            ));
        }
    }
    Ok(Checked {
        client,
        redirect_uri,
        code_challenge: challenge.to_owned(),
        scope: SCOPE.to_owned(),
        state: params.state.clone(),
    })
}

/// What the consent page shows for a checked request.
pub fn details(checked: &Checked, params: &AuthorizeParams, user: &CurrentUser) -> ConsentDetails {
    let redirect_host = url::Url::parse(&checked.redirect_uri)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_default();
    ConsentDetails {
        client_name: checked.client.name.clone(),
        redirect_host,
        abilities: vec![
            "See your tasks and projects".into(),
            "Add, change, complete and delete your tasks".into(),
            "Create projects".into(),
        ],
        params: AuthorizeParams {
            redirect_uri: Some(checked.redirect_uri.clone()),
            ..params.clone()
        },
        email: user.user.email.clone(),
    }
}

/// What the consent page needs before it renders.
pub enum Early {
    /// Not a consent page, or one showing an error: nothing to do.
    Nothing,
    /// A request that must go back to its client with an error goes now (a 303), signed in or not.
    SendBack(Response),
    /// A sound request: its form may send the browser on to this origin (the client's redirect
    /// URI, where Allow and Deny end up).
    FormGoesTo(String),
}

/// Before the consent page renders: sends back what must go back, and names where its form leads.
pub async fn early(state: &AppState, request: &http::request::Parts) -> Early {
    if request.method != http::Method::GET || request.uri.path() != AUTHORIZE_PATH {
        return Early::Nothing;
    }
    let params: AuthorizeParams = request
        .uri
        .query()
        .and_then(|q| serde_urlencoded::from_str(q).ok())
        .unwrap_or_default();
    let Ok(issuer) = issuer(state, &request.headers) else {
        return Early::Nothing;
    };
    match check(state, &issuer, &params).await {
        Err(Problem::Redirect(to)) => Early::SendBack(Redirect::to(&to).into_response()),
        Err(Problem::Show(_)) => Early::Nothing,
        Ok(checked) => match url::Url::parse(&checked.redirect_uri) {
            Ok(url) if url.origin().is_tuple() => Early::FormGoesTo(url.origin().ascii_serialization()),
            _ => Early::Nothing,
        },
    }
}

/// Where a sound consent request's form leads on to (its client's redirect origin), as the
/// request carries it to the page's CSP.
#[derive(Debug, Clone)]
pub struct ConsentFormTarget(pub String);

/// The consent form as posted: the request, and the button pressed.
#[derive(Debug, serde::Deserialize)]
pub struct ConsentForm {
    #[serde(flatten)]
    params: AuthorizeParams,
    decision: Option<String>,
}

fn problem_page(state: &AppState, message: &str) -> Response {
    crate::server::assets::plain_page(
        &state.leptos_options,
        StatusCode::BAD_REQUEST,
        "Connecting an app",
        message,
        ("/tasks", "Back to your tasks"),
    )
}

/// `POST /oauth/consent`: the signed-in user's decision. Allowing makes a single-use code that
/// expires in a minute and sends the browser back to the client with it.
pub async fn consent(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: Result<CurrentUser, AppError>,
    Form(form): Form<ConsentForm>,
) -> Response {
    let Ok(user) = user else {
        let query: String = form
            .params
            .pairs()
            .iter()
            .map(|(k, v)| format!("{k}={}", encode_query_value(v)))
            .collect::<Vec<_>>()
            .join("&");
        let next = format!("{AUTHORIZE_PATH}?{query}");
        return Redirect::to(&format!("/login?next={}", encode_query_value(&next))).into_response();
    };
    let issuer = match issuer(&state, &headers) {
        Ok(issuer) => issuer,
        Err(e) => return problem_page(&state, &e.to_string()),
    };
    let checked = match check(&state, &issuer, &form.params).await {
        Ok(checked) => checked,
        Err(Problem::Show(message)) => return problem_page(&state, &message),
        Err(Problem::Redirect(to)) => return Redirect::to(&to).into_response(),
    };
    let state_param = checked.state.as_deref();
    if form.decision.as_deref() != Some("allow") {
        tracing::info!(client_id = %checked.client.id, "the user denied an app");
        let Problem::Redirect(to) = error_redirect(
            &checked.redirect_uri,
            state_param,
            &issuer,
            "access_denied",
            "The user did not allow access.",
        ) else {
            return problem_page(&state, "The request was refused.");
        };
        return Redirect::to(&to).into_response();
    }
    let code = match tokens::random_part(32) {
        Ok(random) => format!("tpc_{random}"),
        Err(e) => return problem_page(&state, &e.to_string()),
    };
    let issued = IssuedCode {
        client_id: checked.client.id.clone(),
        redirect_uri: checked.redirect_uri.clone(),
        code_challenge: checked.code_challenge.clone(),
        scope: checked.scope.clone(),
    };
    let expires_at = now_millis() + CODE_SECS * 1000;
    if let Err(e) = UserScope::new(&state.db, &user)
        .create_oauth_code(tokens::hash_token(&code), issued, expires_at)
        .await
    {
        return problem_page(&state, &e.to_string());
    }
    tracing::info!(client_id = %checked.client.id, "the user allowed an app");
    let mut pairs = vec![("code", code.as_str())];
    if let Some(s) = state_param {
        pairs.push(("state", s));
    }
    pairs.push(("iss", issuer.as_str()));
    Redirect::to(&back_to_client(&checked.redirect_uri, &pairs)).into_response()
}
