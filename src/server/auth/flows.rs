//! Sign-up, sign-in, sign-out and account deletion, shared by the server functions and the
//! JSON API so both give the same answers, limits and timing.
use tower_sessions::Session;

use super::client::ClientInfo;
use super::{password, rate_limit, session_err, set_session_expiry, tokens, CurrentUser};
use super::{SESSION_AUTH_AT, SESSION_IP, SESSION_USER_AGENT, SESSION_USER_ID};
use crate::domain::user::{parse_name, parse_token_name, CreatedToken, Email, NewPassword, User};
use crate::error::AppError;
use crate::server::repo::{accounts, UserScope};
use crate::server::state::AppState;

pub struct SignupInput {
    pub name: String,
    pub email: String,
    pub password: String,
    pub time_zone: Option<String>,
}

/// The one answer for an unknown email and a wrong password.
pub fn invalid_credentials() -> AppError {
    AppError::Unauthorized {
        message: "Incorrect email or password.".into(),
    }
}

#[tracing::instrument(skip_all)]
pub async fn signup(
    state: &AppState,
    session: &Session,
    client: &ClientInfo,
    input: SignupInput,
) -> Result<User, AppError> {
    rate_limit::hit(
        state,
        state.config.rate_limit_signup_per_ip,
        &format!("signup:ip:{}", client.rate_key()),
    )
    .await?;
    let name = parse_name(&input.name)?;
    let email = Email::parse(&input.email)?;
    let password = NewPassword::parse(input.password)?;
    let time_zone = input
        .time_zone
        .and_then(|tz| canonical_time_zone(&tz))
        .unwrap_or_else(|| "UTC".into());
    let hash = password::hash(state, password.expose()).await?;
    let record = accounts::create_with_password(state.db.connection(), &email, &name, hash, &time_zone).await?;
    start_session(session, client, &record.user.id).await?;
    tracing::info!(user_id = %record.user.id, "signed up");
    Ok(record.user)
}

#[tracing::instrument(skip_all)]
pub async fn login(
    state: &AppState,
    session: &Session,
    client: &ClientInfo,
    email: &str,
    password_text: &str,
) -> Result<User, AppError> {
    let email = Email::parse(email).map_err(|_| invalid_credentials())?;
    let found = check_password(state, client, &email, password_text).await?;
    let record = found.ok_or_else(invalid_credentials)?;
    start_session(session, client, &record.user.id).await?;
    tracing::info!(user_id = %record.user.id, "signed in");
    Ok(record.user)
}

/// One attempt at a password, counted against the limits *before* the hash is checked, so
/// parallel guesses get no more tries than serial ones: the client's bucket counts every attempt,
/// the email's bucket too, and a right password clears the email's. Returns the user when the
/// password is theirs. Sign-in and re-authentication (account deletion) both go through here.
async fn check_password(
    state: &AppState,
    client: &ClientInfo,
    email: &Email,
    password_text: &str,
) -> Result<Option<accounts::UserRecord>, AppError> {
    rate_limit::hit(
        state,
        state.config.rate_limit_login_per_ip,
        &format!("login:ip:{}", client.rate_key()),
    )
    .await?;
    let email_bucket = format!("login:email:{}", email.as_str());
    rate_limit::hit(state, state.config.rate_limit_login_per_email, &email_bucket).await?;
    let found = accounts::find_with_password(state.db.connection(), email).await?;
    let (record, stored) = match found {
        Some((record, hash)) => (Some(record), Some(hash)),
        None => (None, None),
    };
    let ok = password::verify(state, password_text, stored).await?;
    let record = record.filter(|_| ok);
    if record.is_some() {
        rate_limit::clear(state, &email_bucket).await?;
    }
    Ok(record)
}

/// A fresh session id for the signed-in user (no fixation), lasting 7 days and sliding.
async fn start_session(session: &Session, client: &ClientInfo, user_id: &str) -> Result<(), AppError> {
    session.cycle_id().await.map_err(session_err)?;
    session.clear().await;
    let now = chrono::Utc::now().timestamp();
    session.insert(SESSION_USER_ID, user_id).await.map_err(session_err)?;
    session.insert(SESSION_AUTH_AT, now).await.map_err(session_err)?;
    session
        .insert(SESSION_IP, client.ip.clone())
        .await
        .map_err(session_err)?;
    session
        .insert(SESSION_USER_AGENT, client.user_agent.clone())
        .await
        .map_err(session_err)?;
    set_session_expiry(session, now, now);
    Ok(())
}

/// Ends this session on the server: the row is deleted and the cookie removed.
pub async fn logout(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(session_err)
}

/// Deletes the account after checking its password again; a wrong password deletes nothing.
#[tracing::instrument(skip_all, fields(user_id = %user.id()))]
pub async fn delete_account(
    state: &AppState,
    user: &CurrentUser,
    client: &ClientInfo,
    password_text: &str,
) -> Result<(), AppError> {
    let email = Email::parse(&user.user.email).map_err(|_| AppError::Internal)?;
    let confirmed = check_password(state, client, &email, password_text)
        .await?
        .is_some_and(|record| record.user.id == user.id());
    if !confirmed {
        return Err(AppError::Unauthorized {
            message: "That password is not correct.".into(),
        });
    }
    if let Some(session) = &user.session {
        session.flush().await.map_err(session_err)?;
    }
    accounts::delete(state.db.connection(), user.id()).await?;
    tracing::info!("account deleted");
    Ok(())
}

/// Changes the password after checking the current one (rate-limited as signing in is): every
/// other session of the user ends, and this browser gets a fresh session. API tokens and
/// connected apps keep working (revoke those on /settings).
#[tracing::instrument(skip_all, fields(user_id = %user.id()))]
pub async fn change_password(
    state: &AppState,
    user: &CurrentUser,
    client: &ClientInfo,
    current: &str,
    new: String,
) -> Result<(), AppError> {
    let Some(session) = &user.session else {
        return Err(AppError::Forbidden {
            message:
                "Change your password while signed in (on /settings or with the session cookie), not with a token."
                    .into(),
        });
    };
    let new = NewPassword::parse(new).map_err(|e| AppError::validation("new_password", e.message))?;
    let email = Email::parse(&user.user.email).map_err(|_| AppError::Internal)?;
    let confirmed = check_password(state, client, &email, current)
        .await?
        .is_some_and(|record| record.user.id == user.id());
    if !confirmed {
        return Err(AppError::validation(
            "current_password",
            "That is not your current password.",
        ));
    }
    if new.expose() == current {
        return Err(AppError::validation(
            "new_password",
            "Choose a new password, different from the current one.",
        ));
    }
    let hash = password::hash(state, new.expose()).await?;
    accounts::replace_password(state.db.connection(), user.id(), hash).await?;
    start_session(session, client, user.id()).await?;
    tracing::info!("password changed; other sessions ended");
    Ok(())
}

/// Ends every session of the user, this one included.
pub async fn sign_out_everywhere(state: &AppState, user: &CurrentUser) -> Result<u64, AppError> {
    let ended = UserScope::new(&state.db, user).end_all_sessions().await?;
    if let Some(session) = &user.session {
        session.flush().await.map_err(session_err)?;
    }
    Ok(ended)
}

/// An IANA zone name as the browser reports it (`Europe/Paris`); anything else is ignored.
pub fn valid_time_zone(tz: &str) -> bool {
    !tz.is_empty()
        && tz.len() <= 64
        && tz
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '+'))
}

/// A zone this server knows, by its IANA name in any case (`europe/london` is
/// `Europe/London`); `None` for anything else.
pub fn canonical_time_zone(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if !valid_time_zone(raw) {
        return None;
    }
    if let Ok(tz) = raw.parse::<chrono_tz::Tz>() {
        return Some(tz.name().to_owned());
    }
    chrono_tz::TZ_VARIANTS
        .iter()
        .find(|tz| tz.name().eq_ignore_ascii_case(raw))
        .map(|tz| tz.name().to_owned())
}

/// Creates a token for the user; its value is returned here and never again.
pub async fn create_token(
    state: &AppState,
    user: &CurrentUser,
    name: &str,
    expires_in_days: Option<u32>,
) -> Result<CreatedToken, AppError> {
    let name = parse_token_name(name)?;
    let expires_at = match expires_in_days {
        // left out: it never expires (0 is refused with the others, not read as "never")
        None => None,
        Some(days @ 1..=3650) => Some(crate::server::now_millis() + i64::from(days) * 86_400_000),
        Some(_) => {
            return Err(AppError::validation(
                "expires_in_days",
                "Expiry must be a whole number of days from 1 to 3650 (or left out: it never expires).",
            ))
        }
    };
    let value = tokens::generate_token()?;
    let token = UserScope::new(&state.db, user)
        .create_token(&name, tokens::hash_token(&value), expires_at)
        .await?;
    Ok(CreatedToken { token, value })
}
