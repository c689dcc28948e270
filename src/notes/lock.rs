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
    pub fn try_acquire(path: PathBuf) -> io::Result<Option<SessionLock>> {
        let file = open_private(&path)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(SessionLock { _file: file, path })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(e),
        }
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
