//! The input thread: terminal events become messages on the runtime's
//! channel. Keys go at once, one by one; what arrives in the same read as a
//! key before it (a paste without bracketed paste) goes as one `Text`, so
//! that its line breaks – the last one too – are new lines in the note
//! rather than Enter on the next steps. Nobody types a word and Enter
//! within one read of the terminal; a paste always arrives that way.

use std::sync::mpsc::Sender;
use std::time::Duration;

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::keys::typed_char;
use super::msg::Msg;
use super::runtime::local_now;

/// Asks for events already read from the terminal (or waiting in it)
/// without waiting: crossterm's zero wait does not look at the ones it has
/// read, and it rounds a wait to whole milliseconds by polling in a busy
/// loop, which took a core for a millisecond after every key. A
/// microsecond looks once.
const SAME_READ: Duration = Duration::from_micros(1);
/// An Enter waits this long for more: the next part of a paste may not be
/// in yet, and an Enter that belongs to a paste is a line break, not the
/// next step. (crossterm spends this waiting in a busy loop; only Enter
/// pays it.)
const ENTER_WAIT: Duration = Duration::from_millis(1);
/// A burst is sent in parts of at most this many events.
const BURST: usize = 4096;

/// Starts the thread; it ends when the terminal is gone or the runtime is.
pub fn spawn(tx: Sender<Msg>) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("denkcoach-input".into())
        .spawn(move || read_forever(&tx))?;
    Ok(())
}

fn read_forever(tx: &Sender<Msg>) {
    loop {
        let Ok(first) = event::read() else {
            let _ = tx.send(Msg::InputGone);
            return;
        };
        // An Enter is held back a moment: followed by more in the same
        // read it is a line break inside pasted text.
        let enter = is_plain_enter(&first);
        let mut burst = Vec::new();
        if enter {
            burst.push(first);
        } else if tx.send(to_msg(first)).is_err() {
            return;
        }
        let mut wait = if enter { ENTER_WAIT } else { SAME_READ };
        while burst.len() < BURST && matches!(event::poll(wait), Ok(true)) {
            match event::read() {
                Ok(event) => {
                    wait = if is_plain_enter(&event) {
                        ENTER_WAIT
                    } else {
                        SAME_READ
                    };
                    burst.push(event);
                }
                Err(_) => break,
            }
        }
        for msg in coalesce(burst) {
            if tx.send(msg).is_err() {
                return;
            }
        }
    }
}

fn is_plain_enter(event: &Event) -> bool {
    matches!(event, Event::Key(k) if k.code == KeyCode::Enter
        && k.modifiers == KeyModifiers::NONE
        && k.kind != KeyEventKind::Release)
}

fn to_msg(event: Event) -> Msg {
    let at = local_now();
    match event {
        Event::Key(key) => Msg::Key { key, at },
        Event::Paste(text) => Msg::Paste { text, at },
        _ => Msg::Resize,
    }
}

/// Events that came in one read, as messages: runs of typed characters
/// with the Enters among and after them (line breaks) become one `Text`;
/// an Enter with no text before it stays a key.
pub fn coalesce(events: Vec<Event>) -> Vec<Msg> {
    let mut out = Vec::new();
    let mut text = String::new();
    // Enters ('\n') and Tabs ('\t') after text, not yet known to be
    // inside it: followed by more text in the same read they are part of a
    // paste (a Tab there is a tab, not a jump to the other field).
    let mut held = String::new();
    let at = local_now();
    for event in events {
        let typed = match &event {
            Event::Key(k) if k.kind != KeyEventKind::Release => typed_char(k),
            _ => None,
        };
        if let Some(c) = typed {
            text.push_str(&held);
            held.clear();
            text.push(c);
            continue;
        }
        if is_plain_enter(&event) {
            held.push('\n');
            continue;
        }
        if !text.is_empty() && is_plain_tab(&event) {
            held.push('\t');
            continue;
        }
        if matches!(&event, Event::Key(k) if k.kind == KeyEventKind::Release) {
            continue;
        }
        close_run(&mut text, &mut held, &mut out, at);
        out.push(to_msg(event));
    }
    close_run(&mut text, &mut held, &mut out, at);
    out
}

fn is_plain_tab(event: &Event) -> bool {
    matches!(event, Event::Key(k) if k.code == KeyCode::Tab
        && k.modifiers == KeyModifiers::NONE
        && k.kind != KeyEventKind::Release)
}

/// Ends a run of text: Enters right after text are its line breaks; from
/// the first Tab on, what was held is keys again (the Tab and Enter the
/// user pressed after typing), as are Enters with no text before them.
fn close_run(
    text: &mut String,
    held: &mut String,
    out: &mut Vec<Msg>,
    at: chrono::DateTime<chrono::FixedOffset>,
) {
    let breaks = if text.is_empty() {
        0
    } else {
        held.chars().take_while(|c| *c == '\n').count()
    };
    text.extend(std::iter::repeat_n('\n', breaks));
    if !text.is_empty() {
        out.push(Msg::Text {
            text: std::mem::take(text),
            at,
        });
    }
    for c in held.chars().skip(breaks) {
        let code = if c == '\t' {
            KeyCode::Tab
        } else {
            KeyCode::Enter
        };
        out.push(Msg::Key {
            key: KeyEvent::new(code, KeyModifiers::NONE),
            at,
        });
    }
    held.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<Event> {
        s.chars()
            .map(|c| {
                let code = match c {
                    '\r' => KeyCode::Enter,
                    '\t' => KeyCode::Tab,
                    c => KeyCode::Char(c),
                };
                Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
            })
            .collect()
    }

    fn shape(msgs: &[Msg]) -> Vec<String> {
        msgs.iter()
            .map(|m| match m {
                Msg::Text { text, .. } => format!("text {text:?}"),
                Msg::Key { key, .. } => format!("key {:?}", key.code),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn line_breaks_in_a_burst_are_text_and_a_lone_enter_is_a_key() {
        assert_eq!(
            shape(&coalesce(keys("Eerste regel\rtweede\r\rderde\r"))),
            vec!["text \"Eerste regel\\ntweede\\n\\nderde\\n\"".to_string()]
        );
        assert_eq!(shape(&coalesce(keys("\r"))), vec!["key Enter".to_string()]);
        assert_eq!(
            shape(&coalesce(keys("\rnog"))),
            vec!["text \"\\nnog\"".to_string()]
        );
    }

    /// A paste without bracketed paste: its tabs stay in the field it goes
    /// into (the volunteer's impression must not spill into the client's
    /// words); a Tab after the typing is the key.
    #[test]
    fn a_tab_inside_a_burst_is_text_and_after_it_a_key() {
        assert_eq!(
            shape(&coalesce(keys("geheim C\tgeheim D"))),
            vec!["text \"geheim C\\tgeheim D\"".to_string()]
        );
        assert_eq!(
            shape(&coalesce(keys("woord\r\t\r"))),
            vec![
                "text \"woord\\n\"".to_string(),
                "key Tab".to_string(),
                "key Enter".to_string()
            ]
        );
        assert_eq!(shape(&coalesce(keys("\t"))), vec!["key Tab".to_string()]);
    }

    #[test]
    fn a_key_that_is_not_text_ends_the_text_before_it() {
        let mut events = keys("ab");
        events.push(Event::Key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE)));
        events.extend(keys("c"));
        assert_eq!(
            shape(&coalesce(events)),
            vec![
                "text \"ab\"".to_string(),
                "key Left".to_string(),
                "text \"c\"".to_string()
            ]
        );
    }
}
