//! `GET /api/v1/events`: a server-sent event stream of the user's changes.
//!
//! First a `ready` event (a page that reconnects refetches what it shows then: that is the
//! catch-up after a lost connection); then one event per change, named by its kind — `task`,
//! `project`, `notification`, `message` — with `{action, id}` and, for a task or a
//! notification that still exists, the row itself, read through the user's scope (the change
//! that arrives carries ids only). `resync` says changes may have been missed: refetch. A
//! comment every 15 s keeps proxies from closing the connection. A client too slow to keep up
//! with the instance's backlog is dropped (it reconnects and refetches), never buffered without
//! end; a user holds at most `EVENTS_STREAMS_PER_USER` streams per instance (more: 429); a
//! stream ends after 15 minutes, so the client reconnects and is authenticated again.
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::get;
use axum::Router;
use futures::stream::{self, Stream, StreamExt};
use serde_json::json;
use tokio::sync::broadcast;

use crate::error::AppError;
use crate::server::auth::CurrentUser;
use crate::server::events::{Action, Change, Kind, StreamGuard};
use crate::server::repo::{Db, UserScope};
use crate::server::state::AppState;

const LIFETIME: Duration = Duration::from_secs(15 * 60);
const HEARTBEAT: Duration = Duration::from_secs(15);

pub fn router() -> Router<AppState> {
    Router::new().route("/events", get(events))
}

#[utoipa::path(get, path = "/api/v1/events", tag = "events",
    responses((status = 200, description = "text/event-stream: `ready`, then `task`, `project`, `notification`, `message` and `resync` events, each `{action, id, …}`", content_type = "text/event-stream", body = String),
        (status = 429, description = "Too many streams open for this user", body = super::ErrorBody)))]
pub(super) async fn events(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError> {
    let guard = state
        .streams
        .open(user.id(), state.config.events_per_user)
        .ok_or(AppError::RateLimited { retry_after_secs: 5 })?;
    let changes = state.db.events().subscribe();
    let ready = Event::default().event("ready").retry(Duration::from_secs(2)).data("{}");
    let feed = Feed {
        db: state.db.clone(),
        user,
        changes,
        _guard: guard,
    };
    let live = stream::unfold(feed, |mut feed| async move {
        let event = feed.next().await?;
        Some((Ok(event), feed))
    });
    let mut stopping = state.stopping.clone();
    let stop = async move {
        tokio::select! {
            () = tokio::time::sleep(LIFETIME) => {}
            _ = stopping.wait_for(|stop| *stop) => {}
        }
    };
    let stream = stream::once(async { Ok(ready) }).chain(live).take_until(stop);
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(HEARTBEAT)))
}

struct Feed {
    db: Db,
    user: CurrentUser,
    changes: broadcast::Receiver<Arc<Change>>,
    _guard: StreamGuard,
}

impl Feed {
    /// The next event for this user; `None` ends the stream (too far behind, or shutting down).
    async fn next(&mut self) -> Option<Event> {
        loop {
            let change = match self.changes.recv().await {
                Ok(change) => change,
                Err(broadcast::error::RecvError::Lagged(_)) | Err(broadcast::error::RecvError::Closed) => return None,
            };
            if !change.is_for(self.user.id()) {
                continue;
            }
            return Some(self.render(&change).await);
        }
    }

    async fn render(&self, change: &Change) -> Event {
        let scope = UserScope::new(&self.db, &self.user);
        let mut body = json!({ "action": change.action, "id": change.id });
        match (change.kind, change.id.as_deref()) {
            (Kind::Task, Some(id)) if change.action != Action::Deleted => match scope.get_task(id).await {
                Ok(task) => body["task"] = json!(task),
                Err(_) => body["action"] = json!(Action::Deleted),
            },
            (Kind::Project, Some(id)) if change.action != Action::Deleted => {
                if let Ok(project) = scope.get_project(id).await {
                    body["project"] = json!(project);
                }
            }
            (Kind::Notification, id) => {
                if let Some(id) = id {
                    if let Ok(n) = scope.get_notification(id).await {
                        body["notification"] = json!(n);
                    }
                }
                if let Ok(unread) = scope.unread_notifications().await {
                    body["unread"] = json!(unread);
                }
            }
            (Kind::Message, _) => body["conversation_id"] = json!(change.conversation_id),
            _ => {}
        }
        Event::default().event(change.kind.as_str()).data(body.to_string())
    }
}
