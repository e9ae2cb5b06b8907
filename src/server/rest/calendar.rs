//! `/api/v1/calendar`: the user's private calendar feed address (see `server::calendar`).
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

use super::{ApiJson, ErrorBody};
use crate::domain::user::CalendarFeed;
use crate::error::AppError;
use crate::server::auth::CurrentUser;
use crate::server::calendar;
use crate::server::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/calendar", get(status).post(create).delete(end))
}

#[utoipa::path(get, path = "/api/v1/calendar", tag = "calendar",
    responses((status = 200, description = "The feed is on (its address is only shown when made)", body = CalendarFeed),
        (status = 404, description = "No feed", body = ErrorBody)))]
pub(super) async fn status(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<ApiJson<CalendarFeed>, AppError> {
    calendar::feed_status(&state, &user)
        .await?
        .map(ApiJson)
        .ok_or(AppError::NotFound)
}

#[utoipa::path(post, path = "/api/v1/calendar", tag = "calendar",
    responses((status = 201, description = "A new address, shown this once; any previous one stops working", body = CalendarFeed),
        (status = 403, description = "Refused with a bearer token: it needs a session", body = ErrorBody)))]
pub(super) async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
) -> Result<impl IntoResponse, AppError> {
    let origin = crate::server::security::our_origin(&state.config, &headers).ok_or(AppError::BadRequest {
        message: "The request has no Host header.".into(),
    })?;
    let feed = calendar::create_feed(&state, &user, &origin).await?;
    Ok((StatusCode::CREATED, ApiJson(feed)))
}

#[utoipa::path(delete, path = "/api/v1/calendar", tag = "calendar",
    responses((status = 204, description = "The feed is off; its address answers 404")))]
pub(super) async fn end(State(state): State<AppState>, user: CurrentUser) -> Result<StatusCode, AppError> {
    crate::server::repo::UserScope::new(&state.db, &user)
        .end_calendar()
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
