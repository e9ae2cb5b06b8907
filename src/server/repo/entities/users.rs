//! The `users` table.
use sea_orm::entity::prelude::*;

crate::server::repo::reader::sqlite_model! {
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub email: String,
    pub name: String,
    pub email_verified: bool,
    pub image: Option<String>,
    pub time_zone: String,
    pub created_at: i64,
    pub updated_at: i64,
    /// Bumped by the database on every change to the user's tasks (triggers).
    pub tasks_version: i64,
    /// The reminder new tasks with a due time get: minutes before (0: at the due time), or none.
    pub default_reminder_minutes: Option<i32>,
    /// Whether reminders are also mailed (when the server has SMTP).
    pub email_reminders: bool,
}
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
