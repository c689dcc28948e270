//! Reading plain mode's answers: one line, or a note of several lines
//! ended by a line holding only `.`; and the typed commands (`:terug`,
//! `:hulp`, `:stop`) that work at every question.

use std::io::{self, BufRead, Write};

use crate::content::ui_text::PlainTexts;

/// What a question got back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    /// An answer (empty: none given).
    Text(String),
    /// `:terug` – one step back.
    Back,
    /// `:stop` – save and stop; the next start can carry on.
    Stop,
    /// The input ended.
    End,
}

/// The command a line is, if it is one. Both languages' words work in
/// both languages: a screen-reader user may know either.
enum Command {
    Back,
    Help,
    Stop,
}

fn command(line: &str) -> Option<Command> {
    match line.trim().to_lowercase().as_str() {
        ":terug" | ":back" => Some(Command::Back),
        ":hulp" | ":help" | ":?" => Some(Command::Help),
        ":stop" | ":quit" | ":q" => Some(Command::Stop),
        _ => None,
    }
}

/// The conversation with the user, line by line.
pub struct Lines<'a> {
    input: &'a mut dyn BufRead,
    pub out: &'a mut dyn Write,
    texts: &'a PlainTexts,
}

impl<'a> Lines<'a> {
    pub fn new(input: &'a mut dyn BufRead, out: &'a mut dyn Write, texts: &'a PlainTexts) -> Self {
        Lines { input, out, texts }
    }

    pub fn say(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.out, "{text}")
    }

    pub fn blank(&mut self) -> io::Result<()> {
        writeln!(self.out)
    }

    /// A question answered on one line. `:hulp` prints the help and asks
    /// again.
    pub fn ask(&mut self, question: &str) -> io::Result<Said> {
        loop {
            write!(self.out, "{question} ")?;
            self.out.flush()?;
            let Some(line) = read_line(self.input)? else {
                return Ok(Said::End);
            };
            match command(&line) {
                Some(Command::Back) => return Ok(Said::Back),
                Some(Command::Stop) => return Ok(Said::Stop),
                Some(Command::Help) => self.help()?,
                None => return Ok(Said::Text(line.trim().to_string())),
            }
        }
    }

    /// A note: lines until one holding only `.` (or the end of the input);
    /// an empty first line is no answer. A command on the first line is a
    /// command; later, a note may say anything but `.`. `each` is given
    /// the note so far after every line, to save it: a line that reached
    /// the screen is never lost.
    pub fn ask_note(
        &mut self,
        question: &str,
        each: &mut dyn FnMut(&str) -> io::Result<()>,
    ) -> io::Result<Said> {
        let first = match self.ask(question)? {
            Said::Text(first) => first,
            other => return Ok(other),
        };
        if first.is_empty() || first == "." {
            return Ok(Said::Text(String::new()));
        }
        let mut lines = vec![first];
        each(&lines[0])?;
        while let Some(line) = read_line(self.input)? {
            if line.trim() == "." {
                break;
            }
            lines.push(line.trim_end().to_string());
            each(&note(&lines))?;
        }
        Ok(Said::Text(note(&lines)))
    }

    /// The typed commands and how answers end.
    pub fn help(&mut self) -> io::Result<()> {
        let help = self.texts.help.clone();
        for line in help.lines() {
            self.say(line)?;
        }
        Ok(())
    }
}

/// The lines as one note; blank lines at its end are no part of it.
fn note(lines: &[String]) -> String {
    let end = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(0, |i| i + 1);
    lines[..end].join("\n")
}

/// One line without its line ending; `None` at the end of the input. A
/// byte that is not UTF-8 becomes U+FFFD, and control characters (arrow
/// keys, escape sequences in piped text, NUL) are dropped: they would be
/// stored, and printed raw later.
fn read_line(input: &mut dyn BufRead) -> io::Result<Option<String>> {
    let mut line = Vec::new();
    if input.read_until(b'\n', &mut line)? == 0 {
        return Ok(None);
    }
    let line = String::from_utf8_lossy(&line);
    Ok(Some(crate::text::printable(
        line.trim_end_matches(['\n', '\r']),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts() -> PlainTexts {
        crate::content::builtin_ui("nl").expect("texts").plain
    }

    fn answers(input: &str, as_note: bool) -> (Vec<Said>, String) {
        let t = texts();
        let mut input = input.as_bytes();
        let mut out = Vec::new();
        let mut lines = Lines::new(&mut input, &mut out, &t);
        let mut said = Vec::new();
        loop {
            let s = if as_note {
                lines.ask_note("?", &mut |_| Ok(())).expect("read")
            } else {
                lines.ask("?").expect("read")
            };
            let end = s == Said::End;
            said.push(s);
            if end {
                break;
            }
        }
        (said, String::from_utf8_lossy(&out).into_owned())
    }

    #[test]
    fn a_note_runs_to_a_line_with_only_a_point_and_an_empty_first_line_is_none() {
        let (said, _) = answers("Eerste regel.\n\nDerde regel.\n.\n\nLos\n", true);
        assert_eq!(
            said,
            [
                Said::Text("Eerste regel.\n\nDerde regel.".into()),
                Said::Text(String::new()),
                Said::Text("Los".into()),
                Said::End,
            ]
        );
    }

    #[test]
    fn commands_work_in_both_languages_and_help_asks_again() {
        let (said, out) = answers(":terug\n:HULP\nja\n:stop\n:back\n", false);
        assert_eq!(
            said,
            [
                Said::Back,
                Said::Text("ja".into()),
                Said::Stop,
                Said::Back,
                Said::End
            ]
        );
        assert!(out.contains(":terug") && out.contains(":stop"), "{out}");
    }

    #[test]
    fn escape_sequences_and_nul_never_reach_an_answer() {
        let (said, _) = answers("a\u{1b}]0;x\u{7}b\u{0}c\u{1b}[2J\n", false);
        assert_eq!(said[0], Said::Text("a]0;xbc[2J".into()));
    }
}

#[cfg(test)]
mod saving {
    use super::*;

    #[test]
    fn every_line_of_a_note_is_handed_on_as_it_comes() {
        let t = crate::content::builtin_ui("nl").expect("texts").plain;
        let mut input = "Een\nTwee\n\nDrie".as_bytes();
        let mut out = Vec::new();
        let mut lines = Lines::new(&mut input, &mut out, &t);
        let mut seen = Vec::new();
        let said = lines
            .ask_note("?", &mut |so_far| {
                seen.push(so_far.to_string());
                Ok(())
            })
            .expect("read");
        assert_eq!(seen, ["Een", "Een\nTwee", "Een\nTwee", "Een\nTwee\n\nDrie"]);
        assert_eq!(said, Said::Text("Een\nTwee\n\nDrie".into()));
    }
}
