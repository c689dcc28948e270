//! One session, read only: scroll, resume an unfinished one, export or
//! delete it.

use super::super::effect::{Effect, ListFor};
use super::super::keys::Command;
use super::super::model::{Model, Screen};
use super::dialogs::{ask_delete, ask_export};
use super::set_screen;
use crate::notes::SessionRecord;

/// One session, read only.
pub fn loaded_detail(
    m: &mut Model,
    id: String,
    record: &SessionRecord,
    in_use: bool,
    fx: &mut Vec<Effect>,
) {
    let note = in_use.then(|| m.pack.ui.history.in_use.clone());
    let screen = Screen::Detail {
        id,
        session: Box::new(record.to_session(&m.pack)),
        finished: record.is_finished(),
        scroll: 0,
        note,
    };
    set_screen(m, screen, fx);
}

pub fn detail_command(m: &mut Model, command: Command, fx: &mut Vec<Effect>) {
    let folder = m.history.as_ref().map_or(m.folder(), |h| h.folder);
    let Screen::Detail {
        id,
        session,
        finished,
        scroll,
        ..
    } = &mut m.screen
    else {
        return;
    };
    match command {
        Command::Up => *scroll = scroll.saturating_sub(1),
        Command::Down => *scroll = scroll.saturating_add(1),
        Command::PageUp => *scroll = scroll.saturating_sub(10),
        Command::PageDown => *scroll = scroll.saturating_add(10),
        Command::Back => fx.push(Effect::List {
            folder,
            purpose: ListFor::History,
            verify: false,
        }),
        Command::Resume if !*finished => fx.push(Effect::Lock {
            folder,
            id: id.clone(),
        }),
        Command::Export => {
            let (id, client, started_at) =
                (id.clone(), session.client_code.clone(), session.started_at);
            let all = m.history.as_ref().map(|h| h.listing.sessions.clone());
            let chosen = super::dialogs::Chosen {
                id: &id,
                client: client.as_deref(),
                started_at,
            };
            ask_export(m, &chosen, &all.unwrap_or_default());
        }
        Command::Delete => {
            let summary = m
                .history
                .as_ref()
                .and_then(|h| h.listing.sessions.iter().find(|s| s.id == *id).cloned());
            if let Some(s) = summary {
                ask_delete(m, &s, fx);
            }
        }
        _ => {}
    }
}
