//! The builtin assistant through `POST /api/v1/chat`, conversations, and isolation.
use serde_json::{json, Value};

use crate::helpers::{count, TestApp};

struct Chat<'a> {
    app: &'a TestApp,
    client: reqwest::Client,
    conversation: Option<String>,
}

impl Chat<'_> {
    async fn say(&mut self, message: &str) -> Value {
        let res = self
            .client
            .post(self.app.url("/api/v1/chat"))
            .json(&json!({"conversation_id": self.conversation, "message": message}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{message}");
        let body: Value = res.json().await.unwrap();
        self.conversation = body["conversation_id"].as_str().map(str::to_owned);
        body
    }

    async fn reply(&mut self, message: &str) -> String {
        self.say(message).await["reply"]["content"].as_str().unwrap().to_owned()
    }

    async fn tasks(&self, query: &str) -> Vec<Value> {
        let list: Value = self
            .client
            .get(self.app.url(&format!("/api/v1/tasks?{query}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        list["items"].as_array().unwrap().clone()
    }
}

#[tokio::test]
async fn the_builtin_assistant_manages_tasks_by_conversation() {
    let (app, _db) = TestApp::spawn().await;
    let client = app.client();
    app.signup(&client, "chat@example.com").await;
    let mut chat = Chat {
        app: &app,
        client,
        conversation: None,
    };

    let body = chat.say("Add a task to buy milk").await;
    assert_eq!(body["reply"]["content"], "Added “buy milk”.");
    assert_eq!(body["actions"][0]["kind"], "added");
    assert_eq!(body["reply"]["role"], "assistant");
    let reply = chat.reply("remind me to call mom tomorrow at 5pm").await;
    assert!(reply.starts_with("Added “call mom” — due "), "{reply}");
    assert!(reply.contains("17:00"), "{reply}");
    let reply = chat.reply("add pay rent on friday, high priority, tag it home").await;
    assert!(
        reply.contains("“pay rent”") && reply.contains("high priority") && reply.contains("#home"),
        "{reply}"
    );
    let rent = chat.tasks("tag=home").await;
    assert_eq!(rent.len(), 1);
    assert_eq!(rent[0]["priority"], "high");
    assert!(rent[0]["due_at"].is_string());

    let reply = chat.reply("What do I have to do?").await;
    assert!(reply.starts_with("You have 3 open tasks:"), "{reply}");
    let second = reply
        .lines()
        .nth(2)
        .unwrap()
        .trim_start_matches("2. ")
        .split(" — ")
        .next()
        .unwrap()
        .to_owned();
    let reply = chat.reply("complete the second one").await;
    assert_eq!(reply, format!("Completed “{second}”."));
    assert_eq!(chat.tasks("status=done").await[0]["title"], second.as_str());

    let reply = chat.reply("rename buy milk to buy oat milk").await;
    assert_eq!(reply, "Renamed “buy milk” to “buy oat milk”.");
    let reply = chat.reply("I bought the oat milk").await;
    assert_eq!(reply, "Completed “buy oat milk”.");
    let reply = chat.reply("mark it as not done").await;
    assert_eq!(reply, "Reopened “buy oat milk”.");
    let reply = chat.reply("make buy oat milk high priority").await;
    assert_eq!(reply, "Set “buy oat milk” to high priority.");
    let reply = chat.reply("move buy oat milk to next monday").await;
    assert!(reply.starts_with("Moved “buy oat milk” to Mon"), "{reply}");
    let reply = chat.reply("show my completed tasks").await;
    assert!(reply.starts_with("You have 1 completed task"), "{reply}");
    let reply = chat.reply("find tasks about milk").await;
    assert!(reply.contains("buy oat milk"), "{reply}");

    // ambiguity is a question, and the answer is understood
    chat.reply("add buy oat milk powder").await;
    let reply = chat.reply("delete oat milk").await;
    assert_eq!(reply, "Which one: buy oat milk, buy oat milk powder?");
    let reply = chat.reply("the second one").await;
    assert_eq!(reply, "Deleted “buy oat milk powder”.");

    // bulk deletion asks first and does nothing until confirmed
    let done_before = chat.tasks("status=done").await.len();
    assert!(done_before >= 1);
    let reply = chat.reply("delete all completed tasks").await;
    assert!(reply.starts_with("Delete your 1 completed task?"), "{reply}");
    assert_eq!(chat.tasks("status=done").await.len(), done_before);
    assert_eq!(chat.reply("no").await, "OK, I left your tasks as they are.");
    assert_eq!(chat.tasks("status=done").await.len(), done_before);
    chat.reply("delete all completed tasks").await;
    assert_eq!(chat.reply("yes").await, "Deleted 1 completed task.");
    assert_eq!(chat.tasks("status=done").await.len(), 0);

    let reply = chat.reply("help").await;
    assert!(reply.contains("I can manage your tasks"));
    let reply = chat.reply("what is the meaning of life").await;
    assert!(reply.starts_with("Sorry, I didn't understand"), "{reply}");
    let reply = chat.reply("complete walk the dog").await;
    assert_eq!(reply, "I couldn't find a task matching “walk the dog”.");

    // the history is stored: every message, in order, the user's too
    let id = chat.conversation.clone().unwrap();
    let page: Value = chat
        .client
        .get(app.url(&format!("/api/v1/conversations/{id}/messages?limit=200")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 2 * 22);
    assert_eq!(items[0]["content"], "Add a task to buy milk");
    assert_eq!(items[0]["role"], "user");
    assert_eq!(items[1]["actions"][0]["text"], "Added “buy milk”");
    let list: Value = chat
        .client
        .get(app.url("/api/v1/conversations"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"][0]["title"], "Add a task to buy milk");
    app.stop().await;
}

#[tokio::test]
async fn bad_chat_input_is_refused_and_nothing_is_stored() {
    let (app, db) = TestApp::spawn().await;
    let client = app.client();
    app.signup(&client, "bad@example.com").await;
    for body in [
        json!({"message": "   "}),
        json!({"message": "x".repeat(4001)}),
        json!({"message": 5}),
        json!({"text": "hi"}),
    ] {
        let res = client.post(app.url("/api/v1/chat")).json(&body).send().await.unwrap();
        assert_eq!(res.status(), 422, "{body}");
    }
    let res = client
        .post(app.url("/api/v1/chat"))
        .json(&json!({"conversation_id": "nope", "message": "hi"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let conn = db.connect().await;
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM messages").await, 0);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM conversations").await, 0);
    app.stop().await;
}

#[tokio::test]
async fn another_users_conversations_and_tasks_are_out_of_reach() {
    let (app, db) = TestApp::spawn().await;
    let a = app.client();
    let b = app.client();
    app.signup(&a, "a@example.com").await;
    app.signup(&b, "b@example.com").await;
    let mut chat_a = Chat {
        app: &app,
        client: a.clone(),
        conversation: None,
    };
    chat_a.reply("add buy milk").await;
    let a_conv = chat_a.conversation.clone().unwrap();
    let a_task = chat_a.tasks("").await[0]["id"].as_str().unwrap().to_owned();

    for (method, path) in [
        ("get", format!("/api/v1/conversations/{a_conv}/messages")),
        ("delete", format!("/api/v1/conversations/{a_conv}")),
    ] {
        let req = if method == "get" {
            b.get(app.url(&path))
        } else {
            b.delete(app.url(&path))
        };
        assert_eq!(req.send().await.unwrap().status(), 404, "{method} {path}");
    }
    let res = b
        .post(app.url("/api/v1/chat"))
        .json(&json!({"conversation_id": a_conv, "message": "hi"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    // B's assistant cannot see or change A's task, by title or by id
    let mut chat_b = Chat {
        app: &app,
        client: b.clone(),
        conversation: None,
    };
    for message in [
        "mark buy milk as done",
        &format!("complete {a_task}"),
        &format!("delete {a_task}"),
        "delete buy milk",
        "what do I have to do?",
        "find milk",
    ] {
        let reply = chat_b.reply(message).await;
        assert!(
            !reply.contains("Completed") && !reply.contains("Deleted") && !reply.contains("buy milk")
                || reply.contains("couldn't find"),
            "{message}: {reply}"
        );
    }
    let conn = db.connect().await;
    assert_eq!(
        count(
            &conn,
            &format!("SELECT COUNT(*) FROM tasks WHERE id = '{a_task}' AND completed = false")
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &conn,
            &format!("SELECT COUNT(*) FROM messages WHERE conversation_id = '{a_conv}'")
        )
        .await,
        2
    );
    app.stop().await;
}

#[tokio::test]
async fn a_long_conversation_opens_on_its_latest_page() {
    let (app, db) = TestApp::spawn().await;
    let client = app.client();
    let user_id = app.signup(&client, "long@example.com").await;
    let mut chat = Chat {
        app: &app,
        client: client.clone(),
        conversation: None,
    };
    chat.reply("help").await;
    let conv = chat.conversation.clone().unwrap();
    // 10 000 more messages, written straight to the table
    let conn = db.connect().await;
    let backend = conn.get_database_backend();
    for chunk in 0..20 {
        let values: Vec<String> = (0..500)
            .map(|i| {
                let n = chunk * 500 + i;
                format!(
                    "('m{n:05}', '{conv}', '{user_id}', 'user', 'message {n}', NULL, '[]', {})",
                    2_000_000_000_000i64 + n
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO messages (id, conversation_id, user_id, role, content, tool_payload, actions, created_at) VALUES {}",
            values.join(",")
        );
        sea_orm::ConnectionTrait::execute_raw(&conn, sea_orm::Statement::from_string(backend, sql))
            .await
            .unwrap();
    }
    let page: Value = client
        .get(app.url(&format!("/api/v1/conversations/{conv}/messages")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 50);
    assert_eq!(items[49]["content"], "message 9999");
    assert_eq!(items[0]["content"], "message 9950");
    // older pages follow without gaps or repeats
    let cursor = page["next_cursor"].as_str().unwrap();
    let older: Value = client
        .get(app.url(&format!(
            "/api/v1/conversations/{conv}/messages?before={cursor}&limit=100"
        )))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let older = older["items"].as_array().unwrap();
    assert_eq!(older.len(), 100);
    assert_eq!(older[99]["content"], "message 9949");
    assert_eq!(older[0]["content"], "message 9850");
    assert_eq!(
        client
            .get(app.url(&format!("/api/v1/conversations/{conv}/messages?limit=0")))
            .send()
            .await
            .unwrap()
            .status(),
        422
    );
    // deleting the conversation deletes its messages
    assert_eq!(
        client
            .delete(app.url(&format!("/api/v1/conversations/{conv}")))
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM messages").await, 0);
    app.stop().await;
}

/// The chat page renders on a multi-threaded runtime, where a render may end on another thread
/// than it began: nothing in it may be tied to one thread (a `StoredValue::new_local` once was,
/// and panicked the server task).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_chat_page_renders_under_concurrency_on_many_threads() {
    let (app, _db) = TestApp::spawn().await;
    let client = app.client();
    app.signup(&client, "threads@example.com").await;
    let turn: Value = client
        .post(app.url("/api/v1/chat"))
        .json(&json!({"message": "add check the threads"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let path = format!("/chat/{}", turn["conversation_id"].as_str().unwrap());
    let mut pages = Vec::new();
    for i in 0..24 {
        let (client, url) = (client.clone(), app.url(if i % 2 == 0 { &path } else { "/chat" }));
        pages.push(tokio::spawn(async move {
            let res = client
                .get(url)
                .timeout(std::time::Duration::from_secs(30))
                .send()
                .await
                .expect("the page answers within 30 s");
            (res.status(), res.text().await.unwrap())
        }));
    }
    for page in pages {
        let (status, html) = page.await.unwrap();
        assert_eq!(status, 200);
        assert!(html.contains("</html>"), "a whole page");
    }
    drop(client); // its idle keep-alive connections would hold the graceful shutdown open
    tokio::time::timeout(std::time::Duration::from_secs(30), app.stop())
        .await
        .expect("the server stops within 30 s");
}

#[tokio::test]
async fn the_builtin_assistant_knows_projects_and_subtasks() {
    let (app, _db) = TestApp::spawn().await;
    let client = app.client();
    app.signup(&client, "places@example.com").await;
    let mut chat = Chat {
        app: &app,
        client,
        conversation: None,
    };
    assert!(chat
        .reply("create a project called Groceries")
        .await
        .contains("Created the project “Groceries”"));
    assert!(chat.reply("new project: health").await.contains("“Health”"));
    let projects: Value = chat
        .client
        .get(app.url("/api/v1/projects"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id_of = |name: &str| {
        projects["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (groceries, health) = (id_of("Groceries"), id_of("Health"));

    let reply = chat.reply("add oat milk to groceries").await;
    assert_eq!(reply, "Added “oat milk” to Groceries.");
    assert!(chat
        .reply("put bread on my grocery list")
        .await
        .contains("to Groceries"));
    let in_groceries = chat.tasks(&format!("project={groceries}")).await;
    let mut titles: Vec<&str> = in_groceries.iter().map(|t| t["title"].as_str().unwrap()).collect();
    titles.sort();
    assert_eq!(titles, ["bread", "oat milk"]);
    let reply = chat.reply("what's in my groceries project?").await;
    assert!(
        reply.contains("oat milk") && reply.contains("bread") && reply.contains("in Groceries"),
        "{reply}"
    );

    // subtasks, by the parent's name
    chat.say("add plan party").await;
    let reply = chat.reply("add a subtask to plan party: buy balloons").await;
    assert!(
        reply.contains("“buy balloons”") && reply.contains("under “plan party”"),
        "{reply}"
    );
    let reply = chat.reply("what's left in plan party?").await;
    assert!(reply.contains("buy balloons") && !reply.contains("oat milk"), "{reply}");
    let parent = chat.tasks("q=plan%20party").await;
    assert_eq!(parent[0]["subtasks"]["total"], 1);

    // moving to a project by name
    chat.say("add dentist appointment").await;
    let reply = chat.reply("move the dentist to health").await;
    assert_eq!(reply, "Moved “dentist appointment” to Health.");
    assert_eq!(chat.tasks(&format!("project={health}")).await.len(), 1);
    let reply = chat.reply("what projects do I have?").await;
    assert!(
        reply.contains("Inbox") && reply.contains("Groceries (2 open)") && reply.contains("Health (1 open)"),
        "{reply}"
    );
    // a place that is neither is said so, and nothing is listed
    assert!(chat
        .reply("what's in my garage project?")
        .await
        .contains("no project or task called “garage”"));

    // a long list says how long it is and goes on when asked, numbered on
    let client = app.client();
    app.signup(&client, "long-list@example.com").await;
    for i in 1..=25 {
        let res = client
            .post(app.url("/api/v1/tasks"))
            .json(&json!({"title": format!("Chore {}", char::from(b'a' + i as u8 - 1).to_string().repeat(3))}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
    }
    let mut chat = Chat {
        app: &app,
        client,
        conversation: None,
    };
    let first = chat.reply("what do I have to do?").await;
    assert!(
        first.starts_with("You have 25 open tasks. The first 20:") && first.ends_with("Say “more” for the next ones."),
        "{first}"
    );
    let rest = chat.reply("show me more").await;
    assert!(rest.starts_with("5 more:\n21. "), "{rest}");
    let mut seen: Vec<String> = format!("{first}\n{rest}")
        .lines()
        .filter_map(|l| l.split_once(". Chore ").map(|(_, n)| n.to_owned()))
        .collect();
    seen.sort();
    let all: Vec<String> = (b'a'..=b'y').map(|c| char::from(c).to_string().repeat(3)).collect();
    assert_eq!(seen, all, "each once");
    assert!(!rest.contains("Say “more”"), "{rest}");
    // positions count on: the 22nd is the second of the part just shown
    let done = chat.reply("complete the 22nd one").await;
    let second = rest
        .lines()
        .nth(2)
        .and_then(|l| l.split_once(". "))
        .map(|(_, t)| t)
        .unwrap();
    assert!(done.contains(&format!("“{second}”")), "{done} / {second}");

    // a question about a day, or a week, keeps to it (the user's zone is UTC here)
    use chrono::{Datelike, Duration, Utc};
    let client = app.client();
    app.signup(&client, "days@example.com").await;
    let today = Utc::now().date_naive();
    let in_three = today + Duration::days(3);
    let next_monday = today + Duration::days(7 - i64::from(today.weekday().num_days_from_monday()));
    for (title, day) in [
        ("Ping alpha", in_three),
        ("Ping beta", in_three + Duration::days(1)),
        ("Ping gamma", next_monday + Duration::days(6)),
        ("Ping delta", next_monday + Duration::days(9)),
    ] {
        let due = format!("{day}T10:00:00Z");
        let res = client
            .post(app.url("/api/v1/tasks"))
            .json(&json!({"title": title, "due_at": due}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
    }
    let mut chat = Chat {
        app: &app,
        client,
        conversation: None,
    };
    let weekday = in_three.format("%A").to_string().to_lowercase();
    let on_day = chat.reply(&format!("what's due on {weekday}?")).await;
    assert!(
        on_day.contains("Ping alpha") && !on_day.contains("Ping beta") && !on_day.contains("Ping gamma"),
        "{on_day}"
    );
    let next_week = chat.reply("what's coming up next week?").await;
    assert!(
        next_week.contains("due next week") && next_week.contains("Ping gamma") && !next_week.contains("Ping delta"),
        "{next_week}"
    );
    app.stop().await;
}

#[tokio::test]
async fn the_builtin_assistant_reads_everyday_requests_against_the_users_tasks() {
    let (app, _db) = TestApp::spawn().await;
    let client = app.client();
    app.signup(&client, "everyday@example.com").await;
    let mut chat = Chat {
        app: &app,
        client,
        conversation: None,
    };
    // adding in everyday forms; the title keeps the user's own words and case
    let reply = chat
        .reply("don't let me forget to renew my Library card on friday")
        .await;
    assert!(reply.starts_with("Added “renew my Library card” — due Fri"), "{reply}");
    chat.reply("new todo - feed the cat").await;
    chat.reply("could you jot down 'call the bank about the loan' please")
        .await;
    chat.reply("pay rent friday !high #home").await;
    assert_eq!(
        chat.tasks("q=pay%20rent").await.len(),
        0,
        "a bare phrase is asked about first"
    );
    chat.reply("add pay rent friday !high #home").await;
    // follow-ups about "it"
    assert_eq!(
        chat.reply("label it money").await,
        "“pay rent” is tagged #home #money now."
    );
    let reply = chat.reply("and make it due monday").await;
    assert!(reply.starts_with("Moved “pay rent” to Mon"), "{reply}");
    // changes anchored on the task's own words, wherever they stand
    assert_eq!(chat.reply("feed the cat - done").await, "Completed “feed the cat”.");
    assert_eq!(
        chat.reply("feed the cat isn't finished after all").await,
        "Reopened “feed the cat”."
    );
    assert_eq!(
        chat.reply("call the bank should be named call the bank about the mortgage")
            .await,
        "Renamed “call the bank about the loan” to “call the bank about the mortgage”."
    );
    assert_eq!(
        chat.reply("lower the priority of pay rent").await,
        "Set “pay rent” to medium priority."
    );
    assert_eq!(
        chat.reply("bump pay rent up to high").await,
        "Set “pay rent” to high priority."
    );
    assert_eq!(
        chat.reply("take the money tag off pay rent").await,
        "“pay rent” is tagged #home now."
    );
    assert_eq!(
        chat.reply("add a note to pay rent: transfer by the 3rd").await,
        "Added the note to “pay rent”."
    );
    assert_eq!(
        chat.tasks("q=pay%20rent").await[0]["description"],
        "transfer by the 3rd"
    );
    assert_eq!(
        chat.reply("remove the due date from pay rent").await,
        "“pay rent” has no due date now."
    );
    // questions are filters, and "how many" is a number
    let reply = chat.reply("how many do I have left?").await;
    assert_eq!(reply, "You have 4 open tasks.");
    let reply = chat.reply("what's urgent?").await;
    assert!(reply.contains("pay rent") && !reply.contains("feed the cat"), "{reply}");
    // a phrase that may be a new task is asked about, and "yes" adds it
    assert_eq!(
        chat.reply("renew car insurance").await,
        "Add “renew car insurance” as a task? Say “yes” to add it."
    );
    assert!(chat.reply("yes").await.starts_with("Added “renew car insurance”"));
    // "scrap that" deletes the task just talked about
    assert_eq!(chat.reply("scrap that").await, "Deleted “renew car insurance”.");
    // deleting everything asks first, and "yes" does it
    let before = chat.tasks("status=all").await.len();
    let reply = chat.reply("delete all tasks").await;
    assert!(
        reply.starts_with(&format!("Delete all {before} of your tasks")),
        "{reply}"
    );
    assert_eq!(
        chat.tasks("status=all").await.len(),
        before,
        "nothing deleted before the answer"
    );
    assert_eq!(chat.reply("yes").await, format!("Deleted all {before} of your tasks."));
    assert_eq!(chat.tasks("status=all").await.len(), 0);
    app.stop().await;
}
