//! Server functions for the dashboard: list, create (with quick-add), update, complete, delete,
//! and restore (Undo).
// A form's fields are its server function's arguments, one each (a form posted without
// JavaScript sends them so): the task editor has eleven.
#![allow(clippy::too_many_arguments)]
use leptos::prelude::*;

use crate::domain::project::Project;
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
    /// The editor's "Due" (a date input): "2026-11-27" ("" without a due date).
    pub due_input: String,
    /// The editor's "Time" (a time input): "09:00", or "" for a date without a time.
    pub due_time_input: String,
    /// The editor's "Reminders" value: "10m, 1h, @2026-12-05T09:00".
    pub reminders_input: String,
    /// The editor's "Repeats" value: the words, when they read back as the same rule, or the
    /// rule itself ("" for a task that does not repeat). Written here, not in the browser, so
    /// the bundle does not carry the recurrence words' reader.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub repeat_input: String,
    pub overdue: bool,
    /// 1 for a task shown at the top level, 2 for its subtasks, and so on.
    pub depth: usize,
    /// The tasks above it on this page, nearest first: it shows while all of them are unfolded.
    pub ancestors: Vec<String>,
    /// Its local due day, `2026-11-27` (the Upcoming view groups by it).
    pub day: Option<String>,
    /// The project's name, in views that mix projects (Today, Upcoming, All).
    pub project_name: Option<String>,
}

/// Which list the dashboard shows: `?project=<id>` (the Inbox without one), or `?view=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum ViewKind {
    #[default]
    Project,
    Today,
    Upcoming,
    All,
}

impl ViewKind {
    pub fn from_param(view: Option<&str>) -> Self {
        match view {
            Some("today") => ViewKind::Today,
            Some("upcoming") => ViewKind::Upcoming,
            Some("all") => ViewKind::All,
            _ => ViewKind::Project,
        }
    }

    pub fn param(self) -> Option<&'static str> {
        match self {
            ViewKind::Project => None,
            ViewKind::Today => Some("today"),
            ViewKind::Upcoming => Some("upcoming"),
            ViewKind::All => Some("all"),
        }
    }
}

/// A day of the Upcoming view.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DayGroup {
    /// `2026-11-27`, as `DashboardTask::day`.
    pub key: String,
    /// "Today", "Tomorrow", "Sat Nov 28".
    pub label: String,
}

/// One view of the dashboard.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Dashboard {
    pub kind: ViewKind,
    pub title: String,
    /// The project shown (the Inbox by default); `None` in Today, Upcoming and All.
    pub project: Option<Project>,
    /// In display order: each task's subtasks follow it.
    pub items: Vec<DashboardTask>,
    pub next_cursor: Option<String>,
    /// The Upcoming view's seven days.
    pub days: Vec<DayGroup>,
    /// A recurring task the user just completed, moved on to its next date: shown with Undo.
    pub recurred: Option<Recurred>,
    /// The user's projects, for the editor's Project field (archived ones too: a task in one
    /// stays there unless moved).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<ProjectChoice>,
}

/// A project the editor can move a task to.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ProjectChoice {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub archived: bool,
}

/// A recurring task just completed: where it went, for the notice with Undo.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Recurred {
    pub id: String,
    pub title: String,
    /// The rule in words: "Every Mon".
    pub repeat: String,
    /// Its new due date, in the user's zone: "Mon Dec 7".
    pub next_due: String,
}

/// The cookie that names the recurring task just completed, for the next dashboard load (with
/// or without JavaScript) to show it with Undo.
#[cfg(feature = "ssr")]
const RECURRED_COOKIE: &str = "taskpilot_recurred";

/// The dashboard: the view named by `view` (or the project in `params.project`, or the Inbox),
/// filtered by the rest of `params`.
#[server(endpoint = "load_dashboard", input = server_fn::codec::Json)]
pub async fn load_dashboard(view: Option<String>, params: TaskQueryParams) -> Result<Dashboard, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        let tz = svc::user_tz(&user.time_zone);
        let scope = UserScope::new(&state.db, &user);
        let (mut board, same_until) =
            crate::server::dashboard::load(&scope, tz, ViewKind::from_param(view.as_deref()), params).await?;
        match same_until {
            Some(at) => cx::page_changes_at(at),
            None => cx::page_not_kept(),
        }
        if let Some(id) = cx::cookie(RECURRED_COOKIE).filter(|id| !id.is_empty()) {
            cx::set_cookie(&format!(
                "{RECURRED_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
            ));
            board.recurred = crate::server::dashboard::recurred(&scope, tz, &id).await?;
        }
        Ok(board)
    })
    .await
}

/// Where a quick-add that failed without JavaScript brings its title back to the page (see
/// `server::form_posts`).
pub const TITLE_PARAM: &str = "__title";
/// Where a settings form posted without JavaScript says it worked: the path of its server
/// function (see `server::form_posts`).
pub const DONE_PARAM: &str = "__done";

/// Adds a task from the dashboard's form: quick-add in the title (`+project` included), the
/// view's project, or a parent task's row.
#[server(endpoint = "create_task")]
pub async fn create_task(
    title: String,
    description: Option<String>,
    priority: Option<String>,
    due: Option<String>,
    due_time: Option<String>,
    tags: Option<String>,
    project: Option<String>,
    parent: Option<String>,
    view: Option<String>,
) -> Result<Task, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        let due = svc::form_due(due, due_time)?;
        // the project whose list the form was on (none: the Inbox; a view such as Today: none)
        let shown = view
            .as_deref()
            .is_none_or(str::is_empty)
            .then(|| project.clone().unwrap_or_default());
        let form = svc::TaskForm {
            title,
            description,
            priority,
            due,
            tags,
            project,
            parent,
            due_today: view.as_deref() == Some("today"),
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
        let task = scope
            .create_task(crate::domain::task::TaskDraft::from_input(input)?)
            .await?;
        // Without JavaScript the browser goes back to the list it added from: a task put in
        // another project ("… +bills" from the Inbox) would vanish from it unsaid, so that
        // project's list is shown instead (the hydrated page says where it went).
        if let (Some(shown), true, None) = (shown, cx::is_form_post(), &task.parent_id) {
            let inbox = scope.inbox_id().await?;
            let shown = if shown.is_empty() { inbox.clone() } else { shown };
            if shown != task.project_id {
                cx::redirect(&if task.project_id == inbox {
                    "/tasks".to_owned()
                } else {
                    format!("/tasks?project={}", crate::domain::encode_query_value(&task.project_id))
                });
            }
        }
        Ok(task)
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
    due_time: Option<String>,
    tags: Option<String>,
    repeat: Option<String>,
    reminders: Option<String>,
    project: Option<String>,
) -> Result<Task, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        let due = svc::form_due(due, due_time)?;
        let form = svc::TaskEditForm {
            title,
            description,
            priority,
            due,
            tags,
            // the editor always sends both; the form reader gives an empty field as absent, and
            // an emptied "Repeats" or "Reminders" means none (it kept them before)
            repeat: Some(repeat.unwrap_or_default()),
            reminders: Some(reminders.unwrap_or_default()),
            project,
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
        let task = UserScope::new(&state.db, &user)
            .update_task(&id, crate::domain::task::TaskPatch::completed(completed))
            .await?;
        if completed && !task.completed && task.recurrence.is_some() {
            let secure = if state.config.secure_cookies { "; Secure" } else { "" };
            cx::set_cookie(&format!(
                "{RECURRED_COOKIE}={}; Path=/; Max-Age=60; HttpOnly; SameSite=Strict{secure}",
                task.id
            ));
        }
        Ok(task)
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

/// Undo of a completion of a recurring task: back to the due date it had, the completion
/// forgotten.
#[server(endpoint = "undo_completion")]
pub async fn undo_completion(id: String) -> Result<Task, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        UserScope::new(&state.db, &user).undo_completion(&id).await
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
