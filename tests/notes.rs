//! Session records on disk: private, atomic, complete.

mod common;

use common::{app_in, begin, builtin_pack, fixed_now, note, press};
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
    begin(&mut app, "K7");
    press(&mut app, KeyCode::Enter);
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
    assert_eq!(std::fs::read(aside.join(file_name)).expect("intact"), before);
    let screen = common::screen_text(&app, 80, 24);
    assert!(screen.contains("Opslaan mislukt"), "the failure is shown:\n{screen}");
    assert!(screen.contains("Eerste versie. En meer."), "the text is kept:\n{screen}");

    // Once the folder is back, the retry writes everything.
    std::fs::remove_file(&sessions).expect("unblock");
    std::fs::rename(&aside, &sessions).expect("restore folder");
    assert!(app.flush(), "the retry works");
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("json");
    assert_eq!(saved["thought"], "Eerste versie. En meer.");
    assert!(!common::screen_text(&app, 80, 24).contains("Opslaan mislukt"));
}
