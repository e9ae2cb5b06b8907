//! The conversation list: newest first, the open one marked.
use leptos::prelude::*;

use crate::api::chat::ConversationPage;
use crate::domain::encode_query_value;
use crate::error::AppError;
use crate::ui::data::Data;

#[component]
pub fn ConversationList(
    conversations: Data<Result<ConversationPage, AppError>>,
    current: Memo<Option<String>>,
) -> impl IntoView {
    view! {
        <aside class="card conversations" aria-label="Conversations">
            <a class="button" href="/chat">"New conversation"</a>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || conversations.get().map(|r| match r {
                    Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
                    Ok(page) if page.items.is_empty() => view! { <p class="muted">"No conversations yet."</p> }.into_any(),
                    Ok(page) => view! {
                        <ul class="list conversation-list" data-testid="conversations">
                            {page.items.into_iter().map(|c| {
                                let active = current.get_untracked().as_deref() == Some(c.id.as_str());
                                view! {
                                    <li class:active=active>
                                        <a href=format!("/chat/{}", c.id) aria-current=active.then_some("page")>{c.title}</a>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        {page.next.map(|cursor| {
                            let here = current.get_untracked().map(|id| format!("/chat/{id}")).unwrap_or_else(|| "/chat".into());
                            view! {
                                <a class="button link" href=format!("{here}?conversations={}", encode_query_value(&cursor))>
                                    "Older conversations"
                                </a>
                            }
                        })}
                    }.into_any(),
                })}
            </Transition>
        </aside>
    }
}
