//! What people ask besides their tasks, and first: "hi! im new here, what can u do", "what time
//! is it?", "what's the weather like tomorrow?", and "what repeats?".
use super::*;

#[tokio::test]
async fn first_words_the_clock_and_the_weather_are_answered() {
    for fresh in backends().await {
        let me = user(&fresh.db, "asides@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        for new in ["hi! im new here, what can u do", "what can this app do?"] {
            let help = say(&scope, &mut state, new).await;
            assert!(help.starts_with("I can manage your tasks. Try:"), "{new}: {help}");
        }
        for clock in ["what time is it?", "whats the time", "what's today's date?"] {
            let now = local_now(TZ);
            let answer = say(&scope, &mut state, clock).await;
            assert!(
                answer.starts_with("It's ") && answer.contains(&now.format("%b %-d, %Y").to_string()),
                "{clock}: {answer}"
            );
            assert!(answer.ends_with("(your time zone: America/New_York)."), "{answer}");
        }
        for weather in ["what's the weather like tomorrow?", "will it rain on saturday?"] {
            let answer = say(&scope, &mut state, weather).await;
            assert!(
                answer.starts_with("I know your tasks, not the weather."),
                "{weather}: {answer}"
            );
        }
        // a task about the weather is a task
        say(&scope, &mut state, "add check the weather forecast").await;
        let about = say(&scope, &mut state, "what's the weather forecast?").await;
        assert!(about.contains("check the weather forecast"), "{about}");
        assert!(
            scope.recent_tasks(10).await.expect("tasks").len() == 1,
            "nothing else was added"
        );
    }
}

#[tokio::test]
async fn what_repeats_lists_each_series_with_how_it_repeats() {
    for fresh in backends().await {
        let me = user(&fresh.db, "repeats@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        let none = say(&scope, &mut state, "what repeats?").await;
        assert!(none.starts_with("None of your tasks repeats."), "{none}");
        say(&scope, &mut state, "add take vitamins every morning").await;
        say(&scope, &mut state, "add water the ferns every 2 weeks").await;
        say(&scope, &mut state, "add buy milk").await;
        let mut listed = String::new();
        for asked in ["what repeats?", "show my recurring tasks", "which tasks repeat?"] {
            listed = say(&scope, &mut state, asked).await;
            assert!(listed.starts_with("You have 2 repeating tasks:"), "{asked}: {listed}");
            assert!(listed.contains(" take vitamins — every day, next due"), "{listed}");
            assert!(
                listed.contains(" water the ferns — every other week, next due"),
                "{listed}"
            );
            assert!(!listed.contains("buy milk"), "{listed}");
        }
        // the list, soonest first, is what "the 2nd one" names
        let second = listed.lines().nth(2).expect("a second line");
        let title = if second.contains("ferns") {
            "water the ferns"
        } else {
            "take vitamins"
        };
        let done = say(&scope, &mut state, "complete the 2nd one").await;
        assert!(done.starts_with(&format!("Completed “{title}” — next due")), "{done}");
    }
}
