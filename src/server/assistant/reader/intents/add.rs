//! The frame of a new task: an add cue at the start ("add", "remind me to", "don't let me forget
//! to"), after slots said first ("Groceries: add …", "tomorrow I need to …") or at the end ("…, add
//! pls", "… on my list"); the title is what is left, with its dates, priority, tags and project
//! written as quick-add writes them.
use super::{reading, Msg, Reading};
use crate::server::assistant::reader::lexicon::{ADD_LEADS, GLUE};
use crate::server::assistant::reader::slots::SlotKind;
use crate::server::assistant::reader::text::{is_task_verb, Kind};
use crate::server::assistant::reader::{Command, Target};

/// Words that end a message to say "add this": "…, please add", "… - add pls", "…, can you add
/// that?", "… - new task".
#[rustfmt::skip]
const ADD_TAILS: &[&str] = &[
    "add", "add it", "add that", "add this", "please add", "add please", "add pls", "add that pls", "add that please",
    "add that thx", "add that thanks", "can you add that", "can you add it", "could you add that", "need to add that",
    "need to add", "add it please", "new task", "new todo", "new reminder", "add to my list", "add it to my list",
    "add that to my list", "put it on my list", "put that on my list", "add as a task", "add it as a task",
    "add that as a task", "add that as a repeating task", "add it as a repeating task", "add to list",
    "add to the list", "new item", "pls add", "put it down", "write it down", "note it", "add please thanks",
    "add that for me",
];

pub(super) fn add_tail(m: &Msg) -> Option<usize> {
    (m.lo + 1..m.hi)
        .filter(|&i| {
            matches!(m.w.tokens[i - 1].kind, Kind::Punct(_))
                || m.filler[i - 1]
                || matches!(
                    m.lower(i),
                    "please" | "pls" | "can" | "could" | "need" | "new" | "add" | "put"
                )
        })
        .find(|&i| {
            super::longest_at(&m.w, i, m.hi, ADD_TAILS).is_some_and(|l| {
                (i + l..m.hi)
                    .all(|k| m.filler[k] || matches!(m.lower(k), "thx" | "thanks" | "pls" | "please" | "?" | "!"))
            })
        })
}

/// "X, add it to my list", "oat milk on my list please", "toothpaste - add pls": a title, then
/// words about the list.
fn add_at_end(m: &Msg) -> Option<Reading> {
    if let Some(tail) = add_tail(m) {
        let mut end = tail;
        while end > m.lo && matches!(m.w.tokens[end - 1].kind, Kind::Punct(_)) {
            end -= 1;
        }
        let from = skip_modal(m, m.lo);
        let text = m.quick_add(from, end, &[]);
        let named_whole = m.mention.as_ref().is_some_and(|t| t.start <= from && t.end >= end);
        if !text.is_empty() && !named_whole {
            return reading(8.0, Command::Add(text));
        }
    }
    let place = m.slot(|k| matches!(k, SlotKind::ListWords))?;
    if place.end != m.hi || place.start <= m.lo || m.asks || m.shows {
        return None;
    }
    // "the garage on my list" names a task that exists: asked about instead
    if m.mention.as_ref().is_some_and(|t| {
        (m.lo..place.start).filter(|&k| !GLUE.contains(&m.lower(k))).count()
            == (t.start..t.end).filter(|&k| !GLUE.contains(&m.lower(k))).count()
    }) {
        return None;
    }
    let mut end = place.start;
    // "…, add it", "… - put it"
    while end > m.lo
        && (matches!(
            m.lower(end - 1),
            "add" | "put" | "it" | "that" | "this" | "stick" | "please"
        ) || matches!(m.w.tokens[end - 1].kind, Kind::Punct(_)))
    {
        end -= 1;
    }
    let text = m.quick_add(skip_modal(m, m.lo), end, &[]);
    if text.is_empty() {
        return None;
    }
    reading(7.0, Command::Add(text))
}

/// Whether the message says how a new task repeats ("… every monday", "each year on march 3")
/// and names none of the user's tasks.
pub fn states_a_repeat(m: &Msg) -> bool {
    let said = m
        .slot(|k| matches!(k, SlotKind::Repeat))
        .is_some_and(|s| matches!(m.lower(s.start), "every" | "each" | "every!"));
    said && m.mention.is_none() && m.pointer.is_none() && !m.asks && !m.shows
}

/// "take out the trash every monday": a title and how it repeats, with no add cue, is a new task.
fn add_repeating(m: &Msg) -> Option<Reading> {
    if !states_a_repeat(m) {
        return None;
    }
    let from = skip_modal(m, m.lo);
    // a title is left besides the repeat (and its date)
    let titled = (from..m.hi)
        .any(|k| !m.filler[k] && m.w.tokens[k].is_word() && !m.slots.iter().any(|s| s.start <= k && k < s.end));
    let text = m.quick_add(from, m.hi, &[]);
    if !titled || text.is_empty() {
        return None;
    }
    reading(6.5, Command::Add(text))
}

/// Past "should", "I need to", "that I have to" at `from`: the task itself starts after them.
fn skip_modal(m: &Msg, mut from: usize) -> usize {
    while let Some(l) = super::longest_at(
        &m.w,
        from,
        m.hi,
        &[
            "should",
            "i should",
            "i need to",
            "i have to",
            "i must",
            "need to",
            "have to",
            "that i need to",
            "that i have to",
            "that i",
            "that",
            "i still have to",
            "i still need to",
            "gotta",
            "must",
        ],
    ) {
        if from + l >= m.hi {
            break;
        }
        from += l;
    }
    from
}

/// "add napkins to plan party": a new task under a task that exists (not a project).
fn add_under_task(m: &Msg, from: usize) -> Option<Reading> {
    let parent = m.mention.as_ref()?;
    if parent.start <= from
        || parent.end != m.hi
        || m.slot(|k| matches!(k, SlotKind::Project(_) | SlotKind::ListWords))
            .is_some()
    {
        return None;
    }
    if !matches!(m.lower(parent.start - 1), "to" | "under" | "into") {
        return None;
    }
    // the whole of the parent's name, so "add call the bank to the loan list" is not taken
    let whole = (parent.start..parent.end)
        .filter(|&k| !GLUE.contains(&m.lower(k)))
        .count()
        >= 2
        || m.known
            .titles
            .iter()
            .any(|t| parent.ids.contains(&t.id) && t.word_count() == 1);
    if !whole || parent.ids.len() != 1 {
        return None;
    }
    // "remind me at 5 to email the school": only a time before "to" — a reminder on the task,
    // never a subtask called "at 5"
    let reminded = (m.lo..from).any(|k| m.lower(k) == "remind");
    if let Some(date) = m.slot(|k| matches!(k, SlotKind::Date)).filter(|_| reminded) {
        let words = (from..parent.start - 1).filter(|&k| !m.filler[k]).collect::<Vec<_>>();
        if words.iter().all(|&k| date.start <= k && k < date.end) && !words.is_empty() {
            return Some(Reading {
                score: 8.5,
                command: Command::RemindAt(Target::Tasks(parent.ids.clone()), m.w.original(date.start, date.end)),
            });
        }
    }
    let text = m.quick_add(from, parent.start - 1, &[]);
    (!text.is_empty()).then(|| Reading {
        score: 8.5,
        command: Command::AddSubtask(Target::Tasks(parent.ids.clone()), text),
    })
}

pub fn add(m: &Msg) -> Option<Reading> {
    // "tomorrow I need to …", "Groceries: add …", "for home renovation, add …", "high priority:
    // buy diapers": slots may come first
    let mut first = m.lo;
    loop {
        let lead_in = usize::from(matches!(m.lower(first), "for" | "in" | "on"));
        match m
            .slots
            .iter()
            .find(|s| (s.start == first || s.start == first + lead_in) && !matches!(s.kind, SlotKind::ListWords))
        {
            Some(s) => first = s.end,
            None => break,
        }
        while m.w.tokens.get(first).is_some_and(|t| matches!(t.kind, Kind::Punct(_))) {
            first += 1;
        }
    }
    // "every monday 7am put out recycling": after a date, "put" with nowhere to put it and no
    // "down" is the title's own verb
    let put_nowhere = matches!(m.lower(first), "put" | "stick" | "throw")
        && m.find(&["down"]).is_none()
        && m.slot(|k| matches!(k, SlotKind::ListWords | SlotKind::Project(_)))
            .is_none();
    let at = if first > m.lo
        && !put_nowhere
        && (super::longest_at(&m.w, first, m.hi, ADD_LEADS).is_some()
            || matches!(m.w.tokens.get(first - 1).map(|t| t.kind), Some(Kind::Punct(':'))))
    {
        first
    } else {
        m.lo
    };
    let Some(len) = super::longest_at(&m.w, at, m.hi, ADD_LEADS).or((at > m.lo).then_some(0)) else {
        return add_at_end(m).or_else(|| add_repeating(m));
    };
    // "I need a new charger, add "buy laptop charger"": an add cue later, with a quoted title
    if let Some(tail) =
        (at + len..m.hi).find(|&k| m.lower(k) == "add" && m.w.tokens.get(k + 1).is_some_and(|t| t.kind == Kind::Quoted))
    {
        let mut text = m.w.original(tail + 1, tail + 2);
        let rest = m.quick_add(tail + 2, m.hi, &[]);
        if !rest.is_empty() {
            text = format!("{text} {rest}");
        }
        return reading(8.0, Command::Add(text));
    }
    let lead: Vec<&str> = (at..at + len).map(|i| m.lower(i)).collect();
    let lead = lead.join(" ");
    let has_place = m
        .slot(|k| matches!(k, SlotKind::ListWords | SlotKind::Project(_)))
        .is_some();
    // "put the glasses in groceries" moves a task that exists: the whole object names it
    let object_named = m.mention.as_ref().is_some_and(|t| {
        let place = m
            .slot(|k| matches!(k, SlotKind::ListWords | SlotKind::Project(_)))
            .map_or(m.hi, |s| s.start);
        let words = (m.lo + len..place)
            .filter(|&k| !GLUE.contains(&m.lower(k)) && m.lower(k) != "back")
            .count();
        let named = (t.start..t.end).filter(|&k| !GLUE.contains(&m.lower(k))).count();
        named == words
    });
    let object_pointed = m.pointer.as_ref().is_some_and(|(s, _, _)| *s == m.lo + len);
    // "put run 5k on saturday", "put "drop off donations" down for thursday": a new task
    let dated = m.slot(|k| matches!(k, SlotKind::Date)).is_some() && m.mention.is_none();
    let put_down = m.find(&["down"]).is_some();
    // "put sunscreen on my shopping list": a place, even one there is not
    let on_a_list = m.hi > m.lo + 2 && m.lower(m.hi - 1) == "list";
    if matches!(lead.as_str(), "put" | "stick" | "throw")
        && (!(has_place || dated || put_down || on_a_list) || object_named || object_pointed)
    {
        return None;
    }
    let mut from = at + len;
    // "I must remember to …", "I'd like to add …": one lead after another
    #[rustfmt::skip]
    const CHAINED: &[&str] = &[
        "that i need to", "i need to", "that i have to", "i have to", "that i should", "i should", "that i",
        "the following task", "the following", "this task", "for me", "a reminder for me to", "a reminder for me",
        "for me to", "remember to", "remember", "not forget to", "to", "be sure to", "make sure to", "make sure i",
        "add", "add a task to", "add a task", "create a task to", "a task to", "a task", "a todo", "a reminder to",
        "a new task", "a new task to", "a todo to", "an item",
    ];
    // "add a low priority task to …", "add a weekly task to …": the slot stays, the words go
    let mut k = from;
    while k < m.hi
        && (matches!(m.lower(k), "a" | "an" | "new")
            || m.slots
                .iter()
                .any(|s| s.start <= k && k < s.end && matches!(s.kind, SlotKind::Priority(_) | SlotKind::Repeat)))
    {
        k += 1;
    }
    let mut kept_slots: Vec<(usize, usize)> = Vec::new();
    if k > from
        && super::longest_at(
            &m.w,
            k,
            m.hi,
            &["task to", "task", "todo", "reminder to", "reminder", "item", "to-do"],
        )
        .is_some()
    {
        if m.slots.iter().any(|s| s.start >= from && s.start < k) {
            kept_slots.push((from, k));
        }
        from = k;
    }
    // separators and the words that only join the lead to the title, and more leads after them:
    // "new todo - X", "add a task called X", "could you add a task for me? I need to call …"
    loop {
        let w = m.lower(from);
        let joining = matches!(m.w.tokens.get(from).map(|t| t.kind), Some(Kind::Punct(_)))
            || matches!(w, "called" | "named" | "titled" | "saying" | "that" | "down")
            || (matches!(w, "to" | "about" | "for") && !lead.ends_with(" to") && lead != "add")
            || (w == "me" && from > at && m.lower(from - 1) == "for")
            || m.filler.get(from).copied().unwrap_or(false);
        if from < m.hi && joining {
            from += 1;
            continue;
        }
        match super::longest_at(
            &m.w,
            from,
            m.hi,
            &[CHAINED, &["task to", "task", "todo", "reminder to", "item"]].concat(),
        ) {
            Some(more) if from + more < m.hi => from += more,
            _ => break,
        }
    }
    // "remind me about the parcel pickup": the article is the sentence's, not the title's
    if from + 1 < m.hi && from > at && m.lower(from - 1) == "about" && m.lower(from) == "the" {
        from += 1;
    }
    // a quoted title after the lead is the title: "…, add "buy laptop charger""
    if let Some(q) = (from..m.hi).find(|&k| m.w.tokens[k].kind == Kind::Quoted) {
        let before_is_lead =
            q == from || (from..q).all(|k| m.filler[k] || matches!(m.lower(k), "add" | "task" | "a" | "the" | "this"));
        if before_is_lead {
            // (kept in quotes when quick-add would read a day or a tag inside it: "add a task
            // called "Friday drinks"")
            let quoted = m.w.original(q, q + 1);
            let read = crate::domain::quick_add::parse_quick_add(&quoted, m.known.now);
            let mut text = if read.title == quoted {
                quoted
            } else {
                format!("\"{quoted}\"")
            };
            let after = if m.lower(q + 1) == "down" { q + 2 } else { q + 1 };
            let rest = m.quick_add(after, m.hi, &[]);
            if !rest.is_empty() {
                text = format!("{text} {rest}");
            }
            return reading(8.0, Command::Add(text));
        }
    }
    // "remind me what's due tomorrow": a question after all
    if matches!(
        m.lower(from),
        "what" | "which" | "how" | "when" | "where" | "whether" | "if"
    ) {
        return None;
    }
    // "set a reminder", "add a task": something to add, but not what
    if from >= m.hi {
        return reading(
            5.0,
            Command::Clarify("What should I add? Say the task, like “add call mom tomorrow 5pm”.".into()),
        );
    }
    // "add draft proposal to the Work project", "put sunscreen on my shopping list" with no such
    // project: said, not added with those words in its title
    if m.slot(|k| matches!(k, SlotKind::Project(_))).is_none()
        && m.hi > from + 2
        && matches!(m.lower(m.hi - 1), "project" | "list")
    {
        let mut k = m.hi - 1;
        while k > from + 1 && !matches!(m.lower(k - 1), "to" | "in" | "into" | "under" | "on") {
            k -= 1;
        }
        let name_start = if matches!(m.lower(k), "the" | "my" | "our") {
            k + 1
        } else {
            k
        };
        if k > from + 1 && name_start < m.hi - 1 && m.hi - 1 - name_start <= 4 {
            let name = m.w.original(name_start, m.hi - 1);
            return reading(
                9.0,
                Command::Clarify(format!(
                    "You have no project called “{name}”. Say “create a project called {name}” first, or add the task without it."
                )),
            );
        }
    }
    // "and add it to work", "add that to groceries too": the task talked about, moved there
    if let Some(place) = m.slot(|k| matches!(k, SlotKind::Project(_))) {
        if let SlotKind::Project(name) = &place.kind {
            let core: Vec<&str> = (at + len..m.hi)
                .filter(|&k| !(place.start..place.end).contains(&k) && !m.filler[k])
                .map(|k| m.lower(k))
                .filter(|w| !matches!(*w, "too" | "also" | "as" | "well" | "one"))
                .collect();
            if matches!(core.as_slice(), ["it"] | ["that"] | ["this"]) {
                return reading(9.0, Command::Move(Target::It, name.clone()));
            }
        }
    }
    if let Some(under) = add_under_task(m, from) {
        return Some(under);
    }
    // "remind me every friday to …", "remind me monday at 8:30am to …": the "to" after a date
    let mut skip: Vec<(usize, usize)> = Vec::new();
    // (said after the title, where quick-add reads a bare hour: "remind me at 6 to pick up kids")
    // (the slot's start and end, and where the title starts)
    let mut said_first: Option<(usize, usize, usize)> = None;
    if let Some(s) = m
        .slot(|k| matches!(k, SlotKind::Date | SlotKind::Repeat))
        // (its "in" may have been passed over as a joining word: "add in 2 hours …")
        .filter(|s| s.start == from || (s.start > at && s.start < from && s.end > from))
        // "add Tuesday's notes", "add tomorrow's agenda": whose, not when
        .filter(|s| !m.possessive(s.end - 1))
        // "add weekly review every friday": a word of the title, the fuller repeat said later
        .filter(|s| {
            !(matches!(s.kind, SlotKind::Repeat)
                && s.end == s.start + 1
                && (s.end..m.hi).any(|k| m.lower(k) == "every"))
        })
    {
        let mut e = s.end;
        if let Some(more) = m
            .slots
            .iter()
            .find(|x| x.start == e && matches!(x.kind, SlotKind::Date | SlotKind::Repeat))
        {
            e = more.end;
        }
        if m.lower(e) == "to" {
            skip.push((e, e + 1));
            said_first = Some((s.start, e, e + 1));
        } else {
            said_first = Some((s.start, e, e));
        }
    }
    // "…, add that please", "…, put it on the list": said of the list, not the task
    if let Some(comma) = (from..m.hi).rev().find(|&k| m.w.tokens[k].kind == Kind::Punct(',')) {
        let in_slot = |k: usize| m.slots.iter().any(|s| s.start <= k && k < s.end);
        let tail = (comma + 1..m.hi).all(|k| {
            m.filler[k]
                || in_slot(k)
                || matches!(
                    m.lower(k),
                    "add"
                        | "that"
                        | "it"
                        | "this"
                        | "please"
                        | "put"
                        | "on"
                        | "to"
                        | "my"
                        | "the"
                        | "list"
                        | "for"
                        | "me"
                        | "thanks"
                        | "under"
                        | "in"
                )
        });
        if tail && comma + 1 < m.hi {
            skip.push((comma, m.hi));
        }
    }
    let end = add_tail(m).filter(|&t| t > from).unwrap_or(m.hi);
    let mut text = match said_first {
        Some((s, e, title_from)) if title_from < end => {
            let title = m.quick_add(title_from, end, &skip);
            format!("{title} {}", m.quick_add(s, e, &[]))
        }
        _ => m.quick_add(from, end, &skip),
    };
    for (s, e) in kept_slots {
        let said = m.quick_add(s, e, &[]);
        let said = said
            .trim_start_matches("a ")
            .trim_start_matches("an ")
            .trim_start_matches("new ");
        if !said.is_empty() {
            text = format!("{text} {said}");
        }
    }
    if at > m.lo {
        // the slots said first go with the title
        let date = m.quick_add(m.lo, at, &[]);
        text = format!("{text} {date}");
    }
    // "add a daily task …": the repeat named in the lead
    for every in ["daily", "weekly", "monthly", "yearly"] {
        if lead.split(' ').any(|w| w == every) {
            text = format!("{text} {every}");
        }
    }
    let bare = text.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    if bare.is_empty()
        || matches!(
            bare.as_str(),
            "a task"
                | "task"
                | "something"
                | "it"
                | "this"
                | "that"
                | "a todo"
                | "todo"
                | "list"
                | "my list"
                | "tasks"
                | "list pls"
        )
    {
        return None;
    }
    let score = match lead.as_str() {
        "schedule" => 6.5,
        "log" | "capture" | "must" | "need to" | "have to" | "gotta" | "i should" | "task" | "reminder" | "to do" => {
            6.0
        }
        _ => 8.0,
    };
    reading(score, Command::Add(text))
}

/// Whether a word looks like a word of a language rather than a keyboard mash ("asdf",
/// "qwerty"): letters with a vowel, and no run of three neighbouring keys.
fn looks_like_a_word(w: &str) -> bool {
    const ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
    let letters = w.len() >= 2 && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'');
    let vowel = w.chars().any(|c| "aeiouy".contains(c));
    let mash = w
        .as_bytes()
        .windows(3)
        .any(|t| ROWS.iter().any(|row| row.as_bytes().windows(3).any(|r| r == t)));
    letters && vowel && !mash
}

/// No frame is sure: a named task is asked about; a phrase that starts like a task is offered
/// as a new one; anything else is not understood.
pub(super) fn unsure(m: &Msg) -> Command {
    if m.asks {
        return Command::Unknown;
    }
    if let Some(command) = super::corrections::correction(m) {
        return command;
    }
    if let Some(mention) = &m.mention {
        // the task is most of what was said
        if (mention.end - mention.start) * 2 >= m.word_count() {
            return Command::AskAbout(Target::Tasks(mention.ids.clone()));
        }
    }
    // something that could be a task: a verb tasks start with, a date, a priority, a tag or a
    // project — never a sentence of unknown words ("asdf qwerty", "the weather is nice")
    let verb = (m.lo..m.hi).any(|i| is_task_verb(m.lower(i)));
    let slot = m.slots.iter().any(|s| !matches!(s.kind, SlotKind::ListWords));
    let statement = (m.lo..m.hi).any(|i| matches!(m.lower(i), "is" | "are" | "was" | "were" | "am" | "i" | "you"));
    // "haircut", "car insurance renewal": a short phrase of real-looking words may be a task
    let words: Vec<&str> = (m.lo..m.hi).filter(|&i| !m.filler[i]).map(|i| m.lower(i)).collect();
    let noun_phrase = words.len() <= 3 && words.iter().all(|w| looks_like_a_word(w));
    if (verb || slot || noun_phrase) && !statement && m.word_count() <= 12 {
        let text = m.quick_add(m.lo, m.hi, &[]);
        if !text.is_empty() {
            return Command::ConfirmAdd(text);
        }
    }
    Command::Unknown
}
