//! The journal between snapshots: what a killed process typed comes back,
//! and nothing else changes because of it.

mod common;

use common::{fixed_now, record_for};
use denkcoach::notes::{Journals, SessionRecord, Store};

fn with_thought(mut record: SessionRecord, text: &str) -> SessionRecord {
    record.thought = Some(text.to_string());
    record
}

#[test]
fn a_journal_left_behind_is_read_and_folded_into_its_session() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let saved = record_for("K1", fixed_now(), "s1");
    store.save(&saved).expect("save");
    let journals = Journals::default();
    journals
        .append(&store, &with_thought(saved.clone(), "eerst"), 1)
        .expect("append");
    journals
        .append(&store, &with_thought(saved.clone(), "toen meer"), 2)
        .expect("append");
    // A line cut short (a full disk) after the last whole one.
    let path = store.journal_path("s1");
    let mut bytes = std::fs::read(&path).expect("journal");
    bytes.extend_from_slice(b"{\"schema\":1,\"id\":\"s1\",\"thou");
    std::fs::write(&path, bytes).expect("write");
    drop(journals); // the process is gone

    // Reading sees the journal's newest whole record; the snapshot is as it was.
    assert_eq!(
        store.load("s1").expect("load").thought.as_deref(),
        Some("toen meer")
    );
    let on_disk: SessionRecord =
        serde_json::from_slice(&std::fs::read(store.path_of("s1")).expect("read")).expect("json");
    assert_eq!(on_disk.thought, saved.thought);

    assert_eq!(store.recover(), vec!["s1".to_string()]);
    assert!(!path.exists(), "the journal is gone once folded in");
    let on_disk: SessionRecord =
        serde_json::from_slice(&std::fs::read(store.path_of("s1")).expect("read")).expect("json");
    assert_eq!(on_disk.thought.as_deref(), Some("toen meer"));
}

#[test]
fn a_session_killed_before_its_first_snapshot_is_found() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let record = with_thought(
        record_for("K2", fixed_now(), "s2"),
        "alleen in het journaal",
    );
    Journals::default()
        .append(&store, &record, 7)
        .expect("append");
    assert!(store.list().expect("list").sessions.is_empty());
    store.recover();
    let listing = store.list().expect("list");
    assert_eq!(listing.sessions.len(), 1);
    assert_eq!(store.load("s2").expect("load").thought, record.thought);
}

#[test]
fn a_journal_goes_only_when_a_snapshot_holds_its_last_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let record = record_for("K3", fixed_now(), "s3");
    let journals = Journals::default();
    journals.append(&store, &record, 4).expect("append");
    journals.append(&store, &record, 5).expect("append");
    let path = store.journal_path("s3");
    // The snapshot of update 4 was written while 5 was being typed.
    journals.covered(&store, "s3", 4);
    assert!(path.exists(), "line 5 is only in the journal");
    journals.covered(&store, "s3", 5);
    assert!(!path.exists());
    // Typing goes on: a new journal.
    journals.append(&store, &record, 6).expect("append");
    assert!(path.exists());
}

#[test]
fn a_journal_of_a_session_open_in_a_live_window_is_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let saved = record_for("K4", fixed_now(), "s4");
    store.save(&saved).expect("save");
    let lock = store.lock("s4").expect("lock").expect("free");
    Journals::default()
        .append(&store, &with_thought(saved.clone(), "nog bezig"), 1)
        .expect("append");
    assert!(store.recover().is_empty());
    assert!(store.journal_path("s4").exists());
    drop(lock);
    assert_eq!(store.recover(), vec!["s4".to_string()]);
}

#[test]
fn a_trashed_session_takes_its_journal_along() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let saved = record_for("K5", fixed_now(), "s5");
    store.save(&saved).expect("save");
    Journals::default()
        .append(&store, &with_thought(saved.clone(), "laatste woorden"), 1)
        .expect("append");
    assert_eq!(
        store.trash(&["s5".to_string()], std::time::SystemTime::now()),
        1
    );
    assert!(
        !store.journal_path("s5").exists(),
        "no journal to bring it back"
    );
    assert!(store.recover().is_empty());
    assert!(store.list().expect("list").sessions.is_empty());
    let restored = store.restore("s5.json").expect("restore");
    assert_eq!(
        store.load(&restored).expect("load").thought.as_deref(),
        Some("laatste woorden")
    );
}

/// A line cut short (a full disk mid-write) never swallows the next one:
/// the next line starts on a line of its own, and is what is read back.
#[test]
fn a_torn_line_does_not_swallow_the_next_record() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let record = record_for("K6", fixed_now(), "s6");
    Journals::default()
        .append(&store, &with_thought(record.clone(), "eerst"), 1)
        .expect("append");
    let path = store.journal_path("s6");
    let mut bytes = std::fs::read(&path).expect("journal");
    bytes.extend_from_slice(b"{\"schema\":2,\"id\":\"s6\",\"thou");
    std::fs::write(&path, bytes).expect("write");
    // The disk has room again; typing goes on.
    Journals::default()
        .append(&store, &with_thought(record, "NADAT"), 2)
        .expect("append");
    assert_eq!(
        store.load("s6").expect("load").thought.as_deref(),
        Some("NADAT")
    );
}
