//! The notes: a list of sessions whose search field has the keyboard, a
//! client filter, the trash, one session read only, and the questions
//! before deleting and exporting.

use std::collections::HashSet;

use crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::super::effect::{Effect, Folder, ListFor, LoadFor};
use super::super::keys::Command;
use super::super::model::{Model, Screen};
use super::{DeleteState, Deleting, field, list_delta, menu, set_screen, step_cursor};
use crate::content::fill;
use crate::notes::{Listing, Summary, Verification, history};

/// Which filter field has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Search,
    Client,
}

pub struct HistoryState {
    pub folder: Folder,
    pub listing: Listing,
    /// Indices into `listing.sessions` that pass the filters.
    pub visible: Vec<usize>,
    pub cursor: usize,
    pub query: TextArea<'static>,
    pub client: TextArea<'static>,
    pub field: Field,
    /// Sessions open in another window right now.
    pub locked: HashSet<String>,
    /// Each session's text for the search ([`history::search_text`]), by
    /// the same position as `listing.sessions`; read from the files when
    /// the first search is typed.
    pub texts: Option<Vec<String>>,
    pub trash: Option<super::trash::TrashState>,
}

impl HistoryState {
    pub fn new(folder: Folder, listing: Listing, locked: HashSet<String>) -> Self {
        let mut state = HistoryState {
            folder,
            listing,
            visible: Vec::new(),
            cursor: 0,
            query: field::single_line(),
            client: field::single_line(),
            field: Field::Search,
            locked,
            texts: None,
            trash: None,
        };
        state.refilter();
        state
    }

    pub fn client_filter(&self) -> Option<String> {
        field::value(&self.client)
    }

    fn query_text(&self) -> Option<String> {
        field::value(&self.query)
    }

    /// A search is typed but the texts to search are not read yet (the
    /// list says it is searching).
    pub fn needs_texts(&self) -> bool {
        self.texts.is_none() && self.query_text().is_some()
    }

    /// Takes in what a verification found, keeping the selected session;
    /// the search texts are read again.
    pub fn apply(&mut self, found: Verification) {
        let id = self.selected().map(|s| s.id.clone());
        self.listing.apply(found);
        self.texts = None;
        self.refilter();
        let sessions = &self.listing.sessions;
        if let Some(pos) = id.and_then(|id| self.visible.iter().position(|i| sessions[*i].id == id))
        {
            self.cursor = pos;
        }
    }

    /// Recomputes which sessions show, after a filter changed.
    pub fn refilter(&mut self) {
        let matcher = history::Matcher::new(
            self.client_filter().as_deref(),
            self.query_text().as_deref(),
        );
        let texts = self.texts.as_deref();
        self.visible = self
            .listing
            .sessions
            .iter()
            .enumerate()
            .filter(|(i, s)| {
                matcher.matches_client(s)
                    && (!matcher.searches()
                        || texts
                            .and_then(|t| t.get(*i))
                            .is_some_and(|t| matcher.matches_text(t)))
            })
            .map(|(i, _)| i)
            .collect();
        self.cursor = self.cursor.min(self.visible.len().saturating_sub(1));
    }

    pub fn selected(&self) -> Option<&Summary> {
        self.visible
            .get(self.cursor)
            .and_then(|i| self.listing.sessions.get(*i))
    }

    pub fn visible_sessions(&self) -> Vec<&Summary> {
        self.visible
            .iter()
            .filter_map(|i| self.listing.sessions.get(*i))
            .collect()
    }

    fn ids(&self) -> Vec<String> {
        self.listing.sessions.iter().map(|s| s.id.clone()).collect()
    }
}

/// A listing for the notes arrived: show it, keeping filters and place
/// when coming back from a session.
pub fn listed(
    m: &mut Model,
    folder: Folder,
    listing: Listing,
    locked: HashSet<String>,
    fx: &mut Vec<Effect>,
) {
    let mut state = HistoryState::new(folder, listing, locked);
    if let Some(old) = m.history.take().filter(|h| h.folder == folder) {
        // The same files as before: the texts read for a search still hold.
        if old.listing.sessions == state.listing.sessions {
            state.texts = old.texts;
        }
        state.client = old.client;
        state.query = old.query;
        state.field = old.field;
        state.cursor = old.cursor;
        state.refilter();
    }
    m.history = Some(Box::new(state));
    set_screen(m, Screen::History, fx);
    read_texts_if_needed(m, fx);
}

/// Asks for the search texts when a search needs them, one reading at a
/// time (a reading for an older listing is asked again when it arrives).
fn read_texts_if_needed(m: &mut Model, fx: &mut Vec<Effect>) {
    let Some(h) = m.history.as_ref().filter(|h| h.needs_texts()) else {
        return;
    };
    if m.searching {
        return;
    }
    m.searching = true;
    fx.push(Effect::ReadTexts {
        folder: h.folder,
        ids: h.ids(),
    });
}

/// Texts read for the sessions `ids`: used when the list still shows
/// exactly those sessions, otherwise read again for what it shows now.
pub fn texts_read(m: &mut Model, ids: &[String], texts: Vec<String>, fx: &mut Vec<Effect>) {
    m.searching = false;
    let Some(h) = m.history.as_mut() else {
        return;
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
    } else {
        read_texts_if_needed(m, fx);
    }
}

/// What the check of the listed sessions against their files found.
pub fn verified(m: &mut Model, folder: Folder, found: Verification, fx: &mut Vec<Effect>) {
    if found.is_empty() {
        return;
    }
    match &m.screen {
        Screen::History => {
            if let Some(h) = m.history.as_mut().filter(|h| h.folder == folder) {
                fx.push(Effect::Remember {
                    folder,
                    found: Box::new(found.clone()),
                });
                h.apply(found);
                read_texts_if_needed(m, fx);
            }
        }
        Screen::Menu(_) if folder == Folder::Clients => {
            fx.push(Effect::Remember {
                folder,
                found: Box::new(found),
            });
            // Just checked: no second check of the same files.
            fx.push(Effect::List {
                folder,
                purpose: ListFor::Menu,
                verify: false,
            });
        }
        _ => {}
    }
}

/// Text typed on the notes list: into the search or the client filter.
pub fn type_text(m: &mut Model, text: &str, fx: &mut Vec<Effect>) {
    let Some(h) = m.history.as_mut().filter(|h| h.trash.is_none()) else {
        return;
    };
    let field = match h.field {
        Field::Search => &mut h.query,
        Field::Client => &mut h.client,
    };
    if field.insert_str(text.replace('\n', " ")) {
        filters_changed(m, fx);
    }
}

pub fn edit(m: &mut Model, key: &KeyEvent, fx: &mut Vec<Effect>) {
    let Some(h) = m.history.as_mut().filter(|h| h.trash.is_none()) else {
        return;
    };
    let field = match h.field {
        Field::Search => &mut h.query,
        Field::Client => &mut h.client,
    };
    if field::edit(field, key, false) {
        filters_changed(m, fx);
    }
}

fn filters_changed(m: &mut Model, fx: &mut Vec<Effect>) {
    if let Some(h) = m.history.as_mut() {
        h.cursor = 0;
        h.refilter();
    }
    read_texts_if_needed(m, fx);
}

pub fn command(m: &mut Model, command: Command, fx: &mut Vec<Effect>) {
    let Some(h) = m.history.as_mut() else {
        return;
    };
    if h.trash.is_some() {
        return super::trash::command(m, command, fx);
    }
    if let Some(delta) = list_delta(command) {
        h.cursor = step_cursor(h.cursor, h.visible.len(), delta);
        return;
    }
    match command {
        Command::Back => menu::back_to_menu(m, fx),
        Command::Focus => {
            h.field = match h.field {
                Field::Search => Field::Client,
                Field::Client => Field::Search,
            }
        }
        Command::Open => {
            if let Some(s) = h.selected() {
                fx.push(Effect::Load {
                    folder: h.folder,
                    id: s.id.clone(),
                    purpose: LoadFor::Detail,
                });
            }
        }
        Command::ShowTrash => fx.push(Effect::ListTrash { folder: h.folder }),
        // The highlighted session (or all of its client's), never the list.
        Command::Export => {
            if let Some(s) = h.selected().cloned() {
                let all = h.listing.sessions.clone();
                let chosen = super::dialogs::Chosen {
                    id: &s.id,
                    client: s.client_code.as_deref(),
                    started_at: s.started_at,
                };
                super::dialogs::ask_export(m, &chosen, &all);
            }
        }
        Command::Delete => {
            if let Some(s) = h.selected().cloned() {
                super::dialogs::ask_delete(m, &s, fx);
            }
        }
        Command::DeleteClient => {
            let Some(client) = h.selected().and_then(|s| s.client_code.clone()) else {
                return;
            };
            let ids: Vec<String> = history::filter(&h.listing.sessions, Some(&client))
                .iter()
                .map(|s| s.id.clone())
                .collect();
            let t = &m.pack.ui.history;
            let message = fill(
                &t.confirm_delete_client,
                &[("count", &ids.len().to_string()), ("client", &client)],
            );
            let word = super::dialogs::word_to_type(Some(&client), &t.confirm_word);
            let what = Deleting::Client { code: client, ids };
            let state = DeleteState::new(what, message, word);
            super::dialogs::ask_to_delete(m, state, fx);
        }
        _ => {}
    }
}
