//! The folder of session notes: one JSON file per session, a lock file per
//! session being edited, and a folder where unreadable files are moved aside.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use super::atomic::write_atomic;
use super::index::{self, INDEX_FILE};
use super::journal;
use super::lock::SessionLock;
use super::record::{RECORD_SCHEMA, SessionRecord};
use super::seal::Seal;
use super::summary::{Stamp, Summary};

/// The folder of session files inside a data folder.
pub const SESSIONS: &str = "sessies";
const DAMAGED: &str = "beschadigd";
/// From this size of index (about 2,000 sessions) listing uses three threads.
const PARALLEL_FROM_BYTES: usize = 200_000;

#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
    /// Plain, or the folder's key: every file goes through it.
    seal: Seal,
    /// The data folder whose key file rules this one (itself, or the data
    /// folder a practice folder is inside).
    key_root: PathBuf,
}

/// An encrypted folder opened without its key: nothing may be written
/// there in plaintext (the cause of the `io::Error` that says so).
#[derive(Debug)]
pub struct FolderLocked;

impl std::fmt::Display for FolderLocked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the data folder is encrypted: its passphrase is needed")
    }
}

impl std::error::Error for FolderLocked {}

fn locked() -> io::Error {
    io::Error::new(io::ErrorKind::PermissionDenied, FolderLocked)
}

/// Why a file could not be read as a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    Empty,
    NotUtf8,
    NotJson,
    UnknownSchema,
    /// Written by a newer denkcoach: left where it is, untouched.
    Newer,
    Unreadable,
    /// Encrypted with another key than this folder's: left as it is.
    Sealed,
}

impl Damage {
    /// A file that is whole but not ours to read: it stays where it is.
    pub fn stays_put(self) -> bool {
        matches!(self, Damage::Newer | Damage::Sealed)
    }
}

/// A file that is kept, but cannot be shown as a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damaged {
    pub file_name: String,
    pub damage: Damage,
}

/// Every session in the folder, newest first, and the damaged files.
#[derive(Debug, Default)]
pub struct Listing {
    pub sessions: Vec<Summary>,
    pub damaged: Vec<Damaged>,
    /// Sessions with a lock file beside them (held or left behind).
    pub lock_files: HashSet<String>,
    /// Sessions with a journal beside them: open in a window, or left by a
    /// killed process for [`Store::recover`].
    pub journal_files: HashSet<String>,
    /// What the folder needs fixed; listing itself changes nothing.
    pub repairs: Repairs,
}

/// What a listing found that the folder should have fixed. Listing only
/// reads (another window may hold a session half-way through a save);
/// [`Store::repair`] does this, as a step of its own.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Repairs {
    /// The index is out of date: new or vanished files, unreadable lines,
    /// or many saves appended.
    pub index: bool,
    /// Session files that cannot be read (and are not a newer version's),
    /// to be moved into `beschadigd/`.
    pub unreadable: Vec<String>,
}

impl Listing {
    /// Takes in what a verification found.
    pub fn apply(&mut self, found: Verification) {
        let gone: HashSet<&str> = found
            .gone
            .iter()
            .map(String::as_str)
            .chain(found.damaged.iter().map(|d| d.id.as_str()))
            .collect();
        self.sessions.retain(|s| !gone.contains(s.id.as_str()));
        for updated in found.updated {
            match self.sessions.iter_mut().find(|s| s.id == updated.id) {
                Some(s) => *s = updated,
                None => self.sessions.push(updated),
            }
        }
        self.damaged
            .extend(found.damaged.into_iter().map(|d| d.damaged));
        sort_newest_first(&mut self.sessions);
    }
}

/// What checking the index against the files found.
#[derive(Debug, Default, Clone)]
pub struct Verification {
    /// Files that changed since the index saw them, read again.
    pub updated: Vec<Summary>,
    /// Files that went away.
    pub gone: Vec<String>,
    /// Files that changed into something unreadable (moved aside by
    /// [`Store::remember`], not by the check).
    pub damaged: Vec<DamagedSession>,
}

impl Verification {
    pub fn is_empty(&self) -> bool {
        self.updated.is_empty() && self.gone.is_empty() && self.damaged.is_empty()
    }
}

#[derive(Debug, Clone)]
pub struct DamagedSession {
    pub id: String,
    pub damaged: Damaged,
}

impl Store {
    /// Opens (and if needed creates) the data folder, private to this user.
    /// An encrypted folder is refused: see [`Store::open_with`].
    pub fn open(root: &Path) -> io::Result<Store> {
        Store::open_with(root, Seal::plain())
    }

    /// The same with the folder's key (from [`Seal::unlock`]), or plain.
    pub fn open_with(root: &Path, seal: Seal) -> io::Result<Store> {
        if !seal.is_on() && Seal::required(root) {
            return Err(locked());
        }
        let store = Store {
            root: root.to_path_buf(),
            seal,
            key_root: root.to_path_buf(),
        };
        // The data folder is made private when we create it; an existing
        // folder the user pointed us to keeps its mode. Our own subfolder is
        // always private.
        if !store.root.exists() {
            private_dir(&store.root)?;
        }
        private_dir(&store.sessions_dir())?;
        store.check_writable()?;
        Ok(store)
    }

    /// An existing data folder, only to read: nothing is created, probed or
    /// written (an export from a read-only disk).
    pub fn open_read_only(root: &Path) -> io::Result<Store> {
        Store::open_read_only_with(root, Seal::plain())
    }

    pub fn open_read_only_with(root: &Path, seal: Seal) -> io::Result<Store> {
        if !seal.is_on() && Seal::required(root) {
            return Err(locked());
        }
        let store = Store {
            root: root.to_path_buf(),
            seal,
            key_root: root.to_path_buf(),
        };
        fs::read_dir(&store.root)?;
        Ok(store)
    }

    /// Creates and removes an empty file, so an unwritable folder is
    /// reported before a session begins, not halfway through it. (Empty:
    /// writing data too made this a third of the data folder's start-up
    /// cost on ext4, and tells nothing more.)
    fn check_writable(&self) -> io::Result<()> {
        let probe = self
            .sessions_dir()
            .join(format!(".schrijftest-{}", std::process::id()));
        fs::File::create(&probe)?;
        fs::remove_file(&probe)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// What this folder's files are written with.
    pub fn seal(&self) -> &Seal {
        &self.seal
    }

    /// A folder inside this one (practice sessions), with the same key.
    pub fn inner(&self, name: &str) -> io::Result<Store> {
        let mut inner = Store::open_with(&self.root.join(name), self.seal.clone())?;
        inner.key_root = self.key_root.clone();
        Ok(inner)
    }

    /// What to write with: this folder's seal – or, when the folder was
    /// encrypted after this one was opened (`beveilig` from another
    /// window), its public half, so nothing is written in plaintext there
    /// (and nothing is lost: it is written, only not readable here).
    pub fn writing_seal(&self) -> io::Result<std::borrow::Cow<'_, Seal>> {
        let required = Seal::required(&self.key_root);
        if self.seal.is_on() && !required {
            // Decrypted meanwhile (`beveilig uit` from another window): a
            // file for the key just removed could never be opened again.
            return Ok(std::borrow::Cow::Owned(Seal::plain()));
        }
        if self.seal.is_on() || !required {
            return Ok(std::borrow::Cow::Borrowed(&self.seal));
        }
        Seal::write_only(&self.key_root)
            .map(std::borrow::Cow::Owned)
            .map_err(|_| locked())
    }

    /// A session from a file's bytes: decrypted (when it is encrypted)
    /// and parsed, or why not.
    pub fn read_record(&self, bytes: &[u8]) -> Result<SessionRecord, Damage> {
        let plain = self.seal.open(bytes).map_err(|_| Damage::Sealed)?;
        parse(&plain)
    }

    pub fn sessions_dir(&self) -> PathBuf {
        self.root.join(SESSIONS)
    }

    pub fn damaged_dir(&self) -> PathBuf {
        self.sessions_dir().join(DAMAGED)
    }

    pub fn path_of(&self, id: &str) -> PathBuf {
        self.sessions_dir().join(format!("{id}.json"))
    }

    pub fn lock_path(&self, id: &str) -> PathBuf {
        self.sessions_dir().join(format!("{id}.lock"))
    }

    /// The edits since the last snapshot (see `journal.rs`).
    pub fn journal_path(&self, id: &str) -> PathBuf {
        self.sessions_dir().join(format!("{id}.journal"))
    }

    pub fn index_path(&self) -> PathBuf {
        self.sessions_dir().join(INDEX_FILE)
    }

    /// A new id from the start time, unique in this folder.
    pub fn new_id(&self, started_at: DateTime<FixedOffset>) -> String {
        let base = started_at.format("%Y-%m-%d_%H%M%S").to_string();
        let mut id = base.clone();
        let mut n = 2;
        while self.path_of(&id).exists()
            || self.lock_path(&id).exists()
            || self.journal_path(&id).exists()
        {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    pub fn save(&self, record: &SessionRecord) -> io::Result<PathBuf> {
        let path = self.path_of(&record.id);
        let seal = self.writing_seal()?;
        let json = serde_json::to_vec_pretty(record).map_err(io::Error::other)?;
        write_atomic(&path, &seal.seal(&json)?)?;
        // The index follows; if this fails, listing notices the file.
        if let Ok(meta) = fs::metadata(&path) {
            let summary = Summary::of(&record.id, record, Stamp::of(&meta));
            let _ = index::append(&self.index_path(), [&summary], &seal);
        }
        Ok(path)
    }

    /// A session as last typed: its journal's newest record when a killed
    /// process left one (it is never older than the snapshot), else the
    /// snapshot.
    pub fn load(&self, id: &str) -> io::Result<SessionRecord> {
        if let Some(record) =
            journal::latest(&self.journal_path(id), &self.seal).filter(|r| r.id == id)
        {
            return Ok(record);
        }
        let bytes = fs::read(self.path_of(id))?;
        self.read_record(&bytes)
            .map_err(|d| io::Error::new(io::ErrorKind::InvalidData, format!("{d:?}")))
    }

    /// Locks a session for editing; `None` when another window has it.
    pub fn lock(&self, id: &str) -> io::Result<Option<SessionLock>> {
        SessionLock::try_acquire(self.lock_path(id))
    }

    pub fn is_locked(&self, id: &str) -> bool {
        SessionLock::is_held(&self.lock_path(id))
    }

    /// Lists every session from the index, reading only the files the
    /// index does not know (and leaving out entries whose file is gone). A
    /// file that cannot be read is listed as damaged. Nothing is written or
    /// moved: what needs fixing is in [`Listing::repairs`], for
    /// [`Store::repair`]. Files changed in place since the index saw them
    /// are found by [`Store::verify`].
    pub fn list(&self) -> io::Result<Listing> {
        let text = index::read_text(&self.index_path(), &self.seal);
        // With many sessions the work is shared out: one thread reads the
        // folder (10,000 entries take 8 ms here), one parses the index's
        // second half while this one parses the first (for a few sessions,
        // starting threads costs more than it saves).
        let (known, folder) = match &text {
            Some(Ok(index::IndexText { text, .. })) if text.len() > PARALLEL_FROM_BYTES => {
                let (first, second) = index::halves(text);
                let (known, rest) = std::thread::scope(|scope| {
                    let folder = scope.spawn(|| self.read_folder());
                    let later = scope.spawn(|| index::parse(second));
                    let known = index::parse(first);
                    (known, folder.join().and_then(|f| Ok((f, later.join()?))))
                });
                let (folder, later) =
                    rest.map_err(|_| io::Error::other("listing the sessions failed"))?;
                (known.followed_by(later), folder?)
            }
            Some(Ok(index::IndexText { text, .. })) => (index::parse(text), self.read_folder()?),
            Some(Err(())) => (index::Loaded::unusable(), self.read_folder()?),
            None => (index::Loaded::default(), self.read_folder()?),
        };
        let lines = known.entries.len();
        // Each id's last line in the index, and whether its file is there.
        let by_id: HashMap<&str, usize> = known
            .entries
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let mut present = vec![false; lines];
        let mut unindexed = Vec::new();
        let mut listing = Listing {
            lock_files: folder.locks,
            journal_files: folder.journals,
            ..Listing::default()
        };
        for id in folder.sessions {
            match by_id.get(id.as_str()) {
                Some(i) => present[*i] = true,
                None => unindexed.push(id),
            }
        }
        let indexed = by_id.len();
        drop(by_id);
        let found = present.iter().filter(|p| **p).count();
        listing.sessions = known
            .entries
            .into_iter()
            .zip(present)
            .filter_map(|(s, here)| here.then_some(s))
            .collect();
        // A newer version's file is read at every listing, but changes
        // nothing the index holds.
        let mut read_files = false;
        for id in unindexed {
            match self.read_summary(&id) {
                Ok(summary) => {
                    read_files = true;
                    listing.sessions.push(summary);
                }
                Err(damage) => {
                    read_files |= !damage.stays_put();
                    let file_name = format!("{id}.json");
                    // A newer program's session stays for that program
                    // (and another key's for that key).
                    if !damage.stays_put() {
                        listing.repairs.unreadable.push(id);
                    }
                    listing.damaged.push(Damaged { file_name, damage });
                }
            }
        }
        // Entries without a file, unreadable lines, new files, or many
        // appended lines (saves): the index is written afresh.
        let drifted = lines > found + 64 + found / 4;
        // Encrypted, each appended line is decrypted on its own (tens of
        // microseconds each): rewritten as one after a few dozen.
        let read = text.as_ref().and_then(|t| t.as_ref().ok());
        let pieces = read.map_or(0, |t| t.sealed_lines);
        // And an index from before encryption is rewritten encrypted.
        let plain = read.is_some_and(|t| t.plain_lines > 0);
        let drifted = drifted || pieces > 64 || (self.seal.is_on() && plain);
        listing.repairs.index = read_files || found < indexed || known.damaged || drifted;
        if let Ok(entries) = fs::read_dir(self.damaged_dir()) {
            for entry in entries.flatten() {
                let file_name = entry.file_name().to_string_lossy().into_owned();
                if !listing.damaged.iter().any(|d| d.file_name == file_name) {
                    // Only plain files are read: a FIFO would never answer,
                    // a link to a device never end.
                    let plain = entry.file_type().is_ok_and(|t| t.is_file());
                    let damage = Some(entry.path())
                        .filter(|_| plain)
                        .ok_or(Damage::Unreadable)
                        .and_then(|path| fs::read(path).map_err(|_| Damage::Unreadable))
                        .and_then(|bytes| self.read_record(&bytes))
                        .err()
                        .unwrap_or(Damage::Unreadable);
                    listing.damaged.push(Damaged { file_name, damage });
                }
            }
        }
        sort_newest_first(&mut listing.sessions);
        listing
            .damaged
            .sort_by(|a, b| a.file_name.cmp(&b.file_name));
        Ok(listing)
    }

    /// Every session's id, oldest first (an id is its start time), from the
    /// folder itself: no index read or written, so it works on a read-only
    /// disk and costs little memory with 100,000 sessions.
    pub fn ids(&self) -> io::Result<Vec<String>> {
        let mut ids = match self.read_folder() {
            Ok(folder) => folder.sessions,
            // No session was ever saved here.
            Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(e),
        };
        ids.sort_unstable();
        Ok(ids)
    }

    /// The session files (by id) and lock files in the sessions folder.
    fn read_folder(&self) -> io::Result<Folder> {
        let mut folder = Folder::default();
        for entry in fs::read_dir(self.sessions_dir())? {
            let entry = entry?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                continue;
            };
            if let Some(id) = name.strip_suffix(".lock") {
                folder.locks.insert(id.to_string());
            } else if let Some(id) = name.strip_suffix(".journal") {
                folder.journals.insert(id.to_string());
            } else if let Some(id) = name.strip_suffix(".json")
                && entry.file_type().is_ok_and(|t| t.is_file())
            {
                folder.sessions.push(id.to_string());
            }
        }
        Ok(folder)
    }

    /// Brings the folder in line with what a listing found: unreadable
    /// session files move into `beschadigd/` (kept as they are, never
    /// overwritten) and the index is written afresh. A session a live
    /// window holds is that window's and stays where it is, as does a file
    /// that has become readable since. Returns how many files were moved.
    pub fn repair(&self, listing: &Listing) -> usize {
        let moved = self.set_aside(listing.repairs.unreadable.iter());
        if listing.repairs.index {
            // Oldest first, as saves append: the next listing finds it in
            // order and only has to turn it around.
            let _ = index::write(
                &self.index_path(),
                listing.sessions.iter().rev(),
                &self.seal,
            );
        }
        moved
    }

    /// Moves these unreadable sessions aside, unless a live window holds
    /// one or it can be read (or is a newer version's) by now.
    fn set_aside<'a>(&self, ids: impl Iterator<Item = &'a String>) -> usize {
        ids.filter(|id| {
            let path = self.path_of(id);
            let still_unreadable = fs::read(&path)
                .map_err(|_| Damage::Unreadable)
                .and_then(|bytes| self.read_record(&bytes))
                .is_err_and(|damage| !damage.stays_put());
            still_unreadable && !self.is_locked(id) && self.move_aside(&path, &format!("{id}.json"))
        })
        .count()
    }

    /// Compares the index's entries with their files (size and time) and
    /// reads again the ones that changed. Takes a while for many sessions,
    /// so the app runs it on a thread after the list is on screen, and
    /// hands what changed to [`Store::remember`] itself (so a deletion in
    /// the meantime cannot be undone by it).
    pub fn verify(&self, stamps: &[(String, Stamp)]) -> Verification {
        let mut found = Verification::default();
        for (id, stamp) in stamps {
            let path = self.path_of(id);
            match fs::metadata(&path) {
                Ok(meta) if Stamp::of(&meta) == *stamp => {}
                Ok(_) => match self.read_summary(id) {
                    Ok(summary) => found.updated.push(summary),
                    Err(damage) => {
                        let file_name = format!("{id}.json");
                        found.damaged.push(DamagedSession {
                            id: id.clone(),
                            damaged: Damaged { file_name, damage },
                        });
                    }
                },
                Err(_) => found.gone.push(id.clone()),
            }
        }
        found
    }

    /// Takes in what a check found, as a step of its own: the index learns
    /// of changed files, and files that became unreadable move aside (as in
    /// [`Store::repair`]).
    pub fn remember(&self, found: &Verification) {
        let fresh = found
            .updated
            .iter()
            .filter(|s| self.path_of(&s.id).exists());
        let _ = index::append(&self.index_path(), fresh, &self.seal);
        self.set_aside(found.damaged.iter().map(|d| &d.id));
    }

    /// The summary of one session file, with the file's stamp.
    fn read_summary(&self, id: &str) -> Result<Summary, Damage> {
        let mut file = fs::File::open(self.path_of(id)).map_err(|_| Damage::Unreadable)?;
        let stamp = file
            .metadata()
            .map(|m| Stamp::of(&m))
            .map_err(|_| Damage::Unreadable)?;
        let mut bytes = Vec::with_capacity(usize::try_from(stamp.len).unwrap_or(0));
        io::Read::read_to_end(&mut file, &mut bytes).map_err(|_| Damage::Unreadable)?;
        let record = self.read_record(&bytes)?;
        Ok(Summary::of(id, &record, stamp))
    }

    /// The full records of these sessions, in the order given; a file that
    /// cannot be read (any more) is left out.
    pub fn load_all<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> Vec<SessionRecord> {
        ids.into_iter()
            .filter_map(|id| self.load(id).ok())
            .collect()
    }

    fn move_aside(&self, path: &Path, file_name: &str) -> bool {
        if private_dir(&self.damaged_dir()).is_err() {
            return false;
        }
        let mut target = self.damaged_dir().join(file_name);
        let mut n = 2;
        while target.exists() {
            target = self.damaged_dir().join(format!("{file_name}.{n}"));
            n += 1;
        }
        fs::rename(path, target).is_ok()
    }

    /// Removes these sessions, except those open in another window; returns
    /// how many went. The index is rewritten once, without them.
    pub fn delete_unlocked(&self, ids: &[String]) -> usize {
        let gone: Vec<&str> = ids
            .iter()
            .map(String::as_str)
            .filter(|id| !self.is_locked(id) && self.remove_files(id).is_ok())
            .collect();
        self.forget(&gone);
        gone.len()
    }

    pub(super) fn remove_files(&self, id: &str) -> io::Result<()> {
        fs::remove_file(self.path_of(id))?;
        let _ = fs::remove_file(self.lock_path(id));
        self.remove_traces(id);
        Ok(())
    }

    /// Drops deleted sessions from the index, so no trace of them (not even
    /// a client code) stays behind in it.
    pub(super) fn forget(&self, ids: &[&str]) {
        let path = self.index_path();
        let mut known = index::read(&path, &self.seal);
        known.entries.retain(|s| !ids.contains(&s.id.as_str()));
        if index::write(&path, &known.entries, &self.seal).is_err() {
            // An index that may still name them is removed: it is only a cache.
            let _ = fs::remove_file(&path);
        }
        sync_dir(&self.sessions_dir());
    }
}

#[derive(Default)]
struct Folder {
    sessions: Vec<String>,
    locks: HashSet<String>,
    journals: HashSet<String>,
}

/// Each session's id and the stamp the index has for it, to verify.
pub fn stamps(listing: &Listing) -> Vec<(String, Stamp)> {
    listing
        .sessions
        .iter()
        .map(|s| (s.id.clone(), s.stamp))
        .collect()
}

/// Newest first (by start, then id). The index is kept oldest first, so
/// usually the list only needs turning around; moving 10,000 summaries into
/// a new list instead took 5–7 ms on the way to the history's first frame.
fn sort_newest_first(sessions: &mut [Summary]) {
    let newest_first = |a: &Summary, b: &Summary| {
        b.started_at
            .cmp(&a.started_at)
            .then_with(|| b.id.cmp(&a.id))
    };
    if sessions.is_sorted_by(|a, b| newest_first(a, b).is_le()) {
        return;
    }
    if sessions.is_sorted_by(|a, b| newest_first(b, a).is_le()) {
        sessions.reverse();
        return;
    }
    // Sorts keys and then moves each summary once, in place.
    sessions.sort_by_cached_key(|s| {
        (
            std::cmp::Reverse(s.started_at),
            std::cmp::Reverse(s.id.clone()),
        )
    });
}

/// A record from bytes, or why not.
pub fn parse(bytes: &[u8]) -> Result<SessionRecord, Damage> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Damage::Empty);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| Damage::NotUtf8)?;
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| Damage::NotJson)?;
    let schema = value.get("schema").and_then(serde_json::Value::as_u64);
    match schema {
        Some(1) => {
            let mut record: SessionRecord =
                serde_json::from_value(value).map_err(|_| Damage::NotJson)?;
            record.migrate_from_one();
            Ok(record)
        }
        Some(s) if s == u64::from(RECORD_SCHEMA) => {
            serde_json::from_value(value).map_err(|_| Damage::NotJson)
        }
        Some(s) if s > u64::from(RECORD_SCHEMA) => Err(Damage::Newer),
        _ => Err(Damage::UnknownSchema),
    }
}

pub(super) fn sync_dir(dir: &Path) {
    if let Ok(f) = fs::File::open(dir) {
        let _ = f.sync_all();
    }
}

#[cfg(unix)]
pub(crate) fn private_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    let mode = fs::metadata(dir)
        .ok()
        .map(|meta| meta.permissions().mode() & 0o7777);
    if mode.is_none() {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
    }
    // Whatever the umask or an earlier version did: only this user. Rights
    // are only taken away, never added: a folder its owner made read-only
    // stays so. (Only when needed: a change of mode is a journalled write
    // on every start.)
    let private = mode.map_or(0o700, |m| m & 0o700);
    if mode != Some(private) {
        fs::set_permissions(dir, fs::Permissions::from_mode(private))?;
    }
    Ok(())
}

#[cfg(not(unix))]
pub(crate) fn private_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)
}
