//! Finds every unknown key in a pack file, with its place and the closest
//! known key as a suggestion. Serde stops at the first problem; a trainer
//! fixing typos wants them all at once.

use std::collections::BTreeMap;

use toml::de::{DeTable, DeValue};

use super::problem::{Problem, ProblemKind};

/// The keys a table may have; a key without children is a plain value.
/// Arrays of tables share one shape for all their elements.
#[derive(Debug, Clone, Default)]
pub struct Shape {
    children: BTreeMap<String, Shape>,
}

impl Shape {
    fn leaf() -> Self {
        Shape::default()
    }

    fn of(entries: &[(&str, Shape)]) -> Self {
        Shape {
            children: entries
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        }
    }

    fn leaves(keys: &[&str]) -> Self {
        Shape::of(&keys.iter().map(|k| (*k, Shape::leaf())).collect::<Vec<_>>())
    }

    pub fn pack() -> Self {
        Shape::of(&[
            ("schema", Shape::leaf()),
            ("id", Shape::leaf()),
            ("versie", Shape::leaf()),
            ("taal", Shape::leaf()),
            ("naam", Shape::leaf()),
            (
                "bron",
                Shape::leaves(&["titel", "uitgever", "vermelding", "voorwaarde"]),
            ),
            (
                "verloop",
                Shape::leaves(&[
                    "vervolg",
                    "voor",
                    "routes",
                    "na",
                    "achtergrond",
                    "groep",
                    "oefeningen",
                    "demo",
                ]),
            ),
            (
                "signalen",
                Shape::leaves(&["te_snel_minuten", "herkend", "stempel_woorden"]),
            ),
        ])
    }

    pub fn sequence() -> Self {
        let option = Shape::leaves(&[
            "id",
            "tekst",
            "tekst_zelf",
            "uitleg",
            "bron",
            "waarde",
            "terug",
        ]);
        let step = Shape::of(&[
            ("id", Shape::leaf()),
            ("titel", Shape::leaf()),
            ("vraag", Shape::leaf()),
            ("vraag_zelf", Shape::leaf()),
            ("titel_zelf", Shape::leaf()),
            ("tip", Shape::leaf()),
            ("voorbeeld", Shape::leaf()),
            ("bron", Shape::leaf()),
            ("invoer", Shape::leaf()),
            ("notitie", Shape::leaf()),
            ("minuten", Shape::leaf()),
            ("groep", Shape::leaf()),
            ("gesprek", Shape::leaf()),
            ("toevoeging", Shape::leaf()),
            ("rol", Shape::leaf()),
            ("valkuilen", Shape::leaf()),
            ("optie", option.clone()),
            ("punt", option),
        ]);
        Shape::of(&[
            ("id", Shape::leaf()),
            ("titel", Shape::leaf()),
            ("bron", Shape::leaf()),
            ("letter", Shape::leaf()),
            ("wat", Shape::leaf()),
            ("wanneer", Shape::leaf()),
            ("waarom", Shape::leaf()),
            ("stap", step),
        ])
    }

    pub fn examples() -> Self {
        Shape::of(&[(
            "voorbeeld",
            Shape::leaves(&[
                "id", "gedachte", "patroon", "ook", "uitleg", "bron", "brochure",
            ]),
        )])
    }

    pub fn valkuilen() -> Self {
        Shape::of(&[("valkuil", Shape::leaves(&["id", "titel", "tekst", "bron"]))])
    }

    /// The shape of a reference document, such as the built-in `ui.toml`.
    pub fn from_document(table: &DeTable) -> Self {
        let mut shape = Shape::default();
        for (key, value) in table.iter() {
            shape.children.insert(
                key.get_ref().to_string(),
                Shape::from_value(value.get_ref()),
            );
        }
        shape
    }

    fn from_value(value: &DeValue) -> Self {
        match value {
            DeValue::Table(t) => Shape::from_document(t),
            DeValue::Array(items) => {
                let mut shape = Shape::default();
                for item in items.iter() {
                    if let DeValue::Table(t) = item.get_ref() {
                        shape.children.extend(Shape::from_document(t).children);
                    }
                }
                shape
            }
            _ => Shape::leaf(),
        }
    }
}

/// Reports every key in `table` that `shape` does not know.
pub fn check(table: &DeTable, shape: &Shape, file: &str, text: &str, out: &mut Vec<Problem>) {
    for (key, value) in table.iter() {
        let name = key.get_ref();
        match shape.children.get(name.as_ref()) {
            Some(child) => check_value(value.get_ref(), child, file, text, out),
            None => {
                let suggestion = closest(name, shape.children.keys());
                out.push(Problem::new(
                    file,
                    text,
                    key.span().start,
                    ProblemKind::UnknownKey {
                        key: name.to_string(),
                        suggestion,
                    },
                ));
            }
        }
    }
}

fn check_value(value: &DeValue, shape: &Shape, file: &str, text: &str, out: &mut Vec<Problem>) {
    if shape.children.is_empty() {
        return;
    }
    match value {
        DeValue::Table(t) => check(t, shape, file, text, out),
        DeValue::Array(items) => {
            for item in items.iter() {
                check_value(item.get_ref(), shape, file, text, out);
            }
        }
        _ => {}
    }
}

/// The known key most like `name`, if it is close enough to be a typo.
fn closest<'a>(name: &str, known: impl Iterator<Item = &'a String>) -> Option<String> {
    known
        .map(|k| (strsim::jaro_winkler(name, k), k))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str, shape: &Shape) -> Vec<Problem> {
        let (table, errors) = DeTable::parse_recoverable(text);
        assert!(errors.is_empty());
        let mut out = Vec::new();
        check(table.get_ref(), shape, "f.toml", text, &mut out);
        out.sort_by_key(|p| (p.line, p.column));
        out
    }

    #[test]
    fn every_unknown_key_is_reported_with_a_suggestion() {
        let text = "id = \"x\"\ntitle = \"y\"\nbron = \"z\"\n\n[[stap]]\nid = \"a\"\nvragen = \"?\"\n\n[[stap]]\nid = \"b\"\nfoo = 1\n";
        let found = problems(text, &Shape::sequence());
        let summary: Vec<(usize, ProblemKind)> =
            found.into_iter().map(|p| (p.line, p.kind)).collect();
        assert_eq!(
            summary,
            vec![
                (
                    2,
                    ProblemKind::UnknownKey {
                        key: "title".into(),
                        suggestion: Some("titel".into())
                    }
                ),
                (
                    7,
                    ProblemKind::UnknownKey {
                        key: "vragen".into(),
                        suggestion: Some("vraag".into())
                    }
                ),
                (
                    11,
                    ProblemKind::UnknownKey {
                        key: "foo".into(),
                        suggestion: None
                    }
                ),
            ]
        );
    }
}
