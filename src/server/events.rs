//! Live events: every change to a user's tasks, projects, notifications and messages, for the
//! streams of `GET /api/v1/events` and the reminder scheduler.
//!
//! A change carries ids only (who, what kind, which row), never a title: the stream reads the
//! row itself through the user's scope. On SQLite (one process) changes go straight to an
//! in-process broadcast. On PostgreSQL they go out with `NOTIFY`, and every instance — the one
//! that sent it too — hears them on `LISTEN` and broadcasts them to its own streams, so a change
//! made through any instance reaches the streams of every instance. When the listener loses its
//! connection it broadcasts a `resync`: every stream's page then reloads what it shows.
use std::sync::Arc;
use std::time::Duration;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

/// The PostgreSQL channel of changes.
pub const CHANNEL: &str = "taskpilot_events";
/// How many changes an instance holds for streams that are behind; a stream further behind is
/// dropped (its page reconnects and reloads), never buffered without end.
const BACKLOG: usize = 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Task,
    Project,
    Notification,
    Message,
    /// Changes may have been missed: reload everything.
    Resync,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Task => "task",
            Kind::Project => "project",
            Kind::Notification => "notification",
            Kind::Message => "message",
            Kind::Resync => "resync",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Created,
    Updated,
    Deleted,
}

/// One change: ids only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Whose data changed; empty for a `resync`, which is everyone's.
    pub user_id: String,
    pub kind: Kind,
    pub action: Action,
    /// The row; `None` when several changed at once (an import, "delete all completed").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// A message's conversation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<String>,
}

impl Change {
    pub fn new(user_id: &str, kind: Kind, action: Action, id: Option<&str>) -> Self {
        Self {
            user_id: user_id.to_owned(),
            kind,
            action,
            id: id.map(str::to_owned),
            conversation_id: None,
        }
    }

    pub fn resync() -> Self {
        Self::new("", Kind::Resync, Action::Updated, None)
    }

    /// Whether `user_id`'s streams should see it.
    pub fn is_for(&self, user_id: &str) -> bool {
        self.kind == Kind::Resync || self.user_id == user_id
    }
}

/// Where changes are announced and heard.
#[derive(Clone)]
pub struct EventBus {
    tx: broadcast::Sender<Arc<Change>>,
    /// On PostgreSQL changes go out through NOTIFY (and come back through the listener).
    postgres: bool,
}

impl EventBus {
    pub fn new(backend: DbBackend) -> Self {
        let (tx, _) = broadcast::channel(BACKLOG);
        Self {
            tx,
            postgres: backend == DbBackend::Postgres,
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Change>> {
        self.tx.subscribe()
    }

    /// Hands a change to this instance's streams.
    pub fn deliver(&self, change: Change) {
        // no receiver is not an error: nobody is watching
        let _ = self.tx.send(Arc::new(change));
    }

    /// Announces a change made (and committed) through `conn`. A failure to announce is logged:
    /// the change itself is done, and pages catch up when they reconnect.
    pub async fn publish(&self, conn: &DatabaseConnection, change: Change) {
        if !self.postgres {
            self.deliver(change);
            return;
        }
        let payload = match serde_json::to_string(&change) {
            Ok(p) => p,
            Err(_) => return,
        };
        let notify = Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_notify($1, $2)",
            [CHANNEL.into(), payload.into()],
        );
        if let Err(e) = conn.execute_raw(notify).await {
            tracing::warn!(error = %e, "a change could not be announced; delivering it here only");
            self.deliver(change);
        }
    }
}

/// PostgreSQL: hears every instance's changes and hands them to this instance's streams, for
/// as long as the process lives; reconnects after a lost connection, and says `resync`.
pub async fn listen(pool: sea_orm::sqlx::PgPool, bus: EventBus) {
    use sea_orm::sqlx::postgres::PgListener;
    let mut first = true;
    loop {
        match PgListener::connect_with(&pool).await {
            Ok(mut listener) => match listener.listen(CHANNEL).await {
                Ok(()) => {
                    if !first {
                        bus.deliver(Change::resync());
                    }
                    first = false;
                    loop {
                        match listener.try_recv().await {
                            Ok(Some(n)) => match serde_json::from_str::<Change>(n.payload()) {
                                Ok(change) => bus.deliver(change),
                                Err(e) => tracing::warn!(error = %e, "an unreadable change notification"),
                            },
                            // the connection was lost and re-made: notifications may be lost
                            Ok(None) => bus.deliver(Change::resync()),
                            Err(e) => {
                                tracing::warn!(error = %e, "the change listener stopped; reconnecting");
                                break;
                            }
                        }
                    }
                }
                Err(e) => tracing::warn!(error = %e, "could not LISTEN for changes"),
            },
            Err(e) => tracing::warn!(error = %e, "could not connect the change listener"),
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

/// How many event streams each user holds open on this instance, to cap them.
#[derive(Default)]
pub struct Streams {
    open: std::sync::Mutex<std::collections::HashMap<String, usize>>,
}

/// One open stream; closing it (dropping this) frees its place.
pub struct StreamGuard {
    streams: Arc<Streams>,
    user_id: String,
}

impl Streams {
    /// A place for one more of `user_id`'s streams, unless they hold `cap` already.
    pub fn open(self: &Arc<Self>, user_id: &str, cap: usize) -> Option<StreamGuard> {
        let mut open = self.open.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let count = open.entry(user_id.to_owned()).or_default();
        if *count >= cap {
            return None;
        }
        *count += 1;
        Some(StreamGuard {
            streams: Arc::clone(self),
            user_id: user_id.to_owned(),
        })
    }

    /// Streams open on this instance, all users together.
    pub fn total(&self) -> usize {
        self.open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .values()
            .sum()
    }
}

impl Drop for StreamGuard {
    fn drop(&mut self) {
        let mut open = self
            .streams
            .open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(count) = open.get_mut(&self.user_id) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                open.remove(&self.user_id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_capped_per_user_and_freed_on_drop() {
        let streams = Arc::new(Streams::default());
        let a1 = streams.open("a", 2);
        let a2 = streams.open("a", 2);
        assert!(a1.is_some() && a2.is_some());
        assert!(streams.open("a", 2).is_none(), "a third is refused");
        assert!(streams.open("b", 2).is_some(), "another user is not affected");
        drop(a1);
        assert!(streams.open("a", 2).is_some(), "a closed stream frees its place");
        assert_eq!(streams.total(), 1);
    }

    #[test]
    fn changes_are_only_for_their_user() {
        let change = Change::new("u1", Kind::Task, Action::Updated, Some("t1"));
        assert!(change.is_for("u1"));
        assert!(!change.is_for("u2"));
        assert!(Change::resync().is_for("u2"));
        let json = serde_json::to_string(&change).unwrap_or_default();
        assert!(!json.contains("title"), "ids only: {json}");
    }
}
