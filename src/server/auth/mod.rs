//! Who is asking: passwords, sessions, API tokens, rate limits, and the one way to get the
//! current user — from the session cookie or a bearer token, never from a request body.
pub mod client;
pub mod flows;
pub mod password;
pub mod rate_limit;
pub mod session_store;
pub mod tokens;

use axum::extract::FromRequestParts;
use http::request::Parts;
use tower_sessions::{Expiry, Session};

use super::repo::accounts;
use super::state::AppState;
use crate::domain::user::User;
use crate::error::AppError;

/// The session cookie's name: `__Host-` prefixed when Secure (the prefix requires it).
pub fn session_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-taskpilot"
    } else {
        "taskpilot"
    }
}

/// Session data keys.
pub(crate) const SESSION_USER_ID: &str = "uid";
pub(crate) const SESSION_AUTH_AT: &str = "auth_at";
pub(crate) const SESSION_IP: &str = "ip";
pub(crate) const SESSION_USER_AGENT: &str = "ua";

/// A session lives 7 days from its last refresh, refreshed at most once a day, and never past
/// 30 days from sign-in.
pub const SESSION_IDLE_SECS: i64 = 7 * 86_400;
pub const SESSION_REFRESH_AFTER_SECS: i64 = 86_400;
pub const SESSION_ABSOLUTE_SECS: i64 = 30 * 86_400;

/// The authenticated user of this request. Only this module can make one, so holding one
/// proves authentication; `repo::UserScope` is built from it.
// The private field is the point: code outside this module cannot construct one.
#[allow(clippy::manual_non_exhaustive)]
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: User,
    pub time_zone: String,
    /// The version of the user's tasks, projects and notifications when this request
    /// authenticated (see `list_cache`).
    pub tasks_version: i64,
    /// The session when authenticated by cookie; `None` for a bearer token.
    pub session: Option<Session>,
    /// The user's reminder choices.
    pub settings: accounts::ReminderSettings,
    _private: (),
}

impl CurrentUser {
    fn from_record(record: accounts::UserRecord, session: Option<Session>) -> Self {
        Self {
            user: record.user,
            time_zone: record.time_zone,
            tasks_version: record.tasks_version,
            session,
            settings: record.settings,
            _private: (),
        }
    }

    pub fn id(&self) -> &str {
        &self.user.id
    }

    /// A user the repository tests act as, without a request to authenticate.
    #[cfg(test)]
    pub(crate) fn for_tests(record: super::repo::accounts::UserRecord) -> Self {
        Self::from_record(record, None)
    }
}

/// Resolves the current user from the request: the one already resolved for it (the page
/// guard's), else `Authorization: Bearer`, else the session.
pub async fn current_user(state: &AppState, parts: &Parts) -> Result<CurrentUser, AppError> {
    if let Some(user) = parts.extensions.get::<CurrentUser>() {
        return Ok(user.clone());
    }
    let user = resolve(state, parts).await?;
    tracing::Span::current().record("user_id", user.id());
    // every authenticated change counts against the user's writes per minute
    if !matches!(
        parts.method,
        http::Method::GET | http::Method::HEAD | http::Method::OPTIONS
    ) {
        state.quotas.write(user.id())?;
    }
    Ok(user)
}

/// The user whose calendar feed has this secret (the secret in the feed's address is its only
/// credential, stored hashed like an API token).
pub async fn calendar_user(state: &AppState, secret: &str) -> Result<Option<CurrentUser>, AppError> {
    if secret.is_empty() || secret.len() > 128 {
        return Ok(None);
    }
    let record = super::repo::calendar::user_for_feed_hash(&state.db, &tokens::hash_token(secret)).await?;
    Ok(record.map(|record| CurrentUser::from_record(record, None)))
}

/// The token of an `Authorization: Bearer` header, if the request has one.
pub fn bearer(parts: &Parts) -> Option<Result<&str, AppError>> {
    let header = parts.headers.get(http::header::AUTHORIZATION)?;
    Some(
        header
            .to_str()
            .ok()
            .and_then(|value| value.strip_prefix("Bearer ").or_else(|| value.strip_prefix("bearer ")))
            .map(str::trim)
            .filter(|t| !t.is_empty() && t.len() <= 256)
            .ok_or_else(AppError::unauthorized),
    )
}

/// The user behind the bearer token of a request to `/mcp`: an API token, or an OAuth access
/// token (which is good there only). `None` without a valid one.
pub async fn mcp_user(state: &AppState, parts: &Parts) -> Result<Option<CurrentUser>, AppError> {
    let Some(Ok(token)) = bearer(parts) else {
        return Ok(None);
    };
    let hash = tokens::hash_token(token);
    let record = if token.starts_with("tpa_") {
        super::repo::oauth::user_for_access_hash(&state.db, &hash).await?
    } else {
        super::repo::tokens::user_for_token_hash(&state.db, &hash).await?
    };
    let Some(record) = record else { return Ok(None) };
    let user = CurrentUser::from_record(record, None);
    tracing::Span::current().record("user_id", user.id());
    state.quotas.write(user.id())?;
    Ok(Some(user))
}

/// The user an operator names on the command line (`taskpilot mcp --user EMAIL`): whoever can
/// run the binary against the database may act as any user.
pub async fn local_user(db: &super::repo::Db, email: &str) -> Result<Option<CurrentUser>, AppError> {
    let Ok(email) = crate::domain::user::Email::parse(email) else {
        return Ok(None);
    };
    Ok(accounts::find_by_email(db.connection(), &email)
        .await?
        .map(|record| CurrentUser::from_record(record, None)))
}

async fn resolve(state: &AppState, parts: &Parts) -> Result<CurrentUser, AppError> {
    if let Some(token) = bearer(parts) {
        let token = token?;
        let record = super::repo::tokens::user_for_token_hash(&state.db, &tokens::hash_token(token))
            .await?
            .ok_or_else(|| AppError::Unauthorized {
                message: "This API token is not valid.".into(),
            })?;
        return Ok(CurrentUser::from_record(record, None));
    }
    let session = parts
        .extensions
        .get::<Session>()
        .cloned()
        .ok_or_else(AppError::unauthorized)?;
    user_from_session(state, session).await
}

async fn user_from_session(state: &AppState, session: Session) -> Result<CurrentUser, AppError> {
    let user_id: Option<String> = session.get(SESSION_USER_ID).await.map_err(session_err)?;
    let Some(user_id) = user_id else {
        return Err(AppError::unauthorized());
    };
    let now = chrono::Utc::now().timestamp();
    let auth_at: i64 = session
        .get::<i64>(SESSION_AUTH_AT)
        .await
        .map_err(session_err)?
        .unwrap_or(0);
    if now - auth_at >= SESSION_ABSOLUTE_SECS {
        session.flush().await.map_err(session_err)?;
        return Err(AppError::session_expired());
    }
    let Some(record) = accounts::find_by_id(&state.db, &user_id).await? else {
        session.flush().await.map_err(session_err)?;
        return Err(AppError::unauthorized());
    };
    // Slide the expiry forward, but write it at most once a day.
    let remaining = session.expiry_date().unix_timestamp() - now;
    if remaining < SESSION_IDLE_SECS - SESSION_REFRESH_AFTER_SECS {
        set_session_expiry(&session, now, auth_at);
    }
    Ok(CurrentUser::from_record(record, Some(session)))
}

pub(crate) fn set_session_expiry(session: &Session, now: i64, auth_at: i64) {
    let until = (now + SESSION_IDLE_SECS).min(auth_at + SESSION_ABSOLUTE_SECS);
    if let Ok(at) = time::OffsetDateTime::from_unix_timestamp(until) {
        session.set_expiry(Some(Expiry::AtDateTime(at)));
    }
}

pub(crate) fn session_err(err: tower_sessions::session::Error) -> AppError {
    tracing::error!(error = %err, "session store error");
    AppError::Unavailable
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        current_user(state, parts).await
    }
}
