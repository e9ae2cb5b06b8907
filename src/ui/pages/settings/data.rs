//! Your data: download everything as one JSON file, or import a Taskpilot export or a Todoist
//! project CSV. The import is a plain multipart form (it works without JavaScript); what it did
//! is shown when the page comes back.
use leptos::prelude::*;

use crate::api::data::take_import_result;
use crate::ui::data::data;

#[component]
pub fn DataSection() -> impl IntoView {
    let result = data(|| (), |_| take_import_result());
    view! {
        <section class="card" id="your-data">
            <h2>"Your data"</h2>
            <p>
                <a class="button secondary" href="/api/v1/export" download="taskpilot-export.json">"Download my data"</a>
                <span class="muted">" — your projects, tasks and conversations as one JSON file."</span>
            </p>
            <Transition fallback=|| ()>
                {move || result.get().and_then(|r| r.ok()).flatten().map(|(ok, message)| view! {
                    <p class=if ok { "notice" } else { "form-error" } role=if ok { "status" } else { "alert" }
                        data-testid="import-result">{message}</p>
                })}
            </Transition>
            <form method="post" action="/settings/import" enctype="multipart/form-data" class="form">
                <div class="form row">
                    <div class="field">
                        <label for="import-format">"Import from"</label>
                        <select id="import-format" name="format">
                            <option value="taskpilot">"A Taskpilot export (.json)"</option>
                            <option value="todoist_csv">"A Todoist project (.csv)"</option>
                        </select>
                    </div>
                    <div class="field grow">
                        <label for="import-project">"New project name (for a Todoist CSV)"</label>
                        <input id="import-project" name="project" maxlength="100" autocomplete="off"/>
                    </div>
                </div>
                <div class="field">
                    <label for="import-file">"File"</label>
                    <input id="import-file" name="file" type="file" accept=".json,.csv,application/json,text/csv" required/>
                </div>
                <button type="submit" class="button">"Import"</button>
                <p class="hint">"Up to 10 MB. All or nothing: if one row cannot be read, nothing is imported and you are told which."</p>
            </form>
        </section>
    }
}
