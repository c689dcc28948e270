//! Plain mode (`--eenvoudig` / `--plain`): the same flow as numbered
//! questions and answers, line by line – no full screen, no cursor moves –
//! for screen readers and for input piped from a file. Notes are saved the
//! same way, after every step.

use std::io::{self, BufRead, Write};

use chrono::{DateTime, FixedOffset};

use crate::content::{InputKind, Pack, fill};
use crate::notes::{SessionRecord, Store};
use crate::session::{Action, Place, Session};
use crate::ui::step::progress;
use crate::ui::summary_text;

pub fn run(
    pack: &Pack,
    store: &Store,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    clock: &dyn Fn() -> DateTime<FixedOffset>,
) -> io::Result<bool> {
    let t = &pack.ui.plain;
    let now = clock();
    // The header as on screen: the title without "eenzaamheid".
    writeln!(out, "{} – {}", pack.ui.app.title, pack.ui.app.header)?;
    writeln!(out, "{}", t.intro)?;
    writeln!(out)?;
    writeln!(out, "{}", pack.ui.start.client_code_why)?;
    write!(out, "{}: ", pack.ui.start.client_code_label)?;
    out.flush()?;
    let Some(code) = read_line(input)? else {
        return Ok(true);
    };
    let code = code.trim().to_string();
    let mut session = Session::new(pack, now, (!code.is_empty()).then_some(code));
    let (id, _lock) = reserve(store, now)?;
    let mut number = 0;
    // The last save that failed, and why: said at once, and at the end.
    let mut failed: Option<String>;
    loop {
        failed = save(store, &id, &session, pack, clock(), out)?;
        match session.place {
            Place::Done => break,
            Place::RouteChoice => {
                writeln!(out)?;
                writeln!(out, "{}", pack.ui.routes.heading)?;
                for (i, r) in pack.routes.iter().enumerate() {
                    writeln!(out, "  {}. {} ({}) – {}", r.letter, r.title, i + 1, r.what)?;
                }
                let Some(choice) = ask(out, input, &t.prompt_route)? else {
                    break;
                };
                let choice = choice.trim().to_lowercase();
                let index = pack
                    .routes
                    .iter()
                    .position(|r| r.letter.to_lowercase() == choice)
                    .or_else(|| choice.parse::<usize>().ok().and_then(|n| n.checked_sub(1)));
                match index.filter(|i| *i < pack.routes.len()) {
                    Some(i) => {
                        session.update(pack, Action::ChooseRoute(i), clock());
                    }
                    None => writeln!(out, "{}", t.invalid)?,
                }
            }
            _ => {
                number += 1;
                if !step(pack, &mut session, number, input, out, clock)? {
                    break;
                }
            }
        }
    }
    if session.is_finished() {
        writeln!(out)?;
        for line in summary_text(&session, pack) {
            writeln!(out, "{line}")?;
        }
    }
    // Always a last save: the input may end right after an answer (at the
    // question for the impression), which no save has taken yet.
    let _ = failed;
    let failed = save(store, &id, &session, pack, clock(), out)?;
    let saved = failed.is_none();
    match failed {
        None => writeln!(
            out,
            "{}",
            fill(
                &t.saved,
                &[("path", &store.path_of(&id).display().to_string())]
            )
        )?,
        // Never "saved in" a file that is not there: a copy elsewhere,
        // named, or the answers themselves on the screen.
        Some(reason) => {
            let record = SessionRecord::from_session(&id, &session, pack, clock());
            let copy = crate::notes::copy_path(&id).and_then(|path| {
                let json = serde_json::to_vec_pretty(&record).ok()?;
                let sealed = store.writing_seal().ok()?.seal(&json).ok()?;
                crate::notes::write_atomic(&path, &sealed).ok()?;
                Some(path)
            });
            let path = store.path_of(&id).display().to_string();
            let said = fill(&t.not_saved, &[("path", &path), ("reason", &reason)]);
            writeln!(out, "{said}")?;
            match copy {
                Some(copy) => {
                    let copy = copy.display().to_string();
                    writeln!(out, "{}", fill(&t.saved_elsewhere, &[("path", &copy)]))?;
                }
                None => {
                    writeln!(out, "{}", t.nowhere)?;
                    for line in summary_text(&session, pack) {
                        writeln!(out, "{line}")?;
                    }
                }
            }
        }
    }
    Ok(saved)
}

/// One step: printed, answered, and moved on from. False at end of input.
fn step(
    pack: &Pack,
    session: &mut Session,
    number: usize,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    clock: &dyn Fn() -> DateTime<FixedOffset>,
) -> io::Result<bool> {
    let t = &pack.ui.plain;
    let Some(step) = session.current_step(pack).cloned() else {
        return Ok(true);
    };
    writeln!(out)?;
    let heading = fill(
        &t.step,
        &[
            ("n", &number.to_string()),
            ("progress", &progress(session, pack)),
            ("title", &step.title),
        ],
    );
    writeln!(out, "{heading}")?;
    if let Some(thought) = session.thought(pack).filter(|_| step.role.is_none()) {
        writeln!(out, "{}: “{thought}”", pack.ui.session.thought_label)?;
    }
    let thought = session.thought(pack).unwrap_or("…").to_string();
    writeln!(out, "{}", fill(&step.prompt, &[("gedachte", &thought)]))?;
    if let Some(tip) = &step.tip {
        writeln!(out, "{}: {tip}", pack.ui.session.tip_label)?;
    }
    for v in step.valkuilen.iter().filter_map(|id| pack.valkuil(id)) {
        writeln!(
            out,
            "{} – {}: {}",
            pack.ui.session.valkuil_label, v.title, v.text
        )?;
    }
    for (i, o) in step.options.iter().enumerate() {
        match (&o.explanation, o.value) {
            (_, Some(v)) => writeln!(out, "  {}. {} – {v}%", i + 1, o.text)?,
            (Some(e), None) => writeln!(out, "  {}. {} – {e}", i + 1, o.text)?,
            (None, None) => writeln!(out, "  {}. {}", i + 1, o.text)?,
        }
    }
    if step.input == InputKind::Summary {
        for line in summary_text(session, pack) {
            writeln!(out, "  {line}")?;
        }
    }
    let question = match step.input {
        InputKind::Checklist | InputKind::Multi => Some(&t.prompt_multi),
        InputKind::Single => Some(&t.prompt_choice),
        InputKind::Scale => Some(&t.prompt_scale),
        InputKind::Text | InputKind::Perspectives => Some(&t.prompt_text),
        InputKind::Summary | InputKind::Info | InputKind::Cycle => None,
    };
    if let Some(question) = question {
        loop {
            let Some(answer) = ask(out, input, question)? else {
                return Ok(false);
            };
            if apply(
                pack,
                session,
                step.input,
                &step.options.len(),
                answer.trim(),
                clock(),
            ) {
                break;
            }
            writeln!(out, "{}", t.invalid)?;
        }
    }
    // The volunteer's own impression, apart from the other person's words.
    if step.input == InputKind::Text && crate::session::voices(&step).len() > 1 {
        let Some(answer) = ask(out, input, &t.prompt_impression)? else {
            return Ok(false);
        };
        let answer = answer.trim();
        if !answer.is_empty() {
            session.update(pack, Action::SetImpression(answer.to_string()), clock());
        }
    }
    session.update(pack, Action::Next, clock());
    Ok(true)
}

/// Applies one typed answer; false when it cannot be understood.
fn apply(
    pack: &Pack,
    session: &mut Session,
    kind: InputKind,
    options: &usize,
    answer: &str,
    now: DateTime<FixedOffset>,
) -> bool {
    if answer.is_empty() {
        return true;
    }
    let numbers = || -> Option<Vec<usize>> {
        answer
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<usize>()
                    .ok()
                    .filter(|n| (1..=*options).contains(n))
            })
            .collect()
    };
    match kind {
        InputKind::Text | InputKind::Perspectives => {
            session.update(pack, Action::SetText(answer.to_string()), now);
            true
        }
        InputKind::Checklist | InputKind::Multi | InputKind::Single => {
            let Some(picked) = numbers() else {
                return false;
            };
            if kind == InputKind::Single && picked.len() != 1 {
                return false;
            }
            for n in picked {
                session.cursor = n - 1;
                session.update(pack, Action::Toggle, now);
            }
            true
        }
        InputKind::Scale => match answer.parse::<u8>() {
            Ok(v) if v <= 100 => {
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

fn ask(out: &mut dyn Write, input: &mut dyn BufRead, question: &str) -> io::Result<Option<String>> {
    write!(out, "{question} ")?;
    out.flush()?;
    read_line(input)
}

/// One line without its line ending; `None` at the end of the input. A
/// byte that is not UTF-8 becomes U+FFFD, and control characters (arrow
/// keys, escape sequences in piped text) are dropped: they would be stored,
/// and printed raw later.
fn read_line(input: &mut dyn BufRead) -> io::Result<Option<String>> {
    let mut line = Vec::new();
    if input.read_until(b'\n', &mut line)? == 0 {
        return Ok(None);
    }
    let line = String::from_utf8_lossy(&line);
    Ok(Some(crate::text::printable(
        line.trim_end_matches(['\n', '\r']),
    )))
}

fn reserve(
    store: &Store,
    now: DateTime<FixedOffset>,
) -> io::Result<(String, Option<crate::notes::SessionLock>)> {
    loop {
        let id = store.new_id(now);
        if let Some(lock) = store.lock(&id)? {
            return Ok((id, Some(lock)));
        }
    }
}

fn save(
    store: &Store,
    id: &str,
    session: &Session,
    pack: &Pack,
    now: DateTime<FixedOffset>,
    out: &mut dyn Write,
) -> io::Result<Option<String>> {
    let mut record = SessionRecord::from_session(id, session, pack, now);
    record.mode = Some("gesprek".to_string());
    match store.save(&record) {
        Ok(_) => Ok(None),
        Err(e) => {
            let reason = pack.ui.reasons.of(e.kind());
            let said = fill(&pack.ui.plain.save_failed, &[("reason", &reason)]);
            writeln!(out, "{said}")?;
            Ok(Some(reason))
        }
    }
}
