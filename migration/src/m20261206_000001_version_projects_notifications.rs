//! `users.tasks_version` moves with the user's projects and notifications too, not only their
//! tasks: the dashboard page shows project names and the bell, and is kept while the version is
//! unchanged (`server::page_cache`). The same triggers as the tasks', on two more tables.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: [&str; 2] = ["projects", "notifications"];

fn sqlite_up(table: &str) -> String {
    format!(
        "CREATE TRIGGER {table}_version_insert AFTER INSERT ON {table} BEGIN
  UPDATE users SET tasks_version = tasks_version + 1 WHERE id = NEW.user_id;
END;
CREATE TRIGGER {table}_version_update AFTER UPDATE ON {table} BEGIN
  UPDATE users SET tasks_version = tasks_version + 1 WHERE id IN (OLD.user_id, NEW.user_id);
END;
CREATE TRIGGER {table}_version_delete AFTER DELETE ON {table} BEGIN
  UPDATE users SET tasks_version = tasks_version + 1 WHERE id = OLD.user_id;
END;"
    )
}

fn sqlite_down(table: &str) -> String {
    format!(
        "DROP TRIGGER IF EXISTS {table}_version_insert;
DROP TRIGGER IF EXISTS {table}_version_update;
DROP TRIGGER IF EXISTS {table}_version_delete;"
    )
}

// `bump_tasks_version()` (the tasks_version migration) reads only `user_id` from the row.
fn postgres_up(table: &str) -> String {
    format!(
        "CREATE TRIGGER {table}_version AFTER INSERT OR UPDATE OR DELETE ON {table}
  FOR EACH ROW EXECUTE FUNCTION bump_tasks_version();"
    )
}

fn postgres_down(table: &str) -> String {
    format!("DROP TRIGGER IF EXISTS {table}_version ON {table};")
}

/// Runs the statements `postgres` or `sqlite` (by the backend) write for each table.
async fn for_each_table(
    manager: &SchemaManager<'_>,
    postgres: fn(&str) -> String,
    sqlite: fn(&str) -> String,
) -> Result<(), DbErr> {
    let make = match manager.get_database_backend() {
        DatabaseBackend::Postgres => postgres,
        _ => sqlite,
    };
    for table in TABLES {
        manager.get_connection().execute_unprepared(&make(table)).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for_each_table(manager, postgres_up, sqlite_up).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for_each_table(manager, postgres_down, sqlite_down).await
    }
}
