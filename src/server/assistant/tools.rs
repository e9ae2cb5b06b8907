//! The task tools a model may call. Each runs through the user's scope — no tool takes a user
//! id, so nothing a model says can reach another user's data. Bad calls (unknown tool, bad or
//! oversized arguments, a task that cannot be found) come back as tool errors for the model.
use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::{json, Value};

use super::builtin::NAMEABLE_TASKS;
use super::command::target;
use super::resolve::{resolve, Prefer, Resolution};
use crate::domain::chat::Action;
use crate::domain::task::{
    parse_due_at, DueFilter, Priority, StatusFilter, Tags, Task, TaskDescription, TaskDraft, TaskPatch, TaskQuery,
    TaskTitle,
};
use crate::error::AppError;
use crate::server::repo::UserScope;
use crate::server::tasks::due_bounds;

pub const MAX_ARGUMENT_BYTES: usize = 16 * 1024;

/// A tool as a provider announces it: name, description, JSON schema of the arguments.
pub struct ToolSpec {
    pub name: &'static str,
    pub description: &'static str,
    pub parameters: Value,
}

fn task_param() -> Value {
    json!({"type": "string", "description": "The task's id, or words of its title."})
}

pub fn specs() -> Vec<ToolSpec> {
    let priority = json!({"type": "string", "enum": ["none", "low", "medium", "high"]});
    let due = json!({"type": "string", "description": "RFC 3339 date-time, e.g. 2026-11-27T17:00:00+01:00"});
    let tags = json!({"type": "array", "items": {"type": "string"}});
    vec![
        ToolSpec {
            name: "add_task",
            description: "Create a task for the user.",
            parameters: json!({"type": "object", "properties": {"title": {"type": "string"}, "description": {"type": "string"},
                "priority": priority, "due_at": due, "tags": tags}, "required": ["title"]}),
        },
        ToolSpec {
            name: "list_tasks",
            description: "List the user's tasks, newest first (due ones soonest first).",
            parameters: json!({"type": "object", "properties": {
                "status": {"type": "string", "enum": ["all", "open", "done"]}, "priority": priority, "tag": {"type": "string"},
                "query": {"type": "string"}, "due": {"type": "string", "enum": ["today", "this_week", "overdue"]}}}),
        },
        ToolSpec {
            name: "complete_task",
            description: "Mark a task done.",
            parameters: json!({"type": "object", "properties": {"task": task_param()}, "required": ["task"]}),
        },
        ToolSpec {
            name: "reopen_task",
            description: "Mark a done task open again.",
            parameters: json!({"type": "object", "properties": {"task": task_param()}, "required": ["task"]}),
        },
        ToolSpec {
            name: "update_task",
            description: "Change a task's title, description, priority, due date or tags.",
            parameters: json!({"type": "object", "properties": {"task": task_param(), "title": {"type": "string"},
                "description": {"type": "string"}, "priority": priority, "due_at": due, "tags": tags}, "required": ["task"]}),
        },
        ToolSpec {
            name: "delete_task",
            description: "Delete a task.",
            parameters: json!({"type": "object", "properties": {"task": task_param()}, "required": ["task"]}),
        },
    ]
}

/// What running one tool call gives: text for the model, and the action line if it changed a task.
pub struct ToolResult {
    pub content: String,
    pub action: Option<Action>,
}

fn error(message: impl Into<String>) -> ToolResult {
    ToolResult {
        content: json!({"error": message.into()}).to_string(),
        action: None,
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AddArgs {
    title: String,
    description: Option<String>,
    priority: Option<String>,
    due_at: Option<String>,
    tags: Option<Vec<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ListArgs {
    status: Option<String>,
    priority: Option<String>,
    tag: Option<String>,
    query: Option<String>,
    due: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TaskArg {
    task: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UpdateArgs {
    task: String,
    title: Option<String>,
    description: Option<String>,
    priority: Option<String>,
    due_at: Option<String>,
    tags: Option<Vec<String>>,
}

fn task_json(t: &Task) -> Value {
    json!({"id": t.id, "title": t.title, "completed": t.completed, "priority": t.priority, "due_at": t.due_at, "tags": t.tags})
}

fn parse<T: for<'de> Deserialize<'de>>(arguments: &str) -> Result<T, ToolResult> {
    let raw = if arguments.trim().is_empty() { "{}" } else { arguments };
    serde_json::from_str(raw).map_err(|e| error(format!("invalid arguments: {e}")))
}

fn priority(raw: Option<&str>) -> Result<Option<Priority>, ToolResult> {
    raw.map(|p| p.parse::<Priority>().map_err(|e| error(e.message)))
        .transpose()
}

async fn find(scope: &UserScope<'_>, reference: &str, prefer: Prefer) -> Result<Task, ToolResult> {
    // the user's tasks only: resolution never sees anyone else's
    let tasks = scope
        .recent_tasks(NAMEABLE_TASKS)
        .await
        .map_err(|e| error(e.to_string()))?;
    match resolve(&target(reference), &tasks, &[], None, prefer) {
        Resolution::Found(t) => Ok(t),
        Resolution::Ambiguous(c) => Err(error(format!(
            "ambiguous: several tasks match; ask the user which one: {}",
            c.iter()
                .map(|t| format!("{} ({})", t.title, t.id))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
        Resolution::Missing => Err(error(format!("no task matches {reference:?}"))),
    }
}

fn app(e: AppError) -> ToolResult {
    error(e.to_string())
}

/// Runs one tool call as the user.
pub async fn run(scope: &UserScope<'_>, tz: Tz, name: &str, arguments: &str) -> ToolResult {
    if arguments.len() > MAX_ARGUMENT_BYTES {
        return error("arguments too large");
    }
    match dispatch(scope, tz, name, arguments).await {
        Ok(result) | Err(result) => result,
    }
}

async fn dispatch(scope: &UserScope<'_>, tz: Tz, name: &str, arguments: &str) -> Result<ToolResult, ToolResult> {
    let changed = |kind: &str, t: &Task, text: String| ToolResult {
        content: json!({"ok": true, "task": task_json(t)}).to_string(),
        action: Some(Action {
            kind: kind.into(),
            task_id: t.id.clone(),
            text,
        }),
    };
    match name {
        "add_task" => {
            let a: AddArgs = parse(arguments)?;
            let draft = TaskDraft {
                title: TaskTitle::parse(&a.title).map_err(|e| error(e.message))?,
                description: TaskDescription::parse(a.description.as_deref().unwrap_or_default())
                    .map_err(|e| error(e.message))?,
                priority: priority(a.priority.as_deref())?.unwrap_or_default(),
                due_at: a
                    .due_at
                    .as_deref()
                    .map(parse_due_at)
                    .transpose()
                    .map_err(|e| error(e.message))?,
                tags: Tags::parse(&a.tags.unwrap_or_default()).map_err(|e| error(e.message))?,
            };
            let t = scope.create_task(draft).await.map_err(app)?;
            let due = t
                .due_at
                .map(|d| format!(" — due {}", d.with_timezone(&tz).format("%a %b %-d, %H:%M")))
                .unwrap_or_default();
            Ok(changed("added", &t, format!("Added “{}”{due}", t.title)))
        }
        "list_tasks" => {
            let a: ListArgs = parse(arguments)?;
            let query = TaskQuery {
                status: a
                    .status
                    .as_deref()
                    .map(str::parse)
                    .transpose()
                    .map_err(|e: crate::domain::DomainError| error(e.message))?
                    .unwrap_or(StatusFilter::Open),
                priority: priority(a.priority.as_deref())?,
                tag: a.tag,
                q: a.query,
                due: a
                    .due
                    .as_deref()
                    .map(str::parse::<DueFilter>)
                    .transpose()
                    .map_err(|e| error(e.message))?,
                limit: 50,
                ..Default::default()
            };
            let page = scope.list_tasks(&query, due_bounds(tz)).await.map_err(app)?;
            Ok(ToolResult {
                content: json!({"tasks": page.items.iter().map(task_json).collect::<Vec<_>>()}).to_string(),
                action: None,
            })
        }
        "complete_task" | "reopen_task" => {
            let a: TaskArg = parse(arguments)?;
            let done = name == "complete_task";
            let t = find(scope, &a.task, if done { Prefer::Open } else { Prefer::Done }).await?;
            let t = scope
                .update_task(
                    &t.id,
                    TaskPatch {
                        completed: Some(done),
                        ..Default::default()
                    },
                )
                .await
                .map_err(app)?;
            Ok(if done {
                changed("completed", &t, format!("Completed “{}”", t.title))
            } else {
                changed("reopened", &t, format!("Reopened “{}”", t.title))
            })
        }
        "update_task" => {
            let a: UpdateArgs = parse(arguments)?;
            let t = find(scope, &a.task, Prefer::Open).await?;
            let patch = TaskPatch {
                title: a
                    .title
                    .as_deref()
                    .map(TaskTitle::parse)
                    .transpose()
                    .map_err(|e| error(e.message))?,
                description: a
                    .description
                    .as_deref()
                    .map(TaskDescription::parse)
                    .transpose()
                    .map_err(|e| error(e.message))?,
                priority: priority(a.priority.as_deref())?,
                due_at: a
                    .due_at
                    .as_deref()
                    .map(|d| parse_due_at(d).map(Some))
                    .transpose()
                    .map_err(|e| error(e.message))?,
                tags: a
                    .tags
                    .as_deref()
                    .map(Tags::parse)
                    .transpose()
                    .map_err(|e| error(e.message))?,
                completed: None,
            };
            let t = scope.update_task(&t.id, patch).await.map_err(app)?;
            Ok(changed("updated", &t, format!("Updated “{}”", t.title)))
        }
        "delete_task" => {
            let a: TaskArg = parse(arguments)?;
            let t = find(scope, &a.task, Prefer::Open).await?;
            let t = scope.delete_task(&t.id).await.map_err(app)?;
            Ok(changed("deleted", &t, format!("Deleted “{}”", t.title)))
        }
        other => Err(error(format!("unknown tool {other:?}"))),
    }
}
