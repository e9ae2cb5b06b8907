//! `/api/v1/chat` and `/api/v1/conversations*`.
use axum::extract::{Path, State};
use std::convert::Infallible;

use axum::http::{header, StatusCode};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::IntoResponse;
use axum::routing::{delete, get, post};
use axum::Router;
use serde::Deserialize;
use tokio::sync::mpsc;

use super::{ApiJson, ApiQuery, ErrorBody, QueryFields};
use crate::domain::chat::{ChatEvent, ChatReply};
use crate::domain::chat::{Conversation, Message};
use crate::error::AppError;
use crate::server::assistant::agent::{self, Events};
use crate::server::auth::CurrentUser;
use crate::server::repo::UserScope;
use crate::server::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/chat", post(chat))
        .route("/chat/stream", post(chat_stream))
        .route("/conversations", get(list_conversations))
        .route("/conversations/{id}", delete(delete_conversation))
        .route("/conversations/{id}/messages", get(list_messages))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct ChatBody {
    #[serde(default)]
    conversation_id: Option<String>,
    message: String,
}

#[utoipa::path(post, path = "/api/v1/chat", tag = "assistant", request_body = ChatBody,
    responses((status = 200, body = ChatReply), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub(super) async fn chat(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(body): ApiJson<ChatBody>,
) -> Result<ApiJson<ChatReply>, AppError> {
    Ok(ApiJson(
        agent::chat(&state, &user, body.conversation_id.as_deref(), &body.message).await?,
    ))
}

/// The same turn as `POST /api/v1/chat`, answered as server-sent events while it happens:
/// `started`, `delta`* (the reply's text in pieces), `action`* (task changes), then `done` with
/// the stored reply or `failed`. Closing the connection stops the turn at the next model call;
/// what was done and streamed so far is stored. Bad input and unknown conversations are refused
/// before the stream starts, with the usual error body.
#[utoipa::path(post, path = "/api/v1/chat/stream", tag = "assistant", request_body = ChatBody,
    responses((status = 200, content_type = "text/event-stream", body = StreamFrame,
        description = "Server-sent events; each event's `data` is one `ChatEvent` as JSON, and the event's name is its `type`."),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub(super) async fn chat_stream(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(body): ApiJson<ChatBody>,
) -> Result<impl IntoResponse, AppError> {
    let turn = state.quotas.start_turn(user.id())?;
    let prepared = agent::prepare(&state, &user, body.conversation_id.as_deref(), &body.message).await?;
    let (tx, rx) = mpsc::channel(agent::EVENTS_BUFFER);
    // The turn runs on its own task: a dropped connection closes the channel, which the agent
    // notices and stops on, instead of being cancelled halfway through a write.
    tokio::spawn(async move {
        use futures::FutureExt;
        let _turn = turn;
        // a panic in the turn ends it with `failed`, like any other error, not a cut stream
        let turn = std::panic::AssertUnwindSafe(agent::answer(&state, &user, prepared, Events::to(&tx)));
        let result = turn.catch_unwind().await.unwrap_or_else(|_| {
            tracing::error!("an assistant turn panicked");
            Err(AppError::Internal)
        });
        let event = match result {
            Ok(reply) => ChatEvent::Done { reply },
            Err(e) => ChatEvent::Failed {
                error: e.code().to_owned(),
                message: e.to_string(),
            },
        };
        // the last event waits for room (a reader that stopped reading is noticed by then)
        let _ = tokio::time::timeout(std::time::Duration::from_secs(30), tx.send(event)).await;
    });
    let events = futures::stream::unfold(rx, |mut rx| async move {
        let event = rx.recv().await?;
        Some((Ok::<_, Infallible>(StreamFrame::of(&event).into_sse()), rx))
    });
    Ok((
        [(header::CACHE_CONTROL, "no-store")],
        Sse::new(events).keep_alive(KeepAlive::default()),
    ))
}

/// One server-sent event of the stream, as it is written: the event's name, and its data — one
/// `ChatEvent` as JSON, whose `type` is that name.
#[derive(utoipa::ToSchema)]
pub(super) struct StreamFrame {
    /// started, delta, action, done or failed.
    #[schema(pattern = "^(started|delta|action|done|failed)$")]
    event: &'static str,
    /// A `ChatEvent` (see components) as JSON.
    data: String,
}

impl StreamFrame {
    fn of(event: &ChatEvent) -> Self {
        let data = serde_json::to_string(event).unwrap_or_else(|_| {
            r#"{"type":"failed","error":"internal","message":"The reply could not be sent."}"#.to_owned()
        });
        Self {
            event: event.name(),
            data,
        }
    }

    fn into_sse(self) -> SseEvent {
        SseEvent::default().event(self.event).data(self.data)
    }
}

/// `{"items": [conversation, most recent first], "next_cursor": the next page or null}`
#[derive(serde::Serialize, utoipa::ToSchema)]
pub(super) struct ConversationList {
    items: Vec<Conversation>,
    next_cursor: Option<String>,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct ConversationsQuery {
    /// 1..=200, default 50.
    limit: Option<u64>,
    /// The `next_cursor` of the page before.
    cursor: Option<String>,
}

impl QueryFields for ConversationsQuery {
    const FIELDS: &'static [&'static str] = &["limit", "cursor"];
}

fn page_limit(limit: Option<u64>) -> Result<u64, AppError> {
    let limit = limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(AppError::validation(
            "limit",
            "limit must be a whole number from 1 to 200.",
        ));
    }
    Ok(limit)
}

#[utoipa::path(get, path = "/api/v1/conversations", tag = "assistant", params(ConversationsQuery),
    responses((status = 200, body = ConversationList), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub(super) async fn list_conversations(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(query): ApiQuery<ConversationsQuery>,
) -> Result<ApiJson<ConversationList>, AppError> {
    let (items, next_cursor) = UserScope::new(&state.db, &user)
        .list_conversations(page_limit(query.limit)?, query.cursor.as_deref())
        .await?;
    Ok(ApiJson(ConversationList { items, next_cursor }))
}

#[utoipa::path(delete, path = "/api/v1/conversations/{id}", tag = "assistant", params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub(super) async fn delete_conversation(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    UserScope::new(&state.db, &user).delete_conversation(&id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct MessagesQuery {
    /// The `next_cursor` of the newer page: older messages come before it.
    before: Option<String>,
    /// 1..=200, default 50.
    limit: Option<u64>,
}

impl QueryFields for MessagesQuery {
    const FIELDS: &'static [&'static str] = &["before", "limit"];
}

/// `{"items": [message, oldest first], "next_cursor": older page or null}`
#[derive(serde::Serialize, utoipa::ToSchema)]
pub(super) struct MessagePage {
    items: Vec<Message>,
    next_cursor: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/conversations/{id}/messages", tag = "assistant", params(("id" = String, Path), MessagesQuery),
    responses((status = 200, body = MessagePage), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub(super) async fn list_messages(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<MessagesQuery>,
) -> Result<ApiJson<MessagePage>, AppError> {
    let (items, next_cursor) = UserScope::new(&state.db, &user)
        .message_page(&id, query.before.as_deref(), page_limit(query.limit)?)
        .await?;
    Ok(ApiJson(MessagePage {
        items: items.into_iter().map(|m| m.message).collect(),
        next_cursor,
    }))
}
