//! What the QA passes left: "undo" after a delete, "show me everything" in date order, "remind me
//! tomorrow to …" with no time, a reminder asked on a done task, a project named "for the …".
use chrono::Duration;

use super::{backends, local_now, say, task, time, user, ConversationState, UserScope, TZ};
use crate::server::tasks::to_utc;

#[tokio::test]
async fn undo_brings_back_what_was_just_deleted() {
    for fresh in backends().await {
        let me = user(&fresh.db, "undo-delete@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add email bob tomorrow at 9am").await;
        say(&scope, &mut state, "add buy stamps").await;
        let before = task(&scope, "email bob").await;
        let deleted = say(&scope, &mut state, "delete email bob").await;
        assert_eq!(deleted, "Deleted “email bob”.");
        let back = say(&scope, &mut state, "undo").await;
        assert!(back.starts_with("Brought back “email bob”"), "{back}");
        let after = task(&scope, "email bob").await;
        assert_eq!(
            (after.id, after.due_at),
            (before.id, before.due_at),
            "the same task, as it was"
        );
        // in other words, once
        say(&scope, &mut state, "delete buy stamps").await;
        let back = say(&scope, &mut state, "bring it back please").await;
        assert!(back.starts_with("Brought back “buy stamps”"), "{back}");
        assert_eq!(scope.recent_tasks(10).await.expect("the tasks").len(), 2);
        // only right after the delete: another turn between, and "undo" is not about it
        say(&scope, &mut state, "delete buy stamps").await;
        say(&scope, &mut state, "what's due tomorrow?").await;
        let late = say(&scope, &mut state, "undo").await;
        assert!(!late.starts_with("Brought back"), "{late}");
        assert_eq!(scope.recent_tasks(10).await.expect("the tasks").len(), 1);

        // everything, done tasks too, soonest first (not the newest made first)
        say(&scope, &mut state, "add renew passport in 3 weeks").await;
        say(&scope, &mut state, "complete email bob").await;
        let all = say(&scope, &mut state, "show me everything").await;
        assert!(all.starts_with("You have 2 tasks"), "{all}");
        assert!(all.find("email bob") < all.find("renew passport"), "{all}");
    }
}

#[tokio::test]
async fn remind_me_on_a_day_is_that_mornings_reminder() {
    for fresh in backends().await {
        let me = user(&fresh.db, "remind-day@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        let added = say(&scope, &mut state, "remind me tomorrow to buy stamps").await;
        assert!(added.ends_with("I'll remind you at 09:00 that day."), "{added}");
        let stamps = task(&scope, "buy stamps").await;
        let morning = (local_now(TZ).date() + Duration::days(1)).and_time(time(9, 0));
        let at: Vec<_> = stamps.reminders.iter().map(|r| r.at).collect();
        assert_eq!(at, vec![Some(to_utc(morning, TZ))]);
        // a time said: the reminder the time brings, no morning one
        say(&scope, &mut state, "remind me friday at 5pm to call mom").await;
        let mom = task(&scope, "call mom").await;
        assert!(mom.reminders.iter().all(|r| r.at.is_none()), "{:?}", mom.reminders);
        // "add" asks for no reminder: a day alone gets none
        say(&scope, &mut state, "add water the plants tomorrow").await;
        assert!(task(&scope, "water the plants").await.reminders.is_empty());
        // a repeating day has no morning to ring at once: said so
        let weekly = say(&scope, &mut state, "remind me every monday to take out the trash").await;
        assert!(
            weekly.ends_with("so I set no reminder: say one, like “… at 9am”."),
            "{weekly}"
        );

        // a done task is not reminded of
        say(&scope, &mut state, "add pay rent").await;
        say(&scope, &mut state, "i paid the rent").await;
        let refused = say(&scope, &mut state, "remind me about pay rent tomorrow at 5pm").await;
        assert!(refused.starts_with("“pay rent” is already done"), "{refused}");
        assert!(task(&scope, "pay rent").await.reminders.is_empty());

        // "a project for the kitchen remodel": the project's name, without the sentence's article
        let made = say(&scope, &mut state, "start a project for the kitchen remodel").await;
        assert!(made.starts_with("Created the project “Kitchen remodel”"), "{made}");
        let named = say(&scope, &mut state, "create a project called The Office").await;
        assert!(named.starts_with("Created the project “The Office”"), "{named}");
    }
}

#[tokio::test]
async fn a_list_reaches_past_the_latest_thousand_tasks() {
    use crate::domain::task::{TaskDraft, TaskInput};
    for fresh in backends().await {
        let me = user(&fresh.db, "long-history@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        // five overdue bills made long ago, then more than a thousand newer tasks
        let mut bills = Vec::new();
        for n in 1..=5 {
            let input = TaskInput {
                title: format!("old bill {n}"),
                due_at: Some(format!("2026-01-0{n}T12:00:00Z")),
                ..Default::default()
            };
            let bill = scope
                .create_task(TaskDraft::from_input(input).expect("a draft"))
                .await
                .expect("a task");
            bills.push(bill.id);
        }
        let csv: String = std::iter::once("TYPE,CONTENT\n".to_owned())
            .chain((0..super::super::NAMEABLE_TASKS).map(|n| format!("task,newer task {n}\n")))
            .collect();
        let now = local_now(TZ);
        let plan = crate::server::import::plan_from_todoist("Newer", &csv, now, TZ).expect("a plan");
        scope.import(plan).await.expect("imported");

        let listed = say(&scope, &mut state, "what's overdue?").await;
        assert!(listed.starts_with("You have 5 open tasks overdue"), "{listed}");
        let done = say(&scope, &mut state, "complete the 3rd one").await;
        assert_eq!(done, "Completed “old bill 3”.");
        let next = say(&scope, &mut state, "what's my next task?").await;
        assert!(next.contains("old bill 1"), "{next}");
        let asked = say(&scope, &mut state, "mark all overdue tasks as done").await;
        assert!(asked.starts_with("Complete these 4 tasks"), "{asked}");
        let done = say(&scope, &mut state, "yes").await;
        assert!(done.starts_with("Completed 4 tasks"), "{done}");
        // "it" now is none of them alone, and not the task talked about before the question
        let which = say(&scope, &mut state, "reopen it").await;
        assert!(which.starts_with("Which one"), "{which}");
        say(&scope, &mut state, "no").await;
        let left = say(&scope, &mut state, "what's overdue?").await;
        assert!(left.starts_with("You have no open tasks overdue"), "{left}");
        // a model's tools name a task by the id a list gave, however old the task
        let args = serde_json::json!({ "task": bills[1] }).to_string();
        let tools = crate::server::assistant::tools::run(&scope, TZ, "reopen_task", &args).await;
        assert!(!tools.is_error, "{}", tools.content);
        assert!(!scope.get_task(&bills[1]).await.expect("the task").completed);
        // counted by the database, not up to a page's worth
        let open = scope.count_tasks().await.expect("a count") - 4;
        let counted = say(&scope, &mut state, "how many tasks do I have").await;
        assert_eq!(counted, format!("You have {open} open tasks."));
        assert!(open > 1000, "{open}");
    }
}
