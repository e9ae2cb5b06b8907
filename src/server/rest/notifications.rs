//! `/api/v1/notifications` (the reminders that fired: list, mark read) and
//! `/api/v1/me/settings` (the default reminder, reminder mail).
use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::Router;
use serde::{Deserialize, Serialize};

use super::{ApiJson, ApiQuery, ErrorBody, QueryFields};
use crate::domain::reminder::{Notification, NotificationPage, DEFAULT_CHOICES};
use crate::error::AppError;
use crate::server::auth::CurrentUser;
use crate::server::repo::accounts::ReminderSettings;
use crate::server::repo::UserScope;
use crate::server::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/notifications", get(list_notifications))
        .route("/notifications/read-all", post(read_all))
        .route("/notifications/{id}/read", post(mark_read))
        .route("/me/settings", get(get_settings).patch(update_settings))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct NotificationsQuery {
    /// true: only the unread ones.
    unread: Option<bool>,
    /// How many, 1 to 100 (default 50).
    limit: Option<u64>,
    /// `next_cursor` of the page before.
    cursor: Option<String>,
}

impl QueryFields for NotificationsQuery {
    const FIELDS: &'static [&'static str] = &["unread", "limit", "cursor"];
}

#[utoipa::path(get, path = "/api/v1/notifications", tag = "notifications", params(NotificationsQuery),
    responses((status = 200, description = "Newest first, with the unread count", body = NotificationPage),
        (status = 422, body = ErrorBody)))]
pub(super) async fn list_notifications(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(query): ApiQuery<NotificationsQuery>,
) -> Result<ApiJson<NotificationPage>, AppError> {
    let limit = query.limit.unwrap_or(50);
    if !(1..=100).contains(&limit) {
        return Err(AppError::validation("limit", "limit must be from 1 to 100."));
    }
    if let Some(cursor) = &query.cursor {
        if cursor.len() > 64 || !cursor.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Err(AppError::validation("cursor", "This cursor is not one this list gave."));
        }
    }
    let page = UserScope::new(&state.db, &user)
        .list_notifications(query.unread.unwrap_or(false), limit, query.cursor.as_deref())
        .await?;
    Ok(ApiJson(page))
}

#[utoipa::path(post, path = "/api/v1/notifications/{id}/read", tag = "notifications", params(("id" = String, Path)),
    responses((status = 200, body = Notification), (status = 404, body = ErrorBody)))]
pub(super) async fn mark_read(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<ApiJson<Notification>, AppError> {
    Ok(ApiJson(
        UserScope::new(&state.db, &user).mark_notification_read(&id).await?,
    ))
}

/// What "mark all read" did.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ReadAll {
    /// How many were unread.
    pub marked: u64,
}

#[utoipa::path(post, path = "/api/v1/notifications/read-all", tag = "notifications",
    responses((status = 200, body = ReadAll)))]
pub(super) async fn read_all(State(state): State<AppState>, user: CurrentUser) -> Result<ApiJson<ReadAll>, AppError> {
    let marked = UserScope::new(&state.db, &user).mark_all_notifications_read().await?;
    Ok(ApiJson(ReadAll { marked }))
}

#[utoipa::path(get, path = "/api/v1/me/settings", tag = "notifications",
    responses((status = 200, body = ReminderSettings)))]
pub(super) async fn get_settings(user: CurrentUser) -> ApiJson<ReminderSettings> {
    ApiJson(user.settings)
}

/// The body of `PATCH /api/v1/me/settings`: absent fields stay as they are.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SettingsPatch {
    /// null (no default reminder), 0 (at the due time), 5, 10, 15, 30 or 60 minutes before.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<u32>)]
    pub default_reminder_minutes: Option<Option<u32>>,
    /// Also mail reminders (when the server has SMTP settings).
    pub email_reminders: Option<bool>,
}

fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<u32>>, D::Error> {
    Option::<u32>::deserialize(d).map(Some)
}

/// Checks and applies a settings change to `settings`.
pub fn apply_settings(settings: &mut ReminderSettings, patch: SettingsPatch) -> Result<(), AppError> {
    if let Some(minutes) = patch.default_reminder_minutes {
        if !DEFAULT_CHOICES.contains(&minutes) {
            return Err(AppError::validation(
                "default_reminder_minutes",
                "The default reminder is null (none), 0 (at the due time), 5, 10, 15, 30 or 60 minutes before.",
            ));
        }
        settings.default_reminder_minutes = minutes;
    }
    if let Some(on) = patch.email_reminders {
        settings.email_reminders = on;
    }
    Ok(())
}

#[utoipa::path(patch, path = "/api/v1/me/settings", tag = "notifications", request_body = SettingsPatch,
    responses((status = 200, body = ReminderSettings), (status = 422, body = ErrorBody)))]
pub(super) async fn update_settings(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(patch): ApiJson<SettingsPatch>,
) -> Result<ApiJson<ReminderSettings>, AppError> {
    let mut settings = user.settings;
    apply_settings(&mut settings, patch)?;
    UserScope::new(&state.db, &user).set_reminder_settings(settings).await?;
    Ok(ApiJson(settings))
}
