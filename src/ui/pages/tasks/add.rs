//! The add form: a title with quick-add (a date, `!high`, `#tag`, `+project`) and more fields
//! one click away. It adds to the list shown (a project's view puts the task there; Today makes
//! it due today).
use leptos::form::ActionForm;
use leptos::prelude::*;

use super::{PageState, TaskActions};
use crate::api::tasks::TITLE_PARAM;
use crate::domain::task::Priority;
use crate::ui::components::form::FormError;

#[component]
pub fn AddTaskForm() -> impl IntoView {
    let actions = expect_context::<TaskActions>();
    let state = expect_context::<PageState>();
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let title_ref = NodeRef::<leptos::html::Input>::new();
    // without JavaScript, a failed add comes back with what was typed (`server::form_posts`)
    let typed = leptos_router::hooks::use_query_map().with_untracked(|q| q.get(TITLE_PARAM));
    // an error is about what was typed: typing again puts it away, the next add shows its own
    let shown = RwSignal::new(true);
    Effect::new(move |_| {
        if actions.create.pending().get() {
            shown.set(true);
        }
    });
    let result = Signal::derive(move || {
        shown
            .get()
            .then(|| actions.create.value().get().map(|r| r.map(|_| ())))
            .flatten()
    });
    // Clear the form after a successful add (of its own: a subtask row adds through the same
    // action)
    Effect::new(move |_| {
        if let (Some(Ok(task)), Some(form)) = (actions.create.value().get(), form_ref.get()) {
            if task.parent_id.is_none() {
                form.reset();
                // (a title brought back by a failed add without JavaScript is the field's
                // default value: a reset would put it back)
                if let Some(title) = title_ref.get() {
                    title.set_value("");
                }
            }
        }
    });
    let project = move || state.place.get().project.unwrap_or_default();
    let view = move || state.place.get().view_param().unwrap_or_default();
    view! {
        <ActionForm action=actions.create node_ref=form_ref attr:class="form add-form">
            <input type="hidden" name="project" value=project/>
            <input type="hidden" name="view" value=view/>
            <div class="add-row">
                <div class="field grow">
                    <label for="new-title">"Title"</label>
                    <input id="new-title" name="title" required maxlength="400" autocomplete="off"
                        on:input=move |_| shown.set(false) value=typed node_ref=title_ref
                        placeholder="Pay rent friday 9am !high #home +bills"/>
                </div>
                <button type="submit" class="button">"Add task"</button>
            </div>
            <p class="hint">"Quick add: a date like “tomorrow 5pm”, !high / !medium / !low (or p1–p4), #tags (or @labels) and +project in the title."</p>
            <details class="more">
                <summary>"More options"</summary>
                <div class="form row">
                    <div class="field">
                        <label for="new-priority">"Priority"</label>
                        <select id="new-priority" name="priority">
                            <option value="">"From the title"</option>
                            {Priority::ALL.into_iter().map(|p| view! { <option value=p.as_str()>{p.as_str()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="new-due">"Due"</label>
                        <input id="new-due" name="due" type="date"/>
                    </div>
                    <div class="field">
                        <label for="new-due-time">"Time"</label>
                        <input id="new-due-time" name="due_time" type="time" title="Leave empty for a day without a time"/>
                    </div>
                    <div class="field">
                        <label for="new-tags">"Tags"</label>
                        <input id="new-tags" name="tags" placeholder="home, bills"/>
                    </div>
                </div>
                <div class="field">
                    <label for="new-description">"Description"</label>
                    <textarea id="new-description" name="description" maxlength="10000"></textarea>
                </div>
            </details>
            <FormError result/>
        </ActionForm>
    }
}
