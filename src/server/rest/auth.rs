//! `/api/v1/auth/*`, `/api/v1/me` and `/api/v1/tokens`.
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use http::request::Parts;
use serde::Deserialize;
use tower_sessions::Session;

use super::ApiJson;
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
        .route("/tokens", get(list_tokens).post(create_token))
        .route("/tokens/{id}", delete(revoke_token))
}

#[derive(Deserialize)]
struct SignupBody {
    #[serde(default)]
    name: Option<String>,
    email: String,
    password: String,
    #[serde(default)]
    time_zone: Option<String>,
}

#[derive(Deserialize)]
struct LoginBody {
    email: String,
    password: String,
}

fn user_body(user: User) -> Json<serde_json::Value> {
    Json(serde_json::json!({ "user": user }))
}

async fn signup(
    State(state): State<AppState>,
    session: Session,
    parts: Parts,
    ApiJson(body): ApiJson<SignupBody>,
) -> Result<impl IntoResponse, AppError> {
    let client = ClientInfo::from_parts(&parts, state.config.trust_proxy);
    let input = flows::SignupInput {
        name: body.name.unwrap_or_default(),
        email: body.email,
        password: body.password,
        time_zone: body.time_zone,
    };
    let user = flows::signup(&state, &session, &client, input).await?;
    Ok((StatusCode::CREATED, user_body(user)))
}

async fn login(
    State(state): State<AppState>,
    session: Session,
    parts: Parts,
    ApiJson(body): ApiJson<LoginBody>,
) -> Result<impl IntoResponse, AppError> {
    let client = ClientInfo::from_parts(&parts, state.config.trust_proxy);
    let user = flows::login(&state, &session, &client, &body.email, &body.password).await?;
    Ok(user_body(user))
}

async fn logout(session: Session) -> Result<StatusCode, AppError> {
    flows::logout(&session).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn me(user: CurrentUser) -> Json<serde_json::Value> {
    user_body(user.user)
}

#[derive(Deserialize)]
struct DeleteMeBody {
    password: String,
}

async fn delete_me(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(body): ApiJson<DeleteMeBody>,
) -> Result<StatusCode, AppError> {
    flows::delete_account(&state, &user, &body.password).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn list_tokens(State(state): State<AppState>, user: CurrentUser) -> Result<Json<serde_json::Value>, AppError> {
    let items = UserScope::new(&state.db, &user).list_tokens().await?;
    Ok(Json(serde_json::json!({ "items": items })))
}

#[derive(Deserialize)]
struct CreateTokenBody {
    name: String,
    #[serde(default)]
    expires_in_days: Option<u32>,
}

async fn create_token(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(body): ApiJson<CreateTokenBody>,
) -> Result<impl IntoResponse, AppError> {
    let created = flows::create_token(&state, &user, &body.name, body.expires_in_days).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

async fn revoke_token(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    UserScope::new(&state.db, &user).revoke_token(&id).await?;
    Ok(StatusCode::NO_CONTENT)
}
