//! Turns of the builtin assistant on a fresh database, for a user in New York: what a QA pass
//! found — a bare "done" after a completion, moves that say only a time or only a day, and dates
//! that cannot be.
use chrono_tz::Tz;

use super::{turn, ConversationState};
use crate::domain::task::Task;
use crate::server::repo::tests::{backends, user};
use crate::server::repo::UserScope;

const TZ: Tz = chrono_tz::America::New_York;

async fn say(scope: &UserScope<'_>, state: &mut ConversationState, text: &str) -> String {
    turn(scope, TZ, state, text).await.expect("a turn").reply
}

async fn task(scope: &UserScope<'_>, title: &str) -> Task {
    let tasks = scope.recent_tasks(100).await.expect("the tasks");
    tasks.into_iter().find(|t| t.title == title).expect(title)
}

#[tokio::test]
async fn a_bare_done_after_a_completion_does_not_complete_it_again() {
    for fresh in backends().await {
        let me = user(&fresh.db, "done@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        let added = say(&scope, &mut state, "add pay rent every month on the 1st").await;
        assert!(added.starts_with("Added “pay rent”"), "{added}");
        let done = say(&scope, &mut state, "I paid the rent").await;
        assert!(done.starts_with("Completed “pay rent” — next due"), "{done}");
        let due = task(&scope, "pay rent").await.due_at;
        for bare in ["done", "I'm done", "finished", "it's done"] {
            let answer = say(&scope, &mut state, bare).await;
            assert!(
                answer.starts_with("I just marked “pay rent” done — it is next due")
                    && answer.contains("Which task did you finish?"),
                "{bare}: {answer}"
            );
            assert_eq!(task(&scope, "pay rent").await.due_at, due, "{bare} completed it again");
        }
        // named, it is completed again, on purpose
        let again = say(&scope, &mut state, "mark pay rent as done").await;
        assert!(again.starts_with("Completed “pay rent”"), "{again}");
        assert_ne!(task(&scope, "pay rent").await.due_at, due);
        // "done" about a task only talked about still completes it
        say(&scope, &mut state, "add buy milk").await;
        let done = say(&scope, &mut state, "done").await;
        assert_eq!(done, "Completed “buy milk”.");
    }
}
