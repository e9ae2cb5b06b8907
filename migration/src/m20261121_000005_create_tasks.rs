//! Tasks. `tags` holds the normalised tags as " a b c " so one LIKE '% a %' filters in SQL on
//! both databases; `title_key` is the lower-cased title for the A–Z sort and its keyset cursor.
use sea_orm_migration::prelude::*;

use crate::m20261121_000001_create_users::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Tasks::Table)
                    .col(ColumnDef::new(Tasks::Id).string_len(36).not_null().primary_key())
                    .col(ColumnDef::new(Tasks::UserId).string_len(36).not_null())
                    .col(ColumnDef::new(Tasks::Title).string_len(800).not_null())
                    .col(ColumnDef::new(Tasks::TitleKey).string_len(800).not_null())
                    .col(ColumnDef::new(Tasks::Description).text().not_null().default(""))
                    .col(ColumnDef::new(Tasks::Completed).boolean().not_null().default(false))
                    .col(ColumnDef::new(Tasks::CompletedAt).big_integer().null())
                    .col(ColumnDef::new(Tasks::Priority).small_integer().not_null().default(0))
                    .col(ColumnDef::new(Tasks::DueAt).big_integer().null())
                    .col(ColumnDef::new(Tasks::Tags).text().not_null().default(" "))
                    .col(ColumnDef::new(Tasks::CreatedAt).big_integer().not_null())
                    .col(ColumnDef::new(Tasks::UpdatedAt).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_tasks_user")
                            .from(Tasks::Table, Tasks::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // One index per sort order, each led by user_id, so a page of one user's list is an
        // index range scan whatever the table's size.
        let indexes: [(&str, Vec<Tasks>); 4] = [
            (
                "ix_tasks_user_created",
                vec![Tasks::UserId, Tasks::CreatedAt, Tasks::Id],
            ),
            ("ix_tasks_user_due", vec![Tasks::UserId, Tasks::DueAt, Tasks::Id]),
            (
                "ix_tasks_user_priority",
                vec![Tasks::UserId, Tasks::Priority, Tasks::CreatedAt, Tasks::Id],
            ),
            ("ix_tasks_user_title", vec![Tasks::UserId, Tasks::TitleKey, Tasks::Id]),
        ];
        for (name, cols) in indexes {
            let mut index = Index::create();
            index.name(name).table(Tasks::Table);
            for col in cols {
                index.col(col);
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Tasks::Table).to_owned()).await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Tasks {
    Table,
    Id,
    UserId,
    Title,
    TitleKey,
    Description,
    Completed,
    CompletedAt,
    Priority,
    DueAt,
    Tags,
    CreatedAt,
    UpdatedAt,
}
