//! A session being walked and written: the step's input, its note fields
//! (the other person's words and the volunteer's own impression), and which
//! of them has the keyboard.

use super::super::effect::{Effect, Folder};
use super::super::keys::Command;
use super::super::model::{Model, Screen};
use super::field;
pub use super::live::{Focus, Live};
use crate::content::InputKind;
use crate::notes::SessionRecord;
use crate::session::{Action, Effect as Moved, Place, Session};
use crate::ui::menu::Mode;

/// A session on screen with a file of its own.
pub fn open(m: &mut Model, id: String, session: Session, fx: &mut Vec<Effect>) {
    let alone = m.mode == Mode::Oefenen;
    let live = Live::new(m.folder(), id, session, &m.pack, m.theme.muted, alone);
    super::set_screen(m, Screen::Session(Box::new(live)), fx);
    m.saves.quit_despite_failure = false;
    save(m, true, fx);
}

/// Hands the session on screen to the writer; `urgent` writes at once.
pub fn save(m: &mut Model, urgent: bool, fx: &mut Vec<Effect>) {
    let Screen::Session(live) = &m.screen else {
        return;
    };
    if m.mode == Mode::Demo && !m.demo_saving {
        return;
    }
    let (folder, mut record) = (
        live.folder,
        SessionRecord::from_session(&live.id, &live.session, &m.pack, m.now),
    );
    // Once saved from the demo, always a demo.
    record.demo |= m.mode == Mode::Demo;
    record.tips_hidden = m.hide_tips && m.mode == Mode::Gesprek;
    send(m, folder, record, urgent, fx);
}

/// Hands a record of this mode to the writer.
pub fn send(
    m: &mut Model,
    folder: Folder,
    mut record: SessionRecord,
    urgent: bool,
    fx: &mut Vec<Effect>,
) {
    record.mode = Some(mode_name(m.mode).to_string());
    m.saves.sent += 1;
    fx.push(Effect::Save {
        folder,
        record: Box::new(record),
        urgent,
        seq: m.saves.sent,
    });
}

/// How a mode is named in the record.
fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Gesprek => "gesprek",
        Mode::Oefenen => "oefenen",
        Mode::Demo => "demo",
    }
}

/// The session takes the notes field's text (once per batch of keys).
pub fn sync(m: &mut Model, fx: &mut Vec<Effect>) {
    let Screen::Session(live) = &mut m.screen else {
        return;
    };
    if !std::mem::take(&mut live.dirty) {
        return;
    }
    if live.take_texts(&m.pack, m.now) {
        save(m, false, fx);
    }
}

/// Text typed on a step: into the note, or – while the options or the
/// scale have the keyboard – Space ticks and digits rate, and any other
/// character moves the keyboard to the note and is typed there.
pub fn type_text(m: &mut Model, text: &str, fx: &mut Vec<Effect>) {
    let mut rest = text;
    loop {
        let Screen::Session(live) = &mut m.screen else {
            return;
        };
        if live.note_focused(&m.pack) {
            break;
        }
        let Some(step) = live.session.current_step(&m.pack) else {
            return;
        };
        let (input, notes) = (step.input, step.notes);
        // Patterns not shown (the screen turned to the client) are not
        // ticked by a space either.
        let private = step.turned_away(m.hide_tips, m.mode == Mode::Oefenen);
        let Some(c) = rest.chars().next() else {
            return;
        };
        let action = match c {
            ' ' if input.takes_options() && !private => Some(Action::Toggle),
            '0'..='9' if input == InputKind::Scale => c
                .to_digit(10)
                .and_then(|d| u8::try_from(d).ok())
                .map(Action::RatingDigit),
            _ => None,
        };
        match action {
            Some(action) => {
                act(m, action, fx);
                rest = &rest[c.len_utf8()..];
            }
            None if notes => {
                live.focus = Focus::Note;
                live.show_cursor(&m.pack);
            }
            // No notes on this step: the character has nowhere to go.
            None => rest = &rest[c.len_utf8()..],
        }
    }
    let Screen::Session(live) = &mut m.screen else {
        return;
    };
    if live.field_mut().insert_str(rest) {
        edited(m, fx);
    }
}

/// Notes up to this size are taken into the session with every key, so a
/// panic or a signal in the same batch still finds them; larger ones once
/// per batch, so a flood of text is copied once, not once per key.
const SYNC_EACH_KEY: usize = 64 * 1024;

/// The notes field changed.
fn edited(m: &mut Model, fx: &mut Vec<Effect>) {
    let Screen::Session(live) = &mut m.screen else {
        return;
    };
    live.dirty = true;
    let size: usize = live.field_mut().lines().iter().map(String::len).sum();
    if size < SYNC_EACH_KEY {
        sync(m, fx);
    }
}

/// An editing key (Backspace, arrows…) in the notes field.
pub fn edit(m: &mut Model, key: &crossterm::event::KeyEvent, fx: &mut Vec<Effect>) {
    if let Screen::Session(live) = &mut m.screen
        && live.note_focused(&m.pack)
        && field::edit(live.field_mut(), key, true)
    {
        edited(m, fx);
    }
}

/// A command on a session screen.
pub fn command(m: &mut Model, command: Command, fx: &mut Vec<Effect>) {
    sync(m, fx);
    match command {
        Command::Next => act(m, Action::Next, fx),
        // The first step of an exercise opened from a menu goes back there.
        Command::Back
            if m.live().is_some_and(|l| {
                !l.session.can_go_back(&m.pack) && matches!(l.session.place, Place::Solo { .. })
            }) =>
        {
            super::menu::enter_mode(m, m.mode, fx)
        }
        Command::Back => act(m, Action::Back, fx),
        Command::Up => act(m, Action::CursorUp, fx),
        Command::Down => act(m, Action::CursorDown, fx),
        Command::First => act(m, Action::CursorBy(-10_000), fx),
        Command::Last => act(m, Action::CursorBy(10_000), fx),
        Command::PageUp => act(m, Action::CursorBy(-5), fx),
        Command::PageDown => act(m, Action::CursorBy(5), fx),
        Command::Toggle => act(m, Action::Toggle, fx),
        Command::More => act(m, Action::AdjustRating(5), fx),
        Command::Less => act(m, Action::AdjustRating(-5), fx),
        Command::Clear => act(m, Action::ClearRating, fx),
        Command::Digit(d) => act(m, Action::RatingDigit(d), fx),
        Command::SwitchRoute => act(m, Action::OpenRouteChoice, fx),
        Command::AddParticipant => act(m, Action::AddParticipant, fx),
        Command::Focus | Command::FocusBack => focus(m, command == Command::Focus, fx),
        Command::NewLine | Command::Undo | Command::Redo => {
            if let Screen::Session(live) = &mut m.screen {
                let notes = live.field_mut();
                let changed = match command {
                    Command::NewLine => {
                        notes.insert_newline();
                        true
                    }
                    Command::Undo => notes.undo(),
                    _ => notes.redo(),
                };
                if changed {
                    edited(m, fx);
                }
            }
        }
        Command::ToggleTips => {
            m.hide_tips = !m.hide_tips;
            // Typing goes where the eye is: not into a field just hidden.
            if m.hide_tips
                && let Screen::Session(live) = &mut m.screen
                && live.focus == Focus::Impression
                && live.shown_voices(&m.pack, true).len() < live.voices(&m.pack).len()
            {
                live.focus = Focus::Note;
                live.show_cursor(&m.pack);
            }
            // Kept at once: after a crash the session comes back as the
            // screen was turned.
            save(m, true, fx);
        }
        Command::Index => super::menu::enter_mode(m, Mode::Demo, fx),
        Command::SaveDemo => {
            m.demo_saving = true;
            save(m, true, fx);
        }
        Command::SaveElsewhere => {
            save_elsewhere(m, fx);
        }
        _ => {}
    }
}

/// A copy of the session on screen in the home folder (for when the data
/// folder cannot be written); false when no session is on screen.
pub fn save_elsewhere(m: &mut Model, fx: &mut Vec<Effect>) -> bool {
    let Screen::Session(live) = &m.screen else {
        return false;
    };
    let record = SessionRecord::from_session(&live.id, &live.session, &m.pack, m.now);
    fx.push(Effect::SaveCopy {
        record: Box::new(record),
    });
    true
}

/// Tab: between the options (or scale) and the note; on a perspectives
/// step, to the next participant's column.
fn focus(m: &mut Model, forward: bool, fx: &mut Vec<Effect>) {
    let Screen::Session(live) = &mut m.screen else {
        return;
    };
    let Some(step) = live.session.current_step(&m.pack) else {
        return;
    };
    if step.input == InputKind::Perspectives {
        let count = live.session.participants(&m.pack);
        let next = if forward {
            (live.session.participant + 1) % count
        } else {
            (live.session.participant + count - 1) % count
        };
        act(m, Action::SelectParticipant(next), fx);
        return;
    }
    // The cycle: options or scale (where there are), the main note, the
    // impression (where there is one).
    let mut cycle = Vec::with_capacity(3);
    if live.has_choices(&m.pack) {
        cycle.push(Focus::Input);
    }
    if step.notes {
        cycle.push(Focus::Note);
    }
    if live.shown_voices(&m.pack, m.hide_tips).len() > 1 {
        cycle.push(Focus::Impression);
    }
    if cycle.len() > 1 {
        let at = cycle.iter().position(|f| *f == live.focus).unwrap_or(0);
        let n = cycle.len();
        live.focus = cycle[if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        }];
        live.show_cursor(&m.pack);
    }
}

/// Quitting: the session's lock goes.
pub fn release(m: &Model, fx: &mut Vec<Effect>) {
    if let Screen::Session(live) = &m.screen {
        super::leave(live, fx);
    }
}

pub fn has_reminder(m: &Model) -> bool {
    m.live().is_some_and(|l| l.session.reminder.is_some())
}

pub fn dismiss_reminder(m: &mut Model) {
    if let Screen::Session(live) = &mut m.screen {
        live.session.update(&m.pack, Action::Dismiss, m.now);
    }
}

fn act(m: &mut Model, action: Action, fx: &mut Vec<Effect>) {
    let Screen::Session(live) = &mut m.screen else {
        return;
    };
    match live.session.update(&m.pack, action, m.now) {
        Moved::Nothing => {}
        Moved::Edited => save(m, false, fx),
        Moved::Moved => {
            live.new_field(&m.pack, m.theme.muted);
            save(m, true, fx);
        }
        // A demo section that saves nothing ends back at the index: never
        // on "afgerond en bewaard".
        Moved::Finished if m.mode == Mode::Demo && !m.demo_saving => {
            super::menu::open_demo_index(m, fx);
        }
        Moved::Finished => {
            save(m, true, fx);
            fx.push(Effect::Flush);
            let Screen::Session(live) = &m.screen else {
                return;
            };
            let path = m
                .folder_path()
                .join(crate::notes::SESSIONS)
                .join(format!("{}.json", live.id))
                .display()
                .to_string();
            let session = Box::new(live.session.clone());
            let (id, folder) = (live.id.clone(), live.folder);
            let done = Screen::Done {
                session,
                path,
                id,
                folder,
            };
            super::set_screen(m, done, fx);
        }
    }
}
