//! Raw TOML to checked content. Every problem is collected, not just the
//! first, so a trainer can fix a pack in one go.

use std::collections::{HashMap, HashSet};

use serde::de::DeserializeOwned;
use toml::de::DeTable;

use super::keys::{self, Shape};
use super::problem::{Problem, ProblemKind};
use super::raw::{RawPack, RawSequence, RawStep, RawValkuilen, S};
use super::{
    Choice, InputKind, Pack, PackFiles, Phase, Role, Route, SCHEMA_VERSION, Source, Step, UiText,
    Valkuil,
};

const PACK_FILE: &str = "pakket.toml";
const VALKUILEN_FILE: &str = "valkuilen.toml";
const UI_FILE: &str = "ui.toml";
const PHASE_DIR: &str = "fasen/";
const ROUTE_DIR: &str = "routes/";

pub fn build(files: &PackFiles) -> Result<Pack, Vec<Problem>> {
    let mut v = Validator {
        files,
        problems: Vec::new(),
    };
    let pack = v.build();
    v.problems
        .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    match pack {
        Some(pack) if v.problems.is_empty() => Ok(pack),
        _ => Err(v.problems),
    }
}

struct Validator<'a> {
    files: &'a PackFiles,
    problems: Vec<Problem>,
}

/// A parsed file with its text, for locating later problems.
struct Parsed<'a, T> {
    file: String,
    text: &'a str,
    value: T,
}

impl<'a> Validator<'a> {
    fn build(&mut self) -> Option<Pack> {
        let raw_pack = self.parse::<RawPack>(PACK_FILE, &Shape::pack(), None);
        let valkuilen = self.parse::<RawValkuilen>(VALKUILEN_FILE, &Shape::valkuilen(), None);
        let ui = self.parse::<UiText>(UI_FILE, &ui_shape(), None);

        // Without the pack file there is no flow to follow; still report the rest.
        let raw_pack = raw_pack?;
        let pack_text = raw_pack.text;
        let rp = &raw_pack.value;
        if *rp.schema.get_ref() > SCHEMA_VERSION {
            self.at(
                PACK_FILE,
                pack_text,
                &rp.schema,
                ProblemKind::SchemaTooNew {
                    found: *rp.schema.get_ref(),
                    supported: SCHEMA_VERSION,
                },
            );
        }
        for (key, value) in [
            ("id", &rp.id),
            ("versie", &rp.versie),
            ("taal", &rp.taal),
            ("naam", &rp.naam),
            ("bron.titel", &rp.bron.titel),
            ("bron.uitgever", &rp.bron.uitgever),
            ("bron.vermelding", &rp.bron.vermelding),
            ("bron.voorwaarde", &rp.bron.voorwaarde),
        ] {
            self.non_empty(PACK_FILE, pack_text, key, value);
        }

        let valkuilen = valkuilen.map(|p| self.valkuilen(p)).unwrap_or_default();
        let known_valkuilen: HashSet<String> = valkuilen.iter().map(|v| v.id.clone()).collect();

        let mut step_ids = HashMap::new();
        let mut roles = HashSet::new();
        let mut ctx = StepContext {
            valkuilen: &known_valkuilen,
            step_ids: &mut step_ids,
            roles: &mut roles,
        };
        let before = self.phases(pack_text, &rp.verloop.voor, &mut ctx);
        let routes = self.routes(pack_text, &rp.verloop.routes, &mut ctx);
        let after = self.phases(pack_text, &rp.verloop.na, &mut ctx);
        let background = self.phases(pack_text, &rp.verloop.achtergrond, &mut ctx);
        self.unreachable(&rp.verloop);

        let ui = ui?.value;
        Some(Pack {
            id: rp.id.get_ref().clone(),
            version: rp.versie.get_ref().clone(),
            schema: *rp.schema.get_ref(),
            lang: rp.taal.get_ref().clone(),
            name: rp.naam.get_ref().clone(),
            source: Source {
                title: rp.bron.titel.get_ref().clone(),
                publisher: rp.bron.uitgever.get_ref().clone(),
                credit: rp.bron.vermelding.get_ref().clone(),
                condition: rp.bron.voorwaarde.get_ref().clone(),
            },
            before,
            routes,
            after,
            background,
            valkuilen,
            ui,
            files: self
                .files
                .files
                .iter()
                .map(|(name, f)| (name.clone(), f.origin.clone()))
                .collect(),
        })
    }

    /// Reads and deserialises one file: every syntax error, then every
    /// unknown key, then what serde finds. A missing file is reported at the
    /// reference that named it (or at 1:1 of itself).
    fn parse<T: DeserializeOwned>(
        &mut self,
        name: &str,
        shape: &Shape,
        named_at: Option<(&str, &str, &S<String>)>,
    ) -> Option<Parsed<'a, T>> {
        let Some(file) = self.files.get(name) else {
            match named_at {
                Some((file, text, reference)) => {
                    self.at(file, text, reference, ProblemKind::MissingFile(name.into()))
                }
                None => self.problems.push(Problem::new(
                    name,
                    "",
                    0,
                    ProblemKind::MissingFile(name.into()),
                )),
            }
            return None;
        };
        let text = match std::str::from_utf8(&file.bytes) {
            Ok(text) => text,
            Err(e) => {
                let valid = std::str::from_utf8(&file.bytes[..e.valid_up_to()]).unwrap_or("");
                self.problems
                    .push(Problem::new(name, valid, valid.len(), ProblemKind::NotUtf8));
                return None;
            }
        };
        if text.trim().is_empty() {
            self.problems
                .push(Problem::new(name, text, 0, ProblemKind::EmptyFile));
            return None;
        }
        let (table, errors) = DeTable::parse_recoverable(text);
        if !errors.is_empty() {
            for e in errors {
                let offset = e.span().map_or(0, |s| s.start);
                let detail = e.message().replace('\n', " ").trim().to_string();
                self.problems.push(Problem::new(
                    name,
                    text,
                    offset,
                    ProblemKind::Syntax(detail),
                ));
            }
            return None;
        }
        keys::check(table.get_ref(), shape, name, text, &mut self.problems);
        match toml::from_str::<T>(text) {
            Ok(value) => Some(Parsed {
                file: name.to_string(),
                text,
                value,
            }),
            Err(e) => {
                let offset = e.span().map_or(0, |s| s.start);
                self.problems
                    .push(Problem::new(name, text, offset, classify(e.message())));
                None
            }
        }
    }

    fn at<T>(&mut self, file: &str, text: &str, spanned: &S<T>, kind: ProblemKind) {
        self.problems
            .push(Problem::new(file, text, spanned.span().start, kind));
    }

    fn non_empty(&mut self, file: &str, text: &str, key: &str, value: &S<String>) {
        if value.get_ref().trim().is_empty() {
            self.at(file, text, value, ProblemKind::EmptyText(key.to_string()));
        }
    }

    fn valkuilen(&mut self, parsed: Parsed<'a, RawValkuilen>) -> Vec<Valkuil> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for v in &parsed.value.valkuil {
            if !seen.insert(v.id.get_ref().clone()) {
                self.at(
                    &parsed.file,
                    parsed.text,
                    &v.id,
                    ProblemKind::DuplicateId(v.id.get_ref().clone()),
                );
            }
            for (key, value) in [
                ("id", &v.id),
                ("titel", &v.titel),
                ("tekst", &v.tekst),
                ("bron", &v.bron),
            ] {
                self.non_empty(&parsed.file, parsed.text, key, value);
            }
            out.push(Valkuil {
                id: v.id.get_ref().clone(),
                title: v.titel.get_ref().clone(),
                text: v.tekst.get_ref().clone(),
                source: v.bron.get_ref().clone(),
            });
        }
        out
    }

    fn phases(
        &mut self,
        pack_text: &str,
        names: &[S<String>],
        ctx: &mut StepContext<'_>,
    ) -> Vec<Phase> {
        let mut out = Vec::new();
        for name in names {
            let file = format!("{PHASE_DIR}{}.toml", name.get_ref());
            let named_at = Some((PACK_FILE, pack_text, name));
            let Some(seq) = self.parse::<RawSequence>(&file, &Shape::sequence(), named_at) else {
                continue;
            };
            for (key, value) in [
                ("letter", &seq.value.letter),
                ("wat", &seq.value.wat),
                ("wanneer", &seq.value.wanneer),
            ] {
                if let Some(value) = value {
                    let kind = ProblemKind::RouteField(key.into());
                    self.at(&file, seq.text, value, kind);
                }
            }
            self.sequence_header(&seq, name);
            let steps = self.steps(&seq, ctx);
            out.push(Phase {
                id: seq.value.id.get_ref().clone(),
                title: seq.value.titel.get_ref().clone(),
                source: seq.value.bron.get_ref().clone(),
                steps,
            });
        }
        out
    }

    fn routes(
        &mut self,
        pack_text: &str,
        names: &[S<String>],
        ctx: &mut StepContext<'_>,
    ) -> Vec<Route> {
        let mut out = Vec::new();
        let mut letters = HashSet::new();
        for name in names {
            let file = format!("{ROUTE_DIR}{}.toml", name.get_ref());
            let named_at = Some((PACK_FILE, pack_text, name));
            let Some(seq) = self.parse::<RawSequence>(&file, &Shape::sequence(), named_at) else {
                continue;
            };
            let field = |this: &mut Self, key: &str, value: &Option<S<String>>| match value {
                Some(value) => {
                    this.non_empty(&file, seq.text, key, value);
                    value.get_ref().clone()
                }
                None => {
                    this.at(
                        &file,
                        seq.text,
                        &seq.value.id,
                        ProblemKind::RouteField(key.into()),
                    );
                    String::new()
                }
            };
            let letter = field(self, "letter", &seq.value.letter);
            let what = field(self, "wat", &seq.value.wat);
            let when = field(self, "wanneer", &seq.value.wanneer);
            if let Some(l) = &seq.value.letter
                && !letters.insert(l.get_ref().clone())
            {
                self.at(
                    &file,
                    seq.text,
                    l,
                    ProblemKind::DuplicateId(l.get_ref().clone()),
                );
            }
            self.sequence_header(&seq, name);
            let steps = self.steps(&seq, ctx);
            out.push(Route {
                id: seq.value.id.get_ref().clone(),
                letter,
                title: seq.value.titel.get_ref().clone(),
                what,
                when,
                source: seq.value.bron.get_ref().clone(),
                steps,
            });
        }
        out
    }

    fn sequence_header(&mut self, seq: &Parsed<'a, RawSequence>, name: &S<String>) {
        let v = &seq.value;
        self.non_empty(&seq.file, seq.text, "id", &v.id);
        self.non_empty(&seq.file, seq.text, "titel", &v.titel);
        self.non_empty(&seq.file, seq.text, "bron", &v.bron);
        if v.id.get_ref() != name.get_ref() {
            // The file name is how the flow refers to it; the id must agree.
            self.at(
                &seq.file,
                seq.text,
                &v.id,
                ProblemKind::UnknownReference {
                    what: "phase",
                    name: v.id.get_ref().clone(),
                },
            );
        }
        if v.stap.is_empty() {
            self.at(
                &seq.file,
                seq.text,
                &v.id,
                ProblemKind::MissingKey("stap".into()),
            );
        }
    }

    fn steps(&mut self, seq: &Parsed<'a, RawSequence>, ctx: &mut StepContext<'_>) -> Vec<Step> {
        seq.value
            .stap
            .iter()
            .map(|raw| self.step(&seq.file, seq.text, raw, ctx))
            .collect()
    }

    fn step(&mut self, file: &str, text: &str, raw: &RawStep, ctx: &mut StepContext<'_>) -> Step {
        for (key, value) in [
            ("id", &raw.id),
            ("titel", &raw.titel),
            ("vraag", &raw.vraag),
            ("bron", &raw.bron),
        ] {
            self.non_empty(file, text, key, value);
        }
        if let Some(tip) = &raw.tip {
            self.non_empty(file, text, "tip", tip);
        }
        if ctx.step_ids.insert(raw.id.get_ref().clone(), ()).is_some() {
            self.at(
                file,
                text,
                &raw.id,
                ProblemKind::DuplicateId(raw.id.get_ref().clone()),
            );
        }
        let input = match &raw.invoer {
            None => InputKind::Text,
            Some(name) => InputKind::parse(name.get_ref()).unwrap_or_else(|| {
                self.at(
                    file,
                    text,
                    name,
                    ProblemKind::UnknownInput(name.get_ref().clone()),
                );
                InputKind::Text
            }),
        };
        let role = raw
            .rol
            .as_ref()
            .and_then(|name| match Role::parse(name.get_ref()) {
                Some(role) => {
                    if !ctx.roles.insert(role) {
                        self.at(
                            file,
                            text,
                            name,
                            ProblemKind::DuplicateRole(name.get_ref().clone()),
                        );
                    }
                    Some(role)
                }
                None => {
                    self.at(
                        file,
                        text,
                        name,
                        ProblemKind::UnknownRole(name.get_ref().clone()),
                    );
                    None
                }
            });
        for v in &raw.valkuilen {
            if !ctx.valkuilen.contains(v.get_ref()) {
                self.at(
                    file,
                    text,
                    v,
                    ProblemKind::UnknownReference {
                        what: "valkuil",
                        name: v.get_ref().clone(),
                    },
                );
            }
        }
        let input_name = raw
            .invoer
            .as_ref()
            .map_or("tekst".to_string(), |n| n.get_ref().clone());
        let raw_options: Vec<_> = raw.punt.iter().chain(&raw.optie).collect();
        if input.needs_options() && raw_options.is_empty() {
            self.at(
                file,
                text,
                &raw.id,
                ProblemKind::NeedsOptions(input_name.clone()),
            );
        }
        if !input.lists_options() && !raw_options.is_empty() {
            self.at(
                file,
                text,
                &raw_options[0].id,
                ProblemKind::UnusedOptions(input_name),
            );
        }
        let mut option_ids = HashSet::new();
        let options = raw_options
            .iter()
            .map(|o| {
                if !option_ids.insert(o.id.get_ref().clone()) {
                    self.at(
                        file,
                        text,
                        &o.id,
                        ProblemKind::DuplicateId(o.id.get_ref().clone()),
                    );
                }
                self.non_empty(file, text, "id", &o.id);
                self.non_empty(file, text, "tekst", &o.tekst);
                for (key, value) in [("uitleg", &o.uitleg), ("bron", &o.bron)] {
                    if let Some(value) = value {
                        self.non_empty(file, text, key, value);
                    }
                }
                let value = o.waarde.as_ref().and_then(|w| {
                    let v = u8::try_from(*w.get_ref()).ok().filter(|v| *v <= 100);
                    if v.is_none() {
                        let detail = format!("waarde = {} (0–100)", w.get_ref());
                        self.at(file, text, w, ProblemKind::Invalid(detail));
                    }
                    v
                });
                Choice {
                    id: o.id.get_ref().clone(),
                    text: o.tekst.get_ref().clone(),
                    explanation: o.uitleg.as_ref().map(|u| u.get_ref().clone()),
                    source: o.bron.as_ref().map(|b| b.get_ref().clone()),
                    value,
                }
            })
            .collect();
        let notes_default = !matches!(
            input,
            InputKind::Checklist | InputKind::Summary | InputKind::Info
        );
        Step {
            id: raw.id.get_ref().clone(),
            title: raw.titel.get_ref().clone(),
            prompt: raw.vraag.get_ref().clone(),
            tip: raw.tip.as_ref().map(|t| t.get_ref().clone()),
            input,
            notes: raw.notitie.unwrap_or(notes_default),
            role,
            valkuilen: raw.valkuilen.iter().map(|v| v.get_ref().clone()).collect(),
            options,
            source: raw.bron.get_ref().clone(),
        }
    }

    /// Phase and route files that the flow never names.
    fn unreachable(&mut self, flow: &super::raw::RawFlow) {
        let named: HashSet<String> = flow
            .voor
            .iter()
            .chain(&flow.na)
            .chain(&flow.achtergrond)
            .map(|n| format!("{PHASE_DIR}{}.toml", n.get_ref()))
            .chain(
                flow.routes
                    .iter()
                    .map(|n| format!("{ROUTE_DIR}{}.toml", n.get_ref())),
            )
            .collect();
        let orphans: Vec<String> = self
            .files
            .names_under(PHASE_DIR)
            .chain(self.files.names_under(ROUTE_DIR))
            .filter(|n| !named.contains(*n))
            .map(str::to_string)
            .collect();
        for name in orphans {
            self.problems.push(Problem::new(
                &name,
                "",
                0,
                ProblemKind::Unreachable(name.clone()),
            ));
        }
    }
}

/// The keys `ui.toml` may have: those of the built-in Dutch file, which the
/// parity test keeps equal to every other language's.
fn ui_shape() -> Shape {
    super::PackFiles::builtin("nl")
        .get(UI_FILE)
        .and_then(|f| std::str::from_utf8(&f.bytes).ok())
        .and_then(|text| DeTable::parse(text).ok())
        .map(|table| Shape::from_document(table.get_ref()))
        .unwrap_or_default()
}

struct StepContext<'c> {
    valkuilen: &'c HashSet<String>,
    step_ids: &'c mut HashMap<String, ()>,
    roles: &'c mut HashSet<Role>,
}

/// Turns the TOML parser's English message into a problem kind; serde's
/// messages name the key between backticks.
fn classify(message: &str) -> ProblemKind {
    let quoted = || message.split('`').nth(1).unwrap_or_default().to_string();
    if message.starts_with("unknown field") {
        ProblemKind::UnknownKey {
            key: quoted(),
            suggestion: None,
        }
    } else if message.starts_with("missing field") {
        ProblemKind::MissingKey(quoted())
    } else if message.starts_with("invalid type")
        || message.starts_with("invalid value")
        || message.starts_with("invalid length")
    {
        ProblemKind::Invalid(message.lines().next().unwrap_or_default().to_string())
    } else {
        ProblemKind::Syntax(message.replace('\n', " ").trim().to_string())
    }
}
