//! The list's title, and for a project (not the Inbox) its actions: rename, archive, delete —
//! which first says how many tasks go with it and asks (a page of its own, so it works without
//! JavaScript).
use leptos::form::ActionForm;
use leptos::prelude::*;

use super::{PageState, TaskActions};
use crate::api::projects::project_task_count;
use crate::domain::project::Project;
use crate::ui::components::form::FormError;
use crate::ui::data::data;

#[component]
pub fn Heading(title: String, project: Option<Project>, confirm_delete: bool) -> impl IntoView {
    let archived = project.as_ref().is_some_and(|p| p.archived);
    let project = project.filter(|p| !p.is_inbox);
    view! {
        <div class="list-head">
            <h1>{title}{archived.then(|| view! { <span class="badge">"archived"</span> })}</h1>
            {project.clone().map(|p| view! { <ProjectMenu project=p/> })}
        </div>
        {project.filter(|_| confirm_delete).map(|p| view! { <ConfirmDelete project=p/> })}
    }
}

#[component]
fn ProjectMenu(project: Project) -> impl IntoView {
    let actions = expect_context::<TaskActions>();
    let state = expect_context::<PageState>();
    let rename_result = Signal::derive(move || actions.rename_project.value().get().map(|r| r.map(|_| ())));
    let archive_result = Signal::derive(move || actions.archive_project.value().get().map(|r| r.map(|_| ())));
    let confirm_href = state.place.get_untracked().href(&[("confirm", "delete".to_owned())]);
    let (rename_id, archive_id) = (project.id.clone(), project.id.clone());
    view! {
        <details class="menu project-menu">
            <summary>"Project actions"</summary>
            <div class="menu-body">
                <ActionForm action=actions.rename_project attr:class="form">
                    <input type="hidden" name="id" value=rename_id/>
                    <label for="rename-project">"Project name"</label>
                    <div class="add-row">
                        <input id="rename-project" name="name" value=project.name.clone() required maxlength="100"/>
                        <button type="submit" class="button secondary small">"Rename"</button>
                    </div>
                    <FormError result=rename_result/>
                </ActionForm>
                <ActionForm action=actions.archive_project attr:class="inline-form">
                    <input type="hidden" name="id" value=archive_id/>
                    <input type="hidden" name="archived" value=(!project.archived).to_string()/>
                    <button type="submit" class="button secondary small">
                        {if project.archived { "Unarchive project" } else { "Archive project" }}
                    </button>
                </ActionForm>
                <FormError result=archive_result/>
                <a class="button danger small" href=confirm_href>"Delete project…"</a>
            </div>
        </details>
    }
}

#[component]
fn ConfirmDelete(project: Project) -> impl IntoView {
    let actions = expect_context::<TaskActions>();
    let state = expect_context::<PageState>();
    let count = data(
        {
            let id = project.id.clone();
            move || id.clone()
        },
        project_task_count,
    );
    let cancel = state.place.get_untracked().href(&[]);
    let result = Signal::derive(move || actions.delete_project.value().get().map(|r| r.map(|_| ())));
    let name = project.name.clone();
    view! {
        <div class="notice confirm" role="alertdialog" aria-labelledby="confirm-delete-title" data-testid="confirm-delete">
            <Transition fallback=|| ()>
                {
                    let name = name.clone();
                    move || count.get().and_then(|r| r.ok()).map(|n| view! {
                        <p id="confirm-delete-title">
                            <strong>{format!("Delete “{name}” and its {n} task{}?", if n == 1 { "" } else { "s" })}</strong>
                            " This cannot be undone."
                        </p>
                    })
                }
            </Transition>
            <ActionForm action=actions.delete_project attr:class="inline-form">
                <input type="hidden" name="id" value=project.id.clone()/>
                <button type="submit" class="button danger">"Delete project"</button>
            </ActionForm>
            <a class="button secondary" href=cancel>"Cancel"</a>
            <FormError result=result/>
        </div>
    }
}
