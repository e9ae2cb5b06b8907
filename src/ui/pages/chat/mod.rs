//! `/chat` and `/chat/{id}`: the conversation list and a thread with the assistant. Replies
//! stream in (with Stop) when JavaScript runs and arrive with the page when it does not; they
//! are rendered as safe Markdown (never as HTML), with the task changes as action lines.
mod composer;
mod conversations;
mod thread;
mod turn;

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::chat::{list_conversations, load_thread, DeleteConversation, RenameConversation};
use crate::domain::chat::{Action, Message, Role};
use crate::ui::components::markdown::Markdown;
use crate::ui::data::data;
use crate::ui::session::use_auth;
use composer::Composer;
use conversations::ConversationList;
use thread::ThreadView;
use turn::{use_chat_turn, LiveTurn};

/// Where the unsent message is kept in the browser: one draft per user, so the next person on
/// this browser never sees it (and sign-out clears them all).
pub const DRAFT_PREFIX: &str = "taskpilot-chat-draft:";

fn message_view_actions(actions: &[Action]) -> impl IntoView {
    actions
        .iter()
        .map(|a| view! { <p class="action-line" data-testid="action-line">{format!("✓ {}", a.text)}</p> })
        .collect_view()
}

fn message_view(m: Message) -> impl IntoView {
    let who = if m.role == Role::User { "You" } else { "Assistant" };
    view! {
        <li class=format!("message {}", m.role.as_str()) data-testid="message">
            <span class="who">{who}</span>
            <div class="content">
                {if m.role == Role::User {
                    view! { <p>{m.content}</p> }.into_any()
                } else {
                    view! { <Markdown source=m.content/> }.into_any()
                }}
            </div>
            {message_view_actions(&m.actions)}
        </li>
    }
}

#[component]
pub fn ChatPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let current = Memo::new(move |_| params.with(|p| p.get("id")));
    let before = Memo::new(move |_| query.with(|q| q.get("before")));
    let conversations_after = Memo::new(move |_| query.with(|q| q.get("conversations")));
    let rename = ServerAction::<RenameConversation>::new();
    let remove = ServerAction::<DeleteConversation>::new();
    let refresh = RwSignal::new(0u32);
    let conversations = data(
        move || {
            (
                conversations_after.get(),
                refresh.get(),
                rename.version().get(),
                remove.version().get(),
            )
        },
        |(after, ..)| list_conversations(after),
    );
    let thread = data(
        move || (current.get(), before.get(), refresh.get(), rename.version().get()),
        |(id, before, ..)| async move {
            match id {
                Some(id) => load_thread(id, before).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let reset = Signal::derive(move || {
        let _ = (current.get(), before.get(), refresh.get());
    });
    let auth = use_auth();
    let draft_key = Signal::derive(move || {
        let user = auth.user.get().and_then(|r| r.ok()).flatten();
        format!("{DRAFT_PREFIX}{}", user.map(|u| u.id).unwrap_or_default())
    });
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    let turn = use_chat_turn(current, refresh, textarea, draft_key);
    // a message sent from another device shows in the open thread (not while a reply streams
    // here: that turn refreshes the thread itself when it ends)
    let heard = crate::ui::components::bell::use_live().messages;
    Effect::new(move |seen: Option<u32>| {
        let now = heard.get();
        if seen.is_some_and(|seen| seen != now) && !turn.streaming() {
            refresh.update(|v| *v += 1);
        }
        now
    });
    // the reply as it streams, the stored thread after it, and the box under them stay in view
    // (on a phone they went below the screen); not when a thread is opened
    Effect::new(move |seen: Option<usize>| {
        let n = thread.with(|t| match t {
            Some(Ok(Some(t))) => t.messages.len(),
            _ => 0,
        });
        let live = turn.live.with(Option::is_some);
        if live || seen.is_some_and(|before| n > before) {
            crate::ui::components::live::bottom_into_view_soon("form.composer".to_owned());
        }
        n
    });
    view! {
        <leptos_meta::Title text="Assistant"/>
        <div class="chat">
            <ConversationList conversations=conversations current=current/>
            <section class="card thread" aria-label="Conversation">
                <ThreadView thread=thread current=current reset=reset rename=rename remove=remove/>
                <LiveTurn turn=turn thread=thread/>
                <Composer turn=turn current=current textarea=textarea draft_key=draft_key/>
            </section>
        </div>
    }
}
