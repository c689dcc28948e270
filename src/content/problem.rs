//! A problem found in a content pack, with the place it was found.

use std::fmt;

use super::ui_text::ErrorTexts;

/// One problem, always with file, line and column (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// TOML that does not parse; the parser's own detail is kept.
    Syntax(String),
    UnknownKey {
        key: String,
        suggestion: Option<String>,
    },
    EmptyFile,
    MissingKey(String),
    /// A value of the wrong type or form, with the parser's detail.
    Invalid(String),
    DuplicateId(String),
    UnknownReference {
        what: &'static str,
        name: String,
    },
    Unreachable(String),
    EmptyText(String),
    SchemaTooNew {
        found: u32,
        supported: u32,
    },
    MissingFile(String),
    NotUtf8,
    UnknownInput(String),
    UnknownRole(String),
    DuplicateRole(String),
    NeedsOptions(String),
    UnusedOptions(String),
    RouteField(String),
    /// No plain file (a folder, device or FIFO): not opened.
    NotAFile,
    /// Over 1 MiB: not read.
    TooLarge,
    /// A setting in `config.toml` that cannot be used: left out.
    Setting {
        key: String,
        expected: Expectation,
    },
}

/// What a setting takes, said in the pack's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expectation {
    Bool,
    Number { min: u32, max: Option<u32> },
    OneOf(Vec<String>),
}

impl Problem {
    pub fn new(file: &str, text: &str, offset: usize, kind: ProblemKind) -> Self {
        let (line, column) = line_col(text, offset);
        Problem {
            file: file.to_string(),
            line,
            column,
            kind,
        }
    }

    /// The message in the language of `texts`, as `file:line:column: message`.
    pub fn render(&self, texts: &ErrorTexts) -> String {
        let message = match &self.kind {
            ProblemKind::Syntax(detail) => fill(&texts.syntax, &[("detail", detail)]),
            ProblemKind::UnknownKey {
                key,
                suggestion: None,
            } => fill(&texts.unknown_key, &[("key", key)]),
            ProblemKind::UnknownKey {
                key,
                suggestion: Some(s),
            } => fill(&texts.unknown_key_hint, &[("key", key), ("suggestion", s)]),
            ProblemKind::EmptyFile => texts.empty_file.clone(),
            ProblemKind::MissingKey(key) => fill(&texts.missing_key, &[("key", key)]),
            ProblemKind::Invalid(detail) => fill(&texts.invalid, &[("detail", detail)]),
            ProblemKind::DuplicateId(id) => fill(&texts.duplicate_id, &[("id", id)]),
            ProblemKind::UnknownReference { what, name } => {
                let what = match *what {
                    "valkuil" => texts.what_valkuil.as_str(),
                    "route" => texts.what_route.as_str(),
                    "option" => texts.what_option.as_str(),
                    _ => texts.what_phase.as_str(),
                };
                fill(&texts.unknown_reference, &[("what", what), ("name", name)])
            }
            ProblemKind::Unreachable(name) => fill(&texts.unreachable, &[("name", name)]),
            ProblemKind::EmptyText(key) => fill(&texts.empty_text, &[("key", key)]),
            ProblemKind::SchemaTooNew { found, supported } => fill(
                &texts.schema_too_new,
                &[
                    ("found", &found.to_string()),
                    ("supported", &supported.to_string()),
                ],
            ),
            ProblemKind::MissingFile(name) => fill(&texts.missing_file, &[("name", name)]),
            ProblemKind::NotUtf8 => texts.not_utf8.clone(),
            ProblemKind::UnknownInput(name) => fill(&texts.unknown_input, &[("name", name)]),
            ProblemKind::UnknownRole(name) => fill(&texts.unknown_role, &[("name", name)]),
            ProblemKind::DuplicateRole(name) => fill(&texts.duplicate_role, &[("name", name)]),
            ProblemKind::NeedsOptions(name) => fill(&texts.needs_options, &[("name", name)]),
            ProblemKind::UnusedOptions(name) => fill(&texts.unused_options, &[("name", name)]),
            ProblemKind::RouteField(key) => fill(&texts.route_field, &[("key", key)]),
            ProblemKind::NotAFile => texts.not_a_file.clone(),
            ProblemKind::TooLarge => texts.too_large.clone(),
            ProblemKind::Setting { key, expected } => {
                let expected = match expected {
                    Expectation::Bool => texts.expected_bool.clone(),
                    Expectation::Number {
                        min,
                        max: Some(max),
                    } => fill(
                        &texts.expected_range,
                        &[("min", &min.to_string()), ("max", &max.to_string())],
                    ),
                    Expectation::Number { min, max: None } => {
                        fill(&texts.expected_from, &[("min", &min.to_string())])
                    }
                    Expectation::OneOf(values) => values.join(", "),
                };
                fill(
                    &texts.setting_ignored,
                    &[("key", key), ("expected", &expected)],
                )
            }
        };
        format!("{}:{}:{}: {}", self.file, self.line, self.column, message)
    }
}

impl fmt::Display for Problem {
    /// Without texts at hand (tests, logs): the place and the kind.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {:?}",
            self.file, self.line, self.column, self.kind
        )
    }
}

/// Replaces `{name}` placeholders in a text from the pack. `{name:one|many}`
/// is the word for that number ("1 sessie", "2 sessies"), so each pack
/// writes its own plurals. A placeholder without a value stays as it is.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    // One pass: a value that holds a `{…}` of its own (a client's words)
    // is never filled in again.
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let inner = &after[..close];
        match substitute(inner, values) {
            Some(value) => out.push_str(value),
            None => {
                out.push('{');
                out.push_str(inner);
                out.push('}');
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

fn substitute<'a>(inner: &'a str, values: &[(&str, &'a str)]) -> Option<&'a str> {
    let value = |name: &str| values.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    match inner.split_once(':') {
        Some((name, forms)) => {
            let (one, many) = forms.split_once('|')?;
            Some(if value(name)?.trim() == "1" {
                one
            } else {
                many
            })
        }
        None => value(inner),
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_names_each_value_once_and_counts_plurals() {
        let t = "{count} {count:sessie|sessies} van {client}";
        assert_eq!(
            fill(t, &[("count", "1"), ("client", "K7")]),
            "1 sessie van K7"
        );
        assert_eq!(
            fill(t, &[("count", "0"), ("client", "K7")]),
            "0 sessies van K7"
        );
        assert_eq!(
            fill(t, &[("count", "12"), ("client", "K7")]),
            "12 sessies van K7"
        );
        // A value is not filled in again, an unknown name stays.
        assert_eq!(
            fill("{thought} {x}", &[("thought", "{x} en {thought}")]),
            "{x} en {thought} {x}"
        );
        assert_eq!(fill("open {", &[]), "open {");
    }

    #[test]
    fn line_col_counts_from_one_and_in_characters() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        // "bé" is three bytes; the '=' after it is the fourth character.
        assert_eq!(line_col(text, 10), (2, 4));
        // An offset inside a character counts from that character.
        assert_eq!(line_col(text, 8), (2, 2));
    }

    #[test]
    fn fill_replaces_every_placeholder() {
        assert_eq!(
            fill("{a} en {b}, {a}", &[("a", "x"), ("b", "y")]),
            "x en y, x"
        );
    }
}
