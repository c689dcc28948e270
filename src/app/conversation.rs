//! Starting, walking and typing in a session.

use chrono::{DateTime, FixedOffset};
use crossterm::event::KeyEvent;
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::{App, AppScreen, Live};
use crate::keymap::Command;
use crate::notes::history;
use crate::session::{Action, Effect, Session};
use crate::ui::menu::Mode;

impl App {
    /// Enter on the client code: a new session, following on from the
    /// client's previous one when there is one.
    pub(super) fn begin(&mut self, now: DateTime<FixedOffset>) {
        let AppScreen::Start { code } = &self.screen else {
            return;
        };
        let code = code.lines().join(" ").trim().to_string();
        let client = (!code.is_empty()).then_some(code);
        let previous = client.as_deref().and_then(|c| {
            let listing = self.store.list().ok()?;
            let summary = history::previous_for(&listing.sessions, c)?;
            self.store.load(&summary.id).ok().map(|r| r.as_previous())
        });
        let mut session = Session::following(&self.pack, now, client, previous);
        session.reminders = self.mode == Mode::Gesprek;
        let (id, lock) = self.reserve_id(now);
        self.open_live(id, session, lock, now);
    }

    /// A new file name with its lock; two windows starting in the same
    /// second get different files.
    pub(super) fn reserve_id(
        &self,
        now: DateTime<FixedOffset>,
    ) -> (String, Option<crate::notes::SessionLock>) {
        loop {
            let id = self.store.new_id(now);
            match self.store.lock(&id) {
                Ok(Some(lock)) => return (id, Some(lock)),
                Ok(None) => continue,
                Err(_) => return (id, None),
            }
        }
    }

    pub(super) fn open_live(
        &mut self,
        id: String,
        session: Session,
        lock: Option<crate::notes::SessionLock>,
        now: DateTime<FixedOffset>,
    ) {
        let notes = self.notes_field(&session);
        self.screen = AppScreen::Session(Box::new(Live {
            id,
            session,
            notes,
            editing: false,
            lock,
        }));
        self.quit_despite_failure = false;
        self.save(now, true);
    }

    pub(super) fn conversation_command(&mut self, command: Command, now: DateTime<FixedOffset>) {
        match command {
            Command::Edit => self.set_editing(true),
            Command::StopEditing => {
                self.set_editing(false);
                self.save(now, true);
            }
            Command::Next => self.act(Action::Next, now),
            Command::Back => self.act(Action::Back, now),
            Command::Up => self.act(Action::CursorUp, now),
            Command::Down => self.act(Action::CursorDown, now),
            Command::Toggle => self.act(Action::Toggle, now),
            Command::Digit(d) => self.act(Action::RatingDigit(d), now),
            Command::SwitchRoute => self.act(Action::OpenRouteChoice, now),
            Command::AddParticipant => self.act(Action::AddParticipant, now),
            Command::Participant(i) => self.act(Action::SelectParticipant(i), now),
            Command::RouteLetter(c) => {
                if let Some(i) = self
                    .pack
                    .routes
                    .iter()
                    .position(|r| r.letter.starts_with(c))
                {
                    self.act(Action::ChooseRoute(i), now);
                }
            }
            _ => {}
        }
    }

    fn act(&mut self, action: Action, now: DateTime<FixedOffset>) {
        let AppScreen::Session(live) = &mut self.screen else {
            return;
        };
        let effect = live.session.update(&self.pack, action, now);
        match effect {
            Effect::Nothing => {}
            Effect::Edited => self.save(now, false),
            Effect::Moved => {
                let AppScreen::Session(live) = &self.screen else {
                    return;
                };
                let notes = self.notes_field(&live.session);
                if let AppScreen::Session(live) = &mut self.screen {
                    live.notes = notes;
                    live.editing = false;
                }
                self.save(now, true);
            }
            Effect::Finished => {
                self.save(now, true);
                self.flush();
                self.release_lock();
                if let AppScreen::Session(live) = &self.screen {
                    let path = self.store.path_of(&live.id).display().to_string();
                    self.screen = AppScreen::Done {
                        session: Box::new(live.session.clone()),
                        path,
                    };
                }
            }
        }
    }

    pub(super) fn type_note(&mut self, key: KeyEvent, now: DateTime<FixedOffset>) {
        // In a flood of keys, plain text is collected and inserted at once:
        // the editor re-measures its whole text on every single insert.
        if self.batching
            && let Some(c) = plain_text(&key)
        {
            self.typed.push(c);
            self.notes_dirty = true;
            return;
        }
        self.flush_typed();
        let changed = match &mut self.screen {
            AppScreen::Session(live) => live.notes.input(key),
            _ => false,
        };
        if changed {
            if self.batching {
                // Many keys at once (a paste without bracketed paste): copy
                // the text into the session once, after the batch.
                self.notes_dirty = true;
            } else {
                self.notes_changed(now);
            }
        }
    }

    fn flush_typed(&mut self) {
        if self.typed.is_empty() {
            return;
        }
        let typed = std::mem::take(&mut self.typed);
        if let AppScreen::Session(live) = &mut self.screen {
            live.notes.insert_str(typed);
        }
    }

    /// Brings the session up to date with the notes field after a batch.
    pub(super) fn sync_notes(&mut self, now: DateTime<FixedOffset>) {
        self.flush_typed();
        if std::mem::take(&mut self.notes_dirty) {
            self.notes_changed(now);
        }
    }

    /// A paste on a step starts typing there, so the text is not lost.
    pub(super) fn paste_note(&mut self, text: &str, now: DateTime<FixedOffset>) {
        self.sync_notes(now);
        if let AppScreen::Session(live) = &mut self.screen {
            live.notes.insert_str(text);
        }
        self.set_editing(true);
        self.notes_changed(now);
    }

    fn notes_changed(&mut self, now: DateTime<FixedOffset>) {
        if let AppScreen::Session(live) = &mut self.screen {
            let text = live.notes.lines().join("\n");
            if live.session.update(&self.pack, Action::SetText(text), now) == Effect::Edited {
                self.save(now, false);
            }
        }
    }

    fn set_editing(&mut self, on: bool) {
        self.flush_typed();
        if let AppScreen::Session(live) = &mut self.screen {
            live.editing = on;
            live.notes.set_cursor_style(if on {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            });
        }
    }

    fn notes_field(&self, session: &Session) -> TextArea<'static> {
        let text = session.current_text(&self.pack);
        let mut field = TextArea::new(text.split('\n').map(str::to_string).collect());
        field.set_wrap_mode(WrapMode::WordOrGlyph);
        field.set_cursor_line_style(Style::new());
        field.set_cursor_style(Style::new());
        field.set_placeholder_text(self.pack.ui.session.notes_placeholder.clone());
        field.set_placeholder_style(self.theme.muted);
        field.move_cursor(CursorMove::Bottom);
        field.move_cursor(CursorMove::End);
        field
    }
}

/// The text a key types, when it is plain typing (a letter, or Enter).
fn plain_text(key: &KeyEvent) -> Option<char> {
    use crossterm::event::{KeyCode, KeyModifiers};
    if key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return None;
    }
    match key.code {
        KeyCode::Char(c) if !c.is_control() => Some(c),
        KeyCode::Enter => Some('\n'),
        _ => None,
    }
}
