//! The other person's words and the volunteer's own impression, apart: in
//! the record, on screen, and never the impression on the client's sheet.

mod common;

use common::{app_in, begin, builtin_pack, ctrl, note, press};
use crossterm::event::KeyCode;
use denkcoach::content::Role;
use denkcoach::notes::export::{self, Audience};
use denkcoach::notes::{Damage, RECORD_SCHEMA, Store};

const WORDS: &str = "Niemand belt me ooit.";
const IMPRESSION: &str = "Ze is erg eenzaam sinds haar man overleed.";

use common::saved_record;

#[test]
fn the_impression_is_the_volunteers_and_never_on_the_client_sheet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_in(dir.path());
    begin(&mut app, "K7");
    common::enter_until(&mut app, Role::Thought);
    // The thought: the words first, Tab, then the volunteer's own.
    note(&mut app, WORDS);
    let screen = common::screen_text(&app, 80, 24);
    assert!(screen.contains("Woorden van de ander"), "{screen}");
    assert!(screen.contains("Mijn indruk"), "{screen}");
    press(&mut app, KeyCode::Tab);
    note(&mut app, IMPRESSION);
    let record = saved_record(&mut app);
    assert_eq!(record.schema, RECORD_SCHEMA);
    let thought = &record.answers["gedachte"];
    assert_eq!(thought.text, WORDS);
    assert_eq!(thought.impression, IMPRESSION);
    assert_eq!(record.thought.as_deref(), Some(WORDS));

    let pack = builtin_pack();
    let sheet = export::markdown(&[&record], &pack, Audience::Client);
    assert!(sheet.contains(WORDS), "{sheet}");
    assert!(
        !sheet.to_lowercase().contains("eenzaam"),
        "the client sheet says eenzaam:\n{sheet}"
    );
    let report = export::markdown(&[&record], &pack, Audience::Volunteer);
    assert!(report.contains(IMPRESSION), "{report}");
    assert!(report.contains("Mijn indruk"), "{report}");

    // Tab goes back to the words; what is typed there joins them.
    press(&mut app, KeyCode::Tab);
    note(&mut app, " Nooit.");
    let record = saved_record(&mut app);
    assert_eq!(record.answers["gedachte"].text, format!("{WORDS} Nooit."));
    assert_eq!(record.answers["gedachte"].impression, IMPRESSION);
}

#[test]
fn the_patterns_step_has_only_the_volunteers_own_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_in(dir.path());
    begin(&mut app, "K7");
    common::enter_until(&mut app, Role::Thought);
    note(&mut app, WORDS);
    common::enter_until(&mut app, Role::Patterns);
    let screen = common::screen_text(&app, 80, 24);
    assert!(screen.contains("Mijn indruk"), "{screen}");
    assert!(!screen.contains("Woorden van de ander"), "{screen}");
    press(&mut app, KeyCode::Tab);
    note(&mut app, "piekert veel");
    let record = saved_record(&mut app);
    let patterns = &record.answers["patronen"];
    assert_eq!(patterns.impression, "piekert veel");
    assert!(patterns.text.is_empty());
    ctrl(&mut app, 'q');
}

/// A schema-1 file: one note per step for both voices. Read, its notes
/// count as the volunteer's (except the thought and the next step, which
/// the record keeps apart), written as schema 2 at the next save.
#[test]
fn a_schema_one_file_is_read_and_migrated_on_its_next_save() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let old = include_str!("fixtures/schema1.json");
    std::fs::write(store.path_of("oud"), old).expect("write");
    let listing = store.list().expect("list");
    assert_eq!(listing.sessions.len(), 1, "{:?}", listing.damaged);
    let record = store.load("oud").expect("load");
    assert_eq!(record.answers["gedachte"].text, "Ik doe er niet toe.");
    assert_eq!(
        record.answers["volgende-stap"].text,
        "Zaterdag de buurvrouw bellen."
    );
    let question = &record.answers["is-het-waar"];
    assert!(question.text.is_empty());
    assert_eq!(question.impression, "Ze lijkt erg eenzaam.");
    let pack = builtin_pack();
    let sheet = export::markdown(&[&record], &pack, Audience::Client);
    assert!(!sheet.to_lowercase().contains("eenzaam"), "{sheet}");
    assert!(sheet.contains("Zaterdag de buurvrouw bellen."), "{sheet}");
    // The file itself is only rewritten by a save.
    assert_eq!(
        std::fs::read_to_string(store.path_of("oud")).expect("read"),
        old
    );
    store.save(&record).expect("save");
    let again: serde_json::Value =
        serde_json::from_slice(&std::fs::read(store.path_of("oud")).expect("read")).expect("json");
    assert_eq!(again["schema"], 2);
}

/// A session written by a newer denkcoach is left where it is, untouched,
/// and named in Notities.
#[test]
fn a_newer_schema_is_left_in_place_and_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let newer = r#"{"schema": 99, "id": "nieuw", "woorden": "uit de toekomst"}"#;
    std::fs::write(store.path_of("nieuw"), newer).expect("write");
    for _ in 0..2 {
        let listing = store.list().expect("list");
        assert!(listing.sessions.is_empty());
        assert_eq!(listing.damaged.len(), 1);
        assert_eq!(listing.damaged[0].damage, Damage::Newer);
    }
    assert_eq!(
        std::fs::read_to_string(store.path_of("nieuw")).expect("kept"),
        newer
    );
    assert!(!store.damaged_dir().exists());
    let app = common::app_starting(dir.path(), denkcoach::app::StartAt::History);
    let screen = common::screen_text(&app, 100, 30);
    assert!(screen.contains("nieuwere versie"), "{screen}");
    assert_eq!(
        std::fs::read_to_string(store.path_of("nieuw")).expect("kept"),
        newer
    );
}

/// The record keeps the order the answers were given in, which route each
/// belongs to, and that it was a conversation.
#[test]
fn the_record_keeps_the_order_and_the_route_of_each_answer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_in(dir.path());
    begin(&mut app, "K7");
    common::enter_until(&mut app, Role::Thought);
    note(&mut app, WORDS);
    common::enter_until(&mut app, Role::Patterns);
    press(&mut app, KeyCode::Tab);
    note(&mut app, "piekert");
    // On, choosing and rating nothing, to the routes.
    for _ in 0..6 {
        if app
            .session()
            .is_some_and(|s| s.place == denkcoach::session::Place::RouteChoice)
        {
            break;
        }
        press(&mut app, KeyCode::Enter);
    }
    if app.session().is_some_and(|s| s.reminder.is_some()) {
        press(&mut app, KeyCode::Esc); // the te-snel reminder
    }
    common::choose_route(&mut app, 0);
    note(&mut app, "Nee, zeker weten doe ik het niet.");
    let record = saved_record(&mut app);
    assert_eq!(record.mode.as_deref(), Some("gesprek"));
    assert!(!record.demo);
    assert_eq!(record.order, ["gedachte", "patronen", "is-het-waar"]);
    assert_eq!(
        record.answers["is-het-waar"].route.as_deref(),
        Some("uitdagen")
    );
    assert_eq!(record.answers["gedachte"].route, None);
}

/// With the tips hidden the screen can be turned to the client: no
/// impression field (nor Tab into it), no clock, no labelling hint, and
/// nowhere the word "eenzaam" – also not in the title of the start screen.
#[test]
fn tips_hidden_leaves_only_the_question_and_the_clients_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_in(dir.path());
    let start = common::screen_text(&app, 80, 24);
    assert!(!start.to_lowercase().contains("eenzaam"), "{start}");
    begin(&mut app, "K7");
    common::enter_until(&mut app, Role::Thought);
    // Typed into the impression, then the screen is turned to the client.
    press(&mut app, KeyCode::Tab);
    note(&mut app, IMPRESSION);
    press(&mut app, KeyCode::F(3));
    // Where the typing goes now is the client's words, on screen.
    note(&mut app, "Ik ben alleen.");
    press(&mut app, KeyCode::Tab);
    note(&mut app, " Altijd.");
    let screen = common::screen_text(&app, 80, 24);
    for hidden in ["Mijn indruk", "eenzaam", "min", "Tip:", "Valkuil"] {
        assert!(!screen.contains(hidden), "{hidden:?} shown:\n{screen}");
    }
    assert!(screen.contains("Ik ben alleen. Altijd."), "{screen}");
    let record = saved_record(&mut app);
    assert_eq!(record.answers["gedachte"].text, "Ik ben alleen. Altijd.");
    assert_eq!(record.answers["gedachte"].impression, IMPRESSION);
    // Tips back: the impression is there again.
    press(&mut app, KeyCode::F(3));
    let screen = common::screen_text(&app, 80, 24);
    assert!(
        screen.contains("Mijn indruk") && screen.contains("min"),
        "{screen}"
    );
}

/// Read back together with the tips hidden, the summary names no pattern
/// and no verdict of the volunteer's – only the client's words.
#[test]
fn the_summary_with_tips_hidden_shows_no_pattern_label() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_in(dir.path());
    begin(&mut app, "K7");
    common::enter_until(&mut app, Role::Thought);
    note(&mut app, "Niemand zit op mij te wachten.");
    common::enter_until(&mut app, Role::Patterns);
    press(&mut app, KeyCode::Char(' ')); // the first pattern
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char(' ')); // recognised
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter); // no rating
    common::choose_route(&mut app, 0);
    while app
        .session()
        .is_some_and(|s| matches!(s.place, denkcoach::session::Place::Route { .. }))
    {
        press(&mut app, KeyCode::Enter);
    }
    let labels = ["zwart-wit", "Patroon", "Herkend", "herkent"];
    let shown = common::screen_text(&app, 100, 30);
    assert!(labels.iter().any(|l| shown.contains(l)), "{shown}");
    press(&mut app, KeyCode::F(3));
    let hidden = common::screen_text(&app, 100, 30);
    assert!(
        hidden.contains("Niemand zit op mij te wachten."),
        "{hidden}"
    );
    for label in labels {
        assert!(!hidden.contains(label), "{label:?} shown:\n{hidden}");
    }
}

/// The patterns step with the screen turned to the client: no pattern
/// name, no question about patterns, and a space picks nothing.
#[test]
fn the_patterns_step_with_tips_hidden_names_no_pattern() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_in(dir.path());
    begin(&mut app, "K7");
    common::enter_until(&mut app, Role::Thought);
    note(&mut app, WORDS);
    common::enter_until(&mut app, Role::Patterns);
    // The volunteer's own note on the patterns, then the screen turned.
    press(&mut app, KeyCode::Tab);
    note(&mut app, "zwart-wit denken");
    press(&mut app, KeyCode::F(3));
    let screen = common::screen_text(&app, 80, 24);
    assert!(!screen.contains("zwart-wit denken"), "{screen}");
    let pack = builtin_pack();
    let patterns = pack.step_with_role(Role::Patterns).expect("patterns");
    for option in &patterns.options {
        assert!(
            !screen.contains(&option.text),
            "{:?}:\n{screen}",
            option.text
        );
    }
    assert!(!screen.contains(&patterns.title), "{screen}");
    assert!(!screen.to_lowercase().contains("patroon"), "{screen}");
    assert!(!screen.to_lowercase().contains("eenzaam"), "{screen}");
    assert!(screen.contains("voor de vrijwilliger"), "{screen}");
    assert!(!screen.contains("nooit op het blad"), "{screen}");
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char(' '));
    let record = saved_record(&mut app);
    assert!(record.patterns.is_empty(), "{:?}", record.patterns);
    // Tips back: the patterns are there to choose.
    press(&mut app, KeyCode::F(3));
    let screen = common::screen_text(&app, 80, 24);
    assert!(screen.contains(&patterns.options[0].text), "{screen}");
}

/// The screen turned to the client stays turned when the coach comes back
/// after a crash: the resumed session opens with the tips hidden.
#[test]
fn a_resumed_session_comes_back_with_the_tips_hidden() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let mut app = app_in(dir.path());
        begin(&mut app, "K7");
        common::enter_until(&mut app, Role::Thought);
        note(&mut app, WORDS);
        press(&mut app, KeyCode::F(3));
        assert!(app.flush());
    } // the window is gone without quitting
    let mut app = app_in(dir.path());
    let menu = common::screen_text(&app, 80, 24);
    assert!(menu.contains("Ga verder"), "{menu}");
    press(&mut app, KeyCode::Enter);
    assert!(app.model().hide_tips);
    let screen = common::screen_text(&app, 80, 24);
    assert!(screen.contains(WORDS), "{screen}");
    for hidden in ["Mijn indruk", "Tip:", "Valkuil", "eenzaam"] {
        assert!(!screen.contains(hidden), "{hidden:?}:\n{screen}");
    }
    // Shown again, and kept so.
    press(&mut app, KeyCode::F(3));
    assert!(!common::saved_record(&mut app).tips_hidden);
}

/// The header names the brochure in the screen's own language, and never
/// the word loneliness.
#[test]
fn the_header_has_the_title_in_the_screens_language_without_loneliness() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = common::app_in_lang(dir.path(), "en");
    let screen = common::screen_text(&app, 80, 24);
    assert!(screen.contains("Playing with thoughts"), "{screen}");
    assert!(!screen.to_lowercase().contains("loneliness"), "{screen}");
    assert!(!screen.to_lowercase().contains("eenzaam"), "{screen}");
}
