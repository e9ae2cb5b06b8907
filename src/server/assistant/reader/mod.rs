//! The builtin assistant's reader: turns one message into a [`Command`], deterministically, in
//! stages. It anchors on what exists — `mentions` finds the spans that name one of the user's
//! tasks or projects (and "it", "the second one") — then `slots` reads dates, priorities, tags
//! and projects wherever they stand, and `intents` scores every intent from the cues left in the
//! message and picks the best reading, or asks one short question when none is clear. The words
//! are in `lexicon`; `text` splits a message into words and knows their forms.
mod intents;
mod lexicon;
mod mentions;
mod quick_text;
mod slots;
pub(crate) mod text;

#[cfg(test)]
mod eval;
#[cfg(test)]
mod list_tests;
#[cfg(test)]
mod tests;

use chrono::NaiveDateTime;

use crate::domain::project::{project_key_from_words, Project};
use crate::domain::query::{DueFilter, SortOrder, StatusFilter};
use crate::domain::task::{Priority, Task};
pub use mentions::Title;
pub use text::{base_verb, is_task_verb};

/// Which task a command is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// "the second one", "number 3", "#2": a position (from 1) in the last list shown.
    Position(usize),
    /// "the last one": the last of the last list shown.
    LastListed,
    /// "it", "that", "this one": the last task talked about.
    It,
    /// Tasks the message names, equally well (one: found; several: ask which).
    Tasks(Vec<String>),
    /// Words that name none of the user's tasks.
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListFilter {
    pub status: Option<StatusFilter>,
    pub priority: Option<Priority>,
    pub due: Option<DueFilter>,
    pub tag: Option<String>,
    pub q: Option<String>,
    /// "in my work project", "in plan party": a project or a task whose subtasks are asked for.
    pub within: Option<String>,
    /// "its subtasks", "what's left on it": the subtasks of the task pointed at.
    pub under: Option<Target>,
    /// Days the question names more closely than `due` says ("on friday", "next week"): the
    /// answer keeps to them.
    pub span: Option<Span>,
    /// "sorted by due date", "by priority", "alphabetically": the order asked for.
    pub sort: Option<SortOrder>,
    /// "what's my next task?", "what should I do first?": only the first, by due date.
    pub first: bool,
    /// "what did I finish today?": the days (`due`, `span`) are when the tasks were completed,
    /// not when they are due.
    pub by_completion: bool,
}

/// A stretch of days a list question names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    /// "on friday", "on the 15th", "dec 24": that day (the date words as written).
    Day(String),
    /// "by friday", "until the 15th": from today to the end of that day.
    Until(String),
    /// "before friday": from today to the start of that day.
    Before(String),
    /// "after tomorrow", "after the 20th": from the day after it on.
    After(String),
    /// "in the next 3 days", "within 2 weeks": today and that many days after it.
    NextDays(u32),
    NextWeek,
    Weekend,
    NextWeekend,
    ThisMonth,
    NextMonth,
    ThisYear,
    Yesterday,
    LastWeek,
    /// "in january": that month (1 is January), the coming one — or, for what was completed,
    /// the last one.
    Month(u32),
}

/// A change of priority relative to the current one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shift {
    Up,
    Down,
}

/// How far a due date moves: "by a day", "2 hours earlier" (negative: earlier).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delay {
    pub amount: i64,
    pub unit: DelayUnit,
}

/// Minutes move the moment; days and months move the day and keep the time of day (in the
/// user's zone, across a change of clocks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DelayUnit {
    Minutes,
    Days,
    Months,
}

impl Delay {
    pub fn minutes(amount: i64) -> Self {
        Self {
            amount,
            unit: DelayUnit::Minutes,
        }
    }
}

/// Written as "-90 minutes", "2 days", "1 months": the form a kept question stores and
/// [`Delay::from_str`] reads back.
impl std::fmt::Display for Delay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let unit = match self.unit {
            DelayUnit::Minutes => "minutes",
            DelayUnit::Days => "days",
            DelayUnit::Months => "months",
        };
        write!(f, "{} {unit}", self.amount)
    }
}

impl std::str::FromStr for Delay {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        let (amount, unit) = s.split_once(' ').ok_or(())?;
        let unit = match unit {
            "minutes" => DelayUnit::Minutes,
            "days" => DelayUnit::Days,
            "months" => DelayUnit::Months,
            _ => return Err(()),
        };
        Ok(Self {
            amount: amount.parse().map_err(|_| ())?,
            unit,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Help,
    /// Quick-add text: "call mom tomorrow 5pm !high #family".
    Add(String),
    /// A phrase that may be a new task: ask before adding it.
    ConfirmAdd(String),
    /// A task named with nothing to do with it: ask what to do.
    AskAbout(Target),
    /// A request with a part missing ("set a reminder"): ask for it, in these words.
    Clarify(String),
    List(ListFilter),
    /// "how many …": the number of tasks a list would show.
    Count(ListFilter),
    Complete(Target),
    /// "also soccer", "and the lebkuchen one too", "same for X": the last change, made to this
    /// task too.
    Again(Target),
    /// "actually sunday", "oh wait, every monday": a date or a repeat alone, for the task just
    /// changed or added (right after anything else, asked about).
    Correct(Box<Command>),
    /// "mark all overdue tasks as done", "complete everything tagged errands": the open tasks a
    /// list would show; `None`: "mark them all done", the tasks of the last list shown.
    CompleteMany(Option<ListFilter>),
    /// "push everything due today to tomorrow": the open tasks a list would show (`None`: the
    /// last list shown), to the day said (its words).
    RescheduleMany(Option<ListFilter>, String),
    /// "make all my tasks due tomorrow high priority": the open tasks a list would show (`None`:
    /// the last list shown), to that priority.
    PrioritizeMany(Option<ListFilter>, Priority),
    Reopen(Target),
    Rename(Target, String),
    /// The new due date as the user said it ("next monday").
    Reschedule(Target, String),
    /// "postpone yoga by a day", "snooze it for an hour": the due date moved by that much.
    Postpone(Target, Delay),
    ClearDue(Target),
    /// "remove the reminders from the dentist": every reminder taken off.
    ClearReminders(Target),
    /// Move to one of the user's projects (its name).
    Move(Target, String),
    SetPriority(Target, Priority),
    ShiftPriority(Target, Shift),
    Tag(Target, Vec<String>),
    /// No tags named ("clear the tags on X"): every tag.
    Untag(Target, Vec<String>),
    /// Add a note to the task's description.
    Note(Target, String),
    Delete(Target),
    /// "delete all tasks tagged old": the tasks a list would show (`None`: the last list shown).
    DeleteMany(Option<ListFilter>),
    DeleteCompleted,
    DeleteAll,
    CreateProject(String),
    ListProjects,
    /// "what tags do I use?": every tag on the user's tasks.
    ListTags,
    /// "what repeats?": every open task that repeats, with how.
    ListRepeating,
    /// A subtask's text (quick-add) under the task the target names.
    AddSubtask(Target, String),
    /// "stop repeating the gym task"
    StopRepeating(Target),
    /// "make the gym repeat every tue and thu": how a task repeats from now on (the words).
    SetRepeat(Target, String),
    /// "remind me 10 minutes before the dentist": minutes before the task's due date.
    RemindBefore(Target, u32),
    /// "change the reminder on pills to 30 min before": the task's reminders replaced by one that
    /// many minutes before its due date.
    ChangeReminder(Target, u32),
    /// "remind me the day before at 6pm": that many days before the due date, at the time said
    /// (its words).
    RemindDaysBefore(Target, u32, String),
    /// "set a reminder for the dentist on dec 23 at 8pm": a reminder at that moment (the date
    /// words as written).
    RemindAt(Target, String),
    Yes,
    No,
    /// "thanks!", "ok cool", "hmm, never mind": said to the assistant, not a task (`true`:
    /// thanks).
    Smalltalk(bool),
    /// "what time is it?", "what's the weather like tomorrow?": asked of an assistant that knows
    /// the user's tasks and the clock only.
    Aside(Aside),
    Unknown,
}

/// What an [`Command::Aside`] asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Aside {
    /// The time or the date.
    Clock,
    /// "what's the date tomorrow?", "what day is the 15th?": the day a date names.
    Day(chrono::NaiveDate),
    /// "what day is feb 30?": why there is no such day.
    NoSuchDay(String),
    Weather,
}

/// The target of a command about one task, as `&` or `&mut` (one list of those commands).
macro_rules! target_of {
    ($command:expr) => {{
        use Command as C;
        match $command {
            C::Complete(t)
            | C::Reopen(t)
            | C::Rename(t, _)
            | C::Reschedule(t, _)
            | C::Postpone(t, _)
            | C::ClearDue(t)
            | C::ClearReminders(t)
            | C::Move(t, _)
            | C::SetPriority(t, _)
            | C::ShiftPriority(t, _)
            | C::Tag(t, _)
            | C::Untag(t, _)
            | C::Note(t, _)
            | C::Delete(t)
            | C::AddSubtask(t, _)
            | C::StopRepeating(t)
            | C::SetRepeat(t, _)
            | C::RemindBefore(t, _)
            | C::ChangeReminder(t, _)
            | C::RemindDaysBefore(t, _, _)
            | C::RemindAt(t, _)
            | C::Again(t)
            | C::AskAbout(t) => Some(t),
            _ => None,
        }
    }};
}

impl Command {
    /// The one task the command is about, if it is about one.
    pub fn target(&self) -> Option<&Target> {
        target_of!(self)
    }

    /// [`Command::target`], to point it elsewhere.
    pub fn target_mut(&mut self) -> Option<&mut Target> {
        target_of!(self)
    }
}

/// What the reader knows of the user: the titles of their tasks, their projects and tags, and
/// the local time (dates are read relative to it).
pub struct Known {
    pub titles: Vec<Title>,
    projects: Vec<String>,
    tags: Vec<String>,
    now: NaiveDateTime,
}

impl Known {
    pub fn new(tasks: &[Task], projects: &[Project], now: NaiveDateTime) -> Self {
        let mut tags: Vec<String> = tasks.iter().flat_map(|t| t.tags.iter().cloned()).collect();
        tags.sort();
        tags.dedup();
        Self {
            titles: tasks
                .iter()
                .map(|t| {
                    let mut title = Title::new(&t.id, &t.title);
                    title.done = t.completed;
                    title
                })
                .collect(),
            projects: projects.iter().map(|p| p.name.clone()).collect(),
            tags,
            now,
        }
    }

    /// Knows nothing: every task is named by its words.
    pub fn nothing() -> Self {
        Self {
            titles: Vec::new(),
            projects: Vec::new(),
            tags: Vec::new(),
            now: chrono::DateTime::UNIX_EPOCH.naive_utc(),
        }
    }

    /// The user's project a phrase names: its name ignoring case, plural and a trailing
    /// "list" or "project" ("grocery list" names "Groceries").
    pub fn project_named(&self, phrase: &str) -> Option<&str> {
        // ("kuche" names "Küche")
        let plain = |s: &str| s.chars().map(text::unaccented).collect::<String>();
        let wanted = loose_key(&plain(phrase));
        if wanted.is_empty() {
            return None;
        }
        let mut found = self.projects.iter().filter(|p| loose_key(&plain(p)) == wanted);
        match (found.next(), found.next()) {
            (Some(p), None) => Some(p),
            _ => self
                .projects
                .iter()
                .find(|p| project_key_from_words(p) == project_key_from_words(phrase))
                .map(String::as_str),
        }
    }

    /// The one project whose name starts with the words of `phrase` ("ikeja" for "Ikeja shop
    /// opening"; "the" and "my" before them left out), if only one does.
    pub fn project_starting(&self, phrase: &str) -> Option<&str> {
        let plain = |s: &str| s.chars().map(text::unaccented).collect::<String>();
        let phrase = phrase
            .strip_prefix("the ")
            .or_else(|| phrase.strip_prefix("my "))
            .unwrap_or(phrase);
        let wanted = format!("{} ", project_key_from_words(&plain(phrase)));
        let mut found = self
            .projects
            .iter()
            .filter(|p| wanted.len() > 1 && project_key_from_words(&plain(p)).starts_with(&wanted));
        match (found.next(), found.next()) {
            (Some(p), None) => Some(p),
            _ => None,
        }
    }

    /// Whether one of these tasks' titles has `word` as it is written.
    pub fn title_has_word(&self, ids: &[String], word: &str) -> bool {
        self.titles
            .iter()
            .filter(|t| ids.contains(&t.id))
            .any(|t| t.has_word(word))
    }

    /// Whether one of these tasks' titles has `word`, or a word a typo away from it (one edit
    /// for short words, two from five letters on).
    pub fn title_has_near_word(&self, ids: &[String], word: &str) -> bool {
        let most = if word.chars().count() >= 5 { 2 } else { 1 };
        self.titles
            .iter()
            .filter(|t| ids.contains(&t.id))
            .any(|t| t.has_word(word) || t.lower.split(' ').any(|w| edits_between(w, word) <= most))
    }

    /// Whether `word` is one of the user's tags, as written or without its accents ("resume"
    /// for #résumé).
    pub fn is_tag(&self, word: &str) -> bool {
        self.tags.iter().any(|t| t == word || unaccented(t) == word)
    }

    /// Whether every task of `ids` is completed (and there is one).
    pub fn all_done(&self, ids: &[String]) -> bool {
        !ids.is_empty() && ids.iter().all(|id| self.titles.iter().any(|t| &t.id == id && t.done))
    }

    /// The user's tag `word` names, as it is stored ("resume" → "résumé"); `word` itself when it
    /// names none, or names one as written.
    pub fn stored_tag(&self, word: &str) -> String {
        match self.tags.iter().find(|t| *t == word || unaccented(t) == word) {
            Some(tag) if !self.tags.iter().any(|t| t == word) => tag.clone(),
            _ => word.to_owned(),
        }
    }
}

/// `word` without its accents.
fn unaccented(word: &str) -> String {
    word.chars().map(text::unaccented).collect()
}

/// The Levenshtein distance between two words.
fn edits_between(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// A project name compared loosely: lower-case, no "my"/"the", no "list"/"project" at the end,
/// one form for singular and plural.
fn loose_key(name: &str) -> String {
    let key = project_key_from_words(name);
    let key = key
        .strip_suffix(" list")
        .or_else(|| key.strip_suffix(" project"))
        .unwrap_or(&key);
    let key = key
        .strip_prefix("my ")
        .or_else(|| key.strip_prefix("the "))
        .unwrap_or(key);
    match key.strip_suffix("ies") {
        Some(stem) if !stem.is_empty() => format!("{stem}y"),
        _ => key
            .strip_suffix('s')
            .filter(|s| !s.ends_with('s'))
            .unwrap_or(key)
            .to_owned(),
    }
}

/// The longest message the reader reads; longer ones are not understood (and cost nothing).
pub const MAX_CHARS: usize = 2_000;

/// Reads one message against what the user has.
pub fn read(message: &str, known: &Known) -> Command {
    if message.chars().nth(MAX_CHARS).is_some() {
        return Command::Unknown;
    }
    intents::read(message, known)
}

/// "Move the dentist to friday. Please add buy milk": requests in sentences of their own, each
/// starting with one ("please", "can you", "add", "move" …), to be done in turn (a statement
/// before them is context, left out).
pub fn requests(message: &str) -> Vec<&str> {
    if message.chars().nth(MAX_CHARS).is_some() {
        return Vec::new();
    }
    intents::said::requests(message).unwrap_or_default()
}

/// Reads one message knowing nothing of the user (every task is named by its words).
pub fn read_command(message: &str) -> Command {
    read(message, &Known::nothing())
}

/// Reads what a phrase points at — a position, "it", or title words — for the tools, whose
/// arguments name a task by id or by words.
pub fn target(phrase: &str) -> Target {
    let w = text::words(phrase);
    let n = w.tokens.len();
    if let Some((s, e, t)) = mentions::find_pointer(&w, 0, n) {
        let rest = (0..n).filter(|&i| (i < s || i >= e) && !matches!(w.lower(i), "the" | "one" | "task" | "item"));
        if rest.count() == 0 {
            return t;
        }
    }
    let trimmed = phrase.trim().trim_matches(|c| c == '"' || c == '\'').trim();
    if trimmed.len() <= 3 {
        if let Ok(n) = trimmed.trim_start_matches('#').parse::<usize>() {
            if (1..=200).contains(&n) {
                return Target::Position(n);
            }
        }
    }
    Target::Text(trimmed.to_lowercase())
}

/// A name with its kind said out loud: "work project" → (project, "work"), "the plan party
/// task" → (task, "plan party").
pub fn place_kind(name: &str) -> (Option<PlaceKind>, String) {
    let name = name.trim().trim_start_matches("the ").trim();
    for (suffix, kind) in [
        (" project", PlaceKind::Project),
        (" list", PlaceKind::Project),
        (" task", PlaceKind::Task),
    ] {
        if let Some(core) = name.strip_suffix(suffix) {
            return (Some(kind), core.trim().to_owned());
        }
    }
    if let Some(core) = name.strip_prefix("project ") {
        return (Some(PlaceKind::Project), core.trim().to_owned());
    }
    (None, name.to_owned())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    Project,
    Task,
}
