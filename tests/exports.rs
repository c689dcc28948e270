//! Exports take exactly what was chosen: the highlighted session, or all
//! of one client's – never the list, never two clients on a client sheet.

mod common;

use std::path::Path;
use std::process::Output;

use common::{ctrl, fixed_now, press, record_for};
use crossterm::event::KeyCode;
use denkcoach::app::StartAt;
use denkcoach::notes::Store;

/// Three sessions of two clients, newest first in the list: s2 (K1),
/// s1 (K2), s0 (K1).
fn three_sessions(dir: &Path) -> Store {
    let store = Store::open(dir).expect("store");
    for (i, code) in ["K1", "K2", "K1"].iter().enumerate() {
        let started = fixed_now() + chrono::Duration::hours(i64::try_from(i).expect("small"));
        store
            .save(&record_for(code, started, &format!("s{i}")))
            .expect("save");
    }
    store
}

/// The Markdown files written (each export writes an HTML page beside it).
fn exported(dir: &Path) -> Vec<String> {
    let mut texts: Vec<(String, String)> = std::fs::read_dir(dir.join("export"))
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
                .map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    (name, std::fs::read_to_string(e.path()).expect("read"))
                })
                .collect()
        })
        .unwrap_or_default();
    texts.sort();
    texts.into_iter().map(|(_, text)| text).collect()
}

fn thoughts_in(text: &str) -> Vec<&'static str> {
    ["in s0", "in s1", "in s2"]
        .into_iter()
        .filter(|t| text.contains(t))
        .collect()
}

#[test]
fn an_export_takes_the_highlighted_session_or_all_of_its_client() {
    let dir = tempfile::tempdir().expect("tempdir");
    three_sessions(dir.path());
    let mut app = common::app_starting(dir.path(), StartAt::History);
    // The cursor on the middle one (K2): the report holds it alone.
    press(&mut app, KeyCode::Down);
    ctrl(&mut app, 'e');
    let screen = common::screen_text(&app, 80, 24);
    assert!(screen.contains("deze sessie van"), "{screen}");
    assert!(!screen.contains("alle"), "K2 has one session: {screen}");
    press(&mut app, KeyCode::Enter);
    let files = exported(dir.path());
    assert_eq!(files.len(), 1);
    assert_eq!(thoughts_in(&files[0]), ["in s1"]);
    let screen = common::screen_text(&app, 80, 24);
    assert!(screen.contains("1 sessie geëxporteerd"), "{screen}");

    // On s0 (K1), → offers both of K1's; the client sheet holds those two.
    press(&mut app, KeyCode::Down);
    ctrl(&mut app, 'e');
    press(&mut app, KeyCode::Right);
    let screen = common::screen_text(&app, 80, 24);
    assert!(screen.contains("alle 2 sessies van cliënt K1"), "{screen}");
    press(&mut app, KeyCode::Down); // for the client
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc); // not open it now
    let files = exported(dir.path());
    let sheet = files
        .iter()
        .find(|t| t.contains("Wat we samen bespraken"))
        .expect("a client sheet");
    assert_eq!(thoughts_in(sheet), ["in s0", "in s2"]);
    let html = std::fs::read_dir(dir.path().join("export"))
        .expect("exports")
        .flatten()
        .find(|e| {
            e.file_name()
                .to_string_lossy()
                .ends_with("voor-client.html")
        })
        .expect("the page to print");
    let html = std::fs::read_to_string(html.path()).expect("read");
    assert_eq!(thoughts_in(&html), ["in s0", "in s2"]);
    assert!(!sheet.contains("K2"));
}

fn denkcoach(data: &Path, args: &[&str]) -> Output {
    common::denkcoach_cli(args, &[("DENKCOACH_DATA_DIR", data)])
}

#[test]
fn a_client_sheet_from_the_command_line_needs_one_client_or_one_session() {
    let dir = tempfile::tempdir().expect("tempdir");
    three_sessions(dir.path());
    let out = denkcoach(dir.path(), &["notities", "export", "--voor-client"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing of any client is written");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--client") && err.contains("--sessie"),
        "{err}"
    );

    let out = denkcoach(
        dir.path(),
        &["notities", "export", "--voor-client", "--sessie", "s1"],
    );
    assert!(out.status.success());
    assert_eq!(
        thoughts_in(&String::from_utf8_lossy(&out.stdout)),
        ["in s1"]
    );

    let file = dir.path().join("k1.md");
    let out = denkcoach(
        dir.path(),
        &[
            "notities",
            "export",
            "--voor-client",
            "--client",
            "k1",
            "--output",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "--output needs a file");
    let out = denkcoach(
        dir.path(),
        &[
            "notities",
            "export",
            "--voor-client",
            "--client",
            "k1",
            "--output",
            file.to_str().expect("utf-8"),
        ],
    );
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("2 sessies geëxporteerd naar"), "{said}");
    let text = std::fs::read_to_string(&file).expect("written");
    assert_eq!(thoughts_in(&text), ["in s0", "in s2"]);

    let out = denkcoach(dir.path(), &["notities", "export", "--sessie", "s9"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("s9"));
}

/// The index is a cache: a session whose file names another client is not
/// exported for the client the index still names.
#[test]
fn an_export_by_client_goes_by_the_code_in_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = three_sessions(dir.path());
    let path = store.path_of("s2");
    let modified = std::fs::metadata(&path)
        .and_then(|m| m.modified())
        .expect("mtime");
    let text = std::fs::read_to_string(&path).expect("read");
    // Same length, same time: the index cannot tell.
    std::fs::write(&path, text.replace("\"K1\"", "\"K9\"")).expect("write");
    std::fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_modified(modified))
        .expect("set mtime");
    let out = denkcoach(
        dir.path(),
        &["notities", "export", "--voor-client", "--client", "K1"],
    );
    assert!(out.status.success());
    assert_eq!(
        thoughts_in(&String::from_utf8_lossy(&out.stdout)),
        ["in s0"]
    );
}

/// A client code or session that matches nothing writes no page (an empty
/// one would look like a sheet) and says so.
#[test]
fn an_export_of_nothing_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    three_sessions(dir.path());
    let file = dir.path().join("leeg.html");
    let out = denkcoach(
        dir.path(),
        &[
            "notities",
            "export",
            "--voor-client",
            "--client",
            "K9",
            "--format",
            "html",
            "--output",
            file.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(!file.exists());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Geen sessies"));
}

/// The client's words are text on the Markdown sheet, not markup.
#[test]
fn the_markdown_sheet_shows_the_words_as_typed() {
    let pack = common::builtin_pack();
    let mut record = common::record_for("K1", common::fixed_now(), "s");
    let thought = pack
        .step_with_role(denkcoach::content::Role::Thought)
        .expect("a thought step")
        .id
        .clone();
    record.answers.get_mut(&thought).expect("the thought").text =
        "Ik ben <script>x</script> & zo\n# geen kop\n- geen lijst".into();
    let md = denkcoach::notes::export::markdown(
        &[&record],
        &pack,
        denkcoach::notes::export::Audience::Client,
    );
    assert!(
        md.contains("&lt;script&gt;x&lt;/script&gt; &amp; zo"),
        "{md}"
    );
    assert!(
        md.contains("\\# geen kop") && md.contains("\\- geen lijst"),
        "{md}"
    );
    assert!(!md.contains("<script>"));
    // The volunteer's report too, and the volunteer's own impression.
    record
        .answers
        .get_mut(&thought)
        .expect("the thought")
        .impression = "<img src=x onerror=alert(1)>\n# kop".into();
    let report = denkcoach::notes::export::markdown(
        &[&record],
        &pack,
        denkcoach::notes::export::Audience::Volunteer,
    );
    assert!(
        !report.contains("<script") && !report.contains("<img"),
        "{report}"
    );
    assert!(
        report.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{report}"
    );
    assert!(report.contains("\\# kop"), "{report}");
}
