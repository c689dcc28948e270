//! One session in plain mode – a conversation or an exercise – step by
//! step: printed, answered, saved after every step. `:terug` goes one step
//! back, `:stop` saves and stops (the next start offers to carry on).

use std::io;

use crate::content::{InputKind, Pack, Step, fill};
use crate::notes::{SessionRecord, Store};
use crate::session::{Action, Place, Session};
use crate::ui::step::progress;
use crate::ui::summary_text;

use super::Plain;
use super::lines::Said;

/// How a walk ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Finished,
    /// `:stop`: saved, to carry on later.
    Stopped,
    /// The input ended.
    Ended,
}

/// Walks `session` (saved as `id` in `store`, under `mode`) to its end, a
/// stop or the end of the input; then saves it a last time and says where.
/// False when that last save failed (said, with where the answers are).
pub fn walk(
    p: &mut Plain,
    store: &Store,
    id: &str,
    session: &mut Session,
    mode: &str,
) -> io::Result<bool> {
    let target = Target { store, id, mode };
    let outcome = steps(p, &target, session)?;
    if outcome == Outcome::Finished {
        p.lines.blank()?;
        for line in summary_text(session, p.pack) {
            p.lines.say(&line)?;
        }
    }
    // Always a last save: the input may end right after an answer (at the
    // question for the impression), which no save has taken yet.
    let failed = save(p, &target, session)?;
    let t = &p.pack.ui.plain;
    let path = store.path_of(id).display().to_string();
    let Some(reason) = failed else {
        let said = match outcome {
            Outcome::Stopped if session.alone => fill(&t.stopped_practice, &[("path", &path)]),
            Outcome::Stopped => fill(&t.stopped, &[("path", &path)]),
            _ => fill(&t.saved, &[("path", &path)]),
        };
        p.lines.say(&said)?;
        return Ok(true);
    };
    // Never "saved in" a file that is not there: a copy elsewhere, named,
    // or the answers themselves on the screen.
    let record = record(p.pack, p.clock, &target, session);
    let copy = crate::notes::copy_path(id).and_then(|path| {
        let json = serde_json::to_vec_pretty(&record).ok()?;
        let sealed = store.writing_seal().ok()?.seal(&json).ok()?;
        crate::notes::write_atomic(&path, &sealed).ok()?;
        Some(path)
    });
    let said = fill(&t.not_saved, &[("path", &path), ("reason", &reason)]);
    p.lines.say(&said)?;
    match copy {
        Some(copy) => {
            let copy = copy.display().to_string();
            let said = fill(&t.saved_elsewhere, &[("path", &copy)]);
            p.lines.say(&said)?;
        }
        None => {
            p.lines.say(&t.nowhere)?;
            for line in summary_text(session, p.pack) {
                p.lines.say(&line)?;
            }
        }
    }
    Ok(false)
}

fn steps(p: &mut Plain, target: &Target, session: &mut Session) -> io::Result<Outcome> {
    let pack = p.pack;
    let t = &pack.ui.plain;
    // The number before each step: one more per step shown, one less per
    // step gone back.
    let mut number = 0usize;
    loop {
        save(p, target, session)?;
        let said = match session.place {
            Place::Done => return Ok(Outcome::Finished),
            Place::RouteChoice => {
                p.lines.blank()?;
                p.lines.say(&pack.ui.routes.heading)?;
                for (i, r) in pack.routes.iter().enumerate() {
                    let line = format!("  {}. {} ({}) – {}", r.letter, r.title, i + 1, r.what);
                    p.lines.say(&line)?;
                }
                match p.lines.ask(&t.prompt_route)? {
                    Said::Text(choice) => {
                        let choice = choice.to_lowercase();
                        let index = pack
                            .routes
                            .iter()
                            .position(|r| r.letter.to_lowercase() == choice)
                            .or_else(|| {
                                choice.parse::<usize>().ok().and_then(|n| n.checked_sub(1))
                            });
                        match index.filter(|i| *i < pack.routes.len()) {
                            Some(i) => {
                                session.update(pack, Action::ChooseRoute(i), (p.clock)());
                            }
                            None => p.lines.say(&t.invalid_route)?,
                        }
                        continue;
                    }
                    other => other,
                }
            }
            _ => {
                number += 1;
                step(p, target, session, number)?
            }
        };
        match said {
            Said::Text(_) => {
                session.update(pack, Action::Next, (p.clock)());
            }
            Said::Back if session.can_go_back(pack) => {
                session.update(pack, Action::Back, (p.clock)());
                number = number.saturating_sub(2);
            }
            Said::Back => {
                p.lines.say(&t.first_step)?;
                number = number.saturating_sub(1);
            }
            Said::Stop => return Ok(Outcome::Stopped),
            Said::End => return Ok(Outcome::Ended),
        }
    }
}

/// Where a session is saved.
struct Target<'a> {
    store: &'a Store,
    id: &'a str,
    mode: &'a str,
}

/// One step: printed and answered. `Said::Text` when it may be left.
fn step(p: &mut Plain, target: &Target, session: &mut Session, number: usize) -> io::Result<Said> {
    let pack = p.pack;
    let t = &pack.ui.plain;
    let alone = session.alone;
    let Some(step) = session.current_step(pack).cloned() else {
        return Ok(Said::Text(String::new()));
    };
    p.lines.blank()?;
    let title = match (&step.self_title, alone) {
        (Some(own), true) => own,
        _ => &step.title,
    };
    let heading = fill(
        &t.step,
        &[
            ("n", &number.to_string()),
            ("progress", &progress(session, pack)),
            ("title", title),
        ],
    );
    p.lines.say(&heading)?;
    if let Some(thought) = session.thought(pack).filter(|_| step.role.is_none()) {
        let line = format!("{}: “{thought}”", pack.ui.session.thought_label);
        p.lines.say(&line)?;
    }
    let thought = session.thought(pack).unwrap_or("…").to_string();
    let question = match (&step.self_prompt, alone) {
        (Some(own), true) => own,
        _ => &step.prompt,
    };
    p.lines.say(&fill(question, &[("gedachte", &thought)]))?;
    // The tips, examples and valkuilen speak to a volunteer; practising
    // alone, as on the screen, they are left out.
    if !alone {
        super::tip_and_valkuilen(p, &step)?;
    }
    for (i, o) in step.options.iter().enumerate() {
        let text = match (&o.self_text, alone) {
            (Some(own), true) => own,
            _ => &o.text,
        };
        let line = match (&o.explanation, o.value) {
            (_, Some(v)) => format!("  {}. {text} – {v}%", i + 1),
            (Some(e), None) => format!("  {}. {text} – {e}", i + 1),
            (None, None) => format!("  {}. {text}", i + 1),
        };
        p.lines.say(&line)?;
    }
    if step.input == InputKind::Summary {
        for line in summary_text(session, pack) {
            p.lines.say(&format!("  {line}"))?;
        }
    }
    if let Some(now) = given(session, &step) {
        p.lines.say(&fill(&t.given, &[("answer", &now)]))?;
    }
    let question = match step.input {
        InputKind::Checklist | InputKind::Multi => Some(&t.prompt_multi),
        InputKind::Single => Some(&t.prompt_choice),
        InputKind::Scale => Some(&t.prompt_scale),
        InputKind::Text | InputKind::Perspectives if alone => Some(&t.prompt_text_self),
        InputKind::Text | InputKind::Perspectives => Some(&t.prompt_text),
        InputKind::Summary | InputKind::Info | InputKind::Cycle => None,
    };
    if let Some(question) = question {
        loop {
            let text = matches!(step.input, InputKind::Text | InputKind::Perspectives);
            let said = if text {
                note(p, target, session, question, Action::SetText)?
            } else {
                p.lines.ask(question)?
            };
            let Said::Text(answer) = said else {
                return Ok(said);
            };
            if apply(p, session, &step, &answer) {
                break;
            }
            p.lines.say(&t.invalid)?;
        }
    }
    // The volunteer's own impression (or, alone, a note to oneself), apart
    // from the other person's words.
    if step.input == InputKind::Text && crate::session::voices(&step).len() > 1 {
        let question = if alone {
            &t.prompt_impression_self
        } else {
            &t.prompt_impression
        };
        let said = note(p, target, session, question, Action::SetImpression)?;
        if !matches!(said, Said::Text(_)) {
            return Ok(said);
        }
    }
    Ok(Said::Text(String::new()))
}

/// A note asked for and put in its place with `action`, saved after every
/// line: what reached the screen is on disk, whatever ends the process.
/// An empty answer changes nothing.
fn note(
    p: &mut Plain,
    target: &Target,
    session: &mut Session,
    question: &str,
    action: fn(String) -> Action,
) -> io::Result<Said> {
    let pack = p.pack;
    let clock = p.clock;
    let mut failed = None;
    let said = p.lines.ask_note(question, &mut |so_far| {
        session.update(pack, action(so_far.to_string()), clock());
        if let Some(reason) = store(pack, clock, target, session) {
            failed = Some(reason);
        }
        Ok(())
    })?;
    if let Some(reason) = failed {
        let said = fill(&pack.ui.plain.save_failed, &[("reason", &reason)]);
        p.lines.say(&said)?;
    }
    Ok(said)
}

/// What this step holds already (after `:terug`): Enter keeps it.
fn given(session: &Session, step: &Step) -> Option<String> {
    let answer = session.answer(&step.id)?;
    match step.input {
        InputKind::Text | InputKind::Perspectives => {
            Some(answer.text.clone()).filter(|t| !t.is_empty())
        }
        InputKind::Scale => answer.rating.map(|r| r.to_string()),
        InputKind::Checklist | InputKind::Multi | InputKind::Single => {
            let numbers: Vec<String> = step
                .options
                .iter()
                .enumerate()
                .filter(|(_, o)| answer.selected.contains(&o.id))
                .map(|(i, _)| (i + 1).to_string())
                .collect();
            (!numbers.is_empty()).then(|| numbers.join(" "))
        }
        InputKind::Summary | InputKind::Info | InputKind::Cycle => None,
    }
}

/// Applies one typed answer; false when it cannot be understood. An empty
/// answer changes nothing: nothing is invented, and what was given stays.
fn apply(p: &Plain, session: &mut Session, step: &Step, answer: &str) -> bool {
    let pack = p.pack;
    let now = (p.clock)();
    if answer.is_empty() {
        return true;
    }
    let options = step.options.len();
    let numbers = || -> Option<Vec<usize>> {
        answer
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<usize>()
                    .ok()
                    .filter(|n| (1..=options).contains(n))
            })
            .collect()
    };
    match step.input {
        InputKind::Text | InputKind::Perspectives => {
            session.update(pack, Action::SetText(answer.to_string()), now);
            true
        }
        InputKind::Checklist | InputKind::Multi | InputKind::Single => {
            let Some(picked) = numbers() else {
                return false;
            };
            if step.input == InputKind::Single && picked.len() != 1 {
                return false;
            }
            // The answer is the numbers typed: ticked what was named,
            // unticked what was not (a second answer replaces the first).
            for (i, option) in step.options.iter().enumerate() {
                let ticked = session
                    .answer(&step.id)
                    .is_some_and(|a| a.selected.contains(&option.id));
                let wanted = picked.contains(&(i + 1));
                let single_already = step.input == InputKind::Single && !wanted;
                if ticked != wanted && !single_already {
                    session.cursor = i;
                    session.update(pack, Action::Toggle, now);
                }
            }
            true
        }
        InputKind::Scale => match answer.parse::<u8>() {
            Ok(v) if v <= 100 => {
                session.update(pack, Action::ClearRating, now);
                for d in v.to_string().chars().filter_map(|c| c.to_digit(10)) {
                    let d = u8::try_from(d).unwrap_or(0);
                    session.update(pack, Action::RatingDigit(d), now);
                }
                true
            }
            _ => false,
        },
        InputKind::Summary | InputKind::Info | InputKind::Cycle => true,
    }
}

type Clock<'a> = &'a dyn Fn() -> chrono::DateTime<chrono::FixedOffset>;

fn record(pack: &Pack, clock: Clock, target: &Target, session: &Session) -> SessionRecord {
    let mut record = SessionRecord::from_session(target.id, session, pack, clock());
    record.mode = Some(target.mode.to_string());
    record
}

/// Writes the session; the reason in the user's words when that fails.
fn store(pack: &Pack, clock: Clock, target: &Target, session: &Session) -> Option<String> {
    let record = record(pack, clock, target, session);
    let failed = target.store.save(&record).err()?;
    Some(pack.ui.reasons.of(failed.kind()))
}

/// Saves; a failure is said at once, and its reason returned.
fn save(p: &mut Plain, target: &Target, session: &Session) -> io::Result<Option<String>> {
    let failed = store(p.pack, p.clock, target, session);
    if let Some(reason) = &failed {
        let said = fill(&p.pack.ui.plain.save_failed, &[("reason", reason)]);
        p.lines.say(&said)?;
    }
    Ok(failed)
}
