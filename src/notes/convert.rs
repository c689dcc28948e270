//! Turning a data folder's files encrypted (`denkcoach beveilig`) or back
//! (`beveilig uit`), one file at a time, each replaced atomically.
//!
//! Reading takes both forms at every moment (`seal.rs`), so a conversion
//! killed half-way leaves every file readable – as plaintext or with the
//! passphrase – and running it again finishes it. The key file is written
//! before the first file is encrypted and removed only after the last one
//! is decrypted.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::atomic::write_atomic;
use super::seal::{SEALED_SUFFIX, Seal, is_sealed, is_sealed_line};
use super::store::Store;

/// Which way the files go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Encrypt,
    Decrypt,
}

/// What a conversion did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Converted {
    /// Files rewritten.
    pub done: usize,
    /// Files this key cannot open (another key's, or damaged): left as
    /// they are.
    pub left: Vec<PathBuf>,
    /// Files that could not be rewritten (no rights, a full disk), with
    /// why; the others were converted all the same.
    pub failed: Vec<(PathBuf, io::ErrorKind)>,
}

impl Converted {
    /// Every file went the way asked.
    pub fn complete(&self) -> bool {
        self.left.is_empty() && self.failed.is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// One age file, or plaintext (sessions, the trash, damaged files).
    Whole,
    /// One age file per line, or plaintext lines (the journal).
    Lines,
    /// The same, but converted as a whole into one line: the index, whose
    /// lines would otherwise each be decrypted at every listing.
    Index,
    /// An export: encrypted, its name ends in `.age`.
    Export,
}

impl Store {
    /// The files of this folder (and its practice folder) that are not yet
    /// the way `direction` wants them.
    pub fn unconverted(&self, direction: Direction) -> usize {
        self.note_files()
            .iter()
            .filter(|(path, kind)| needs(path, *kind, direction))
            .count()
    }

    /// Converts every file that needs it. Sessions open in another window
    /// are the caller's to rule out first ([`Store::open_elsewhere`]).
    pub fn convert(&self, direction: Direction) -> io::Result<Converted> {
        let seal = self.seal();
        if !seal.can_read() {
            return Err(io::Error::other("a key is needed to convert"));
        }
        self.remove_half_written();
        // Journals that killed processes left are folded into their
        // sessions first: fewer files, and no torn lines to convert.
        self.recover();
        if self.practice_root().is_dir()
            && let Ok(practice) = self.inner(PRACTICE)
        {
            practice.recover();
        }
        let mut converted = Converted::default();
        // Client codes in the names of exports made before: an encrypted
        // export's name carries none.
        let codes = self.codes_in_names();
        for (path, kind) in self.note_files() {
            if !needs(&path, kind, direction) {
                continue;
            }
            let path = match (kind, direction) {
                (Kind::Export, Direction::Encrypt) => without_codes(&path, &codes),
                _ => path,
            };
            match convert_one(seal, &path, kind, direction) {
                Ok(()) => converted.done += 1,
                Err(e) if e.kind() == io::ErrorKind::InvalidData => converted.left.push(path),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                // The rest is still converted; this one is named.
                Err(e) => converted.failed.push((path, e.kind())),
            }
        }
        // The copies in the home folder written when saving failed: those
        // of this folder's sessions (encrypting), those this key opens
        // (decrypting) – never another folder's.
        let ids: std::collections::HashSet<String> =
            self.ids().unwrap_or_default().into_iter().collect();
        for copy in home_copies() {
            let ours = match direction {
                Direction::Encrypt => {
                    !starts_sealed(&copy)
                        && copy
                            .file_stem()
                            .and_then(|s| s.to_str())
                            .and_then(|s| s.strip_prefix("denkcoach-"))
                            .is_some_and(|id| ids.contains(id))
                }
                Direction::Decrypt => starts_sealed(&copy),
            };
            if ours && convert_one(seal, &copy, Kind::Whole, direction).is_ok() {
                converted.done += 1;
            }
        }
        Ok(converted)
    }

    /// The client codes as export names write them (`text::file_safe`),
    /// longest first (so "K10" goes before "K1").
    fn codes_in_names(&self) -> Vec<String> {
        let sessions = self.list().map(|l| l.sessions).unwrap_or_default();
        let trashed = self.trashed().unwrap_or_default();
        let mut codes: Vec<String> = sessions
            .iter()
            .chain(trashed.iter().filter_map(|t| t.summary.as_ref()))
            .filter_map(|s| s.client_code.as_deref())
            .map(crate::text::file_safe)
            .filter(|c| !c.is_empty())
            .collect();
        codes.sort_by_key(|c| std::cmp::Reverse(c.len()));
        codes.dedup();
        codes
    }

    /// Encrypted files in a folder that has no key file (any more): the
    /// key was removed or lost, and a new one would not open them.
    pub fn sealed_without_key(&self) -> usize {
        self.note_files()
            .iter()
            .filter(|(path, kind)| needs(path, *kind, Direction::Decrypt))
            .count()
    }

    /// How many sessions a live window holds, here or in practice.
    pub fn open_elsewhere(&self) -> usize {
        [
            self.sessions_dir(),
            self.practice_root().join(super::SESSIONS),
        ]
        .iter()
        .filter_map(|dir| fs::read_dir(dir).ok())
        .flat_map(|entries| entries.flatten())
        .filter(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".lock"))
                .is_some_and(|_| super::lock::SessionLock::is_held(&e.path()))
        })
        .count()
    }

    fn practice_root(&self) -> PathBuf {
        self.root().join(PRACTICE)
    }

    /// Every file that holds notes, with how it is stored.
    fn note_files(&self) -> Vec<(PathBuf, Kind)> {
        let mut files = Vec::new();
        for root in [self.root().to_path_buf(), self.practice_root()] {
            let sessions = root.join(super::SESSIONS);
            for path in plain_files(&sessions) {
                let kind = match extension(&path) {
                    Some("json") => Kind::Whole,
                    Some("journal") => Kind::Lines,
                    Some("tsv") => Kind::Index,
                    _ => continue,
                };
                files.push((path, kind));
            }
            for dir in [sessions.join("beschadigd"), root.join("prullenbak")] {
                files.extend(plain_files(&dir).into_iter().map(|p| (p, Kind::Whole)));
            }
            files.extend(
                plain_files(&root.join("export"))
                    .into_iter()
                    .map(|p| (p, Kind::Export)),
            );
        }
        files
    }

    /// Temp files of killed writes hold plaintext: no window is writing
    /// (the caller checked), so every one of them is left over.
    fn remove_half_written(&self) {
        // The key files' own, from a kill while they were written.
        let key_temps =
            [super::seal::KEY_FILE, super::seal::RECIPIENT_FILE].map(|f| format!(".{f}."));
        for entry in fs::read_dir(self.root()).into_iter().flatten().flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if key_temps.iter().any(|t| name.starts_with(t.as_str())) && name.ends_with(".tmp") {
                let _ = fs::remove_file(entry.path());
            }
        }
        for root in [self.root().to_path_buf(), self.practice_root()] {
            for dir in [
                root.join(super::SESSIONS),
                root.join(super::SESSIONS).join("beschadigd"),
                root.join("prullenbak"),
                root.join("export"),
            ] {
                for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
                    let name = entry.file_name();
                    let name = name.to_string_lossy();
                    if name.starts_with('.') && name.ends_with(".tmp") {
                        let _ = fs::remove_file(entry.path());
                    }
                }
            }
        }
    }
}

/// The practice folder inside a data folder (`app::PRACTICE_DIR`).
const PRACTICE: &str = "oefenen";

/// An export renamed without the client codes in its name (`-K7-`), to
/// be encrypted under that name; the same path when it names none.
fn without_codes(path: &Path, codes: &[String]) -> PathBuf {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return path.to_path_buf();
    };
    let mut bare = name.to_string();
    for code in codes {
        bare = bare.replace(&format!("-{code}-"), "-");
    }
    if bare == name {
        return path.to_path_buf();
    }
    // Never over another file (one made the same second for another client).
    let mut target = path.with_file_name(&bare);
    let mut n = 2;
    while target.exists() || super::seal::sealed_name(&target).exists() {
        target = path.with_file_name(format!("{n}-{bare}"));
        n += 1;
    }
    match fs::rename(path, &target) {
        Ok(()) => target,
        Err(_) => path.to_path_buf(),
    }
}

/// The copies `copy_path` writes into the home folder.
fn home_copies() -> Vec<PathBuf> {
    let Some(home) = directories::UserDirs::new().map(|d| d.home_dir().to_path_buf()) else {
        return Vec::new();
    };
    plain_files(&home)
        .into_iter()
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("denkcoach-") && n.ends_with(".json"))
        })
        .collect()
}

fn extension(path: &Path) -> Option<&str> {
    path.extension().and_then(|e| e.to_str())
}

/// The plain files in a folder, not its temp files (links and FIFOs are
/// never read).
fn plain_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    files.sort();
    files
}

/// Whether a file is not yet the way `direction` wants it. Reads only the
/// start of whole files.
fn needs(path: &Path, kind: Kind, direction: Direction) -> bool {
    let sealed = match kind {
        // Written readable on purpose (`--onversleuteld`): stays so.
        Kind::Export if is_plain_on_purpose(path) => return false,
        Kind::Export => extension(path) == Some(SEALED_SUFFIX.trim_start_matches('.')),
        Kind::Whole => starts_sealed(path),
        Kind::Lines | Kind::Index => match fs::read(path) {
            Ok(bytes) => {
                let mut lines = bytes.split(|b| *b == b'\n').filter(|l| !l.is_empty());
                match direction {
                    // Encrypted when every line is.
                    Direction::Encrypt => return lines.any(|l| !is_sealed_line(l)),
                    Direction::Decrypt => return lines.any(is_sealed_line),
                }
            }
            Err(_) => return false,
        },
    };
    match direction {
        Direction::Encrypt => !sealed,
        Direction::Decrypt => sealed,
    }
}

/// An export asked for unencrypted, named so.
fn is_plain_on_purpose(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.contains(PLAIN_ON_PURPOSE) && !name.ends_with(SEALED_SUFFIX)
}

/// What the name of an export asked for unencrypted contains.
pub const PLAIN_ON_PURPOSE: &str = "onversleuteld";

fn starts_sealed(path: &Path) -> bool {
    use std::io::Read;
    let mut start = [0u8; 32];
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    let n = file.read(&mut start).unwrap_or(0);
    is_sealed(&start[..n])
}

/// One file the other way. A file this key cannot open is `InvalidData`.
fn convert_one(seal: &Seal, path: &Path, kind: Kind, direction: Direction) -> io::Result<()> {
    let bytes = fs::read(path)?;
    let cannot = || io::Error::new(io::ErrorKind::InvalidData, "not this folder's key");
    match (kind, direction) {
        (Kind::Whole, Direction::Encrypt) => write_atomic(path, &seal.seal_always(&bytes)?),
        (Kind::Whole, Direction::Decrypt) => {
            write_atomic(path, &seal.open(&bytes).map_err(|_| cannot())?)
        }
        (Kind::Index, _) => {
            let mut text = Vec::with_capacity(bytes.len());
            for line in bytes.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
                text.extend(&*seal.open_line(line).map_err(|_| cannot())?);
                if !text.ends_with(b"\n") {
                    text.push(b'\n');
                }
            }
            if direction == Direction::Encrypt {
                text = seal.seal_line(&text)?;
                text.push(b'\n');
            }
            write_atomic(path, &text)
        }
        (Kind::Lines, _) => {
            let mut out = Vec::with_capacity(bytes.len());
            for line in bytes.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
                match direction {
                    Direction::Encrypt if !is_sealed_line(line) => {
                        out.extend(seal.seal_line(line)?);
                    }
                    Direction::Decrypt => out.extend(&*seal.open_line(line).map_err(|_| cannot())?),
                    Direction::Encrypt => out.extend(line),
                }
                if !out.ends_with(b"\n") {
                    out.push(b'\n');
                }
            }
            write_atomic(path, &out)
        }
        (Kind::Export, Direction::Encrypt) => {
            let mut name = path.as_os_str().to_owned();
            name.push(SEALED_SUFFIX);
            write_atomic(Path::new(&name), &seal.seal_always(&bytes)?)?;
            fs::remove_file(path)
        }
        (Kind::Export, Direction::Decrypt) => {
            let plain = seal.open(&bytes).map_err(|_| cannot())?;
            write_atomic(&path.with_extension(""), &plain)?;
            fs::remove_file(path)
        }
    }
}
