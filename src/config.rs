//! The user's settings file, `config.toml` in the config folder. Today it
//! holds one setting: `bewaartermijn`, the months after which the start
//! menu offers to delete old sessions.

use std::path::Path;

use serde::Deserialize;

use crate::content::Problem;
use crate::content::ProblemKind;

#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Months to keep sessions; none means: never ask. Zero is refused
    /// when the file is read (it would offer every session at once).
    pub bewaartermijn: Option<std::num::NonZeroU32>,
}

pub const FILE: &str = "config.toml";

/// Reads the config; a missing file is the default, a broken one a problem
/// with its place.
pub fn load(dir: &Path) -> Result<Config, Problem> {
    let path = dir.join(FILE);
    let name = path.display().to_string();
    let text = match std::fs::read(&path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => return Err(Problem::new(&name, "", 0, ProblemKind::NotUtf8)),
        },
        Err(_) => return Ok(Config::default()),
    };
    toml::from_str(&text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let message = e.message().lines().next().unwrap_or_default().to_string();
        Problem::new(&name, &text, offset, ProblemKind::Invalid(message))
    })
}
