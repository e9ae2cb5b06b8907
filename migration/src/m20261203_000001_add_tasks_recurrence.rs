//! Recurring tasks: `tasks.recurrence_rule` (an RRULE without DTSTART), `recurrence_from` (`due`
//! or `completion`) and `recurrence_anchor` (the series' first due date, which COUNT and UNTIL
//! count from); and `task_completions`, one row each time a task is completed (a recurring one
//! stays open, with its next due date), so completions can be listed and undone.
use sea_orm_migration::prelude::*;

use crate::m20261121_000001_create_users::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Tasks {
    Table,
    Id,
    RecurrenceRule,
    RecurrenceFrom,
    RecurrenceAnchor,
}

#[derive(DeriveIden)]
enum TaskCompletions {
    Table,
    Id,
    UserId,
    TaskId,
    CompletedAt,
    DueAt,
    NextDueAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            ColumnDef::new(Tasks::RecurrenceRule).string_len(400).null().to_owned(),
            ColumnDef::new(Tasks::RecurrenceFrom).string_len(16).null().to_owned(),
            ColumnDef::new(Tasks::RecurrenceAnchor).big_integer().null().to_owned(),
        ] {
            let mut column = column;
            manager
                .alter_table(Table::alter().table(Tasks::Table).add_column(&mut column).to_owned())
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(TaskCompletions::Table)
                    .col(
                        ColumnDef::new(TaskCompletions::Id)
                            .string_len(36)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(TaskCompletions::UserId).string_len(36).not_null())
                    .col(ColumnDef::new(TaskCompletions::TaskId).string_len(36).not_null())
                    .col(ColumnDef::new(TaskCompletions::CompletedAt).big_integer().not_null())
                    .col(ColumnDef::new(TaskCompletions::DueAt).big_integer().null())
                    .col(ColumnDef::new(TaskCompletions::NextDueAt).big_integer().null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_task_completions_user")
                            .from(TaskCompletions::Table, TaskCompletions::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_task_completions_task")
                            .from(TaskCompletions::Table, TaskCompletions::TaskId)
                            .to(Tasks::Table, Tasks::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_task_completions_task")
                    .table(TaskCompletions::Table)
                    .col(TaskCompletions::TaskId)
                    .col(TaskCompletions::CompletedAt)
                    .col(TaskCompletions::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(TaskCompletions::Table).to_owned())
            .await?;
        for column in [Tasks::RecurrenceAnchor, Tasks::RecurrenceFrom, Tasks::RecurrenceRule] {
            manager
                .alter_table(Table::alter().table(Tasks::Table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
