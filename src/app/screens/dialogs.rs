//! The questions before deleting and exporting. Deleting takes the client
//! code (or a word) typed first, which no stray key gives.

use chrono::{DateTime, FixedOffset};
use ratatui_textarea::TextArea;

use super::super::effect::{Effect, ExportKind};
use super::super::keys::Command;
use super::super::model::{Model, Overlay};
use super::{field, list_delta, step_cursor};
use crate::content::fill;
use crate::notes::{Copies, Summary};

/// What a confirmed delete removes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deleting {
    /// Sessions, to the trash.
    Sessions(Vec<String>),
    /// All of a client's sessions, and the damaged files that name the
    /// client, to the trash.
    Client { code: String, ids: Vec<String> },
    /// These files in the trash (what the question counted), for good.
    Trash(Vec<String>),
}

/// The question before deleting: the client code (or the pack's word) must
/// be typed, which no stray key gives.
pub struct DeleteState {
    pub what: Deleting,
    pub message: String,
    /// What goes, once counted on disk.
    pub copies: Option<Copies>,
    /// What must be typed, as shown.
    pub word: String,
    pub typed: TextArea<'static>,
}

impl DeleteState {
    pub fn new(what: Deleting, message: String, word: String) -> Self {
        DeleteState {
            what,
            message,
            copies: None,
            word,
            typed: field::single_line(),
        }
    }

    /// The typed text matches (case and surrounding spaces aside).
    pub fn confirmed(&self) -> bool {
        field::value(&self.typed).is_some_and(|t| t.to_lowercase() == self.word.to_lowercase())
    }
}

/// Which sessions an export takes: never more than the one highlighted, or
/// all of one client's.
pub struct Scope {
    pub ids: Vec<String>,
    /// The client they all belong to (checked again in each file).
    pub client: Option<String>,
    pub label: String,
}

/// Choosing what to export (`cursor`) and of which sessions (`scope`).
pub struct ExportState {
    pub scopes: Vec<Scope>,
    pub scope: usize,
    pub cursor: usize,
}

impl ExportState {
    pub fn chosen(&self) -> Option<&Scope> {
        self.scopes.get(self.scope)
    }
}

pub const EXPORT_KINDS: [ExportKind; 3] =
    [ExportKind::Report, ExportKind::ForClient, ExportKind::Json];

/// The question before deleting one session: its client code must be
/// typed (or, without one, the pack's word).
pub(super) fn ask_delete(m: &mut Model, s: &Summary, fx: &mut Vec<Effect>) {
    let t = &m.pack.ui.history;
    let date = crate::dates::day_time(s.started_at, &m.pack);
    let message = fill(&t.confirm_delete, &[("date", &date)]);
    let word = word_to_type(s.client_code.as_deref(), &t.confirm_word);
    let state = DeleteState::new(Deleting::Sessions(vec![s.id.clone()]), message, word);
    ask_to_delete(m, state, fx);
}

/// What must be typed to delete: the client code as it is shown (without
/// control characters or surrounding spaces, which no one can type), or the
/// pack's word when there is none left.
pub(super) fn word_to_type(code: Option<&str>, fallback: &str) -> String {
    code.map(|c| crate::text::printable(c).trim().to_string())
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| fallback.to_string())
}

/// Puts the question before deleting on screen at once (what is typed next
/// goes into it), and has what goes counted on disk.
pub(super) fn ask_to_delete(m: &mut Model, state: DeleteState, fx: &mut Vec<Effect>) {
    let folder = m.history.as_ref().map_or(m.folder(), |h| h.folder);
    fx.push(Effect::CountCopies {
        folder,
        what: state.what.clone(),
    });
    m.overlay = Some(Overlay::ConfirmDelete(Box::new(state)));
}

/// The count of what goes reaches the question it was made for.
pub fn copies_counted(m: &mut Model, what: &Deleting, copies: Copies) {
    if let Some(Overlay::ConfirmDelete(state)) = &mut m.overlay
        && state.what == *what
    {
        state.copies = Some(copies);
    }
}

/// The session to export from, as the list or the open session knows it.
pub(super) struct Chosen<'a> {
    pub id: &'a str,
    pub client: Option<&'a str>,
    pub started_at: DateTime<FixedOffset>,
}

/// Asks what to export: the chosen session, or (←/→) every session of its
/// client among `all`.
pub(super) fn ask_export(m: &mut Model, chosen: &Chosen, all: &[Summary]) {
    let t = &m.pack.ui.export;
    let date = crate::dates::day_time(chosen.started_at, &m.pack);
    let mut scopes = vec![Scope {
        ids: vec![chosen.id.to_string()],
        client: chosen.client.map(str::to_string),
        label: fill(&t.scope_session, &[("date", &date)]),
    }];
    if let Some(code) = chosen.client {
        let theirs: Vec<String> = crate::notes::history::filter(all, Some(code))
            .iter()
            .map(|s| s.id.clone())
            .collect();
        if theirs.len() > 1 {
            let label = fill(
                &t.scope_client,
                &[("count", &theirs.len().to_string()), ("client", code)],
            );
            scopes.push(Scope {
                ids: theirs,
                client: Some(code.to_string()),
                label,
            });
        }
    }
    m.overlay = Some(Overlay::Export(ExportState {
        scopes,
        scope: 0,
        cursor: 0,
    }));
}

pub fn export_command(m: &mut Model, command: Command, fx: &mut Vec<Effect>) {
    let Some(Overlay::Export(state)) = &mut m.overlay else {
        return;
    };
    if let Some(delta) = list_delta(command) {
        state.cursor = step_cursor(state.cursor, EXPORT_KINDS.len(), delta);
        return;
    }
    match command {
        Command::Less => state.scope = state.scope.saturating_sub(1),
        Command::More => state.scope = (state.scope + 1).min(state.scopes.len().saturating_sub(1)),
        Command::Confirm => {
            if let Some(Overlay::Export(mut state)) = m.overlay.take()
                && state.scope < state.scopes.len()
            {
                let scope = state.scopes.swap_remove(state.scope);
                let folder = m.history.as_ref().map_or(m.folder(), |h| h.folder);
                fx.push(Effect::Export {
                    folder,
                    ids: scope.ids,
                    kind: EXPORT_KINDS[state.cursor.min(EXPORT_KINDS.len() - 1)],
                    client: scope.client,
                    at: m.now,
                });
            }
        }
        Command::Close => m.overlay = None,
        _ => {}
    }
}

pub fn delete_command(m: &mut Model, command: Command, fx: &mut Vec<Effect>) {
    let Some(Overlay::ConfirmDelete(state)) = m.overlay.take() else {
        return;
    };
    // Enter with the word typed deletes; anything else closes the question.
    if command != Command::Confirm || !state.confirmed() {
        return;
    }
    let folder = m.history.as_ref().map_or(m.folder(), |h| h.folder);
    match state.what {
        Deleting::Sessions(ids) => fx.push(Effect::Trash {
            folder,
            ids,
            client: None,
        }),
        Deleting::Client { code, ids } => fx.push(Effect::Trash {
            folder,
            ids,
            client: Some(code),
        }),
        Deleting::Trash(names) => fx.push(Effect::EmptyTrash { folder, names }),
    }
}
