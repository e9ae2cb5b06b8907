//! One task's row: the done checkbox (coloured by priority), the title first with the facts in
//! small type, its subtasks folded under a "2/5" toggle, and the actions shown on hover or focus;
//! the row edited in place; the row that adds a subtask.
use leptos::either::Either;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::table::filter_pairs;
use super::{PageState, TaskActions};
use crate::api::tasks::{DashboardTask, DeleteTask};
use crate::domain::task::{Priority, Task, SUBTASK_MAX_DEPTH};
use crate::ui::components::form::FormError;

/// Links to this list as it is (its place, filter and page) with a few pairs more: the common
/// part is encoded once per render of the list, not once per link of every row.
#[derive(Clone)]
pub struct Here {
    base: std::sync::Arc<str>,
    /// The tasks whose subtasks are unfolded, as the `open` parameter says them.
    unfolded: std::sync::Arc<str>,
}

impl Here {
    pub fn new(state: &PageState) -> Self {
        let params = state.params.get_untracked();
        let mut pairs = filter_pairs(&params);
        if let Some(cursor) = params.cursor.filter(|c| !c.is_empty()) {
            pairs.push(("cursor", cursor));
        }
        let mut unfolded: Vec<String> = state.open.get_untracked().into_iter().collect();
        unfolded.sort();
        Self {
            base: state.place.get_untracked().href(&pairs).into(),
            unfolded: unfolded.join(",").into(),
        }
    }

    /// This list's address with `extra` pairs (empty values left out).
    pub fn with(&self, extra: &[(&str, &str)]) -> String {
        let mut href = String::with_capacity(self.base.len() + 64);
        href.push_str(&self.base);
        let mut first = !self.base.contains('?');
        for (k, v) in extra.iter().filter(|(_, v)| !v.is_empty()) {
            href.push(if first { '?' } else { '&' });
            first = false;
            href.push_str(k);
            href.push('=');
            href.push_str(&crate::domain::encode_query_value(v));
        }
        href
    }
}

/// The `open` parameter with `toggled` folded or unfolded.
fn open_param(state: &PageState, toggled: &str) -> String {
    let mut open: Vec<String> = state.open.get_untracked().into_iter().collect();
    if let Some(i) = open.iter().position(|o| o == toggled) {
        open.remove(i);
    } else {
        open.push(toggled.to_owned());
    }
    open.sort();
    open.join(",")
}

/// One task's row. The browser builds it as [`TaskRow`]; the server renders it to HTML on its
/// own and keeps it (`server::row_cache`), so the same task shown the same way again — the next
/// load of the list, or the second pass Leptos makes over a `Transition`'s content — is sent as
/// it was rendered instead of being rendered again. The browser hydrates that HTML exactly as it
/// would the rendered view: it is the same view's output. The row being edited is not kept.
#[cfg(feature = "ssr")]
pub fn task_row(item: DashboardTask, here: Here) -> impl IntoView {
    use leptos::tachys::html::InertElement;

    let state = expect_context::<PageState>();
    if state.editing.get_untracked().as_deref() == Some(item.task.id.as_str()) {
        return Either::Left(view! { <TaskRow item=item here=here/> });
    }
    let kept = with_context::<crate::server::state::AppState, _>(|state| state.row_cache.clone())
        .filter(|cache| cache.enabled())
        .and_then(|cache| Some((row_key(&item, &here, &state)?, cache)));
    if let Some(html) = kept.as_ref().and_then(|(key, cache)| cache.get(key)) {
        return Either::Right(InertElement::new(String::from(&*html)));
    }
    // in an owner of its own, dropped (with the row's signals) once the HTML is written
    let html = Owner::new().with(|| view! { <TaskRow item=item here=here/> }.to_html());
    if let Some((key, cache)) = kept {
        cache.put(key, std::sync::Arc::from(html.as_str()));
    }
    Either::Right(InertElement::new(html))
}

#[cfg(not(feature = "ssr"))]
pub fn task_row(item: DashboardTask, here: Here) -> impl IntoView {
    view! { <TaskRow item=item here=here/> }
}

/// Everything a row is rendered from, each part prefixed with its length so no two different
/// sets of inputs write the same key: the task as the dashboard shows it (its id included), the
/// list's address, the unfolded subtasks (which decide whether the row shows, and its toggle's
/// link) and the task that gets a subtask (which unfolds its subtasks).
#[cfg(feature = "ssr")]
fn row_key(item: &DashboardTask, here: &Here, state: &PageState) -> Option<String> {
    let task = serde_json::to_string(item).ok()?;
    let add_to = state.add_to.get_untracked().unwrap_or_default();
    let mut key = String::with_capacity(task.len() + here.base.len() + here.unfolded.len() + add_to.len() + 32);
    for part in [task.as_str(), &here.base, &here.unfolded, &add_to] {
        key.push_str(&part.len().to_string());
        key.push(':');
        key.push_str(part);
    }
    Some(key)
}

#[component]
fn TaskRow(item: DashboardTask, here: Here) -> impl IntoView {
    let actions = expect_context::<TaskActions>();
    let state = expect_context::<PageState>();
    let DashboardTask {
        task,
        due_label,
        due_input,
        due_time_input,
        reminders_input,
        repeat_input,
        overdue,
        depth,
        ancestors,
        project_name,
        ..
    } = item;
    let editing = state.editing.get_untracked().as_deref() == Some(task.id.as_str());
    let close_href = here.with(&[]);
    let shown = {
        let ancestors = ancestors.clone();
        move || {
            let open = state.open.get();
            let adding = state.add_to.get();
            ancestors
                .iter()
                .all(|a| open.contains(a) || adding.as_deref() == Some(a.as_str()))
        }
    };
    if editing {
        return Either::Left(view! {
            <EditRow task=task due=(due_input, due_time_input) reminders_input=reminders_input repeat_input=repeat_input
                close_href=close_href/>
        });
    }
    // Optimistic: the checkbox flips at once and flips back with a message if the server refuses.
    let completed = RwSignal::new(task.completed);
    let toggle_error = RwSignal::new(None::<String>);
    let id = task.id.clone();
    let delete_id = task.id.clone();
    let on_toggle = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let want = !completed.get_untracked();
            completed.set(want);
            toggle_error.set(None);
            let id = id.clone();
            actions.ticking.update_value(|n| *n += 1);
            leptos::task::spawn_local(async move {
                match crate::api::tasks::set_task_completed(id, want).await {
                    Ok(task) => {
                        // a recurring task stays open, on its next date (the reload shows where)
                        completed.set(task.completed);
                        actions.toggle.version().update(|v| *v += 1)
                    }
                    Err(e) => {
                        completed.set(!want);
                        toggle_error.set(Some(format!("Could not update the task: {e}")));
                    }
                }
                actions.ticking.try_update_value(|n| *n = n.saturating_sub(1));
            });
        }
    };
    let edit_href = here.with(&[("edit", &task.id)]);
    let add_href = here.with(&[("add_to", &task.id), ("open", &here.unfolded)]);
    let can_nest = depth < SUBTASK_MAX_DEPTH;
    // (each row's link named for its task, for a screen reader's list of links)
    let subtask_label = format!("Add subtask to {}", task.title);
    let title = task.title.clone();
    let priority = task.priority;
    let toggle = (task.subtasks.total > 0).then(|| {
        let href = here.with(&[("open", &open_param(&state, &task.id))]);
        let target = task.id.clone();
        let open_now = Memo::new({
            let target = target.clone();
            move |_| state.open.get().contains(&target)
        });
        let on_click = move |ev: leptos::ev::MouseEvent| {
            ev.prevent_default();
            state.open.update(|open| {
                if !open.remove(&target) {
                    open.insert(target.clone());
                }
            });
        };
        let label = format!("{}/{}", task.subtasks.done, task.subtasks.total);
        view! {
            <a class="subtask-toggle" href=href on:click=on_click aria-expanded=move || open_now.get().to_string()
                title="Show or hide the subtasks" data-testid="subtask-toggle">
                {move || if open_now.get() { "▾ " } else { "▸ " }}{label.clone()}
            </a>
        }
    });
    Either::Right(view! {
        <tr class=format!("task-row depth-{depth} prio-{}", priority.as_str()) class:done=move || completed.get()
            class:overdue=overdue class:hidden=move || !shown() data-testid="task-row">
            <td class="col-done">
                <form method="post" action="/api/set_task_completed" class="inline-form" on:submit=on_toggle>
                    <input type="hidden" name="id" value=id.clone()/>
                    <input type="hidden" name="completed" value=move || (!completed.get()).to_string()/>
                    <button type="submit" class="check" role="checkbox" aria-checked=move || completed.get().to_string()
                        aria-label=format!("Done: {title}")>
                        {move || if completed.get() { "✓" } else { "" }}
                    </button>
                </form>
            </td>
            <td class="col-title">
                <span class="title">{task.title.clone()}</span>
                {toggle}
                {project_name.map(|name| view! { <span class="project-name">{name}</span> })}
                {task.recurrence.clone().map(|r| view! { <span class="repeat" title="Repeats">{format!("↻ {}", r.text)}</span> })}
                // an open task's reminders, those whose moment has gone said so (and dimmed when
                // none is ahead): one set too late still shows it was set
                {(!task.completed && !task.reminders.is_empty()).then(|| {
                    // a moment in the user's own time, as the editor's field writes it (one entry
                    // per reminder, in order: "10m, @2026-12-05T09:00")
                    let local: Vec<&str> = reminders_input.split(", ").collect();
                    let words = task.reminders.iter().enumerate()
                        .map(|(i, r)| {
                            let words = match (r.at, local.get(i).and_then(|w| w.strip_prefix('@'))) {
                                (Some(_), Some(at)) => format!("at {}", at.replacen('T', " ", 1)),
                                _ => r.describe(),
                            };
                            if r.fired { format!("{words} (passed)") } else { words }
                        })
                        .collect::<Vec<_>>().join(", ");
                    let class = if task.reminders.iter().all(|r| r.fired) { "reminder-mark passed" } else { "reminder-mark" };
                    view! { <span class=class title=format!("Reminders: {words}") aria-label=format!("Reminders: {words}")>"🔔"</span> }
                })}
                {(!task.description.is_empty()).then(|| view! { <p class="description">{task.description.clone()}</p> })}
                {move || toggle_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            </td>
            <td class="col-priority">
                {(priority != Priority::None).then(|| view! { <span class=format!("flag priority-{}", priority.as_str())>{priority.as_str()}</span> })}
            </td>
            <td class="col-due">
                {due_label}
                {overdue.then(|| view! { <span class="badge overdue-badge">"overdue"</span> })}
            </td>
            <td class="col-tags">{task.tags.iter().map(|t| view! { <span class="tag">{format!("#{t}")}</span> }).collect_view()}</td>
            <td class="col-actions">
                <span class="actions">
                    <a class="button link small" href=edit_href>"Edit"</a>
                    {can_nest.then(|| view! { <a class="button link small" href=add_href aria-label=subtask_label>"+ Subtask"</a> })}
                    // a plain form (an ActionForm per row costs more to render than the row): it
                    // posts without JavaScript and dispatches the page's action once hydrated
                    <form method="post" action=DeleteTask::url() class="inline-form" on:submit=move |ev| {
                        ev.prevent_default();
                        actions.delete.dispatch(DeleteTask { id: delete_id.clone() });
                    }>
                        <input type="hidden" name="id" value=id/>
                        <button type="submit" class="button link small danger-text">"Delete"</button>
                    </form>
                </span>
            </td>
        </tr>
    })
}

#[component]
fn EditRow(
    task: Task,
    /// The day and the time of day ("" for none) the "Due" and "Time" inputs show.
    due: (String, String),
    reminders_input: String,
    repeat_input: String,
    close_href: String,
) -> impl IntoView {
    let actions = expect_context::<TaskActions>();
    let result = Signal::derive(move || actions.update.value().get().map(|r| r.map(|_| ())));
    let title = focused_on_open();
    // Escape closes the editor, as Cancel does
    let navigate = leptos_router::hooks::use_navigate();
    let cancel = close_href.clone();
    // the keyboard's focus goes back to the row's Edit, not to the page's start
    let edit_link = format!("tr.task-row a[href*=\"edit={}\"]", task.id);
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            navigate(&cancel, Default::default());
            crate::ui::components::live::focus_soon(edit_link.clone());
        }
    };
    view! {
        <tr class="editing" data-testid="edit-row" on:keydown=on_key>
            <td colspan="6">
                <ActionForm action=actions.update attr:class="form row">
                    <input type="hidden" name="id" value=task.id.clone()/>
                    <input type="hidden" name="return_to" value=close_href.clone()/>
                    <input type="hidden" name="updated_at" value=task.updated_at.timestamp_millis().to_string()/>
                    <div class="field grow">
                        <label for="edit-title">"Title"</label>
                        <input id="edit-title" name="title" value=task.title.clone() required maxlength="200" autofocus
                            node_ref=title/>
                    </div>
                    <div class="field">
                        <label for="edit-priority">"Priority"</label>
                        <select id="edit-priority" name="priority">
                            {Priority::ALL.into_iter().map(|p| view! {
                                <option value=p.as_str() selected=p == task.priority>{p.as_str()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="edit-due">"Due"</label>
                        <input id="edit-due" name="due" type="date" value=due.0/>
                    </div>
                    <div class="field">
                        <label for="edit-due-time">"Time"</label>
                        <input id="edit-due-time" name="due_time" type="time" value=due.1
                            title="Leave empty for a day without a time"/>
                    </div>
                    {project_field(&task)}
                    <div class="field">
                        <label for="edit-tags">"Tags"</label>
                        <input id="edit-tags" name="tags" value=task.tags.join(", ")/>
                    </div>
                    <div class="field">
                        <label for="edit-repeat">"Repeats"</label>
                        <input id="edit-repeat" name="repeat" value=repeat_input placeholder="every monday"/>
                    </div>
                    <div class="field">
                        <label for="edit-reminders">"Reminders"</label>
                        <input id="edit-reminders" name="reminders" value=reminders_input placeholder="10m, 1h"
                            title="Before the due date: 10m, 1h, 1d, 0 (at the due time); or at a time of their own: @2026-12-05T09:00"/>
                    </div>
                    <div class="field grow">
                        <label for="edit-description">"Description"</label>
                        <textarea id="edit-description" name="description">{task.description.clone()}</textarea>
                    </div>
                    <FormError result/>
                    <div class="filter-buttons">
                        <button type="submit" class="button">"Save"</button>
                        <a class="button secondary" href=close_href>"Cancel"</a>
                    </div>
                </ActionForm>
            </td>
        </tr>
    }
}

/// The projects the editor can move a task to, as the board lists them.
#[derive(Clone)]
pub(super) struct EditorProjects(pub std::sync::Arc<Vec<crate::api::tasks::ProjectChoice>>);

/// The editor's project: a top-level task moves to another (its subtasks with it); a subtask
/// stays with its parent. Archived projects are not offered, but the task's own is, archived or
/// not (so saving other changes never moves it).
fn project_field(task: &Task) -> Option<impl IntoView> {
    if task.parent_id.is_some() {
        return None;
    }
    let projects = use_context::<EditorProjects>()?.0;
    if projects.is_empty() {
        return None;
    }
    let current = task.project_id.clone();
    let options: Vec<_> = projects
        .iter()
        .filter(|p| !p.archived || p.id == current)
        .map(|p| {
            let label = if p.archived {
                format!("{} (archived)", p.name)
            } else {
                p.name.clone()
            };
            view! { <option value=p.id.clone() selected=p.id == current>{label}</option> }
        })
        .collect();
    Some(view! {
        <div class="field">
            <label for="edit-project">"Project"</label>
            <select id="edit-project" name="project">{options}</select>
        </div>
    })
}

/// An input that has the keyboard's focus when its form opens: `autofocus` does it for a page
/// loaded with the form open, this for one opened in the page (autofocus acts on load only).
fn focused_on_open() -> NodeRef<leptos::html::Input> {
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = input.get() {
            let _ = input.focus();
        }
    });
    input
}

/// The form that adds a subtask, right under its parent.
#[component]
pub fn AddSubtaskRow(parent_id: String, parent_title: String, depth: usize, here: Here) -> impl IntoView {
    let actions = expect_context::<TaskActions>();
    let result = Signal::derive(move || actions.create.value().get().map(|r| r.map(|_| ())));
    let done_href = here.with(&[("open", &parent_id)]);
    let title = focused_on_open();
    // emptied once its subtask is added (a second Enter added it twice)
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let parent = parent_id.clone();
    Effect::new(move |_| {
        let added = actions.create.value().get().and_then(Result::ok);
        if let (Some(task), Some(form)) = (added, form_ref.get()) {
            if task.parent_id.as_deref() == Some(parent.as_str()) {
                form.reset();
            }
        }
    });
    view! {
        <tr class=format!("adding depth-{}", depth + 1) data-testid="add-subtask-row">
            <td></td>
            <td colspan="5">
                <ActionForm action=actions.create node_ref=form_ref attr:class="form add-row">
                    <input type="hidden" name="parent" value=parent_id.clone()/>
                    <div class="field grow">
                        <label for="subtask-title">{format!("Subtask of “{parent_title}”")}</label>
                        <input id="subtask-title" name="title" required maxlength="400" autocomplete="off" autofocus node_ref=title
                            placeholder="Buy balloons"/>
                    </div>
                    <button type="submit" class="button small">"Add subtask"</button>
                    <a class="button secondary small" href=done_href>"Done"</a>
                </ActionForm>
                <FormError result/>
            </td>
        </tr>
    }
}
