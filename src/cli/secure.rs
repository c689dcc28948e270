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
use crate::notes::seal::{KEY_FILE, RECIPIENT_FILE, UnlockError, is_sealed, is_sealed_line};
use crate::notes::{Seal, Store};

use super::args::SecureCommand;

/// How many wrong passphrases before the program stops.
const TRIES: usize = 3;
/// The shortest passphrase accepted, in characters.
const MIN_CHARS: usize = 8;

/// Raw mode for as long as passphrases are asked *and checked*: nothing
/// typed is echoed, also not what is typed ahead while scrypt runs, and
/// Ctrl+C is a key that cancels, not a signal that leaves the terminal
/// without echo. Restored when dropped (also on a panic's unwinding).
struct Hidden {
    raw: bool,
}

impl Hidden {
    fn start() -> Hidden {
        let raw = std::io::stdin().is_terminal() && crossterm::terminal::enable_raw_mode().is_ok();
        Hidden { raw }
    }

    /// A line for the user, on stderr (in raw mode a line ends in \r\n).
    fn say(&self, text: &str) {
        // The line's end past the sanitiser, which takes out every \r.
        let _ = write!(crate::text::stderr(), "{text}");
        let end = if self.raw { "\r\n" } else { "\n" };
        let _ = std::io::stderr().write_all(end.as_bytes());
        let _ = std::io::stderr().flush();
    }

    /// One passphrase, never shown. `None` at the end of the input, or
    /// when Ctrl+C, Ctrl+D or Esc cancels it.
    fn ask(&self, prompt: &str) -> Option<SecretString> {
        let _ = write!(crate::text::stderr(), "{prompt}");
        let _ = std::io::stderr().flush();
        if !self.raw {
            // Plain mode from a file, scripts: the next line of the input.
            let mut line = String::new();
            return match std::io::stdin().lock().read_line(&mut line) {
                Ok(0) | Err(_) => None,
                Ok(_) => {
                    let typed = line.trim_end_matches(['\r', '\n']).to_string();
                    zeroize::Zeroize::zeroize(&mut line);
                    Some(SecretString::from(typed))
                }
            };
        }
        use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
        // What was typed before the question (during scrypt) is not an
        // answer to it.
        while event::poll(std::time::Duration::ZERO).unwrap_or(false) {
            let _ = event::read();
        }
        let mut typed = zeroize::Zeroizing::new(String::new());
        loop {
            match event::read() {
                Ok(Event::Key(key)) if key.kind != KeyEventKind::Release => match key.code {
                    KeyCode::Enter => break,
                    KeyCode::Esc => return self.cancelled(),
                    KeyCode::Char('c' | 'd') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                        return self.cancelled();
                    }
                    KeyCode::Backspace => {
                        typed.pop();
                    }
                    KeyCode::Char(c) => typed.push(c),
                    _ => {}
                },
                Ok(Event::Paste(text)) => typed.push_str(&text),
                Ok(_) => {}
                Err(_) => return self.cancelled(),
            }
        }
        self.say("");
        Some(SecretString::from(typed.to_string()))
    }

    fn cancelled(&self) -> Option<SecretString> {
        self.say("");
        None
    }
}

impl Drop for Hidden {
    fn drop(&mut self) {
        if self.raw {
            let _ = crossterm::terminal::disable_raw_mode();
        }
    }
}

/// The folder's key when it is encrypted (asking the passphrase, three
/// times at most), else plain. Reads the key file and nothing else: a
/// wrong passphrase changes no byte.
pub(super) fn unlock(pack: &Pack, dir: &Path) -> Result<Seal, ExitCode> {
    if !Seal::required(dir) {
        if key_missing(dir) {
            return Err(say_key_missing(pack, dir));
        }
        return Ok(Seal::plain());
    }
    let t = &pack.ui.secure;
    // A key file that cannot be read is said before anything is asked.
    if Seal::check_key_file(dir).is_err() {
        let path = Seal::key_path(dir).display().to_string();
        crate::errln!("denkcoach: {}", fill(&t.key_damaged, &[("path", &path)]));
        return Err(ExitCode::from(2));
    }
    let hidden = Hidden::start();
    for attempt in 1..=TRIES {
        let Some(passphrase) = hidden.ask(&t.prompt) else {
            drop(hidden);
            crate::errln!("denkcoach: {}", t.no_input);
            return Err(ExitCode::from(2));
        };
        // An empty line is no try at all: no second of scrypt for it.
        let result = if passphrase.expose_secret().is_empty() {
            Err(UnlockError::Wrong)
        } else {
            Seal::unlock(dir, &passphrase)
        };
        match result {
            Ok(seal) => {
                drop(hidden);
                // The public half, put right if it went missing.
                let _ = seal.store_recipient(dir);
                return Ok(seal);
            }
            Err(UnlockError::Wrong) if attempt < TRIES => {
                let left = (TRIES - attempt).to_string();
                hidden.say(&fill(&t.wrong, &[("left", &left)]));
            }
            Err(UnlockError::Wrong) => break,
            Err(UnlockError::Damaged) => {
                drop(hidden);
                let path = Seal::key_path(dir).display().to_string();
                crate::errln!("denkcoach: {}", fill(&t.key_damaged, &[("path", &path)]));
                return Err(ExitCode::from(2));
            }
            Err(UnlockError::Io(e)) => {
                drop(hidden);
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
    drop(hidden);
    crate::errln!("denkcoach: {}", t.three_wrong);
    Err(ExitCode::from(2))
}

/// Signs of an encrypted folder whose key file is gone (removed, or lost
/// in a copy): its public half, or an encrypted index. Cheap enough for
/// every start; `beveilig` looks at every file.
fn key_missing(dir: &Path) -> bool {
    use std::io::Read;
    if std::fs::symlink_metadata(dir.join(RECIPIENT_FILE)).is_ok() {
        return true;
    }
    let mut start = [0u8; 4];
    std::fs::File::open(dir.join(crate::notes::SESSIONS).join("index.tsv"))
        .and_then(|mut f| f.read_exact(&mut start))
        .is_ok_and(|()| is_sealed_line(&start))
}

/// Says that the key file is missing (and nothing was changed).
fn say_key_missing(pack: &Pack, dir: &Path) -> ExitCode {
    let path = Seal::key_path(dir).display().to_string();
    crate::errln!(
        "denkcoach: {}",
        fill(&pack.ui.secure.key_missing, &[("path", &path)])
    );
    ExitCode::from(2)
}

/// A conversion waits for no window: with a session open elsewhere it is
/// refused, and said why.
fn refuse_while_open(pack: &Pack, store: &Store) -> Option<ExitCode> {
    let open = store.open_elsewhere();
    if open == 0 {
        return None;
    }
    let count = open.to_string();
    crate::errln!(
        "denkcoach: {}",
        fill(&pack.ui.secure.open_elsewhere, &[("count", &count)])
    );
    Some(ExitCode::FAILURE)
}

/// A new passphrase, typed twice; asked again (three times at most) when
/// it is too short or the two differ. `None`, said why, when it never came.
fn new_passphrase(pack: &Pack) -> Option<SecretString> {
    let t = &pack.ui.secure;
    let hidden = Hidden::start();
    for _ in 0..TRIES {
        let Some(first) = hidden.ask(&t.new_prompt) else {
            break;
        };
        if first.expose_secret().chars().count() < MIN_CHARS {
            hidden.say(&t.too_short);
            continue;
        }
        let second = hidden.ask(&t.repeat_prompt)?;
        if first.expose_secret() != second.expose_secret() {
            hidden.say(&t.mismatch);
            continue;
        }
        return Some(first);
    }
    drop(hidden);
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
        if key_missing(&dir) {
            return say_key_missing(pack, &dir);
        }
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
                // A file still encrypted needs the key: it stays.
                crate::errln!("denkcoach: {}", t.key_kept);
                return code;
            }
            // Only now, with every file readable without it.
            let _ = std::fs::remove_file(dir.join(RECIPIENT_FILE));
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
    if key_missing(dir) {
        return say_key_missing(pack, dir);
    }
    let plain = match Store::open(dir) {
        Ok(store) => store,
        Err(e) => return write_failed(pack, dir, &e),
    };
    // Encrypted files without a key file: a new key would not open them.
    if plain.sealed_without_key() > 0 {
        return say_key_missing(pack, dir);
    }
    if let Some(code) = refuse_while_open(pack, &plain) {
        return code;
    }
    crate::outln!("{}", fill(&t.intro, &[("path", &shown)]));
    let Some(passphrase) = new_passphrase(pack) else {
        return ExitCode::FAILURE;
    };
    // Again: a session may have been opened while the passphrase was typed.
    if let Some(code) = refuse_while_open(pack, &plain) {
        return code;
    }
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
/// `{path}`), and which files did not go (named). Success only when every
/// file went.
fn convert(pack: &Pack, store: &Store, direction: Direction, done: &str) -> ExitCode {
    let t = &pack.ui.secure;
    if let Some(code) = refuse_while_open(pack, store) {
        return code;
    }
    // Journals of killed processes are folded in first: the count is of
    // what will be converted.
    store.recover();
    let todo = store.unconverted(direction);
    if direction == Direction::Encrypt && todo > 20 {
        crate::outln!("{}", fill(&t.working, &[("count", &todo.to_string())]));
    }
    let converted = match store.convert(direction) {
        Ok(converted) => converted,
        Err(e) => {
            let reason = pack.ui.reasons.of(e.kind());
            crate::errln!("denkcoach: {}", fill(&t.failed, &[("reason", &reason)]));
            return ExitCode::FAILURE;
        }
    };
    let path = store.root().display().to_string();
    let count = converted.done.to_string();
    let said = if converted.complete() {
        done
    } else {
        &t.partial
    };
    crate::outln!("{}", fill(said, &[("count", &count), ("path", &path)]));
    if !converted.left.is_empty() {
        let files = named(converted.left.iter());
        let count = converted.left.len().to_string();
        crate::errln!(
            "denkcoach: {}",
            fill(&t.left, &[("count", &count), ("files", &files)])
        );
    }
    if let Some((_, kind)) = converted.failed.first() {
        let files = named(converted.failed.iter().map(|(p, _)| p));
        let reason = pack.ui.reasons.of(*kind);
        crate::errln!(
            "denkcoach: {}",
            fill(&t.failed_files, &[("files", &files), ("reason", &reason)])
        );
    }
    if converted.complete() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The first few paths, and how many more there are.
fn named<'a>(paths: impl ExactSizeIterator<Item = &'a PathBuf>) -> String {
    let total = paths.len();
    let mut shown: Vec<String> = paths.take(5).map(|p| p.display().to_string()).collect();
    if total > shown.len() {
        shown.push(format!("… (+{})", total - shown.len()));
    }
    shown.join(", ")
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
    let lines = bytes.split(|b| *b == b'\n').any(is_sealed_line);
    if !is_sealed(&bytes) && !lines {
        crate::errln!("denkcoach: {}", fill(&t.not_sealed, &[("path", &shown)]));
        return ExitCode::FAILURE;
    }
    // A journal or the index: encrypted line by line.
    let opened = if lines {
        bytes
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| seal.open_line(l).map(|p| p.into_owned()))
            .collect::<Result<Vec<Vec<u8>>, _>>()
            .map(|parts| parts.join(&b'\n'))
    } else {
        seal.open(&bytes).map(|p| p.into_owned())
    };
    match opened {
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
