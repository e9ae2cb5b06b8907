//! Projects, and where each task sits: `tasks.project_id` (every task is in one of its user's
//! projects — the Inbox unless said otherwise) and `tasks.parent_id` (a subtask's parent, in the
//! same project). Every existing user gets an Inbox, and every existing task goes into it.
//!
//! `name_key` is the lower-cased name: one unique index on (user_id, name_key) makes names
//! unique per user ignoring case, and, since the Inbox is named "Inbox", also keeps each user to
//! one Inbox. The rules between rows (same user, same project, depth) are the repository's; the
//! user's rows go with the user by the existing cascades.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend, Statement, TryGetable};

use crate::m20261121_000001_create_users::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Projects {
    Table,
    Id,
    UserId,
    Name,
    NameKey,
    IsInbox,
    Archived,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Tasks {
    Table,
    UserId,
    ProjectId,
    ParentId,
    CreatedAt,
    Id,
}

const INBOX: &str = "Inbox";

fn sql(backend: DatabaseBackend, postgres: &str) -> String {
    match backend {
        DatabaseBackend::Postgres => postgres.to_owned(),
        _ => {
            // $1, $2 … → ? for SQLite
            let mut out = String::new();
            let mut chars = postgres.chars().peekable();
            while let Some(c) = chars.next() {
                if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) {
                    while chars.peek().is_some_and(char::is_ascii_digit) {
                        chars.next();
                    }
                    out.push('?');
                } else {
                    out.push(c);
                }
            }
            out
        }
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Projects::Table)
                    .col(ColumnDef::new(Projects::Id).string_len(36).not_null().primary_key())
                    .col(ColumnDef::new(Projects::UserId).string_len(36).not_null())
                    .col(ColumnDef::new(Projects::Name).string_len(400).not_null())
                    .col(ColumnDef::new(Projects::NameKey).string_len(400).not_null())
                    .col(ColumnDef::new(Projects::IsInbox).boolean().not_null().default(false))
                    .col(ColumnDef::new(Projects::Archived).boolean().not_null().default(false))
                    .col(ColumnDef::new(Projects::CreatedAt).big_integer().not_null())
                    .col(ColumnDef::new(Projects::UpdatedAt).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_projects_user")
                            .from(Projects::Table, Projects::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_projects_user_name")
                    .table(Projects::Table)
                    .col(Projects::UserId)
                    .col(Projects::NameKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Tasks::Table)
                    .add_column(ColumnDef::new(Tasks::ProjectId).string_len(36).not_null().default(""))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Tasks::Table)
                    .add_column(ColumnDef::new(Tasks::ParentId).string_len(36).null())
                    .to_owned(),
            )
            .await?;

        // An Inbox for every user, and their tasks in it.
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        let users = db
            .query_all_raw(Statement::from_string(backend, "SELECT id FROM users".to_owned()))
            .await?;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or_default();
        for row in users {
            let user_id = String::try_get_by(&row, 0usize).map_err(|e| DbErr::Custom(format!("{e:?}")))?;
            let inbox = uuid::Uuid::now_v7().to_string();
            db.execute_raw(Statement::from_sql_and_values(
                backend,
                sql(
                    backend,
                    "INSERT INTO projects (id, user_id, name, name_key, is_inbox, archived, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                ),
                [
                    inbox.clone().into(),
                    user_id.clone().into(),
                    INBOX.into(),
                    INBOX.to_lowercase().into(),
                    true.into(),
                    false.into(),
                    now.into(),
                    now.into(),
                ],
            ))
            .await?;
            db.execute_raw(Statement::from_sql_and_values(
                backend,
                sql(backend, "UPDATE tasks SET project_id = $1 WHERE user_id = $2"),
                [inbox.into(), user_id.into()],
            ))
            .await?;
        }
        if backend == DatabaseBackend::Postgres {
            // the default only served the existing rows
            db.execute_unprepared("ALTER TABLE tasks ALTER COLUMN project_id DROP DEFAULT")
                .await?;
        }
        // a project's list in creation order, and a task's subtasks, are index range scans
        manager
            .create_index(
                Index::create()
                    .name("ix_tasks_user_project_created")
                    .table(Tasks::Table)
                    .col(Tasks::UserId)
                    .col(Tasks::ProjectId)
                    .col(Tasks::CreatedAt)
                    .col(Tasks::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_tasks_user_parent")
                    .table(Tasks::Table)
                    .col(Tasks::UserId)
                    .col(Tasks::ParentId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["ix_tasks_user_project_created", "ix_tasks_user_parent"] {
            manager
                .drop_index(Index::drop().name(name).table(Tasks::Table).to_owned())
                .await?;
        }
        for column in [Tasks::ParentId, Tasks::ProjectId] {
            manager
                .alter_table(Table::alter().table(Tasks::Table).drop_column(column).to_owned())
                .await?;
        }
        manager
            .drop_table(Table::drop().table(Projects::Table).to_owned())
            .await
    }
}
