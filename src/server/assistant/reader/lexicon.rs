//! The builtin reader's words: fillers that carry no meaning, the cues of each intent, and the
//! words of priorities, dates, positions and past tenses. Phrases are written after contractions
//! are opened ("don't" is "do not"), as the reader sees them.
use crate::domain::query::DueFilter;
use crate::domain::task::Priority;

/// Said at the start of a message, they change nothing ("could you please", "oh and").
#[rustfmt::skip]
pub const FILLER_LEADS: &[&str] = &[
    "please", "pls", "plz", "kindly", "hey", "hi", "hello", "ok", "okay", "so", "now", "also", "and", "oh", "um",
    "uh", "hmm", "well", "actually", "btw", "by the way", "right", "alright", "assistant", "can you", "could you",
    "would you", "will you", "can u", "could u", "would you mind", "i want you to", "i would like you to",
    "go ahead and", "quickly", "quick", "yo", "then", "ah", "oops", "sorry", "ugh", "argh", "oh no", "darn", "shoot",
    "dang", "gosh", "wow", "lol", "i totally forgot", "i forgot", "i just remembered", "just remembered", "hey there",
    "good morning", "morning", "hiya", "listen", "quick one", "one more thing", "another thing", "ooh", "ooh,",
    "so i was thinking", "i was thinking", "maybe", "could you maybe", "can you maybe", "just", "hey hey", "nvm",
    "never mind", "nevermind",
];

/// Said at the end of a message, they change nothing.
#[rustfmt::skip]
pub const FILLER_TAILS: &[&str] = &[
    "please", "pls", "plz", "thanks", "thank you", "thx", "ty", "cheers", "for me", "now", "real quick", "if you can",
    "if possible", "would you", "will you", "ok", "okay",
];

/// Words dropped wherever they stand.
pub const FILLER_ANYWHERE: &[&str] = &["please", "pls", "plz", "kindly"];

/// How a new task is asked for, at the start of a message (after fillers). The longest wins.
#[rustfmt::skip]
pub const ADD_LEADS: &[&str] = &[
    "add", "add a task", "add task", "add a new task", "add new task", "add a todo", "add todo", "add a to-do",
    "add an item", "add item", "add a reminder", "new :", "new -", "set up a task to", "set up a task",
    "set up a reminder to", "set up a reminder", "make a new task", "put in a task to", "put in a task",
    "put in a reminder to", "open a task", "open a new task", "start a task", "file a task", "add reminder",
    "add a new todo", "add new todo", "create", "create a task", "create task", "create a new task", "create a todo",
    "create todo", "create a reminder", "create reminder", "create an item", "make a task", "make a todo",
    "make a note to", "make a reminder", "new task", "new todo", "new to-do", "new item", "new reminder",
    "a new task", "todo", "to-do", "to do", "task", "reminder", "jot down", "jot", "note down", "write down",
    "put down", "remind me to", "remind me", "remember to", "remind me that i need to", "do not forget to",
    "do not forget", "do not let me forget to", "do not let me forget", "never let me forget to", "note to self",
    "i need to", "i have to", "i must", "i should", "i gotta", "i got to", "i have got to", "i still need to",
    "i also need to", "i want to", "i would like to", "i will need to", "need to", "have to", "gotta", "must",
    "schedule", "set a reminder to", "set a reminder for", "set a reminder", "set reminder", "log", "capture",
    "i need", "we need to", "we have to", "we need", "could you add", "can you add", "please add", "put", "stick",
    "throw", "adding", "pencil in", "make sure i", "make sure to", "be sure to", "i want to remember to",
    "i ought to", "i had better", "i still have to", "i still need", "put down", "put down that", "i want make",
    "i want make a reminder for", "make a reminder for", "make a reminder to", "want to make a reminder for",
    "new recurring task", "new repeating task", "a new recurring task", "recurring task", "repeating task", "+",
    "add the following task", "add the following", "add this task", "add this", "create the following task",
    "set up a daily task", "set up a weekly task", "set up a recurring task", "create a daily task",
    "create a weekly task", "add a daily task", "add a weekly task", "add a recurring task", "add a repeating task",
    "new daily task", "new weekly task", "block time to", "book in", "add in", "let me remember to",
    "remind myself to", "i would like to add",
];

/// Words about the list itself, dropped from a new task's title ("add X to my list please").
#[rustfmt::skip]
pub const LIST_PHRASES: &[&str] = &[
    "to my list", "on my list", "to the list", "on the list", "to my to-do list", "to my todo list",
    "on my todo list", "on my to-do list", "to my to do list", "on my to do list", "to my todos", "to my tasks",
    "on my tasks", "to the todo list", "to the to-do list", "in my list", "to the task list", "to my task list",
    "on my task list", "as a task", "as a todo", "as a new task", "as a to-do", "as a reminder", "to my todo",
    "to my to-do", "onto my list", "onto the list", "to the tasks", "to tasks", "to list", "on list", "for later",
    "to the to do list", "on there", "in there", "on the todo list",
];

/// Cues that a task is done (besides a past tense: "I bought the milk").
#[rustfmt::skip]
pub const DONE_CUES: &[&str] = &[
    "done", "finished", "complete", "completed", "finish", "check off", "checked off", "tick off", "ticked off",
    "mark off", "marked off",
    "cross off", "crossed off", "got done", "wrapped up", "wrap up", "handled", "taken care of", "sorted",
    "sorted out", "close", "closed", "check", "checked", "tick", "ticked", "✓", "✔", "✅", "knocked out",
    "completed it", "did", "accomplished", "achieved", "marked done", "ready", "all set", "all done", "good to go",
    "dealt with", "out of the way", "nailed", "crushed", "ticked", "finito", "is in", "are in", "went out",
    "sent out", "gone out", "is out", "are out", "handed in", "turned in", "is sorted", "wrapped",
];

/// Cues that a done task is open again.
#[rustfmt::skip]
pub const REOPEN_CUES: &[&str] = &[
    "reopen", "re-open", "uncheck", "unmark", "uncomplete", "un-complete", "undone", "incomplete", "not done",
    "not finished", "not complete", "not completed", "not actually done", "not really done", "still open",
    "still needs doing", "still need to do", "still needs to be done", "open again", "back on my list",
    "back on the list", "not yet done", "is not done yet", "unfinished", "mark as open", "as open", "as not done",
    "as undone", "as incomplete", "undo", "back to open", "to open", "restore", "revive", "not completed yet",
    "not done yet", "bring back", "resurrect", "un-done", "unfinish", "reopened", "re-opened", "needs to be reopened",
    "mark as not done", "by mistake", "by accident", "accidentally", "mistakenly", "not meant to",
    "undo the completion", "put it back", "put back", "put that back", "to my open tasks", "back to my open tasks",
];

#[rustfmt::skip]
pub const DELETE_CUES: &[&str] = &[
    "delete", "remove", "get rid of", "drop", "erase", "trash", "discard", "scrap", "kill", "cancel", "forget about",
    "forget", "ditch", "toss", "nuke", "bin", "throw away", "throw out", "take off my list", "off my list",
    "off the list", "cross out", "strike", "scratch", "axe", "dump", "purge", "wipe", "clear", "clean up", "archive",
    "tidy up", "tidy", "empty", "del", "rm",
];

#[rustfmt::skip]
pub const RESCHEDULE_CUES: &[&str] = &[
    "move", "reschedule", "postpone", "push back", "push", "delay", "defer", "bump", "shift", "due", "deadline",
    "change the date", "change the due date", "set the date", "set the due date", "put off", "pushed", "moved",
    "put it off", "change the deadline", "set the deadline", "schedule", "make it", "make that", "change it to",
    "change that to", "set it to", "set it for", "set that to", "bring forward", "pull forward", "pull in",
];

#[rustfmt::skip]
pub const CLEAR_DUE_CUES: &[&str] = &[
    "remove the due date", "remove the date", "remove the deadline", "remove due date", "clear the due date",
    "clear the date", "clear the deadline", "clear due date", "no due date", "no date", "no deadline",
    "without a due date", "without a date", "without a deadline", "undate", "unschedule", "take the due date off",
    "take off the due date", "take the date off", "drop the due date", "drop the date", "delete the due date",
    "delete the date", "delete the deadline", "get rid of the due date", "get rid of the deadline",
    "does not have a due date", "does not need a due date", "does not have a deadline", "has no due date",
    "has no deadline", "does not need a deadline", "does not need a date", "does not need a due date anymore",
    "not have a deadline", "not have a due date", "not have a date", "no need for a deadline",
    "no need for a due date", "not need a deadline", "not need a date", "take the deadline off",
    "take off the deadline", "take the due date off", "remove its due date", "remove its deadline",
    "drop the deadline",
];

#[rustfmt::skip]
pub const PRIORITY_UP: &[&str] = &[
    "raise", "increase", "bump up", "bump", "boost", "up the priority", "higher", "more important", "escalate",
    "prioritize", "prioritise",
];
#[rustfmt::skip]
pub const PRIORITY_DOWN: &[&str] = &[
    "lower", "decrease", "reduce", "drop the priority", "less important", "deprioritize", "deprioritise", "downgrade",
    "de-prioritize", "down a notch", "priority down", "bump down", "knock down", "knock it down",
];

#[rustfmt::skip]
pub const TAG_CUES: &[&str] = &[
    "tag", "label", "tagged", "labelled", "labeled", "add the tag", "add tag", "add a tag",
];
#[rustfmt::skip]
pub const UNTAG_CUES: &[&str] = &[
    "untag", "remove the tag", "remove tag", "remove the label", "take the tag", "tag off", "label off",
    "without the tag", "drop the tag", "delete the tag", "unlabel", "no longer tagged",
];
#[rustfmt::skip]
pub const NOTE_CUES: &[&str] = &[
    "append", "attach a note", "put a note", "write a note", "leave a note", "add a note", "add note",
    "add a description", "add description", "add details", "add a comment", "note on", "note for", "note to",
    "describe", "description", "the description of", "set the description", "note", "notes", "details", "comment",
];

/// How a question or a request to see tasks starts.
#[rustfmt::skip]
pub const QUESTION_LEADS: &[&str] = &[
    "what", "which", "when", "where", "how", "who", "is", "are", "am", "do", "does", "did", "have", "has", "any",
    "anything", "show", "list", "display", "give me", "tell me", "find", "search", "look up", "look for", "see",
    "view", "pull up", "get me", "let me see", "can i see", "read", "check my", "remaining", "whats", "my tasks",
    "my todo", "my to-do", "my list", "tasks", "todos", "to-dos", "what else", "overview", "summary", "agenda",
    "print", "enumerate", "go over", "run me through", "walk me through", "is there", "are there", "got anything",
];

/// Words that ask for a count.
pub const COUNT_CUES: &[&str] = &["how many", "number of", "count"];

/// Asked about everything, not only the open tasks.
pub const ALL_WORDS: &[&str] = &["everything", "all", "every", "whole list", "entire list"];
#[rustfmt::skip]
pub const DONE_WORDS: &[&str] = &[
    "completed", "done", "finished", "checked off", "ticked off", "closed", "complete",
];

#[rustfmt::skip]
pub const HELP: &[&str] = &[
    "help", "?", "h", "commands", "menu", "hi", "hello", "hey", "what can i say", "how does this work",
    "what do you do", "how do i use this", "who are you", "what are you", "what can you do", "what can you help with",
    "how can you help", "help me", "show help", "what are your commands", "what commands", "instructions",
    "what can i ask", "what can i do here", "how do you work", "how does it work", "examples", "tips", "help me out",
    "i am lost", "i am confused", "what do you understand", "give me some examples", "some examples",
    "what kind of things can i say", "how do i use you", "what are you able to do",
    "what kind of things can i ask you", "what kind of things can i ask", "what commands do you understand",
    "explain how to add tasks", "show me some examples", "what are you able to help me with",
];

#[rustfmt::skip]
pub const YES: &[&str] = &[
    "yes", "y", "yeah", "yep", "yup", "sure", "ok", "okay", "confirm", "confirmed", "do it", "go ahead", "yes do it",
    "yes please", "absolutely", "of course", "correct", "affirmative", "please do", "delete them", "yes delete them",
    "yes add it", "add it", "yes go ahead", "sounds good", "sure thing", "definitely", "that is right", "right",
    "yea", "ya", "k", "fine", "do that", "yes delete", "delete all", "yes delete all", "yep do it", "yeah do it",
    "ok do it", "okay do it", "go for it", "yeah go ahead", "yep go ahead", "ok go ahead", "sure go ahead",
    "yes do that", "yes that is right", "yes please do", "do it please", "go on", "go on then", "yup do it",
];
/// The words of a message that only thanks or acknowledges ("thanks a lot!", "ok cool",
/// "hmm, never mind"); with any other word it is something else ("thank you card").
#[rustfmt::skip]
pub const SMALLTALK: &[&str] = &[
    "thanks", "thank", "you", "thx", "ty", "cheers", "much", "so", "a", "lot", "many", "very", "great", "perfect",
    "awesome", "cool", "nice", "ok", "okay", "good", "hmm", "hm", "oh", "ah", "alright", "got", "it", "never",
    "mind", "nevermind", "nvm", "no", "worries", "lol", "haha", "wow", "sweet", "excellent", "brilliant",
    "super", "fantastic", "wonderful", "amazing", "that's", "thats", "that", "is", "was", "helpful", "really",
    "appreciate", "appreciated", "i", "kind", "of", "bye", "goodbye", "later", "see", "ya", "k", "kk", "fine",
    "mate", "buddy", "pal", "dude", "ta", "tysm", "tyvm", "thnx", "thanx", "u", "gracias", "merci", "danke",
    "grazie", "obrigado", "arigato", "ありがとう",
];
/// The words of a message that only greets ("hi there", "g'day mate", "good morning"): answered
/// with what the assistant can do.
#[rustfmt::skip]
pub const GREETING: &[&str] = &[
    "hi", "hello", "hey", "hiya", "heya", "howdy", "g'day", "gday", "yo", "greetings", "good", "morning",
    "afternoon", "evening", "there", "mate", "all", "everyone", "again", "buddy", "mornin", "hola", "bonjour",
    "hallo", "ciao", "salut", "namaste", "konnichiwa", "buenos", "dias", "días",
];
/// Of those, the ones that thank.
#[rustfmt::skip]
pub const THANKS: &[&str] = &[
    "thanks", "thank", "thx", "ty", "cheers", "appreciate", "appreciated", "ta", "tysm", "tyvm", "thnx", "thanx",
    "gracias", "merci", "danke", "grazie", "obrigado", "arigato", "ありがとう",
];
/// The words of a sign-off besides those of [`SMALLTALK`] ("that's all for today", "that's
/// everything for now", "nothing else"): one of `all`, `everything`, `nothing` said with them.
#[rustfmt::skip]
pub const SIGN_OFF: &[&str] = &[
    "all", "everything", "nothing", "else", "for", "today", "tonight", "now", "need", "from", "me",
];
#[rustfmt::skip]
pub const NO: &[&str] = &[
    "no", "n", "nope", "nah", "cancel", "stop", "never mind", "nevermind", "do not", "no thanks", "abort",
    "forget it", "keep them", "no do not", "not now", "no thank you", "leave it", "skip it", "skip", "do not add it",
    "do not bother",
];

/// "high", "urgent", … as a priority level.
pub fn priority_word(w: &str) -> Option<Priority> {
    match w {
        "high" | "urgent" | "important" | "top" | "critical" | "highest" | "asap" | "high-priority" | "p1"
        | "!high" | "!urgent" | "!h" | "!p1" | "!!" | "!!!" => Some(Priority::High),
        "medium" | "normal" | "moderate" | "mid" | "med" | "p2" | "!medium" | "!med" | "!m" | "!p2" => {
            Some(Priority::Medium)
        }
        "low" | "lowest" | "minor" | "unimportant" | "trivial" | "p3" | "!low" | "!l" | "!p3" => Some(Priority::Low),
        "none" | "no" | "p4" | "!none" | "!p4" => Some(Priority::None),
        _ => None,
    }
}

/// Priority words that say "priority" by themselves (without the word "priority").
pub fn is_priority_adjective(w: &str) -> bool {
    matches!(w, "urgent" | "important" | "critical" | "asap" | "high-priority") || w.starts_with('!')
}

/// A position in the last list: "second", "3rd", "number 4".
pub fn ordinal(w: &str) -> Option<usize> {
    Some(match w {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "fourth" | "4th" => 4,
        "fifth" | "5th" => 5,
        "sixth" | "6th" => 6,
        "seventh" | "7th" => 7,
        "eighth" | "8th" => 8,
        "ninth" | "9th" => 9,
        "tenth" | "10th" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "twentieth" => 20,
        // "22nd", "101st": a long list goes on past the tenth
        _ => {
            let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let n: usize = digits.parse().ok().filter(|n| (1..=200).contains(n))?;
            let suffix = match (n % 100, n % 10) {
                (11..=13, _) => "th",
                (_, 1) => "st",
                (_, 2) => "nd",
                (_, 3) => "rd",
                _ => "th",
            };
            if w[digits.len()..] != *suffix {
                return None;
            }
            n
        }
    })
}

/// The due filter a question names, by its phrase.
pub const DUE_PHRASES: &[(&str, DueFilter)] = &[
    ("today or overdue", DueFilter::TodayOrOverdue),
    ("overdue", DueFilter::Overdue),
    ("late", DueFilter::Overdue),
    ("past due", DueFilter::Overdue),
    ("behind on", DueFilter::Overdue),
    ("missed", DueFilter::Overdue),
    ("no due date", DueFilter::None),
    ("without a due date", DueFilter::None),
    ("without due date", DueFilter::None),
    ("without a date", DueFilter::None),
    ("undated", DueFilter::None),
    ("without a deadline", DueFilter::None),
    ("not have a deadline", DueFilter::None),
    ("not have a due date", DueFilter::None),
    ("not have a date", DueFilter::None),
    ("with no deadline", DueFilter::None),
    ("with no due date", DueFilter::None),
    ("with no date", DueFilter::None),
    ("without dates", DueFilter::None),
    ("no due dates", DueFilter::None),
    ("no date", DueFilter::None),
    ("no deadline", DueFilter::None),
    ("tomorrow", DueFilter::Tomorrow),
    ("tmrw", DueFilter::Tomorrow),
    ("tonight", DueFilter::Today),
    ("today", DueFilter::Today),
    ("this week", DueFilter::ThisWeek),
    ("the week", DueFilter::ThisWeek),
    ("this wk", DueFilter::ThisWeek),
    ("the rest of the week", DueFilter::ThisWeek),
    ("next 7 days", DueFilter::Next7Days),
    ("next seven days", DueFilter::Next7Days),
    ("coming week", DueFilter::Next7Days),
    ("next few days", DueFilter::Next7Days),
    ("coming days", DueFilter::Next7Days),
    ("upcoming", DueFilter::Next7Days),
    ("soon", DueFilter::Next7Days),
    ("before the weekend", DueFilter::ThisWeek),
    ("by the weekend", DueFilter::ThisWeek),
    ("end of the week", DueFilter::ThisWeek),
    ("end of this week", DueFilter::ThisWeek),
    ("rest of the week", DueFilter::ThisWeek),
    ("my day", DueFilter::Today),
    ("miss any deadlines", DueFilter::Overdue),
    ("missed any deadlines", DueFilter::Overdue),
    ("missed deadlines", DueFilter::Overdue),
    ("did i miss", DueFilter::Overdue),
    ("for the day", DueFilter::Today),
    ("this morning", DueFilter::Today),
    ("this afternoon", DueFilter::Today),
    ("this evening", DueFilter::Today),
];

/// Irregular past tenses, so "I bought the milk" names "Buy milk".
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
    ("rang", "ring"),
    ("drove", "drive"),
    ("rode", "ride"),
    ("wore", "wear"),
    ("threw", "throw"),
    ("chose", "choose"),
    ("began", "begin"),
    ("forgot", "forget"),
    ("hid", "hide"),
    ("held", "hold"),
    ("kept", "keep"),
    ("lent", "lend"),
    ("lost", "lose"),
    ("sat", "sit"),
    ("slept", "sleep"),
    ("stood", "stand"),
    ("woke", "wake"),
    ("done", "do"),
    ("finished", "finish"),
    ("sang", "sing"),
    ("dug", "dig"),
    ("fought", "fight"),
    ("flew", "fly"),
    ("grew", "grow"),
    ("knew", "know"),
    ("overslept", "oversleep"),
    ("rebuilt", "rebuild"),
    ("redid", "redo"),
    ("rewrote", "rewrite"),
    ("shook", "shake"),
    ("stuck", "stick"),
    ("struck", "strike"),
    ("swam", "swim"),
    ("tore", "tear"),
    ("understood", "understand"),
    ("withdrew", "withdraw"),
    ("wound", "wind"),
];

/// Words that make the word after them a noun: "the water bill", "my gas bill".
pub const DETERMINERS: &[&str] = &[
    "the", "my", "our", "your", "a", "an", "this", "that", "his", "her", "their",
];

/// Words that never name a task on their own: glue between a title's words.
#[rustfmt::skip]
pub const GLUE: &[&str] = &[
    "the", "a", "an", "my", "our", "your", "his", "her", "their", "to", "for", "of", "and", "at", "on", "in", "with",
    "about", "from", "by", "up", "off", "out", "some", "any", "this", "that", "these", "those", "'s", "&",
];

/// Words that are part of how something is said, never of what is named (they may still be in
/// a title, where they count little).
#[rustfmt::skip]
pub const GENERIC: &[&str] = &[
    "task", "tasks", "todo", "todos", "to-do", "item", "items", "thing", "things", "stuff", "one", "list", "reminder",
    "reminders", "it", "them", "done", "priority", "due", "tag", "note", "today", "tomorrow", "please", "is", "are",
    "was", "be", "been", "i", "me", "you", "not", "now", "all", "everything", "just", "already", "finally", "yet",
    "still", "again", "also", "too", "can", "could", "would", "should", "will", "have", "has", "had", "do", "did",
    "does", "set", "make", "mark", "change", "move", "new", "add", "remove", "delete", "high", "low", "medium",
    "urgent", "important", "week", "day", "project", "whole", "entire",
];

/// Verbs that ask the assistant for a change ("push", "tag", "cancel"): said before a task's
/// name they are the request, never a word describing the task.
#[rustfmt::skip]
pub const COMMAND_VERBS: &[&str] = &[
    "move", "push", "postpone", "reschedule", "delay", "defer", "bump", "shift", "snooze", "schedule", "put",
    "delete", "remove", "cancel", "drop", "erase", "trash", "discard", "scrap", "kill", "ditch", "toss", "nuke",
    "bin", "clear", "archive", "complete", "finish", "mark", "tick", "check", "close", "reopen", "undo", "uncheck",
    "rename", "tag", "untag", "label", "flag", "star", "prioritize", "prioritise", "make", "set", "change",
    "edit", "update", "remind", "note", "describe", "lower", "raise", "touch", "give", "switch", "turn", "assign",
];

/// Verbs a task usually starts with: a bare phrase that starts with one ("renew car insurance")
/// may be a new task, and is asked about; anything else unread is not understood.
#[rustfmt::skip]
pub const TASK_VERBS: &[&str] = &[
    "buy", "call", "pay", "email", "mail", "send", "write", "read", "book", "fix", "clean", "wash", "cook", "make",
    "get", "pick", "take", "bring", "return", "order", "renew", "cancel", "check", "finish", "start", "plan",
    "prepare", "submit", "file", "sign", "print", "post", "ship", "pack", "unpack", "move", "visit", "meet", "see",
    "ask", "tell", "text", "message", "reply", "respond", "review", "update", "upgrade", "install", "download",
    "upload", "backup", "back", "research", "learn", "study", "practice", "practise", "train", "run", "walk", "feed",
    "water", "mow", "vacuum", "tidy", "organize", "organise", "sort", "declutter", "donate", "sell", "list", "find",
    "look", "search", "schedule", "arrange", "organise", "collect", "drop", "deliver", "repair", "replace", "paint",
    "build", "assemble", "hang", "mount", "charge", "refill", "top", "change", "register", "apply", "enroll", "enrol",
    "invite", "thank", "congratulate", "celebrate", "wrap", "decorate", "bake", "grill", "defrost", "iron", "fold",
    "laundry", "shop", "order", "reserve", "confirm", "contact", "phone", "ring", "follow", "chase", "remind",
    "draft", "edit", "proofread", "translate", "design", "code", "test", "deploy", "release", "fix", "debug",
    "refactor", "document", "present", "pitch", "interview", "hire", "onboard", "invoice", "bill", "budget", "save",
    "transfer", "withdraw", "deposit", "claim", "report", "declare", "fill", "complete", "attend", "go", "drive",
    "fly", "travel", "rent", "lease", "borrow", "lend", "gift", "wrap", "sew", "knit", "stretch", "meditate",
    "exercise", "swim", "cycle", "jog", "hike", "stretch", "vote", "recycle", "empty", "take", "bin", "weed", "plant",
    "prune", "trim", "cut", "shave", "brush", "floss", "schedule", "reschedule", "buy", "grab", "fetch",
    "unsubscribe", "subscribe", "backup", "shred", "scan", "photocopy", "frame", "measure", "quote", "compare",
    "choose", "pick", "decide", "figure", "think", "write", "journal", "blog", "record", "film", "edit", "publish",
    "share", "clear", "sweep", "mop", "dust", "descale", "service", "inspect",
];

#[cfg(test)]
mod ordinal_tests {
    use super::ordinal;

    #[test]
    fn ordinals_are_read_with_their_suffix() {
        for (word, n) in [
            ("1st", 1),
            ("second", 2),
            ("11th", 11),
            ("12th", 12),
            ("13th", 13),
            ("21st", 21),
            ("22nd", 22),
            ("23rd", 23),
            ("101st", 101),
            ("111th", 111),
            ("200th", 200),
        ] {
            assert_eq!(ordinal(word), Some(n), "{word}");
        }
        for word in [
            "21th", "22st", "11st", "12nd", "0th", "201st", "1", "nd", "3rdx", "first1",
        ] {
            assert_eq!(ordinal(word), None, "{word}");
        }
    }
}
