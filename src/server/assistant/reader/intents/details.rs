//! The frames that change one detail of a task: its note, its due date taken away, a reminder
//! before it, a subtask under it (its tags are in `tags`, how it repeats in `repeats`). Each is
//! specific, so each is sure when its cue is there.
use super::{reading, Msg, Reading, TaskMention};
use crate::server::assistant::reader::lexicon::{CLEAR_DUE_CUES, NOTE_CUES};
use crate::server::assistant::reader::slots::{lead_time, SlotKind};
use crate::server::assistant::reader::text::Kind;
use crate::server::assistant::reader::{Command, Target};

pub fn all(m: &Msg) -> Vec<Reading> {
    [
        remind_before(m).map(|r| changes_the_reminder(m, r)),
        subtask(m),
        super::repeats::stop_repeating(m),
        super::repeats::set_repeat(m),
        clear_due(m),
        clear_reminders(m),
        note(m),
        super::tags::untag(m),
        super::tags::tag(m),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The tokens of the target: the mention, or the pointer.
pub(super) fn target_span(m: &Msg) -> Option<(usize, usize)> {
    if let Some(t) = &m.mention {
        return Some((t.start, t.end));
    }
    m.pointer.as_ref().map(|(s, e, _)| (*s, *e))
}

/// The target, else the words from `start` to `end` (not fillers, not `skip` words).
pub(super) fn target_between(m: &Msg, start: usize, end: usize, skip: &[&str]) -> Target {
    if let Some(t) = m.target_in(start, end) {
        return t;
    }
    let words: Vec<&str> = (start..end.min(m.hi))
        .filter(|&i| !m.filler[i] && m.w.tokens[i].kind != Kind::Punct(','))
        .map(|i| m.w.lower(i))
        .filter(|w| !skip.contains(w))
        .collect();
    if words.is_empty() {
        Target::It
    } else {
        Target::Text(words.join(" "))
    }
}

fn note(m: &Msg) -> Option<Reading> {
    let (i, len) = m.find(NOTE_CUES)?;
    if m.lead(&["note to self", "make a note to", "make a note", "take a note"])
        .is_some()
        || m.asks
    {
        return None;
    }
    // "add push the release notes to github friday", "add sticky notes": a new task's words
    // (not "add to the slides description: …")
    let colon = m.w.tokens.iter().any(|t| t.kind == Kind::Punct(':'));
    if m.lower(m.lo) == "add"
        && i != m.lo
        && !colon
        && matches!(m.lower(i), "note" | "notes" | "details" | "comment" | "comments")
    {
        return None;
    }
    // "append 'bring the lease' to pay rent": the note is quoted, the task after it
    if m.lower(i) == "append" {
        let quoted = (i + 1..m.hi).find(|&k| m.w.tokens[k].kind == Kind::Quoted)?;
        let target = m.target_in(quoted + 1, m.hi).unwrap_or(Target::It);
        return reading(9.0, Command::Note(target, m.w.original(quoted, quoted + 1)));
    }
    // the note: after ":" or "-", "saying", "that says", "as" (describe X as …), or the last
    // "to" (set the description of X to …)
    // a separator right after the cue ("add a note: …") comes before any task named in the note
    let right_after = matches!(m.w.tokens.get(i + len).map(|t| t.kind), Some(Kind::Punct(':' | '-')));
    // a task named after the first colon is in the note, not the note's task
    let colon = (i + len..m.hi).find(|&k| matches!(m.w.tokens[k].kind, Kind::Punct(':')));
    let named = |s: usize, e: usize| colon.is_none_or(|c| s < c).then_some((s, e));
    let span = m
        .mention
        .as_ref()
        .and_then(|t| named(t.start, t.end))
        .or_else(|| m.pointer.as_ref().and_then(|(s, e, _)| named(*s, *e)));
    let after_target = if right_after {
        i + len
    } else {
        span.map_or(i + len, |(_, e)| e.max(i + len))
    };
    let sep = (after_target..m.hi).find(|&k| {
        matches!(m.w.tokens[k].kind, Kind::Punct(':') | Kind::Punct('-'))
            || matches!(
                m.lower(k),
                "saying" | "says" | "as" | "that" | "to" | "reading" | "should" | "is"
            )
    });
    let sep = match (sep, colon) {
        // "add a note to the dentist: …" with no such task: the words before the colon name it
        (_, Some(c)) if !right_after && span.is_none() => c,
        (Some(k), _) => k,
        (None, _) if span.is_some() && after_target < m.hi => after_target - 1,
        (None, _) => return None,
    };
    let mut from = sep + 1;
    while matches!(
        m.lower(from),
        "that" | "says" | ":" | "-" | "should" | "be" | "is" | "will" | "reads"
    ) {
        from += 1;
    }
    let text = m.w.original(from, m.hi);
    let text = text.trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace());
    if text.is_empty() {
        return None;
    }
    let skip = [
        "a",
        "note",
        "to",
        "on",
        "for",
        "the",
        "description",
        "of",
        "add",
        "set",
        "details",
        "describe",
        "comment",
        "notes",
    ];
    // the task named before the note: "for the expense report, note that …"
    let named_before = m
        .mention
        .as_ref()
        .filter(|t| t.end <= sep && colon.is_none_or(|c| t.start < c))
        .map(|t| Target::Tasks(t.ids.clone()))
        .or_else(|| {
            m.pointer
                .as_ref()
                .filter(|(_, e, _)| *e <= sep)
                .map(|(_, _, t)| t.clone())
        });
    let target = named_before.unwrap_or_else(|| target_between(m, i + len, sep, &skip));
    reading(9.0, Command::Note(target, text.to_owned()))
}

fn clear_due(m: &Msg) -> Option<Reading> {
    let (i, len) = m.find(CLEAR_DUE_CUES)?;
    // "show me tasks without a date" asks to see them
    if m.asks
        || (m.shows
            && m.lead(&["show", "list", "display", "find", "give me", "get me", "see"])
                .is_some())
    {
        return None;
    }
    let skip = [
        "from", "of", "on", "for", "the", "task", "it", "is", "has", "needs", "make", "should", "set",
    ];
    let before = target_between(m, m.lo, i, &skip);
    let target = match before {
        Target::It if m.pointer.is_none() => target_between(m, i + len, m.hi, &skip),
        t => t,
    };
    reading(10.0, Command::ClearDue(target))
}

/// "remove the reminder from the dentist", "cancel all reminders for it", "don't remind me about
/// rent", "turn off the alerts on standup": every reminder of the task taken off.
fn clear_reminders(m: &Msg) -> Option<Reading> {
    const WORDS: &[&str] = &[
        "reminder",
        "reminders",
        "alert",
        "alerts",
        "notification",
        "notifications",
    ];
    const LEADS: &[&str] = &[
        "remove",
        "delete",
        "cancel",
        "clear",
        "drop",
        "turn off",
        "disable",
        "get rid of",
        "kill",
        "mute",
        "switch off",
    ];
    const SAYS_NO: &[&str] = &[
        "stop reminding me about",
        "stop reminding me of",
        "stop reminding me",
        "don't remind me about",
        "don't remind me of",
        "don't remind me",
        "do not remind me about",
        "do not remind me",
        "no reminders for",
        "no reminders on",
        "no reminder for",
        "no more reminders for",
        "no more reminders about",
    ];
    if m.asks || m.shows {
        return None;
    }
    let (start, end) = if let Some((i, len)) = m.find(SAYS_NO) {
        (i, i + len)
    } else {
        let lead = m.lead(LEADS)?;
        let (w, len) = m.find(WORDS)?;
        // the reminder words come right after the verb: "remove (all) (the|its) reminders"
        let between = (m.lo + lead..w).all(|k| matches!(m.lower(k), "all" | "the" | "its" | "any" | "every" | "of"));
        if !between {
            return None;
        }
        (m.lo, w + len)
    };
    let skip = [
        "from", "of", "on", "for", "the", "task", "it", "about", "its", "all", "any", "anymore", "please", "to",
    ];
    let before = target_between(m, m.lo, start, &skip);
    let target = match before {
        Target::It if m.pointer.is_none() => target_between(m, end, m.hi, &skip),
        t => t,
    };
    reading(10.0, Command::ClearReminders(target))
}

/// "change the reminder on pills to 30 min before", "move my reminder for the dentist to an hour
/// before": the task's reminders replaced by this one, not one more ("set a reminder …" adds).
fn changes_the_reminder(m: &Msg, r: Reading) -> Reading {
    let Command::RemindBefore(target, minutes) = r.command else {
        return r;
    };
    let verb = m.lead(&[
        "change", "move", "update", "switch", "edit", "adjust", "modify", "reset",
    ]);
    // "set the reminder to …", "set the standup reminder to …" ("set a reminder" adds one)
    let definite = m.lead(&["set", "make", "push", "put"]).is_some_and(|lead| {
        let at = m.lo + lead;
        matches!(m.lower(at), "the" | "my" | "its" | "that" | "this")
            && (at + 1..(at + 6).min(m.hi)).any(|k| matches!(m.lower(k), "reminder" | "alert" | "reminders"))
    });
    let names_it = m.find(&["reminder", "reminders", "alert"]).is_some();
    let command = if names_it && (verb.is_some() || definite) {
        Command::ChangeReminder(target, minutes)
    } else {
        Command::RemindBefore(target, minutes)
    };
    Reading { command, ..r }
}

/// "remind me 10 minutes before the dentist", "remind me about the dentist an hour before",
/// "ping me 5m before standup", "remind me a day before rent is due".
fn remind_before(m: &Msg) -> Option<Reading> {
    // "set a 45 minute reminder for …": the time inside the reminder
    let short = m.lead(&[
        "set a",
        "set an",
        "add a",
        "add an",
        "put a",
        "create a",
        "give me a",
        "i want a",
        "set",
    ]);
    // read past a title that holds these words ("call mum remind me 10 minutes before")
    let lead = super::longest_at(
        &m.w,
        m.lo,
        m.hi,
        &[
            "remind me",
            "set a reminder",
            "add a reminder",
            "set reminder",
            "add reminder",
            "give me a reminder",
            "ping me",
            "notify me",
            "alert me",
            "nudge me",
            "warn me",
            "send me a reminder",
            "i want a reminder",
            "i want to be reminded",
            "remind",
            "give me a heads up",
            "give me a heads-up",
            "heads up",
            "buzz me",
            "let me know",
            "give me a nudge",
            "send me a reminder",
        ],
    );
    // "change the call the vet reminder to 15 min before": a change of a reminder named anywhere
    let changed = m
        .lead(&["change", "switch", "move", "update", "set", "make", "push", "adjust"])
        .is_some()
        && m.find(&["before", "beforehand", "ahead"]).is_some();
    let bare = lead.is_none()
        && short.is_none()
        && m.find(&["reminder", "alert"])
            .is_some_and(|(i, _)| i > m.lo && (i <= m.lo + 3 || changed));
    let lead = match (lead, short) {
        (Some(l), _) => l,
        (None, Some(l)) if m.find(&["reminder", "alert"]).is_some() => l,
        _ if bare => 0,
        _ => return None,
    };
    // "set a 45 minute reminder for the quarterly report"
    if let Some(r) = (m.lo + lead..m.hi).find(|&i| matches!(m.lower(i), "reminder" | "alert" | "heads-up")) {
        let mut s = m.lo + lead;
        while matches!(m.lower(s), "a" | "an") {
            s += 1;
        }
        let time: Vec<&str> = (s..r)
            .map(|k| m.w.lower(k).trim_end_matches("-minute").trim_end_matches("-hour"))
            .collect();
        let time: Vec<&str> = time.into_iter().filter(|w| !w.is_empty()).collect();
        if let Some(minutes) = lead_time(&time) {
            let skip = ["for", "on", "about", "the", "of", "before"];
            return reading(
                10.0,
                Command::RemindBefore(target_between(m, r + 1, m.hi, &skip), minutes),
            );
        }
    }
    // "remind me the day before"
    if let Some(i) = m
        .find(&[
            "the day before",
            "a day before",
            "the night before",
            "the evening before",
        ])
        .map(|(i, _)| i)
    {
        let skip = ["about", "of", "for", "the", "is", "due", "it", "to", "task", "me"];
        let after_end = m
            .slot(|k| matches!(k, SlotKind::Date))
            .filter(|d| d.end > i + 3)
            .map_or(m.hi, |d| d.start.max(i + 3));
        // the task after the words, or before them ("remind me about the gym the day before")
        let target = m
            .target()
            // (up to the time said after it: "remind me the day before at 4pm" is about "it")
            .unwrap_or_else(|| match target_between(m, i + 3, after_end, &skip) {
                Target::It => target_between(m, m.lo + lead, i, &skip),
                t => t,
            });
        // "… the day before at 6pm": at that time of the day before
        let at = m
            .slot(|k| matches!(k, SlotKind::Date))
            .filter(|d| {
                (d.start..d.end).any(|k| m.lower(k) == "at" || m.lower(k).ends_with("pm") || m.lower(k).ends_with("am"))
            })
            .map(|d| m.w.original(d.start, d.end));
        return reading(
            10.0,
            match at {
                Some(at) => Command::RemindDaysBefore(target, 1, at),
                None => Command::RemindBefore(target, 1440),
            },
        );
    }
    // "remind me about the pub quiz at 7pm on the day": at that time of the task's own day
    if let Some(i) = m
        .find(&["on the day", "on the same day", "on that day", "the same day"])
        .map(|(i, _)| i)
    {
        let date = m.slot(|k| matches!(k, SlotKind::Date)).filter(|d| {
            (d.start..d.end).any(|k| m.lower(k).ends_with("pm") || m.lower(k).ends_with("am") || m.lower(k) == "at")
        });
        if let Some(date) = date {
            let skip = ["about", "of", "for", "the", "is", "due", "it", "to", "task", "me", "on"];
            // the task before the words, but the time said ("remind me at 7am on the day": "it")
            let (from, end) = if date.start > m.lo + lead {
                (m.lo + lead, date.start.min(i))
            } else {
                (date.end.min(i), i)
            };
            let target = m.target().unwrap_or_else(|| target_between(m, from, end, &skip));
            return reading(
                10.0,
                Command::RemindDaysBefore(target, 0, m.w.original(date.start, date.end)),
            );
        }
    }
    // a title that holds the lead's own words ("call grandma remind me 30 minutes before") is not
    // what a reminder is asked for
    let lead_in_mention = m.mention.as_ref().is_some_and(|t| t.start < m.lo + lead.max(1));
    let before = (m.lo + lead..m.hi)
        .find(|&i| matches!(m.lower(i), "before" | "beforehand" | "ahead") && (lead_in_mention || !m.in_mention(i)));
    let Some(before) = before else {
        return moment_first(m, m.lo + lead).or_else(|| remind_at(m, m.lo + lead));
    };
    let words = |s: usize, e: usize| -> Vec<&str> { (s..e).map(|k| m.w.lower(k)).collect() };
    let skip = [
        "about", "of", "for", "is", "due", "starts", "begins", "it", "on", "to", "task",
    ];
    // "<time> before <task>"
    let mut start = m.lo + lead;
    while matches!(m.lower(start), "me" | "to" | ":") {
        start += 1;
    }
    for s in start..before {
        if let Some(minutes) = lead_time(&words(s, before)) {
            let target = target_between(m, before + 1, m.hi, &skip);
            let target = match target {
                Target::It if s > start => target_between(m, start, s, &skip),
                t => t,
            };
            return reading(10.0, Command::RemindBefore(target, minutes));
        }
    }
    // "remind me before the bio quiz", "remind me b4 the quiz": a task one has, and no time
    // said — half an hour before (the answer says so; "make that an hour" changes it)
    // (the task named right after "before", and nothing after it: "remind me before the meeting
    // to bring the slides" is a new task)
    let mention = m.mention.as_ref()?;
    let mut at = before + 1;
    while matches!(m.lower(at), "the" | "my") {
        at += 1;
    }
    ((start..before).all(|k| m.filler[k]) && mention.start == at && said_last(m, mention)).then(|| Reading {
        score: 9.0,
        command: Command::RemindBefore(Target::Tasks(mention.ids.clone()), DEFAULT_BEFORE),
    })
}

/// Whether the task named is the last thing said (fillers and marks aside).
fn said_last(m: &Msg, mention: &TaskMention) -> bool {
    (mention.end..m.hi).all(|k| m.filler[k] || !m.w.tokens[k].is_word())
}

/// Minutes before a task a reminder asked for without a time rings ("remind me before the quiz").
const DEFAULT_BEFORE: u32 = 30;

/// "set a reminder for wrap presents on dec 23 at 8pm", "remind me about the dentist tomorrow at
/// 9am": a reminder at a moment, on a task the user has. "remind me to …" is a new task, and so
/// is a reminder for something the user has no task for.
fn remind_at(m: &Msg, after_lead: usize) -> Option<Reading> {
    let mention = m.mention.as_ref()?;
    let mut k = after_lead;
    while matches!(m.lower(k), "me" | "a" | "reminder" | "alert" | ":") && k < mention.start {
        k += 1;
    }
    let joined = matches!(m.lower(k), "for" | "about" | "of" | "on" | "re" | "regarding");
    if m.lower(k) == "to" || (!joined && k != mention.start) {
        return None;
    }
    // "remind me about the bio quiz": a task one has named, and nothing more — at its due time
    let Some(date) = m.slot(|s| matches!(s, SlotKind::Date)) else {
        return (joined && said_last(m, mention)).then(|| Reading {
            score: 9.0,
            command: Command::RemindBefore(Target::Tasks(mention.ids.clone()), 0),
        });
    };
    if date.start < mention.end && date.end > mention.start {
        return None;
    }
    let mut from = date.start;
    while from < date.end && matches!(m.lower(from), "due" | "for" | "a" | "with") {
        from += 1;
    }
    (from < date.end).then_some(())?;
    reading(
        10.0,
        Command::RemindAt(Target::Tasks(mention.ids.clone()), m.w.original(from, date.end)),
    )
}

/// "remind me sat at 7pm abt it", "remind me about it tomorrow at 9am": a moment, "it" or a task.
fn moment_first(m: &Msg, after_lead: usize) -> Option<Reading> {
    let k = after_lead + usize::from(m.lower(after_lead) == "me");
    let date = m.slot(|s| matches!(s, SlotKind::Date))?;
    let last = |e: usize| (e..m.hi).all(|x| m.filler[x] || !m.w.tokens[x].is_word());
    // ("remind me about it tomorrow at 9am": "it", then the moment said last)
    if let Some((s, e, Target::It)) = &m.pointer {
        if *s == k + 1 && matches!(m.lower(k), "about" | "of") && date.start == *e && last(date.end) {
            return reading(10.0, Command::RemindAt(Target::It, m.w.original(date.start, date.end)));
        }
    }
    if date.start != k || !matches!(m.lower(date.end), "about" | "of" | "re" | "regarding") {
        return None;
    }
    let j = date.end + 1;
    let target = match (&m.mention, &m.pointer) {
        (Some(t), _) if (t.start == j || (t.start == j + 1 && m.lower(j) == "the")) && said_last(m, t) => {
            Target::Tasks(t.ids.clone())
        }
        (_, Some((s, e, Target::It))) if *s == j && last(*e) => Target::It,
        _ => return None,
    };
    reading(10.0, Command::RemindAt(target, m.w.original(date.start, date.end)))
}

/// "add a subtask to plan party: buy balloons", "add buy balloons as a subtask of plan party",
/// "add subtask buy balloons to plan party", "plan party needs a subtask: buy balloons".
fn subtask(m: &Msg) -> Option<Reading> {
    // "under the tap, add buy a new washer", "under plan party add make a playlist"
    if matches!(m.lower(m.lo), "under" | "inside" | "beneath" | "within") {
        let (parent_end, parent) = match (&m.mention, &m.pointer) {
            (Some(t), _) if t.start <= m.lo + 2 => (t.end, Target::Tasks(t.ids.clone())),
            (_, Some((s, e, t))) if *s <= m.lo + 2 => (*e, t.clone()),
            _ => return None,
        };
        let mut k = parent_end;
        while m.w.tokens.get(k).is_some_and(|t| matches!(t.kind, Kind::Punct(_))) {
            k += 1;
        }
        let lead = super::longest_at(&m.w, k, m.hi, crate::server::assistant::reader::lexicon::ADD_LEADS)?;
        let text = m.quick_add(k + lead, m.hi, &[]);
        if text.is_empty() {
            return None;
        }
        return reading(10.0, Command::AddSubtask(parent, text));
    }
    let word =
        (m.lo..m.hi).find(|&i| matches!(m.lower(i), "subtask" | "sub-task" | "subtasks" | "step" | "substep"))?;
    if m.asks || m.shows {
        return None;
    }
    let text_of = |s: usize, e: usize| m.quick_add(s, e, &[]);
    let skip = [
        "a", "an", "the", "to", "for", "of", "under", "new", "add", "create", "subtask", "sub-task", "needs", "should",
        "have", "has",
    ];
    // "for the quarterly report add a subtask "collect numbers from sales""
    if let Some(q) = (word + 1..m.hi).find(|&k| m.w.tokens[k].kind == Kind::Quoted) {
        if let Some(t) = m.target_in(m.lo, word) {
            return reading(10.0, Command::AddSubtask(t, m.w.original(q, q + 1)));
        }
    }
    // "a subtask under plan party called book the hall"
    if let Some(called) = (word + 1..m.hi).find(|&k| matches!(m.lower(k), "called" | "named" | "titled" | "saying")) {
        let text = text_of(called + 1, m.hi);
        if !text.is_empty() {
            return reading(
                10.0,
                Command::AddSubtask(target_between(m, word + 1, called, &skip), text),
            );
        }
    }
    // a separator: the parent before it, the subtask after it
    if let Some(sep) = (word..m.hi).find(|&k| matches!(m.w.tokens[k].kind, Kind::Punct(':') | Kind::Punct('-'))) {
        let text = text_of(sep + 1, m.hi);
        if text.is_empty() {
            return None;
        }
        let target = match target_between(m, m.lo, sep, &skip) {
            Target::Text(t) => Target::Text(t.split(' ').filter(|w| !skip.contains(w)).collect::<Vec<_>>().join(" ")),
            t => t,
        };
        return reading(10.0, Command::AddSubtask(target, text));
    }
    // "add buy balloons as a subtask of plan party"
    let lead = m.lead(&["add", "create", "put", "make"]).unwrap_or(0);
    if let Some(of) = (word + 1..m.hi).find(|&k| matches!(m.lower(k), "of" | "to" | "for" | "under" | "in")) {
        let mut end = word;
        while end > m.lo + lead && matches!(m.lower(end - 1), "a" | "an" | "as" | "new") {
            end -= 1;
        }
        if end > m.lo + lead {
            let text = text_of(m.lo + lead, end);
            let target = target_between(m, of + 1, m.hi, &skip);
            return reading(10.0, Command::AddSubtask(target, text));
        }
        // "add a subtask to hire a dj" (to the task talked about): no task is named after "to"
        if of == word + 1 && m.target_in(of + 1, m.hi).is_none() && m.lower(of) == "to" && !m.known.titles.is_empty() {
            let text = text_of(of + 1, m.hi);
            if !text.is_empty() {
                return reading(9.5, Command::AddSubtask(Target::It, text));
            }
        }
        // "add subtask buy balloons to plan party"
        let to = (word + 1..m.hi)
            .rev()
            .find(|&k| matches!(m.lower(k), "to" | "under" | "for"))?;
        let text = text_of(word + 1, to);
        if text.is_empty() {
            return None;
        }
        let parent = target_between(m, to + 1, m.hi, &skip);
        return reading(10.0, Command::AddSubtask(parent, text));
    }
    None
}
