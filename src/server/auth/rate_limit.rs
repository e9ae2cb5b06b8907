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

    /// The previous window's hits still counting: weighed by the share of that window still
    /// within the last `len` ms, rounded up (so the limit errs on the strict side).
    fn weighed(&self, previous: u64) -> u64 {
        let remaining = (self.start + self.len - self.now).clamp(0, self.len) as u128;
        let len = self.len as u128;
        ((u128::from(previous) * remaining).div_ceil(len)) as u64
    }

    /// Refused, until the moment one more attempt would pass with the hits counted so far
    /// (`current` in this window, `previous` in the one before) — not merely the end of this
    /// window, as the previous one may still weigh then, and this one will weigh in the next.
    fn limited(&self, current: u64, previous: u64, limit: u32) -> AppError {
        let wait = retry_after_ms(self.start, self.len, self.now, current, previous, limit);
        let secs = (wait.max(0) as u64).div_ceil(1000).max(1);
        AppError::RateLimited { retry_after_secs: secs }
    }
}

/// How long after `now` one more attempt passes, if none is made meanwhile: while the hits
/// still counting plus that one exceed `limit`, it is refused. An attempt passes in this window
/// once the previous window's weight has fallen far enough, else in the next one once this
/// window's own weight has (`ceil(p * r / len) <= k` is `r <= floor(k * len / p)`).
fn retry_after_ms(start: i64, len: i64, now: i64, current: u64, previous: u64, limit: u32) -> i64 {
    let budget = i128::from(limit.max(1)) - 1;
    let (current, previous, len128) = (i128::from(current), i128::from(previous), i128::from(len));
    let end = start + len;
    // the first moment from `window_start` on when `hits` weigh at most `allowed`
    let after = |window_start: i64, hits: i128, allowed: i128| -> i64 {
        if hits == 0 {
            return window_start;
        }
        let remaining = (allowed * len128 / hits).min(len128);
        window_start + (len128 - remaining) as i64
    };
    if current <= budget {
        let at = after(start, previous, budget - current).max(now);
        if at < end {
            return at - now;
        }
    }
    (after(end, current, budget) - now).max(0)
}

/// The hits of the window before this one.
async fn previous(state: &AppState, bucket: &str, w: &Window) -> Result<u64, AppError> {
    Ok(rate_limits::peek(state.db.connection(), bucket, w.start - w.len)
        .await?
        .max(0) as u64)
}

/// Counts an attempt in `bucket`; refuses it when the limit is already used up.
pub async fn hit(state: &AppState, limit: Option<RateLimit>, bucket: &str) -> Result<(), AppError> {
    let Some(limit) = limit else { return Ok(()) };
    let w = Window::of(&limit);
    let current = rate_limits::hit(state.db.connection(), bucket, w.start).await?.max(0) as u64;
    let previous = previous(state, bucket, &w).await?;
    if current + w.weighed(previous) > u64::from(limit.count) {
        // this attempt is counted: the next one is what must pass
        return Err(w.limited(current, previous, limit.count));
    }
    Ok(())
}

/// Refuses when `bucket` already holds `limit.count` hits, without counting this one.
pub async fn check(state: &AppState, limit: Option<RateLimit>, bucket: &str) -> Result<(), AppError> {
    let Some(limit) = limit else { return Ok(()) };
    let w = Window::of(&limit);
    let current = rate_limits::peek(state.db.connection(), bucket, w.start).await?.max(0) as u64;
    let previous = previous(state, bucket, &w).await?;
    if current + w.weighed(previous) >= u64::from(limit.count) {
        return Err(w.limited(current, previous, limit.count));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether one more attempt at `t` passes, as `hit` decides it, with `current` and
    /// `previous` the hits counted so far in the window at `start` and the one before.
    fn passes(start: i64, len: i64, t: i64, current: u64, previous: u64, limit: u32) -> bool {
        let (in_window, before) = if t < start + len {
            (current + 1, previous)
        } else if t < start + 2 * len {
            (1, current)
        } else {
            (1, 0)
        };
        let w = Window {
            start: start + (t - start) / len * len,
            len,
            now: t,
        };
        in_window + w.weighed(before) <= u64::from(limit)
    }

    #[test]
    fn retry_after_is_the_first_moment_an_attempt_passes() {
        let len = 900_000;
        let start = 10 * len;
        for limit in [1_u32, 2, 5, 10] {
            for current in 0..=u64::from(limit) + 3 {
                for previous in [0_u64, 1, 3, 5, 9, 12] {
                    for offset in [0, 1, len / 3, len / 2, len - 1] {
                        let now = start + offset;
                        let wait = retry_after_ms(start, len, now, current, previous, limit);
                        let at = now + wait;
                        let case =
                            format!("limit {limit}, current {current}, previous {previous}, now +{offset}: {wait} ms");
                        assert!(passes(start, len, at, current, previous, limit), "refused then: {case}");
                        if wait > 0 {
                            assert!(
                                !passes(start, len, at - 1, current, previous, limit),
                                "passes sooner: {case}"
                            );
                        }
                    }
                }
            }
        }
    }
}
