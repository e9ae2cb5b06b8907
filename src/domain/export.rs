//! Your data, out and in: the export document (everything a user owns, nothing secret), and
//! the two shapes `POST /api/v1/import` takes — that document as it was exported, or a Todoist
//! project CSV.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::chat::Role;
use super::recurrence::Recurrence;
use super::reminder::ReminderInput;
use super::task::Priority;
use super::timestamp;
use super::user::User;

/// The `format` of a Taskpilot export document.
pub const EXPORT_FORMAT: &str = "taskpilot";
pub const EXPORT_VERSION: u32 = 1;

/// Everything a user owns: never a password hash, a token or a session. `POST` it to
/// `/api/v1/import` (of any account) to bring it back, with new ids.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportDocument {
    /// Always "taskpilot".
    pub format: String,
    pub version: u32,
    #[serde(with = "timestamp")]
    pub exported_at: DateTime<Utc>,
    pub user: User,
    /// The exporter's time zone: a task due on a day without a time (at its end there) is
    /// imported due on that day in the importer's zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    pub projects: Vec<ExportProject>,
    /// Parents before their subtasks.
    pub tasks: Vec<ExportTask>,
    pub conversations: Vec<ExportConversation>,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportProject {
    /// The id in the exporting account; tasks name their project by it.
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub is_inbox: bool,
    #[serde(default)]
    pub archived: bool,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportTask {
    /// The id in the exporting account; subtasks name their parent by it.
    pub id: String,
    pub project_id: String,
    #[serde(default)]
    pub parent_id: Option<String>,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub completed: bool,
    #[serde(default)]
    pub priority: Priority,
    #[serde(default, with = "timestamp::opt")]
    pub due_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default, with = "timestamp::opt")]
    pub completed_at: Option<DateTime<Utc>>,
    #[serde(with = "timestamp")]
    pub created_at: DateTime<Utc>,
    /// How it repeats, or null.
    #[serde(default)]
    pub recurrence: Option<Recurrence>,
    /// Its reminders (left out: the importing user's default).
    #[serde(default)]
    pub reminders: Option<Vec<ReminderInput>>,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportConversation {
    pub title: String,
    pub created_at: String,
    /// Oldest first.
    pub messages: Vec<ExportMessage>,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportMessage {
    pub role: Role,
    pub content: String,
    pub created_at: String,
}

/// The body of `POST /api/v1/import` for a Todoist project CSV.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TodoistImport {
    /// Always "todoist_csv".
    pub format: String,
    /// The name of the project to create for the rows.
    pub project: String,
    /// The CSV as Todoist exports a project (TYPE, CONTENT, DESCRIPTION, PRIORITY, INDENT, DATE…).
    pub csv: String,
}

/// What an import created.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ImportCounts {
    pub projects: u64,
    pub tasks: u64,
    pub conversations: u64,
    pub messages: u64,
    /// Tasks and conversations of the document the user has already (the same title, created at
    /// the same instant: an export imported twice), left out (absent when none).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub skipped: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl ImportCounts {
    /// "Imported 2 projects, 14 tasks and 1 conversation."
    pub fn sentence(&self) -> String {
        fn n(count: u64, one: &str, many: &str) -> String {
            format!("{count} {}", if count == 1 { one } else { many })
        }
        let mut parts = vec![n(self.projects, "project", "projects"), n(self.tasks, "task", "tasks")];
        if self.conversations > 0 {
            parts.push(n(self.conversations, "conversation", "conversations"));
        }
        let last = parts.pop().unwrap_or_default();
        let imported = if parts.is_empty() {
            format!("Imported {last}")
        } else {
            format!("Imported {} and {last}", parts.join(", "))
        };
        match self.skipped {
            0 => format!("{imported}."),
            n => format!(
                "{imported}; {} already here {} left out.",
                n,
                if n == 1 { "was" } else { "were" }
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_a_sentence() {
        let counts = ImportCounts {
            projects: 1,
            tasks: 14,
            conversations: 0,
            messages: 0,
            skipped: 0,
        };
        assert_eq!(counts.sentence(), "Imported 1 project and 14 tasks.");
        let counts = ImportCounts {
            projects: 2,
            tasks: 1,
            conversations: 3,
            messages: 9,
            skipped: 0,
        };
        assert_eq!(counts.sentence(), "Imported 2 projects, 1 task and 3 conversations.");
        let again = ImportCounts {
            skipped: 4,
            ..Default::default()
        };
        assert_eq!(
            again.sentence(),
            "Imported 0 projects and 0 tasks; 4 already here were left out."
        );
        let one = ImportCounts {
            skipped: 1,
            tasks: 1,
            ..Default::default()
        };
        assert_eq!(
            one.sentence(),
            "Imported 0 projects and 1 task; 1 already here was left out."
        );
    }
}
