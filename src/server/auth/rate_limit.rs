//! Rate limits for sign-in and sign-up, counted in the database so every instance shares them.
//! Windows are fixed in the table but read as a sliding window: the previous window's count
//! weighs in by the part of it still inside the last `window` of time, so a burst cannot pass
//! twice the limit across a boundary (and a limit does not reset on the minute).
use crate::error::AppError;
use crate::server::config::RateLimit;
use crate::server::now_millis;
use crate::server::repo::rate_limits;
use crate::server::state::AppState;

struct Window {
    start: i64,
    len: i64,
    now: i64,
}

impl Window {
    fn of(limit: &RateLimit) -> Self {
        let len = (limit.window.as_millis() as i64).max(1);
        let now = now_millis();
        Self {
            start: now - now.rem_euclid(len),
            len,
            now,
        }
    }

    /// The weight of the previous window: the share of it still within the last `len` ms.
    fn previous_weight(&self) -> f64 {
        1.0 - (self.now - self.start) as f64 / self.len as f64
    }

    fn limited(&self) -> AppError {
        let secs = ((self.start + self.len - self.now) as f64 / 1000.0).ceil().max(1.0) as u64;
        AppError::RateLimited { retry_after_secs: secs }
    }
}

/// The previous window's hits still counting, rounded up (so the limit errs on the strict side).
async fn previous(state: &AppState, bucket: &str, w: &Window) -> Result<f64, AppError> {
    Ok((rate_limits::peek(state.db.connection(), bucket, w.start - w.len).await? as f64 * w.previous_weight()).ceil())
}

/// Counts an attempt in `bucket`; refuses it when the limit is already used up.
pub async fn hit(state: &AppState, limit: Option<RateLimit>, bucket: &str) -> Result<(), AppError> {
    let Some(limit) = limit else { return Ok(()) };
    let w = Window::of(&limit);
    let current = rate_limits::hit(state.db.connection(), bucket, w.start).await? as f64;
    if current + previous(state, bucket, &w).await? > f64::from(limit.count) {
        return Err(w.limited());
    }
    Ok(())
}

/// Refuses when `bucket` already holds `limit.count` hits, without counting this one.
pub async fn check(state: &AppState, limit: Option<RateLimit>, bucket: &str) -> Result<(), AppError> {
    let Some(limit) = limit else { return Ok(()) };
    let w = Window::of(&limit);
    let current = rate_limits::peek(state.db.connection(), bucket, w.start).await? as f64;
    if current + previous(state, bucket, &w).await? >= f64::from(limit.count) {
        return Err(w.limited());
    }
    Ok(())
}

/// Counts without refusing (a failed sign-in is counted after it failed).
pub async fn record(state: &AppState, limit: Option<RateLimit>, bucket: &str) -> Result<(), AppError> {
    let Some(limit) = limit else { return Ok(()) };
    rate_limits::hit(state.db.connection(), bucket, Window::of(&limit).start)
        .await
        .map(|_| ())
}

pub async fn clear(state: &AppState, bucket: &str) -> Result<(), AppError> {
    rate_limits::clear(state.db.connection(), bucket).await
}
