//! `/api/v1/auth/*`, `/api/v1/me` and `/api/v1/tokens`.
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{delete, get, post};
use axum::Router;
use http::request::Parts;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::{ApiJson, ErrorBody};
use crate::domain::user::CreatedToken;
use crate::domain::user::User;
use crate::error::AppError;
use crate::server::auth::client::ClientInfo;
use crate::server::auth::{flows, CurrentUser};
use crate::server::repo::UserScope;
use crate::server::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/auth/signup", post(signup))
        .route("/auth/login", post(login))
        .route("/auth/logout", post(logout))
        .route("/me", get(me).delete(delete_me))
        .route("/me/password", axum::routing::post(change_password))
        .route("/tokens", get(list_tokens).post(create_token))
        .route("/tokens/{id}", delete(revoke_token))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub(super) struct SignupBody {
    #[serde(default)]
    name: Option<String>,
    email: String,
    password: String,
    #[serde(default)]
    time_zone: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub(super) struct LoginBody {
    email: String,
    password: String,
}

/// `{"user": …}`
#[derive(Serialize, utoipa::ToSchema)]
pub(super) struct UserBody {
    user: User,
}

/// `{"items": […]}`
#[derive(Serialize, utoipa::ToSchema)]
pub(super) struct TokenList {
    items: Vec<crate::domain::user::ApiToken>,
}

fn user_body(user: User) -> ApiJson<UserBody> {
    ApiJson(UserBody { user })
}

#[utoipa::path(post, path = "/api/v1/auth/signup", tag = "auth", request_body = SignupBody,
    responses((status = 201, description = "Signed up and signed in; sets the session cookie", body = UserBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub(super) async fn signup(
    State(state): State<AppState>,
    session: Session,
    parts: Parts,
    ApiJson(body): ApiJson<SignupBody>,
) -> Result<impl IntoResponse, AppError> {
    let client = ClientInfo::from_parts(&parts, state.config.trust_proxy);
    // a zone given here is the client's choice: one this server does not know is refused (the
    // sign-up page's, read from the browser, falls back to UTC instead)
    let time_zone = match body.time_zone.as_deref().map(str::trim).filter(|tz| !tz.is_empty()) {
        None => None,
        Some(raw) => Some(flows::canonical_time_zone(raw).ok_or_else(|| {
            AppError::validation("time_zone", "Choose a time zone like Europe/Paris or America/New_York.")
        })?),
    };
    let input = flows::SignupInput {
        name: body.name.unwrap_or_default(),
        email: body.email,
        password: body.password,
        time_zone,
    };
    let user = flows::signup(&state, &session, &client, input).await?;
    Ok((StatusCode::CREATED, user_body(user)))
}

#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginBody,
    responses((status = 200, description = "Signed in; sets a new session cookie", body = UserBody),
        (status = 401, body = ErrorBody), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub(super) async fn login(
    State(state): State<AppState>,
    session: Session,
    parts: Parts,
    ApiJson(body): ApiJson<LoginBody>,
) -> Result<impl IntoResponse, AppError> {
    let client = ClientInfo::from_parts(&parts, state.config.trust_proxy);
    let user = flows::login(&state, &session, &client, &body.email, &body.password).await?;
    Ok(user_body(user))
}

#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", responses((status = 204, description = "The session is ended on the server")))]
pub(super) async fn logout(session: Session) -> Result<StatusCode, AppError> {
    flows::logout(&session).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/me", tag = "auth", responses((status = 200, body = UserBody), (status = 401, body = ErrorBody)))]
pub(super) async fn me(user: CurrentUser) -> ApiJson<UserBody> {
    user_body(user.user)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub(super) struct DeleteMeBody {
    password: String,
}

#[utoipa::path(delete, path = "/api/v1/me", tag = "auth", request_body = DeleteMeBody,
    responses((status = 204, description = "The account and all its data are gone"), (status = 401, body = ErrorBody)))]
pub(super) async fn delete_me(
    State(state): State<AppState>,
    user: CurrentUser,
    parts: Parts,
    ApiJson(body): ApiJson<DeleteMeBody>,
) -> Result<StatusCode, AppError> {
    let client = ClientInfo::from_parts(&parts, state.config.trust_proxy);
    flows::delete_account(&state, &user, &client, &body.password).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub(super) struct PasswordBody {
    current_password: String,
    new_password: String,
}

#[utoipa::path(post, path = "/api/v1/me/password", tag = "auth", request_body = PasswordBody,
    responses((status = 204, description = "Changed: every other session ended; this one goes on under a new cookie"),
        (status = 403, description = "Refused with a bearer token: it needs a session", body = ErrorBody),
        (status = 422, description = "`current_password` is wrong, or `new_password` is too short, too common or the same", body = ErrorBody),
        (status = 429, body = ErrorBody)))]
pub(super) async fn change_password(
    State(state): State<AppState>,
    user: CurrentUser,
    parts: Parts,
    ApiJson(body): ApiJson<PasswordBody>,
) -> Result<StatusCode, AppError> {
    let client = ClientInfo::from_parts(&parts, state.config.trust_proxy);
    flows::change_password(&state, &user, &client, &body.current_password, body.new_password).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/tokens", tag = "tokens", responses((status = 200, body = TokenList), (status = 401, body = ErrorBody)))]
pub(super) async fn list_tokens(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<ApiJson<TokenList>, AppError> {
    let items = UserScope::new(&state.db, &user).list_tokens().await?;
    Ok(ApiJson(TokenList { items }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub(super) struct CreateTokenBody {
    name: String,
    #[serde(default)]
    expires_in_days: Option<u32>,
}

#[utoipa::path(post, path = "/api/v1/tokens", tag = "tokens", request_body = CreateTokenBody,
    responses((status = 201, description = "The value is shown this once", body = CreatedToken),
        (status = 403, description = "Refused with a bearer token: creating tokens needs a session", body = ErrorBody),
        (status = 409, description = "The token quota is used up", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub(super) async fn create_token(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(body): ApiJson<CreateTokenBody>,
) -> Result<impl IntoResponse, AppError> {
    // a leaked token must not be able to mint one that outlives its revocation
    if user.session.is_none() {
        return Err(AppError::Forbidden {
            message: "Create API tokens while signed in (on /settings or with the session cookie), not with a token."
                .into(),
        });
    }
    let created = flows::create_token(&state, &user, &body.name, body.expires_in_days).await?;
    Ok((StatusCode::CREATED, ApiJson(created)))
}

#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "tokens", params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub(super) async fn revoke_token(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    UserScope::new(&state.db, &user).revoke_token(&id).await?;
    Ok(StatusCode::NO_CONTENT)
}
