//! What QA pass 18 said and was misread: a date's "the last" taken for a task, reminder words
//! taken for a new title, "tick the 3rd one off" taken for "no longer repeats", and the ways
//! people say yes, "on the day", "ping me in 5 min to …", "tue n thu", "bronte" for "Brontë".
use super::*;
use crate::domain::reminder::ReminderSpec;

#[tokio::test]
async fn words_of_a_date_or_a_reminder_never_name_or_rename_another_task() {
    for fresh in backends().await {
        let me = user(&fresh.db, "spoken-names@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add team lunch in 3 days").await;
        let due = task(&scope, "team lunch").await.due_at;
        // "the last" of a date points at no task: the dentist is not there
        let moved = say(&scope, &mut state, "push the dentist to the last monday in january").await;
        assert_eq!(moved, "I couldn't find a task matching “the dentist”.");
        assert_eq!(task(&scope, "team lunch").await.due_at, due);
        // a reminder named by its task's title, or said "beforehand", changes the reminder
        say(&scope, &mut state, "add call the vet in 2 days at 11am").await;
        let changed = say(&scope, &mut state, "change the call the vet reminder to 15 min before").await;
        assert!(
            changed.starts_with("I'll remind you 15 min before “call the vet”"),
            "{changed}"
        );
        let changed = say(
            &scope,
            &mut state,
            "switch the call the vet reminder to 20 minutes beforehand",
        )
        .await;
        assert!(
            changed.starts_with("I'll remind you 20 min before “call the vet”"),
            "{changed}"
        );
        assert_eq!(reminders(&scope, "call the vet").await, [ReminderSpec::Before(20)]);
        let set = say(&scope, &mut state, "set the call the vet reminder to 1 hour before").await;
        assert!(set.ends_with("instead of 20 min before."), "{set}");
        assert_eq!(reminders(&scope, "call the vet").await, [ReminderSpec::Before(60)]);
        // "at 9:45" right after a reminder at a moment: that reminder, on its day; the task stays
        let added = say(&scope, &mut state, "remind me about call the vet at 10am in 2 days").await;
        assert!(added.starts_with("I'll remind you about “call the vet” on "), "{added}");
        let fixed = say(&scope, &mut state, "actually make that 9:45").await;
        assert!(fixed.contains(", 09:45, instead of on "), "{fixed}");
        let vet = task(&scope, "call the vet").await;
        assert_eq!(vet.due_at.map(|d| d.with_timezone(&TZ).time()), Some(time(11, 0)));
        let at: Vec<_> = vet
            .reminders
            .iter()
            .filter_map(|r| match r.spec() {
                Some(ReminderSpec::At(ms)) => chrono::DateTime::from_timestamp_millis(ms),
                _ => None,
            })
            .map(|at| at.with_timezone(&TZ).naive_local())
            .collect();
        let day = (local_now(TZ) + Duration::days(2)).date();
        assert_eq!(at, [day.and_time(time(9, 45))], "{fixed}");
        assert_eq!(vet.title, "call the vet");
    }
}

#[tokio::test]
async fn ticking_the_nth_one_off_completes_it_and_yes_is_said_many_ways() {
    for fresh in backends().await {
        let me = user(&fresh.db, "spoken-lists@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(
            &scope,
            &mut state,
            "add payroll check every other week starting tomorrow",
        )
        .await;
        say(&scope, &mut state, "add water plants every day").await;
        say(&scope, &mut state, "add get a haircut tomorrow").await;
        say(&scope, &mut state, "add call mum tomorrow").await;
        say(&scope, &mut state, "add return the books tomorrow").await;
        for said in [
            "tick the 2nd one off",
            "check the first one off",
            "cross the third one off",
        ] {
            let listed = say(&scope, &mut state, "what's due this week?").await;
            let n = match said {
                s if s.contains("first") => 1,
                s if s.contains("2nd") => 2,
                _ => 3,
            };
            let line = listed.lines().nth(n).expect("a task of the list").to_owned();
            let done = say(&scope, &mut state, said).await;
            let title = line
                .split_once(". ")
                .map(|(_, t)| t)
                .and_then(|t| t.split(" — ").next());
            let title = title.expect("a title");
            assert!(
                done.starts_with(&format!("Completed “{title}”")),
                "{said}: {listed} / {done}"
            );
            let t = task(&scope, title).await;
            assert!(
                t.recurrence.is_some() || t.completed,
                "{said} changed the series of {title}"
            );
        }
        // "make it a one-off" still stops a repeat
        let stopped = say(&scope, &mut state, "make water plants a one-off").await;
        assert_eq!(stopped, "“water plants” no longer repeats.");
        for yes in ["yep do it", "go for it", "yeah go ahead", "ok do it"] {
            say(&scope, &mut state, "make all my tasks due this week high priority").await;
            let done = say(&scope, &mut state, yes).await;
            assert!(done.starts_with("Set "), "{yes}: {done}");
            say(&scope, &mut state, "undo").await;
        }
    }
}

#[tokio::test]
async fn reminders_said_for_the_tasks_day_and_new_tasks_said_as_pings() {
    for fresh in backends().await {
        let me = user(&fresh.db, "spoken-reminders@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add pub quiz in 2 days").await;
        let quiz_day = (local_now(TZ) + Duration::days(2)).date();
        // "N hours before" a day without a time is said to need one, and set nothing
        let refused = say(&scope, &mut state, "remind me 2 hrs before").await;
        assert!(refused.contains("without a time"), "{refused}");
        assert!(reminders(&scope, "pub quiz").await.is_empty());
        // "at 7pm on the day": the task's day
        let set = say(&scope, &mut state, "remind me about the pub quiz at 7pm on the day").await;
        assert!(set.starts_with("I'll remind you about “pub quiz” on "), "{set}");
        let want = crate::server::tasks::to_utc(quiz_day.and_time(time(19, 0)), TZ).timestamp_millis();
        assert_eq!(reminders(&scope, "pub quiz").await, [ReminderSpec::At(want)]);
        // "the day before at 4pm" of the task just added
        say(&scope, &mut state, "add pay casual staff in 3 days at 4pm").await;
        let before = say(&scope, &mut state, "remind me the day before at 4pm").await;
        assert!(
            before.starts_with("I'll remind you about “pay casual staff” on "),
            "{before}"
        );
        // "ping me in 5 min to …" is a new task with its reminder, minutes without seconds
        let pinged = say(&scope, &mut state, "ping me in 5 min to turn the oven off").await;
        assert!(pinged.starts_with("Added “turn the oven off”"), "{pinged}");
        let oven = task(&scope, "turn the oven off").await.due_at.expect("a due time");
        assert_eq!(oven.timestamp() % 60, 0, "{oven}");
        // another task said while one is offered: the offered one is said to be left out
        say(&scope, &mut state, "book flights tomorrow").await;
        let added = say(&scope, &mut state, "remind me to pay the electricity bill in 4 days").await;
        assert!(added.contains("(I didn't add “book flights”"), "{added}");
        // "tue n thu" is both days, and no "n" in the title
        let lectures = say(&scope, &mut state, "lectures every tue n thu at 10am").await;
        assert!(
            lectures.starts_with("Added “lectures” —") && lectures.contains("every Tue and Thu"),
            "{lectures}"
        );
        // an accent left out still names the task, and a project
        say(&scope, &mut state, "add finish essay on Brontë sisters").await;
        let done = say(&scope, &mut state, "complete the bronte essay").await;
        assert_eq!(done, "Completed “finish essay on Brontë sisters”.");
        say(&scope, &mut state, "create a project called Küche").await;
        let added = say(&scope, &mut state, "add spulen to kuche").await;
        assert_eq!(added, "Added “spulen” to Küche.");
        // "mark the second one off" after a list
        let listed = say(&scope, &mut state, "show my tasks").await;
        let second = listed.lines().nth(2).expect("a second task").to_owned();
        let title = second
            .split_once(". ")
            .map(|(_, t)| t)
            .and_then(|t| t.split(" — ").next());
        let marked = say(&scope, &mut state, "mark the second one off").await;
        assert!(
            marked.starts_with(&format!("Completed “{}”", title.expect("a title"))),
            "{listed} / {marked}"
        );
    }
}

#[tokio::test]
async fn corrections_go_to_what_was_just_changed_and_a_bare_ordinal_is_the_lists() {
    for fresh in backends().await {
        let me = user(&fresh.db, "spoken-corrections@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        // "complete the 2nd" after a list: the list's 2nd, not a date
        say(&scope, &mut state, "add team lunch in 3 days").await;
        say(&scope, &mut state, "add pay rent in 3 days").await;
        let listed = say(&scope, &mut state, "show everything").await;
        let done = say(&scope, &mut state, "complete the 2nd").await;
        let title = done.trim_start_matches("Completed “").trim_end_matches("”.");
        assert!(listed.contains(&format!("2. {title} —")), "{listed} / {done}");
        // "actually an hour earlier" after a move moves the task back, reminders untouched
        say(&scope, &mut state, "add dentist in 2 days at 3pm").await;
        say(&scope, &mut state, "remind me about dentist 30 min before").await;
        say(&scope, &mut state, "move the dentist to 4pm").await;
        let back = say(&scope, &mut state, "actually an hour earlier").await;
        assert!(
            back.starts_with("Moved “dentist” to ") && back.ends_with("15:00."),
            "{back}"
        );
        assert_eq!(
            reminders(&scope, "dentist").await,
            [ReminderSpec::Before(0), ReminderSpec::Before(30)]
        );
        // an amount of reminder said after a change that set none: which reminder is asked
        let asked = say(&scope, &mut state, "actually 30 min before").await;
        assert!(asked.starts_with("Which reminder?"), "{asked}");
        // a number that fits no unit of the reminder just set is asked about; the task stays
        say(&scope, &mut state, "remind me about dentist a day before").await;
        let due = task(&scope, "dentist").await.due_at;
        let unit = say(&scope, &mut state, "make that 10").await;
        assert!(unit.starts_with("How long before?"), "{unit}");
        assert_eq!(task(&scope, "dentist").await.due_at, due);
        // a clock said to correct a reminder at a moment keeps its half of the day
        say(&scope, &mut state, "remind me about the dentist at 2pm in 2 days").await;
        let fixed = say(&scope, &mut state, "actually make that 1:45").await;
        assert!(fixed.contains(", 13:45, instead of "), "{fixed}");
    }
}
