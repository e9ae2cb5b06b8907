//! The frames that tag a task or take a tag off it, and the tags a message names ("#work",
//! "tagged home", "the work tag", "home as a tag", the user's own tags said outright).
use super::details::{target_between, target_span};
use super::{reading, Msg, Reading};
use crate::server::assistant::reader::lexicon::{TAG_CUES, UNTAG_CUES};
use crate::server::assistant::reader::slots::{tag_list, tag_word, SlotKind};
use crate::server::assistant::reader::{Command, Target};

/// Tags a message names: `#tags`, "tagged x", the word before or after "tag", and the user's
/// own tags named anywhere outside the task's name.
pub fn tags_named(m: &Msg, from: usize) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    let mut add = |t: String| {
        if !tags.contains(&t) {
            tags.push(t);
        }
    };
    for s in &m.slots {
        if let SlotKind::Tags(list) = &s.kind {
            list.iter().cloned().for_each(&mut add);
        }
    }
    for i in from..m.hi {
        if m.in_mention(i) {
            continue;
        }
        let w = m.lower(i);
        if matches!(w, "tag" | "label") && i > m.lo && !m.in_mention(i - 1) {
            // "the work tag", "home as a tag"
            let mut k = i - 1;
            while k > m.lo && matches!(m.lower(k), "a" | "as") {
                k -= 1;
            }
            let verb = matches!(
                m.lower(k),
                "this"
                    | "that"
                    | "new"
                    | "my"
                    | "its"
                    | "add"
                    | "give"
                    | "put"
                    | "remove"
                    | "delete"
                    | "drop"
                    | "take"
                    | "strip"
                    | "clear"
                    | "untag"
                    | "the"
                    | "a"
                    | "any"
                    | "no"
                    | "with"
                    | "without"
            );
            if let Some(t) = tag_word(m.lower(k)).filter(|_| !verb) {
                add(t);
            }
        }
        if matches!(w, "tag" | "tags" | "label" | "labels" | "with" | "as") {
            // "the tag work", "with home", "as urgent-ish"
            let mut k = i + 1;
            while matches!(m.lower(k), "the" | "a" | "tag" | "tags" | ":") {
                k += 1;
            }
            // "tag the second one pets": past the task
            if let Some((s, e)) = target_span(m) {
                if s <= k + 1 && e > k {
                    k = e;
                    while matches!(m.lower(k), "with" | "as" | ":" | "the") {
                        k += 1;
                    }
                }
            }
            if k < m.hi && !m.in_mention(k) && m.pointer.as_ref().is_none_or(|(s, _, _)| *s != k) {
                // the list ends where the task's name starts
                let end = m
                    .mention
                    .as_ref()
                    .map_or(m.hi, |t| if t.start > k { t.start } else { m.hi });
                let (list, _) = tag_list(&m.w, k, end);
                list.into_iter()
                    .filter(|t| !matches!(t.as_str(), "tag" | "label" | "tags"))
                    .for_each(&mut add);
            }
        }
        if m.known.is_tag(w) && !matches!(w, "tag" | "label") {
            add(w.to_owned());
        }
    }
    tags
}

pub fn untag(m: &Msg) -> Option<Reading> {
    if m.asks || m.shows {
        return None;
    }
    // "the dentist shouldn't be tagged health"
    let cue = m.find(UNTAG_CUES).or_else(|| {
        m.find_where(TAG_CUES, |i| {
            (i.saturating_sub(4).max(m.lo)..i).any(|k| m.lower(k) == "not")
        })
    });
    let verb = m.lead(&["remove", "delete", "drop", "take", "strip", "get rid of", "clear"]);
    let tag_said =
        m.find(&["tag", "tags", "label", "labels"]).is_some() || m.slot(|k| matches!(k, SlotKind::Tags(_))).is_some();
    if cue.is_none() && !(verb.is_some() && tag_said) {
        return None;
    }
    let tags = tags_named(m, m.lo);
    // "clear the tags on X", "remove all labels from it": every tag (an empty list); "untag X"
    // alone is asked about
    // (only "all", "the", "its" between: "remove the wrok tags" names a tag, wrongly)
    let every = m.find(&["tags", "labels"]).is_some_and(|(i, _)| {
        (m.lo + verb.unwrap_or(0)..i)
            .all(|k| matches!(m.lower(k), "all" | "the" | "its" | "any" | "every" | "of" | "my"))
    }) && verb.is_some();
    if tags.is_empty() && !every {
        return None;
    }
    let skip: Vec<&str> = tags.iter().map(String::as_str).collect();
    let start = cue.map_or(m.lo + verb.unwrap_or(0), |(i, l)| i + l);
    let mut target = m.target().unwrap_or_else(|| target_between(m, start, m.hi, &skip));
    if let Target::Text(words) = &target {
        let kept: Vec<&str> = words
            .split(' ')
            .filter(|w| {
                !matches!(
                    *w,
                    "the"
                        | "tag"
                        | "tags"
                        | "label"
                        | "labels"
                        | "from"
                        | "off"
                        | "of"
                        | "on"
                        | "remove"
                        | "take"
                        | "all"
                        | "any"
                        | "its"
                        | "every"
                )
            })
            .collect();
        target = if kept.is_empty() {
            Target::It
        } else {
            Target::Text(kept.join(" "))
        };
    }
    reading(10.0, Command::Untag(target, tags))
}

pub fn tag(m: &Msg) -> Option<Reading> {
    if m.asks || m.shows {
        return None;
    }
    let cue = m
        .find(TAG_CUES)
        .filter(|&(i, _)| !(i.saturating_sub(4).max(m.lo)..i).any(|k| m.lower(k) == "not"));
    // "add #work to X", "add the health tag to walk the dog", "put a home tag on X"
    let adds = m.lead(&["add", "put", "stick", "attach", "apply", "give"]).is_some()
        && (m.find(&["tag", "label"]).is_some() || m.slot(|k| matches!(k, SlotKind::Tags(_))).is_some())
        && target_span(m).is_some_and(|(s, _)| {
            let mut k = s;
            while k > m.lo && matches!(m.lower(k - 1), "the" | "my") {
                k -= 1;
            }
            k > m.lo && matches!(m.lower(k - 1), "to" | "on" | "onto")
        });
    if cue.is_none() && !adds {
        return None;
    }
    // "add water plants tagged home" is a new task with a tag, not a tag for an old one
    if !adds && m.lead(crate::server::assistant::reader::lexicon::ADD_LEADS).is_some() {
        return None;
    }
    if target_span(m).is_none() && super::questions::filters_only(m) {
        return None;
    }
    let after = target_span(m).map_or(m.lo, |(_, e)| e);
    let mut tags = tags_named(m, m.lo);
    if tags.is_empty() {
        // "label it work", "tag pay rent home"
        let mut k = after;
        while matches!(m.lower(k), "with" | "as" | ":" | "the" | "tag" | "label") {
            k += 1;
        }
        tags = tag_list(&m.w, k, m.hi).0;
    }
    if tags.is_empty() {
        return None;
    }
    let skip: Vec<&str> = tags.iter().map(String::as_str).collect();
    let start = cue.map_or(m.lo + 1, |(i, l)| i + l);
    let end = (start..m.hi)
        .find(|&i| matches!(m.lower(i), "with" | "as"))
        .unwrap_or(m.hi);
    // "tag both of them with suppliers": several at once is said, nothing tagged (never a tag
    // "both")
    if (start..end).any(|i| matches!(m.lower(i), "both" | "them" | "those" | "these" | "everything")) {
        let said = "I tag one task at a time: say “tag <task> with <tag>” for each.";
        return reading(9.0, Command::Clarify(said.to_owned()));
    }
    let target = m.target().unwrap_or_else(|| target_between(m, start, end, &skip));
    reading(9.0, Command::Tag(target, tags))
}
