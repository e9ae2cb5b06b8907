//! `task_trash`: what a delete took away, kept a short while so Undo can put back exactly that
//! (the same ids, the same creation times) — the browser only names what to restore.
use sea_orm_migration::prelude::*;

use crate::m20261121_000001_create_users::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum TaskTrash {
    Table,
    Id,
    UserId,
    Rows,
    DeletedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TaskTrash::Table)
                    .col(ColumnDef::new(TaskTrash::Id).string_len(36).not_null().primary_key())
                    .col(ColumnDef::new(TaskTrash::UserId).string_len(36).not_null())
                    .col(ColumnDef::new(TaskTrash::Rows).text().not_null())
                    .col(ColumnDef::new(TaskTrash::DeletedAt).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_task_trash_user")
                            .from(TaskTrash::Table, TaskTrash::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_task_trash_deleted")
                    .table(TaskTrash::Table)
                    .col(TaskTrash::DeletedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(TaskTrash::Table).to_owned())
            .await
    }
}
