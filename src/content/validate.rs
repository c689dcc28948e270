//! Raw TOML to checked content. Every problem is collected, not just the
//! first, so a trainer can fix a pack in one go.

use std::collections::HashSet;
use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::de::DeTable;

use super::keys::{self, Shape};
use super::problem::{Problem, ProblemKind};
use super::raw::{RawExamples, RawOption, RawPack, RawSequence, RawStep, RawValkuilen, S};
use super::{
    Chapter, Choice, Example, InputKind, Pack, PackFiles, Phase, Role, Route, SCHEMA_VERSION,
    Signals, Source, Step, UiText, Valkuil,
};

const PACK_FILE: &str = "pakket.toml";
const VALKUILEN_FILE: &str = "valkuilen.toml";
const UI_FILE: &str = "ui.toml";
const EXAMPLES_FILE: &str = "voorbeelden.toml";
const PHASE_DIR: &str = "fasen/";
const ROUTE_DIR: &str = "routes/";

pub fn build(files: &PackFiles) -> Result<Pack, Vec<Problem>> {
    let mut v = Validator {
        files,
        problems: Vec::new(),
    };
    let pack = v.build();
    // "vragen" instead of "vraag" is one mistake: the unknown key with its
    // suggestion says it all, so the missing "vraag" is not listed again.
    let suggested: HashSet<(String, String)> = v
        .problems
        .iter()
        .filter_map(|p| match &p.kind {
            ProblemKind::UnknownKey {
                suggestion: Some(s),
                ..
            } => Some((p.file.clone(), s.clone())),
            _ => None,
        })
        .collect();
    v.problems.retain(|p| match &p.kind {
        ProblemKind::MissingKey(key) => !suggested.contains(&(p.file.clone(), key.clone())),
        _ => true,
    });
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

        let mut step_ids = HashSet::new();
        let mut roles = HashSet::new();
        let mut ctx = StepContext {
            valkuilen: &known_valkuilen,
            step_ids: &mut step_ids,
            roles: &mut roles,
        };
        let followup = self.phases(pack_text, &rp.verloop.vervolg, &mut ctx);
        let before = self.phases(pack_text, &rp.verloop.voor, &mut ctx);
        let routes = self.routes(pack_text, &rp.verloop.routes, &mut ctx);
        let after = self.phases(pack_text, &rp.verloop.na, &mut ctx);
        let background = self.phases(pack_text, &rp.verloop.achtergrond, &mut ctx);
        let group = self.phases(pack_text, &rp.verloop.groep, &mut ctx);
        let exercises = self.phases(pack_text, &rp.verloop.oefeningen, &mut ctx);
        self.unreachable(&rp.verloop);
        let demo = self.chapters(
            pack_text,
            &rp.verloop.demo,
            &before,
            &background,
            &exercises,
            &group,
        );
        let option_ids = |role: Role| -> HashSet<String> {
            before
                .iter()
                .chain(&after)
                .flat_map(|p| &p.steps)
                .filter(|s| s.role == Some(role))
                .flat_map(|s| s.options.iter().map(|o| o.id.clone()))
                .collect()
        };
        let recognised_ids = option_ids(Role::Recognised);
        for id in &rp.signalen.herkend {
            if !recognised_ids.contains(id.get_ref()) {
                let kind = ProblemKind::UnknownReference {
                    what: "option",
                    name: id.get_ref().clone(),
                };
                self.at(PACK_FILE, pack_text, id, kind);
            }
        }
        let signals = Signals {
            too_fast_minutes: rp.signalen.te_snel_minuten,
            recognised: rp
                .signalen
                .herkend
                .iter()
                .map(|h| h.get_ref().clone())
                .collect(),
            labelling_words: rp
                .signalen
                .stempel_woorden
                .iter()
                .map(|w| w.trim().to_lowercase())
                .filter(|w| !w.is_empty())
                .collect(),
        };
        let examples = self.examples(&option_ids(Role::Patterns));

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
            followup,
            before,
            routes,
            after,
            background,
            group,
            exercises,
            signals,
            examples,
            valkuilen,
            demo,
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

    /// A required text: reported when missing (at the table that lacks it)
    /// or empty; checking goes on either way.
    fn required(
        &mut self,
        file: &str,
        text: &str,
        table: &Range<usize>,
        key: &str,
        value: &Option<S<String>>,
    ) -> S<String> {
        match value {
            Some(value) => {
                self.non_empty(file, text, key, value);
                value.clone()
            }
            None => {
                self.problems.push(Problem::new(
                    file,
                    text,
                    table.start,
                    ProblemKind::MissingKey(key.to_string()),
                ));
                S::new(table.clone(), String::new())
            }
        }
    }

    /// A required `id` that must not occur twice among `seen`.
    fn unique_id(
        &mut self,
        file: &str,
        text: &str,
        table: &Range<usize>,
        value: &Option<S<String>>,
        seen: &mut HashSet<String>,
    ) -> S<String> {
        let id = self.required(file, text, table, "id", value);
        if !id.get_ref().is_empty() && !seen.insert(id.get_ref().clone()) {
            self.at(
                file,
                text,
                &id,
                ProblemKind::DuplicateId(id.get_ref().clone()),
            );
        }
        id
    }

    fn optional(&mut self, file: &str, text: &str, key: &str, value: &Option<S<String>>) {
        if let Some(value) = value {
            self.non_empty(file, text, key, value);
        }
    }

    /// The example thoughts, each with a pattern the pack knows. The file
    /// is optional: a pack without it has no cases and no exercise.
    fn examples(&mut self, patterns: &HashSet<String>) -> Vec<Example> {
        if self.files.get(EXAMPLES_FILE).is_none() {
            return Vec::new();
        }
        let Some(parsed) = self.parse::<RawExamples>(EXAMPLES_FILE, &Shape::examples(), None)
        else {
            return Vec::new();
        };
        let (file, text) = (parsed.file.as_str(), parsed.text);
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for e in &parsed.value.voorbeeld {
            let span = e.span();
            let e = e.get_ref();
            let id = self.unique_id(file, text, &span, &e.id, &mut seen);
            let thought = self.required(file, text, &span, "gedachte", &e.gedachte);
            let pattern = self.required(file, text, &span, "patroon", &e.patroon);
            for p in std::iter::once(&pattern).chain(&e.ook) {
                if !p.get_ref().is_empty() && !patterns.contains(p.get_ref()) {
                    let kind = ProblemKind::UnknownReference {
                        what: "option",
                        name: p.get_ref().clone(),
                    };
                    self.at(file, text, p, kind);
                }
            }
            let explanation = self.required(file, text, &span, "uitleg", &e.uitleg);
            let source = self.required(file, text, &span, "bron", &e.bron);
            out.push(Example {
                id: id.into_inner(),
                thought: thought.into_inner(),
                pattern: pattern.into_inner(),
                also: e.ook.iter().map(|p| p.get_ref().clone()).collect(),
                explanation: explanation.into_inner(),
                from_brochure: e.brochure,
                source: source.into_inner(),
            });
        }
        out
    }

    fn valkuilen(&mut self, parsed: Parsed<'a, RawValkuilen>) -> Vec<Valkuil> {
        let (file, text) = (parsed.file.as_str(), parsed.text);
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for v in &parsed.value.valkuil {
            let span = v.span();
            let v = v.get_ref();
            let id = self.unique_id(file, text, &span, &v.id, &mut seen);
            let title = self.required(file, text, &span, "titel", &v.titel);
            let body = self.required(file, text, &span, "tekst", &v.tekst);
            let source = self.required(file, text, &span, "bron", &v.bron);
            out.push(Valkuil {
                id: id.into_inner(),
                title: title.into_inner(),
                text: body.into_inner(),
                source: source.into_inner(),
            });
        }
        out
    }

    /// The header every phase and route file has: id (equal to the name the
    /// flow uses), titel, bron, and at least one step.
    fn header(&mut self, seq: &Parsed<'a, RawSequence>, name: &S<String>) -> [String; 3] {
        let (file, text) = (seq.file.as_str(), seq.text);
        let start = 0..0;
        let v = &seq.value;
        let id = self.required(file, text, &start, "id", &v.id);
        let title = self.required(file, text, &start, "titel", &v.titel);
        let source = self.required(file, text, &start, "bron", &v.bron);
        if !id.get_ref().is_empty() && id.get_ref() != name.get_ref() {
            // The file name is how the flow refers to it; the id must agree.
            self.at(
                file,
                text,
                &id,
                ProblemKind::UnknownReference {
                    what: "phase",
                    name: id.get_ref().clone(),
                },
            );
        }
        if v.stap.is_empty() {
            self.at(file, text, &id, ProblemKind::MissingKey("stap".into()));
        }
        [id.into_inner(), title.into_inner(), source.into_inner()]
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
            let [id, title, source] = self.header(&seq, name);
            self.optional(&file, seq.text, "waarom", &seq.value.waarom);
            let why = seq.value.waarom.as_ref().map(|w| w.get_ref().clone());
            let steps = self.steps(&seq, ctx);
            out.push(Phase {
                id,
                title,
                source,
                why,
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
                    let kind = ProblemKind::RouteField(key.into());
                    this.problems.push(Problem::new(&file, seq.text, 0, kind));
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
            let [id, title, source] = self.header(&seq, name);
            let steps = self.steps(&seq, ctx);
            out.push(Route {
                id,
                letter,
                title,
                what,
                when,
                source,
                steps,
            });
        }
        out
    }

    fn steps(&mut self, seq: &Parsed<'a, RawSequence>, ctx: &mut StepContext<'_>) -> Vec<Step> {
        seq.value
            .stap
            .iter()
            .map(|raw| self.step(&seq.file, seq.text, raw, ctx))
            .collect()
    }

    fn step(
        &mut self,
        file: &str,
        text: &str,
        spanned: &S<RawStep>,
        ctx: &mut StepContext<'_>,
    ) -> Step {
        let span = spanned.span();
        let raw = spanned.get_ref();
        let id = self.unique_id(file, text, &span, &raw.id, ctx.step_ids);
        let title = self.required(file, text, &span, "titel", &raw.titel);
        let prompt = self.required(file, text, &span, "vraag", &raw.vraag);
        // A step is from the brochure (and says where) or is an addition
        // (and cites nothing).
        let addition = raw.toevoeging.as_ref().is_some_and(|t| *t.get_ref());
        let source = if addition {
            if let Some(bron) = &raw.bron {
                // Names only keys: the sentence around it is the pack's.
                let detail = "toevoeging = true + bron".to_string();
                self.at(file, text, bron, ProblemKind::Invalid(detail));
            }
            None
        } else {
            Some(
                self.required(file, text, &span, "bron", &raw.bron)
                    .into_inner(),
            )
        };
        self.optional(file, text, "tip", &raw.tip);
        self.optional(file, text, "vraag_zelf", &raw.vraag_zelf);
        self.optional(file, text, "titel_zelf", &raw.titel_zelf);
        for example in &raw.voorbeeld {
            self.non_empty(file, text, "voorbeeld", example);
        }
        let input = match &raw.invoer {
            None => InputKind::Text,
            Some(name) => InputKind::parse(name.get_ref()).unwrap_or_else(|| {
                let kind = ProblemKind::UnknownInput(name.get_ref().clone());
                self.at(file, text, name, kind);
                InputKind::Text
            }),
        };
        let role = raw
            .rol
            .as_ref()
            .and_then(|name| match Role::parse(name.get_ref()) {
                Some(role) => {
                    if !ctx.roles.insert(role) {
                        let kind = ProblemKind::DuplicateRole(name.get_ref().clone());
                        self.at(file, text, name, kind);
                    }
                    Some(role)
                }
                None => {
                    let kind = ProblemKind::UnknownRole(name.get_ref().clone());
                    self.at(file, text, name, kind);
                    None
                }
            });
        for v in &raw.valkuilen {
            if !ctx.valkuilen.contains(v.get_ref()) {
                let kind = ProblemKind::UnknownReference {
                    what: "valkuil",
                    name: v.get_ref().clone(),
                };
                self.at(file, text, v, kind);
            }
        }
        let input_name = raw
            .invoer
            .as_ref()
            .map_or("tekst".to_string(), |n| n.get_ref().clone());
        let raw_options: Vec<&S<RawOption>> = raw.punt.iter().chain(&raw.optie).collect();
        if input.needs_options() && raw_options.is_empty() {
            let kind = ProblemKind::NeedsOptions(input_name.clone());
            self.problems
                .push(Problem::new(file, text, span.start, kind));
        }
        if let Some(first) = raw_options.first()
            && !input.lists_options()
        {
            let kind = ProblemKind::UnusedOptions(input_name);
            self.problems
                .push(Problem::new(file, text, first.span().start, kind));
        }
        let mut option_ids = HashSet::new();
        let options = raw_options
            .iter()
            .map(|o| self.option(file, text, o, &mut option_ids, ctx.step_ids))
            .collect();
        let notes_default = !matches!(
            input,
            InputKind::Checklist | InputKind::Summary | InputKind::Info | InputKind::Cycle
        );
        Step {
            id: id.into_inner(),
            title: title.into_inner(),
            prompt: prompt.into_inner(),
            self_prompt: raw.vraag_zelf.as_ref().map(|p| p.get_ref().clone()),
            self_title: raw.titel_zelf.as_ref().map(|t| t.get_ref().clone()),
            tip: raw.tip.as_ref().map(|t| t.get_ref().clone()),
            examples: raw.voorbeeld.iter().map(|e| e.get_ref().clone()).collect(),
            input,
            notes: raw.notitie.unwrap_or(notes_default),
            group_only: raw.groep.unwrap_or(false),
            conversation_only: raw.gesprek.unwrap_or(false),
            minutes: raw.minuten.as_ref().and_then(|m| {
                let minutes = *m.get_ref();
                if (1..=120).contains(&minutes) {
                    return Some(minutes);
                }
                let detail = "minuten: 1–120".to_string();
                self.at(file, text, m, ProblemKind::Invalid(detail));
                None
            }),
            role,
            valkuilen: raw.valkuilen.iter().map(|v| v.get_ref().clone()).collect(),
            options,
            source,
        }
    }

    fn option(
        &mut self,
        file: &str,
        text: &str,
        spanned: &S<RawOption>,
        seen: &mut HashSet<String>,
        earlier_steps: &HashSet<String>,
    ) -> Choice {
        let span = spanned.span();
        let o = spanned.get_ref();
        let id = self.unique_id(file, text, &span, &o.id, seen);
        let label = self.required(file, text, &span, "tekst", &o.tekst);
        self.optional(file, text, "uitleg", &o.uitleg);
        self.optional(file, text, "bron", &o.bron);
        let value = o.waarde.as_ref().and_then(|w| {
            let v = u8::try_from(*w.get_ref()).ok().filter(|v| *v <= 100);
            if v.is_none() {
                let detail = format!("waarde = {} (0–100)", w.get_ref());
                self.at(file, text, w, ProblemKind::Invalid(detail));
            }
            v
        });
        // Back only to a step that comes before (or is) this one.
        if let Some(to) = &o.terug
            && !earlier_steps.contains(to.get_ref())
        {
            let kind = ProblemKind::UnknownReference {
                what: "stap",
                name: to.get_ref().clone(),
            };
            self.at(file, text, to, kind);
        }
        Choice {
            id: id.into_inner(),
            text: label.into_inner(),
            self_text: o.tekst_zelf.as_ref().map(|t| t.get_ref().clone()),
            explanation: o.uitleg.as_ref().map(|u| u.get_ref().clone()),
            source: o.bron.as_ref().map(|b| b.get_ref().clone()),
            value,
            back_to: o.terug.as_ref().map(|t| t.get_ref().clone()),
        }
    }

    /// The demo's chapters: phase ids, `routes` and `casussen`; without
    /// the key, background, the opening phases, the routes, group work and
    /// the cases.
    fn chapters(
        &mut self,
        pack_text: &str,
        names: &[S<String>],
        before: &[Phase],
        background: &[Phase],
        exercises: &[Phase],
        group: &[Phase],
    ) -> Vec<Chapter> {
        let solo: Vec<&Phase> = background.iter().chain(exercises).chain(group).collect();
        if names.is_empty() {
            let background = (0..background.len()).map(Chapter::Solo);
            let group_start = background.len() + exercises.len();
            return background
                .chain((0..before.len()).map(Chapter::Before))
                .chain([Chapter::Routes])
                .chain((group_start..group_start + group.len()).map(Chapter::Solo))
                .chain([Chapter::Cases])
                .collect();
        }
        let mut out = Vec::new();
        for name in names {
            let id = name.get_ref().as_str();
            let chapter = match id {
                "routes" => Some(Chapter::Routes),
                "casussen" => Some(Chapter::Cases),
                _ => before
                    .iter()
                    .position(|p| p.id == id)
                    .map(Chapter::Before)
                    .or_else(|| solo.iter().position(|p| p.id == id).map(Chapter::Solo)),
            };
            match chapter {
                Some(c) => out.push(c),
                None => {
                    let kind = ProblemKind::UnknownReference {
                        what: "phase",
                        name: id.to_string(),
                    };
                    self.at(PACK_FILE, pack_text, name, kind);
                }
            }
        }
        out
    }

    /// Phase and route files that the flow never names.
    fn unreachable(&mut self, flow: &super::raw::RawFlow) {
        let named: HashSet<String> = flow
            .voor
            .iter()
            .chain(&flow.na)
            .chain(&flow.achtergrond)
            .chain(&flow.vervolg)
            .chain(&flow.groep)
            .chain(&flow.oefeningen)
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
    step_ids: &'c mut HashSet<String>,
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
