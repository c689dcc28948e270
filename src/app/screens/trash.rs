//! The trash, listed in the notes: deleted sessions wait there for 30
//! days, to be restored with Enter or removed for good on request.

use super::super::effect::{Effect, ListFor};
use super::super::keys::Command;
use super::super::model::{Model, Screen};
use super::{DeleteState, Deleting, list_delta, menu, step_cursor};
use crate::content::fill;
use crate::notes::Trashed;

/// The trash, listed in place of the sessions.
pub struct TrashState {
    pub items: Vec<Trashed>,
    pub cursor: usize,
}

/// A key on the trash.
pub fn command(m: &mut Model, command: Command, fx: &mut Vec<Effect>) {
    let Some(h) = m.history.as_mut() else {
        return;
    };
    let Some(trash) = &mut h.trash else {
        return;
    };
    if let Some(delta) = list_delta(command) {
        trash.cursor = step_cursor(trash.cursor, trash.items.len(), delta);
        return;
    }
    let folder = h.folder;
    match command {
        Command::Back => h.trash = None,
        Command::Restore => {
            if let Some(item) = trash.items.get(trash.cursor) {
                fx.push(Effect::Restore {
                    folder,
                    file_name: item.file_name.clone(),
                });
            }
        }
        Command::EmptyTrash if !trash.items.is_empty() => {
            let t = &m.pack.ui.history;
            let count = trash.items.len().to_string();
            let message = fill(&t.confirm_empty_trash, &[("count", &count)]);
            let names = trash.items.iter().map(|i| i.file_name.clone()).collect();
            let state = DeleteState::new(Deleting::Trash(names), message, t.confirm_word.clone());
            super::dialogs::ask_to_delete(m, state, fx);
        }
        _ => {}
    }
}

/// Sessions went to the trash: say so, and list again what is left.
pub fn trashed(m: &mut Model, count: usize, fx: &mut Vec<Effect>) {
    m.status = Some(if count == 0 && m.options.read_only {
        // Nothing can go where nothing can be written: said as such.
        let path = m.data_root.display().to_string();
        fill(&m.pack.ui.app.read_only_folder, &[("path", &path)])
    } else {
        fill(&m.pack.ui.history.deleted, &[("count", &count.to_string())])
    });
    match &m.screen {
        Screen::Menu(_) => menu::open_start(m, fx),
        _ => fx.push(Effect::List {
            folder: m.history.as_ref().map_or(m.folder(), |h| h.folder),
            purpose: ListFor::History,
            verify: false,
        }),
    }
}

pub fn trash_listed(m: &mut Model, items: Vec<Trashed>) {
    if let Some(h) = m.history.as_mut() {
        let cursor = h.trash.as_ref().map_or(0, |t| t.cursor);
        let cursor = cursor.min(items.len().saturating_sub(1));
        h.trash = Some(TrashState { items, cursor });
    }
}

/// A session came back from the trash (or could not).
pub fn restored(m: &mut Model, result: Result<String, std::io::ErrorKind>, fx: &mut Vec<Effect>) {
    let t = &m.pack.ui.history;
    m.status = Some(match result {
        Ok(_) => t.restored.clone(),
        Err(std::io::ErrorKind::AlreadyExists) => t.restore_exists.clone(),
        Err(e) => fill(&t.restore_failed, &[("reason", &m.pack.ui.reasons.of(e))]),
    });
    if let Some(h) = &m.history {
        let folder = h.folder;
        fx.push(Effect::ListTrash { folder });
        fx.push(Effect::List {
            folder,
            purpose: ListFor::History,
            verify: false,
        });
    }
}

pub fn trash_emptied(
    m: &mut Model,
    result: Result<usize, std::io::ErrorKind>,
    fx: &mut Vec<Effect>,
) {
    let t = &m.pack.ui.history;
    m.status = Some(match result {
        Ok(count) => fill(&t.trash_emptied, &[("count", &count.to_string())]),
        Err(e) => fill(&t.restore_failed, &[("reason", &m.pack.ui.reasons.of(e))]),
    });
    if let Some(h) = &m.history {
        fx.push(Effect::ListTrash { folder: h.folder });
    }
}
