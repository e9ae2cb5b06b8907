//! The tools' arguments: the API's own input types, with projects and tasks named as a person
//! names them, and the JSON Schemas models and MCP clients get, derived from the same types.
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::domain::query::{DueFilter, StatusFilter};
use crate::domain::task::{Priority, TaskInput, TaskPatchInput};

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
/// rest as `T` — by hand, because serde's `flatten` would let unknown fields through. Fields of
/// `unset_when_null` given as `null` are left out: a model writes `null` for what it means to
/// leave alone.
fn split<'de, T: DeserializeOwned, D: serde::Deserializer<'de>>(
    deserializer: D,
    names: &[&str],
    unset_when_null: &[&str],
) -> Result<(Vec<Option<String>>, T), D::Error> {
    use serde::de::Error;
    let mut fields = serde_json::Map::<String, Value>::deserialize(deserializer)?;
    fields.retain(|name, value| !(value.is_null() && unset_when_null.contains(&name.as_str())));
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
        let (mut taken, task) = split(deserializer, &["project", "parent"], &[])?;
        let parent = taken.pop().flatten();
        let project = taken.pop().flatten();
        Ok(Self { task, project, parent })
    }
}

impl<'de> Deserialize<'de> for UpdateTaskArgs {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        // (the API's PATCH empties these with null; a tool call leaves them as they are)
        let (mut taken, changes) = split(
            deserializer,
            &["task", "project", "parent"],
            &["description", "tags", "reminders"],
        )?;
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

/// The most tasks one batch call takes.
pub const BATCH_MAX: usize = 50;

/// Several new tasks at once.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AddTasksArgs {
    /// The tasks, 1 to 50, each with the fields of add_task.
    pub tasks: Vec<AddTaskArgs>,
}

/// Several tasks to mark done.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompleteTasksArgs {
    /// 1 to 50 tasks, each by id or words of its title.
    pub tasks: Vec<String>,
}

/// The overview takes no arguments.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OverviewArgs {}
