//! The OAuth 2.1 authorization server's rows: registered clients, single-use codes, grants (a
//! user's consent to a client: one "connected app", and the family of its tokens) and tokens.
//! Values are never stored, only their SHA-256. Every single-use step is one conditional
//! `UPDATE`, so two requests racing with the same code or refresh token cannot both win; the
//! loser is a replay, and a replay revokes the whole family (RFC 9700 §4.14, OAuth 2.1 §4.1.3).
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};

use super::accounts::{self, UserRecord};
use super::entities::{oauth_clients, oauth_codes, oauth_grants, oauth_tokens};
use super::{db_err, millis_to_rfc3339, new_id, Db, UserScope};
use crate::domain::user::ConnectedApp;
use crate::error::AppError;
use crate::server::now_millis;

pub const ACCESS: &str = "access";
pub const REFRESH: &str = "refresh";

/// A registered client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OauthClient {
    pub id: String,
    pub name: String,
    pub redirect_uris: Vec<String>,
    pub created_at: i64,
}

fn to_client(m: oauth_clients::Model) -> OauthClient {
    OauthClient {
        id: m.id,
        name: m.name,
        redirect_uris: serde_json::from_str(&m.redirect_uris).unwrap_or_default(),
        created_at: m.created_at,
    }
}

/// Registers a client. With `cap` clients already registered, the ones nobody ever connected
/// that are older than a day make room first; `None` when there is still none.
pub async fn register_client(
    db: &Db,
    name: &str,
    redirect_uris: &[String],
    cap: u64,
) -> Result<Option<OauthClient>, AppError> {
    let conn = db.connection();
    if cap > 0 && count_clients(conn).await? >= cap {
        let day_ago = now_millis() - 86_400_000;
        oauth_clients::Entity::delete_many()
            .filter(oauth_clients::Column::CreatedAt.lt(day_ago))
            .filter(
                oauth_clients::Column::Id.not_in_subquery(
                    Query::select()
                        .column(oauth_grants::Column::ClientId)
                        .from(oauth_grants::Entity)
                        .to_owned(),
                ),
            )
            .exec(conn)
            .await
            .map_err(db_err)?;
        if count_clients(conn).await? >= cap {
            return Ok(None);
        }
    }
    let model = oauth_clients::ActiveModel {
        id: Set(format!("mcp_{}", crate::server::auth::tokens::random_part(16)?)),
        name: Set(name.to_owned()),
        redirect_uris: Set(serde_json::to_string(redirect_uris).map_err(|_| AppError::Internal)?),
        created_at: Set(now_millis()),
    }
    .insert(conn)
    .await
    .map_err(db_err)?;
    Ok(Some(to_client(model)))
}

async fn count_clients(conn: &DatabaseConnection) -> Result<u64, AppError> {
    oauth_clients::Entity::find().count(conn).await.map_err(db_err)
}

pub async fn find_client(db: &Db, client_id: &str) -> Result<Option<OauthClient>, AppError> {
    if client_id.is_empty() || client_id.len() > 64 {
        return Ok(None);
    }
    Ok(oauth_clients::Entity::find_by_id(client_id.to_owned())
        .one(db.connection())
        .await
        .map_err(db_err)?
        .map(to_client))
}

/// The hashes of a new access and refresh token, and when each expires.
pub struct NewTokens {
    pub access_hash: String,
    pub access_expires_at: i64,
    pub refresh_hash: String,
    pub refresh_expires_at: i64,
}

/// A code as it was issued, for the token endpoint to check against the request.
pub struct IssuedCode {
    pub client_id: String,
    pub redirect_uri: String,
    pub code_challenge: String,
    pub scope: String,
}

/// What redeeming a code or a refresh token gave.
#[derive(Debug, PartialEq, Eq)]
pub enum Redeemed {
    /// New tokens were stored for this scope.
    Issued { scope: String },
    /// Unknown, expired, already used (its family is revoked now), or not this client's.
    Refused,
}

async fn insert_tokens<C: ConnectionTrait>(
    conn: &C,
    grant_id: &str,
    tokens: &NewTokens,
    now: i64,
) -> Result<(), AppError> {
    for (hash, kind, expires_at) in [
        (&tokens.access_hash, ACCESS, tokens.access_expires_at),
        (&tokens.refresh_hash, REFRESH, tokens.refresh_expires_at),
    ] {
        oauth_tokens::ActiveModel {
            token_hash: Set(hash.clone()),
            grant_id: Set(grant_id.to_owned()),
            kind: Set(kind.to_owned()),
            expires_at: Set(expires_at),
            used_at: Set(None),
            created_at: Set(now),
        }
        .insert(conn)
        .await
        .map_err(db_err)?;
    }
    Ok(())
}

/// Redeems an authorization code once: `accept` checks it against the request (client,
/// redirect URI, PKCE verifier). A code is spent by its first redemption, even one `accept`
/// refuses; a second redemption revokes the tokens the first one gave.
pub async fn redeem_code(
    db: &Db,
    code_hash: &str,
    accept: impl FnOnce(&IssuedCode) -> bool,
    tokens: &NewTokens,
) -> Result<Redeemed, AppError> {
    let now = now_millis();
    let txn = db.connection().begin().await.map_err(db_err)?;
    // the first statement writes, so SQLite takes its lock before anything is read
    let spent = oauth_codes::Entity::update_many()
        .col_expr(oauth_codes::Column::UsedAt, Expr::value(now))
        .filter(oauth_codes::Column::CodeHash.eq(code_hash))
        .filter(oauth_codes::Column::UsedAt.is_null())
        .filter(oauth_codes::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await
        .map_err(db_err)?
        .rows_affected;
    let code = oauth_codes::Entity::find_by_id(code_hash.to_owned())
        .one(&txn)
        .await
        .map_err(db_err)?;
    let Some(code) = code else {
        txn.commit().await.map_err(db_err)?;
        return Ok(Redeemed::Refused);
    };
    if spent == 0 {
        if let (Some(_), Some(grant_id)) = (code.used_at, &code.grant_id) {
            tracing::warn!(client_id = %code.client_id, "an authorization code was replayed: its tokens are revoked");
            oauth_grants::Entity::delete_by_id(grant_id.clone())
                .exec(&txn)
                .await
                .map_err(db_err)?;
        }
        txn.commit().await.map_err(db_err)?;
        return Ok(Redeemed::Refused);
    }
    let issued = IssuedCode {
        client_id: code.client_id.clone(),
        redirect_uri: code.redirect_uri.clone(),
        code_challenge: code.code_challenge.clone(),
        scope: code.scope.clone(),
    };
    if !accept(&issued) {
        txn.commit().await.map_err(db_err)?;
        return Ok(Redeemed::Refused);
    }
    let grant_id = new_id();
    oauth_grants::ActiveModel {
        id: Set(grant_id.clone()),
        user_id: Set(code.user_id.clone()),
        client_id: Set(code.client_id.clone()),
        scope: Set(code.scope.clone()),
        created_at: Set(now),
        last_used_at: Set(None),
    }
    .insert(&txn)
    .await
    .map_err(db_err)?;
    insert_tokens(&txn, &grant_id, tokens, now).await?;
    oauth_codes::Entity::update_many()
        .col_expr(oauth_codes::Column::GrantId, Expr::value(grant_id))
        .filter(oauth_codes::Column::CodeHash.eq(code_hash))
        .exec(&txn)
        .await
        .map_err(db_err)?;
    txn.commit().await.map_err(db_err)?;
    Ok(Redeemed::Issued { scope: code.scope })
}

/// Rotates a refresh token of `client_id`'s: the old one is spent, a new pair is stored in the
/// same family. A spent one presented again revokes the family.
pub async fn rotate_refresh(
    db: &Db,
    refresh_hash: &str,
    client_id: &str,
    tokens: &NewTokens,
) -> Result<Redeemed, AppError> {
    let conn = db.connection();
    let now = now_millis();
    let found = oauth_tokens::Entity::find_by_id(refresh_hash.to_owned())
        .filter(oauth_tokens::Column::Kind.eq(REFRESH))
        .find_also_related(oauth_grants::Entity)
        .one(conn)
        .await
        .map_err(db_err)?;
    let Some((token, Some(grant))) = found else {
        return Ok(Redeemed::Refused);
    };
    // another client's token proves nothing about this one, and is left alone
    if grant.client_id != client_id {
        return Ok(Redeemed::Refused);
    }
    let txn = conn.begin().await.map_err(db_err)?;
    let spent = oauth_tokens::Entity::update_many()
        .col_expr(oauth_tokens::Column::UsedAt, Expr::value(now))
        .filter(oauth_tokens::Column::TokenHash.eq(refresh_hash))
        .filter(oauth_tokens::Column::UsedAt.is_null())
        .filter(oauth_tokens::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await
        .map_err(db_err)?
        .rows_affected;
    if spent == 0 {
        if token.used_at.is_some() || token.expires_at > now {
            // spent already (here or by a racing request): someone holds a copy
            tracing::warn!(client_id, "a refresh token was replayed: its family is revoked");
            oauth_grants::Entity::delete_by_id(grant.id.clone())
                .exec(&txn)
                .await
                .map_err(db_err)?;
        }
        txn.commit().await.map_err(db_err)?;
        return Ok(Redeemed::Refused);
    }
    insert_tokens(&txn, &grant.id, tokens, now).await?;
    oauth_grants::Entity::update_many()
        .col_expr(oauth_grants::Column::LastUsedAt, Expr::value(now))
        .filter(oauth_grants::Column::Id.eq(grant.id.clone()))
        .exec(&txn)
        .await
        .map_err(db_err)?;
    txn.commit().await.map_err(db_err)?;
    Ok(Redeemed::Issued { scope: grant.scope })
}

/// The user behind a live access token with this hash; notes the grant's use at most once a
/// minute. Refresh tokens are not access tokens, and these are good at `/mcp` only (the API
/// looks up its own tokens).
pub async fn user_for_access_hash(db: &Db, token_hash: &str) -> Result<Option<UserRecord>, AppError> {
    let now = now_millis();
    let Some((token, Some(grant))) = db
        .one_two(
            oauth_tokens::Entity::find()
                .filter(oauth_tokens::Column::TokenHash.eq(token_hash))
                .find_also_related(oauth_grants::Entity),
        )
        .await?
    else {
        return Ok(None);
    };
    if token.kind != ACCESS || token.expires_at <= now {
        return Ok(None);
    }
    if grant.last_used_at.is_none_or(|at| now - at > 60_000) {
        oauth_grants::Entity::update_many()
            .col_expr(oauth_grants::Column::LastUsedAt, Expr::value(now))
            .filter(oauth_grants::Column::Id.eq(grant.id.clone()))
            .exec(db.connection())
            .await
            .map_err(db_err)?;
    }
    accounts::find_by_id(db, &grant.user_id).await
}

/// RFC 7009 revocation: the family of the token with this hash ends (of this client only).
pub async fn revoke_family(db: &Db, token_hash: &str, client_id: &str) -> Result<(), AppError> {
    let found = oauth_tokens::Entity::find_by_id(token_hash.to_owned())
        .find_also_related(oauth_grants::Entity)
        .one(db.connection())
        .await
        .map_err(db_err)?;
    if let Some((_, Some(grant))) = found {
        if grant.client_id == client_id {
            oauth_grants::Entity::delete_by_id(grant.id)
                .exec(db.connection())
                .await
                .map_err(db_err)?;
        }
    }
    Ok(())
}

/// Forgets expired codes and tokens, and the grants left with no live token.
pub async fn sweep(conn: &DatabaseConnection) -> Result<(), AppError> {
    let now = now_millis();
    oauth_codes::Entity::delete_many()
        .filter(oauth_codes::Column::ExpiresAt.lt(now - 86_400_000))
        .exec(conn)
        .await
        .map_err(db_err)?;
    oauth_tokens::Entity::delete_many()
        .filter(oauth_tokens::Column::ExpiresAt.lt(now))
        .exec(conn)
        .await
        .map_err(db_err)?;
    oauth_grants::Entity::delete_many()
        .filter(
            oauth_grants::Column::Id.not_in_subquery(
                Query::select()
                    .column(oauth_tokens::Column::GrantId)
                    .from(oauth_tokens::Entity)
                    .to_owned(),
            ),
        )
        .exec(conn)
        .await
        .map_err(db_err)?;
    Ok(())
}

impl UserScope<'_> {
    /// Stores a code the user just approved for a client.
    pub async fn create_oauth_code(
        &self,
        code_hash: String,
        code: IssuedCode,
        expires_at: i64,
    ) -> Result<(), AppError> {
        oauth_codes::ActiveModel {
            code_hash: Set(code_hash),
            client_id: Set(code.client_id),
            user_id: Set(self.user_id.to_owned()),
            redirect_uri: Set(code.redirect_uri),
            code_challenge: Set(code.code_challenge),
            scope: Set(code.scope),
            expires_at: Set(expires_at),
            used_at: Set(None),
            grant_id: Set(None),
        }
        .insert(self.conn())
        .await
        .map_err(db_err)?;
        Ok(())
    }

    /// The apps the user connected, newest first.
    pub async fn list_connected_apps(&self) -> Result<Vec<ConnectedApp>, AppError> {
        Ok(oauth_grants::Entity::find()
            .filter(oauth_grants::Column::UserId.eq(self.user_id))
            .find_also_related(oauth_clients::Entity)
            .order_by_desc(oauth_grants::Column::CreatedAt)
            .all(self.conn())
            .await
            .map_err(db_err)?
            .into_iter()
            .map(|(grant, client)| ConnectedApp {
                id: grant.id,
                name: client.map(|c| c.name).unwrap_or_default(),
                connected_at: millis_to_rfc3339(grant.created_at),
                last_used_at: grant.last_used_at.map(millis_to_rfc3339),
            })
            .collect())
    }

    /// Disconnects one of the user's apps: every token of it stops at once. Another user's id
    /// is NotFound, like a missing one.
    pub async fn revoke_connected_app(&self, grant_id: &str) -> Result<(), AppError> {
        let result = oauth_grants::Entity::delete_many()
            .filter(oauth_grants::Column::Id.eq(grant_id))
            .filter(oauth_grants::Column::UserId.eq(self.user_id))
            .exec(self.conn())
            .await
            .map_err(db_err)?;
        if result.rows_affected == 0 {
            return Err(AppError::NotFound);
        }
        Ok(())
    }
}
