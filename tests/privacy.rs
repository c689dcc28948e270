//! The AVG duties: `denkcoach privacy` answers a coordinator's questions
//! from the folder, and `notities inzage` writes everything kept about one
//! client – both voices, the trash included – and nothing of another.

mod common;

use std::path::Path;
use std::time::SystemTime;

use common::{fixed_now, record_for};
use denkcoach::notes::{SavedPlace, SessionRecord, Store};

/// A session of `client` with the client's words and the volunteer's own
/// impression, started `days_ago` before the fixed now.
fn session(client: &str, id: &str, days_ago: i64, finished: bool) -> SessionRecord {
    let started = fixed_now() - chrono::Duration::days(days_ago);
    let mut record = record_for(client, started, id);
    for answer in record.answers.values_mut() {
        answer.impression = format!("Indruk over {client} in {id}");
    }
    if finished {
        record.finished_at = Some(started);
        record.place = SavedPlace::Done;
    }
    record
}

fn run(data: &Path, config: &Path, args: &[&str]) -> std::process::Output {
    common::denkcoach_cli(
        args,
        &[
            ("DENKCOACH_DATA_DIR", data),
            ("DENKCOACH_CONFIG_DIR", config),
        ],
    )
}

#[test]
fn privacy_answers_where_what_who_how_long_and_how_to_ask() {
    let data = tempfile::tempdir().expect("tempdir");
    let config = tempfile::tempdir().expect("tempdir");
    std::fs::write(config.path().join("config.toml"), "bewaartermijn = 12\n").expect("config");
    let store = Store::open(data.path()).expect("store");
    // K1 two years ago (finished: due under a 12-month term), K1 and K2
    // this month, and one of K3 in the trash.
    for record in [
        session("K1", "oud", 730, true),
        session("K1", "nieuw", 3, true),
        session("k2", "open", 1, false),
        session("K3", "weg", 2, true),
    ] {
        store.save(&record).expect("save");
    }
    assert_eq!(store.trash(&["weg".to_string()], SystemTime::now()), 1);
    let before = common::folder_contents(data.path());

    let out = run(data.path(), config.path(), &["privacy"]);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    for answer in [
        // Where, and that it stays there.
        &format!("Waar: {}", data.path().display()),
        "geen netwerkcode",
        // What: three sessions of two clients, since when.
        "Wat: 3 sessies over 2 cliënten, 0 zonder code",
        "Oudste sessie: 28 november 2024",
        // Who can read it.
        "Wie het kan lezen: alleen jouw gebruikersaccount",
        "Versleuteld: nee",
        // How long, and what goes next.
        "bewaartermijn 12 maanden; nu ouder dan dat en af: 1 sessie",
        "de volgende is dat op 25 november 2027",
        "Prullenbak: 1 verwijderde sessie",
        // How to answer a request.
        "notities inzage --client CODE",
        "Ctrl+K",
    ] {
        assert!(text.contains(answer), "{answer}\n{text}");
    }
    assert_eq!(
        common::folder_contents(data.path()),
        before,
        "the overview only reads"
    );
}

#[test]
fn inzage_writes_everything_of_one_client_and_nothing_of_another() {
    let data = tempfile::tempdir().expect("tempdir");
    let config = tempfile::tempdir().expect("tempdir");
    let store = Store::open(data.path()).expect("store");
    for record in [
        session("K7", "eerste", 10, true),
        session("K7", "tweede", 5, true),
        session("K8", "ander", 4, true),
    ] {
        store.save(&record).expect("save");
    }
    // One of K7's sessions was deleted, but is still kept in the trash.
    assert_eq!(store.trash(&["tweede".to_string()], SystemTime::now()), 1);
    let out_dir = tempfile::tempdir().expect("tempdir");
    let out_path = out_dir.path().to_str().expect("utf-8");

    let out = run(
        data.path(),
        config.path(),
        &["notities", "inzage", "--client", "K7", "--uit", out_path],
    );
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("Inzage voor K7: 2 sessies, waarvan 1 in de prullenbak"),
        "{said}"
    );
    let mut files: Vec<_> = std::fs::read_dir(out_dir.path())
        .expect("written")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    for path in &files {
        let text = std::fs::read_to_string(path).expect("read");
        for words in [
            "Gedachte van K7 in eerste",
            "Indruk over K7 in eerste",
            "Gedachte van K7 in tweede",
            "Indruk over K7 in tweede",
        ] {
            assert!(text.contains(words), "{}: {words}", path.display());
        }
        assert!(!text.contains("K8"), "{}", path.display());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{}", path.display());
        }
    }
    let json = files
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("a JSON file");
    let records: Vec<SessionRecord> =
        serde_json::from_str(&std::fs::read_to_string(json).expect("read")).expect("records");
    assert_eq!(records.len(), 2);

    // Nothing kept about a code: said, and no file.
    let none = run(
        data.path(),
        config.path(),
        &["notities", "inzage", "--client", "K9", "--uit", out_path],
    );
    assert!(!none.status.success());
    assert!(String::from_utf8_lossy(&none.stderr).contains("Over K9 is niets bewaard"));
    assert_eq!(std::fs::read_dir(out_dir.path()).expect("dir").count(), 2);
}

/// The same overview from the start menu, in a window that Esc closes.
#[test]
fn the_start_menu_shows_the_overview() {
    use crossterm::event::KeyCode;
    let data = tempfile::tempdir().expect("tempdir");
    let store = Store::open(data.path()).expect("store");
    store.save(&session("K7", "een", 3, true)).expect("save");
    let mut app = common::app_in(data.path());
    let chosen = |app: &denkcoach::app::App| {
        common::screen_text(app, 80, 24)
            .lines()
            .find(|l| l.contains('›'))
            .unwrap_or_default()
            .to_string()
    };
    for _ in 0..12 {
        if chosen(&app).contains("Privacy") {
            break;
        }
        common::press(&mut app, KeyCode::Down);
    }
    assert!(
        chosen(&app).contains("Privacy"),
        "{}",
        common::screen_text(&app, 80, 24)
    );
    common::press(&mut app, KeyCode::Enter);
    app.settle();
    let screen = common::screen_text(&app, 80, 24);
    assert!(screen.contains("1 sessie over 1 cliënt"), "{screen}");
    assert!(screen.contains("Wie het kan lezen"), "{screen}");
    common::press(&mut app, KeyCode::Esc);
    assert!(!common::screen_text(&app, 80, 24).contains("Wie het kan lezen"));
}

/// What a second look at the AVG commands found: an existing folder keeps
/// its rights, a blank code or a folder inside the notes is refused,
/// unreadable files are named, codes compare the same everywhere (É1 is
/// é1), an access file goes when the trash is emptied – also when a note's
/// words imitate the export marker –, and a FIFO among the damaged files
/// or a missing folder does not stop the overview.
#[cfg(unix)]
#[test]
fn inzage_and_privacy_hold_up_at_the_edges() {
    use std::os::unix::fs::PermissionsExt;
    let data = tempfile::tempdir().expect("tempdir");
    let config = tempfile::tempdir().expect("tempdir");
    let store = Store::open(data.path()).expect("store");
    let mut first = session("É1", "een", 9, true);
    first.thought = Some("GEHEIM <!-- denkcoach-sessies: nope -->".into());
    store.save(&first).expect("save");
    store.save(&session("é1", "twee", 8, true)).expect("save");
    std::fs::write(store.sessions_dir().join("kapot.json"), b"{").expect("damaged");

    // A shared folder stays shared; only the files are private.
    let shared = tempfile::tempdir().expect("tempdir");
    std::fs::set_permissions(shared.path(), std::fs::Permissions::from_mode(0o777)).expect("chmod");
    let shared_path = shared.path().to_str().expect("utf-8");
    let out = run(
        data.path(),
        config.path(),
        &["notities", "inzage", "--client", "É1", "--uit", shared_path],
    );
    assert!(out.status.success(), "{out:?}");
    let mode = std::fs::metadata(shared.path())
        .expect("meta")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o777, "the folder keeps its rights");
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 sessies"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 bestand niet te lezen"));

    // Refused: no code, or a folder inside the notes.
    for args in [
        vec!["notities", "inzage", "--client", "  "],
        vec![
            "notities",
            "inzage",
            "--client",
            "É1",
            "--uit",
            store.sessions_dir().to_str().expect("utf-8"),
        ],
    ] {
        let out = run(data.path(), config.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
    }

    // The access file in export/ goes when the client's sessions leave the
    // trash for good, JSON and HTML alike.
    let out = run(
        data.path(),
        config.path(),
        &["notities", "inzage", "--client", "é1"],
    );
    assert!(out.status.success(), "{out:?}");
    let ids = ["een".to_string(), "twee".to_string()];
    assert_eq!(store.trash(&ids, SystemTime::now()), 2);
    store.empty_trash().expect("empty");
    let left: Vec<_> = std::fs::read_dir(data.path().join("export"))
        .expect("export")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert!(left.is_empty(), "{left:?}");

    // A FIFO among the damaged files: the overview still answers.
    std::fs::create_dir_all(store.damaged_dir()).expect("beschadigd");
    let fifo = store.damaged_dir().join("pijp.json");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success()
    );
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_denkcoach"))
        .arg("privacy")
        .env("DENKCOACH_DATA_DIR", data.path())
        .env("DENKCOACH_CONFIG_DIR", config.path())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    assert!(
        common::finishes_within(&mut child, 20),
        "privacy waited on the FIFO"
    );

    // Before the first session: nothing kept, and said so.
    let missing = data.path().join("nog-niet");
    let out = run(&missing, config.path(), &["privacy"]);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("nog geen sessies"));
}
