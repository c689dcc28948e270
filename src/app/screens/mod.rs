//! Each screen's state and what its keys do, one file each; `update`
//! dispatches to them.

pub mod field;
pub mod history;
pub mod menu;
pub mod session;

use ratatui_textarea::TextArea;

use super::effect::{Effect, ExportKind};
use super::model::{Model, Screen};

pub use menu::MenuState;

/// What a confirmed delete removes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deleting {
    /// Sessions, to the trash.
    Sessions(Vec<String>),
    /// Everything in the trash, for good.
    Trash,
}

/// The question before deleting: the client code (or the pack's word) must
/// be typed, which no stray key gives.
pub struct DeleteState {
    pub what: Deleting,
    pub message: String,
    /// What must be typed, as shown.
    pub word: String,
    pub typed: TextArea<'static>,
}

impl DeleteState {
    pub fn new(what: Deleting, message: String, word: String) -> Self {
        DeleteState {
            what,
            message,
            word,
            typed: field::single_line(),
        }
    }

    /// The typed text matches (case and surrounding spaces aside).
    pub fn confirmed(&self) -> bool {
        field::value(&self.typed).is_some_and(|t| t.to_lowercase() == self.word.to_lowercase())
    }
}

/// Choosing what to export, for these sessions.
pub struct ExportState {
    pub ids: Vec<String>,
    pub client: Option<String>,
    pub cursor: usize,
}

pub const EXPORT_KINDS: [ExportKind; 3] =
    [ExportKind::Report, ExportKind::ForClient, ExportKind::Json];

/// Replaces the screen; leaving a session being written releases its lock.
pub fn set_screen(m: &mut Model, screen: Screen, fx: &mut Vec<Effect>) {
    let old = std::mem::replace(&mut m.screen, screen);
    if let Screen::Session(live) = old {
        let still = matches!(&m.screen, Screen::Session(now) if now.id == live.id);
        if !still {
            fx.push(Effect::Unlock {
                folder: live.folder,
                id: live.id,
            });
        }
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
