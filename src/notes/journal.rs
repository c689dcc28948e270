//! The journal: what keeps a killed process from losing what was typed.
//!
//! The writer thread writes a session's snapshot (temp file, fsync, rename)
//! a second after typing pauses, at least every five seconds. Between two
//! snapshots, every batch of edits is also appended to `<id>.journal` as one
//! line holding the whole record – one plain `write` on the loop's own
//! thread, before the frame that shows the edit is drawn. A process killed
//! at any moment has therefore either not shown an edit or written it to the
//! kernel, which keeps it when the process dies. (A power cut is what the
//! snapshots' fsync is for: at most five seconds.) Once a snapshot holds
//! everything the journal has, the journal is removed; on the next start a
//! journal left behind is folded into its snapshot ([`Store::recover`]).
//!
//! Whole records rather than edits: a record is a few kilobytes, serialising
//! it costs microseconds (BENCHMARKS.md), and replaying is "take the last
//! line that parses" – no edit log to get subtly wrong.

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use super::record::SessionRecord;
use super::seal::Seal;
use super::store::{Store, parse};

/// A journal grows by a record a batch; past this it is rewritten as its
/// last line (atomically), so a long pause in saving cannot fill a disk.
const COMPACT_FROM_BYTES: u64 = 4 * 1024 * 1024;

/// The journals of the sessions this process writes, shared by the loop
/// (which appends) and the writer (which removes them once covered).
#[derive(Clone, Default)]
pub struct Journals {
    open: Arc<Mutex<HashMap<PathBuf, Open>>>,
}

struct Open {
    file: File,
    /// The update number of the last line written.
    last_seq: u64,
    bytes: u64,
}

impl Journals {
    /// Appends the record as update number `seq`; returns when the kernel
    /// has it.
    pub fn append(&self, store: &Store, record: &SessionRecord, seq: u64) -> io::Result<()> {
        let json = serde_json::to_vec(record).map_err(io::Error::other)?;
        // Encrypted, a line is `age:` and base64: never a newline inside.
        let mut line = store.writing_seal()?.seal_line(&json)?;
        line.push(b'\n');
        let path = store.journal_path(&record.id);
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        if open
            .get(&path)
            .is_some_and(|o| o.bytes + line.len() as u64 > COMPACT_FROM_BYTES)
        {
            // Everything before this line is older than it: keep only it.
            open.remove(&path);
            super::write_atomic_unsynced(&path, &line)?;
            let file = open_append(&path)?;
            open.insert(
                path,
                Open {
                    file,
                    last_seq: seq,
                    bytes: line.len() as u64,
                },
            );
            return Ok(());
        }
        let entry = match open.entry(path.clone()) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let file = open_append(e.key())?;
                let bytes = file.metadata().map_or(0, |m| m.len());
                // A line cut short before (a full disk, a kill in a write):
                // this one starts on a line of its own, or it would be
                // glued to the torn one and never read.
                if bytes > 0 && !ends_with_newline(e.key()) {
                    line.insert(0, b'\n');
                }
                e.insert(Open {
                    file,
                    last_seq: seq,
                    bytes,
                })
            }
        };
        if let Err(e) = entry.file.write_all(&line) {
            // Part of the line may be written: the next one checks.
            open.remove(&path);
            return Err(e);
        }
        entry.last_seq = seq;
        entry.bytes += line.len() as u64;
        Ok(())
    }

    /// The snapshot of update `seq` of session `id` is on disk: its journal
    /// goes, unless a newer line was appended meanwhile.
    pub fn covered(&self, store: &Store, id: &str, seq: u64) {
        let path = store.journal_path(id);
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        if open.get(&path).is_some_and(|o| o.last_seq <= seq) {
            open.remove(&path);
            let _ = fs::remove_file(&path);
        }
    }
}

/// The newest whole record in a journal: its last line that parses (a line
/// cut short by a full disk is skipped), decrypted when it is encrypted.
pub fn latest(path: &Path, seal: &Seal) -> Option<SessionRecord> {
    let bytes = fs::read(path).ok()?;
    bytes
        .split(|b| *b == b'\n')
        .rev()
        .find_map(|line| parse(&seal.open_line(line).ok()?).ok())
}

fn ends_with_newline(path: &Path) -> bool {
    use std::io::{Read, Seek, SeekFrom};
    let mut last = [0u8];
    File::open(path)
        .and_then(|mut f| {
            f.seek(SeekFrom::End(-1))?;
            f.read_exact(&mut last)
        })
        .is_ok_and(|()| last[0] == b'\n')
}

#[cfg(unix)]
fn open_append(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn open_append(path: &Path) -> io::Result<File> {
    OpenOptions::new().append(true).create(true).open(path)
}

impl Store {
    /// Folds the journals that killed processes left into their snapshots
    /// and removes them; sessions open in a live window are left alone.
    /// Returns the ids recovered. For the start of the app, before listing.
    pub fn recover(&self) -> Vec<String> {
        let Ok(entries) = fs::read_dir(self.sessions_dir()) else {
            return Vec::new();
        };
        let mut recovered = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().and_then(|e| e.to_str()) != Some("journal") {
                continue;
            }
            let Some(id) = path.file_stem().and_then(|s| s.to_str()).map(str::to_owned) else {
                continue;
            };
            if self.is_locked(&id) {
                continue;
            }
            if let Ok(true) = self.fold_journal(&id) {
                recovered.push(id);
            }
        }
        recovered
    }

    /// Writes a session's journal (if any) into its snapshot and removes
    /// it; true when there was a record in it. The caller holds the lock or
    /// has checked that no live window does. A journal with nothing readable
    /// in it stays where it is, unless it is empty (killed before its first
    /// line was whole: nothing to lose).
    pub(super) fn fold_journal(&self, id: &str) -> io::Result<bool> {
        let path = self.journal_path(id);
        match latest(&path, self.seal()).filter(|r| r.id == id) {
            Some(record) => {
                self.save(&record)?;
                fs::remove_file(&path)?;
                Ok(true)
            }
            None => {
                if fs::metadata(&path).is_ok_and(|m| m.len() == 0) {
                    fs::remove_file(&path)?;
                }
                Ok(false)
            }
        }
    }
}
