//! After a delete, Undo for a few seconds: the server puts back what it kept of the task (and
//! its subtasks).
use leptos::prelude::*;

use super::TaskActions;
use crate::api::tasks::{Recurred, RestoreTask, UndoCompletion};
use crate::domain::task::Task;

#[component]
pub fn UndoBar() -> impl IntoView {
    let actions = expect_context::<TaskActions>();
    let deleted = RwSignal::new(None::<Task>);
    Effect::new(move |_| {
        if let Some(Ok(task)) = actions.delete.value().get() {
            deleted.set(Some(task));
            // the deleted row had the focus: it goes to Undo (the next row's Delete had it, and
            // a second Enter deleted that one too)
            crate::ui::components::live::focus_soon(".notice.undo button".to_owned());
            set_timeout(move || deleted.set(None), std::time::Duration::from_secs(8));
        }
    });
    let error = Signal::derive(move || {
        let failed = |r: Option<Result<Task, crate::error::AppError>>| r.and_then(|r| r.err()).map(|e| e.to_string());
        failed(actions.delete.value().get()).or_else(|| failed(actions.restore.value().get()))
    });
    view! {
        {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
        {move || deleted.get().map(|task| {
            let id = task.id.clone();
            let with = if task.subtasks.total > 0 { " and its subtasks" } else { "" };
            view! {
                <div class="notice undo" role="status">
                    <span>{format!("Deleted “{}”{with}.", task.title)}</span>
                    <button type="button" class="button secondary small" on:click=move |_| {
                        actions.restore.dispatch(RestoreTask { id: id.clone() });
                        deleted.set(None);
                    }>"Undo"</button>
                </div>
            }
        })}
    }
}

/// After a recurring task is completed: it moved to its next date; Undo puts it back. A plain
/// form, so it works without JavaScript too.
#[component]
pub fn RecurNotice(recurred: Recurred) -> impl IntoView {
    let actions = expect_context::<TaskActions>();
    let error = Signal::derive(move || {
        actions
            .undo_completion
            .value()
            .get()
            .and_then(|r| r.err())
            .map(|e| e.to_string())
    });
    let id = recurred.id.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        actions.undo_completion.dispatch(UndoCompletion { id: id.clone() });
    };
    view! {
        {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
        <form method="post" action="/api/undo_completion" class="notice undo" role="status" data-testid="recur-notice"
            on:submit=on_submit>
            <span>{format!("Done. “{}” repeats ({}): next due {}.", recurred.title, lower_first(&recurred.repeat), recurred.next_due)}</span>
            <input type="hidden" name="id" value=recurred.id.clone()/>
            <button type="submit" class="button secondary small">"Undo"</button>
        </form>
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}
