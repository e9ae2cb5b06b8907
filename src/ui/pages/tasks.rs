//! `/tasks`: the dashboard. The filter lives in the URL (a GET form), so it survives reloads and
//! can be bookmarked; every change is a form that posts without JavaScript and is dispatched in
//! place once hydrated.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use crate::api::tasks::{
    list_tasks, CreateTask, DashboardPage, DashboardTask, DeleteTask, RestoreTask, SetTaskCompleted, UpdateTask,
};
use crate::domain::query::{encode_query_value, TaskQueryParams};
use crate::domain::task::{Priority, Task};
use crate::error::AppError;
use crate::ui::components::form::FormError;
use crate::ui::components::live;

#[derive(Clone, Copy)]
struct TaskActions {
    create: ServerAction<CreateTask>,
    update: ServerAction<UpdateTask>,
    toggle: ServerAction<SetTaskCompleted>,
    delete: ServerAction<DeleteTask>,
    restore: ServerAction<RestoreTask>,
}

fn params_from_query(get: impl Fn(&str) -> Option<String>) -> TaskQueryParams {
    TaskQueryParams {
        status: get("status"),
        priority: get("priority"),
        tag: get("tag"),
        q: get("q"),
        due: get("due"),
        sort: get("sort"),
        limit: get("limit"),
        cursor: get("cursor"),
        project: get("project"),
        parent: get("parent"),
    }
}

/// The query string of `params` without the cursor, for links that keep the filter.
fn filter_query(params: &TaskQueryParams) -> String {
    [
        ("status", &params.status),
        ("priority", &params.priority),
        ("tag", &params.tag),
        ("q", &params.q),
        ("due", &params.due),
        ("sort", &params.sort),
        ("limit", &params.limit),
    ]
    .into_iter()
    .filter_map(|(k, v)| {
        v.as_deref()
            .filter(|v| !v.is_empty())
            .map(|v| format!("{k}={}", encode_query_value(v)))
    })
    .collect::<Vec<_>>()
    .join("&")
}

#[component]
pub fn TasksPage() -> impl IntoView {
    let query = use_query_map();
    let params = Memo::new(move |_| query.with(|q| params_from_query(|k| q.get(k))));
    let editing = Memo::new(move |_| query.with(|q| q.get("edit")));
    let actions = TaskActions {
        create: ServerAction::<CreateTask>::new(),
        update: ServerAction::<UpdateTask>::new(),
        toggle: ServerAction::<SetTaskCompleted>::new(),
        delete: ServerAction::<DeleteTask>::new(),
        restore: ServerAction::<RestoreTask>::new(),
    };
    provide_context(actions);
    // Changes made elsewhere (the assistant in another tab, another device) show without a
    // manual reload.
    let changed = RwSignal::new(0u32);
    live::on_tasks_changed(move || changed.update(|v| *v += 1));
    let tasks = Resource::new(
        move || {
            (
                params.get(),
                changed.get(),
                actions.create.version().get(),
                actions.update.version().get(),
                actions.toggle.version().get(),
                actions.delete.version().get(),
                actions.restore.version().get(),
            )
        },
        |(params, ..)| list_tasks(params),
    );
    let create_result = Signal::derive(move || actions.create.value().get().map(|r| r.map(|_| ())));

    view! {
        <section class="card">
            <h1>"Your tasks"</h1>
            <AddTaskForm result=create_result/>
        </section>
        <section class="card">
            <Filters params=params/>
            <UndoBar/>
            <Transition fallback=|| view! { <p class="muted" role="status">"Loading tasks…"</p> }>
                {move || tasks.get().map(|result| match result {
                    Err(e) => view! {
                        <p class="form-error" role="alert">{format!("Could not load your tasks: {e}")}</p>
                    }.into_any(),
                    Ok(page) => view! { <TaskTable page=page params=params.get() editing=editing.get()/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn AddTaskForm(result: Signal<Option<Result<(), AppError>>>) -> impl IntoView {
    let actions = expect_context::<TaskActions>();
    let form_ref = NodeRef::<leptos::html::Form>::new();
    // Clear the form after a successful add.
    Effect::new(move |_| {
        if let (Some(Ok(_)), Some(form)) = (actions.create.value().get(), form_ref.get()) {
            form.reset();
        }
    });
    view! {
        <ActionForm action=actions.create node_ref=form_ref attr:class="form add-form">
            <div class="add-row">
                <div class="field grow">
                    <label for="new-title">"Title"</label>
                    <input id="new-title" name="title" required maxlength="400" autocomplete="off"
                        placeholder="Pay rent friday 9am !high #home"/>
                </div>
                <button type="submit" class="button">"Add task"</button>
            </div>
            <p class="hint">"Quick add: a date like “tomorrow 5pm”, !high / !medium / !low, and #tags in the title."</p>
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
                        <input id="new-due" name="due" type="datetime-local"/>
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

#[component]
fn Filters(params: Memo<TaskQueryParams>) -> impl IntoView {
    let value = move |f: fn(&TaskQueryParams) -> &Option<String>| f(&params.get()).clone().unwrap_or_default();
    let select =
        move |name: &'static str, label: &'static str, options: Vec<(&'static str, &'static str)>, current: String| {
            view! {
                <div class="field">
                    <label for=format!("filter-{name}")>{label}</label>
                    <select id=format!("filter-{name}") name=name>
                        {options.into_iter().map(|(v, text)| {
                            let selected = current == v;
                            view! { <option value=v selected=selected>{text}</option> }
                        }).collect_view()}
                    </select>
                </div>
            }
        };
    view! {
        <Form method="GET" action="/tasks" attr:class="form row filters" attr:aria-label="Filter tasks">
            {move || select("status", "Status", vec![("", "All"), ("open", "Open"), ("done", "Done")], value(|p| &p.status))}
            {move || select("priority", "Priority", vec![("", "Any"), ("high", "High"), ("medium", "Medium"), ("low", "Low"), ("none", "None")], value(|p| &p.priority))}
            {move || select("due", "Due", vec![("", "Any time"), ("today", "Today"), ("this_week", "This week"), ("overdue", "Overdue"), ("none", "No date")], value(|p| &p.due))}
            {move || select("sort", "Sort", vec![("", "Newest"), ("due", "Due date"), ("priority", "Priority"), ("title", "Title")], value(|p| &p.sort))}
            <div class="field">
                <label for="filter-tag">"Tag"</label>
                <input id="filter-tag" name="tag" prop:value=move || value(|p| &p.tag)/>
            </div>
            <div class="field">
                <label for="filter-q">"Search"</label>
                <input id="filter-q" name="q" type="search" prop:value=move || value(|p| &p.q)/>
            </div>
            <div class="filter-buttons">
                <button type="submit" class="button secondary">"Apply"</button>
                <a class="button link" href="/tasks">"Clear"</a>
            </div>
        </Form>
    }
}

#[component]
fn TaskTable(page: DashboardPage, params: TaskQueryParams, editing: Option<String>) -> impl IntoView {
    let filter = filter_query(&params);
    let next = page.next_cursor.clone().map(|c| {
        let sep = if filter.is_empty() { "" } else { "&" };
        format!("/tasks?{filter}{sep}cursor={}", encode_query_value(&c))
    });
    let paged = params.cursor.as_deref().is_some_and(|c| !c.is_empty());
    let first_page = format!("/tasks{}{}", if filter.is_empty() { "" } else { "?" }, filter);
    if page.items.is_empty() {
        let filtered = !filter.is_empty() || paged;
        return view! {
            <div class="empty" data-testid="empty-state">
                {if filtered {
                    view! { <p>"No tasks match this filter. "<a href="/tasks">"Show all tasks"</a></p> }.into_any()
                } else {
                    view! { <p><strong>"No tasks yet."</strong>" Add your first one with the form above — try “Call mom tomorrow 5pm”."</p> }.into_any()
                }}
            </div>
        }
        .into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="tasks" data-testid="task-table">
                <thead>
                    <tr>
                        <th scope="col" class="col-done">"Done"</th>
                        <th scope="col">"Title"</th>
                        <th scope="col">"Priority"</th>
                        <th scope="col">"Due"</th>
                        <th scope="col">"Tags"</th>
                        <th scope="col" class="col-actions">"Actions"</th>
                    </tr>
                </thead>
                <tbody>
                    {page.items.into_iter().map(|item| {
                        let edit = editing.as_deref() == Some(item.task.id.as_str());
                        view! { <TaskRow item=item editing=edit filter=filter.clone()/> }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <nav class="pager" aria-label="Pages">
            {paged.then(|| view! { <a class="button secondary" href=first_page>"First page"</a> })}
            {next.map(|href| view! { <a class="button secondary" href=href rel="next">"Next page"</a> })}
        </nav>
    }
    .into_any()
}

#[component]
fn TaskRow(item: DashboardTask, editing: bool, filter: String) -> impl IntoView {
    let actions = expect_context::<TaskActions>();
    let DashboardTask {
        task,
        due_label,
        due_input,
        overdue,
    } = item;
    // Optimistic: the checkbox flips at once and flips back with a message if the server refuses.
    let completed = RwSignal::new(task.completed);
    let toggle_error = RwSignal::new(None::<String>);
    let id = task.id.clone();
    let edit_href = format!(
        "/tasks?{filter}{}edit={}",
        if filter.is_empty() { "" } else { "&" },
        encode_query_value(&task.id)
    );
    let close_href = format!("/tasks{}{}", if filter.is_empty() { "" } else { "?" }, filter);
    if editing {
        return view! { <EditRow task=task due_input=due_input close_href=close_href/> }.into_any();
    }
    let on_toggle = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let want = !completed.get_untracked();
            completed.set(want);
            toggle_error.set(None);
            let id = id.clone();
            leptos::task::spawn_local(async move {
                match crate::api::tasks::set_task_completed(id, want).await {
                    Ok(_) => actions.toggle.version().update(|v| *v += 1),
                    Err(e) => {
                        completed.set(!want);
                        toggle_error.set(Some(format!("Could not update the task: {e}")));
                    }
                }
            });
        }
    };
    let title = task.title.clone();
    let priority = task.priority;
    view! {
        <tr class:done=move || completed.get() class:overdue=overdue data-testid="task-row">
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
                {(!task.description.is_empty()).then(|| view! { <p class="description">{task.description.clone()}</p> })}
                {move || toggle_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            </td>
            <td><span class=format!("badge priority-{}", priority.as_str())>{priority.as_str()}</span></td>
            <td class="col-due">
                {due_label}
                {overdue.then(|| view! { <span class="badge overdue-badge">"overdue"</span> })}
            </td>
            <td>{task.tags.iter().map(|t| view! { <span class="tag">{format!("#{t}")}</span> }).collect_view()}</td>
            <td class="col-actions">
                <a class="button secondary small" href=edit_href>"Edit"</a>
                <ActionForm action=actions.delete attr:class="inline-form">
                    <input type="hidden" name="id" value=id/>
                    <button type="submit" class="button danger small">"Delete"</button>
                </ActionForm>
            </td>
        </tr>
    }
    .into_any()
}

#[component]
fn EditRow(task: Task, due_input: String, close_href: String) -> impl IntoView {
    let actions = expect_context::<TaskActions>();
    let result = Signal::derive(move || actions.update.value().get().map(|r| r.map(|_| ())));
    view! {
        <tr class="editing" data-testid="edit-row">
            <td colspan="6">
                <ActionForm action=actions.update attr:class="form row">
                    <input type="hidden" name="id" value=task.id.clone()/>
                    <input type="hidden" name="return_to" value=close_href.clone()/>
                    <input type="hidden" name="updated_at" value=task.updated_at.timestamp_millis().to_string()/>
                    <div class="field grow">
                        <label for="edit-title">"Title"</label>
                        <input id="edit-title" name="title" value=task.title.clone() required maxlength="400"/>
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
                        <input id="edit-due" name="due" type="datetime-local" value=due_input/>
                    </div>
                    <div class="field">
                        <label for="edit-tags">"Tags"</label>
                        <input id="edit-tags" name="tags" value=task.tags.join(", ")/>
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

/// After a delete, offers Undo for a few seconds.
#[component]
fn UndoBar() -> impl IntoView {
    let actions = expect_context::<TaskActions>();
    let deleted = RwSignal::new(None::<Task>);
    Effect::new(move |_| {
        if let Some(Ok(task)) = actions.delete.value().get() {
            deleted.set(Some(task));
            set_timeout(move || deleted.set(None), std::time::Duration::from_secs(8));
        }
    });
    let error = Signal::derive(move || {
        actions
            .delete
            .value()
            .get()
            .and_then(|r| r.err())
            .map(|e| e.to_string())
    });
    view! {
        {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
        {move || deleted.get().map(|task| {
            let restore = task.id.clone();
            view! {
                <div class="notice undo" role="status">
                    <span>{format!("Deleted “{}”.", task.title)}</span>
                    <button type="button" class="button secondary small" on:click=move |_| {
                        actions.restore.dispatch(RestoreTask { id: restore.clone() });
                        deleted.set(None);
                    }>"Undo"</button>
                </div>
            }
        })}
    }
}
