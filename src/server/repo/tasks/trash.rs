//! Delete and Undo. A delete keeps what it took away in `task_trash` for [`TRASH_KEEP_MS`];
//! Undo names the task and gets back exactly those rows — the same ids and creation times —
//! never anything a client sends. Each is one transaction that writes first (SQLite then takes
//! its write lock at the first statement, so two of them never deadlock on an upgrade).
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};

use super::to_task;
use crate::domain::reminder;
use crate::domain::task::Task;
use crate::error::AppError;
use crate::server::events::{Action, Kind};
use crate::server::now_millis;
use crate::server::repo::entities::{task_trash, tasks};
use crate::server::repo::{db_err, UserScope};

/// How long a deleted task can be brought back.
pub const TRASH_KEEP_MS: i64 = 60 * 60 * 1000;

fn gone() -> AppError {
    AppError::Conflict {
        message: "This task can no longer be restored.".into(),
    }
}

impl UserScope<'_> {
    /// Deletes one task and returns it; it can be restored for a while (Undo).
    #[tracing::instrument(skip_all, fields(user_id = %self.user_id))]
    pub async fn delete_task(&self, id: &str) -> Result<Task, AppError> {
        match self.delete_to_trash(id).await {
            // with the disk full, deleting must still make room: without Undo, then
            Err(AppError::StorageFull) => {
                tracing::warn!("storage full: deleting a task without keeping it for Undo");
                let removed = tasks::Entity::delete_many()
                    .filter(tasks::Column::Id.eq(id))
                    .filter(tasks::Column::UserId.eq(self.user_id))
                    .exec_with_returning(self.conn())
                    .await
                    .map_err(db_err)?;
                removed.into_iter().next().map(to_task).ok_or(AppError::NotFound)
            }
            other => other,
        }
    }

    async fn delete_to_trash(&self, id: &str) -> Result<Task, AppError> {
        let txn = self.conn().begin().await.map_err(db_err)?;
        let removed = tasks::Entity::delete_many()
            .filter(tasks::Column::Id.eq(id))
            .filter(tasks::Column::UserId.eq(self.user_id))
            .exec_with_returning(&txn)
            .await
            .map_err(db_err)?;
        let Some(first) = removed.first().cloned() else {
            return Err(AppError::NotFound);
        };
        // its subtasks go with it, parents before children (as they are put back)
        let below = self.descendants(&txn, &[id.to_owned()]).await?;
        let mut removed = removed;
        if !below.is_empty() {
            let mut children = tasks::Entity::delete_many()
                .filter(tasks::Column::UserId.eq(self.user_id))
                .filter(tasks::Column::Id.is_in(below.clone()))
                .exec_with_returning(&txn)
                .await
                .map_err(db_err)?;
            children.sort_by_key(|m| below.iter().position(|b| *b == m.id));
            removed.extend(children);
        }
        let rows = serde_json::to_string(&removed).map_err(|e| {
            tracing::error!(error = %e, "could not keep a deleted task for Undo");
            AppError::Internal
        })?;
        task_trash::Entity::delete_by_id(id.to_owned())
            .exec(&txn)
            .await
            .map_err(db_err)?;
        task_trash::ActiveModel {
            id: Set(id.to_owned()),
            user_id: Set(self.user_id.to_owned()),
            rows: Set(rows),
            deleted_at: Set(now_millis()),
        }
        .insert(&txn)
        .await
        .map_err(db_err)?;
        txn.commit().await.map_err(db_err)?;
        self.announce(Kind::Task, Action::Deleted, Some(id)).await;
        let mut task = to_task(first);
        let direct = removed.iter().filter(|m| m.parent_id.as_deref() == Some(id));
        task.subtasks.total = direct.clone().count() as u64;
        task.subtasks.done = direct.filter(|m| m.completed).count() as u64;
        Ok(task)
    }

    /// Puts back a task this user deleted within the last hour, as it was.
    #[tracing::instrument(skip_all, fields(user_id = %self.user_id))]
    pub async fn restore_task(&self, id: &str) -> Result<Task, AppError> {
        let txn = self.conn().begin().await.map_err(db_err)?;
        let taken = task_trash::Entity::delete_many()
            .filter(task_trash::Column::Id.eq(id))
            .filter(task_trash::Column::UserId.eq(self.user_id))
            .filter(task_trash::Column::DeletedAt.gt(now_millis() - TRASH_KEEP_MS))
            .exec_with_returning(&txn)
            .await
            .map_err(db_err)?;
        let Some(entry) = taken.into_iter().next() else {
            return Err(gone());
        };
        let rows: Vec<tasks::Model> = serde_json::from_str(&entry.rows).map_err(|e| {
            tracing::error!(error = %e, "a trashed task could not be read");
            AppError::Internal
        })?;
        self.check_task_quota(rows.len() as u64).await?;
        // a project deleted meanwhile: the tree comes back into the Inbox
        let project_gone = match rows.first() {
            Some(root) => self.project_for_field("project_id", &root.project_id).await.is_err(),
            None => false,
        };
        let inbox = if project_gone {
            Some(self.inbox_id().await?)
        } else {
            None
        };
        // and a subtask whose parent went meanwhile comes back at the top level
        let parent_gone = match rows.first().and_then(|root| root.parent_id.as_deref()) {
            Some(parent) => inbox.is_some() || self.db.one(self.find_own(parent)).await?.is_none(),
            None => false,
        };
        let now = now_millis();
        let mut restored = None;
        for (i, row) in rows.into_iter().enumerate() {
            // the trash entry is this user's, and so is every row in it
            // a reminder whose instant passed while the task was deleted never fires
            let reminders = reminder::skip_passed(reminder::read_stored(&row.reminders), now);
            let row = tasks::Model {
                next_reminder_at: reminder::next_fire_at(&reminders),
                reminders: reminder::write_stored(&reminders),
                user_id: self.user_id.to_owned(),
                updated_at: now.max(row.updated_at + 1),
                project_id: inbox.clone().unwrap_or(row.project_id),
                parent_id: if i == 0 && parent_gone { None } else { row.parent_id },
                ..row
            };
            let active: tasks::ActiveModel = row.into();
            let model = active.reset_all().insert(&txn).await.map_err(|e| match db_err(e) {
                AppError::Internal => gone(),
                other => other,
            })?;
            restored.get_or_insert(model);
        }
        txn.commit().await.map_err(db_err)?;
        let task = restored.ok_or_else(gone)?;
        self.announce(Kind::Task, Action::Created, Some(&task.id)).await;
        self.get_task(&task.id).await
    }
}

/// Operations: forgets what was deleted more than [`TRASH_KEEP_MS`] ago.
pub async fn sweep(db: &sea_orm::DatabaseConnection) -> Result<u64, AppError> {
    Ok(task_trash::Entity::delete_many()
        .filter(task_trash::Column::DeletedAt.lte(now_millis() - TRASH_KEEP_MS))
        .exec(db)
        .await
        .map_err(db_err)?
        .rows_affected)
}
