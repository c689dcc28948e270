//! The history index: one line per session (its summary and the file's size
//! and modification time), so the history opens without reading every
//! session file. It is a cache: rebuilt from the session files whenever it
//! is missing or unreadable, and never trusted over them – a file that is
//! not in it is read, an entry without a file is dropped, and an entry
//! whose file's size or time differs is read again (`Store::verify`).
//!
//! Saves append a line (the last line for an id wins); listing rewrites the
//! whole file atomically when it has drifted. Two windows appending at once
//! write whole lines; a line lost in a race only makes one entry stale,
//! which verification repairs.
//!
//! The lines are tab-separated rather than JSON: reading them is on the path
//! to the history's first frame, and JSON lines took 12–15 ms per 10,000 to
//! parse with serde on this project's machine (BENCHMARKS.md).
//!
//! ```text
//! denkcoach-index 2
//! id  len  mtime_ns  started_at  updated_at  finished  before  after  client  exercise  route…
//! ```
//!
//! An index of another version is not read but rebuilt from the files
//! (version 1 had no exercise column).
//!
//! ```text
//! ```

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

use chrono::DateTime;

use super::atomic::write_atomic;
use super::seal::{Seal, is_sealed_line};
use super::summary::{Stamp, Summary};

pub(crate) const INDEX_FILE: &str = "index.tsv";
const HEADER: &str = "denkcoach-index 2";
const VERSION: &str = "2";

/// What the index file says, line by line: for an id written more than
/// once, the last entry is the one that counts.
#[derive(Default)]
pub(crate) struct Loaded {
    pub entries: Vec<Summary>,
    /// Some line could not be read: the file should be rewritten.
    pub damaged: bool,
    /// Written by another version of the index: nothing in it is used.
    pub other_version: bool,
}

impl Loaded {
    pub fn unusable() -> Loaded {
        Loaded {
            entries: Vec::new(),
            damaged: true,
            other_version: false,
        }
    }

    /// This part of the file followed by a later part.
    pub fn followed_by(mut self, later: Loaded) -> Loaded {
        if self.other_version || later.other_version {
            return Loaded {
                other_version: true,
                ..Loaded::unusable()
            };
        }
        self.entries.extend(later.entries);
        self.damaged |= later.damaged;
        self
    }
}

/// An index file's text, decrypted.
pub(crate) struct IndexText {
    pub text: String,
    /// Encrypted lines (each one or more entries).
    pub sealed_lines: usize,
    /// Plaintext entries (not the header).
    pub plain_lines: usize,
}

/// The index file's text; `None` when there is none. Encrypted lines (see
/// `seal.rs`) are decrypted in place; one that cannot be makes the whole
/// index unusable, so it is rebuilt from the files.
pub(crate) fn read_text(path: &Path, seal: &Seal) -> Option<Result<IndexText, ()>> {
    let bytes = fs::read(path).ok()?;
    let has_sealed = bytes.split(|b| *b == b'\n').any(is_sealed_line);
    if !has_sealed {
        let text = String::from_utf8(bytes).map_err(|_| ());
        return Some(text.map(|text| {
            IndexText {
                plain_lines: text
                    .lines()
                    .filter(|l| !l.starts_with("denkcoach-index"))
                    .count(),
                text,
                sealed_lines: 0,
            }
        }));
    }
    let mut read = IndexText {
        text: String::with_capacity(bytes.len()),
        sealed_lines: 0,
        plain_lines: 0,
    };
    for line in bytes.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        let plain = if is_sealed_line(line) {
            read.sealed_lines += 1;
            match seal.open_line(line) {
                Ok(plain) => plain,
                Err(_) => return Some(Err(())),
            }
        } else {
            if !line.starts_with(b"denkcoach-index") {
                read.plain_lines += 1;
            }
            std::borrow::Cow::Borrowed(line)
        };
        match std::str::from_utf8(&plain) {
            Ok(text) => read.text.push_str(text),
            Err(_) => return Some(Err(())),
        }
        if !read.text.ends_with('\n') {
            read.text.push('\n');
        }
    }
    Some(Ok(read))
}

pub(crate) fn read(path: &Path, seal: &Seal) -> Loaded {
    match read_text(path, seal) {
        None => Loaded::default(),
        Some(Ok(read)) => parse(&read.text),
        Some(Err(())) => Loaded::unusable(),
    }
}

/// The text in two parts of about equal size, split between lines, to be
/// parsed on two threads ([`Loaded::followed_by`] joins them in order).
pub(crate) fn halves(text: &str) -> (&str, &str) {
    let middle = text.len() / 2;
    let cut = text
        .as_bytes()
        .iter()
        .skip(middle)
        .position(|b| *b == b'\n')
        .map_or(text.len(), |p| middle + p + 1);
    text.split_at(cut)
}

/// The entries in (part of) an index file's text.
pub(crate) fn parse(text: &str) -> Loaded {
    let mut loaded = Loaded::default();
    for line in text.lines().filter(|l| !l.is_empty()) {
        if let Some(version) = line.strip_prefix("denkcoach-index ") {
            if version != VERSION {
                // Written by another version: start afresh.
                return Loaded {
                    other_version: true,
                    ..Loaded::unusable()
                };
            }
            continue;
        }
        match parse_line(line) {
            Some(s) => loaded.entries.push(s),
            None => loaded.damaged = true,
        }
    }
    loaded
}

fn parse_line(line: &str) -> Option<Summary> {
    let mut f = line.split('\t');
    let id = unescape(f.next()?);
    let len = f.next()?.parse().ok()?;
    let mtime_ns = f.next()?.parse().ok()?;
    let started_at = DateTime::parse_from_rfc3339(f.next()?).ok()?;
    let updated_at = DateTime::parse_from_rfc3339(f.next()?).ok()?;
    let finished = match f.next()? {
        "1" => true,
        "0" => false,
        _ => return None,
    };
    let belief = |field: &str| -> Option<Option<u8>> {
        if field.is_empty() {
            Some(None)
        } else {
            field.parse().ok().map(Some)
        }
    };
    let belief_before = belief(f.next()?)?;
    let belief_after = belief(f.next()?)?;
    let client = f.next()?;
    let client_code = (!client.is_empty()).then(|| unescape(client));
    let exercise = f.next()?;
    let exercise = (!exercise.is_empty()).then(|| unescape(exercise));
    let routes = f.map(unescape).collect();
    if id.is_empty() {
        return None;
    }
    Some(Summary {
        id,
        started_at,
        updated_at,
        finished,
        client_code,
        exercise,
        routes,
        belief_before,
        belief_after,
        stamp: Stamp { len, mtime_ns },
    })
}

fn push_line(buf: &mut String, s: &Summary) {
    use std::fmt::Write as _;
    let opt = |v: Option<u8>| v.map(|v| v.to_string()).unwrap_or_default();
    let _ = write!(
        buf,
        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
        escape(&s.id),
        s.stamp.len,
        s.stamp.mtime_ns,
        s.started_at.to_rfc3339(),
        s.updated_at.to_rfc3339(),
        u8::from(s.finished),
        opt(s.belief_before),
        opt(s.belief_after),
        escape(s.client_code.as_deref().unwrap_or_default()),
        escape(s.exercise.as_deref().unwrap_or_default()),
    );
    for route in &s.routes {
        buf.push('\t');
        buf.push_str(&escape(route));
    }
    buf.push('\n');
}

/// Tabs, line breaks and backslashes in a field, written so they cannot
/// break the line.
fn escape(field: &str) -> String {
    if !field.contains(['\t', '\n', '\r', '\\']) {
        return field.to_string();
    }
    field
        .replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

fn unescape(field: &str) -> String {
    if !field.contains('\\') {
        return field.to_string();
    }
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

fn lines<'a>(summaries: impl IntoIterator<Item = &'a Summary>) -> String {
    let mut buf = String::new();
    for s in summaries {
        push_line(&mut buf, s);
    }
    buf
}

/// Adds entries at the end, in one write.
pub(crate) fn append<'a>(
    path: &Path,
    summaries: impl IntoIterator<Item = &'a Summary>,
    seal: &Seal,
) -> io::Result<()> {
    let body = lines(summaries);
    if body.is_empty() {
        return Ok(());
    }
    let mut options = OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    let header = if file.metadata()?.len() == 0 {
        format!("{HEADER}\n")
    } else {
        String::new()
    };
    let text = format!("{header}{body}");
    if seal.is_on() {
        let mut line = seal.seal_line(text.as_bytes())?;
        line.push(b'\n');
        return file.write_all(&line);
    }
    file.write_all(text.as_bytes())
}

/// Replaces the whole index.
pub(crate) fn write<'a>(
    path: &Path,
    summaries: impl IntoIterator<Item = &'a Summary>,
    seal: &Seal,
) -> io::Result<()> {
    let text = format!("{HEADER}\n{}", lines(summaries));
    if seal.is_on() {
        let mut line = seal.seal_line(text.as_bytes())?;
        line.push(b'\n');
        return write_atomic(path, &line);
    }
    write_atomic(path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(id: &str, client: Option<&str>, routes: &[&str]) -> Summary {
        let at = DateTime::parse_from_rfc3339("2026-11-28T14:05:00.123+01:00").expect("time");
        Summary {
            id: id.to_string(),
            started_at: at,
            updated_at: at,
            finished: true,
            client_code: client.map(str::to_string),
            exercise: None,
            routes: routes.iter().map(|r| r.to_string()).collect(),
            belief_before: Some(80),
            belief_after: None,
            stamp: Stamp {
                len: 1234,
                mtime_ns: 1_764_335_100_123_456_789,
            },
        }
    }

    #[test]
    fn every_field_reads_back_even_with_tabs_and_line_breaks_encrypted_or_not() {
        for seal in [Seal::plain(), Seal::fresh()] {
            let dir = tempfile::tempdir().expect("tempdir");
            let path = dir.path().join(INDEX_FILE);
            let mut odd = summary("a\tb", Some("K\\7\nx\ty"), &["uitdagen", "zelf\tcompassie"]);
            odd.exercise = Some("dag\tafsluiten".into());
            let plain = summary("s1", None, &[]);
            write(&path, [&odd], &seal).expect("write");
            append(&path, [&plain], &seal).expect("append");
            let loaded = read(&path, &seal);
            assert!(!loaded.damaged);
            assert_eq!(loaded.entries, [odd, plain]);
            // Encrypted, the file names no client and no route.
            let bytes = fs::read(&path).expect("read");
            let text = String::from_utf8_lossy(&bytes);
            assert_eq!(seal.is_on(), !text.contains("uitdagen"));
            // Another key reads nothing (and the index is rebuilt).
            if seal.is_on() {
                assert!(read(&path, &Seal::fresh()).damaged);
            }
        }
    }

    #[test]
    fn the_last_line_for_an_id_wins_and_bad_lines_are_noticed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(INDEX_FILE);
        let seal = Seal::plain();
        append(&path, [&summary("s1", Some("K1"), &[])], &seal).expect("append");
        append(&path, [&summary("s1", Some("K2"), &[])], &seal).expect("append");
        let loaded = read(&path, &seal);
        assert_eq!(loaded.entries.len(), 2);
        assert_eq!(loaded.entries[1].client_code.as_deref(), Some("K2"));
        assert!(!loaded.damaged);
        fs::write(&path, format!("{HEADER}\nkapot\n")).expect("write");
        assert!(read(&path, &seal).damaged);
        fs::write(&path, "denkcoach-index 3\nwhatever\n").expect("write");
        let newer = read(&path, &seal);
        assert!(newer.damaged && newer.entries.is_empty());
    }

    /// Read in two halves on two threads, the index says the same as read
    /// whole: every entry once, in order, wherever the cut falls.
    #[test]
    fn two_halves_read_as_the_whole() {
        let mut text = format!("{HEADER}\n");
        for i in 0..7 {
            let s = summary(&format!("s{i}"), Some("K1"), &["uitdagen"]);
            text.push_str(&lines([&s]));
        }
        for cut_text in [text.as_str(), "", "\n", &text[..text.len() - 1]] {
            let (a, b) = halves(cut_text);
            assert_eq!(format!("{a}{b}"), cut_text);
            assert!(a.is_empty() || a.ends_with('\n') || b.is_empty());
            let whole = parse(cut_text);
            let joined = parse(a).followed_by(parse(b));
            assert_eq!(joined.entries, whole.entries);
            assert_eq!(joined.damaged, whole.damaged);
        }
        let other = format!("{text}denkcoach-index 3\n");
        let (a, b) = halves(&other);
        let joined = parse(a).followed_by(parse(b));
        assert!(joined.other_version && joined.entries.is_empty());
    }
}
