//! Reminders, notifications and reminder mail.
//!
//! - `tasks.reminders`: the task's reminders as a JSON array (`{id, before_minutes | at,
//!   fire_at, fired}`), so they travel with the row (Undo of a delete, export), and
//!   `tasks.next_reminder_at`, the earliest unfired one, indexed: the scheduler finds what is due
//!   by that index alone.
//! - `users.default_reminder_minutes` (null: none; 0: at the due time — the default) and
//!   `users.email_reminders`.
//! - `notifications`: one per fired reminder; `reminder_key` (reminder id and instant) is unique,
//!   so a reminder can never make two.
//! - `email_outbox`: reminder mail waiting to be sent, retried with back-off.
use sea_orm_migration::prelude::*;

use crate::m20261121_000001_create_users::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Tasks {
    Table,
    Reminders,
    NextReminderAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum UserSettings {
    #[sea_orm(iden = "users")]
    Table,
    DefaultReminderMinutes,
    EmailReminders,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    UserId,
    TaskId,
    ReminderKey,
    Title,
    Body,
    FireAt,
    CreatedAt,
    ReadAt,
    Late,
}

#[derive(DeriveIden)]
enum EmailOutbox {
    Table,
    Id,
    UserId,
    NotificationId,
    ToAddress,
    Subject,
    TextBody,
    HtmlBody,
    Attempts,
    NextAttemptAt,
    SentAt,
    LastError,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let add =
            |table: TableRef, mut column: ColumnDef| Table::alter().table(table).add_column(&mut column).to_owned();
        manager
            .alter_table(add(
                Tasks::Table.into_table_ref(),
                ColumnDef::new(Tasks::Reminders)
                    .text()
                    .not_null()
                    .default("[]")
                    .to_owned(),
            ))
            .await?;
        manager
            .alter_table(add(
                Tasks::Table.into_table_ref(),
                ColumnDef::new(Tasks::NextReminderAt).big_integer().null().to_owned(),
            ))
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_tasks_next_reminder_at")
                    .table(Tasks::Table)
                    .col(Tasks::NextReminderAt)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(add(
                UserSettings::Table.into_table_ref(),
                ColumnDef::new(UserSettings::DefaultReminderMinutes)
                    .integer()
                    .null()
                    .default(0)
                    .to_owned(),
            ))
            .await?;
        manager
            .alter_table(add(
                UserSettings::Table.into_table_ref(),
                ColumnDef::new(UserSettings::EmailReminders)
                    .boolean()
                    .not_null()
                    .default(false)
                    .to_owned(),
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .col(
                        ColumnDef::new(Notifications::Id)
                            .string_len(36)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Notifications::UserId).string_len(36).not_null())
                    .col(ColumnDef::new(Notifications::TaskId).string_len(36).null())
                    .col(
                        ColumnDef::new(Notifications::ReminderKey)
                            .string_len(80)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Notifications::Title).string_len(600).not_null())
                    .col(ColumnDef::new(Notifications::Body).string_len(600).not_null())
                    .col(ColumnDef::new(Notifications::FireAt).big_integer().not_null())
                    .col(ColumnDef::new(Notifications::CreatedAt).big_integer().not_null())
                    .col(ColumnDef::new(Notifications::ReadAt).big_integer().null())
                    .col(ColumnDef::new(Notifications::Late).boolean().not_null().default(false))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_notifications_user")
                            .from(Notifications::Table, Notifications::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_notifications_user_id")
                    .table(Notifications::Table)
                    .col(Notifications::UserId)
                    .col(Notifications::Id)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(EmailOutbox::Table)
                    .col(ColumnDef::new(EmailOutbox::Id).string_len(36).not_null().primary_key())
                    .col(ColumnDef::new(EmailOutbox::UserId).string_len(36).not_null())
                    .col(ColumnDef::new(EmailOutbox::NotificationId).string_len(36).not_null())
                    .col(ColumnDef::new(EmailOutbox::ToAddress).string_len(320).not_null())
                    .col(ColumnDef::new(EmailOutbox::Subject).string_len(600).not_null())
                    .col(ColumnDef::new(EmailOutbox::TextBody).text().not_null())
                    .col(ColumnDef::new(EmailOutbox::HtmlBody).text().not_null())
                    .col(ColumnDef::new(EmailOutbox::Attempts).integer().not_null().default(0))
                    .col(ColumnDef::new(EmailOutbox::NextAttemptAt).big_integer().not_null())
                    .col(ColumnDef::new(EmailOutbox::SentAt).big_integer().null())
                    .col(ColumnDef::new(EmailOutbox::LastError).string_len(600).null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_email_outbox_user")
                            .from(EmailOutbox::Table, EmailOutbox::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_email_outbox_due")
                    .table(EmailOutbox::Table)
                    .col(EmailOutbox::SentAt)
                    .col(EmailOutbox::NextAttemptAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(EmailOutbox::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Notifications::Table).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_tasks_next_reminder_at")
                    .table(Tasks::Table)
                    .to_owned(),
            )
            .await?;
        for column in [Tasks::NextReminderAt, Tasks::Reminders] {
            manager
                .alter_table(Table::alter().table(Tasks::Table).drop_column(column).to_owned())
                .await?;
        }
        for column in [UserSettings::EmailReminders, UserSettings::DefaultReminderMinutes] {
            manager
                .alter_table(Table::alter().table(UserSettings::Table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
