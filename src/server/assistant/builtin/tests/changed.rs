//! Changes said of what was just set or of many tasks: a reminder replaced ("change the reminder
//! to 30 min before", "actually make that 45"), many tasks given one priority, a series that
//! moves with its task, "check off the 2nd one".
use super::*;
use crate::domain::task::Priority;

#[tokio::test]
async fn a_reminder_changed_replaces_it_and_a_correction_replaces_the_one_just_set() {
    for fresh in backends().await {
        let me = user(&fresh.db, "reminder-change@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add pills in 3 days at 8am").await;
        assert_eq!(reminders(&scope, "pills").await, [ReminderSpec::Before(0)]);
        let changed = say(&scope, &mut state, "change the reminder on pills to 30 min before").await;
        assert!(
            changed.starts_with("I'll remind you 30 min before “pills”")
                && changed.ends_with("instead of at the due time."),
            "{changed}"
        );
        assert_eq!(reminders(&scope, "pills").await, [ReminderSpec::Before(30)]);
        // "make that 45", "actually make that 45 min before": the one just set
        for (said, minutes) in [("actually make that 45 min before", 45), ("make that 20", 20)] {
            let fixed = say(&scope, &mut state, said).await;
            assert!(
                fixed.starts_with(&format!("I'll remind you {minutes} min before “pills”")),
                "{said}: {fixed}"
            );
            assert_eq!(
                reminders(&scope, "pills").await,
                [ReminderSpec::Before(minutes)],
                "{said}"
            );
        }
        // one more is added, and a correction then changes only that one, in its unit
        let added = say(&scope, &mut state, "remind me about pills an hour before").await;
        assert!(added.starts_with("I'll remind you 1 h before"), "{added}");
        let fixed = say(&scope, &mut state, "actually 2").await;
        assert!(fixed.ends_with("instead of 1 h before."), "{fixed}");
        assert_eq!(
            reminders(&scope, "pills").await,
            [ReminderSpec::Before(20), ReminderSpec::Before(120)]
        );
        assert_eq!(
            task(&scope, "pills").await.due_at.map(|d| d.with_timezone(&TZ).time()),
            Some(time(8, 0))
        );
        // "set a reminder" adds one, as before
        say(&scope, &mut state, "set a reminder for pills 10 min before").await;
        assert_eq!(reminders(&scope, "pills").await.len(), 3);
        // and "undo" takes a change back
        say(&scope, &mut state, "move my reminder for pills to 5 minutes before").await;
        assert_eq!(reminders(&scope, "pills").await, [ReminderSpec::Before(5)]);
        say(&scope, &mut state, "undo").await;
        assert_eq!(reminders(&scope, "pills").await.len(), 3);
    }
}

#[tokio::test]
async fn many_tasks_get_one_priority_when_asked_and_undo_takes_it_back() {
    for fresh in backends().await {
        let me = user(&fresh.db, "priority-many@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add call bank tomorrow").await;
        say(&scope, &mut state, "add pay rent tomorrow 9am").await;
        say(&scope, &mut state, "add buy milk").await;
        let asked = say(&scope, &mut state, "make all my tasks due tomorrow high priority").await;
        assert!(
            asked.starts_with("Set these 2 tasks to high priority:") && asked.contains("“pay rent”"),
            "{asked}"
        );
        assert!(!asked.contains("buy milk"), "{asked}");
        assert_eq!(
            task(&scope, "call bank").await.priority,
            Priority::None,
            "changed before the yes"
        );
        let done = say(&scope, &mut state, "yes").await;
        assert!(done.starts_with("Set 2 tasks to high priority:"), "{done}");
        for title in ["call bank", "pay rent"] {
            assert_eq!(task(&scope, title).await.priority, Priority::High, "{title}");
        }
        assert_eq!(task(&scope, "buy milk").await.priority, Priority::None);
        say(&scope, &mut state, "undo").await;
        assert_eq!(task(&scope, "pay rent").await.priority, Priority::None);
        // after a list: "them"
        say(&scope, &mut state, "what's due tomorrow?").await;
        let asked = say(&scope, &mut state, "set them all to low").await;
        assert!(asked.starts_with("Set these 2 tasks to low priority:"), "{asked}");
        say(&scope, &mut state, "no").await;
        assert_eq!(task(&scope, "pay rent").await.priority, Priority::None);
        // one task named is one task
        let one = say(&scope, &mut state, "make buy milk high priority").await;
        assert_eq!(one, "Set “buy milk” to high priority.");
    }
}

#[tokio::test]
async fn a_moved_series_says_so_and_check_off_takes_a_position() {
    for fresh in backends().await {
        let me = user(&fresh.db, "series-moved@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        // two days from now, and the day after: never today, whatever the weekday
        let today = local_now(TZ).date();
        let day = |n: i64| (today + Duration::days(n)).weekday();
        let name = |d: Weekday| crate::domain::capitalised(&d.to_string().to_lowercase());
        say(
            &scope,
            &mut state,
            &format!("add team sync every {} 10am", name(day(2))),
        )
        .await;
        let moved = say(&scope, &mut state, &format!("move team sync to {}", name(day(3)))).await;
        let short = &name(day(3))[..3];
        assert!(
            moved.ends_with(&format!("— it repeats every {short} from now on.")),
            "{moved}"
        );
        // "check off" is how it is done, also of a task whose title holds "check"
        say(&scope, &mut state, "add payroll check tomorrow").await;
        say(&scope, &mut state, "add get a haircut tomorrow").await;
        let listed = say(&scope, &mut state, "what's due tomorrow?").await;
        let second = listed.lines().nth(2).expect("a second task").to_owned();
        let done = say(&scope, &mut state, "check off the 2nd one").await;
        let title = done.trim_start_matches("Completed “").trim_end_matches("”.");
        assert!(second.contains(&format!("2. {title} —")), "{listed} / {done}");
        assert!(task(&scope, title).await.completed, "{title}");
    }
}

#[tokio::test]
async fn the_nth_weekday_of_a_month_named_is_that_day() {
    for fresh in backends().await {
        let me = user(&fresh.db, "nth-weekday@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add quarterly tax payment").await;
        let moved = say(
            &scope,
            &mut state,
            "move quarterly tax payment to the first monday of january",
        )
        .await;
        // the next January's first Monday (this one's while it is ahead)
        let today = local_now(TZ).date();
        let first = |year: i32| chrono::NaiveDate::from_weekday_of_month_opt(year, 1, Weekday::Mon, 1).expect("a day");
        let want = Some(first(today.year()))
            .filter(|d| *d >= today)
            .unwrap_or_else(|| first(today.year() + 1));
        let due = local(&task(&scope, "quarterly tax payment").await).map(|d| d.date());
        assert_eq!(due, Some(want), "{moved}");
        let added = say(&scope, &mut state, "add team lunch on the 2nd friday of january").await;
        assert!(added.starts_with("Added “team lunch” — due Fri Jan "), "{added}");
    }
}
