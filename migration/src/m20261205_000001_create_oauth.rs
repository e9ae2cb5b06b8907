//! OAuth 2.1 for MCP clients: registered clients (RFC 7591), authorization codes, grants (a
//! user's consent to one client: the "connected app", and the family every token of it belongs
//! to) and tokens. Codes and tokens are stored as the SHA-256 of their value only.
use sea_orm_migration::prelude::*;

use crate::m20261121_000001_create_users::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OauthClients {
    Table,
    Id,
    Name,
    RedirectUris,
    CreatedAt,
}

#[derive(DeriveIden)]
enum OauthGrants {
    Table,
    Id,
    UserId,
    ClientId,
    Scope,
    CreatedAt,
    LastUsedAt,
}

#[derive(DeriveIden)]
enum OauthCodes {
    Table,
    CodeHash,
    ClientId,
    UserId,
    RedirectUri,
    CodeChallenge,
    Scope,
    ExpiresAt,
    UsedAt,
    GrantId,
}

#[derive(DeriveIden)]
enum OauthTokens {
    Table,
    TokenHash,
    GrantId,
    Kind,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OauthClients::Table)
                    .col(ColumnDef::new(OauthClients::Id).string_len(64).not_null().primary_key())
                    .col(ColumnDef::new(OauthClients::Name).string_len(100).not_null())
                    // a JSON array of the exact redirect URIs
                    .col(ColumnDef::new(OauthClients::RedirectUris).text().not_null())
                    .col(ColumnDef::new(OauthClients::CreatedAt).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_oauth_clients_created")
                    .table(OauthClients::Table)
                    .col(OauthClients::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OauthGrants::Table)
                    .col(ColumnDef::new(OauthGrants::Id).string_len(36).not_null().primary_key())
                    .col(ColumnDef::new(OauthGrants::UserId).string_len(36).not_null())
                    .col(ColumnDef::new(OauthGrants::ClientId).string_len(64).not_null())
                    .col(ColumnDef::new(OauthGrants::Scope).string_len(100).not_null())
                    .col(ColumnDef::new(OauthGrants::CreatedAt).big_integer().not_null())
                    .col(ColumnDef::new(OauthGrants::LastUsedAt).big_integer().null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_oauth_grants_user")
                            .from(OauthGrants::Table, OauthGrants::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_oauth_grants_client")
                            .from(OauthGrants::Table, OauthGrants::ClientId)
                            .to(OauthClients::Table, OauthClients::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_oauth_grants_user")
                    .table(OauthGrants::Table)
                    .col(OauthGrants::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_oauth_grants_client")
                    .table(OauthGrants::Table)
                    .col(OauthGrants::ClientId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OauthCodes::Table)
                    .col(
                        ColumnDef::new(OauthCodes::CodeHash)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(OauthCodes::ClientId).string_len(64).not_null())
                    .col(ColumnDef::new(OauthCodes::UserId).string_len(36).not_null())
                    .col(ColumnDef::new(OauthCodes::RedirectUri).text().not_null())
                    .col(ColumnDef::new(OauthCodes::CodeChallenge).string_len(128).not_null())
                    .col(ColumnDef::new(OauthCodes::Scope).string_len(100).not_null())
                    .col(ColumnDef::new(OauthCodes::ExpiresAt).big_integer().not_null())
                    .col(ColumnDef::new(OauthCodes::UsedAt).big_integer().null())
                    // the grant the code was exchanged for: revoked when the code is replayed
                    .col(ColumnDef::new(OauthCodes::GrantId).string_len(36).null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_oauth_codes_user")
                            .from(OauthCodes::Table, OauthCodes::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_oauth_codes_client")
                            .from(OauthCodes::Table, OauthCodes::ClientId)
                            .to(OauthClients::Table, OauthClients::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_oauth_codes_expires")
                    .table(OauthCodes::Table)
                    .col(OauthCodes::ExpiresAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OauthTokens::Table)
                    .col(
                        ColumnDef::new(OauthTokens::TokenHash)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(OauthTokens::GrantId).string_len(36).not_null())
                    // "access" or "refresh"
                    .col(ColumnDef::new(OauthTokens::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(OauthTokens::ExpiresAt).big_integer().not_null())
                    // a refresh token's rotation: used once, then it only proves a replay
                    .col(ColumnDef::new(OauthTokens::UsedAt).big_integer().null())
                    .col(ColumnDef::new(OauthTokens::CreatedAt).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_oauth_tokens_grant")
                            .from(OauthTokens::Table, OauthTokens::GrantId)
                            .to(OauthGrants::Table, OauthGrants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_oauth_tokens_grant")
                    .table(OauthTokens::Table)
                    .col(OauthTokens::GrantId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(OauthTokens::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(OauthCodes::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(OauthGrants::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(OauthClients::Table).to_owned())
            .await?;
        Ok(())
    }
}
