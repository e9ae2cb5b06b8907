//! The lists: Inbox, Today, Upcoming, All tasks, then the projects with their open counts, a
//! form for a new project, and the archived ones folded away. A drawer on narrow screens (a
//! `<details>` that is always open on wide ones).
use leptos::form::ActionForm;
use leptos::prelude::*;

use super::{PageState, Place, TaskActions};
use crate::api::projects::ProjectLists;
use crate::api::tasks::ViewKind;
use crate::domain::project::Project;
use crate::error::AppError;
use crate::ui::components::form::FormError;
use crate::ui::data::Data;

fn project_link(project: Project, current: Memo<Place>) -> impl IntoView {
    let place = Place {
        kind: ViewKind::Project,
        project: (!project.is_inbox).then(|| project.id.clone()),
    };
    let href = place.href(&[]);
    let active = move || current.get() == place;
    view! {
        <li>
            <a href=href aria-current=move || active().then_some("page") data-testid="project-link">
                <span class="name">{project.name}</span>
                {(project.open_count > 0).then(|| view! { <span class="count">{project.open_count}</span> })}
            </a>
        </li>
    }
}

fn view_link(kind: ViewKind, label: &'static str, current: Memo<Place>) -> impl IntoView {
    let place = Place { kind, project: None };
    let href = place.href(&[]);
    let active = move || current.get() == place;
    view! { <a href=href aria-current=move || active().then_some("page")>{label}</a> }
}

#[component]
pub fn Sidebar(projects: Data<Result<ProjectLists, AppError>>) -> impl IntoView {
    let state = expect_context::<PageState>();
    let actions = expect_context::<TaskActions>();
    let current = state.place;
    let create_result = Signal::derive(move || actions.create_project.value().get().map(|r| r.map(|_| ())));
    // on a phone the drawer closes once a list is chosen (it stayed open over the list), and a
    // project made empties its name's box
    let drawer = NodeRef::<leptos::html::Details>::new();
    let new_project = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        current.track();
        if let Some(drawer) = drawer.get_untracked() {
            drawer.set_open(false);
        }
    });
    Effect::new(move |_| {
        if matches!(create_result.get(), Some(Ok(()))) {
            if let Some(form) = new_project.get_untracked() {
                form.reset();
            }
        }
    });
    view! {
        <details class="drawer" node_ref=drawer>
            <summary>"Lists"</summary>
            <nav class="sidebar card" aria-label="Lists">
                <Transition fallback=|| ()>
                    {move || projects.get().and_then(|r| r.ok()).map(|lists| {
                        let inbox = lists.active.iter().find(|p| p.is_inbox).cloned();
                        let others: Vec<Project> = lists.active.iter().filter(|p| !p.is_inbox).cloned().collect();
                        let archived = lists.archived.clone();
                        view! {
                            <ul class="views">
                                {inbox.map(|p| project_link(p, current))}
                                <li>{view_link(ViewKind::Today, "Today", current)}</li>
                                <li>{view_link(ViewKind::Upcoming, "Upcoming", current)}</li>
                                <li>{view_link(ViewKind::All, "All tasks", current)}</li>
                            </ul>
                            <h2>"Projects"</h2>
                            {others.is_empty().then(|| view! { <p class="hint">"No projects yet."</p> })}
                            <ul class="projects">
                                {others.into_iter().map(|p| project_link(p, current)).collect_view()}
                            </ul>
                            {(!archived.is_empty()).then(|| view! {
                                <details class="archived">
                                    <summary>{format!("Archived ({})", archived.len())}</summary>
                                    <ul class="projects">
                                        {archived.into_iter().map(|p| project_link(p, current)).collect_view()}
                                    </ul>
                                </details>
                            })}
                        }
                    })}
                </Transition>
                <ActionForm action=actions.create_project node_ref=new_project attr:class="form new-project">
                    <label for="new-project">"New project"</label>
                    <div class="add-row">
                        <input id="new-project" name="name" required maxlength="100" autocomplete="off" placeholder="Renovation"/>
                        <button type="submit" class="button secondary small">"Create project"</button>
                    </div>
                    <FormError result=create_result/>
                </ActionForm>
            </nav>
        </details>
    }
}
