//! Rate limits for sign-in and sign-up over fixed windows counted in the database, so that
//! every instance shares them.
use crate::error::AppError;
use crate::server::config::RateLimit;
use crate::server::now_millis;
use crate::server::repo::rate_limits;
use crate::server::state::AppState;

fn window(limit: &RateLimit) -> (i64, i64) {
    let len = limit.window.as_millis() as i64;
    let now = now_millis();
    let start = now - now.rem_euclid(len);
    (start, start + len)
}

fn limited(end: i64) -> AppError {
    let secs = ((end - now_millis()) as f64 / 1000.0).ceil().max(1.0) as u64;
    AppError::RateLimited { retry_after_secs: secs }
}

/// Counts an attempt in `bucket`; refuses it when the window is already full.
pub async fn hit(state: &AppState, limit: Option<RateLimit>, bucket: &str) -> Result<(), AppError> {
    let Some(limit) = limit else { return Ok(()) };
    let (start, end) = window(&limit);
    let count = rate_limits::hit(&state.db, bucket, start).await?;
    if count > i64::from(limit.count) {
        return Err(limited(end));
    }
    Ok(())
}

/// Refuses when `bucket` already holds `limit.count` hits, without counting this one.
pub async fn check(state: &AppState, limit: Option<RateLimit>, bucket: &str) -> Result<(), AppError> {
    let Some(limit) = limit else { return Ok(()) };
    let (start, end) = window(&limit);
    if rate_limits::peek(&state.db, bucket, start).await? >= i64::from(limit.count) {
        return Err(limited(end));
    }
    Ok(())
}

/// Counts without refusing (a failed sign-in is counted after it failed).
pub async fn record(state: &AppState, limit: Option<RateLimit>, bucket: &str) -> Result<(), AppError> {
    let Some(limit) = limit else { return Ok(()) };
    let (start, _) = window(&limit);
    rate_limits::hit(&state.db, bucket, start).await.map(|_| ())
}

pub async fn clear(state: &AppState, bucket: &str) -> Result<(), AppError> {
    rate_limits::clear(&state.db, bucket).await
}
