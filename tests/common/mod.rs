//! Helpers to drive the real app in tests: fixed time, keys, a render.
#![allow(dead_code)]

#[cfg(unix)]
pub mod pty;

use std::time::Instant;

use chrono::{DateTime, FixedOffset, TimeZone};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use denkcoach::app::{App, Options, StartAt};
use denkcoach::content::Pack;
use denkcoach::notes::{SessionRecord, Store};
use denkcoach::ui::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub fn fixed_now() -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .and_then(|tz| tz.with_ymd_and_hms(2026, 11, 28, 14, 5, 0).single())
        .expect("a valid fixed time")
}

pub fn builtin_pack() -> Pack {
    Pack::load("nl", &[]).expect("the built-in pack loads")
}

pub fn app_in(dir: &std::path::Path) -> App {
    app_in_lang(dir, "nl")
}

pub fn app_in_lang(dir: &std::path::Path, lang: &str) -> App {
    let store = Store::open(dir).expect("a temporary data folder opens");
    let pack = Pack::load(lang, &[]).expect("the built-in pack loads");
    App::new(pack, Theme::colour(), store)
}

/// The app as `denkcoach notities`, `denkcoach demo`… opens it.
pub fn app_starting(dir: &std::path::Path, start: StartAt) -> App {
    let store = Store::open(dir).expect("a temporary data folder opens");
    let options = Options {
        start,
        ..Options::default()
    };
    App::with_options(builtin_pack(), Theme::colour(), store, options)
}

pub fn press(app: &mut App, code: KeyCode) {
    press_with(app, code, KeyModifiers::NONE);
}

/// Ctrl plus a letter.
pub fn ctrl(app: &mut App, c: char) {
    press_with(app, KeyCode::Char(c), KeyModifiers::CONTROL);
}

pub fn press_with(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    app.handle(
        Event::Key(KeyEvent::new(code, modifiers)),
        fixed_now(),
        Instant::now(),
    );
}

pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        if c == '\n' {
            press(app, KeyCode::Enter);
        } else {
            press(app, KeyCode::Char(c));
        }
    }
}

/// From the start menu of an empty data folder: a new conversation with
/// this client code.
pub fn begin(app: &mut App, code: &str) {
    press(app, KeyCode::Enter); // "Gesprek naast een cliënt" is first

    type_text(app, code);
    press(app, KeyCode::Enter);
}

/// On the route choice: highlights route `index` (0 is a.) and takes it.
pub fn choose_route(app: &mut App, index: usize) {
    press(app, KeyCode::Home);
    for _ in 0..index {
        press(app, KeyCode::Down);
    }
    press(app, KeyCode::Enter);
}

/// Enter until the step with `role`, the optional steps before it (what
/// happened, the feeling) left empty.
pub fn enter_until(app: &mut App, role: denkcoach::content::Role) {
    for _ in 0..20 {
        let here = app
            .session()
            .and_then(|s| s.current_step(app.pack()))
            .and_then(|s| s.role);
        if here == Some(role) {
            return;
        }
        press(app, KeyCode::Enter);
    }
    panic!("never reached the step with {role:?}");
}

/// A session moved on to its thought step (the optional steps before it
/// left empty).
pub fn session_to_thought(
    pack: &Pack,
    session: &mut denkcoach::session::Session,
    at: DateTime<FixedOffset>,
) {
    while session
        .current_step(pack)
        .is_some_and(|s| s.role != Some(denkcoach::content::Role::Thought))
    {
        session.update(pack, denkcoach::session::Action::Next, at);
    }
}

/// Types notes on the current step, as a volunteer does: straight away,
/// with Ctrl+J for a new line.
pub fn note(app: &mut App, text: &str) {
    for c in text.chars() {
        if c == '\n' {
            press_with(app, KeyCode::Char('j'), KeyModifiers::CONTROL);
        } else {
            press(app, KeyCode::Char(c));
        }
    }
}

pub fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|f| app.draw(f)).expect("draw");
    terminal
}

/// The screen as plain text, one line per row.
pub fn screen_text(app: &App, width: u16, height: u16) -> String {
    let terminal = render(app, width, height);
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A session record for `client` with a thought typed, as saved at `started`.
pub fn record_for(
    client: &str,
    started: chrono::DateTime<chrono::FixedOffset>,
    id: &str,
) -> SessionRecord {
    let pack = builtin_pack();
    let mut session = denkcoach::session::Session::new(&pack, started, Some(client.to_string()));
    while session
        .current_step(&pack)
        .is_some_and(|s| s.role != Some(denkcoach::content::Role::Thought))
    {
        session.update(&pack, denkcoach::session::Action::Next, started);
    }
    session.update(
        &pack,
        denkcoach::session::Action::SetText(format!("Gedachte van {client} in {id}")),
        started,
    );
    SessionRecord::from_session(id, &session, &pack, started)
}

/// Every file under `dir`, in any subfolder.
pub fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Every file under `dir` with its bytes: to show that something changed
/// nothing on disk.
pub fn folder_contents(
    dir: &std::path::Path,
) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    files_under(dir)
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).expect("read");
            (path, bytes)
        })
        .collect()
}

/// The session on screen as saved: written now, read back from its file.
pub fn saved_record(app: &mut App) -> SessionRecord {
    assert!(app.flush());
    let path = app.saved_path().expect("a session file");
    denkcoach::notes::parse(&std::fs::read(path).expect("read")).expect("a record")
}

/// The same, as the JSON in the file.
pub fn saved_json(app: &mut App) -> serde_json::Value {
    assert!(app.flush());
    let path = app.saved_path().expect("a session file");
    serde_json::from_slice(&std::fs::read(path).expect("read")).expect("json")
}

/// The program itself, run from the command line with no config and no
/// locale, and these environment variables.
pub fn denkcoach_cli(args: &[&str], env: &[(&str, &std::path::Path)]) -> std::process::Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_denkcoach"));
    cmd.args(args)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("DENKCOACH_DATA_DIR")
        .env(
            "DENKCOACH_CONFIG_DIR",
            std::env::temp_dir().join("denkcoach-no-config"),
        );
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run denkcoach")
}

/// Waits for a started program up to `seconds`; false (and killed) when it
/// hangs – a test of something that must never wait for ever.
pub fn finishes_within(child: &mut std::process::Child, seconds: u64) -> bool {
    let end = Instant::now() + std::time::Duration::from_secs(seconds);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > end {
            let _ = child.kill();
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    true
}
