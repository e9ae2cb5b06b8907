//! Tasks, always through the user's scope: every query filters on the user, and update and
//! delete filter on (id, user_id), answering NotFound alike for "missing" and "someone else's".
//! The list is in `list`, delete and Undo in `trash`.
mod list;
mod trash;

pub use trash::{sweep as sweep_trash, TRASH_KEEP_MS};

use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};

use super::entities::tasks;
use super::{db_err, new_id, UserScope};
use crate::domain::task::{search_key, Priority, Task, TaskDraft, TaskPatch};
use crate::error::AppError;
use crate::server::now_millis;

/// The instants a due filter needs, in the user's time zone, as Unix milliseconds.
#[derive(Debug, Clone, Copy)]
pub struct DueBounds {
    pub now: i64,
    pub today_start: i64,
    pub tomorrow_start: i64,
    /// The start of next Monday: "this week" runs from today to the end of Sunday.
    pub next_week_start: i64,
}

fn ms(at: chrono::DateTime<chrono::Utc>) -> i64 {
    at.timestamp_millis()
}

fn at(ms: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// Tags are stored as " a b c " so `LIKE '% a %'` finds one in SQL on both databases.
fn tags_column(tags: &[String]) -> String {
    if tags.is_empty() {
        " ".to_owned()
    } else {
        format!(" {} ", tags.join(" "))
    }
}

fn to_task(m: tasks::Model) -> Task {
    Task {
        id: m.id,
        title: m.title,
        description: m.description,
        completed: m.completed,
        priority: Priority::from_rank(m.priority),
        due_at: m.due_at.map(at),
        tags: m.tags.split_whitespace().map(str::to_owned).collect(),
        created_at: at(m.created_at),
        updated_at: at(m.updated_at),
        completed_at: m.completed_at.map(at),
    }
}

impl UserScope<'_> {
    fn find_own(&self, id: &str) -> sea_orm::Select<tasks::Entity> {
        tasks::Entity::find()
            .filter(tasks::Column::Id.eq(id))
            .filter(tasks::Column::UserId.eq(self.user_id))
    }

    #[tracing::instrument(skip_all, fields(user_id = %self.user_id))]
    pub async fn create_task(&self, draft: TaskDraft) -> Result<Task, AppError> {
        self.check_task_quota(1).await?;
        self.insert_task(new_id(), draft, false, None).await
    }

    /// Refuses when `more` tasks would take the user past `QUOTA_TASKS`.
    pub(crate) async fn check_task_quota(&self, more: u64) -> Result<(), AppError> {
        let limit = self.db.quotas.tasks;
        if limit > 0 && self.count_tasks().await? + more > limit {
            return Err(crate::server::quotas::over_count("tasks", limit));
        }
        Ok(())
    }

    /// How many tasks the user has, done ones included.
    pub async fn count_tasks(&self) -> Result<u64, AppError> {
        tasks::Entity::find()
            .filter(tasks::Column::UserId.eq(self.user_id))
            .count(self.conn())
            .await
            .map_err(db_err)
    }

    async fn insert_task(
        &self,
        id: String,
        draft: TaskDraft,
        completed: bool,
        completed_at: Option<i64>,
    ) -> Result<Task, AppError> {
        let now = now_millis();
        let title = draft.title.into_inner();
        let description = draft.description.into_inner();
        let model = tasks::ActiveModel {
            id: Set(id),
            user_id: Set(self.user_id.to_owned()),
            title_key: Set(title.to_lowercase()),
            search_key: Set(search_key(&title, &description)),
            title: Set(title),
            description: Set(description),
            completed: Set(completed),
            completed_at: Set(completed_at),
            priority: Set(draft.priority.rank()),
            due_at: Set(draft.due_at.map(ms)),
            tags: Set(tags_column(draft.tags.as_slice())),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(self.conn())
        .await
        .map_err(db_err)?;
        Ok(to_task(model))
    }

    pub async fn get_task(&self, id: &str) -> Result<Task, AppError> {
        self.db
            .one(self.find_own(id))
            .await?
            .map(to_task)
            .ok_or(AppError::NotFound)
    }

    #[tracing::instrument(skip_all, fields(user_id = %self.user_id))]
    pub async fn update_task(&self, id: &str, patch: TaskPatch) -> Result<Task, AppError> {
        self.update_task_checked(id, patch, None).await
    }

    /// Like `update_task`, but only while the task is as it was at `updated_at` (Unix ms): a
    /// form opened before someone else changed the task gets a Conflict instead of silently
    /// writing back the old values.
    pub async fn update_task_if_unchanged(
        &self,
        id: &str,
        patch: TaskPatch,
        updated_at: i64,
    ) -> Result<Task, AppError> {
        self.update_task_checked(id, patch, Some(updated_at)).await
    }

    async fn update_task_checked(
        &self,
        id: &str,
        patch: TaskPatch,
        unchanged_since: Option<i64>,
    ) -> Result<Task, AppError> {
        let existing = self
            .find_own(id)
            .one(self.conn())
            .await
            .map_err(db_err)?
            .ok_or(AppError::NotFound)?;
        let stale = || AppError::Conflict {
            message: "This task was changed elsewhere after you opened it. Reload to see the change, then edit again."
                .into(),
        };
        if unchanged_since.is_some_and(|at| at != existing.updated_at) {
            return Err(stale());
        }
        if patch.is_empty() {
            return Ok(to_task(existing));
        }
        let was_updated_at = existing.updated_at;
        let (mut title, mut description) = (existing.title.clone(), existing.description.clone());
        let mut active = existing.into_active_model();
        if let Some(new) = patch.title {
            title = new.into_inner();
            active.title_key = Set(title.to_lowercase());
            active.title = Set(title.clone());
        }
        if let Some(new) = patch.description {
            description = new.into_inner();
            active.description = Set(description.clone());
        }
        active.search_key = Set(search_key(&title, &description));
        if let Some(priority) = patch.priority {
            active.priority = Set(priority.rank());
        }
        if let Some(due) = patch.due_at {
            active.due_at = Set(due.map(ms));
        }
        if let Some(tags) = patch.tags {
            active.tags = Set(tags_column(tags.as_slice()));
        }
        // never the same instant twice, so an `updated_at` read before a change never matches
        // after it
        let now = now_millis().max(was_updated_at + 1);
        if let Some(completed) = patch.completed {
            if active.completed.as_ref() != &completed {
                active.completed = Set(completed);
                active.completed_at = Set(completed.then_some(now));
            }
        }
        active.updated_at = Set(now);
        // The update itself filters on (id, user_id) too: the row is this user's or nothing.
        let mut update = tasks::Entity::update_many()
            .set(active)
            .filter(tasks::Column::Id.eq(id))
            .filter(tasks::Column::UserId.eq(self.user_id));
        if let Some(at) = unchanged_since {
            update = update.filter(tasks::Column::UpdatedAt.eq(at));
        }
        let result = update.exec(self.conn()).await.map_err(db_err)?;
        if result.rows_affected == 0 {
            return Err(match unchanged_since {
                Some(_) if self.get_task(id).await.is_ok() => stale(),
                _ => AppError::NotFound,
            });
        }
        self.get_task(id).await
    }

    /// The user's most recent tasks, open and done, for naming one by its title.
    pub async fn recent_tasks(&self, limit: u64) -> Result<Vec<Task>, AppError> {
        Ok(tasks::Entity::find()
            .filter(tasks::Column::UserId.eq(self.user_id))
            .order_by_desc(tasks::Column::CreatedAt)
            .order_by_desc(tasks::Column::Id)
            .limit(limit)
            .all(self.conn())
            .await
            .map_err(db_err)?
            .into_iter()
            .map(to_task)
            .collect())
    }

    /// Deletes every completed task of the user; returns how many.
    pub async fn delete_completed_tasks(&self) -> Result<u64, AppError> {
        Ok(tasks::Entity::delete_many()
            .filter(tasks::Column::UserId.eq(self.user_id))
            .filter(tasks::Column::Completed.eq(true))
            .exec(self.conn())
            .await
            .map_err(db_err)?
            .rows_affected)
    }
}
