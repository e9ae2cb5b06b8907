//! The list itself: compact rows (see `row`), subtasks under their parents, the Upcoming view
//! grouped by day, the empty states, and the pages.
use leptos::prelude::*;

use super::row::{task_row, AddSubtaskRow, Here};
use super::PageState;
use crate::api::tasks::{Dashboard, DashboardTask, ViewKind};
use crate::domain::query::TaskQueryParams;

/// The filter's query pairs (without the cursor), for links that keep the list as it is.
pub fn filter_pairs(params: &TaskQueryParams) -> Vec<(&'static str, String)> {
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
    .filter_map(|(k, v)| v.clone().filter(|v| !v.is_empty()).map(|v| (k, v)))
    .collect()
}

fn rows(items: Vec<DashboardTask>) -> impl IntoView {
    let state = expect_context::<PageState>();
    let add_to = state.add_to.get_untracked();
    let here = Here::new(&state);
    items
        .into_iter()
        .map(|item| {
            let adding = add_to.as_deref() == Some(item.task.id.as_str());
            let parent = adding.then(|| (item.task.id.clone(), item.task.title.clone(), item.depth));
            view! {
                {task_row(item, here.clone())}
                {parent.map(|(id, title, depth)| view! { <AddSubtaskRow parent_id=id parent_title=title depth=depth here=here.clone()/> })}
            }
        })
        .collect_view()
}

/// The list. On the server it is written to HTML at once: it reads no resource, so there is
/// nothing to wait for, and Leptos' asynchronous rendering (a future per element, joined per
/// list) costs more than the rows themselves. The browser hydrates that HTML as [`TaskTable`]'s,
/// which it is.
#[cfg(feature = "ssr")]
pub fn task_table(board: Dashboard) -> impl IntoView {
    use leptos::tachys::html::InertElement;

    let written = use_context::<WrittenTable>();
    let again = written.and_then(|written| {
        written.0.with_value(|last| {
            last.as_ref()
                .filter(|(last, _)| *last == board)
                .map(|(_, html)| html.clone())
        })
    });
    if let Some(html) = again {
        return InertElement::new(html);
    }
    let html = view! { <TaskTable board=board.clone()/> }.to_html();
    if let Some(written) = written {
        written.0.set_value(Some((board, html.clone())));
    }
    InertElement::new(html)
}

/// The list's HTML as the server last wrote it for this page, with the board it was written
/// from: Leptos builds a `Transition`'s content twice on the server (once to find the resources
/// it reads, once to render it), and the second build of the same board takes the first's HTML.
/// (Nothing else the list reads changes while the server renders a page.)
#[cfg(feature = "ssr")]
#[derive(Clone, Copy)]
pub struct WrittenTable(StoredValue<Option<(Dashboard, String)>>);

#[cfg(feature = "ssr")]
impl WrittenTable {
    pub fn new() -> Self {
        Self(StoredValue::new(None))
    }
}

#[cfg(not(feature = "ssr"))]
pub fn task_table(board: Dashboard) -> impl IntoView {
    view! { <TaskTable board=board/> }
}

#[component]
fn TaskTable(board: Dashboard) -> impl IntoView {
    // the rows' editors offer them (read from the board: the list is written once per board)
    provide_context(super::row::EditorProjects(std::sync::Arc::new(board.projects.clone())));
    let state = expect_context::<PageState>();
    let params = state.params.get_untracked();
    let place = state.place.get_untracked();
    let filter = filter_pairs(&params);
    let paged = params.cursor.as_deref().is_some_and(|c| !c.is_empty());
    let next = board.next_cursor.clone().map(|c| {
        let mut pairs = filter.clone();
        pairs.push(("cursor", c));
        place.href(&pairs)
    });
    let first_page = place.href(&filter);
    if board.items.is_empty() && board.kind != ViewKind::Upcoming {
        let filtered = !filter.is_empty() || paged;
        let message = match board.kind {
            _ if filtered => None,
            ViewKind::Today => Some("Nothing due today. Enjoy the day — or plan ahead in Upcoming."),
            ViewKind::All => {
                Some("No tasks yet. Add your first one with the form above — try “Call mom tomorrow 5pm”.")
            }
            _ => None,
        };
        return view! {
            <div class="empty" data-testid="empty-state">
                {match (filtered, message) {
                    (true, _) => view! { <p>"No tasks match this filter. "<a href=place.href(&[])>"Show all tasks"</a></p> }.into_any(),
                    (false, Some(m)) => view! { <p>{m}</p> }.into_any(),
                    (false, None) => view! {
                        <p><strong>"No tasks yet."</strong>" Add your first one with the form above — try “Call mom tomorrow 5pm”."</p>
                    }.into_any(),
                }}
            </div>
        }
        .into_any();
    }
    let body = if board.kind == ViewKind::Upcoming {
        let mut items = board.items;
        board
            .days
            .into_iter()
            .map(|day| {
                let (today, rest): (Vec<_>, Vec<_>) = items.drain(..).partition(|t| t.day.as_deref() == Some(day.key.as_str()));
                items = rest;
                let empty = today.is_empty();
                view! {
                    <tr class="day-row"><th colspan="6" scope="colgroup">{day.label}</th></tr>
                    {empty.then(|| view! { <tr class="day-empty"><td colspan="6" class="muted">"Nothing due."</td></tr> })}
                    {rows(today)}
                }
            })
            .collect_view()
            .into_any()
    } else {
        rows(board.items).into_any()
    };
    view! {
        <div class="table-wrap">
            <table class="tasks" data-testid="task-table">
                <thead>
                    <tr>
                        <th scope="col" class="col-done">"Done"</th>
                        <th scope="col">"Title"</th>
                        <th scope="col" class="col-priority">"Priority"</th>
                        <th scope="col" class="col-due">"Due"</th>
                        <th scope="col" class="col-tags">"Tags"</th>
                        <th scope="col" class="col-actions">"Actions"</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        <nav class="pager" aria-label="Pages">
            {paged.then(|| view! { <a class="button secondary" href=first_page>"First page"</a> })}
            {next.map(|href| view! { <a class="button secondary" href=href rel="next">"Next page"</a> })}
        </nav>
    }
    .into_any()
}
