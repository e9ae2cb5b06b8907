//! Turns of the builtin assistant on a fresh database, for a user in New York: what a QA pass
//! found — a bare "done" after a completion, moves that say only a time or only a day, and dates
//! that cannot be.
use chrono::{Datelike, Duration, NaiveDateTime, NaiveTime, Timelike, Weekday};
use chrono_tz::Tz;

use super::{turn, ConversationState};
use crate::domain::reminder::ReminderSpec;
use crate::domain::task::Task;
use crate::server::repo::tests::{backends, user_in};
use crate::server::repo::UserScope;
use crate::server::tasks::local_now;

mod asides;
mod asked;
mod changed;
mod corrected;
mod each;
mod moved;
mod named;
mod negated;
mod offered;
mod reminded;
mod several;
mod spoken;
mod taken_back;
mod titles;
mod told;
mod undo;
mod undone;

const TZ: Tz = chrono_tz::America::New_York;

/// A user in New York, whose turns are read in `TZ`.
async fn user(db: &crate::server::repo::Db, email: &str) -> crate::server::auth::CurrentUser {
    user_in(db, email, TZ.name()).await
}

async fn say(scope: &UserScope<'_>, state: &mut ConversationState, text: &str) -> String {
    // (boxed, as the server's handler futures are: a long test of many turns keeps only this on
    // the test thread's stack)
    let reply = Box::pin(turn(scope, TZ, state, text)).await.expect("a turn").reply;
    // stored with the conversation and read back for the next turn, as the app does
    let stored = serde_json::to_string(&*state).expect("the state is stored");
    *state = serde_json::from_str(&stored).expect("the stored state reads back");
    reply
}

async fn task(scope: &UserScope<'_>, title: &str) -> Task {
    let tasks = scope.recent_tasks(100).await.expect("the tasks");
    tasks.into_iter().find(|t| t.title == title).expect(title)
}

/// The task's reminders, as the editor describes them.
async fn reminders(scope: &UserScope<'_>, title: &str) -> Vec<ReminderSpec> {
    task(scope, title)
        .await
        .reminders
        .iter()
        .filter_map(|r| r.spec())
        .collect()
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
            // an hour alone after "to": on the clock "at" reads
            ("move standup to 10", 10, 0),
            ("push it to 10:30", 10, 30),
            ("move standup to 16", 16, 0),
            // minutes too: "to 5:30" is the afternoon, as "to 5" is
            ("move standup to 5:30", 17, 30),
            ("move standup to 5", 17, 0),
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
        // an hour without am/pm before the day is its time
        for (message, day, at) in [
            ("move the dentist to 8:30 on friday", Weekday::Fri, time(8, 30)),
            ("move the dentist to 11 on monday", Weekday::Mon, time(11, 0)),
        ] {
            let moved = say(&scope, &mut state, message).await;
            let due = local(&task(&scope, "dentist").await).expect("a due date");
            assert_eq!((due.weekday(), due.time()), (day, at), "{message}: {moved}");
        }
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

#[tokio::test]
async fn lists_come_in_the_order_asked() {
    for fresh in backends().await {
        let me = user(&fresh.db, "sorted@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        for add in [
            "add b later in 3 days",
            "add a soon tomorrow",
            "add c last in 9 days !high",
        ] {
            say(&scope, &mut state, add).await;
        }
        let places =
            |answer: &str, titles: [&str; 3]| titles.map(|t| answer.find(&format!(". {t}")).unwrap_or(usize::MAX));
        let by_due = say(&scope, &mut state, "list my tasks sorted by due date").await;
        let [a, b, c] = places(&by_due, ["a soon", "b later", "c last"]);
        assert!(a < b && b < c, "{by_due}");
        let by_name = say(&scope, &mut state, "show my tasks alphabetically").await;
        let [a, b, c] = places(&by_name, ["a soon", "b later", "c last"]);
        assert!(a < b && b < c, "{by_name}");
        let by_priority = say(&scope, &mut state, "what do I have to do, by priority?").await;
        let [c, a, b] = places(&by_priority, ["c last", "a soon", "b later"]);
        assert!(c < a && c < b, "{by_priority}");
    }
}

/// The reminders at a moment on a task, in the user's zone.
fn reminders_at(task: &Task) -> Vec<NaiveDateTime> {
    task.reminders
        .iter()
        .filter_map(|r| match r.spec() {
            Some(crate::domain::reminder::ReminderSpec::At(ms)) => chrono::DateTime::from_timestamp_millis(ms),
            _ => None,
        })
        .map(|at| at.with_timezone(&TZ).naive_local())
        .collect()
}

#[tokio::test]
async fn a_reminder_for_a_task_one_has_goes_on_that_task() {
    for fresh in backends().await {
        let me = user(&fresh.db, "remind@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add wrap presents").await;
        let answer = say(&scope, &mut state, "set a reminder for wrap presents on dec 23 at 8pm").await;
        assert!(
            answer.starts_with("I'll remind you about “wrap presents” on"),
            "{answer}"
        );
        let at = reminders_at(&task(&scope, "wrap presents").await);
        assert_eq!(at.len(), 1, "{answer}");
        assert_eq!((at[0].month(), at[0].day(), at[0].time()), (12, 23, time(20, 0)));
        assert!(at[0] > local_now(TZ));
        // a day alone: its morning; the same moment twice is one reminder
        say(&scope, &mut state, "remind me about wrap presents tomorrow").await;
        say(&scope, &mut state, "remind me about wrap presents tomorrow").await;
        let tomorrow = local_now(TZ).date() + Duration::days(1);
        let at = reminders_at(&task(&scope, "wrap presents").await);
        assert_eq!(at.len(), 2);
        assert!(at.contains(&tomorrow.and_time(time(9, 0))), "{at:?}");
        // still one task, and its due date untouched
        let tasks = scope.recent_tasks(10).await.expect("the tasks");
        assert_eq!(tasks.len(), 1);
        assert_eq!(tasks[0].due_at, None);
        // a moment past, an impossible one: answered, nothing set
        for (message, why) in [
            (
                "remind me about wrap presents on jan 1 2020 at 9am",
                "has passed already",
            ),
            ("set a reminder for wrap presents on feb 30", "February has no 30th."),
        ] {
            let answer = say(&scope, &mut state, message).await;
            assert!(answer.contains(why), "{message}: {answer}");
        }
        assert_eq!(reminders_at(&task(&scope, "wrap presents").await).len(), 2);
        // a reminder for something there is no task for is a new task
        let answer = say(
            &scope,
            &mut state,
            "set a reminder for the vet appointment tomorrow at 4pm",
        )
        .await;
        assert!(answer.starts_with("Added “the vet appointment”"), "{answer}");
        assert_eq!(
            local(&task(&scope, "the vet appointment").await),
            Some(tomorrow.and_time(time(16, 0)))
        );
    }
}

#[tokio::test]
async fn many_tasks_are_completed_at_once_after_a_yes() {
    for fresh in backends().await {
        let me = user(&fresh.db, "many@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        for add in [
            "add pay rent on jan 1 2020",
            "add call the bank on jan 2 2020",
            "add water plants tomorrow",
            "add buy stamps #errands",
            "add post the letter #errands",
        ] {
            say(&scope, &mut state, add).await;
        }
        let open = |title: &'static str| {
            let scope = &scope;
            async move { !task(scope, title).await.completed }
        };
        let asked = say(&scope, &mut state, "mark all overdue tasks as done").await;
        assert!(asked.starts_with("Complete these 2 tasks:"), "{asked}");
        assert!(
            asked.contains("“pay rent”") && asked.contains("“call the bank”"),
            "{asked}"
        );
        assert!(open("pay rent").await, "asking completed it");
        let done = say(&scope, &mut state, "yes").await;
        assert!(done.starts_with("Completed 2 tasks:"), "{done}");
        assert!(!open("pay rent").await && !open("call the bank").await);
        assert!(open("water plants").await);
        let none = say(&scope, &mut state, "mark all overdue tasks as done").await;
        assert!(none.starts_with("You have no open tasks overdue"), "{none}");
        // "no" keeps them open
        let asked = say(&scope, &mut state, "complete everything tagged errands").await;
        assert!(asked.starts_with("Complete these 2 tasks:"), "{asked}");
        say(&scope, &mut state, "no").await;
        assert!(open("buy stamps").await && open("post the letter").await);
        // "all" right after the verb
        let asked = say(&scope, &mut state, "complete all tasks tagged errands").await;
        assert!(asked.starts_with("Complete these 2 tasks:"), "{asked}");
        say(&scope, &mut state, "no").await;
        // "them all": the list just shown
        let listed = say(&scope, &mut state, "what's tagged errands?").await;
        assert!(listed.contains("buy stamps"), "{listed}");
        let asked = say(&scope, &mut state, "mark them all done").await;
        assert!(asked.starts_with("Complete these 2 tasks:"), "{asked}");
        say(&scope, &mut state, "yes").await;
        assert!(!open("buy stamps").await && !open("post the letter").await);
        assert!(open("water plants").await);
        // deleting many: by a filter, and "them all" after a list; "no" keeps them
        say(&scope, &mut state, "add old flyer #junk").await;
        say(&scope, &mut state, "add old receipt #junk").await;
        let asked = say(&scope, &mut state, "delete all tasks tagged junk").await;
        assert!(asked.starts_with("Delete these 2 tasks:"), "{asked}");
        say(&scope, &mut state, "no").await;
        assert!(open("old flyer").await);
        say(&scope, &mut state, "delete all tasks tagged junk").await;
        let deleted = say(&scope, &mut state, "yes").await;
        assert!(deleted.starts_with("Deleted 2 tasks:"), "{deleted}");
        let left = scope.recent_tasks(100).await.expect("the tasks");
        assert!(left.iter().all(|t| !t.tags.iter().any(|x| x == "junk")));
        assert_eq!(left.len(), 5, "only the two were deleted");
        let listed = say(&scope, &mut state, "show my completed tasks").await;
        assert!(listed.starts_with("You have 4 completed tasks"), "{listed}");
        let asked = say(&scope, &mut state, "delete them all").await;
        assert!(asked.starts_with("Delete these 4 tasks:"), "{asked}");
        say(&scope, &mut state, "yes").await;
        let left = scope.recent_tasks(100).await.expect("the tasks");
        assert_eq!(left.len(), 1, "{left:?}");
        assert_eq!(left[0].title, "water plants");
        // "it's all done" is still about the last task
        say(&scope, &mut state, "add feed the cat").await;
        let done = say(&scope, &mut state, "it's all done").await;
        assert_eq!(done, "Completed “feed the cat”.");
        assert!(open("water plants").await);
    }
}

#[tokio::test]
async fn it_after_a_list_is_a_task_of_that_list() {
    for fresh in backends().await {
        let me = user(&fresh.db, "it@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        for add in ["add renew car insurance friday", "add a tomorrow", "add b tomorrow"] {
            say(&scope, &mut state, add).await;
        }
        say(&scope, &mut state, "what's due tomorrow?").await;
        // not the task added before the list
        let asked = say(&scope, &mut state, "delete it").await;
        assert_eq!(asked, "Which one: a, b?");
        assert_eq!(say(&scope, &mut state, "the second one").await, "Deleted “b”.");
        task(&scope, "renew car insurance").await;
        // a list of one: "it" is that task
        say(&scope, &mut state, "find tasks about insurance").await;
        say(&scope, &mut state, "move it to wednesday").await;
        let due = local(&task(&scope, "renew car insurance").await).expect("a due date");
        assert_eq!(due.weekday(), Weekday::Wed);
        // a long list is asked about by number
        for n in 1..=7 {
            say(&scope, &mut state, &format!("add chore {n}")).await;
        }
        say(&scope, &mut state, "show my tasks about chore").await;
        let asked = say(&scope, &mut state, "mark it done").await;
        assert!(
            asked.starts_with("Which one? Say its number or its name:\n1. chore"),
            "{asked}"
        );
        let done = say(&scope, &mut state, "3").await;
        assert!(done.starts_with("Completed “chore"), "{done}");
    }
}

#[tokio::test]
async fn the_next_task_and_the_next_days() {
    for fresh in backends().await {
        let me = user(&fresh.db, "next@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        for add in [
            "add someday thing",
            "add later thing in 5 days",
            "add soon thing tomorrow",
        ] {
            say(&scope, &mut state, add).await;
        }
        // soonest first, made last or not
        let next = say(&scope, &mut state, "what's my next task?").await;
        assert!(next.starts_with("Next up (of 3): “soon thing”, due"), "{next}");
        assert_eq!(say(&scope, &mut state, "mark it done").await, "Completed “soon thing”.");
        let all = say(&scope, &mut state, "what do I have to do?").await;
        assert!(all.find("later thing") < all.find("someday thing"), "{all}");
        let ahead = say(&scope, &mut state, "what's due in the next 3 days?").await;
        assert!(
            ahead.starts_with("You have no open tasks due in the next 3 days"),
            "{ahead}"
        );
        let ahead = say(&scope, &mut state, "anything due within a week?").await;
        assert!(ahead.contains("later thing") && !ahead.contains("someday"), "{ahead}");
        // "create a groceries project" makes a project, not a task
        let made = say(&scope, &mut state, "create a groceries project").await;
        assert!(made.starts_with("Created the project “Groceries”"), "{made}");
        assert!(scope.find_project_by_name("Groceries").await.expect("read").is_some());
        assert_eq!(scope.recent_tasks(10).await.expect("the tasks").len(), 3);
    }
}

#[tokio::test]
async fn how_a_task_repeats_is_changed_and_a_completion_undone() {
    for fresh in backends().await {
        let me = user(&fresh.db, "repeat@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add gym every monday at 7am").await;
        let changed = say(&scope, &mut state, "make the gym repeat every tue and thu").await;
        assert!(
            changed.starts_with("“gym” repeats every Tue and Thu now — next due"),
            "{changed}"
        );
        let gym = task(&scope, "gym").await;
        assert_eq!(
            gym.recurrence.as_ref().map(|r| r.rule.as_str()),
            Some("FREQ=WEEKLY;BYDAY=TU,TH")
        );
        let due = gym.due_at.expect("a due date").with_timezone(&TZ);
        assert!(matches!(due.weekday(), Weekday::Tue | Weekday::Thu), "{due}");
        // a task that did not repeat starts to; one task still
        say(&scope, &mut state, "add laundry").await;
        say(&scope, &mut state, "repeat laundry every sunday").await;
        assert!(task(&scope, "laundry").await.recurrence.is_some());
        assert_eq!(scope.recent_tasks(10).await.expect("the tasks").len(), 2);
        // a completion of a repeating task taken back: its date again, the completion forgotten
        let before = task(&scope, "gym").await.due_at;
        let done = say(&scope, &mut state, "i did the gym").await;
        assert!(done.starts_with("Completed “gym” — next due"), "{done}");
        assert_ne!(task(&scope, "gym").await.due_at, before);
        let undone = say(&scope, &mut state, "gym isn't finished after all").await;
        assert!(undone.starts_with("Undid completing “gym”"), "{undone}");
        assert_eq!(task(&scope, "gym").await.due_at, before);
        say(&scope, &mut state, "i did the gym").await;
        let undone = say(&scope, &mut state, "undo").await;
        assert!(undone.starts_with("Undid completing “gym”"), "{undone}");
        assert_eq!(task(&scope, "gym").await.due_at, before);
        // nothing left to undo: it is open
        let again = say(&scope, &mut state, "undo").await;
        assert!(again.starts_with("There is nothing for me to undo"), "{again}");
        assert_eq!(task(&scope, "gym").await.due_at, before);
    }
}

#[tokio::test]
async fn nothing_is_changed_that_was_not_named() {
    for fresh in backends().await {
        let me = user(&fresh.db, "named@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "create a groceries project").await;
        say(&scope, &mut state, "add oat milk to groceries").await;
        // a project named: never the task talked about last
        for message in ["delete the home reno project", "delete the groceries project"] {
            let answer = say(&scope, &mut state, message).await;
            assert!(answer.starts_with("I only delete tasks."), "{message}: {answer}");
        }
        task(&scope, "oat milk").await;
        // a new task said with a date is not an old one that shares a word, moved
        say(&scope, &mut state, "add pay the electric bill on dec 31").await;
        let due = task(&scope, "pay the electric bill").await.due_at;
        let answer = say(&scope, &mut state, "pay the gas bill tomorrow").await;
        assert!(!answer.starts_with("Moved"), "{answer}");
        assert_eq!(task(&scope, "pay the electric bill").await.due_at, due);
        // named with a word of moving, it moves
        say(&scope, &mut state, "move the electric bill to tomorrow").await;
        assert_ne!(task(&scope, "pay the electric bill").await.due_at, due);
        // a new repeat starts from today: no nearer day skipped
        say(&scope, &mut state, "add gym every monday at 7am").await;
        say(&scope, &mut state, "make the gym repeat daily").await;
        let next = task(&scope, "gym").await.due_at.expect("a due date");
        assert!(next - chrono::Utc::now() <= Duration::days(1), "{next}");
    }
}
