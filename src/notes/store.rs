//! The folder of session notes: one JSON file per session.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use super::atomic::write_atomic;
use super::record::SessionRecord;

const SESSIONS: &str = "sessies";

#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
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
        Ok(store)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn sessions_dir(&self) -> PathBuf {
        self.root.join(SESSIONS)
    }

    pub fn path_of(&self, id: &str) -> PathBuf {
        self.sessions_dir().join(format!("{id}.json"))
    }

    /// A new id from the start time, unique in this folder.
    pub fn new_id(&self, started_at: DateTime<FixedOffset>) -> String {
        let base = started_at.format("%Y-%m-%d_%H%M%S").to_string();
        let mut id = base.clone();
        let mut n = 2;
        while self.path_of(&id).exists() {
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
        serde_json::from_slice(&bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
}

#[cfg(unix)]
fn private_dir(dir: &Path) -> io::Result<()> {
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
fn private_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)
}
