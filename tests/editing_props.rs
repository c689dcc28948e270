//! Any sequence of editing keys keeps the text whole and the cursor in
//! bounds; any note survives a JSON round trip.

mod common;

use common::*;
use crossterm::event::{KeyCode, KeyModifiers};
use denkcoach::notes::{SessionRecord, parse};
use denkcoach::session::{Action, Session};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Key {
    Char(char),
    Plain(KeyCode),
    Ctrl(char),
    Paste(String),
}

fn key() -> impl Strategy<Value = Key> {
    let text_char = prop_oneof![
        any::<char>().prop_filter("not control", |c| !c.is_control()),
        Just('é'),
        Just('😀'),
        Just('日'),
        Just('\u{301}'),
        Just('ש'),
        Just(' '),
    ];
    prop_oneof![
        4 => text_char.prop_map(Key::Char),
        // Enter goes to the next step; Ctrl+J is the new line.
        2 => prop_oneof![
            Just(KeyCode::Backspace),
            Just(KeyCode::Delete),
            Just(KeyCode::Left),
            Just(KeyCode::Right),
            Just(KeyCode::Up),
            Just(KeyCode::Down),
            Just(KeyCode::Home),
            Just(KeyCode::End),
            Just(KeyCode::PageUp),
            Just(KeyCode::PageDown),
        ]
        .prop_map(Key::Plain),
        1 => prop_oneof![Just('j'), Just('z'), Just('y'), Just('w'), Just('k'), Just('u'), Just('d')]
            .prop_map(Key::Ctrl),
        1 => ".{0,40}".prop_map(Key::Paste),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn editing_keeps_the_cursor_in_bounds_and_the_text_whole(keys in prop::collection::vec(key(), 1..80)) {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut app = app_in(dir.path());
        begin(&mut app, "");
        press(&mut app, KeyCode::Enter);
        for k in &keys {
            match k {
                Key::Char(c) => press(&mut app, KeyCode::Char(*c)),
                Key::Plain(code) => press(&mut app, *code),
                Key::Ctrl(c) => press_with(&mut app, KeyCode::Char(*c), KeyModifiers::CONTROL),
                Key::Paste(text) => app.handle(
                    crossterm::event::Event::Paste(text.clone()),
                    fixed_now(),
                    std::time::Instant::now(),
                ),
            }
            let (text, (row, col), lines) = app.notes_state().expect("still typing");
            prop_assert!(row < lines.len(), "row {} of {}", row, lines.len());
            prop_assert!(col <= lines[row].chars().count(), "col {} of {:?}", col, lines[row]);
            prop_assert!(!text.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
        }
        // What the session holds is exactly what the field shows.
        let (text, _, _) = app.notes_state().expect("notes");
        let pack = builtin_pack();
        let session = app.session().expect("session");
        let step = session.current_step(&pack).expect("step");
        let held = session.answer(&step.id).map(|a| a.text.clone()).unwrap_or_default();
        prop_assert_eq!(held, text);
        // And drawing it never panics, at any size.
        for (w, h) in [(80, 24), (33, 17), (1, 1)] {
            let _ = screen_text(&app, w, h);
        }
    }

    #[test]
    fn any_note_survives_a_json_round_trip(
        code in proptest::option::of("[A-Za-z0-9 é-]{0,12}"),
        texts in prop::collection::vec(any::<String>(), 0..6),
        rating in proptest::option::of(0u8..=100),
    ) {
        let pack = builtin_pack();
        let mut session = Session::new(&pack, fixed_now(), code);
        for text in texts {
            session.update(&pack, Action::SetText(text), fixed_now());
            session.update(&pack, Action::Next, fixed_now());
        }
        if let Some(r) = rating {
            session.answers.entry("geloof-voor".into()).or_default().rating = Some(r);
        }
        let record = SessionRecord::from_session("rond", &session, &pack, fixed_now());
        let json = serde_json::to_vec(&record).expect("serialise");
        prop_assert_eq!(parse(&json).expect("parses back"), record);
    }
}

/// The notes field re-wraps only the lines an edit changed (a patch in
/// vendor/ratatui-textarea): after any edits it must look exactly like a
/// field wrapped from scratch with the same text and cursor.
fn draw_field(field: &ratatui_textarea::TextArea, width: u16) -> ratatui::buffer::Buffer {
    // Tall enough that nothing scrolls.
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, 400)).expect("terminal");
    terminal
        .draw(|f| f.render_widget(field, f.area()))
        .expect("draw");
    terminal.backend().buffer().clone()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn wrapping_after_edits_matches_wrapping_from_scratch(
        keys in proptest::collection::vec(key(), 0..40),
        width in 8u16..40,
    ) {
        use ratatui_textarea::{CursorMove, TextArea, WrapMode};
        let mut field = TextArea::from([
            "een twee drie vier vijf zes zeven acht negen tien",
            "kort",
            "één lange regel met woorden die over de rand gaan en weer terug",
        ]);
        field.set_wrap_mode(WrapMode::Word);
        draw_field(&field, width);
        // Paging scrolls the view, which a fresh field does not share.
        let paging = |k: &&Key| matches!(k, Key::Plain(KeyCode::PageUp | KeyCode::PageDown));
        for k in keys.iter().filter(|k| !paging(k)) {
            let event = match k {
                Key::Char(c) => crossterm::event::KeyEvent::new(KeyCode::Char(*c), KeyModifiers::NONE),
                Key::Plain(code) => crossterm::event::KeyEvent::new(*code, KeyModifiers::NONE),
                Key::Ctrl(c) => crossterm::event::KeyEvent::new(KeyCode::Char(*c), KeyModifiers::CONTROL),
                Key::Paste(text) => {
                    field.insert_str(text);
                    continue;
                }
            };
            field.input(event);
        }
        let mut fresh = TextArea::from(field.lines().to_vec());
        fresh.set_wrap_mode(WrapMode::Word);
        let cursor = field.cursor();
        let (row, col) = (cursor.0, cursor.1);
        fresh.move_cursor(CursorMove::Jump(
            u16::try_from(row).unwrap_or(u16::MAX),
            u16::try_from(col).unwrap_or(u16::MAX),
        ));
        prop_assert_eq!(draw_field(&field, width), draw_field(&fresh, width));
    }
}
