use serde::{Deserialize, Serialize};

/// Everything recorded on one step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// The notes, as typed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Ids of the ticked or chosen options, in the order they were picked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub selected: Vec<String>,
    /// A 0–100 rating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<u8>,
    /// One text per participant, on a group's perspectives step.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub perspectives: Vec<String>,
}

impl Answer {
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
            && self.selected.is_empty()
            && self.rating.is_none()
            && self.perspectives.iter().all(|p| p.trim().is_empty())
    }
}
