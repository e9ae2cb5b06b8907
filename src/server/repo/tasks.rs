//! Tasks, always through the user's scope: every query filters on the user, and update and
//! delete filter on (id, user_id), answering NotFound alike for "missing" and "someone else's".
//! Lists use keyset pagination over the sort's own key, so pages never skip or repeat a row.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, IntoActiveModel, Order, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::entities::tasks;
use super::{db_err, new_id, UserScope};
use crate::domain::query::{DueFilter, SortOrder, StatusFilter, TaskQuery};
use crate::domain::task::{Priority, Task, TaskDraft, TaskInput, TaskPage, TaskPatch};
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

/// Escapes LIKE's wildcards so user text matches literally.
fn like_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The position of a row in a sort order, carried by the opaque cursor.
#[derive(Debug, PartialEq)]
enum Key {
    Created { created: i64 },
    Priority { rank: i16, created: i64 },
    Due { due: Option<i64> },
    Title { key: String },
}

fn encode_cursor(key: &Key, id: &str) -> String {
    let text = match key {
        Key::Created { created } => format!("c|{created}|{id}"),
        Key::Priority { rank, created } => format!("p|{rank}|{created}|{id}"),
        Key::Due { due } => format!("d|{}|{id}", due.map(|d| d.to_string()).unwrap_or_default()),
        Key::Title { key } => format!("t|{id}|{key}"),
    };
    URL_SAFE_NO_PAD.encode(text)
}

fn decode_cursor(cursor: &str, sort: SortOrder) -> Result<(Key, String), AppError> {
    let bad = || {
        AppError::validation(
            "cursor",
            "This cursor is not valid for this list. Start from the first page.",
        )
    };
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad())?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    let parts: Vec<&str> = text.splitn(4, '|').collect();
    let num = |s: &str| s.parse::<i64>().map_err(|_| bad());
    match (sort, parts.as_slice()) {
        (SortOrder::Created, ["c", created, id]) => Ok((Key::Created { created: num(created)? }, (*id).to_owned())),
        (SortOrder::Priority, ["p", rank, created, id]) => Ok((
            Key::Priority {
                rank: rank.parse().map_err(|_| bad())?,
                created: num(created)?,
            },
            (*id).to_owned(),
        )),
        (SortOrder::Due, ["d", due, id]) => {
            let due = if due.is_empty() { None } else { Some(num(due)?) };
            Ok((Key::Due { due }, (*id).to_owned()))
        }
        (SortOrder::Title, ["t", id, rest @ ..]) => Ok((Key::Title { key: rest.join("|") }, (*id).to_owned())),
        _ => Err(bad()),
    }
}

fn key_of(m: &tasks::Model, sort: SortOrder) -> Key {
    match sort {
        SortOrder::Created => Key::Created { created: m.created_at },
        SortOrder::Priority => Key::Priority {
            rank: m.priority,
            created: m.created_at,
        },
        SortOrder::Due => Key::Due { due: m.due_at },
        SortOrder::Title => Key::Title {
            key: m.title_key.clone(),
        },
    }
}

/// Rows strictly after the cursor's row in the sort order.
fn after(key: Key, id: String) -> Condition {
    use tasks::Column as C;
    match key {
        Key::Created { created } => Condition::any()
            .add(C::CreatedAt.lt(created))
            .add(Condition::all().add(C::CreatedAt.eq(created)).add(C::Id.lt(id))),
        Key::Priority { rank, created } => Condition::any().add(C::Priority.lt(rank)).add(
            Condition::all().add(C::Priority.eq(rank)).add(
                Condition::any()
                    .add(C::CreatedAt.lt(created))
                    .add(Condition::all().add(C::CreatedAt.eq(created)).add(C::Id.lt(id))),
            ),
        ),
        Key::Due { due: Some(due) } => Condition::any()
            .add(C::DueAt.gt(due))
            .add(Condition::all().add(C::DueAt.eq(due)).add(C::Id.gt(id)))
            .add(C::DueAt.is_null()),
        Key::Due { due: None } => Condition::all().add(C::DueAt.is_null()).add(C::Id.gt(id)),
        Key::Title { key } => Condition::any()
            .add(C::TitleKey.gt(key.clone()))
            .add(Condition::all().add(C::TitleKey.eq(key)).add(C::Id.gt(id))),
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
        self.insert_task(new_id(), draft, false, None).await
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
        let model = tasks::ActiveModel {
            id: Set(id),
            user_id: Set(self.user_id.to_owned()),
            title_key: Set(title.to_lowercase()),
            title: Set(title),
            description: Set(draft.description.into_inner()),
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

    /// Puts back a task just deleted (Undo), under its old id; another user's id cannot be
    /// taken, because ids are unique across users and the row is inserted as this user's.
    pub async fn restore_task(&self, task: Task) -> Result<Task, AppError> {
        if self
            .find_own(&task.id)
            .one(self.conn())
            .await
            .map_err(db_err)?
            .is_some()
        {
            return Err(AppError::Conflict {
                message: "This task already exists.".into(),
            });
        }
        let draft = TaskDraft::from_input(TaskInput {
            title: task.title,
            description: Some(task.description),
            priority: Some(task.priority),
            due_at: task.due_at.map(|d| d.to_rfc3339()),
            tags: Some(task.tags),
        })?;
        self.insert_task(task.id, draft, task.completed, task.completed_at.map(ms))
            .await
            .map_err(|e| match e {
                AppError::Internal => AppError::Conflict {
                    message: "This task cannot be restored.".into(),
                },
                other => other,
            })
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
        let existing = self
            .find_own(id)
            .one(self.conn())
            .await
            .map_err(db_err)?
            .ok_or(AppError::NotFound)?;
        if patch.is_empty() {
            return Ok(to_task(existing));
        }
        let mut active = existing.into_active_model();
        if let Some(title) = patch.title {
            let title = title.into_inner();
            active.title_key = Set(title.to_lowercase());
            active.title = Set(title);
        }
        if let Some(description) = patch.description {
            active.description = Set(description.into_inner());
        }
        if let Some(priority) = patch.priority {
            active.priority = Set(priority.rank());
        }
        if let Some(due) = patch.due_at {
            active.due_at = Set(due.map(ms));
        }
        if let Some(tags) = patch.tags {
            active.tags = Set(tags_column(tags.as_slice()));
        }
        let now = now_millis();
        if let Some(completed) = patch.completed {
            if active.completed.as_ref() != &completed {
                active.completed = Set(completed);
                active.completed_at = Set(completed.then_some(now));
            }
        }
        active.updated_at = Set(now);
        // The update itself filters on (id, user_id) too: the row is this user's or nothing.
        let result = tasks::Entity::update_many()
            .set(active)
            .filter(tasks::Column::Id.eq(id))
            .filter(tasks::Column::UserId.eq(self.user_id))
            .exec(self.conn())
            .await
            .map_err(db_err)?;
        if result.rows_affected == 0 {
            return Err(AppError::NotFound);
        }
        self.get_task(id).await
    }

    /// Deletes one task and returns it, so the caller can offer Undo.
    #[tracing::instrument(skip_all, fields(user_id = %self.user_id))]
    pub async fn delete_task(&self, id: &str) -> Result<Task, AppError> {
        let task = self.get_task(id).await?;
        let result = tasks::Entity::delete_many()
            .filter(tasks::Column::Id.eq(id))
            .filter(tasks::Column::UserId.eq(self.user_id))
            .exec(self.conn())
            .await
            .map_err(db_err)?;
        if result.rows_affected == 0 {
            return Err(AppError::NotFound);
        }
        Ok(task)
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

    /// One page of the user's tasks matching `query`.
    #[tracing::instrument(skip_all, fields(user_id = %self.user_id))]
    pub async fn list_tasks(&self, query: &TaskQuery, bounds: DueBounds) -> Result<TaskPage, AppError> {
        use tasks::Column as C;
        let mut select = tasks::Entity::find().filter(C::UserId.eq(self.user_id));
        select = match query.status {
            StatusFilter::All => select,
            StatusFilter::Open => select.filter(C::Completed.eq(false)),
            StatusFilter::Done => select.filter(C::Completed.eq(true)),
        };
        if let Some(priority) = query.priority {
            select = select.filter(C::Priority.eq(priority.rank()));
        }
        if let Some(tag) = &query.tag {
            let pattern = format!("% {} %", like_escape(tag));
            select = select.filter(Expr::col(C::Tags).like(LikeExpr::new(pattern).escape('\\')));
        }
        if let Some(q) = &query.q {
            let pattern = format!("%{}%", like_escape(&q.to_lowercase()));
            select = select.filter(
                Condition::any()
                    .add(Expr::col(C::TitleKey).like(LikeExpr::new(pattern.clone()).escape('\\')))
                    .add(Expr::expr(Func::lower(Expr::col(C::Description))).like(LikeExpr::new(pattern).escape('\\'))),
            );
        }
        select = match query.due {
            None => select,
            Some(DueFilter::Today) => select
                .filter(C::DueAt.gte(bounds.today_start))
                .filter(C::DueAt.lt(bounds.tomorrow_start)),
            Some(DueFilter::ThisWeek) => select
                .filter(C::DueAt.gte(bounds.today_start))
                .filter(C::DueAt.lt(bounds.next_week_start)),
            Some(DueFilter::Overdue) => select.filter(C::DueAt.lt(bounds.now)).filter(C::Completed.eq(false)),
            Some(DueFilter::None) => select.filter(C::DueAt.is_null()),
        };
        if let Some(cursor) = &query.cursor {
            let (key, id) = decode_cursor(cursor, query.sort)?;
            select = select.filter(after(key, id));
        }
        select = match query.sort {
            SortOrder::Created => select.order_by(C::CreatedAt, Order::Desc).order_by(C::Id, Order::Desc),
            SortOrder::Priority => select
                .order_by(C::Priority, Order::Desc)
                .order_by(C::CreatedAt, Order::Desc)
                .order_by(C::Id, Order::Desc),
            SortOrder::Due => select
                .order_by(Expr::col(C::DueAt).is_null(), Order::Asc)
                .order_by(C::DueAt, Order::Asc)
                .order_by(C::Id, Order::Asc),
            SortOrder::Title => select.order_by(C::TitleKey, Order::Asc).order_by(C::Id, Order::Asc),
        };
        // One row more than asked tells whether another page follows.
        let mut rows = self.db.all(select.limit(query.limit + 1)).await?;
        let next_cursor = if rows.len() as u64 > query.limit {
            rows.truncate(query.limit as usize);
            rows.last()
                .map(|last| encode_cursor(&key_of(last, query.sort), &last.id))
        } else {
            None
        };
        Ok(TaskPage {
            items: rows.into_iter().map(to_task).collect(),
            next_cursor,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_belong_to_their_sort() {
        for (key, sort) in [
            (Key::Created { created: 5 }, SortOrder::Created),
            (Key::Priority { rank: 3, created: 7 }, SortOrder::Priority),
            (Key::Due { due: None }, SortOrder::Due),
            (Key::Due { due: Some(-3) }, SortOrder::Due),
            (Key::Title { key: "a|b c".into() }, SortOrder::Title),
        ] {
            let cursor = encode_cursor(&key, "id-1");
            assert_eq!(decode_cursor(&cursor, sort).unwrap(), (key, "id-1".to_owned()));
            let other = if sort == SortOrder::Created {
                SortOrder::Title
            } else {
                SortOrder::Created
            };
            assert!(decode_cursor(&cursor, other).is_err());
        }
        assert!(decode_cursor("!!!", SortOrder::Created).is_err());
        assert!(decode_cursor(&URL_SAFE_NO_PAD.encode("c|x|y"), SortOrder::Created).is_err());
    }

    #[test]
    fn like_text_is_literal() {
        assert_eq!(like_escape("50%_off\\"), "50\\%\\_off\\\\");
    }
}
