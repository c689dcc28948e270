//! Exports: the volunteer's report (Markdown, HTML), the sheet the client
//! takes home (`handout.rs`: only their words, what was agreed, the date),
//! and JSON.

use std::io::{self, Write};

use crate::content::{InputKind, Pack, Role, fill};

use super::handout;
use super::record::SessionRecord;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Volunteer,
    Client,
}

/// Whether a session file is of this client (codes compare as typed,
/// case aside, as the history's filter does).
pub fn belongs_to(record: &SessionRecord, client: &str) -> bool {
    record
        .client_code
        .as_deref()
        .is_some_and(|code| super::history::same_client(code, client))
}

/// How many clients these sessions are of (a session without a code
/// counts as one of its own): a sheet for the client must be of one.
pub fn clients_in(records: &[&SessionRecord]) -> usize {
    let mut codes: Vec<Option<String>> = Vec::new();
    let mut anonymous = 0;
    for r in records {
        match &r.client_code {
            Some(code) => {
                let code = Some(code.trim().to_lowercase());
                if !codes.contains(&code) {
                    codes.push(code);
                }
            }
            None => anonymous += 1,
        }
    }
    codes.len() + anonymous
}

/// The same as a web page to print: the client's sheet on A4, or the
/// report with its headings and lists.
pub fn html(records: &[&SessionRecord], pack: &Pack, audience: Audience) -> String {
    let mut out = Vec::new();
    let records = records.iter().map(|r| (*r).clone());
    // Writing to memory fails only on a second client on a client sheet,
    // which the callers have ruled out; the text so far is what there is.
    let _ = stream(&mut out, records, pack, audience, Kind::Html);
    String::from_utf8_lossy(&out).into_owned()
}

/// What an export is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Markdown,
    Html,
    Json,
}

/// Writes an export one session at a time, so that 100,000 sessions never
/// sit in memory together; returns how many went in. Text is written
/// without control characters (a note file may hold anything). A client's
/// sheet stops with `InvalidInput` at a session of a second client.
pub fn stream(
    out: &mut dyn Write,
    records: impl Iterator<Item = SessionRecord>,
    pack: &Pack,
    audience: Audience,
    kind: Kind,
) -> io::Result<usize> {
    let t = &pack.ui.export;
    let mut put = |text: &str| out.write_all(crate::text::printable(text).as_bytes());
    let title = match audience {
        Audience::Volunteer => &t.volunteer_title,
        Audience::Client => &t.client_title,
    };
    let footer = format!(
        "\n---\n\n{}\n",
        fill(&t.footer, &[("credit", &pack.source.credit)])
    );
    match (kind, audience) {
        (Kind::Json, _) => put("[\n")?,
        (Kind::Markdown, Audience::Volunteer) => put(&format!("# {title}\n"))?,
        (Kind::Markdown, Audience::Client) => {}
        (Kind::Html, Audience::Client) => put(&handout::html_head(title, handout::CSS))?,
        (Kind::Html, Audience::Volunteer) => {
            put(&handout::html_head(title, REPORT_CSS))?;
            put(&report_body(&format!("# {title}\n")))?;
        }
    }
    let mut first_client: Option<Option<String>> = None;
    let mut count = 0;
    // The sessions in the file, named at its end, so that deleting one of
    // them can find this copy too (see `mentions`).
    let mut ids = String::new();
    for r in records {
        ids.push_str(&r.id);
        ids.push(' ');
        if audience == Audience::Client {
            let code = r.client_code.as_deref().map(|c| c.trim().to_lowercase());
            match &first_client {
                None => first_client = Some(code),
                Some(first) if *first != code || code.is_none() => {
                    return Err(io::Error::new(io::ErrorKind::InvalidInput, "two clients"));
                }
                Some(_) => {}
            }
        }
        match (kind, audience) {
            (Kind::Json, _) => {
                if count > 0 {
                    put(",\n")?;
                }
                let json = serde_json::to_string_pretty(&r).map_err(io::Error::other)?;
                put(&json)?;
            }
            (Kind::Markdown, Audience::Volunteer) => put(&session(&r, pack, audience, true))?,
            (Kind::Markdown, Audience::Client) => {
                if count > 0 {
                    put("\n---\n\n")?;
                }
                put(&handout::markdown_sheet(&handout::sheet(&r, pack)))?;
            }
            (Kind::Html, Audience::Client) => put(&handout::html_sheet(&handout::sheet(&r, pack)))?,
            (Kind::Html, Audience::Volunteer) => {
                put(&report_body(&session(&r, pack, audience, false)))?
            }
        }
        count += 1;
    }
    let marker = format!("\n{MARKER}{ids}-->\n");
    match (kind, audience) {
        // JSON names every session in its records already.
        (Kind::Json, _) => put("\n]\n")?,
        (Kind::Markdown, Audience::Volunteer) => {
            put(&footer)?;
            put(&marker)?;
        }
        (Kind::Markdown, Audience::Client) => put(&marker)?,
        (Kind::Html, Audience::Client) => {
            put(&marker)?;
            put(handout::HTML_FOOT)?;
        }
        (Kind::Html, Audience::Volunteer) => {
            put(&report_body(&footer))?;
            put(&marker)?;
            put(handout::HTML_FOOT)?;
        }
    }
    Ok(count)
}

/// The comment that names an export's sessions (invisible in a viewer).
const MARKER: &str = "<!-- denkcoach-sessies: ";

/// Whether an export (its text) holds one of these sessions: by the
/// comment that names them, or – in JSON – by a record's id.
pub fn mentions(text: &str, ids: &[String]) -> bool {
    // JSON names its records by id; a marker in it can only be part of a
    // note's text (Markdown and HTML end with theirs, after every note).
    let json = text.trim_start().starts_with('[');
    if !json && let Some(at) = text.rfind(MARKER) {
        let named = &text[at + MARKER.len()..];
        let named = named.split("-->").next().unwrap_or_default();
        return named
            .split_whitespace()
            .any(|n| ids.iter().any(|id| id == n));
    }
    ids.iter()
        .any(|id| text.contains(&format!("\"id\": {}", serde_json::Value::from(id.as_str()))))
}

const REPORT_CSS: &str = "@page { size: A4; margin: 18mm; }
body { font-family: sans-serif; font-size: 11pt; line-height: 1.4; }
p { margin: 0 0 4pt; }
";

/// Part of the report's Markdown (the few shapes `markdown` writes) as HTML.
fn report_body(markdown: &str) -> String {
    let mut body = String::new();
    let mut in_list = false;
    for line in markdown.lines() {
        let text = line.trim_end();
        let item = text.strip_prefix("- ");
        if in_list && item.is_none() {
            body.push_str("</ul>\n");
            in_list = false;
        }
        if let Some(item) = item {
            if !in_list {
                body.push_str("<ul>\n");
                in_list = true;
            }
            body.push_str(&format!("<li>{}</li>\n", inline(item)));
        } else if let Some(h) = text.strip_prefix("### ") {
            body.push_str(&format!("<h3>{}</h3>\n", handout::esc(h)));
        } else if let Some(h) = text.strip_prefix("## ") {
            body.push_str(&format!("<h2>{}</h2>\n", handout::esc(h)));
        } else if let Some(h) = text.strip_prefix("# ") {
            body.push_str(&format!("<h1>{}</h1>\n", handout::esc(h)));
        } else if text == "---" {
            body.push_str("<hr>\n");
        } else if !text.is_empty() {
            let br = if line.ends_with("  ") { "<br>" } else { "" };
            body.push_str(&format!("<p>{}{br}</p>\n", inline(text)));
        }
    }
    if in_list {
        body.push_str("</ul>\n");
    }
    body
}

/// `*emphasis*` around a whole line (the prompts and the impression label).
fn inline(text: &str) -> String {
    match text.strip_prefix('*').and_then(|t| t.strip_suffix('*')) {
        Some(inner) if !inner.is_empty() => format!("<em>{}</em>", handout::esc(inner)),
        _ => handout::esc(text),
    }
}

/// The sessions as a JSON array that reads back with serde.
pub fn json(records: &[&SessionRecord]) -> serde_json::Result<String> {
    serde_json::to_string_pretty(records)
}

/// The client's sheet (one per session) or the volunteer's full report.
pub fn markdown(records: &[&SessionRecord], pack: &Pack, audience: Audience) -> String {
    let mut out = Vec::new();
    let records = records.iter().map(|r| (*r).clone());
    // Writing to memory fails only on a second client on a client sheet,
    // which the callers have ruled out; the text so far is what there is.
    let _ = stream(&mut out, records, pack, audience, Kind::Markdown);
    String::from_utf8_lossy(&out).into_owned()
}

/// One session as Markdown. `md`: the text is the file itself, so every
/// word from a note or the pack is escaped as Markdown text; otherwise it
/// goes on to `report_body`, which escapes it as HTML.
fn session(r: &SessionRecord, pack: &Pack, audience: Audience, md: bool) -> String {
    let e = |text: &str| {
        if md {
            crate::text::entities(text)
        } else {
            text.to_string()
        }
    };
    let quote_lines = |text: &str| {
        if md {
            quote_lines(&crate::text::markdown(text))
        } else {
            quote_lines(text)
        }
    };
    let t = &pack.ui.export;
    let s = &pack.ui.session;
    let date = crate::dates::day_time(r.started_at, pack);
    let mut out = format!("\n## {}\n\n", fill(&t.session, &[("date", &date)]));
    if audience == Audience::Volunteer {
        let status = if r.is_finished() {
            &t.status_finished
        } else {
            &t.status_open
        };
        let client = e(r.client_code.as_deref().unwrap_or("–"));
        out.push_str(&format!("- {}: {client} ({status})\n", t.client));
    }
    if let Some(p) = &r.previous {
        let when = crate::dates::day(p.started_at, pack);
        out.push_str(&format!("- {}", fill(&s.previous, &[("date", &when)])));
        if let Some(step) = &p.next_step {
            out.push_str(&format!(": {} – {}", s.previous_step, e(step)));
        }
        out.push('\n');
    }
    if let Some(thought) = &r.thought {
        out.push_str(&format!(
            "- {}: “{}”\n",
            s.thought_label,
            e(&one_line(thought))
        ));
    }
    if audience == Audience::Volunteer {
        for (role, label, ids) in [
            (Role::Patterns, &s.summary_patterns, r.patterns.clone()),
            (
                Role::Recognised,
                &s.summary_recognised,
                r.recognised.clone().into_iter().collect(),
            ),
        ] {
            let names = option_texts(pack, role, &ids);
            if !names.is_empty() {
                out.push_str(&format!("- {label}: {}\n", e(&names.join(", "))));
            }
        }
    }
    if r.belief_before.is_some() || r.belief_after.is_some() {
        let show = |v: Option<u8>| v.map_or("–".to_string(), |v| v.to_string());
        out.push_str(&format!(
            "- {}\n",
            fill(
                &s.summary_belief,
                &[
                    ("before", &show(r.belief_before)),
                    ("after", &show(r.belief_after))
                ]
            )
        ));
    }
    let route_names: Vec<String> = r
        .routes
        .iter()
        .map(|id| match pack.routes.iter().find(|x| x.id == *id) {
            Some(route) => format!("{}. {}", route.letter, route.title),
            None => id.clone(),
        })
        .collect();
    if !route_names.is_empty() {
        out.push_str(&format!(
            "- {}: {}\n",
            s.summary_routes,
            e(&route_names.join(", "))
        ));
    }
    // The answers, in the pack's order; steps the pack no longer has last.
    let mut shown = std::collections::HashSet::new();
    // An exercise done alone: its own steps first.
    let exercise: &[crate::content::Step] = r
        .exercise
        .as_deref()
        .and_then(|id| pack.solo_phases().find(|p| p.id == id))
        .map(|p| p.steps.as_slice())
        .unwrap_or_default();
    for step in exercise.iter().chain(pack.flow_steps()) {
        let Some(answer) = r.answers.get(&step.id) else {
            continue;
        };
        shown.insert(step.id.as_str());
        // The volunteer's own impression is theirs alone.
        let impression = match audience {
            Audience::Volunteer => answer.impression.trim(),
            Audience::Client => "",
        };
        let label = &pack.ui.session.impression_label;
        // The thought and the ratings are in the lines above; only an
        // impression of them is left to say.
        if matches!(step.role, Some(Role::Thought)) || step.input == InputKind::Scale {
            if !impression.is_empty() {
                out.push_str(&format!(
                    "\n### {}\n\n*{label}:*  \n{}\n",
                    e(&step.title),
                    quote_lines(impression)
                ));
            }
            continue;
        }
        // The client's copy holds what was said, not the volunteer's labels.
        if audience == Audience::Client && step.input != InputKind::Text {
            continue;
        }
        let text = answer.text.trim();
        let chosen = step.option_texts(&answer.selected);
        // Everyone's perspective in a group, each under its number.
        let perspectives: Vec<String> = answer
            .perspectives
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.trim().is_empty())
            .map(|(i, p)| {
                let who = fill(&pack.ui.modes.participant, &[("n", &(i + 1).to_string())]);
                format!("*{who}:*  \n{}\n", quote_lines(p.trim()))
            })
            .collect();
        if text.is_empty() && impression.is_empty() && chosen.is_empty() && perspectives.is_empty()
        {
            continue;
        }
        out.push_str(&format!("\n### {}\n\n", e(&step.title)));
        if audience == Audience::Client {
            out.push_str(&format!(
                "*{}*\n\n",
                fill(&step.prompt, &[("gedachte", "…")])
            ));
        }
        if !chosen.is_empty() {
            out.push_str(&format!("{}\n\n", e(&chosen.join(", "))));
        }
        if !text.is_empty() {
            out.push_str(&format!("{}\n", quote_lines(text)));
        }
        for p in &perspectives {
            out.push_str(&format!("\n{p}"));
        }
        if !impression.is_empty() {
            out.push_str(&format!("\n*{label}:*  \n{}\n", quote_lines(impression)));
        }
    }
    for (id, answer) in &r.answers {
        // Steps the pack no longer has: their words, and (for the volunteer)
        // the impression, under the raw id.
        if audience == Audience::Volunteer
            && !shown.contains(id.as_str())
            && !answer.impression.trim().is_empty()
        {
            let label = &pack.ui.session.impression_label;
            out.push_str(&format!(
                "\n### {}\n\n*{label}:*  \n{}\n",
                e(id),
                quote_lines(answer.impression.trim())
            ));
        }
        if !shown.contains(id.as_str()) && !answer.text.trim().is_empty() {
            out.push_str(&format!(
                "\n### {}\n\n{}\n",
                e(id),
                quote_lines(answer.text.trim())
            ));
        }
    }
    out
}

fn option_texts(pack: &Pack, role: Role, ids: &[String]) -> Vec<String> {
    let step = pack.step_with_role(role);
    ids.iter()
        .map(|id| {
            step.and_then(|s| s.options.iter().find(|o| o.id == *id))
                .map_or(id.clone(), |o| o.text.clone())
        })
        .collect()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Keeps the client's line breaks in Markdown (two spaces before a newline).
fn quote_lines(text: &str) -> String {
    text.lines().collect::<Vec<_>>().join("  \n")
}
