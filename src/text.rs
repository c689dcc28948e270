//! Text from outside (typed, piped, read from a note file) made safe to
//! print: no control characters but line breaks and tabs, so no escape
//! sequence stored in a note ever reaches a terminal as one.

/// The text without control characters (C0 but `\n` and `\t`, DEL, C1)
/// and without the bidirectional overrides and isolates, which turn what
/// follows them around on screen and on paper.
pub fn printable(text: &str) -> String {
    text.chars()
        .filter(|c| *c == '\n' || *c == '\t' || !c.is_control())
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::printable;

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
