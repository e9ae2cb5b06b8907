//! `UserScope`: the only way to a user's own rows. It can be built only from a `CurrentUser`,
//! which only the authentication layer can make, so every query below it is the user's.
use sea_orm::DatabaseConnection;

use super::Db;
use crate::server::auth::CurrentUser;
use crate::server::events::{Action, Change, Kind};

pub struct UserScope<'a> {
    /// The hot reads go through `Db::all`/`Db::one`; the rest through SeaORM's connection.
    pub(super) db: &'a Db,
    pub(super) user_id: &'a str,
    /// The user's zone: recurring tasks repeat at the same local time across DST changes.
    pub(super) tz: chrono_tz::Tz,
    /// The reminder new tasks with a due time get.
    pub(super) default_reminder: Option<u32>,
}

impl<'a> UserScope<'a> {
    pub fn new(db: &'a Db, user: &'a CurrentUser) -> Self {
        Self {
            db,
            user_id: &user.user.id,
            tz: crate::server::tasks::user_tz(&user.time_zone),
            default_reminder: user.settings.default_reminder_minutes,
        }
    }

    /// SeaORM's connection, for writes and the rarer reads.
    pub(super) fn conn(&self) -> &'a DatabaseConnection {
        self.db.connection()
    }

    pub fn user_id(&self) -> &str {
        self.user_id
    }

    /// Tells this user's open pages, on every instance, that a row changed (after the commit).
    pub(super) async fn announce(&self, kind: Kind, action: Action, id: Option<&str>) {
        self.db.announce(Change::new(self.user_id, kind, action, id)).await;
    }
}
