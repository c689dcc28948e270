//! The trash: deleted sessions wait in `prullenbak/` beside the sessions
//! folder, so a deletion can be undone for a while ([`super::TRASH_DAYS`]).
//!
//! A session file is moved there as it is (a rename: the bytes are not
//! read or written) and the time of deletion is kept as the file's
//! modification time, so the trash needs no list of its own that could
//! disagree with its files. The history index forgets a deleted session at
//! once, as when it is deleted for good: the index must never name a
//! client whose sessions are gone from the history. A restored file is not
//! in the index, and listing reads it like any file the index does not know.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::store::{Store, private_dir, sync_dir};
use super::summary::{Stamp, Summary};

const TRASH: &str = "prullenbak";

/// A deleted session waiting in the trash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trashed {
    /// The name in the trash folder, which [`Store::restore`] takes.
    pub file_name: String,
    /// The session's id, which it gets back when restored.
    pub id: String,
    pub deleted_at: SystemTime,
    /// What the history would show of it (its stamp is the trash file's);
    /// `None` when the file cannot be read as a session.
    pub summary: Option<Summary>,
}

impl Store {
    pub fn trash_dir(&self) -> PathBuf {
        self.root().join(TRASH)
    }

    /// Moves these sessions into the trash, except those open in another
    /// window, and drops them from the history index; returns how many
    /// went. `now` is kept as their time of deletion.
    pub fn trash(&self, ids: &[String], now: SystemTime) -> usize {
        self.trash_these(ids, now).len()
    }

    /// As [`Store::trash`], returning the ids that went.
    pub fn trash_these(&self, ids: &[String], now: SystemTime) -> Vec<String> {
        let dir = self.trash_dir();
        if private_dir(&dir).is_err() {
            return Vec::new();
        }
        let moved: Vec<&str> = ids
            .iter()
            .map(String::as_str)
            .filter(|id| self.move_to_trash(id, now).is_ok())
            .collect();
        if moved.is_empty() {
            return Vec::new();
        }
        // The new names are made durable before the old ones disappear
        // (`forget` syncs the sessions folder): a crash in between leaves a
        // session in both places, never in neither.
        sync_dir(&dir);
        self.forget(&moved);
        moved.into_iter().map(str::to_string).collect()
    }

    fn move_to_trash(&self, id: &str, now: SystemTime) -> io::Result<()> {
        if !is_plain_name(id) {
            return Err(invalid("not a session id"));
        }
        // Held while moving (not only checked, as deleting does), so that no
        // other window opens the session, or saves it back, halfway.
        let lock = self
            .lock(id)?
            .ok_or_else(|| io::Error::new(io::ErrorKind::WouldBlock, "open in another window"))?;
        // What a killed process typed last goes along (and no journal is
        // left to bring the session back).
        self.fold_journal(id)?;
        let _ = fs::remove_file(self.journal_path(id));
        let from = self.path_of(id);
        // Stamped before the move, so nothing is ever in the trash with its
        // last save's time, which purging would take for its deletion. If
        // the move then fails, only the index's stamp for the session is
        // off, and verification reads the file again.
        let moved = set_mtime(&from, now)
            .and_then(|()| fs::rename(&from, self.trash_dir().join(self.free_name(id))));
        // The lock file goes either way: one another window left behind was
        // stale (we could take the lock), and one we made is of no use.
        lock.release();
        moved
    }

    /// `<id>.json`, or with `~2`, `~3`… when that name is taken, so a second
    /// deletion of the same id never overwrites the first.
    fn free_name(&self, id: &str) -> String {
        let dir = self.trash_dir();
        // `symlink_metadata`, not `exists`: rename would replace a dangling
        // link that `exists` calls free.
        let taken = |name: &str| fs::symlink_metadata(dir.join(name)).is_ok();
        let plain = format!("{id}.json");
        // An id that itself ends like a counter ("a~2") always gets one, so
        // that its name reads back as that id.
        if id_of(&plain) == Some(id) && !taken(&plain) {
            return plain;
        }
        let mut n: u64 = 2;
        loop {
            let name = format!("{id}~{n}.json");
            if !taken(&name) {
                return name;
            }
            n += 1;
        }
    }

    /// Everything in the trash, most recently deleted first. Files that
    /// cannot be read are listed too (without a summary), and left alone.
    pub fn trashed(&self) -> io::Result<Vec<Trashed>> {
        let entries = match fs::read_dir(self.trash_dir()) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        let mut found = Vec::new();
        for entry in entries {
            let entry = entry?;
            let Ok(file_name) = entry.file_name().into_string() else {
                continue;
            };
            let Some(id) = id_of(&file_name).map(str::to_string) else {
                continue;
            };
            // Gone meanwhile (emptied in another window), or not a file.
            let Ok(meta) = entry.metadata() else {
                continue;
            };
            if !meta.is_file() {
                continue;
            }
            let summary = fs::read(entry.path())
                .ok()
                .and_then(|bytes| self.read_record(&bytes).ok())
                .map(|record| Summary::of(&id, &record, Stamp::of(&meta)));
            found.push(Trashed {
                deleted_at: meta.modified().unwrap_or(UNIX_EPOCH),
                file_name,
                id,
                summary,
            });
        }
        found.sort_by(|a, b| {
            b.deleted_at
                .cmp(&a.deleted_at)
                .then_with(|| a.file_name.cmp(&b.file_name))
        });
        Ok(found)
    }

    /// Moves a file from the trash back among the sessions and returns its
    /// id. Fails with `AlreadyExists`, changing nothing, when a session
    /// with that id is there (or being started in another window).
    pub fn restore(&self, file_name: &str) -> io::Result<String> {
        let id = Some(file_name)
            .filter(|name| is_plain_name(name))
            .and_then(id_of)
            .ok_or_else(|| invalid("not a file name from the trash"))?;
        let from = self.trash_dir().join(file_name);
        if !fs::symlink_metadata(&from)?.is_file() {
            return Err(invalid("not a file"));
        }
        let to = self.path_of(id);
        let taken = || {
            fs::symlink_metadata(&to).is_ok().then(|| {
                io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!("a session {id} exists"),
                )
            })
        };
        if let Some(e) = taken() {
            return Err(e);
        }
        // Held while moving: a window holding it is starting a session with
        // this id, and its first save would overwrite the restored file.
        let lock = self.lock(id)?.ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("a session {id} is open"),
            )
        })?;
        // Looked at again under the lock: rename replaces what is there.
        let moved = match taken() {
            Some(e) => Err(e),
            None => fs::rename(&from, &to),
        };
        lock.release();
        moved?;
        sync_dir(&self.sessions_dir());
        sync_dir(&self.trash_dir());
        Ok(id.to_string())
    }

    /// Removes every file in the trash; returns how many. On an error the
    /// other files are still removed, and the first error is returned.
    pub fn empty_trash(&self) -> io::Result<usize> {
        match self.remove_from_trash(|_, _| true) {
            (_, Some(e)) => Err(e),
            (removed, None) => Ok(removed),
        }
    }

    /// Removes these files from the trash for good (the ones a question
    /// named: whatever came in since stays); returns how many went.
    pub fn empty_trash_of(&self, names: &[String]) -> io::Result<usize> {
        let named: std::collections::HashSet<&str> = names.iter().map(String::as_str).collect();
        match self.remove_from_trash(|name, _| named.contains(name)) {
            (_, Some(e)) => Err(e),
            (removed, None) => Ok(removed),
        }
    }

    /// Removes the files deleted longer than `keep` before `now`; returns
    /// how many. One with a time after `now` (a clock set back) is kept.
    pub fn purge_trash(&self, now: SystemTime, keep: Duration) -> usize {
        let due = |meta: &fs::Metadata| {
            meta.modified()
                .ok()
                .and_then(|deleted| now.duration_since(deleted).ok())
                .is_some_and(|age| age > keep)
        };
        self.remove_from_trash(|_, meta| due(meta)).0
    }

    /// Removes the files in the trash for which `due` says so: how many went,
    /// and the first error.
    fn remove_from_trash(
        &self,
        due: impl Fn(&str, &fs::Metadata) -> bool,
    ) -> (usize, Option<io::Error>) {
        let dir = self.trash_dir();
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return (0, None),
            Err(e) => return (0, Some(e)),
        };
        let mut removed = 0;
        let mut failed = None;
        let mut gone: Vec<String> = Vec::new();
        for entry in entries {
            let result = entry.and_then(|entry| {
                let meta = entry.metadata()?;
                let name = entry.file_name().to_string_lossy().into_owned();
                if meta.is_dir() || !due(&name, &meta) {
                    return Ok(false);
                }
                fs::remove_file(entry.path())?;
                // Gone for good: so is every other copy of it.
                if let Some(id) = id_of(&entry.file_name().to_string_lossy()) {
                    self.remove_traces(id);
                    gone.push(id.to_string());
                }
                Ok(true)
            });
            match result {
                Ok(true) => removed += 1,
                Ok(false) => {}
                // Removed by another window meanwhile.
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => {
                    failed.get_or_insert(e);
                }
            }
        }
        if removed > 0 {
            sync_dir(&dir);
        }
        // And every export that holds one of them (an access file made
        // after the deletion, say).
        if !gone.is_empty() {
            for path in self.exports_of(&gone) {
                let _ = fs::remove_file(path);
            }
        }
        (removed, failed)
    }
}

/// Sets the file's modification time without touching its bytes.
fn set_mtime(path: &Path, time: SystemTime) -> io::Result<()> {
    // Closed again before the move (Windows does not rename open files).
    fs::File::options()
        .write(true)
        .open(path)?
        .set_modified(time)
}

/// The session id of a file in the trash: its name without `.json` and
/// without the `~N` that keeps a second deletion of the same id apart.
fn id_of(file_name: &str) -> Option<&str> {
    let stem = file_name.strip_suffix(".json")?;
    let id = match stem.rsplit_once('~') {
        Some((id, n))
            if !id.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) =>
        {
            id
        }
        _ => stem,
    };
    (!id.is_empty()).then_some(id)
}

/// One name, no folder: joined to a folder, it stays in that folder.
fn is_plain_name(name: &str) -> bool {
    let mut parts = Path::new(name).components();
    !name.contains(['/', '\\'])
        && matches!(
            (parts.next(), parts.next()),
            (Some(Component::Normal(part)), None) if part == name
        )
}

fn invalid(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, what.to_string())
}

impl Store {
    /// Unreadable files in `beschadigd/` that name this client: they hold
    /// the client's text too, so deleting the client takes them along.
    pub fn damaged_of_client(&self, code: &str) -> Vec<PathBuf> {
        let Ok(quoted) = serde_json::to_string(code) else {
            return Vec::new();
        };
        let Ok(entries) = fs::read_dir(self.damaged_dir()) else {
            return Vec::new();
        };
        entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.path())
            .filter(|path| {
                fs::read(path).is_ok_and(|bytes| {
                    // Decrypted (plaintext passes through as it is).
                    let plain = self.seal().open(&bytes).unwrap_or_default();
                    names_client(&String::from_utf8_lossy(&plain), &quoted)
                })
            })
            .collect()
    }

    /// Moves these damaged files into the trash (as their session's id, to
    /// be restored or removed with the rest); returns how many went.
    pub fn trash_damaged(&self, paths: &[PathBuf], now: SystemTime) -> usize {
        if private_dir(&self.trash_dir()).is_err() {
            return 0;
        }
        let moved = paths
            .iter()
            .filter(|path| {
                let Some(id) = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .and_then(|n| n.split(".json").next())
                    .filter(|id| !id.is_empty() && is_plain_name(id))
                else {
                    return false;
                };
                set_mtime(path, now)
                    .and_then(|()| fs::rename(path, self.trash_dir().join(self.free_name(id))))
                    .is_ok()
            })
            .count();
        if moved > 0 {
            sync_dir(&self.trash_dir());
            sync_dir(&self.damaged_dir());
        }
        moved
    }

    /// What emptying these files from the trash would remove, counted.
    pub fn copies_in_trash(&self, names: &[String]) -> super::Copies {
        let present: Vec<&String> = names
            .iter()
            .filter(|n| fs::symlink_metadata(self.trash_dir().join(n)).is_ok_and(|m| m.is_file()))
            .collect();
        let mut ids: Vec<String> = present
            .iter()
            .filter_map(|n| id_of(n))
            .map(str::to_string)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        // One id can be in the trash twice: its files are counted, its
        // copies once.
        super::Copies {
            sessions: present.len(),
            ..self.copies_of(&ids, true, true)
        }
    }
}

/// Whether a session's text (readable or not) gives this client code (as
/// JSON, quoted) as its `client_code`.
fn names_client(text: &str, quoted: &str) -> bool {
    text.match_indices("\"client_code\"").any(|(at, key)| {
        text[at + key.len()..]
            .trim_start()
            .strip_prefix(':')
            .is_some_and(|value| value.trim_start().starts_with(quoted))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trash_name_reads_back_as_its_id() {
        assert_eq!(id_of("2026-11-28_140500.json"), Some("2026-11-28_140500"));
        assert_eq!(id_of("s~2.json"), Some("s"));
        assert_eq!(id_of("s~2~3.json"), Some("s~2"));
        assert_eq!(id_of("s~.json"), Some("s~"));
        assert_eq!(id_of("~2.json"), Some("~2"));
        assert_eq!(id_of("s~x.json"), Some("s~x"));
        assert_eq!(id_of(".json"), None);
        assert_eq!(id_of("s.lock"), None);
    }

    #[test]
    fn only_a_plain_name_is_one() {
        for good in ["s.json", "a..b.json", "..json", "s~2.json"] {
            assert!(is_plain_name(good), "{good}");
        }
        for bad in [
            "",
            ".",
            "..",
            "../s.json",
            "a/b.json",
            "a\\b.json",
            "/s.json",
        ] {
            assert!(!is_plain_name(bad), "{bad}");
        }
    }
}
