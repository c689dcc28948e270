//! Typing goes where the user looks: each defect a hurried volunteer met
//! in the first round, driven through the real loop (update, effects,
//! writer) with scripted keys.

mod common;

use denkcoach::content::Role;

use common::*;
use crossterm::event::{KeyCode, KeyModifiers};
use denkcoach::app::keys::{self, Keys};
use denkcoach::app::model::{Overlay, Screen};
use denkcoach::app::{App, StartAt};
use denkcoach::notes::{SessionRecord, Store};
use denkcoach::session::{Action, Place, Session};

use common::saved_json as saved;

/// To the thought step of a new conversation with client K7.
fn at_the_thought(dir: &std::path::Path) -> App {
    let mut app = app_in(dir);
    begin(&mut app, "K7");
    enter_until(&mut app, Role::Thought);
    app
}

fn step_id(app: &App) -> String {
    let pack = builtin_pack();
    app.session()
        .and_then(|s| s.current_step(&pack))
        .map(|s| s.id.clone())
        .unwrap_or_default()
}

/// The client's words typed at once – no Tab first, letters that were
/// commands (t, a, q, r, ?) among them – are in the note and in the file.
#[test]
fn words_typed_without_tab_land_in_the_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = at_the_thought(dir.path());
    let words = "Ze zegt: iedereen is me vergeten, ook haar dochter? Raar toch.";
    type_text(&mut app, words);
    assert!(!app.should_quit());
    assert!(app.model().overlay.is_none(), "no window opened");
    assert!(!app.model().hide_tips, "tips untouched");
    assert_eq!(app.notes_state().map(|n| n.0).as_deref(), Some(words));
    assert_eq!(saved(&mut app)["thought"], words);
}

/// On a step whose main input is a choice, a letter goes to the note (and
/// the keyboard with it), so that spaces after it are text too.
#[test]
fn a_word_on_a_choice_step_goes_to_the_note_and_picks_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = at_the_thought(dir.path());
    type_text(&mut app, "Niemand belt.");
    enter_until(&mut app, Role::Patterns);
    assert_eq!(step_id(&app), "patronen");
    type_text(&mut app, "zij moet alles zelf");
    let file = saved(&mut app);
    // The patterns are the volunteer's judgement: the note is their own.
    assert_eq!(
        file["answers"]["patronen"]["impression"],
        "zij moet alles zelf"
    );
    assert_eq!(file["patterns"], serde_json::json!([]));
}

/// Enter on the reflection without a choice records nothing, and the
/// te-snel reminder then says the thought is not recognised yet.
#[test]
fn enter_on_the_reflection_records_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = at_the_thought(dir.path());
    type_text(&mut app, "Niemand belt.");
    enter_until(&mut app, Role::Recognised);
    assert_eq!(step_id(&app), "reflectie");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(saved(&mut app)["recognised"], serde_json::Value::Null);
    press(&mut app, KeyCode::Enter); // the rating, left empty
    assert_eq!(app.session().map(|s| s.place), Some(Place::RouteChoice));
    let screen = screen_text(&app, 100, 30);
    assert!(
        screen.contains("de gedachte herkent, is (nog) niet genoteerd"),
        "{screen}"
    );
    assert_eq!(saved(&mut app)["belief_before"], serde_json::Value::Null);
}

/// Ctrl+J – what Enter becomes when the terminal is not raw – is a new
/// line; no editing key deletes without Ctrl+Z bringing it back.
#[test]
fn ctrl_j_is_a_new_line_and_deleting_is_undone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = at_the_thought(dir.path());
    type_text(&mut app, "Eerste regel");
    ctrl(&mut app, 'j');
    type_text(&mut app, "tweede regel");
    for c in ['k', 'u', 'd'] {
        ctrl(&mut app, c);
    }
    let text = || "Eerste regel\ntweede regel".to_string();
    assert_eq!(app.notes_state().map(|n| n.0), Some(text()));
    ctrl(&mut app, 'w');
    assert_eq!(
        app.notes_state().map(|n| n.0).as_deref(),
        Some("Eerste regel\ntweede ")
    );
    ctrl(&mut app, 'z');
    assert_eq!(app.notes_state().map(|n| n.0), Some(text()));
    ctrl(&mut app, 'y');
    ctrl(&mut app, 'z');
    assert_eq!(saved(&mut app)["thought"], text());
}

fn record(pack: &denkcoach::content::Pack, id: &str, client: &str, text: &str) -> SessionRecord {
    record_at(pack, id, client, text, 0)
}

fn record_at(
    pack: &denkcoach::content::Pack,
    id: &str,
    client: &str,
    text: &str,
    hours: i64,
) -> SessionRecord {
    let at = fixed_now() + chrono::Duration::hours(hours);
    let mut session = Session::new(pack, at, Some(client.into()));
    while session
        .current_step(pack)
        .is_some_and(|s| s.role != Some(Role::Thought))
    {
        session.update(pack, Action::Next, at);
    }
    session.update(pack, Action::SetText(text.into()), at);
    SessionRecord::from_session(id, &session, pack, at)
}

fn notes_app(dir: &std::path::Path) -> App {
    app_starting(dir, StartAt::History)
}

fn demo_app(dir: &std::path::Path) -> App {
    app_starting(dir, StartAt::Mode(denkcoach::ui::menu::Mode::Demo))
}

fn files(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json" || e == "md") {
                out.push((path.clone(), std::fs::read(&path).expect("read")));
            }
        }
    }
    out.sort();
    out
}

/// Typing a word in the notes – any word, with the letters that used to
/// delete (d, D), export (e, x, j) or quit (q) – searches, and nothing
/// opens, is written or deleted; Enter then opens a session to read.
#[test]
fn typing_a_word_in_the_notes_searches_and_deletes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pack = builtin_pack();
    let store = Store::open(dir.path()).expect("store");
    store
        .save(&record(&pack, "s1", "K1", "Mijn dochter belt nooit."))
        .expect("save");
    store
        .save(&record(&pack, "s2", "K2", "De buren groeten niet."))
        .expect("save");
    let before = files(dir.path());
    let mut app = notes_app(dir.path());
    type_text(&mut app, "dochter");
    let screen = screen_text(&app, 100, 30);
    assert!(app.model().overlay.is_none(), "{screen}");
    assert!(screen.contains("K1") && !screen.contains("K2 "), "{screen}");
    press(&mut app, KeyCode::Enter);
    assert!(
        matches!(app.model().screen, Screen::Detail { .. }),
        "Enter opens the session to read"
    );
    press(&mut app, KeyCode::Esc);
    type_text(&mut app, " Dexjq?DDeee");
    assert!(app.model().overlay.is_none());
    press(&mut app, KeyCode::Enter);
    assert_eq!(files(dir.path()), before, "nothing written or deleted");
    assert!(!dir.path().join("export").exists());
}

/// Deleting asks for the client code, which a stray key cannot give; the
/// session goes to the trash and comes back from it unchanged.
#[test]
fn a_deleted_session_is_restored_from_the_trash_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pack = builtin_pack();
    let store = Store::open(dir.path()).expect("store");
    store
        .save(&record(&pack, "s1", "K1", "Mijn dochter belt nooit."))
        .expect("save");
    let original = std::fs::read(store.path_of("s1")).expect("read");
    let mut app = notes_app(dir.path());
    ctrl(&mut app, 'd');
    // Enter, or the wrong code, deletes nothing.
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'd');
    type_text(&mut app, "K2");
    press(&mut app, KeyCode::Enter);
    assert!(store.path_of("s1").exists());
    ctrl(&mut app, 'd');
    type_text(&mut app, "k1");
    press(&mut app, KeyCode::Enter);
    assert!(!store.path_of("s1").exists());
    assert!(store.list().expect("list").sessions.is_empty());
    assert!(screen_text(&app, 100, 30).contains("prullenbak"));

    ctrl(&mut app, 'p'); // the trash
    let screen = screen_text(&app, 100, 30);
    assert!(
        screen.contains("Prullenbak") && screen.contains("K1"),
        "{screen}"
    );
    press(&mut app, KeyCode::Enter); // restore
    assert_eq!(std::fs::read(store.path_of("s1")).expect("back"), original);
    press(&mut app, KeyCode::Esc);
    assert!(screen_text(&app, 100, 30).contains("K1"));
}

/// The tips key in the footer works on the route choice, where letters
/// choose a route; a letter that is no route does nothing.
#[test]
fn the_tips_key_works_on_the_route_choice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = at_the_thought(dir.path());
    while app.session().is_some_and(|s| s.place != Place::RouteChoice) {
        press(&mut app, KeyCode::Enter);
    }
    press(&mut app, KeyCode::Esc); // the reminder
    let footer = screen_text(&app, 100, 30);
    assert!(footer.contains("Ctrl+T tips"), "{footer}");
    ctrl(&mut app, 't');
    assert!(app.model().hide_tips);
    assert!(screen_text(&app, 100, 30).contains("tips verborgen"));
    // Letters are no commands here: the volunteer's words choose nothing,
    // and neither does Enter before a route is highlighted.
    type_text(&mut app, "ik ben bang dat ze");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.session().map(|s| s.place), Some(Place::RouteChoice));
    assert_eq!(saved(&mut app)["routes"], serde_json::json!([]));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert!(matches!(
        app.session().map(|s| s.place),
        Some(Place::Route { route: 1, .. })
    ));
}

/// → raises the rating; Esc after switching route returns to the step.
#[test]
fn the_scale_and_the_route_switch_go_where_the_arrow_points() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = at_the_thought(dir.path());
    enter_until(&mut app, Role::BeliefBefore);
    assert_eq!(step_id(&app), "geloof-voor");
    type_text(&mut app, "60");
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    let pack = builtin_pack();
    let rating = |app: &App| {
        app.session()
            .and_then(|s| s.rating(&pack, denkcoach::content::Role::BeliefBefore))
    };
    assert_eq!(rating(&app), Some(70));
    press(&mut app, KeyCode::Left);
    assert_eq!(rating(&app), Some(65));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    choose_route(&mut app, 0);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    let here = app.session().map(|s| s.place);
    ctrl(&mut app, 'r');
    assert_eq!(app.session().map(|s| s.place), Some(Place::RouteChoice));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.session().map(|s| s.place), here);
}

/// What the user can see or what the app will do: the screen, the note,
/// the question on screen, the writer.
fn state(app: &App) -> String {
    let m = app.model();
    let extra = match &m.screen {
        Screen::Detail { scroll, .. } => format!("scroll {scroll}"),
        _ => String::new(),
    };
    format!(
        "{}\n{:?}\n{} {} {:?} {} {}",
        screen_text(app, 100, 30),
        app.notes_state(),
        app.should_quit(),
        m.saves.sent,
        m.status,
        m.hide_tips,
        extra
    )
}

/// How to reach one kind of screen from an empty data folder.
type Setup = Box<dyn Fn(&std::path::Path) -> App>;

fn with_sessions(dir: &std::path::Path) -> App {
    with_sessions_of(dir, &["K1", "K2", "K3"])
}

fn with_sessions_of(dir: &std::path::Path, codes: &[&str]) -> App {
    let pack = builtin_pack();
    let store = Store::open(dir).expect("store");
    for (i, code) in codes.iter().enumerate() {
        let text = "Een lange notitie.\n".repeat(30);
        let hours = i64::try_from(i).expect("small");
        store
            .save(&record_at(&pack, &format!("s{i}"), code, &text, hours))
            .expect("save");
    }
    notes_app(dir)
}

fn step_with(id: &'static str) -> impl Fn(&std::path::Path) -> App {
    move |dir| {
        let mut app = at_the_thought(dir);
        let pack = builtin_pack();
        while step_id(&app) != id {
            type_text(&mut app, "x");
            press(&mut app, KeyCode::Enter);
            if app
                .session()
                .is_some_and(|s| s.place == Place::RouteChoice && s.reminder.is_some())
            {
                press(&mut app, KeyCode::Esc);
            }
            if app.session().is_some_and(|s| s.place == Place::RouteChoice) {
                choose_route(&mut app, 0);
            }
            assert!(
                app.session()
                    .is_some_and(|s| s.current_step(&pack).is_some())
            );
        }
        app
    }
}

/// A step reached by `step_with`, then these keys.
fn step_then(id: &'static str, keys: &'static [KeyCode]) -> Setup {
    Box::new(move |dir| {
        let mut app = step_with(id)(dir);
        for key in keys {
            press(&mut app, *key);
        }
        app
    })
}

/// Every key the footer offers, on every kind of screen, does something
/// through the real update: nothing is shown that does not work.
#[test]
fn every_footer_key_does_what_it_says() {
    let screens: Vec<(&str, Setup)> = vec![
        (
            "start menu",
            Box::new(|d| {
                let mut app = app_in(d);
                press(&mut app, KeyCode::Down);
                app
            }),
        ),
        (
            "client code",
            Box::new(|d| {
                let mut app = app_in(d);
                press(&mut app, KeyCode::Enter);
                app
            }),
        ),
        (
            "thought",
            Box::new(|d| {
                let mut app = at_the_thought(d);
                type_text(&mut app, "abc");
                app
            }),
        ),
        ("patterns", step_then("patronen", &[KeyCode::Down])),
        ("reflection", step_then("reflectie", &[KeyCode::Down])),
        ("rating", Box::new(step_with("geloof-voor"))),
        (
            "route step",
            Box::new(|d| {
                let mut app = step_with("is-het-waar")(d);
                type_text(&mut app, "abc");
                app
            }),
        ),
        ("summary", step_then("samenvatting", &[KeyCode::Down])),
        (
            "route choice",
            step_then(
                "geloof-voor",
                &[KeyCode::Enter, KeyCode::Esc, KeyCode::Down, KeyCode::Down],
            ),
        ),
        (
            "notes",
            Box::new(|d| {
                let mut app = with_sessions(d);
                press(&mut app, KeyCode::Down);
                app
            }),
        ),
        (
            "detail",
            Box::new(|d| {
                let mut app = with_sessions(d);
                press(&mut app, KeyCode::Enter);
                press(&mut app, KeyCode::Down);
                app
            }),
        ),
        (
            "trash",
            Box::new(|d| {
                // Newest first: K3, then K2.
                let mut app = with_sessions(d);
                for code in ["K3", "K2"] {
                    ctrl(&mut app, 'd');
                    type_text(&mut app, code);
                    press(&mut app, KeyCode::Enter);
                }
                ctrl(&mut app, 'p');
                press(&mut app, KeyCode::Down);
                app
            }),
        ),
        (
            "demo index",
            Box::new(|d| {
                let mut app = demo_app(d);
                press(&mut app, KeyCode::Down);
                app
            }),
        ),
        (
            "demo step",
            Box::new(|d| {
                let mut app = demo_app(d);
                press(&mut app, KeyCode::Enter);
                app
            }),
        ),
        (
            "group",
            Box::new(|d| {
                let mut app = app_in(d);
                press(&mut app, KeyCode::Down);
                press(&mut app, KeyCode::Enter); // the group code
                press(&mut app, KeyCode::Enter);
                while step_id(&app) != "perspectieven" {
                    press(&mut app, KeyCode::Enter);
                }
                type_text(&mut app, "abc");
                app
            }),
        ),
        (
            "help",
            Box::new(|d| {
                let mut app = at_the_thought(d);
                press(&mut app, KeyCode::F(1));
                app
            }),
        ),
        (
            "quit question",
            Box::new(|d| {
                let mut app = at_the_thought(d);
                ctrl(&mut app, 'q');
                app
            }),
        ),
        (
            "export question",
            Box::new(|d| {
                let mut app = with_sessions(d);
                ctrl(&mut app, 'e');
                press(&mut app, KeyCode::Down);
                app
            }),
        ),
        (
            "export question, all of a client's sessions chosen",
            Box::new(|d| {
                let mut app = with_sessions_of(d, &["K1", "K2", "K1"]);
                ctrl(&mut app, 'e');
                press(&mut app, KeyCode::Right);
                press(&mut app, KeyCode::Down);
                app
            }),
        ),
        (
            "delete question",
            Box::new(|d| {
                let mut app = with_sessions(d);
                ctrl(&mut app, 'd');
                type_text(&mut app, "K3");
                app
            }),
        ),
    ];
    let texts = builtin_pack().ui.keys;
    let mut checked = 0;
    for (name, setup) in &screens {
        let dir = tempfile::tempdir().expect("tempdir");
        let app = setup(dir.path());
        let layers = app.model().layers();
        let shown: Vec<_> = keys::footer(&layers).collect();
        assert!(!shown.is_empty(), "{name} shows no keys");
        drop(app);
        for binding in shown {
            let dir = tempfile::tempdir().expect("tempdir");
            let mut app = setup(dir.path());
            let before = state(&app);
            let (code, mods) = match binding.keys {
                Keys::List(keys) => keys[0],
                Keys::Digits => (KeyCode::Char('7'), KeyModifiers::NONE),
            };
            press_with(&mut app, code, mods);
            app.settle();
            assert_ne!(
                before,
                state(&app),
                "{} ({}) did nothing on {name}",
                binding.keys_text(&texts),
                (binding.label)(&texts)
            );
            checked += 1;
        }
    }
    assert!(checked > 60, "only {checked} footer keys checked");
}

/// A window asking nothing typed gives way to typing: the words go on
/// into the note.
#[test]
fn typing_closes_help_and_the_words_reach_the_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = at_the_thought(dir.path());
    press(&mut app, KeyCode::F(1));
    assert!(matches!(app.model().overlay, Some(Overlay::Help)));
    type_text(&mut app, "Ze is moe.");
    assert!(app.model().overlay.is_none());
    assert_eq!(saved(&mut app)["thought"], "Ze is moe.");
}

/// Words typed on the start menu have no field to go to: the menu says so
/// at once, and nothing is opened or saved.
#[test]
fn words_typed_on_the_start_menu_are_said_to_go_nowhere() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_in(dir.path());
    type_text(&mut app, "Niemand belt");
    let screen = screen_text(&app, 100, 30);
    assert!(screen.contains("wordt niet bewaard"), "{screen}");
    assert!(
        screen.contains("Wat wil je doen?"),
        "still the menu: {screen}"
    );
    assert!(app.saved_path().is_none(), "no session begun");
}
