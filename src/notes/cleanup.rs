//! Every copy of a session, gone for good: the journal, temp files of
//! killed writes, versions moved to `beschadigd/`, the fallback copy in the
//! home folder; orphans of dead processes cleaned at start; and the data
//! folders denkcoach will not touch.

use std::fs;
use std::path::{Path, PathBuf};

use super::store::Store;

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
        let _ = fs::remove_file(self.journal_path(id));
        let file = format!("{id}.json");
        let temp = format!(".{file}.");
        let damaged = format!("{file}.");
        for (dir, of_id) in [
            (
                self.sessions_dir(),
                &(|name: &str| name.starts_with(&temp) && name.ends_with(".tmp"))
                    as &dyn Fn(&str) -> bool,
            ),
            (
                self.damaged_dir(),
                &(|name: &str| name == file || name.starts_with(&damaged)),
            ),
        ] {
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                if of_id(&entry.file_name().to_string_lossy()) {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
        if let Some(copy) = copy_path(id) {
            let _ = fs::remove_file(copy);
        }
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
