use serde::{Deserialize, Serialize};

use crate::content::{InputKind, Role, Step};

/// Whose text a note field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    /// What the other person said, in their words: may go on their sheet.
    Words,
    /// The volunteer's own observation: never shown to the client.
    Impression,
}

/// The note fields a step has, main one first. Steps whose input is the
/// volunteer's own judgement (the patterns, whether the thought was
/// recognised) have only the volunteer's; a group's perspectives step has
/// each participant's words; every other step with a note has both.
pub fn voices(step: &Step) -> &'static [Voice] {
    if !step.notes {
        &[]
    } else if step.input == InputKind::Perspectives {
        &[Voice::Words]
    } else if matches!(step.role, Some(Role::Patterns | Role::Recognised)) {
        &[Voice::Impression]
    } else {
        &[Voice::Words, Voice::Impression]
    }
}

/// Everything recorded on one step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// The other person's words, as typed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// The volunteer's own observation ("mijn indruk"): for the volunteer's
    /// report only.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub impression: String,
    /// Ids of the ticked or chosen options, in the order they were picked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub selected: Vec<String>,
    /// A 0–100 rating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<u8>,
    /// One text per participant, on a group's perspectives step.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub perspectives: Vec<String>,
    /// The route the step belongs to (its id), in the record; none for the
    /// phases around the routes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
}

impl Answer {
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
            && self.impression.trim().is_empty()
            && self.selected.is_empty()
            && self.rating.is_none()
            && self.perspectives.iter().all(|p| p.trim().is_empty())
    }
}
