//! Questions and small words from QA pass 6: a project's tasks asked for as "my work tasks",
//! what was finished on a day, a month named alone, "and add it to work", and "thanks!".
use super::{backends, say, task, user, ConversationState, UserScope};

#[tokio::test]
async fn a_projects_tasks_and_what_was_finished_when() {
    for fresh in backends().await {
        let me = user(&fresh.db, "asked@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "create a project called Work").await;
        say(&scope, &mut state, "add buy bread").await;
        // "it" added to a project is the task talked about, moved there
        let answer = say(&scope, &mut state, "and add it to work").await;
        assert_eq!(answer, "Moved “buy bread” to Work.");
        say(&scope, &mut state, "add plan offsite").await;
        let answer = say(&scope, &mut state, "add that to work too").await;
        assert_eq!(answer, "Moved “plan offsite” to Work.");
        say(&scope, &mut state, "add call the plumber").await;
        for question in ["show my work tasks", "what are my work tasks?", "list work stuff"] {
            let answer = say(&scope, &mut state, question).await;
            assert!(
                answer.starts_with("You have 2 open tasks in Work:"),
                "{question}: {answer}"
            );
            assert!(!answer.contains("plumber"), "{question}: {answer}");
        }
        // finished today, this week, yesterday: by when they were completed
        say(&scope, &mut state, "add flight jan 3").await;
        say(&scope, &mut state, "I bought the bread").await;
        assert!(task(&scope, "buy bread").await.completed);
        for question in ["what did I finish today?", "what have I completed this week?"] {
            let answer = say(&scope, &mut state, question).await;
            assert!(answer.starts_with("You have 1 task completed"), "{question}: {answer}");
            assert!(answer.contains("buy bread"), "{question}: {answer}");
        }
        let answer = say(&scope, &mut state, "what did I finish yesterday").await;
        assert_eq!(answer, "You have no tasks completed yesterday.");
        // done ones asked as due keep to due dates
        let answer = say(&scope, &mut state, "show completed tasks due today").await;
        assert!(answer.starts_with("You have no completed tasks due today"), "{answer}");
        // a month named alone: the coming one
        let answer = say(&scope, &mut state, "what's due in january?").await;
        assert!(answer.contains("due in January"), "{answer}");
        assert!(answer.contains("flight"), "{answer}");
        // thanks and acknowledgements are no tasks
        let before = scope.count_tasks().await.expect("a count");
        for (said, answer) in [
            ("thanks!", "You're welcome!"),
            ("thank you so much", "You're welcome!"),
            ("hmm, nevermind", "OK."),
            ("ok cool", "OK."),
        ] {
            assert_eq!(say(&scope, &mut state, said).await, answer, "{said}");
        }
        assert_eq!(scope.count_tasks().await.expect("a count"), before);
        assert!(say(&scope, &mut state, "add thank you card")
            .await
            .starts_with("Added “thank you card”"));
    }
}
