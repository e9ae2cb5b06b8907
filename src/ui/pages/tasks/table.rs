//! The list itself: compact rows (see `row`), subtasks under their parents, the Upcoming view
//! grouped by day, the empty states, and the pages.
use leptos::prelude::*;

use super::row::{AddSubtaskRow, Here, TaskRow};
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
                <TaskRow item=item here=here.clone()/>
                {parent.map(|(id, title, depth)| view! { <AddSubtaskRow parent_id=id parent_title=title depth=depth here=here.clone()/> })}
            }
        })
        .collect_view()
}

#[component]
pub fn TaskTable(board: Dashboard) -> impl IntoView {
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
