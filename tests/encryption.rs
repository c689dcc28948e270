//! Encryption at rest (`denkcoach beveilig`): after it, nothing a client
//! said or a volunteer typed is in the data folder in plaintext; the coach
//! opens it with the passphrase and shows the same; a wrong passphrase
//! changes nothing; a conversion killed at any moment leaves every file
//! readable; and `beveilig uit` gives back the very same JSON.

mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use age::secrecy::SecretString;
use common::{fixed_now, folder_contents, record_for};
use denkcoach::notes::{Journals, Seal, Store, parse};

const PASSPHRASE: &str = "drie kleine vogels";

/// scrypt made cheap for the program under test (a debug-build hook): the
/// work factor is not what these tests are about.
const CHEAP_SCRYPT: (&str, &str) = ("DENKCOACH_TEST_SCRYPT", "10");

fn code(n: usize) -> String {
    format!("CLIENTCODE-{n:02}")
}

fn typed(n: usize) -> String {
    format!("ZinDieNiemandMagLezen{n:02}")
}

/// Twenty sessions of twenty clients, each with a thought, words and an
/// impression of their own; one export and one in the trash.
fn folder_with_twenty(data: &Path) {
    let store = Store::open(data).expect("store");
    for n in 0..20 {
        let id = format!("sessie-{n:02}");
        let started = fixed_now() - chrono::Duration::days(n as i64);
        let mut record = record_for(&code(n), started, &id);
        for answer in record.answers.values_mut() {
            answer.text = format!("{} {}", answer.text, typed(n));
            answer.impression = format!("Indruk {}", typed(n));
        }
        record.finished_at = Some(started);
        record.place = denkcoach::notes::SavedPlace::Done;
        store.save(&record).expect("save");
    }
    let export = data.join("export");
    std::fs::create_dir_all(&export).expect("export dir");
    // An older export names its client in its file name.
    std::fs::write(
        export.join(format!("2026-01-01_120000-{}-verslag.md", code(9))),
        format!("{}\n<!-- denkcoach-sessies: sessie-09 -->\n", typed(9)),
    )
    .expect("export");
    std::fs::write(
        export.join("verslag.md"),
        format!(
            "{} {}\n<!-- denkcoach-sessies: sessie-03 -->\n",
            code(3),
            typed(3)
        ),
    )
    .expect("export");
    assert_eq!(
        store.trash(&["sessie-19".to_string()], std::time::SystemTime::now()),
        1
    );
    // The index, as the history writes it.
    let listing = store.list().expect("list");
    store.repair(&listing);
}

/// The program started on this folder (no language from the machine, a
/// home of its own, cheap scrypt), `input` written to it and closed.
fn started(data: &Path, args: &[&str], input: &str) -> std::process::Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_denkcoach"))
        .args(args)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env("DENKCOACH_DATA_DIR", data)
        .env("DENKCOACH_CONFIG_DIR", data.join("geen-config"))
        .env("HOME", data.join("thuis"))
        .env(CHEAP_SCRYPT.0, CHEAP_SCRYPT.1)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run denkcoach");
    let mut stdin = child.stdin.take().expect("stdin");
    let _ = stdin.write_all(input.as_bytes());
    drop(stdin);
    child
}

fn denkcoach(data: &Path, args: &[&str], input: &str) -> Output {
    started(data, args, input)
        .wait_with_output()
        .expect("output")
}

fn secure(data: &Path) {
    let out = denkcoach(
        data,
        &["beveilig"],
        &format!("{PASSPHRASE}\n{PASSPHRASE}\n"),
    );
    assert!(out.status.success(), "{out:?}");
}

fn unlocked(data: &Path) -> Store {
    let seal = Seal::unlock(data, &SecretString::from(PASSPHRASE.to_string())).expect("unlock");
    Store::open_with(data, seal).expect("open")
}

/// What the history shows: id, client and thought of every session.
fn history(store: &Store) -> Vec<(String, Option<String>, String)> {
    let listing = store.list().expect("list");
    assert!(listing.damaged.is_empty(), "{:?}", listing.damaged);
    listing
        .sessions
        .iter()
        .map(|s| {
            let record = store.load(&s.id).expect("load");
            (
                s.id.clone(),
                s.client_code.clone(),
                record.thought.unwrap_or_default(),
            )
        })
        .collect()
}

/// Every file in the folder that contains `needle`.
fn files_containing(data: &Path, needle: &str) -> Vec<PathBuf> {
    folder_contents(data)
        .into_iter()
        .filter(|(_, bytes)| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
        .map(|(path, _)| path)
        .collect()
}

#[test]
fn after_beveilig_no_client_code_or_typed_word_is_in_the_folder_and_the_history_is_the_same() {
    let data = tempfile::tempdir().expect("tempdir");
    folder_with_twenty(data.path());
    let before = history(&Store::open(data.path()).expect("store"));
    assert_eq!(before.len(), 19);
    assert!(!files_containing(data.path(), &typed(5)).is_empty());

    secure(data.path());

    for n in 0..20 {
        for needle in [code(n), typed(n)] {
            let found = files_containing(data.path(), &needle);
            assert!(found.is_empty(), "{needle} in plaintext in {found:?}");
        }
    }
    // Nor in a file's name.
    let named: Vec<PathBuf> = common::files_under(data.path())
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("CLIENTCODE"))
        .collect();
    assert!(named.is_empty(), "{named:?}");
    // The index is encrypted too, and the export is named for what it is.
    assert!(data.path().join("export/verslag.md.age").is_file());
    assert!(!data.path().join("export/verslag.md").exists());
    // Without the key the folder is not opened at all.
    assert!(Store::open(data.path()).is_err());
    let store = unlocked(data.path());
    assert_eq!(history(&store), before);
    // The trash, exports and the AVG overview read through the key too.
    let trashed = store.trashed().expect("trash");
    assert_eq!(trashed.len(), 1);
    assert!(trashed[0].summary.is_some(), "the trashed session reads");
    assert_eq!(store.exports_of(&["sessie-03".to_string()]).len(), 1);
    let out = denkcoach(data.path(), &["privacy"], &format!("{PASSPHRASE}\n"));
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("19 sessies over 19 cliënten"), "{text}");
    assert!(text.contains("Versleuteld: ja"), "{text}");
}

#[test]
fn a_wrong_passphrase_says_so_allows_a_retry_and_never_changes_a_byte() {
    let data = tempfile::tempdir().expect("tempdir");
    folder_with_twenty(data.path());
    secure(data.path());
    let before = folder_contents(data.path());

    let out = denkcoach(
        data.path(),
        &["notities", "export", "--onversleuteld"],
        "fout een\nfout twee\nfout drie\n",
    );
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("niet de wachtwoordzin"), "{said}");
    assert!(said.contains("Drie keer"), "{said}");
    assert!(out.stdout.is_empty(), "nothing shown");
    assert_eq!(folder_contents(data.path()), before);
    // The start of the coach itself, in plain mode, the same.
    let out = denkcoach(data.path(), &["--eenvoudig"], "a\nb\nc\nK1\n");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert_eq!(folder_contents(data.path()), before);

    // Wrong once, then right: the export comes.
    let out = denkcoach(
        data.path(),
        &[
            "notities",
            "export",
            "--client",
            &code(4),
            "--onversleuteld",
        ],
        &format!("verkeerd\n{PASSPHRASE}\n"),
    );
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains(&typed(4)));
    // An export to the screen is refused without --onversleuteld.
    let out = denkcoach(
        data.path(),
        &["notities", "export"],
        &format!("{PASSPHRASE}\n"),
    );
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(out.stdout.is_empty());
}

/// The JSON of every session, the export and the trash: what `uit` must
/// give back byte for byte.
/// (An export's name may lose a client code on the way; its bytes stay.)
fn contents_that_matter(data: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut exports: Vec<Vec<u8>> = Vec::new();
    let mut kept: BTreeMap<PathBuf, Vec<u8>> = folder_contents(data)
        .into_iter()
        .filter(|(path, _)| {
            let rel = path.strip_prefix(data).expect("inside");
            !rel.ends_with("index.tsv")
                && !rel.ends_with("sleutel.age")
                && !rel.ends_with("sleutel.pub")
        })
        .filter_map(|(path, bytes)| {
            if path
                .strip_prefix(data)
                .is_ok_and(|r| r.starts_with("export"))
            {
                exports.push(bytes);
                None
            } else {
                Some((path, bytes))
            }
        })
        .collect();
    exports.sort();
    for (n, bytes) in exports.into_iter().enumerate() {
        kept.insert(PathBuf::from(format!("export #{n}")), bytes);
    }
    kept
}

#[test]
fn beveilig_uit_gives_back_the_same_bytes_and_wijzig_changes_only_the_passphrase() {
    let data = tempfile::tempdir().expect("tempdir");
    folder_with_twenty(data.path());
    let plain = contents_that_matter(data.path());
    secure(data.path());
    let sealed = contents_that_matter(data.path());

    let new = "een andere lange zin";
    let out = denkcoach(
        data.path(),
        &["beveilig", "wijzig"],
        &format!("{PASSPHRASE}\n{new}\n{new}\n"),
    );
    assert!(out.status.success(), "{out:?}");
    assert!(contents_that_matter(data.path()) == sealed, "notes touched");
    assert!(Seal::unlock(data.path(), &SecretString::from(PASSPHRASE.to_string())).is_err());

    // Not without typing the word.
    let out = denkcoach(data.path(), &["beveilig", "uit"], &format!("{new}\nja\n"));
    assert!(!out.status.success());
    assert!(
        contents_that_matter(data.path()) == sealed,
        "changed without UIT"
    );

    let out = denkcoach(data.path(), &["beveilig", "uit"], &format!("{new}\nUIT\n"));
    assert!(out.status.success(), "{out:?}");
    assert!(!data.path().join("sleutel.age").exists());
    assert!(
        contents_that_matter(data.path()) == plain,
        "not the same bytes back"
    );
    // And plain again: no passphrase asked.
    let store = Store::open(data.path()).expect("plain again");
    assert_eq!(store.list().expect("list").sessions.len(), 19);
}

/// Every session file opens: as plaintext, or with the passphrase when the
/// key file is there – and holds what it held before.
fn every_file_opens(data: &Path, originals: &BTreeMap<String, Vec<u8>>) {
    let seal = if Seal::required(data) {
        Seal::unlock(data, &SecretString::from(PASSPHRASE.to_string())).expect("the key opens")
    } else {
        Seal::plain()
    };
    for (name, original) in originals {
        let path = data.join("sessies").join(name);
        let bytes = std::fs::read(&path).expect("the session is there");
        let plain = seal.open(&bytes).expect("opens");
        assert_eq!(&*plain, &original[..], "{name} as it was");
    }
}

/// A kill in the middle of a write leaves its temp file (encrypted bytes);
/// the next conversion clears them.
fn no_half_written_files(data: &Path) {
    for path in common::files_under(data) {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        assert!(!name.ends_with(".tmp"), "a half-written file: {name}");
    }
}

#[test]
fn twenty_kills_during_beveilig_leave_every_file_readable() {
    let originals_of = |data: &Path| -> BTreeMap<String, Vec<u8>> {
        std::fs::read_dir(data.join("sessies"))
            .expect("dir")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .map(|p| {
                let name = p.file_name().expect("name").to_string_lossy().into_owned();
                (name, std::fs::read(&p).expect("read"))
            })
            .collect()
    };
    let mut killed_midway = 0;
    for run in 0..20u64 {
        let data = tempfile::tempdir().expect("tempdir");
        folder_with_twenty(data.path());
        let originals = originals_of(data.path());
        let input = format!("{PASSPHRASE}\n{PASSPHRASE}\n");
        let mut child = started(data.path(), &["beveilig"], &input);
        // Spread over the conversion's few tens of milliseconds.
        std::thread::sleep(std::time::Duration::from_micros(run * 2_500));
        let _ = child.kill();
        let _ = child.wait();
        if Seal::required(data.path()) {
            let store = unlocked(data.path());
            let left = store.unconverted(denkcoach::notes::convert::Direction::Encrypt);
            if left > 0 {
                killed_midway += 1;
            }
        }
        every_file_opens(data.path(), &originals);
        // Running it again finishes the job, whatever state it was in.
        let input = if Seal::required(data.path()) {
            format!("{PASSPHRASE}\n")
        } else {
            format!("{PASSPHRASE}\n{PASSPHRASE}\n")
        };
        let out = denkcoach(data.path(), &["beveilig"], &input);
        assert!(out.status.success(), "run {run}: {out:?}");
        every_file_opens(data.path(), &originals);
        no_half_written_files(data.path());
        for n in 0..20 {
            assert!(
                files_containing(data.path(), &typed(n)).is_empty(),
                "run {run}"
            );
        }
    }
    // The kills did land during the conversion, not only before or after.
    assert!(killed_midway > 0, "no kill landed half-way");
}

#[test]
fn autosave_and_the_journal_are_encrypted_and_a_killed_session_comes_back() {
    let data = tempfile::tempdir().expect("tempdir");
    folder_with_twenty(data.path());
    secure(data.path());
    let store = unlocked(data.path());
    let mut record = record_for("JOURNALCLIENT", fixed_now(), "nieuw");
    store.save(&record).expect("snapshot");
    // Typing after the snapshot: only in the journal, as when killed
    // before the next snapshot.
    for (answer, n) in record.answers.values_mut().zip(0..) {
        answer.text = format!("Na de snapshot getypt {n} JOURNALWOORD");
    }
    let journals = Journals::default();
    journals.append(&store, &record, 1).expect("journal");
    assert!(store.journal_path("nieuw").exists());
    for needle in ["JOURNALWOORD", "JOURNALCLIENT"] {
        let found = files_containing(data.path(), needle);
        assert!(found.is_empty(), "{needle} in {found:?}");
    }
    drop(journals);

    // The next start: the journal's newest line wins, and folds in.
    let again = unlocked(data.path());
    assert_eq!(again.load("nieuw").expect("load"), record);
    assert_eq!(again.recover(), vec!["nieuw".to_string()]);
    assert!(!again.journal_path("nieuw").exists());
    assert_eq!(again.load("nieuw").expect("load"), record);
    let bytes = std::fs::read(again.path_of("nieuw")).expect("snapshot");
    assert!(parse(&bytes).is_err(), "the snapshot is not plaintext JSON");
    assert!(files_containing(data.path(), "JOURNALWOORD").is_empty());
}

#[test]
fn an_encrypted_export_reads_back_with_beveilig_lees() {
    let data = tempfile::tempdir().expect("tempdir");
    folder_with_twenty(data.path());
    secure(data.path());
    let out_file = data.path().join("uit.md");
    let out = denkcoach(
        data.path(),
        &[
            "notities",
            "export",
            "--client",
            &code(2),
            "--output",
            out_file.to_str().expect("utf-8"),
        ],
        &format!("{PASSPHRASE}\n"),
    );
    assert!(out.status.success(), "{out:?}");
    let sealed = data.path().join("uit.md.age");
    assert!(sealed.is_file() && !out_file.exists());
    assert!(files_containing(data.path(), &typed(2)).is_empty());
    let out = denkcoach(
        data.path(),
        &["beveilig", "lees", sealed.to_str().expect("utf-8")],
        &format!("{PASSPHRASE}\n"),
    );
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains(&typed(2)));
    // The access file for the client: readable only when asked, and named so.
    let out = denkcoach(
        data.path(),
        &[
            "notities",
            "inzage",
            "--client",
            &code(2),
            "--onversleuteld",
        ],
        &format!("{PASSPHRASE}\n"),
    );
    assert!(out.status.success(), "{out:?}");
    let named: Vec<PathBuf> = files_containing(data.path(), &typed(2));
    assert!(
        !named.is_empty()
            && named
                .iter()
                .all(|p| p.to_string_lossy().contains("onversleuteld")),
        "{named:?}"
    );
}

/// The coach itself, as a volunteer meets it: the passphrase once, before
/// the screen; a thought typed; the process killed before any snapshot;
/// the next start (passphrase again) resumes it – and the folder never
/// holds the thought in plaintext.
#[cfg(unix)]
#[test]
fn the_coach_asks_once_resumes_after_kill_9_and_writes_nothing_readable() {
    use common::pty::Pty;
    const THOUGHT: &str = "Niemand belt mij ooit GEHEIMEGEDACHTE";
    let data = tempfile::tempdir().expect("tempdir");
    folder_with_twenty(data.path());
    secure(data.path());
    let dir = data.path().to_str().expect("utf-8").to_string();
    let env = [CHEAP_SCRYPT];
    let mut pty = Pty::spawn(&["--data-dir", &dir], 80, 24, &env);
    pty.wait_for("Wachtwoordzin van deze datamap");
    pty.text("verkeerd");
    pty.enter();
    // Typed ahead while the wrong one is checked: never shown (dropped, or
    // taken as the next try).
    pty.text("ZICHTBAAR");
    pty.enter();
    pty.wait_for("Nog 2 pogingen");
    pty.text(PASSPHRASE);
    pty.enter();
    pty.wait_for("Gesprek naast een cliënt");
    // No passphrase ever reached the screen.
    let raw = String::from_utf8_lossy(&pty.raw()).into_owned();
    assert!(
        !raw.contains(PASSPHRASE) && !raw.contains("ZICHTBAAR"),
        "{raw}"
    );
    pty.enter();
    pty.wait_for("Cliëntcode");
    pty.text("PTYCLIENT");
    pty.enter();
    pty.wait_for("Van mens tot mens");
    pty.enter();
    pty.wait_for("Wat er gebeurde");
    pty.enter();
    pty.wait_for("De gedachte");
    pty.text(THOUGHT);
    pty.wait_for("GEHEIMEGEDACHTE");
    let pid = pty.pid().expect("pid").to_string();
    let killed = Command::new("kill")
        .args(["-KILL", &pid])
        .status()
        .expect("kill");
    assert!(killed.success());
    drop(pty);
    for needle in ["GEHEIMEGEDACHTE", "PTYCLIENT"] {
        let found = files_containing(data.path(), needle);
        assert!(found.is_empty(), "{needle} in plaintext in {found:?}");
    }

    let mut pty = Pty::spawn(&["--data-dir", &dir], 80, 24, &env);
    pty.wait_for("Wachtwoordzin van deze datamap");
    pty.text(PASSPHRASE);
    pty.enter();
    pty.wait_for("Ga verder met de sessie van");
    pty.enter();
    pty.wait_for("GEHEIMEGEDACHTE");
    pty.quit();
    pty.wait_for("Stoppen?");
    pty.enter();
    assert!(pty.wait_exit());
    assert!(files_containing(data.path(), "GEHEIMEGEDACHTE").is_empty());
    let store = unlocked(data.path());
    let thoughts: Vec<String> = store
        .list()
        .expect("list")
        .sessions
        .iter()
        .filter_map(|s| store.load(&s.id).ok()?.thought)
        .collect();
    assert!(thoughts.iter().any(|t| t == THOUGHT), "{thoughts:?}");

    // Ctrl+C at the question cancels it, like Esc: the coach stops and
    // says why, and nothing is opened.
    let mut pty = Pty::spawn(&["--data-dir", &dir], 80, 24, &env);
    pty.wait_for("Wachtwoordzin van deze datamap");
    pty.send(b"\x03");
    pty.wait_for("Geen wachtwoordzin gekregen");
    assert!(!pty.wait_exit(), "a stop without success");
}

#[test]
fn a_new_passphrase_that_is_too_short_or_mistyped_is_asked_again_and_never_half_set() {
    let data = tempfile::tempdir().expect("tempdir");
    folder_with_twenty(data.path());
    let before = folder_contents(data.path());
    // Three failures: nothing changes, no key file.
    let out = denkcoach(
        data.path(),
        &["beveilig"],
        "kort\nlang genoeg 1\nlang genoeg 2\nkort\n",
    );
    assert!(!out.status.success(), "{out:?}");
    assert!(!Seal::required(data.path()));
    assert_eq!(folder_contents(data.path()), before);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("Minstens 8 tekens") && said.contains("niet gelijk"),
        "{said}"
    );
    // Too short once, then right.
    let input = format!("kort\n{PASSPHRASE}\n{PASSPHRASE}\n");
    let out = denkcoach(data.path(), &["beveilig"], &input);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(history(&unlocked(data.path())).len(), 19);
}

/// A window that opened the folder before `beveilig` (another window)
/// keeps writing – encrypted, with the folder's public half – and what it
/// wrote opens with the passphrase.
#[test]
fn a_window_opened_before_beveilig_writes_encrypted_and_loses_nothing() {
    let data = tempfile::tempdir().expect("tempdir");
    folder_with_twenty(data.path());
    let stale = Store::open(data.path()).expect("opened before");
    secure(data.path());
    let mut record = record_for("STALECLIENT", fixed_now(), "laat");
    record.thought = Some("STALEWOORD".to_string());
    stale.save(&record).expect("saved, encrypted");
    let journals = Journals::default();
    journals
        .append(&stale, &record, 1)
        .expect("journal, encrypted");
    for needle in ["STALEWOORD", "STALECLIENT"] {
        let found = files_containing(data.path(), needle);
        assert!(found.is_empty(), "{needle} in plaintext in {found:?}");
    }
    drop(journals);
    assert_eq!(unlocked(data.path()).load("laat").expect("opens"), record);
}

#[test]
fn beveilig_uit_keeps_the_key_while_a_file_is_still_encrypted() {
    let data = tempfile::tempdir().expect("tempdir");
    folder_with_twenty(data.path());
    secure(data.path());
    // A session cut short: no key opens it any more.
    let damaged = data.path().join("sessies/sessie-04.json");
    let bytes = std::fs::read(&damaged).expect("read");
    std::fs::write(&damaged, &bytes[..bytes.len() - 5]).expect("truncate");
    let out = denkcoach(
        data.path(),
        &["beveilig", "uit"],
        &format!("{PASSPHRASE}\nUIT\n"),
    );
    assert!(!out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("sessie-04.json") && said.contains("blijft"),
        "{said}"
    );
    let told = String::from_utf8_lossy(&out.stdout);
    assert!(!told.contains("niet meer versleuteld"), "{told}");
    assert!(Seal::required(data.path()), "the key stays");
    // The others are readable without it.
    let plain = std::fs::read(data.path().join("sessies/sessie-05.json")).expect("read");
    assert!(parse(&plain).is_ok());
}

#[test]
fn a_lost_key_file_is_named_and_no_new_key_is_made_over_encrypted_notes() {
    let data = tempfile::tempdir().expect("tempdir");
    folder_with_twenty(data.path());
    secure(data.path());
    std::fs::remove_file(data.path().join("sleutel.age")).expect("lose the key");
    let before = folder_contents(data.path());
    for args in [
        vec!["privacy"],
        vec!["--eenvoudig"],
        vec!["beveilig"],
        vec!["beveilig", "uit"],
        vec!["beveilig", "wijzig"],
    ] {
        let out = denkcoach(data.path(), &args, &format!("{PASSPHRASE}\n{PASSPHRASE}\n"));
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("sleutel.age ontbreekt"), "{args:?}: {said}");
        assert_eq!(folder_contents(data.path()), before, "{args:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_key_file_that_is_a_fifo_is_refused_not_waited_on() {
    let data = tempfile::tempdir().expect("tempdir");
    folder_with_twenty(data.path());
    secure(data.path());
    let key = data.path().join("sleutel.age");
    std::fs::remove_file(&key).expect("remove");
    let made = Command::new("mkfifo").arg(&key).status().expect("mkfifo");
    assert!(made.success());
    let mut child = started(data.path(), &["privacy"], &format!("{PASSPHRASE}\n"));
    assert!(
        common::finishes_within(&mut child, 10),
        "waited on the FIFO"
    );
    assert!(!child.wait().expect("status").success());
}

#[test]
fn encrypted_exports_name_no_client_and_readable_ones_stay_readable() {
    let data = tempfile::tempdir().expect("tempdir");
    folder_with_twenty(data.path());
    secure(data.path());
    let pass = format!("{PASSPHRASE}\n");
    let out = denkcoach(
        data.path(),
        &["notities", "inzage", "--client", &code(6)],
        &pass,
    );
    assert!(out.status.success(), "{out:?}");
    let out = denkcoach(
        data.path(),
        &[
            "notities",
            "inzage",
            "--client",
            &code(7),
            "--onversleuteld",
        ],
        &pass,
    );
    assert!(out.status.success(), "{out:?}");
    let names: Vec<String> = std::fs::read_dir(data.path().join("export"))
        .expect("export")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains(&code(6))), "{names:?}");
    assert!(
        names
            .iter()
            .any(|n| n.contains(&code(7)) && n.ends_with("onversleuteld.html"))
    );
    // Running beveilig again finishes nothing it should leave alone.
    let out = denkcoach(data.path(), &["beveilig"], &pass);
    assert!(out.status.success(), "{out:?}");
    assert!(
        !files_containing(data.path(), &typed(7)).is_empty(),
        "the handout stays readable"
    );
    // And the index, encrypted line by line, reads back with `lees`.
    let index = data.path().join("sessies/index.tsv");
    let out = denkcoach(
        data.path(),
        &["beveilig", "lees", index.to_str().expect("utf-8")],
        &pass,
    );
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains(&code(8)));
}

/// A window unlocked before `beveilig uit` (another window) writes
/// plaintext from then on: a file for the key just removed could never be
/// opened again.
#[test]
fn a_window_unlocked_before_beveilig_uit_writes_what_can_be_read() {
    let data = tempfile::tempdir().expect("tempdir");
    folder_with_twenty(data.path());
    secure(data.path());
    let open = unlocked(data.path());
    let out = denkcoach(
        data.path(),
        &["beveilig", "uit"],
        &format!("{PASSPHRASE}\nUIT\n"),
    );
    assert!(out.status.success(), "{out:?}");
    let record = record_for("NAUITCLIENT", fixed_now(), "na-uit");
    open.save(&record).expect("saved");
    let bytes = std::fs::read(open.path_of("na-uit")).expect("read");
    assert_eq!(parse(&bytes).expect("plaintext JSON"), record);
}
