//! The task list: every sort order pages through every row exactly once, in the promised order,
//! at any page size; every filter returns exactly the right rows. The due filters run against
//! bounds given here, so "today" is whatever day the test says.
use std::collections::HashSet;

use chrono::{DateTime, TimeZone, Utc};

use super::{backends, user};
use crate::domain::query::{DueFilter, SortOrder, StatusFilter, TaskQuery};
use crate::domain::task::{Priority, Task, TaskDraft, TaskInput, TaskPatch};
use crate::server::repo::tasks::DueBounds;
use crate::server::repo::{Db, UserScope};

fn day(d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2030, 1, d, 10, 0, 0).unwrap()
}

/// "Now" is 2030-01-03 12:00 UTC; the week ends with Sunday the 6th.
fn bounds() -> DueBounds {
    let ms = |at: DateTime<Utc>| at.timestamp_millis();
    DueBounds {
        now: ms(Utc.with_ymd_and_hms(2030, 1, 3, 12, 0, 0).unwrap()),
        today_start: ms(Utc.with_ymd_and_hms(2030, 1, 3, 0, 0, 0).unwrap()),
        tomorrow_start: ms(Utc.with_ymd_and_hms(2030, 1, 4, 0, 0, 0).unwrap()),
        day_after_tomorrow_start: ms(Utc.with_ymd_and_hms(2030, 1, 5, 0, 0, 0).unwrap()),
        next_week_start: ms(Utc.with_ymd_and_hms(2030, 1, 7, 0, 0, 0).unwrap()),
        in_seven_days_start: ms(Utc.with_ymd_and_hms(2030, 1, 10, 0, 0, 0).unwrap()),
        span: None,
        done_span: None,
    }
}

async fn all_pages(scope: &UserScope<'_>, query: TaskQuery) -> Vec<Task> {
    let mut items = Vec::new();
    let mut query = query;
    for _ in 0..200 {
        let page = scope.list_tasks(&query, bounds()).await.unwrap();
        assert!(page.items.len() as u64 <= query.limit);
        items.extend(page.items);
        match page.next_cursor {
            Some(cursor) => query.cursor = Some(cursor),
            None => return items,
        }
    }
    panic!("pagination did not end");
}

struct Seeded {
    tasks: Vec<Task>,
    decoy: Task,
}

/// 37 tasks: every 3rd undated, the rest due on days 1..=7; every 4th tagged home, the others
/// work and x_y; every 5th titled "Milk …" (and number 7 mentions milk in its description);
/// every 6th done. And a decoy tagged `xay`, which `x_y` must not match as a LIKE pattern.
async fn seed(scope: &UserScope<'_>) -> Seeded {
    let mut tasks = Vec::new();
    for i in 0..37u32 {
        let tags = if i % 4 == 0 { vec!["home"] } else { vec!["work", "x_y"] };
        let draft = TaskDraft::from_input(TaskInput {
            title: format!("{} task {i:02}", if i % 5 == 0 { "Milk" } else { "other" }),
            description: Some(if i == 7 { "buy MILK too" } else { "" }.into()),
            priority: Some(Priority::ALL[(i % 4) as usize]),
            due_at: (i % 3 != 0).then(|| day(i % 7 + 1).to_rfc3339()),
            tags: Some(tags.into_iter().map(str::to_owned).collect()),
            ..Default::default()
        })
        .unwrap();
        let mut task = scope.create_task(draft).await.unwrap();
        if i % 6 == 0 {
            task = scope.update_task(&task.id, TaskPatch::completed(true)).await.unwrap();
        }
        tasks.push(task);
    }
    let decoy = TaskDraft::from_input(TaskInput {
        title: "decoy".into(),
        tags: Some(vec!["xay".into()]),
        ..Default::default()
    })
    .unwrap();
    let decoy = scope.create_task(decoy).await.unwrap();
    Seeded { tasks, decoy }
}

#[tokio::test]
async fn every_sort_pages_through_every_row_once_in_order() {
    for fresh in backends().await {
        sorts(&fresh.db, fresh.backend).await;
    }
}

async fn sorts(db: &Db, backend: &str) {
    let me = user(db, "sorts@example.com").await;
    let scope = UserScope::new(db, &me);
    seed(&scope).await;
    for sort in [
        SortOrder::Created,
        SortOrder::Due,
        SortOrder::Priority,
        SortOrder::Title,
    ] {
        for limit in [1, 5, 200] {
            let items = all_pages(
                &scope,
                TaskQuery {
                    sort,
                    limit,
                    ..Default::default()
                },
            )
            .await;
            let ids: HashSet<&str> = items.iter().map(|t| t.id.as_str()).collect();
            assert_eq!((items.len(), ids.len()), (38, 38), "{backend} {sort:?} limit {limit}");
            for pair in items.windows(2) {
                let (x, y) = (&pair[0], &pair[1]);
                let ordered = match sort {
                    SortOrder::Created => (x.created_at, &x.id) >= (y.created_at, &y.id),
                    SortOrder::Title => x.title.to_lowercase() <= y.title.to_lowercase(),
                    SortOrder::Priority => x.priority >= y.priority,
                    SortOrder::Due => match (x.due_at, y.due_at) {
                        (Some(a), Some(b)) => a <= b,
                        (None, Some(_)) => false,
                        _ => true,
                    },
                };
                assert!(ordered, "{backend} {sort:?}: {} before {}", x.title, y.title);
            }
        }
    }
}

#[tokio::test]
async fn every_filter_returns_exactly_the_right_rows() {
    for fresh in backends().await {
        filters(&fresh.db, fresh.backend).await;
    }
}

async fn filters(db: &Db, backend: &str) {
    let me = user(db, "filters@example.com").await;
    let scope = UserScope::new(db, &me);
    let Seeded { tasks, decoy } = seed(&scope).await;
    let base = TaskQuery {
        limit: 4,
        ..Default::default()
    };
    let due_on = |i: usize| (i % 3 != 0).then(|| i % 7 + 1);
    type Wanted = Box<dyn Fn(usize) -> bool>;
    let cases: Vec<(TaskQuery, Wanted)> = vec![
        (
            TaskQuery {
                status: StatusFilter::Done,
                ..base.clone()
            },
            Box::new(|i| i % 6 == 0),
        ),
        (
            TaskQuery {
                priority: Some(Priority::High),
                ..base.clone()
            },
            Box::new(|i| i % 4 == 3),
        ),
        (
            TaskQuery {
                tag: Some("home".into()),
                ..base.clone()
            },
            Box::new(|i| i % 4 == 0),
        ),
        (
            TaskQuery {
                tag: Some("x_y".into()),
                ..base.clone()
            },
            Box::new(|i| i % 4 != 0),
        ),
        (
            TaskQuery {
                q: Some("MILK".into()),
                status: StatusFilter::Open,
                ..base.clone()
            },
            Box::new(|i| (i % 5 == 0 || i == 7) && i % 6 != 0),
        ),
        (
            TaskQuery {
                due: Some(DueFilter::None),
                tag: Some("home".into()),
                ..base.clone()
            },
            Box::new(|i| i % 3 == 0 && i % 4 == 0),
        ),
        (
            TaskQuery {
                due: Some(DueFilter::Today),
                ..base.clone()
            },
            Box::new(move |i| due_on(i) == Some(3)),
        ),
        (
            TaskQuery {
                due: Some(DueFilter::ThisWeek),
                ..base.clone()
            },
            Box::new(move |i| due_on(i).is_some_and(|d| (3..=6).contains(&d))),
        ),
        (
            TaskQuery {
                due: Some(DueFilter::Overdue),
                ..base.clone()
            },
            // before 2030-01-03 12:00 and still open: days 1, 2 and the morning of the 3rd
            Box::new(move |i| due_on(i).is_some_and(|d| d <= 3) && i % 6 != 0),
        ),
    ];
    for (query, wanted) in cases {
        let got: HashSet<String> = all_pages(&scope, query.clone())
            .await
            .into_iter()
            .map(|t| t.id)
            .collect();
        let want: HashSet<String> = (0..37).filter(|i| wanted(*i)).map(|i| tasks[i].id.clone()).collect();
        assert_eq!(got, want, "{backend} {query:?}");
    }
    // a span of days the assistant asks about ("what's due on the 4th or 5th?"), with a filter
    let ms = |d: u32| {
        Utc.with_ymd_and_hms(2030, 1, d, 0, 0, 0)
            .single()
            .expect("a day")
            .timestamp_millis()
    };
    let spanned = DueBounds {
        span: Some((ms(4), ms(6))),
        done_span: None,
        ..bounds()
    };
    let query = TaskQuery {
        status: StatusFilter::Open,
        limit: 200,
        ..base.clone()
    };
    let page = scope.list_tasks(&query, spanned).await.expect("a page");
    let got: HashSet<String> = page.items.into_iter().map(|t| t.id).collect();
    let want: HashSet<String> = (0..37)
        .filter(|&i| due_on(i).is_some_and(|d| (4..=5).contains(&d)) && i % 6 != 0)
        .map(|i| tasks[i].id.clone())
        .collect();
    assert!(!want.is_empty());
    assert_eq!(got, want, "{backend} span");
    let open = all_pages(
        &scope,
        TaskQuery {
            status: StatusFilter::Open,
            ..base
        },
    )
    .await;
    assert!(open.iter().any(|t| t.id == decoy.id));
}
