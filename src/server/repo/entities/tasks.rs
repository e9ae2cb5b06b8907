//! The `tasks` table.
use sea_orm::entity::prelude::*;

crate::server::repo::reader::sqlite_model! {
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "tasks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub user_id: String,
    pub title: String,
    pub title_key: String,
    pub description: String,
    pub completed: bool,
    pub completed_at: Option<i64>,
    pub priority: i16,
    pub due_at: Option<i64>,
    pub tags: String,
    pub created_at: i64,
    pub updated_at: i64,
    /// The title and description lower-cased (all of Unicode), for the text search.
    pub search_key: String,
    /// One of the user's projects (the Inbox by default).
    pub project_id: String,
    /// The parent task (same user, same project), for a subtask.
    pub parent_id: Option<String>,
    /// The RRULE (without DTSTART) of a recurring task.
    pub recurrence_rule: Option<String>,
    /// `due` or `completion`.
    pub recurrence_from: Option<String>,
    /// The series' first due date: COUNT and UNTIL count from it.
    pub recurrence_anchor: Option<i64>,
    /// The reminders, as a JSON array of `StoredReminder`.
    #[serde(default)]
    pub reminders: String,
    /// The earliest reminder that has not fired (indexed: the scheduler's only lookup).
    #[serde(default)]
    pub next_reminder_at: Option<i64>,
}
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
