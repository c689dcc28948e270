//! Session records on disk: private, atomic, complete.

mod common;

use common::{app_in, builtin_pack, fixed_now, note, press, type_text};
use crossterm::event::KeyCode;
use denkcoach::notes::{SessionRecord, Store};
use denkcoach::session::{Action, Session};

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
    session.update(&pack, Action::Next, fixed_now());
    session.update(
        &pack,
        Action::SetText("Ik ben het niet waard.\nEcht niet.".into()),
        fixed_now(),
    );
    let id = store.new_id(fixed_now());
    assert_eq!(id, "2026-11-28_140500");
    let record = SessionRecord::from_session(&id, &session, &pack, fixed_now());
    let path = store.save(&record).expect("save");
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
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(store.sessions_dir())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    // A second session in the same second gets its own file.
    std::fs::write(store.path_of(&id), b"{}").expect("write");
    assert_eq!(store.new_id(fixed_now()), "2026-11-28_140500-2");
}

#[test]
fn a_failed_save_keeps_the_previous_file_and_the_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_in(dir.path());
    type_text(&mut app, "K7");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    note(&mut app, "Eerste versie.");
    let path = app.saved_path().expect("a session file");
    let before = std::fs::read(&path).expect("saved");

    // Make the folder unwritable for the temp file by putting a folder where it goes.
    let sessions = path.parent().expect("folder").to_path_buf();
    let tmp = sessions.join(format!(
        ".{}.{}.tmp",
        path.file_name().expect("name").to_string_lossy(),
        std::process::id()
    ));
    std::fs::create_dir(&tmp).expect("block the temp file");
    note(&mut app, " En meer.");
    assert_eq!(
        std::fs::read(&path).expect("still there"),
        before,
        "the old file is intact"
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

    std::fs::remove_dir(&tmp).expect("unblock");
    note(&mut app, "!");
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("json");
    assert_eq!(saved["thought"], "Eerste versie. En meer.!");
}
