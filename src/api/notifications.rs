//! Server functions for the bell and the reminder settings.
use leptos::prelude::*;

use crate::domain::reminder::NotificationPage;
use crate::error::AppError;

#[cfg(feature = "ssr")]
use super::context::{self as cx, respond};

/// How many notifications the bell lists.
pub const BELL_ITEMS: u64 = 10;

/// The bell's notifications: the latest, and how many are unread; `None` when nobody is
/// signed in (every page asks, signed in or not, so the answer is never an error status).
#[server(endpoint = "load_notifications")]
pub async fn load_notifications() -> Result<Option<NotificationPage>, AppError> {
    let (state, user) = match cx::user().await {
        Ok(found) => found,
        Err(AppError::Unauthorized { .. }) => return Ok(None),
        Err(e) => return respond(async { Err(e) }).await,
    };
    respond(async {
        crate::server::repo::UserScope::new(&state.db, &user)
            .list_notifications(false, BELL_ITEMS, None)
            .await
            .map(Some)
    })
    .await
}

/// Marks every notification read.
#[server(endpoint = "mark_all_read")]
pub async fn mark_all_read() -> Result<u64, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        crate::server::repo::UserScope::new(&state.db, &user)
            .mark_all_notifications_read()
            .await
    })
    .await
}

/// The reminder settings as `/settings` shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReminderChoice {
    /// `None`: off; minutes before the due time otherwise.
    pub default_reminder_minutes: Option<u32>,
    pub email_reminders: bool,
    /// Whether this server can send mail at all.
    pub mail_available: bool,
}

#[server(endpoint = "reminder_settings")]
pub async fn reminder_settings() -> Result<ReminderChoice, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        Ok(ReminderChoice {
            default_reminder_minutes: user.settings.default_reminder_minutes,
            email_reminders: user.settings.email_reminders,
            mail_available: state.config.smtp.is_some(),
        })
    })
    .await
}

/// Saves the reminder settings: `default_reminder` is "off" or minutes ("0", "10", …);
/// `email_reminders` is present (a checked box) or not.
#[server(endpoint = "save_reminder_settings")]
pub async fn save_reminder_settings(default_reminder: String, email_reminders: Option<String>) -> Result<(), AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        let minutes = match default_reminder.trim() {
            "off" | "" => None,
            raw => Some(raw.parse::<u32>().map_err(|_| {
                AppError::validation("default_reminder_minutes", "Choose one of the listed reminders.")
            })?),
        };
        let mut settings = user.settings;
        crate::server::rest::notifications::apply_settings(
            &mut settings,
            crate::server::rest::notifications::SettingsPatch {
                default_reminder_minutes: Some(minutes),
                email_reminders: Some(email_reminders.is_some_and(|v| v != "false")),
            },
        )?;
        crate::server::repo::UserScope::new(&state.db, &user)
            .set_reminder_settings(settings)
            .await
    })
    .await
}
