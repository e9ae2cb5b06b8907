//! Rendered answers kept per user for as long as they are current: the JSON API's task-list
//! pages ([`ListCache`]) and the dashboard's pages (`server::page_cache`).
//!
//! Every authenticated request reads the user's row, and with it `tasks_version`, which the
//! database bumps by trigger in the same transaction as any change to the user's tasks, projects
//! or notifications (from any instance). An answer is served from here only when its *stamp* —
//! that version and whatever else it was rendered from (the local day for a list, the user's
//! own fields for a dashboard page) — is the request's. The version is read before the answer
//! is rendered, so an answer is never older than the version it is stored under: a change after
//! the version was read only makes the stored answer newer than its key, and the next request,
//! seeing the new version, renders it again.
//!
//! The JSON lists are keyed by the *parsed* query (so junk in a URL can never make a new entry:
//! unknown parameters are refused before this); "overdue" depends on the minute and is never
//! kept. Bounded by a budget in MiB counted honestly — each entry's key, stamp, value and
//! bookkeeping — and by a number of entries per user. When full, whole users' entries are
//! dropped, arbitrary ones first.
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;

use axum::body::Bytes;

use crate::domain::query::TaskQuery;

/// At most this many list pages are kept for one user; past it one of theirs makes room.
pub const PAGES_PER_USER: usize = 32;

/// The JSON lists: a page per parsed query, stamped with the tasks' version and the start of
/// the user's local day (the due filters depend on it).
pub type ListCache = UserCache<TaskQuery, (i64, i64), Bytes>;

impl ListCache {
    pub fn new(budget_mb: u64) -> Self {
        Self::with_budget(budget_mb, PAGES_PER_USER)
    }
}

/// The memory a key, stamp or value owns besides its own size.
pub trait Owned {
    fn owned_bytes(&self) -> usize;
}

impl Owned for TaskQuery {
    fn owned_bytes(&self) -> usize {
        [&self.tag, &self.q, &self.cursor]
            .into_iter()
            .map(|s| s.as_ref().map_or(0, String::capacity))
            .sum()
    }
}

impl Owned for String {
    fn owned_bytes(&self) -> usize {
        self.capacity()
    }
}

impl Owned for Bytes {
    fn owned_bytes(&self) -> usize {
        self.len()
    }
}

impl Owned for (i64, i64) {
    fn owned_bytes(&self) -> usize {
        0
    }
}

impl Owned for (i64, String) {
    fn owned_bytes(&self) -> usize {
        self.1.capacity()
    }
}

struct Kept<S, V> {
    stamp: S,
    value: V,
}

/// What one entry costs: its key, stamp and value (with what they own), and the map's own
/// bookkeeping, taken as the size of the slot again.
fn entry_cost<K: Owned, S: Owned, V: Owned>(key: &K, kept: &Kept<S, V>) -> usize {
    2 * (std::mem::size_of::<K>() + std::mem::size_of::<Kept<S, V>>())
        + key.owned_bytes()
        + kept.stamp.owned_bytes()
        + kept.value.owned_bytes()
}

/// One user's entries and what they cost.
struct UserEntries<K, S, V> {
    entries: HashMap<K, Kept<S, V>>,
    bytes: usize,
}

impl<K, S, V> Default for UserEntries<K, S, V> {
    fn default() -> Self {
        Self {
            entries: HashMap::new(),
            bytes: 0,
        }
    }
}

struct Users<K, S, V> {
    by_user: HashMap<String, UserEntries<K, S, V>>,
    bytes: usize,
}

impl<K, S, V> Users<K, S, V> {
    /// What a user's entry in the outer map costs besides their entries.
    fn user_cost(user_id: &str) -> usize {
        2 * std::mem::size_of::<(String, UserEntries<K, S, V>)>() + user_id.len()
    }

    fn drop_user(&mut self, user_id: &str) {
        if let Some(gone) = self.by_user.remove(user_id) {
            self.bytes -= gone.bytes + Self::user_cost(user_id);
        }
    }
}

/// Values kept per user and key, each under the stamp it was made from.
pub struct UserCache<K, S, V> {
    budget: usize,
    per_user: usize,
    users: Mutex<Users<K, S, V>>,
}

impl<K, S, V> UserCache<K, S, V>
where
    K: Hash + Eq + Clone + Owned,
    S: PartialEq + Owned,
    V: Clone + Owned,
{
    /// A cache of at most `budget_mb` MiB (0: nothing is kept) and `per_user` entries a user.
    pub fn with_budget(budget_mb: u64, per_user: usize) -> Self {
        Self {
            budget: super::config::mib_to_bytes(budget_mb),
            per_user,
            users: Mutex::new(Users {
                by_user: HashMap::new(),
                bytes: 0,
            }),
        }
    }

    /// Whether anything can be kept at all.
    pub fn enabled(&self) -> bool {
        self.budget > 0
    }

    /// The value kept for this user and key, if it was made under this stamp.
    pub fn get(&self, user_id: &str, stamp: &S, key: &K) -> Option<V> {
        let users = self.users.lock().ok()?;
        users
            .by_user
            .get(user_id)?
            .entries
            .get(key)
            .filter(|kept| kept.stamp == *stamp)
            .map(|kept| kept.value.clone())
    }

    /// Keeps a value made for this user under `stamp` (the one read when they authenticated).
    pub fn put(&self, user_id: &str, stamp: S, key: K, value: V) {
        let kept = Kept { stamp, value };
        let cost = entry_cost(&key, &kept);
        // one entry may take at most a sixteenth of the budget (with no budget, nothing is kept)
        if cost > self.budget / 16 {
            return;
        }
        let Ok(mut guard) = self.users.lock() else {
            return;
        };
        let users = &mut *guard;
        // what an older stamp made is useless: start the user over
        if users
            .by_user
            .get(user_id)
            .is_some_and(|own| own.entries.values().any(|k| k.stamp != kept.stamp))
        {
            users.drop_user(user_id);
        }
        if let Some(own) = users.by_user.get_mut(user_id) {
            let replaced = own.entries.remove(&key).map(|old| entry_cost(&key, &old));
            let evicted = match replaced {
                Some(_) => None,
                None if own.entries.len() >= self.per_user => {
                    let victim = own.entries.keys().next().cloned();
                    victim.and_then(|k| own.entries.remove(&k).map(|old| entry_cost(&k, &old)))
                }
                None => None,
            };
            let freed = replaced.or(evicted).unwrap_or(0);
            own.bytes -= freed;
            users.bytes -= freed;
        }
        let needed = cost
            + if users.by_user.contains_key(user_id) {
                0
            } else {
                Users::<K, S, V>::user_cost(user_id)
            };
        while users.bytes + needed > self.budget {
            let Some(victim) = users.by_user.keys().find(|k| k.as_str() != user_id).cloned() else {
                break;
            };
            users.drop_user(&victim);
        }
        if users.bytes + needed > self.budget {
            // the user's own entries are all that is left and still too much: start them over
            users.drop_user(user_id);
        }
        if !users.by_user.contains_key(user_id) {
            users.bytes += Users::<K, S, V>::user_cost(user_id);
        }
        let own = users.by_user.entry(user_id.to_owned()).or_default();
        own.bytes += cost;
        own.entries.insert(key, kept);
        users.bytes += cost;
    }

    /// What the kept entries cost, counted as `put` counts it (for tests and benchmarks).
    pub fn bytes(&self) -> usize {
        self.users.lock().map(|u| u.bytes).unwrap_or(0)
    }

    /// How many entries are kept.
    pub fn len(&self) -> usize {
        self.users
            .lock()
            .map(|u| u.by_user.values().map(|own| own.entries.len()).sum())
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
        cache.put("u", (1, 7), query(1), Bytes::from_static(b"[]"));
        assert_eq!(cache.get("u", &(1, 7), &query(1)).as_deref(), Some(&b"[]"[..]));
        assert!(cache.get("u", &(2, 7), &query(1)).is_none());
        assert!(cache.get("u", &(1, 8), &query(1)).is_none());
        assert!(cache.get("v", &(1, 7), &query(1)).is_none());
    }

    #[test]
    fn one_user_cannot_grow_it_past_the_cap_or_the_budget() {
        let cache = ListCache::new(1);
        for n in 0..10_000 {
            cache.put("u", (1, 7), query(n), Bytes::from_static(b"{\"items\":[]}"));
        }
        assert_eq!(cache.len(), PAGES_PER_USER);
        // counted honestly: more than the bodies alone
        assert!(cache.bytes() > PAGES_PER_USER * 12);
        // many users: the budget holds, keys and bookkeeping included
        for user in 0..100_000 {
            cache.put(
                &format!("user-{user}"),
                (1, 7),
                query(user),
                Bytes::from(vec![b'x'; 100]),
            );
            assert!(cache.bytes() <= 1024 * 1024);
        }
    }

    #[test]
    fn a_new_version_replaces_the_users_old_pages() {
        let cache = ListCache::new(1);
        for n in 0..5 {
            cache.put("u", (1, 7), query(n), Bytes::from_static(b"old"));
        }
        cache.put("u", (2, 7), query(9), Bytes::from_static(b"new"));
        assert_eq!(cache.len(), 1);
        let before = cache.bytes();
        cache.put("u", (2, 7), query(9), Bytes::from_static(b"new"));
        assert_eq!(cache.bytes(), before);
    }

    #[test]
    fn no_budget_keeps_nothing() {
        let cache = ListCache::new(0);
        assert!(!cache.enabled());
        cache.put("u", (1, 7), query(1), Bytes::from_static(b"[]"));
        assert!(cache.is_empty());
    }
}
