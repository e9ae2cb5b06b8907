//! The conversation list: newest first, the open one marked.
use leptos::prelude::*;

use crate::domain::chat::Conversation;
use crate::error::AppError;

#[component]
pub fn ConversationList(
    conversations: Resource<Result<Vec<Conversation>, AppError>>,
    current: Memo<Option<String>>,
) -> impl IntoView {
    view! {
        <aside class="card conversations" aria-label="Conversations">
            <a class="button" href="/chat">"New conversation"</a>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || conversations.get().map(|r| match r {
                    Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="muted">"No conversations yet."</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="list conversation-list" data-testid="conversations">
                            {list.into_iter().map(|c| {
                                let active = current.get_untracked().as_deref() == Some(c.id.as_str());
                                view! {
                                    <li class:active=active>
                                        <a href=format!("/chat/{}", c.id) aria-current=active.then_some("page")>{c.title}</a>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Transition>
        </aside>
    }
}
