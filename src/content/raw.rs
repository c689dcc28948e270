//! The pack as written in TOML, before any checks. Field names are the Dutch
//! keys a trainer types; `Spanned` keeps the byte range so problems can name
//! the line and column. Unknown keys are found by `keys.rs`, which reports
//! all of them, so serde here ignores them.

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
}

/// A phase file (`fasen/*.toml`) or a route file (`routes/*.toml`); the
/// route-only fields are checked by the validator.
#[derive(Debug, Deserialize)]
pub struct RawSequence {
    pub id: S<String>,
    pub titel: S<String>,
    pub bron: S<String>,
    pub letter: Option<S<String>>,
    pub wat: Option<S<String>>,
    pub wanneer: Option<S<String>>,
    #[serde(default)]
    pub stap: Vec<RawStep>,
}

#[derive(Debug, Deserialize)]
pub struct RawStep {
    pub id: S<String>,
    pub titel: S<String>,
    pub vraag: S<String>,
    pub tip: Option<S<String>>,
    pub bron: S<String>,
    pub invoer: Option<S<String>>,
    pub notitie: Option<bool>,
    pub rol: Option<S<String>>,
    #[serde(default)]
    pub valkuilen: Vec<S<String>>,
    #[serde(default)]
    pub optie: Vec<RawOption>,
    #[serde(default)]
    pub punt: Vec<RawOption>,
}

#[derive(Debug, Deserialize)]
pub struct RawOption {
    pub id: S<String>,
    pub tekst: S<String>,
    pub uitleg: Option<S<String>>,
    pub bron: Option<S<String>>,
    pub waarde: Option<S<i64>>,
}

#[derive(Debug, Deserialize)]
pub struct RawValkuilen {
    #[serde(default)]
    pub valkuil: Vec<RawValkuil>,
}

#[derive(Debug, Deserialize)]
pub struct RawValkuil {
    pub id: S<String>,
    pub titel: S<String>,
    pub tekst: S<String>,
    pub bron: S<String>,
}
