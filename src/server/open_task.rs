//! `GET /tasks/{id}`: one task's address, which reminders link to (the bell, a desktop
//! notification, a mail). It opens the task's editor where the task lives — its project, or the
//! Inbox, with its parent's subtasks unfolded — and with `?notification=<id>` marks that reminder
//! read. A task that is not there (deleted, or never this user's) goes to the dashboard with a
//! notice that says so, and tells nothing else.
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};

use super::auth::CurrentUser;
use super::repo::UserScope;
use super::state::AppState;
use crate::domain::encode_query_value;
use crate::domain::query::LIST_LIMIT_DEFAULT;
use crate::domain::task::Task;
use crate::error::AppError;

pub const PATH: &str = "/tasks/{id}";

/// Where the dashboard goes when the task is not there.
pub const GONE: &str = "/tasks?gone=task";

#[tracing::instrument(skip_all)]
pub async fn open_task(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let scope = UserScope::new(&state.db, &user);
    let notification = query.as_deref().and_then(|q| {
        url::form_urlencoded::parse(q.as_bytes())
            .find(|(key, _)| key == "notification")
            .map(|(_, value)| value.into_owned())
    });
    if let Some(notification) = notification {
        mark_read(&scope, &notification, &id).await;
    }
    // (a page the browser opens: an error is a page too, not the API's JSON)
    match scope.get_task(&id).await {
        Ok(task) => match place_of(&scope, &task).await {
            Ok(href) => Redirect::to(&href).into_response(),
            Err(e) => super::router::error_page(&state, &e),
        },
        Err(AppError::NotFound | AppError::Validation { .. } | AppError::BadRequest { .. }) => {
            Redirect::to(GONE).into_response()
        }
        Err(e) => super::router::error_page(&state, &e),
    }
}

/// Marks the notification read when it is this user's and about this task; anything else is
/// left as it is (the link still opens the task).
async fn mark_read(scope: &UserScope<'_>, notification: &str, task_id: &str) {
    let Ok(found) = scope.get_notification(notification).await else {
        return;
    };
    if found.read_at.is_some() || found.task_id.as_deref() != Some(task_id) {
        return;
    }
    if let Err(e) = scope.mark_notification_read(notification).await {
        tracing::warn!(error = %e, "could not mark a notification read from its link");
    }
}

/// The dashboard's address with this task's editor open. A project's list shows its newest
/// tasks first, a page at a time: in one with more than a page, the list is searched for the
/// task's title, so that its row (and so its editor) is on the page shown.
async fn place_of(scope: &UserScope<'_>, task: &Task) -> Result<String, AppError> {
    let mut pairs = Vec::new();
    if task.project_id != scope.inbox_id().await? {
        pairs.push(("project", task.project_id.as_str()));
    }
    // every task above it unfolded (a subtask of a subtask sits under a folded root)
    let mut above = Vec::new();
    let mut parent = task.parent_id.clone();
    while let Some(id) = parent.take().filter(|_| above.len() < 8) {
        parent = scope.get_task(&id).await?.parent_id;
        above.push(id);
    }
    let open = above.join(",");
    if scope.count_project_tasks(&task.project_id).await? > LIST_LIMIT_DEFAULT {
        pairs.push(("q", task.title.as_str()));
    } else if !open.is_empty() {
        pairs.push(("open", open.as_str()));
    }
    pairs.push(("edit", task.id.as_str()));
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode_query_value(v)))
        .collect();
    Ok(format!("/tasks?{}", query.join("&")))
}
