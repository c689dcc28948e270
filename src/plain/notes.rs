//! The notes in plain mode: the sessions listed newest first, one opened
//! and read back, and written to a file as Markdown (sealed in an
//! encrypted data folder, as `notities export` does).

use std::io;
use std::path::PathBuf;

use crate::content::fill;
use crate::notes::export::{self, Audience, Kind};
use crate::notes::seal::{sealed_name, write_sealed_with};
use crate::notes::{Store, Summary, write_atomic_with};
use crate::ui::summary_text;

use super::Plain;
use super::lines::Said;

/// The list, until `:terug` (true) or `:stop` and the end of the input
/// (false); `o` switches between the conversations and the practice notes.
pub fn browse(p: &mut Plain, clients: &Store) -> io::Result<bool> {
    let pack = p.pack;
    let t = &pack.ui.plain;
    let practice = clients.inner(crate::app::PRACTICE_DIR)?;
    let mut in_practice = false;
    loop {
        let store = if in_practice { &practice } else { clients };
        let mut sessions: Vec<Summary> = store.list().map(|l| l.sessions).unwrap_or_default();
        sessions.sort_by_key(|s| std::cmp::Reverse(s.started_at));
        p.lines.blank()?;
        let heading = if in_practice {
            &t.notes_practice
        } else {
            &t.notes_conversations
        };
        let count = sessions.len().to_string();
        p.lines.say(&fill(heading, &[("count", &count)]))?;
        for (i, s) in sessions.iter().enumerate() {
            p.lines.say(&format!("  {}. {}", i + 1, line(p, s)))?;
        }
        let answer = match p.lines.ask(&t.prompt_notes)? {
            Said::Text(answer) => answer,
            Said::Back => return Ok(true),
            Said::Stop | Said::End => return Ok(false),
        };
        if answer.eq_ignore_ascii_case("o") {
            in_practice = !in_practice;
            continue;
        }
        match answer
            .parse::<usize>()
            .ok()
            .and_then(|n| sessions.get(n.checked_sub(1)?))
        {
            Some(summary) => {
                let id = summary.id.clone();
                if !open(p, store, &id)? {
                    return Ok(false);
                }
            }
            None if answer.is_empty() => {}
            None => p.lines.say(&t.invalid)?,
        }
    }
}

/// "28 november 2026, 14:05 – K7 – afgerond".
fn line(p: &Plain, s: &Summary) -> String {
    let pack = p.pack;
    let t = &pack.ui.plain;
    let who = s
        .client_code
        .clone()
        .or_else(|| {
            let exercise = s.exercise.as_deref()?;
            pack.solo_phases()
                .find(|ph| ph.id == exercise)
                .map(|ph| ph.title.clone())
        })
        .unwrap_or_else(|| t.no_code.clone());
    let state = if s.is_finished() {
        &t.finished
    } else {
        &t.unfinished
    };
    format!(
        "{} – {who} – {state}",
        crate::dates::day_time(s.started_at, pack)
    )
}

/// One session read back, then offered for export. False when the input
/// ended or `:stop` was typed.
fn open(p: &mut Plain, store: &Store, id: &str) -> io::Result<bool> {
    let pack = p.pack;
    let t = &pack.ui.plain;
    let record = match store.load(id) {
        Ok(record) => record,
        Err(e) => {
            let path = store.path_of(id).display().to_string();
            let reason = pack.ui.reasons.of(e.kind());
            let said = fill(
                &pack.ui.cli.read_failed,
                &[("path", &path), ("reason", &reason)],
            );
            p.lines.say(&said)?;
            return Ok(true);
        }
    };
    p.lines.blank()?;
    for line in summary_text(&record.to_session(pack), pack) {
        p.lines.say(&line)?;
    }
    loop {
        let file = match p.lines.ask(&t.prompt_export)? {
            Said::Text(file) if file.is_empty() => return Ok(true),
            Said::Text(file) => PathBuf::from(file),
            Said::Back => return Ok(true),
            Said::Stop | Said::End => return Ok(false),
        };
        let sealed = store.seal().is_on();
        let target = if sealed { sealed_name(&file) } else { file };
        // Never over a file of the user's.
        if std::fs::symlink_metadata(&target).is_ok() {
            let path = target.display().to_string();
            p.lines.say(&fill(&t.file_exists, &[("path", &path)]))?;
            continue;
        }
        let write = |out: &mut dyn io::Write| {
            export::stream(
                out,
                std::iter::once(record.clone()),
                pack,
                Audience::Volunteer,
                Kind::Markdown,
            )
        };
        let written = if sealed {
            write_sealed_with(&target, store.seal(), write)
        } else {
            write_atomic_with(&target, write)
        };
        let path = target.display().to_string();
        match written {
            Ok(count) => {
                let template = if sealed {
                    &pack.ui.export.written_sealed
                } else {
                    &pack.ui.export.written
                };
                let count = count.to_string();
                p.lines
                    .say(&fill(template, &[("path", &path), ("count", &count)]))?;
                return Ok(true);
            }
            Err(e) => {
                let reason = pack.ui.reasons.of(e.kind());
                let said = fill(
                    &pack.ui.cli.write_failed,
                    &[("path", &path), ("reason", &reason)],
                );
                p.lines.say(&said)?;
            }
        }
    }
}
