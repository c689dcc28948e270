//! Deleting a client deletes every copy: once the trash is emptied, nothing
//! under the data folder holds a word of theirs.

mod common;

use common::{ctrl, files_under, fixed_now, press, record_for, type_text};
use crossterm::event::KeyCode;
use denkcoach::app::StartAt;
use denkcoach::notes::{Journals, Store};
use std::time::SystemTime;

/// The text inside the popup on screen, its wrapped lines joined again.
fn popup_text(app: &denkcoach::app::App) -> String {
    common::screen_text(app, 100, 30)
        .lines()
        .filter_map(|row| {
            let inside = row.split('│').nth(1)?;
            Some(inside.trim().to_string())
        })
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_deleted_client_leaves_no_trace_once_the_trash_is_emptied() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let mut k1 = record_for("K1", fixed_now(), "s1");
    k1.thought = Some("Geheim van K1".into());
    store.save(&k1).expect("save");
    store
        .save(&record_for(
            "K2",
            fixed_now() + chrono::Duration::hours(1),
            "s2",
        ))
        .expect("save");
    // What a killed process and earlier trouble leave behind.
    let sessions = store.sessions_dir();
    std::fs::write(sessions.join(".s1.json.999-7.tmp"), "Geheim van K1, half").expect("tmp");
    std::fs::create_dir_all(store.damaged_dir()).expect("beschadigd");
    std::fs::write(store.damaged_dir().join("s1.json.2"), "Geheim van K1 {").expect("damaged");
    Journals::default().append(&store, &k1, 1).expect("journal");
    // Another session of K1's that broke (cut off half-way): unreadable, so
    // never listed, but it holds K1's words.
    let whole = serde_json::to_string(&record_for("K1", fixed_now(), "s7")).expect("json");
    std::fs::write(
        sessions.join("s7.json"),
        format!("{} Geheim van K1", &whole[..whole.len() / 2]),
    )
    .expect("broken");

    let mut app = common::app_starting(dir.path(), StartAt::History);
    // An export of K1 first, from the list (K1 is the older: second row).
    press(&mut app, KeyCode::Down);
    ctrl(&mut app, 'e');
    press(&mut app, KeyCode::Enter);
    assert!(
        files_under(dir.path())
            .iter()
            .any(|p| p.starts_with(dir.path().join("export"))),
        "an export was written"
    );
    // Delete all of K1: the code must be typed. The question says what goes.
    press(&mut app, KeyCode::F(8));
    type_text(&mut app, "K1");
    app.settle();
    let question = popup_text(&app);
    let exports = std::fs::read_dir(dir.path().join("export"))
        .expect("export folder")
        .count();
    for goes in [
        &format!("Meteen weg: {exports} exports waarin ze staan."),
        "Over 30 dagen weg, of als je de prullenbak leegt: 1 sessiebestand, \
         1 half geschreven bestand, 2 beschadigde versies.",
    ] {
        assert!(question.contains(goes), "{goes}\n{question}");
    }
    press(&mut app, KeyCode::Enter);
    app.settle();
    assert_eq!(store.list().expect("list").sessions.len(), 1);
    // Emptying the trash names what goes for good.
    ctrl(&mut app, 'p');
    app.settle();
    ctrl(&mut app, 'd');
    type_text(&mut app, "verwijder");
    app.settle();
    let question = popup_text(&app);
    let goes = "Voorgoed weg: 2 sessiebestanden, 1 half geschreven bestand, 1";
    assert!(question.contains(goes), "{question}");
    press(&mut app, KeyCode::Enter);
    app.settle();
    assert!(store.trashed().expect("trash").is_empty());

    for path in files_under(dir.path()) {
        let text = String::from_utf8_lossy(&std::fs::read(&path).expect("read")).into_owned();
        assert!(
            !text.contains("Geheim van K1") && !text.contains("K1"),
            "{} still holds K1's text",
            path.display()
        );
    }
    assert!(store.load("s2").is_ok(), "K2 is untouched");
}

/// At start: temp files of killed writes and locks no process holds go;
/// a lock a live window holds, and a write in progress, stay.
#[test]
fn orphans_of_dead_processes_are_cleaned_and_live_ones_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let sessions = store.sessions_dir();
    let old_tmp = sessions.join(".s1.json.999-1.tmp");
    let new_tmp = sessions.join(".s2.json.999-2.tmp");
    std::fs::write(&old_tmp, "tekst").expect("write");
    std::fs::write(&new_tmp, "tekst").expect("write");
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&old_tmp)
        .and_then(|f| f.set_modified(an_hour_ago))
        .expect("mtime");
    std::fs::write(store.lock_path("dood"), "").expect("stale lock");
    let held = store.lock("levend").expect("lock").expect("free");
    assert_eq!(store.clean_orphans(), 2);
    assert!(!old_tmp.exists() && !store.lock_path("dood").exists());
    assert!(new_tmp.exists(), "a write in progress stays");
    assert!(store.lock_path("levend").exists() && store.is_locked("levend"));
    drop(held);
}

/// Listing changes nothing, and the repair after it never moves a file a
/// live window holds, even one it cannot read: that window may be writing
/// it.
#[test]
fn listing_moves_nothing_behind_a_lock() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    std::fs::write(store.path_of("bezig"), b"{ half geschreven").expect("write");
    let held = store.lock("bezig").expect("lock").expect("free");
    for _ in 0..2 {
        let listing = store.list().expect("list");
        assert_eq!(listing.damaged.len(), 1);
        assert_eq!(store.repair(&listing), 0);
        assert!(store.path_of("bezig").exists(), "left where it is");
        assert!(!store.damaged_dir().exists());
    }
    drop(held);
    // Free now, but a listing alone still moves nothing ...
    let before = common::folder_contents(dir.path());
    let listing = store.list().expect("list");
    assert_eq!(common::folder_contents(dir.path()), before);
    // ... the repair does.
    assert_eq!(store.repair(&listing), 1);
    assert!(!store.path_of("bezig").exists(), "moved aside once free");
    assert!(store.damaged_dir().join("bezig.json").exists());
}

/// Exports go with exactly the sessions in them: deleting client C1 leaves
/// the sheet of client A-C1 (a code that ends the same), and deleting one
/// session takes the exports that hold it.
#[test]
fn exports_go_with_exactly_the_sessions_in_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    for (i, code) in ["A-C1", "C1", "K7", "K7"].iter().enumerate() {
        let started = fixed_now() + chrono::Duration::hours(i64::try_from(i).expect("small"));
        store
            .save(&record_for(code, started, &format!("s{i}")))
            .expect("save");
    }
    let exports = || -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir.path().join("export"))
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    };
    let mut app = common::app_starting(dir.path(), StartAt::History);
    // Newest first: s3 K7, s2 K7, s1 C1, s0 A-C1. A report of each of
    // A-C1 and C1, and one of both K7 sessions.
    ctrl(&mut app, 'e');
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Enter);
    for _ in 0..2 {
        press(&mut app, KeyCode::Down);
    }
    ctrl(&mut app, 'e');
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Down);
    ctrl(&mut app, 'e');
    press(&mut app, KeyCode::Enter);
    let before = exports();
    assert_eq!(before.len(), 6, "{before:?}");
    // Delete client C1 (the highlight is on A-C1's session: up one).
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::F(8));
    type_text(&mut app, "C1");
    press(&mut app, KeyCode::Enter);
    let after = exports();
    assert_eq!(after.len(), 4, "only C1's report went: {after:?}");
    assert!(after.iter().any(|n| n.contains("A-C1")), "{after:?}");
    // One of K7's two sessions: the report holding both goes too.
    press(&mut app, KeyCode::Home);
    ctrl(&mut app, 'd');
    type_text(&mut app, "K7");
    press(&mut app, KeyCode::Enter);
    let last = exports();
    assert_eq!(last.len(), 2, "{last:?}");
    assert!(last.iter().all(|n| n.contains("A-C1")), "{last:?}");
}

/// A session open in another window stays when it is deleted here, and so
/// do the exports that hold it; the question says so before anything goes.
#[test]
fn a_session_open_elsewhere_keeps_its_exports_and_the_question_says_it_stays() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    store
        .save(&record_for("K7", fixed_now(), "s1"))
        .expect("save");
    let mut app = common::app_starting(dir.path(), StartAt::History);
    ctrl(&mut app, 'e');
    press(&mut app, KeyCode::Enter);
    let exports = || files_under(&dir.path().join("export")).len();
    let exported = exports();
    assert!(exported > 0);
    // Another window opens the session.
    let window = store.lock("s1").expect("lock").expect("free");
    ctrl(&mut app, 'd');
    type_text(&mut app, "K7");
    app.settle();
    let question = popup_text(&app);
    assert!(
        question.contains("Blijft staan, want open in een ander venster: 1 sessiebestand."),
        "{question}"
    );
    assert!(!question.contains("Meteen weg"), "{question}");
    press(&mut app, KeyCode::Enter);
    app.settle();
    assert!(store.path_of("s1").exists());
    assert_eq!(exports(), exported, "its exports stay with it");
    drop(window);
}

/// Emptying the trash removes what the question counted – not a session
/// another window moved there since – and a FIFO among the exports does not
/// hang the count.
#[test]
fn emptying_the_trash_removes_only_what_was_counted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    store
        .save(&record_for("K7", fixed_now(), "s1"))
        .expect("save");
    let later = fixed_now() + chrono::Duration::hours(1);
    store.save(&record_for("K8", later, "s2")).expect("save");
    #[cfg(unix)]
    {
        std::fs::create_dir_all(dir.path().join("export")).expect("export");
        let fifo = dir.path().join("export/pijp.md");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(made.success());
    }
    assert_eq!(store.trash(&["s1".to_string()], SystemTime::now()), 1);
    let mut app = common::app_starting(dir.path(), StartAt::History);
    ctrl(&mut app, 'p');
    app.settle();
    ctrl(&mut app, 'd');
    type_text(&mut app, "verwijder");
    app.settle();
    assert!(popup_text(&app).contains("Voorgoed weg: 1 sessiebestand."));
    // Meanwhile another window deletes K8's session.
    assert_eq!(store.trash(&["s2".to_string()], SystemTime::now()), 1);
    press(&mut app, KeyCode::Enter);
    app.settle();
    let left: Vec<String> = store
        .trashed()
        .expect("trash")
        .into_iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(left, ["s2"], "K8's session can still be restored");
}
