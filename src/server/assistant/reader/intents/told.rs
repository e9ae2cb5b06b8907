//! What is told beside a request: a day ("I have a meeting with Sarah at 10 on thursday", "there's
//! a bake sale on friday" — offered as a task, or added when a request to add it follows), and a
//! request taken back in the same message ("Could you move it to friday? Actually no, leave it.").
use super::add::add_tail;
use super::Msg;
use crate::domain::quick_add::parse_quick_add;
use crate::server::assistant::reader::lexicon::GLUE;
use crate::server::assistant::reader::text::{words, Kind};
use crate::server::assistant::reader::Command;

/// "I have a meeting with Sarah at 10 on thursday", "there's a bake sale on friday": a day told
/// of something that is not one of the user's tasks, offered as a task from its noun on — or
/// added, when a request to add it follows ("…, can you add it?", "… pls add").
pub(super) fn told(m: &Msg) -> Option<Command> {
    let from = appointment(m)?;
    let tail = add_tail(m);
    // the statement ends at its punctuation, or where the request after it starts
    let end = (from..tail.unwrap_or(m.hi))
        .find(|&k| matches!(m.w.tokens[k].kind, Kind::Punct(',' | '.' | ';')))
        .or(tail)
        .unwrap_or(m.hi);
    let text = m.quick_add(from, end, &[]);
    let quick = parse_quick_add(&text, m.known.now);
    if quick.due.is_none() || quick.title.is_empty() {
        return None;
    }
    // (the thing told is a task of the user's: "I have the dentist on friday" is about it)
    let named = (from..end)
        .filter(|&k| m.w.tokens[k].is_word() && !GLUE.contains(&m.lower(k)))
        .take_while(|&k| quick.title.to_lowercase().contains(m.lower(k)))
        .last();
    if m.mention
        .as_ref()
        .is_some_and(|t| t.start <= from && named.is_some_and(|n| t.end > n))
    {
        return None;
    }
    // "… Please put it in.", "…, can you save that?": a request to add what was told
    let then = |words: &[&str]| (end..m.hi).any(|k| words.contains(&m.lower(k)));
    let asked = tail.is_some() || (then(&["add", "put", "save", "note"]) && then(&["it", "that", "this"]));
    match asked {
        true => Some(Command::Add(text)),
        false if !m.asks && end == m.hi => Some(Command::ConfirmAdd(text)),
        false => None,
    }
}

/// Where the thing told starts in "I have a dentist appointment tomorrow at 3", "I've got a
/// call with Ana at 4 on friday", "we have a team lunch on the 12th", "there's a bake sale
/// friday": after a lead and an article.
fn appointment(m: &Msg) -> Option<usize> {
    const LEADS: &[&str] = &[
        "i have got",
        "i have",
        "i got",
        "we have got",
        "we have",
        "we got",
        "there is",
        "i am having",
        "we are having",
    ];
    let len = super::longest_at(&m.w, m.lo, m.hi, LEADS)?;
    matches!(m.lower(m.lo + len), "a" | "an" | "my" | "our" | "the").then_some(m.lo + len + 1)
}

/// Whether the message's last sentence takes back what was asked before it: "Could you move the
/// beta invites into Team Rituals? Actually no, leave it.", "Delete the gym task. Never mind."
pub fn retracted(message: &str) -> bool {
    let w = words(message);
    // the sentences' words, the last one apart
    let mut sentences: Vec<Vec<&str>> = vec![Vec::new()];
    for t in &w.tokens {
        match t.kind {
            Kind::Punct('.' | '!' | '?' | ';') => sentences.push(Vec::new()),
            Kind::Punct(_) => {}
            _ => {
                if let Some(last) = sentences.last_mut() {
                    last.push(t.lower.as_str());
                }
            }
        }
    }
    sentences.retain(|s| !s.is_empty());
    let Some((last, before)) = sentences.split_last() else {
        return false;
    };
    let said: Vec<&str> = last
        .iter()
        .copied()
        .skip_while(|w| {
            matches!(
                *w,
                "actually" | "no" | "wait" | "oh" | "sorry" | "um" | "hmm" | "nah" | "nope"
            )
        })
        .collect();
    const BACK: &[&str] = &[
        "leave it",
        "leave it as it is",
        "leave it as is",
        "leave it be",
        "never mind",
        "nevermind",
        "forget it",
        "forget that",
        "scratch that",
        "cancel that",
        "ignore that",
        "do not do that",
        "do not",
        "do not bother",
    ];
    !before.is_empty() && BACK.contains(&said.join(" ").as_str())
}
