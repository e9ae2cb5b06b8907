//! Users and their credentials. Times are Unix milliseconds (BIGINT) so that SQLite and
//! PostgreSQL compare and index them the same way.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(ColumnDef::new(Users::Id).string_len(36).not_null().primary_key())
                    // Stored lower-cased by the application, so a plain unique index makes the
                    // address unique case-insensitively on both databases.
                    .col(ColumnDef::new(Users::Email).string_len(320).not_null())
                    .col(ColumnDef::new(Users::Name).string_len(100).not_null().default(""))
                    .col(ColumnDef::new(Users::EmailVerified).boolean().not_null().default(false))
                    .col(ColumnDef::new(Users::Image).text().null())
                    .col(ColumnDef::new(Users::TimeZone).string_len(64).not_null().default("UTC"))
                    .col(ColumnDef::new(Users::CreatedAt).big_integer().not_null())
                    .col(ColumnDef::new(Users::UpdatedAt).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_users_email")
                    .table(Users::Table)
                    .col(Users::Email)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Accounts::Table)
                    .col(ColumnDef::new(Accounts::Id).string_len(36).not_null().primary_key())
                    .col(ColumnDef::new(Accounts::UserId).string_len(36).not_null())
                    .col(ColumnDef::new(Accounts::Provider).string_len(32).not_null())
                    .col(ColumnDef::new(Accounts::ProviderAccountId).string_len(320).not_null())
                    .col(ColumnDef::new(Accounts::PasswordHash).text().null())
                    .col(ColumnDef::new(Accounts::CreatedAt).big_integer().not_null())
                    .col(ColumnDef::new(Accounts::UpdatedAt).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_accounts_user")
                            .from(Accounts::Table, Accounts::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_accounts_user_provider")
                    .table(Accounts::Table)
                    .col(Accounts::UserId)
                    .col(Accounts::Provider)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Accounts::Table).to_owned())
            .await?;
        manager.drop_table(Table::drop().table(Users::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
pub enum Users {
    Table,
    Id,
    Email,
    Name,
    EmailVerified,
    Image,
    TimeZone,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
    UserId,
    Provider,
    ProviderAccountId,
    PasswordHash,
    CreatedAt,
    UpdatedAt,
}
