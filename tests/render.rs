//! Snapshots of every phase at 80×24 with a fixed clock, and checks that
//! nothing a volunteer needs is cut off.

mod common;

use common::*;
use crossterm::event::KeyCode;
use denkcoach::app::App;
use denkcoach::session::Place;

fn snapshot(name: &str, app: &App, dir: &std::path::Path) {
    let terminal = render(app, 80, 24);
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(&regex_escape(&dir.display().to_string()), "[DATA]");
    settings.bind(|| insta::assert_snapshot!(name, terminal.backend()));
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '/' || c == '_' {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}

fn place(app: &App) -> Place {
    app.session().expect("a session").place
}

#[test]
fn every_phase_of_a_session() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_in(dir.path());
    snapshot("00_menu", &app, dir.path());
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "K7");
    snapshot("01_start", &app, dir.path());
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char(' '));
    snapshot("02_basishouding", &app, dir.path());
    press(&mut app, KeyCode::Enter);
    note(&mut app, "Op de markt groette de buurman niet terug.");
    snapshot("02b_signaleren_situatie", &app, dir.path());
    press(&mut app, KeyCode::Enter);
    note(&mut app, "Niemand zit op mij te wachten.");
    snapshot("03_signaleren_gedachte", &app, dir.path());
    press(&mut app, KeyCode::Enter);
    note(&mut app, "Verdrietig, en een beetje boos.");
    snapshot("03b_signaleren_gevoel", &app, dir.path());
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Down);
    snapshot("04_signaleren_patronen", &app, dir.path());
    press(&mut app, KeyCode::Enter);
    snapshot("05_signaleren_reflectie", &app, dir.path());
    press(&mut app, KeyCode::Char(' ')); // "ja", recognised
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "80");
    snapshot("06_signaleren_geloof", &app, dir.path());
    press(&mut app, KeyCode::Enter);
    assert_eq!(place(&app), Place::RouteChoice);
    snapshot("07_routekeuze", &app, dir.path());
    choose_route(&mut app, 0);
    note(
        &mut app,
        "Ik weet het niet zeker, misschien hebben ze het druk.",
    );
    snapshot("08_route_uitdagen", &app, dir.path());
    // The other routes' first steps, reached by switching route.
    for (route, name) in [
        (1, "09_route_focussen"),
        (2, "10_route_anders_doen"),
        (3, "11_route_zelfcompassie"),
    ] {
        ctrl(&mut app, 'r');
        choose_route(&mut app, route);
        snapshot(name, &app, dir.path());
    }
    while matches!(place(&app), Place::Route { .. }) {
        press(&mut app, KeyCode::Enter);
    }
    snapshot("12_afronden_samenvatting", &app, dir.path());
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "45");
    snapshot("13_afronden_geloof", &app, dir.path());
    press(&mut app, KeyCode::Enter);
    note(&mut app, "Hij had me misschien niet gezien.");
    snapshot("13b_afronden_helpende_gedachte", &app, dir.path());
    press(&mut app, KeyCode::Enter);
    note(&mut app, "Morgen de buurvrouw groeten.");
    snapshot("14_afronden_volgende_stap", &app, dir.path());
    press(&mut app, KeyCode::Enter);
    snapshot("15_klaar", &app, dir.path());
}

#[test]
fn help_and_quit_question() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_in(dir.path());
    begin(&mut app, "");
    enter_until(&mut app, denkcoach::content::Role::Thought);
    press(&mut app, KeyCode::F(1));
    snapshot("20_help", &app, dir.path());
    press(&mut app, KeyCode::F(2));
    snapshot("22_over", &app, dir.path());
    press(&mut app, KeyCode::Esc);
    ctrl(&mut app, 'q');
    snapshot("21_stoppen", &app, dir.path());
    press(&mut app, KeyCode::Esc);
    assert!(!app.should_quit());
    ctrl(&mut app, 'q');
    press(&mut app, KeyCode::Enter);
    assert!(app.should_quit());
}

/// At 80×24 the sentence to say, the footer's quit key and a notes field of
/// at least one line are on screen at every step of every route, in both
/// languages.
#[test]
fn nothing_essential_is_cut_off_at_80x24() {
    for lang in ["nl", "en"] {
        let pack = denkcoach::content::Pack::load(lang, &[]).expect("pack");
        for index in 0..pack.routes.len() {
            let dir = tempfile::tempdir().expect("tempdir");
            let mut app = app_in_lang(dir.path(), lang);
            begin(&mut app, "");
            walk_until(&mut app, &pack, |p| p == Place::RouteChoice);
            choose_route(&mut app, index);
            walk_until(&mut app, &pack, |p| p == Place::Done);
            let screen = screen_text(&app, 80, 24);
            assert!(screen.contains(&pack.ui.done.title), "{lang}: {screen}");
        }
    }
}

fn walk_until(app: &mut App, pack: &denkcoach::content::Pack, stop: impl Fn(Place) -> bool) {
    let mut guard = 0;
    while !stop(place(app)) {
        let session = app.session().expect("session");
        if let Some(step) = session.current_step(pack) {
            if step.notes {
                note(app, "Een notitie van een paar woorden.");
            }
            let screen = screen_text(app, 80, 24);
            let first_words: String = step
                .prompt
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ");
            if !step.prompt.contains('{') {
                assert!(
                    screen.contains(&first_words),
                    "prompt of {} missing:\n{screen}",
                    step.id
                );
            }
            assert!(
                screen.contains(&pack.ui.keys.quit),
                "no quit key on {}:\n{screen}",
                step.id
            );
            if step.notes {
                assert!(
                    screen.contains("Een notitie"),
                    "notes of {} not visible:\n{screen}",
                    step.id
                );
            }
        }
        press(app, KeyCode::Enter);
        guard += 1;
        assert!(guard < 60, "flow does not end");
    }
}

/// A paste on a step lands in its notes, line breaks and all, and typing
/// keys like q or ? in notes are text, not commands.
#[test]
fn pasting_and_typing_command_letters_are_text() {
    use crossterm::event::Event;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_in(dir.path());
    begin(&mut app, "");
    enter_until(&mut app, denkcoach::content::Role::Thought);
    app.handle(
        Event::Paste("Eerste regel\r\ntweede regel".into()),
        fixed_now(),
        std::time::Instant::now(),
    );
    type_text(&mut app, " q?r");
    press(&mut app, KeyCode::Backspace);
    assert!(!app.should_quit());
    let pack = builtin_pack();
    let session = app.session().expect("session");
    assert_eq!(
        session.thought(&pack),
        Some("Eerste regel\ntweede regel q?")
    );
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("tweede regel q?"), "{screen}");
}

/// The high-contrast theme (a trainer's projector, often white) writes no
/// text in a fixed white or yellow: it uses the terminal's own colours,
/// bold and reverse video.
#[test]
fn high_contrast_uses_no_fixed_white_or_yellow() {
    use ratatui::style::Color;
    let dir = tempfile::tempdir().expect("tempdir");
    let store = denkcoach::notes::Store::open(dir.path()).expect("store");
    let mut app = denkcoach::app::App::new(
        common::builtin_pack(),
        denkcoach::ui::Theme::high_contrast(),
        store,
    );
    let fixed = |c: Color| {
        matches!(
            c,
            Color::White | Color::Yellow | Color::LightYellow | Color::Gray
        )
    };
    let check = |app: &denkcoach::app::App, what: &str| {
        let terminal = common::render(app, 100, 30);
        let buffer = terminal.backend().buffer();
        for cell in buffer.content() {
            assert!(
                !(fixed(cell.fg) || fixed(cell.bg)),
                "{what}: {:?} in {:?} on {:?}",
                cell.symbol(),
                cell.fg,
                cell.bg
            );
        }
    };
    check(&app, "start menu");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "K7");
    press(&mut app, KeyCode::Enter);
    check(&app, "basishouding");
    press(&mut app, KeyCode::Enter);
    note(&mut app, "Niemand zit op mij te wachten.");
    check(&app, "the thought");
    press(&mut app, KeyCode::Enter);
    check(&app, "the patterns");
}
