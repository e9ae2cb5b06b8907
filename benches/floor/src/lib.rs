//! The smallest app of the kind /tasks is: a list read from JSON, a form that adds to it, a
//! checkbox per row; with the `router` feature, inside a router of two routes with links and a
//! page title. What Leptos' hydration costs before any of an app's own code.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Item {
    pub id: u32,
    pub title: String,
    pub done: bool,
}

#[cfg(not(feature = "router"))]
#[component]
pub fn App() -> impl IntoView {
    view! { <Tasks/> }
}

#[cfg(feature = "router")]
#[component]
pub fn App() -> impl IntoView {
    use leptos_router::components::{Route, Router, Routes, A};
    use leptos_router::path;
    leptos_meta::provide_meta_context();
    view! {
        <leptos_meta::Title text="floor"/>
        <Router>
            <nav><A href="/">"Tasks"</A> " " <A href="/about">"About"</A></nav>
            <Routes fallback=|| "Not found">
                <Route path=path!("/") view=Tasks/>
                <Route path=path!("/about") view=|| view! { <p>"About"</p> }/>
            </Routes>
        </Router>
    }
}

#[component]
fn Tasks() -> impl IntoView {
    let raw = r#"[{"id":1,"title":"Pay rent","done":false},{"id":2,"title":"Buy milk","done":true}]"#;
    let items = RwSignal::new(serde_json::from_str::<Vec<Item>>(raw).unwrap_or_default());
    let title = RwSignal::new(String::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        items.update(|v| {
            let id = u32::try_from(v.len()).unwrap_or(u32::MAX).saturating_add(1);
            v.push(Item {
                id,
                title: title.get_untracked(),
                done: false,
            });
        });
        title.set(String::new());
    };
    view! {
        <form on:submit=add>
            <input prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
            <button type="submit">"Add"</button>
        </form>
        <ul>
            <For each=move || items.get() key=|i| i.id let:item>
                <li>
                    <input type="checkbox" prop:checked=item.done
                        on:change=move |_| items.update(|v| if let Some(i) = v.iter_mut().find(|i| i.id == item.id) { i.done = !i.done })/>
                    {item.title.clone()}
                </li>
            </For>
        </ul>
        <p>{move || format!("{} open", items.with(|v| v.iter().filter(|i| !i.done).count()))}</p>
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_body(App);
}
