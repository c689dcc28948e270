//! Everything that can happen to the app, as data. The terminal, the writer,
//! signals and helper threads each turn what they see into a `Msg` on the
//! runtime's one channel; effects the runtime runs at once answer with one.

use std::collections::HashSet;
use std::io::ErrorKind;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use crossterm::event::KeyEvent;

use super::effect::{ExportKind, Folder, ListFor, LoadFor};
use crate::notes::{Listing, SessionRecord, Trashed, Verification};
use crate::session::Previous;

#[derive(Debug)]
pub enum Msg {
    /// The app opens: the first screen is chosen.
    Start(DateTime<FixedOffset>),
    Key {
        key: KeyEvent,
        at: DateTime<FixedOffset>,
    },
    /// Characters that arrived in one burst from the terminal (a paste
    /// without bracketed paste, a fast typist over a slow line): typed as
    /// one, so a flood costs one edit instead of one per key. A line break
    /// inside a burst is a new line, not Enter.
    Text {
        text: String,
        at: DateTime<FixedOffset>,
    },
    Paste {
        text: String,
        at: DateTime<FixedOffset>,
    },
    Resize,
    /// The quiet clock turned a minute.
    Tick(DateTime<FixedOffset>),
    /// Every message waiting was handled: the session catches up with the
    /// notes field once per batch, not once per key.
    Drained,
    Saved {
        path: PathBuf,
        seq: u64,
    },
    SaveFailed {
        reason: ErrorKind,
        seq: u64,
    },
    /// What a flush found: `None` when nothing was waiting.
    Flushed(Option<Result<PathBuf, ErrorKind>>),
    Listed {
        folder: Folder,
        purpose: ListFor,
        listing: Box<Listing>,
        /// Sessions open in another window right now.
        locked: HashSet<String>,
    },
    Loaded {
        folder: Folder,
        id: String,
        purpose: LoadFor,
        result: Result<Box<SessionRecord>, ErrorKind>,
        /// Open in another window right now.
        in_use: bool,
    },
    /// The client's previous session, looked up for a new one, and an open
    /// session of theirs (id, start) to offer first.
    FoundPrevious(
        Option<Previous>,
        Option<(String, chrono::DateTime<chrono::FixedOffset>)>,
    ),
    /// A new session's file name, reserved with its lock.
    Reserved {
        id: String,
    },
    Verified {
        folder: Folder,
        found: Box<Verification>,
    },
    /// The texts of these sessions, for the search.
    TextsRead {
        ids: Vec<String>,
        texts: Vec<String>,
    },
    Exported {
        kind: ExportKind,
        result: Result<(PathBuf, usize), (PathBuf, ErrorKind)>,
        /// The file can be opened here (offered for the client's sheet).
        openable: bool,
        /// Written encrypted (the data folder is).
        sealed: bool,
    },
    /// The overview of what is kept, read from the folder.
    PrivacyRead(Box<crate::notes::privacy::Overview>),
    /// What a deletion would remove, counted.
    CopiesCounted {
        what: crate::app::screens::Deleting,
        copies: crate::notes::Copies,
    },
    Trashed {
        count: usize,
    },
    TrashListed(Vec<Trashed>),
    /// The settings file was written (its path), or why not.
    SettingsSaved(Result<std::path::PathBuf, ErrorKind>),
    Restored(Result<String, ErrorKind>),
    TrashEmptied(Result<usize, ErrorKind>),
    /// A copy of the session outside the data folder (F5).
    CopySaved(Result<PathBuf, (PathBuf, ErrorKind)>),
    /// SIGTERM, SIGHUP, SIGINT, a closed console: save and stop.
    Terminate,
    /// The terminal is gone (a read failed): save and stop.
    InputGone,
    /// SIGTSTP: save, give the terminal back, stop.
    Suspend,
    /// SIGCONT (a shell's `fg`): take the terminal again and redraw.
    Resumed,
}
