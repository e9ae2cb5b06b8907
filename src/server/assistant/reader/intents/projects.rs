//! The frames of help, of projects (making one, listing them) and of a task named with nothing
//! said of it ("what about the call?").
use super::{reading, Msg, Reading};
use crate::server::assistant::reader::lexicon::HELP;
use crate::server::assistant::reader::{Command, Target};

/// "what about the call?", "and the dentist?": a task named with nothing said of it.
pub fn about(m: &Msg) -> Option<Reading> {
    let len = m.lead(&["what about", "how about", "and", "about"])?;
    // "what about tomorrow?", "and next week?": the last question asked of other days
    if m.days_at(m.lo + len) && m.mention.is_none() {
        return None;
    }
    let target = match &m.mention {
        Some(t) => Target::Tasks(t.ids.clone()),
        None if len > 1 => {
            let words: Vec<&str> = (m.lo + len..m.hi)
                .filter(|&i| !m.filler[i])
                .map(|i| m.lower(i))
                .collect();
            Target::Text(words.join(" "))
        }
        None => return None,
    };
    reading(7.0, Command::AskAbout(target))
}

pub fn help(m: &Msg, plain: &str) -> Option<Reading> {
    let rest: Vec<&str> = (m.lo..m.hi).filter(|&i| !m.filler[i]).map(|i| m.lower(i)).collect();
    let rest = rest.join(" ");
    let asks_help = HELP.contains(&plain)
        || HELP.contains(&rest.as_str())
        || rest.split(' ').next() == Some("help")
        || [
            "what commands",
            "commands do you",
            "what can you do",
            "how do i use",
            "what do you understand",
            "what can i ask",
            "how do i add",
            "how does this work",
            "how do i ",
            "help me with",
            "how to add",
            "explain how",
            "are you able to",
            "examples of what",
            "what can i say",
            "what can i type",
            "what can u do",
            "what can this do",
            "what can this app do",
            "what do you do",
            "im new here",
            "i'm new here",
            "i am new here",
            "how does this app work",
            "how do you work",
            "where do i start",
            "how do i get started",
        ]
        .iter()
        .any(|p| plain.contains(p))
        || [
            "what can you do",
            "what can you help",
            "how can you help",
            "how do i use",
            "what commands",
            "show help",
            "what can i ask",
            "what can i say",
            "what should i say",
            "how do i talk to you",
        ]
        .iter()
        .any(|p| rest.starts_with(p) || plain.starts_with(p));
    asks_help.then_some(Reading {
        score: 12.0,
        command: Command::Help,
    })
}

/// "create a project called Renovation", "new project: Renovation", "start a project for X".
pub fn create_project(m: &Msg) -> Option<Reading> {
    let len = m.lead(&[
        "create",
        "make",
        "start",
        "add",
        "set up",
        "open",
        "new",
        "begin",
        "i want",
        "i need",
        "i also need",
        "i also want",
        "we need",
        "we also need",
        "we want",
        "i would like",
        "we would like",
        "let us start",
        "create me",
        "make me",
    ])?;
    let mut i = m.lo + len;
    while matches!(m.lower(i), "a" | "an" | "me" | "new" | "another" | "separate" | "brand") {
        i += 1;
    }
    let lead_is_new = m.lower(m.lo) == "new";
    // "create a groceries project", "make a new home reno project": the name before the word
    let made = matches!(m.lower(m.lo), "create" | "make" | "start" | "set" | "new" | "begin");
    // ("a grocery list project": "list" as the name's last word)
    let plain = (i..m.hi.saturating_sub(1)).all(|k| {
        !matches!(
            m.lower(k),
            "to" | "in" | "into" | "on" | "under" | "for" | "from" | "with" | "task" | "my" | "the"
        ) && (m.lower(k) != "list" || k + 2 == m.hi)
    });
    if made
        && plain
        && m.lower(i) != "project"
        && m.lower(m.hi.saturating_sub(1)) == "project"
        && (m.hi - 1).saturating_sub(i) >= 1
        && (m.hi - 1) - i <= 4
    {
        let name = m.w.original(i, m.hi - 1);
        let name = name.trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace());
        return (!name.is_empty()).then(|| Reading {
            score: 10.0,
            command: Command::CreateProject(crate::domain::capitalised(name)),
        });
    }
    if !(m.lower(i) == "project" || (lead_is_new && m.lower(m.lo + 1) == "project")) {
        return None;
    }
    // "we need a project plan drafted by friday" is a task: said of oneself, the name is told
    let told = matches!(
        m.lower(i + 1),
        "called" | "named" | "titled" | "for" | ":" | "-" | "," | "call" | "name"
    );
    if matches!(m.lower(m.lo), "i" | "we") && !told {
        return None;
    }
    i += 1;
    while i < m.hi
        && (matches!(
            m.lower(i),
            "called" | "named" | "for" | "titled" | ":" | "-" | "," | "call" | "name" | "it"
        ) || m.filler[i])
    {
        i += 1;
    }
    // "a project for the kitchen remodel": the article belongs to the sentence, not the name
    // ("for the move" keeps it: "move" alone says less); "for my thesis" is "Thesis", "for our
    // move" "Move"
    let for_something = i > 0
        && m.lower(i - 1) == "for"
        && (matches!(m.lower(i), "my" | "our") || (m.lower(i) == "the" && i + 2 < m.hi))
        && i + 1 < m.hi;
    if for_something {
        i += 1;
    }
    // "… for school stuff? call it School", "…, name it Moving": the name said last
    if let Some(k) = (i..m.hi)
        .rev()
        .find(|&k| matches!(m.lower(k), "call" | "name" | "called" | "named"))
    {
        let from = if matches!(m.lower(k + 1), "it" | "this") {
            k + 2
        } else {
            k + 1
        };
        if from < m.hi {
            i = from;
        }
    }
    let name = m.w.original(i, m.hi);
    let name =
        name.trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace() || c == '.' || c == '?' || c == '!');
    let name = if for_something {
        crate::domain::capitalised(name)
    } else {
        name.to_owned()
    };
    (!name.is_empty()).then_some(Reading {
        score: 10.0,
        command: Command::CreateProject(name),
    })
}

/// "what projects do I have?", "list my projects", "remind me what my projects are".
pub fn list_projects(m: &Msg) -> Option<Reading> {
    asks_for_all(m, &["projects"]).then_some(Reading {
        score: 10.0,
        command: Command::ListProjects,
    })
}

/// "what tags do I use?", "list my tags", "which labels do I have".
pub fn list_tags(m: &Msg) -> Option<Reading> {
    asks_for_all(m, &["tags", "labels", "hashtags"]).then_some(Reading {
        score: 10.0,
        command: Command::ListTags,
    })
}

/// "what repeats?", "show my recurring tasks", "which tasks repeat?": every task that repeats.
pub fn list_repeating(m: &Msg) -> Option<Reading> {
    const NOUNS: &[&str] = &[
        "recurring",
        "repeating",
        "repeats",
        "repeat",
        "recur",
        "recurs",
        "routines",
    ];
    let at = (m.lo..m.hi).find(|&i| NOUNS.contains(&m.lower(i)))?;
    let asked = m.asks || m.shows || matches!(m.lower(m.lo), "what" | "which" | "show" | "list");
    let only = (m.lo..m.hi).filter(|&i| i != at && !m.filler[i]).all(|i| {
        matches!(
            m.lower(i),
            "what"
                | "which"
                | "show"
                | "list"
                | "me"
                | "my"
                | "all"
                | "the"
                | "tasks"
                | "task"
                | "ones"
                | "things"
                | "items"
                | "todos"
                | "do"
                | "does"
                | "i"
                | "have"
                | "are"
                | "is"
                | "any"
                | "there"
                | "that"
                | "got"
                | "every"
                | "regularly"
                | "of"
                | "currently"
                | "set"
                | "to"
        )
    });
    (asked && only && m.mention.is_none()).then_some(Reading {
        score: 10.0,
        command: Command::ListRepeating,
    })
}

/// A message that asks for every one of what `nouns` name, and nothing else.
fn asks_for_all(m: &Msg, nouns: &[&str]) -> bool {
    let Some(at) = (m.lo..m.hi).find(|&i| nouns.contains(&m.lower(i))) else {
        return false;
    };
    let others: Vec<&str> = (m.lo..m.hi)
        .filter(|&i| i != at && !m.filler[i])
        .map(|i| m.lower(i))
        .filter(|w| {
            !matches!(
                *w,
                "my" | "all"
                    | "the"
                    | "do"
                    | "i"
                    | "have"
                    | "are"
                    | "what"
                    | "which"
                    | "list"
                    | "show"
                    | "me"
                    | "any"
                    | "of"
                    | "see"
                    | "remind"
                    | "tell"
                    | "give"
                    | "current"
                    | "there"
                    | "is"
                    | "got"
                    | "again"
                    | "open"
                    | "active"
                    | "existing"
                    | "called"
                    | "named"
                    | "use"
                    | "used"
                    | "using"
                    | "made"
            )
        })
        .collect();
    others.is_empty()
}
