//! The passphrase of an encrypted data folder: asked once per start, before
//! the screen is taken (`unlock`), and `denkcoach beveilig` to turn
//! encryption on, change the passphrase, turn it off, or read one file.
//! The cryptography is `notes/seal.rs`; the conversion `notes/convert.rs`.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use age::secrecy::{ExposeSecret, SecretString};

use crate::content::{Pack, fill};
use crate::notes::convert::Direction;
use crate::notes::seal::{KEY_FILE, UnlockError, is_sealed};
use crate::notes::{Seal, Store};

use super::args::SecureCommand;

/// How many wrong passphrases before the program stops.
const TRIES: usize = 3;
/// The shortest passphrase accepted, in characters.
const MIN_CHARS: usize = 8;

/// A line typed without echo on a terminal; read from standard input when
/// that is not one (plain mode from a file, scripts). `None` at its end.
fn ask(prompt: &str) -> Option<SecretString> {
    if std::io::stdin().is_terminal()
        && let Ok(typed) = rpassword::prompt_password(crate::text::printable(prompt))
    {
        return Some(SecretString::from(typed));
    }
    let _ = write!(crate::text::stderr(), "{prompt}");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    match std::io::stdin().lock().read_line(&mut line) {
        Ok(0) | Err(_) => None,
        Ok(_) => {
            let typed = line.trim_end_matches(['\r', '\n']).to_string();
            zeroize::Zeroize::zeroize(&mut line);
            Some(SecretString::from(typed))
        }
    }
}

/// The folder's key when it is encrypted (asking the passphrase, three
/// times at most), else plain. Reads the key file and nothing else: a
/// wrong passphrase changes no byte.
pub(super) fn unlock(pack: &Pack, dir: &Path) -> Result<Seal, ExitCode> {
    if !Seal::required(dir) {
        return Ok(Seal::plain());
    }
    let t = &pack.ui.secure;
    for attempt in 1..=TRIES {
        let Some(passphrase) = ask(&t.prompt) else {
            crate::errln!("denkcoach: {}", t.no_input);
            return Err(ExitCode::from(2));
        };
        match Seal::unlock(dir, &passphrase) {
            Ok(seal) => return Ok(seal),
            Err(UnlockError::Wrong) if attempt < TRIES => {
                let left = (TRIES - attempt).to_string();
                crate::errln!("{}", fill(&t.wrong, &[("left", &left)]));
            }
            Err(UnlockError::Wrong) => break,
            Err(UnlockError::Damaged) => {
                let path = Seal::key_path(dir).display().to_string();
                crate::errln!("denkcoach: {}", fill(&t.key_damaged, &[("path", &path)]));
                return Err(ExitCode::from(2));
            }
            Err(UnlockError::Io(e)) => {
                let path = Seal::key_path(dir).display().to_string();
                let reason = pack.ui.reasons.of(e.kind());
                crate::errln!(
                    "denkcoach: {}",
                    fill(
                        &pack.ui.cli.read_failed,
                        &[("path", &path), ("reason", &reason)]
                    )
                );
                return Err(ExitCode::from(2));
            }
        }
    }
    crate::errln!("denkcoach: {}", t.three_wrong);
    Err(ExitCode::from(2))
}

/// A new passphrase, typed twice; asked again (three times at most) when
/// it is too short or the two differ. `None`, said why, when it never came.
fn new_passphrase(pack: &Pack) -> Option<SecretString> {
    let t = &pack.ui.secure;
    for _ in 0..TRIES {
        let first = ask(&t.new_prompt)?;
        if first.expose_secret().chars().count() < MIN_CHARS {
            crate::errln!("{}", t.too_short);
            continue;
        }
        let second = ask(&t.repeat_prompt)?;
        if first.expose_secret() != second.expose_secret() {
            crate::errln!("{}", t.mismatch);
            continue;
        }
        return Some(first);
    }
    crate::errln!("denkcoach: {}", t.cancelled);
    None
}

pub(super) fn secure(
    pack: &Pack,
    data_dir: Option<PathBuf>,
    action: Option<SecureCommand>,
) -> ExitCode {
    let Some(dir) = data_dir else {
        crate::errln!("denkcoach: {}", pack.ui.cli.no_data_dir);
        return ExitCode::from(2);
    };
    let t = &pack.ui.secure;
    let shown = dir.display().to_string();
    if action.is_some() && !Seal::required(&dir) {
        crate::errln!("denkcoach: {}", t.not_on);
        return ExitCode::FAILURE;
    }
    match action {
        None if Seal::required(&dir) => {
            // Encrypted before, perhaps not to the end: finish it.
            let store = match open(pack, &dir) {
                Ok(store) => store,
                Err(code) => return code,
            };
            convert(pack, &store, Direction::Encrypt, &t.finished)
        }
        None => turn_on(pack, &dir),
        Some(SecureCommand::Change) => {
            let seal = match unlock(pack, &dir) {
                Ok(seal) => seal,
                Err(code) => return code,
            };
            let Some(passphrase) = new_passphrase(pack) else {
                return ExitCode::FAILURE;
            };
            match seal.store_key(&dir, &passphrase) {
                Ok(()) => {
                    crate::outln!("{}", t.changed);
                    ExitCode::SUCCESS
                }
                Err(e) => write_failed(pack, &Seal::key_path(&dir), &e),
            }
        }
        Some(SecureCommand::Off) => {
            let store = match open(pack, &dir) {
                Ok(store) => store,
                Err(code) => return code,
            };
            let _ = write!(
                crate::text::stdout(),
                "{}",
                fill(&t.off_confirm, &[("path", &shown)])
            );
            let _ = std::io::stdout().flush();
            let mut answer = String::new();
            let _ = std::io::stdin().lock().read_line(&mut answer);
            if !answer.trim().eq_ignore_ascii_case(&t.off_word) {
                crate::outln!("{}", t.cancelled);
                return ExitCode::FAILURE;
            }
            let code = convert(pack, &store, Direction::Decrypt, &t.done_off);
            if code != ExitCode::SUCCESS {
                return code;
            }
            // Only now, with every file readable without it.
            match std::fs::remove_file(dir.join(KEY_FILE)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => write_failed(pack, &Seal::key_path(&dir), &e),
            }
        }
        Some(SecureCommand::Read { file }) => {
            let seal = match unlock(pack, &dir) {
                Ok(seal) => seal,
                Err(code) => return code,
            };
            read(pack, &seal, &file)
        }
    }
}

/// The folder, unlocked.
fn open(pack: &Pack, dir: &Path) -> Result<Store, ExitCode> {
    let seal = unlock(pack, dir)?;
    Store::open_with(dir, seal).map_err(|e| write_failed(pack, dir, &e))
}

fn turn_on(pack: &Pack, dir: &Path) -> ExitCode {
    let t = &pack.ui.secure;
    let shown = dir.display().to_string();
    // Made (private) and checked writable before anything is asked.
    let plain = match Store::open(dir) {
        Ok(store) => store,
        Err(e) => return write_failed(pack, dir, &e),
    };
    let open = plain.open_elsewhere();
    if open > 0 {
        let count = open.to_string();
        crate::errln!(
            "denkcoach: {}",
            fill(&t.open_elsewhere, &[("count", &count)])
        );
        return ExitCode::FAILURE;
    }
    crate::outln!("{}", fill(&t.intro, &[("path", &shown)]));
    let Some(passphrase) = new_passphrase(pack) else {
        return ExitCode::FAILURE;
    };
    // The key first: from here on every file is readable, as plaintext or
    // with the passphrase, whatever moment the conversion is stopped.
    let seal = match Seal::create(dir, &passphrase) {
        Ok(seal) => seal,
        Err(e) => return write_failed(pack, &Seal::key_path(dir), &e),
    };
    drop(passphrase);
    let store = match Store::open_with(dir, seal) {
        Ok(store) => store,
        Err(e) => return write_failed(pack, dir, &e),
    };
    convert(pack, &store, Direction::Encrypt, &t.done_on)
}

/// Converts the folder and says how it went with `done` (`{count}`,
/// `{path}`).
fn convert(pack: &Pack, store: &Store, direction: Direction, done: &str) -> ExitCode {
    let t = &pack.ui.secure;
    let open = store.open_elsewhere();
    if open > 0 {
        let count = open.to_string();
        crate::errln!(
            "denkcoach: {}",
            fill(&t.open_elsewhere, &[("count", &count)])
        );
        return ExitCode::FAILURE;
    }
    let todo = store.unconverted(direction);
    if direction == Direction::Encrypt && todo > 20 {
        crate::outln!("{}", fill(&t.working, &[("count", &todo.to_string())]));
    }
    match store.convert(direction) {
        Ok(converted) => {
            let path = store.root().display().to_string();
            let count = converted.done.to_string();
            crate::outln!("{}", fill(done, &[("count", &count), ("path", &path)]));
            if !converted.left.is_empty() {
                let files: Vec<String> = converted
                    .left
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect();
                let count = files.len().to_string();
                crate::errln!(
                    "denkcoach: {}",
                    fill(&t.left, &[("count", &count), ("files", &files.join(", "))])
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            let reason = pack.ui.reasons.of(e.kind());
            crate::errln!("denkcoach: {}", fill(&t.failed, &[("reason", &reason)]));
            ExitCode::FAILURE
        }
    }
}

/// One file decrypted to standard output (escape sequences taken out, as
/// everywhere).
fn read(pack: &Pack, seal: &Seal, file: &Path) -> ExitCode {
    let t = &pack.ui.secure;
    let shown = file.display().to_string();
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) => {
            let reason = pack.ui.reasons.of(e.kind());
            crate::errln!(
                "denkcoach: {}",
                fill(
                    &pack.ui.cli.read_failed,
                    &[("path", &shown), ("reason", &reason)]
                )
            );
            return ExitCode::FAILURE;
        }
    };
    if !is_sealed(&bytes) {
        crate::errln!("denkcoach: {}", fill(&t.not_sealed, &[("path", &shown)]));
        return ExitCode::FAILURE;
    }
    match seal.open(&bytes) {
        Ok(plain) => {
            let mut out = crate::text::stdout();
            let _ = out.write_all(String::from_utf8_lossy(&plain).as_bytes());
            let _ = out.flush();
            ExitCode::SUCCESS
        }
        Err(_) => {
            crate::errln!("denkcoach: {}", fill(&t.cannot_open, &[("path", &shown)]));
            ExitCode::FAILURE
        }
    }
}

fn write_failed(pack: &Pack, path: &Path, e: &std::io::Error) -> ExitCode {
    let path = path.display().to_string();
    let reason = pack.ui.reasons.of(e.kind());
    crate::errln!(
        "denkcoach: {}",
        fill(
            &pack.ui.cli.write_failed,
            &[("path", &path), ("reason", &reason)]
        )
    );
    ExitCode::FAILURE
}
