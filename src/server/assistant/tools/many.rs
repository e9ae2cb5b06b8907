//! The tools that work on many tasks in one call — what an AI client reaches for when the user
//! dictates a list, ticks off several things, or asks "what's on my plate?".
use chrono_tz::Tz;
use serde_json::json;

use super::args::{AddTasksArgs, CompleteTasksArgs, OverviewArgs, BATCH_MAX};
use super::{added_line, app, draft_of, error, find, ToolResult};
use crate::domain::chat::{Action, ActionKind};
use crate::domain::query::{DueFilter, StatusFilter, TaskQuery};
use crate::server::assistant::resolve::Prefer;
use crate::server::repo::UserScope;
use crate::server::tasks::{due_bounds, local_now};

fn count_between_1_and_max(n: usize) -> Result<(), ToolResult> {
    if n == 0 || n > BATCH_MAX {
        return Err(error(format!("tasks: give 1 to {BATCH_MAX} tasks")));
    }
    Ok(())
}

/// Every task is read and checked first, so a bad one creates nothing; then each is created.
pub async fn add_tasks(scope: &UserScope<'_>, tz: Tz, args: AddTasksArgs) -> Result<ToolResult, ToolResult> {
    count_between_1_and_max(args.tasks.len())?;
    let mut drafts = Vec::with_capacity(args.tasks.len());
    for (i, task) in args.tasks.into_iter().enumerate() {
        let draft = draft_of(scope, task).await.map_err(|e| {
            let content = e
                .content
                .replacen("{\"error\":\"", &format!("{{\"error\":\"tasks[{i}]: "), 1);
            ToolResult { content, ..e }
        })?;
        drafts.push(draft);
    }
    let mut created = Vec::new();
    let mut actions = Vec::new();
    for (i, draft) in drafts.into_iter().enumerate() {
        match scope.create_task(draft).await {
            Ok(task) => {
                actions.push(Action {
                    kind: ActionKind::Added,
                    task_id: task.id.clone(),
                    text: added_line(&task, tz),
                });
                created.push(task);
            }
            Err(e) => {
                // a quota or the database stopped it part way: say what was made
                let reason = app(e).content;
                return Ok(ToolResult {
                    content: json!({"ok": false, "created": created, "stopped_at": i, "error": reason}).to_string(),
                    is_error: created.is_empty(),
                    actions,
                });
            }
        }
    }
    Ok(ToolResult {
        content: json!({"ok": true, "created": created}).to_string(),
        actions,
        is_error: false,
    })
}

/// Completes each named task; the ones that cannot be found (or are ambiguous) are listed.
pub async fn complete_tasks(scope: &UserScope<'_>, args: CompleteTasksArgs) -> Result<ToolResult, ToolResult> {
    count_between_1_and_max(args.tasks.len())?;
    let mut completed = Vec::new();
    let mut failed = Vec::new();
    let mut actions = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for reference in &args.tasks {
        let task = match find(scope, reference, Prefer::Open).await {
            Ok(task) => task,
            Err(e) => {
                failed.push(
                    json!({"task": reference, "error": serde_json::from_str::<serde_json::Value>(&e.content).ok()}),
                );
                continue;
            }
        };
        if !seen.insert(task.id.clone()) {
            continue;
        }
        // with its subtasks counted, for the reply
        let task = match scope.get_task(&task.id).await {
            Ok(task) => task,
            Err(e) => {
                failed.push(json!({"task": reference, "error": app(e).content}));
                continue;
            }
        };
        match scope
            .update_task(&task.id, crate::domain::task::TaskPatch::completed(true))
            .await
        {
            Ok(done) => {
                actions.push(Action {
                    kind: ActionKind::Completed,
                    task_id: done.id.clone(),
                    text: format!("Completed “{}”{}", done.title, super::and_subtasks(&task, &done)),
                });
                completed.push(done);
            }
            Err(e) => failed.push(json!({"task": reference, "error": app(e).content})),
        }
    }
    Ok(ToolResult {
        content: json!({"ok": failed.is_empty(), "completed": completed, "not_completed": failed}).to_string(),
        is_error: completed.is_empty(),
        actions,
    })
}

/// How many open tasks a due filter holds (up to 200: "more" says there are more), and the
/// first `show` of them.
async fn bucket(scope: &UserScope<'_>, tz: Tz, due: DueFilter, show: usize) -> Result<serde_json::Value, ToolResult> {
    let query = TaskQuery {
        status: StatusFilter::Open,
        due: Some(due),
        sort: crate::domain::query::SortOrder::Due,
        limit: 200,
        ..Default::default()
    };
    let page = scope.list_tasks(&query, due_bounds(tz)).await.map_err(app)?;
    let count = page.items.len();
    let tasks: Vec<_> = page.items.into_iter().take(show).collect();
    Ok(json!({"count": count, "more": page.next_cursor.is_some(), "tasks": tasks}))
}

pub async fn overview(scope: &UserScope<'_>, tz: Tz, _args: OverviewArgs) -> Result<ToolResult, ToolResult> {
    let projects = scope.list_projects(false).await.map_err(app)?;
    let open: u64 = projects.iter().map(|p| p.open_count).sum();
    let overdue = bucket(scope, tz, DueFilter::Overdue, 20).await?;
    let today = bucket(scope, tz, DueFilter::Today, 20).await?;
    let mut week = bucket(scope, tz, DueFilter::Next7Days, 0).await?;
    if let Some(w) = week.as_object_mut() {
        w.remove("tasks");
    }
    let now = chrono::Utc::now().with_timezone(&tz);
    let projects: Vec<_> = projects
        .iter()
        .map(|p| json!({"id": p.id, "name": p.name, "is_inbox": p.is_inbox, "open_count": p.open_count}))
        .collect();
    Ok(ToolResult {
        content: json!({
            "time_zone": tz.name(),
            "now": now.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            "weekday": local_now(tz).format("%A").to_string(),
            "open": open,
            "overdue": overdue,
            "due_today": today,
            "due_next_7_days": week,
            "projects": projects,
        })
        .to_string(),
        actions: Vec::new(),
        is_error: false,
    })
}
