//! Reminders where the rules live: a reminder fires once, at its instant, never for a done or
//! deleted task; a missed one fires late; a recurring task's reminders re-arm; the user's
//! default applies to new tasks with a due time; two instances firing at once never make one
//! notification twice; notifications are the user's own; mail is queued and leased — on SQLite
//! and PostgreSQL.
use chrono::{DateTime, Duration, DurationRound, NaiveTime, Utc};

use super::{backends, user};
use crate::domain::recurrence::{RecurFrom, RecurrenceInput};
use crate::domain::reminder::{Reminder, ReminderInput};
use crate::domain::task::{Task, TaskDraft, TaskInput, TaskPatch, TaskPatchInput};
use crate::error::AppError;
use crate::server::auth::CurrentUser;
use crate::server::repo::{accounts, reminders, Db, UserScope};

fn before(minutes: u32) -> ReminderInput {
    ReminderInput {
        before_minutes: Some(minutes),
        ..Default::default()
    }
}

pub(super) fn draft(title: &str, due: Option<DateTime<Utc>>, reminders: Option<Vec<ReminderInput>>) -> TaskDraft {
    TaskDraft::from_input(TaskInput {
        title: title.into(),
        due_at: due.map(|d| d.to_rfc3339()),
        reminders,
        ..Default::default()
    })
    .unwrap()
}

/// An instant `minutes` from now, to the second.
pub(super) fn in_minutes(minutes: i64) -> DateTime<Utc> {
    (Utc::now() + Duration::minutes(minutes))
        .duration_trunc(Duration::seconds(1))
        .unwrap()
}

pub(super) fn fire_at(r: &Reminder) -> i64 {
    r.fire_at.unwrap().timestamp_millis()
}

async fn fire(db: &Db, now: i64) -> Vec<reminders::Fired> {
    reminders::fire_due(db, now, 500, false, None)
        .await
        .expect("a round")
        .fired
}

async fn reload(db: &Db, me: &CurrentUser) -> CurrentUser {
    CurrentUser::for_tests(accounts::find_by_id(db, me.id()).await.unwrap().unwrap())
}

#[tokio::test]
async fn a_reminder_fires_once_at_its_instant_and_never_for_done_or_deleted_tasks() {
    for fresh in backends().await {
        let db = &fresh.db;
        let me = user(db, "remind@example.com").await;
        let other = user(db, "other@example.com").await;
        let scope = UserScope::new(db, &me);
        let due = in_minutes(60);
        let dentist = scope
            .create_task(draft("Dentist", Some(due), Some(vec![before(10)])))
            .await
            .unwrap();
        assert_eq!(dentist.reminders.len(), 1, "{}", fresh.backend);
        let at = fire_at(&dentist.reminders[0]);
        assert_eq!(at, (due - Duration::minutes(10)).timestamp_millis());
        assert!(!dentist.reminders[0].fired);
        let done = scope
            .create_task(draft("Done already", Some(due), Some(vec![before(10)])))
            .await
            .unwrap();
        scope.update_task(&done.id, TaskPatch::completed(true)).await.unwrap();
        let deleted = scope
            .create_task(draft("Deleted", Some(due), Some(vec![before(10)])))
            .await
            .unwrap();
        scope.delete_task(&deleted.id).await.unwrap();

        assert!(fire(db, at - 1).await.is_empty(), "not before its instant");
        let fired = fire(db, at + 1_000).await;
        assert_eq!(fired.len(), 1, "only the open task's reminder: {fired:?}");
        let n = &fired[0].notification;
        assert_eq!(
            (n.title.as_str(), n.task_id.as_deref()),
            ("Dentist", Some(dentist.id.as_str()))
        );
        assert!(n.body.starts_with("Due "), "{}", n.body);
        assert!(!n.late, "fired within a second is not late");
        assert!(fire(db, at + 2_000).await.is_empty(), "never twice");
        assert!(fire(db, at + 86_400_000).await.is_empty(), "not even much later");
        let shown = scope.get_task(&dentist.id).await.unwrap();
        assert!(shown.reminders[0].fired);

        // the done task's reminder is used up: undoing it later does not fire the old one
        let reopened = scope.update_task(&done.id, TaskPatch::completed(false)).await.unwrap();
        assert!(reopened.reminders[0].fired);
        // a task restored before its reminder's instant keeps it armed (one restored after it
        // would have it used up: see `skip_passed`)
        let restored = scope.restore_task(&deleted.id).await.unwrap();
        assert!(!restored.reminders[0].fired);
        let late_restore = fire(db, at + 3_000).await;
        assert_eq!(late_restore.len(), 1);
        assert_eq!(late_restore[0].notification.title, "Deleted");
        scope
            .mark_notification_read(&late_restore[0].notification.id)
            .await
            .unwrap();

        // the notification is mine: listed, read, and invisible to anyone else
        let page = scope.list_notifications(false, 50, None).await.unwrap();
        assert_eq!((page.items.len(), page.unread), (2, 1));
        let theirs = UserScope::new(db, &other);
        assert!(theirs
            .list_notifications(false, 50, None)
            .await
            .unwrap()
            .items
            .is_empty());
        assert!(matches!(
            theirs.mark_notification_read(&n.id).await,
            Err(AppError::NotFound)
        ));
        assert_eq!(theirs.mark_all_notifications_read().await.unwrap(), 0);
        assert_eq!(
            scope.unread_notifications().await.unwrap(),
            1,
            "their read-all is not mine"
        );
        let read = scope.mark_notification_read(&n.id).await.unwrap();
        assert!(read.read_at.is_some());
        assert_eq!(scope.list_notifications(true, 50, None).await.unwrap().items.len(), 0);
        // pages: newest first, the cursor continues where the page ended
        let first = scope.list_notifications(false, 1, None).await.unwrap();
        assert_eq!(first.items[0].title, "Deleted");
        let rest = scope
            .list_notifications(false, 1, first.next_cursor.as_deref())
            .await
            .unwrap();
        assert_eq!((rest.items[0].title.as_str(), rest.next_cursor), ("Dentist", None));
    }
}

#[tokio::test]
async fn missed_reminders_fire_late_moving_the_due_date_moves_them_and_recurring_ones_rearm() {
    for fresh in backends().await {
        let db = &fresh.db;
        let me = user(db, "missed@example.com").await;
        let scope = UserScope::new(db, &me);
        let at = in_minutes(30);
        let call = scope
            .create_task(draft(
                "Call the bank",
                None,
                Some(vec![ReminderInput {
                    at: Some(at.to_rfc3339()),
                    ..Default::default()
                }]),
            ))
            .await
            .unwrap();
        assert_eq!(call.reminders[0].fire_at, Some(at), "{}", fresh.backend);
        // every instance was down for two hours
        let fired = fire(db, (at + Duration::hours(2)).timestamp_millis()).await;
        assert_eq!(fired.len(), 1);
        assert!(fired[0].notification.late, "marked late");

        // moving the due date moves a reminder before it
        let due = in_minutes(120);
        let report = scope
            .create_task(draft("Report", Some(due), Some(vec![before(15)])))
            .await
            .unwrap();
        let later = due + Duration::days(1);
        let moved = scope
            .update_task(
                &report.id,
                TaskPatch::from_input(TaskPatchInput {
                    due_at: Some(Some(later.to_rfc3339())),
                    ..Default::default()
                })
                .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(
            fire_at(&moved.reminders[0]),
            (later - Duration::minutes(15)).timestamp_millis()
        );
        assert_eq!(
            moved.reminders[0].id, report.reminders[0].id,
            "the same reminder, moved"
        );
        // clearing the due date takes the reminders before it along; one at an instant stays,
        // and the task can be changed again as it is
        let at = in_minutes(90);
        scope
            .update_task(
                &report.id,
                TaskPatch::from_input(TaskPatchInput {
                    reminders: Some(vec![
                        before(15),
                        ReminderInput {
                            at: Some(at.to_rfc3339()),
                            ..Default::default()
                        },
                    ]),
                    ..Default::default()
                })
                .expect("a patch"),
            )
            .await
            .expect("the change");
        let cleared = scope
            .update_task(
                &report.id,
                TaskPatch::from_input(TaskPatchInput {
                    due_at: Some(None),
                    ..Default::default()
                })
                .expect("a patch"),
            )
            .await
            .expect("the change");
        let left: Vec<_> = cleared.reminders.iter().map(|r| (r.before_minutes, r.at)).collect();
        assert_eq!(left, [(None, Some(at))], "{}", fresh.backend);
        scope
            .update_task(
                &report.id,
                TaskPatch::from_input(TaskPatchInput {
                    title: Some("Report, no date".into()),
                    reminders: Some(
                        cleared
                            .reminders
                            .iter()
                            .map(|r| ReminderInput {
                                at: r.at.map(|a| a.to_rfc3339()),
                                ..Default::default()
                            })
                            .collect(),
                    ),
                    ..Default::default()
                })
                .expect("a patch"),
            )
            .await
            .expect("the change");

        // a daily task: fires, is completed, and its reminder is armed for tomorrow
        let first = (Utc::now().date_naive() + Duration::days(1))
            .and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap())
            .and_utc();
        let daily = scope
            .create_task(
                TaskDraft::from_input(TaskInput {
                    title: "Stand-up".into(),
                    due_at: Some(first.to_rfc3339()),
                    recurrence: Some(RecurrenceInput {
                        rule: "FREQ=DAILY".into(),
                        from: RecurFrom::Due,
                        text: None,
                    }),
                    reminders: Some(vec![before(5)]),
                    ..Default::default()
                })
                .unwrap(),
            )
            .await
            .unwrap();
        let first_at = fire_at(&daily.reminders[0]);
        let of = |fired: Vec<reminders::Fired>, id: &str| {
            fired
                .into_iter()
                .filter(|f| f.notification.task_id.as_deref() == Some(id))
                .count()
        };
        assert_eq!(of(fire(db, first_at + 500).await, &daily.id), 1);
        let next: Task = scope.update_task(&daily.id, TaskPatch::completed(true)).await.unwrap();
        assert_eq!(next.due_at, Some(first + Duration::days(1)));
        assert_eq!(
            fire_at(&next.reminders[0]),
            first_at + 86_400_000,
            "re-armed for the next one"
        );
        assert!(!next.reminders[0].fired);
        let again = fire(db, first_at + 86_400_000 + 500).await;
        assert_eq!(of(again, &daily.id), 1, "fires again for the next occurrence");
        // Undo of the completion puts the reminder back with the due date (fired: it did)
        let daily2 = scope
            .create_task(
                TaskDraft::from_input(TaskInput {
                    title: "Water plants".into(),
                    due_at: Some((first + Duration::hours(2)).to_rfc3339()),
                    recurrence: Some(RecurrenceInput {
                        rule: "FREQ=DAILY".into(),
                        from: RecurFrom::Due,
                        text: None,
                    }),
                    reminders: Some(vec![before(30)]),
                    ..Default::default()
                })
                .unwrap(),
            )
            .await
            .unwrap();
        scope.update_task(&daily2.id, TaskPatch::completed(true)).await.unwrap();
        let undone = scope.undo_completion(&daily2.id).await.unwrap();
        assert_eq!(undone.reminders[0].fire_at, daily2.reminders[0].fire_at);
        assert!(!undone.reminders[0].fired, "its instant is still ahead");
    }
}

#[tokio::test]
async fn the_default_reminder_applies_to_new_tasks_with_a_due_time() {
    for fresh in backends().await {
        let db = &fresh.db;
        let me = user(db, "defaults@example.com").await;
        assert_eq!(
            me.settings.default_reminder_minutes,
            Some(0),
            "at the due time by default"
        );
        let scope = UserScope::new(db, &me);
        let due = in_minutes(90);
        let timed = scope.create_task(draft("Timed", Some(due), None)).await.unwrap();
        assert_eq!(timed.reminders.len(), 1, "{}", fresh.backend);
        assert_eq!(timed.reminders[0].before_minutes, Some(0));
        let day = (Utc::now().date_naive() + Duration::days(2))
            .and_time(crate::domain::quick_add::end_of_day())
            .and_utc();
        let dated = scope.create_task(draft("Dated", Some(day), None)).await.unwrap();
        assert!(dated.reminders.is_empty(), "a date without a time gets none");
        let none = scope.create_task(draft("None", Some(due), Some(vec![]))).await.unwrap();
        assert!(none.reminders.is_empty(), "[] means none");
        let undated = scope.create_task(draft("No date", None, Some(vec![before(5)]))).await;
        assert!(matches!(undated, Err(AppError::Validation { ref field, .. }) if field == "reminders"));

        scope
            .set_reminder_settings(accounts::ReminderSettings {
                default_reminder_minutes: Some(30),
                email_reminders: true,
            })
            .await
            .unwrap();
        let me = reload(db, &me).await;
        assert_eq!(me.settings.default_reminder_minutes, Some(30));
        assert!(me.settings.email_reminders);
        let scope = UserScope::new(db, &me);
        let task = scope.create_task(draft("Thirty", Some(due), None)).await.unwrap();
        assert_eq!(task.reminders[0].before_minutes, Some(30));

        // mail: queued with the notification, leased to one sender, retried, then sent
        let origin = "https://tasks.example.com";
        let fired = reminders::fire_due(db, fire_at(&task.reminders[0]) + 10, 500, true, Some(origin))
            .await
            .unwrap()
            .fired;
        assert_eq!(fired.len(), 1);
        assert!(fired[0].mailed);
        let now = Utc::now().timestamp_millis() + 86_400_000;
        let claimed = reminders::claim_mail(db, now, 60_000, 10).await.unwrap();
        assert_eq!(claimed.len(), 1);
        assert_eq!(claimed[0].to, "defaults@example.com");
        assert!(claimed[0].subject.contains("Thirty"));
        // the mail links to its task, and following the link marks this reminder read
        let link = format!("{origin}/tasks/{}?notification={}", task.id, fired[0].notification.id);
        assert!(
            claimed[0].text_body.contains(&format!("Open it: {link}")),
            "{}",
            claimed[0].text_body
        );
        assert!(
            claimed[0].html_body.contains(&format!("<a href=\"{link}\">")),
            "{}",
            claimed[0].html_body
        );
        assert!(
            reminders::claim_mail(db, now, 60_000, 10).await.unwrap().is_empty(),
            "leased"
        );
        reminders::mail_failed(db, &claimed[0].id, now + 30_000, "421 try later")
            .await
            .unwrap();
        assert!(reminders::claim_mail(db, now + 29_000, 60_000, 10)
            .await
            .unwrap()
            .is_empty());
        let retry = reminders::claim_mail(db, now + 30_000, 60_000, 10).await.unwrap();
        assert_eq!((retry.len(), retry[0].attempts), (1, 1));
        reminders::mail_sent(db, &retry[0].id, now + 31_000).await.unwrap();
        assert_eq!(reminders::mail_counts(db).await.unwrap(), (1, 0));
    }
}

#[tokio::test]
async fn two_instances_firing_at_once_never_fire_a_reminder_twice() {
    for fresh in backends().await {
        let db = &fresh.db;
        let due = in_minutes(60);
        let mut expected = 0;
        for u in 0..4 {
            let me = user(db, &format!("crowd{u}@example.com")).await;
            let scope = UserScope::new(db, &me);
            for i in 0..50 {
                scope
                    .create_task(draft(&format!("Task {i}"), Some(due), Some(vec![before(1), before(2)])))
                    .await
                    .unwrap();
                expected += 2;
            }
        }
        let second = fresh.another_instance().await;
        let now = due.timestamp_millis();
        let run = |db: Db| async move {
            let mut made = Vec::new();
            loop {
                let round = reminders::fire_due(&db, now, 25, false, None).await.expect("a round");
                made.extend(round.fired.into_iter().map(|f| f.notification.id));
                if round.tasks == 0 {
                    break made;
                }
            }
        };
        let (a, b) = tokio::join!(tokio::spawn(run(db.clone())), tokio::spawn(run(second)));
        let (a, b) = (a.unwrap(), b.unwrap());
        let mut all: Vec<String> = a.iter().chain(&b).cloned().collect();
        assert_eq!(all.len(), expected, "{}: {} + {}", fresh.backend, a.len(), b.len());
        all.sort();
        all.dedup();
        assert_eq!(all.len(), expected, "no notification twice");
        assert_eq!(reminders::next_fire_at(db).await.unwrap(), None, "nothing left to fire");
    }
}

#[tokio::test]
async fn a_new_time_zone_keeps_dates_without_a_time_on_their_day() {
    use crate::domain::quick_add::end_of_day;
    for fresh in backends().await {
        let db = &fresh.db;
        let me = user(db, "moving@example.com").await;
        let scope = UserScope::new(db, &me);
        let day = (Utc::now().date_naive() + Duration::days(5))
            .and_time(end_of_day())
            .and_utc();
        let dated = scope
            .create_task(draft("Dated", Some(day), None))
            .await
            .expect("a task");
        let timed = scope
            .create_task(draft("Timed", Some(in_minutes(90)), None))
            .await
            .expect("a task");
        let input = TaskInput {
            title: "Weekly".into(),
            due_at: Some(day.to_rfc3339()),
            recurrence: Some(RecurrenceInput {
                rule: "FREQ=WEEKLY".into(),
                from: RecurFrom::Due,
                text: None,
            }),
            ..Default::default()
        };
        let weekly = scope
            .create_task(TaskDraft::from_input(input).expect("a draft"))
            .await
            .expect("a task");

        scope.set_time_zone("Asia/Tokyo").await.expect("the zone set");
        let me = reload(db, &me).await;
        let scope = UserScope::new(db, &me);
        let tokyo = chrono_tz::Asia::Tokyo;
        for id in [&dated.id, &weekly.id] {
            let due = scope
                .get_task(id)
                .await
                .expect("the task")
                .due_at
                .expect("a due date")
                .with_timezone(&tokyo);
            assert_eq!(
                (due.date_naive(), due.time()),
                (day.date_naive(), end_of_day()),
                "{}",
                fresh.backend
            );
        }
        assert_eq!(
            scope.get_task(&timed.id).await.expect("the task").due_at,
            timed.due_at,
            "an instant stays"
        );
        // and the series goes on from its day, at the end of the day in Tokyo
        let done = scope
            .update_task(&weekly.id, TaskPatch::completed(true))
            .await
            .expect("completed");
        let next = done.due_at.expect("its next date").with_timezone(&tokyo);
        assert_eq!(
            (next.date_naive(), next.time()),
            (day.date_naive() + Duration::days(7), end_of_day())
        );
    }
}

/// QA pass 13: reminders “10m” and “@9:50” of a task due at 10:00 made two identical entries in
/// the bell; the same instant rings once, and both are used up.
#[tokio::test]
async fn two_reminders_at_one_instant_ring_once() {
    for fresh in backends().await {
        let db = &fresh.db;
        let me = user(db, "twice@example.com").await;
        let scope = UserScope::new(db, &me);
        let due = in_minutes(60);
        let same = ReminderInput {
            at: Some((due - Duration::minutes(10)).to_rfc3339()),
            ..Default::default()
        };
        let other = ReminderInput {
            at: Some((due - Duration::minutes(30)).to_rfc3339()),
            ..Default::default()
        };
        let task = scope
            .create_task(draft("Twice", Some(due), Some(vec![before(10), same, other])))
            .await
            .expect("the task");
        assert_eq!(task.reminders.len(), 3, "{}", fresh.backend);
        let fired = fire(db, (due - Duration::minutes(10)).timestamp_millis() + 1_000).await;
        assert_eq!(
            fired.len(),
            2,
            "the one 30 minutes before, and the two at one instant once: {fired:?}"
        );
        let task = scope.get_task(&task.id).await.expect("the task");
        assert!(task.reminders.iter().all(|r| r.fired), "all used up");
        let page = scope.list_notifications(false, 50, None).await.expect("the list");
        assert_eq!(page.items.len(), 2);
    }
}
