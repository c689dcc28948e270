//! The user's settings file, `config.toml` in the config folder: language,
//! theme, plain mode, tips at the start, the te-snel minutes and how long
//! sessions are kept. Flags and the environment override it.
//!
//! A setting that cannot be used is a warning with file:line:column and is
//! left out; the coach still starts (a volunteer beside a client must not
//! be stopped by a typo in a settings file). A file that is no TOML at all
//! is reported, not used, and never written over by the settings screen.

use std::num::NonZeroU32;
use std::path::Path;

use crate::content::{Problem, ProblemKind};

pub const FILE: &str = "config.toml";

/// No settings file is larger (a pack file has the same limit).
const MAX_BYTES: u64 = 1024 * 1024;

/// The te-snel reminder's bounds, in minutes.
pub const TOO_FAST_MINUTES: std::ops::RangeInclusive<u32> = 1..=120;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// `taal`: a language the program carries a pack for.
    pub language: Option<String>,
    /// `thema`: standaard, hoog-contrast or monochroom.
    pub theme: Option<ThemeName>,
    /// `eenvoudig`: start in plain mode.
    pub plain: Option<bool>,
    /// `tips`: tips shown when a conversation starts (false: hidden, for a
    /// screen that is turned to the client from the first minute).
    pub tips: Option<bool>,
    /// `te_snel_minuten`: the te-snel reminder, instead of the pack's.
    pub too_fast_minutes: Option<u32>,
    /// `bewaartermijn`: months to keep sessions; none means never ask.
    /// Zero is refused (it would offer every session at once).
    pub retention_months: Option<NonZeroU32>,
}

/// The themes by the names the file and `--thema` use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeName {
    Standard,
    HighContrast,
    Monochrome,
}

impl ThemeName {
    pub const ALL: [ThemeName; 3] = [
        ThemeName::Standard,
        ThemeName::HighContrast,
        ThemeName::Monochrome,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Standard => "standaard",
            ThemeName::HighContrast => "hoog-contrast",
            ThemeName::Monochrome => "monochroom",
        }
    }

    fn from_name(name: &str) -> Option<ThemeName> {
        let name = name.trim().to_lowercase();
        ThemeName::ALL.into_iter().find(|t| t.name() == name)
    }

    pub fn theme(self) -> crate::ui::Theme {
        match self {
            ThemeName::Standard => crate::ui::Theme::colour(),
            ThemeName::HighContrast => crate::ui::Theme::high_contrast(),
            ThemeName::Monochrome => crate::ui::Theme::monochrome(),
        }
    }
}

/// The settings as read, with what could not be used.
#[derive(Debug, Default)]
pub struct Loaded {
    pub config: Config,
    pub warnings: Vec<Problem>,
    /// The file is there but is no TOML (or no text): none of it is used,
    /// and the settings screen must not write over it.
    pub unreadable: bool,
}

/// Reads the config; a missing file is the default.
pub fn load(dir: &Path) -> Loaded {
    let path = dir.join(FILE);
    let name = path.display().to_string();
    // Only a plain file, and a small one: a FIFO would hang the start (even
    // of --help), a device or a huge file has no settings in it.
    let refused = |kind| Loaded {
        warnings: vec![Problem::new(&name, "", 0, kind)],
        unreadable: true,
        ..Loaded::default()
    };
    match std::fs::metadata(&path) {
        Err(_) => return Loaded::default(),
        Ok(meta) if !meta.is_file() => return refused(ProblemKind::NotAFile),
        Ok(meta) if meta.len() > MAX_BYTES => return refused(ProblemKind::TooLarge),
        Ok(_) => {}
    }
    let Ok(bytes) = std::fs::read(&path) else {
        return Loaded::default();
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Loaded {
            warnings: vec![Problem::new(&name, "", 0, ProblemKind::NotUtf8)],
            unreadable: true,
            ..Loaded::default()
        };
    };
    parse(&name, &text)
}

/// The settings in `text` (the file `name`), with a warning per setting
/// that cannot be used.
pub fn parse(name: &str, text: &str) -> Loaded {
    let doc = match toml_edit::Document::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            let offset = e.span().map_or(0, |s| s.start);
            let detail = e.message().lines().next().unwrap_or_default().to_string();
            return Loaded {
                warnings: vec![Problem::new(
                    name,
                    text,
                    offset,
                    ProblemKind::Syntax(detail),
                )],
                unreadable: true,
                ..Loaded::default()
            };
        }
    };
    let mut loaded = Loaded::default();
    let table = doc.as_table();
    for (key, item) in table.iter() {
        let at = |item: &toml_edit::Item| item.span().map_or(0, |s| s.start);
        let mut warn = |kind: ProblemKind, offset: usize| {
            loaded.warnings.push(Problem::new(name, text, offset, kind));
        };
        let Some(expected) = Key::of(key) else {
            let offset = table.key(key).and_then(|k| k.span()).map_or(0, |s| s.start);
            let suggestion = Key::ALL
                .map(Key::name)
                .into_iter()
                .filter(|k| strsim::levenshtein(k, key) <= 3)
                .min_by_key(|k| strsim::levenshtein(k, key))
                .map(str::to_string);
            warn(
                ProblemKind::UnknownKey {
                    key: key.to_string(),
                    suggestion,
                },
                offset,
            );
            continue;
        };
        let value = item.as_value();
        let used = match (expected, value) {
            (Key::Language, Some(v)) => v
                .as_str()
                .map(|s| s.trim().to_lowercase())
                .filter(|s| crate::content::builtin_languages().contains(s))
                .map(|s| loaded.config.language = Some(s)),
            (Key::Theme, Some(v)) => v
                .as_str()
                .and_then(ThemeName::from_name)
                .map(|t| loaded.config.theme = Some(t)),
            (Key::Plain, Some(v)) => v.as_bool().map(|b| loaded.config.plain = Some(b)),
            (Key::Tips, Some(v)) => v.as_bool().map(|b| loaded.config.tips = Some(b)),
            (Key::TooFast, Some(v)) => v
                .as_integer()
                .and_then(|n| u32::try_from(n).ok())
                .filter(|n| TOO_FAST_MINUTES.contains(n))
                .map(|n| loaded.config.too_fast_minutes = Some(n)),
            (Key::Retention, Some(v)) => v
                .as_integer()
                .and_then(|n| u32::try_from(n).ok())
                .and_then(NonZeroU32::new)
                .map(|n| loaded.config.retention_months = Some(n)),
            (_, None) => None,
        };
        if used.is_none() {
            warn(
                ProblemKind::Setting {
                    key: key.to_string(),
                    expected: expected.describe(),
                },
                at(item),
            );
        }
    }
    loaded
}

/// The settings `config.toml` knows: read here, listed and written by the
/// settings screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Language,
    Theme,
    Plain,
    Tips,
    TooFast,
    Retention,
}

impl Key {
    pub const ALL: [Key; 6] = [
        Key::Language,
        Key::Theme,
        Key::Plain,
        Key::Tips,
        Key::TooFast,
        Key::Retention,
    ];

    /// Its name in the file.
    pub fn name(self) -> &'static str {
        match self {
            Key::Language => "taal",
            Key::Theme => "thema",
            Key::Plain => "eenvoudig",
            Key::Tips => "tips",
            Key::TooFast => "te_snel_minuten",
            Key::Retention => "bewaartermijn",
        }
    }

    fn of(name: &str) -> Option<Key> {
        Key::ALL.into_iter().find(|k| k.name() == name)
    }

    /// What it takes, said in a warning.
    fn describe(self) -> crate::content::Expectation {
        use crate::content::Expectation as E;
        match self {
            Key::Language => E::OneOf(crate::content::builtin_languages()),
            Key::Theme => E::OneOf(ThemeName::ALL.iter().map(|t| t.name().into()).collect()),
            Key::Plain | Key::Tips => E::Bool,
            Key::TooFast => E::Number {
                min: *TOO_FAST_MINUTES.start(),
                max: Some(*TOO_FAST_MINUTES.end()),
            },
            Key::Retention => E::Number { min: 1, max: None },
        }
    }

    /// Its value in `config`, as `save` writes it.
    pub fn value_in(self, config: &Config) -> Value {
        let number = |n: Option<u32>| n.map_or(Value::Absent, Value::Number);
        let flag = |b: Option<bool>| b.map_or(Value::Absent, Value::Bool);
        match self {
            Key::Language => config.language.clone().map_or(Value::Absent, Value::Text),
            Key::Theme => config
                .theme
                .map_or(Value::Absent, |t| Value::Text(t.name().to_string())),
            Key::Plain => flag(config.plain),
            Key::Tips => flag(config.tips),
            Key::TooFast => number(config.too_fast_minutes),
            Key::Retention => number(config.retention_months.map(NonZeroU32::get)),
        }
    }
}

/// One setting's value, as `save` writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Bool(bool),
    Number(u32),
    /// The key is taken out (a setting back to "not set").
    Absent,
}

/// Writes one setting to the folder's `config.toml`, and only that one:
/// the user's comments, their other lines (also ones this version cannot
/// use, and ones another window wrote meanwhile) stay as they are. Refuses
/// (InvalidData) to write over a file that is no TOML: it is the user's,
/// and reported.
pub fn save(dir: &Path, key: Key, value: &Value) -> std::io::Result<()> {
    let key = key.name();
    use std::io::{Error, ErrorKind};
    let path = dir.join(FILE);
    let text = match std::fs::read(&path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|e| Error::new(ErrorKind::InvalidData, e))?,
        Err(e) if e.kind() == ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e| Error::new(ErrorKind::InvalidData, e))?;
    let new: Option<toml_edit::Value> = match value {
        Value::Text(t) => Some(t.as_str().into()),
        Value::Bool(b) => Some((*b).into()),
        Value::Number(n) => Some(i64::from(*n).into()),
        Value::Absent => None,
    };
    match new {
        // Keep the comment above the key, change only its value.
        Some(v) => match doc.get_mut(key).and_then(toml_edit::Item::as_value_mut) {
            Some(old) => {
                let decor = old.decor().clone();
                *old = v;
                *old.decor_mut() = decor;
            }
            None => doc[key] = toml_edit::value(v),
        },
        None => {
            doc.remove(key);
        }
    }
    crate::notes::private_dir(dir)?;
    crate::notes::write_atomic(&path, doc.to_string().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_is_read() {
        let loaded = parse(
            "config.toml",
            "taal = \"en\"\nthema = \"hoog-contrast\"\neenvoudig = true\ntips = false\n\
             te_snel_minuten = 5\nbewaartermijn = 12\n",
        );
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        let c = loaded.config;
        assert_eq!(c.language.as_deref(), Some("en"));
        assert_eq!(c.theme, Some(ThemeName::HighContrast));
        assert_eq!((c.plain, c.tips), (Some(true), Some(false)));
        assert_eq!(c.too_fast_minutes, Some(5));
        assert_eq!(c.retention_months.map(NonZeroU32::get), Some(12));
    }

    #[test]
    fn an_unknown_key_is_a_warning_with_its_place_and_the_rest_is_used() {
        let loaded = parse("config.toml", "thema = \"monochroom\"\n\nthma = \"x\"\n");
        assert!(!loaded.unreadable);
        assert_eq!(loaded.config.theme, Some(ThemeName::Monochrome));
        let [w] = loaded.warnings.as_slice() else {
            panic!("one warning: {:?}", loaded.warnings);
        };
        assert_eq!((w.line, w.column), (3, 1));
        assert!(matches!(
            &w.kind,
            ProblemKind::UnknownKey { key, suggestion: Some(s) } if key == "thma" && s == "thema"
        ));
    }

    #[test]
    fn a_value_that_cannot_be_used_is_left_out_with_a_warning() {
        let loaded = parse(
            "config.toml",
            "bewaartermijn = 0\nte_snel_minuten = 500\ntaal = \"de\"\ntips = \"ja\"\n",
        );
        assert_eq!(loaded.config, Config::default());
        let places: Vec<(usize, usize)> =
            loaded.warnings.iter().map(|w| (w.line, w.column)).collect();
        assert_eq!(places, [(1, 17), (2, 19), (3, 8), (4, 8)]);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_or_a_folder_named_config_toml_is_reported_and_never_opened() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE);
        std::fs::create_dir(&path).expect("a folder");
        let loaded = load(dir.path());
        assert!(loaded.unreadable);
        assert!(matches!(
            loaded.warnings[..],
            [Problem {
                kind: ProblemKind::NotAFile,
                ..
            }]
        ));
        std::fs::remove_dir(&path).expect("rmdir");
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        if made.is_ok_and(|s| s.success()) {
            // Opening a FIFO for reading would wait for a writer forever.
            let loaded = load(dir.path());
            assert!(matches!(
                loaded.warnings[..],
                [Problem {
                    kind: ProblemKind::NotAFile,
                    ..
                }]
            ));
        }
    }

    #[test]
    fn a_file_that_is_no_toml_is_reported_and_not_used() {
        let loaded = parse("config.toml", "thema = \"monochroom\"\n[[[\n");
        assert!(loaded.unreadable);
        assert_eq!(loaded.config, Config::default());
        assert_eq!(loaded.warnings.len(), 1);
    }

    #[test]
    fn saving_changes_one_key_and_keeps_every_other_line_and_refuses_a_broken_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE);
        std::fs::write(
            &path,
            "# mijn thema\nthema = \"standaard\"\n# te streng?\nte_snel_minuten = 500\nlater = 1\n",
        )
        .expect("write");
        save(dir.path(), Key::Theme, &Value::Text("monochroom".into())).expect("saved");
        save(dir.path(), Key::Tips, &Value::Bool(false)).expect("saved");
        let text = std::fs::read_to_string(&path).expect("read");
        assert_eq!(
            text,
            "# mijn thema\nthema = \"monochroom\"\n# te streng?\nte_snel_minuten = 500\nlater = 1\ntips = false\n"
        );
        assert_eq!(load(dir.path()).config.theme, Some(ThemeName::Monochrome));
        save(dir.path(), Key::Tips, &Value::Absent).expect("saved");
        assert!(
            !std::fs::read_to_string(&path)
                .expect("read")
                .contains("tips")
        );

        std::fs::write(&path, "[[[").expect("write");
        let refused = save(dir.path(), Key::Tips, &Value::Bool(true)).expect_err("refused");
        assert_eq!(refused.kind(), std::io::ErrorKind::InvalidData);
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "[[[");
    }
}
