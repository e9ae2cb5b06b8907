//! The task tools a model may call — the assistant's providers and the MCP server alike. Each
//! runs through the user's scope: no tool takes a user id, so nothing a model says can reach
//! another user's data. Arguments are the API's own input types ([`TaskInput`],
//! [`TaskPatchInput`]) and their JSON Schemas are derived from them, so a field added there
//! reaches every door at once. Bad calls (unknown tool, bad or oversized arguments, a task that
//! cannot be found) come back as tool errors for the model.
use chrono_tz::Tz;
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};

use super::builtin::NAMEABLE_TASKS;
use super::command::target;
use super::resolve::{resolve, Prefer, Resolution};
use crate::domain::chat::{Action, ActionKind};
use crate::domain::project::{Project, ProjectInput, ProjectName};
use crate::domain::query::{DueFilter, StatusFilter, TaskQueryParams};
use crate::domain::task::{Priority, Task, TaskDraft, TaskInput, TaskPatch, TaskPatchInput};
use crate::error::AppError;
use crate::server::repo::UserScope;
use crate::server::tasks::due_bounds;

pub const MAX_ARGUMENT_BYTES: usize = 16 * 1024;

/// A tool as a provider announces it: name, description, JSON schema of the arguments.
#[derive(Debug, Clone)]
pub struct ToolSpec {
    pub name: &'static str,
    pub description: &'static str,
    pub parameters: Value,
}

pub const ADD_TASK: &str = "add_task";
pub const LIST_TASKS: &str = "list_tasks";
pub const COMPLETE_TASK: &str = "complete_task";
pub const REOPEN_TASK: &str = "reopen_task";
pub const UPDATE_TASK: &str = "update_task";
pub const DELETE_TASK: &str = "delete_task";
pub const LIST_PROJECTS: &str = "list_projects";
pub const CREATE_PROJECT: &str = "create_project";

/// Names one of the user's tasks.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskRef {
    /// The task's id, or words of its title.
    pub task: String,
}

/// A new task, and where it goes: the API's `TaskInput`, with the project and the parent named
/// as a person would name them.
#[derive(Debug, JsonSchema)]
pub struct AddTaskArgs {
    #[serde(flatten)]
    pub task: TaskInput,
    /// The project to put it in: its name or id (the Inbox when left out).
    pub project: Option<String>,
    /// The task to make it a subtask of: its id or words of its title.
    pub parent: Option<String>,
}

/// Which of the user's tasks to list.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListTasksArgs {
    /// open (the default), done or all.
    #[serde(default)]
    pub status: Option<StatusFilter>,
    #[serde(default)]
    pub priority: Option<Priority>,
    /// Only tasks with this tag.
    #[serde(default)]
    pub tag: Option<String>,
    /// Words searched in titles and descriptions.
    #[serde(default)]
    pub query: Option<String>,
    /// today, tomorrow, this_week, next_7_days, overdue (open and past due), today_or_overdue or none (no due date).
    #[serde(default)]
    pub due: Option<DueFilter>,
    /// Only the tasks of this project (its name or id).
    #[serde(default)]
    pub project: Option<String>,
    /// Only the subtasks of this task (its id or words of its title).
    #[serde(default)]
    pub parent: Option<String>,
}

/// A task to change, and the changes: fields left out stay as they are.
#[derive(Debug, JsonSchema)]
pub struct UpdateTaskArgs {
    /// The task's id, or words of its title.
    pub task: String,
    #[serde(flatten)]
    pub changes: TaskPatchInput,
    /// Move it (and its subtasks) to this project: its name or id.
    pub project: Option<String>,
    /// Make it a subtask of this task (its id or words of its title).
    pub parent: Option<String>,
}

/// Which projects to list.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListProjectsArgs {
    /// true: the archived projects instead.
    #[serde(default)]
    pub archived: Option<bool>,
}

/// Takes `names` out of a JSON object (each must be a string when given) and deserializes the
/// rest as `T` — by hand, because serde's `flatten` would let unknown fields through.
fn split<'de, T: DeserializeOwned, D: serde::Deserializer<'de>>(
    deserializer: D,
    names: &[&str],
) -> Result<(Vec<Option<String>>, T), D::Error> {
    use serde::de::Error;
    let mut fields = serde_json::Map::<String, Value>::deserialize(deserializer)?;
    let mut taken = Vec::with_capacity(names.len());
    for name in names {
        taken.push(match fields.remove(*name) {
            Some(Value::String(value)) => Some(value),
            Some(Value::Null) | None => None,
            Some(_) => return Err(D::Error::custom(format!("{name} must be a string"))),
        });
    }
    let rest = T::deserialize(Value::Object(fields)).map_err(D::Error::custom)?;
    Ok((taken, rest))
}

impl<'de> Deserialize<'de> for AddTaskArgs {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (mut taken, task) = split(deserializer, &["project", "parent"])?;
        let parent = taken.pop().flatten();
        let project = taken.pop().flatten();
        Ok(Self { task, project, parent })
    }
}

impl<'de> Deserialize<'de> for UpdateTaskArgs {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let (mut taken, changes) = split(deserializer, &["task", "project", "parent"])?;
        let parent = taken.pop().flatten();
        let project = taken.pop().flatten();
        let task = taken.pop().flatten().ok_or_else(|| D::Error::missing_field("task"))?;
        Ok(Self {
            task,
            changes,
            project,
            parent,
        })
    }
}

/// The JSON Schema of `T` as models take it: one object, subschemas inlined, optional fields
/// simply not required (no `null` alternatives, which some providers refuse).
pub fn schema_of<T: JsonSchema>() -> Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .with(|s| {
            s.inline_subschemas = true;
            s.meta_schema = None;
        })
        .into_generator();
    let mut schema = generator.into_root_schema_for::<T>().to_value();
    strip_null(&mut schema);
    if let Some(object) = schema.as_object_mut() {
        object.remove("title");
        // the tool's own description says what the arguments are for
        object.remove("description");
        object.remove("$defs");
        // flattened structs with deny_unknown_fields say so; models need not be told
        object.remove("additionalProperties");
    }
    schema
}

/// Removes the `null` alternatives schemars writes for `Option` fields: an optional field is
/// one that is not required, and providers such as Gemini refuse `"type": [.., "null"]`.
fn strip_null(value: &mut Value) {
    match value {
        Value::Object(object) => {
            if let Some(Value::Array(types)) = object.get("type") {
                let kept: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
                if kept.len() == 1 {
                    object.insert("type".into(), kept[0].clone());
                } else {
                    object.insert("type".into(), Value::Array(kept));
                }
            }
            if let Some(Value::Array(options)) = object.get("anyOf") {
                let kept: Vec<Value> = options
                    .iter()
                    .filter(|o| o.get("type") != Some(&json!("null")))
                    .cloned()
                    .collect();
                if let [only] = kept.as_slice() {
                    object.remove("anyOf");
                    if let Value::Object(inner) = only {
                        for (k, v) in inner {
                            object.entry(k.clone()).or_insert_with(|| v.clone());
                        }
                    }
                } else {
                    object.insert("anyOf".into(), Value::Array(kept));
                }
            }
            if object.get("default") == Some(&Value::Null) {
                object.remove("default");
            }
            if let Some(Value::Array(options)) = object.get_mut("enum") {
                options.retain(|o| !o.is_null());
            }
            for v in object.values_mut() {
                strip_null(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(strip_null),
        _ => {}
    }
}

/// The tools, in the order models see them.
pub fn specs() -> Vec<ToolSpec> {
    fn spec<T: JsonSchema>(name: &'static str, description: &'static str) -> ToolSpec {
        ToolSpec {
            name,
            description,
            parameters: schema_of::<T>(),
        }
    }
    vec![
        spec::<AddTaskArgs>(
            ADD_TASK,
            "Create a task for the user. Put only the task itself in the title; give its due date, \
             priority, tags, project and parent task in their own fields.",
        ),
        spec::<ListTasksArgs>(
            LIST_TASKS,
            "List the user's tasks (open ones unless status says otherwise), newest first or \
             soonest due first when filtering by due date; filter by project, parent task, tag, text.",
        ),
        spec::<TaskRef>(
            COMPLETE_TASK,
            "Mark one of the user's tasks done (its open subtasks too).",
        ),
        spec::<TaskRef>(REOPEN_TASK, "Mark a done task open again."),
        spec::<UpdateTaskArgs>(
            UPDATE_TASK,
            "Change a task's title, description, priority, due date (null clears it), tags or \
             completion, move it to another project, or make it a subtask of another task.",
        ),
        spec::<TaskRef>(DELETE_TASK, "Delete one of the user's tasks (with its subtasks)."),
        spec::<ListProjectsArgs>(
            LIST_PROJECTS,
            "List the user's projects (the Inbox first) with how many open tasks each has.",
        ),
        spec::<ProjectInput>(CREATE_PROJECT, "Create a project for the user."),
    ]
}

/// What running one tool call gives: text for the model, and the action line if it changed a task.
#[derive(Debug)]
pub struct ToolResult {
    pub content: String,
    pub action: Option<Action>,
    /// The call was refused (bad arguments, no such task): nothing changed.
    pub is_error: bool,
}

fn error(message: impl Into<String>) -> ToolResult {
    ToolResult {
        content: json!({"error": message.into()}).to_string(),
        action: None,
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
        action: Some(Action {
            kind,
            task_id: task.id.clone(),
            text,
        }),
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

async fn add_task(scope: &UserScope<'_>, tz: Tz, args: AddTaskArgs) -> Result<ToolResult, ToolResult> {
    let mut input = args.task;
    if let Some(project) = &args.project {
        input.project_id = Some(project_ref(scope, project).await?.id);
    }
    if let Some(parent) = &args.parent {
        input.parent_id = Some(find(scope, parent, Prefer::Open).await?.id);
    }
    let draft = TaskDraft::from_input(input).map_err(|e| app(e.into()))?;
    let t = scope.create_task(draft).await.map_err(app)?;
    let due = t
        .due_at
        .map(|d| format!(" — due {}", d.with_timezone(&tz).format("%a %b %-d, %H:%M")))
        .unwrap_or_default();
    Ok(changed(ActionKind::Added, &t, format!("Added “{}”{due}", t.title)))
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
        action: None,
        is_error: false,
    })
}

async fn list_projects(scope: &UserScope<'_>, args: ListProjectsArgs) -> Result<ToolResult, ToolResult> {
    let projects = scope.list_projects(args.archived.unwrap_or(false)).await.map_err(app)?;
    Ok(ToolResult {
        content: json!({"projects": projects}).to_string(),
        action: None,
        is_error: false,
    })
}

async fn create_project(scope: &UserScope<'_>, input: ProjectInput) -> Result<ToolResult, ToolResult> {
    let name = ProjectName::parse(&input.name).map_err(|e| app(e.into()))?;
    let project = scope.create_project(name).await.map_err(app)?;
    Ok(ToolResult {
        content: json!({"ok": true, "project": project}).to_string(),
        action: Some(Action {
            kind: ActionKind::Added,
            task_id: String::new(),
            text: format!("Created the project “{}”", project.name),
        }),
        is_error: false,
    })
}

async fn set_completed(scope: &UserScope<'_>, args: TaskRef, done: bool) -> Result<ToolResult, ToolResult> {
    let t = find(scope, &args.task, if done { Prefer::Open } else { Prefer::Done }).await?;
    let t = scope
        .update_task(&t.id, TaskPatch::completed(done))
        .await
        .map_err(app)?;
    Ok(if done {
        changed(ActionKind::Completed, &t, format!("Completed “{}”", t.title))
    } else {
        changed(ActionKind::Reopened, &t, format!("Reopened “{}”", t.title))
    })
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
