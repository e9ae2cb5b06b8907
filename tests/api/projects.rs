//! The doors of projects, subtasks and your data: the projects API, the tasks API's new fields
//! and filters, quick-add `+project` through the dashboard's form, export then import into
//! another account, a Todoist CSV through the API and through the `/settings` form, and the
//! import route's own body limit. (The rules themselves are proven in the repository tests.)
use serde_json::{json, Value};

use crate::helpers::{count, get_json, TestApp};

async fn post_json(client: &reqwest::Client, url: String, body: Value) -> (u16, Value) {
    let res = client.post(url).json(&body).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

fn form_body(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", taskpilot::domain::encode_query_value(v)))
        .collect::<Vec<_>>()
        .join("&")
}

#[tokio::test]
async fn projects_and_subtasks_through_the_api() {
    let (app, db) = TestApp::spawn().await;
    let (a, b) = (app.client(), app.client());
    app.signup(&a, "proj-a@example.com").await;
    app.signup(&b, "proj-b@example.com").await;
    let list = get_json(&a, app.url("/api/v1/projects")).await;
    assert_eq!(list["items"][0]["name"], "Inbox");
    assert_eq!(list["items"][0]["is_inbox"], true);
    let inbox = list["items"][0]["id"].as_str().unwrap().to_owned();
    let (status, work) = post_json(&a, app.url("/api/v1/projects"), json!({"name": "Work"})).await;
    assert_eq!(status, 201);
    let work_id = work["id"].as_str().unwrap().to_owned();
    assert_eq!(
        post_json(&a, app.url("/api/v1/projects"), json!({"name": " work "}))
            .await
            .0,
        409
    );
    assert_eq!(
        post_json(&a, app.url("/api/v1/projects"), json!({"name": ""})).await.0,
        422
    );
    // B cannot see, change or use A's project: 404 on the path, 422 naming the field in a body
    let path = app.url(&format!("/api/v1/projects/{work_id}"));
    assert_eq!(b.get(&path).send().await.unwrap().status(), 404);
    assert_eq!(
        b.patch(&path)
            .json(&json!({"name": "mine"}))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(b.delete(&path).send().await.unwrap().status(), 404);
    let (status, err) = post_json(
        &b,
        app.url("/api/v1/tasks"),
        json!({"title": "x", "project_id": work_id}),
    )
    .await;
    assert_eq!((status, err["error"]["field"].as_str()), (422, Some("project_id")));
    let res = b
        .get(app.url(&format!("/api/v1/tasks?project={work_id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    // the Inbox stays put
    let inbox_path = app.url(&format!("/api/v1/projects/{inbox}"));
    assert_eq!(a.delete(&inbox_path).send().await.unwrap().status(), 409);
    assert_eq!(
        a.patch(&inbox_path)
            .json(&json!({"archived": true}))
            .send()
            .await
            .unwrap()
            .status(),
        409
    );
    // tasks: the Inbox by default, a project by id, subtasks with counts
    let (_, plain) = post_json(&a, app.url("/api/v1/tasks"), json!({"title": "plain"})).await;
    assert_eq!(plain["project_id"], inbox.as_str());
    assert_eq!(plain["parent_id"], Value::Null);
    assert_eq!(plain["subtasks"], json!({"total": 0, "done": 0}));
    let (_, parent) = post_json(
        &a,
        app.url("/api/v1/tasks"),
        json!({"title": "Plan party", "project_id": work_id}),
    )
    .await;
    let parent_id = parent["id"].as_str().unwrap().to_owned();
    for title in ["Buy balloons", "Order cake"] {
        let (status, sub) = post_json(
            &a,
            app.url("/api/v1/tasks"),
            json!({"title": title, "parent_id": parent_id}),
        )
        .await;
        assert_eq!((status, sub["project_id"].as_str()), (201, Some(work_id.as_str())));
    }
    let (status, err) = post_json(
        &a,
        app.url("/api/v1/tasks"),
        json!({"title": "x", "parent_id": parent_id, "project_id": inbox}),
    )
    .await;
    assert_eq!((status, err["error"]["field"].as_str()), (422, Some("parent_id")));
    let subs = get_json(&a, app.url(&format!("/api/v1/tasks?parent={parent_id}"))).await;
    assert_eq!(subs["items"].as_array().unwrap().len(), 2);
    let first = subs["items"][0]["id"].as_str().unwrap();
    a.patch(app.url(&format!("/api/v1/tasks/{first}")))
        .json(&json!({"completed": true}))
        .send()
        .await
        .unwrap();
    let counted = get_json(&a, app.url(&format!("/api/v1/tasks/{parent_id}"))).await;
    assert_eq!(counted["subtasks"], json!({"total": 2, "done": 1}));
    // a cycle is a 422 naming parent_id
    let res = a
        .patch(app.url(&format!("/api/v1/tasks/{parent_id}")))
        .json(&json!({"parent_id": first}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let top = get_json(&a, app.url(&format!("/api/v1/tasks?project={work_id}&parent=none"))).await;
    assert_eq!(top["items"].as_array().unwrap().len(), 1);
    let work = get_json(&a, app.url(&format!("/api/v1/projects/{work_id}"))).await;
    assert_eq!(work["open_count"], 2);
    // deleting the project takes its three tasks
    assert_eq!(a.delete(&path).send().await.unwrap().status(), 204);
    assert_eq!(count(&db.connect().await, "SELECT COUNT(*) FROM tasks").await, 1);
    app.stop().await;
}

#[tokio::test]
async fn quick_add_puts_a_task_in_the_named_project() {
    let (app, db) = TestApp::spawn().await;
    let client = app.client();
    app.signup(&client, "plus@example.com").await;
    let (_, project) = post_json(&client, app.url("/api/v1/projects"), json!({"name": "Home renovation"})).await;
    let add = |title: &str| {
        client
            .post(app.url("/api/create_task"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form_body(&[("title", title)]))
            .send()
    };
    let res = add("Buy paint +home-renovation !high").await.unwrap();
    assert_eq!(res.status(), 200);
    let task: Value = res.json().await.unwrap();
    assert_eq!(
        (task["title"].as_str(), task["project_id"].as_str()),
        (Some("Buy paint"), project["id"].as_str())
    );
    let res = add("Buy paint +nowhere").await.unwrap();
    assert_eq!(res.status(), 422);
    assert_eq!(
        count(&db.connect().await, "SELECT COUNT(*) FROM tasks").await,
        1,
        "nothing is created"
    );
    app.stop().await;
}

#[tokio::test]
async fn export_then_import_into_another_account_gives_the_same_projects_and_tasks() {
    let (app, _db) = TestApp::spawn().await;
    let (a, b) = (app.client(), app.client());
    app.signup(&a, "export-a@example.com").await;
    app.signup(&b, "export-b@example.com").await;
    let (_, groceries) = post_json(&a, app.url("/api/v1/projects"), json!({"name": "Groceries"})).await;
    let gid = groceries["id"].as_str().unwrap();
    let (_, parent) = post_json(
        &a,
        app.url("/api/v1/tasks"),
        json!({"title": "Weekly shop", "project_id": gid, "priority": "high", "tags": ["food"], "due_at": "2030-01-02T09:00:00Z"}),
    )
    .await;
    post_json(
        &a,
        app.url("/api/v1/tasks"),
        json!({"title": "Oat milk", "parent_id": parent["id"], "description": "the barista one"}),
    )
    .await;
    let (_, done) = post_json(&a, app.url("/api/v1/tasks"), json!({"title": "Done already"})).await;
    a.patch(app.url(&format!("/api/v1/tasks/{}", done["id"].as_str().unwrap())))
        .json(&json!({"completed": true}))
        .send()
        .await
        .unwrap();
    a.post(app.url("/api/v1/chat"))
        .json(&json!({"message": "help"}))
        .send()
        .await
        .unwrap();

    let res = a.get(app.url("/api/v1/export")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    let text = res.text().await.unwrap();
    for secret in ["password", "argon2", "token_hash", "session"] {
        assert!(!text.to_lowercase().contains(secret), "the export holds no {secret}");
    }
    let document: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(document["format"], "taskpilot");
    assert_eq!(document["time_zone"], "UTC", "the zone its days without a time are in");
    let (status, counts) = post_json(&b, app.url("/api/v1/import"), document.clone()).await;
    assert_eq!(status, 200, "{counts}");
    assert_eq!(
        counts,
        json!({"projects": 1, "tasks": 3, "conversations": 1, "messages": 2})
    );
    // the same projects and tasks, with new ids
    let shape = |doc: &Value| {
        let projects: std::collections::HashMap<&str, &str> = doc["projects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["id"].as_str().unwrap(), p["name"].as_str().unwrap()))
            .collect();
        let titles: std::collections::HashMap<&str, &str> = doc["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| (t["id"].as_str().unwrap(), t["title"].as_str().unwrap()))
            .collect();
        let mut tasks: Vec<String> = doc["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                format!(
                    "{} in {} under {:?}: {} {} {} {} {}",
                    t["title"],
                    projects[t["project_id"].as_str().unwrap()],
                    t["parent_id"].as_str().map(|p| titles[p]),
                    t["priority"],
                    t["due_at"],
                    t["tags"],
                    t["completed"],
                    t["description"]
                )
            })
            .collect();
        tasks.sort();
        let mut names: Vec<String> = projects.values().map(|n| n.to_string()).collect();
        names.sort();
        (names, tasks)
    };
    let again = get_json(&b, app.url("/api/v1/export")).await;
    assert_eq!(shape(&again), shape(&document));
    let ids_a: Vec<&str> = document["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert!(again["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| !ids_a.contains(&t["id"].as_str().unwrap())));
    assert_eq!(again["conversations"][0]["messages"].as_array().unwrap().len(), 2);
    // the same export imported twice: what is here already is left out, and said so
    let (status, counts) = post_json(&b, app.url("/api/v1/import"), document.clone()).await;
    assert_eq!(status, 200, "{counts}");
    assert_eq!(
        counts,
        json!({"projects": 0, "tasks": 0, "conversations": 0, "messages": 0, "skipped": 4})
    );
    // and into the account it came from (a backup put back): nothing twice either
    let (status, counts) = post_json(&a, app.url("/api/v1/import"), document.clone()).await;
    assert_eq!(status, 200, "{counts}");
    assert_eq!(
        counts,
        json!({"projects": 0, "tasks": 0, "conversations": 0, "messages": 0, "skipped": 4})
    );
    let twice = get_json(&b, app.url("/api/v1/export")).await;
    assert_eq!(shape(&twice), shape(&document));
    assert_eq!(twice["conversations"].as_array().unwrap().len(), 1);
    // a task of it deleted since comes back, under the parent that is still here
    let sub = twice["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| !t["parent_id"].is_null())
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .expect("the subtask");
    b.delete(app.url(&format!("/api/v1/tasks/{sub}"))).send().await.unwrap();
    let (status, counts) = post_json(&b, app.url("/api/v1/import"), document.clone()).await;
    assert_eq!((status, counts["tasks"].as_u64()), (200, Some(1)), "{counts}");
    let back = get_json(&b, app.url("/api/v1/export")).await;
    assert_eq!(shape(&back), shape(&document));
    // all or nothing: one bad task and nothing is imported
    let mut broken = document.clone();
    broken["tasks"][1]["title"] = json!("");
    let (status, err) = post_json(&b, app.url("/api/v1/import"), broken).await;
    assert_eq!(
        (status, err["error"]["field"].as_str()),
        (422, Some("tasks[1].title")),
        "{err}"
    );
    // another app's file (a Vikunja export has no "format"): said what can be imported
    let (status, err) = post_json(
        &b,
        app.url("/api/v1/import"),
        json!({"projects": [], "version": "0.22"}),
    )
    .await;
    assert_eq!(status, 422);
    let said = err["error"]["message"].as_str().unwrap_or_default();
    assert!(said.starts_with("This is not a file Taskpilot can import"), "{err}");
    assert!(said.contains("Todoist"), "{err}");
    let (status, _) = post_json(&b, app.url("/api/v1/import"), json!({"format": "evernote"})).await;
    assert_eq!(status, 422);
    let after = get_json(&b, app.url("/api/v1/tasks?limit=200")).await;
    assert_eq!(after["items"].as_array().unwrap().len(), 3);
    app.stop().await;
}

const TODOIST: &str = "TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE\n\
task,Paint the hall @diy,,1,1,Ann,,tomorrow,en,UTC\n\
note,buy white paint,,,,Ann,,,,\n\
task,Sand the walls,,3,2,Ann,,,en,UTC\n\
section,Garden,,,,,,,,\n\
task,Mow the lawn,,4,1,Ann,,,en,UTC\n";

#[tokio::test]
async fn a_todoist_csv_imports_through_the_api_and_the_settings_form() {
    let (app, db) = TestApp::spawn().await;
    let client = app.client();
    app.signup(&client, "todoist@example.com").await;
    let (status, counts) = post_json(
        &client,
        app.url("/api/v1/import"),
        json!({"format": "todoist_csv", "project": "Renovation", "csv": TODOIST}),
    )
    .await;
    assert_eq!(
        (status, counts["projects"].as_u64(), counts["tasks"].as_u64()),
        (200, Some(1), Some(3)),
        "{counts}"
    );
    let projects = get_json(&client, app.url("/api/v1/projects")).await;
    let renovation = projects["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Renovation")
        .unwrap()
        .clone();
    let tasks = get_json(
        &client,
        app.url(&format!(
            "/api/v1/tasks?project={}&sort=title",
            renovation["id"].as_str().unwrap()
        )),
    )
    .await;
    let by_title = |t: &str| {
        tasks["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["title"] == t)
            .unwrap()
            .clone()
    };
    let hall = by_title("Paint the hall");
    assert_eq!(
        (hall["priority"].as_str(), hall["tags"].clone()),
        (Some("high"), json!(["diy"]))
    );
    assert_eq!(hall["description"], "buy white paint");
    assert!(hall["due_at"].is_string());
    assert_eq!(by_title("Sand the walls")["parent_id"], hall["id"]);
    assert_eq!(by_title("Mow the lawn")["tags"], json!(["garden"]));
    // the same name again is a 409 and nothing more is written
    let (status, _) = post_json(
        &client,
        app.url("/api/v1/import"),
        json!({"format": "todoist_csv", "project": "renovation", "csv": TODOIST}),
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(count(&db.connect().await, "SELECT COUNT(*) FROM tasks").await, 3);

    // the /settings form: a multipart post, then the page says what happened, once
    let form = reqwest::multipart::Form::new()
        .text("format", "todoist_csv")
        .text("project", "Garden")
        .part(
            "file",
            reqwest::multipart::Part::bytes(TODOIST.as_bytes().to_vec()).file_name("garden.csv"),
        );
    let res = client
        .post(app.url("/settings/import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let page = client
        .get(app.url("/settings"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Imported 1 project and 3 tasks."), "the result is shown");
    let again = client
        .get(app.url("/settings"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!again.contains("Imported 1 project"), "and only once");
    let form = reqwest::multipart::Form::new().text("format", "taskpilot").part(
        "file",
        reqwest::multipart::Part::bytes(b"not json".to_vec()).file_name("x.json"),
    );
    client
        .post(app.url("/settings/import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let page = client
        .get(app.url("/settings"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Nothing was imported"));
    app.stop().await;
}

#[tokio::test]
async fn only_the_import_route_takes_ten_megabytes() {
    let (app, _db) = TestApp::spawn().await;
    let client = app.client();
    app.signup(&client, "big@example.com").await;
    // 1 MB is too much for a task, and fine for an import (it is read, then refused as a CSV)
    let big = "x".repeat(1024 * 1024);
    let res = client
        .post(app.url("/api/v1/tasks"))
        .json(&json!({"title": big}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    let res = client
        .post(app.url("/api/v1/import"))
        .json(&json!({"format": "todoist_csv", "project": "Big", "csv": format!("TYPE,CONTENT\ntask,{}\n", "y".repeat(1024 * 1024))}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422, "read whole, then the title is too long");
    let huge = "z".repeat(11 * 1024 * 1024);
    let res = client
        .post(app.url("/api/v1/import"))
        .json(&json!({"format": "todoist_csv", "project": "Huge", "csv": huge}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    app.stop().await;
}
