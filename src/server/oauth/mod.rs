//! The OAuth 2.1 authorization server that lets MCP clients sign in without a pasted token:
//! the metadata documents (RFC 9728, RFC 8414), dynamic client registration (RFC 7591), the
//! consent flow (`authorize`), the token endpoint (authorization code with PKCE S256; rotating
//! refresh tokens) and revocation (RFC 7009). Clients are public (no secret): PKCE binds a code
//! to the client that asked for it. Access tokens are opaque, stored hashed, live an hour and are
//! good at `/mcp` only.
pub mod authorize;
mod pkce;

use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::auth::client::ClientInfo;
use super::auth::{rate_limit, tokens};
use super::now_millis;
use super::repo::oauth::{self as store, NewTokens, Redeemed};
use super::security::our_origin;
use super::state::AppState;
use crate::error::AppError;

/// The only scope: the user's tasks and projects, as the assistant's tools reach them.
pub const SCOPE: &str = "tasks";
pub const ACCESS_TOKEN_SECS: i64 = 3600;
pub const REFRESH_TOKEN_SECS: i64 = 30 * 86_400;
pub const CODE_SECS: i64 = 60;
/// Paths of the endpoints (the metadata documents name them).
pub const AUTHORIZE_PATH: &str = "/oauth/authorize";
pub const CONSENT_PATH: &str = "/oauth/consent";
pub const TOKEN_PATH: &str = "/oauth/token";
pub const REGISTER_PATH: &str = "/oauth/register";
pub const REVOKE_PATH: &str = "/oauth/revoke";
pub const RESOURCE_METADATA_PATH: &str = "/.well-known/oauth-protected-resource";

/// The endpoints clients call without a session: no cookie is read there, so a browser-based
/// client on another origin may call them (CORS), and the cross-site check does not apply.
pub fn is_cookieless_endpoint(path: &str) -> bool {
    matches!(path, TOKEN_PATH | REGISTER_PATH | REVOKE_PATH)
}

pub fn router(state: &AppState) -> Router<AppState> {
    let open = Router::new()
        .route(RESOURCE_METADATA_PATH, get(resource_metadata))
        .route("/.well-known/oauth-protected-resource/mcp", get(resource_metadata))
        .route("/.well-known/oauth-authorization-server", get(server_metadata))
        .route(REGISTER_PATH, post(register))
        .route(TOKEN_PATH, post(token))
        .route(REVOKE_PATH, post(revoke))
        .layer(middleware::from_fn(allow_any_origin));
    Router::new()
        .route(CONSENT_PATH, post(authorize::consent))
        .merge(open)
        .with_state(state.clone())
}

/// CORS for the cookieless endpoints and the metadata: any origin may read them, never with
/// credentials.
async fn allow_any_origin(request: Request, next: Next) -> Response {
    let mut response = if request.method() == Method::OPTIONS {
        StatusCode::NO_CONTENT.into_response()
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, OPTIONS"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("authorization, content-type, mcp-protocol-version"),
    );
    response
}

/// The issuer: this app's origin.
pub fn issuer(state: &AppState, headers: &HeaderMap) -> Result<String, AppError> {
    our_origin(&state.config, headers).ok_or_else(|| AppError::bad_request("The request has no Host header."))
}

/// The protected resource the tokens are for: the MCP endpoint.
pub fn resource(issuer: &str) -> String {
    format!("{issuer}/mcp")
}

/// RFC 9728: where `/mcp` sends a client that has no token.
async fn resource_metadata(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let issuer = issuer(&state, &headers)?;
    Ok(Json(json!({
        "resource": resource(&issuer),
        "authorization_servers": [issuer],
        "scopes_supported": [SCOPE],
        "bearer_methods_supported": ["header"],
        "resource_name": "Taskpilot",
    }))
    .into_response())
}

/// RFC 8414: what this authorization server supports.
async fn server_metadata(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let issuer = issuer(&state, &headers)?;
    Ok(Json(json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}{AUTHORIZE_PATH}"),
        "token_endpoint": format!("{issuer}{TOKEN_PATH}"),
        "registration_endpoint": format!("{issuer}{REGISTER_PATH}"),
        "revocation_endpoint": format!("{issuer}{REVOKE_PATH}"),
        "scopes_supported": [SCOPE],
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "token_endpoint_auth_methods_supported": ["none"],
        "revocation_endpoint_auth_methods_supported": ["none"],
        "code_challenge_methods_supported": ["S256"],
        "authorization_response_iss_parameter_supported": true,
    }))
    .into_response())
}

/// An OAuth error answer (RFC 6749 §5.2, RFC 7591 §3.2.2): `{"error", "error_description"}`.
pub struct OauthError {
    status: StatusCode,
    error: &'static str,
    description: String,
}

impl OauthError {
    fn new(status: StatusCode, error: &'static str, description: impl Into<String>) -> Self {
        Self {
            status,
            error,
            description: description.into(),
        }
    }

    fn request(description: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_request", description)
    }

    fn grant() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            "The code or refresh token is invalid, expired, already used, or not this client's.",
        )
    }
}

impl From<AppError> for OauthError {
    fn from(e: AppError) -> Self {
        let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let error = match e {
            AppError::RateLimited { .. } => "slow_down",
            AppError::Unavailable | AppError::StorageFull => "temporarily_unavailable",
            _ => "server_error",
        };
        Self::new(status, error, e.to_string())
    }
}

impl IntoResponse for OauthError {
    fn into_response(self) -> Response {
        let mut response = (
            self.status,
            Json(json!({"error": self.error, "error_description": self.description})),
        )
            .into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Basic"));
        }
        response
    }
}

/// Whether a redirect URI may be registered: absolute https, or http on a loopback address
/// (RFC 8252 §7.3), with no fragment and no credentials.
pub fn acceptable_redirect_uri(raw: &str) -> bool {
    if raw.len() > 2000 || raw.chars().any(char::is_control) {
        return false;
    }
    let Ok(url) = url::Url::parse(raw) else { return false };
    if url.fragment().is_some() || !url.username().is_empty() || url.password().is_some() {
        return false;
    }
    match (url.scheme(), url.host()) {
        ("https", Some(_)) => true,
        ("http", Some(url::Host::Ipv4(ip))) => ip.is_loopback(),
        ("http", Some(url::Host::Ipv6(ip))) => ip.is_loopback(),
        ("http", Some(url::Host::Domain(domain))) => domain.eq_ignore_ascii_case("localhost"),
        _ => false,
    }
}

/// RFC 7591 §2: the metadata a client registers with. Other fields are ignored, as the RFC asks.
#[derive(Debug, Deserialize)]
struct Registration {
    redirect_uris: Vec<String>,
    #[serde(default)]
    client_name: Option<String>,
    #[serde(default)]
    grant_types: Option<Vec<String>>,
    #[serde(default)]
    response_types: Option<Vec<String>>,
    #[serde(default)]
    scope: Option<String>,
}

#[derive(Debug, Serialize)]
struct Registered {
    client_id: String,
    client_id_issued_at: i64,
    client_name: String,
    redirect_uris: Vec<String>,
    token_endpoint_auth_method: &'static str,
    grant_types: [&'static str; 2],
    response_types: [&'static str; 1],
    scope: &'static str,
}

fn invalid_metadata(description: impl Into<String>) -> OauthError {
    OauthError::new(StatusCode::BAD_REQUEST, "invalid_client_metadata", description)
}

fn read_registration(body: &[u8]) -> Result<(String, Vec<String>), OauthError> {
    let reg: Registration = serde_json::from_slice(body)
        .map_err(|e| invalid_metadata(format!("the registration could not be read: {e}")))?;
    if reg.redirect_uris.is_empty() || reg.redirect_uris.len() > 10 {
        return Err(OauthError::new(
            StatusCode::BAD_REQUEST,
            "invalid_redirect_uri",
            "Register between 1 and 10 redirect URIs.",
        ));
    }
    if let Some(bad) = reg.redirect_uris.iter().find(|u| !acceptable_redirect_uri(u)) {
        return Err(OauthError::new(
            StatusCode::BAD_REQUEST,
            "invalid_redirect_uri",
            format!("{bad:?} is not allowed: use https, or http on a loopback address, without a fragment."),
        ));
    }
    if reg
        .grant_types
        .iter()
        .flatten()
        .any(|g| g != "authorization_code" && g != "refresh_token")
    {
        return Err(invalid_metadata(
            "Only the authorization_code and refresh_token grants are supported.",
        ));
    }
    if reg.response_types.iter().flatten().any(|r| r != "code") {
        return Err(invalid_metadata("Only the code response type is supported."));
    }
    if reg
        .scope
        .as_deref()
        .is_some_and(|s| s.split_whitespace().any(|s| s != SCOPE))
    {
        return Err(invalid_metadata(format!("The only scope is {SCOPE:?}.")));
    }
    let name = reg.client_name.as_deref().map(str::trim).unwrap_or_default();
    if name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(invalid_metadata(
            "client_name: at most 100 characters, no control characters.",
        ));
    }
    let name = if name.is_empty() { "An MCP client" } else { name };
    let mut uris = reg.redirect_uris;
    uris.dedup();
    Ok((name.to_owned(), uris))
}

/// RFC 7591 dynamic registration, limited per client address and capped in total.
async fn register(State(state): State<AppState>, request: Request) -> Result<Response, OauthError> {
    let (parts, body) = request.into_parts();
    let client = ClientInfo::from_parts(&parts, state.config.trust_proxy);
    rate_limit::hit(
        &state,
        state.config.rate_limit_oauth_register_per_ip,
        &format!("oauth-register:ip:{}", client.rate_key()),
    )
    .await?;
    let body = axum::body::to_bytes(body, state.config.max_body_bytes)
        .await
        .map_err(|_| {
            OauthError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "invalid_client_metadata",
                "The registration is too large.",
            )
        })?;
    let (name, uris) = read_registration(&body)?;
    let Some(registered) = store::register_client(&state.db, &name, &uris, state.config.oauth_max_clients).await?
    else {
        tracing::warn!("OAuth client registration refused: OAUTH_MAX_CLIENTS reached");
        return Err(OauthError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "temporarily_unavailable",
            "No more clients can be registered right now.",
        ));
    };
    tracing::info!(client_id = %registered.id, "an OAuth client registered");
    Ok((
        StatusCode::CREATED,
        Json(Registered {
            client_id: registered.id,
            client_id_issued_at: registered.created_at / 1000,
            client_name: registered.name,
            redirect_uris: registered.redirect_uris,
            token_endpoint_auth_method: "none",
            grant_types: ["authorization_code", "refresh_token"],
            response_types: ["code"],
            scope: SCOPE,
        }),
    )
        .into_response())
}

/// A token request (RFC 6749 §4.1.3 and §6, with RFC 7636's verifier and RFC 8707's resource).
#[derive(Debug, Default, Deserialize)]
struct TokenRequest {
    grant_type: Option<String>,
    code: Option<String>,
    redirect_uri: Option<String>,
    client_id: Option<String>,
    code_verifier: Option<String>,
    refresh_token: Option<String>,
    resource: Option<String>,
    scope: Option<String>,
}

#[derive(Debug, Serialize)]
struct TokenAnswer {
    access_token: String,
    token_type: &'static str,
    expires_in: i64,
    refresh_token: String,
    scope: String,
}

/// The client id of a token request: the form's, else the user name of HTTP Basic (a public
/// client has no secret to check).
fn client_id_of(form: &TokenRequest, headers: &HeaderMap) -> Option<String> {
    use base64::Engine;
    if let Some(id) = form.client_id.as_deref().filter(|id| !id.is_empty()) {
        return Some(id.to_owned());
    }
    let basic = headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD.decode(basic.trim()).ok()?;
    let decoded = String::from_utf8(decoded).ok()?;
    let id = decoded.split(':').next()?;
    url::form_urlencoded::parse(format!("x={id}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .filter(|v| !v.is_empty())
}

fn new_tokens(now: i64) -> Result<(String, String, NewTokens), AppError> {
    let access = format!("tpa_{}", tokens::random_part(32)?);
    let refresh = format!("tpr_{}", tokens::random_part(32)?);
    let stored = NewTokens {
        access_hash: tokens::hash_token(&access),
        access_expires_at: now + ACCESS_TOKEN_SECS * 1000,
        refresh_hash: tokens::hash_token(&refresh),
        refresh_expires_at: now + REFRESH_TOKEN_SECS * 1000,
    };
    Ok((access, refresh, stored))
}

/// Checks RFC 8707's `resource`, when given: it must be this server's MCP endpoint.
fn check_resource(target: Option<&str>, issuer: &str) -> Result<(), OauthError> {
    let ours = resource(issuer);
    match target {
        None => Ok(()),
        Some(r) if r.trim_end_matches('/') == ours => Ok(()),
        Some(_) => Err(OauthError::new(
            StatusCode::BAD_REQUEST,
            "invalid_target",
            format!("The only resource here is {ours}."),
        )),
    }
}

async fn token(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<TokenRequest>, axum::extract::rejection::FormRejection>,
) -> Result<Response, OauthError> {
    let Form(form) = form.map_err(|_| OauthError::request("Send the request as application/x-www-form-urlencoded."))?;
    let issuer = issuer(&state, &headers)?;
    check_resource(form.resource.as_deref(), &issuer)?;
    let client_id = client_id_of(&form, &headers).ok_or_else(|| OauthError::request("client_id is required."))?;
    if store::find_client(&state.db, &client_id).await?.is_none() {
        return Err(OauthError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "This client is not registered.",
        ));
    }
    let now = now_millis();
    let (access, refresh, stored) = new_tokens(now)?;
    let redeemed = match form.grant_type.as_deref() {
        Some("authorization_code") => {
            let code = form.code.as_deref().filter(|c| !c.is_empty() && c.len() <= 128);
            let code = code.ok_or_else(|| OauthError::request("code is required."))?;
            let verifier = form.code_verifier.as_deref().unwrap_or_default();
            if !pkce::valid_verifier(verifier) {
                return Err(OauthError::request(
                    "code_verifier is required: 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636).",
                ));
            }
            let redirect_uri = form.redirect_uri.clone();
            let accept = |issued: &store::IssuedCode| {
                issued.client_id == client_id
                    && redirect_uri.as_deref().is_none_or(|r| r == issued.redirect_uri)
                    && pkce::matches(verifier, &issued.code_challenge)
            };
            store::redeem_code(&state.db, &tokens::hash_token(code), accept, &stored).await?
        }
        Some("refresh_token") => {
            if form
                .scope
                .as_deref()
                .is_some_and(|s| s.split_whitespace().any(|s| s != SCOPE))
            {
                return Err(OauthError::new(
                    StatusCode::BAD_REQUEST,
                    "invalid_scope",
                    format!("The only scope is {SCOPE:?}."),
                ));
            }
            let presented = form
                .refresh_token
                .as_deref()
                .filter(|t| !t.is_empty() && t.len() <= 128);
            let presented = presented.ok_or_else(|| OauthError::request("refresh_token is required."))?;
            store::rotate_refresh(&state.db, &tokens::hash_token(presented), &client_id, &stored).await?
        }
        Some(_) => {
            return Err(OauthError::new(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "Use authorization_code or refresh_token.",
            ))
        }
        None => return Err(OauthError::request("grant_type is required.")),
    };
    match redeemed {
        Redeemed::Issued { scope } => {
            let mut response = Json(TokenAnswer {
                access_token: access,
                token_type: "Bearer",
                expires_in: ACCESS_TOKEN_SECS,
                refresh_token: refresh,
                scope,
            })
            .into_response();
            response
                .headers_mut()
                .insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
            Ok(response)
        }
        Redeemed::Refused => Err(OauthError::grant()),
    }
}

#[derive(Debug, Deserialize)]
struct RevokeRequest {
    token: Option<String>,
    client_id: Option<String>,
}

/// RFC 7009: revoking either token of a family ends the family; an unknown token is a 200 too.
async fn revoke(
    State(state): State<AppState>,
    form: Result<Form<RevokeRequest>, axum::extract::rejection::FormRejection>,
) -> Result<Response, OauthError> {
    let Form(form) = form.map_err(|_| OauthError::request("Send the request as application/x-www-form-urlencoded."))?;
    let token = form.token.as_deref().filter(|t| !t.is_empty() && t.len() <= 128);
    let token = token.ok_or_else(|| OauthError::request("token is required."))?;
    let client_id = form.client_id.as_deref().unwrap_or_default();
    store::revoke_family(&state.db, &tokens::hash_token(token), client_id).await?;
    Ok(StatusCode::OK.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_uris_are_https_or_loopback_http() {
        for ok in [
            "https://claude.ai/api/mcp/auth_callback",
            "http://127.0.0.1:33418/callback",
            "http://localhost:6274/oauth/callback",
            "http://[::1]:8080/cb",
            "https://example.com/cb?x=1",
        ] {
            assert!(acceptable_redirect_uri(ok), "{ok}");
        }
        for bad in [
            "http://example.com/cb",
            "http://127.0.0.1.evil.com/cb",
            "https://example.com/cb#frag",
            "https://user:pw@example.com/cb",
            "javascript:alert(1)",
            "cursor://anysphere/cb",
            "/relative",
            "",
            "https://exa\nmple.com/",
        ] {
            assert!(!acceptable_redirect_uri(bad), "{bad}");
        }
    }

    #[test]
    fn registrations_are_read_strictly_where_it_matters() {
        let (name, uris) = read_registration(
            br#"{"redirect_uris": ["https://a.example/cb"], "client_name": "Claude", "logo_uri": "x"}"#,
        )
        .ok()
        .unwrap();
        assert_eq!((name.as_str(), uris.len()), ("Claude", 1));
        assert!(read_registration(br#"{"redirect_uris": []}"#).is_err());
        assert!(read_registration(br#"{"redirect_uris": ["http://evil.example/cb"]}"#).is_err());
        assert!(read_registration(
            br#"{"redirect_uris": ["https://a.example/cb"], "grant_types": ["client_credentials"]}"#
        )
        .is_err());
        assert!(
            read_registration(br#"{"redirect_uris": ["https://a.example/cb"], "client_name": "a\u0000b"}"#).is_err()
        );
        assert!(read_registration(b"not json").is_err());
    }
}
