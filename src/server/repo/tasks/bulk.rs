//! Deleting many tasks at once (the assistant asks first): no Undo, one change event.
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};

use crate::error::AppError;
use crate::server::events::{Action, Kind};
use crate::server::repo::entities::tasks;
use crate::server::repo::{db_err, UserScope};

impl UserScope<'_> {
    /// Deletes every completed task of the user, with their subtasks; returns how many.
    pub async fn delete_completed_tasks(&self) -> Result<u64, AppError> {
        let txn = self.conn().begin().await.map_err(db_err)?;
        let done: Vec<String> = tasks::Entity::delete_many()
            .filter(tasks::Column::UserId.eq(self.user_id))
            .filter(tasks::Column::Completed.eq(true))
            .exec_with_returning(&txn)
            .await
            .map_err(db_err)?
            .into_iter()
            .map(|m| m.id)
            .collect();
        let below = self.descendants(&txn, &done).await?;
        let more = if below.is_empty() {
            0
        } else {
            tasks::Entity::delete_many()
                .filter(tasks::Column::UserId.eq(self.user_id))
                .filter(tasks::Column::Id.is_in(below))
                .exec(&txn)
                .await
                .map_err(db_err)?
                .rows_affected
        };
        txn.commit().await.map_err(db_err)?;
        if !done.is_empty() {
            self.announce(Kind::Task, Action::Deleted, None).await;
        }
        Ok(done.len() as u64 + more)
    }

    /// Deletes every task of the user (the assistant asks first). How many went.
    pub async fn delete_all_tasks(&self) -> Result<u64, AppError> {
        let gone = tasks::Entity::delete_many()
            .filter(tasks::Column::UserId.eq(self.user_id))
            .exec(self.conn())
            .await
            .map_err(db_err)?
            .rows_affected;
        if gone > 0 {
            self.announce(Kind::Task, Action::Deleted, None).await;
        }
        Ok(gone)
    }
}
