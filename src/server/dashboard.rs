//! What the dashboard shows: a view (a project — the Inbox by default —, Today, Upcoming or All)
//! turned into a list query, the page of tasks, each project view's subtasks under their parents,
//! and every date written in the user's zone.
use std::collections::HashMap;

use chrono::{Duration, Utc};
use chrono_tz::Tz;

use super::repo::UserScope;
use super::tasks::{due_bounds, local_now};
use crate::api::tasks::{Dashboard, DashboardTask, DayGroup, Recurred, ViewKind};
use crate::domain::query::{DueFilter, ParentFilter, SortOrder, StatusFilter, TaskQueryParams};
use crate::domain::quick_add::end_of_day;
use crate::domain::task::Task;
use crate::error::AppError;

/// A due date as the dashboard (and the assistant) writes it: "Mon Dec 7", or "Mon Dec 7, 09:00"
/// with a time; the year too when the date is not within half a year of today ("Sun Oct 31
/// 2027").
pub(crate) fn due_label(at: chrono::DateTime<Tz>) -> String {
    let far = (at.naive_local() - local_now(at.timezone())).num_days().abs() > 182;
    let day = if far {
        at.format("%a %b %-d %Y").to_string()
    } else {
        at.format("%a %b %-d").to_string()
    };
    if at.time() == end_of_day() {
        day
    } else {
        format!("{day}, {}", at.format("%H:%M"))
    }
}

/// The notice for a recurring task just completed, while that completion can still be undone.
pub async fn recurred(scope: &UserScope<'_>, tz: Tz, id: &str) -> Result<Option<Recurred>, AppError> {
    let task = match scope.get_task(id).await {
        Ok(task) => task,
        Err(AppError::NotFound) => return Ok(None),
        Err(e) => return Err(e),
    };
    let (Some(recurrence), Some(due)) = (&task.recurrence, task.due_at) else {
        return Ok(None);
    };
    if task.completed || !scope.can_undo_completion(&task).await? {
        return Ok(None);
    }
    Ok(Some(Recurred {
        repeat: recurrence.text.clone(),
        next_due: due_label(due.with_timezone(&tz)),
        id: task.id,
        title: task.title,
    }))
}

fn shown(task: Task, tz: Tz, depth: usize, ancestors: Vec<String>, project_name: Option<String>) -> DashboardTask {
    let local = task.due_at.map(|d| d.with_timezone(&tz));
    DashboardTask {
        due_label: local.map(due_label).unwrap_or_default(),
        due_input: local.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
        due_time_input: local
            .filter(|d| d.time() != end_of_day())
            .map(|d| d.format("%H:%M").to_string())
            .unwrap_or_default(),
        day: local.map(|d| d.format("%Y-%m-%d").to_string()),
        reminders_input: super::tasks::format_reminder_field(&task.reminders, tz),
        repeat_input: repeat_input(&task),
        overdue: task.is_overdue(Utc::now()),
        depth,
        ancestors,
        project_name,
        task,
    }
}

/// What the edit form's "Repeats" shows: the words, when they read back as the same rule, or
/// the rule itself.
fn repeat_input(task: &Task) -> String {
    let Some(r) = &task.recurrence else {
        return String::new();
    };
    let words: Vec<String> = r.text.split_whitespace().map(str::to_lowercase).collect();
    match crate::domain::recurrence_words::find(&words) {
        Some(found)
            if found.start == 0
                && found.end == words.len()
                && found.recurrence.rule == r.rule
                && found.recurrence.from == r.from =>
        {
            r.text.clone()
        }
        _ => r.rule.clone(),
    }
}

/// The seven days of Upcoming, from today.
fn upcoming_days(tz: Tz) -> Vec<DayGroup> {
    let today = local_now(tz).date();
    (0..7)
        .map(|n| {
            let day = today + Duration::days(n);
            DayGroup {
                key: day.format("%Y-%m-%d").to_string(),
                label: match n {
                    0 => format!("Today · {}", day.format("%a %b %-d")),
                    1 => format!("Tomorrow · {}", day.format("%a %b %-d")),
                    _ => day.format("%A %b %-d").to_string(),
                },
            }
        })
        .collect()
}

/// Whether the list is filtered beyond its view (then it is shown flat).
fn filtered(params: &TaskQueryParams) -> bool {
    [
        &params.status,
        &params.priority,
        &params.tag,
        &params.q,
        &params.due,
        &params.parent,
    ]
    .iter()
    .any(|p| p.as_deref().is_some_and(|v| !v.trim().is_empty()))
}

/// The dashboard's view, and the instant it would read differently with no change to the data
/// (`None` when that is any minute: the overdue filter): the next local midnight (the due
/// filters, Today, Upcoming's days) or the next due time among the tasks shown (one turns
/// overdue), whichever comes first.
pub async fn load(
    scope: &UserScope<'_>,
    tz: Tz,
    kind: ViewKind,
    params: TaskQueryParams,
) -> Result<(Dashboard, Option<i64>), AppError> {
    let tree = kind == ViewKind::Project && !filtered(&params);
    let mut query = params.parse()?;
    let (title, project) = match kind {
        ViewKind::Project => {
            let project = match &query.project {
                Some(id) => scope.get_project(id).await?,
                None => scope.inbox().await?,
            };
            query.project = Some(project.id.clone());
            if tree {
                query.parent = Some(ParentFilter::Top);
            }
            (project.name.clone(), Some(project))
        }
        ViewKind::Today | ViewKind::Upcoming => {
            query.due = Some(if kind == ViewKind::Today {
                DueFilter::TodayOrOverdue
            } else {
                DueFilter::Next7Days
            });
            if params.status.as_deref().is_none_or(str::is_empty) {
                query.status = StatusFilter::Open;
            }
            if params.sort.as_deref().is_none_or(str::is_empty) {
                query.sort = SortOrder::Due;
            }
            let title = if kind == ViewKind::Today { "Today" } else { "Upcoming" };
            (title.to_owned(), None)
        }
        ViewKind::All => ("All tasks".to_owned(), None),
    };
    let bounds = due_bounds(tz);
    let page = scope.list_tasks(&query, bounds).await?;
    let mut all = scope.list_projects(false).await?;
    all.extend(scope.list_projects(true).await?);
    let projects: Vec<crate::api::tasks::ProjectChoice> = all
        .into_iter()
        .map(|p| crate::api::tasks::ProjectChoice {
            id: p.id,
            name: p.name,
            archived: p.archived,
        })
        .collect();
    let names: HashMap<String, String> = if project.is_none() {
        projects.iter().map(|p| (p.id.clone(), p.name.clone())).collect()
    } else {
        HashMap::new()
    };
    let name_of = |t: &Task| names.get(&t.project_id).cloned();
    let mut items = Vec::with_capacity(page.items.len());
    if tree {
        let roots: Vec<String> = page
            .items
            .iter()
            .filter(|t| t.subtasks.total > 0)
            .map(|t| t.id.clone())
            .collect();
        let below = scope.subtasks_of(&roots).await?;
        let mut children: HashMap<String, Vec<Task>> = HashMap::new();
        for t in below {
            if let Some(parent) = t.parent_id.clone() {
                children.entry(parent).or_default().push(t);
            }
        }
        // depth first: each task, then its subtasks
        let mut stack: Vec<(Task, usize, Vec<String>)> = page.items.into_iter().rev().map(|t| (t, 1, vec![])).collect();
        while let Some((task, depth, ancestors)) = stack.pop() {
            let mut above = vec![task.id.clone()];
            above.extend(ancestors.iter().cloned());
            for child in children.remove(&task.id).unwrap_or_default().into_iter().rev() {
                stack.push((child, depth + 1, above.clone()));
            }
            items.push(shown(task, tz, depth, ancestors, None));
        }
    } else {
        items = page
            .items
            .into_iter()
            .map(|t| {
                let name = name_of(&t);
                shown(t, tz, 1, vec![], name)
            })
            .collect();
    }
    let days = if kind == ViewKind::Upcoming {
        upcoming_days(tz)
    } else {
        vec![]
    };
    let same_until = (query.due != Some(DueFilter::Overdue)).then(|| {
        items
            .iter()
            .filter_map(|item| item.task.due_at.map(|due| due.timestamp_millis()))
            .filter(|due| *due > bounds.now)
            .fold(bounds.tomorrow_start, i64::min)
    });
    let board = Dashboard {
        kind,
        title,
        project,
        items,
        next_cursor: page.next_cursor,
        days,
        recurred: None,
        projects,
    };
    Ok((board, same_until))
}

#[cfg(test)]
mod tests {
    use chrono::{Datelike, Duration, TimeZone};

    use super::{due_label, local_now};

    #[test]
    fn a_date_far_from_today_says_its_year() {
        let tz = chrono_tz::Australia::Sydney;
        let now = local_now(tz);
        let on = |days: i64, h: u32| {
            let day = (now + Duration::days(days)).date();
            tz.from_local_datetime(&day.and_hms_opt(h, 0, 0).expect("a time"))
                .single()
                .expect("a date")
        };
        // within half a year, either way: no year, even across New Year
        for days in [0, 30, -30, 150, -150] {
            let label = due_label(on(days, 9));
            assert!(!label.contains(&on(days, 9).year().to_string()), "{label}");
            assert!(label.ends_with(", 09:00"), "{label}");
        }
        // further: its year
        for days in [200, 300, -200] {
            let at = on(days, 9);
            assert!(
                due_label(at).contains(&format!(" {}, 09:00", at.year())),
                "{}",
                due_label(at)
            );
        }
        let past = due_label(tz.with_ymd_and_hms(1, 10, 31, 9, 30, 0).single().expect("a date"));
        assert!(past.ends_with("Oct 31 0001, 09:30"), "{past}");
    }
}
