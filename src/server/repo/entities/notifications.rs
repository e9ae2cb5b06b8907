//! The `notifications` table: one per fired reminder.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub user_id: String,
    pub task_id: Option<String>,
    /// The reminder's id and instant: unique, so one firing never makes two notifications.
    pub reminder_key: String,
    pub title: String,
    pub body: String,
    pub fire_at: i64,
    pub created_at: i64,
    pub read_at: Option<i64>,
    pub late: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
