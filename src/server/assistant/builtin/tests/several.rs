//! What QA pass 21 left: several new things in one sentence ("add X by Friday, and another to
//! call Y", "we need a project for X, and please add Y to it"), a list of subtasks separated by
//! commas, a task named under a project said in part ("under thesis draft" with "My thesis"), and
//! projects named for something ("a project for my thesis") or by their first words ("the Ikeja
//! project"), and a weekday that corrects a move ("i meant tues not mon") near the day it replaces.
use chrono::{Datelike, Duration, Weekday};

use super::{backends, local, say, task, time, user, ConversationState, UserScope, TZ};
use crate::server::tasks::local_now;

#[tokio::test]
async fn several_new_tasks_in_one_sentence_are_each_added() {
    for fresh in backends().await {
        let me = user(&fresh.db, "several@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        let tomorrow = local_now(TZ).date() + Duration::days(1);
        let answer = say(
            &scope,
            &mut state,
            "add call the plumber by Friday, and another to call Ada tomorrow at 10am",
        )
        .await;
        assert!(answer.starts_with("Added “call the plumber” — due Fri"), "{answer}");
        let plumber = local(&task(&scope, "call the plumber").await).expect("a day");
        assert_eq!(plumber.weekday(), Weekday::Fri, "{answer}");
        assert_eq!(
            local(&task(&scope, "call Ada").await),
            Some(tomorrow.and_time(time(10, 0)))
        );
        say(&scope, &mut state, "add buy milk and add call mom").await;
        say(
            &scope,
            &mut state,
            "remind me to water the ferns at 5pm and remind me to feed the cat at 6pm",
        )
        .await;
        for title in ["buy milk", "call mom"] {
            assert_eq!(task(&scope, title).await.due_at, None, "{title}");
        }
        for (title, hour) in [("water the ferns", 17), ("feed the cat", 18)] {
            let t = task(&scope, title).await;
            assert_eq!(local(&t).map(|d| d.time()), Some(time(hour, 0)), "{title}");
            assert!(!t.reminders.is_empty(), "{title}");
        }
        // one undo takes back the whole message
        let answer = say(&scope, &mut state, "undo").await;
        assert!(!answer.starts_with("Sorry"), "{answer}");
        let titles: Vec<String> = scope
            .recent_tasks(20)
            .await
            .expect("the tasks")
            .into_iter()
            .map(|t| t.title)
            .collect();
        assert!(
            !titles.iter().any(|t| t == "water the ferns" || t == "feed the cat"),
            "{titles:?}"
        );
        // a change, then a new task: both done
        let answer = say(&scope, &mut state, "move call mom to friday and add buy stamps").await;
        assert!(answer.contains("Added “buy stamps”"), "{answer}");
        assert_eq!(
            local(&task(&scope, "call mom").await).map(|d| d.weekday()),
            Some(Weekday::Fri)
        );
        // said of the task just added, or one title: one task
        say(&scope, &mut state, "create a project called Groceries").await;
        let answer = say(&scope, &mut state, "add oat milk and add it to groceries").await;
        assert_eq!(answer, "Added “oat milk” to Groceries.");
        say(&scope, &mut state, "add salt and pepper").await;
        say(&scope, &mut state, "add fix the add and remove buttons").await;
        let titles: Vec<String> = scope
            .recent_tasks(20)
            .await
            .expect("the tasks")
            .into_iter()
            .map(|t| t.title)
            .collect();
        assert!(titles.contains(&"salt and pepper".to_owned()), "{titles:?}");
        assert!(
            titles.contains(&"fix the add and remove buttons".to_owned()),
            "{titles:?}"
        );
        // a comma, then a verb: a second task
        say(
            &scope,
            &mut state,
            "add send investor updates, and follow up with Priya tomorrow at 11am",
        )
        .await;
        assert_eq!(task(&scope, "send investor updates").await.due_at, None);
        assert_eq!(
            local(&task(&scope, "follow up with Priya").await),
            Some(tomorrow.and_time(time(11, 0)))
        );
        // a greeting or an "ok" before the first "add"
        say(&scope, &mut state, "hey, add oat bars and add rice cakes").await;
        say(&scope, &mut state, "ok add jam and add honey").await;
        for title in ["oat bars", "rice cakes", "jam", "honey"] {
            task(&scope, title).await;
        }
        // a time alone after "and" is the first task's: one task
        let answer = say(
            &scope,
            &mut state,
            "add meet Ana tomorrow and discuss the budget at 3pm",
        )
        .await;
        assert!(!answer.contains('\n'), "{answer}");
        // a first part that is only offered: the rest waits, and is said
        let answer = say(&scope, &mut state, "call the bank, and another to call the vet").await;
        assert!(answer.contains("I left “add call the vet”"), "{answer}");
    }
}

#[tokio::test]
async fn a_project_and_a_task_for_it_in_one_sentence() {
    for fresh in backends().await {
        let me = user(&fresh.db, "stall@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        let answer = say(
            &scope,
            &mut state,
            "We need a project for the Christmas market stall, and please add book a stall space to it by Friday",
        )
        .await;
        assert!(
            answer.starts_with("Created the project “Christmas market stall”"),
            "{answer}"
        );
        let stall = task(&scope, "book a stall space").await;
        let projects = scope.list_projects(false).await.expect("the projects");
        let project = projects
            .iter()
            .find(|p| p.name == "Christmas market stall")
            .expect("made");
        assert_eq!(stall.project_id, project.id);
        assert_eq!(local(&stall).map(|d| d.weekday()), Some(Weekday::Fri));
        // "… to it, and X too": both into it
        say(&scope, &mut state, "create a project called Launch Comms").await;
        let answer = say(
            &scope,
            &mut state,
            "add write the FAQ page to it, and the social media calendar too",
        )
        .await;
        let projects = scope.list_projects(false).await.expect("the projects");
        let comms = projects.iter().find(|p| p.name == "Launch Comms").expect("made");
        for title in ["write the FAQ page", "the social media calendar"] {
            assert_eq!(task(&scope, title).await.project_id, comms.id, "{answer}");
        }
        // named for something of one's own: without the "my"
        let answer = say(&scope, &mut state, "I need a project for my thesis").await;
        assert!(answer.starts_with("Created the project “Thesis”"), "{answer}");
        // named by its first words with "project"
        say(&scope, &mut state, "create a project called Ikeja shop opening").await;
        let answer = say(&scope, &mut state, "add buy paint to the Ikeja project").await;
        assert_eq!(answer, "Added “buy paint” to Ikeja shop opening.");
        // the words before the name go with it: "… to the ikeja project by friday"
        let answer = say(
            &scope,
            &mut state,
            "add order the signage to the ikeja project by friday",
        )
        .await;
        assert!(
            answer.starts_with("Added “order the signage” to Ikeja shop opening — due Fri"),
            "{answer}"
        );
        for question in ["what's in the ikeja project?", "show me the ikeja project"] {
            let answer = say(&scope, &mut state, question).await;
            assert!(answer.contains("buy paint"), "{question}: {answer}");
        }
        // the first words of a project's name before "project" name it only after "to the", "in
        // my" …
        say(&scope, &mut state, "create a project called Final exams").await;
        let answer = say(&scope, &mut state, "add write the final project report").await;
        assert_eq!(answer, "Added “write the final project report”.");
    }
}

#[tokio::test]
async fn subtasks_listed_with_commas_are_each_added() {
    for fresh in backends().await {
        let me = user(&fresh.db, "thesis@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "create a project called My thesis").await;
        say(&scope, &mut state, "add thesis draft to my thesis").await;
        let parent = task(&scope, "thesis draft").await;
        // the order of the names does not matter
        say(&scope, &mut state, "add subtasks to thesis draft: lit review, appendix").await;
        assert!(task(&scope, "appendix").await.parent_id.is_some());
        // a task's name that goes on past the project's name said in part is the task
        let answer = say(&scope, &mut state, "add intro section under thesis draft").await;
        assert_eq!(answer, "Added “intro section” under “thesis draft”.");
        let answer = say(
            &scope,
            &mut state,
            "add subtasks to thesis draft: outline, lit review, and methods",
        )
        .await;
        assert_eq!(
            answer,
            "Added 3 subtasks under “thesis draft”: “outline”, “lit review”, “methods”."
        );
        for title in ["intro section", "outline", "lit review", "methods"] {
            assert_eq!(
                task(&scope, title).await.parent_id.as_deref(),
                Some(parent.id.as_str()),
                "{title}"
            );
        }
        // what is said of them all goes on each
        say(
            &scope,
            &mut state,
            "add abstract, references by friday under thesis draft",
        )
        .await;
        for title in ["abstract", "references"] {
            let t = task(&scope, title).await;
            assert_eq!(t.parent_id.as_deref(), Some(parent.id.as_str()), "{title}");
            assert_eq!(local(&t).map(|d| d.weekday()), Some(Weekday::Fri), "{title}");
        }
        // one undo takes back the list
        say(&scope, &mut state, "undo").await;
        let titles: Vec<String> = scope
            .recent_tasks(20)
            .await
            .expect("the tasks")
            .into_iter()
            .map(|t| t.title)
            .collect();
        assert!(
            !titles.iter().any(|t| t == "abstract" || t == "references"),
            "{titles:?}"
        );
        // no comma, or one thing done to several: one subtask
        say(&scope, &mut state, "add proofread and format under thesis draft").await;
        task(&scope, "proofread and format").await;
        say(
            &scope,
            &mut state,
            "add a subtask to thesis draft: email Ann, Bob and Carl",
        )
        .await;
        task(&scope, "email Ann, Bob and Carl").await;
        say(
            &scope,
            &mut state,
            "add a subtask to thesis draft: ask Kim, Lee and Pat for notes",
        )
        .await;
        task(&scope, "ask Kim, Lee and Pat for notes").await;
    }
}

#[tokio::test]
async fn a_weekday_said_to_correct_a_move_is_the_one_near_the_day_replaced() {
    for fresh in backends().await {
        let me = user(&fresh.db, "tues@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        let today = local_now(TZ).date();
        // a Monday at least 8 days ahead: its Tuesday is not the next Tuesday from today
        let monday = (8..15)
            .map(|k| today + Duration::days(k))
            .find(|d| d.weekday() == Weekday::Mon)
            .expect("a monday");
        say(&scope, &mut state, "add team sync tomorrow 3pm").await;
        say(
            &scope,
            &mut state,
            &format!("move team sync to {}", monday.format("%b %-d")),
        )
        .await;
        let answer = say(&scope, &mut state, "i meant tues not mon").await;
        assert!(answer.starts_with("Moved “team sync” to Tue"), "{answer}");
        let due = local(&task(&scope, "team sync").await).expect("a due date");
        assert_eq!(due, (monday + Duration::days(1)).and_time(time(15, 0)), "{answer}");
        // not right after a move: the next such day, as said
        say(&scope, &mut state, "add gym").await;
        say(&scope, &mut state, "move team sync to tuesday").await;
        let due = local(&task(&scope, "team sync").await).expect("a due date");
        assert!(due.date() - today <= Duration::days(7), "{due}");
    }
}

#[tokio::test]
async fn two_tasks_each_with_its_day_and_what_stays_one() {
    for fresh in backends().await {
        let me = user(&fresh.db, "dated@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        let answer = say(
            &scope,
            &mut state,
            "Remind me to chase the printers on Thursday morning and to confirm catering numbers by Friday noon",
        )
        .await;
        let printers = task(&scope, "chase the printers").await;
        let catering = task(&scope, "confirm catering numbers").await;
        assert_eq!(
            local(&printers).map(|d| (d.weekday(), d.time())),
            Some((Weekday::Thu, time(9, 0))),
            "{answer}"
        );
        assert_eq!(
            local(&catering).map(|d| (d.weekday(), d.time())),
            Some((Weekday::Fri, time(12, 0))),
            "{answer}"
        );
        assert!(
            !printers.reminders.is_empty() && !catering.reminders.is_empty(),
            "{answer}"
        );
        say(
            &scope,
            &mut state,
            "add book the venue monday and send the invites tuesday at 10am",
        )
        .await;
        assert_eq!(
            local(&task(&scope, "book the venue").await).map(|d| d.weekday()),
            Some(Weekday::Mon)
        );
        assert_eq!(
            local(&task(&scope, "send the invites").await).map(|d| d.weekday()),
            Some(Weekday::Tue)
        );
        say(&scope, &mut state, "add chem lab report fri and bio reading sat").await;
        assert_eq!(
            local(&task(&scope, "chem lab report").await).map(|d| d.weekday()),
            Some(Weekday::Fri)
        );
        assert_eq!(
            local(&task(&scope, "bio reading").await).map(|d| d.weekday()),
            Some(Weekday::Sat)
        );
        // "another …" after a reminder is another reminder
        say(
            &scope,
            &mut state,
            "remind me to call mom at 5pm and another to call dad at 6pm",
        )
        .await;
        assert!(!task(&scope, "call dad").await.reminders.is_empty());
        // one task: a person after "another to", a place that is no project, "and add" in a title
        // said without "add", one day only
        for (message, title) in [
            (
                "add send a card to mom and another to dad",
                "send a card to mom and another to dad",
            ),
            (
                "add take the chicken out and put it in the fridge",
                "take the chicken out and put it in the fridge",
            ),
            (
                "remind me at 6pm to water the ferns and add fertilizer",
                "water the ferns and add fertilizer",
            ),
            (
                "remind me to call grandma tomorrow and ask about lunch",
                "call grandma and ask about lunch",
            ),
        ] {
            let answer = say(&scope, &mut state, message).await;
            assert!(answer.starts_with(&format!("Added “{title}”")), "{message}: {answer}");
            assert!(!answer.contains('\n'), "{message}: {answer}");
        }
        // a project made and a task "for it" in one message
        let answer = say(
            &scope,
            &mut state,
            "Make a project for Kumo Tea and add packaging sketches for it due friday",
        )
        .await;
        let sketches = task(&scope, "packaging sketches").await;
        let projects = scope.list_projects(false).await.expect("the projects");
        let kumo = projects.iter().find(|p| p.name == "Kumo Tea").expect("made");
        assert_eq!(sketches.project_id, kumo.id, "{answer}");
    }
}

#[tokio::test]
async fn thanks_and_sign_offs_change_nothing() {
    for fresh in backends().await {
        let me = user(&fresh.db, "thanks@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add laundry in 3 days").await;
        let due = task(&scope, "laundry").await.due_at;
        for message in [
            "thanks, that's all for today",
            "gracias, thats all for now",
            "ok that's everything",
            "thanks, that's it for today",
        ] {
            let answer = say(&scope, &mut state, message).await;
            assert!(
                !answer.starts_with("Moved") && !answer.starts_with("Add"),
                "{message}: {answer}"
            );
            assert_eq!(task(&scope, "laundry").await.due_at, due, "{message}");
        }
        // asked, it is a question
        let answer = say(&scope, &mut state, "is that everything for today?").await;
        assert!(answer.starts_with("You have"), "{answer}");
        // thanks first, then a request: the request
        let answer = say(
            &scope,
            &mut state,
            "k thx. also need to pay the light bill by fri, its important",
        )
        .await;
        assert!(answer.starts_with("Added “pay the light bill” — due Fri"), "{answer}");
        assert_eq!(task(&scope, "laundry").await.due_at, due);
        // a "No." before a correction is the correction's
        say(&scope, &mut state, "move laundry to 2 days from now").await;
        let answer = say(&scope, &mut state, "No. 3 days from now.").await;
        assert!(answer.starts_with("Moved “laundry”"), "{answer}");
        assert_eq!(task(&scope, "laundry").await.due_at, due);
        // a greeting in another language is a greeting
        let answer = say(&scope, &mut state, "hola").await;
        assert!(answer.starts_with("I can manage your tasks"), "{answer}");
        assert_eq!(scope.recent_tasks(10).await.expect("the tasks").len(), 2);
    }
}

#[tokio::test]
async fn tasks_named_each_are_moved_together_and_done_said_without_i() {
    for fresh in backends().await {
        let me = user(&fresh.db, "moves@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        let tomorrow = local_now(TZ).date() + Duration::days(1);
        say(&scope, &mut state, "add legal review in 3 days at 3pm").await;
        say(&scope, &mut state, "add get CEO sign-off in 3 days").await;
        say(&scope, &mut state, "add laundry").await;
        let before = local(&task(&scope, "legal review").await);
        let answer = say(&scope, &mut state, "move legal review and get CEO sign-off to tomorrow").await;
        let said = tomorrow.format("%a %b %-d").to_string();
        assert_eq!(
            answer,
            format!("Moved 2 tasks to {said}: “legal review”, “get CEO sign-off”.")
        );
        // each keeps its time of day
        assert_eq!(
            local(&task(&scope, "legal review").await),
            Some(tomorrow.and_time(time(15, 0)))
        );
        assert_eq!(
            local(&task(&scope, "get CEO sign-off").await).map(|d| d.date()),
            Some(tomorrow)
        );
        say(&scope, &mut state, "undo").await;
        assert_eq!(local(&task(&scope, "legal review").await), before);
        // several to tag at once: said, never a tag "both"
        let answer = say(&scope, &mut state, "tag both of them with suppliers").await;
        assert!(answer.starts_with("I tag one task at a time"), "{answer}");
        let tasks = scope.recent_tasks(10).await.expect("the tasks");
        assert!(tasks.iter().all(|t| t.tags.is_empty()), "{tasks:?}");
        // a title with "and" in it among the names: each task
        say(&scope, &mut state, "add buy salt and pepper for the staff kitchen").await;
        say(&scope, &mut state, "add order new whiteboard markers").await;
        let answer = say(
            &scope,
            &mut state,
            "delete order new whiteboard markers, buy salt and pepper for the staff kitchen",
        )
        .await;
        assert!(answer.starts_with("Deleted 2 tasks"), "{answer}");
        // "remind me to X at 9pm and to Y at 10pm": two reminders
        say(
            &scope,
            &mut state,
            "remind me to take my meds at 9pm and to call dad at 10pm",
        )
        .await;
        assert_eq!(
            local(&task(&scope, "call dad").await).map(|d| d.time()),
            Some(time(22, 0))
        );
        assert_eq!(
            local(&task(&scope, "take my meds").await).map(|d| d.time()),
            Some(time(21, 0))
        );
        // a project, then "put X in it"
        say(
            &scope,
            &mut state,
            "start a project for my Abitur prep and put make a revision plan in it",
        )
        .await;
        let projects = scope.list_projects(false).await.expect("the projects");
        let abitur = projects.iter().find(|p| p.name == "Abitur prep").expect("made");
        assert_eq!(task(&scope, "make a revision plan").await.project_id, abitur.id);
        // "did the laundry", without "I": done
        let answer = say(&scope, &mut state, "did the laundry").await;
        assert_eq!(answer, "Completed “laundry”.");
        // the moment said first, then "it" (texted "abt"): a reminder on the task just talked about
        say(&scope, &mut state, "add pay rent in 3 days").await;
        let answer = say(&scope, &mut state, "remind me in 2 days at 7pm abt it").await;
        assert!(!answer.starts_with("Added"), "{answer}");
        let rent = task(&scope, "pay rent").await;
        let at = (local_now(TZ).date() + Duration::days(2)).and_time(time(19, 0));
        let rings: Vec<_> = super::reminders_at(&rent);
        assert!(rings.contains(&at), "{answer}: {rings:?}");
        // "it" first, then the moment
        let answer = say(&scope, &mut state, "remind me about it in 2 days at 8pm").await;
        let rings = super::reminders_at(&task(&scope, "pay rent").await);
        let at8 = (local_now(TZ).date() + Duration::days(2)).and_time(time(20, 0));
        assert!(rings.contains(&at8), "{answer}: {rings:?}");
        // "nxt tues" is next Tuesday's
        say(&scope, &mut state, "add dentist for sofia nxt tues 10am").await;
        let dentist = local(&task(&scope, "dentist for sofia").await).expect("a due date");
        assert_eq!((dentist.weekday(), dentist.time()), (Weekday::Tue, time(10, 0)));
    }
}
