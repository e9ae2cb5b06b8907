//! What a new task or a change to one arrives as, from any door (pages, JSON API, assistant
//! tools, MCP), and the same parsed field by field into a draft or a patch.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{parse_due_at, parse_ref_id, Priority, Tags, TaskDescription, TaskTitle};
use crate::domain::recurrence::{RecurrenceInput, RecurrenceSpec};
use crate::domain::reminder::{parse_reminders, ReminderInput, ReminderSpec};
use crate::domain::DomainError;

/// The body of `POST /api/v1/tasks`, and the arguments of the assistant's `add_task` tool: the
/// one input shape of a new task, whichever door it comes through.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskInput {
    /// The title, 1 to 200 characters.
    pub title: String,
    /// Free text, up to 10 000 characters.
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub priority: Option<Priority>,
    /// When it is due, as an RFC 3339 date-time with offset, e.g. 2026-11-27T17:00:00+01:00.
    #[serde(default)]
    pub due_at: Option<String>,
    /// Up to 10 tags of letters, digits, '-' and '_'.
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    /// The id of one of the user's projects; the Inbox when left out.
    #[serde(default)]
    pub project_id: Option<String>,
    /// The id of the task this is a subtask of (same project; at most 4 levels deep).
    #[serde(default)]
    pub parent_id: Option<String>,
    /// How it repeats. A repeating task needs a due date: without one, the first occurrence
    /// from today becomes it.
    #[serde(default)]
    pub recurrence: Option<RecurrenceInput>,
    /// Up to 5 reminders: `{"before_minutes": 10}` (before the due date) or `{"at": "…"}`.
    /// Left out, a task with a due time gets the user's default reminder; `[]` means none.
    #[serde(default)]
    pub reminders: Option<Vec<ReminderInput>>,
}

/// The body of `PATCH /api/v1/tasks/{id}` and the changes of the `update_task` tool: absent
/// fields stay as they are, `"due_at": null` clears the due date, and `null` empties the
/// description, the tags and the reminders.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskPatchInput {
    /// A new title, 1 to 200 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// A new description, or null (as `""`) to clear it.
    #[serde(default, deserialize_with = "null_is_empty", skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A new priority (`null`, as `"none"`: no priority).
    #[serde(default, deserialize_with = "null_is_empty", skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    /// A new due date (RFC 3339 with offset), or null to clear it.
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>), schemars(with = "Option<String>"))]
    pub due_at: Option<Option<String>>,
    /// The whole new list of tags (null, as `[]`: none).
    #[serde(default, deserialize_with = "null_is_empty", skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed: Option<bool>,
    /// Moves the task (and its subtasks) to this project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// Makes it a subtask of this task, or (null) a top-level task again.
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>), schemars(with = "Option<String>"))]
    pub parent_id: Option<Option<String>>,
    /// A new way to repeat, or null to stop repeating.
    #[serde(
        default,
        deserialize_with = "present_recurrence",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "ssr", schema(value_type = Option<RecurrenceInput>), schemars(with = "Option<RecurrenceInput>"))]
    pub recurrence: Option<Option<RecurrenceInput>>,
    /// The whole new list of reminders (`[]` or null: none).
    #[serde(default, deserialize_with = "null_is_empty", skip_serializing_if = "Option::is_none")]
    pub reminders: Option<Vec<ReminderInput>>,
}

/// A field that can be emptied but not absent from a task: `null` empties it, as a cleared due
/// date is `null` (an absent field still changes nothing).
fn null_is_empty<'de, D: serde::Deserializer<'de>, T: Default + Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    Option::<T>::deserialize(d).map(|v| Some(v.unwrap_or_default()))
}

/// Tells a recurrence that is present (even as `null`) from one that is absent.
fn present_recurrence<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<RecurrenceInput>>, D::Error> {
    Option::<RecurrenceInput>::deserialize(d).map(Some)
}

/// Tells a field that is present (even as `null`) from one that is absent.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// A new task, every field parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskDraft {
    pub title: TaskTitle,
    pub description: TaskDescription,
    pub priority: Priority,
    pub due_at: Option<DateTime<Utc>>,
    pub tags: Tags,
    /// `None`: the Inbox.
    pub project_id: Option<String>,
    pub parent_id: Option<String>,
    pub recurrence: Option<RecurrenceSpec>,
    /// `None`: the user's default reminder, when the task has a due time.
    pub reminders: Option<Vec<ReminderSpec>>,
}

impl TaskDraft {
    /// The one parser of a new task.
    pub fn from_input(input: TaskInput) -> Result<Self, DomainError> {
        Ok(Self {
            title: TaskTitle::parse(&input.title)?,
            description: TaskDescription::parse(input.description.as_deref().unwrap_or_default())?,
            priority: input.priority.unwrap_or_default(),
            due_at: input.due_at.as_deref().map(parse_due_at).transpose()?,
            tags: Tags::parse(&input.tags.unwrap_or_default())?,
            project_id: input
                .project_id
                .as_deref()
                .map(|id| parse_ref_id("project_id", id))
                .transpose()?,
            parent_id: input
                .parent_id
                .as_deref()
                .map(|id| parse_ref_id("parent_id", id))
                .transpose()?,
            recurrence: input.recurrence.as_ref().map(RecurrenceSpec::parse).transpose()?,
            reminders: input.reminders.as_deref().map(parse_reminders).transpose()?,
        })
    }
}

/// A change to a task: `None` leaves a field as it is; `Some(None)` clears a due date.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TaskPatch {
    pub title: Option<TaskTitle>,
    pub description: Option<TaskDescription>,
    pub priority: Option<Priority>,
    pub due_at: Option<Option<DateTime<Utc>>>,
    pub tags: Option<Tags>,
    pub completed: Option<bool>,
    pub project_id: Option<String>,
    /// `Some(None)`: make it a top-level task.
    pub parent_id: Option<Option<String>>,
    /// `Some(None)`: stop repeating.
    pub recurrence: Option<Option<RecurrenceSpec>>,
    /// The whole new list.
    pub reminders: Option<Vec<ReminderSpec>>,
    /// A repeating task moved to another day keeps its rule ("push everything to next week"
    /// postpones this occurrence); otherwise a repeat of one day follows it to the new day.
    pub series_stays: bool,
}

impl TaskPatch {
    /// The one parser of a change to a task.
    pub fn from_input(input: TaskPatchInput) -> Result<Self, DomainError> {
        Ok(Self {
            title: input.title.as_deref().map(TaskTitle::parse).transpose()?,
            description: input.description.as_deref().map(TaskDescription::parse).transpose()?,
            priority: input.priority,
            due_at: match input.due_at {
                None => None,
                Some(None) => Some(None),
                Some(Some(raw)) => Some(Some(parse_due_at(&raw)?)),
            },
            tags: input.tags.as_deref().map(Tags::parse).transpose()?,
            completed: input.completed,
            project_id: input
                .project_id
                .as_deref()
                .map(|id| parse_ref_id("project_id", id))
                .transpose()?,
            parent_id: match input.parent_id {
                None => None,
                Some(None) => Some(None),
                Some(Some(id)) => Some(Some(parse_ref_id("parent_id", &id)?)),
            },
            recurrence: match &input.recurrence {
                None => None,
                Some(None) => Some(None),
                Some(Some(r)) => Some(Some(RecurrenceSpec::parse(r)?)),
            },
            reminders: input.reminders.as_deref().map(parse_reminders).transpose()?,
            series_stays: false,
        })
    }

    pub fn is_empty(&self) -> bool {
        *self == TaskPatch::default()
    }

    /// Only marks the task done or open.
    pub fn completed(done: bool) -> Self {
        Self {
            completed: Some(done),
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patch_tells_null_from_absent() {
        let clear: TaskPatchInput = serde_json::from_str(r#"{"due_at": null}"#).expect("a patch");
        assert_eq!(TaskPatch::from_input(clear).expect("valid").due_at, Some(None));
        let keep: TaskPatchInput = serde_json::from_str(r#"{"title": "x"}"#).expect("a patch");
        assert_eq!(TaskPatch::from_input(keep).expect("valid").due_at, None);
        assert!(serde_json::from_str::<TaskPatchInput>(r#"{"user_id": "someone"}"#).is_err());
        // what can be empty is emptied by null, as by "" or []; absent, it stays
        let empty: TaskPatchInput =
            serde_json::from_str(r#"{"description": null, "tags": null, "reminders": null}"#).expect("a patch");
        let empty = TaskPatch::from_input(empty).expect("valid");
        assert_eq!(empty.description, Some(TaskDescription::default()));
        assert_eq!(empty.tags, Some(Tags::default()));
        assert_eq!(empty.reminders, Some(vec![]));
        let keep = TaskPatch::from_input(serde_json::from_str(r#"{"title": "x"}"#).expect("a patch")).expect("valid");
        assert_eq!((keep.description, keep.tags, keep.reminders), (None, None, None));
        // and a wrong type is still refused
        assert!(serde_json::from_str::<TaskPatchInput>(r#"{"description": 5}"#).is_err());
    }

    #[test]
    fn drafts_refuse_bad_fields() {
        let ok = TaskInput {
            title: "x".into(),
            due_at: Some("2026-11-27T09:00:00+01:00".into()),
            ..Default::default()
        };
        assert_eq!(
            TaskDraft::from_input(ok)
                .expect("valid")
                .due_at
                .expect("a due date")
                .to_rfc3339(),
            "2026-11-27T08:00:00+00:00"
        );
        for bad in [
            TaskInput {
                title: " ".into(),
                ..Default::default()
            },
            TaskInput {
                title: "x".into(),
                due_at: Some("friday".into()),
                ..Default::default()
            },
            TaskInput {
                title: "x".into(),
                due_at: Some("0000-01-01T00:00:00Z".into()),
                ..Default::default()
            },
            TaskInput {
                title: "x".into(),
                tags: Some(vec!["a b".into()]),
                ..Default::default()
            },
        ] {
            assert!(TaskDraft::from_input(bad).is_err());
        }
    }
}
