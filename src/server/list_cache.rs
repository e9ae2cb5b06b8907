//! The JSON API's task-list pages, kept per user and query for as long as they are current.
//!
//! Every authenticated request reads the user's row, and with it `tasks_version`, which the
//! database bumps by trigger in the same transaction as any change to the user's tasks (from
//! any instance). A page is served from here only when it was rendered from that same version
//! and on the same local day (the due filters depend on it); "overdue" depends on the minute and
//! is never kept. The version is read before the page is, so a page is never older than the
//! version it is stored under: a change after the version was read only makes the stored page
//! newer than its key, and the next request, seeing the new version, renders it again.
//!
//! Keyed by the *parsed* query (so junk in a URL can never make a new entry: unknown parameters
//! are refused before this), and bounded by `LIST_CACHE_MB` counted honestly — each entry's key,
//! body and bookkeeping — and by [`PAGES_PER_USER`]. When full, whole users' pages are dropped,
//! arbitrary ones first.
use std::collections::HashMap;
use std::sync::Mutex;

use axum::body::Bytes;

use crate::domain::query::TaskQuery;

/// At most this many pages are kept for one user; past it one of theirs makes room.
pub const PAGES_PER_USER: usize = 32;

struct Page {
    version: i64,
    day: i64,
    body: Bytes,
}

/// What one entry costs: its key (with the strings it owns), its page, and the map's own
/// bookkeeping, taken as the size of the slot again.
fn entry_cost(query: &TaskQuery, page: &Page) -> usize {
    let strings = [&query.tag, &query.q, &query.cursor]
        .into_iter()
        .map(|s| s.as_ref().map_or(0, String::capacity))
        .sum::<usize>();
    2 * (std::mem::size_of::<TaskQuery>() + std::mem::size_of::<Page>()) + strings + page.body.len()
}

/// One user's pages and what they cost.
#[derive(Default)]
struct UserPages {
    pages: HashMap<TaskQuery, Page>,
    bytes: usize,
}

#[derive(Default)]
struct Pages {
    by_user: HashMap<String, UserPages>,
    bytes: usize,
}

impl Pages {
    /// What a user's entry in the outer map costs besides its pages.
    fn user_cost(user_id: &str) -> usize {
        2 * std::mem::size_of::<(String, UserPages)>() + user_id.len()
    }

    fn drop_user(&mut self, user_id: &str) {
        if let Some(gone) = self.by_user.remove(user_id) {
            self.bytes -= gone.bytes + Self::user_cost(user_id);
        }
    }
}

pub struct ListCache {
    budget: usize,
    pages: Mutex<Pages>,
}

impl ListCache {
    pub fn new(budget_mb: u64) -> Self {
        Self {
            budget: super::config::mib_to_bytes(budget_mb),
            pages: Mutex::new(Pages::default()),
        }
    }

    /// The page for this user and query, if it is still current. `day`: the start of the
    /// user's local day.
    pub fn get(&self, user_id: &str, version: i64, query: &TaskQuery, day: i64) -> Option<Bytes> {
        let pages = self.pages.lock().ok()?;
        pages
            .by_user
            .get(user_id)?
            .pages
            .get(query)
            .filter(|page| page.version == version && page.day == day)
            .map(|page| page.body.clone())
    }

    /// Keeps a page rendered for this user, from the version read when they authenticated.
    pub fn put(&self, user_id: &str, version: i64, query: TaskQuery, day: i64, body: Bytes) {
        let page = Page { version, day, body };
        let cost = entry_cost(&query, &page);
        // one page may take at most a sixteenth of the budget (with no budget, nothing is kept)
        if cost > self.budget / 16 {
            return;
        }
        let Ok(mut guard) = self.pages.lock() else {
            return;
        };
        let pages = &mut *guard;
        // an old version's pages are useless: start the user over
        if pages
            .by_user
            .get(user_id)
            .is_some_and(|own| own.pages.values().any(|p| p.version != version || p.day != day))
        {
            pages.drop_user(user_id);
        }
        if let Some(own) = pages.by_user.get_mut(user_id) {
            let replaced = own.pages.remove(&query).map(|old| entry_cost(&query, &old));
            let evicted = match replaced {
                Some(_) => None,
                None if own.pages.len() >= PAGES_PER_USER => {
                    let victim = own.pages.keys().next().cloned();
                    victim.and_then(|k| own.pages.remove(&k).map(|old| entry_cost(&k, &old)))
                }
                None => None,
            };
            let freed = replaced.or(evicted).unwrap_or(0);
            own.bytes -= freed;
            pages.bytes -= freed;
        }
        let needed = cost
            + if pages.by_user.contains_key(user_id) {
                0
            } else {
                Pages::user_cost(user_id)
            };
        while pages.bytes + needed > self.budget {
            let Some(victim) = pages.by_user.keys().find(|k| k.as_str() != user_id).cloned() else {
                break;
            };
            pages.drop_user(&victim);
        }
        if pages.bytes + needed > self.budget {
            // the user's own pages are all that is left and still too much: start them over
            pages.drop_user(user_id);
        }
        if !pages.by_user.contains_key(user_id) {
            pages.bytes += Pages::user_cost(user_id);
        }
        let own = pages.by_user.entry(user_id.to_owned()).or_default();
        own.bytes += cost;
        own.pages.insert(query, page);
        pages.bytes += cost;
    }

    /// What the kept pages cost, counted as `put` counts it (for tests and benchmarks).
    pub fn bytes(&self) -> usize {
        self.pages.lock().map(|p| p.bytes).unwrap_or(0)
    }

    /// How many pages are kept.
    pub fn len(&self) -> usize {
        self.pages
            .lock()
            .map(|p| p.by_user.values().map(|u| u.pages.len()).sum())
            .unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(n: usize) -> TaskQuery {
        TaskQuery {
            limit: 50,
            q: Some(format!("search {n}")),
            ..Default::default()
        }
    }

    #[test]
    fn pages_are_kept_per_version_and_day() {
        let cache = ListCache::new(1);
        cache.put("u", 1, query(1), 7, Bytes::from_static(b"[]"));
        assert_eq!(cache.get("u", 1, &query(1), 7).as_deref(), Some(&b"[]"[..]));
        assert!(cache.get("u", 2, &query(1), 7).is_none());
        assert!(cache.get("u", 1, &query(1), 8).is_none());
        assert!(cache.get("v", 1, &query(1), 7).is_none());
    }

    #[test]
    fn one_user_cannot_grow_it_past_the_cap_or_the_budget() {
        let cache = ListCache::new(1);
        for n in 0..10_000 {
            cache.put("u", 1, query(n), 7, Bytes::from_static(b"{\"items\":[]}"));
        }
        assert_eq!(cache.len(), PAGES_PER_USER);
        // counted honestly: more than the bodies alone
        assert!(cache.bytes() > PAGES_PER_USER * 12);
        // many users: the budget holds, keys and bookkeeping included
        for user in 0..100_000 {
            cache.put(&format!("user-{user}"), 1, query(user), 7, Bytes::from(vec![b'x'; 100]));
            assert!(cache.bytes() <= 1024 * 1024);
        }
    }

    #[test]
    fn a_new_version_replaces_the_users_old_pages() {
        let cache = ListCache::new(1);
        for n in 0..5 {
            cache.put("u", 1, query(n), 7, Bytes::from_static(b"old"));
        }
        cache.put("u", 2, query(9), 7, Bytes::from_static(b"new"));
        assert_eq!(cache.len(), 1);
        let before = cache.bytes();
        cache.put("u", 2, query(9), 7, Bytes::from_static(b"new"));
        assert_eq!(cache.bytes(), before);
    }
}
