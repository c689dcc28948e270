//! An OS file lock on the session being edited, so that two windows never
//! write the same note. The lock is a separate `<id>.lock` file: the note
//! itself is replaced on every save, which would drop a lock held on it.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::PathBuf;

/// Held while a session is open for editing; released on drop (and by the
/// OS if the process dies).
#[derive(Debug)]
pub struct SessionLock {
    _file: File,
    path: PathBuf,
}

impl SessionLock {
    /// Takes the lock, or `Ok(None)` when another process holds it.
    ///
    /// Lock files are removed on release (and when found unheld at start),
    /// so the file locked may have been unlinked between opening and
    /// locking it – a lock on a file no other window can find. The lock
    /// only counts when the path still names the file locked; otherwise
    /// the path is tried again.
    pub fn try_acquire(path: PathBuf) -> io::Result<Option<SessionLock>> {
        for _ in 0..16 {
            let file = open_private(&path)?;
            match file.try_lock() {
                Ok(()) if same_file(&file, &path) => {
                    return Ok(Some(SessionLock { _file: file, path }));
                }
                Ok(()) => continue,
                Err(TryLockError::WouldBlock) => return Ok(None),
                Err(TryLockError::Error(e)) => return Err(e),
            }
        }
        Ok(None)
    }

    /// Whether some process holds the lock at `path` right now.
    pub fn is_held(path: &std::path::Path) -> bool {
        match File::open(path) {
            Ok(file) => match file.try_lock_shared() {
                Ok(()) => {
                    let _ = file.unlock();
                    false
                }
                Err(_) => true,
            },
            Err(_) => false,
        }
    }

    pub fn release(self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &std::path::Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// On Windows a file removed while another process has it open stays
/// until that handle closes, and cannot be opened meanwhile: the path names
/// the file that was locked, or opening it fails.
#[cfg(not(unix))]
fn same_file(_file: &File, _path: &std::path::Path) -> bool {
    true
}

#[cfg(unix)]
fn open_private(path: &std::path::Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn open_private(path: &std::path::Path) -> io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}
