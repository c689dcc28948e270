//! The sheet a client takes home: only their own words, what was agreed and
//! the date, in plain language – no route letters, no pattern names, no
//! brochure title, nothing the volunteer noted for themselves. As Markdown
//! and as a print-ready A4 HTML page.

use crate::content::{InputKind, Pack, Role};

use super::record::SessionRecord;

/// What goes on one client's sheet for one session.
pub struct Sheet {
    pub title: String,
    pub date: String,
    pub thought: Option<(String, String)>,
    /// Question and answer, in the other person's words.
    pub told: Vec<(String, String)>,
    pub next_step: Option<(String, String)>,
    pub closing: String,
    pub credit: String,
}

/// The sheet of one session. The impressions, the patterns, the ratings
/// and the routes are the volunteer's and stay out.
pub fn sheet(record: &SessionRecord, pack: &Pack) -> Sheet {
    let t = &pack.ui.export;
    let words_of = |role: Role| {
        pack.step_with_role(role)
            .and_then(|s| record.answers.get(&s.id))
            .map(|a| a.text.trim().to_string())
            .filter(|w| !w.is_empty())
    };
    let thought = words_of(Role::Thought)
        .or_else(|| record.thought.clone())
        .map(|w| (t.client_thought.clone(), w));
    let next_step = words_of(Role::NextStep)
        .or_else(|| record.next_step.clone())
        .map(|w| (t.client_next.clone(), w));
    let told = pack
        .flow_steps()
        .filter(|s| s.input == InputKind::Text && s.role.is_none())
        .filter_map(|s| {
            let words = record.answers.get(&s.id)?.text.trim();
            (!words.is_empty()).then(|| (s.title.clone(), words.to_string()))
        })
        .collect();
    Sheet {
        title: t.client_title.clone(),
        date: long_date(record, pack),
        thought,
        told,
        next_step,
        closing: t.client_closing.clone(),
        credit: pack.source.credit.clone(),
    }
}

/// "29 november 2026", with the pack's month names.
fn long_date(record: &SessionRecord, pack: &Pack) -> String {
    date_in_words(record.started_at, pack)
}

/// A day as "29 november 2026", with the pack's month names.
pub fn date_in_words(d: chrono::DateTime<chrono::FixedOffset>, pack: &Pack) -> String {
    crate::dates::day(d, pack)
}

/// One sheet in Markdown (sheets are separated by a rule).
pub fn markdown_sheet(s: &Sheet) -> String {
    let mut out = String::new();
    {
        out.push_str(&format!("# {}\n\n{}\n", s.title, s.date));
        let sections = s.thought.iter().chain(&s.told).chain(&s.next_step);
        for (heading, words) in sections {
            out.push_str(&format!("\n## {heading}\n\n{}\n", md_lines(words)));
        }
        out.push_str(&format!("\n{}\n", s.closing));
        out.push_str(&format!("\n<small>{}</small>\n", s.credit));
    }
    out
}

/// The client's words as Markdown text, not markup (`text::markdown`),
/// line breaks kept (two spaces before a newline).
fn md_lines(text: &str) -> String {
    crate::text::markdown(text)
        .lines()
        .collect::<Vec<_>>()
        .join("  \n")
}

/// The page: `html_head` with `CSS`, one `html_sheet` a session (a page
/// of its own when printed), `HTML_FOOT` – written by `export::stream`.
/// The page's start, up to `<body>`.
pub fn html_head(title: &str, css: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{}</title>\n<style>\n{css}</style>\n</head>\n<body>\n",
        esc(title)
    )
}

pub const HTML_FOOT: &str = "</body>\n</html>\n";

/// One sheet: a page of its own when printed.
pub fn html_sheet(s: &Sheet) -> String {
    let mut body = String::new();
    {
        body.push_str("<section class=\"sheet\">\n");
        body.push_str(&format!(
            "<h1>{}</h1>\n<p class=\"date\">{}</p>\n",
            esc(&s.title),
            esc(&s.date)
        ));
        let sections = s.thought.iter().chain(&s.told).chain(&s.next_step);
        for (heading, words) in sections {
            body.push_str(&format!(
                "<h2>{}</h2>\n<p>{}</p>\n",
                esc(heading),
                html_lines(words)
            ));
        }
        body.push_str(&format!(
            "<p class=\"closing\">{}</p>\n<p class=\"credit\">{}</p>\n</section>\n",
            esc(&s.closing),
            esc(&s.credit)
        ));
    }
    body
}

pub const CSS: &str = "@page { size: A4; margin: 15mm 18mm; }
body { font-family: Georgia, 'Times New Roman', serif; font-size: 12.5pt; line-height: 1.35;
  color: #111; margin: 0; overflow-wrap: anywhere; }
.sheet { break-after: page; page-break-after: always; }
.sheet:last-child { break-after: auto; page-break-after: auto; }
h1 { font-size: 20pt; font-weight: normal; margin: 0 0 2pt; }
.date { color: #444; margin: 0 0 10pt; }
h2 { font-size: 12.5pt; margin: 8pt 0 1pt; }
p { margin: 0 0 3pt; }
.closing { margin-top: 12pt; font-style: italic; }
.credit { margin-top: 14pt; font-size: 8pt; color: #555; }
";

fn html_lines(text: &str) -> String {
    text.lines().map(esc).collect::<Vec<_>>().join("<br>\n")
}

pub(super) fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
