//! Robust in any terminal: sizes, resizes, colours, panics, floods of
//! input, plain mode, unwritable folders, any text.
// Pseudo-terminals, signals and Unix permissions: these run on Unix.
#![cfg(unix)]

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::pty::{Pty, assert_terminal_restored as left_terminal_clean};
use common::*;
use crossterm::event::KeyCode;

fn json_files(dir: &std::path::Path) -> Vec<serde_json::Value> {
    let sessions = dir.join("sessies");
    let Ok(entries) = std::fs::read_dir(&sessions) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter_map(|p| serde_json::from_slice(&std::fs::read(p).ok()?).ok())
        .collect()
}

fn wait_for_file(
    dir: &std::path::Path,
    what: &str,
    limit: Duration,
    test: impl Fn(&serde_json::Value) -> bool,
) {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if json_files(dir).iter().any(&test) {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("no saved session with {what} within {limit:?}");
}

/// Stops typing and quits, confirming; the exit must be clean.
fn quit_while_typing(pty: &mut Pty) {
    pty.quit();
    pty.wait_for("Stoppen?");
    pty.enter();
    assert!(pty.wait_exit());
}

#[test]
fn any_size_from_80x24_down_to_1x1_and_a_resize_storm() {
    let data = tempfile::tempdir().expect("tempdir");
    let arg = data.path().to_str().expect("utf-8");
    for (cols, rows, expect) in [
        (80, 24, Some("Gesprek naast een cliënt")),
        (40, 12, Some("Maak het venster groter")),
        (20, 5, Some("Maak het venster")),
        (1, 1, None),
    ] {
        let mut pty = Pty::spawn(&["--data-dir", arg], cols, rows, &[]);
        match expect {
            Some(text) => pty.wait_for(text),
            None => std::thread::sleep(Duration::from_millis(500)),
        }
        assert!(pty.is_running(), "alive at {cols}x{rows}");
        pty.send(b"\x11");
        assert!(pty.wait_exit(), "clean exit at {cols}x{rows}");
    }
    // A storm of resizes in the middle of typing keeps the text.
    let mut pty = Pty::spawn(&["--data-dir", arg], 80, 24, &[]);
    pty.start_typing();
    pty.text("Door de storm heen.");
    for i in 0..200u16 {
        pty.resize(1 + (i * 7) % 120, 1 + (i * 3) % 40);
    }
    pty.resize(80, 24);
    pty.wait_for("Door de storm heen.");
    quit_while_typing(&mut pty);
    left_terminal_clean(&pty.raw());
}

/// Whether the output sets a colour (resetting to the default is allowed).
fn sets_colour(raw: &[u8]) -> bool {
    let text = String::from_utf8_lossy(raw);
    text.split("\x1b[").skip(1).any(|seq| {
        let Some(end) = seq.find(|c: char| c.is_ascii_alphabetic()) else {
            return false;
        };
        if !seq[end..].starts_with('m') {
            return false;
        }
        seq[..end].split(';').any(|p| {
            matches!(
                p.parse::<u16>(),
                Ok(30..=38 | 40..=48 | 90..=97 | 100..=107)
            )
        })
    })
}

#[test]
fn no_colour_with_no_color_on_a_linux_console() {
    let data = tempfile::tempdir().expect("tempdir");
    let arg = data.path().to_str().expect("utf-8");
    let mut pty = Pty::spawn(
        &["--data-dir", arg],
        80,
        24,
        &[("TERM", "linux"), ("NO_COLOR", "1")],
    );
    pty.start_typing();
    pty.text("Zonder kleur.");
    pty.enter();
    pty.wait_for("Welk gevoel");
    pty.quit();
    pty.wait_for("Stoppen?");
    pty.enter();
    assert!(pty.wait_exit());
    assert!(
        !sets_colour(&pty.raw()),
        "a colour escape sequence was written"
    );

    // Without NO_COLOR colours are used, from the 16-colour palette only.
    let mut pty = Pty::spawn(&["--data-dir", arg], 80, 24, &[("TERM", "linux")]);
    pty.wait_for("Gesprek naast een cliënt");
    pty.send(b"\x11");
    assert!(pty.wait_exit());
    let raw = pty.raw();
    assert!(sets_colour(&raw));
    // crossterm writes the 16 named colours as 38;5;0–15: nothing above,
    // and no true colour.
    let text = String::from_utf8_lossy(&raw);
    assert!(!text.contains("8;2;"), "no true colour");
    for part in text.split("8;5;").skip(1) {
        let n: String = part.chars().take_while(char::is_ascii_digit).collect();
        assert!(
            n.parse::<u16>().is_ok_and(|n| n < 16),
            "colour {n} is not one of the 16"
        );
    }
}

#[test]
fn a_panic_restores_the_terminal_and_keeps_the_text() {
    let data = tempfile::tempdir().expect("tempdir");
    let arg = data.path().to_str().expect("utf-8");
    let mut pty = Pty::spawn(
        &["--data-dir", arg],
        80,
        24,
        &[("DENKCOACH_TEST_PANIC", "1")],
    );
    pty.start_typing();
    pty.text("Vlak voor de fout getypt.");
    pty.send(b"\x1b[24~"); // F12
    assert!(!pty.wait_exit(), "a panic is a failure exit");
    left_terminal_clean(&pty.raw());
    let screen = pty.screen();
    assert!(
        screen.contains("denkcoach stopte door een fout"),
        "{screen}"
    );
    assert!(
        !screen.contains("DENKCOACH_TEST_PANIC"),
        "the panic message is not shown: {screen}"
    );
    let saved = json_files(data.path());
    assert_eq!(saved[0]["thought"], "Vlak voor de fout getypt.");
}

fn five_megabytes() -> String {
    let line = "Een lange zin om te plakken, met é, ‘quotes’ en cijfers 1234567890.\n";
    line.repeat(5 * 1024 * 1024 / line.len() + 1)
}

#[test]
fn a_5_mb_bracketed_paste_is_kept_and_saved() {
    let data = tempfile::tempdir().expect("tempdir");
    let arg = data.path().to_str().expect("utf-8");
    let mut pty = Pty::spawn(&["--data-dir", arg], 80, 24, &[]);
    pty.start_typing();
    let text = five_megabytes();
    let mut bytes = b"\x1b[200~".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    bytes.extend_from_slice(b"\x1b[201~");
    pty.send(&bytes);
    // Bounded: a generous limit that only a hang would reach.
    wait_for_file(data.path(), "the paste", Duration::from_secs(120), |v| {
        v["answers"]["gedachte"]["text"].as_str() == Some(text.as_str())
    });
    quit_while_typing(&mut pty);
}

#[test]
fn a_5_mb_paste_without_bracketed_paste_is_kept_and_saved() {
    let data = tempfile::tempdir().expect("tempdir");
    let arg = data.path().to_str().expect("utf-8");
    let mut pty = Pty::spawn(&["--data-dir", arg], 80, 24, &[]);
    pty.start_typing();
    // As typed keys: line breaks arrive as Enter, in the middle of a flood
    // of text, so they are line breaks in the note, not the next step.
    let text = five_megabytes().replace('\n', "\r");
    pty.send(text.as_bytes());
    let expected = text.replace('\r', "\n");
    wait_for_file(
        data.path(),
        "the typed flood",
        Duration::from_secs(300),
        |v| v["answers"]["gedachte"]["text"].as_str() == Some(expected.as_str()),
    );
    quit_while_typing(&mut pty);
}

#[test]
fn pasted_escape_sequences_are_text_not_commands() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_in(dir.path());
    begin(&mut app, "");
    press(&mut app, KeyCode::Enter);
    app.handle(
        crossterm::event::Event::Paste("rood\x1b[31m en \x07bel\x1b]0;titel\x07 klaar".into()),
        fixed_now(),
        Instant::now(),
    );
    let (text, _, _) = app.notes_state().expect("notes");
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    assert!(
        text.starts_with("rood[31m en bel]0;titel klaar"),
        "{text:?}"
    );
}

/// Plain mode with these answers piped in, to the end of the input.
fn plain(data: &Path, answers: &[u8]) -> std::process::Output {
    use std::io::Write;
    let mut child = plain_mode(data).spawn().expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(answers).expect("write answers");
    drop(stdin);
    child.wait_with_output().expect("output")
}

fn plain_mode(data: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_denkcoach"));
    cmd.args([
        "--plain",
        "--data-dir",
        data.to_str().expect("utf-8"),
        "gesprek",
    ])
    .env_remove("LANG")
    .env_remove("LC_ALL")
    .stdin(std::process::Stdio::piped())
    .stdout(std::process::Stdio::piped());
    cmd
}

#[test]
fn plain_mode_runs_a_whole_session_from_piped_input() {
    let data = tempfile::tempdir().expect("tempdir");
    // Each text step asks the other person's words, then the volunteer's
    // own impression (Enter: none).
    // The optional steps (what happened, the feeling, a helpful thought)
    // ask the same two lines.
    // A note of several lines ends with a line holding only a point.
    let answers = "K7\n1 2 3\nOp de markt.\n.\n\nNiemand belt mij ooit.\n.\nZe kijkt weg.\n.\nVerdrietig.\n.\n\n1\n1\n80\na\nNee.\n.\n\nBoos.\n.\n\nLichter.\n.\n\n\n\n\n\n\n\nEigenlijk niet.\n.\n\n45\nHij had het druk.\n.\n\nZaterdag bellen.\n.\nZe leek opgelucht.\n";
    let out = plain(data.path(), answers.as_bytes());
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains('\x1b'), "no escape sequences in plain mode");
    assert!(
        text.contains("[1] Basishouding · stap 1 van 1 – Voor je begint"),
        "{text}"
    );
    assert!(text.contains("Is het waar?"));
    assert!(text.contains("Bewaard in"));
    let saved = json_files(data.path());
    assert_eq!(saved.len(), 1);
    let s = &saved[0];
    assert_eq!(s["thought"], "Niemand belt mij ooit.");
    assert_eq!(s["answers"]["gedachte"]["impression"], "Ze kijkt weg.");
    assert_eq!(s["answers"]["situatie"]["text"], "Op de markt.");
    assert_eq!(s["answers"]["gevoel"]["text"], "Verdrietig.");
    assert_eq!(
        s["answers"]["helpende-gedachte"]["text"],
        "Hij had het druk."
    );
    assert_eq!(
        s["answers"]["volgende-stap"]["impression"],
        "Ze leek opgelucht."
    );
    assert_eq!(s["belief_before"], 80);
    assert_eq!(s["belief_after"], 45);
    assert_eq!(s["next_step"], "Zaterdag bellen.");
    assert_eq!(s["routes"], serde_json::json!(["uitdagen"]));
    assert!(s["finished_at"].is_string());
}

#[test]
fn an_unusable_data_folder_is_reported_before_a_session_begins() {
    let base = tempfile::tempdir().expect("tempdir");
    let file = base.path().join("een-bestand");
    std::fs::write(&file, b"geen map").expect("write");
    // A folder that cannot be created (its parent is a file): this holds
    // for root too, where permission bits would not stop anything.
    let target = file.join("notities");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_denkcoach"))
        .args(["--data-dir", target.to_str().expect("utf-8")])
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("niet bruikbaar") && err.contains("--data-dir"),
        "{err}"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("\x1b[?1049h"));
}

#[test]
fn wide_and_combining_and_right_to_left_text_edit_and_show() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_in(dir.path());
    begin(&mut app, "");
    press(&mut app, KeyCode::Enter);
    let text = "日本語 😀 cafe\u{301} שלום עולם";
    note(&mut app, text);
    let (saved, _, _) = app.notes_state().expect("notes");
    assert_eq!(saved, text);
    for (w, h) in [(80, 24), (60, 16), (30, 10), (1, 1)] {
        let screen = screen_text(&app, w, h);
        if w >= 60 {
            assert!(
                screen.contains("日") && screen.contains("😀") && screen.contains("שלום"),
                "{screen}"
            );
        }
    }
    // Editing around wide characters keeps the text whole.
    press(&mut app, KeyCode::Home);
    press(&mut app, KeyCode::Delete);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Backspace);
    let (after, _, _) = app.notes_state().expect("notes");
    assert_eq!(after, text.chars().skip(2).collect::<String>());
}

/// Plain mode whose folder goes away mid-session: it says so at once and at
/// the end, never "Bewaard in" a file that is not there, and the answers
/// are in a fallback file it names (here in the home folder).
#[cfg(unix)]
#[test]
fn plain_mode_tells_the_truth_when_saving_fails() {
    use std::io::Write;
    let data = tempfile::tempdir().expect("tempdir");
    let home = tempfile::tempdir().expect("home");
    let mut child = plain_mode(data.path())
        .env("HOME", home.path())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(b"K7\n1 2 3\n").expect("write");
    stdin.flush().expect("flush");
    // Wait for the first save, then take the folder away (a file where the
    // folder was: every save fails, also for root).
    let sessions = data.path().join("sessies");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::fs::read_dir(&sessions)
        .map(|d| {
            !d.flatten()
                .any(|e| e.path().extension().is_some_and(|x| x == "json"))
        })
        .unwrap_or(true)
    {
        assert!(std::time::Instant::now() < deadline, "no first save");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::fs::rename(&sessions, data.path().join("weg")).expect("move the folder");
    std::fs::write(&sessions, b"geen map").expect("a file in its place");
    stdin
        .write_all(b"\n\nNiemand belt mij ooit.\n.\nZe kijkt weg.\n")
        .expect("write");
    drop(stdin);
    let out = child.wait_with_output().expect("output");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Opslaan mislukt"), "{text}");
    assert!(!text.contains("Bewaard in"), "{text}");
    assert!(text.contains("Niet bewaard in"), "{text}");
    let copy = std::fs::read_dir(home.path())
        .expect("home")
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with("denkcoach-"))
        .expect("a fallback file in the home folder");
    assert!(text.contains(&copy.path().display().to_string()), "{text}");
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(copy.path()).expect("read")).expect("json");
    assert_eq!(saved["thought"], "Niemand belt mij ooit.");
    assert_eq!(saved["answers"]["gedachte"]["impression"], "Ze kijkt weg.");
}

/// Input that ends right after an answer (before the question for the
/// impression) still has that answer saved, and the record says how it
/// was made.
#[test]
fn plain_mode_saves_the_last_answer_when_the_input_ends() {
    let data = tempfile::tempdir().expect("tempdir");
    let out = plain(data.path(), b"K8\n\n\n\nLAATSTE WOORDEN\n");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Bewaard in"));
    let saved = json_files(data.path());
    assert_eq!(saved[0]["thought"], "LAATSTE WOORDEN");
    assert_eq!(saved[0]["mode"], "gesprek");
}

/// Without a terminal to draw in – output to a pipe – the conversation
/// asks line by line by itself and says so; a screen that needs a terminal
/// says what works instead.
#[test]
fn without_a_terminal_the_conversation_goes_line_by_line() {
    use std::io::Write;
    let data = tempfile::tempdir().expect("tempdir");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_denkcoach"))
        .args(["--data-dir", data.path().to_str().expect("utf-8")])
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(b"1\nK7\n\n\n\nZONDER TERMINAL\n")
        .expect("answers");
    drop(stdin);
    let out = child.wait_with_output().expect("output");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Geen terminal voor het volledige scherm"),
        "{text}"
    );
    assert!(out.status.success(), "{out:?}");
    assert_eq!(json_files(data.path())[0]["thought"], "ZONDER TERMINAL");

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_denkcoach"))
        .args([
            "--data-dir",
            data.path().to_str().expect("utf-8"),
            "notities",
        ])
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run");
    // The notes too: listed line by line, the session of above among them.
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Gesprekken (1)") && text.contains("K7"),
        "{text}"
    );
}
