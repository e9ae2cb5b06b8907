//! Each completion of a task, kept: listed per task (newest first, by cursor), counted for a
//! rule that repeats a number of times after completion, and undone — which puts a recurring
//! task back on the due date it had and forgets the completion.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};

use super::at;
use crate::domain::reminder;
use crate::domain::task::{Completion, CompletionPage, Task};
use crate::error::AppError;
use crate::server::events::{Action, Kind};
use crate::server::now_millis;
use crate::server::repo::entities::{task_completions, tasks};
use crate::server::repo::{db_err, new_id, UserScope};

fn to_completion(m: task_completions::Model) -> Completion {
    Completion {
        id: m.id,
        completed_at: at(m.completed_at),
        due_at: m.due_at.map(at),
        next_due_at: m.next_due_at.map(at),
    }
}

impl UserScope<'_> {
    pub(crate) async fn count_completions(&self, task_id: &str) -> Result<u64, AppError> {
        task_completions::Entity::find()
            .filter(task_completions::Column::UserId.eq(self.user_id))
            .filter(task_completions::Column::TaskId.eq(task_id))
            .count(self.conn())
            .await
            .map_err(db_err)
    }

    pub(super) async fn record_completion(
        &self,
        conn: &impl ConnectionTrait,
        task_id: &str,
        at: i64,
        due_at: Option<i64>,
        next_due_at: Option<i64>,
    ) -> Result<(), AppError> {
        task_completions::ActiveModel {
            id: Set(new_id()),
            user_id: Set(self.user_id.to_owned()),
            task_id: Set(task_id.to_owned()),
            completed_at: Set(at),
            due_at: Set(due_at),
            next_due_at: Set(next_due_at),
        }
        .insert(conn)
        .await
        .map_err(db_err)?;
        Ok(())
    }

    /// One of the user's tasks' completions, newest first.
    pub async fn list_completions(
        &self,
        task_id: &str,
        limit: u64,
        cursor: Option<&str>,
    ) -> Result<CompletionPage, AppError> {
        self.get_task(task_id).await?;
        use task_completions::Column as C;
        let mut select = task_completions::Entity::find()
            .filter(C::UserId.eq(self.user_id))
            .filter(C::TaskId.eq(task_id));
        if let Some(cursor) = cursor {
            let bad = || AppError::validation("cursor", "This cursor is not valid for this list.");
            let text = String::from_utf8(URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad())?).map_err(|_| bad())?;
            let (at, id) = text.split_once('|').ok_or_else(bad)?;
            let at: i64 = at.parse().map_err(|_| bad())?;
            select = select.filter(
                Condition::any()
                    .add(C::CompletedAt.lt(at))
                    .add(Condition::all().add(C::CompletedAt.eq(at)).add(C::Id.lt(id))),
            );
        }
        let mut rows = select
            .order_by_desc(C::CompletedAt)
            .order_by_desc(C::Id)
            .limit(limit + 1)
            .all(self.conn())
            .await
            .map_err(db_err)?;
        let next_cursor = if rows.len() as u64 > limit {
            rows.truncate(limit as usize);
            rows.last()
                .map(|m| URL_SAFE_NO_PAD.encode(format!("{}|{}", m.completed_at, m.id)))
        } else {
            None
        };
        Ok(CompletionPage {
            items: rows.into_iter().map(to_completion).collect(),
            next_cursor,
        })
    }

    /// The task's latest completion, if the task is still as that completion left it.
    async fn undoable_completion(&self, task: &Task) -> Result<Option<task_completions::Model>, AppError> {
        let latest = task_completions::Entity::find()
            .filter(task_completions::Column::UserId.eq(self.user_id))
            .filter(task_completions::Column::TaskId.eq(&task.id))
            .order_by_desc(task_completions::Column::CompletedAt)
            .order_by_desc(task_completions::Column::Id)
            .one(self.conn())
            .await
            .map_err(db_err)?;
        let due = task.due_at.map(|d| d.timestamp_millis());
        Ok(latest.filter(|c| match c.next_due_at {
            Some(next) => !task.completed && due == Some(next),
            None => task.completed,
        }))
    }

    /// Whether the latest completion of `task` can still be undone.
    pub async fn can_undo_completion(&self, task: &Task) -> Result<bool, AppError> {
        Ok(self.undoable_completion(task).await?.is_some())
    }

    /// Undoes the latest completion of a task, if the task is still as that completion left it:
    /// back to the due date it had (and open), and the completion forgotten.
    pub async fn undo_completion(&self, task_id: &str) -> Result<Task, AppError> {
        let task = self.get_task(task_id).await?;
        let Some(completion) = self.undoable_completion(&task).await? else {
            return Err(AppError::Conflict {
                message: "This completion can no longer be undone.".into(),
            });
        };
        // the reminders go back with the due date
        let row = self
            .find_own(task_id)
            .one(self.conn())
            .await
            .map_err(db_err)?
            .ok_or(AppError::NotFound)?;
        let now = now_millis();
        let reminders = reminder::rearm(
            &reminder::read_stored(&row.reminders),
            row.due_at,
            completion.due_at,
            now,
        );
        let txn = self.conn().begin().await.map_err(db_err)?;
        tasks::Entity::update_many()
            .col_expr(
                tasks::Column::Reminders,
                Expr::value(reminder::write_stored(&reminders)),
            )
            .col_expr(
                tasks::Column::NextReminderAt,
                Expr::value(reminder::next_fire_at(&reminders)),
            )
            .col_expr(tasks::Column::DueAt, Expr::value(completion.due_at))
            .col_expr(tasks::Column::Completed, Expr::value(false))
            .col_expr(tasks::Column::CompletedAt, Expr::value(Option::<i64>::None))
            .col_expr(tasks::Column::UpdatedAt, Expr::value(now_millis()))
            .filter(tasks::Column::Id.eq(task_id))
            .filter(tasks::Column::UserId.eq(self.user_id))
            .exec(&txn)
            .await
            .map_err(db_err)?;
        task_completions::Entity::delete_by_id(completion.id)
            .exec(&txn)
            .await
            .map_err(db_err)?;
        txn.commit().await.map_err(db_err)?;
        self.announce(Kind::Task, Action::Updated, Some(task_id)).await;
        self.get_task(task_id).await
    }
}
