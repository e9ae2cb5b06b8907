//! `UserScope`: the only way to a user's own rows. It can be built only from a `CurrentUser`,
//! which only the authentication layer can make, so every query below it is the user's.
use sea_orm::DatabaseConnection;

use crate::server::auth::CurrentUser;

pub struct UserScope<'a> {
    pub(super) db: &'a DatabaseConnection,
    pub(super) user_id: &'a str,
}

impl<'a> UserScope<'a> {
    pub fn new(db: &'a DatabaseConnection, user: &'a CurrentUser) -> Self {
        Self {
            db,
            user_id: &user.user.id,
        }
    }

    pub fn user_id(&self) -> &str {
        self.user_id
    }
}
