//! A new task's words written back as quick-add text: the message's own words, with each slot
//! the reader found written as quick-add writes it (`!high`, `#home`, `+groceries`).
use super::slots::{Slot, SlotKind};
use super::text::{Kind, Words};

/// "15.12", "1.2": numbers joined by a dot.
fn dotted_number(word: &str) -> bool {
    word.split_once('.')
        .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty() && a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit()))
}

/// Whether `out` opens more brackets of the kind `close` closes than it closes.
fn unclosed(out: &[String], close: char) -> bool {
    let open = if close == ')' { '(' } else { '[' };
    let count = |c: char| out.iter().map(|s| s.matches(c).count()).sum::<usize>();
    count(open) > count(close)
}

/// Quick-add text from tokens `from..to`: the message's own words, with `skip[i]` tokens left
/// out and each slot written as quick-add writes it (`!high`, `#home`, `+groceries`).
pub fn quick_add_text(w: &Words, from: usize, to: usize, slots: &[Slot], skip: &[bool]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut glue_next: Option<char> = None;
    let mut i = from;
    while i < to {
        if let Some(slot) = slots.iter().find(|s| s.start <= i && i < s.end) {
            match &slot.kind {
                SlotKind::Priority(p) => out.push(format!("!{}", p.as_str())),
                SlotKind::Tags(tags) => out.extend(tags.iter().map(|t| format!("#{t}"))),
                SlotKind::Project(name) => out.push(format!("+{}", name.replace(' ', "-"))),
                SlotKind::ListWords => {}
                SlotKind::ReminderBefore(minutes) => out.push(format!("^{minutes}m")),
                SlotKind::Date | SlotKind::Repeat | SlotKind::Reminder => {
                    for k in i.max(slot.start)..slot.end.min(to) {
                        // "dec 31, 2027": the comma stays with its word
                        if w.tokens[k].kind == Kind::Punct(',') {
                            if let Some(last) = out.last_mut() {
                                last.push(',');
                            }
                            continue;
                        }
                        // "due friday": "due" only says that a date follows
                        // ("a month from tomorrow": that "a" is the amount)
                        let amount =
                            matches!(w.lower(k), "a" | "an") && crate::domain::quick_add::is_unit_word(w.lower(k + 1));
                        let said_when = k < slot.end
                            && !amount
                            && (slot.start..=k).all(|x| {
                                matches!(w.lower(x), "due" | "for" | "with" | "a" | "date" | "of" | "deadline")
                            });
                        if !said_when {
                            out.push(w.original(k, k + 1));
                        }
                    }
                }
            }
            i = slot.end;
            continue;
        }
        let t = &w.tokens[i];
        let word_next = w.tokens.get(i + 1).is_some_and(|n| n.is_word()) && slots.iter().all(|s| s.start != i + 1);
        // written against the word before it, with no space: "(draft)", "[link](url)", "x.png)"
        let in_slot = |k: usize| slots.iter().any(|s| s.start <= k && k < s.end);
        let attached = |k: usize| k > from && w.tokens[k - 1].end == w.tokens[k].start && !in_slot(k - 1);
        let opens_next = w
            .tokens
            .get(i + 1)
            .is_some_and(|n| n.start == t.end && n.kind != Kind::Punct('.'))
            && !in_slot(i + 1);
        match t.kind {
            // "milk, eggs and butter": a comma between words stays
            Kind::Punct(',') if word_next && i > from => {
                if let Some(last) = out.last_mut() {
                    last.push(',');
                }
            }
            // "re: invoice", "Project X: write the spec": a colon against a word stays; so does
            // one after an hour, which ends how the time is said ("at 9: call the vet")
            Kind::Punct(':')
                if word_next
                    && attached(i)
                    && out.last().is_some_and(|l| {
                        l.chars().all(char::is_alphabetic) || (l.len() <= 2 && l.chars().all(|c| c.is_ascii_digit()))
                    }) =>
            {
                if let Some(last) = out.last_mut() {
                    last.push(':');
                }
            }
            // only one that closes a bracket kept ("(urgent!)" became `!high`: its ")" goes too)
            Kind::Punct(c @ (')' | ']')) if attached(i) && unclosed(&out, c) => {
                if let Some(last) = out.last_mut() {
                    last.push(c);
                }
            }
            // "15.12.": a date written with dots keeps its last one (quick-add reads it)
            Kind::Punct('.') if attached(i) && out.last().is_some_and(|l| dotted_number(l)) => {
                if let Some(last) = out.last_mut() {
                    last.push('.');
                }
            }
            Kind::Punct(c @ ('(' | '[')) if opens_next => glue_next = Some(c),
            // "…, its important": the priority's own "it"
            Kind::Word
                if matches!(w.lower(i), "its" | "it")
                    && slots
                        .iter()
                        .any(|s| s.start == i + 1 && matches!(s.kind, SlotKind::Priority(_))) => {}
            Kind::Word | Kind::Quoted if !skip[i] && t.start < t.end => {
                let text = w.original(i, i + 1);
                match (glue_next.take(), attached(i) && t.kind == Kind::Word) {
                    (Some(open), _) => out.push(format!("{open}{text}")),
                    (None, true) => match out.last_mut() {
                        Some(last) => last.push_str(&text),
                        None => out.push(text),
                    },
                    (None, false) => out.push(text),
                }
            }
            // an opened contraction's second half is in the first half's text
            _ => {}
        }
        i += 1;
    }
    // "… on 20.12." at the end of the message: its last dot is the date's too
    let dot_after = w.tokens.get(to).is_some_and(|t| t.kind == Kind::Punct('.'))
        && to > from
        && w.tokens[to - 1].end == w.tokens[to].start;
    if dot_after && out.last().is_some_and(|l| dotted_number(l)) {
        if let Some(last) = out.last_mut() {
            last.push('.');
        }
    }
    out.retain(|s| !s.is_empty());
    out.join(" ")
}
