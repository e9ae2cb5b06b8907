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
//! Bounded by `LIST_CACHE_MB`: when full, arbitrary pages are dropped to make room.
use std::collections::HashMap;
use std::sync::Mutex;

use axum::body::Bytes;

struct Page {
    version: i64,
    day: i64,
    body: Bytes,
}

/// Pages by user id, then by query string (nested, so a lookup borrows both and allocates
/// nothing).
#[derive(Default)]
struct Pages {
    by_user: HashMap<String, HashMap<String, Page>>,
    bytes: usize,
}

impl Pages {
    fn size(pages: &HashMap<String, Page>) -> usize {
        pages.values().map(|p| p.body.len()).sum()
    }
}

pub struct ListCache {
    budget: usize,
    pages: Mutex<Pages>,
}

impl ListCache {
    pub fn new(budget_mb: u64) -> Self {
        Self {
            budget: usize::try_from(budget_mb.saturating_mul(1024 * 1024)).unwrap_or(usize::MAX),
            pages: Mutex::new(Pages::default()),
        }
    }

    /// The page for this user and query string, if it is still current. `day`: the start of
    /// the user's local day.
    pub fn get(&self, user_id: &str, version: i64, query: &str, day: i64) -> Option<Bytes> {
        let pages = self.pages.lock().ok()?;
        pages
            .by_user
            .get(user_id)?
            .get(query)
            .filter(|page| page.version == version && page.day == day)
            .map(|page| page.body.clone())
    }

    /// Keeps a page rendered for this user, from the version read when they authenticated.
    /// When full, whole users' pages are dropped, arbitrary ones first.
    pub fn put(&self, user_id: &str, version: i64, query: String, day: i64, body: Bytes) {
        // one page may take at most a sixteenth of the budget (with no budget, nothing is kept)
        if body.len() > self.budget / 16 {
            return;
        }
        let Ok(mut pages) = self.pages.lock() else {
            return;
        };
        let Pages { by_user, bytes } = &mut *pages;
        if let Some(old) = by_user.get_mut(user_id).and_then(|own| own.remove(&query)) {
            *bytes -= old.body.len();
        }
        while *bytes + body.len() > self.budget {
            let Some(victim) = by_user.keys().next().cloned() else {
                break;
            };
            if let Some(dropped) = by_user.remove(&victim) {
                *bytes -= Pages::size(&dropped);
            }
        }
        *bytes += body.len();
        by_user
            .entry(user_id.to_owned())
            .or_default()
            .insert(query, Page { version, day, body });
    }
}
