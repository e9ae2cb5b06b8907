//! The slots of a message, wherever they stand: a date ("friday 3pm"), a repeat ("every
//! monday"), a priority ("high priority", "urgent", "!high"), tags ("tagged home", "#work"), a
//! project ("to groceries", "+work"), reminders ("^10m") and words about the list itself ("to
//! my list"). A new task's quick-add text is built from the words that are left, in order, with
//! each slot written as quick-add writes it (`quick_text`).
use chrono::NaiveDateTime;

use super::lexicon::{is_priority_adjective, priority_word, GLUE, LIST_PHRASES};
use super::mentions::find_project;
use super::text::{Kind, Words};
use super::Known;
use crate::domain::task::Priority;

#[derive(Debug, Clone, PartialEq)]
pub enum SlotKind {
    Date,
    Repeat,
    Priority(Priority),
    Tags(Vec<String>),
    Project(String),
    Reminder,
    /// ", remind me 30 minutes before" at the end of a new task: a reminder that long before
    /// its due time (in minutes).
    ReminderBefore(u32),
    /// "to my list", "on the list": said of the list, dropped from a title.
    ListWords,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    pub start: usize,
    pub end: usize,
    pub kind: SlotKind,
}

/// Whether a word can be a tag (letters, digits, `-`, `_`).
pub fn tag_word(w: &str) -> Option<String> {
    let t = w.trim_start_matches('#');
    (!t.is_empty()
        && t.chars().count() <= 50
        && t.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        && !matches!(
            t,
            "and"
                | "with"
                | "as"
                | "it"
                | "them"
                | "the"
                | "a"
                | "to"
                | "on"
                | "for"
                | "from"
                | "off"
                | "of"
                | "in"
                | "into"
                | "onto"
                | "at"
                | "by"
                | "my"
                | "this"
                | "that"
                | "its"
        ))
    .then(|| t.to_owned())
}

/// Tags listed from token `i`: "home", "home and work", "home, work".
pub fn tag_list(w: &Words, mut i: usize, end: usize) -> (Vec<String>, usize) {
    let mut tags = Vec::new();
    while i < end {
        let t = &w.tokens[i];
        if t.kind == Kind::Punct(',') || t.is("and") {
            // ", high priority", ", due friday": a new slot, not another tag
            let next = w.lower(i + 1);
            let after = w.lower(i + 2);
            let other_slot = priority_word(next).is_some() && matches!(after, "priority" | "prio" | "")
                || matches!(
                    next,
                    "priority"
                        | "prio"
                        | "due"
                        | "by"
                        | "on"
                        | "at"
                        | "today"
                        | "tomorrow"
                        | "tonight"
                        | "every"
                        | "project"
                );
            if tags.is_empty() || other_slot {
                break;
            }
            i += 1;
            continue;
        }
        let Some(tag) = t.is_word().then(|| tag_word(&t.lower)).flatten() else {
            break;
        };
        if !tags.contains(&tag) {
            tags.push(tag);
        }
        i += 1;
        // "tagged home for the new flat": one word per tag, and a tag list ends at a glue word
    }
    // a trailing "and"/"," is not part of the list
    while i > 0 && (w.tokens[i - 1].is("and") || w.tokens[i - 1].kind == Kind::Punct(',')) {
        i -= 1;
    }
    (tags, i)
}

fn priority_slot(w: &Words, i: usize, end: usize) -> Option<(usize, usize, Priority)> {
    let word = w.lower(i);
    let at = |k: usize| if k < end { w.lower(k) } else { "" };
    if word.starts_with('!') {
        return priority_word(word).map(|p| (i, i + 1, p));
    }
    if matches!(word, "priority" | "prio" | "pri") {
        // "high priority", "priority high", "priority: high", "a priority of high"
        if let Some(p) = i.checked_sub(1).and_then(|k| priority_word(w.lower(k))) {
            return Some((i - 1, i + 1, p));
        }
        let mut k = i + 1;
        while matches!(at(k), ":" | "of" | "to" | "as" | "=" | "is" | "level") {
            k += 1;
        }
        return priority_word(at(k)).map(|p| (i, k + 1, p));
    }
    if is_priority_adjective(word) {
        return priority_word(word).map(|p| (i, i + 1, p));
    }
    None
}

/// "30 minutes", "an hour", "half an hour", "10m", "2 days": how long before, in minutes.
pub fn lead_time(words: &[&str]) -> Option<u32> {
    let (n, unit) = match words {
        ["half", "an", "hour"] | ["half", "hour"] | ["a", "half", "hour"] => return Some(30),
        ["a", "quarter", "of", "an", "hour"] | ["quarter", "of", "an", "hour"] | ["quarter", "hour"] => {
            return Some(15)
        }
        [n, unit] | [n, unit, "long"] => (*n, *unit),
        [joined] => {
            let digits = joined.find(|c: char| !c.is_ascii_digit())?;
            joined.split_at(digits)
        }
        _ => return None,
    };
    let n: u32 = match n {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "ten" => 10,
        "fifteen" => 15,
        "twenty" => 20,
        "thirty" => 30,
        "forty-five" => 45,
        "sixty" => 60,
        n => n.parse().ok()?,
    };
    let per = match unit {
        "m" | "min" | "mins" | "minute" | "minutes" => 1,
        "h" | "hr" | "hrs" | "hour" | "hours" => 60,
        "d" | "day" | "days" => 1440,
        "week" | "weeks" | "w" => 10080,
        _ => return None,
    };
    n.checked_mul(per)
        .filter(|m| *m <= crate::domain::reminder::BEFORE_MAX_MINUTES)
}

/// ", remind me 30 minutes before", "and remind me an hour before it", "with a reminder 10m
/// before": a reminder said at the end of a new task (never at the start: "remind me 10
/// minutes before the dentist" is about a task one has).
fn trailing_reminder(w: &Words, lo: usize, hi: usize) -> Option<Slot> {
    let mut end = hi;
    while end > lo && matches!(w.lower(end - 1), "it" | "that" | "hand" | "then" | "too" | "please") {
        end -= 1;
    }
    if end <= lo + 3 || w.lower(end - 1) != "before" {
        return None;
    }
    let before = end - 1;
    for lead in [
        "and remind me",
        "remind me",
        "and ping me",
        "ping me",
        "notify me",
        "alert me",
        "with a reminder",
        "and a reminder",
        "and set a reminder",
        "set a reminder",
        "reminder",
    ] {
        let n = lead.split(' ').count();
        for start in (lo + 1)..before.saturating_sub(n) {
            if !starts_at(w, start, start + n, lead) {
                continue;
            }
            let time: Vec<&str> = (start + n..before).map(|k| w.lower(k)).collect();
            if let Some(minutes) = lead_time(&time) {
                // the comma or "and" before it goes with it
                let mut s = start;
                while s > lo + 1 && matches!(w.tokens[s - 1].kind, Kind::Punct(',' | ';' | '-')) {
                    s -= 1;
                }
                return Some(Slot {
                    start: s,
                    end: hi,
                    kind: SlotKind::ReminderBefore(minutes),
                });
            }
        }
    }
    None
}

/// The first date of `words`, unless it is a list's position: "the 2nd one", or "the 2nd" moved
/// "to friday" (then that later date; also "from the 2nd to the 5th").
fn date_not_a_position(words: &[String], now: NaiveDateTime) -> Option<(usize, usize)> {
    let (s, e) = crate::domain::quick_add::find_date(words, now)?;
    let said: Vec<&str> = words[s..e].iter().map(String::as_str).collect();
    if crate::domain::quick_add::day_of_month_alone(&said).is_none() {
        return Some((s, e));
    }
    match words.get(e).map(String::as_str) {
        Some("one" | "item" | "task" | "thing") => {
            crate::domain::quick_add::find_date(&words[e + 1..], now).map(|(a, b)| (e + 1 + a, e + 1 + b))
        }
        Some("to" | "till" | "until") => match crate::domain::quick_add::find_date(&words[e + 1..], now) {
            Some((0, later)) => Some((e + 1, e + 1 + later)),
            _ => Some((s, e)),
        },
        _ => Some((s, e)),
    }
}

/// Every slot in tokens `lo..hi`, without overlaps, in order.
pub fn find_slots(w: &Words, lo: usize, hi: usize, known: &Known, now: NaiveDateTime) -> Vec<Slot> {
    let mut slots: Vec<Slot> = Vec::new();
    let free = |slots: &[Slot], s: usize, e: usize| slots.iter().all(|x| e <= x.start || s >= x.end);
    slots.extend(trailing_reminder(w, lo, hi));
    // a repeat first: its day names are not a due date
    let word_at: Vec<usize> = (lo..hi).filter(|&i| w.tokens[i].is_word()).collect();
    let lower: Vec<String> = word_at.iter().map(|&i| w.lower(i).to_owned()).collect();
    if let Some(found) = crate::domain::recurrence_words::find(&lower) {
        if found.end > found.start {
            slots.push(Slot {
                start: word_at[found.start],
                end: word_at[found.end - 1] + 1,
                kind: SlotKind::Repeat,
            });
        }
    }
    let outside_repeat: Vec<usize> = word_at.iter().copied().filter(|&i| free(&slots, i, i + 1)).collect();
    let lower: Vec<String> = outside_repeat.iter().map(|&i| w.lower(i).to_owned()).collect();
    if let Some((s, e)) = date_not_a_position(&lower, now) {
        let (mut start, end) = (outside_repeat[s], outside_repeat[e - 1] + 1);
        // "book a table for saturday": "for" only says when; so do "with a due date of", "deadline"
        if start > lo && w.lower(start - 1) == "for" {
            start -= 1;
        }
        for lead in [
            "with a due date of",
            "with a due date",
            "with a deadline of",
            "due date of",
            "with due date",
            "deadline of",
            "due date",
            "deadline",
            "due",
        ] {
            let n = lead.split(' ').count();
            // "tax deadline april 15": a "deadline" right after the title's words is one of them
            let titled = lead == "deadline" && start > lo + 1 && w.tokens[start - 2].is_word() && {
                let before = w.lower(start - 2);
                !GLUE.contains(&before) && !matches!(before, "set" | "add" | "its" | "new" | "give" | "change")
            };
            if start >= lo + n && starts_at(w, start - n, start, lead) && !titled {
                start -= n;
                break;
            }
        }
        // a date's words are consecutive in the message ("dec 31, 2027" with its comma), or it is
        // not one date
        let inside =
            |k: usize| w.tokens[k].is_word() || (k > start && k + 1 < end && w.tokens[k].kind == Kind::Punct(','));
        if (start..end).all(inside) && free(&slots, start, end) {
            slots.push(Slot {
                start,
                end,
                kind: SlotKind::Date,
            });
        }
    }
    let mut i = lo;
    while i < hi {
        // ", health tag", ", work tag": a tag named before the word "tag"
        if i + 1 < hi
            && matches!(w.lower(i + 1), "tag" | "label")
            && (i == lo || matches!(w.tokens[i - 1].kind, Kind::Punct(_)) || w.lower(i - 1) == "and")
        {
            if let Some(tag) = tag_word(w.lower(i))
                .filter(|_| w.tokens[i].is_word() && (i + 2 >= hi || matches!(w.tokens[i + 2].kind, Kind::Punct(_))))
            {
                if free(&slots, i, i + 2) {
                    slots.push(Slot {
                        start: i,
                        end: i + 2,
                        kind: SlotKind::Tags(vec![tag]),
                    });
                    i += 2;
                    continue;
                }
            }
        }
        // "no rush", "not urgent", "whenever": low priority
        if let Some(len) = [
            "no rush",
            "whenever",
            "low prio",
            "no hurry",
            "no rush on this",
            "whenever you can",
        ]
        .iter()
        .find(|p| starts_at(w, i, hi, p))
        .map(|p| p.split(' ').count())
        {
            if free(&slots, i, i + len) {
                slots.push(Slot {
                    start: i,
                    end: i + len,
                    kind: SlotKind::Priority(Priority::Low),
                });
                i += len;
                continue;
            }
        }
        if let Some((s, e, p)) = priority_slot(w, i, hi) {
            // "with high priority", "as urgent", ", high priority"
            let mut s = s;
            // ("it's fairly important": the degree goes with it)
            while s > lo
                && matches!(
                    w.lower(s - 1),
                    "with"
                        | "as"
                        | "a"
                        | "at"
                        | "it"
                        | "is"
                        | ","
                        | "fairly"
                        | "very"
                        | "really"
                        | "quite"
                        | "pretty"
                        | "super"
                        | "kinda"
                        | "rather"
                        | "extremely"
                )
                && s - 1 > lo
            {
                s -= 1;
            }
            if free(&slots, s, e) {
                slots.push(Slot {
                    start: s,
                    end: e,
                    kind: SlotKind::Priority(p),
                });
                i = e;
                continue;
            }
        }
        let word = w.lower(i);
        if word.starts_with('^') && word.len() > 1 && free(&slots, i, i + 1) {
            slots.push(Slot {
                start: i,
                end: i + 1,
                kind: SlotKind::Reminder,
            });
        } else if let Some(tag) = word.strip_suffix("-tagged").and_then(tag_word) {
            // "home-tagged tasks"
            if free(&slots, i, i + 1) {
                slots.push(Slot {
                    start: i,
                    end: i + 1,
                    kind: SlotKind::Tags(vec![tag]),
                });
            }
        } else if word.starts_with('#')
            && word.len() > 1
            && w.tokens[i].is_word()
            && !crate::domain::quick_add::number_mark(word)
        {
            if let Some(tag) = tag_word(word) {
                if free(&slots, i, i + 1) {
                    slots.push(Slot {
                        start: i,
                        end: i + 1,
                        kind: SlotKind::Tags(vec![tag]),
                    });
                }
            }
        } else if matches!(
            word,
            "tag" | "tagged" | "tags" | "labelled" | "labeled" | "label" | "with"
        ) && w.tokens[i].is_word()
        {
            // "tag it home", "tagged home and work", "with tags a and b", "with the tag x"
            let mut k = i + 1;
            if word == "with" {
                while matches!(w.lower(k), "the" | "a") {
                    k += 1;
                }
                if !matches!(w.lower(k), "tag" | "tags" | "label" | "labels") {
                    i += 1;
                    continue;
                }
                k += 1;
            }
            // "tag"/"label" as a verb says which tags only with "it" ("tag it home"); otherwise
            // what follows it is the task to tag
            let after_break =
                i > lo && (matches!(w.tokens[i - 1].kind, Kind::Punct(_) | Kind::Quoted) || w.lower(i - 1) == "and");
            if matches!(word, "tag" | "label")
                && !matches!(w.lower(k), "it" | "them" | "this" | "as" | "with")
                && !after_break
            {
                i += 1;
                continue;
            }
            while matches!(w.lower(k), "it" | "them" | "with" | "as" | ":" | "the" | "tag" | "tags") && k < hi {
                k += 1;
            }
            let (tags, e) = tag_list(w, k, hi);
            if !tags.is_empty() && free(&slots, i, e) {
                let s = if i > lo && matches!(w.lower(i - 1), "and" | ",") {
                    i - 1
                } else {
                    i
                };
                slots.push(Slot {
                    start: s,
                    end: e,
                    kind: SlotKind::Tags(tags),
                });
                i = e;
                continue;
            }
        }
        if let Some(phrase) = LIST_PHRASES.iter().find(|p| starts_at(w, i, hi, p)) {
            let e = i + phrase.split(' ').count();
            if free(&slots, i, e) {
                slots.push(Slot {
                    start: i,
                    end: e,
                    kind: SlotKind::ListWords,
                });
                i = e;
                continue;
            }
        }
        i += 1;
    }
    if let Some((s, e, name)) = find_project(w, lo, hi, known) {
        // "book caterer for the launch party": a project's name after "for", before another
        // word of the title, is said of that word
        let modifies = w.lower(s) == "for"
            && e < hi
            && w.tokens[e].is_word()
            && !slots.iter().any(|slot| slot.start <= e && e < slot.end)
            && !matches!(w.lower(e), "and" | "please" | "pls" | "too" | "as" | "with" | "asap");
        if free(&slots, s, e) && !modifies {
            slots.push(Slot {
                start: s,
                end: e,
                kind: SlotKind::Project(name),
            });
        }
    }
    slots.sort_by_key(|s| s.start);
    slots
}

/// Whether the words of `phrase` stand at token `i` (and end by `hi`).
pub fn starts_at(w: &Words, i: usize, hi: usize, phrase: &str) -> bool {
    // word by word, without collecting the phrase: the reader asks this of every phrase in its
    // lexicon at most positions of a message
    (i..)
        .zip(phrase.split(' '))
        .all(|(at, part)| at < hi && w.lower(at) == part)
}

/// "add intro section under thesis draft" with a project "My thesis": a project's name that a
/// task's title said goes on past (the title starts inside the slot and ends after it) is the
/// task's, not the project's.
pub fn drop_said_of_a_task(slots: &mut Vec<Slot>, mention: Option<&super::mentions::TaskMention>) {
    if let Some(t) = mention {
        slots.retain(|s| {
            !(matches!(s.kind, SlotKind::Project(_)) && s.start < t.start && t.start < s.end && s.end < t.end)
        });
    }
}
