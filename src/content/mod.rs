//! Content packs: the checked types the rest of the program uses, and the
//! loader that turns TOML files into them (or into a list of problems).

pub mod card;
mod files;
mod keys;
mod problem;
mod raw;
pub mod ui_text;
mod validate;

use std::path::Path;

use serde::{Deserialize, Serialize};

pub use files::{Origin, PackFile, PackFiles};
pub use problem::{Expectation, Problem, ProblemKind, fill};
pub use ui_text::{CliHelpTexts, UiText};

/// The newest pack schema this program understands.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pack {
    pub id: String,
    pub version: String,
    pub schema: u32,
    pub lang: String,
    pub name: String,
    pub source: Source,
    /// Phases that open a session with a client seen before.
    pub followup: Vec<Phase>,
    pub before: Vec<Phase>,
    pub routes: Vec<Route>,
    pub after: Vec<Phase>,
    /// Background material outside the conversation: introduction,
    /// infographic.
    pub background: Vec<Phase>,
    /// Phases that open a group session.
    pub group: Vec<Phase>,
    /// Exercises to do alone.
    pub exercises: Vec<Phase>,
    pub signals: Signals,
    /// Example thoughts with their pattern: demo cases and the recognition
    /// exercise.
    pub examples: Vec<Example>,
    pub valkuilen: Vec<Valkuil>,
    /// The demo's index, chapter by chapter, in the brochure's order.
    pub demo: Vec<Chapter>,
    pub ui: UiText,
    /// Files in use and where each came from.
    pub files: Vec<(String, Origin)>,
}

/// A chapter of the demo's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Chapter {
    /// A phase that opens the conversation (index into `before`), step by
    /// step.
    Before(usize),
    /// A phase walked on its own (index into `solo_phases()`).
    Solo(usize),
    /// Every route with its techniques.
    Routes,
    /// The brochure's example thoughts, each to walk through a route.
    Cases,
}

/// The credit block every pack carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub title: String,
    pub publisher: String,
    pub credit: String,
    pub condition: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Phase {
    pub id: String,
    pub title: String,
    pub source: String,
    /// Why the exercise helps, in one line (on the practice menu).
    pub why: Option<String>,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Route {
    pub id: String,
    pub letter: String,
    pub title: String,
    pub what: String,
    pub when: String,
    pub source: String,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub id: String,
    pub title: String,
    /// What to ask or say to the client.
    pub prompt: String,
    /// The same question for someone practising alone, if the pack has one.
    pub self_prompt: Option<String>,
    /// The title for someone practising alone, if it differs.
    pub self_title: Option<String>,
    pub tip: Option<String>,
    /// Worked examples for the volunteer (how a reflection can sound),
    /// shown with the tip.
    pub examples: Vec<String>,
    pub input: InputKind,
    /// Whether the step has a free-text notes field.
    pub notes: bool,
    /// A quiet countdown while the step is open (the piekerkwartier).
    pub minutes: Option<u32>,
    /// Only in a group conversation: passed over with one person.
    pub group_only: bool,
    /// Only beside another person: passed over when practising alone.
    pub conversation_only: bool,
    pub role: Option<Role>,
    pub valkuilen: Vec<String>,
    pub options: Vec<Choice>,
    /// The brochure section the step comes from; `None` for an addition.
    pub source: Option<String>,
}

impl Step {
    /// Not shown on a screen turned to the client (tips hidden): the
    /// patterns are the volunteer's own judgement. Practising alone there
    /// is no one else to turn the screen to.
    pub fn turned_away(&self, tips_hidden: bool, alone: bool) -> bool {
        tips_hidden && !alone && self.role == Some(Role::Patterns)
    }

    /// Not from the brochure: denkcoach's own (`toevoeging = true`).
    pub fn is_addition(&self) -> bool {
        self.source.is_none()
    }
}

/// The short name of a brochure section, as the screen shows it: "3",
/// "4a", "Infographic" (from "3. Signaleren – …", "Infographic – …").
pub fn section_of(source: &str) -> &str {
    let first = source.split(['.', ' ']).next().unwrap_or(source);
    if !first.is_empty() && first.len() <= 3 {
        return first;
    }
    source.split(" – ").next().unwrap_or(source).trim()
}

/// The structured input a step asks for, besides its notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InputKind {
    Text,
    Checklist,
    Single,
    Multi,
    Scale,
    Summary,
    /// Read-only explanation, optionally with a list (or figures).
    Info,
    /// Read-only: the options as a cycle of boxes and arrows.
    Cycle,
    /// Notes per participant, side by side.
    Perspectives,
}

impl InputKind {
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "tekst" => InputKind::Text,
            "afvinken" => InputKind::Checklist,
            "keuze" => InputKind::Single,
            "meerkeuze" => InputKind::Multi,
            "schaal" => InputKind::Scale,
            "samenvatting" => InputKind::Summary,
            "uitleg" => InputKind::Info,
            "kringloop" => InputKind::Cycle,
            "perspectieven" => InputKind::Perspectives,
            _ => return None,
        })
    }

    /// Options can be picked (and the cursor moves over them).
    pub fn takes_options(self) -> bool {
        matches!(
            self,
            InputKind::Checklist | InputKind::Single | InputKind::Multi
        )
    }

    pub fn needs_options(self) -> bool {
        self.takes_options()
    }

    /// Options may be listed (picked or only shown).
    pub fn lists_options(self) -> bool {
        self.takes_options() || matches!(self, InputKind::Info | InputKind::Cycle)
    }
}

/// What a step's answer means for the session as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Thought,
    Patterns,
    Recognised,
    BeliefBefore,
    BeliefAfter,
    NextStep,
    /// Route c's small step: proposed as the next step at afronden.
    SmallStep,
}

impl Role {
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "gedachte" => Role::Thought,
            "patronen" => Role::Patterns,
            "herkend" => Role::Recognised,
            "geloof-voor" => Role::BeliefBefore,
            "geloof-na" => Role::BeliefAfter,
            "volgende-stap" => Role::NextStep,
            "kleine-stap" => Role::SmallStep,
            _ => return None,
        })
    }
}

impl Step {
    /// The texts of the options with these ids, in the step's order.
    pub fn option_texts(&self, ids: &[String]) -> Vec<&str> {
        self.options
            .iter()
            .filter(|o| ids.contains(&o.id))
            .map(|o| o.text.as_str())
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub id: String,
    pub text: String,
    /// The words for someone practising alone, if they differ.
    pub self_text: Option<String>,
    pub explanation: Option<String>,
    /// The brochure section this option comes from, if it names one.
    pub source: Option<String>,
    /// A figure (0–100) to chart, such as a percentage from the infographic.
    pub value: Option<u8>,
    /// Chosen, Enter goes back to this earlier step instead of on (the
    /// reflection not recognised: back to listening).
    pub back_to: Option<String>,
}

/// Thresholds and word lists for the reminders during a conversation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Signals {
    /// Moving to the routes sooner than this reminds of "te snel willen gaan".
    pub too_fast_minutes: Option<u32>,
    /// Option ids of the recognition step that mean: recognised.
    pub recognised: Vec<String>,
    /// Labelling words to avoid in notes for the client (lower case).
    pub labelling_words: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Example {
    pub id: String,
    pub thought: String,
    /// An option id of the patterns step.
    pub pattern: String,
    /// Other patterns that fit as well: several may, as in a conversation.
    pub also: Vec<String>,
    pub explanation: String,
    pub from_brochure: bool,
    pub source: String,
}

impl Example {
    /// The pattern `id` is a defensible answer for this thought.
    pub fn fits(&self, id: &str) -> bool {
        self.pattern == id || self.also.iter().any(|a| a == id)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Valkuil {
    pub id: String,
    pub title: String,
    pub text: String,
    pub source: String,
}

impl Pack {
    /// The built-in pack for `lang`, with any override folders laid over it
    /// file by file (later folders win), checked. Without overrides this is
    /// the pack as checked at build time (`build.rs`): starting up does not
    /// wait for 18 TOML files to be parsed and checked again.
    pub fn load(lang: &str, overrides: &[&Path]) -> Result<Pack, LoadError> {
        if overrides.is_empty()
            && let Some(pack) = stored_pack(lang)
        {
            return Ok(pack);
        }
        Pack::load_checked(lang, overrides)
    }

    /// Like [`Pack::load`], but always parses and checks the files.
    pub fn load_checked(lang: &str, overrides: &[&Path]) -> Result<Pack, LoadError> {
        let mut files = PackFiles::builtin(lang);
        for dir in overrides {
            files.overlay_dir(dir)?;
        }
        Pack::from_files(&files).map_err(LoadError::Invalid)
    }

    /// Only the files in `dir`, as `denkcoach content check DIR` sees them.
    pub fn load_dir(dir: &Path) -> Result<Pack, LoadError> {
        let mut files = PackFiles::default();
        files.overlay_dir(dir)?;
        Pack::from_files(&files).map_err(LoadError::Invalid)
    }

    /// Checks a set of files. Problems in a file from an override folder
    /// name that file's real path, so the trainer can open it.
    pub fn from_files(files: &PackFiles) -> Result<Pack, Vec<Problem>> {
        validate::build(files).map_err(|mut problems| {
            for p in &mut problems {
                if let Some(PackFile {
                    origin: Origin::Override(path),
                    ..
                }) = files.get(&p.file)
                {
                    p.file = path.display().to_string();
                }
            }
            problems
        })
    }

    pub fn valkuil(&self, id: &str) -> Option<&Valkuil> {
        self.valkuilen.iter().find(|v| v.id == id)
    }

    /// Every step in flow order: phases before, routes, phases after, then
    /// the background material.
    pub fn all_steps(&self) -> impl Iterator<Item = &Step> {
        self.flow_steps().chain(
            self.background
                .iter()
                .chain(&self.exercises)
                .flat_map(|p| &p.steps),
        )
    }

    /// Every phase walked on its own (background, exercises) or before a
    /// group session: what a solo session can walk.
    pub fn solo_phases(&self) -> impl Iterator<Item = &Phase> {
        self.background
            .iter()
            .chain(&self.exercises)
            .chain(&self.group)
    }

    /// The steps of the conversation itself.
    pub fn flow_steps(&self) -> impl Iterator<Item = &Step> {
        self.followup
            .iter()
            .chain(&self.group)
            .chain(&self.before)
            .flat_map(|p| &p.steps)
            .chain(self.routes.iter().flat_map(|r| &r.steps))
            .chain(self.after.iter().flat_map(|p| &p.steps))
    }

    pub fn step(&self, id: &str) -> Option<&Step> {
        self.all_steps().find(|s| s.id == id)
    }

    pub fn step_with_role(&self, role: Role) -> Option<&Step> {
        self.all_steps().find(|s| s.role == Some(role))
    }

    /// The thinking patterns the brochure names (options of the patterns
    /// step that cite a source), without the pack's "something else".
    pub fn brochure_patterns(&self) -> Vec<&Choice> {
        self.step_with_role(Role::Patterns)
            .map(|s| s.options.iter().filter(|o| o.source.is_some()).collect())
            .unwrap_or_default()
    }
}

#[derive(Debug)]
pub enum LoadError {
    Io(String, std::io::Error),
    /// `.toml` names that are no plain file (a FIFO or device would block
    /// or never end), and files over [`files::MAX_FILE_BYTES`] (no pack
    /// needs that much): none of them read, every one named.
    Unusable {
        not_files: Vec<String>,
        too_large: Vec<String>,
    },
    Invalid(Vec<Problem>),
}

/// The interface texts of the built-in pack, used to report problems in
/// another pack (whose own texts may be the broken part).
pub fn builtin_ui(lang: &str) -> Option<UiText> {
    if let Some(pack) = stored_pack(lang) {
        return Some(pack.ui);
    }
    let files = PackFiles::builtin(lang);
    let bytes = &files.get("ui.toml")?.bytes;
    let text = std::str::from_utf8(bytes).ok()?;
    toml::from_str(text).ok()
}

/// The built-in pack as checked and stored while building, if there is one
/// for `lang` (there is none while the build script itself runs).
pub fn stored_pack(lang: &str) -> Option<Pack> {
    postcard::from_bytes(crate::stored_pack_bytes(lang)?).ok()
}

/// The languages the program carries a pack for: the folders of `content/`.
pub fn builtin_languages() -> Vec<String> {
    files::builtin_languages()
}

/// The language to use: the flag, else `LC_ALL`, else `LANG`; English when
/// the value starts with "en", Dutch otherwise (the brochure's language).
pub fn choose_language(flag: Option<&str>, lc_all: Option<&str>, lang: Option<&str>) -> String {
    if let Some(flag) = flag {
        return flag.trim().to_lowercase();
    }
    let from_env = [lc_all, lang]
        .into_iter()
        .flatten()
        .find(|v| !v.is_empty() && *v != "C" && *v != "POSIX");
    match from_env {
        Some(v) if v.to_lowercase().starts_with("en") => "en".to_string(),
        _ => "nl".to_string(),
    }
}

#[cfg(test)]
mod language_tests {
    use super::choose_language;

    #[test]
    fn flag_then_lc_all_then_lang() {
        assert_eq!(choose_language(Some("en"), Some("nl_NL.UTF-8"), None), "en");
        assert_eq!(
            choose_language(None, Some("en_GB.UTF-8"), Some("nl_NL")),
            "en"
        );
        assert_eq!(choose_language(None, None, Some("en_US.UTF-8")), "en");
        assert_eq!(choose_language(None, Some(""), Some("en_US.UTF-8")), "en");
        assert_eq!(choose_language(None, Some("C"), Some("nl_BE.UTF-8")), "nl");
        assert_eq!(choose_language(None, None, Some("de_DE.UTF-8")), "nl");
        assert_eq!(choose_language(None, None, None), "nl");
    }
}
