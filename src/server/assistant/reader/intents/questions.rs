//! The frames of questions: what the user asks to see — every list question is a filter:
//! status, due, priority, tag, project or parent, words — and how many.
use super::projects::{about, create_project, list_projects, list_repeating, list_tags};
use super::{places, reading, Msg, Reading};
use crate::domain::query::{DueFilter, SortOrder, StatusFilter};
use crate::server::assistant::reader::lexicon::{
    is_priority_adjective, priority_word, ALL_WORDS, COUNT_CUES, DONE_WORDS, DUE_PHRASES, QUESTION_LEADS,
};
use crate::server::assistant::reader::slots::{tag_word, SlotKind};
use crate::server::assistant::reader::text::Kind;
use crate::server::assistant::reader::{Command, ListFilter, Span, Target};

pub fn all(m: &Msg) -> Vec<Reading> {
    [
        create_project(m),
        list_projects(m),
        list_tags(m),
        list_repeating(m),
        list(m),
        about(m),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Leads that ask to see tasks without being a question.
#[rustfmt::skip]
pub const SHOW: &[&str] = &[
    "show", "list", "display", "give me", "tell me", "find", "search", "look up", "look for", "see", "view",
    "pull up", "get me", "let me see", "check my", "my tasks", "my todo", "my to-do", "my list", "tasks", "todos",
    "to-dos", "overview", "summary", "agenda", "print", "enumerate", "go over", "run me through", "walk me through",
    "everything", "all", "all tasks", "all my tasks", "remaining", "open tasks", "pending", "anything", "any",
    "read me", "read out", "recap", "remind me what", "remind me of", "what else", "gimme", "gimme the list",
    "the list", "todo list", "to-do list", "my todo list",
];

fn status_of(m: &Msg) -> StatusFilter {
    let words: Vec<(usize, &str)> = (m.lo..m.hi).map(|i| (i, m.lower(i))).collect();
    let negated = |i: usize| (i.saturating_sub(2).max(m.lo)..i).any(|k| matches!(m.lower(k), "not" | "un"));
    // "what do I need to get done": still open
    let past = m.find(&["did", "have i", "got"]).is_some();
    let to_do = |i: usize| i > m.lo && matches!(m.lower(i - 1), "get" | "be" | "to" | "getting") && !past;
    let done = words.iter().any(|(i, w)| {
        (DONE_WORDS.contains(w) || *w == "checked" || *w == "ticked") && !negated(*i) && !m.in_mention(*i) && !to_do(*i)
    }) || m
        .find(&[
            "have i finished",
            "have i done",
            "did i finish",
            "did i complete",
            "did i do",
            "did i already",
            "have i already",
            "already done",
            "already did",
        ])
        .is_some();
    let open = words.iter().any(|(_, w)| {
        matches!(
            *w,
            "open" | "left" | "remaining" | "pending" | "outstanding" | "unfinished" | "incomplete" | "still"
        )
    }) || m.find(&["not done", "to do", "not finished"]).is_some();
    let all = words.iter().any(|(_, w)| ALL_WORDS.contains(w))
        && m.find(&["all my open", "all open", "all the open"]).is_none();
    // "everything, including done ones", "in total, done ones included"
    let both = m
        .find(&[
            "including",
            "included",
            "in total",
            "as well",
            "too",
            "both",
            "open and done",
            "done and open",
            "plus",
        ])
        .is_some();
    if both {
        return StatusFilter::All;
    }
    match (done, open, all) {
        (true, false, _) => StatusFilter::Done,
        (_, true, _) => StatusFilter::Open,
        (false, false, true) => StatusFilter::All,
        _ => StatusFilter::Open,
    }
}

fn due_of(m: &Msg) -> Option<DueFilter> {
    for (phrase, due) in DUE_PHRASES {
        if m.find(&[phrase]).is_some() {
            return Some(*due);
        }
    }
    // "due monday", "for friday": this week's tasks, the nearest filter
    if m.slot(|k| matches!(k, SlotKind::Date)).is_some() {
        return Some(DueFilter::ThisWeek);
    }
    None
}

/// The days a question names more closely than a due filter: "next week", "this weekend",
/// "this month", or a date ("on friday", "by the 15th").
fn span_of(m: &Msg) -> Option<Span> {
    const PERIODS: &[(&str, Span)] = &[
        ("next weekend", Span::NextWeekend),
        ("next week", Span::NextWeek),
        ("this weekend", Span::Weekend),
        ("the weekend", Span::Weekend),
        ("over the weekend", Span::Weekend),
        ("this month", Span::ThisMonth),
        ("the month", Span::ThisMonth),
        ("next month", Span::NextMonth),
        ("this year", Span::ThisYear),
        ("the year", Span::ThisYear),
        ("yesterday", Span::Yesterday),
        ("last week", Span::LastWeek),
    ];
    // "in january", "during march", "for december": a month named alone
    for i in m.lo..m.hi {
        if matches!(m.lower(i), "in" | "during" | "for" | "through" | "throughout") {
            let name = m.lower(i + 1);
            let month = crate::domain::quick_add::MONTHS.iter().zip(1..).find(|(full, _)| {
                name == **full || (name.len() == 3 && full.starts_with(name) && name != "mar" && name != "may")
            });
            let number_follows = m.lower(i + 2).chars().next().is_some_and(|c| c.is_ascii_digit());
            if let (Some((_, n)), false) = (month, number_follows) {
                return Some(Span::Month(n));
            }
        }
    }
    // "in the next 3 days", "within two weeks", "over the coming 10 days"
    for i in m.lo..m.hi {
        if matches!(m.lower(i), "next" | "within" | "coming") {
            let n = count_word(m.lower(i + 1));
            let per = match m.lower(i + 2) {
                "day" | "days" => Some(1),
                "week" | "weeks" => Some(7),
                _ => None,
            };
            if let (Some(n), Some(per)) = (n, per) {
                return Some(Span::NextDays((n * per).min(3660)));
            }
        }
    }
    for (phrase, span) in PERIODS {
        // "before the weekend" is this week's filter already
        if let Some((i, _)) = m.find(&[phrase]) {
            if !matches!(m.lower(i.wrapping_sub(1)), "before" | "by" | "until" | "till") {
                return Some(span.clone());
            }
        }
    }
    let date = m.slot(|k| matches!(k, SlotKind::Date));
    if let Some(date) = date {
        // "due after tomorrow" (not "the day after tomorrow"): the days after it
        let after = date
            .start
            .checked_sub(1)
            .filter(|&k| m.lower(k) == "after" && m.lower(k.wrapping_sub(1)) != "day");
        if after.is_some() {
            let words = m.w.original(date.start, date.end);
            return (!words.is_empty()).then_some(Span::After(words));
        }
        // "the day after tomorrow" is a day, not tomorrow's filter
        let words = m.w.original(date.start, date.end);
        if words.to_lowercase().contains("day after tomorrow") {
            let words = words.trim_start_matches("due ").trim_start_matches("on ").to_owned();
            return Some(Span::Day(words));
        }
    }
    if DUE_PHRASES.iter().any(|(phrase, _)| m.find(&[phrase]).is_some()) {
        return None;
    }
    let date = date?;
    // "due on friday", "by the 15th": the date is what follows the little words
    let mut start = date.start.saturating_sub(1);
    let (mut until, mut before) = (false, false);
    while start < date.end {
        match m.lower(start) {
            "by" | "until" | "till" => until = true,
            "before" => before = true,
            "due" | "on" | "for" => {}
            _ if start < date.start => {}
            _ => break,
        }
        start += 1;
    }
    let words = m.w.original(start, date.end);
    if words.is_empty() {
        return None;
    }
    Some(match (until, before) {
        (_, true) => Span::Before(words),
        (true, _) => Span::Until(words),
        _ => Span::Day(words),
    })
}

/// The order a list is asked in, and where its words stand.
#[rustfmt::skip]
const SORTS: &[(&str, SortOrder)] = &[
    ("sorted by due date", SortOrder::Due), ("sorted by date", SortOrder::Due), ("sorted by deadline", SortOrder::Due),
    ("sorted by due", SortOrder::Due), ("ordered by due date", SortOrder::Due), ("ordered by date", SortOrder::Due),
    ("by due date", SortOrder::Due), ("by date", SortOrder::Due), ("by deadline", SortOrder::Due),
    ("in date order", SortOrder::Due), ("in order of due date", SortOrder::Due), ("soonest first", SortOrder::Due),
    ("earliest first", SortOrder::Due), ("chronologically", SortOrder::Due), ("by when they're due", SortOrder::Due),
    ("sorted by priority", SortOrder::Priority), ("ordered by priority", SortOrder::Priority),
    ("by priority", SortOrder::Priority), ("in priority order", SortOrder::Priority),
    ("in order of priority", SortOrder::Priority), ("most important first", SortOrder::Priority),
    ("highest priority first", SortOrder::Priority), ("sorted by name", SortOrder::Title),
    ("sorted by title", SortOrder::Title), ("by name", SortOrder::Title), ("by title", SortOrder::Title),
    ("alphabetically", SortOrder::Title), ("in alphabetical order", SortOrder::Title), ("a to z", SortOrder::Title),
    ("a-z", SortOrder::Title), ("sorted alphabetically", SortOrder::Title), ("newest first", SortOrder::Created),
    ("by creation date", SortOrder::Created), ("most recent first", SortOrder::Created),
];

/// "sorted by due date", "by priority": the order asked for, and its span of words.
pub fn sort_of(m: &Msg) -> Option<(SortOrder, usize, usize)> {
    (m.lo..m.hi).find_map(|i| {
        SORTS
            .iter()
            .filter(|(p, _)| super::longest_at(&m.w, i, m.hi, &[p]).is_some() && !m.in_mention(i))
            .max_by_key(|(p, _)| p.len())
            .map(|(p, order)| (*order, i, i + p.split(' ').count()))
    })
}

/// "3", "three", "a couple of"… as a count of days or weeks.
pub(super) fn count_word(w: &str) -> Option<u32> {
    Some(match w {
        "one" | "a" => 1,
        "two" | "couple" => 2,
        "three" | "few" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "fourteen" => 14,
        n => n.parse().ok().filter(|n| (1..=3660).contains(n))?,
    })
}

/// Words searched for: "about X", "mentioning X", "find X", "search for X".
/// Tokens in `skip` (the words of a sort order) are not searched for.
fn query_of(m: &Msg, skip: (usize, usize)) -> Option<String> {
    #[rustfmt::skip]
    const MARKERS: &[&str] = &[
        "about", "mentioning", "containing", "matching", "related to", "regarding", "with the word", "that mention",
        "that mentions", "named", "called", "with", "involving", "concerning", "on the subject of", "titled",
        "referring to", "that say", "that says", "mention", "mentions", "contain", "contains", "that have", "having",
    ];
    let start = m
        .find(MARKERS)
        .map(|(i, l)| i + l)
        .filter(|&s| {
            m.lower(s - 1) != "with" || !matches!(m.lower(s), "tag" | "tags" | "the" | "a" | "high" | "low" | "no")
        })
        .or_else(|| {
            let len = m.lead(&[
                "find",
                "search for",
                "search",
                "look for",
                "look up",
                "where is",
                "where are",
                "do i have a task about",
                "is there a task about",
            ])?;
            Some(m.lo + len)
        })?;
    // "what about tomorrow?": days, not words to search for
    if m.days_at(start) {
        return None;
    }
    let words: Vec<&str> = (start..m.hi)
        .filter(|&i| !m.filler[i] && !matches!(m.w.tokens[i].kind, Kind::Punct(_)) && !(skip.0..skip.1).contains(&i))
        .map(|i| m.w.lower(i))
        .collect();
    let words: Vec<&str> = words
        .into_iter()
        .skip_while(|w| {
            matches!(
                *w,
                "the"
                    | "my"
                    | "a"
                    | "an"
                    | "tasks"
                    | "task"
                    | "for"
                    | "anything"
                    | "things"
                    | "stuff"
                    | "items"
                    | "todos"
            )
        })
        .collect();
    let words: Vec<&str> = words
        .into_iter()
        .rev()
        .skip_while(|w| {
            matches!(
                *w,
                "task" | "tasks" | "in" | "on" | "list" | "again" | "anywhere" | "please"
            )
        })
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// "medium priority stuff", "high priority tasks in Work", "home-tagged tasks": filters and a
/// word for tasks, nothing else.
pub fn filters_only(m: &Msg) -> bool {
    let last = m.lower(m.hi.saturating_sub(1));
    let tasks_word = (m.lo..m.hi).any(|i| {
        matches!(
            m.lower(i),
            "tasks" | "stuff" | "things" | "items" | "todos" | "ones" | "list"
        )
    });
    // "overdue and high priority": two filters need no word for tasks
    let filters = usize::from(due_of(m).is_some())
        + usize::from(
            m.slot(|k| matches!(k, SlotKind::Priority(_) | SlotKind::Tags(_) | SlotKind::Project(_)))
                .is_some(),
        );
    (tasks_word || filters >= 2)
        && (m.lo..m.hi).all(|i| {
            let w = m.lower(i);
            m.filler[i]
                || m.slots.iter().any(|s| s.start <= i && i < s.end)
                || matches!(
                    w,
                    "tasks"
                        | "stuff"
                        | "things"
                        | "items"
                        | "todos"
                        | "ones"
                        | "my"
                        | "the"
                        | "in"
                        | "due"
                        | "for"
                        | "with"
                        | "tagged"
                        | "priority"
                        | "open"
                        | "done"
                        | "completed"
                        | "overdue"
                        | "this"
                        | "week"
                        | "today"
                        | "tomorrow"
                        | "no"
                        | "date"
                        | "without"
                        | "a"
                        | "deadline"
                        | "and"
                        | "list"
                        | "pls"
                        | "please"
                )
                || priority_word(w).is_some()
                || m.known.is_tag(w)
        })
        && !matches!(last, "in" | "for")
}

pub(super) fn list(m: &Msg) -> Option<Reading> {
    // "count my tasks", "can you count what's due": "count" as the verb ("stock count tomorrow
    // 3pm" is a task's name)
    let count = m
        .find_where(COUNT_CUES, |k| {
            m.lower(k) != "count" || k == m.lo || matches!(m.lower(k - 1), "you" | "please" | "pls" | "and" | "just")
        })
        .is_some();
    let shows = m.shows;
    let lone = m.word_count() == 1
        && matches!(
            m.lower(m.lo),
            "list" | "tasks" | "todos" | "everything" | "all" | "agenda"
        );
    let filters = filters_only(m);
    if !(m.asks || shows || count || lone || filters) {
        return None;
    }
    // a question about something else ("what is the meaning of life?") is not a list
    #[rustfmt::skip]
    const ABOUT_TASKS: &[&str] = &[
        "task", "tasks", "todo", "todos", "to-do", "list", "due", "left", "remaining", "pending", "open", "done",
        "finished", "completed", "overdue", "plate", "agenda", "schedule", "need", "have", "got", "next", "anything",
        "everything", "else", "do", "doing", "priority", "urgent", "important", "project", "tagged", "late", "forgot",
        "forget", "deadline", "deadlines", "complete", "outstanding", "things", "stuff", "items", "today", "tomorrow",
        "week", "finish", "complete", "accomplish", "accomplished",
    ];
    let about_tasks = (m.lo..m.hi).any(|i| ABOUT_TASKS.contains(&m.lower(i)))
        || m.mention.is_some()
        || due_of(m).is_some()
        || m.slots.iter().any(|s| !matches!(s.kind, SlotKind::ListWords));
    if m.asks && !(shows || count || lone || filters || about_tasks) {
        return None;
    }
    let sort = sort_of(m);
    // "what's my next task?", "what's next?", "what should I do first?"
    let first = m
        .find(&[
            "next task",
            "next thing",
            "next todo",
            "next to-do",
            "next item",
            "next up",
            "what's next",
            "whats next",
            "what is next",
            "do next",
            "do first",
            "tackle first",
            "start with",
            "work on next",
            "most urgent task",
        ])
        .is_some();
    let mut f = ListFilter {
        first,
        status: Some(status_of(m)),
        due: due_of(m),
        span: span_of(m),
        sort: sort.map(|(order, ..)| order),
        ..Default::default()
    };
    f.q = query_of(m, sort.map_or((0, 0), |(_, s, e)| (s, e))).filter(|_| !first);
    // "what did I finish today?", "completed yesterday": days of completion, unless said due
    f.by_completion = f.status == Some(StatusFilter::Done)
        && (f.due.is_some() || f.span.is_some())
        && m.find(&["due", "deadline", "overdue"]).is_none();
    // (days still to come are never days something was completed on)
    let ahead = matches!(
        f.span,
        Some(
            Span::Until(_)
                | Span::Before(_)
                | Span::After(_)
                | Span::NextDays(_)
                | Span::NextWeek
                | Span::NextWeekend
                | Span::NextMonth
        )
    );
    if f.by_completion
        && (ahead
            || f.due
                .is_some_and(|d| !matches!(d, DueFilter::Today | DueFilter::ThisWeek)))
    {
        f.by_completion = false;
    }
    if f.due == Some(DueFilter::Overdue) && f.status == Some(StatusFilter::All) {
        f.status = Some(StatusFilter::Open);
    }
    if let Some(s) = m.slot(|k| matches!(k, SlotKind::Priority(_))) {
        if let SlotKind::Priority(p) = s.kind {
            f.priority = Some(p);
        }
    } else {
        for i in m.lo..m.hi {
            let w = m.lower(i);
            if is_priority_adjective(w) || (m.lower(i + 1) == "priority" && priority_word(w).is_some()) {
                f.priority = priority_word(w);
            }
        }
    }
    if let Some(s) = m.slot(|k| matches!(k, SlotKind::Tags(_))) {
        if let SlotKind::Tags(tags) = &s.kind {
            f.tag = tags.first().cloned();
        }
    }
    if f.tag.is_none() && m.find(&["tag", "tagged", "label", "labelled", "labeled"]).is_some() {
        // "tasks with the home tag"
        f.tag = super::tags::tags_named(m, m.lo).into_iter().next();
    }
    // "anything with "report" in it": the quoted words are the search
    if let Some(quoted) = (m.lo..m.hi).find(|&i| m.w.tokens[i].kind == Kind::Quoted && !m.in_mention_only(i)) {
        f.q = Some(m.w.lower(quoted).to_owned());
    }
    if let Some(s) = m.slot(|k| matches!(k, SlotKind::Project(_))) {
        if let SlotKind::Project(name) = &s.kind {
            // "what's left in the launch checklist?": a task whose name goes on past the project's
            let task = m.mention.as_ref().filter(|t| t.start < s.end && t.end > s.end);
            f.within = Some(task.map_or_else(|| name.clone(), |t| m.w.original(t.start, t.end)));
        }
    }
    if f.tag.is_none() {
        // "my work tasks", "home stuff": one of the user's tags before a word for tasks, when it
        // is not also a project's name, nor with that word ("uni stuff" the project)
        let in_project = |i: usize| {
            m.slots
                .iter()
                .any(|s| matches!(s.kind, SlotKind::Project(_)) && s.start <= i && i < s.end)
        };
        for i in m.lo..m.hi {
            let w = m.lower(i);
            if m.known.is_tag(w)
                && matches!(
                    m.lower(i + 1),
                    "tasks" | "task" | "stuff" | "things" | "items" | "todos" | "ones" | ""
                )
                && m.known.project_named(w).is_none()
                && m.known.project_named(&format!("{w} {}", m.lower(i + 1))).is_none()
                && !in_project(i)
            {
                f.tag = tag_word(w);
            }
        }
    }
    if f.within.is_none() && f.tag.is_none() {
        // "my work tasks", "show home reno stuff": a project's name before a word for tasks
        for i in m.lo..m.hi {
            if !matches!(m.lower(i), "tasks" | "task" | "stuff" | "things" | "items" | "todos") {
                continue;
            }
            let mut s = i;
            while s > m.lo && i - s < 4 && !matches!(m.lower(s - 1), "my" | "the" | "all" | "of" | "show" | "list") {
                s -= 1;
                // ("show uni stuff": the word for tasks may be the name's own)
                for end in [i, i + 1] {
                    let named = (s..end).map(|k| m.lower(k)).collect::<Vec<_>>().join(" ");
                    if let Some(project) = m.known.project_named(&named) {
                        f.within = Some(project.to_owned());
                    }
                }
            }
        }
    }
    // "its subtasks", "what's left on it"
    let subtasks = m.find(&["subtasks", "subtask", "sub-tasks", "steps"]).is_some();
    if let Some((s, _, t @ (Target::It | Target::Position(_) | Target::LastListed))) = &m.pointer {
        let before = s.checked_sub(1).map(|k| m.lower(k)).unwrap_or_default();
        if (subtasks || matches!(before, "on" | "in" | "under" | "of" | "inside")) && f.q.is_none() {
            f.under = Some(t.clone());
            f.status = Some(status_of(m));
            let score = if count { 8.0 } else { 6.5 };
            return reading(score, if count { Command::Count(f) } else { Command::List(f) });
        }
    }
    places::place_asked(m, &mut f, subtasks);
    // a question about one task: its words are the search (not when the words name days:
    // "this month" is no question about “late month thing”)
    if f.q.is_none() && f.within.is_none() && f.tag.is_none() && f.span.is_none() && !f.first {
        if let Some(mention) = &m.mention {
            if m.asks && QUESTION_LEADS.contains(&m.lower(m.lo)) && !count {
                f.q = Some(m.w.original(mention.start, mention.end).to_lowercase());
                f.status = Some(StatusFilter::All);
            }
        }
    }
    if f.q
        .as_deref()
        .is_some_and(|q| f.within.as_deref().is_some_and(|w| q.contains(&w.to_lowercase())))
    {
        f.q = None;
    }
    let score = if count {
        8.0
    } else if shows || lone || filters {
        6.5
    } else {
        6.0
    };
    // (a tag typed without its accents is the user's tag as written)
    f.tag = f.tag.map(|t| m.known.stored_tag(&t));
    // a question about a position or "it" is not a list ("is it done?")
    let filtered = f.q.is_some() || f.tag.is_some() || f.due.is_some() || f.priority.is_some() || f.within.is_some();
    let command = if count { Command::Count(f) } else { Command::List(f) };
    if matches!(m.target(), Some(Target::It | Target::Position(_) | Target::LastListed))
        && !shows
        && !count
        && !filtered
    {
        return reading(4.0, command);
    }
    reading(score, command)
}
