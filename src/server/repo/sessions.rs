//! Session rows: the tower-sessions store reads and writes them by id (which is already the
//! authentication), and `UserScope` lists and ends a user's own.
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set};

use super::entities::sessions;
use super::{db_err, millis_to_rfc3339, UserScope};
use crate::domain::user::ActiveSession;
use crate::error::AppError;
use crate::server::now_millis;

/// What the store keeps of one session.
pub struct SessionRow {
    pub id_hash: String,
    pub user_id: Option<String>,
    pub data: String,
    pub expires_at: i64,
    pub ip_address: Option<String>,
    pub user_agent: Option<String>,
}

/// The data and expiry of a live session; expired ones are not returned.
pub async fn load(db: &DatabaseConnection, id_hash: &str) -> Result<Option<(String, i64)>, AppError> {
    Ok(sessions::Entity::find_by_id(id_hash.to_owned())
        .filter(sessions::Column::ExpiresAt.gt(now_millis()))
        .one(db)
        .await
        .map_err(db_err)?
        .map(|row| (row.data, row.expires_at)))
}

/// Inserts a new session row; `false` when the id is already taken (the store then draws another).
pub async fn insert_new(db: &DatabaseConnection, row: SessionRow) -> Result<bool, AppError> {
    let result = sessions::Entity::insert(active(row))
        .on_conflict(OnConflict::column(sessions::Column::Id).do_nothing().to_owned())
        .exec_without_returning(db)
        .await;
    match result {
        Ok(rows) => Ok(rows > 0),
        Err(sea_orm::DbErr::RecordNotInserted) => Ok(false),
        Err(e) => Err(db_err(e)),
    }
}

/// Writes a live session's changes. Only an update: a row that is gone (signed out, signed out
/// everywhere, expired and swept) stays gone — a request in flight never brings it back.
/// Returns whether the session still existed.
pub async fn save(db: &DatabaseConnection, row: SessionRow) -> Result<bool, AppError> {
    let now = now_millis();
    let result = sessions::Entity::update_many()
        .col_expr(sessions::Column::UserId, Expr::value(row.user_id))
        .col_expr(sessions::Column::Data, Expr::value(row.data))
        .col_expr(sessions::Column::ExpiresAt, Expr::value(row.expires_at))
        .col_expr(
            sessions::Column::IpAddress,
            Expr::value(row.ip_address.map(|ip| truncate(ip, 64))),
        )
        .col_expr(
            sessions::Column::UserAgent,
            Expr::value(row.user_agent.map(|ua| truncate(ua, 512))),
        )
        .col_expr(sessions::Column::UpdatedAt, Expr::value(now))
        .col_expr(sessions::Column::LastSeenAt, Expr::value(now))
        .filter(sessions::Column::Id.eq(row.id_hash))
        .exec(db)
        .await
        .map_err(db_err)?;
    Ok(result.rows_affected > 0)
}

fn active(row: SessionRow) -> sessions::ActiveModel {
    let now = now_millis();
    sessions::ActiveModel {
        id: Set(row.id_hash),
        user_id: Set(row.user_id),
        data: Set(row.data),
        expires_at: Set(row.expires_at),
        ip_address: Set(row.ip_address.map(|ip| truncate(ip, 64))),
        user_agent: Set(row.user_agent.map(|ua| truncate(ua, 512))),
        created_at: Set(now),
        updated_at: Set(now),
        last_seen_at: Set(now),
    }
}

fn truncate(mut s: String, max: usize) -> String {
    if s.len() > max {
        let mut end = max;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
    s
}

pub async fn delete(db: &DatabaseConnection, id_hash: &str) -> Result<(), AppError> {
    sessions::Entity::delete_by_id(id_hash.to_owned())
        .exec(db)
        .await
        .map_err(db_err)?;
    Ok(())
}

pub async fn delete_expired(db: &DatabaseConnection) -> Result<u64, AppError> {
    Ok(sessions::Entity::delete_many()
        .filter(sessions::Column::ExpiresAt.lte(now_millis()))
        .exec(db)
        .await
        .map_err(db_err)?
        .rows_affected)
}

/// Operations (the admin CLI): every live session of one user, or of everyone.
pub async fn list_all(
    db: &DatabaseConnection,
    user_id: Option<&str>,
) -> Result<Vec<(String, ActiveSession)>, AppError> {
    let mut query = sessions::Entity::find().filter(sessions::Column::ExpiresAt.gt(now_millis()));
    if let Some(user_id) = user_id {
        query = query.filter(sessions::Column::UserId.eq(user_id));
    }
    let rows = query
        .order_by_desc(sessions::Column::LastSeenAt)
        .all(db)
        .await
        .map_err(db_err)?;
    Ok(rows
        .into_iter()
        .map(|row| (row.user_id.clone().unwrap_or_default(), to_active(row, "")))
        .collect())
}

/// Operations (the admin CLI): ends every session of one user, or of everyone.
pub async fn revoke_all(db: &DatabaseConnection, user_id: Option<&str>) -> Result<u64, AppError> {
    let mut query = sessions::Entity::delete_many();
    if let Some(user_id) = user_id {
        query = query.filter(sessions::Column::UserId.eq(user_id));
    }
    Ok(query.exec(db).await.map_err(db_err)?.rows_affected)
}

fn to_active(row: sessions::Model, current_hash: &str) -> ActiveSession {
    ActiveSession {
        current: row.id == current_hash,
        // The listed id is a prefix of the hash: enough to tell rows apart, useless as a cookie.
        id: row.id.chars().take(12).collect(),
        ip_address: row.ip_address,
        user_agent: row.user_agent,
        created_at: millis_to_rfc3339(row.created_at),
        last_seen_at: millis_to_rfc3339(row.last_seen_at),
    }
}

impl UserScope<'_> {
    /// The user's live sessions, most recently used first; `current_hash` marks this browser's.
    pub async fn list_sessions(&self, current_hash: &str) -> Result<Vec<ActiveSession>, AppError> {
        let rows = sessions::Entity::find()
            .filter(sessions::Column::UserId.eq(self.user_id))
            .filter(sessions::Column::ExpiresAt.gt(now_millis()))
            .order_by_desc(sessions::Column::LastSeenAt)
            .all(self.conn())
            .await
            .map_err(db_err)?;
        Ok(rows.into_iter().map(|row| to_active(row, current_hash)).collect())
    }

    /// Ends every session of the user ("sign out everywhere").
    pub async fn end_all_sessions(&self) -> Result<u64, AppError> {
        Ok(sessions::Entity::delete_many()
            .filter(sessions::Column::UserId.eq(self.user_id))
            .exec(self.conn())
            .await
            .map_err(db_err)?
            .rows_affected)
    }
}
