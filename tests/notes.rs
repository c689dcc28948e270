//! Session records on disk: private, atomic, complete.

mod common;

use common::{app_in, begin, builtin_pack, ctrl, fixed_now, note, press, record_for, type_text};
use crossterm::event::KeyCode;
use denkcoach::app::{App, Options, StartAt};
use denkcoach::content::Role;
use denkcoach::notes::{Damage, TRASH_DAYS, export, history, stamps};
use denkcoach::notes::{SessionRecord, Store};
use denkcoach::session::{Action, Session};
use denkcoach::ui::Theme;
use std::time::{Duration, SystemTime};

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn a_saved_record_reads_back_the_same_and_is_private() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("data");
    let store = Store::open(&root).expect("open store");
    let pack = builtin_pack();
    let mut session = Session::new(&pack, fixed_now(), Some("K7".into()));
    common::session_to_thought(&pack, &mut session, fixed_now());
    session.update(
        &pack,
        Action::SetText("Ik ben het niet waard.\nEcht niet.".into()),
        fixed_now(),
    );
    let id = store.new_id(fixed_now());
    assert_eq!(id, "2026-11-28_140500");
    let record = SessionRecord::from_session(&id, &session, &pack, fixed_now());
    let path = store.save(&record).expect("save");
    assert!(path.is_file());
    assert_eq!(store.load(&id).expect("load"), record);
    assert_eq!(
        record.thought.as_deref(),
        Some("Ik ben het niet waard.\nEcht niet.")
    );
    assert_eq!(record.pack.id, "denkcoach-nl");
    assert!(!record.pack.version.is_empty());
    #[cfg(unix)]
    {
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&root), 0o700);
        assert_eq!(mode(&store.sessions_dir()), 0o700);
    }
    // No temporary file is left beside it; only the history index, as
    // private as the note.
    let names: Vec<_> = std::fs::read_dir(store.sessions_dir())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .filter(|n| n != "index.tsv")
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    #[cfg(unix)]
    assert_eq!(mode(&store.index_path()), 0o600);
    // A second session in the same second gets its own file.
    std::fs::write(store.path_of(&id), b"{}").expect("write");
    assert_eq!(store.new_id(fixed_now()), "2026-11-28_140500-2");
}

/// A notes folder that an earlier version or another tool left readable by
/// others is made private again when the coach opens it, and the check
/// leaves nothing behind in it.
#[cfg(unix)]
#[test]
fn an_open_notes_folder_is_made_private_again() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("data");
    let sessions = root.join("sessies");
    std::fs::create_dir_all(&sessions).expect("mkdir");
    std::fs::set_permissions(&sessions, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let store = Store::open(&root).expect("open store");
    assert_eq!(mode(&store.sessions_dir()), 0o700);
    let left: Vec<_> = std::fs::read_dir(&sessions).expect("list").collect();
    assert!(left.is_empty(), "{left:?}");

    // One its owner made read-only loses the others' rights, and gains
    // none: it stays read-only.
    std::fs::set_permissions(&sessions, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let _ = Store::open(&root);
    assert_eq!(mode(&sessions), 0o500);
}

/// A data folder that can only be read opens for reading, and every screen
/// says that nothing can be saved there.
#[test]
fn a_read_only_data_folder_says_so_on_every_screen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    store
        .save(&record_for("K7", fixed_now(), "s1"))
        .expect("save");
    let options = Options {
        start: StartAt::History,
        read_only: true,
        ..Options::default()
    };
    let app = App::with_options(builtin_pack(), Theme::monochrome(), store.clone(), options);
    let screen = common::screen_text(&app, 100, 30);
    assert!(screen.contains("De datamap is alleen te lezen"), "{screen}");
    assert!(screen.contains("K7"), "the notes are listed: {screen}");
    // The start menu promises no saving there.
    let options = Options {
        read_only: true,
        ..Options::default()
    };
    let app = App::with_options(builtin_pack(), Theme::monochrome(), store, options);
    let screen = common::screen_text(&app, 100, 30);
    assert!(!screen.contains("meteen bewaard"), "{screen}");
    assert!(screen.contains("kan hier niet bewaard worden"), "{screen}");
}

#[test]
fn a_failed_save_keeps_the_previous_file_and_the_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_in(dir.path());
    begin(&mut app, "K7");
    common::enter_until(&mut app, Role::Thought);
    note(&mut app, "Eerste versie.");
    assert!(app.flush(), "the first save works");
    let path = app.saved_path().expect("a session file");
    let before = std::fs::read(&path).expect("saved");

    // The sessions folder is replaced by a file: no write can succeed.
    let sessions = path.parent().expect("folder").to_path_buf();
    let aside = dir.path().join("aside");
    std::fs::rename(&sessions, &aside).expect("move folder");
    std::fs::write(&sessions, b"not a folder").expect("block");
    note(&mut app, " En meer.");
    assert!(!app.flush(), "the save fails");
    let file_name = path.file_name().expect("name");
    assert_eq!(
        std::fs::read(aside.join(file_name)).expect("intact"),
        before
    );
    let screen = common::screen_text(&app, 80, 24);
    assert!(
        screen.contains("Opslaan mislukt"),
        "the failure is shown:\n{screen}"
    );
    assert!(
        screen.contains("Eerste versie. En meer."),
        "the text is kept:\n{screen}"
    );

    // Once the folder is back, the retry writes everything.
    std::fs::remove_file(&sessions).expect("unblock");
    std::fs::rename(&aside, &sessions).expect("restore folder");
    assert!(app.flush(), "the retry works");
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("json");
    assert_eq!(saved["thought"], "Eerste versie. En meer.");
    assert!(!common::screen_text(&app, 80, 24).contains("Opslaan mislukt"));
}

/// The app as `denkcoach notities` opens it.
fn notes_app(dir: &std::path::Path) -> App {
    common::app_starting(dir, StartAt::History)
}

#[test]
fn an_unfinished_session_is_offered_and_resumed_where_it_stopped() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let mut app = app_in(dir.path());
        begin(&mut app, "K7");
        common::enter_until(&mut app, Role::Thought);
        note(&mut app, "Ik doe er niet toe.\nNooit.");
        common::enter_until(&mut app, Role::BeliefBefore);
        type_text(&mut app, "65");
        press(&mut app, KeyCode::Enter);
        common::choose_route(&mut app, 1);
        note(&mut app, "Om acht uur 's avonds.");
        assert!(app.flush());
    } // the window closes without quitting
    let mut app = app_in(dir.path());
    let menu = common::screen_text(&app, 80, 24);
    assert!(
        menu.contains("Ga verder met de sessie van 28 november 2026, 14:05 met cliënt K7"),
        "{menu}"
    );
    press(&mut app, KeyCode::Enter);
    let pack = builtin_pack();
    let session = app
        .session()
        .unwrap_or_else(|| panic!("resumed: {}", common::screen_text(&app, 80, 24)));
    assert_eq!(session.thought(&pack), Some("Ik doe er niet toe.\nNooit."));
    assert_eq!(
        session.rating(&pack, denkcoach::content::Role::BeliefBefore),
        Some(65)
    );
    assert_eq!(
        session.current_step(&pack).map(|s| s.id.as_str()),
        Some("piekerkwartier")
    );
    let screen = common::screen_text(&app, 80, 24);
    assert!(screen.contains("Om acht uur 's avonds."), "{screen}");
    // Back from the first route step reaches the route choice, as before.
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        app.session().map(|s| s.place),
        Some(denkcoach::session::Place::RouteChoice)
    );
}

#[test]
fn a_new_session_with_a_known_client_looks_back_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let pack = builtin_pack();
    let earlier = fixed_now() - chrono::Duration::days(7);
    let mut s = Session::new(&pack, earlier, Some("K7".into()));
    common::session_to_thought(&pack, &mut s, earlier);
    s.update(&pack, Action::SetText("Niemand belt.".into()), earlier);
    let volgende = pack.step("volgende-stap").expect("step");
    s.answers.entry(volgende.id.clone()).or_default().text = "De buurvrouw groeten.".into();
    s.finished_at = Some(earlier);
    store
        .save(&SessionRecord::from_session("vorige", &s, &pack, earlier))
        .expect("save");

    let mut app = app_in(dir.path());
    begin(&mut app, "k7");
    let screen = common::screen_text(&app, 80, 24);
    assert!(screen.contains("Terugblik"), "{screen}");
    assert!(
        screen.contains("Vorige keer (21 november 2026)"),
        "{screen}"
    );
    assert!(screen.contains("De buurvrouw groeten."), "{screen}");
    assert!(screen.contains("Niemand belt."), "{screen}");
    note(&mut app, "Gelukt, ze zei gedag terug!");
    press(&mut app, KeyCode::Enter);
    assert!(app.flush());
    let path = app.saved_path().expect("file");
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(path).expect("read")).expect("json");
    assert_eq!(
        saved["answers"]["hoe-ging-het"]["text"],
        "Gelukt, ze zei gedag terug!"
    );
    assert_eq!(saved["previous"]["next_step"], "De buurvrouw groeten.");

    // A client without earlier sessions starts at the basishouding.
    let mut other = app_in(tempfile::tempdir().expect("tempdir").path());
    begin(&mut other, "Z9");
    assert!(common::screen_text(&other, 80, 24).contains("Basishouding"));
}

#[test]
fn damaged_files_are_listed_moved_aside_and_never_overwritten() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    store
        .save(&record_for("K1", fixed_now(), "goed"))
        .expect("save");
    let good = std::fs::read_to_string(store.path_of("goed")).expect("read");
    let cases: &[(&str, &[u8], Damage)] = &[
        (
            "afgekapt.json",
            &good.as_bytes()[..good.len() / 2],
            Damage::NotJson,
        ),
        ("geen-json.json", b"dit is geen json", Damage::NotJson),
        (
            "toekomst.json",
            br#"{"schema": 99, "id": "x"}"#,
            Damage::Newer,
        ),
        (
            "latin1.json",
            b"{\"schema\": 1, \"id\": \"caf\xe9\"}",
            Damage::NotUtf8,
        ),
        ("leeg.json", b"", Damage::Empty),
    ];
    for (name, bytes, _) in cases {
        std::fs::write(store.sessions_dir().join(name), bytes).expect("write");
    }
    // One more, open in another window (it may be half-way through a save
    // by a newer version): it is that window's.
    std::fs::write(store.sessions_dir().join("bezet.json"), b"{").expect("write");
    let window = store.lock("bezet").expect("lock").expect("free");

    // Listing only reads: every file is where and as it was.
    let before = common::folder_contents(dir.path());
    let listing = store.list().expect("list");
    assert_eq!(common::folder_contents(dir.path()), before);
    assert_eq!(listing.sessions.len(), 1);
    for (name, _, damage) in cases {
        let found = listing.damaged.iter().find(|d| d.file_name == *name);
        assert_eq!(found.map(|d| d.damage), Some(*damage), "{name}");
    }
    // Repairing is a step of its own, and leaves the held one alone.
    assert_eq!(store.repair(&listing), cases.len() - 1);
    assert!(store.sessions_dir().join("bezet.json").exists());
    drop(window);
    for (name, bytes, damage) in cases {
        if *damage == Damage::Newer {
            // A newer version's session is left where it is, as it was.
            let kept = std::fs::read(store.sessions_dir().join(name)).expect("left in place");
            assert_eq!(&kept, bytes, "{name} is kept as it was");
            assert!(!store.damaged_dir().join(name).exists());
            continue;
        }
        let kept = std::fs::read(store.damaged_dir().join(name)).expect("moved aside, not deleted");
        assert_eq!(&kept, bytes, "{name} is kept as it was");
        assert!(!store.sessions_dir().join(name).exists());
    }
    // Listing again still names them and still shows the good session.
    let again = store.list().expect("list");
    assert_eq!(
        (again.sessions.len(), again.damaged.len()),
        (1, cases.len() + 1)
    );
    // The history screen shows them by file name.
    let app = notes_app(dir.path());
    let screen = common::screen_text(&app, 100, 30);
    assert!(
        screen.contains("afgekapt.json") && screen.contains("Beschadigd"),
        "{screen}"
    );
}

#[test]
fn json_export_reads_back_as_the_same_sessions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    for (i, code) in ["K1", "K2", "K1"].iter().enumerate() {
        let started = fixed_now() + chrono::Duration::hours(i64::try_from(i).expect("small"));
        store
            .save(&record_for(code, started, &format!("s{i}")))
            .expect("save");
    }
    let listing = store.list().expect("list");
    let records = store.load_all(listing.sessions.iter().map(|s| s.id.as_str()));
    assert_eq!(records.len(), 3);
    let refs: Vec<&SessionRecord> = records.iter().collect();
    let json = export::json(&refs).expect("json");
    let back: Vec<SessionRecord> = serde_json::from_str(&json).expect("parses back");
    assert_eq!(back, records);
    let pack = builtin_pack();
    let k1_ids = history::filter(&listing.sessions, Some("k1"));
    let k1_records = store.load_all(k1_ids.iter().map(|s| s.id.as_str()));
    let k1: Vec<&SessionRecord> = k1_records.iter().collect();
    assert_eq!(k1.len(), 2);
    let md = export::markdown(&k1, &pack, export::Audience::Volunteer);
    assert!(md.contains("Gedachte van K1 in s0") && md.contains("Gedachte van K1 in s2"));
    assert!(!md.contains("K2"));
    let client = export::markdown(&k1, &pack, export::Audience::Client);
    assert!(
        !client.contains("Cliënt: K1"),
        "the take-home copy does not label the client"
    );
}

#[test]
fn deleting_a_session_or_a_client_removes_their_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    for (i, code) in ["K1", "K2", "K1", "K1"].iter().enumerate() {
        let started = fixed_now() + chrono::Duration::hours(i64::try_from(i).expect("small"));
        store
            .save(&record_for(code, started, &format!("s{i}")))
            .expect("save");
    }
    let mut app = notes_app(dir.path());
    // Newest first: s3 (K1) is selected. Delete it alone: the client code
    // must be typed.
    ctrl(&mut app, 'd');
    assert!(common::screen_text(&app, 80, 24).contains("naar de prullenbak"));
    type_text(&mut app, "k1");
    press(&mut app, KeyCode::Enter);
    assert!(!store.path_of("s3").exists());
    assert!(store.path_of("s2").exists());
    // Esc keeps everything.
    press(&mut app, KeyCode::F(8));
    press(&mut app, KeyCode::Esc);
    assert_eq!(store.list().expect("list").sessions.len(), 3);
    // Exports of K1 (one for the volunteer, one to take home) go with K1.
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "K1");
    press(&mut app, KeyCode::Tab);
    ctrl(&mut app, 'e');
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'e');
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc); // the sheet is offered to open: not now
    let exports = dir.path().join("export");
    // Markdown and a page to print, each.
    assert_eq!(std::fs::read_dir(&exports).expect("exports").count(), 4);
    // The selection is now s2 (K1): delete all of K1.
    press(&mut app, KeyCode::F(8));
    let screen = common::screen_text(&app, 80, 24);
    assert!(screen.contains("Alle 2 sessies van cliënt K1"), "{screen}");
    type_text(&mut app, "K1");
    press(&mut app, KeyCode::Enter);
    let left = store.list().expect("list").sessions;
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].client_code.as_deref(), Some("K2"));
    assert_eq!(std::fs::read_dir(&exports).expect("exports").count(), 0);
    for entry in std::fs::read_dir(store.sessions_dir()).expect("dir") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).unwrap_or_default();
        assert!(!text.contains("K1"), "a file of K1 is left");
    }
}

/// Writes a record the way another program would: straight to the file,
/// with a modification time of its own (so the change shows even within
/// the file system's timestamp granularity).
fn write_behind_our_back(store: &Store, record: &SessionRecord, minutes_later: u64) {
    let path = store.path_of(&record.id);
    std::fs::write(&path, serde_json::to_vec_pretty(record).expect("json")).expect("write");
    let file = std::fs::File::options()
        .write(true)
        .open(&path)
        .expect("open");
    let when = std::time::SystemTime::now() + std::time::Duration::from_secs(60 * minutes_later);
    file.set_modified(when).expect("set mtime");
}

/// One unfinished session saved for client `before`, then changed to
/// client `after` by another program once the index has seen it.
fn changed_after_the_index_saw_it(dir: &std::path::Path, before: &str, after: &str) -> Store {
    let store = Store::open(dir).expect("store");
    store
        .save(&record_for(before, fixed_now(), "s0"))
        .expect("save");
    write_behind_our_back(&store, &record_for(after, fixed_now(), "s0"), 5);
    store
}

fn clients(listing: &denkcoach::notes::Listing) -> Vec<String> {
    let mut codes: Vec<String> = listing
        .sessions
        .iter()
        .filter_map(|s| s.client_code.clone())
        .collect();
    codes.sort();
    codes
}

/// A listing, then the repair the app does after it.
fn listed_and_repaired(store: &Store) -> denkcoach::notes::Listing {
    let listing = store.list().expect("list");
    store.repair(&listing);
    listing
}

#[test]
fn the_history_index_is_only_a_cache_the_files_always_win() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    for (i, code) in ["K1", "K2", "K3"].iter().enumerate() {
        let started = fixed_now() + chrono::Duration::hours(i64::try_from(i).expect("small"));
        store
            .save(&record_for(code, started, &format!("s{i}")))
            .expect("save");
    }
    assert_eq!(clients(&listed_and_repaired(&store)), ["K1", "K2", "K3"]);
    let index = store.index_path();
    assert!(index.exists());
    #[cfg(unix)]
    assert_eq!(mode(&index), 0o600);

    // A file the index never saw is read; one that went is dropped, also
    // from the index.
    write_behind_our_back(&store, &record_for("K4", fixed_now(), "s3"), 0);
    std::fs::remove_file(store.path_of("s1")).expect("remove");
    assert_eq!(clients(&listed_and_repaired(&store)), ["K1", "K3", "K4"]);
    let text = std::fs::read_to_string(&index).expect("index");
    assert!(!text.contains("K2"), "{text}");

    // A file changed in place (same size, new time) is found by the check.
    write_behind_our_back(&store, &record_for("K9", fixed_now(), "s0"), 5);
    let mut listing = store.list().expect("list");
    let found = store.verify(&stamps(&listing));
    store.remember(&found);
    listing.apply(found);
    assert_eq!(clients(&listing), ["K3", "K4", "K9"]);
    // ... and the index remembers it.
    assert_eq!(clients(&store.list().expect("list")), ["K3", "K4", "K9"]);

    // A damaged or missing index costs time, never sessions.
    std::fs::write(&index, b"denkcoach-index 2\nkapot\ns0\t12\tafgekapt").expect("write");
    assert_eq!(clients(&listed_and_repaired(&store)), ["K3", "K4", "K9"]);
    let rebuilt = std::fs::read_to_string(&index).expect("index");
    // A header and one line per session.
    assert_eq!(rebuilt.lines().count(), 4, "{rebuilt}");
    std::fs::remove_file(&index).expect("remove");
    assert_eq!(clients(&store.list().expect("list")), ["K3", "K4", "K9"]);
    assert!(store.path_of("s0").exists() && store.damaged_dir().read_dir().is_err());
}

#[test]
fn the_history_screen_corrects_itself_after_checking_the_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    changed_after_the_index_saw_it(dir.path(), "K1", "K8");
    let mut app = notes_app(dir.path());
    app.settle();
    let screen = common::screen_text(&app, 80, 24);
    assert!(screen.contains("K8") && !screen.contains("K1 "), "{screen}");
    // A search reads the changed text, not the old one.
    type_text(&mut app, "van K8");
    app.settle();
    let screen = common::screen_text(&app, 80, 24);
    assert!(screen.contains("28 nov 2026 14:05"), "{screen}");
}

/// The start menu's offer to resume is corrected by the same check, and
/// the corrected menu does not start a second check of the same files.
#[test]
fn the_start_menu_corrects_itself_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = changed_after_the_index_saw_it(dir.path(), "K1", "K5");
    let mut app = App::with_options(
        builtin_pack(),
        Theme::monochrome(),
        store,
        Options::default(),
    );
    assert!(common::screen_text(&app, 80, 24).contains("cliënt K1"));
    app.settle();
    let screen = common::screen_text(&app, 80, 24);
    assert!(screen.contains("cliënt K5"), "{screen}");
    assert!(!app.waiting_for_helpers());
}

#[test]
fn old_sessions_are_offered_for_deletion_after_the_retention_period() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let old = chrono::Local::now().fixed_offset() - chrono::Duration::days(400);
    let mut finished = record_for("K1", old, "oud");
    finished.finished_at = Some(old);
    store.save(&finished).expect("save");
    // An open session, however old, is never offered for clearing.
    let open = old - chrono::Duration::days(1);
    store.save(&record_for("K2", open, "open")).expect("save");
    store
        .save(&record_for(
            "K1",
            chrono::Local::now().fixed_offset(),
            "nieuw",
        ))
        .expect("save");
    let options = Options {
        retention_months: Some(12),
        ..Options::default()
    };
    let mut app = App::with_options(builtin_pack(), Theme::monochrome(), store.clone(), options);
    let screen = common::screen_text(&app, 80, 24);
    assert!(
        screen.contains("1 sessie ouder dan 12 maanden opruimen"),
        "{screen}"
    );
    // Resume (the unfinished "nieuw"), the modes, notes, privacy,
    // settings, clear old, quit.
    for _ in 0..8 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let question = common::screen_text(&app, 80, 24);
    assert!(
        question.contains(&format!(
            "{}  K1",
            denkcoach::dates::short_day(old, &builtin_pack())
        )),
        "{question}"
    );
    // Enter alone does not delete: the word must be typed.
    press(&mut app, KeyCode::Enter);
    assert!(store.path_of("oud").exists());
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "verwijder");
    press(&mut app, KeyCode::Enter);
    assert!(!store.path_of("oud").exists());
    assert!(store.path_of("nieuw").exists());
    assert!(store.path_of("open").exists(), "an open session stays");
    assert!(!common::screen_text(&app, 80, 24).contains("opruimen"));
}

#[test]
fn ten_thousand_sessions_open_and_filter_correctly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let template = record_for("K0", fixed_now(), "t");
    for i in 0..10_000 {
        let mut r = template.clone();
        r.id = format!("gen-{i:05}");
        r.client_code = Some(format!("K{}", i % 50));
        r.started_at = fixed_now() - chrono::Duration::minutes(i);
        if i % 1000 == 7 {
            r.thought = Some(format!("zeldzaam woord {i}"));
        }
        let json = serde_json::to_vec(&r).expect("json");
        std::fs::write(store.path_of(&r.id), json).expect("write");
    }
    let mut app = notes_app(dir.path());
    let screen = common::screen_text(&app, 100, 30);
    assert!(screen.contains("K0 "), "{screen}");
    let listing = store.list().expect("list");
    assert_eq!(listing.sessions.len(), 10_000);
    assert_eq!(history::filter(&listing.sessions, Some("K7")).len(), 200);
    let search = history::Matcher::new(None, Some("ZELDZAAM"));
    let records = store.load_all(listing.sessions.iter().map(|s| s.id.as_str()));
    let hits = records
        .iter()
        .filter(|r| search.matches_text(&history::search_text(r)))
        .count();
    assert_eq!(hits, 10);
    // In the screen: filter on a client, then search within it.
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "K7");
    press(&mut app, KeyCode::Tab);
    let screen = common::screen_text(&app, 100, 30);
    assert!(screen.contains("K7 "), "{screen}");
    assert!(!screen.contains("K8 "), "{screen}");
    // The texts of 10,000 sessions are read on a thread: typing goes on
    // meanwhile, the list says it is searching, never that nothing matched.
    type_text(&mut app, "zeld");
    let screen = common::screen_text(&app, 100, 30);
    assert!(!screen.contains("Geen sessies gevonden"), "{screen}");
    assert!(
        screen.contains("Zoeken in 10000 sessies") || screen.contains("K7 "),
        "{screen}"
    );
    type_text(&mut app, "zaam");
    app.settle();
    let screen = common::screen_text(&app, 100, 30);
    let rows = screen
        .lines()
        .filter(|l| l.contains(" 2026 ") && l.contains(" K7 "))
        .count();
    assert_eq!(rows, 10, "{screen}");
    // A word no session has: nothing found, now that the texts are read.
    type_text(&mut app, "x");
    let screen = common::screen_text(&app, 100, 30);
    assert!(screen.contains("Geen sessies gevonden"), "{screen}");
}

// The trash: deleted sessions wait in `prullenbak/` until restored, purged
// or emptied.

/// When the tests below delete: whole seconds, which every file system
/// keeps exactly as a modification time.
fn deletion_time() -> SystemTime {
    SystemTime::from(fixed_now()) + Duration::from_secs(3600)
}

fn ids(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|id| id.to_string()).collect()
}

/// Saves a session of `client` as `id` and returns the file's bytes.
fn saved(store: &Store, client: &str, id: &str) -> Vec<u8> {
    let path = store
        .save(&record_for(client, fixed_now(), id))
        .expect("save");
    std::fs::read(path).expect("read")
}

/// The ids in the history, sorted.
fn listed(store: &Store) -> Vec<String> {
    let mut ids: Vec<String> = store
        .list()
        .expect("list")
        .sessions
        .into_iter()
        .map(|s| s.id)
        .collect();
    ids.sort();
    ids
}

fn trash_names(store: &Store) -> Vec<String> {
    let mut names: Vec<String> = store
        .trashed()
        .expect("trashed")
        .into_iter()
        .map(|t| t.file_name)
        .collect();
    names.sort();
    names
}

fn set_mtime(path: &std::path::Path, time: SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .expect("open")
        .set_modified(time)
        .expect("set mtime");
}

#[test]
fn a_deleted_session_goes_to_the_trash_and_out_of_the_history() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let original = saved(&store, "K1", "tot-ziens");
    saved(&store, "K2", "blijft");
    assert_eq!(listed(&store), ["blijft", "tot-ziens"]);
    // A lock file left behind by a window that is gone.
    drop(store.lock("tot-ziens").expect("lock").expect("free"));
    assert!(store.lock_path("tot-ziens").exists());

    assert_eq!(store.trash(&ids(&["tot-ziens"]), deletion_time()), 1);
    assert!(!store.path_of("tot-ziens").exists());
    assert!(!store.lock_path("tot-ziens").exists());
    // The index forgets it at once, not only at the next listing.
    let index = std::fs::read_to_string(store.index_path()).expect("index");
    assert!(index.contains("blijft"), "{index}");
    for line in index.lines() {
        assert!(
            !line.contains("tot-ziens") && !line.contains("K1"),
            "{line}"
        );
    }
    assert_eq!(listed(&store), ["blijft"]);

    let trashed = store.trashed().expect("trashed");
    assert_eq!(trashed.len(), 1);
    let gone = &trashed[0];
    assert_eq!(gone.file_name, "tot-ziens.json");
    assert_eq!(gone.id, "tot-ziens");
    assert_eq!(gone.deleted_at, deletion_time());
    let summary = gone.summary.as_ref().expect("readable");
    assert_eq!(summary.id, "tot-ziens");
    assert_eq!(summary.client_code.as_deref(), Some("K1"));
    assert_eq!(
        std::fs::read(store.trash_dir().join("tot-ziens.json")).expect("in the trash"),
        original
    );
}

#[test]
fn a_restored_session_is_back_in_the_history_byte_for_byte() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let original = saved(&store, "K1", "terug");
    let record = store.load("terug").expect("load");
    assert_eq!(listed(&store), ["terug"]);
    assert_eq!(store.trash(&ids(&["terug"]), deletion_time()), 1);
    assert!(listed(&store).is_empty());

    let file_name = store.trashed().expect("trashed")[0].file_name.clone();
    assert_eq!(store.restore(&file_name).expect("restore"), "terug");
    assert_eq!(
        std::fs::read(store.path_of("terug")).expect("back"),
        original
    );
    assert!(store.trashed().expect("trashed").is_empty());
    let listing = store.list().expect("list");
    assert_eq!(listing.sessions.len(), 1);
    assert_eq!(listing.sessions[0].id, "terug");
    assert_eq!(listing.sessions[0].client_code.as_deref(), Some("K1"));
    assert_eq!(store.load("terug").expect("load"), record);
    // The index learns it again at the repair after a listing.
    store.repair(&listing);
    let index = std::fs::read_to_string(store.index_path()).expect("index");
    assert!(index.contains("terug") && index.contains("K1"), "{index}");
}

#[test]
fn a_session_open_in_another_window_stays_where_it_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    saved(&store, "K1", "open");
    saved(&store, "K2", "dicht");
    let lock = store.lock("open").expect("lock").expect("free");
    assert_eq!(store.trash(&ids(&["open", "dicht"]), deletion_time()), 1);
    assert!(store.path_of("open").exists());
    assert!(store.lock_path("open").exists(), "its lock is left alone");
    assert_eq!(trash_names(&store), ["dicht.json"]);
    assert_eq!(listed(&store), ["open"]);
    // Once that window has closed, it can go.
    drop(lock);
    assert_eq!(store.trash(&ids(&["open"]), deletion_time()), 1);
    assert_eq!(trash_names(&store), ["dicht.json", "open.json"]);
}

#[test]
fn restoring_onto_an_existing_session_fails_and_keeps_both() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let first = saved(&store, "K1", "s");
    assert_eq!(store.trash(&ids(&["s"]), deletion_time()), 1);
    let second = saved(&store, "K2", "s");
    let error = store.restore("s.json").expect_err("the id is taken");
    assert_eq!(error.kind(), std::io::ErrorKind::AlreadyExists);
    assert_eq!(std::fs::read(store.path_of("s")).expect("kept"), second);
    assert_eq!(
        std::fs::read(store.trash_dir().join("s.json")).expect("kept"),
        first
    );
    assert!(!store.lock_path("s").exists(), "nothing is touched");

    // Nor while another window is starting a session with that id.
    std::fs::remove_file(store.path_of("s")).expect("remove");
    let lock = store.lock("s").expect("lock").expect("free");
    let error = store.restore("s.json").expect_err("the id is in use");
    assert_eq!(error.kind(), std::io::ErrorKind::AlreadyExists);
    assert!(store.trash_dir().join("s.json").exists());
    drop(lock);
    assert_eq!(store.restore("s.json").expect("restore"), "s");
    assert_eq!(std::fs::read(store.path_of("s")).expect("back"), first);
}

#[test]
fn deleting_the_same_id_twice_keeps_both_in_the_trash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let first = saved(&store, "K1", "s");
    assert_eq!(store.trash(&ids(&["s"]), deletion_time()), 1);
    let second = saved(&store, "K2", "s");
    let later = deletion_time() + Duration::from_secs(60);
    assert_eq!(store.trash(&ids(&["s"]), later), 1);

    let trashed = store.trashed().expect("trashed");
    let seen: Vec<(&str, &str, SystemTime)> = trashed
        .iter()
        .map(|t| (t.file_name.as_str(), t.id.as_str(), t.deleted_at))
        .collect();
    assert_eq!(
        seen,
        [("s~2.json", "s", later), ("s.json", "s", deletion_time())],
        "most recently deleted first"
    );
    assert_eq!(
        std::fs::read(store.trash_dir().join("s.json")).expect("first"),
        first
    );
    assert_eq!(
        std::fs::read(store.trash_dir().join("s~2.json")).expect("second"),
        second
    );
    // One of them can come back; then the other finds its id taken.
    assert_eq!(store.restore("s.json").expect("restore"), "s");
    let error = store.restore("s~2.json").expect_err("taken");
    assert_eq!(error.kind(), std::io::ErrorKind::AlreadyExists);

    // An id that itself ends like a counter keeps it when it comes back.
    saved(&store, "K3", "a~2");
    assert_eq!(store.trash(&ids(&["a~2"]), deletion_time()), 1);
    let counted = store
        .trashed()
        .expect("trashed")
        .into_iter()
        .find(|t| t.id == "a~2")
        .expect("listed by its own id");
    assert_eq!(store.restore(&counted.file_name).expect("restore"), "a~2");
    assert!(store.path_of("a~2").exists());
}

#[test]
fn purging_removes_only_what_was_deleted_longer_ago_than_the_keep_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let now = deletion_time();
    let day = Duration::from_secs(24 * 3600);
    let keep = day * u32::try_from(TRASH_DAYS).expect("small");
    let ages: &[(&str, SystemTime)] = &[
        ("oud", now - keep - day),
        ("net-niet", now - keep + Duration::from_secs(3600)),
        ("vers", now),
        // Deleted "after now": a clock set back; kept.
        ("toekomst", now + day),
    ];
    for (id, _) in ages {
        saved(&store, "K1", id);
    }
    let all: Vec<String> = ages.iter().map(|(id, _)| id.to_string()).collect();
    assert_eq!(store.trash(&all, now), 4);
    for (id, deleted) in ages {
        set_mtime(&store.trash_dir().join(format!("{id}.json")), *deleted);
    }
    assert_eq!(store.purge_trash(now, keep), 1);
    assert_eq!(
        trash_names(&store),
        ["net-niet.json", "toekomst.json", "vers.json"]
    );
    // A day later the next one is due.
    assert_eq!(store.purge_trash(now + day, keep), 1);
    assert_eq!(trash_names(&store), ["toekomst.json", "vers.json"]);
}

#[test]
fn emptying_the_trash_removes_everything_even_unreadable_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    // No trash folder yet: an empty trash.
    assert!(store.trashed().expect("trashed").is_empty());
    assert_eq!(store.empty_trash().expect("empty"), 0);
    assert_eq!(store.purge_trash(deletion_time(), Duration::ZERO), 0);
    assert!(!store.trash_dir().exists());

    saved(&store, "K1", "een");
    saved(&store, "K2", "twee");
    assert_eq!(store.trash(&ids(&["een", "twee"]), deletion_time()), 2);
    let broken = store.trash_dir().join("kapot.json");
    std::fs::write(&broken, b"geen json").expect("write");
    let trashed = store.trashed().expect("trashed");
    assert_eq!(trashed.len(), 3);
    let unreadable = trashed
        .iter()
        .find(|t| t.file_name == "kapot.json")
        .expect("listed");
    assert_eq!(unreadable.id, "kapot");
    assert!(unreadable.summary.is_none());
    assert!(trashed.iter().filter(|t| t.summary.is_some()).count() == 2);
    assert!(broken.exists(), "listing leaves it alone");

    assert_eq!(store.empty_trash().expect("empty"), 3);
    assert_eq!(
        std::fs::read_dir(store.trash_dir()).expect("dir").count(),
        0
    );
    assert!(store.trashed().expect("trashed").is_empty());
    assert!(listed(&store).is_empty(), "nothing came back");
}

#[test]
fn only_plain_names_go_into_or_out_of_the_trash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    saved(&store, "K1", "s");
    assert_eq!(store.trash(&ids(&["s"]), deletion_time()), 1);
    for bad in ["../sessies/s.json", "..", "", "prullenbak/s.json", "s"] {
        let error = store.restore(bad).expect_err(bad);
        assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput, "{bad}");
    }
    let error = store.restore("nooit.json").expect_err("not there");
    assert_eq!(error.kind(), std::io::ErrorKind::NotFound);
    assert_eq!(trash_names(&store), ["s.json"]);
    // An "id" that reaches out of the sessions folder moves nothing.
    let outside = dir.path().join("buiten.json");
    std::fs::write(&outside, b"{}").expect("write");
    assert_eq!(store.trash(&ids(&["../buiten"]), deletion_time()), 0);
    assert!(outside.exists());
    assert_eq!(trash_names(&store), ["s.json"]);
}

#[cfg(unix)]
#[test]
fn the_trash_is_private_and_so_are_the_files_in_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    assert!(!store.trash_dir().exists(), "made when first used");
    saved(&store, "K1", "s");
    assert_eq!(store.trash(&ids(&["s"]), deletion_time()), 1);
    assert_eq!(mode(&store.trash_dir()), 0o700);
    assert_eq!(mode(&store.trash_dir().join("s.json")), 0o600);
    store.restore("s.json").expect("restore");
    assert_eq!(mode(&store.path_of("s")), 0o600);
}
