//! One turn of a conversation, stateless per request: store the user's message first, load the
//! conversation's memory from the database, let the provider act through the user's scope, then
//! store the reply with its actions and the memory.
use serde::{Deserialize, Serialize};

use super::builtin::{self, ConversationState};
use crate::domain::chat::{parse_message, title_from, Action, Message, Role};
use crate::error::AppError;
use crate::server::auth::CurrentUser;
use crate::server::repo::UserScope;
use crate::server::state::AppState;
use crate::server::tasks::user_tz;

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ChatReply {
    pub conversation_id: String,
    pub reply: Message,
    pub actions: Vec<Action>,
}

#[tracing::instrument(skip_all, fields(user_id = %user.id()))]
pub async fn chat(
    state: &AppState,
    user: &CurrentUser,
    conversation_id: Option<&str>,
    message: &str,
) -> Result<ChatReply, AppError> {
    let text = parse_message(message)?;
    let scope = UserScope::new(&state.db, user);
    let conversation_id = match conversation_id.map(str::trim).filter(|id| !id.is_empty()) {
        Some(id) => scope.get_conversation(id).await?.0.id,
        None => scope.create_conversation(&title_from(&text)).await?.id,
    };
    // The user's message is stored before anything can fail, so it is never lost.
    scope
        .add_message(&conversation_id, Role::User, &text, None, &[])
        .await?;
    let (_, stored) = scope.get_conversation(&conversation_id).await?;
    let mut memory: ConversationState = serde_json::from_str(&stored).unwrap_or_default();
    let outcome = builtin::turn(&scope, user_tz(&user.time_zone), &mut memory, &text).await?;
    let reply = scope
        .add_message(
            &conversation_id,
            Role::Assistant,
            &outcome.reply,
            None,
            &outcome.actions,
        )
        .await?;
    let memory = serde_json::to_string(&memory).unwrap_or_else(|_| "{}".into());
    scope.set_conversation_state(&conversation_id, &memory).await?;
    Ok(ChatReply {
        conversation_id,
        reply,
        actions: outcome.actions,
    })
}
