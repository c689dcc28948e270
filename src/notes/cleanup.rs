//! Every copy of a session, gone for good: the journal, temp files of
//! killed writes, versions moved to `beschadigd/`, the fallback copy in the
//! home folder; orphans of dead processes cleaned at start; and the data
//! folders denkcoach will not touch.

use std::fs;
use std::path::{Path, PathBuf};

use super::store::Store;

/// What deleting removes, by kind: shown in the question before it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Copies {
    pub sessions: usize,
    /// Sessions open in another window: they stay, and so does all of theirs.
    pub held: usize,
    pub exports: usize,
    /// Journals of what was typed last (folded into the session first).
    pub journals: usize,
    /// Half-written temp files of killed saves.
    pub temps: usize,
    /// Versions kept in `beschadigd/`.
    pub damaged: usize,
    /// Copies in the home folder from a save that failed.
    pub home: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trace {
    Journal,
    Temp,
    Damaged,
    Home,
}

impl Store {
    /// Removes a blank session for good (no trash: there is nothing in it),
    /// unless another window holds it.
    pub fn discard(&self, id: &str) {
        if !self.is_locked(id) && self.remove_files(id).is_ok() {
            self.forget(&[id]);
        }
    }

    /// Every other copy of a session gone for good: its journal, temp files
    /// a killed write left, versions moved to `beschadigd/`, and the copy
    /// the program wrote to the home folder when saving failed.
    pub(super) fn remove_traces(&self, id: &str) {
        for (_, path) in self.traces(id) {
            let _ = fs::remove_file(path);
        }
    }

    /// The other copies of a session there are now, by the rules
    /// [`Store::remove_traces`] removes them by (one list, so the question
    /// before deleting names what really goes).
    fn traces(&self, id: &str) -> Vec<(Trace, PathBuf)> {
        let mut found = Vec::new();
        let journal = self.journal_path(id);
        if journal.exists() {
            found.push((Trace::Journal, journal));
        }
        let file = format!("{id}.json");
        let temp = format!(".{file}.");
        let damaged = format!("{file}.");
        for (dir, kind) in [
            (self.sessions_dir(), Trace::Temp),
            (self.damaged_dir(), Trace::Damaged),
        ] {
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let of_id = match kind {
                    Trace::Temp => name.starts_with(&temp) && name.ends_with(".tmp"),
                    _ => name == file || name.starts_with(&damaged),
                };
                if of_id {
                    found.push((kind, entry.path()));
                }
            }
        }
        if let Some(copy) = copy_path(id).filter(|c| c.exists()) {
            found.push((Trace::Home, copy));
        }
        found
    }

    /// The exports that hold one of these sessions (each export names the
    /// ids of its sessions inside; see `export::mentions`).
    pub fn exports_of(&self, ids: &[String]) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(self.root().join("export")) else {
            return Vec::new();
        };
        entries
            .flatten()
            // Only files: reading a FIFO someone put there would wait forever.
            .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
            .map(|entry| entry.path())
            .filter(|path| {
                fs::read(path).is_ok_and(|bytes| {
                    // An encrypted export is read decrypted.
                    let plain = self.seal().open(&bytes).unwrap_or_default();
                    super::export::mentions(&String::from_utf8_lossy(&plain), ids)
                })
            })
            .collect()
    }

    /// What deleting these sessions would remove, counted: their files (in
    /// the sessions folder or, with `in_trash`, the trash), the exports
    /// that hold them when `exports` is set, and every other copy. A
    /// session open in another window is not deleted: it is counted as
    /// held, and nothing of it as going.
    pub fn copies_of(&self, ids: &[String], in_trash: bool, exports: bool) -> Copies {
        let (held, going): (Vec<String>, Vec<String>) = ids
            .iter()
            .cloned()
            .partition(|id| !in_trash && self.is_locked(id));
        let mut copies = Copies {
            held: held.len(),
            exports: if exports {
                self.exports_of(&going).len()
            } else {
                0
            },
            ..Copies::default()
        };
        for id in &going {
            if in_trash || self.path_of(id).exists() {
                copies.sessions += 1;
            }
            for (kind, _) in self.traces(id) {
                *match kind {
                    Trace::Journal => &mut copies.journals,
                    Trace::Temp => &mut copies.temps,
                    Trace::Damaged => &mut copies.damaged,
                    Trace::Home => &mut copies.home,
                } += 1;
            }
        }
        copies
    }

    /// Temp files of writes that were killed (older than a minute: a write
    /// takes milliseconds) and lock files no process holds: left by a crash,
    /// they would hold a client's text or block nothing. For the start.
    pub fn clean_orphans(&self) -> usize {
        let Ok(entries) = fs::read_dir(self.sessions_dir()) else {
            return 0;
        };
        let old = |entry: &fs::DirEntry| {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > std::time::Duration::from_secs(60))
        };
        let mut removed = 0;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let orphan = if name.starts_with('.') && name.ends_with(".tmp") {
                old(&entry)
            } else if let Some(id) = name.strip_suffix(".lock") {
                !self.is_locked(id)
            } else {
                false
            };
            if orphan && fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
        removed
    }
}

/// Whether an existing data folder belongs to another user: denkcoach
/// neither writes there nor changes its permissions (a shared folder is
/// not private, and taking it over is not ours to do).
#[cfg(unix)]
pub fn owned_by_someone_else(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).is_ok_and(|m| m.uid() != rustix::process::geteuid().as_raw())
}

/// Windows folders have no single owner in this sense; their ACLs decide.
#[cfg(not(unix))]
pub fn owned_by_someone_else(_path: &Path) -> bool {
    false
}

/// Where the copy of a session goes when it cannot be saved in the data
/// folder (the home folder), so deleting the session can find it.
pub fn copy_path(id: &str) -> Option<PathBuf> {
    let home = directories::UserDirs::new()?.home_dir().to_path_buf();
    Some(home.join(format!("denkcoach-{id}.json")))
}
