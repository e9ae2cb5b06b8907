//! Due dates moved by an amount ("postpone yoga by a day", "snooze it for an hour", "bring the
//! review forward a week"), clock times said in words ("half past two", "quarter to 5"), and
//! tags or reminders taken off ("remove all tags from X" deleted X).
use chrono::{Duration, Months};

use super::{backends, local, say, task, time, user, ConversationState, UserScope};
use crate::server::tasks::local_now;

#[tokio::test]
async fn a_due_date_moves_by_what_was_said() {
    for fresh in backends().await {
        let me = user(&fresh.db, "moved@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        let today = local_now(super::TZ).date();
        let day = |n: i64| today + Duration::days(n);
        say(&scope, &mut state, "add yoga in 3 days at 6pm").await;
        let yoga = || async { local(&task(&scope, "yoga").await) };
        assert_eq!(yoga().await, Some(day(3).and_time(time(18, 0))));
        for (message, due) in [
            ("postpone yoga by a day", day(4).and_time(time(18, 0))),
            ("snooze it for an hour", day(4).and_time(time(19, 0))),
            ("push yoga back 2 days", day(6).and_time(time(19, 0))),
            ("bring yoga forward by a day", day(5).and_time(time(19, 0))),
            ("move yoga 30 minutes earlier", day(5).and_time(time(18, 30))),
            ("delay yoga a week", day(12).and_time(time(18, 30))),
            ("push it out a couple of days", day(14).and_time(time(18, 30))),
            ("snooze yoga 90m", day(14).and_time(time(20, 0))),
        ] {
            let answer = say(&scope, &mut state, message).await;
            assert!(answer.starts_with("Moved “yoga” to "), "{message}: {answer}");
            assert_eq!(yoga().await, Some(due), "{message}: {answer}");
        }
        // a month keeps the day of the month (or the month's last day)
        say(&scope, &mut state, "add pay rent in 2 days").await;
        let rent = local(&task(&scope, "pay rent").await).expect("a due date");
        let answer = say(&scope, &mut state, "postpone pay rent by a month").await;
        assert_eq!(
            local(&task(&scope, "pay rent").await),
            rent.checked_add_months(Months::new(1)),
            "{answer}"
        );
        // a day without a time moves by days, never by hours; nothing changes
        let answer = say(&scope, &mut state, "postpone pay rent by 2 hours").await;
        assert!(answer.contains("due on a day without a time"), "{answer}");
        assert_eq!(
            local(&task(&scope, "pay rent").await),
            rent.checked_add_months(Months::new(1))
        );
        // no due date: said so, nothing set
        say(&scope, &mut state, "add read the contract").await;
        let answer = say(&scope, &mut state, "postpone read the contract by a day").await;
        assert!(answer.contains("has no due date to move"), "{answer}");
        assert_eq!(local(&task(&scope, "read the contract").await), None);
        // a title holding such words is added as it is, and a date is still a date
        let answer = say(&scope, &mut state, "add push ups for 10 minutes").await;
        assert!(answer.starts_with("Added “push ups for 10 minutes”"), "{answer}");
        say(&scope, &mut state, "move yoga to 5 days from today").await;
        assert_eq!(yoga().await, Some(day(5).and_time(time(20, 0))));
    }
}

#[tokio::test]
async fn clock_times_in_words() {
    for fresh in backends().await {
        let me = user(&fresh.db, "clock@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        let tomorrow = local_now(super::TZ).date() + Duration::days(1);
        for (message, title, h, m) in [
            ("remind me to call mom tomorrow at half past two", "call mom", 14, 30),
            ("add call bank at quarter to 5 tomorrow", "call bank", 16, 45),
            ("add standup tomorrow at quarter past 9", "standup", 9, 15),
            ("add tea tomorrow at half four", "tea", 16, 30),
            ("add pick up kids tomorrow quarter to 4pm", "pick up kids", 15, 45),
            ("add lunch tomorrow at half twelve", "lunch", 12, 30),
            ("add early run tomorrow at quarter past 6am", "early run", 6, 15),
        ] {
            let answer = say(&scope, &mut state, message).await;
            assert!(answer.starts_with(&format!("Added “{title}”")), "{message}: {answer}");
            assert_eq!(
                local(&task(&scope, title).await),
                Some(tomorrow.and_time(time(h, m))),
                "{message}: {answer}"
            );
        }
    }
}

#[tokio::test]
async fn tags_and_reminders_are_taken_off_never_the_task() {
    for fresh in backends().await {
        let me = user(&fresh.db, "off@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(
            &scope,
            &mut state,
            "add dentist checkup in 3 days at 3pm #health #urgent",
        )
        .await;
        say(&scope, &mut state, "add write essay #school #urgent").await;
        // "remove all tags from X" deleted X before
        let answer = say(&scope, &mut state, "remove all tags from dentist checkup").await;
        assert_eq!(answer, "“dentist checkup” is without tags now.");
        let checkup = task(&scope, "dentist checkup").await;
        assert!(checkup.tags.is_empty(), "{:?}", checkup.tags);
        let answer = say(&scope, &mut state, "clear the tags on dentist checkup").await;
        assert_eq!(answer, "“dentist checkup” has no tags.");
        say(&scope, &mut state, "remove the labels from write essay").await;
        assert!(task(&scope, "write essay").await.tags.is_empty());
        // reminders, in the words people use
        assert!(!checkup.reminders.is_empty());
        let answer = say(&scope, &mut state, "delete the reminder on dentist checkup").await;
        assert_eq!(answer, "“dentist checkup” has no reminders now.");
        assert!(task(&scope, "dentist checkup").await.reminders.is_empty());
        say(&scope, &mut state, "add standup tomorrow 9am").await;
        say(&scope, &mut state, "don't remind me about standup").await;
        assert!(task(&scope, "standup").await.reminders.is_empty());
        say(&scope, &mut state, "add call mom tomorrow 5pm").await;
        say(&scope, &mut state, "turn off the reminders for it").await;
        assert!(task(&scope, "call mom").await.reminders.is_empty());
        // every task is still there, and a plain delete still deletes
        assert_eq!(scope.count_tasks().await.expect("a count"), 4);
        say(&scope, &mut state, "delete write essay").await;
        assert_eq!(scope.count_tasks().await.expect("a count"), 3);
    }
}

#[tokio::test]
async fn what_the_review_found_changes_nothing_unmeant() {
    for fresh in backends().await {
        let me = user(&fresh.db, "review@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        let done = |tasks: Vec<crate::domain::task::Task>| tasks.iter().filter(|t| t.completed).count();
        // a title or a note holding "… and complete it" is not two requests
        say(&scope, &mut state, "add taxes tomorrow").await;
        say(&scope, &mut state, "add download the form and complete it by friday").await;
        say(
            &scope,
            &mut state,
            "add a note to taxes: fill in form B and complete it before filing",
        )
        .await;
        assert_eq!(done(scope.recent_tasks(100).await.expect("tasks")), 0);
        assert!(task(&scope, "taxes")
            .await
            .description
            .as_str()
            .contains("complete it before filing"));
        // an amount inside a repeat is the repeat's: a new task, nothing moved
        say(&scope, &mut state, "add car insurance renewal in 10 days").await;
        let renewal = local(&task(&scope, "car insurance renewal").await);
        say(&scope, &mut state, "move the car every 2 days").await;
        assert_eq!(local(&task(&scope, "car insurance renewal").await), renewal);
        // said passively, moved by an amount: moved, not done
        say(&scope, &mut state, "add dentist in 3 days at 3pm").await;
        let dentist = local(&task(&scope, "dentist").await).expect("a due date");
        let answer = say(&scope, &mut state, "the dentist got pushed back a day").await;
        let after = task(&scope, "dentist").await;
        assert!(!after.completed, "{answer}");
        assert_eq!(local(&after), Some(dentist + Duration::days(1)), "{answer}");
        // "2 hours from now" is a moment, not two hours after the due date
        say(&scope, &mut state, "add call the bank in 3 days at 10am").await;
        say(&scope, &mut state, "push the call 2 hours from now").await;
        let call = local(&task(&scope, "call the bank").await).expect("a due date");
        assert!(call < local_now(super::TZ) + Duration::hours(3), "{call}");
        // a title with a detail's word is still deleted
        say(&scope, &mut state, "add write release notes").await;
        let answer = say(&scope, &mut state, "delete write release notes").await;
        assert_eq!(answer, "Deleted “write release notes”.");
        // "what's left for me to do?" is every open task
        let answer = say(&scope, &mut state, "what's left for me to do?").await;
        assert!(answer.contains("taxes"), "{answer}");
    }
}

#[tokio::test]
async fn a_title_holding_a_details_word_is_deleted() {
    for fresh in backends().await {
        let me = user(&fresh.db, "titled@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        for title in ["tags for luggage", "meeting notes", "update tags"] {
            say(&scope, &mut state, &format!("add {title}")).await;
            let answer = say(&scope, &mut state, &format!("delete {title}")).await;
            assert_eq!(answer, format!("Deleted “{title}”."));
        }
        assert_eq!(scope.count_tasks().await.expect("a count"), 0);
    }
}

#[tokio::test]
async fn many_tasks_move_to_one_day_after_a_yes() {
    for fresh in backends().await {
        let me = user(&fresh.db, "many-moved@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        let today = local_now(super::TZ).date();
        let tomorrow = today + Duration::days(1);
        say(&scope, &mut state, "add standup today at 11:59pm").await;
        say(&scope, &mut state, "add pay rent today").await;
        say(&scope, &mut state, "add dentist in 3 days at 3pm").await;
        let answer = say(
            &scope,
            &mut state,
            "i'm off sick today, push everything due today to tomorrow",
        )
        .await;
        assert!(answer.starts_with("Move these 2 tasks to "), "{answer}");
        assert!(
            answer.contains("“standup”") && answer.contains("“pay rent”"),
            "{answer}"
        );
        // nothing moves before the yes
        assert_eq!(local(&task(&scope, "pay rent").await).map(|d| d.date()), Some(today));
        let answer = say(&scope, &mut state, "yes").await;
        assert!(answer.starts_with("Moved 2 tasks"), "{answer}");
        // each keeps its time of day; the dentist is not among them
        assert_eq!(
            local(&task(&scope, "standup").await),
            Some(tomorrow.and_time(time(23, 59)))
        );
        assert_eq!(local(&task(&scope, "pay rent").await).map(|d| d.date()), Some(tomorrow));
        assert_eq!(
            local(&task(&scope, "dentist").await),
            Some((today + Duration::days(3)).and_time(time(15, 0)))
        );
        // "no" leaves them
        say(&scope, &mut state, "move all tasks due tomorrow to 5 days from today").await;
        say(&scope, &mut state, "no").await;
        assert_eq!(local(&task(&scope, "pay rent").await).map(|d| d.date()), Some(tomorrow));
    }
}
