//! Turns of the builtin assistant on a fresh database, for a user in New York: what a QA pass
//! found — a bare "done" after a completion, moves that say only a time or only a day, and dates
//! that cannot be.
use chrono::{Datelike, Duration, NaiveDateTime, NaiveTime, Timelike, Weekday};
use chrono_tz::Tz;

use super::{turn, ConversationState};
use crate::domain::task::Task;
use crate::server::repo::tests::{backends, user};
use crate::server::repo::UserScope;
use crate::server::tasks::local_now;

const TZ: Tz = chrono_tz::America::New_York;

async fn say(scope: &UserScope<'_>, state: &mut ConversationState, text: &str) -> String {
    turn(scope, TZ, state, text).await.expect("a turn").reply
}

async fn task(scope: &UserScope<'_>, title: &str) -> Task {
    let tasks = scope.recent_tasks(100).await.expect("the tasks");
    tasks.into_iter().find(|t| t.title == title).expect(title)
}

/// A task's due date in the user's zone.
fn local(task: &Task) -> Option<NaiveDateTime> {
    task.due_at.map(|d| d.with_timezone(&TZ).naive_local())
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("a time")
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

#[tokio::test]
async fn a_move_to_a_time_keeps_the_day() {
    for fresh in backends().await {
        let me = user(&fresh.db, "time@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add standup tomorrow at 8am").await;
        let tomorrow = local_now(TZ).date() + Duration::days(1);
        assert_eq!(
            local(&task(&scope, "standup").await),
            Some(tomorrow.and_time(time(8, 0)))
        );
        for (message, h, m) in [
            ("move standup to 9:30am", 9, 30),
            ("move standup at 17", 17, 0),
            ("change standup to 9 am", 9, 0),
        ] {
            let moved = say(&scope, &mut state, message).await;
            assert_eq!(
                local(&task(&scope, "standup").await),
                Some(tomorrow.and_time(time(h, m))),
                "{message}: {moved}"
            );
        }
        // without a due date: the next 9:30, today's while it is ahead
        say(&scope, &mut state, "add review the notes").await;
        say(&scope, &mut state, "move review the notes to 9:30am").await;
        let now = local_now(TZ);
        let today = now.date().and_time(time(9, 30));
        let next = if today > now { today } else { today + Duration::days(1) };
        assert_eq!(local(&task(&scope, "review the notes").await), Some(next));
    }
}

#[tokio::test]
async fn a_move_to_a_day_keeps_the_time() {
    for fresh in backends().await {
        let me = user(&fresh.db, "day@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add dentist on jan 2 at 10:30am").await;
        assert_eq!(
            local(&task(&scope, "dentist").await).map(|d| d.time()),
            Some(time(10, 30))
        );
        let moved = say(&scope, &mut state, "move the dentist to friday").await;
        let due = local(&task(&scope, "dentist").await).expect("a due date");
        assert_eq!((due.weekday(), due.time()), (Weekday::Fri, time(10, 30)), "{moved}");
        assert!(due.date() >= local_now(TZ).date());
        // both said: both taken
        say(&scope, &mut state, "move the dentist to saturday 4pm").await;
        let due = local(&task(&scope, "dentist").await).expect("a due date");
        assert_eq!((due.weekday(), due.hour()), (Weekday::Sat, 16));
    }
}

#[tokio::test]
async fn impossible_dates_and_times_are_answered_and_change_nothing() {
    for fresh in backends().await {
        let me = user(&fresh.db, "impossible@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        for (message, why) in [
            ("add buy gift on feb 30", "February has no 30th."),
            ("add z at 13pm", "13pm is not a time."),
            ("remind me to call mom on april 31st", "April has no 31st."),
        ] {
            let answer = say(&scope, &mut state, message).await;
            assert!(answer.starts_with(why), "{message}: {answer}");
        }
        assert!(scope.recent_tasks(10).await.expect("the tasks").is_empty());
        say(&scope, &mut state, "add standup tomorrow at 8am").await;
        let due = task(&scope, "standup").await.due_at;
        for (message, why) in [
            ("move standup to feb 30", "February has no 30th."),
            ("move standup to 13pm", "13pm is not a time."),
        ] {
            let answer = say(&scope, &mut state, message).await;
            assert!(answer.starts_with(why), "{message}: {answer}");
            assert_eq!(task(&scope, "standup").await.due_at, due, "{message}");
        }
    }
}

#[tokio::test]
async fn questions_about_days_keep_to_them() {
    for fresh in backends().await {
        let me = user(&fresh.db, "days@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        let today = local_now(TZ).date();
        // the 15th of the month ahead (this month's when still to come)
        let fifteenth = if today.day() < 15 {
            today.with_day(15)
        } else {
            (today + Duration::days(31)).with_day(15)
        }
        .expect("a day");
        say(
            &scope,
            &mut state,
            &format!("add pay the plumber on {}", fifteenth.format("%b %-d %Y")),
        )
        .await;
        say(
            &scope,
            &mut state,
            &format!("add late month thing on {}", fifteenth.format("%b %-d %Y")),
        )
        .await;
        say(
            &scope,
            &mut state,
            &format!(
                "add other day on {}",
                (fifteenth + Duration::days(1)).format("%b %-d %Y")
            ),
        )
        .await;
        // "on the 15th" is a day, not the 15th task of a list
        let answer = say(&scope, &mut state, "what do I have on the 15th?").await;
        assert!(
            answer.contains("pay the plumber") && answer.contains("late month thing") && !answer.contains("other day"),
            "{answer}"
        );
        // "month" in "this month" is no search for “late month thing”
        if fifteenth.month() == today.month() {
            let answer = say(&scope, &mut state, "what's due this month?").await;
            assert!(
                answer.contains("pay the plumber") && answer.contains("other day"),
                "{answer}"
            );
        }
        // "more" with nothing left to show is not a new task
        let answer = say(&scope, &mut state, "more").await;
        assert!(answer.starts_with("That was the whole list."), "{answer}");
    }
}
