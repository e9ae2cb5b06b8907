//! `UserScope`: the only way to a user's own rows. It can be built only from a `CurrentUser`,
//! which only the authentication layer can make, so every query below it is the user's.
use sea_orm::DatabaseConnection;

use super::Db;
use crate::server::auth::CurrentUser;

pub struct UserScope<'a> {
    /// SeaORM's connection, for writes and the rarer reads.
    pub(super) db: &'a DatabaseConnection,
    /// The same database, for the hot reads (`Db::all`, `Db::one`).
    pub(super) read: &'a Db,
    pub(super) user_id: &'a str,
}

impl<'a> UserScope<'a> {
    pub fn new(db: &'a Db, user: &'a CurrentUser) -> Self {
        Self {
            db: db.connection(),
            read: db,
            user_id: &user.user.id,
        }
    }

    pub fn user_id(&self) -> &str {
        self.user_id
    }
}
