//! Subtasks: the rules between a task and its parent. A parent is one of the user's tasks in the
//! same project; subtasks nest at most [`SUBTASK_MAX_DEPTH`] levels; a task can never be its own
//! ancestor. Walks are bounded by that depth, so each costs at most four small queries.
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::domain::task::SUBTASK_MAX_DEPTH;
use crate::error::AppError;
use crate::server::repo::entities::tasks;
use crate::server::repo::{db_err, UserScope};

fn parent_error(message: &str) -> AppError {
    AppError::validation("parent_id", message)
}

impl UserScope<'_> {
    /// Every descendant of `roots` (not the roots), parents before children.
    pub(super) async fn descendants(
        &self,
        conn: &impl ConnectionTrait,
        roots: &[String],
    ) -> Result<Vec<String>, AppError> {
        let mut all = Vec::new();
        let mut level: Vec<String> = roots.to_vec();
        // a tree is at most SUBTASK_MAX_DEPTH deep; one more round finds rows a bug left deeper
        for _ in 0..=SUBTASK_MAX_DEPTH {
            if level.is_empty() {
                break;
            }
            let children: Vec<String> = tasks::Entity::find()
                .select_only()
                .column(tasks::Column::Id)
                .filter(tasks::Column::UserId.eq(self.user_id))
                .filter(tasks::Column::ParentId.is_in(level.clone()))
                .into_tuple()
                .all(conn)
                .await
                .map_err(db_err)?;
            all.extend(children.iter().cloned());
            level = children;
        }
        Ok(all)
    }

    /// The subtasks of `roots` at every level, oldest first within each level, with their own
    /// subtask counts (for showing a tree under each root).
    pub async fn subtasks_of(&self, roots: &[String]) -> Result<Vec<crate::domain::task::Task>, AppError> {
        use sea_orm::QueryOrder;
        let mut all = Vec::new();
        let mut level: Vec<String> = roots.to_vec();
        for _ in 0..SUBTASK_MAX_DEPTH {
            if level.is_empty() {
                break;
            }
            let rows = self
                .db
                .all(
                    tasks::Entity::find()
                        .filter(tasks::Column::UserId.eq(self.user_id))
                        .filter(tasks::Column::ParentId.is_in(level))
                        .order_by_asc(tasks::Column::CreatedAt)
                        .order_by_asc(tasks::Column::Id),
                )
                .await?;
            level = rows.iter().map(|r| r.id.clone()).collect();
            all.extend(rows.into_iter().map(super::to_task));
        }
        self.with_subtask_counts(all).await
    }

    /// How many levels a task's subtree spans (1: no subtasks).
    pub(super) async fn height(&self, id: &str) -> Result<usize, AppError> {
        let mut level = vec![id.to_owned()];
        let mut height = 0;
        while !level.is_empty() && height <= SUBTASK_MAX_DEPTH {
            height += 1;
            level = tasks::Entity::find()
                .select_only()
                .column(tasks::Column::Id)
                .filter(tasks::Column::UserId.eq(self.user_id))
                .filter(tasks::Column::ParentId.is_in(level))
                .into_tuple()
                .all(self.conn())
                .await
                .map_err(db_err)?;
        }
        Ok(height)
    }

    /// The chain above `parent`, `parent` first: its ids, and so its level (the chain's length).
    async fn chain_from(&self, parent: &tasks::Model) -> Result<Vec<String>, AppError> {
        let mut chain = vec![parent.id.clone()];
        let mut next = parent.parent_id.clone();
        while let Some(id) = next {
            if chain.len() > SUBTASK_MAX_DEPTH || chain.contains(&id) {
                break;
            }
            let row = self.db.one(self.find_own(&id)).await?;
            chain.push(id);
            next = row.and_then(|r| r.parent_id);
        }
        Ok(chain)
    }

    /// Checks that `parent_id` can hold a subtree `height` levels high in `project_id`, and that
    /// `moving` (the task being placed, if it exists) is not the parent or above it.
    pub(super) async fn check_parent(
        &self,
        parent_id: &str,
        project_id: &str,
        moving: Option<&str>,
        height: usize,
    ) -> Result<tasks::Model, AppError> {
        let parent = self
            .db
            .one(self.find_own(parent_id))
            .await?
            .ok_or_else(|| parent_error("parent_id is not one of your tasks."))?;
        if parent.project_id != project_id {
            return Err(parent_error("A subtask must be in the same project as its parent."));
        }
        let chain = self.chain_from(&parent).await?;
        if moving.is_some_and(|id| chain.iter().any(|a| a == id)) {
            return Err(parent_error(
                "A task cannot be a subtask of itself or of its own subtasks.",
            ));
        }
        if chain.len() + height > SUBTASK_MAX_DEPTH {
            return Err(parent_error("Subtasks nest at most 4 levels deep."));
        }
        Ok(parent)
    }
}
