//! The pocket card: the pack as a one-to-two-page overview for on paper, as
//! Markdown and as a self-contained HTML page that prints on A4. Generated
//! from the pack, so an edited pack gives an edited card.

use super::{InputKind, Pack, Role, Step, fill};

/// One card, independent of the output format.
struct Card<'a> {
    title: &'a str,
    intro: &'a str,
    sections: Vec<Section<'a>>,
    credit: &'a str,
    condition: &'a str,
}

struct Section<'a> {
    heading: &'a str,
    /// Sub-blocks: a route per block, or one block for a plain list.
    blocks: Vec<Block>,
}

struct Block {
    heading: Option<String>,
    lead: Option<String>,
    items: Vec<Item>,
}

struct Item {
    strong: Option<String>,
    text: String,
}

fn build(pack: &Pack) -> Card<'_> {
    let t = &pack.ui.card;
    let mut sections = Vec::new();

    let checklist = pack
        .before
        .iter()
        .flat_map(|p| &p.steps)
        .find(|s| s.input == InputKind::Checklist);
    if let Some(step) = checklist {
        sections.push(Section {
            heading: &t.basishouding,
            blocks: vec![options_block(step)],
        });
    }
    if let Some(step) = pack.step_with_role(Role::Patterns) {
        let mut block = options_block(step);
        // Only the brochure's patterns, not the pack's "something else".
        let named = pack.brochure_patterns();
        if !named.is_empty() {
            block.items.retain(|item| {
                named
                    .iter()
                    .any(|o| item.strong.as_deref() == Some(o.text.as_str()))
            });
        }
        sections.push(Section {
            heading: &t.patterns,
            blocks: vec![block],
        });
    }
    sections.push(Section {
        heading: &t.routes,
        blocks: pack
            .routes
            .iter()
            .map(|r| Block {
                heading: Some(format!("{}. {}", r.letter, r.title)),
                lead: Some(format!(
                    "{} {}: {}",
                    r.what,
                    t.when,
                    lowercase_first(&r.when)
                )),
                items: prompts(&r.steps),
            })
            .collect(),
    });
    let closing: Vec<&Step> = pack.after.iter().flat_map(|p| &p.steps).collect();
    if !closing.is_empty() {
        sections.push(Section {
            heading: &t.closing,
            blocks: vec![Block {
                heading: None,
                lead: None,
                items: prompts(closing.into_iter()),
            }],
        });
    }
    sections.push(Section {
        heading: &t.valkuilen,
        blocks: vec![Block {
            heading: None,
            lead: None,
            items: pack
                .valkuilen
                .iter()
                .map(|v| Item {
                    strong: Some(v.title.clone()),
                    text: v.text.clone(),
                })
                .collect(),
        }],
    });
    Card {
        title: &t.title,
        intro: &t.intro,
        sections,
        credit: &pack.source.credit,
        condition: &pack.source.condition,
    }
}

fn options_block(step: &Step) -> Block {
    Block {
        heading: None,
        lead: None,
        items: step
            .options
            .iter()
            .map(|o| Item {
                strong: Some(o.text.clone()),
                text: o.explanation.clone().unwrap_or_default(),
            })
            .collect(),
    }
}

/// The sentences to say, one per step (steps without notes that only read
/// back, such as a summary, are left out).
fn prompts<'a>(steps: impl IntoIterator<Item = &'a Step>) -> Vec<Item> {
    steps
        .into_iter()
        .filter(|s| s.input != InputKind::Summary)
        .map(|s| Item {
            strong: None,
            text: fill(&s.prompt, &[("gedachte", "…")]),
        })
        .collect()
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The card as Markdown; the pack's words are text, not markup (a pack
/// may come from anyone).
pub fn markdown(pack: &Pack) -> String {
    // Not `text::entities`: this module is also built into build.rs.
    let e = |text: &str| {
        printable(text)
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let card = build(pack);
    let mut out = format!("# {}\n\n{}\n", e(card.title), e(card.intro));
    for section in &card.sections {
        out.push_str(&format!("\n## {}\n", e(section.heading)));
        for block in &section.blocks {
            if let Some(h) = &block.heading {
                out.push_str(&format!("\n### {}\n", e(h)));
            }
            if let Some(lead) = &block.lead {
                out.push_str(&format!("\n{}\n", e(lead)));
            }
            out.push('\n');
            for item in &block.items {
                match (&item.strong, item.text.is_empty()) {
                    (Some(s), true) => out.push_str(&format!("- **{}**\n", e(s))),
                    (Some(s), false) => {
                        out.push_str(&format!("- **{}** – {}\n", e(s), e(&item.text)));
                    }
                    (None, _) => out.push_str(&format!("- {}\n", e(&item.text))),
                }
            }
        }
    }
    out.push_str(&format!(
        "\n---\n\n{}. {}\n",
        e(card.credit),
        e(card.condition)
    ));
    out
}

pub fn html(pack: &Pack) -> String {
    let card = build(pack);
    let mut body = format!(
        "<h1>{}</h1>\n<p class=\"intro\">{}</p>\n",
        esc(card.title),
        esc(card.intro)
    );
    for section in &card.sections {
        let class = if section.blocks.len() > 1 {
            "section routes"
        } else {
            "section"
        };
        body.push_str(&format!(
            "<section class=\"{class}\">\n<h2>{}</h2>\n",
            esc(section.heading)
        ));
        for block in &section.blocks {
            body.push_str("<div class=\"block\">\n");
            if let Some(h) = &block.heading {
                body.push_str(&format!("<h3>{}</h3>\n", esc(h)));
            }
            if let Some(lead) = &block.lead {
                body.push_str(&format!("<p class=\"lead\">{}</p>\n", esc(lead)));
            }
            body.push_str("<ul>\n");
            for item in &block.items {
                body.push_str("<li>");
                if let Some(s) = &item.strong {
                    body.push_str(&format!("<strong>{}</strong>", esc(s)));
                    if !item.text.is_empty() {
                        body.push_str(" – ");
                    }
                }
                body.push_str(&esc(&item.text));
                body.push_str("</li>\n");
            }
            body.push_str("</ul>\n</div>\n");
        }
        body.push_str("</section>\n");
    }
    body.push_str(&format!(
        "<footer>{}. {}</footer>\n",
        esc(card.credit),
        esc(card.condition)
    ));
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        lang = esc(&pack.lang),
        title = esc(card.title),
    )
}

/// Print-first styling: A4, small but readable type, routes in two columns.
const STYLE: &str = "@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: 'Segoe UI', Helvetica, Arial, sans-serif; font-size: 9.5pt; line-height: 1.3;
       color: #1a1a1a; max-width: 186mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 16pt; margin: 0 0 2mm; color: #0b4f6c; }
h2 { font-size: 11.5pt; margin: 4mm 0 1.5mm; padding-bottom: 0.5mm; border-bottom: 0.4mm solid #0b4f6c; color: #0b4f6c; }
h3 { font-size: 10pt; margin: 0 0 1mm; }
p { margin: 0 0 1.5mm; }
.intro { font-style: italic; }
.lead { color: #444; }
ul { margin: 0 0 2mm; padding-left: 4.5mm; }
li { margin: 0 0 0.8mm; }
.routes { column-count: 2; column-gap: 7mm; }
.routes h2 { column-span: all; }
.block { break-inside: avoid; }
footer { margin-top: 4mm; padding-top: 1.5mm; border-top: 0.3mm solid #999; font-size: 8pt; color: #555; }
@media print { body { padding: 0; } }
";

/// Without control characters: a card is printed and shown with `cat`, and
/// an escape sequence in a pack must not reach a terminal from it.
fn printable(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

fn esc(text: &str) -> String {
    printable(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
