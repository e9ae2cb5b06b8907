//! Answering list questions: the filter the reader found, read against the user's projects and
//! tasks ("in my work project", "its subtasks"), listed or counted in plain sentences.
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::{act, describe_due, projects, quote, reply, ConversationState, Pending, TurnOutcome};
use crate::domain::query::{DueFilter, SortOrder, StatusFilter, TaskQuery};
use crate::domain::quick_add::parse_quick_add;
use crate::domain::task::{Priority, Task};
use crate::error::AppError;
use crate::server::assistant::reader::{ListFilter, Span};
use crate::server::assistant::resolve::{resolve, Prefer, Resolution};
use crate::server::repo::tasks::DueBounds;
use crate::server::repo::UserScope;
use crate::server::tasks::{due_bounds, local_now, to_utc};

/// Tasks shown in one answer; a longer list goes on when the user says "more".
const SHOWN: u64 = 20;

/// The rest of a list, when the user asks for more of it: its query (with the cursor where it
/// stopped), the days it kept to, and how many were shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MoreTasks {
    query: TaskQuery,
    #[serde(default)]
    span: Option<(i64, i64)>,
    #[serde(default)]
    done_span: Option<(i64, i64)>,
    shown: usize,
}

/// "more", "show me more", "the rest", "next page": the rest of the list just shown.
pub fn asks_for_more(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| {
            !matches!(
                w.as_str(),
                "please" | "ok" | "okay" | "and" | "me" | "the" | "can" | "you" | "pls"
            )
        })
        .collect();
    matches!(
        words.iter().map(String::as_str).collect::<Vec<_>>().as_slice(),
        ["more"]
            | ["show" | "list" | "see" | "load" | "give", "more"]
            | ["show" | "list" | "see", "more", "tasks" | "of" | "them"]
            | ["next"]
            | ["next", "page" | "ones" | "one" | "tasks"]
            | ["show" | "list" | "see", "next", "page" | "ones" | "tasks"]
            | ["rest"]
            | ["show" | "list" | "see", "rest"]
            | ["rest", "of", "them" | "it" | "list"]
            | ["show" | "list" | "see", "rest", "of", "them" | "it" | "list"]
            | ["continue"]
            | ["go", "on"]
            | ["keep", "going"]
            | ["what", "else"]
            | ["others"]
            | ["show" | "list" | "see", "others"]
    )
}

/// The days `span` names, from `today`: the first day, the day after the last, and in words.
/// A month named alone is the coming one, or with `past` (what was completed), the last one.
fn span_days(span: &Span, now: NaiveDateTime, past: bool) -> Option<(NaiveDate, NaiveDate, String)> {
    let today = now.date();
    let day_of = |words: &str| {
        let quick = parse_quick_add(&format!("x {words}"), now);
        quick.due.filter(|_| quick.title == "x").map(|d| d.date())
    };
    let first_of = |year: i32, month: u32| NaiveDate::from_ymd_opt(year, month, 1);
    let next_month = |d: NaiveDate| {
        if d.month() == 12 {
            first_of(d.year() + 1, 1)
        } else {
            first_of(d.year(), d.month() + 1)
        }
    };
    let short = |d: NaiveDate| d.format("%a %b %-d").to_string();
    Some(match span {
        Span::Day(words) => {
            let mut day = day_of(words)?;
            // "what did I finish on monday?": the last one, not the next
            if past && day > today {
                day = if day - today <= Duration::days(7) {
                    day - Duration::days(7)
                } else {
                    day.checked_sub_months(chrono::Months::new(1))?
                };
            }
            (day, day.succ_opt()?, format!("due on {}", short(day)))
        }
        Span::Until(words) => {
            let day = day_of(words)?;
            (today, day.succ_opt()?, format!("due by {}", short(day)))
        }
        Span::Before(words) => {
            let day = day_of(words)?;
            (today, day.max(today), format!("due before {}", short(day)))
        }
        Span::After(words) => {
            let day = day_of(words)?;
            let later = day.checked_add_signed(Duration::days(36_500))?;
            (day.succ_opt()?, later, format!("due after {}", short(day)))
        }
        Span::NextDays(n) => {
            let end = today.checked_add_signed(Duration::days(i64::from(*n) + 1))?;
            (today, end, format!("due in the next {n} days"))
        }
        Span::NextWeek => {
            let monday = today + Duration::days(7 - i64::from(today.weekday().num_days_from_monday()));
            (monday, monday + Duration::days(7), "due next week".to_owned())
        }
        Span::Weekend => {
            let from = match today.weekday() {
                Weekday::Sat | Weekday::Sun => today,
                other => today + Duration::days(5 - i64::from(other.num_days_from_monday())),
            };
            let monday = today + Duration::days(7 - i64::from(today.weekday().num_days_from_monday()));
            (from, monday, "due this weekend".to_owned())
        }
        Span::NextWeekend => {
            let monday = today + Duration::days(7 - i64::from(today.weekday().num_days_from_monday()));
            (
                monday + Duration::days(5),
                monday + Duration::days(7),
                "due next weekend".to_owned(),
            )
        }
        Span::ThisMonth => {
            let first = first_of(today.year(), today.month())?;
            (first, next_month(first)?, "due this month".to_owned())
        }
        Span::NextMonth => {
            let first = next_month(today)?;
            (first, next_month(first)?, "due next month".to_owned())
        }
        Span::ThisYear => (
            first_of(today.year(), 1)?,
            first_of(today.year() + 1, 1)?,
            "due this year".to_owned(),
        ),
        Span::Yesterday => (today.pred_opt()?, today, "due yesterday".to_owned()),
        Span::LastWeek => {
            let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
            (monday - Duration::days(7), monday, "due last week".to_owned())
        }
        Span::Month(month) => {
            let year = match (past, *month > today.month(), *month < today.month()) {
                (true, true, _) => today.year() - 1,
                (false, _, true) => today.year() + 1,
                _ => today.year(),
            };
            let first = first_of(year, *month)?;
            let name = first.format("%B");
            let words = if year == today.year() {
                format!("due in {name}")
            } else {
                format!("due in {name} {year}")
            };
            (first, next_month(first)?, words)
        }
    })
}

/// One line of a list: its place in it, title, due date, and what stands out.
fn line(place: usize, task: &Task, tz: Tz, status: StatusFilter) -> String {
    let mut text = format!("\n{place}. {}", task.title);
    if let Some(due) = describe_due(task, tz) {
        text.push_str(&format!(" — due {due}"));
    }
    if task.priority == Priority::High {
        text.push_str(" (high priority)");
    }
    if task.completed && status == StatusFilter::All {
        text.push_str(" ✓");
    }
    text
}

/// The next part of a list, numbered on from where the last one stopped.
pub async fn more(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    more: MoreTasks,
) -> Result<TurnOutcome, AppError> {
    let bounds = DueBounds {
        span: more.span,
        done_span: more.done_span,
        ..due_bounds(tz)
    };
    let page = scope.list_tasks(&more.query, bounds).await?;
    if page.items.is_empty() {
        return Ok(reply("That was all of them."));
    }
    // positions go on: "the 22nd" is the second of this part
    state.last_listed.truncate(more.shown);
    state.last_listed.extend(page.items.iter().map(|t| t.id.clone()));
    state.last_task = None;
    let mut text = format!("{} more:", page.items.len());
    for (i, task) in page.items.iter().enumerate() {
        text.push_str(&line(more.shown + i + 1, task, tz, more.query.status));
    }
    let shown = more.shown + page.items.len();
    if let Some(cursor) = page.next_cursor {
        text.push_str("\nSay “more” for the next ones.");
        let query = TaskQuery {
            cursor: Some(cursor),
            ..more.query
        };
        state.pending = Some(Pending::More(MoreTasks { query, shown, ..more }));
    }
    Ok(reply(&text))
}

/// How many tasks `query` finds, counted up to the longest page; and whether there are more.
/// How many tasks the whole list holds (counted by the database, however many).
async fn how_many(scope: &UserScope<'_>, query: &TaskQuery, bounds: DueBounds) -> Result<u64, AppError> {
    scope.count_matching(query, bounds).await
}

/// A list question read against the user's projects and tasks: what to fetch, and how to say
/// what it holds.
pub struct Planned {
    pub query: TaskQuery,
    pub bounds: DueBounds,
    /// "open task", "high priority completed task"
    pub what: String,
    /// " due today in Work", or empty
    pub qualifiers: String,
    /// Only the first is asked for ("what's my next task?").
    pub first: bool,
}

/// Reads a list filter against the user's projects and tasks, or answers why it cannot be
/// (no such project, which one of two).
pub async fn plan(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    f: ListFilter,
) -> Result<Result<Planned, TurnOutcome>, AppError> {
    let status = f.status.unwrap_or(StatusFilter::Open);
    // "what's in my work project?", "what's left in plan party?"
    let mut place = None;
    let (mut project, mut parent) = (None, None);
    if let Some(raw) = &f.within {
        let tasks = super::nameable(scope, state).await?;
        match projects::resolve_within(scope, &tasks, raw).await? {
            projects::Within::Project(p) => {
                place = Some(format!("in {}", p.name));
                project = Some(p.id);
            }
            projects::Within::Task(t) => {
                place = Some(format!("under {}", quote(&t)));
                parent = Some(crate::domain::query::ParentFilter::Of(t.id));
            }
            projects::Within::Ask(question) => return Ok(Err(reply(&question))),
            projects::Within::Missing(name) => {
                return Ok(Err(reply(&format!("You have no project or task called “{name}”."))));
            }
        }
    }
    // "its subtasks": the task pointed at
    if let Some(target) = &f.under {
        let tasks = super::nameable(scope, state).await?;
        match resolve(
            target,
            &tasks,
            &state.last_listed,
            state.last_task.as_deref(),
            Prefer::Open,
        ) {
            Resolution::Found(t) => {
                place = Some(format!("under {}", quote(&t)));
                state.last_task = Some(t.id.clone());
                parent = Some(crate::domain::query::ParentFilter::Of(t.id));
            }
            _ => return Ok(Err(reply(&act::missing(target)))),
        }
    }
    // "on friday", "next week": those days, instead of the due filter that stands for them
    let mut f = f;
    let mut bounds = due_bounds(tz);
    let mut span_words = None;
    let ms = |d: NaiveDate| to_utc(d.and_time(NaiveTime::MIN), tz).timestamp_millis();
    let now = local_now(tz);
    // "what's due this week?" asked on a Sunday, its last day: the coming seven days
    if f.due == Some(DueFilter::ThisWeek) && !f.by_completion && now.weekday() == chrono::Weekday::Sun {
        f.due = Some(DueFilter::Next7Days);
    }
    if let Some((from, to, words)) = f.span.as_ref().and_then(|s| span_days(s, now, f.by_completion)) {
        if f.by_completion {
            bounds.done_span = Some((ms(from), ms(to)));
            span_words = Some(words.replacen("due ", "completed ", 1));
        } else {
            bounds.span = Some((ms(from), ms(to)));
            span_words = Some(words);
        }
        f.due = None;
    } else if f.by_completion {
        // "what did I finish today / this week?": since the start of the day or of the week
        let today = now.date();
        let (from, words) = match f.due {
            Some(DueFilter::ThisWeek) => (
                today - Duration::days(i64::from(today.weekday().num_days_from_monday())),
                "completed this week",
            ),
            _ => (today, "completed today"),
        };
        bounds.done_span = Some((ms(from), ms(today + Duration::days(1))));
        span_words = Some(words.to_owned());
        f.due = None;
    }
    let query = TaskQuery {
        // completed then: done ones, and repeating ones that moved on to their next date
        status: if bounds.done_span.is_some() {
            StatusFilter::All
        } else {
            status
        },
        priority: f.priority,
        tag: f.tag.clone(),
        q: f.q.clone(),
        due: f.due,
        // soonest first (undated ones last); done ones alone as they were made
        sort: match f.sort {
            Some(order) => order,
            None if status != StatusFilter::Done || f.due.is_some() || bounds.span.is_some() => SortOrder::Due,
            None => SortOrder::Created,
        },
        limit: if f.first { 1 } else { SHOWN },
        cursor: None,
        project,
        parent,
    };
    let first = f.first;
    let (what, qualifiers) = describe_filter(&f, status, place.as_deref(), span_words.as_deref());
    Ok(Ok(Planned {
        first,
        query,
        bounds,
        what,
        qualifiers,
    }))
}

/// Answers a list question, or with `count`, a "how many".
pub async fn list(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    f: ListFilter,
    count: bool,
) -> Result<TurnOutcome, AppError> {
    let Planned {
        query,
        bounds,
        what,
        qualifiers,
        first,
    } = match plan(scope, tz, state, f).await? {
        Ok(planned) => planned,
        Err(answer) => return Ok(answer),
    };
    let status = query.status;
    if first && !count {
        let page = scope.list_tasks(&query, bounds).await?;
        let Some(task) = page.items.first() else {
            return Ok(reply(&format!("You have no {what}s{qualifiers}.")));
        };
        state.last_listed = vec![task.id.clone()];
        state.last_task = Some(task.id.clone());
        let due = describe_due(task, tz).map(|d| format!(", due {d}")).unwrap_or_default();
        let others = match how_many(scope, &query, bounds).await? {
            1 => String::new(),
            n => format!(" (of {n})"),
        };
        return Ok(reply(&format!("Next up{others}: {}{due}.", quote(task))));
    }
    if count {
        return Ok(reply(&match how_many(scope, &query, bounds).await? {
            0 => format!("You have no {what}s{qualifiers}."),
            1 => format!("You have 1 {what}{qualifiers}."),
            n => format!("You have {n} {what}s{qualifiers}."),
        }));
    }
    let page = scope.list_tasks(&query, bounds).await?;
    state.last_listed = page.items.iter().map(|t| t.id.clone()).collect();
    // "it" after a list is its one task; after a longer one, which is asked
    state.last_task = match page.items.as_slice() {
        [only] => Some(only.id.clone()),
        [] => state.last_task.take(),
        _ => None,
    };
    if page.items.is_empty() {
        return Ok(reply(&format!("You have no {what}s{qualifiers}.")));
    }
    let n = page.items.len();
    let mut text = match &page.next_cursor {
        // a long list says how long it is, shows its start, and goes on when asked
        Some(_) => {
            let total = how_many(scope, &query, bounds).await?;
            format!("You have {total} {what}s{qualifiers}. The first {n}:")
        }
        None => format!("You have {n} {what}{}{qualifiers}:", if n == 1 { "" } else { "s" }),
    };
    for (i, task) in page.items.iter().enumerate() {
        text.push_str(&line(i + 1, task, tz, status));
    }
    if let Some(cursor) = page.next_cursor {
        text.push_str("\nSay “more” for the next ones.");
        state.pending = Some(Pending::More(MoreTasks {
            query: TaskQuery {
                cursor: Some(cursor),
                ..query
            },
            span: bounds.span,
            done_span: bounds.done_span,
            shown: n,
        }));
    }
    Ok(reply(&text))
}

/// "open high priority task", " due today in Work tagged #home": what a list holds, in words.
fn describe_filter(f: &ListFilter, status: StatusFilter, place: Option<&str>, span: Option<&str>) -> (String, String) {
    let kind = match status {
        // "tasks completed today"
        StatusFilter::Done if f.by_completion => "",
        StatusFilter::Done => "completed ",
        StatusFilter::Open => "open ",
        StatusFilter::All => "",
    };
    let mut what = format!("{kind}task");
    if let Some(p) = f.priority {
        what = format!("{p} priority {what}");
    }
    let mut qualifiers = Vec::new();
    match f.due {
        Some(DueFilter::Today) => qualifiers.push("due today".to_owned()),
        Some(DueFilter::ThisWeek) => qualifiers.push("due this week".to_owned()),
        Some(DueFilter::Overdue) => qualifiers.push("overdue".to_owned()),
        Some(DueFilter::Tomorrow) => qualifiers.push("due tomorrow".to_owned()),
        Some(DueFilter::Next7Days) => qualifiers.push("due in the next 7 days".to_owned()),
        Some(DueFilter::TodayOrOverdue) => qualifiers.push("due today or overdue".to_owned()),
        Some(DueFilter::None) => qualifiers.push("without a due date".to_owned()),
        None => {}
    }
    qualifiers.extend(span.map(str::to_owned));
    if let Some(place) = place {
        qualifiers.push(place.to_owned());
    }
    if let Some(tag) = &f.tag {
        qualifiers.push(format!("tagged #{tag}"));
    }
    if let Some(q) = &f.q {
        qualifiers.push(format!("about “{q}”"));
    }
    let qualifiers = if qualifiers.is_empty() {
        String::new()
    } else {
        format!(" {}", qualifiers.join(" "))
    };
    (what, qualifiers)
}

/// "what reminders do I have?", "show my reminders", "any reminders?": a question about the
/// reminders themselves — not a change to one ("turn off the reminder for …"), nor one about a
/// task's ("what reminders are on the dentist?").
pub fn asks_reminders(text: &str) -> bool {
    let words: Vec<String> = text
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    let w: Vec<&str> = words.iter().map(String::as_str).collect();
    let about = w.iter().any(|x| matches!(*x, "reminders" | "reminder"));
    let changes = w.iter().any(|x| {
        matches!(
            *x,
            "turn"
                | "delete"
                | "remove"
                | "clear"
                | "stop"
                | "cancel"
                | "set"
                | "add"
                | "change"
                | "move"
                | "snooze"
                | "off"
                | "disable"
                | "mute"
                | "for"
                | "on"
                | "about"
                | "to"
                | "me"
        )
    });
    let asks = matches!(
        w.first(),
        Some(
            &("what"
                | "what's"
                | "whats"
                | "wat"
                | "wats"
                | "which"
                | "show"
                | "list"
                | "any"
                | "do"
                | "are"
                | "my"
                | "see"
                | "view"
                | "upcoming"
                | "all"
                | "reminders")
        )
    );
    about && asks && !changes
}

/// The open tasks with a reminder still to ring, each with when it rings next, the soonest first.
pub(super) async fn reminders_ahead(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
) -> Result<TurnOutcome, AppError> {
    let mut tasks = scope.tasks_with_reminders_ahead(SHOWN + 1).await?;
    if tasks.is_empty() {
        return Ok(reply(
            "You have no reminders coming up. Say “remind me to call mom at 5pm” or “remind me 10 minutes before the dentist” to set one.",
        ));
    }
    let more = tasks.len() > SHOWN as usize;
    tasks.truncate(SHOWN as usize);
    let lines: Vec<String> = tasks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let next = t.reminders.iter().filter(|r| !r.fired).filter_map(|r| r.fire_at).min();
            let when = next.map_or_else(String::new, |at| {
                format!(" — rings {}", at.with_timezone(&tz).format("%a %b %-d, %H:%M"))
            });
            format!("{}. {}{when}", i + 1, t.title)
        })
        .collect();
    state.last_listed = tasks.iter().map(|t| t.id.clone()).collect();
    let head = match (tasks.len(), more) {
        (1, _) => "You have a reminder coming up on 1 task:".to_owned(),
        (n, false) => format!("You have reminders coming up on {n} tasks:"),
        (n, true) => format!("You have reminders coming up on more than {n} tasks; the first {n}:"),
    };
    Ok(reply(&format!("{head}\n{}", lines.join("\n"))))
}
