//! `users.tasks_version`: a counter the database bumps on every insert, update and delete of one
//! of the user's tasks, by trigger, in the same transaction as the change. Whatever writes the
//! task (any instance, the CLI, a manual fix), the version moves with it, so an instance can
//! keep a rendered list page until the version it was made from is no longer the user's.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::m20261121_000001_create_users::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Extra {
    TasksVersion,
}

const SQLITE_UP: &str = "
CREATE TRIGGER tasks_version_insert AFTER INSERT ON tasks BEGIN
  UPDATE users SET tasks_version = tasks_version + 1 WHERE id = NEW.user_id;
END;
CREATE TRIGGER tasks_version_update AFTER UPDATE ON tasks BEGIN
  UPDATE users SET tasks_version = tasks_version + 1 WHERE id IN (OLD.user_id, NEW.user_id);
END;
CREATE TRIGGER tasks_version_delete AFTER DELETE ON tasks BEGIN
  UPDATE users SET tasks_version = tasks_version + 1 WHERE id = OLD.user_id;
END;";

const SQLITE_DOWN: &str = "
DROP TRIGGER IF EXISTS tasks_version_insert;
DROP TRIGGER IF EXISTS tasks_version_update;
DROP TRIGGER IF EXISTS tasks_version_delete;";

const POSTGRES_UP: &str = "
CREATE FUNCTION bump_tasks_version() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE users SET tasks_version = tasks_version + 1 WHERE id = OLD.user_id;
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.user_id <> OLD.user_id) THEN
    UPDATE users SET tasks_version = tasks_version + 1 WHERE id = NEW.user_id;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER tasks_version AFTER INSERT OR UPDATE OR DELETE ON tasks
  FOR EACH ROW EXECUTE FUNCTION bump_tasks_version();";

const POSTGRES_DOWN: &str = "
DROP TRIGGER IF EXISTS tasks_version ON tasks;
DROP FUNCTION IF EXISTS bump_tasks_version();";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(ColumnDef::new(Extra::TasksVersion).big_integer().not_null().default(0))
                    .to_owned(),
            )
            .await?;
        let sql = match manager.get_database_backend() {
            DatabaseBackend::Postgres => POSTGRES_UP,
            _ => SQLITE_UP,
        };
        manager.get_connection().execute_unprepared(sql).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let sql = match manager.get_database_backend() {
            DatabaseBackend::Postgres => POSTGRES_DOWN,
            _ => SQLITE_DOWN,
        };
        manager.get_connection().execute_unprepared(sql).await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Extra::TasksVersion)
                    .to_owned(),
            )
            .await
    }
}
