//! Server functions for the dashboard: list, create (with quick-add), update, complete, delete,
//! and restore (Undo).
use leptos::prelude::*;

use crate::domain::query::TaskQueryParams;
use crate::domain::task::Task;
use crate::error::AppError;

#[cfg(feature = "ssr")]
use super::context::{self as cx, respond};
#[cfg(feature = "ssr")]
use crate::server::{repo::UserScope, tasks as svc};

/// A task as the dashboard shows it: due dates already written in the user's time zone, so the
/// server's HTML and the hydrated page agree.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DashboardTask {
    pub task: Task,
    /// "Fri Nov 27, 09:00", or "Fri Nov 27" for a date without a time.
    pub due_label: String,
    /// The value of a datetime-local input: "2026-11-27T09:00".
    pub due_input: String,
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DashboardPage {
    pub items: Vec<DashboardTask>,
    pub next_cursor: Option<String>,
}

#[server(endpoint = "list_tasks", input = server_fn::codec::Json)]
pub async fn list_tasks(params: TaskQueryParams) -> Result<DashboardPage, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        let query = params.parse()?;
        let tz = svc::user_tz(&user.time_zone);
        let crate::domain::task::TaskPage { items, next_cursor } = UserScope::new(&state.db, &user)
            .list_tasks(&query, svc::due_bounds(tz))
            .await?;
        let now = chrono::Utc::now();
        let items = items
            .into_iter()
            .map(|task| {
                let local = task.due_at.map(|d| d.with_timezone(&tz));
                DashboardTask {
                    due_label: local
                        .map(|d| {
                            if d.time() == crate::domain::quick_add::end_of_day() {
                                d.format("%a %b %-d").to_string()
                            } else {
                                d.format("%a %b %-d, %H:%M").to_string()
                            }
                        })
                        .unwrap_or_default(),
                    due_input: local
                        .map(|d| d.format("%Y-%m-%dT%H:%M").to_string())
                        .unwrap_or_default(),
                    overdue: task.is_overdue(now),
                    task,
                }
            })
            .collect();
        Ok(DashboardPage { items, next_cursor })
    })
    .await
}

/// Adds a task from the dashboard's form: quick-add in the title (`+project` included), the
/// view's project, or a parent task's row.
#[server(endpoint = "create_task")]
pub async fn create_task(
    title: String,
    description: Option<String>,
    priority: Option<String>,
    due: Option<String>,
    tags: Option<String>,
    project: Option<String>,
    parent: Option<String>,
) -> Result<Task, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        let form = svc::TaskForm {
            title,
            description,
            priority,
            due,
            tags,
            project,
            parent,
        };
        let svc::FormTask {
            mut input,
            project_name,
        } = form.into_input(svc::user_tz(&user.time_zone))?;
        let scope = UserScope::new(&state.db, &user);
        if let Some(name) = project_name {
            let project = scope.find_project_by_name(&name).await?.ok_or_else(|| {
                AppError::validation(
                    "title",
                    format!("You have no project called “{name}”. Create it first."),
                )
            })?;
            input.project_id = Some(project.id);
        }
        scope
            .create_task(crate::domain::task::TaskDraft::from_input(input)?)
            .await
    })
    .await
}

/// Edits a task from the dashboard's inline form (every field is sent; an empty due clears it),
/// then returns to `return_to`, the list without the edit mode. `updated_at` (Unix ms) is the
/// version the form showed: if the task changed since (the assistant, another device), the
/// edit is refused with a Conflict instead of silently writing the old values back.
#[server(endpoint = "update_task")]
pub async fn update_task(
    id: String,
    return_to: Option<String>,
    updated_at: Option<String>,
    title: String,
    description: Option<String>,
    priority: Option<String>,
    due: Option<String>,
    tags: Option<String>,
) -> Result<Task, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        let form = svc::TaskEditForm {
            title,
            description,
            priority,
            due,
            tags,
        };
        let patch = crate::domain::task::TaskPatch::from_input(form.into_patch(svc::user_tz(&user.time_zone))?)?;
        let scope = UserScope::new(&state.db, &user);
        let version = updated_at.as_deref().map(str::trim).filter(|v| !v.is_empty());
        let task = match version {
            Some(raw) => {
                let at = raw
                    .parse::<i64>()
                    .map_err(|_| AppError::bad_request("The form could not be read. Reload the page and try again."))?;
                scope.update_task_if_unchanged(&id, patch, at).await?
            }
            None => scope.update_task(&id, patch).await?,
        };
        if let Some(path) = return_to.as_deref().filter(|p| p.starts_with("/tasks")) {
            cx::redirect(&crate::domain::user::safe_next_path(Some(path)));
        }
        Ok(task)
    })
    .await
}

#[server(endpoint = "set_task_completed")]
pub async fn set_task_completed(id: String, completed: bool) -> Result<Task, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        UserScope::new(&state.db, &user)
            .update_task(&id, crate::domain::task::TaskPatch::completed(completed))
            .await
    })
    .await
}

#[server(endpoint = "delete_task")]
pub async fn delete_task(id: String) -> Result<Task, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        UserScope::new(&state.db, &user).delete_task(&id).await
    })
    .await
}

/// Undo of a delete: the server puts back what it kept of the task, by id.
#[server(endpoint = "restore_task")]
pub async fn restore_task(id: String) -> Result<Task, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        UserScope::new(&state.db, &user).restore_task(&id).await
    })
    .await
}
