//! The isolation matrix: everything one user's scope can do, tried on another user's ids and on
//! ids that do not exist. Each answers exactly as for a missing row, and changes nothing.
use super::{backends, user};
use crate::domain::chat::Role;
use crate::domain::query::{StatusFilter, TaskQuery};
use crate::domain::task::{TaskDraft, TaskInput, TaskPatch, TaskPatchInput};
use crate::error::AppError;
use crate::server::repo::{Db, UserScope};
use crate::server::tasks::due_bounds;

fn draft(title: &str) -> TaskDraft {
    TaskDraft::from_input(TaskInput {
        title: title.into(),
        tags: Some(vec!["private".into()]),
        ..Default::default()
    })
    .unwrap()
}

fn all() -> TaskQuery {
    TaskQuery {
        limit: 200,
        ..Default::default()
    }
}

#[tokio::test]
async fn another_users_rows_are_not_found_and_never_change() {
    for fresh in backends().await {
        matrix(&fresh.db).await;
    }
}

async fn matrix(db: &Db) {
    let a = user(db, "a@example.com").await;
    let b = user(db, "b@example.com").await;
    let (sa, sb) = (UserScope::new(db, &a), UserScope::new(db, &b));
    let task = sa.create_task(draft("A's secret")).await.unwrap();
    let done = sa.create_task(draft("A's done one")).await.unwrap();
    sa.update_task(&done.id, TaskPatch::completed(true)).await.unwrap();
    let conversation = sa.create_conversation("A's talk").await.unwrap();
    sa.add_message(&conversation.id, Role::User, "hello", None, &[])
        .await
        .unwrap();
    sa.set_conversation_state(&conversation.id, r#"{"last_task":"x"}"#)
        .await
        .unwrap();
    let token = sa.create_token("A's token", "hash-of-a".into(), None).await.unwrap();

    let not_found = |r: Result<(), AppError>, what: &str| {
        assert!(matches!(r, Err(AppError::NotFound)), "{what}: {r:?}");
    };
    for id in [task.id.as_str(), "does-not-exist"] {
        not_found(sb.get_task(id).await.map(|_| ()), "get_task");
        let patch = TaskPatch::from_input(TaskPatchInput {
            title: Some("mine now".into()),
            completed: Some(true),
            ..Default::default()
        })
        .unwrap();
        not_found(sb.update_task(id, patch).await.map(|_| ()), "update_task");
        not_found(sb.delete_task(id).await.map(|_| ()), "delete_task");
    }
    for id in [conversation.id.as_str(), "does-not-exist"] {
        not_found(sb.get_conversation(id).await.map(|_| ()), "get_conversation");
        not_found(sb.rename_conversation(id, "mine").await, "rename_conversation");
        not_found(
            sb.add_message(id, Role::User, "injected", None, &[]).await.map(|_| ()),
            "add_message",
        );
        not_found(sb.message_page(id, None, 50).await.map(|_| ()), "message_page");
        not_found(sb.delete_conversation(id).await, "delete_conversation");
        sb.set_conversation_state(id, "{}").await.unwrap();
    }
    not_found(sb.revoke_token(&token.id).await, "revoke_token");
    // A's projects: NotFound on a path, a 422 naming the field in a body
    let project = sa
        .create_project(crate::domain::project::ProjectName::parse("A's project").unwrap())
        .await
        .unwrap();
    let inbox_a = sa.inbox_id().await.unwrap();
    for id in [project.id.as_str(), inbox_a.as_str(), "does-not-exist"] {
        not_found(sb.get_project(id).await.map(|_| ()), "get_project");
        let rename = crate::domain::project::ProjectPatch {
            name: Some(crate::domain::project::ProjectName::parse("mine").unwrap()),
            archived: Some(true),
        };
        not_found(sb.update_project(id, rename).await.map(|_| ()), "update_project");
        not_found(sb.delete_project(id).await.map(|_| ()), "delete_project");
        not_found(sb.count_project_tasks(id).await.map(|_| ()), "count_project_tasks");
        let into = TaskDraft::from_input(TaskInput {
            title: "into A's project".into(),
            project_id: Some(id.into()),
            ..Default::default()
        })
        .unwrap();
        assert!(
            matches!(sb.create_task(into).await, Err(AppError::Validation { ref field, .. }) if field == "project_id")
        );
    }
    assert!(sb.find_project_by_name("A's project").await.unwrap().is_none());
    assert_eq!(sb.list_projects(false).await.unwrap().len(), 1, "only B's own Inbox");
    // A's deleted task cannot be restored by B (the answer is "nothing to restore"), nor seen
    let gone = sa.create_task(draft("A's deleted one")).await.unwrap();
    sa.delete_task(&gone.id).await.unwrap();
    assert!(matches!(
        sb.restore_task(&gone.id).await,
        Err(AppError::Conflict { .. })
    ));
    assert!(sb.get_task(&gone.id).await.is_err());
    let back = sa.restore_task(&gone.id).await.unwrap();
    assert_eq!((back.id.as_str(), back.created_at), (gone.id.as_str(), gone.created_at));
    sa.delete_task(&back.id).await.unwrap();

    // B's lists show none of it, however they are filtered
    let bounds = due_bounds(chrono_tz::Tz::UTC);
    for query in [
        all(),
        TaskQuery {
            tag: Some("private".into()),
            ..all()
        },
        TaskQuery {
            q: Some("secret".into()),
            ..all()
        },
        TaskQuery {
            status: StatusFilter::Done,
            ..all()
        },
    ] {
        assert!(
            sb.list_tasks(&query, bounds).await.unwrap().items.is_empty(),
            "{query:?}"
        );
    }
    assert!(sb.recent_tasks(1000).await.unwrap().is_empty());
    assert!(sb.list_conversations(200, None).await.unwrap().0.is_empty());
    assert!(sb.list_tokens().await.unwrap().is_empty());
    assert!(sb.list_sessions("").await.unwrap().is_empty());
    // B's bulk operations leave A's rows alone
    assert_eq!(sb.delete_completed_tasks().await.unwrap(), 0);
    assert_eq!(sb.end_all_sessions().await.unwrap(), 0);

    // and A's rows are exactly as they were
    assert_eq!(sa.get_task(&task.id).await.unwrap(), task);
    assert!(sa.get_task(&done.id).await.unwrap().completed);
    let (kept, state) = sa.get_conversation(&conversation.id).await.unwrap();
    assert_eq!(kept.title, "A's talk");
    assert_eq!(state, r#"{"last_task":"x"}"#);
    let (messages, _) = sa.message_page(&conversation.id, None, 50).await.unwrap();
    assert_eq!(messages.len(), 1);
    assert_eq!(sa.list_tokens().await.unwrap().len(), 1);
    assert_eq!(sa.list_tasks(&all(), bounds).await.unwrap().items.len(), 2);
    assert_eq!(sa.get_project(&project.id).await.unwrap().name, "A's project");
}
