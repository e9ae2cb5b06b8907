//! Projects and subtasks: the Inbox, names unique ignoring case, the rules between a task and
//! its parent (same user, same project, four levels, no cycles), and what completing, moving,
//! deleting and restoring a parent does to its subtasks — on SQLite and PostgreSQL.
use std::collections::HashSet;

use super::{backends, user};
use crate::domain::project::{ProjectName, ProjectPatch};
use crate::domain::query::{ParentFilter, StatusFilter, TaskQuery};
use crate::domain::task::{Task, TaskDraft, TaskInput, TaskPatch, TaskPatchInput};
use crate::error::AppError;
use crate::server::repo::{Db, UserScope};
use crate::server::tasks::due_bounds;

fn name(n: &str) -> ProjectName {
    ProjectName::parse(n).unwrap()
}

fn draft(title: &str, project: Option<&str>, parent: Option<&str>) -> TaskDraft {
    TaskDraft::from_input(TaskInput {
        title: title.into(),
        project_id: project.map(str::to_owned),
        parent_id: parent.map(str::to_owned),
        ..Default::default()
    })
    .unwrap()
}

fn patch(input: TaskPatchInput) -> TaskPatch {
    TaskPatch::from_input(input).unwrap()
}

fn field_of(result: Result<Task, AppError>) -> String {
    match result {
        Err(AppError::Validation { field, .. }) => field,
        other => panic!("expected a 422, got {other:?}"),
    }
}

fn all(project: Option<&str>) -> TaskQuery {
    TaskQuery {
        limit: 200,
        project: project.map(str::to_owned),
        ..Default::default()
    }
}

#[tokio::test]
async fn every_user_has_one_inbox_and_names_are_unique_ignoring_case() {
    for fresh in backends().await {
        let db = &fresh.db;
        let me = user(db, "projects@example.com").await;
        let scope = UserScope::new(db, &me);
        let projects = scope.list_projects(false).await.unwrap();
        assert_eq!(projects.len(), 1, "{}", fresh.backend);
        let inbox = &projects[0];
        assert!(inbox.is_inbox && inbox.name == "Inbox");
        for (what, result) in [
            (
                "rename",
                scope
                    .update_project(
                        &inbox.id,
                        ProjectPatch {
                            name: Some(name("Mine")),
                            archived: None,
                        },
                    )
                    .await
                    .map(|_| ()),
            ),
            (
                "archive",
                scope
                    .update_project(
                        &inbox.id,
                        ProjectPatch {
                            name: None,
                            archived: Some(true),
                        },
                    )
                    .await
                    .map(|_| ()),
            ),
            ("delete", scope.delete_project(&inbox.id).await.map(|_| ())),
        ] {
            assert!(matches!(result, Err(AppError::Conflict { .. })), "{what}: {result:?}");
        }
        assert!(matches!(
            scope.create_project(name("inbox")).await,
            Err(AppError::Conflict { .. })
        ));
        let work = scope.create_project(name("Work")).await.unwrap();
        let home = scope.create_project(name("Home renovation")).await.unwrap();
        assert!(matches!(
            scope.create_project(name("WORK")).await,
            Err(AppError::Conflict { .. })
        ));
        let rename = ProjectPatch {
            name: Some(name("work")),
            archived: None,
        };
        assert!(matches!(
            scope.update_project(&home.id, rename).await,
            Err(AppError::Conflict { .. })
        ));
        // the Inbox first, then by name; archived ones apart
        let names: Vec<String> = scope
            .list_projects(false)
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(names, ["Inbox", "Home renovation", "Work"]);
        scope
            .update_project(
                &work.id,
                ProjectPatch {
                    name: None,
                    archived: Some(true),
                },
            )
            .await
            .unwrap();
        let names: Vec<String> = scope
            .list_projects(false)
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(names, ["Inbox", "Home renovation"]);
        assert_eq!(scope.list_projects(true).await.unwrap()[0].name, "Work");
        // an archived project takes no new task, nor one moved in: it would vanish from view
        match scope.create_task(draft("lost", Some(&work.id), None)).await {
            Err(AppError::Validation { field, message }) => {
                assert_eq!(field, "project_id");
                assert!(message.contains("“Work” is archived"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            scope.find_project_by_name("home-renovation").await.unwrap().unwrap().id,
            home.id
        );
        // tasks go to the Inbox unless told otherwise; open counts count open tasks
        let a = scope.create_task(draft("a", None, None)).await.unwrap();
        assert_eq!(a.project_id, inbox.id);
        scope.create_task(draft("b", Some(&home.id), None)).await.unwrap();
        let c = scope.create_task(draft("c", Some(&home.id), None)).await.unwrap();
        scope.update_task(&c.id, TaskPatch::completed(true)).await.unwrap();
        assert_eq!(scope.get_project(&home.id).await.unwrap().open_count, 1);
        assert_eq!(
            scope
                .list_tasks(&all(Some(&home.id)), due_bounds(chrono_tz::Tz::UTC))
                .await
                .unwrap()
                .items
                .len(),
            2
        );
        // deleting a project takes its tasks, and says how many
        assert_eq!(scope.count_project_tasks(&home.id).await.unwrap(), 2);
        assert_eq!(scope.delete_project(&home.id).await.unwrap(), 2);
        assert_eq!(scope.count_tasks().await.unwrap(), 1);
    }
}

#[tokio::test]
async fn subtasks_stay_in_their_project_four_levels_deep_and_never_loop() {
    for fresh in backends().await {
        subtask_rules(&fresh.db).await;
    }
}

async fn subtask_rules(db: &Db) {
    let me = user(db, "tree@example.com").await;
    let other = user(db, "other@example.com").await;
    let scope = UserScope::new(db, &me);
    let theirs = UserScope::new(db, &other);
    let work = scope.create_project(name("Work")).await.unwrap();
    let l1 = scope.create_task(draft("level 1", None, None)).await.unwrap();
    let l2 = scope.create_task(draft("level 2", None, Some(&l1.id))).await.unwrap();
    assert_eq!(l2.project_id, l1.project_id, "a subtask takes its parent's project");
    let l3 = scope.create_task(draft("level 3", None, Some(&l2.id))).await.unwrap();
    let l4 = scope.create_task(draft("level 4", None, Some(&l3.id))).await.unwrap();
    assert_eq!(
        field_of(scope.create_task(draft("level 5", None, Some(&l4.id))).await),
        "parent_id"
    );
    assert_eq!(
        field_of(scope.create_task(draft("x", Some(&work.id), Some(&l1.id))).await),
        "parent_id"
    );
    // another user's parent or project is the same 422 as one that does not exist
    let foreign = theirs.create_task(draft("theirs", None, None)).await.unwrap();
    let foreign_project = theirs.create_project(name("Theirs")).await.unwrap();
    for parent in [foreign.id.as_str(), "does-not-exist"] {
        assert_eq!(
            field_of(scope.create_task(draft("x", None, Some(parent))).await),
            "parent_id"
        );
    }
    for project in [foreign_project.id.as_str(), "does-not-exist"] {
        assert_eq!(
            field_of(scope.create_task(draft("x", Some(project), None)).await),
            "project_id"
        );
        let moved = scope
            .update_task(
                &l1.id,
                patch(TaskPatchInput {
                    project_id: Some(project.into()),
                    ..Default::default()
                }),
            )
            .await;
        assert_eq!(field_of(moved), "project_id");
    }
    // cycles and depth through PATCH
    let cycle = scope
        .update_task(
            &l1.id,
            patch(TaskPatchInput {
                parent_id: Some(Some(l3.id.clone())),
                ..Default::default()
            }),
        )
        .await;
    assert_eq!(field_of(cycle), "parent_id");
    let own = scope
        .update_task(
            &l2.id,
            patch(TaskPatchInput {
                parent_id: Some(Some(l2.id.clone())),
                ..Default::default()
            }),
        )
        .await;
    assert_eq!(field_of(own), "parent_id");
    let other_root = scope.create_task(draft("other root", None, None)).await.unwrap();
    // l2's subtree is 3 levels high: under other_root it would reach level 4 — allowed
    scope
        .update_task(
            &l2.id,
            patch(TaskPatchInput {
                parent_id: Some(Some(other_root.id.clone())),
                ..Default::default()
            }),
        )
        .await
        .unwrap();
    let deeper = scope
        .create_task(draft("deeper", None, Some(&other_root.id)))
        .await
        .unwrap();
    let too_deep = scope
        .update_task(
            &l2.id,
            patch(TaskPatchInput {
                parent_id: Some(Some(deeper.id.clone())),
                ..Default::default()
            }),
        )
        .await;
    assert_eq!(field_of(too_deep), "parent_id");
    // nothing above changed anything
    assert_eq!(
        scope.get_task(&l2.id).await.unwrap().parent_id.as_deref(),
        Some(other_root.id.as_str())
    );
    assert_eq!(scope.get_task(&l1.id).await.unwrap().parent_id, None);
    assert_eq!(theirs.get_task(&foreign.id).await.unwrap(), foreign);
    let _ = l4;
}

#[tokio::test]
async fn completing_moving_deleting_and_restoring_a_parent_take_its_subtasks_along() {
    for fresh in backends().await {
        let db = &fresh.db;
        let me = user(db, "family@example.com").await;
        let scope = UserScope::new(db, &me);
        let party = scope.create_task(draft("Plan party", None, None)).await.unwrap();
        let balloons = scope
            .create_task(draft("Buy balloons", None, Some(&party.id)))
            .await
            .unwrap();
        let cake = scope
            .create_task(draft("Order cake", None, Some(&party.id)))
            .await
            .unwrap();
        let candles = scope.create_task(draft("Candles", None, Some(&cake.id))).await.unwrap();
        scope
            .update_task(&balloons.id, TaskPatch::completed(true))
            .await
            .unwrap();
        let counted = scope.get_task(&party.id).await.unwrap();
        assert_eq!(
            (counted.subtasks.total, counted.subtasks.done),
            (2, 1),
            "{}",
            fresh.backend
        );
        // moving the parent moves the whole tree
        let events = scope.create_project(name("Events")).await.unwrap();
        scope
            .update_task(
                &party.id,
                patch(TaskPatchInput {
                    project_id: Some(events.id.clone()),
                    ..Default::default()
                }),
            )
            .await
            .unwrap();
        for id in [&party.id, &balloons.id, &cake.id, &candles.id] {
            assert_eq!(scope.get_task(id).await.unwrap().project_id, events.id);
        }
        // moving a subtask alone to another project makes it top-level there
        let inbox = scope.inbox_id().await.unwrap();
        let moved = scope
            .update_task(
                &cake.id,
                patch(TaskPatchInput {
                    project_id: Some(inbox.clone()),
                    ..Default::default()
                }),
            )
            .await
            .unwrap();
        assert_eq!(
            (moved.parent_id.as_deref(), moved.project_id.as_str()),
            (None, inbox.as_str())
        );
        assert_eq!(
            scope.get_task(&candles.id).await.unwrap().project_id,
            inbox,
            "its own subtask went with it"
        );
        scope
            .update_task(
                &cake.id,
                patch(TaskPatchInput {
                    project_id: Some(events.id.clone()),
                    parent_id: Some(Some(party.id.clone())),
                    ..Default::default()
                }),
            )
            .await
            .unwrap();
        // completing the parent completes every open subtask, at every level
        scope.update_task(&party.id, TaskPatch::completed(true)).await.unwrap();
        for id in [&party.id, &balloons.id, &cake.id, &candles.id] {
            assert!(scope.get_task(id).await.unwrap().completed, "{id}");
        }
        scope.update_task(&party.id, TaskPatch::completed(false)).await.unwrap();
        // reopening it reopens what its completion closed; a subtask done before stays done
        let states: Vec<bool> = {
            let mut v = Vec::new();
            for id in [&party.id, &balloons.id, &cake.id, &candles.id] {
                v.push(scope.get_task(id).await.expect("the task").completed);
            }
            v
        };
        assert_eq!(states, [false, true, false, false], "{}", fresh.backend);
        // deleting takes the tree; Undo brings all of it back, as it was
        let before: Vec<Task> = scope.recent_tasks(100).await.unwrap();
        scope.delete_task(&party.id).await.unwrap();
        assert_eq!(scope.count_tasks().await.unwrap(), 0);
        scope.restore_task(&party.id).await.unwrap();
        let mut after = scope.recent_tasks(100).await.unwrap();
        let key = |t: &Task| {
            (
                t.id.clone(),
                t.parent_id.clone(),
                t.project_id.clone(),
                t.completed,
                t.created_at,
            )
        };
        let mut before: Vec<_> = before.iter().map(key).collect();
        let mut after: Vec<_> = after.drain(..).map(|t| key(&t)).collect();
        before.sort();
        after.sort();
        assert_eq!(before, after);
        // deleting completed tasks takes their subtrees too
        scope.update_task(&cake.id, TaskPatch::completed(true)).await.unwrap();
        assert_eq!(
            scope.delete_completed_tasks().await.unwrap(),
            3,
            "balloons, cake, candles"
        );
        assert_eq!(scope.count_tasks().await.unwrap(), 1);
    }
}

#[tokio::test]
async fn pages_stay_exact_with_subtasks_and_project_filters() {
    for fresh in backends().await {
        let db = &fresh.db;
        let me = user(db, "pages@example.com").await;
        let scope = UserScope::new(db, &me);
        let work = scope.create_project(name("Work")).await.unwrap();
        let mut roots = Vec::new();
        let mut children = Vec::new();
        for i in 0..12 {
            let project = (i % 2 == 0).then_some(work.id.as_str());
            let root = scope
                .create_task(draft(&format!("root {i}"), project, None))
                .await
                .unwrap();
            for j in 0..2 {
                children.push(
                    scope
                        .create_task(draft(&format!("child {i}.{j}"), None, Some(&root.id)))
                        .await
                        .unwrap()
                        .id,
                );
            }
            roots.push(root);
        }
        let bounds = due_bounds(chrono_tz::Tz::UTC);
        let scope = &scope;
        let collect = |query: TaskQuery| async move {
            let mut query = TaskQuery { limit: 5, ..query };
            let mut ids = Vec::new();
            loop {
                let page = scope.list_tasks(&query, bounds).await.unwrap();
                ids.extend(page.items.into_iter().map(|t| t.id));
                match page.next_cursor {
                    Some(c) => query.cursor = Some(c),
                    None => return ids,
                }
            }
        };
        let everything = collect(TaskQuery::default()).await;
        assert_eq!(
            (everything.len(), everything.iter().collect::<HashSet<_>>().len()),
            (36, 36)
        );
        let top = collect(TaskQuery {
            parent: Some(ParentFilter::Top),
            ..Default::default()
        })
        .await;
        let want: HashSet<String> = roots.iter().map(|r| r.id.clone()).collect();
        assert_eq!(top.into_iter().collect::<HashSet<_>>(), want);
        let in_work = collect(TaskQuery {
            project: Some(work.id.clone()),
            status: StatusFilter::Open,
            ..Default::default()
        })
        .await;
        assert_eq!(in_work.len(), 18, "6 roots and their 12 subtasks");
        let of_first = collect(TaskQuery {
            parent: Some(ParentFilter::Of(roots[0].id.clone())),
            ..Default::default()
        })
        .await;
        assert_eq!(
            of_first.into_iter().collect::<HashSet<_>>(),
            children[..2].iter().cloned().collect()
        );
        // another user's project or parent in a filter is a 422, not an empty list
        let other = user(db, "peek@example.com").await;
        let theirs = UserScope::new(db, &other);
        for query in [
            TaskQuery {
                project: Some(work.id.clone()),
                ..all(None)
            },
            TaskQuery {
                parent: Some(ParentFilter::Of(roots[0].id.clone())),
                ..all(None)
            },
        ] {
            assert!(
                matches!(
                    theirs.list_tasks(&query, bounds).await,
                    Err(AppError::Validation { .. })
                ),
                "{query:?}"
            );
        }
    }
}
