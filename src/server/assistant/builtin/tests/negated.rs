//! What QA pass 9 found changing a task the user did not mean: a request said not to be done
//! (“don't delete the gym task” deleted it), “…, don't let me forget” read as “forget” (a
//! deletion), “cancelled” read as done, “it” after a name that found nothing, and “remind me at 5
//! to X” adding a subtask “at 5”; and a repeat's step counted from today, “!!” dropped in chat.
use chrono::{Duration, Weekday};

use super::{backends, local, say, task, time, user, ConversationState, UserScope};
use crate::domain::task::Priority;
use crate::server::tasks::local_now;

#[tokio::test]
async fn a_request_said_not_to_be_done_changes_nothing() {
    for fresh in backends().await {
        let me = user(&fresh.db, "negated@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add gym").await;
        for message in [
            "don't delete the gym task",
            "do not delete the gym task",
            "please dont remove gym",
            "don't cancel gym",
            "never mark gym done",
        ] {
            let answer = say(&scope, &mut state, message).await;
            assert_eq!(answer, "OK, I haven't changed anything.", "{message}");
        }
        for message in [
            "havent done gym yet",
            "i still havent finished gym",
            "gym isnt done actually",
        ] {
            let answer = say(&scope, &mut state, message).await;
            assert_eq!(answer, "“gym” is still open.", "{message}");
        }
        assert!(!task(&scope, "gym").await.completed);
        // a "no" said first is no negation of what follows
        let answer = say(&scope, &mut state, "oh wait no it IS done").await;
        assert_eq!(answer, "Completed “gym”.");
        let answer = say(&scope, &mut state, "gym isnt done actually").await;
        assert_eq!(answer, "Reopened “gym”.");
        assert_eq!(scope.count_tasks().await.expect("a count"), 1);
        // what is asked instead is done, on the task the negated request named
        let in_three_days = local_now(super::TZ).date() + Duration::days(3);
        let answer = say(
            &scope,
            &mut state,
            "do not delete the gym task, just move it to 3 days from today",
        )
        .await;
        assert!(answer.starts_with("Moved “gym”"), "{answer}");
        assert_eq!(local(&task(&scope, "gym").await).map(|d| d.date()), Some(in_three_days));
        let answer = say(&scope, &mut state, "don't delete gym, it's fine").await;
        assert_eq!(answer, "OK, I haven't changed anything.");
        assert_eq!(scope.count_tasks().await.expect("a count"), 1);
    }
}

#[tokio::test]
async fn dont_let_me_forget_after_a_statement_adds_and_cancelled_asks() {
    for fresh in backends().await {
        let me = user(&fresh.db, "forget@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        let today = local_now(super::TZ).date();
        say(&scope, &mut state, "add sign lily's permission slip").await;
        say(&scope, &mut state, "add call the plumber").await;
        let answer = say(
            &scope,
            &mut state,
            "lily's recital is in 5 days at 6pm, don't let me forget",
        )
        .await;
        assert!(answer.starts_with("Added “lily's recital”"), "{answer}");
        assert_eq!(
            local(&task(&scope, "lily's recital").await),
            Some((today + Duration::days(5)).and_time(time(18, 0)))
        );
        let answer = say(&scope, &mut state, "the plumber visit is tomorrow, don't forget").await;
        assert!(answer.starts_with("Added “plumber visit”"), "{answer}");
        // both older tasks are still there
        task(&scope, "sign lily's permission slip").await;
        task(&scope, "call the plumber").await;
        // a task of exactly that name is moved there instead of added twice
        let answer = say(
            &scope,
            &mut state,
            "call the plumber is in 3 days, don't let me forget it",
        )
        .await;
        assert!(answer.starts_with("Moved “call the plumber”"), "{answer}");
        assert_eq!(scope.count_tasks().await.expect("a count"), 4);
        // "cancelled" is not done: asked about, for a repeat too (which day is not guessed)
        say(&scope, &mut state, "add soccer every tue and thu at 4:30pm").await;
        let before = local(&task(&scope, "soccer").await);
        for message in ["soccer is cancelled this thursday", "soccer got called off"] {
            let answer = say(&scope, &mut state, message).await;
            assert!(
                answer.contains("Should I mark it done, move it, or delete it?"),
                "{message}: {answer}"
            );
        }
        let soccer = task(&scope, "soccer").await;
        assert!(!soccer.completed);
        assert_eq!(local(&soccer), before);
    }
}

#[tokio::test]
async fn it_after_a_name_that_found_nothing_is_asked_about() {
    for fresh in backends().await {
        let me = user(&fresh.db, "nothing@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add buy socks").await;
        say(&scope, &mut state, "make buy socks high priority").await;
        let answer = say(&scope, &mut state, "move night shift to thursday").await;
        assert_eq!(answer, "I couldn't find a task matching “night shift”.");
        for message in ["actually make it 7:30", "and tag it urgent"] {
            let answer = say(&scope, &mut state, message).await;
            assert_eq!(
                answer, "Which task do you mean? Name it, or list your tasks first.",
                "{message}"
            );
        }
        let socks = task(&scope, "buy socks").await;
        assert_eq!((local(&socks), socks.tags.len()), (None, 0));
    }
}

#[tokio::test]
async fn a_time_before_to_is_a_reminder_a_step_keeps_the_day_and_bangs_are_high() {
    for fresh in backends().await {
        let me = user(&fresh.db, "remind-at@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        let today = local_now(super::TZ).date();
        say(&scope, &mut state, "add email the school").await;
        let answer = say(&scope, &mut state, "remind me at 5 to email the school").await;
        assert!(
            answer.starts_with("I'll remind you about “email the school”"),
            "{answer}"
        );
        let school = task(&scope, "email the school").await;
        assert!(school.subtasks.total == 0, "{answer}");
        assert_eq!(school.reminders.len(), 1);
        assert_eq!(scope.count_tasks().await.expect("a count"), 1);
        // "every 2 weeks" counts from the due date still ahead, not from today
        let wednesday = (1..=7)
            .map(|n| today + Duration::days(n))
            .find(|d| chrono::Datelike::weekday(d) == Weekday::Wed)
            .expect("a wednesday");
        say(&scope, &mut state, "add order flour in 2 days at 7am").await;
        say(&scope, &mut state, "move order flour to wednesday").await;
        let answer = say(&scope, &mut state, "make the flour order repeat every 2 weeks").await;
        assert!(answer.contains("repeats every other week now"), "{answer}");
        assert_eq!(
            local(&task(&scope, "order flour").await),
            Some(wednesday.and_time(time(7, 0)))
        );
        // "!!" standing alone is high priority, as in quick-add; "!!" after a word is only loud
        let answer = say(&scope, &mut state, "add water bill !!").await;
        assert_eq!(answer, "Added “water bill” — high priority.");
        assert_eq!(task(&scope, "water bill").await.priority, Priority::High);
        say(&scope, &mut state, "add call mom!!").await;
        assert_eq!(task(&scope, "call mom").await.priority, Priority::None);
    }
}

/// What a review of the change above found it misreading, each now as the user meant.
#[tokio::test]
async fn what_the_review_found() {
    for fresh in backends().await {
        let me = user(&fresh.db, "reviewed@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        for title in [
            "quarterly report",
            "finish the slides",
            "Call mom about the trip",
            "Renew car insurance",
            "Insurance claim",
            "dentist",
            "gym",
        ] {
            say(&scope, &mut state, &format!("add {title}")).await;
        }
        say(&scope, &mut state, "make quarterly report high priority").await;
        // a sentence naming a task, then "it": that task, never the one talked about last
        say(&scope, &mut state, "add call the bank").await;
        let answer = say(
            &scope,
            &mut state,
            "I finished the quarterly report. Please mark it done.",
        )
        .await;
        assert!(answer.starts_with("Completed “quarterly report”"), "{answer}");
        assert!(!task(&scope, "call the bank").await.completed);
        // "no" before the cue still negates it
        say(&scope, &mut state, "reopen quarterly report").await;
        say(&scope, &mut state, "the quarterly report is no longer urgent").await;
        assert_eq!(task(&scope, "quarterly report").await.priority, Priority::None);
        say(&scope, &mut state, "no need to finish the slides").await;
        assert!(!task(&scope, "finish the slides").await.completed);
        // a repeat said of part of a title is not set on that task
        say(&scope, &mut state, "call mom every sunday").await;
        assert!(task(&scope, "Call mom about the trip").await.recurrence.is_none());
        // the request's own verb tells no task apart: both insurances are asked about
        let answer = say(&scope, &mut state, "push insurance to friday").await;
        assert!(answer.starts_with("Which one:"), "{answer}");
        say(&scope, &mut state, "never mind").await;
        // any change said not to be done
        for message in [
            "don't flag gym as urgent",
            "don't bump the dentist to friday",
            "don't label gym as work",
        ] {
            let answer = say(&scope, &mut state, message).await;
            assert_eq!(answer, "OK, I haven't changed anything.", "{message}");
        }
        let gym = task(&scope, "gym").await;
        assert_eq!((gym.priority, gym.tags.len()), (Priority::None, 0));
        assert_eq!(local(&task(&scope, "dentist").await), None);
        // a correction right after a list (nothing changed) is asked about
        say(&scope, &mut state, "what's due today?").await;
        let answer = say(&scope, &mut state, "actually friday").await;
        assert!(answer.starts_with("Which task should I change?"), "{answer}");
        // "!!" alone is no priority
        say(&scope, &mut state, "add pay the bills").await;
        let answer = say(&scope, &mut state, "wow !!").await;
        assert_eq!(answer, "OK.");
        assert_eq!(task(&scope, "pay the bills").await.priority, Priority::None);
        // "never bring it back" leaves it deleted; "not needed, delete it" deletes
        say(&scope, &mut state, "delete pay the bills").await;
        say(&scope, &mut state, "never bring it back").await;
        assert!(scope
            .recent_tasks(100)
            .await
            .expect("tasks")
            .iter()
            .all(|t| t.title != "pay the bills"));
        say(&scope, &mut state, "add water the plants").await;
        let answer = say(&scope, &mut state, "not needed, delete it").await;
        assert_eq!(answer, "Deleted “water the plants”.");
        // "add friday to X" is no reminder
        say(&scope, &mut state, "add plan party").await;
        say(&scope, &mut state, "add friday to plan party").await;
        assert!(task(&scope, "plan party").await.reminders.is_empty());
    }
}
