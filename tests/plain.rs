//! Plain mode as a screen-reader user has it: every part of the coach line
//! by line from the start menu, `:terug` one step back, notes of several
//! lines, and input piped from a file.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Plain mode with `answers` piped in, to the end of the input.
fn plain(data: &Path, args: &[&str], answers: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_denkcoach"))
        .args(["--eenvoudig", "--data-dir"])
        .arg(data)
        .args(args)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env("DENKCOACH_CONFIG_DIR", data.join("config"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn denkcoach");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(answers.as_bytes()).expect("answers");
    drop(stdin);
    child.wait_with_output().expect("output")
}

fn text(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn saved(folder: &Path) -> Vec<serde_json::Value> {
    let Ok(entries) = std::fs::read_dir(folder.join("sessies")) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| serde_json::from_slice(&std::fs::read(p).expect("read")).expect("json"))
        .collect()
}

/// A whole conversation from the start menu: a thought of two lines,
/// `:terug` from the feeling to the thought, the thought typed anew.
#[test]
fn a_whole_conversation_with_one_step_back_is_saved_as_typed() {
    let data = tempfile::tempdir().expect("tempdir");
    let answers = "1\nK7\n1 2 3\nOp de markt.\n.\n\n\
        Niemand belt mij ooit.\nZelfs mijn zus niet.\n.\nZe kijkt weg.\n.\n\
        :terug\nNiemand belt mij nooit.\nZelfs mijn zus niet.\n.\n\n\
        Verdrietig.\n.\n\n1\n1\n80\na\nNee.\n.\n\nBoos.\n.\n\nLichter.\n.\n\n\n\n\n\n\n\n\
        Eigenlijk niet.\n.\n\n45\nHij had het druk.\n.\n\nZaterdag bellen.\n.\nZe leek opgelucht.\n.\n";
    let out = plain(data.path(), &[], answers);
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains(":terug") && said.contains(":stop"),
        "the commands are listed: {said}"
    );
    assert!(
        said.contains("Nu: Niemand belt mij ooit.\nZelfs mijn zus niet."),
        "{said}"
    );
    let [s] = saved(data.path()).try_into().expect("one session");
    assert_eq!(
        s["thought"],
        "Niemand belt mij nooit.\nZelfs mijn zus niet."
    );
    // Going back kept what was typed on the way.
    assert_eq!(s["answers"]["gedachte"]["impression"], "Ze kijkt weg.");
    assert_eq!(s["answers"]["situatie"]["text"], "Op de markt.");
    assert_eq!(s["answers"]["gevoel"]["text"], "Verdrietig.");
    assert_eq!(s["belief_before"], 80);
    assert_eq!(s["belief_after"], 45);
    assert_eq!(s["next_step"], "Zaterdag bellen.");
    assert!(s["finished_at"].is_string(), "{s}");
}

/// `:stop` saves; the next start with the same code offers to carry on,
/// and carrying on ends in the same file.
#[test]
fn stop_saves_and_the_same_code_carries_on_next_time() {
    let data = tempfile::tempdir().expect("tempdir");
    let out = plain(
        data.path(),
        &["gesprek"],
        "K3\n\n\n\nNiemand ziet me.\n.\n\n:stop\n",
    );
    assert!(out.status.success());
    assert!(text(&out).contains("Gestopt"), "{}", text(&out));
    let out = plain(data.path(), &["gesprek"], "K3\nj\nAlleen.\n.\n");
    let said = text(&out);
    assert!(said.contains("onafgemaakt gesprek met K3"), "{said}");
    let [s] = saved(data.path()).try_into().expect("still one session");
    assert_eq!(s["thought"], "Niemand ziet me.");
    assert_eq!(s["answers"]["gevoel"]["text"], "Alleen.");
}

/// An exercise from the practice menu, with one step back; saved with the
/// practice notes, never among the clients'.
#[test]
fn a_practice_exercise_with_one_step_back_is_saved_with_the_practice_notes() {
    let data = tempfile::tempdir().expect("tempdir");
    let answers = "2\n3\nZondag om vier uur.\n.\n\n:terug\n\n\n\
        Op dit moment denk ik aan geld.\n.\nMijn notitie.\n.\nWandelen.\n.\n\n";
    let out = plain(data.path(), &[], answers);
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("Nu: Zondag om vier uur."), "{said}");
    assert!(
        !said.contains("Tip:"),
        "no volunteer's tips when alone: {said}"
    );
    assert!(saved(data.path()).is_empty(), "not among the clients'");
    let [s] = saved(&data.path().join("oefenen"))
        .try_into()
        .expect("one exercise");
    assert_eq!(s["exercise"], "piekerkwartier-plannen");
    assert_eq!(
        s["answers"]["kwartier-wanneer"]["text"],
        "Zondag om vier uur."
    );
    assert_eq!(s["answers"]["kwartier-stop"]["impression"], "Mijn notitie.");
    assert_eq!(s["answers"]["kwartier-aandacht"]["text"], "Wandelen.");
    assert!(s["finished_at"].is_string(), "{s}");
}

/// The notes: listed, one opened and read back, `:terug` to the list, and
/// exported as Markdown to a file of the user's choice.
#[test]
fn notes_are_listed_read_back_and_exported_with_one_step_back() {
    let data = tempfile::tempdir().expect("tempdir");
    let out = plain(data.path(), &["gesprek"], "K5\n\n\n\nNiemand mist me.\n.\n");
    assert!(out.status.success());
    let file = data.path().join("verslag.md");
    let answers = format!("3\n1\n:terug\n1\n{}\n:stop\n", file.display());
    let out = plain(data.path(), &[], &answers);
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("Gesprekken (1)") && said.contains("K5"),
        "{said}"
    );
    assert!(said.contains("“Niemand mist me.”"), "read back: {said}");
    let markdown = std::fs::read_to_string(&file).expect("the export");
    assert!(
        markdown.contains("K5") && markdown.contains("Niemand mist me."),
        "{markdown}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "private to the user");
    }
}

/// The brochure's content, a chapter at a time; nothing is saved.
#[test]
fn the_content_reads_chapter_by_chapter_and_saves_nothing() {
    let data = tempfile::tempdir().expect("tempdir");
    let out = plain(data.path(), &["demo"], "5\n:stop\n");
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("5. Valkuilen") && said.contains("Te snel willen gaan"),
        "{said}"
    );
    assert!(saved(data.path()).is_empty());
}

/// TERM=dumb in a real terminal: plain mode by itself, and it says so.
#[cfg(unix)]
#[test]
fn term_dumb_starts_plain_mode_by_itself() {
    let data = tempfile::tempdir().expect("tempdir");
    let data_arg = data.path().to_str().expect("utf-8");
    let mut pty = common::pty::Pty::spawn(&["--data-dir", data_arg], 100, 30, &[("TERM", "dumb")]);
    pty.wait_for("eenvoudige modus");
    pty.wait_for("Wat wil je doen?");
    assert!(
        !String::from_utf8_lossy(&pty.raw()).contains("\u{1b}[?1049h"),
        "the full screen was not taken"
    );
    pty.text(":stop");
    pty.enter();
    assert!(pty.wait_exit());
}

/// Every line of a note is on disk as soon as it is typed: killed in the
/// middle of a note, nothing that reached the screen is lost.
#[test]
fn a_note_killed_halfway_keeps_every_line_typed() {
    let data = tempfile::tempdir().expect("tempdir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_denkcoach"))
        .args(["--eenvoudig", "--data-dir"])
        .arg(data.path())
        .arg("gesprek")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env("DENKCOACH_CONFIG_DIR", data.path().join("config"))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn denkcoach");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all("K7\n\n\n\nNiemand belt.\nOok mijn zus niet.\n".as_bytes())
        .expect("type");
    stdin.flush().expect("flush");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let typed = loop {
        let found = saved(data.path())
            .into_iter()
            .find(|s| s["thought"] == "Niemand belt.\nOok mijn zus niet.");
        if let Some(found) = found {
            break found;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the second line was never saved"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    child.kill().expect("kill");
    let _ = child.wait();
    assert_eq!(typed["client_code"], "K7");
}

/// `:terug` on the first question of a conversation or of practising goes
/// back to the menu; a question about an open session not answered
/// begins no new one.
#[test]
fn back_from_the_first_question_is_the_menu_and_an_unanswered_offer_begins_nothing() {
    let data = tempfile::tempdir().expect("tempdir");
    let out = plain(data.path(), &[], "1\n:terug\n2\n:terug\n4\n:stop\n");
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    assert_eq!(said.matches("Wat wil je doen?").count(), 3, "{said}");
    assert!(said.contains("De inhoud – kies een hoofdstuk"), "{said}");

    let out = plain(
        data.path(),
        &["gesprek"],
        "K3\n\n\n\nNiemand ziet me.\n.\n\n:stop\n",
    );
    assert!(out.status.success());
    for answer in [":stop\n", ":terug\n", ""] {
        let out = plain(data.path(), &["gesprek"], &format!("K3\n{answer}"));
        assert!(
            text(&out).contains("onafgemaakt gesprek met K3"),
            "{}",
            text(&out)
        );
    }
    assert_eq!(
        saved(data.path()).len(),
        1,
        "no session begun by an unanswered offer"
    );
}

/// A code that looks like a name is said to be one, and asked again unless
/// it is meant.
#[test]
fn a_name_as_client_code_is_questioned() {
    let data = tempfile::tempdir().expect("tempdir");
    let out = plain(data.path(), &["gesprek"], "Jan Jansen\nn\nK4\n:stop\n");
    let said = text(&out);
    assert!(said.contains("Dit lijkt op een naam"), "{said}");
    let [s] = saved(data.path()).try_into().expect("one session");
    assert_eq!(s["client_code"], "K4");
}

/// An export never writes over a file that is there.
#[test]
fn an_export_never_writes_over_a_file_of_the_user() {
    let data = tempfile::tempdir().expect("tempdir");
    let out = plain(data.path(), &["gesprek"], "K5\n\n\n\nNiemand mist me.\n.\n");
    assert!(out.status.success());
    let mine = data.path().join("mijn-brief.txt");
    std::fs::write(&mine, "van mij").expect("write");
    let other = data.path().join("verslag.md");
    let answers = format!("1\n{}\n{}\n:stop\n", mine.display(), other.display());
    let out = plain(data.path(), &["notities"], &answers);
    let said = text(&out);
    assert!(said.contains("bestaat al"), "{said}");
    assert_eq!(std::fs::read_to_string(&mine).expect("read"), "van mij");
    assert!(
        std::fs::read_to_string(&other)
            .expect("the export")
            .contains("Niemand mist me.")
    );
}
