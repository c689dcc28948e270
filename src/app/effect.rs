//! What `update` asks of the world, as data. The runtime runs each effect –
//! disk, threads, the terminal – and answers with a message.

use chrono::{DateTime, FixedOffset};

use std::path::PathBuf;

use crate::notes::SessionRecord;

/// Which notes folder: a conversation's or practising alone's. Each record
/// goes to the writer with its folder, so one writer serves both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Folder {
    Clients,
    Practice,
}

/// What a listing is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFor {
    Menu,
    History,
}

/// What a loaded record is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadFor {
    Detail,
    Resume,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// The volunteer's report (Markdown).
    Report,
    /// A take-home sheet for the client (Markdown).
    ForClient,
    Json,
}

#[derive(Debug)]
pub enum Effect {
    /// Hand the newest state of a session to the writer; `urgent` writes at
    /// once, otherwise after a pause in typing.
    Save {
        folder: Folder,
        record: Box<SessionRecord>,
        urgent: bool,
        seq: u64,
    },
    /// Write whatever is pending and wait for it.
    Flush,
    /// List the sessions (and check them against their files after the
    /// next frame, when `verify`).
    List {
        folder: Folder,
        purpose: ListFor,
        verify: bool,
    },
    Load {
        folder: Folder,
        id: String,
        purpose: LoadFor,
    },
    /// Find the latest earlier session of this client.
    FindPrevious {
        client: String,
    },
    /// A new file name for a session started at `at`, with its lock.
    Reserve {
        folder: Folder,
        at: DateTime<FixedOffset>,
    },
    /// Lock a saved session before editing it (resume): answers with
    /// `Loaded` for `Resume`, or an error when another window has it.
    Lock {
        folder: Folder,
        id: String,
    },
    Unlock {
        folder: Folder,
        id: String,
    },
    /// Take in what a check found (the index learns of changed files).
    Remember {
        folder: Folder,
        found: Box<crate::notes::Verification>,
    },
    /// Read the search texts of these sessions, on a thread.
    ReadTexts {
        folder: Folder,
        ids: Vec<String>,
    },
    Export {
        folder: Folder,
        ids: Vec<String>,
        kind: ExportKind,
        /// One client's sessions carry the code in the file name, so that
        /// deleting the client finds the file.
        client: Option<String>,
        at: DateTime<FixedOffset>,
    },
    /// Read the overview of what is kept (AVG), for its window.
    Privacy,
    /// Write one setting to `config.toml` in `dir`.
    SaveSetting {
        dir: std::path::PathBuf,
        key: crate::config::Key,
        value: crate::config::Value,
    },
    /// Count what a deletion would remove, for its question.
    CountCopies {
        folder: Folder,
        what: crate::app::screens::Deleting,
    },
    /// Move sessions to the trash (not those open in another window).
    /// With `client`, also the damaged files that name that client.
    Trash {
        folder: Folder,
        ids: Vec<String>,
        client: Option<String>,
    },
    ListTrash {
        folder: Folder,
    },
    Restore {
        folder: Folder,
        file_name: String,
    },
    /// Remove these files from the trash for good (only these: another
    /// window may have put more there since the question was asked).
    EmptyTrash {
        folder: Folder,
        names: Vec<String>,
    },
    /// A copy of the record in the home folder, for when the data folder
    /// cannot be written.
    SaveCopy {
        record: Box<SessionRecord>,
    },
    /// Draw everything again, from a cleared screen.
    Redraw,
    /// Give the terminal back and stop the process until it is continued.
    Suspend,
    /// Take the terminal again after a stop (raw mode, alternate screen).
    Reclaim,
    /// Open a file with the platform's own program (the hand-out, to print).
    Open {
        path: PathBuf,
    },
    /// A blank session left (nothing in it): its file goes, after
    /// everything pending is written.
    Discard {
        folder: Folder,
        id: String,
    },
    Quit,
}
