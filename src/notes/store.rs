//! The folder of session notes: one JSON file per session, a lock file per
//! session being edited, and a folder where unreadable files are moved aside.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use super::atomic::write_atomic;
use super::lock::SessionLock;
use super::record::{RECORD_SCHEMA, SessionRecord};

const SESSIONS: &str = "sessies";
const DAMAGED: &str = "beschadigd";

#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

/// Why a file could not be read as a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    Empty,
    NotUtf8,
    NotJson,
    UnknownSchema,
    Unreadable,
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
    pub sessions: Vec<SessionRecord>,
    pub damaged: Vec<Damaged>,
}

impl Store {
    /// Opens (and if needed creates) the data folder, private to this user.
    pub fn open(root: &Path) -> io::Result<Store> {
        let store = Store {
            root: root.to_path_buf(),
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

    /// Writes and removes a small file, so an unwritable folder is reported
    /// before a session begins, not halfway through it.
    fn check_writable(&self) -> io::Result<()> {
        let probe = self
            .sessions_dir()
            .join(format!(".schrijftest-{}", std::process::id()));
        fs::write(&probe, b"ok")?;
        fs::remove_file(&probe)
    }

    pub fn root(&self) -> &Path {
        &self.root
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

    /// A new id from the start time, unique in this folder.
    pub fn new_id(&self, started_at: DateTime<FixedOffset>) -> String {
        let base = started_at.format("%Y-%m-%d_%H%M%S").to_string();
        let mut id = base.clone();
        let mut n = 2;
        while self.path_of(&id).exists() || self.lock_path(&id).exists() {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    pub fn save(&self, record: &SessionRecord) -> io::Result<PathBuf> {
        let path = self.path_of(&record.id);
        let json = serde_json::to_vec_pretty(record).map_err(io::Error::other)?;
        write_atomic(&path, &json)?;
        Ok(path)
    }

    pub fn load(&self, id: &str) -> io::Result<SessionRecord> {
        let bytes = fs::read(self.path_of(id))?;
        parse(&bytes).map_err(|d| io::Error::new(io::ErrorKind::InvalidData, format!("{d:?}")))
    }

    /// Locks a session for editing; `None` when another window has it.
    pub fn lock(&self, id: &str) -> io::Result<Option<SessionLock>> {
        SessionLock::try_acquire(self.lock_path(id))
    }

    pub fn is_locked(&self, id: &str) -> bool {
        SessionLock::is_held(&self.lock_path(id))
    }

    /// Reads every session. A file that cannot be read is moved into
    /// `beschadigd/` (never overwritten, never deleted) and listed as damaged.
    pub fn list(&self) -> io::Result<Listing> {
        let mut listing = Listing::default();
        for entry in fs::read_dir(self.sessions_dir())? {
            let path = entry?.path();
            let is_json = path.extension().is_some_and(|e| e == "json");
            if !is_json || !path.is_file() {
                continue;
            }
            let file_name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let parsed = fs::read(&path)
                .map_err(|_| Damage::Unreadable)
                .and_then(|bytes| parse(&bytes));
            match parsed {
                Ok(record) => listing.sessions.push(record),
                Err(damage) => {
                    self.move_aside(&path, &file_name);
                    listing.damaged.push(Damaged { file_name, damage });
                }
            }
        }
        if let Ok(entries) = fs::read_dir(self.damaged_dir()) {
            for entry in entries.flatten() {
                let file_name = entry.file_name().to_string_lossy().into_owned();
                if !listing.damaged.iter().any(|d| d.file_name == file_name) {
                    let damage = fs::read(entry.path())
                        .map_err(|_| Damage::Unreadable)
                        .and_then(|bytes| parse(&bytes))
                        .err()
                        .unwrap_or(Damage::Unreadable);
                    listing.damaged.push(Damaged { file_name, damage });
                }
            }
        }
        listing
            .sessions
            .sort_by(|a, b| b.started_at.cmp(&a.started_at).then(b.id.cmp(&a.id)));
        listing
            .damaged
            .sort_by(|a, b| a.file_name.cmp(&b.file_name));
        Ok(listing)
    }

    fn move_aside(&self, path: &Path, file_name: &str) {
        if private_dir(&self.damaged_dir()).is_err() {
            return;
        }
        let mut target = self.damaged_dir().join(file_name);
        let mut n = 2;
        while target.exists() {
            target = self.damaged_dir().join(format!("{file_name}.{n}"));
            n += 1;
        }
        let _ = fs::rename(path, target);
    }

    /// Removes a session's note and lock file.
    pub fn delete(&self, id: &str) -> io::Result<()> {
        fs::remove_file(self.path_of(id))?;
        let _ = fs::remove_file(self.lock_path(id));
        sync_dir(&self.sessions_dir());
        Ok(())
    }
}

/// A record from bytes, or why not.
pub fn parse(bytes: &[u8]) -> Result<SessionRecord, Damage> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Damage::Empty);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| Damage::NotUtf8)?;
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| Damage::NotJson)?;
    let schema = value.get("schema").and_then(serde_json::Value::as_u64);
    if schema != Some(u64::from(RECORD_SCHEMA)) {
        return Err(Damage::UnknownSchema);
    }
    serde_json::from_value(value).map_err(|_| Damage::NotJson)
}

fn sync_dir(dir: &Path) {
    if let Ok(f) = fs::File::open(dir) {
        let _ = f.sync_all();
    }
}

#[cfg(unix)]
pub(crate) fn private_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    if !dir.exists() {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
    }
    // Whatever the umask or an earlier version did: only this user.
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
}

#[cfg(not(unix))]
pub(crate) fn private_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)
}
