//! The real binary in a pseudo-terminal, driven by keys alone, as a
//! volunteer would: the saved note must hold exactly what was typed.
// Pseudo-terminals, signals and Unix permissions: these run on Unix.
#![cfg(unix)]

mod common;

use common::pty::{Pty, only_session};

const SITUATION: &str = "Op de markt groette de buurman niet terug.";
const THOUGHT: &str = "Niemand belt mij ooit – zelfs mijn zus niet. Ça va? 😔";

#[test]
fn a_whole_session_through_route_a_is_saved_exactly() {
    let data = tempfile::tempdir().expect("tempdir");
    let data_arg = data.path().to_str().expect("utf-8 temp path");
    let mut pty = Pty::spawn(&["--data-dir", data_arg], 100, 30, &[]);
    pty.wait_for("Gesprek naast een cliënt");
    pty.enter();
    pty.wait_for("Cliëntcode");
    pty.text("K7");
    pty.enter();

    pty.wait_for("Van mens tot mens");
    for _ in 0..3 {
        pty.text(" ");
        pty.send(b"\x1b[B"); // Down
    }
    pty.enter();

    pty.wait_for("Wat er gebeurde");
    pty.text(SITUATION);
    pty.enter();

    pty.wait_for("De gedachte");
    pty.text(THOUGHT);
    pty.enter();

    pty.wait_for("Welk gevoel");
    pty.enter();

    pty.wait_for("Welk patroon");
    pty.text(" ");
    pty.enter();
    pty.wait_for("in mijn eigen woorden terug");
    pty.text(" ");
    pty.enter();
    pty.wait_for("Hoe sterk geloof je deze gedachte");
    pty.text("80");
    pty.enter();

    pty.wait_for("Welke route past nu?");
    pty.send(b"\x1b[B"); // Down: route a
    pty.enter();
    let answers = [
        ("is-het-waar", "Nee, zeker weten doe ik het niet."),
        (
            "als-je-het-gelooft",
            "Dan blijf ik thuis\nen word ik somber.",
        ),
        ("zonder-de-gedachte", "Lichter."),
        ("positieve-kant", "Misschien hebben ze het gewoon druk."),
        ("ander-perspectief", "Mijn kleinzoon zou zeggen: bel zelf!"),
        ("rollen-omgedraaid", "Dan zou ik niet boos zijn."),
        ("genoeg-reden", "Eigenlijk niet."),
    ];
    for (i, (_, answer)) in answers.iter().enumerate() {
        pty.wait_for(&format!("stap {} van 7", i + 1));
        for (n, line) in answer.split('\n').enumerate() {
            if n > 0 {
                pty.new_line();
            }
            pty.text(line);
        }
        pty.enter();
    }

    pty.wait_for("Zullen we even terugkijken");
    pty.enter();
    pty.wait_for("Hoe sterk geloof je de gedachte nu");
    pty.text("45");
    pty.enter();
    pty.wait_for("Een helpende gedachte");
    pty.text("Hij had me misschien niet gezien.");
    pty.enter();
    pty.wait_for("volgende kleine stap");
    pty.text("Zaterdag de buurvrouw groeten.");
    pty.enter();
    pty.wait_for("De sessie is afgerond en bewaard.");
    pty.quit();
    assert!(pty.wait_exit(), "denkcoach exits with success");

    let note = only_session(data.path());
    assert_eq!(note["client_code"], "K7");
    assert_eq!(note["thought"], THOUGHT);
    assert_eq!(note["answers"]["gedachte"]["text"], THOUGHT);
    assert_eq!(note["answers"]["situatie"]["text"], SITUATION);
    assert_eq!(
        note["answers"]["helpende-gedachte"]["text"],
        "Hij had me misschien niet gezien."
    );
    // The feeling left empty is recorded as not given.
    assert!(
        note["answers"]["gevoel"]["text"]
            .as_str()
            .is_none_or(str::is_empty),
        "{note}"
    );
    assert_eq!(note["belief_before"], 80);
    assert_eq!(note["belief_after"], 45);
    assert_eq!(note["routes"], serde_json::json!(["uitdagen"]));
    assert_eq!(note["next_step"], "Zaterdag de buurvrouw groeten.");
    assert_eq!(note["recognised"], "ja");
    assert!(note["finished_at"].is_string(), "finished: {note}");
    for (step, answer) in answers {
        assert_eq!(note["answers"][step]["text"], answer, "answer of {step}");
    }

    common::pty::assert_terminal_restored(&pty.raw());
}

#[test]
fn quitting_mid_session_asks_first_and_keeps_the_note() {
    let data = tempfile::tempdir().expect("tempdir");
    let data_arg = data.path().to_str().expect("utf-8 temp path");
    let mut pty = Pty::spawn(&["--data-dir", data_arg], 80, 24, &[]);
    pty.start_typing();
    pty.text("Ik hoor er niet bij.");
    pty.quit();
    pty.wait_for("Stoppen?");
    pty.esc();
    pty.wait_for("Ik hoor er niet bij.");
    assert!(
        !pty.screen().contains("Stoppen?"),
        "Esc closes the question"
    );
    pty.quit();
    pty.wait_for("Stoppen?");
    pty.enter();
    assert!(pty.wait_exit());

    let note = only_session(data.path());
    assert_eq!(note["thought"], "Ik hoor er niet bij.");
    assert!(
        note["finished_at"].is_null(),
        "an unfinished session stays resumable"
    );
    assert_eq!(note["place"]["step"], "gedachte");
}

#[test]
fn english_is_chosen_by_flag_or_locale() {
    let data = tempfile::tempdir().expect("tempdir");
    let data_arg = data.path().to_str().expect("utf-8 temp path");
    let mut pty = Pty::spawn(&["--data-dir", data_arg, "--lang", "en"], 80, 24, &[]);
    pty.wait_for("Conversation alongside a client");
    pty.enter();
    pty.wait_for("Client code");
    pty.enter();
    pty.wait_for("Basic attitude");
    pty.send(b"\x11"); // Ctrl+Q
    pty.wait_for("Quit?");
    pty.enter();
    assert!(pty.wait_exit());

    let fresh = tempfile::tempdir().expect("tempdir");
    let fresh_arg = fresh.path().to_str().expect("utf-8 temp path");
    let mut pty = Pty::spawn(
        &["--data-dir", fresh_arg],
        80,
        24,
        &[("LANG", "en_GB.UTF-8")],
    );
    pty.wait_for("Conversation alongside a client");
    pty.enter();
    pty.wait_for("Client code");
    pty.esc();
    pty.wait_for("View notes");
    pty.quit();
    assert!(pty.wait_exit());
}

/// A broken pack stops the program with the messages, before the screen is
/// taken: no alternate screen, no raw mode.
#[test]
fn a_broken_pack_is_reported_before_the_screen_is_taken() {
    let data = tempfile::tempdir().expect("tempdir");
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/invalid/unknown-key"
    );
    let data_arg = data.path().to_str().expect("utf-8 temp path");
    let mut pty = Pty::spawn(&["--data-dir", data_arg, "--inhoud", fixture], 80, 24, &[]);
    pty.wait_for("bedoel je ‘vraag’?");
    assert!(!pty.wait_exit(), "exits with failure");
    let raw = pty.raw();
    assert!(
        !raw.windows(8).any(|w| w == b"\x1b[?1049h"),
        "the alternate screen was never entered"
    );
    assert!(
        pty.screen()
            .contains("unknown-key/routes/uitdagen.toml:13:1:"),
        "{}",
        pty.screen()
    );
}
