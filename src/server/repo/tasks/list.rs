//! The task list: filters, text search, the four sorts, and keyset pagination over each sort's
//! own key (carried by an opaque cursor), so pages never skip or repeat a row.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr, Query};
use sea_orm::{ColumnTrait, Condition, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{to_task, DueBounds};
use crate::domain::query::{DueFilter, ParentFilter, SortOrder, StatusFilter, TaskQuery};
use crate::domain::task::{Task, TaskPage};
use crate::error::AppError;
use crate::server::repo::entities::{task_completions, tasks};
use crate::server::repo::{db_err, UserScope};

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
    /// One page of the user's tasks matching `query`.
    #[tracing::instrument(skip_all, fields(user_id = %self.user_id))]
    pub async fn list_tasks(&self, query: &TaskQuery, bounds: DueBounds) -> Result<TaskPage, AppError> {
        use tasks::Column as C;
        let mut select = self.matching(query, bounds).await?;
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
            items: self
                .with_subtask_counts(rows.into_iter().map(to_task).collect())
                .await?,
            next_cursor,
        })
    }

    /// How many of the user's tasks match `query` (its cursor and limit aside).
    pub async fn count_matching(&self, query: &TaskQuery, bounds: DueBounds) -> Result<u64, AppError> {
        let select = self.matching(query, bounds).await?;
        select.count(self.conn()).await.map_err(db_err)
    }

    /// The user's tasks that `query`'s filters (not its cursor, order or limit) let through.
    async fn matching(&self, query: &TaskQuery, bounds: DueBounds) -> Result<sea_orm::Select<tasks::Entity>, AppError> {
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
            select = select.filter(Expr::col(C::SearchKey).like(LikeExpr::new(pattern).escape('\\')));
        }
        select = match query.due {
            None => select,
            Some(DueFilter::Today) => select
                .filter(C::DueAt.gte(bounds.today_start))
                .filter(C::DueAt.lt(bounds.tomorrow_start)),
            Some(DueFilter::ThisWeek) => select
                .filter(C::DueAt.gte(bounds.today_start))
                .filter(C::DueAt.lt(bounds.next_week_start)),
            Some(DueFilter::Tomorrow) => select
                .filter(C::DueAt.gte(bounds.tomorrow_start))
                .filter(C::DueAt.lt(bounds.day_after_tomorrow_start)),
            Some(DueFilter::Next7Days) => select
                .filter(C::DueAt.gte(bounds.today_start))
                .filter(C::DueAt.lt(bounds.in_seven_days_start)),
            Some(DueFilter::Overdue) => select.filter(C::DueAt.lt(bounds.now)).filter(C::Completed.eq(false)),
            Some(DueFilter::TodayOrOverdue) => select
                .filter(C::DueAt.lt(bounds.tomorrow_start))
                .filter(C::Completed.eq(false)),
            Some(DueFilter::None) => select.filter(C::DueAt.is_null()),
        };
        if let Some((from, to)) = bounds.span {
            select = select.filter(C::DueAt.gte(from)).filter(C::DueAt.lt(to));
        }
        if let Some((from, to)) = bounds.done_span {
            // done then and still done, or completed then and moved on (a repeating task; one
            // that does not repeat and was reopened since is not done)
            let completed_then = Query::select()
                .column(task_completions::Column::TaskId)
                .from(task_completions::Entity)
                .and_where(task_completions::Column::UserId.eq(self.user_id))
                .and_where(task_completions::Column::CompletedAt.gte(from))
                .and_where(task_completions::Column::CompletedAt.lt(to))
                .to_owned();
            select = select.filter(
                Condition::any()
                    .add(
                        Condition::all()
                            .add(C::CompletedAt.gte(from))
                            .add(C::CompletedAt.lt(to)),
                    )
                    .add(
                        Condition::all()
                            .add(C::Id.in_subquery(completed_then))
                            .add(C::RecurrenceRule.is_not_null()),
                    ),
            );
        }
        if let Some(project) = &query.project {
            // another user's project is no project of this user's: a 422, like an unknown value
            self.project_for_field("project", project).await?;
            select = select.filter(C::ProjectId.eq(project.as_str()));
        }
        select = match &query.parent {
            None => select,
            Some(ParentFilter::Top) => select.filter(C::ParentId.is_null()),
            Some(ParentFilter::Of(parent)) => {
                if self.db.one(self.find_own(parent)).await?.is_none() {
                    return Err(AppError::validation("parent", "parent is not one of your tasks."));
                }
                select.filter(C::ParentId.eq(parent.as_str()))
            }
        };
        Ok(select)
    }
}

impl UserScope<'_> {
    /// The user's most recent tasks, open and done, for naming one by its title.
    pub async fn recent_tasks(&self, limit: u64) -> Result<Vec<Task>, AppError> {
        let select = tasks::Entity::find()
            .filter(tasks::Column::UserId.eq(self.user_id))
            .order_by_desc(tasks::Column::CreatedAt)
            .order_by_desc(tasks::Column::Id)
            .limit(limit);
        // through the reader on SQLite: up to a thousand rows, read on every assistant turn
        Ok(self.db.all(select).await?.into_iter().map(to_task).collect())
    }

    /// Those of `ids` that are this user's tasks (in no particular order): the tasks a
    /// conversation listed or asked about, however old.
    pub async fn tasks_with_ids(&self, ids: &[String]) -> Result<Vec<Task>, AppError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let select = tasks::Entity::find()
            .filter(tasks::Column::UserId.eq(self.user_id))
            .filter(tasks::Column::Id.is_in(ids.iter().map(String::as_str)));
        Ok(self.db.all(select).await?.into_iter().map(to_task).collect())
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
