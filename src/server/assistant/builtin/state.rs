//! What the assistant keeps of a conversation between turns: the tasks just listed, talked about,
//! changed or completed, what "undo" takes back, and the question it awaits an answer to.
use serde::{Deserialize, Serialize};

use super::{lists, many, undo, Verb};

/// The assistant's memory of one conversation, stored with it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ConversationState {
    #[serde(default)]
    pub last_listed: Vec<String>,
    #[serde(default)]
    pub last_task: Option<String>,
    #[serde(default)]
    pub pending: Option<Pending>,
    /// The task completed in the previous turn: a bare "done" after it is not a second
    /// completion (a recurring task would skip an occurrence).
    #[serde(default)]
    pub just_completed: Option<String>,
    /// The task deleted in the previous turn: "undo" or "bring it back" right after restores it
    /// (as the dashboard's Undo).
    #[serde(default)]
    pub just_deleted: Option<String>,
    /// The last change made to one task (the words as said): "also soccer", "and the lebkuchen
    /// one too" make it to another.
    #[serde(default)]
    pub last_change: Option<(Verb, Option<String>)>,
    /// A task was added or changed in the previous turn: "actually sunday" corrects it.
    #[serde(default)]
    pub just_changed: bool,
    /// What the previous turn added, changed, completed or deleted: "undo" right after puts it
    /// back.
    #[serde(default)]
    pub undo: Vec<undo::Undo>,
    /// The project made last in this conversation: "add book a stall space to it" goes there.
    #[serde(default)]
    pub last_project: Option<String>,
}

impl ConversationState {
    /// What an "undo" (or a bare "done") right after needs, put back by a turn that changed
    /// nothing.
    pub(super) fn keep_for_undo(
        &mut self,
        just_completed: Option<String>,
        just_deleted: Option<String>,
        undo: Vec<undo::Undo>,
    ) {
        self.just_completed = just_completed;
        self.just_deleted = just_deleted;
        self.undo = undo;
    }
}

/// A question the assistant asked and awaits an answer to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Pending {
    /// "Delete all 4 completed tasks?"
    DeleteCompleted,
    /// "Delete all 12 of your tasks?"
    DeleteAll,
    /// "Add “renew car insurance” as a task?" — the quick-add text.
    Add {
        text: String,
        /// Said as "remind me …": a day alone gets that morning's reminder.
        #[serde(default)]
        reminded: bool,
    },
    /// "“tursday” could be Tuesday or Thursday: which did you mean?" — the quick-add text, the
    /// word, and the days it could be.
    Day {
        text: String,
        word: String,
        days: Vec<String>,
        #[serde(default)]
        reminded: bool,
    },
    /// "Which one: Buy milk, Buy milk powder?" — the command waits for one of `candidates`.
    Choose {
        verb: Verb,
        arg: Option<String>,
        candidates: Vec<String>,
    },
    /// "… Say “more” for the next ones." — the rest of a long list.
    More(lists::MoreTasks),
    /// "Complete these 4 tasks: …?", "Delete these 2 tasks: …?"
    Many {
        verb: many::ManyVerb,
        ids: Vec<String>,
        /// The day they move to (its words), for a move.
        #[serde(default)]
        arg: Option<String>,
    },
}
