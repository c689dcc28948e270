//! Plain mode (`--eenvoudig` / `--plain`): everything a screen-reader user
//! needs – a conversation, practising alone, the notes and the brochure's
//! content – as numbered questions and answers, line by line: no full
//! screen, no cursor moves, and input that may come from a file. Notes are
//! saved the same way as on the full screen, after every step.

mod lines;
mod notes;
mod reading;
mod walk;

use std::io::{self, BufRead, Write};

use chrono::{DateTime, FixedOffset};

use crate::content::{Pack, fill};
use crate::notes::{Store, history};
use crate::session::Session;

use lines::{Lines, Said};

/// Where plain mode begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    Menu,
    Conversation,
    Practice,
    Notes,
    Reading,
}

/// What every part of plain mode works with.
pub struct Plain<'a> {
    pack: &'a Pack,
    lines: Lines<'a>,
    clock: &'a dyn Fn() -> DateTime<FixedOffset>,
}

/// Plain mode from `start` until the user stops or the input ends. False
/// when answers could not be saved where they belong (said, with where
/// they are instead). `settings`: the config file, when it is what asked
/// for plain mode.
pub fn run(
    pack: &Pack,
    store: &Store,
    start: Start,
    settings: Option<&std::path::Path>,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    clock: &dyn Fn() -> DateTime<FixedOffset>,
) -> io::Result<bool> {
    let t = &pack.ui.plain;
    let mut p = Plain {
        pack,
        lines: Lines::new(input, out, t),
        clock,
    };
    // The header as on screen: the title without "eenzaamheid".
    p.lines
        .say(&format!("{} – {}", pack.ui.app.title, pack.ui.app.header))?;
    p.lines.say(&t.intro)?;
    p.lines.say(&t.commands)?;
    if let Some(path) = settings {
        // Plain mode because the settings say so: where to change that.
        let path = path.display().to_string();
        p.lines.say(&fill(&t.from_settings, &[("path", &path)]))?;
    }
    match start {
        Start::Menu => menu(&mut p, store),
        Start::Conversation => conversation(&mut p, store).map(|saved| saved.unwrap_or(true)),
        Start::Practice => practice(&mut p, store).map(|saved| saved.unwrap_or(true)),
        Start::Notes => notes::browse(&mut p, store).map(|_| true),
        Start::Reading => reading::browse(&mut p).map(|_| true),
    }
}

/// The start menu: each part by its number, until `:stop` or the end.
fn menu(p: &mut Plain, store: &Store) -> io::Result<bool> {
    let t = &p.pack.ui.plain;
    loop {
        p.lines.blank()?;
        p.lines.say(&t.menu)?;
        for (i, item) in [
            &t.menu_conversation,
            &t.menu_practice,
            &t.menu_notes,
            &t.menu_reading,
        ]
        .into_iter()
        .enumerate()
        {
            p.lines.say(&format!("  {}. {item}", i + 1))?;
        }
        let choice = match p.lines.ask(&t.prompt_choice_menu)? {
            Said::Text(choice) => choice,
            Said::Back => continue,
            Said::Stop | Said::End => return Ok(true),
        };
        // Each part returns here when it is left with `:terug`; a session
        // that ends ends plain mode, as on the full screen's quit.
        match choice.as_str() {
            "1" => {
                if let Some(saved) = conversation(p, store)? {
                    return Ok(saved);
                }
            }
            "2" => {
                if let Some(saved) = practice(p, store)? {
                    return Ok(saved);
                }
            }
            "3" => {
                if !notes::browse(p, store)? {
                    return Ok(true);
                }
            }
            "4" => {
                if !reading::browse(p)? {
                    return Ok(true);
                }
            }
            "" => {}
            _ => p.lines.say(&t.invalid)?,
        }
    }
}

/// A conversation: the client's code, an open session of theirs offered
/// first, then every step. `None` when left with `:terug` before it began.
fn conversation(p: &mut Plain, store: &Store) -> io::Result<Option<bool>> {
    let pack = p.pack;
    let t = &pack.ui.plain;
    p.lines.blank()?;
    p.lines.say(&pack.ui.start.client_code_why)?;
    let code = loop {
        let code = match p
            .lines
            .ask(&format!("{}:", pack.ui.start.client_code_label))?
        {
            Said::Text(code) => code,
            Said::Back => return Ok(None),
            Said::Stop | Said::End => return Ok(Some(true)),
        };
        // A name, phone number or e-mail address is no code: said, as on
        // the full screen, and asked again unless it is meant.
        let Some(warning) = crate::ui::code_warning_text(pack, &code) else {
            break code;
        };
        p.lines.say(warning)?;
        match p.lines.ask(&t.code_anyway)? {
            Said::Text(answer) if is_yes(&answer, &t.yes) => break code,
            Said::Text(_) | Said::Back => {}
            Said::Stop | Said::End => return Ok(Some(true)),
        }
    };
    let code = (!code.is_empty()).then_some(code);
    let now = (p.clock)();
    let listing = store.list().unwrap_or_default();
    if let Some(client) = &code {
        let theirs = history::filter(&listing.sessions, Some(client));
        let open = history::open_recent(&listing.sessions, now)
            .into_iter()
            .find(|s| theirs.iter().any(|t| t.id == s.id) && !store.is_locked(&s.id))
            .map(|s| (s.id.clone(), s.started_at));
        if let Some((id, started_at)) = open {
            let when = crate::dates::day_time(started_at, pack);
            let offer = fill(&t.resume_offer, &[("client", client), ("date", &when)]);
            let yes = match p.lines.ask(&offer)? {
                Said::Text(answer) => is_yes(&answer, &t.yes),
                // Nothing begun: no new session for a question not answered.
                Said::Back => return Ok(None),
                Said::Stop | Said::End => return Ok(Some(true)),
            };
            if yes
                && let Some(lock) = store.lock(&id)?
                && let Ok(record) = store.load(&id)
            {
                let mut session = record.to_session(pack);
                session.reminders = true;
                let saved = walk::walk(p, store, &id, &mut session, "gesprek");
                lock.release();
                return saved.map(Some);
            }
        }
    }
    let previous = code.as_deref().and_then(|client| {
        history::previous_for(&listing.sessions, client)
            .and_then(|summary| store.load(&summary.id).ok())
            .map(|r| r.as_previous())
    });
    let mut session = Session::following(pack, now, code, previous);
    session.reminders = true;
    let (id, lock) = reserve(store, now)?;
    let saved = walk::walk(p, store, &id, &mut session, "gesprek");
    lock.release();
    saved.map(Some)
}

/// Practising alone: one's own thought or an exercise, saved with the
/// practice notes. `None` when left with `:terug` before it began.
fn practice(p: &mut Plain, store: &Store) -> io::Result<Option<bool>> {
    let pack = p.pack;
    let t = &pack.ui.plain;
    let store = store.inner(crate::app::PRACTICE_DIR)?;
    let first = pack.background.len();
    let exercises: Vec<(usize, &crate::content::Phase)> = pack
        .solo_phases()
        .enumerate()
        .skip(first)
        .take(pack.exercises.len())
        .collect();
    let choice = loop {
        p.lines.blank()?;
        p.lines.say(&t.practice)?;
        p.lines
            .say(&format!("  1. {}", pack.ui.modes.practice_thought))?;
        p.lines
            .say(&format!("     {}", pack.ui.modes.practice_thought_why))?;
        for (n, (_, phase)) in exercises.iter().enumerate() {
            p.lines.say(&format!("  {}. {}", n + 2, phase.title))?;
            if let Some(why) = &phase.why {
                p.lines.say(&format!("     {why}"))?;
            }
        }
        // Where to turn when it gets too much: before every choice.
        p.lines.say(&pack.ui.modes.practice_help)?;
        match p.lines.ask(&t.prompt_choice_menu)? {
            Said::Text(choice) => match choice.parse::<usize>() {
                Ok(n) if (1..=exercises.len() + 1).contains(&n) => break n,
                _ => p.lines.say(&t.invalid)?,
            },
            Said::Back => return Ok(None),
            Said::Stop | Said::End => return Ok(Some(true)),
        }
    };
    let now = (p.clock)();
    let mut session = match choice {
        1 => {
            let mut session = Session::new(pack, now, None);
            session.practise_alone(pack);
            session
        }
        n => {
            let phase = exercises.get(n - 2).map_or(first, |(i, _)| *i);
            let mut session = Session::solo(pack, now, phase);
            session.alone = true;
            session
        }
    };
    let (id, lock) = reserve(&store, now)?;
    let saved = walk::walk(p, &store, &id, &mut session, "oefenen");
    lock.release();
    saved.map(Some)
}

/// A step's tip and valkuilen, as the volunteer's screen has them.
fn tip_and_valkuilen(p: &mut Plain, step: &crate::content::Step) -> io::Result<()> {
    let s = &p.pack.ui.session;
    if let Some(tip) = &step.tip {
        p.lines.say(&format!("{}: {tip}", s.tip_label))?;
    }
    for v in step.valkuilen.iter().filter_map(|id| p.pack.valkuil(id)) {
        p.lines
            .say(&format!("{} – {}: {}", s.valkuil_label, v.title, v.text))?;
    }
    Ok(())
}

fn is_yes(answer: &str, yes: &str) -> bool {
    let answer = answer.trim().to_lowercase();
    !answer.is_empty() && yes.split(',').any(|w| w.trim() == answer)
}

/// A file name for a new session, held by this process.
fn reserve(
    store: &Store,
    now: DateTime<FixedOffset>,
) -> io::Result<(String, crate::notes::SessionLock)> {
    loop {
        let id = store.new_id(now);
        if let Some(lock) = store.lock(&id)? {
            return Ok((id, lock));
        }
    }
}
