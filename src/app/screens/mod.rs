//! Each screen's state and what its keys do, one file each; `update`
//! dispatches to them.

pub mod begin;
pub mod detail;
pub mod dialogs;
pub mod field;
pub mod history;
pub mod live;
pub mod menu;
pub mod session;
pub mod settings;
pub mod trash;

use super::effect::Effect;
use super::model::{Model, Screen};

pub use dialogs::{DeleteState, Deleting, EXPORT_KINDS, ExportState};
pub use menu::MenuState;

/// Replaces the screen; leaving a session being written releases its lock.
pub fn set_screen(m: &mut Model, screen: Screen, fx: &mut Vec<Effect>) {
    let old = std::mem::replace(&mut m.screen, screen);
    if let Screen::Session(live) = old {
        let still = matches!(&m.screen, Screen::Session(now) if now.id == live.id);
        if !still {
            leave(&live, fx);
        }
    }
}

/// A session's screen is left: its lock goes, and a blank session (begun,
/// nothing in it) with its file.
pub fn leave(live: &session::Live, fx: &mut Vec<Effect>) {
    fx.push(Effect::Unlock {
        folder: live.folder,
        id: live.id.clone(),
    });
    if live.session.is_blank() {
        fx.push(Effect::Discard {
            folder: live.folder,
            id: live.id.clone(),
        });
    }
}

/// Moves a list highlight by `delta` within `len` items.
pub fn step_cursor(cursor: usize, len: usize, delta: isize) -> usize {
    cursor
        .saturating_add_signed(delta)
        .min(len.saturating_sub(1))
}

/// How far a list command moves the highlight.
pub fn list_delta(command: super::keys::Command) -> Option<isize> {
    use super::keys::Command as C;
    match command {
        C::Up => Some(-1),
        C::Down => Some(1),
        C::PageUp => Some(-10),
        C::PageDown => Some(10),
        C::First => Some(isize::MIN / 2),
        C::Last => Some(isize::MAX / 2),
        _ => None,
    }
}
