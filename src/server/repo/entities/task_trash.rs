//! The `task_trash` table: deleted tasks (as JSON rows), kept for Undo.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "task_trash")]
pub struct Model {
    /// The id of the task that was deleted (its subtasks are in `rows` with it).
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub user_id: String,
    /// The deleted rows of `tasks`, parents before children, as a JSON array.
    pub rows: String,
    pub deleted_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
