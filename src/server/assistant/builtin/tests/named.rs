//! Which task a message names, from QA pass 8's leftovers: a word that tells two tasks apart
//! (“the gas bill” is not “pay the water bill”), “make it to X” naming X for a later “it”, a
//! title's first word that is no verb (“the vet” names “vet appointment”), and “night” in a name.
use chrono::{Duration, Weekday};

use super::{backends, local, say, task, time, user, ConversationState, UserScope};
use crate::server::tasks::local_now;

#[tokio::test]
async fn a_word_that_tells_tasks_apart_is_never_left_out() {
    for fresh in backends().await {
        let me = user(&fresh.db, "named@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add pay the water bill").await;
        for message in [
            "make the gas bill high priority",
            "make gas bill high priority",
            "mark my electricity bill done",
        ] {
            let answer = say(&scope, &mut state, message).await;
            assert!(
                answer.starts_with("I couldn't find a task matching"),
                "{message}: {answer}"
            );
        }
        let water = task(&scope, "pay the water bill").await;
        assert!(!water.completed);
        assert_eq!(water.priority, Default::default());
        // the task's own words still name it, a leading verb left out or not
        let answer = say(&scope, &mut state, "make the water bill high priority").await;
        assert!(answer.starts_with("Set “pay the water bill” to high"), "{answer}");
        let answer = say(&scope, &mut state, "paid the bill").await;
        assert!(answer.starts_with("Completed “pay the water bill”"), "{answer}");
    }
}

#[tokio::test]
async fn make_it_to_names_what_a_later_it_is() {
    for fresh in backends().await {
        let me = user(&fresh.db, "make-it@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        let today = local_now(super::TZ).date();
        say(&scope, &mut state, "add dentist appointment in 3 days at 3pm").await;
        say(&scope, &mut state, "add pay rent").await;
        // nothing called “office hours”: said so, and the task talked about last stays
        let answer = say(
            &scope,
            &mut state,
            "i wont make it to office hours this week, move it to next monday",
        )
        .await;
        assert_eq!(answer, "I couldn't find a task matching “office hours”.");
        assert_eq!(local(&task(&scope, "pay rent").await), None);
        // a task of that name is the one moved, keeping its time
        let answer = say(
            &scope,
            &mut state,
            "I can't make it to the dentist, move it to tomorrow",
        )
        .await;
        assert!(answer.starts_with("Moved “dentist appointment”"), "{answer}");
        let tomorrow = today + Duration::days(1);
        assert_eq!(
            local(&task(&scope, "dentist appointment").await),
            Some(tomorrow.and_time(time(15, 0)))
        );
        // “can't make it” alone asks what to do, never moves the task to the day one cannot make
        say(&scope, &mut state, "add gym in 2 days at 6pm").await;
        let answer = say(&scope, &mut state, "can't make it to the gym on that day").await;
        assert!(
            answer.contains("Should I mark it done, move it, or delete it?"),
            "{answer}"
        );
        let answer = say(&scope, &mut state, "cant make it to the gym tomorrow").await;
        assert!(
            answer.contains("Should I mark it done, move it, or delete it?"),
            "{answer}"
        );
        let gym = today + Duration::days(2);
        assert_eq!(local(&task(&scope, "gym").await), Some(gym.and_time(time(18, 0))));
        // … and “it” then is that task
        say(&scope, &mut state, "move it to 3 days from today").await;
        let moved = today + Duration::days(3);
        assert_eq!(local(&task(&scope, "gym").await), Some(moved.and_time(time(18, 0))));
    }
}

#[tokio::test]
async fn a_name_that_is_no_verb_names_its_task_and_night_stays_in_a_name() {
    for fresh in backends().await {
        let me = user(&fresh.db, "night@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        let today = local_now(super::TZ).date();
        let friday = (1..=7)
            .map(|n| today + Duration::days(n))
            .find(|d| chrono::Datelike::weekday(d) == Weekday::Fri)
            .expect("a friday");
        say(&scope, &mut state, "add vet appointment friday at 10am").await;
        let answer = say(&scope, &mut state, "the vet got pushed back 2 days").await;
        assert!(answer.starts_with("Moved “vet appointment”"), "{answer}");
        assert_eq!(
            local(&task(&scope, "vet appointment").await),
            Some((friday + Duration::days(2)).and_time(time(10, 0)))
        );
        // “date night” is its title, with no due date; “movie night” moves by the amount said
        let answer = say(&scope, &mut state, "add date night").await;
        assert_eq!(answer, "Added “date night”.");
        assert_eq!(local(&task(&scope, "date night").await), None);
        say(&scope, &mut state, "add movie night friday at 8pm").await;
        let answer = say(&scope, &mut state, "move movie night 30 minutes later").await;
        assert!(answer.starts_with("Moved “movie night”"), "{answer}");
        assert_eq!(
            local(&task(&scope, "movie night").await),
            Some(friday.and_time(time(20, 30)))
        );
        let answer = say(&scope, &mut state, "delete date night").await;
        assert_eq!(answer, "Deleted “date night”.");
        // a day's night is still a time
        say(&scope, &mut state, "add call grandma friday night").await;
        assert_eq!(
            local(&task(&scope, "call grandma").await),
            Some(friday.and_time(time(20, 0)))
        );
    }
}
