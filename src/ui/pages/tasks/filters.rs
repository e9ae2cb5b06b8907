//! The filter, folded away until asked for (or in use): status, priority, due, sort, tag and a
//! text search, kept in the URL with the view, so a filtered list survives a reload.
use leptos::prelude::*;
use leptos_router::components::Form;

use super::PageState;
use crate::domain::query::TaskQueryParams;

#[component]
pub fn Filters() -> impl IntoView {
    let state = expect_context::<PageState>();
    let params = state.params;
    let value = move |f: fn(&TaskQueryParams) -> &Option<String>| f(&params.get()).clone().unwrap_or_default();
    let in_use = move || {
        let p = params.get();
        [&p.status, &p.priority, &p.tag, &p.q, &p.due, &p.sort]
            .iter()
            .any(|v| v.as_deref().is_some_and(|v| !v.is_empty()))
    };
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
    let hidden_place = move || {
        state
            .place
            .get()
            .pairs()
            .into_iter()
            .map(|(k, v)| view! { <input type="hidden" name=k value=v/> })
            .collect_view()
    };
    let clear = move || state.place.get().href(&[]);
    view! {
        <details class="filters-panel" open=in_use>
            <summary>{move || if in_use() { "Filter and sort (in use)" } else { "Filter and sort" }}</summary>
            <Form method="GET" action="/tasks" attr:class="form row filters" attr:aria-label="Filter tasks">
                {hidden_place}
                {move || select("status", "Status", vec![("", "All"), ("open", "Open"), ("done", "Done")], value(|p| &p.status))}
                {move || select("priority", "Priority", vec![("", "Any"), ("high", "High"), ("medium", "Medium"), ("low", "Low"), ("none", "None")], value(|p| &p.priority))}
                {move || select("due", "Due", vec![("", "Any time"), ("today", "Today"), ("tomorrow", "Tomorrow"), ("this_week", "This week"), ("overdue", "Overdue"), ("none", "No date")], value(|p| &p.due))}
                {move || select("sort", "Sort", vec![("", "Newest"), ("due", "Due date"), ("priority", "Priority"), ("title", "Title")], value(|p| &p.sort))}
                <div class="field">
                    <label for="filter-tag">"Tag"</label>
                    <input id="filter-tag" name="tag" value=move || value(|p| &p.tag) prop:value=move || value(|p| &p.tag)/>
                </div>
                <div class="field">
                    <label for="filter-q">"Search"</label>
                    <input id="filter-q" name="q" type="search" value=move || value(|p| &p.q) prop:value=move || value(|p| &p.q)/>
                </div>
                <div class="filter-buttons">
                    <button type="submit" class="button secondary">"Apply"</button>
                    <a class="button link" href=clear>"Clear"</a>
                </div>
            </Form>
        </details>
    }
}
