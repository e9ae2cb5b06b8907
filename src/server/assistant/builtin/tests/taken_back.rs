//! What QA pass 20 found doing what was not asked: an answer to "Which one?" with a verb of its
//! own, "clear done ones" read as a slip of a task's "clean", a priority said after a request in
//! a sentence of its own, and a request taken back in the same message.
use super::{backends, local, say, task, time, user, ConversationState, UserScope};
use crate::domain::task::Priority;
use chrono::{Datelike, Weekday};

#[tokio::test]
async fn an_answer_to_which_one_with_its_own_verb_does_that() {
    for fresh in backends().await {
        let me = user(&fresh.db, "which@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add buy oat milk").await;
        say(&scope, &mut state, "add buy milk powder for the office").await;
        let asked = say(&scope, &mut state, "delete the milk").await;
        assert!(asked.starts_with("Which one:"), "{asked}");
        let done = say(
            &scope,
            &mut state,
            "actually I bought the milk powder already, mark it done",
        )
        .await;
        assert_eq!(done, "Completed “buy milk powder for the office”.");
        assert!(task(&scope, "buy milk powder for the office").await.completed);
        assert!(!task(&scope, "buy oat milk").await.completed);
        // the verb asked about still applies to a bare answer
        say(&scope, &mut state, "add buy soy milk").await;
        say(&scope, &mut state, "delete the milk").await;
        let deleted = say(&scope, &mut state, "the soy one").await;
        assert!(deleted.starts_with("Deleted “buy soy milk”"), "{deleted}");
        assert_eq!(scope.count_tasks().await.expect("a count"), 2);
    }
}

#[tokio::test]
async fn clear_done_ones_names_no_task_of_a_like_word() {
    for fresh in backends().await {
        let me = user(&fresh.db, "clear@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add wknd clean room").await;
        for clear in ["clear done ones", "clear my completed ones pls"] {
            let answer = say(&scope, &mut state, clear).await;
            assert_eq!(answer, "You have no completed tasks to delete.", "{clear}");
        }
        assert!(!task(&scope, "wknd clean room").await.completed);
        // (a slip in a task's own word still names it)
        let done = say(&scope, &mut state, "I cleaned the rooom").await;
        assert!(done.starts_with("Completed “wknd clean room”"), "{done}");
    }
}

#[tokio::test]
async fn a_priority_said_after_the_request_is_the_new_tasks() {
    for fresh in backends().await {
        let me = user(&fresh.db, "fairly@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add prepare design review deck").await;
        let added = say(
            &scope,
            &mut state,
            "Good afternoon! Could you please add a task to review the Q4 budget by Wednesday at 4pm? It's fairly important.",
        )
        .await;
        assert!(added.starts_with("Added “review the Q4 budget”"), "{added}");
        let budget = task(&scope, "review the Q4 budget").await;
        assert_eq!(budget.priority, Priority::High);
        let due = local(&budget).expect("a due date");
        assert_eq!((due.weekday(), due.time()), (Weekday::Wed, time(16, 0)));
        assert_eq!(
            task(&scope, "prepare design review deck").await.priority,
            Priority::None
        );
    }
}

#[tokio::test]
async fn a_request_taken_back_in_the_same_message_changes_nothing() {
    for fresh in backends().await {
        let me = user(&fresh.db, "back@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add send beta invites friday").await;
        say(&scope, &mut state, "create a project called Team Rituals").await;
        let before = task(&scope, "send beta invites").await;
        for taken_back in [
            "Could you move the beta invites task into Team Rituals? Actually no, leave it.",
            "Delete send beta invites. Never mind!",
            "move beta invites to monday. no wait, forget it",
        ] {
            let answer = say(&scope, &mut state, taken_back).await;
            assert_eq!(answer, "OK, I haven't changed anything.", "{taken_back}");
        }
        let after = task(&scope, "send beta invites").await;
        assert_eq!((after.project_id, after.due_at), (before.project_id, before.due_at));
        // one sentence that says "leave it" in its request is not taken back
        let moved = say(&scope, &mut state, "move beta invites to monday and leave it there").await;
        assert!(moved.starts_with("Moved “send beta invites”"), "{moved}");
    }
}

#[tokio::test]
async fn the_whole_checklist_short_verbs_and_texted_questions() {
    for fresh in backends().await {
        let me = user(&fresh.db, "whole@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "create a project called Launch").await;
        say(&scope, &mut state, "add Finalize launch checklist to launch").await;
        say(&scope, &mut state, "add Draft launch blog post to launch").await;
        say(
            &scope,
            &mut state,
            "add a subtask to finalize launch checklist: check links",
        )
        .await;
        let done = say(&scope, &mut state, "Mark the whole launch checklist as complete").await;
        assert!(done.starts_with("Completed “Finalize launch checklist”"), "{done}");
        assert!(!task(&scope, "Draft launch blog post").await.completed);
        // "del", "rm"; "wat" asks as "what" does
        say(&scope, &mut state, "add buy stamps").await;
        say(
            &scope,
            &mut state,
            "add pick up parcel tomorrow at 9am, remind me 10 min before",
        )
        .await;
        let deleted = say(&scope, &mut state, "del buy stamps").await;
        assert!(deleted.starts_with("Deleted “buy stamps”"), "{deleted}");
        let removed = say(&scope, &mut state, "rm the draft launch blog post").await;
        assert!(removed.starts_with("Deleted “Draft launch blog post”"), "{removed}");
        let reminders = say(&scope, &mut state, "wat reminders do i have").await;
        assert!(reminders.contains("pick up parcel"), "{reminders}");
        assert!(!reminders.contains("Draft launch"), "{reminders}");
    }
}

#[tokio::test]
async fn a_project_said_of_a_word_and_a_polite_second_request() {
    for fresh in backends().await {
        let me = user(&fresh.db, "launch@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "create a project called Launch").await;
        let added = say(
            &scope,
            &mut state,
            "add Book caterer for the launch party next thursday, high priority",
        )
        .await;
        assert!(
            added.starts_with("Added “Book caterer for the launch party” — due Thu"),
            "{added}"
        );
        let flyers = say(&scope, &mut state, "add order flyers for launch").await;
        assert!(flyers.starts_with("Added “order flyers” to Launch"), "{flyers}");
        say(&scope, &mut state, "add sprint retrospective").await;
        let both = say(
            &scope,
            &mut state,
            "Can you make the sprint retrospective high priority and tag it rituals?",
        )
        .await;
        assert!(
            both.ends_with("“sprint retrospective” is tagged #rituals now."),
            "{both}"
        );
        let retro = task(&scope, "sprint retrospective").await;
        assert_eq!(
            (retro.priority, retro.tags),
            (Priority::High, vec!["rituals".to_owned()])
        );
    }
}
