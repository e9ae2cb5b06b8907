//! `GET /api/v1/openapi.json`: the OpenAPI document, generated from the handlers' annotations
//! and the domain types, so it cannot drift from the code.
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{auth, calendar, chat, data, events, notifications, projects, tasks, ApiJson};

#[derive(OpenApi)]
#[openapi(
    info(title = "Taskpilot API", version = "1", description = "Tasks with an assistant. Authenticate with the session cookie or `Authorization: Bearer <token>`."),
    paths(
        auth::signup, auth::login, auth::logout, auth::me, auth::delete_me, auth::change_password,
        auth::list_tokens, auth::create_token, auth::revoke_token,
        tasks::list_tasks, tasks::create_task, tasks::get_task, tasks::update_task, tasks::delete_task,
        tasks::list_completions, calendar::status, calendar::create, calendar::end,
        projects::list_projects, projects::create_project, projects::get_project, projects::update_project,
        projects::delete_project, data::export, data::import,
        chat::chat, chat::chat_stream, chat::list_conversations, chat::delete_conversation, chat::list_messages,
        notifications::list_notifications, notifications::mark_read, notifications::read_all,
        notifications::get_settings, notifications::update_settings, events::events,
    ),
    components(schemas(crate::domain::chat::ChatEvent)),
    modifiers(&Security, &CommonResponses),
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

/// The answers any route can give, added to every operation that does not document them itself:
/// a body that cannot be read (400), no or a bad credential (401), a cross-site request (403), a
/// body over the limit (413), the database unavailable (503) or out of space (507).
struct CommonResponses;

impl Modify for CommonResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let error = |description: &str| {
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("ErrorBody")))
                        .build(),
                )
                .build()
        };
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                (false, item.get.as_mut()),
                (true, item.post.as_mut()),
                (true, item.patch.as_mut()),
                (true, item.put.as_mut()),
                (true, item.delete.as_mut()),
            ];
            for (unsafe_method, op) in operations {
                let Some(op) = op else { continue };
                let mut common = vec![
                    (
                        "400",
                        "The request could not be read (malformed JSON, wrong types, bad query).",
                    ),
                    ("401", "Not signed in, or the token is not valid."),
                    ("503", "The database is unavailable; try again shortly."),
                ];
                if unsafe_method {
                    common.extend([
                        ("403", "Refused: the request came from another site."),
                        ("413", "The request body is too large."),
                        (
                            "429",
                            "Too many changes in a minute (QUOTA_WRITES_PER_MINUTE); see Retry-After.",
                        ),
                        ("507", "Out of storage space; nothing was saved."),
                    ]);
                }
                for (status, description) in common {
                    op.responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert_with(|| error(description).into());
                }
            }
        }
    }
}

pub(super) async fn document() -> ApiJson<utoipa::openapi::OpenApi> {
    ApiJson(ApiDoc::openapi())
}
