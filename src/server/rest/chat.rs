//! `/api/v1/chat` and `/api/v1/conversations*`.
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use std::convert::Infallible;

use axum::http::{header, StatusCode};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::IntoResponse;
use axum::routing::{delete, get, post};
use axum::Router;
use serde::Deserialize;
use tokio::sync::mpsc;

use super::{ApiJson, ErrorBody};
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
    responses((status = 200, content_type = "text/event-stream", body = ChatEvent,
        description = "Server-sent events; each event's `data` is one `ChatEvent` as JSON, and the event's name is its `type`."),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub(super) async fn chat_stream(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(body): ApiJson<ChatBody>,
) -> Result<impl IntoResponse, AppError> {
    let prepared = agent::prepare(&state, &user, body.conversation_id.as_deref(), &body.message).await?;
    let (tx, rx) = mpsc::channel(agent::EVENTS_BUFFER);
    // The turn runs on its own task: a dropped connection closes the channel, which the agent
    // notices and stops on, instead of being cancelled halfway through a write.
    tokio::spawn(async move {
        let event = match agent::answer(&state, &user, prepared, Events::to(&tx)).await {
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
        let sse = SseEvent::default()
            .event(event.name())
            .json_data(&event)
            .unwrap_or_else(|_| SseEvent::default().event("failed"));
        Some((Ok::<_, Infallible>(sse), rx))
    });
    Ok((
        [(header::CACHE_CONTROL, "no-store")],
        Sse::new(events).keep_alive(KeepAlive::default()),
    ))
}

/// `{"items": […]}`
#[derive(serde::Serialize, utoipa::ToSchema)]
pub(super) struct ConversationList {
    items: Vec<Conversation>,
}

#[utoipa::path(get, path = "/api/v1/conversations", tag = "assistant", responses((status = 200, body = ConversationList), (status = 401, body = ErrorBody)))]
pub(super) async fn list_conversations(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<ApiJson<ConversationList>, AppError> {
    Ok(ApiJson(ConversationList {
        items: UserScope::new(&state.db, &user).list_conversations(200).await?,
    }))
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
    query: Result<Query<MessagesQuery>, QueryRejection>,
) -> Result<ApiJson<MessagePage>, AppError> {
    let Query(query) = query.map_err(|e| AppError::validation("limit", e.body_text()))?;
    let limit = query.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(AppError::validation(
            "limit",
            "limit must be a whole number from 1 to 200.",
        ));
    }
    let (items, next_cursor) = UserScope::new(&state.db, &user)
        .message_page(&id, query.before.as_deref(), limit)
        .await?;
    Ok(ApiJson(MessagePage {
        items: items.into_iter().map(|m| m.message).collect(),
        next_cursor,
    }))
}
