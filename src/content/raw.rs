//! The pack as written in TOML, before any checks. Field names are the Dutch
//! keys a trainer types; `Spanned` keeps the byte range so problems can name
//! the line and column. Unknown keys are found by `keys.rs`, which reports
//! all of them, so serde here ignores them. Required texts are `Option`s
//! too: a missing one is reported by the validator, which then goes on to
//! check the rest of the file instead of stopping at the first gap.

use serde::Deserialize;
use toml::Spanned;

pub type S<T> = Spanned<T>;

#[derive(Debug, Deserialize)]
pub struct RawPack {
    pub schema: S<u32>,
    pub id: S<String>,
    pub versie: S<String>,
    pub taal: S<String>,
    pub naam: S<String>,
    pub bron: RawSource,
    pub verloop: RawFlow,
    #[serde(default)]
    pub signalen: RawSignals,
}

/// When the valkuil reminders appear during a conversation.
#[derive(Debug, Default, Deserialize)]
pub struct RawSignals {
    pub te_snel_minuten: Option<u32>,
    #[serde(default)]
    pub herkend: Vec<S<String>>,
    #[serde(default)]
    pub stempel_woorden: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct RawExamples {
    #[serde(default)]
    pub voorbeeld: Vec<S<RawExample>>,
}

#[derive(Debug, Deserialize)]
pub struct RawExample {
    pub id: Option<S<String>>,
    pub gedachte: Option<S<String>>,
    pub patroon: Option<S<String>>,
    /// Other patterns that are defensible too.
    #[serde(default)]
    pub ook: Vec<S<String>>,
    pub uitleg: Option<S<String>>,
    pub bron: Option<S<String>>,
    #[serde(default)]
    pub brochure: bool,
}

#[derive(Debug, Deserialize)]
pub struct RawSource {
    pub titel: S<String>,
    pub uitgever: S<String>,
    pub vermelding: S<String>,
    pub voorwaarde: S<String>,
}

#[derive(Debug, Deserialize)]
pub struct RawFlow {
    pub voor: Vec<S<String>>,
    pub routes: Vec<S<String>>,
    pub na: Vec<S<String>>,
    /// Background material (introduction, infographic, group work): shown
    /// outside the conversation.
    #[serde(default)]
    pub achtergrond: Vec<S<String>>,
    /// Phases that open a session when the client had an earlier one.
    #[serde(default)]
    pub vervolg: Vec<S<String>>,
    /// Phases that open a group session.
    #[serde(default)]
    pub groep: Vec<S<String>>,
    /// Exercises to do alone.
    #[serde(default)]
    pub oefeningen: Vec<S<String>>,
    /// The chapters of the demo's index: phase ids, `routes`, `casussen`.
    #[serde(default)]
    pub demo: Vec<S<String>>,
}

/// A phase file (`fasen/*.toml`) or a route file (`routes/*.toml`); the
/// route-only fields are checked by the validator.
#[derive(Debug, Deserialize)]
pub struct RawSequence {
    pub id: Option<S<String>>,
    pub titel: Option<S<String>>,
    pub bron: Option<S<String>>,
    pub letter: Option<S<String>>,
    pub wat: Option<S<String>>,
    pub wanneer: Option<S<String>>,
    /// Why an exercise helps, in one line (a phase done alone).
    pub waarom: Option<S<String>>,
    #[serde(default)]
    pub stap: Vec<S<RawStep>>,
}

#[derive(Debug, Deserialize)]
pub struct RawStep {
    pub id: Option<S<String>>,
    pub titel: Option<S<String>>,
    pub vraag: Option<S<String>>,
    /// The question addressed to someone practising on their own thoughts.
    pub vraag_zelf: Option<S<String>>,
    /// The title, practising alone.
    pub titel_zelf: Option<S<String>>,
    pub tip: Option<S<String>>,
    /// Worked examples for the volunteer, shown with the tip.
    #[serde(default)]
    pub voorbeeld: Vec<S<String>>,
    pub bron: Option<S<String>>,
    pub invoer: Option<S<String>>,
    pub notitie: Option<bool>,
    /// Only in a group conversation (everyone's perspective).
    pub groep: Option<bool>,
    /// Only beside another person: passed over when practising alone.
    pub gesprek: Option<bool>,
    /// A quiet countdown of this many minutes while the step is open.
    pub minuten: Option<S<u32>>,
    /// Not from the brochure: then no `bron`.
    pub toevoeging: Option<S<bool>>,
    pub rol: Option<S<String>>,
    #[serde(default)]
    pub valkuilen: Vec<S<String>>,
    #[serde(default)]
    pub optie: Vec<S<RawOption>>,
    #[serde(default)]
    pub punt: Vec<S<RawOption>>,
}

#[derive(Debug, Deserialize)]
pub struct RawOption {
    pub id: Option<S<String>>,
    pub tekst: Option<S<String>>,
    /// The option's words, practising alone.
    pub tekst_zelf: Option<S<String>>,
    pub uitleg: Option<S<String>>,
    pub bron: Option<S<String>>,
    pub waarde: Option<S<i64>>,
    /// The id of an earlier step to go back to when this option is chosen.
    pub terug: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
pub struct RawValkuilen {
    #[serde(default)]
    pub valkuil: Vec<S<RawValkuil>>,
}

#[derive(Debug, Deserialize)]
pub struct RawValkuil {
    pub id: Option<S<String>>,
    pub titel: Option<S<String>>,
    pub tekst: Option<S<String>>,
    pub bron: Option<S<String>>,
}
