//! `/tasks`: the dashboard. A sidebar of lists (Inbox, Today, Upcoming, All tasks, the
//! projects) and the list the URL names (`?project=`, `?view=`), with filters folded away, the
//! add form, and each task's subtasks under it. Everything lives in the URL and every change is
//! a form that posts without JavaScript and is dispatched in place once hydrated.
mod add;
mod filters;
mod heading;
mod place;
mod row;
mod sidebar;
mod table;
mod undo;

use std::collections::HashSet;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::projects::{sidebar_projects, CreateProject, DeleteProject, RenameProject, SetProjectArchived};
use crate::api::tasks::{
    load_dashboard, CreateTask, DeleteTask, RestoreTask, SetTaskCompleted, UndoCompletion, UpdateTask,
};
use crate::domain::query::TaskQueryParams;
use crate::ui::components::live;
use crate::ui::data::data;
pub(crate) use place::Place;

/// Every action of the page, shared by its pieces.
#[derive(Clone, Copy)]
pub(crate) struct TaskActions {
    pub create: ServerAction<CreateTask>,
    pub update: ServerAction<UpdateTask>,
    pub toggle: ServerAction<SetTaskCompleted>,
    pub delete: ServerAction<DeleteTask>,
    pub restore: ServerAction<RestoreTask>,
    pub create_project: ServerAction<CreateProject>,
    pub rename_project: ServerAction<RenameProject>,
    pub archive_project: ServerAction<SetProjectArchived>,
    pub delete_project: ServerAction<DeleteProject>,
    pub undo_completion: ServerAction<UndoCompletion>,
    /// Checkbox ticks on their way: a row calls the server function itself (its checkbox flips
    /// at once), so `toggle` is never pending while they are.
    pub ticking: StoredValue<u32>,
}

impl TaskActions {
    fn new() -> Self {
        Self {
            create: ServerAction::new(),
            update: ServerAction::new(),
            toggle: ServerAction::new(),
            delete: ServerAction::new(),
            restore: ServerAction::new(),
            create_project: ServerAction::new(),
            rename_project: ServerAction::new(),
            archive_project: ServerAction::new(),
            delete_project: ServerAction::new(),
            undo_completion: ServerAction::new(),
            ticking: StoredValue::new(0),
        }
    }

    /// Changes whenever an action that changes the list shown completes. (Creating or deleting
    /// a project moves to another list instead: refetching here too would race that move.)
    fn list_versions(&self) -> [usize; 8] {
        [
            self.undo_completion.version().get(),
            self.create.version().get(),
            self.update.version().get(),
            self.toggle.version().get(),
            self.delete.version().get(),
            self.restore.version().get(),
            self.rename_project.version().get(),
            self.archive_project.version().get(),
        ]
    }

    /// Whether one of this page's own changes is on its way; `None` once the page is gone.
    fn any_pending(&self) -> Option<bool> {
        let pending = [
            self.undo_completion.pending().try_get_untracked(),
            self.create.pending().try_get_untracked(),
            self.update.pending().try_get_untracked(),
            self.toggle.pending().try_get_untracked(),
            self.delete.pending().try_get_untracked(),
            self.restore.pending().try_get_untracked(),
            self.rename_project.pending().try_get_untracked(),
            self.archive_project.pending().try_get_untracked(),
            self.create_project.pending().try_get_untracked(),
            self.delete_project.pending().try_get_untracked(),
            // (a tick's change was heard before its answer came, taken for one from elsewhere:
            // then a change made elsewhere just after was taken for the tick's, and missed)
            self.ticking.try_get_value().map(|n| n > 0),
        ];
        pending.into_iter().try_fold(false, |any, p| Some(any || p?))
    }

    /// Changes whenever any action completes (the sidebar's counts and names).
    fn all_versions(&self) -> ([usize; 8], [usize; 2]) {
        (
            self.list_versions(),
            [self.create_project.version().get(), self.delete_project.version().get()],
        )
    }
}

/// When this page's own changes are done: none on its way, and none in the last two seconds.
#[derive(Clone, Copy)]
struct LocalQuiet {
    actions: TaskActions,
    last_local: StoredValue<i64>,
}

impl LocalQuiet {
    const AFTER_MS: i64 = 2_000;

    /// `None` once the page is gone (its signals with it).
    fn is_now(self) -> Option<bool> {
        let last = self.last_local.try_get_value()?;
        Some(!self.actions.any_pending()? && chrono::Utc::now().timestamp_millis() - last >= Self::AFTER_MS)
    }

    /// Runs `then` once it is quiet (checked again until it is), unless the page goes first.
    fn then(self, then: impl FnOnce() + 'static) {
        let Some(last) = self.last_local.try_get_value() else {
            return;
        };
        let wait = (last + Self::AFTER_MS - chrono::Utc::now().timestamp_millis()).max(100);
        set_timeout(
            move || match self.is_now() {
                Some(true) => then(),
                Some(false) => self.then(then),
                None => {}
            },
            std::time::Duration::from_millis(wait.unsigned_abs()),
        );
    }
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

/// What the URL says besides the list query: which task is edited, which have their subtasks
/// unfolded, which gets a subtask added, and whether a project's deletion is being confirmed.
#[derive(Clone, Copy)]
pub(crate) struct PageState {
    pub place: Memo<Place>,
    pub params: Memo<TaskQueryParams>,
    pub editing: Memo<Option<String>>,
    pub add_to: Memo<Option<String>>,
    pub open: RwSignal<HashSet<String>>,
}

#[component]
pub fn TasksPage() -> impl IntoView {
    let query = use_query_map();
    let params = Memo::new(move |_| query.with(|q| params_from_query(|k| q.get(k))));
    let place = Memo::new(move |_| query.with(|q| Place::from_query(q.get("view").as_deref(), q.get("project"))));
    let editing = Memo::new(move |_| query.with(|q| q.get("edit")));
    let add_to = Memo::new(move |_| query.with(|q| q.get("add_to")));
    let confirm_delete = Memo::new(move |_| query.with(|q| q.get("confirm").as_deref() == Some("delete")));
    // signed up without JavaScript: the zone was not known
    let zone_unset = Memo::new(move |_| query.with(|q| q.get("zone").as_deref() == Some("unset")));
    // a reminder's link to a task that is no longer there (`server::open_task`)
    let task_gone = Memo::new(move |_| query.with(|q| q.get("gone").as_deref() == Some("task")));
    // a project just deleted (`api::projects::delete_project`): its name and how many tasks went
    let project_deleted =
        Memo::new(move |_| query.with(|q| Some((q.get("deleted")?, q.get("n").and_then(|n| n.parse::<u64>().ok())?))));
    let open_in_url = Memo::new(move |_| {
        query.with(|q| {
            q.get("open")
                .unwrap_or_default()
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect::<HashSet<_>>()
        })
    });
    let open = RwSignal::new(open_in_url.get_untracked());
    Effect::new(move |_| open.set(open_in_url.get()));
    let actions = TaskActions::new();
    provide_context(actions);
    // A new project opens, and a deleted one leaves for the Inbox. (The server functions also
    // redirect, which is what a form without JavaScript follows; in the hydrated page the
    // router does not re-read the query after such a redirect, so it is done here.)
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        let created = actions.create_project.value().get().and_then(Result::ok);
        let deleted = actions.delete_project.value().get().is_some_and(|r| r.is_ok());
        if let Some(project) = created {
            let place = Place {
                kind: crate::api::tasks::ViewKind::Project,
                project: Some(project.id),
            };
            navigate(&place.href(&[]), Default::default());
        } else if deleted {
            navigate("/tasks", Default::default());
        }
    });
    let state = PageState {
        place,
        params,
        editing,
        add_to,
        open,
    };
    provide_context(state);
    #[cfg(feature = "ssr")]
    provide_context(table::WrittenTable::new());
    // an edit saved: the keyboard's focus back on its row's Edit, as Escape does, not at the
    // page's start
    Effect::new(move |_| {
        if let Some(Ok(task)) = actions.update.value().get() {
            live::refocus_when_drawn(format!("tr.task-row a[href*=\"edit={}\"]", task.id));
        }
    });
    // Changes made elsewhere (the assistant in another tab, another device) show without a
    // manual reload.
    let changed = RwSignal::new(0u32);
    live::on_tasks_changed(move || changed.update(|v| *v += 1));
    // The stream also reports this page's own changes, which the actions refetch already (and a
    // second refetch at once would race a move to a new project, or reset an editor opened
    // meanwhile): changes heard while one of ours is on its way, or just after, may be ours. They
    // are counted, not dropped — one made elsewhere in that moment would never show — and once
    // ours are done, more changes heard than ours made is a change from elsewhere, caught up with.
    let heard = crate::ui::components::bell::use_live().tasks;
    let last_local = StoredValue::new(0i64);
    // (changes heard, changes of ours) since the page was last quiet
    let tally = StoredValue::new((0u32, 0u32));
    Effect::new(move |seen: Option<([usize; 8], [usize; 2])>| {
        let versions = actions.all_versions();
        if seen.is_some_and(|seen| seen != versions) {
            last_local.set_value(chrono::Utc::now().timestamp_millis());
            tally.update_value(|(_, ours)| *ours += 1);
        }
        versions
    });
    let catching_up = StoredValue::new(false);
    Effect::new(move |seen: Option<u32>| {
        let now = heard.get();
        if let Some(seen) = seen.filter(|seen| *seen != now) {
            let quiet = LocalQuiet { actions, last_local };
            if quiet.is_now() == Some(true) {
                tally.set_value((0, 0));
                changed.update(|v| *v += 1);
                return now;
            }
            tally.update_value(|(heard, _)| *heard += now.wrapping_sub(seen));
            if !catching_up.get_value() {
                catching_up.set_value(true);
                quiet.then(move || {
                    catching_up.try_set_value(false);
                    if let Some((heard, ours)) = tally.try_get_value() {
                        tally.try_set_value((0, 0));
                        if heard > ours {
                            changed.try_update(|v| *v += 1);
                        }
                    }
                });
            }
        }
        now
    });
    let projects = data(move || (changed.get(), actions.all_versions()), |_| sidebar_projects());
    let wanted = Memo::new(move |_| (place.get(), params.get(), changed.get(), actions.list_versions()));
    // What the last fetch started was for: a resource whose source changes while a fetch is on
    // its way (another list clicked while the list refetches after an add) keeps the answer of
    // the old one, so it is fetched again for what the page shows now.
    let fetched_for = StoredValue::new(None);
    let dashboard = data(
        move || wanted.get(),
        move |key| {
            let (place, params, ..) = key.clone();
            fetched_for.set_value(Some(key));
            load_dashboard(place.view_param(), params)
        },
    );
    Effect::new(move |_| {
        if dashboard.with(Option::is_some)
            && fetched_for.with_value(|f| f.as_ref().is_some_and(|f| *f != wanted.get_untracked()))
        {
            dashboard.refetch();
        }
    });
    // The notice of a repeating task just completed (with its Undo) comes with the first load
    // after it only; a later one (a change heard from elsewhere) keeps it, until this page does
    // something else or shows another list.
    let recurred = RwSignal::new(None::<crate::api::tasks::Recurred>);
    // A task the add form put in another project ("… +home-renovation" from the Inbox) is said
    // where it went, with a link, rather than vanish from the list shown; until the next list.
    let added_elsewhere = RwSignal::new(None::<(String, String, String)>);
    Effect::new(move |_| {
        let _ = place.get();
        added_elsewhere.set(None);
    });
    // (a failed add after it puts it away: the new error stands alone)
    Effect::new(move |_| {
        let Some(Ok(task)) = actions.create.value().get() else {
            added_elsewhere.set(None);
            return;
        };
        let went = dashboard.with_untracked(|d| {
            let board = d.as_ref()?.as_ref().ok()?;
            let shown = board.project.as_ref()?;
            (task.parent_id.is_none() && shown.id != task.project_id).then(|| {
                let name = board
                    .projects
                    .iter()
                    .find(|p| p.id == task.project_id)
                    .map_or_else(|| "another project".to_owned(), |p| p.name.clone());
                (task.title.clone(), task.project_id.clone(), name)
            })
        });
        added_elsewhere.set(went);
    });
    Effect::new(move |_| {
        let _ = (actions.list_versions(), place.get(), params.get());
        recurred.set(None);
    });
    Effect::new(move |_| {
        let came = dashboard.with(|d| {
            d.as_ref()
                .and_then(|d| d.as_ref().ok())
                .and_then(|b| b.recurred.clone())
        });
        if came.is_some() {
            recurred.set(came);
        }
    });
    view! {
        <leptos_meta::Title text="Tasks"/>
        <div class="board">
            <sidebar::Sidebar projects=projects/>
            <section class="card tasks-panel">
                {move || zone_unset.get().then(|| view! {
                    <p class="notice" role="status" data-testid="zone-unset">
                        "Your browser did not tell us your time zone, so dates you type are read in UTC for now. "
                        <a href="/settings">"Set your time zone"</a>
                    </p>
                })}
                {move || project_deleted.get().map(|(name, n)| view! {
                    <p class="notice" role="status" data-testid="project-deleted">
                        {match n {
                            0 => format!("Deleted the project “{name}”."),
                            1 => format!("Deleted the project “{name}” and its task."),
                            n => format!("Deleted the project “{name}” and its {n} tasks."),
                        }}
                    </p>
                })}
                {move || task_gone.get().then(|| view! {
                    <p class="notice" role="status" data-testid="task-gone">
                        "That task is no longer here: it was deleted."
                    </p>
                })}
                <Transition fallback=|| view! { <h1>"Your tasks"</h1> }>
                    // the title and project only: the rows are cloned once, for the list below
                    {move || dashboard.with(|result| result.as_ref().map(|result| match result {
                        Err(_) => view! { <h1>"Your tasks"</h1> }.into_any(),
                        Ok(board) => view! {
                            <heading::Heading title=board.title.clone() project=board.project.clone()
                                confirm_delete=confirm_delete.get()/>
                        }.into_any(),
                    }))}
                </Transition>
                <add::AddTaskForm/>
                <filters::Filters/>
                <undo::UndoBar/>
                <Transition fallback=|| view! { <p class="muted" role="status">"Loading tasks…"</p> }>
                    {move || dashboard.get().map(|result| match result {
                        Err(e) => view! {
                            {crate::ui::session::sign_in_again_on(&e)}
                            <p class="form-error" role="alert">{format!("Could not load your tasks: {e}")}</p>
                        }.into_any(),
                        Ok(board) => {
                            // the rows read which task is edited or gets a subtask: re-render on it
                            let _ = (editing.get(), add_to.get());
                            let recurred = board.recurred.clone().or_else(|| recurred.get_untracked());
                            view! {
                                {move || added_elsewhere.get().map(|(title, project, name)| view! {
                                    <p class="notice" role="status" data-testid="added-elsewhere">
                                        {format!("Added “{title}” to ")}
                                        <a href=format!("/tasks?project={project}")>{name}</a>"."
                                    </p>
                                })}
                                {recurred.map(|r| view! { <undo::RecurNotice recurred=r/> })}
                                {table::task_table(board)}
                            }.into_any()
                        }
                    })}
                </Transition>
            </section>
        </div>
    }
}
