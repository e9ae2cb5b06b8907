//! What earlier QA passes left: a title keeps the dashes and apostrophes it was typed with, a
//! day told ("I have a meeting with Sarah at 10 on thursday") is offered as a task, the task
//! offered is found by its name, a day asked of a date is answered, and a tag is found without
//! its accents.
use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::{backends, local, say, task, time, user, ConversationState, UserScope, TZ};
use crate::server::tasks::local_now;

#[tokio::test]
async fn a_title_keeps_the_dashes_and_apostrophes_typed() {
    for fresh in backends().await {
        let me = user(&fresh.db, "typed@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        let added = say(&scope, &mut state, "add call Mom’s doctor").await;
        assert!(added.starts_with("Added “call Mom’s doctor”"), "{added}");
        say(&scope, &mut state, "add plan the offsite").await;
        let renamed = say(&scope, &mut state, "rename plan the offsite to Q3 – offsite plan").await;
        assert!(renamed.contains("“Q3 – offsite plan”"), "{renamed}");
        task(&scope, "Q3 – offsite plan").await;
        // (the task is still found by a straight apostrophe)
        let done = say(&scope, &mut state, "I called mom's doctor").await;
        assert!(done.starts_with("Completed “call Mom’s doctor”"), "{done}");
        // "remind me about the parcel pickup": the article is not the title's
        say(&scope, &mut state, "remind me about the parcel pickup at 10am tomorrow").await;
        let pickup = task(&scope, "parcel pickup").await;
        let tomorrow = local_now(TZ).date() + Duration::days(1);
        assert_eq!(local(&pickup), Some(tomorrow.and_time(time(10, 0))));
    }
}

#[tokio::test]
async fn a_day_told_is_offered_and_the_offer_is_found_by_its_name() {
    for fresh in backends().await {
        let me = user(&fresh.db, "told@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        for (told, title) in [
            ("I have a meeting with Sarah at 10 on thursday", "meeting with Sarah"),
            ("ive got a dentist appointment friday at 3pm", "dentist appointment"),
            ("there's a bake sale on saturday", "bake sale"),
        ] {
            let offered = say(&scope, &mut state, told).await;
            assert!(
                offered.starts_with(&format!("Add “{title}” as a task?")),
                "{told}: {offered}"
            );
            say(&scope, &mut state, "no").await;
        }
        assert_eq!(scope.count_tasks().await.expect("a count"), 0);
        say(&scope, &mut state, "I have a meeting with Sarah at 10 on thursday").await;
        let added = say(&scope, &mut state, "yes").await;
        assert!(added.starts_with("Added “meeting with Sarah”"), "{added}");
        let due = local(&task(&scope, "meeting with Sarah").await).expect("a due date");
        assert_eq!((due.weekday(), due.time()), (Weekday::Thu, time(10, 0)));
        // a statement with no day is not a task
        let mood = say(&scope, &mut state, "I have a headache").await;
        assert!(!mood.contains("as a task?"), "{mood}");
        // the task offered, named: added, then moved
        let offered = say(&scope, &mut state, "school concert friday 6pm").await;
        assert!(offered.starts_with("Add “school concert” as a task?"), "{offered}");
        let moved = say(&scope, &mut state, "move the school concert to saturday").await;
        assert!(moved.starts_with("Added “school concert”"), "{moved}");
        let due = local(&task(&scope, "school concert").await).expect("a due date");
        assert_eq!((due.weekday(), due.time()), (Weekday::Sat, time(18, 0)));
        // a task that is not the one offered is not added by it
        say(&scope, &mut state, "car service monday 8am").await;
        let other = say(&scope, &mut state, "move the piano lesson to tuesday").await;
        assert!(!other.starts_with("Added"), "{other}");
        assert_eq!(scope.count_tasks().await.expect("a count"), 2);
    }
}

#[tokio::test]
async fn a_day_asked_of_a_date_is_answered() {
    for fresh in backends().await {
        let me = user(&fresh.db, "days@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        let today = local_now(TZ).date();
        let tomorrow = today + Duration::days(1);
        let said = |day: NaiveDate| day.format("%A, %b %-d, %Y").to_string();
        for asked in [
            "what's the date tomorrow?",
            "what day is it tomorrow",
            "what date is tomorrow",
        ] {
            let answer = say(&scope, &mut state, asked).await;
            assert_eq!(answer, format!("{} (tomorrow).", said(tomorrow)), "{asked}");
        }
        let first = NaiveDate::from_ymd_opt(today.year() + 1, 1, 1).expect("a day");
        for asked in [
            format!("what day of the week is jan 1 {}?", today.year() + 1),
            format!("what day is it on 1/1/{}", today.year() + 1),
        ] {
            let answer = say(&scope, &mut state, &asked).await;
            assert!(answer.starts_with(&format!("{} (", said(first))), "{asked}: {answer}");
        }
        let none = say(&scope, &mut state, "what day is feb 30?").await;
        assert!(none.contains("30"), "{none}");
        assert!(!none.contains("as a task?"), "{none}");
        // a task's day is the task's
        say(&scope, &mut state, "add dentist friday at 3pm").await;
        let dentist = say(&scope, &mut state, "what day is the dentist?").await;
        assert!(dentist.contains("dentist"), "{dentist}");
        assert_eq!(scope.count_tasks().await.expect("a count"), 1);
    }
}

#[tokio::test]
async fn a_tag_is_found_without_its_accents() {
    for fresh in backends().await {
        let me = user(&fresh.db, "accents@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add update cv #résumé").await;
        say(&scope, &mut state, "add buy milk #home").await;
        for asked in ["show tasks tagged resume", "my résumé tasks", "what's tagged résumé?"] {
            let listed = say(&scope, &mut state, asked).await;
            assert!(listed.contains("update cv"), "{asked}: {listed}");
            assert!(!listed.contains("buy milk"), "{asked}: {listed}");
        }
    }
}
