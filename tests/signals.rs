//! Stopped, continued, terminated: the real binary in a pseudo-terminal
//! keeps every character typed and comes back in raw mode.
#![cfg(unix)]

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::pty::Pty;

fn thoughts_in(folder: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(folder.join("sessies")) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter_map(|p| serde_json::from_slice::<serde_json::Value>(&std::fs::read(p).ok()?).ok())
        .filter_map(|v| {
            v["answers"]["gedachte"]["text"]
                .as_str()
                .map(str::to_string)
        })
        .collect()
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if done() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("timed out waiting for {what}");
}

/// Menu → practising alone, then SIGTERM right after typing: the practice
/// note holds the last character (a writer per mode once left it behind).
#[test]
fn switching_mode_then_sigterm_keeps_the_last_character() {
    let data = tempfile::tempdir().expect("tempdir");
    let arg = data.path().to_str().expect("utf-8");
    let mut pty = Pty::spawn(&["--data-dir", arg], 80, 24, &[]);
    pty.wait_for("Zelf oefenen");
    for _ in 0..3 {
        pty.send(b"\x1b[B");
    }
    pty.enter();
    pty.wait_for("Denkpatronen herkennen");
    pty.enter(); // an own thought (alone, no basishouding)
    pty.wait_for("Wat er gebeurde");
    pty.enter(); // nothing about what happened
    pty.wait_for("Welke gedachte over jezelf");
    let text = "Ik kan dit niet alleen.";
    pty.text(text);
    pty.wait_for(text);
    pty.signal("-TERM");
    assert!(pty.wait_exit(), "a clean exit");
    assert_eq!(thoughts_in(&data.path().join("oefenen")), [text]);
    assert!(
        thoughts_in(data.path()).is_empty(),
        "not among client notes"
    );
}

/// `kill -STOP`, the shell puts the terminal in cooked mode, `kill -CONT`:
/// the coach is raw again, Enter is Enter (not Ctrl+J), and the note is
/// exactly what was typed.
#[test]
fn stopped_and_continued_the_coach_is_raw_again_and_keeps_the_note() {
    let data = tempfile::tempdir().expect("tempdir");
    let arg = data.path().to_str().expect("utf-8");
    let mut pty = Pty::spawn(&["--data-dir", arg], 80, 24, &[]);
    pty.start_typing();
    pty.text("Voor de stop.");
    pty.wait_for("Voor de stop.");
    pty.signal("-STOP");
    pty.make_cooked();
    assert!(!pty.is_raw());
    pty.signal("-CONT");
    wait_until("raw mode again", || pty.is_raw());
    pty.text(" Erna.");
    pty.wait_for("Voor de stop. Erna.");
    pty.enter();
    pty.wait_for("Welk gevoel");
    wait_until("the note on disk", || {
        thoughts_in(data.path()) == ["Voor de stop. Erna."]
    });
    pty.quit();
    pty.wait_for("Stoppen?");
    pty.enter();
    assert!(pty.wait_exit());
}

/// `kill -TSTP` (a suspend key where there is one): the note is written
/// and the terminal given back before the coach stops; `kill -CONT`
/// brings it back on the alternate screen, in raw mode, where it was.
#[test]
fn a_suspend_saves_gives_the_terminal_back_and_resumes() {
    let data = tempfile::tempdir().expect("tempdir");
    let arg = data.path().to_str().expect("utf-8");
    let mut pty = Pty::spawn(&["--data-dir", arg], 80, 24, &[]);
    pty.start_typing();
    pty.text("Voor de pauze.");
    pty.wait_for("Voor de pauze.");
    let before = pty.raw().len();
    pty.signal("-TSTP");
    wait_until("the terminal given back", || !pty.is_raw());
    wait_until("the note on disk", || {
        thoughts_in(data.path()) == ["Voor de pauze."]
    });
    // The bytes reach the test's reader a moment after the terminal mode
    // changes: wait for them rather than read once.
    wait_until("left the alternate screen", || {
        pty.raw()[before..].windows(8).any(|w| w == b"\x1b[?1049l")
    });
    pty.signal("-CONT");
    wait_until("raw mode again", || pty.is_raw());
    pty.wait_for("Voor de pauze.");
    pty.text(" Erna.");
    pty.enter();
    pty.wait_for("Welk gevoel");
    wait_until("the note on disk", || {
        thoughts_in(data.path()) == ["Voor de pauze. Erna."]
    });
    pty.quit();
    pty.wait_for("Stoppen?");
    pty.enter();
    assert!(pty.wait_exit());
}
