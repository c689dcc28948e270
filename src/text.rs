//! Text from outside (typed, piped, read from a note file or a pack) made
//! safe to print: no control characters but line breaks and tabs, so no
//! escape sequence stored in a note or a pack ever reaches a terminal as
//! one. Everything printed outside the full-screen view goes through
//! [`Printable`]: plain mode, the command line's output and its errors.

use std::io::{self, Write};

/// The text without control characters (C0 but `\n` and `\t`, DEL, C1)
/// and without the bidirectional overrides and isolates, which turn what
/// follows them around on screen and on paper.
pub fn printable(text: &str) -> String {
    text.chars().filter(|c| is_printable(*c)).collect()
}

/// A client code as part of a file name: letters, digits and dashes, at
/// most 40 (a name has room for that on every system).
pub fn file_safe(code: &str) -> String {
    code.trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect()
}

/// Text put into HTML or Markdown as text, not markup: `&`, `<` and `>`
/// as entities (a viewer shows them as typed).
pub fn entities(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Text as Markdown text, not markup: entities as [`entities`], and a
/// line that would start a heading, list, quote, rule or table escaped
/// with a backslash; line breaks kept as they are.
pub fn markdown(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            let line = entities(line);
            let trimmed = line.trim_start();
            let starts_markup = trimmed.starts_with(['#', '-', '+', '*', '=', '_', '`', '|', '~'])
                || trimmed
                    .split_once(". ")
                    .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
            if starts_markup {
                format!("\\{trimmed}")
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_printable(c: char) -> bool {
    (c == '\n' || c == '\t' || !c.is_control())
        && !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A writer that passes on only what [`printable`] keeps; invalid UTF-8
/// becomes U+FFFD. A character split over two writes is held until its
/// last byte arrives.
pub struct Printable<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> Printable<W> {
    pub fn new(inner: W) -> Self {
        Printable {
            inner,
            pending: Vec::new(),
        }
    }

    fn pass_on(&mut self, at_end: bool) -> io::Result<()> {
        let mut clean = String::new();
        let mut rest: &[u8] = &self.pending;
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    clean.extend(text.chars().filter(|c| is_printable(*c)));
                    rest = &[];
                    break;
                }
                Err(e) => {
                    let (valid, after) = rest.split_at(e.valid_up_to());
                    let text = std::str::from_utf8(valid).unwrap_or_default();
                    clean.extend(text.chars().filter(|c| is_printable(*c)));
                    match e.error_len() {
                        Some(bad) => {
                            clean.push(char::REPLACEMENT_CHARACTER);
                            rest = &after[bad..];
                        }
                        None if at_end => {
                            clean.push(char::REPLACEMENT_CHARACTER);
                            rest = &[];
                            break;
                        }
                        None => {
                            rest = after;
                            break;
                        }
                    }
                }
            }
        }
        let keep = rest.to_vec();
        self.pending = keep;
        self.inner.write_all(clean.as_bytes())
    }
}

impl<W: Write> Write for Printable<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        self.pass_on(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.pass_on(true)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for Printable<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// Standard output, made printable.
pub fn stdout() -> Printable<io::Stdout> {
    Printable::new(io::stdout())
}

/// Standard error, made printable.
pub fn stderr() -> Printable<io::Stderr> {
    Printable::new(io::stderr())
}

/// `println!` through [`Printable`]; a closed pipe is not a panic.
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!($crate::text::stdout(), $($arg)*);
    }};
}

/// `eprintln!` through [`Printable`]; a closed pipe is not a panic.
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!($crate::text::stderr(), $($arg)*);
    }};
}

#[cfg(test)]
mod tests {
    use super::{Printable, printable};
    use std::io::Write;

    /// Written in pieces – an escape sequence, a character split between
    /// two writes, a byte that is no UTF-8 – the output holds no control
    /// character and every character intact.
    #[test]
    fn the_writer_passes_on_only_what_is_printable() {
        let mut out = Printable::new(Vec::new());
        let text = "één\x1b]0;x\x07\x1b[2J\u{9b}31m€\u{202E}\n".as_bytes();
        for piece in text.chunks(1) {
            out.write_all(piece).expect("write");
        }
        out.write_all(b"ok \xff!\xe2\x82").expect("write");
        out.flush().expect("flush");
        let written = String::from_utf8(std::mem::take(&mut out.inner)).expect("utf-8");
        assert_eq!(written, "één]0;x[2J31m€\nok \u{FFFD}!\u{FFFD}");
        assert!(!written.bytes().any(|b| b == 0x1b || b == 0x07));
    }

    #[test]
    fn markdown_shows_markup_as_typed() {
        assert_eq!(
            super::markdown("<b>vet</b> & zo\n# geen kop\n  - geen lijst\n12. geen nummer\ngewoon"),
            "&lt;b&gt;vet&lt;/b&gt; &amp; zo\n\\# geen kop\n\\- geen lijst\n\\12. geen nummer\ngewoon"
        );
    }

    #[test]
    fn escape_sequences_lose_their_escape() {
        let stored =
            "rood\x1b[31m en\x07 bel\x1b]0;titel\x07\u{9b}2J klaar\r\nregel\ttab\x7f\u{202E}";
        assert_eq!(
            printable(stored),
            "rood[31m en bel]0;titel2J klaar\nregel\ttab"
        );
    }
}
