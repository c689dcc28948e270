//! The brochure's content in plain mode, as the demo's index has it:
//! chapter by chapter, each step with its question, tip and valkuil, each
//! case with what it shows. Nothing is saved.

use std::io;

use crate::ui::menu::{MenuItem, demo_chapters};

use super::Plain;
use super::lines::Said;

/// The chapters, until `:terug` (true) or `:stop` and the end of the input
/// (false).
pub fn browse(p: &mut Plain) -> io::Result<bool> {
    let pack = p.pack;
    let t = &pack.ui.plain;
    let chapters = demo_chapters(pack);
    loop {
        p.lines.blank()?;
        p.lines.say(&t.reading)?;
        for (number, title, _) in &chapters {
            p.lines.say(&format!("  {number}. {title}"))?;
        }
        let answer = match p.lines.ask(&t.prompt_choice_menu)? {
            Said::Text(answer) => answer,
            Said::Back => return Ok(true),
            Said::Stop | Said::End => return Ok(false),
        };
        let chapter = answer
            .parse::<usize>()
            .ok()
            .and_then(|n| chapters.iter().find(|(number, _, _)| *number == n));
        match chapter {
            Some((number, title, items)) => {
                p.lines.blank()?;
                p.lines.say(&format!("{number}. {title}"))?;
                for item in items {
                    read(p, item)?;
                }
            }
            None if answer.is_empty() => {}
            None => p.lines.say(&t.invalid)?,
        }
    }
}

fn read(p: &mut Plain, item: &MenuItem) -> io::Result<()> {
    let pack = p.pack;
    match item {
        MenuItem::Step(place) => {
            let Some(step) = place.step(pack, &[]) else {
                return Ok(());
            };
            p.lines.blank()?;
            let route = match place {
                crate::session::Place::Route { route, step: 0 } => pack.routes.get(*route),
                _ => None,
            };
            if let Some(r) = route {
                p.lines
                    .say(&format!("{}. {} – {}", r.letter, r.title, r.what))?;
            }
            p.lines.say(&format!("– {}", step.title))?;
            p.lines
                .say(&crate::content::fill(&step.prompt, &[("gedachte", "…")]))?;
            super::tip_and_valkuilen(p, step)?;
            for (i, o) in step.options.iter().enumerate() {
                let line = match &o.explanation {
                    Some(e) => format!("  {}. {} – {e}", i + 1, o.text),
                    None => format!("  {}. {}", i + 1, o.text),
                };
                p.lines.say(&line)?;
            }
            match &step.source {
                Some(source) => p.lines.say(&format!("({source})"))?,
                None => p
                    .lines
                    .say(&format!("({})", pack.ui.session.source_addition))?,
            }
        }
        MenuItem::Case(i) => {
            if let Some(example) = pack.examples.get(*i) {
                p.lines.blank()?;
                p.lines.say(&format!("„{}”", example.thought))?;
                p.lines.say(&example.explanation)?;
            }
        }
        _ => {}
    }
    Ok(())
}
