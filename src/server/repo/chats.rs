//! Conversations and messages, always through the user's scope. A conversation id of another
//! user is NotFound everywhere, like one that does not exist.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::entities::{conversations, messages};
use super::{db_err, millis_to_rfc3339, new_id, UserScope};
use crate::domain::chat::{Action, Conversation, Message, Role};
use crate::error::AppError;
use crate::server::events;
use crate::server::now_millis;

fn to_conversation(m: conversations::Model) -> Conversation {
    Conversation {
        id: m.id,
        title: m.title,
        created_at: millis_to_rfc3339(m.created_at),
        updated_at: millis_to_rfc3339(m.updated_at),
    }
}

/// A stored role: "user", else the assistant.
fn role_of(stored: &str) -> Role {
    if stored == Role::User.as_str() {
        Role::User
    } else {
        Role::Assistant
    }
}

fn to_message(m: messages::Model) -> Message {
    Message {
        id: m.id,
        role: role_of(&m.role),
        content: m.content,
        created_at: millis_to_rfc3339(m.created_at),
        actions: serde_json::from_str::<Vec<Action>>(&m.actions).unwrap_or_default(),
    }
}

/// A stored message with what the agent loop needs besides the wire shape.
pub struct StoredMessage {
    pub message: Message,
    pub tool_payload: Option<String>,
}

fn message_cursor(m: &messages::Model) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}|{}", m.created_at, m.id))
}

fn decode_message_cursor(cursor: &str) -> Result<(i64, String), AppError> {
    let bad = || AppError::validation("before", "This cursor is not valid for this conversation.");
    let text = String::from_utf8(URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad())?).map_err(|_| bad())?;
    let (at, id) = text.split_once('|').ok_or_else(bad)?;
    Ok((at.parse().map_err(|_| bad())?, id.to_owned()))
}

impl UserScope<'_> {
    fn own_conversation(&self, id: &str) -> sea_orm::Select<conversations::Entity> {
        conversations::Entity::find()
            .filter(conversations::Column::Id.eq(id))
            .filter(conversations::Column::UserId.eq(self.user_id))
    }

    pub async fn create_conversation(&self, title: &str) -> Result<Conversation, AppError> {
        let limit = self.db.quotas.conversations;
        if limit > 0 && self.count_conversations().await? >= limit {
            return Err(crate::server::quotas::over_count("conversations", limit));
        }
        let now = now_millis();
        let model = conversations::ActiveModel {
            id: Set(new_id()),
            user_id: Set(self.user_id.to_owned()),
            title: Set(title.to_owned()),
            state: Set("{}".to_owned()),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(self.conn())
        .await
        .map_err(db_err)?;
        Ok(to_conversation(model))
    }

    /// The conversation and its stored assistant state (JSON).
    pub async fn get_conversation(&self, id: &str) -> Result<(Conversation, String), AppError> {
        let model = self
            .own_conversation(id)
            .one(self.conn())
            .await
            .map_err(db_err)?
            .ok_or(AppError::NotFound)?;
        let state = model.state.clone();
        Ok((to_conversation(model), state))
    }

    /// A page of the user's conversations, most recently active first, and the cursor of the
    /// next page.
    pub async fn list_conversations(
        &self,
        limit: u64,
        after: Option<&str>,
    ) -> Result<(Vec<Conversation>, Option<String>), AppError> {
        use conversations::Column as C;
        let mut select = conversations::Entity::find().filter(C::UserId.eq(self.user_id));
        if let Some(cursor) = after {
            let bad = || AppError::validation("cursor", "This cursor is not valid for this list.");
            let text = String::from_utf8(URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad())?).map_err(|_| bad())?;
            let (at, id) = text.split_once('|').ok_or_else(bad)?;
            let at: i64 = at.parse().map_err(|_| bad())?;
            select = select.filter(
                Condition::any()
                    .add(C::UpdatedAt.lt(at))
                    .add(Condition::all().add(C::UpdatedAt.eq(at)).add(C::Id.lt(id))),
            );
        }
        let mut rows = select
            .order_by_desc(C::UpdatedAt)
            .order_by_desc(C::Id)
            .limit(limit + 1)
            .all(self.conn())
            .await
            .map_err(db_err)?;
        let next = if rows.len() as u64 > limit {
            rows.truncate(limit as usize);
            rows.last()
                .map(|m| URL_SAFE_NO_PAD.encode(format!("{}|{}", m.updated_at, m.id)))
        } else {
            None
        };
        Ok((rows.into_iter().map(to_conversation).collect(), next))
    }

    /// Refuses a user's message past `QUOTA_MESSAGES_PER_DAY` in the last 24 hours.
    async fn check_message_quota(&self, now: i64) -> Result<(), AppError> {
        let limit = self.db.quotas.messages_per_day;
        if limit == 0 {
            return Ok(());
        }
        let day_ago = now - 86_400_000;
        let recent = messages::Entity::find()
            .filter(messages::Column::UserId.eq(self.user_id))
            .filter(messages::Column::Role.eq(Role::User.as_str()))
            .filter(messages::Column::CreatedAt.gt(day_ago))
            .order_by_desc(messages::Column::CreatedAt)
            .offset(limit - 1)
            .limit(1)
            .one(self.conn())
            .await
            .map_err(db_err)?;
        // the limit-th most recent message leaves the window 24 hours after it was sent
        match recent {
            Some(m) => Err(AppError::RateLimited {
                retry_after_secs: u64::try_from((m.created_at - day_ago) / 1000 + 1).unwrap_or(60),
            }),
            None => Ok(()),
        }
    }

    /// How many conversations the user has.
    pub async fn count_conversations(&self) -> Result<u64, AppError> {
        conversations::Entity::find()
            .filter(conversations::Column::UserId.eq(self.user_id))
            .count(self.conn())
            .await
            .map_err(db_err)
    }

    pub async fn rename_conversation(&self, id: &str, title: &str) -> Result<(), AppError> {
        let result = conversations::Entity::update_many()
            .col_expr(conversations::Column::Title, Expr::value(title))
            .filter(conversations::Column::Id.eq(id))
            .filter(conversations::Column::UserId.eq(self.user_id))
            .exec(self.conn())
            .await
            .map_err(db_err)?;
        if result.rows_affected == 0 {
            return Err(AppError::NotFound);
        }
        Ok(())
    }

    pub async fn delete_conversation(&self, id: &str) -> Result<(), AppError> {
        let result = conversations::Entity::delete_many()
            .filter(conversations::Column::Id.eq(id))
            .filter(conversations::Column::UserId.eq(self.user_id))
            .exec(self.conn())
            .await
            .map_err(db_err)?;
        if result.rows_affected == 0 {
            return Err(AppError::NotFound);
        }
        Ok(())
    }

    /// Stores the assistant's memory for the conversation (already checked to be the user's).
    pub async fn set_conversation_state(&self, id: &str, state: &str) -> Result<(), AppError> {
        conversations::Entity::update_many()
            .col_expr(conversations::Column::State, Expr::value(state))
            .filter(conversations::Column::Id.eq(id))
            .filter(conversations::Column::UserId.eq(self.user_id))
            .exec(self.conn())
            .await
            .map_err(db_err)?;
        Ok(())
    }

    /// Appends a message to one of the user's conversations and marks the conversation active.
    pub async fn add_message(
        &self,
        conversation_id: &str,
        role: Role,
        content: &str,
        tool_payload: Option<String>,
        actions: &[Action],
    ) -> Result<Message, AppError> {
        self.append(conversation_id, role, content, tool_payload, actions, None)
            .await
    }

    /// Appends the assistant's reply and stores its memory for the conversation, in one write.
    pub async fn add_reply_with_state(
        &self,
        conversation_id: &str,
        content: &str,
        actions: &[Action],
        state: &str,
    ) -> Result<Message, AppError> {
        self.append(conversation_id, Role::Assistant, content, None, actions, Some(state))
            .await
    }

    /// The conversation is touched (and its state set) first, which also proves it is the
    /// user's, then the message is inserted. Two single statements, not a transaction: on SQLite
    /// a transaction holds the write lock across its round trips to the connection's thread,
    /// and eight turns at once then waited on each other longer (p99 28–40 ms against 16,
    /// benches/RESULTS.md). A failed insert leaves the conversation touched, nothing else.
    async fn append(
        &self,
        conversation_id: &str,
        role: Role,
        content: &str,
        tool_payload: Option<String>,
        actions: &[Action],
        state: Option<&str>,
    ) -> Result<Message, AppError> {
        let now = now_millis();
        if role == Role::User {
            self.check_message_quota(now).await?;
        }
        let mut touch =
            conversations::Entity::update_many().col_expr(conversations::Column::UpdatedAt, Expr::value(now));
        if let Some(state) = state {
            touch = touch.col_expr(conversations::Column::State, Expr::value(state));
        }
        let touched = touch
            .filter(conversations::Column::Id.eq(conversation_id))
            .filter(conversations::Column::UserId.eq(self.user_id))
            .exec(self.conn())
            .await
            .map_err(db_err)?;
        if touched.rows_affected == 0 {
            return Err(AppError::NotFound);
        }
        let model = messages::ActiveModel {
            id: Set(new_id()),
            conversation_id: Set(conversation_id.to_owned()),
            user_id: Set(self.user_id.to_owned()),
            role: Set(role.as_str().to_owned()),
            content: Set(content.to_owned()),
            tool_payload: Set(tool_payload),
            actions: Set(serde_json::to_string(actions).unwrap_or_else(|_| "[]".into())),
            created_at: Set(now),
        }
        .insert(self.conn())
        .await
        .map_err(db_err)?;
        let mut change = events::Change::new(
            self.user_id,
            events::Kind::Message,
            events::Action::Created,
            Some(&model.id),
        );
        change.conversation_id = Some(conversation_id.to_owned());
        self.db.announce(change).await;
        Ok(to_message(model))
    }

    /// The role and text of the conversation's newest message, if it has one. Only the user's
    /// own messages are read, so another user's conversation has none.
    pub async fn latest_message(&self, conversation_id: &str) -> Result<Option<(Role, String)>, AppError> {
        let newest = messages::Entity::find()
            .filter(messages::Column::ConversationId.eq(conversation_id))
            .filter(messages::Column::UserId.eq(self.user_id))
            .order_by_desc(messages::Column::CreatedAt)
            .order_by_desc(messages::Column::Id)
            .one(self.conn())
            .await
            .map_err(db_err)?;
        Ok(newest.map(|m| (role_of(&m.role), m.content)))
    }

    /// A page of messages, oldest first, ending just before `before` (or at the newest), and
    /// the cursor of the page before it.
    pub async fn message_page(
        &self,
        conversation_id: &str,
        before: Option<&str>,
        limit: u64,
    ) -> Result<(Vec<StoredMessage>, Option<String>), AppError> {
        self.get_conversation(conversation_id).await?;
        let mut select = messages::Entity::find()
            .filter(messages::Column::ConversationId.eq(conversation_id))
            .filter(messages::Column::UserId.eq(self.user_id));
        if let Some(cursor) = before {
            let (at, id) = decode_message_cursor(cursor)?;
            select = select.filter(
                Condition::any().add(messages::Column::CreatedAt.lt(at)).add(
                    Condition::all()
                        .add(messages::Column::CreatedAt.eq(at))
                        .add(messages::Column::Id.lt(id)),
                ),
            );
        }
        let mut rows = select
            .order_by_desc(messages::Column::CreatedAt)
            .order_by_desc(messages::Column::Id)
            .limit(limit + 1)
            .all(self.conn())
            .await
            .map_err(db_err)?;
        let next = if rows.len() as u64 > limit {
            rows.truncate(limit as usize);
            rows.last().map(message_cursor)
        } else {
            None
        };
        rows.reverse();
        let page = rows
            .into_iter()
            .map(|m| {
                let tool_payload = m.tool_payload.clone();
                StoredMessage {
                    message: to_message(m),
                    tool_payload,
                }
            })
            .collect();
        Ok((page, next))
    }
}
