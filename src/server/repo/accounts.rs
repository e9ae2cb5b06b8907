//! Users and their credentials, looked up before anyone is authenticated (sign-up, sign-in,
//! the admin CLI). A user's own data is reached through `UserScope` instead.
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

use super::entities::{accounts, users};
use super::{db_err, is_unique_violation, millis_to_rfc3339, new_id, Db};
use crate::domain::user::{Email, User};
use crate::error::AppError;
use crate::server::now_millis;

pub const CREDENTIAL_PROVIDER: &str = "credential";

/// A user with what authentication needs to know besides the wire shape.
#[derive(Debug, Clone)]
pub struct UserRecord {
    pub user: User,
    pub time_zone: String,
    /// Moves whenever one of the user's tasks, projects or notifications changes (see the
    /// tasks_version migration and the one after it for projects and notifications).
    pub tasks_version: i64,
    pub settings: ReminderSettings,
}

/// What a user chose for reminders on `/settings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReminderSettings {
    /// The reminder of new tasks with a due time: minutes before (0: at the due time), or null.
    pub default_reminder_minutes: Option<u32>,
    /// Also mail reminders (needs the server's SMTP settings).
    pub email_reminders: bool,
}

pub(crate) fn to_record(m: users::Model) -> UserRecord {
    UserRecord {
        user: User {
            id: m.id,
            email: m.email,
            name: m.name,
            created_at: millis_to_rfc3339(m.created_at),
        },
        time_zone: m.time_zone,
        tasks_version: m.tasks_version,
        settings: ReminderSettings {
            default_reminder_minutes: m.default_reminder_minutes.and_then(|m| u32::try_from(m).ok()),
            email_reminders: m.email_reminders,
        },
    }
}

/// Creates a user and its password credential in one transaction; a taken email is a Conflict.
pub async fn create_with_password(
    db: &DatabaseConnection,
    email: &Email,
    name: &str,
    password_hash: String,
    time_zone: &str,
) -> Result<UserRecord, AppError> {
    let now = now_millis();
    let user_id = new_id();
    let txn = db.begin().await.map_err(db_err)?;
    let user = users::ActiveModel {
        id: Set(user_id.clone()),
        email: Set(email.as_str().to_owned()),
        name: Set(name.to_owned()),
        email_verified: Set(false),
        image: Set(None),
        time_zone: Set(time_zone.to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        tasks_version: Set(0),
        default_reminder_minutes: Set(Some(0)),
        email_reminders: Set(false),
    }
    .insert(&txn)
    .await
    .map_err(|e| if is_unique_violation(&e) { conflict() } else { db_err(e) })?;
    accounts::ActiveModel {
        id: Set(new_id()),
        user_id: Set(user_id),
        provider: Set(CREDENTIAL_PROVIDER.to_owned()),
        provider_account_id: Set(email.as_str().to_owned()),
        password_hash: Set(Some(password_hash)),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await
    .map_err(db_err)?;
    super::projects::create_inbox(&txn, &user.id, now).await?;
    txn.commit().await.map_err(db_err)?;
    Ok(to_record(user))
}

fn conflict() -> AppError {
    AppError::Conflict {
        message: "Could not create an account with these details. If you already have one, sign in.".into(),
    }
}

/// The user with this email and its password hash, if it has a password credential.
pub async fn find_with_password(
    db: &DatabaseConnection,
    email: &Email,
) -> Result<Option<(UserRecord, String)>, AppError> {
    let Some(user) = users::Entity::find()
        .filter(users::Column::Email.eq(email.as_str()))
        .one(db)
        .await
        .map_err(db_err)?
    else {
        return Ok(None);
    };
    let hash = password_hash_of(db, &user.id).await?;
    Ok(hash.map(|hash| (to_record(user), hash)))
}

pub async fn password_hash_of(db: &DatabaseConnection, user_id: &str) -> Result<Option<String>, AppError> {
    Ok(accounts::Entity::find()
        .filter(accounts::Column::UserId.eq(user_id))
        .filter(accounts::Column::Provider.eq(CREDENTIAL_PROVIDER))
        .one(db)
        .await
        .map_err(db_err)?
        .and_then(|a| a.password_hash))
}

/// Replaces the user's password hash and ends every one of their sessions, in one transaction
/// (the caller signs this browser in again).
pub async fn replace_password(db: &DatabaseConnection, user_id: &str, hash: String) -> Result<(), AppError> {
    let txn = db.begin().await.map_err(db_err)?;
    let changed = accounts::Entity::update_many()
        .col_expr(accounts::Column::PasswordHash, sea_orm::sea_query::Expr::value(hash))
        .col_expr(
            accounts::Column::UpdatedAt,
            sea_orm::sea_query::Expr::value(now_millis()),
        )
        .filter(accounts::Column::UserId.eq(user_id))
        .filter(accounts::Column::Provider.eq(CREDENTIAL_PROVIDER))
        .exec(&txn)
        .await
        .map_err(db_err)?
        .rows_affected;
    if changed == 0 {
        return Err(AppError::NotFound);
    }
    super::entities::sessions::Entity::delete_many()
        .filter(super::entities::sessions::Column::UserId.eq(user_id))
        .exec(&txn)
        .await
        .map_err(db_err)?;
    txn.commit().await.map_err(db_err)
}

pub async fn find_by_id(db: &Db, user_id: &str) -> Result<Option<UserRecord>, AppError> {
    Ok(db
        .one(users::Entity::find_by_id(user_id.to_owned()))
        .await?
        .map(to_record))
}

pub async fn find_by_email(db: &DatabaseConnection, email: &Email) -> Result<Option<UserRecord>, AppError> {
    Ok(users::Entity::find()
        .filter(users::Column::Email.eq(email.as_str()))
        .one(db)
        .await
        .map_err(db_err)?
        .map(to_record))
}

pub async fn list(db: &DatabaseConnection) -> Result<Vec<UserRecord>, AppError> {
    Ok(users::Entity::find()
        .order_by_asc(users::Column::CreatedAt)
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(to_record)
        .collect())
}

/// Deletes the user; its accounts, sessions, tokens, tasks and conversations go with it
/// (foreign keys cascade). Returns whether a user was deleted.
pub async fn delete(db: &DatabaseConnection, user_id: &str) -> Result<bool, AppError> {
    let result = users::Entity::delete_by_id(user_id.to_owned())
        .exec(db)
        .await
        .map_err(db_err)?;
    Ok(result.rows_affected > 0)
}

impl super::UserScope<'_> {
    /// Changes the zone the user's dates are read and shown in. A due date without a time (the
    /// end of its day, in the old zone) stays on its day: it becomes the end of that day in the
    /// new zone, not whatever hour of which day the same instant is there — and so do a series'
    /// first date and the reminders before such a date (fired ones stay fired). All of it in one
    /// transaction with the zone itself.
    pub async fn set_time_zone(&self, time_zone: &str) -> Result<(), AppError> {
        use super::entities::tasks;
        let new_tz = crate::server::tasks::user_tz(time_zone);
        let end_of_day = crate::domain::quick_add::end_of_day();
        // the same day's end in the new zone, for an instant at a day's end in the old one
        let same_day = |at: i64| -> Option<i64> {
            let local = chrono::DateTime::from_timestamp_millis(at)?.with_timezone(&self.tz);
            (local.time() == end_of_day).then(|| {
                crate::server::tasks::to_utc(local.date_naive().and_time(end_of_day), new_tz).timestamp_millis()
            })
        };
        let now = now_millis();
        let txn = self.conn().begin().await.map_err(db_err)?;
        users::Entity::update_many()
            .col_expr(users::Column::TimeZone, sea_orm::sea_query::Expr::value(time_zone))
            .col_expr(users::Column::UpdatedAt, sea_orm::sea_query::Expr::value(now))
            .filter(users::Column::Id.eq(self.user_id))
            .exec(&txn)
            .await
            .map_err(db_err)?;
        let mut moved = 0u64;
        if new_tz != self.tz {
            let dated = tasks::Entity::find()
                .filter(tasks::Column::UserId.eq(self.user_id))
                .filter(tasks::Column::DueAt.is_not_null())
                .all(&txn)
                .await
                .map_err(db_err)?;
            for row in dated {
                let Some(due) = row.due_at.and_then(same_day) else {
                    continue;
                };
                let mut reminders = crate::domain::reminder::read_stored(&row.reminders);
                for r in &mut reminders {
                    if let Some(at) = r.spec.fire_at(Some(due)).filter(|_| r.fire_at.is_some()) {
                        r.fire_at = Some(at);
                    }
                }
                tasks::Entity::update_many()
                    .col_expr(tasks::Column::DueAt, sea_orm::sea_query::Expr::value(due))
                    .col_expr(
                        tasks::Column::RecurrenceAnchor,
                        sea_orm::sea_query::Expr::value(row.recurrence_anchor.map(|a| same_day(a).unwrap_or(a))),
                    )
                    .col_expr(
                        tasks::Column::Reminders,
                        sea_orm::sea_query::Expr::value(crate::domain::reminder::write_stored(&reminders)),
                    )
                    .col_expr(
                        tasks::Column::NextReminderAt,
                        sea_orm::sea_query::Expr::value(crate::domain::reminder::next_fire_at(&reminders)),
                    )
                    .col_expr(
                        tasks::Column::UpdatedAt,
                        sea_orm::sea_query::Expr::value(now.max(row.updated_at + 1)),
                    )
                    .filter(tasks::Column::Id.eq(row.id))
                    .filter(tasks::Column::UserId.eq(self.user_id))
                    .exec(&txn)
                    .await
                    .map_err(db_err)?;
                moved += 1;
            }
        }
        txn.commit().await.map_err(db_err)?;
        if moved > 0 {
            self.announce(
                crate::server::events::Kind::Task,
                crate::server::events::Action::Updated,
                None,
            )
            .await;
        }
        Ok(())
    }
}
