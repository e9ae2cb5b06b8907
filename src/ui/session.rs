//! The signed-in user as the pages see it, refreshed after every sign-in or sign-out.
use leptos::prelude::*;

use crate::api::auth::{current_user, Login, Logout, Signup};
use crate::domain::user::User;
use crate::error::AppError;

#[derive(Clone, Copy)]
pub struct Auth {
    pub login: ServerAction<Login>,
    pub signup: ServerAction<Signup>,
    pub logout: ServerAction<Logout>,
    pub user: Resource<Result<Option<User>, AppError>>,
}

pub fn provide_auth() {
    let login = ServerAction::<Login>::new();
    let signup = ServerAction::<Signup>::new();
    let logout = ServerAction::<Logout>::new();
    let user = Resource::new(
        move || (login.version().get(), signup.version().get(), logout.version().get()),
        |_| current_user(),
    );
    provide_context(Auth {
        login,
        signup,
        logout,
        user,
    });
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}
