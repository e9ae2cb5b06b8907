//! Reminders firing, the notifications they make, and the mail they send.
//!
//! The scheduler of every instance calls [`fire_due`]: one transaction takes the tasks whose
//! earliest unfired reminder is due (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so two instances take
//! different rows; SQLite: the transaction writes first, so it holds the write lock before it
//! reads), marks those reminders fired only while the row is as it was read, and inserts one
//! notification per reminder and instant (`reminder_key` is unique: a second insert does
//! nothing). Marking and inserting commit together, so a crash at any moment leaves either
//! both or neither: a reminder is never lost and never fired twice.
use std::collections::HashMap;

use chrono::DateTime;
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};

use super::entities::{email_outbox, notifications, tasks, users};
use super::{db_err, new_id, Db, UserScope};
use crate::domain::reminder::{self, late_after, task_link, Notification, NotificationPage};
use crate::error::AppError;
use crate::server::events::{Action, Change, Kind};

/// A reminder mail is tried this many times, then given up (the notification stays).
pub const MAIL_ATTEMPTS_MAX: i32 = 8;
/// Notifications a page holds at most.
pub const PAGE_MAX: u64 = 100;

/// One notification made by [`fire_due`].
#[derive(Debug, Clone)]
pub struct Fired {
    pub user_id: String,
    pub notification: Notification,
    /// A mail was queued for it.
    pub mailed: bool,
}

fn to_notification(m: notifications::Model) -> Notification {
    let at = |ms: i64| DateTime::from_timestamp_millis(ms).unwrap_or_default();
    Notification {
        id: m.id,
        task_id: m.task_id,
        title: m.title,
        body: m.body,
        fire_at: at(m.fire_at),
        created_at: at(m.created_at),
        read_at: m.read_at.map(at),
        late: m.late,
    }
}

/// The earliest reminder not yet fired, of any user (one index look-up): when the scheduler
/// next has work.
pub async fn next_fire_at(db: &Db) -> Result<Option<i64>, AppError> {
    let row: Option<Option<i64>> = tasks::Entity::find()
        .select_only()
        .column_as(tasks::Column::NextReminderAt.min(), "next")
        .into_tuple()
        .one(db.connection())
        .await
        .map_err(db_err)?;
    Ok(row.flatten())
}

/// What a notification says under its title: when the task is due, in the user's zone.
fn body_of(task: &tasks::Model, tz: chrono_tz::Tz) -> String {
    match task.due_at.and_then(DateTime::from_timestamp_millis) {
        Some(due) => format!("Due {}", crate::server::dashboard::due_label(due.with_timezone(&tz))),
        None => "Reminder".into(),
    }
}

/// What one round of [`fire_due`] did.
#[derive(Debug, Default)]
pub struct Round {
    /// Tasks it took (up to the limit: when it reached it, more may be due).
    pub tasks: usize,
    pub fired: Vec<Fired>,
}

/// Fires up to `limit` tasks' due reminders (those whose instant is not after `now`); `mail`
/// says whether the server can send mail, and `origin` (`PUBLIC_URL`'s) lets a mail link to its
/// task.
pub async fn fire_due(db: &Db, now: i64, limit: u64, mail: bool, origin: Option<&str>) -> Result<Round, AppError> {
    let conn = db.connection();
    let backend = conn.get_database_backend();
    let txn = conn.begin().await.map_err(db_err)?;
    if backend == DbBackend::Sqlite {
        // a write first: SQLite takes its write lock now, before the rows are read
        notifications::Entity::delete_many()
            .filter(notifications::Column::Id.eq(""))
            .exec(&txn)
            .await
            .map_err(db_err)?;
    }
    let mut select = tasks::Entity::find()
        .filter(tasks::Column::NextReminderAt.lte(now))
        .order_by_asc(tasks::Column::NextReminderAt)
        .order_by_asc(tasks::Column::Id)
        .limit(limit);
    if backend == DbBackend::Postgres {
        select = select.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let due = select.all(&txn).await.map_err(db_err)?;
    if due.is_empty() {
        txn.commit().await.map_err(db_err)?;
        return Ok(Round::default());
    }
    let tasks = due.len();
    let mut owners: Vec<String> = due.iter().map(|t| t.user_id.clone()).collect();
    owners.sort();
    owners.dedup();
    let users: HashMap<String, users::Model> = users::Entity::find()
        .filter(users::Column::Id.is_in(owners))
        .all(&txn)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|u| (u.id.clone(), u))
        .collect();
    let mut fired = Vec::new();
    for task in due {
        let mut stored = reminder::read_stored(&task.reminders);
        let mut now_due = Vec::new();
        for r in &mut stored {
            if !r.fired && r.fire_at.is_some_and(|at| at <= now) {
                r.fired = true;
                now_due.push(r.clone());
            }
        }
        // the claim: only while the row's reminders are as read
        let claimed = tasks::Entity::update_many()
            .col_expr(tasks::Column::Reminders, Expr::value(reminder::write_stored(&stored)))
            .col_expr(
                tasks::Column::NextReminderAt,
                Expr::value(reminder::next_fire_at(&stored)),
            )
            .filter(tasks::Column::Id.eq(task.id.as_str()))
            .filter(tasks::Column::Reminders.eq(task.reminders.as_str()))
            .exec(&txn)
            .await
            .map_err(db_err)?;
        // a done task's reminders are used up without a word
        if claimed.rows_affected == 0 || task.completed {
            continue;
        }
        let Some(user) = users.get(&task.user_id) else { continue };
        let tz = crate::server::tasks::user_tz(&user.time_zone);
        // two reminders of a task at the same instant ("10m" and "@9:50" for 10:00) ring once
        now_due.sort_by_key(|r| r.fire_at);
        now_due.dedup_by_key(|r| r.fire_at);
        for r in now_due {
            let fire_at = r.fire_at.unwrap_or(now);
            let model = notifications::Model {
                id: new_id(),
                user_id: task.user_id.clone(),
                task_id: Some(task.id.clone()),
                reminder_key: r.key(),
                title: task.title.clone(),
                body: body_of(&task, tz),
                fire_at,
                created_at: now,
                read_at: None,
                late: now - fire_at > late_after().num_milliseconds(),
            };
            let inserted = notifications::Entity::insert(notifications::ActiveModel::from(model.clone()))
                .on_conflict(
                    OnConflict::column(notifications::Column::ReminderKey)
                        .do_nothing()
                        .to_owned(),
                )
                .exec_without_returning(&txn)
                .await
                .map_err(db_err)?;
            if inserted == 0 {
                continue;
            }
            let mailed = mail && user.email_reminders;
            if mailed {
                queue_mail(&txn, user, &model, now, origin).await?;
            }
            fired.push(Fired {
                user_id: task.user_id.clone(),
                notification: to_notification(model),
                mailed,
            });
        }
    }
    txn.commit().await.map_err(db_err)?;
    for f in &fired {
        db.announce(Change::new(
            &f.user_id,
            Kind::Notification,
            Action::Created,
            Some(&f.notification.id),
        ))
        .await;
    }
    Ok(Round { tasks, fired })
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

async fn queue_mail(
    conn: &impl ConnectionTrait,
    user: &users::Model,
    n: &notifications::Model,
    now: i64,
    origin: Option<&str>,
) -> Result<(), AppError> {
    let late = if n.late {
        " (sent late: the server was down when it was due)"
    } else {
        ""
    };
    // the task's address, which also marks this reminder read (`server::open_task`)
    let link = origin
        .zip(n.task_id.as_deref())
        .map(|(origin, task)| format!("{origin}{}", task_link(task, Some(&n.id))));
    let text_link = link.as_ref().map(|l| format!("\nOpen it: {l}\n")).unwrap_or_default();
    let html_link = link
        .as_ref()
        .map(|l| format!("<p><a href=\"{}\">Open it in Taskpilot</a></p>", escape_html(l)))
        .unwrap_or_default();
    email_outbox::ActiveModel {
        id: Set(new_id()),
        user_id: Set(user.id.clone()),
        notification_id: Set(n.id.clone()),
        to_address: Set(user.email.clone()),
        subject: Set(format!("Reminder: {}", n.title)),
        text_body: Set(format!("{}\n{}{late}\n{text_link}\n— Taskpilot\n", n.title, n.body)),
        html_body: Set(format!(
            "<p><strong>{}</strong><br>{}{}</p>{html_link}<p>— Taskpilot</p>",
            escape_html(&n.title),
            escape_html(&n.body),
            escape_html(late)
        )),
        attempts: Set(0),
        next_attempt_at: Set(now),
        sent_at: Set(None),
        last_error: Set(None),
    }
    .insert(conn)
    .await
    .map_err(db_err)?;
    Ok(())
}

/// A reminder mail to send.
#[derive(Debug, Clone)]
pub struct Mail {
    pub id: String,
    pub to: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub attempts: i32,
}

/// Takes up to `limit` mails that are due, each for `lease_ms` (another instance takes it only
/// after that, should this one die while sending).
pub async fn claim_mail(db: &Db, now: i64, lease_ms: i64, limit: u64) -> Result<Vec<Mail>, AppError> {
    let conn = db.connection();
    let due = email_outbox::Entity::find()
        .filter(email_outbox::Column::SentAt.is_null())
        .filter(email_outbox::Column::Attempts.lt(MAIL_ATTEMPTS_MAX))
        .filter(email_outbox::Column::NextAttemptAt.lte(now))
        .order_by_asc(email_outbox::Column::NextAttemptAt)
        .limit(limit)
        .all(conn)
        .await
        .map_err(db_err)?;
    let mut claimed = Vec::new();
    for m in due {
        let taken = email_outbox::Entity::update_many()
            .col_expr(email_outbox::Column::NextAttemptAt, Expr::value(now + lease_ms))
            .filter(email_outbox::Column::Id.eq(m.id.as_str()))
            .filter(email_outbox::Column::NextAttemptAt.eq(m.next_attempt_at))
            .filter(email_outbox::Column::SentAt.is_null())
            .exec(conn)
            .await
            .map_err(db_err)?;
        if taken.rows_affected == 1 {
            claimed.push(Mail {
                id: m.id,
                to: m.to_address,
                subject: m.subject,
                text_body: m.text_body,
                html_body: m.html_body,
                attempts: m.attempts,
            });
        }
    }
    Ok(claimed)
}

/// The earliest mail waiting for an attempt.
pub async fn next_mail_at(db: &Db) -> Result<Option<i64>, AppError> {
    let row: Option<Option<i64>> = email_outbox::Entity::find()
        .select_only()
        .column_as(email_outbox::Column::NextAttemptAt.min(), "next")
        .filter(email_outbox::Column::SentAt.is_null())
        .filter(email_outbox::Column::Attempts.lt(MAIL_ATTEMPTS_MAX))
        .into_tuple()
        .one(db.connection())
        .await
        .map_err(db_err)?;
    Ok(row.flatten())
}

pub async fn mail_sent(db: &Db, id: &str, now: i64) -> Result<(), AppError> {
    email_outbox::Entity::update_many()
        .col_expr(email_outbox::Column::SentAt, Expr::value(now))
        .col_expr(
            email_outbox::Column::Attempts,
            Expr::col(email_outbox::Column::Attempts).add(1),
        )
        .col_expr(email_outbox::Column::LastError, Expr::value(Option::<String>::None))
        .filter(email_outbox::Column::Id.eq(id))
        .exec(db.connection())
        .await
        .map_err(db_err)?;
    Ok(())
}

/// Records a failed attempt; the next one waits `retry_at`.
pub async fn mail_failed(db: &Db, id: &str, retry_at: i64, error: &str) -> Result<(), AppError> {
    let error: String = error.chars().take(500).collect();
    email_outbox::Entity::update_many()
        .col_expr(email_outbox::Column::NextAttemptAt, Expr::value(retry_at))
        .col_expr(
            email_outbox::Column::Attempts,
            Expr::col(email_outbox::Column::Attempts).add(1),
        )
        .col_expr(email_outbox::Column::LastError, Expr::value(error))
        .filter(email_outbox::Column::Id.eq(id))
        .exec(db.connection())
        .await
        .map_err(db_err)?;
    Ok(())
}

/// What the outbox holds, for tests and operations: (sent, waiting).
pub async fn mail_counts(db: &Db) -> Result<(u64, u64), AppError> {
    let conn = db.connection();
    let sent = email_outbox::Entity::find()
        .filter(email_outbox::Column::SentAt.is_not_null())
        .count(conn)
        .await
        .map_err(db_err)?;
    let waiting = email_outbox::Entity::find()
        .filter(email_outbox::Column::SentAt.is_null())
        .count(conn)
        .await
        .map_err(db_err)?;
    Ok((sent, waiting))
}

impl UserScope<'_> {
    /// The user's open tasks with a reminder still to ring, the soonest first (up to `limit`):
    /// "what reminders do I have?".
    pub async fn tasks_with_reminders_ahead(&self, limit: u64) -> Result<Vec<crate::domain::task::Task>, AppError> {
        let select = tasks::Entity::find()
            .filter(tasks::Column::UserId.eq(self.user_id))
            .filter(tasks::Column::Completed.eq(false))
            .filter(tasks::Column::NextReminderAt.is_not_null())
            .order_by_asc(tasks::Column::NextReminderAt)
            .order_by_asc(tasks::Column::Id)
            .limit(limit);
        Ok(self
            .db
            .all(select)
            .await?
            .into_iter()
            .map(super::tasks::to_task)
            .collect())
    }

    fn own_notifications(&self) -> sea_orm::Select<notifications::Entity> {
        notifications::Entity::find().filter(notifications::Column::UserId.eq(self.user_id))
    }

    /// How many of the user's notifications are unread.
    pub async fn unread_notifications(&self) -> Result<u64, AppError> {
        self.own_notifications()
            .filter(notifications::Column::ReadAt.is_null())
            .count(self.conn())
            .await
            .map_err(db_err)
    }

    /// The user's notifications, newest first: `limit` of them after `cursor` (the last id of
    /// the page before).
    pub async fn list_notifications(
        &self,
        unread_only: bool,
        limit: u64,
        cursor: Option<&str>,
    ) -> Result<NotificationPage, AppError> {
        let limit = limit.clamp(1, PAGE_MAX);
        let mut select = self.own_notifications();
        if unread_only {
            select = select.filter(notifications::Column::ReadAt.is_null());
        }
        if let Some(cursor) = cursor {
            select = select.filter(notifications::Column::Id.lt(cursor));
        }
        let mut rows = select
            .order_by_desc(notifications::Column::Id)
            .limit(limit + 1)
            .all(self.conn())
            .await
            .map_err(db_err)?;
        let more = rows.len() as u64 > limit;
        rows.truncate(limit as usize);
        let next_cursor = more.then(|| rows.last().map(|r| r.id.clone())).flatten();
        Ok(NotificationPage {
            items: rows.into_iter().map(to_notification).collect(),
            next_cursor,
            unread: self.unread_notifications().await?,
        })
    }

    pub async fn get_notification(&self, id: &str) -> Result<Notification, AppError> {
        self.own_notifications()
            .filter(notifications::Column::Id.eq(id))
            .one(self.conn())
            .await
            .map_err(db_err)?
            .map(to_notification)
            .ok_or(AppError::NotFound)
    }

    /// Marks one notification read (again is fine: it keeps its first read time).
    pub async fn mark_notification_read(&self, id: &str) -> Result<Notification, AppError> {
        let now = crate::server::now_millis();
        let result = notifications::Entity::update_many()
            .col_expr(notifications::Column::ReadAt, Expr::value(now))
            .filter(notifications::Column::Id.eq(id))
            .filter(notifications::Column::UserId.eq(self.user_id))
            .filter(notifications::Column::ReadAt.is_null())
            .exec(self.conn())
            .await
            .map_err(db_err)?;
        let n = self.get_notification(id).await?;
        if result.rows_affected > 0 {
            self.announce(Kind::Notification, Action::Updated, Some(id)).await;
        }
        Ok(n)
    }

    /// Marks every notification read; returns how many were unread.
    pub async fn mark_all_notifications_read(&self) -> Result<u64, AppError> {
        let result = notifications::Entity::update_many()
            .col_expr(notifications::Column::ReadAt, Expr::value(crate::server::now_millis()))
            .filter(notifications::Column::UserId.eq(self.user_id))
            .filter(notifications::Column::ReadAt.is_null())
            .exec(self.conn())
            .await
            .map_err(db_err)?;
        if result.rows_affected > 0 {
            self.announce(Kind::Notification, Action::Updated, None).await;
        }
        Ok(result.rows_affected)
    }

    /// Saves the user's reminder settings.
    pub async fn set_reminder_settings(&self, settings: super::accounts::ReminderSettings) -> Result<(), AppError> {
        users::Entity::update_many()
            .col_expr(
                users::Column::DefaultReminderMinutes,
                Expr::value(settings.default_reminder_minutes.map(|m| m as i32)),
            )
            .col_expr(users::Column::EmailReminders, Expr::value(settings.email_reminders))
            .col_expr(users::Column::UpdatedAt, Expr::value(crate::server::now_millis()))
            .filter(users::Column::Id.eq(self.user_id))
            .exec(self.conn())
            .await
            .map_err(db_err)?;
        Ok(())
    }
}
