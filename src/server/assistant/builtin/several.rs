//! Several new things asked for in one sentence: "add call the plumber by Friday, and another to
//! call Ada tomorrow at 10am", "add buy milk and add call mom", "remind me to water the plants at
//! 5pm and remind me to feed the cat at 6pm", "we need a project for the market stall, and please
//! add book a stall space to it by Friday", "move the dentist to friday and add buy stamps". Each
//! is done in turn, as if said alone.
use chrono::NaiveDateTime;
use chrono_tz::Tz;

use super::{followup, known, turn_one, ConversationState, TurnOutcome};
use crate::domain::quick_add::{find_date, parse_quick_add, read_when, Said};
use crate::error::AppError;
use crate::server::assistant::reader::{self, is_task_verb, Command};
use crate::server::repo::UserScope;
use crate::server::tasks::local_now;

/// Runs a turn: the pieces of a message that asks for a new thing after the first request ("move
/// the dentist to friday and add buy stamps") each in turn; any other message as one request.
pub(super) async fn turn(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    text: &str,
) -> Result<TurnOutcome, AppError> {
    let placed = placed(text);
    let now = local_now(tz);
    let found = pieces(text, true, now);
    if placed.is_none() && found.is_none() {
        return turn_one(scope, tz, state, text).await;
    }
    let (_, known) = known(scope, state, tz).await?;
    let read = |piece: &str| reader::read(&followup::as_remind_me(piece), &known);
    // "add oat milk and add it to groceries": only when the place is one of the user's projects
    if let Some(placed) = &placed {
        if matches!(read(placed), Command::Add(said) if parse_quick_add(&said, now).project.is_some()) {
            return turn_one(scope, tz, state, placed).await;
        }
    }
    let Some(found) = found else {
        return turn_one(scope, tz, state, text).await;
    };
    // "remind me to water the plants and add fertilizer": a new title said without "add" takes
    // in an "and add …" of its own words
    let adds = |c: &Command| matches!(c, Command::Add(_) | Command::ConfirmAdd(_) | Command::AddSubtask(..));
    let found = match adds(&read(&found[0])) && !said_add(&found[0]) {
        true => pieces(text, false, now),
        false => Some(found),
    };
    let Some([first, rest @ ..]) = found.as_deref() else {
        return turn_one(scope, tz, state, text).await;
    };
    // (a question, a note or a new title would take in the rest: those are read whole)
    let done = !matches!(
        read(first),
        Command::Unknown
            | Command::Note(..)
            | Command::Rename(..)
            | Command::Clarify(_)
            | Command::Help
            | Command::Smalltalk(_)
            | Command::Aside(_)
            | Command::AskAbout(_)
            | Command::List(_)
            | Command::Count(_)
            | Command::ListProjects
            | Command::ListTags
            | Command::ListRepeating
            | Command::Yes
            | Command::No
            | Command::Again(_)
            | Command::Correct(_)
    );
    if !done {
        return turn_one(scope, tz, state, text).await;
    }
    // each piece is its own request: one that did nothing ("… is on your list already") does
    // not hold back the next, but a question asked does, and so does a piece about "it" after
    // nothing was done (a project not made)
    let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
    followup::each_in_turn(scope, tz, state, first, &rest, |done, then| {
        done.actions.is_empty() && then.split_whitespace().any(|w| w.eq_ignore_ascii_case("it"))
    })
    .await
}

/// Whether a piece asks with "add" ("add …", "please add …", "hey, can you add …", "create a task
/// …"): the word among its first four.
fn said_add(piece: &str) -> bool {
    let lower = piece.to_ascii_lowercase();
    let mut words = lower.split_whitespace().take(4);
    words.any(|w| matches!(w.trim_matches(|c: char| !c.is_alphanumeric()), "add" | "create" | "new"))
}

/// Where one piece may end and the next begin (the longer first where two start at one place).
const SEPARATORS: [&str; 13] = [
    ", and then ",
    " and then ",
    ", and also ",
    " and also ",
    ", and ",
    " and ",
    ", also ",
    " also ",
    ", then ",
    ", plus ",
    " & ",
    "; ",
    ", ",
];

/// The pieces of a message in which a later piece starts a new thing of its own ("and add …"
/// — only when `add_anew` —, "and another to …", "and remind me to …"), each written as said
/// alone ("add …"); `None` when no later piece does. A title in quotes is never cut.
pub(super) fn pieces(text: &str, add_anew: bool, now: NaiveDateTime) -> Option<Vec<String>> {
    // ASCII lower-casing keeps every byte where it was
    let lower = text.to_ascii_lowercase();
    if lower.contains(['"', '“', '”']) {
        return None;
    }
    let mut pieces = Vec::new();
    // "remind me to call mom at 5pm and another to call dad at 6pm": another reminder
    let another = if said_reminder(&lower) { "remind me to " } else { "add " };
    // where the piece being read starts, and the lead it is written with
    let (mut from, mut lead) = (0, "");
    let mut at = 0;
    while at < lower.len() {
        // (every separator starts with an ASCII byte: `k + 1` is a character's start)
        let Some((k, len)) = SEPARATORS
            .iter()
            .filter_map(|sep| lower[at..].find(sep).map(|k| (at + k, sep.len())))
            .min_by_key(|&(k, len)| (k, usize::MAX - len))
        else {
            break;
        };
        let sep = &lower[k..k + len];
        let dated = || {
            // (only after a new task: "move X to friday and Y to saturday" moves both or asks)
            let adding = !lead.is_empty() || said_add(&text[from..k]) || said_reminder(&lower[from..k]);
            (adding && (sep.contains("and") || sep.contains("then")))
                .then(|| dated(&text[from..k], &lower[k + len..], sep.starts_with(','), another, now))
                .flatten()
        };
        // "add write the FAQ page to it, and the social media calendar too": the last piece, one
        // more of the same
        let rest = lower[k + len..].trim_end_matches(['.', '!', ' ']);
        let more = (sep == ", and " && (rest.ends_with(" too") || rest.ends_with(" as well")))
            && rest.split_whitespace().count() <= 7
            && (!lead.is_empty() || said_add(&text[from..k]));
        // ("hey, add milk and add eggs": a word before a comma is no piece of its own)
        let piece = text[from..k].split_whitespace().count() >= 2;
        match starts_anew(&lower[k + len..], add_anew, another)
            .or_else(dated)
            .or_else(|| more.then_some(("add ", 0)))
            .filter(|_| piece)
        {
            Some(("add ", 0)) if more => {
                let said = text[k + len..].trim_end_matches(['.', '!', ' ']);
                let said = said
                    .get(..said.len() - if rest.ends_with(" too") { 4 } else { 8 })
                    .unwrap_or(said);
                // (where the one before goes: "… to it")
                let place = if lower[from..k].ends_with(" to it") {
                    " to it"
                } else {
                    ""
                };
                pieces.push(format!("{lead}{}", text[from..k].trim()));
                pieces.push(format!("add {}{place}", said.trim()));
                from = lower.len();
                break;
            }
            Some((next_lead, skip)) => {
                pieces.push(format!("{lead}{}", text[from..k].trim()));
                (from, lead) = (k + len + skip, next_lead);
                at = from;
            }
            None => at = k + 1,
        }
    }
    if pieces.is_empty() || pieces.len() > 9 {
        return None;
    }
    if from < lower.len() {
        pieces.push(format!("{lead}{}", text[from..].trim()));
    }
    pieces
        .iter()
        .all(|p| p.split_whitespace().count() >= 2)
        .then_some(pieces)
}

/// Whether `rest` (lower-case, after a separator) asks for a new thing of its own: the lead to
/// write it with and how many bytes of `rest` that lead stands for (`another`: the lead of
/// "another …").
fn starts_anew(rest: &str, add_anew: bool, another: &'static str) -> Option<(&'static str, usize)> {
    const FILLERS: [&str; 8] = [
        "please ",
        "pls ",
        "plz ",
        "also ",
        "then ",
        "can you ",
        "could you ",
        "can u ",
    ];
    let mut skip = 0;
    while let Some(filler) = FILLERS.iter().find(|f| rest[skip..].starts_with(**f)) {
        skip += filler.len();
    }
    let said = &rest[skip..];
    if said.starts_with("remind me to ") || said.starts_with("remind me that ") {
        return Some(("", skip));
    }
    // ("… and put make a revision plan in it": as "add")
    if let Some(after) = said
        .strip_prefix("add ")
        .or_else(|| said.strip_prefix("put "))
        .filter(|_| add_anew)
    {
        if let Some((lead, used)) = another_one(after, another) {
            return Some((lead, skip + 4 + used));
        }
        // "… and add it to groceries", "and add a reminder", "and add high priority", "and add a
        // deadline": said of the thing before, not a new one
        const OF_THE_THING: [&str; 30] = [
            "it",
            "that",
            "them",
            "this",
            "those",
            "these",
            "reminder",
            "reminders",
            "note",
            "notes",
            "tag",
            "tags",
            "label",
            "labels",
            "priority",
            "high",
            "low",
            "medium",
            "urgent",
            "to",
            "on",
            "due",
            "date",
            "description",
            "deadline",
            "subtask",
            "subtasks",
            "some",
            "more",
            "time",
        ];
        let mut words = after
            .split_whitespace()
            .skip_while(|w| matches!(*w, "a" | "an" | "the"));
        let word = words.next().unwrap_or_default();
        let said_of = word.is_empty() || OF_THE_THING.contains(&word) || word.starts_with(|c: char| c.is_ascii_digit());
        return (!said_of).then_some(("add ", skip + 4));
    }
    another_one(said, another).map(|(lead, used)| (lead, skip + used))
}

/// "another to call Ada", "another task: call Ada", "one more reminder to …": the lead to write
/// the new one with, and the bytes of `said` it stands for. After "to", a verb must follow
/// ("another to dad" is no new task).
fn another_one(said: &str, another: &'static str) -> Option<(&'static str, usize)> {
    let (more, after) = ["another ", "one more "]
        .iter()
        .find_map(|m| said.strip_prefix(m).map(|after| (m.len(), after)))?;
    const NOUNS: [&str; 6] = ["task", "one", "todo", "to-do", "item", "reminder"];
    let noun = NOUNS
        .iter()
        .find(|n| after.strip_prefix(**n).is_some_and(|r| r.starts_with([' ', ':', '-'])));
    let after_noun = after[noun.map_or(0, |n| n.len())..].trim_start();
    let told = [":", "-", "to ", "called ", "named "]
        .iter()
        .find(|t| after_noun.starts_with(**t))?;
    let what = after_noun[told.len()..].trim_start();
    let first = what.split_whitespace().next().unwrap_or_default();
    if first.is_empty() || (*told == "to " && !is_task_verb(first)) {
        return None;
    }
    let lead = if noun == Some(&"reminder") {
        "remind me to "
    } else {
        another
    };
    Some((lead, more + (after.len() - what.len())))
}

/// "add chase the printers thursday morning and confirm catering numbers friday at noon",
/// "remind me to chase the printers on thursday and to confirm numbers by friday noon": a piece
/// that ends with its day, then a verb that has a day of its own (or follows a comma: "add
/// laundry tomorrow morning, and buy diapers") — a new task (`another`: its lead).
fn dated(
    before: &str,
    rest: &str,
    comma: bool,
    another: &'static str,
    now: NaiveDateTime,
) -> Option<(&'static str, usize)> {
    let ends_dated = |piece: &str| {
        let read = parse_quick_add(piece, now);
        read.due.is_some() && read.recurrence.is_none() && piece.trim().starts_with(read.title.as_str())
    };
    // (a day, not a time alone: "add meet Ana tomorrow and discuss the budget at 3pm" is one task)
    let has_day = |piece: &str| {
        let lower: Vec<String> = piece.split_whitespace().map(str::to_lowercase).collect();
        find_date(&lower, now)
            .is_some_and(|(s, e)| matches!(read_when(&lower[s..e].join(" "), now), Said::At(w) if w.has_day))
    };
    let skip = if another != "add " && rest.starts_with("to ") {
        3
    } else {
        0
    };
    let said = &rest[skip..];
    let verb = said.split_whitespace().next().is_some_and(is_task_verb);
    // ("remind me to take my meds at 9pm and to call dad at 10pm": "to" says a reminder of its own)
    let own_day = ends_dated(said) && (has_day(said) || skip == 3);
    // "add chem lab report fri and bio reading sat": each a day of its own, the second's name of
    // two words or more
    let named = own_day && has_day(before) && parse_quick_add(said, now).title.split_whitespace().count() >= 2;
    // ("add send investor updates, and follow up with Priya tomorrow": a comma, then a verb)
    let listed = comma && verb;
    (listed || ((verb || named) && ends_dated(before) && own_day)).then_some((another, skip))
}

/// Whether a message asks to be reminded ("remind me to …", "pls remind me at 5 to …").
fn said_reminder(lower: &str) -> bool {
    lower.split_whitespace().take(4).any(|w| w == "remind")
}

/// "add buy milk and add it to groceries", "add call mom, and put it on my family list": one new
/// task, and where it goes — said as "add buy milk to groceries" (the caller makes sure the place
/// is a project: "… and put it in the fridge" is part of the title).
fn placed(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    if !lower.starts_with("add ") {
        return None;
    }
    let (k, len) = [", and add it ", " and add it ", ", and put it ", " and put it "]
        .iter()
        .find_map(|sep| lower.find(sep).map(|k| (k, sep.len())))?;
    let rest = &text[k + len..];
    let place = rest.split_whitespace().next()?.to_ascii_lowercase();
    (matches!(place.as_str(), "to" | "in" | "into" | "on" | "onto" | "under") && !text[..k].contains(['"', '“']))
        .then(|| format!("{} {rest}", &text[..k]))
}
