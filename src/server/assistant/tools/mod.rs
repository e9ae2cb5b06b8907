//! The task tools a model may call — the assistant's providers and the MCP server alike. Each
//! runs through the user's scope: no tool takes a user id, so nothing a model says can reach
//! another user's data. Arguments are the API's own input types ([`TaskInput`],
//! [`TaskPatchInput`]) and their JSON Schemas are derived from them, so a field added there
//! reaches every door at once. Bad calls (unknown tool, bad or oversized arguments, a task that
//! cannot be found) come back as tool errors for the model.
mod args;
mod many;

use chrono_tz::Tz;
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use super::builtin::NAMEABLE_TASKS;
use super::reader::target;
use super::resolve::{resolve, Prefer, Resolution};
use crate::domain::chat::{Action, ActionKind};
use crate::domain::project::{Project, ProjectInput, ProjectName};
use crate::domain::query::{StatusFilter, TaskQueryParams};
use crate::domain::task::{Task, TaskDraft, TaskPatch};
use crate::error::AppError;
use crate::server::repo::UserScope;
use crate::server::tasks::due_bounds;
pub use args::{
    schema_of, AddTaskArgs, AddTasksArgs, CompleteTasksArgs, ListProjectsArgs, ListTasksArgs, OverviewArgs, TaskRef,
    UpdateTaskArgs,
};

pub const MAX_ARGUMENT_BYTES: usize = 16 * 1024;

/// A tool as a provider announces it: name, description, JSON schema of the arguments, and
/// whether it only reads (MCP clients show that, and may skip asking before a read).
#[derive(Debug, Clone)]
pub struct ToolSpec {
    pub name: &'static str,
    pub description: &'static str,
    pub parameters: Value,
    pub effect: Effect,
}

/// What a tool does to the user's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Reads,
    Writes,
    /// Deletes: an MCP client should ask first.
    Destroys,
}

pub const ADD_TASK: &str = "add_task";
pub const ADD_TASKS: &str = "add_tasks";
pub const LIST_TASKS: &str = "list_tasks";
pub const GET_OVERVIEW: &str = "get_overview";
pub const COMPLETE_TASK: &str = "complete_task";
pub const COMPLETE_TASKS: &str = "complete_tasks";
pub const REOPEN_TASK: &str = "reopen_task";
pub const UPDATE_TASK: &str = "update_task";
pub const DELETE_TASK: &str = "delete_task";
pub const LIST_PROJECTS: &str = "list_projects";
pub const CREATE_PROJECT: &str = "create_project";

/// The tools, in the order models see them.
pub fn specs() -> Vec<ToolSpec> {
    fn spec<T: JsonSchema>(name: &'static str, effect: Effect, description: &'static str) -> ToolSpec {
        ToolSpec {
            name,
            description,
            parameters: schema_of::<T>(),
            effect,
        }
    }
    use Effect::{Destroys, Reads, Writes};
    vec![
        spec::<AddTaskArgs>(
            ADD_TASK,
            Writes,
            "Create a task for the user. Put only the task itself in the title; give its due date \
             (RFC 3339 with the user's offset), priority, tags, project, parent task, how it repeats \
             and its reminders in their own fields.",
        ),
        spec::<AddTasksArgs>(
            ADD_TASKS,
            Writes,
            "Create several tasks at once (up to 50), each like add_task: for a list the user \
             dictates or pastes. Every task is checked before any is created.",
        ),
        spec::<ListTasksArgs>(
            LIST_TASKS,
            Reads,
            "Find the user's tasks (open ones unless status says otherwise): by due date (today, \
             tomorrow, this_week, next_7_days, overdue, today_or_overdue, none), project, parent \
             task, priority, tag or words in the title and description. Up to 50, soonest due \
             first when filtering by due date, else newest first.",
        ),
        spec::<OverviewArgs>(
            GET_OVERVIEW,
            Reads,
            "A summary to start from: the user's time zone and local time now, how many tasks are \
             open, overdue, due today and in the next 7 days, the projects with their open counts, \
             and the overdue and today's tasks themselves.",
        ),
        spec::<TaskRef>(
            COMPLETE_TASK,
            Writes,
            "Mark one of the user's tasks done (its open subtasks too). A repeating task stays \
             open and moves to its next date.",
        ),
        spec::<CompleteTasksArgs>(
            COMPLETE_TASKS,
            Writes,
            "Mark several tasks done at once (up to 50), each named by id or title like \
             complete_task; says which were done and which could not be found.",
        ),
        spec::<TaskRef>(REOPEN_TASK, Writes, "Mark a done task open again."),
        spec::<UpdateTaskArgs>(
            UPDATE_TASK,
            Writes,
            "Change a task's title, description, priority, due date (null clears it), tags, \
             repetition, reminders or completion, move it to another project, or make it a \
             subtask of another task.",
        ),
        spec::<TaskRef>(
            DELETE_TASK,
            Destroys,
            "Delete one of the user's tasks (with its subtasks).",
        ),
        spec::<ListProjectsArgs>(
            LIST_PROJECTS,
            Reads,
            "List the user's projects (the Inbox first) with how many open tasks each has.",
        ),
        spec::<ProjectInput>(CREATE_PROJECT, Writes, "Create a project for the user."),
    ]
}

/// What running one tool call gives: text for the model, and the action lines of what it changed.
#[derive(Debug)]
pub struct ToolResult {
    pub content: String,
    pub actions: Vec<Action>,
    /// The call was refused (bad arguments, no such task): nothing changed.
    pub is_error: bool,
}

fn error(message: impl Into<String>) -> ToolResult {
    ToolResult {
        content: json!({"error": message.into()}).to_string(),
        actions: Vec::new(),
        is_error: true,
    }
}

fn app(e: AppError) -> ToolResult {
    match e {
        AppError::Validation { field, message } => error(format!("{field}: {message}")),
        other => error(other.to_string()),
    }
}

fn parse<T: DeserializeOwned>(arguments: &str) -> Result<T, ToolResult> {
    let raw = if arguments.trim().is_empty() { "{}" } else { arguments };
    serde_json::from_str(raw).map_err(|e| error(format!("invalid arguments: {e}")))
}

async fn find(scope: &UserScope<'_>, reference: &str, prefer: Prefer) -> Result<Task, ToolResult> {
    // a task's id, as the list tools give it: that task, however old
    let by_id = scope
        .tasks_with_ids(&[reference.trim().to_owned()])
        .await
        .map_err(app)?;
    if let Some(task) = by_id.into_iter().next() {
        return Ok(task);
    }
    // the user's tasks only: resolution never sees anyone else's
    let tasks = scope.recent_tasks(NAMEABLE_TASKS).await.map_err(app)?;
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

fn changed(kind: ActionKind, task: &Task, text: String) -> ToolResult {
    ToolResult {
        content: json!({"ok": true, "task": task}).to_string(),
        actions: vec![Action {
            kind,
            task_id: task.id.clone(),
            text,
        }],
        is_error: false,
    }
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
    match name {
        ADD_TASK => add_task(scope, tz, parse(arguments)?).await,
        LIST_TASKS => list_tasks(scope, tz, parse(arguments)?).await,
        COMPLETE_TASK => set_completed(scope, parse(arguments)?, true).await,
        REOPEN_TASK => set_completed(scope, parse(arguments)?, false).await,
        UPDATE_TASK => update_task(scope, parse(arguments)?).await,
        DELETE_TASK => delete_task(scope, parse(arguments)?).await,
        LIST_PROJECTS => list_projects(scope, parse(arguments)?).await,
        ADD_TASKS => many::add_tasks(scope, tz, parse(arguments)?).await,
        COMPLETE_TASKS => many::complete_tasks(scope, parse(arguments)?).await,
        GET_OVERVIEW => many::overview(scope, tz, parse(arguments)?).await,
        CREATE_PROJECT => create_project(scope, parse(arguments)?).await,
        other => Err(error(format!("unknown tool {other:?}"))),
    }
}

/// A project named by id or by name: one of the user's.
async fn project_ref(scope: &UserScope<'_>, reference: &str) -> Result<Project, ToolResult> {
    if let Ok(project) = scope.get_project(reference).await {
        return Ok(project);
    }
    scope
        .find_project_by_name(reference)
        .await
        .map_err(app)?
        .ok_or_else(|| {
            error(format!(
                "no project is called {reference:?}; list_projects shows them, create_project makes one"
            ))
        })
}

/// An `add_task` call read into a draft: project and parent looked up, every field parsed.
async fn draft_of(scope: &UserScope<'_>, args: AddTaskArgs) -> Result<TaskDraft, ToolResult> {
    let mut input = args.task;
    if let Some(project) = &args.project {
        input.project_id = Some(project_ref(scope, project).await?.id);
    }
    if let Some(parent) = &args.parent {
        input.parent_id = Some(find(scope, parent, Prefer::Open).await?.id);
    }
    TaskDraft::from_input(input).map_err(|e| app(e.into()))
}

/// The action line of a task just added.
fn added_line(task: &Task, tz: Tz) -> String {
    let due = task
        .due_at
        .map(|d| format!(" — due {}", d.with_timezone(&tz).format("%a %b %-d, %H:%M")))
        .unwrap_or_default();
    format!("Added “{}”{due}", task.title)
}

async fn add_task(scope: &UserScope<'_>, tz: Tz, args: AddTaskArgs) -> Result<ToolResult, ToolResult> {
    let draft = draft_of(scope, args).await?;
    let t = scope.create_task(draft).await.map_err(app)?;
    Ok(changed(ActionKind::Added, &t, added_line(&t, tz)))
}

async fn list_tasks(scope: &UserScope<'_>, tz: Tz, args: ListTasksArgs) -> Result<ToolResult, ToolResult> {
    let project = match &args.project {
        Some(p) => Some(project_ref(scope, p).await?.id),
        None => None,
    };
    let parent = match &args.parent {
        Some(p) => Some(find(scope, p, Prefer::Open).await?.id),
        None => None,
    };
    // the API's own parser, so the tool and the URL accept exactly the same filters
    let query = TaskQueryParams {
        status: Some(args.status.unwrap_or(StatusFilter::Open).as_str().to_owned()),
        priority: args.priority.map(|p| p.as_str().to_owned()),
        tag: args.tag,
        q: args.query,
        due: args.due.map(|d| d.as_str().to_owned()),
        project,
        parent,
        ..Default::default()
    }
    .parse()
    .map_err(|e| app(e.into()))?;
    let page = scope.list_tasks(&query, due_bounds(tz)).await.map_err(app)?;
    Ok(ToolResult {
        content: json!({"tasks": page.items, "more": page.next_cursor.is_some()}).to_string(),
        actions: Vec::new(),
        is_error: false,
    })
}

async fn list_projects(scope: &UserScope<'_>, args: ListProjectsArgs) -> Result<ToolResult, ToolResult> {
    let projects = scope.list_projects(args.archived.unwrap_or(false)).await.map_err(app)?;
    Ok(ToolResult {
        content: json!({"projects": projects}).to_string(),
        actions: Vec::new(),
        is_error: false,
    })
}

async fn create_project(scope: &UserScope<'_>, input: ProjectInput) -> Result<ToolResult, ToolResult> {
    let name = ProjectName::parse(&input.name).map_err(|e| app(e.into()))?;
    let project = scope.create_project(name).await.map_err(app)?;
    Ok(ToolResult {
        content: json!({"ok": true, "project": project}).to_string(),
        actions: vec![Action {
            kind: ActionKind::Added,
            task_id: String::new(),
            text: format!("Created the project “{}”", project.name),
        }],
        is_error: false,
    })
}

async fn set_completed(scope: &UserScope<'_>, args: TaskRef, done: bool) -> Result<ToolResult, ToolResult> {
    let found = find(scope, &args.task, if done { Prefer::Open } else { Prefer::Done }).await?;
    // with its subtasks counted, for the reply to a completion
    let before = if done {
        scope.get_task(&found.id).await.map_err(app)?
    } else {
        found
    };
    let t = scope
        .update_task(&before.id, TaskPatch::completed(done))
        .await
        .map_err(app)?;
    Ok(if done {
        let with = and_subtasks(&before, &t);
        changed(ActionKind::Completed, &t, format!("Completed “{}”{with}", t.title))
    } else {
        changed(ActionKind::Reopened, &t, format!("Reopened “{}”", t.title))
    })
}

/// " and its 2 open subtasks" when completing `before` closed them too (a repeating task moves
/// on to its next day and leaves them be).
pub(crate) fn and_subtasks(before: &Task, after: &Task) -> String {
    match before.open_subtasks() {
        0 => String::new(),
        // done already (a subtask reopened since): completing it again closed nothing
        _ if before.completed || !after.completed => String::new(),
        1 => " and its open subtask".to_owned(),
        n => format!(" and its {n} open subtasks"),
    }
}

async fn update_task(scope: &UserScope<'_>, args: UpdateTaskArgs) -> Result<ToolResult, ToolResult> {
    let mut changes = args.changes;
    if let Some(project) = &args.project {
        changes.project_id = Some(project_ref(scope, project).await?.id);
    }
    if let Some(parent) = &args.parent {
        changes.parent_id = Some(Some(find(scope, parent, Prefer::Open).await?.id));
    }
    let patch = TaskPatch::from_input(changes).map_err(|e| app(e.into()))?;
    let t = find(scope, &args.task, Prefer::Open).await?;
    let t = scope.update_task(&t.id, patch).await.map_err(app)?;
    Ok(changed(ActionKind::Updated, &t, format!("Updated “{}”", t.title)))
}

async fn delete_task(scope: &UserScope<'_>, args: TaskRef) -> Result<ToolResult, ToolResult> {
    let t = find(scope, &args.task, Prefer::Open).await?;
    let t = scope.delete_task(&t.id).await.map_err(app)?;
    Ok(changed(ActionKind::Deleted, &t, format!("Deleted “{}”", t.title)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::task::{Priority, TaskInput, TaskPatchInput};

    #[test]
    fn schemas_come_from_the_input_types() {
        let specs = specs();
        let add = &specs[0].parameters;
        assert_eq!(add["type"], "object");
        assert_eq!(add["required"], json!(["title"]));
        assert!(add["properties"]["project"].is_object() && add["properties"]["parent"].is_object());
        assert_eq!(
            add["properties"]["priority"]["enum"],
            json!(["none", "low", "medium", "high"])
        );
        // every field of the input type is in the schema, so none can be forgotten
        let input_fields = serde_json::to_value(TaskPatchInput {
            title: Some(String::new()),
            description: Some(String::new()),
            priority: Some(Priority::None),
            due_at: Some(None),
            tags: Some(vec![]),
            completed: Some(false),
            project_id: Some(String::new()),
            parent_id: Some(None),
            recurrence: Some(None),
            reminders: Some(vec![]),
        })
        .unwrap();
        let update = &specs.iter().find(|s| s.name == UPDATE_TASK).unwrap().parameters;
        for field in input_fields.as_object().unwrap().keys() {
            assert!(update["properties"].get(field).is_some(), "update_task lacks {field}");
        }
        assert!(update["properties"].get("task").is_some());
        assert_eq!(update["required"], json!(["task"]));
        let text = serde_json::to_string(&specs.iter().map(|s| &s.parameters).collect::<Vec<_>>()).unwrap();
        assert!(
            !text.contains("$ref") && !text.contains("\"null\"") && !text.contains(":null"),
            "{text}"
        );
    }

    #[test]
    fn arguments_are_the_api_types_and_refuse_strangers() {
        let args: UpdateTaskArgs = serde_json::from_str(r#"{"task": "milk", "due_at": null}"#).unwrap();
        assert_eq!(args.changes.due_at, Some(None));
        // a model's null for a field it leaves alone empties nothing (the API's PATCH does)
        let args: UpdateTaskArgs =
            serde_json::from_str(r#"{"task": "milk", "description": null, "tags": null, "reminders": null}"#)
                .expect("the arguments");
        assert_eq!(
            (args.changes.description, args.changes.tags, args.changes.reminders),
            (None, None, None)
        );
        assert!(serde_json::from_str::<UpdateTaskArgs>(r#"{"task": "milk", "user_id": "x"}"#).is_err());
        assert!(serde_json::from_str::<TaskInput>(r#"{"title": "x", "priority": "urgent"}"#).is_err());
        assert!(serde_json::from_str::<ListTasksArgs>(r#"{"status": "later"}"#).is_err());
        let add: AddTaskArgs = serde_json::from_str(r#"{"title": "oat milk", "project": "groceries"}"#).unwrap();
        assert_eq!(
            (add.task.title.as_str(), add.project.as_deref()),
            ("oat milk", Some("groceries"))
        );
        assert!(serde_json::from_str::<AddTaskArgs>(r#"{"title": "x", "user_id": "y"}"#).is_err());
        assert!(serde_json::from_str::<AddTaskArgs>(r#"{"title": "x", "project": 5}"#).is_err());
    }
}
