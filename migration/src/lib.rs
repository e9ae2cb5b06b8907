//! Schema migrations, applied in order at start-up and by `taskpilot migrate`.
pub use sea_orm_migration::prelude::*;

mod m20261121_000001_create_users;
mod m20261121_000002_create_sessions;
mod m20261121_000003_create_api_tokens;
mod m20261121_000004_create_rate_limits;
mod m20261121_000005_create_tasks;
mod m20261121_000006_create_conversations;
mod m20261121_000007_tasks_version;
mod m20261201_000001_index_messages_user;
mod m20261201_000002_add_tasks_search_key;
mod m20261201_000003_create_task_trash;
mod m20261202_000001_create_projects;
mod m20261203_000001_add_tasks_recurrence;
mod m20261203_000002_create_calendar_feeds;
mod m20261204_000001_reminders;
mod m20261205_000001_create_oauth;
mod m20261206_000001_version_projects_notifications;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261121_000001_create_users::Migration),
            Box::new(m20261121_000002_create_sessions::Migration),
            Box::new(m20261121_000003_create_api_tokens::Migration),
            Box::new(m20261121_000004_create_rate_limits::Migration),
            Box::new(m20261121_000005_create_tasks::Migration),
            Box::new(m20261121_000006_create_conversations::Migration),
            Box::new(m20261121_000007_tasks_version::Migration),
            Box::new(m20261201_000001_index_messages_user::Migration),
            Box::new(m20261201_000002_add_tasks_search_key::Migration),
            Box::new(m20261201_000003_create_task_trash::Migration),
            Box::new(m20261202_000001_create_projects::Migration),
            Box::new(m20261203_000001_add_tasks_recurrence::Migration),
            Box::new(m20261203_000002_create_calendar_feeds::Migration),
            Box::new(m20261204_000001_reminders::Migration),
            Box::new(m20261205_000001_create_oauth::Migration),
            Box::new(m20261206_000001_version_projects_notifications::Migration),
        ]
    }
}
