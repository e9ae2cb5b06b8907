//! Calendar feeds: the user behind a feed's secret (by its hash, the user joined), and, through
//! the user's scope, making, rotating and ending their feed, and the tasks it shows.
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use super::accounts::{self, UserRecord};
use super::entities::{calendar_feeds, tasks, users};
use super::{db_err, Db, UserScope};
use crate::domain::task::Task;
use crate::error::AppError;
use crate::server::now_millis;

/// How many tasks a feed holds at most (the soonest due).
pub const FEED_MAX_TASKS: u64 = 5_000;

/// The user whose feed has this secret hash.
pub async fn user_for_feed_hash(db: &Db, secret_hash: &str) -> Result<Option<UserRecord>, AppError> {
    let found = db
        .one_two(
            calendar_feeds::Entity::find()
                .filter(calendar_feeds::Column::SecretHash.eq(secret_hash))
                .find_also_related(users::Entity),
        )
        .await?;
    Ok(found.and_then(|(_, user)| user).map(accounts::to_record))
}

impl UserScope<'_> {
    /// Makes the user's feed, or replaces its secret (the old address stops at once).
    pub async fn set_calendar_secret(&self, secret_hash: String) -> Result<(), AppError> {
        calendar_feeds::Entity::insert(calendar_feeds::ActiveModel {
            user_id: Set(self.user_id.to_owned()),
            secret_hash: Set(secret_hash),
            created_at: Set(now_millis()),
        })
        .on_conflict(
            OnConflict::column(calendar_feeds::Column::UserId)
                .update_columns([calendar_feeds::Column::SecretHash, calendar_feeds::Column::CreatedAt])
                .to_owned(),
        )
        .exec_without_returning(self.conn())
        .await
        .map_err(db_err)?;
        Ok(())
    }

    /// When the user's feed was made, if they have one.
    pub async fn calendar_created_at(&self) -> Result<Option<i64>, AppError> {
        Ok(calendar_feeds::Entity::find_by_id(self.user_id.to_owned())
            .one(self.conn())
            .await
            .map_err(db_err)?
            .map(|f| f.created_at))
    }

    pub async fn end_calendar(&self) -> Result<(), AppError> {
        calendar_feeds::Entity::delete_by_id(self.user_id.to_owned())
            .exec(self.conn())
            .await
            .map_err(db_err)?;
        Ok(())
    }

    /// The open tasks with a due date, soonest first, each with its series' anchor (the first
    /// due date of a recurring task): what the feed shows.
    pub async fn calendar_tasks(&self) -> Result<Vec<(Task, Option<i64>)>, AppError> {
        Ok(self
            .db
            .all(
                tasks::Entity::find()
                    .filter(tasks::Column::UserId.eq(self.user_id))
                    .filter(tasks::Column::Completed.eq(false))
                    .filter(tasks::Column::DueAt.is_not_null())
                    .order_by_asc(tasks::Column::DueAt)
                    .order_by_asc(tasks::Column::Id)
                    .limit(FEED_MAX_TASKS),
            )
            .await?
            .into_iter()
            .map(|m| {
                let anchor = m.recurrence_anchor;
                (super::tasks::to_task(m), anchor)
            })
            .collect())
    }
}
