//! The place a list question asks about: a task whose subtasks are asked for ("what's left in
//! plan party", "what's left for the party?"), a name that is neither ("what's left in linear
//! algebra midterm?" — the answer says so, never every task), or a project said to be one
//! ("what's in my garage project?").
use super::Msg;
use crate::server::assistant::reader::ListFilter;

pub(super) fn place_asked(m: &Msg, f: &mut ListFilter, subtasks: bool) {
    if f.within.is_none() && f.span.is_none() {
        // "what's left in plan party", "subtasks of plan party", "what's under X"
        if let Some(mention) = &m.mention {
            let mut b = mention.start;
            while b > m.lo && matches!(m.lower(b - 1), "the" | "my") {
                b -= 1;
            }
            let before = b.checked_sub(1).map(|k| m.lower(k)).unwrap_or_default();
            // "what's left for the party?" (with a word of what is left)
            let left_for = before == "for" && m.find(&["left", "remaining", "still to do"]).is_some();
            if (subtasks || left_for || matches!(before, "in" | "under" | "of" | "inside"))
                && m.find(&["about"]).is_none()
            {
                // "my garage project": said to be a project (the answer says there is none)
                let kind = match m.lower(mention.end) {
                    "project" | "list" => " project",
                    _ => "",
                };
                f.within = Some(format!("{}{kind}", m.w.original(mention.start, mention.end)));
                f.q = None;
            }
        }
    }
    // "what's left in linear algebra midterm?" naming no task nor project: the words are the
    // place asked about (the answer says there is none), never every task
    if f.within.is_none() && f.span.is_none() && f.due.is_none() && f.tag.is_none() && m.mention.is_none() {
        if let Some((i, len)) = m.find(&["left in", "left on", "remaining in", "remaining on", "left under"]) {
            let mut s = i + len;
            while matches!(m.lower(s), "the" | "my") {
                s += 1;
            }
            let named = (s..m.hi)
                .filter(|&k| !m.filler[k])
                .map(|k| m.lower(k))
                .collect::<Vec<_>>()
                .join(" ");
            let generic = matches!(
                named.as_str(),
                "" | "list"
                    | "todo list"
                    | "to-do list"
                    | "to do list"
                    | "plate"
                    | "agenda"
                    | "schedule"
                    | "calendar"
                    | "it"
                    | "that"
                    | "this"
            );
            if !generic && m.slots.iter().all(|sl| sl.end <= s) {
                f.within = Some(
                    m.w.original(s, m.hi)
                        .trim_end_matches(['?', '.', '!'])
                        .trim()
                        .to_owned(),
                );
            }
        }
    }
    // "what's in my garage project?": a project said to be one, even if there is none (the
    // answer says so)
    if f.within.is_none() {
        if let Some(k) = (m.lo..m.hi).find(|&k| matches!(m.lower(k), "project" | "list") && k > m.lo) {
            let mut s = k;
            while s > m.lo && !matches!(m.lower(s - 1), "in" | "on" | "from" | "my" | "the" | "of") {
                s -= 1;
            }
            let named = (s..k)
                .filter(|&i| !m.filler[i])
                .map(|i| m.lower(i))
                .collect::<Vec<_>>()
                .join(" ");
            let generic = matches!(
                named.as_str(),
                "" | "todo" | "to-do" | "task" | "my" | "the" | "shopping"
            );
            if !generic && s > m.lo && matches!(m.lower(s - 1), "in" | "on" | "from" | "my" | "the" | "of") {
                f.within = Some(format!("{named} project"));
            }
        }
    }
}
