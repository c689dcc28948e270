//! Encryption at rest, with the `age` format (age-encryption.org/v1): no
//! cryptography of our own.
//!
//! A folder that is *beveiligd* holds `sleutel.age`: an age X25519 identity,
//! itself encrypted with the passphrase (age's scrypt recipient). Unlocking
//! runs scrypt once per start; from then on every file is encrypted to that
//! identity's public key, which costs one X25519 exchange per file (tens of
//! microseconds) instead of a second of scrypt. Changing the passphrase
//! re-encrypts only the key file.
//!
//! Beside it, `sleutel.pub` holds the public half (an `age1…` recipient):
//! a window opened before the folder was encrypted, or any process without
//! the passphrase, can still write – encrypted – but not read. Unlocking
//! checks it against the key and puts it right.
//!
//! Whole files (snapshots, exports, the trash) are age files. Files that grow
//! by appending a line (the journal, the index) hold one age file per line,
//! in base64 after `age:`. Reading takes either form, plaintext included: a
//! folder half-way through `beveilig` (or `beveilig uit`) is readable at
//! every moment, which is what makes the conversion safe to kill.

use std::borrow::Cow;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use age::secrecy::{ExposeSecret, SecretString};
use age::x25519;
use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD as BASE64;
use zeroize::Zeroizing;

use super::atomic::write_atomic;

/// The passphrase-encrypted key, in the data folder. Its presence is what
/// says the folder is encrypted.
pub const KEY_FILE: &str = "sleutel.age";
/// The public half, to write without the passphrase.
pub const RECIPIENT_FILE: &str = "sleutel.pub";
/// How every age file begins.
const MAGIC: &[u8] = b"age-encryption.org/v1\n";
/// How an encrypted line begins (journal, index).
const LINE_MARK: &[u8] = b"age:";
/// The suffix of an encrypted export.
pub const SEALED_SUFFIX: &str = ".age";

/// What files are written with: as they are, or encrypted to the folder's
/// key. Cloned into every thread that writes; the key is dropped (and
/// zeroed, by x25519-dalek) with the last clone.
#[derive(Clone, Default)]
pub struct Seal {
    key: Option<Arc<Key>>,
}

struct Key {
    /// `None`: write-only (the public half only).
    identity: Option<x25519::Identity>,
    recipient: x25519::Recipient,
}

impl fmt::Debug for Seal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never the key.
        f.write_str(match &self.key {
            None => "Seal(off)",
            Some(key) if key.identity.is_none() => "Seal(write-only)",
            Some(_) => "Seal(on)",
        })
    }
}

/// Encrypted data that this key cannot open: another folder's key, or
/// damaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Locked;

/// Why a passphrase did not unlock a folder.
#[derive(Debug)]
pub enum UnlockError {
    /// The passphrase is not the folder's.
    Wrong,
    /// The key file is not an age file with a key in it.
    Damaged,
    Io(io::Error),
}

impl Seal {
    pub fn plain() -> Seal {
        Seal::default()
    }

    pub fn is_on(&self) -> bool {
        self.key.is_some()
    }

    pub fn key_path(root: &Path) -> PathBuf {
        root.join(KEY_FILE)
    }

    /// Whether a data folder is encrypted (has a key file).
    pub fn required(root: &Path) -> bool {
        std::fs::symlink_metadata(Seal::key_path(root)).is_ok()
    }

    /// Whether this seal can read what it wrote (not write-only).
    pub fn can_read(&self) -> bool {
        self.identity().is_some()
    }

    /// The folder's public half: writes encrypted, reads nothing. For a
    /// process that opened the folder before it was encrypted.
    pub fn write_only(root: &Path) -> io::Result<Seal> {
        let text = read_small(&root.join(RECIPIENT_FILE))?;
        let recipient = String::from_utf8_lossy(&text)
            .trim()
            .parse::<x25519::Recipient>()
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "sleutel.pub is damaged"))?;
        Ok(Seal {
            key: Some(Arc::new(Key {
                identity: None,
                recipient,
            })),
        })
    }

    /// A new key for this folder, stored under the passphrase. Refuses when
    /// the folder has a key already: that key's files would be lost.
    pub fn create(root: &Path, passphrase: &SecretString) -> io::Result<Seal> {
        if Seal::required(root) {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                "the folder is encrypted already",
            ));
        }
        let seal = Seal::with(x25519::Identity::generate());
        seal.store_key(root, passphrase)?;
        Ok(seal)
    }

    /// Whether the key file can be read at all (before a passphrase is
    /// asked for it).
    pub fn check_key_file(root: &Path) -> io::Result<()> {
        let bytes = read_small(&Seal::key_path(root))?;
        if is_sealed(&bytes) {
            Ok(())
        } else {
            Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "not an age file",
            ))
        }
    }

    /// The folder's key, with its passphrase.
    pub fn unlock(root: &Path, passphrase: &SecretString) -> Result<Seal, UnlockError> {
        let bytes = read_small(&Seal::key_path(root)).map_err(UnlockError::Io)?;
        if !bytes.starts_with(MAGIC) {
            return Err(UnlockError::Damaged);
        }
        let identity = age::scrypt::Identity::new(passphrase.clone());
        let text = match age::decrypt(&identity, &bytes) {
            Ok(text) => Zeroizing::new(text),
            Err(
                age::DecryptError::DecryptionFailed
                | age::DecryptError::KeyDecryptionFailed
                | age::DecryptError::NoMatchingKeys,
            ) => return Err(UnlockError::Wrong),
            Err(_) => return Err(UnlockError::Damaged),
        };
        let text = std::str::from_utf8(&text).map_err(|_| UnlockError::Damaged)?;
        let identity = text
            .trim()
            .parse::<x25519::Identity>()
            .map_err(|_| UnlockError::Damaged)?;
        Ok(Seal::with(identity))
    }

    /// Writes `sleutel.pub` when it is missing or not this key's (someone
    /// else's would have new notes written for their key). Part of every
    /// start with the passphrase, so it is a write: not for a wrong one.
    pub fn store_recipient(&self, root: &Path) -> io::Result<()> {
        let Some(key) = &self.key else {
            return Ok(());
        };
        let line = format!("{}\n", key.recipient);
        let path = root.join(RECIPIENT_FILE);
        if read_small(&path).is_ok_and(|now| now == line.as_bytes()) {
            return Ok(());
        }
        write_atomic(&path, line.as_bytes())
    }

    /// Stores the same key under a new passphrase (the files stay as they
    /// are). Atomic: a kill leaves the old passphrase or the new one.
    pub fn store_key(&self, root: &Path, passphrase: &SecretString) -> io::Result<()> {
        let Some(identity) = self.identity() else {
            return Err(io::Error::other("no key to store"));
        };
        let secret = identity.to_string();
        let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
        if let Some(log_n) = test_work_factor() {
            recipient.set_work_factor(log_n);
        }
        let sealed = age::encrypt(&recipient, secret.expose_secret().as_bytes())
            .map_err(io::Error::other)?;
        // The key first: a public half without it would say a key was lost
        // (a kill between the two leaves a key whose public half the next
        // unlock writes).
        write_atomic(&Seal::key_path(root), &sealed)?;
        self.store_recipient(root)
    }

    /// A fresh key kept nowhere: for tests and benchmarks of what is
    /// written with it (a folder needs [`Seal::create`]).
    #[doc(hidden)]
    pub fn fresh() -> Seal {
        Seal::with(x25519::Identity::generate())
    }

    fn with(identity: x25519::Identity) -> Seal {
        let recipient = identity.to_public();
        Seal {
            key: Some(Arc::new(Key {
                identity: Some(identity),
                recipient,
            })),
        }
    }

    /// The bytes to write: encrypted when the folder is, else as they are.
    pub fn seal<'a>(&self, plain: &'a [u8]) -> io::Result<Cow<'a, [u8]>> {
        match &self.key {
            None => Ok(Cow::Borrowed(plain)),
            Some(key) => age::encrypt(&key.recipient, plain)
                .map(Cow::Owned)
                .map_err(io::Error::other),
        }
    }

    /// Always encrypted (converting a folder): needs a key.
    pub fn seal_always(&self, plain: &[u8]) -> io::Result<Vec<u8>> {
        match &self.key {
            None => Err(io::Error::other("no key")),
            Some(_) => self.seal(plain).map(Cow::into_owned),
        }
    }

    /// The plaintext of what was read: decrypted when it is an age file,
    /// else as it is (a file from before encryption, or during it).
    pub fn open<'a>(&self, bytes: &'a [u8]) -> Result<Cow<'a, [u8]>, Locked> {
        if !is_sealed(bytes) {
            return Ok(Cow::Borrowed(bytes));
        }
        let identity = self.identity().ok_or(Locked)?;
        age::decrypt(identity, bytes)
            .map(Cow::Owned)
            .map_err(|_| Locked)
    }

    fn identity(&self) -> Option<&x25519::Identity> {
        self.key.as_ref().and_then(|k| k.identity.as_ref())
    }

    /// One line to append (without its newline): `age:` and the base64 of
    /// an age file when the folder is encrypted, else the line itself.
    pub fn seal_line(&self, plain: &[u8]) -> io::Result<Vec<u8>> {
        match &self.key {
            None => Ok(plain.to_vec()),
            Some(key) => {
                let sealed = age::encrypt(&key.recipient, plain).map_err(io::Error::other)?;
                let mut line = LINE_MARK.to_vec();
                line.extend(BASE64.encode(sealed).into_bytes());
                Ok(line)
            }
        }
    }

    /// The plaintext of one line (see [`Seal::seal_line`]).
    pub fn open_line<'a>(&self, line: &'a [u8]) -> Result<Cow<'a, [u8]>, Locked> {
        let Some(encoded) = line.strip_prefix(LINE_MARK) else {
            return Ok(Cow::Borrowed(line));
        };
        let identity = self.identity().ok_or(Locked)?;
        let sealed = BASE64
            .decode(encoded.trim_ascii_end())
            .map_err(|_| Locked)?;
        age::decrypt(identity, &sealed)
            .map(Cow::Owned)
            .map_err(|_| Locked)
    }
}

/// Writes a file piece by piece like [`super::write_atomic_with`], but
/// encrypted when the seal is on: the plaintext is gathered in memory
/// (zeroed after), never in a temp file.
pub fn write_sealed_with<T>(
    path: &Path,
    seal: &Seal,
    write: impl FnOnce(&mut dyn io::Write) -> io::Result<T>,
) -> io::Result<T> {
    if !seal.is_on() {
        return super::write_atomic_with(path, write);
    }
    let mut plain = Zeroizing::new(Vec::new());
    let value = write(&mut *plain)?;
    write_atomic(path, &seal.seal(&plain)?)?;
    Ok(value)
}

/// `path` with `.age` added (an encrypted export's name).
pub fn sealed_name(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(SEALED_SUFFIX);
    PathBuf::from(name)
}

/// A key file's bytes: only a plain file, and only a small one (a FIFO
/// put in its place would never answer).
fn read_small(path: &Path) -> io::Result<Vec<u8>> {
    let meta = std::fs::symlink_metadata(path)?;
    if !meta.is_file() || meta.len() > 64 * 1024 {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "not a plain file",
        ));
    }
    std::fs::read(path)
}

/// Whether these bytes are an age file.
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// Whether a line is an encrypted one.
pub fn is_sealed_line(line: &[u8]) -> bool {
    line.starts_with(LINE_MARK)
}

/// Tests may make scrypt cheap (a debug build only; a release build always
/// uses age's own work factor, about a second on the machine that encrypts).
fn test_work_factor() -> Option<u8> {
    if cfg!(debug_assertions) {
        std::env::var("DENKCOACH_TEST_SCRYPT")
            .ok()
            .and_then(|v| v.parse().ok())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pass(s: &str) -> SecretString {
        SecretString::from(s.to_string())
    }

    #[test]
    fn a_key_opens_only_with_its_passphrase_and_reads_what_it_sealed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let seal = Seal::create(dir.path(), &pass("goed wachtwoord")).expect("create");
        assert!(Seal::required(dir.path()));
        assert!(matches!(
            Seal::unlock(dir.path(), &pass("fout")),
            Err(UnlockError::Wrong)
        ));
        let again = Seal::unlock(dir.path(), &pass("goed wachtwoord")).expect("unlock");
        // Long enough that random ciphertext never holds it by chance (a
        // two-letter code did, once in a few hundred runs).
        let plain = b"{\"client_code\":\"K7-niemand-belt-me-ooit\"}";
        let sealed = seal.seal(plain).expect("seal");
        assert!(is_sealed(&sealed));
        assert!(!String::from_utf8_lossy(&sealed).contains("niemand-belt"));
        assert_eq!(&*again.open(&sealed).expect("open"), plain);
        let line = seal.seal_line(b"regel").expect("line");
        assert!(!line.contains(&b'\n'));
        assert_eq!(&*again.open_line(&line).expect("open line"), b"regel");
        // Plaintext passes through; another key's file does not open.
        assert_eq!(&*again.open(b"{}").expect("plain"), b"{}");
        let other = tempfile::tempdir().expect("tempdir");
        let stranger = Seal::create(other.path(), &pass("x")).expect("create");
        assert_eq!(stranger.open(&sealed), Err(Locked));
        assert!(Seal::create(dir.path(), &pass("nieuw")).is_err());
    }
}
