//! The `task_completions` table: each completion of a task.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "task_completions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub user_id: String,
    pub task_id: String,
    pub completed_at: i64,
    /// The due date it was completed for.
    pub due_at: Option<i64>,
    /// Where a recurring task went next (none: done for good).
    pub next_due_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
