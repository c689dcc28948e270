//! The start menu offers the sessions that were really interrupted, and
//! settings that make no sense are refused.

mod common;

use common::{fixed_now, record_for};
use denkcoach::notes::Store;

/// Every open session of the last days, newest first; one dated in the
/// future (a wrong clock) does not push a really interrupted one out.
#[test]
fn open_sessions_of_the_last_days_are_offered_newest_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let now = fixed_now();
    for (code, id, started) in [
        ("K1", "gisteren", now - chrono::Duration::days(1)),
        ("K2", "vanochtend", now - chrono::Duration::hours(3)),
        ("K9", "toekomst", now + chrono::Duration::days(30)),
        ("K8", "lang-geleden", now - chrono::Duration::days(60)),
    ] {
        let mut r = record_for(code, started, id);
        r.updated_at = started;
        store.save(&r).expect("save");
    }
    let app = common::app_in(dir.path());
    let menu = common::screen_text(&app, 100, 30);
    let k2 = menu
        .find("cliënt K2")
        .expect("the interrupted session of this morning");
    let k1 = menu.find("cliënt K1").expect("yesterday's");
    assert!(k2 < k1, "newest first:\n{menu}");
    assert!(!menu.contains("cliënt K9"), "not the future one:\n{menu}");
    assert!(
        !menu.contains("cliënt K8"),
        "not one of two months ago:\n{menu}"
    );
}

#[test]
fn a_retention_of_zero_months_is_left_out_with_a_warning() {
    let config = tempfile::tempdir().expect("tempdir");
    std::fs::write(config.path().join("config.toml"), "bewaartermijn = 0\n").expect("write");
    let loaded = denkcoach::config::load(config.path());
    assert_eq!(
        loaded.config.retention_months, None,
        "never every session at once"
    );
    let shown = format!("{:?}", loaded.warnings);
    assert!(
        shown.contains("config.toml") && shown.contains("bewaartermijn"),
        "{shown}"
    );
    let ok = tempfile::tempdir().expect("tempdir");
    std::fs::write(ok.path().join("config.toml"), "bewaartermijn = 12\n").expect("write");
    let loaded = denkcoach::config::load(ok.path());
    assert_eq!(
        loaded
            .config
            .retention_months
            .map(std::num::NonZeroU32::get),
        Some(12)
    );
}

/// A record at its end without a finished time (written by hand or an
/// older version) counts as finished: not offered to carry on, and it
/// opens on its summary.
#[test]
fn a_record_at_its_end_without_a_finished_time_is_finished() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let mut r = record_for("K3", fixed_now() - chrono::Duration::hours(1), "klaar");
    r.place = denkcoach::notes::SavedPlace::Done;
    r.finished_at = None;
    store.save(&r).expect("save");
    let menu = common::screen_text(&common::app_in(dir.path()), 100, 30);
    assert!(!menu.contains("Ga verder"), "{menu}");
    let session = store
        .load("klaar")
        .expect("load")
        .to_session(&common::builtin_pack());
    assert!(session.is_finished());
    assert_eq!(session.place, denkcoach::session::Place::Done);
}

/// A session begun and left with nothing in it – no code, nothing typed –
/// is not kept as an open session to resume; one with a code is.
#[test]
fn a_blank_session_is_not_kept_as_open() {
    use crossterm::event::KeyCode;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = common::app_in(dir.path());
    common::begin(&mut app, ""); // no client code
    common::ctrl(&mut app, 'q');
    common::press(&mut app, KeyCode::Enter);
    app.settle();
    let files: Vec<_> = std::fs::read_dir(dir.path().join("sessies"))
        .expect("sessions")
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .collect();
    assert!(files.is_empty(), "{files:?}");

    let mut app = common::app_in(dir.path());
    common::begin(&mut app, "K4");
    common::ctrl(&mut app, 'q');
    common::press(&mut app, KeyCode::Enter);
    app.settle();
    let menu = common::screen_text(&common::app_in(dir.path()), 100, 30);
    assert!(menu.contains("cliënt K4"), "{menu}");
}

/// Typing the code of a client with an open session offers to carry on
/// there (Enter), or to begin a new one (Esc).
#[test]
fn a_client_code_with_an_open_session_offers_to_carry_on() {
    use crossterm::event::KeyCode;
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let mut open = record_for("K5", fixed_now() - chrono::Duration::hours(2), "open-k5");
    open.updated_at = open.started_at;
    store.save(&open).expect("save");
    // The conversation item, below the open session offered in the menu.
    let mut app = common::app_in(dir.path());
    common::press(&mut app, KeyCode::Down);
    common::press(&mut app, KeyCode::Enter);
    common::type_text(&mut app, "k5");
    common::press(&mut app, KeyCode::Enter);
    let screen = common::screen_text(&app, 80, 24);
    assert!(screen.contains("open sessie van"), "{screen}");
    common::press(&mut app, KeyCode::Enter);
    app.settle();
    let path = app.saved_path().expect("a session on screen");
    assert!(path.ends_with("open-k5.json"), "{}", path.display());

    // Esc: a new session after all.
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    store.save(&open).expect("save");
    let mut app = common::app_in(dir.path());
    common::press(&mut app, KeyCode::Down);
    common::press(&mut app, KeyCode::Enter);
    common::type_text(&mut app, "K5");
    common::press(&mut app, KeyCode::Enter);
    common::press(&mut app, KeyCode::Esc);
    app.settle();
    let path = app.saved_path().expect("a session on screen");
    assert!(!path.ends_with("open-k5.json"), "{}", path.display());
}

/// The settings screen: ←→ change a setting, it applies at once and is
/// saved in config.toml with the user's own comment kept; a typed letter
/// changes nothing.
#[test]
fn a_setting_changed_on_screen_applies_at_once_and_is_saved() {
    use crossterm::event::KeyCode;
    use denkcoach::app::screens::settings::SettingsFile;
    let dir = tempfile::tempdir().expect("tempdir");
    let config = tempfile::tempdir().expect("tempdir");
    let file = config.path().join("config.toml");
    std::fs::write(&file, "# van de coördinator\nbewaartermijn = 12\n").expect("write");
    let loaded = denkcoach::config::load(config.path());
    let options = denkcoach::app::Options {
        retention_months: Some(12),
        settings: SettingsFile {
            dir: Some(config.path().to_path_buf()),
            config: loaded.config,
            writable: true,
        },
        ..denkcoach::app::Options::default()
    };
    let store = Store::open(dir.path()).expect("store");
    let mut app = denkcoach::app::App::with_options(
        common::builtin_pack(),
        denkcoach::ui::Theme::colour(),
        store,
        options,
    );
    let menu = common::screen_text(&app, 100, 30);
    assert!(menu.contains("Instellingen"), "{menu}");
    for _ in 0..6 {
        common::press(&mut app, KeyCode::Down);
    }
    common::press(&mut app, KeyCode::Enter);
    let screen = common::screen_text(&app, 100, 30);
    assert!(
        screen.contains("Tips bij het begin van een gesprek: tonen"),
        "{screen}"
    );
    assert!(
        screen.contains("Oude gesprekken opruimen na: 12 maanden"),
        "{screen}"
    );
    common::type_text(&mut app, "jn ");
    app.settle();
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        "# van de coördinator\nbewaartermijn = 12\n",
        "typing changed nothing"
    );
    common::press(&mut app, KeyCode::Right);
    app.settle();
    let screen = common::screen_text(&app, 100, 30);
    assert!(
        screen.contains("Tips bij het begin van een gesprek: verbergen"),
        "{screen}"
    );
    assert!(screen.contains("Bewaard in"), "{screen}");
    let saved = std::fs::read_to_string(&file).expect("read");
    assert!(
        saved.starts_with("# van de coördinator\nbewaartermijn = 12\n"),
        "{saved}"
    );
    assert!(saved.contains("tips = false"), "{saved}");
    // Applied at once: the next conversation starts with its tips hidden.
    common::press(&mut app, KeyCode::Esc);
    common::press(&mut app, KeyCode::Home);
    common::press(&mut app, KeyCode::Enter);
    common::type_text(&mut app, "K1");
    common::press(&mut app, KeyCode::Enter);
    app.settle();
    let step = common::screen_text(&app, 100, 30);
    assert!(!step.contains("Tip:"), "{step}");
    assert!(
        step.contains("tips verborgen") || step.contains("Tips verborgen"),
        "{step}"
    );
}
