//! Server functions for the calendar feed on `/settings`: its state, a new address (shown
//! once), turning it off.
use leptos::prelude::*;

use crate::domain::user::CalendarFeed;
use crate::error::AppError;

#[cfg(feature = "ssr")]
use super::context::{self as cx, respond};

/// The cookie that carries a new feed address to the page after a post without JavaScript.
#[cfg(feature = "ssr")]
const NEW_FEED_COOKIE: &str = "taskpilot_new_calendar";

#[server(endpoint = "calendar_feed_state")]
pub async fn calendar_feed_state() -> Result<Option<CalendarFeed>, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        let mut feed = crate::server::calendar::feed_status(&state, &user).await?;
        if let Some(feed) = feed.as_mut() {
            feed.created_at =
                crate::server::tasks::shown_at(&feed.created_at, crate::server::tasks::user_tz(&user.time_zone));
        }
        // the address made by the last form post (no JavaScript), shown on this one page view
        if let (Some(feed), Some(url)) = (feed.as_mut(), cx::cookie(NEW_FEED_COOKIE)) {
            cx::set_cookie(&format!(
                "{NEW_FEED_COOKIE}=; Path=/settings; Max-Age=0; HttpOnly; SameSite=Strict"
            ));
            if crate::server::calendar::is_current_url(&state, &user, &url).await? {
                feed.url = Some(url);
            }
        }
        Ok(feed)
    })
    .await
}

/// Makes the feed or gives it a new address; the old one stops at once.
#[server(endpoint = "new_calendar_feed")]
pub async fn new_calendar_feed() -> Result<CalendarFeed, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        let feed = crate::server::calendar::create_feed(&state, &user, &cx::origin()?).await?;
        if let (true, Some(url)) = (cx::is_form_post(), &feed.url) {
            let secure = if state.config.secure_cookies { "; Secure" } else { "" };
            cx::set_cookie(&format!(
                "{NEW_FEED_COOKIE}={url}; Path=/settings; Max-Age=120; HttpOnly; SameSite=Strict{secure}"
            ));
        }
        Ok(feed)
    })
    .await
}

#[server(endpoint = "end_calendar_feed")]
pub async fn end_calendar_feed() -> Result<(), AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        crate::server::repo::UserScope::new(&state.db, &user)
            .end_calendar()
            .await
    })
    .await
}
