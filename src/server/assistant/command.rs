//! The builtin assistant's reader: turns one message into a [`Command`], deterministically.
//! Word order, politeness, synonyms and quotes are absorbed here; which task a phrase names is
//! decided later against the user's tasks (see `resolve`).
use crate::domain::query::{DueFilter, StatusFilter};
use crate::domain::task::Priority;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// "the second one", "number 3", "#2" — a position in the last list shown.
    Ordinal(usize),
    /// "it", "that", "this one" — the last task talked about.
    It,
    /// Words that name a task by its title.
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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Help,
    /// Quick-add text: "call mom tomorrow 5pm !high #family".
    Add(String),
    List(ListFilter),
    Complete(Target),
    Reopen(Target),
    Rename(Target, String),
    /// The new due date as the user said it ("next monday").
    Reschedule(Target, String),
    SetPriority(Target, Priority),
    Delete(Target),
    DeleteCompleted,
    CreateProject(String),
    ListProjects,
    /// A subtask's text (quick-add) under the task the target names.
    AddSubtask(Target, String),
    /// "stop repeating the gym task"
    StopRepeating(Target),
    /// "remind me 10 minutes before the dentist": minutes before the task's due date.
    RemindBefore(Target, u32),
    Yes,
    No,
    Unknown,
}

const POLITE_PREFIXES: &[&str] = &[
    "please ",
    "pls ",
    "plz ",
    "hey ",
    "hi ",
    "ok ",
    "okay ",
    "so ",
    "now ",
    "also ",
    "and ",
    "can you ",
    "could you ",
    "would you ",
    "will you ",
    "can u ",
    "could u ",
    "i want you to ",
    "i'd like you to ",
    "i would like you to ",
    "i want to ",
    "i'd like to ",
    "i would like to ",
    "let's ",
    "lets ",
    "go ahead and ",
    "kindly ",
    "assistant ",
];
const POLITE_SUFFIXES: &[&str] = &[" please", " pls", " thanks", " thank you", " for me", " now", " asap"];

/// Lower-case, straight quotes, no trailing punctuation, single spaces, politeness trimmed.
pub fn normalise(text: &str) -> String {
    let mut s: String = text
        .chars()
        .map(|c| match c {
            '‘' | '’' | '´' | '`' => '\'',
            '“' | '”' | '«' | '»' => '"',
            c => c,
        })
        .collect::<String>()
        .to_lowercase();
    s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    loop {
        let before = s.clone();
        s = s.trim_end_matches(['.', '!', '?', ',', ';', ' ']).trim().to_owned();
        s = s.trim_start_matches([',', ' ']).to_owned();
        for p in POLITE_PREFIXES {
            let with_comma = format!("{}, ", p.trim_end());
            if let Some(rest) = s.strip_prefix(p).or_else(|| s.strip_prefix(with_comma.as_str())) {
                s = rest.to_owned();
            }
        }
        for p in POLITE_SUFFIXES {
            if let Some(rest) = s.strip_suffix(p) {
                s = rest.to_owned();
            }
        }
        if s == before {
            return s;
        }
    }
}

fn strip_quotes(s: &str) -> String {
    s.trim().trim_matches(|c| c == '"' || c == '\'').trim().to_owned()
}

/// The first `prefix` that `s` starts with (as whole words), and what follows it.
fn after_any<'a>(s: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes.iter().find_map(|p| {
        let rest = s.strip_prefix(p)?;
        (rest.is_empty() || rest.starts_with(' ') || p.ends_with(' ')).then(|| rest.trim_start())
    })
}

/// Splits "X to Y" at the last " to " (titles may contain "to": "rename go to gym to gym").
fn split_to(s: &str, sep: &str) -> Option<(String, String)> {
    let i = s.rfind(sep)?;
    let (a, b) = (s[..i].trim(), s[i + sep.len()..].trim());
    (!a.is_empty() && !b.is_empty()).then(|| (a.to_owned(), b.to_owned()))
}

const ORDINALS: &[(&str, usize)] = &[
    ("first", 1),
    ("1st", 1),
    ("second", 2),
    ("2nd", 2),
    ("third", 3),
    ("3rd", 3),
    ("fourth", 4),
    ("4th", 4),
    ("fifth", 5),
    ("5th", 5),
    ("sixth", 6),
    ("6th", 6),
    ("seventh", 7),
    ("7th", 7),
    ("eighth", 8),
    ("8th", 8),
    ("ninth", 9),
    ("9th", 9),
    ("tenth", 10),
    ("10th", 10),
    ("last", usize::MAX),
];

/// Reads what a phrase points at: a position, "it", or title words.
pub fn target(phrase: &str) -> Target {
    let p = strip_quotes(phrase);
    let words: Vec<&str> = p.split_whitespace().collect();
    if matches!(
        p.as_str(),
        "it" | "that" | "this" | "that one" | "this one" | "that task" | "this task" | "the task"
    ) {
        return Target::It;
    }
    // "the second one", "second task", "the 2nd", "number 2", "#2", "task 2", "2"
    let meaningful: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !matches!(*w, "the" | "one" | "task" | "item" | "number" | "no" | "no."))
        .collect();
    if meaningful.len() == 1 {
        let w = meaningful[0].trim_start_matches('#');
        if let Some((_, n)) = ORDINALS.iter().find(|(name, _)| *name == w) {
            return Target::Ordinal(*n);
        }
        if words.len() <= 3 && (words.len() > 1 || phrase.trim().starts_with('#') || w.len() <= 2) {
            if let Ok(n) = w.parse::<usize>() {
                if n >= 1 {
                    return Target::Ordinal(n);
                }
            }
        }
    }
    Target::Text(p)
}

fn priority_word(w: &str) -> Option<Priority> {
    match w {
        "high" | "urgent" | "important" | "top" | "critical" | "highest" => Some(Priority::High),
        "medium" | "normal" | "moderate" | "mid" => Some(Priority::Medium),
        "low" | "lowest" | "minor" | "unimportant" => Some(Priority::Low),
        "no" | "none" => Some(Priority::None),
        _ => None,
    }
}

/// "high priority", "priority high", "urgent" → the level, and the text without it.
fn take_priority(text: &str) -> (String, Option<Priority>) {
    let words: Vec<&str> = text.split_whitespace().collect();
    for i in 0..words.len() {
        let w = words[i].trim_matches(',');
        if w == "priority" || w == "prio" {
            // "high priority" or "priority high", with optional "with"/"as"/"," before it
            let before = i
                .checked_sub(1)
                .and_then(|j| priority_word(words[j].trim_matches(',')).map(|p| (j, p)));
            let after = words
                .get(i + 1)
                .and_then(|n| priority_word(n.trim_matches(',')).map(|p| (i + 1, p)));
            if let Some((j, p)) = before.or(after) {
                let (lo, hi) = (j.min(i), j.max(i));
                let mut lo = lo;
                while lo > 0
                    && matches!(
                        words[lo - 1].trim_matches(','),
                        "with" | "as" | "at" | "a" | "and" | "it's" | "its" | "is"
                    )
                {
                    lo -= 1;
                }
                let rest: Vec<&str> = words[..lo].iter().chain(&words[hi + 1..]).copied().collect();
                return (rest.join(" ").trim_matches([',', ' ']).to_owned(), Some(p));
            }
        }
    }
    (text.to_owned(), None)
}

/// "tag it home", "tagged home and work", "with tag home" → tags, and the text without them.
fn take_tags(text: &str) -> (String, Vec<String>) {
    for marker in [
        ", tag it ",
        " and tag it ",
        " tag it ",
        ", tagged ",
        " tagged ",
        " with tags ",
        " with tag ",
        ", tag ",
        " tag ",
    ] {
        if let Some(i) = text.find(marker) {
            let tags: Vec<String> = text[i + marker.len()..]
                .split([',', ' '])
                .map(|t| t.trim().trim_start_matches('#'))
                .filter(|t| !t.is_empty() && !matches!(*t, "and" | "as" | "with"))
                .map(str::to_owned)
                .collect();
            if !tags.is_empty() {
                return (text[..i].trim_matches([',', ' ']).to_owned(), tags);
            }
        }
    }
    (text.to_owned(), Vec::new())
}

/// Turns an add request's text into quick-add syntax.
fn add_text(rest: &str) -> String {
    let rest = strip_quotes(rest);
    let (rest, tags) = take_tags(&rest);
    let (rest, priority) = take_priority(&rest);
    let mut out = strip_quotes(rest.trim_matches([',', ' ']));
    // a trailing ", due friday" reads as a date for quick-add
    out = out
        .replace(", due ", " ")
        .replace(" due on ", " ")
        .replace(" due ", " ");
    if let Some(p) = priority {
        out.push_str(&format!(" !{}", p.as_str()));
    }
    for t in tags {
        out.push_str(&format!(" #{t}"));
    }
    out
}

/// Prefixes that can only mean "add".
const STRONG_ADD_PREFIXES: &[&str] = &[
    "remind me to ",
    "remind me ",
    "add a new task to ",
    "add a new task ",
    "add new task to ",
    "add new task ",
    "add a task to ",
    "add a task: ",
    "add a task ",
    "add task to ",
    "add task: ",
    "add task ",
    "add a todo to ",
    "add a todo ",
    "add todo: ",
    "add todo ",
    "add a reminder to ",
    "add a reminder ",
    "add reminder to ",
    "add reminder ",
    "add to my list: ",
    "add to my list ",
    "add ",
    "create a task to ",
    "create a task: ",
    "create a task ",
    "create task ",
    "create a new task ",
    "create a todo ",
    "new task: ",
    "new task ",
    "new todo: ",
    "new todo ",
    "todo: ",
    "task: ",
    "don't forget to ",
    "dont forget to ",
    "do not forget to ",
    "note to self: ",
    "note to self ",
    "make a task to ",
    "make a task ",
    "set a reminder to ",
    "set a reminder ",
];

/// "I need to …": an obligation, so a task to add (and not a past tense to complete).
const NEED_PREFIXES: &[&str] = &[
    "i need to ",
    "i have to ",
    "i've got to ",
    "ive got to ",
    "i gotta ",
    "i must ",
    "i should ",
    "i ought to ",
    "i still need to ",
    "i also need to ",
];

/// Prefixes that mean "add" once nothing else matched (after the strong and "need" ones).
const WEAK_ADD_PREFIXES: &[&str] = &["todo ", "schedule "];

const LIST_STARTS: &[&str] = &[
    "what do i have",
    "what do i need",
    "what have i",
    "what have i got",
    "what's on my",
    "whats on my",
    "what is on my",
    "what's left",
    "whats left",
    "what is left",
    "what's next",
    "whats next",
    "what is next",
    "what are my",
    "what's due",
    "whats due",
    "what is due",
    "what tasks",
    "which tasks",
    "show ",
    "list ",
    "display ",
    "give me ",
    "see my",
    "view my",
    "my tasks",
    "my todo",
    "my to-do",
    "tasks",
    "todo list",
    "to-do list",
    "anything ",
    "is anything ",
    "is there anything",
    "are there any",
    "do i have any",
    "do i have anything",
    "what's overdue",
    "whats overdue",
    "what is overdue",
    "find ",
    "search ",
    "look for ",
    "look up ",
    "any tasks",
    "get my",
    "pull up",
    "what should i do",
    "what's pending",
    "whats pending",
    "what's in ",
    "whats in ",
    "what is in ",
    "what do i have in ",
    "what's on the ",
    "anything in ",
];

const DONE_WORDS: &[&str] = &[
    "done",
    "complete",
    "completed",
    "finished",
    "checked off",
    "ticked off",
    "handled",
    "taken care of",
    "sorted",
];
const UNDONE_WORDS: &[&str] = &[
    "not done",
    "undone",
    "incomplete",
    "not complete",
    "not completed",
    "open",
    "unfinished",
    "pending",
    "todo",
    "to do",
    "not finished",
];

/// Irregular past tenses, so "I bought the milk" matches "Buy milk".
pub const PAST_TENSES: &[(&str, &str)] = &[
    ("bought", "buy"),
    ("paid", "pay"),
    ("did", "do"),
    ("made", "make"),
    ("sent", "send"),
    ("wrote", "write"),
    ("read", "read"),
    ("got", "get"),
    ("took", "take"),
    ("went", "go"),
    ("ate", "eat"),
    ("drank", "drink"),
    ("gave", "give"),
    ("found", "find"),
    ("sold", "sell"),
    ("told", "tell"),
    ("brought", "bring"),
    ("left", "leave"),
    ("met", "meet"),
    ("ran", "run"),
    ("saw", "see"),
    ("spoke", "speak"),
    ("taught", "teach"),
    ("thought", "think"),
    ("fed", "feed"),
    ("built", "build"),
    ("spent", "spend"),
    ("won", "win"),
    ("swept", "sweep"),
    ("hung", "hang"),
    ("put", "put"),
    ("set", "set"),
    ("cut", "cut"),
    ("shut", "shut"),
];

/// "called" → "call", "fixed" → "fix", "emailed" → "email", "bought" → "buy".
pub fn base_verb(word: &str) -> Option<String> {
    const NOT_PAST: &[&str] = &[
        "need", "feed", "seed", "speed", "breed", "bleed", "proceed", "succeed", "exceed", "shred", "wed", "bed",
        "red", "shed", "embed",
    ];
    if NOT_PAST.contains(&word) {
        return None;
    }
    if let Some((_, base)) = PAST_TENSES.iter().find(|(past, _)| *past == word) {
        return Some((*base).to_owned());
    }
    let stem = word.strip_suffix("ed")?;
    if stem.len() < 2 {
        return None;
    }
    if let Some(s) = stem.strip_suffix('i') {
        return Some(format!("{s}y")); // carried → carry
    }
    // stopped → stop: a doubled last letter (by characters, never bytes: "丸ed" must not split
    // a character in two)
    let mut last_two = stem.chars().rev();
    if let (Some(last), Some(before)) = (last_two.next(), last_two.next()) {
        if last == before && !matches!(last, 'l' | 's' | 'z') {
            return stem.strip_suffix(last).map(str::to_owned);
        }
    }
    Some(stem.to_owned())
}

pub fn read_command(text: &str) -> Command {
    let s = normalise(text);
    if s.is_empty() {
        return Command::Unknown;
    }
    if let Some(c) = yes_no(&s) {
        return c;
    }
    if is_help(&s) {
        return Command::Help;
    }
    if let Some(c) = delete_completed(&s) {
        return c;
    }
    if let Some(c) = stop_repeating(&s) {
        return c;
    }
    if let Some(c) = reminders::remind_before(&s) {
        return c;
    }
    if let Some(c) = projects::create_project(&s)
        .or_else(|| projects::list_projects(&s))
        .or_else(|| projects::add_subtask(&s))
    {
        return c;
    }
    // "put X on my shopping list", "put X in groceries"
    if let Some(rest) = s.strip_prefix("put ") {
        if [" on my ", " in my ", " on the ", " to my ", " in "]
            .iter()
            .any(|m| rest.contains(m))
        {
            return Command::Add(add_text(rest));
        }
    }
    // An explicit request to add comes before everything that reads a task's name.
    if let Some(rest) = after_any(&s, STRONG_ADD_PREFIXES) {
        let text = add_text(rest);
        if !text.trim().is_empty() && !matches!(text.as_str(), "a task" | "task" | "something") {
            return Command::Add(text);
        }
    }
    if let Some(rest) = after_any(&s, NEED_PREFIXES) {
        return Command::Add(add_text(rest));
    }
    if let Some(c) = rename(&s) {
        return c;
    }
    if let Some(c) = reschedule(&s) {
        return c;
    }
    if let Some(c) = set_priority(&s) {
        return c;
    }
    if let Some(c) = reopen(&s) {
        return c;
    }
    if let Some(c) = complete(&s) {
        return c;
    }
    if let Some(c) = delete(&s) {
        return c;
    }
    if let Some(c) = list(&s) {
        return c;
    }
    if let Some(rest) = after_any(&s, WEAK_ADD_PREFIXES) {
        let text = add_text(rest);
        if !text.trim().is_empty() && !matches!(text.as_str(), "a task" | "task" | "something") {
            return Command::Add(text);
        }
    }
    Command::Unknown
}

/// "stop repeating the gym task", "don't repeat X anymore", "make X a one-off".
fn stop_repeating(s: &str) -> Option<Command> {
    for lead in [
        "stop repeating ",
        "stop the recurrence of ",
        "stop recurring ",
        "don't repeat ",
        "dont repeat ",
        "do not repeat ",
        "no longer repeat ",
        "remove the recurrence from ",
        "remove the repeat from ",
        "cancel the recurrence of ",
    ] {
        if let Some(rest) = s.strip_prefix(lead) {
            let rest = rest
                .trim_end_matches(" anymore")
                .trim_end_matches(" any more")
                .trim_end_matches(" again")
                .trim();
            if !rest.is_empty() {
                return Some(Command::StopRepeating(target(rest)));
            }
        }
    }
    for tail in [
        " should stop repeating",
        " stops repeating",
        " shouldn't repeat",
        " should not repeat",
    ] {
        if let Some(rest) = s.strip_suffix(tail) {
            return Some(Command::StopRepeating(target(rest)));
        }
    }
    let rest = s.strip_prefix("make ")?;
    let what = rest
        .strip_suffix(" a one-off")
        .or_else(|| rest.strip_suffix(" a one off"))
        .or_else(|| rest.strip_suffix(" non-recurring"))?;
    Some(Command::StopRepeating(target(what)))
}

fn yes_no(s: &str) -> Option<Command> {
    const YES: &[&str] = &[
        "yes",
        "y",
        "yeah",
        "yep",
        "yup",
        "sure",
        "ok",
        "okay",
        "confirm",
        "confirmed",
        "do it",
        "go ahead",
        "yes do it",
        "yes please",
        "absolutely",
        "of course",
        "correct",
        "affirmative",
        "please do",
        "delete them",
        "yes delete them",
    ];
    const NO: &[&str] = &[
        "no",
        "n",
        "nope",
        "nah",
        "cancel",
        "stop",
        "never mind",
        "nevermind",
        "don't",
        "dont",
        "no thanks",
        "abort",
        "forget it",
        "keep them",
        "no don't",
    ];
    if YES.contains(&s) {
        return Some(Command::Yes);
    }
    NO.contains(&s).then_some(Command::No)
}

fn is_help(s: &str) -> bool {
    matches!(
        s,
        "help"
            | "?"
            | "h"
            | "commands"
            | "menu"
            | "hi"
            | "hello"
            | "hey"
            | "what can i say"
            | "how does this work"
            | "what do you do"
            | "how do i use this"
            | "who are you"
            | "what are you"
    ) || s.starts_with("what can you do")
        || s.starts_with("what can you help")
        || s.starts_with("how can you help")
        || s.starts_with("help me")
        || s.starts_with("show help")
        || s.starts_with("what are your commands")
        || s.starts_with("what commands")
}

fn delete_completed(s: &str) -> Option<Command> {
    let verb = after_any(
        s,
        &[
            "delete ",
            "remove ",
            "clear ",
            "get rid of ",
            "purge ",
            "erase ",
            "clean up ",
            "trash ",
            "wipe ",
        ],
    )?;
    let rest = verb
        .trim_start_matches("out ")
        .trim_start_matches("all ")
        .trim_start_matches("of ")
        .trim_start_matches("the ")
        .trim_start_matches("my ");
    let done = ["completed", "done", "finished", "checked", "complete"];
    let first = rest.split_whitespace().next()?;
    let tail_ok = rest
        .split_whitespace()
        .skip(1)
        .all(|w| matches!(w, "tasks" | "task" | "ones" | "items" | "todos" | "stuff"));
    (done.contains(&first) && tail_ok).then_some(Command::DeleteCompleted)
}

fn rename(s: &str) -> Option<Command> {
    let rest = after_any(
        s,
        &[
            "rename ",
            "retitle ",
            "change the name of ",
            "change the title of ",
            "change name of ",
            "change title of ",
            "update the title of ",
        ],
    )?;
    let (from, to) = split_to(rest, " to ").or_else(|| split_to(rest, " as "))?;
    Some(Command::Rename(target(&from), strip_quotes(&to)))
}

fn reschedule(s: &str) -> Option<Command> {
    if let Some(rest) = after_any(
        s,
        &[
            "move ",
            "reschedule ",
            "postpone ",
            "push back ",
            "push ",
            "delay ",
            "shift ",
            "defer ",
            "bump ",
        ],
    ) {
        let (what, when) = split_to(rest, " to ")
            .or_else(|| split_to(rest, " until "))
            .or_else(|| split_to(rest, " till "))?;
        return Some(Command::Reschedule(target(&what), when));
    }
    for p in [
        "change the due date of ",
        "change the due date for ",
        "set the due date of ",
        "set the due date for ",
        "change due date of ",
        "set due date of ",
        "set due date for ",
        "change the deadline of ",
        "change the deadline for ",
        "set the deadline for ",
        "set the deadline of ",
    ] {
        if let Some(rest) = s.strip_prefix(p) {
            let (what, when) = split_to(rest, " to ")?;
            return Some(Command::Reschedule(target(&what), when));
        }
    }
    // "the dentist is due next monday", "make the report due friday"
    let rest = s.strip_prefix("make ").unwrap_or(s);
    let (what, when) = split_to(rest, " is due ").or_else(|| split_to(rest, " due "))?;
    let listing = what.starts_with("what")
        || LIST_STARTS.iter().any(|p| what.starts_with(p.trim_end()))
        || what
            .split_whitespace()
            .any(|w| matches!(w, "task" | "tasks" | "anything" | "something" | "which"));
    let when = when.trim_start_matches("on ").trim_start_matches("by ").to_owned();
    (!listing).then(|| Command::Reschedule(target(&what), when))
}

fn set_priority(s: &str) -> Option<Command> {
    // "make call mom high priority", "set X to high priority", "change the priority of X to high",
    // "mark X as urgent", "X is urgent", "prioritize X", "deprioritize X"
    if let Some(rest) = after_any(s, &["prioritize ", "prioritise "]) {
        return Some(Command::SetPriority(target(rest), Priority::High));
    }
    if let Some(rest) = after_any(s, &["deprioritize ", "deprioritise "]) {
        return Some(Command::SetPriority(target(rest), Priority::Low));
    }
    for p in [
        "change the priority of ",
        "set the priority of ",
        "change priority of ",
        "set priority of ",
        "change the priority for ",
        "set the priority for ",
    ] {
        if let Some(rest) = s.strip_prefix(p) {
            let (what, level) = split_to(rest, " to ")?;
            let level = priority_word(level.trim_end_matches(" priority"))?;
            return Some(Command::SetPriority(target(&what), level));
        }
    }
    let (rest, level) = take_priority(s);
    let level = match level {
        Some(level) => level,
        None => {
            // "mark X as urgent", "X is important"
            let last = s.split_whitespace().last()?;
            let level = priority_word(last).filter(|_| matches!(last, "urgent" | "important" | "critical"))?;
            let rest = s.strip_suffix(last).unwrap_or(s).trim_end();
            let rest = rest
                .strip_suffix(" as")
                .or_else(|| rest.strip_suffix(" is"))
                .unwrap_or(rest);
            let rest = after_any(rest, &["mark ", "make ", "set ", "flag "]).unwrap_or(rest);
            return (!rest.is_empty()).then(|| Command::SetPriority(target(rest), level));
        }
    };
    let what = after_any(&rest, &["make ", "set ", "mark ", "change ", "flag ", "give "])?;
    let what = what
        .strip_suffix(" to")
        .or_else(|| what.strip_suffix(" as"))
        .or_else(|| what.strip_suffix(" a"))
        .unwrap_or(what)
        .trim();
    (!what.is_empty()).then(|| Command::SetPriority(target(what), level))
}

fn reopen(s: &str) -> Option<Command> {
    if let Some(rest) = after_any(
        s,
        &[
            "reopen ",
            "re-open ",
            "uncheck ",
            "unmark ",
            "uncomplete ",
            "un-complete ",
            "restore ",
            "undo ",
        ],
    ) {
        let rest = rest.trim_end_matches(" as done").trim_end_matches(" as complete");
        return Some(Command::Reopen(target(rest)));
    }
    for w in UNDONE_WORDS {
        for form in [format!(" as {w}"), format!(" {w}")] {
            if let Some(rest) = s.strip_suffix(form.as_str()) {
                if let Some(what) = after_any(rest, &["mark ", "set ", "make ", "flag "]) {
                    return Some(Command::Reopen(target(what)));
                }
                if let Some(what) = rest.strip_suffix(" is").or_else(|| rest.strip_suffix(" isn't")) {
                    if *w != "todo" && *w != "to do" && *w != "pending" && *w != "open" || rest.ends_with(" is") {
                        return Some(Command::Reopen(target(what)));
                    }
                }
            }
        }
    }
    for p in [
        " isn't done",
        " is not done",
        " isn't finished",
        " wasn't done",
        " is not finished",
        " still needs doing",
        " isn't complete",
    ] {
        if let Some(what) = s.strip_suffix(p) {
            return Some(Command::Reopen(target(what)));
        }
    }
    None
}

fn complete(s: &str) -> Option<Command> {
    // "mark X as done", "set X to done", "mark X done", "mark X complete"
    for w in DONE_WORDS {
        for form in [format!(" as {w}"), format!(" to {w}"), format!(" {w}")] {
            if let Some(rest) = s.strip_suffix(form.as_str()) {
                if let Some(what) = after_any(rest, &["mark ", "set ", "flag ", "make "]) {
                    return Some(Command::Complete(target(what)));
                }
                // "X is done", "X's done", "X are done"
                for verb in [" is", " was", " are", " has been", " is now", " got"] {
                    if let Some(what) = rest.strip_suffix(verb) {
                        return Some(Command::Complete(target(what)));
                    }
                }
                if let Some(what) = rest.strip_suffix("'s") {
                    return Some(Command::Complete(target(what)));
                }
            }
        }
    }
    if let Some(rest) = after_any(
        s,
        &[
            "complete ",
            "finish ",
            "check off ",
            "check ",
            "tick off ",
            "tick ",
            "cross off ",
            "close ",
            "done with ",
            "i'm done with ",
            "im done with ",
            "i am done with ",
            "i'm finished with ",
            "finished with ",
            "done: ",
            "done ",
            "completed: ",
            "completed ",
        ],
    ) {
        let rest = rest.trim_end_matches(" off");
        return Some(Command::Complete(target(rest)));
    }
    // "I bought the milk", "I called mom", "just paid the rent", "I've finished the report"
    let rest = after_any(
        s,
        &[
            "i just ",
            "i've just ",
            "ive just ",
            "i have just ",
            "i've ",
            "ive ",
            "i have ",
            "just ",
            "i ",
        ],
    )?;
    let mut words = rest.split_whitespace();
    let verb = words.next()?;
    let object: Vec<&str> = words.collect();
    if object.is_empty() {
        return None;
    }
    if matches!(verb, "finished" | "completed" | "did" | "done") {
        return Some(Command::Complete(target(&object.join(" "))));
    }
    let base = base_verb(verb)?;
    // keep the verb's base so "bought the milk" can match "Buy milk" better than "Milk powder"
    Some(Command::Complete(Target::Text(format!("{base} {}", object.join(" ")))))
}

fn delete(s: &str) -> Option<Command> {
    let rest = after_any(
        s,
        &[
            "delete ",
            "remove ",
            "get rid of ",
            "drop ",
            "erase ",
            "trash ",
            "discard ",
            "forget about ",
            "forget ",
            "scrap ",
            "kill ",
            "cancel ",
        ],
    )?;
    let rest = rest
        .trim_end_matches(" from my list")
        .trim_end_matches(" from the list")
        .trim_end_matches(" from my tasks");
    Some(Command::Delete(target(rest)))
}

fn list(s: &str) -> Option<Command> {
    let started =
        LIST_STARTS.iter().any(|p| s.starts_with(p)) || s.ends_with(" tasks") && s.split_whitespace().count() <= 5;
    if !started {
        return None;
    }
    let mut f = ListFilter::default();
    let words: Vec<&str> = s.split_whitespace().collect();
    let has = |w: &str| words.contains(&w);
    // search: "find tasks about milk", "search for milk", "anything about the dentist"
    for marker in [
        " about ",
        " mentioning ",
        " containing ",
        " matching ",
        " related to ",
        " regarding ",
        " with the word ",
        " that mention ",
        " named ",
        " called ",
    ] {
        if let Some(i) = s.find(marker) {
            f.q = Some(strip_quotes(s[i + marker.len()..].trim_start_matches("the ")));
        }
    }
    if f.q.is_none() {
        if let Some(rest) = after_any(s, &["find ", "search for ", "search ", "look for ", "look up "]) {
            let rest = rest
                .trim_start_matches("tasks ")
                .trim_start_matches("task ")
                .trim_start_matches("for ")
                .trim_start_matches("my ");
            if !rest.is_empty() && rest != "tasks" {
                f.q = Some(strip_quotes(rest.trim_start_matches("the ")));
            }
        }
    }
    if f.q.is_none() {
        for marker in [" tagged ", " with tag ", " tag "] {
            if let Some(i) = s.find(marker) {
                f.tag = s[i + marker.len()..]
                    .split_whitespace()
                    .next()
                    .map(|t| t.trim_start_matches('#').to_owned());
            }
        }
        if let Some(tag) = words.iter().find(|w| w.starts_with('#') && w.len() > 1) {
            f.tag = Some(tag.trim_start_matches('#').to_owned());
        }
    }
    if has("completed") || has("done") || has("finished") || s.contains("checked off") {
        f.status = Some(StatusFilter::Done);
    } else if has("all") && !s.contains("all my open") {
        f.status = Some(StatusFilter::All);
    } else {
        f.status = Some(StatusFilter::Open);
    }
    if has("overdue") || has("late") || has("behind") || s.contains("past due") {
        f.due = Some(DueFilter::Overdue);
    } else if s.contains("this week") || s.contains("next 7 days") || s.contains("the week") {
        f.due = Some(DueFilter::ThisWeek);
    } else if s.contains("today") || s.contains("tonight") {
        f.due = Some(DueFilter::Today);
    } else if s.contains("no due date")
        || s.contains("without a due date")
        || s.contains("undated")
        || s.contains("no date")
    {
        f.due = Some(DueFilter::None);
    }
    if f.q.is_none() {
        for (i, w) in words.iter().enumerate() {
            let next = words.get(i + 1).copied().unwrap_or_default();
            if next == "priority" || next == "prio" || next == "pri" {
                f.priority = priority_word(w).or(f.priority);
            }
            if matches!(*w, "urgent" | "important") {
                f.priority = Some(Priority::High);
            }
        }
    }
    if f.q.is_none() && f.tag.is_none() {
        f.within = projects::within(s);
    }
    Some(Command::List(f))
}

mod projects;
mod reminders;
pub use projects::{place_kind, PlaceKind};

#[cfg(test)]
mod tests;
