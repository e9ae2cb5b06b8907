//! What QA pass 20 left: a reminder asked for a task one has without a time ("remind me before
//! the bio quiz", "remind me about the laundry"), a correction that names the day it replaces
//! ("I meant Thursday, not Wednesday"), days gone by ("due last friday"), a quoted title keeps
//! its day's name, a done task said with a day is a new one, and a day said first before a colon
//! ("tmrw: return library books 10am") moves a task one has.
use chrono::{Duration, NaiveDate};

use super::{backends, local, reminders, reminders_at, say, task, time, user, ConversationState, UserScope, TZ};
use crate::domain::reminder::ReminderSpec;
use crate::server::tasks::local_now;

fn name(day: NaiveDate) -> String {
    day.format("%A").to_string()
}

#[tokio::test]
async fn reminders_asked_without_a_time() {
    for fresh in backends().await {
        let me = user(&fresh.db, "before@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        let today = local_now(TZ).date();
        say(&scope, &mut state, "add bio quiz in 4 days at 9am").await;
        let answer = say(&scope, &mut state, "remind me before the bio quiz").await;
        assert!(
            answer.starts_with("I'll remind you 30 min before “bio quiz”"),
            "{answer}"
        );
        assert!(reminders(&scope, "bio quiz").await.contains(&ReminderSpec::Before(30)));
        // a length alone, right after: that reminder changed
        let answer = say(&scope, &mut state, "make that an hour").await;
        assert!(answer.ends_with("instead of 30 min before."), "{answer}");
        let set = reminders(&scope, "bio quiz").await;
        assert!(
            set.contains(&ReminderSpec::Before(60)) && !set.contains(&ReminderSpec::Before(30)),
            "{set:?}"
        );
        // texted
        say(&scope, &mut state, "remind me b4 the bio quiz").await;
        assert!(reminders(&scope, "bio quiz").await.contains(&ReminderSpec::Before(30)));
        // "about" a timed task: at its time; a day without one: that morning
        let answer = say(&scope, &mut state, "remind me about the bio quiz").await;
        assert!(
            answer.starts_with("I'll remind you about “bio quiz” at its due time"),
            "{answer}"
        );
        say(&scope, &mut state, "add laundry in 3 days").await;
        let answer = say(&scope, &mut state, "remind me about the laundry").await;
        assert!(answer.starts_with("I'll remind you about “laundry” on"), "{answer}");
        let at = reminders_at(&task(&scope, "laundry").await);
        assert_eq!(at, vec![(today + Duration::days(3)).and_time(time(9, 0))]);
        // due today: its morning, or, once that has passed, asked when (never 23:59)
        say(&scope, &mut state, "add fold the towels today").await;
        let answer = say(&scope, &mut state, "remind me about fold the towels").await;
        let set = reminders(&scope, "fold the towels").await;
        if local_now(TZ).time() < time(9, 0) {
            assert!(
                answer.starts_with("I'll remind you about “fold the towels” on"),
                "{answer}"
            );
            assert_eq!(set.len(), 1, "{set:?}");
        } else {
            assert!(answer.contains("its morning has passed"), "{answer}");
            assert!(set.is_empty(), "{set:?}");
        }
        // no such task: a new one, as ever; nor is a request with more said about a task one has
        let answer = say(&scope, &mut state, "remind me about the gym").await;
        assert_eq!(answer, "Added “gym”.");
        let answer = say(&scope, &mut state, "remind me before the bio quiz to bring a pencil").await;
        assert!(answer.starts_with("Added “"), "{answer}");
        assert_eq!(scope.recent_tasks(10).await.expect("the tasks").len(), 5);
    }
}

#[tokio::test]
async fn corrections_that_name_the_day_replaced_and_days_gone_by() {
    for fresh in backends().await {
        let me = user(&fresh.db, "meant@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        let today = local_now(TZ).date();
        let (two, three, five) = (
            today + Duration::days(2),
            today + Duration::days(3),
            today + Duration::days(5),
        );
        say(&scope, &mut state, "add team sync in 5 days at 10am").await;
        for (said, day) in [
            (format!("sorry, I meant {}, not {}", name(two), name(five)), two),
            (format!("no, {} not {}", name(three), name(two)), three),
            (format!("I meant {}", name(two)), two),
        ] {
            let answer = say(&scope, &mut state, &said).await;
            assert!(answer.starts_with("Moved “team sync”"), "{said}: {answer}");
            assert_eq!(
                local(&task(&scope, "team sync").await),
                Some(day.and_time(time(10, 0))),
                "{said}"
            );
        }
        // a day gone by: due then, and so overdue
        let gone = today - Duration::days(2);
        let answer = say(&scope, &mut state, &format!("add pay rent due last {}", name(gone))).await;
        assert!(answer.starts_with("Added “pay rent”"), "{answer}");
        assert_eq!(local(&task(&scope, "pay rent").await).map(|d| d.date()), Some(gone));
        say(&scope, &mut state, "add return the library book 3 days ago").await;
        let due = local(&task(&scope, "return the library book").await).map(|d| d.date());
        assert_eq!(due, Some(today - Duration::days(3)));
        say(&scope, &mut state, "add file the expense report").await;
        say(&scope, &mut state, "file the expense report, it was due a week ago").await;
        let due = local(&task(&scope, "file the expense report").await).map(|d| d.date());
        assert_eq!(due, Some(today - Duration::days(7)));
    }
}

#[tokio::test]
async fn a_quoted_title_keeps_its_day_and_a_done_task_with_a_day_is_new() {
    for fresh in backends().await {
        let me = user(&fresh.db, "quoted@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        let answer = say(&scope, &mut state, "add a task called \"Friday drinks\"").await;
        assert_eq!(answer, "Added “Friday drinks”.");
        assert_eq!(task(&scope, "Friday drinks").await.due_at, None);
        let answer = say(&scope, &mut state, "add \"Monday standup notes\" tomorrow").await;
        assert!(answer.starts_with("Added “Monday standup notes” — due"), "{answer}");
        let tomorrow = local_now(TZ).date() + Duration::days(1);
        let due = local(&task(&scope, "Monday standup notes").await).map(|d| d.date());
        assert_eq!(due, Some(tomorrow));
        // "hw friday" after "hw" was done: offered as a new one, the done one left as it was
        say(&scope, &mut state, "add hw").await;
        say(&scope, &mut state, "i did hw").await;
        let answer = say(&scope, &mut state, "hw tomorrow 4pm").await;
        assert!(answer.starts_with("Add “hw” as a task?"), "{answer}");
        let done = task(&scope, "hw").await;
        assert!(done.completed && done.due_at.is_none(), "{done:?}");
        say(&scope, &mut state, "yes").await;
        let tasks = scope.recent_tasks(10).await.expect("the tasks");
        assert_eq!(tasks.iter().filter(|t| t.title == "hw").count(), 2);
        // a day first, before a colon, as quick-add takes it: of a task one has, a move
        say(&scope, &mut state, "add return library books").await;
        let answer = say(&scope, &mut state, "tmrw: return library books 10am").await;
        assert!(answer.starts_with("Moved “return library books”"), "{answer}");
        let books = task(&scope, "return library books").await;
        assert_eq!(local(&books), Some(tomorrow.and_time(time(10, 0))));
        // a day gone by, or a question: no move (each is a quick-add line, as before)
        for message in ["yesterday: return library books", "friday: return library books?"] {
            let answer = say(&scope, &mut state, message).await;
            assert!(!answer.starts_with("Moved"), "{message}: {answer}");
        }
        let kept = scope
            .tasks_with_ids(std::slice::from_ref(&books.id))
            .await
            .expect("the task");
        assert_eq!(kept.first().map(|t| t.due_at), Some(books.due_at));
    }
}
