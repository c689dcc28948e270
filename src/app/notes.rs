//! The start menu and the notes: resuming, the history list, one session
//! read only, exports and deletion.

use std::collections::HashSet;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use crossterm::event::KeyEvent;

use super::{App, AppScreen, step_cursor};
use crate::content::fill;
use crate::keymap::Command;
use crate::notes::export::{self, Audience};
use crate::notes::{SessionRecord, history, private_dir, write_atomic};
use crate::ui::Overlay;
use crate::ui::history::{Field, HistoryState};
use crate::ui::menu::{MenuItem, Mode};

impl App {
    pub(super) fn open_menu(&mut self, now: DateTime<FixedOffset>) {
        self.set_mode(Mode::Gesprek);
        self.history = None;
        let listing = self.store.list().unwrap_or_default();
        let mut items = Vec::new();
        if let Some(r) = history::latest_unfinished(&listing.sessions)
            && !self.store.is_locked(&r.id)
        {
            items.push(MenuItem::Resume {
                id: r.id.clone(),
                started_at: r.started_at,
                client: r.client_code.clone(),
            });
        }
        items.push(MenuItem::Mode(Mode::Gesprek));
        items.push(MenuItem::Group);
        items.push(MenuItem::Mode(Mode::Demo));
        items.push(MenuItem::Mode(Mode::Oefenen));
        items.push(MenuItem::History);
        if let Some(months) = self.options.retention_months {
            let ids: Vec<String> = history::older_than(&listing.sessions, now, months)
                .into_iter()
                .map(|r| r.id.clone())
                .collect();
            if !ids.is_empty() {
                items.push(MenuItem::ClearOld { ids, months });
            }
        }
        items.push(MenuItem::Quit);
        self.screen = AppScreen::Menu {
            kind: super::MenuKind::Start,
            items,
            cursor: 0,
        };
    }

    pub(super) fn open(&mut self, now: DateTime<FixedOffset>) {
        match &self.screen {
            AppScreen::Menu { items, cursor, .. } => match items.get(*cursor).cloned() {
                Some(MenuItem::Resume { id, .. }) => self.resume(&id, now),
                Some(MenuItem::History) => self.open_history(),
                Some(MenuItem::ClearOld { ids, months }) => {
                    let mut message = fill(
                        &self.pack.ui.history.confirm_delete_old,
                        &[
                            ("count", &ids.len().to_string()),
                            ("months", &months.to_string()),
                        ],
                    );
                    // Name them, so the volunteer sees what goes.
                    let listing = self.store.list().unwrap_or_default();
                    for r in listing
                        .sessions
                        .iter()
                        .filter(|r| ids.contains(&r.id))
                        .take(8)
                    {
                        message.push_str(&format!(
                            "\n  {}  {}",
                            r.started_at.format("%Y-%m-%d"),
                            r.client_code.as_deref().unwrap_or("–")
                        ));
                    }
                    self.pending_delete = ids;
                    self.overlay = Some(Overlay::ConfirmDelete(message));
                }
                Some(MenuItem::Quit) => self.quit = true,
                Some(other) => self.open_item(other, now),
                None => {}
            },
            AppScreen::History => self.open_detail(),
            _ => {}
        }
    }

    pub(super) fn open_history(&mut self) {
        let listing = self.store.list().unwrap_or_default();
        let locked: HashSet<String> = listing
            .sessions
            .iter()
            .filter(|r| self.store.is_locked(&r.id))
            .map(|r| r.id.clone())
            .collect();
        let mut state = HistoryState::new(listing, locked);
        // Keep the filters and place when coming back.
        if let Some(old) = self.history.take() {
            state.client = old.client;
            state.query = old.query;
            state.cursor = old.cursor;
            state.refilter();
        }
        self.history = Some(Box::new(state));
        self.screen = AppScreen::History;
    }

    fn open_detail(&mut self) {
        let Some(record) = self.history.as_ref().and_then(|h| h.selected()).cloned() else {
            return;
        };
        let note = self
            .store
            .is_locked(&record.id)
            .then(|| self.pack.ui.history.in_use.clone());
        let session = record.to_session(&self.pack);
        self.screen = AppScreen::Detail {
            record: Box::new(record),
            session: Box::new(session),
            scroll: 0,
            note,
        };
    }

    pub(super) fn back_to_history(&mut self) {
        self.open_history();
    }

    pub(super) fn notes_cursor(&mut self, down: bool) {
        match &mut self.screen {
            AppScreen::History => {
                if let Some(h) = &mut self.history {
                    h.cursor = step_cursor(h.cursor, h.visible.len(), down);
                }
            }
            AppScreen::Detail { scroll, .. } => {
                *scroll = if down {
                    scroll.saturating_add(1)
                } else {
                    scroll.saturating_sub(1)
                };
            }
            _ => {}
        }
    }

    pub(super) fn history_input(&mut self, command: Command) {
        if let Some(h) = &mut self.history {
            h.input = match command {
                Command::Search => Some(Field::Search),
                Command::FilterClient => Some(Field::Client),
                _ => None,
            };
        }
    }

    pub(super) fn type_filter(&mut self, key: KeyEvent) {
        let Some(h) = &mut self.history else {
            return;
        };
        let field = match h.input {
            Some(Field::Client) => &mut h.client,
            Some(Field::Search) => &mut h.query,
            None => return,
        };
        if field.input(key) {
            h.cursor = 0;
            h.refilter();
        }
    }

    /// The sessions an action in the notes applies to: the one open, or
    /// the ones the list shows.
    fn chosen(&self, whole_list: bool) -> Vec<SessionRecord> {
        match &self.screen {
            AppScreen::Detail { record, .. } => vec![(**record).clone()],
            AppScreen::History => match &self.history {
                Some(h) if whole_list => h.visible_records().into_iter().cloned().collect(),
                Some(h) => h.selected().cloned().into_iter().collect(),
                None => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    pub(super) fn ask_delete(&mut self, command: Command) {
        let t = &self.pack.ui.history;
        let (ids, message) = match command {
            Command::DeleteClient => {
                let Some(client) = self
                    .chosen(false)
                    .first()
                    .and_then(|r| r.client_code.clone())
                else {
                    return;
                };
                let sessions = self
                    .history
                    .as_ref()
                    .map(|h| history::filter(&h.listing.sessions, Some(&client), None))
                    .unwrap_or_default();
                let ids: Vec<String> = sessions.iter().map(|r| r.id.clone()).collect();
                let message = fill(
                    &t.confirm_delete_client,
                    &[("count", &ids.len().to_string()), ("client", &client)],
                );
                (ids, message)
            }
            _ => {
                let Some(r) = self.chosen(false).into_iter().next() else {
                    return;
                };
                let date = r.started_at.format("%Y-%m-%d %H:%M").to_string();
                (vec![r.id], fill(&t.confirm_delete, &[("date", &date)]))
            }
        };
        if ids.is_empty() {
            return;
        }
        self.pending_delete = ids;
        self.overlay = Some(Overlay::ConfirmDelete(message));
    }

    pub(super) fn confirm_delete(&mut self, now: DateTime<FixedOffset>) {
        self.overlay = None;
        let ids = std::mem::take(&mut self.pending_delete);
        // Clients all of whose sessions go: their exports go too.
        let listing = self.store.list().unwrap_or_default();
        let gone: HashSet<&str> = ids.iter().map(String::as_str).collect();
        let clients: HashSet<String> = listing
            .sessions
            .iter()
            .filter(|r| gone.contains(r.id.as_str()))
            .filter_map(|r| r.client_code.clone())
            .filter(|code| {
                history::filter(&listing.sessions, Some(code), None)
                    .iter()
                    .all(|r| gone.contains(r.id.as_str()))
            })
            .collect();
        for code in &clients {
            self.delete_exports_of(code);
        }
        let mut deleted = 0;
        for id in &ids {
            // A session open in another window is left alone.
            if !self.store.is_locked(id) && self.store.delete(id).is_ok() {
                deleted += 1;
            }
        }
        self.status = Some(fill(
            &self.pack.ui.history.deleted,
            &[("count", &deleted.to_string())],
        ));
        match self.screen {
            AppScreen::Menu { .. } => self.open_menu(now),
            _ => self.open_history(),
        }
    }

    pub(super) fn export(&mut self, command: Command, now: DateTime<FixedOffset>) {
        let records = self.chosen(true);
        if records.is_empty() {
            return;
        }
        let refs: Vec<&SessionRecord> = records.iter().collect();
        // One client's export carries the code in its name, so deleting the
        // client can find it.
        let codes: HashSet<&str> = records
            .iter()
            .filter_map(|r| r.client_code.as_deref())
            .collect();
        let stamp = match (codes.len(), codes.iter().next()) {
            (1, Some(code)) if records.iter().all(|r| r.client_code.is_some()) => {
                format!("{}-{}", now.format("%Y-%m-%d_%H%M%S"), file_safe(code))
            }
            _ => now.format("%Y-%m-%d_%H%M%S").to_string(),
        };
        let (name, text) = match command {
            Command::ExportJson => (
                format!("{stamp}.json"),
                export::json(&refs).unwrap_or_default(),
            ),
            Command::ExportForClient => (
                format!("{stamp}-voor-client.md"),
                export::markdown(&refs, &self.pack, Audience::Client),
            ),
            _ => (
                format!("{stamp}-verslag.md"),
                export::markdown(&refs, &self.pack, Audience::Volunteer),
            ),
        };
        let path = self.export_dir().join(name);
        let result = crate::notes::Store::open(self.store.root())
            .and_then(|_| private_dir(&self.export_dir()))
            .and_then(|()| write_atomic(&path, text.as_bytes()));
        self.status = Some(match result {
            Ok(()) => fill(
                &self.pack.ui.export.written,
                &[("path", &path.display().to_string())],
            ),
            Err(e) => fill(
                &self.pack.ui.cli.write_failed,
                &[
                    ("path", &path.display().to_string()),
                    ("reason", &e.kind().to_string()),
                ],
            ),
        });
    }

    fn export_dir(&self) -> PathBuf {
        self.store.root().join("export")
    }

    /// Removes the exports made for one client (named after the code).
    fn delete_exports_of(&self, code: &str) {
        let marker = format!("-{}", file_safe(code));
        let Ok(entries) = std::fs::read_dir(self.export_dir()) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let stem = name.split('.').next().unwrap_or_default();
            let named = stem.ends_with(&marker)
                || stem.contains(&format!("{marker}-verslag"))
                || stem.contains(&format!("{marker}-voor-client"));
            if named {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    pub(super) fn resume_detail(&mut self, now: DateTime<FixedOffset>) {
        if let AppScreen::Detail { record, .. } = &self.screen
            && !record.is_finished()
        {
            let id = record.id.clone();
            self.resume(&id, now);
        }
    }

    /// Carries on with a saved session, if no other window has it.
    pub(super) fn resume(&mut self, id: &str, now: DateTime<FixedOffset>) {
        let lock = match self.store.lock(id) {
            Ok(Some(lock)) => Some(lock),
            Ok(None) => {
                self.status = Some(self.pack.ui.history.in_use.clone());
                return;
            }
            Err(_) => None,
        };
        match self.store.load(id) {
            Ok(record) => {
                let mut session = record.to_session(&self.pack);
                session.reminders = self.mode == Mode::Gesprek;
                self.open_live(id.to_string(), session, lock, now);
            }
            Err(e) => {
                self.status = Some(fill(
                    &self.pack.ui.cli.read_failed,
                    &[("path", id), ("reason", &e.kind().to_string())],
                ));
            }
        }
    }
}

/// A client code as part of a file name.
fn file_safe(code: &str) -> String {
    code.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}
