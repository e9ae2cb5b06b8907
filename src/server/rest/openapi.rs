//! `GET /api/v1/openapi.json`: the OpenAPI document, generated from the handlers' annotations
//! and the domain types, so it cannot drift from the code.
use axum::Json;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{auth, chat, tasks};

#[derive(OpenApi)]
#[openapi(
    info(title = "Taskpilot API", version = "1", description = "Tasks with an assistant. Authenticate with the session cookie or `Authorization: Bearer <token>`."),
    paths(
        auth::signup, auth::login, auth::logout, auth::me, auth::delete_me,
        auth::list_tokens, auth::create_token, auth::revoke_token,
        tasks::list_tasks, tasks::create_task, tasks::get_task, tasks::update_task, tasks::delete_task,
        chat::chat, chat::chat_stream, chat::list_conversations, chat::delete_conversation, chat::list_messages,
    ),
    modifiers(&Security),
    security(("bearer" = []), ("session" = [])),
)]
pub struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("taskpilot"))),
        );
    }
}

pub(super) async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
