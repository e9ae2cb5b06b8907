//! Task rows as `/tasks` rendered them, keyed by everything they were rendered from.
//!
//! A row of the dashboard is a pure function of its task as the dashboard sees it (due label,
//! overdue flag, depth, ancestors, project name — all computed before rendering) and of the
//! list around it (its address, which subtasks are unfolded, which task gets a subtask). The
//! key is all of that, written out in full and compared exactly, so a row served from here is
//! byte for byte what rendering it again would give: nothing to invalidate, nothing another
//! user's request could ever be given (the key holds the task's id and every field the row
//! shows). Rendering a row costs tens of microseconds in Leptos; finding it here, one
//! serialization and a hash (`benches/RESULTS.md`).
//!
//! Bounded by `ROW_CACHE_MB`, counted honestly (keys, rows and bookkeeping), in two
//! generations: rows are added to the current one, and when it holds half the budget the
//! previous one is dropped and the current becomes the previous. A row found in the previous
//! generation moves back to the current one, so rows still being shown survive and rows nobody
//! opens any more leave within two generations.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// What an entry costs besides its key and row: the map's slot and the row's reference count.
const ENTRY_OVERHEAD: usize = 64;

#[derive(Default)]
struct Generations {
    current: HashMap<Box<str>, Arc<str>>,
    current_bytes: usize,
    previous: HashMap<Box<str>, Arc<str>>,
    previous_bytes: usize,
}

impl Generations {
    fn cost(key: &str, row: &str) -> usize {
        key.len() + row.len() + ENTRY_OVERHEAD
    }

    /// Adds to the current generation, turning it into the previous one first when `cost`
    /// would take it past `half`.
    fn insert(&mut self, key: Box<str>, row: Arc<str>, half: usize) {
        let cost = Self::cost(&key, &row);
        if self.current_bytes + cost > half {
            self.previous = std::mem::take(&mut self.current);
            self.previous_bytes = std::mem::take(&mut self.current_bytes);
        }
        let key_len = key.len();
        if let Some(old) = self.current.insert(key, row) {
            self.current_bytes -= key_len + old.len() + ENTRY_OVERHEAD;
        }
        self.current_bytes += cost;
    }
}

pub struct RowCache {
    budget: usize,
    rows: Mutex<Generations>,
}

impl RowCache {
    pub fn new(budget_mb: u64) -> Self {
        Self {
            budget: super::config::mib_to_bytes(budget_mb),
            rows: Mutex::new(Generations::default()),
        }
    }

    pub fn enabled(&self) -> bool {
        self.budget > 0
    }

    /// The row rendered from exactly `key`, if it is kept.
    pub fn get(&self, key: &str) -> Option<Arc<str>> {
        let mut rows = self.rows.lock().ok()?;
        if let Some(row) = rows.current.get(key) {
            return Some(row.clone());
        }
        let (key, row) = rows.previous.remove_entry(key)?;
        rows.previous_bytes -= Generations::cost(&key, &row);
        rows.insert(key, row.clone(), self.budget / 2);
        Some(row)
    }

    /// Keeps the row rendered from `key` (a row larger than a sixteenth of the budget is not
    /// kept; with no budget, nothing is).
    pub fn put(&self, key: String, row: Arc<str>) {
        if Generations::cost(&key, &row) > self.budget / 16 {
            return;
        }
        if let Ok(mut rows) = self.rows.lock() {
            rows.insert(key.into_boxed_str(), row, self.budget / 2);
        }
    }

    /// The memory the kept rows take, as counted against the budget.
    pub fn bytes(&self) -> usize {
        self.rows
            .lock()
            .map_or(0, |rows| rows.current_bytes + rows.previous_bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(n: usize) -> Arc<str> {
        Arc::from("x".repeat(n).as_str())
    }

    #[test]
    fn a_row_is_found_only_under_exactly_its_key() {
        let cache = RowCache::new(1);
        cache.put("3:abc".into(), Arc::from("<tr>abc</tr>"));
        assert_eq!(cache.get("3:abc").as_deref(), Some("<tr>abc</tr>"));
        assert!(cache.get("3:abd").is_none());
        assert!(cache.get("3:ab").is_none());
        // a newer rendering under the same key replaces the old, counted once
        cache.put("3:abc".into(), Arc::from("<tr>new</tr>"));
        assert_eq!(cache.get("3:abc").as_deref(), Some("<tr>new</tr>"));
        assert_eq!(cache.bytes(), 5 + 12 + ENTRY_OVERHEAD);
    }

    #[test]
    fn no_budget_keeps_nothing_and_the_budget_holds() {
        let off = RowCache::new(0);
        assert!(!off.enabled());
        off.put("k".into(), row(10));
        assert!(off.get("k").is_none());

        let cache = RowCache::new(1); // 1 MiB: generations of 512 KiB
        for i in 0..2_000 {
            cache.put(format!("key {i}"), row(2_000));
            assert!(cache.bytes() <= 1024 * 1024, "{} bytes after {i} rows", cache.bytes());
        }
        // the newest rows are kept, the oldest are gone
        assert!(cache.get("key 1999").is_some());
        assert!(cache.get("key 0").is_none());
        // a row too large for a sixteenth of the budget is not kept
        cache.put("big".into(), row(70_000));
        assert!(cache.get("big").is_none());
    }

    #[test]
    fn rows_still_shown_survive_the_turn_of_a_generation() {
        let cache = RowCache::new(1);
        cache.put("shown".into(), row(1_000));
        // fill more than two generations (about 480 rows each), reading the shown row now and then
        for i in 0..1_200 {
            cache.put(format!("other {i}"), row(1_000));
            if i % 100 == 0 {
                assert!(cache.get("shown").is_some(), "lost after {i} rows");
            }
        }
        assert!(cache.get("shown").is_some());
        assert!(
            cache.get("other 0").is_none(),
            "an unread old row outlived two generations"
        );
    }
}
