//! API tokens: looked up by the SHA-256 of the presented value; created, listed and revoked
//! through the user's scope.
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};

use super::accounts::{self, UserRecord};
use super::entities::{api_tokens, users};
use super::{db_err, millis_to_rfc3339, new_id, Db, UserScope};
use crate::domain::user::ApiToken;
use crate::error::AppError;
use crate::server::now_millis;

fn to_token(m: api_tokens::Model) -> ApiToken {
    ApiToken {
        id: m.id,
        name: m.name,
        created_at: millis_to_rfc3339(m.created_at),
        last_used_at: m.last_used_at.map(millis_to_rfc3339),
        expires_at: m.expires_at.map(millis_to_rfc3339),
    }
}

/// The user behind a live token with this hash (one query, the user joined); notes the use at
/// most once a minute.
pub async fn user_for_token_hash(db: &Db, token_hash: &str) -> Result<Option<UserRecord>, AppError> {
    let now = now_millis();
    let Some((token, Some(user))) = db
        .one_two(
            api_tokens::Entity::find()
                .filter(api_tokens::Column::TokenHash.eq(token_hash))
                .find_also_related(users::Entity),
        )
        .await?
    else {
        return Ok(None);
    };
    if token.expires_at.is_some_and(|at| at <= now) {
        return Ok(None);
    }
    if token.last_used_at.is_none_or(|at| now - at > 60_000) {
        let mut active: api_tokens::ActiveModel = token.into();
        active.last_used_at = Set(Some(now));
        active.update(db.connection()).await.map_err(db_err)?;
    }
    Ok(Some(accounts::to_record(user)))
}

impl UserScope<'_> {
    pub async fn create_token(
        &self,
        name: &str,
        token_hash: String,
        expires_at: Option<i64>,
    ) -> Result<ApiToken, AppError> {
        let limit = self.db.quotas.tokens;
        if limit > 0 && self.count_tokens().await? >= limit {
            return Err(crate::server::quotas::over_count("API tokens", limit));
        }
        let model = api_tokens::ActiveModel {
            id: Set(new_id()),
            user_id: Set(self.user_id.to_owned()),
            name: Set(name.to_owned()),
            token_hash: Set(token_hash),
            created_at: Set(now_millis()),
            last_used_at: Set(None),
            expires_at: Set(expires_at),
        }
        .insert(self.conn())
        .await
        .map_err(db_err)?;
        Ok(to_token(model))
    }

    pub async fn list_tokens(&self) -> Result<Vec<ApiToken>, AppError> {
        Ok(api_tokens::Entity::find()
            .filter(api_tokens::Column::UserId.eq(self.user_id))
            .order_by_desc(api_tokens::Column::CreatedAt)
            .all(self.conn())
            .await
            .map_err(db_err)?
            .into_iter()
            .map(to_token)
            .collect())
    }

    /// Whether a token with this hash is one of the user's (without noting a use).
    pub async fn has_token_hash(&self, token_hash: &str) -> Result<bool, AppError> {
        Ok(api_tokens::Entity::find()
            .filter(api_tokens::Column::UserId.eq(self.user_id))
            .filter(api_tokens::Column::TokenHash.eq(token_hash))
            .one(self.conn())
            .await
            .map_err(db_err)?
            .is_some())
    }

    /// How many tokens the user has.
    pub async fn count_tokens(&self) -> Result<u64, AppError> {
        api_tokens::Entity::find()
            .filter(api_tokens::Column::UserId.eq(self.user_id))
            .count(self.conn())
            .await
            .map_err(db_err)
    }

    /// Revokes one of the user's tokens; another user's id is NotFound, like a missing one.
    pub async fn revoke_token(&self, token_id: &str) -> Result<(), AppError> {
        let result = api_tokens::Entity::delete_many()
            .filter(api_tokens::Column::Id.eq(token_id))
            .filter(api_tokens::Column::UserId.eq(self.user_id))
            .exec(self.conn())
            .await
            .map_err(db_err)?;
        if result.rows_affected == 0 {
            return Err(AppError::NotFound);
        }
        Ok(())
    }
}
