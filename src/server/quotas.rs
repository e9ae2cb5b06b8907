//! The per-user limits that count what happens in this process: writes per minute and assistant
//! turns in flight. (Counts of stored rows — tasks, projects, conversations, tokens, messages a
//! day — are checked by the repository against the database, so every instance sees the same.)
//!
//! Both are kept per instance, which is what they protect (this process's CPU and its calls to a
//! paid model), and both are bounded: the write counters hold one entry per user who wrote in
//! the current minute (older windows are swept as the map grows), the turn counters one per user
//! with a turn running.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use super::config::QuotaConfig;
use crate::error::AppError;

/// How many users' write counters are kept at most; past it (only possible with that many
/// distinct users writing within one minute) new users are not counted rather than growing.
const MAX_TRACKED_WRITERS: usize = 200_000;

pub struct Quotas {
    pub config: QuotaConfig,
    epoch: Instant,
    writes: Mutex<HashMap<String, (u64, u64)>>,
    turns: Mutex<HashMap<String, u64>>,
}

impl Quotas {
    pub fn new(config: QuotaConfig) -> Arc<Self> {
        Arc::new(Self {
            config,
            epoch: Instant::now(),
            writes: Mutex::new(HashMap::new()),
            turns: Mutex::new(HashMap::new()),
        })
    }

    fn minute(&self) -> (u64, u64) {
        let secs = self.epoch.elapsed().as_secs();
        (secs / 60, 60 - secs % 60)
    }

    /// Counts one write by `user_id`; refuses it past `QUOTA_WRITES_PER_MINUTE`.
    pub fn write(&self, user_id: &str) -> Result<(), AppError> {
        let limit = self.config.writes_per_minute;
        if limit == 0 {
            return Ok(());
        }
        let (minute, left) = self.minute();
        let Ok(mut writes) = self.writes.lock() else {
            return Ok(());
        };
        if writes.len() >= MAX_TRACKED_WRITERS / 2 {
            writes.retain(|_, (window, _)| *window == minute);
        }
        if !writes.contains_key(user_id) && writes.len() >= MAX_TRACKED_WRITERS {
            return Ok(());
        }
        let entry = writes.entry(user_id.to_owned()).or_insert((minute, 0));
        if entry.0 != minute {
            *entry = (minute, 0);
        }
        if entry.1 >= limit {
            return Err(AppError::RateLimited { retry_after_secs: left });
        }
        entry.1 += 1;
        Ok(())
    }

    /// Starts an assistant turn for `user_id`; refuses it when `QUOTA_TURNS_IN_FLIGHT` are
    /// already running. The turn counts until the guard is dropped.
    pub fn start_turn(self: &Arc<Self>, user_id: &str) -> Result<TurnGuard, AppError> {
        let limit = self.config.turns_in_flight;
        let mut turns = self.turns.lock().map_err(|_| AppError::Internal)?;
        let running = turns.entry(user_id.to_owned()).or_insert(0);
        if limit > 0 && *running >= limit {
            if *running == 0 {
                turns.remove(user_id);
            }
            return Err(AppError::RateLimited { retry_after_secs: 5 });
        }
        *running += 1;
        Ok(TurnGuard {
            quotas: Arc::clone(self),
            user_id: user_id.to_owned(),
        })
    }

    /// How many users have a counter (for tests of the bound).
    pub fn tracked(&self) -> (usize, usize) {
        let writes = self.writes.lock().map(|w| w.len()).unwrap_or(0);
        let turns = self.turns.lock().map(|t| t.len()).unwrap_or(0);
        (writes, turns)
    }
}

/// One running turn; dropping it ends the turn's count.
pub struct TurnGuard {
    quotas: Arc<Quotas>,
    user_id: String,
}

impl Drop for TurnGuard {
    fn drop(&mut self) {
        if let Ok(mut turns) = self.quotas.turns.lock() {
            if let Some(running) = turns.get_mut(&self.user_id) {
                *running = running.saturating_sub(1);
                if *running == 0 {
                    turns.remove(&self.user_id);
                }
            }
        }
    }
}

/// The message of a count quota that is used up.
pub fn over_count(what: &str, limit: u64) -> AppError {
    AppError::Conflict {
        message: format!("You have reached the limit of {limit} {what}. Delete some to make room."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotas(writes: u64, turns: u64) -> Arc<Quotas> {
        Quotas::new(QuotaConfig {
            writes_per_minute: writes,
            turns_in_flight: turns,
            ..Default::default()
        })
    }

    #[test]
    fn writes_are_limited_per_user_per_minute() {
        let q = quotas(3, 2);
        for _ in 0..3 {
            q.write("a").unwrap();
        }
        assert!(matches!(q.write("a"), Err(AppError::RateLimited { .. })));
        q.write("b").unwrap();
        assert!(quotas(0, 2).write("a").is_ok());
    }

    #[test]
    fn turns_in_flight_end_with_their_guard_and_leave_nothing_behind() {
        let q = quotas(3, 2);
        let one = q.start_turn("a").unwrap();
        let two = q.start_turn("a").unwrap();
        assert!(matches!(q.start_turn("a"), Err(AppError::RateLimited { .. })));
        let other = q.start_turn("b").unwrap();
        drop(one);
        let three = q.start_turn("a").unwrap();
        drop((two, three, other));
        assert_eq!(q.tracked().1, 0);
    }
}
