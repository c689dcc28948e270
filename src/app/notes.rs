//! The start menu and the notes: resuming, the history list, one session
//! read only, exports and deletion.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use crossterm::event::KeyEvent;

use super::{App, AppScreen, step_cursor};
use crate::content::fill;
use crate::keymap::Command;
use crate::notes::export::{self, Audience};
use crate::notes::{
    Listing, SessionRecord, Store, Verification, history, private_dir, stamps, write_atomic,
};
use crate::ui::Overlay;
use crate::ui::history::{Field, HistoryState};
use crate::ui::menu::{MenuItem, Mode};

/// How long a key waits for the search texts before the list says it is
/// still searching: a thousand sessions are read in about 15 ms.
const SEARCH_WAIT: Duration = Duration::from_millis(20);

/// The check of the history index against the files, for the store at
/// this path: due (started after the next frame) or running.
pub(super) enum Check {
    Due(PathBuf, Option<Listing>),
    Running(PathBuf, Receiver<Verification>),
}

/// The search texts being read on a thread, for these sessions.
pub(super) struct TextsReading {
    pub(super) ids: Vec<String>,
    pub(super) rx: Receiver<Vec<String>>,
}

/// Each session's text for the search, in the order of `ids`; a file that
/// cannot be read gives an empty text (it is listed as damaged elsewhere).
fn search_texts(store: &Store, ids: &[String]) -> Vec<String> {
    ids.iter()
        .map(|id| {
            store
                .load(id)
                .map(|r| history::search_text(&r))
                .unwrap_or_default()
        })
        .collect()
}

impl App {
    pub(super) fn open_menu(&mut self, now: DateTime<FixedOffset>) {
        let listing = self.store.list().unwrap_or_default();
        self.show_menu(&listing, now);
        self.check_after_frame(listing.sessions.is_empty(), Some(listing));
    }

    /// The start menu for this listing (one already checked against the
    /// files, or being checked).
    fn show_menu(&mut self, listing: &Listing, now: DateTime<FixedOffset>) {
        self.set_mode(Mode::Gesprek);
        self.history = None;
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
        self.check_after_frame(listing.sessions.is_empty(), None);
        // Only sessions with a lock file beside them can be open elsewhere.
        let locked: HashSet<String> = listing
            .lock_files
            .iter()
            .filter(|id| self.store.is_locked(id))
            .cloned()
            .collect();
        let mut state = HistoryState::new(listing, locked);
        // Keep the filters and place when coming back.
        if let Some(old) = self.history.take() {
            // The same files as before: the texts read for a search still hold.
            if old.listing.sessions == state.listing.sessions {
                state.texts = old.texts;
            }
            state.client = old.client;
            state.query = old.query;
            state.cursor = old.cursor;
            state.refilter();
        }
        self.history = Some(Box::new(state));
        self.read_search_texts();
        self.screen = AppScreen::History;
    }

    /// Reads the text of every listed session, once, when a search needs
    /// it: on a thread, so typing goes on while thousands of files are read
    /// (10,000 take about 150 ms). A small history is ready before the key's
    /// frame is drawn, so its list never flickers.
    pub(super) fn read_search_texts(&mut self) {
        let Some(h) = self.history.as_ref().filter(|h| h.needs_texts()) else {
            return;
        };
        // One reading at a time; one for an older listing is read again
        // when it arrives.
        if self.searching.is_some() {
            return;
        }
        let ids: Vec<String> = h.listing.sessions.iter().map(|s| s.id.clone()).collect();
        let store = self.store.clone();
        let to_read = ids.clone();
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("search-texts".into())
            .spawn(move || {
                let _ = tx.send(search_texts(&store, &to_read));
            });
        if spawned.is_err() {
            self.read_search_texts_here();
            return;
        }
        match rx.recv_timeout(SEARCH_WAIT) {
            Ok(texts) => {
                self.apply_search_texts(&ids, texts);
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                self.searching = Some(TextsReading { ids, rx });
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                self.read_search_texts_here();
            }
        }
    }

    /// The same, on this thread: when no thread can be started, or one
    /// failed.
    pub(super) fn read_search_texts_here(&mut self) {
        let Some(h) = self.history.as_mut().filter(|h| h.needs_texts()) else {
            return;
        };
        let ids: Vec<String> = h.listing.sessions.iter().map(|s| s.id.clone()).collect();
        h.texts = Some(search_texts(&self.store, &ids));
        h.refilter();
    }

    /// Takes in the search texts when their thread is done; true when the
    /// screen changed.
    pub(super) fn take_search_texts(&mut self) -> bool {
        let Some(reading) = &self.searching else {
            return false;
        };
        let texts = match reading.rx.try_recv() {
            Ok(texts) => texts,
            Err(std::sync::mpsc::TryRecvError::Empty) => return false,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.searching = None;
                self.read_search_texts_here();
                return true;
            }
        };
        let ids = self.searching.take().map(|r| r.ids).unwrap_or_default();
        self.apply_search_texts(&ids, texts)
    }

    /// Texts read for the sessions `ids`: used when the list still shows
    /// exactly those sessions, otherwise read again for what it shows now.
    pub(super) fn apply_search_texts(&mut self, ids: &[String], texts: Vec<String>) -> bool {
        let Some(h) = self.history.as_mut() else {
            return false;
        };
        let same = h.listing.sessions.len() == ids.len()
            && h.listing
                .sessions
                .iter()
                .zip(ids)
                .all(|(s, id)| s.id == *id);
        if same && h.texts.is_none() {
            h.texts = Some(texts);
            h.refilter();
            return true;
        }
        self.read_search_texts();
        false
    }

    /// Takes in what the check of the index against the files found; true
    /// when the screen changed.
    pub(super) fn take_verification(&mut self, now: DateTime<FixedOffset>) -> bool {
        let Some(Check::Running(root, rx)) = &self.verifying else {
            return false;
        };
        let found = match rx.try_recv() {
            Ok(found) => found,
            Err(std::sync::mpsc::TryRecvError::Empty) => return false,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.verifying = None;
                return false;
            }
        };
        let root = root.clone();
        self.verifying = None;
        self.apply_verification(&root, found, now)
    }

    /// Brings the index and the screen up to date with what the check
    /// found; true when the screen changed.
    pub(super) fn apply_verification(
        &mut self,
        root: &std::path::Path,
        found: Verification,
        now: DateTime<FixedOffset>,
    ) -> bool {
        // A check of the practice folder says nothing about client notes.
        if root != self.store.root() || found.is_empty() {
            return false;
        }
        self.store.remember(&found.updated);
        match &mut self.screen {
            AppScreen::History => {
                if let Some(h) = &mut self.history {
                    h.apply(found);
                }
                self.read_search_texts();
            }
            AppScreen::Menu {
                kind: super::MenuKind::Start,
                cursor,
                ..
            } => {
                let cursor = *cursor;
                // Just checked: no second check of the same files.
                let listing = self.store.list().unwrap_or_default();
                self.show_menu(&listing, now);
                if let AppScreen::Menu {
                    cursor: c, items, ..
                } = &mut self.screen
                {
                    *c = cursor.min(items.len().saturating_sub(1));
                }
            }
            _ => return false,
        }
        true
    }

    /// Has the listed sessions checked against their files, on a thread
    /// started once the screen is drawn ([`App::start_due_check`]): this
    /// `listing`, or the history screen's when `None`. The answer comes back
    /// through [`App::take_verification`].
    fn check_after_frame(&mut self, nothing_listed: bool, listing: Option<Listing>) {
        if self.verifying.is_some() || nothing_listed {
            return;
        }
        self.verifying = Some(Check::Due(self.store.root().to_path_buf(), listing));
    }

    /// Starts the check that is due, if any.
    pub(super) fn start_due_check(&mut self) {
        let Some(Check::Due(root, listing)) = self.verifying.take() else {
            return;
        };
        // Taken here, not when it was due: copying 10,000 ids took 2 ms.
        let stamps = match (&listing, &self.history) {
            (Some(listing), _) => stamps(listing),
            (None, Some(history)) => stamps(&history.listing),
            (None, None) => return,
        };
        let store = self.store.clone();
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("verify-index".into())
            .spawn(move || {
                let _ = tx.send(store.verify(&stamps));
            });
        if spawned.is_ok() {
            self.verifying = Some(Check::Running(root, rx));
        }
    }

    fn open_detail(&mut self) {
        let Some(id) = self
            .history
            .as_ref()
            .and_then(|h| h.selected())
            .map(|s| s.id.clone())
        else {
            return;
        };
        let record = match self.store.load(&id) {
            Ok(record) => record,
            Err(e) => {
                self.status = Some(fill(
                    &self.pack.ui.cli.read_failed,
                    &[("path", &id), ("reason", &e.kind().to_string())],
                ));
                return;
            }
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
            self.read_search_texts();
        }
    }

    /// The sessions an action in the notes applies to: the one open, or
    /// the ones the list shows.
    fn chosen(&self, whole_list: bool) -> Vec<SessionRecord> {
        match &self.screen {
            AppScreen::Detail { record, .. } => vec![(**record).clone()],
            AppScreen::History => match &self.history {
                Some(h) if whole_list => self
                    .store
                    .load_all(h.visible_sessions().into_iter().map(|s| s.id.as_str())),
                Some(h) => self.store.load_all(h.selected().map(|s| s.id.as_str())),
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
                    .map(|h| history::filter(&h.listing.sessions, Some(&client)))
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
                history::filter(&listing.sessions, Some(code))
                    .iter()
                    .all(|r| gone.contains(r.id.as_str()))
            })
            .collect();
        for code in &clients {
            self.delete_exports_of(code);
        }
        // A session open in another window is left alone.
        let deleted = self.store.delete_unlocked(&ids);
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
