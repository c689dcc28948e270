//! Nothing raw reaches a terminal: a pack and a note holding escape
//! sequences (a window title, a screen clear) go through every output
//! outside the full-screen view – plain mode, an export to standard output,
//! the content check – and not one ESC or BEL byte comes out.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

use common::{fixed_now, record_for};
use denkcoach::notes::Store;

const TITLE: &str = "\u{1b}]0;x\u{7}";
const CLEAR: &str = "\u{1b}[2J";

/// The built-in basishouding file with escape sequences in a step's title
/// (or, with `in_id`, in the name of a key it does not know), as a content
/// override folder.
fn pack_with_escapes(dir: &Path, in_id: bool) {
    let original = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/nl/fasen/basishouding.toml"
    ))
    .expect("built-in file");
    let changed = if in_id {
        // A key the program does not know, which the check names.
        original.replacen(
            "id = \"van-mens-tot-mens\"",
            "id = \"van-mens-tot-mens\"\n\"sleutel\\u001b]0;x\\u0007\\u001b[2J\" = 1",
            1,
        )
    } else {
        original.replacen(
            "titel = \"Voor je begint\"",
            "titel = \"Voor je \\u001b]0;x\\u0007begint\\u001b[2J\"",
            1,
        )
    };
    assert_ne!(changed, original, "the file still has that line");
    std::fs::create_dir_all(dir.join("fasen")).expect("folder");
    std::fs::write(dir.join("fasen/basishouding.toml"), changed).expect("write");
}

fn assert_clean(out: &Output) {
    for (name, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        assert!(
            !bytes.iter().any(|b| *b == 0x1b || *b == 0x07),
            "{name} holds an escape: {}",
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn plain_mode_prints_pack_text_and_typed_text_without_escapes() {
    let pack = tempfile::tempdir().expect("tempdir");
    let data = tempfile::tempdir().expect("tempdir");
    pack_with_escapes(pack.path(), false);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_denkcoach"))
        .args(["--plain", "--inhoud"])
        .arg(pack.path())
        .arg("--data-dir")
        .arg(data.path())
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let answers = format!("1\nK7\n\nNiemand{TITLE} belt{CLEAR} mij.\n");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(answers.as_bytes()).expect("answers");
    drop(stdin);
    let out = child.wait_with_output().expect("output");
    assert_clean(&out);
    let text = String::from_utf8_lossy(&out.stdout);
    // The text is there, only its escapes are gone.
    assert!(text.contains("Voor je ]0;xbegint[2J"), "{text}");
    // What was typed is saved without them too.
    let saved = std::fs::read_dir(data.path().join("sessies"))
        .expect("sessions")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "json"))
        .expect("a session file");
    let saved = std::fs::read_to_string(saved).expect("read");
    assert!(saved.contains("Niemand]0;x belt[2J mij."), "{saved}");
}

#[test]
fn an_export_to_standard_output_prints_a_note_without_escapes() {
    let data = tempfile::tempdir().expect("tempdir");
    let store = Store::open(data.path()).expect("store");
    let mut record = record_for("K7", fixed_now(), "s1");
    record.thought = Some(format!("Niemand{TITLE} belt{CLEAR} mij."));
    store.save(&record).expect("save");
    for format in ["md", "html", "json"] {
        let out = common::denkcoach_cli(
            &["notities", "export", "--format", format],
            &[("DENKCOACH_DATA_DIR", data.path())],
        );
        assert!(out.status.success(), "{format}: {out:?}");
        assert_clean(&out);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Niemand"), "{format}: {text}");
    }
}

#[test]
fn the_content_check_quotes_a_bad_key_without_its_escapes() {
    let pack = tempfile::tempdir().expect("tempdir");
    pack_with_escapes(pack.path(), true);
    let folder = pack.path().to_str().expect("utf-8");
    let out = common::denkcoach_cli(&["inhoud", "controleer", folder], &[]);
    assert_clean(&out);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.status.success(), "{said}");
    assert!(said.contains("sleutel]0;x[2J"), "the key is quoted: {said}");
}

/// The pocket card is printed and shown with `cat`: a pack's escape
/// sequences never reach its files.
#[test]
fn the_pocket_card_of_a_pack_with_escapes_holds_none() {
    let pack = tempfile::tempdir().expect("tempdir");
    let out_dir = tempfile::tempdir().expect("tempdir");
    let original = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/nl/fasen/basishouding.toml"
    ))
    .expect("built-in file");
    let changed = original.replacen(
        "\"Van mens tot mens\"",
        "\"Van mens\\u001b]0;x\\u0007 tot\\u001b[2J mens\"",
        1,
    );
    assert_ne!(changed, original, "the file still has that line");
    std::fs::create_dir_all(pack.path().join("fasen")).expect("folder");
    std::fs::write(pack.path().join("fasen/basishouding.toml"), changed).expect("write");
    let out = common::denkcoach_cli(
        &[
            "--inhoud",
            pack.path().to_str().expect("utf-8"),
            "inhoud",
            "kaart",
            "--uit",
            out_dir.path().to_str().expect("utf-8"),
        ],
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_clean(&out);
    for name in ["zakkaart-nl.md", "zakkaart-nl.html"] {
        let bytes = std::fs::read(out_dir.path().join(name)).expect("the card");
        assert!(
            !bytes.iter().any(|b| *b == 0x1b || *b == 0x07),
            "{name} holds an escape"
        );
        assert!(
            String::from_utf8_lossy(&bytes).contains("Van mens]0;x tot[2J mens"),
            "{name}"
        );
    }
}
