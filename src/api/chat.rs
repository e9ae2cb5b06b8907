//! Server functions for the assistant's page.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::chat::{Conversation, Message};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use super::context::{self as cx, respond};
#[cfg(feature = "ssr")]
use crate::server::repo::UserScope;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Thread {
    pub conversation: Conversation,
    /// Oldest first.
    pub messages: Vec<Message>,
    /// The cursor of older messages, if there are any.
    pub older: Option<String>,
}

/// A page of conversations and the cursor of the next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConversationPage {
    pub items: Vec<Conversation>,
    pub next: Option<String>,
}

#[server(endpoint = "list_conversations")]
pub async fn list_conversations(after: Option<String>) -> Result<ConversationPage, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        let after = after.filter(|a| !a.is_empty());
        let (items, next) = UserScope::new(&state.db, &user)
            .list_conversations(50, after.as_deref())
            .await?;
        Ok(ConversationPage { items, next })
    })
    .await
}

#[server(endpoint = "load_thread")]
pub async fn load_thread(id: String, before: Option<String>) -> Result<Thread, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        let scope = UserScope::new(&state.db, &user);
        let (conversation, _) = scope.get_conversation(&id).await?;
        let before = before.filter(|b| !b.is_empty());
        let (page, older) = scope.message_page(&id, before.as_deref(), 50).await?;
        Ok(Thread {
            conversation,
            messages: page.into_iter().map(|m| m.message).collect(),
            older,
        })
    })
    .await
}

/// Sends a message; without JavaScript the browser is sent on to the conversation.
#[server(endpoint = "send_message")]
pub async fn send_message(conversation_id: Option<String>, message: String) -> Result<String, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        let reply = crate::server::assistant::agent::chat(&state, &user, conversation_id.as_deref(), &message).await?;
        cx::redirect(&format!("/chat/{}", reply.conversation_id));
        Ok(reply.conversation_id)
    })
    .await
}

#[server(endpoint = "rename_conversation")]
pub async fn rename_conversation(id: String, title: String) -> Result<(), AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        let title = crate::domain::chat::parse_conversation_title(&title)?;
        UserScope::new(&state.db, &user).rename_conversation(&id, &title).await
    })
    .await
}

#[server(endpoint = "delete_conversation")]
pub async fn delete_conversation(id: String) -> Result<(), AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        UserScope::new(&state.db, &user).delete_conversation(&id).await?;
        cx::redirect("/chat");
        Ok(())
    })
    .await
}
