//! Server functions for accounts: sign-up, sign-in, sign-out, sessions, tokens, deletion.
use leptos::prelude::*;

use crate::domain::user::{ActiveSession, ApiToken, CreatedToken, User};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use super::context::{self as cx, respond};

/// The signed-in user, or `None`.
#[server(endpoint = "current_user")]
pub async fn current_user() -> Result<Option<User>, AppError> {
    respond(async {
        match cx::user().await {
            Ok((_, user)) => Ok(Some(user.user)),
            Err(AppError::Unauthorized { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    })
    .await
}

#[server(endpoint = "signup")]
pub async fn signup(
    name: Option<String>,
    email: String,
    password: String,
    time_zone: Option<String>,
    next: Option<String>,
) -> Result<(), AppError> {
    respond(async {
        let state = cx::state()?;
        // without JavaScript the browser's zone is not known: the account starts in UTC, and the
        // dashboard says so once, with the way to change it
        let unknown_zone = time_zone.as_deref().is_none_or(|z| z.trim().is_empty());
        let input = crate::server::auth::flows::SignupInput {
            name: name.unwrap_or_default(),
            email,
            password,
            time_zone,
        };
        crate::server::auth::flows::signup(&state, &cx::session()?, &cx::client()?, input).await?;
        let next = crate::domain::user::safe_next_path(next.as_deref());
        let next = if unknown_zone && next == "/tasks" {
            "/tasks?zone=unset".to_owned()
        } else {
            next
        };
        cx::redirect(&next);
        Ok(())
    })
    .await
}

#[server(endpoint = "login")]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    respond(async {
        let state = cx::state()?;
        crate::server::auth::flows::login(&state, &cx::session()?, &cx::client()?, &email, &password).await?;
        cx::redirect(&crate::domain::user::safe_next_path(next.as_deref()));
        Ok(())
    })
    .await
}

#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    respond(async {
        crate::server::auth::flows::logout(&cx::session()?).await?;
        cx::redirect("/login");
        Ok(())
    })
    .await
}

#[server(endpoint = "list_sessions")]
pub async fn list_sessions() -> Result<Vec<ActiveSession>, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        let current = user
            .session
            .as_ref()
            .and_then(|s| s.id())
            .map(|id| crate::server::auth::session_store::session_key(&id));
        let tz = crate::server::tasks::user_tz(&user.time_zone);
        let mut sessions = crate::server::repo::UserScope::new(&state.db, &user)
            .list_sessions(current.as_deref().unwrap_or_default())
            .await?;
        // (the page shows them in the user's zone)
        for s in &mut sessions {
            s.created_at = crate::server::tasks::shown_at(&s.created_at, tz);
            s.last_seen_at = crate::server::tasks::shown_at(&s.last_seen_at, tz);
        }
        Ok(sessions)
    })
    .await
}

#[server(endpoint = "sign_out_everywhere")]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        crate::server::auth::flows::sign_out_everywhere(&state, &user).await?;
        cx::redirect("/login");
        Ok(())
    })
    .await
}

#[server(endpoint = "list_tokens")]
pub async fn list_tokens() -> Result<Vec<ApiToken>, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        let tz = crate::server::tasks::user_tz(&user.time_zone);
        let shown = |raw: &str| crate::server::tasks::shown_at(raw, tz);
        let mut tokens = crate::server::repo::UserScope::new(&state.db, &user)
            .list_tokens()
            .await?;
        for t in &mut tokens {
            t.created_at = shown(&t.created_at);
            t.last_used_at = t.last_used_at.as_deref().map(shown);
            t.expires_at = t.expires_at.as_deref().map(shown);
        }
        Ok(tokens)
    })
    .await
}

#[server(endpoint = "create_token")]
pub async fn create_token(name: String, expires_in_days: Option<String>) -> Result<CreatedToken, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        // A form sends an empty field when no expiry is wanted.
        let days = match expires_in_days.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            None => None,
            Some(d) => Some(d.parse::<u32>().map_err(|_| {
                AppError::validation(
                    "expires_in_days",
                    "Expiry must be a whole number of days from 1 to 3650.",
                )
            })?),
        };
        let created = crate::server::auth::flows::create_token(&state, &user, &name, days).await?;
        // Without JavaScript the page reloads after the post: the value rides along in a short,
        // HttpOnly cookie for /settings only (never stored on the server), read once.
        if cx::is_form_post() {
            let secure = if state.config.secure_cookies { "; Secure" } else { "" };
            cx::set_cookie(&format!(
                "{NEW_TOKEN_COOKIE}={}; Path=/settings; Max-Age=120; HttpOnly; SameSite=Strict{secure}",
                created.value
            ));
        }
        Ok(created)
    })
    .await
}

/// The cookie that carries a token value just created to the page without JavaScript.
#[cfg(feature = "ssr")]
const NEW_TOKEN_COOKIE: &str = "taskpilot_new_token";

/// Takes the token value created by the last form post, if any: shown once, then gone. Only a
/// live token of this user is shown, so a cookie planted by someone else shows nothing.
#[server(endpoint = "take_new_token")]
pub async fn take_new_token() -> Result<Option<String>, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        let Some(value) = cx::cookie(NEW_TOKEN_COOKIE) else {
            return Ok(None);
        };
        cx::set_cookie(&format!(
            "{NEW_TOKEN_COOKIE}=; Path=/settings; Max-Age=0; HttpOnly; SameSite=Strict"
        ));
        let hash = crate::server::auth::tokens::hash_token(&value);
        let mine = crate::server::repo::UserScope::new(&state.db, &user)
            .has_token_hash(&hash)
            .await?;
        Ok(mine.then_some(value))
    })
    .await
}

#[server(endpoint = "revoke_token")]
pub async fn revoke_token(id: String) -> Result<(), AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        crate::server::repo::UserScope::new(&state.db, &user)
            .revoke_token(&id)
            .await
    })
    .await
}

/// Changes the password (the current one asked again); other devices are signed out.
#[server(endpoint = "change_password")]
pub async fn change_password(current_password: String, new_password: String) -> Result<(), AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        crate::server::auth::flows::change_password(&state, &user, &cx::client()?, &current_password, new_password)
            .await
    })
    .await
}

#[server(endpoint = "delete_account")]
pub async fn delete_account(password: String) -> Result<(), AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        crate::server::auth::flows::delete_account(&state, &user, &cx::client()?, &password).await?;
        cx::redirect("/signup");
        Ok(())
    })
    .await
}

/// The user's time zone (an IANA name such as `Europe/Paris`), used to read and show dates.
#[server(endpoint = "time_zone")]
pub async fn time_zone() -> Result<String, AppError> {
    respond(async { Ok(cx::user().await?.1.time_zone) }).await
}

#[server(endpoint = "set_time_zone")]
pub async fn set_time_zone(time_zone: String) -> Result<(), AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        let Some(tz) = crate::server::auth::flows::canonical_time_zone(&time_zone) else {
            return Err(AppError::validation(
                "time_zone",
                "Choose a time zone like Europe/Paris or America/New_York.",
            ));
        };
        crate::server::repo::UserScope::new(&state.db, &user)
            .set_time_zone(&tz)
            .await
    })
    .await
}
