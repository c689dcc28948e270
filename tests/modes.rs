//! The three ways of use: reachable from the command line and the start
//! menu, the demo writes nothing unless asked, and their main screens.

mod common;

#[cfg(unix)]
use common::pty::Pty;
use common::*;
use crossterm::event::KeyCode;
use denkcoach::app::{App, StartAt};
use denkcoach::content::Role;
use denkcoach::ui::menu::Mode;

fn app_at(dir: &std::path::Path, mode: Mode) -> App {
    app_starting(dir, StartAt::Mode(mode))
}

fn snapshot(name: &str, app: &App, width: u16, height: u16, dir: &std::path::Path) {
    let terminal = render(app, width, height);
    let mut settings = insta::Settings::clone_current();
    let shown = dir.display().to_string();
    let pattern: String = shown
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '/' {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect();
    settings.add_filter(&pattern, "[DATA]");
    settings
        .bind(|| insta::assert_snapshot!(format!("{name}_{width}x{height}"), terminal.backend()));
}

/// A trainer shows the spiral, jumps to "Is het waar?" and walks the loser
/// example through route (a): nothing is written.
#[test]
fn a_demo_writes_nothing_unless_the_trainer_asks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_at(dir.path(), Mode::Demo);
    press(&mut app, KeyCode::Enter); // the introduction
    press(&mut app, KeyCode::Enter); // the spiral
    let screen = screen_text(&app, 100, 30);
    assert!(
        screen.contains("Trekt zich verder terug") && screen.contains("──▶"),
        "{screen}"
    );
    ctrl(&mut app, 'n'); // the index of techniques
    type_text(&mut app, "4"); // chapter 4, the routes
    press(&mut app, KeyCode::Enter);
    assert!(screen_text(&app, 100, 30).contains("Is het waar? Kun je helemaal zeker weten"));
    note(&mut app, "Demo-antwoord");
    ctrl(&mut app, 'n');
    // Typing finds a case in the long index.
    type_text(&mut app, "loser");
    let index = screen_text(&app, 100, 30);
    assert!(index.contains("totale loser"), "{index}");
    assert!(
        !index.contains("Is het waar?"),
        "only what matches: {index}"
    );
    press(&mut app, KeyCode::Enter);
    assert!(screen_text(&app, 100, 30).contains("Als ik die baan niet krijg"));
    choose_route(&mut app, 0);
    let mut guard = 0;
    while app.session().is_some_and(|s| !s.is_finished()) {
        note(&mut app, "Een antwoord");
        press(&mut app, KeyCode::Enter);
        guard += 1;
        assert!(guard < 30);
    }
    app.flush();
    let written: Vec<_> = files_under(dir.path())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    assert!(written.is_empty(), "the demo wrote {written:?}");

    // Asked with `w`, it does save.
    let mut app = app_at(dir.path(), Mode::Demo);
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    app.flush();
    assert!(screen_text(&app, 100, 30).contains("wordt bewaard"));
    let saved: Vec<_> = files_under(dir.path())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    assert_eq!(saved.len(), 1);
    // Marked as a demo, and kept with the practice notes: never offered to
    // resume in a conversation.
    assert!(
        saved[0].starts_with(dir.path().join("oefenen")),
        "{saved:?}"
    );
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&saved[0]).expect("read")).expect("json");
    assert_eq!(record["demo"], true);
    assert_eq!(record["mode"], "demo");
    let menu = screen_text(&common::app_in(dir.path()), 100, 30);
    assert!(!menu.contains("Ga verder"), "{menu}");
}

/// Practising alone: the self voice, belief before and after, and the
/// practice notes kept apart with their own history and chart.
#[test]
fn practice_notes_are_kept_apart_with_their_own_history() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_at(dir.path(), Mode::Oefenen);
    press(&mut app, KeyCode::Enter); // own thought
    enter_until(&mut app, Role::Thought);
    let screen = screen_text(&app, 80, 24);
    assert!(
        screen.contains("Welke gedachte over jezelf"),
        "self voice: {screen}"
    );
    note(&mut app, "Niemand mist me.");
    enter_until(&mut app, Role::BeliefBefore);
    type_text(&mut app, "90");
    press(&mut app, KeyCode::Enter);
    choose_route(&mut app, 0);
    assert!(screen_text(&app, 80, 24).contains("Is het waar? Kun je dat zeker weten?"));
    while app.session().is_some_and(|s| {
        s.current_step(&builtin_pack())
            .is_some_and(|st| st.id != "geloof-na")
    }) {
        press(&mut app, KeyCode::Enter);
    }
    type_text(&mut app, "40");
    while app.session().is_some_and(|s| !s.is_finished()) {
        press(&mut app, KeyCode::Enter);
    }
    assert!(app.flush());
    // The closing screen speaks to the person alone, and says where to
    // turn when it gets too much.
    let done = screen_text(&app, 80, 24);
    assert!(done.contains("088 0767 000"), "{done}");
    assert!(!done.contains("de ander"), "{done}");
    let practice = dir.path().join("oefenen/sessies");
    assert!(
        std::fs::read_dir(&practice)
            .expect("practice folder")
            .count()
            >= 1
    );
    let record = std::fs::read_dir(&practice)
        .expect("practice folder")
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "json"))
        .expect("a practice session");
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(record.path()).expect("read")).expect("json");
    assert_eq!(record["mode"], "oefenen");
    let client_notes: Vec<_> = std::fs::read_dir(dir.path().join("sessies"))
        .expect("sessions")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .collect();
    assert!(
        client_notes.is_empty(),
        "practice is not mixed with client notes"
    );
    // Back in the practice menu (the help line there too): its history
    // shows 90 → 40.
    press(&mut app, KeyCode::Enter);
    assert!(screen_text(&app, 80, 24).contains("De Luisterlijn"));
    press(&mut app, KeyCode::End); // Mijn oefeningen
    press(&mut app, KeyCode::Enter);
    let history = screen_text(&app, 80, 24);
    assert!(history.contains("90 → 40"), "{history}");
}

/// A person practising alone closes the day with gratitude, and later finds
/// it under "Mijn oefeningen" by the exercise's name, with the answers.
#[test]
fn my_exercises_are_listed_by_name_with_their_answers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_at(dir.path(), Mode::Oefenen);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter); // De dag afsluiten
    assert!(screen_text(&app, 80, 24).contains("Waar ben je vandaag dankbaar voor?"));
    note(&mut app, "De zon op het balkon en een kop thee.");
    let mut guard = 0;
    while app.session().is_some_and(|s| !s.is_finished()) {
        press(&mut app, KeyCode::Enter);
        guard += 1;
        assert!(guard < 20);
    }
    app.flush();
    press(&mut app, KeyCode::Esc); // the practice menu
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Enter); // Mijn oefeningen
    app.settle();
    let list = screen_text(&app, 80, 24);
    assert!(list.contains("oefening"), "{list}");
    assert!(list.contains("De dag afsluiten"), "{list}");
    assert!(!list.contains("cliënt"), "{list}");
    press(&mut app, KeyCode::Enter);
    app.settle();
    let detail = screen_text(&app, 80, 24);
    assert!(detail.contains("dankbaar"), "{detail}");
    assert!(detail.contains("De zon op het balkon"), "{detail}");
}

/// The reflection is not the thought read out: the volunteer is asked to
/// put it in their own words, with worked examples – for the volunteer
/// only, gone with the tips and when practising alone.
#[test]
fn the_reflection_step_helps_to_reflect_in_own_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_at(dir.path(), Mode::Gesprek);
    type_text(&mut app, "K7");
    press(&mut app, KeyCode::Enter);
    enter_until(&mut app, Role::Thought);
    note(&mut app, "Niemand belt.");
    enter_until(&mut app, Role::Recognised); // the patterns, none chosen
    let screen = screen_text(&app, 100, 30);
    assert!(screen.contains("in mijn eigen woorden"), "{screen}");
    assert!(screen.contains("Gedachte: Niemand belt."), "{screen}");
    assert!(
        !screen.contains("denkt: „Niemand belt.”"),
        "parroted: {screen}"
    );
    assert!(
        screen.contains("Zo kan het: „Niemand belt mij ooit.”"),
        "{screen}"
    );
    ctrl(&mut app, 't');
    let hidden = screen_text(&app, 100, 30);
    assert!(!hidden.contains("Zo kan het"), "{hidden}");
    app.flush();

    let mut app = app_at(dir.path(), Mode::Oefenen);
    press(&mut app, KeyCode::Enter); // own thought
    enter_until(&mut app, Role::Thought);
    note(&mut app, "Niemand mist me.");
    enter_until(&mut app, Role::Recognised);
    ctrl(&mut app, 't'); // tips stay hidden when practising alone
    let alone = screen_text(&app, 100, 30);
    assert!(alone.contains("Herken je deze gedachte?"), "{alone}");
    assert!(!alone.contains("Zo kan het"), "{alone}");
    app.flush();
}

/// The piekerkwartier: a quiet countdown of fifteen minutes while the
/// worries are written, then the question that turns the attention. Each
/// exercise on the menu says in one line why it helps.
#[test]
fn the_piekerkwartier_counts_down_and_ends_on_the_refocus_question() {
    use denkcoach::app::Msg;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_at(dir.path(), Mode::Oefenen);
    let pack = builtin_pack();
    let position = pack
        .exercises
        .iter()
        .position(|p| p.id == "piekerkwartier")
        .expect("the exercise");
    // The thought, the quiz, then the exercises.
    for _ in 0..position + 2 {
        press(&mut app, KeyCode::Down);
    }
    let menu = screen_text(&app, 80, 24);
    assert!(menu.contains("› Piekerkwartier"), "{menu}");
    assert!(
        menu.contains("Een kwartier voor je zorgen"),
        "the why: {menu}"
    );
    press(&mut app, KeyCode::Enter);
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("nog 15 min"), "{screen}");
    note(&mut app, "De huur, en of mijn zoon nog belt.");
    app.send(Msg::Tick(fixed_now() + chrono::Duration::minutes(7)));
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("nog 8 min"), "{screen}");
    assert!(!screen.contains("kwartier is om"), "{screen}");
    app.send(Msg::Tick(fixed_now() + chrono::Duration::minutes(15)));
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("Het kwartier is om"), "{screen}");
    assert!(!screen.contains(" min"), "{screen}");
    assert!(screen.contains("De huur"), "the words stay: {screen}");
    press(&mut app, KeyCode::Enter);
    let next = screen_text(&app, 80, 24);
    assert!(next.contains("maar eigenlijk wil ik denken aan"), "{next}");
    assert!(!next.contains("kwartier is om"), "{next}");
    app.flush();
}

/// A group under its own code: the safe atmosphere, the basic attitude,
/// the thought under discussion, then everyone's perspective – twelve
/// readable at 80 columns, each with its number – in the summary, the
/// read-only view and the export.
#[test]
fn a_group_is_followed_by_its_code_and_every_perspective_is_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = common::app_in(dir.path());
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter); // Groepsgesprek
    let prompt = screen_text(&app, 80, 24);
    assert!(prompt.contains("Groepscode"), "{prompt}");
    type_text(&mut app, "G-dinsdag");
    press(&mut app, KeyCode::Enter);
    // The safe-atmosphere step, turned to the group: no "eenzaam".
    press(&mut app, KeyCode::F(3));
    let turned = screen_text(&app, 80, 24).to_lowercase();
    assert!(!turned.contains("eenzaam"), "{turned}");
    press(&mut app, KeyCode::F(3));
    let pack = builtin_pack();
    let step = |app: &denkcoach::app::App| {
        app.session()
            .and_then(|s| s.current_step(&pack))
            .map(|s| s.id.clone())
            .unwrap_or_default()
    };
    let mut order = vec![step(&app)];
    while step(&app) != "perspectieven" {
        if step(&app) == "gedachte" {
            note(&mut app, "Niemand groet me hier.");
        }
        press(&mut app, KeyCode::Enter);
        order.push(step(&app));
        assert!(order.len() < 12, "{order:?}");
    }
    assert_eq!(
        order,
        [
            "veilige-sfeer",
            "basishouding",
            "situatie",
            "gedachte",
            "gevoel",
            "perspectieven"
        ]
    );
    for n in 1..=12 {
        // Two columns to begin with; then a participant more each time.
        if n == 2 {
            press(&mut app, KeyCode::Tab);
        } else if n > 2 {
            ctrl(&mut app, 'p');
        }
        note(&mut app, &format!("Visie van nummer {n}"));
    }
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("Deelnemer 12"), "{screen}");
    assert!(screen.contains("12. Visie van nummer 12"), "{screen}");
    assert!(screen.contains(" 9. Visie van nummer 9"), "{screen}");
    let record = common::saved_record(&mut app);
    assert!(record.group);
    assert_eq!(record.client_code.as_deref(), Some("G-dinsdag"));
    let perspectives = &record.answers["perspectieven"].perspectives;
    assert_eq!(perspectives.len(), 12);
    assert_eq!(perspectives[11], "Visie van nummer 12");
    let report = denkcoach::notes::export::markdown(
        &[&record],
        &pack,
        denkcoach::notes::export::Audience::Volunteer,
    );
    assert!(report.contains("Deelnemer 12:*"), "{report}");
    assert!(report.contains("Visie van nummer 12"), "{report}");
    // Read back: the summary names each perspective with its number.
    let session = record.to_session(&pack);
    let lines = denkcoach::ui::summary::text(&session, &pack);
    assert!(
        lines.iter().any(|l| l.contains("12. Visie van nummer 12")),
        "{lines:?}"
    );
    app.flush();
}

/// Practising alone, every screen of every route speaks to "je": never
/// "de ander", never "cliënt", never "eenzaam".
#[test]
fn practice_screens_speak_to_the_person_alone() {
    let pack = builtin_pack();
    for route in 0..pack.routes.len() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut app = app_at(dir.path(), Mode::Oefenen);
        let mut screens = vec![screen_text(&app, 100, 30)];
        press(&mut app, KeyCode::Enter); // an own thought
        let mut guard = 0;
        while app.session().is_some_and(|s| !s.is_finished()) {
            // Every screen, also after the tips key: the tips are written
            // for a volunteer and stay hidden.
            screens.push(screen_text(&app, 100, 30));
            ctrl(&mut app, 't');
            screens.push(screen_text(&app, 100, 30));
            let place = app.session().map(|s| s.place);
            if place == Some(denkcoach::session::Place::RouteChoice) {
                choose_route(&mut app, route);
            } else {
                if app
                    .session()
                    .and_then(|s| s.current_step(&pack))
                    .is_some_and(|s| s.role == Some(Role::Thought))
                {
                    note(&mut app, "Niemand mist me.");
                }
                press(&mut app, KeyCode::Enter);
            }
            screens.push(screen_text(&app, 100, 30));
            guard += 1;
            assert!(guard < 60, "the practice never ends");
        }
        app.flush();
        for screen in &screens {
            let lower = screen.to_lowercase();
            for word in ["de ander", "cliënt", "eenzaam"] {
                assert!(
                    !lower.contains(word),
                    "{word:?} in route {route}:\n{screen}"
                );
            }
        }
    }
}

/// The recognition exercise is kept when finished: its score and every
/// answer, under its own name in "Mijn oefeningen".
#[test]
fn the_recognition_score_is_saved_and_read_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_at(dir.path(), Mode::Oefenen);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter); // the recognition exercise
    let pack = builtin_pack();
    for _ in 0..pack.examples.len() {
        press(&mut app, KeyCode::Down); // the first pattern
        press(&mut app, KeyCode::Enter); // the answer
        // The feedback speaks to the person alone too.
        let feedback = screen_text(&app, 100, 30).to_lowercase();
        for word in ["de ander", "cliënt", "eenzaam"] {
            assert!(!feedback.contains(word), "{word:?}:\n{feedback}");
        }
        press(&mut app, KeyCode::Enter); // the next example
    }
    assert!(app.flush());
    let end = screen_text(&app, 80, 24);
    let right = pack
        .examples
        .iter()
        .filter(|e| e.fits(&pack.brochure_patterns()[0].id))
        .count();
    let score = format!("{right} van {} goed", pack.examples.len());
    assert!(end.contains(&score), "{end}");
    assert!(end.contains("Bewaard"), "{end}");
    press(&mut app, KeyCode::Enter); // back to the practice menu
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Enter); // Mijn oefeningen
    app.settle();
    let list = screen_text(&app, 80, 24);
    assert!(list.contains("Denkpatronen herkennen"), "{list}");
    press(&mut app, KeyCode::Enter);
    app.settle();
    let detail = screen_text(&app, 100, 30);
    assert!(detail.contains(&score), "{detail}");
    assert!(detail.contains("totale loser"), "{detail}");
    // No lock is left behind.
    let locks: Vec<_> = common::files_under(dir.path())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "lock"))
        .collect();
    assert!(locks.is_empty(), "{locks:?}");
}

#[test]
fn main_screens_of_each_mode() {
    for (width, height) in [(80, 24), (100, 30)] {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut app = app_at(dir.path(), Mode::Demo);
        snapshot("demo_index", &app, width, height, dir.path());
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Enter);
        snapshot("demo_spiral", &app, width, height, dir.path());

        let app = app_at(dir.path(), Mode::Oefenen);
        snapshot("practice_menu", &app, width, height, dir.path());

        let mut app = app_at(dir.path(), Mode::Gesprek);
        type_text(&mut app, "K7");
        press(&mut app, KeyCode::Enter);
        enter_until(&mut app, Role::Thought);
        note(&mut app, "Niemand belt.");
        snapshot("gesprek_step", &app, width, height, dir.path());
        ctrl(&mut app, 't');
        snapshot("gesprek_tips_hidden", &app, width, height, dir.path());
        app.flush();
    }
}

#[cfg(unix)]
#[test]
fn every_mode_is_reachable_from_the_command_line() {
    let data = tempfile::tempdir().expect("tempdir");
    let arg = data.path().to_str().expect("utf-8");
    for (command, expect) in [
        ("gesprek", "Cliëntcode"),
        ("session", "Cliëntcode"),
        ("demo", "Alle technieken"),
        ("oefenen", "Denkpatronen herkennen"),
        ("practice", "Denkpatronen herkennen"),
    ] {
        let mut pty = Pty::spawn(&[command, "--data-dir", arg], 80, 24, &[]);
        pty.wait_for(expect);
        pty.send(b"\x11"); // Ctrl+Q
        assert!(pty.wait_exit(), "{command} exits");
    }
}

#[cfg(unix)]
#[test]
fn every_mode_is_reachable_from_the_start_menu() {
    // Gesprek, groep, demo, oefenen are the first four items of a fresh menu.
    for (downs, expect) in [
        (0, "Cliëntcode"),
        (1, "Groepscode"),
        (2, "Alle technieken"),
        (3, "Denkpatronen herkennen"),
    ] {
        let data = tempfile::tempdir().expect("tempdir");
        let arg = data.path().to_str().expect("utf-8");
        let mut pty = Pty::spawn(&["--data-dir", arg], 80, 24, &[]);
        pty.wait_for("Zelf oefenen");
        for _ in 0..downs {
            pty.send(b"\x1b[B");
        }
        pty.enter();
        pty.wait_for(expect);
        pty.send(b"\x11");
        if pty.screen().contains("Stoppen?") {
            pty.wait_for("Stoppen?");
            pty.enter();
        }
        assert!(pty.wait_exit(), "{expect}");
    }
}

/// A trainer on a projector reaches every chapter of the brochure from the
/// index in two keys: the chapter's number, then Enter. The index at 80×24
/// shows the chapters as headings, and a case explains its pattern before
/// the routes.
#[test]
fn every_chapter_of_the_demo_is_two_keys_away() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_at(dir.path(), Mode::Demo);
    let index = screen_text(&app, 80, 24);
    for heading in ["1  Inleiding", "2  Basishouding", "3  Signaleren"] {
        assert!(index.contains(heading), "{heading}: {index}");
    }
    for (digit, chapter, expect) in [
        (
            "1",
            "Inleiding",
            "Grote verschillen in hoe we dingen ervaren",
        ),
        ("2", "Basishouding", "Voor je begint"),
        ("3", "Signaleren", "Wat gebeurde er?"),
        ("4", "Manieren om negatieve gedachten", "Is het waar?"),
        ("5", "Valkuilen", "Valkuilen op de loer"),
        ("6", "Wat werkt", "Eenzaamheid in cijfers"),
        ("7", "Casussen", "Als ik die baan niet krijg"),
        ("8", "In een groep", "Een veilige sfeer"),
    ] {
        type_text(&mut app, digit);
        let index = screen_text(&app, 80, 24);
        assert!(
            index.contains(&format!("{digit}  {chapter}")),
            "{digit}: {index}"
        );
        press(&mut app, KeyCode::Enter);
        let screen = screen_text(&app, 80, 24);
        assert!(screen.contains(expect), "{digit} → {expect}: {screen}");
        if digit == "7" {
            // The case's explanation comes before the routes.
            assert!(screen.contains("Alles of niets: één uitkomst"), "{screen}");
        }
        ctrl(&mut app, 'n');
    }
    // Started as `denkcoach demo`, a stray Esc does not leave the index
    // for the start menu (with its clients' codes) on the projector.
    press(&mut app, KeyCode::Esc);
    assert!(screen_text(&app, 80, 24).contains("1  Inleiding"));
    // Help in a demo promises no saving.
    ctrl(&mut app, 'g');
    let help = screen_text(&app, 80, 24);
    assert!(
        help.contains("Dit is een demo: er wordt niets bewaard"),
        "{help}"
    );
    assert!(!help.contains("Alles wordt"), "{help}");
    press(&mut app, KeyCode::Esc);
    // The highlight never rests on a heading, and a word still searches.
    press(&mut app, KeyCode::Home);
    press(&mut app, KeyCode::Enter);
    assert!(app.session().is_some(), "Enter opened the first technique");
    ctrl(&mut app, 'n');
    type_text(&mut app, "stempel");
    let found = screen_text(&app, 80, 24);
    assert!(
        found.contains("5  Valkuilen") && found.contains("Een stempel drukken"),
        "{found}"
    );
    assert!(!found.contains("Is het waar?"), "{found}");
    type_text(&mut app, "xyzzy");
    assert!(screen_text(&app, 80, 24).contains("Niets gevonden"));
}

/// A background section of the demo ends back at the index – never on "de
/// sessie is afgerond en bewaard" – and leaves nothing behind, no lock file
/// either.
#[test]
fn a_demo_section_ends_at_the_index_and_leaves_no_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_at(dir.path(), Mode::Demo);
    let index = screen_text(&app, 100, 30);
    press(&mut app, KeyCode::Enter); // the introduction
    let mut back = false;
    for _ in 0..40 {
        press(&mut app, KeyCode::Enter);
        let screen = screen_text(&app, 100, 30);
        assert!(!screen.contains("afgerond en bewaard"), "{screen}");
        if app.session().is_none() {
            back = screen == index;
            break;
        }
    }
    assert!(
        back,
        "not back at the index:\n{}",
        screen_text(&app, 100, 30)
    );
    app.settle();
    let left = common::files_under(dir.path());
    assert!(left.is_empty(), "{left:?}");
}

/// In the recognition exercise an example of denkcoach's own says so; the
/// brochure's examples carry no such line.
#[test]
fn the_quiz_marks_the_examples_that_are_not_from_the_brochure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_at(dir.path(), Mode::Oefenen);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter); // the recognition exercise
    let pack = builtin_pack();
    let (mut own, mut brochure) = (0, 0);
    for _ in 0..40 {
        let denkcoach::app::model::Screen::Recognition(r) = &app.model().screen else {
            break;
        };
        let Some(example) = r.current(&pack).filter(|_| !r.is_finished()) else {
            break;
        };
        let screen = screen_text(&app, 100, 30);
        assert_eq!(
            screen.contains("niet uit de brochure"),
            !example.from_brochure,
            "{screen}"
        );
        if example.from_brochure {
            brochure += 1;
        } else {
            own += 1;
        }
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Enter); // an answer
        press(&mut app, KeyCode::Enter); // the next example
    }
    assert!(own > 0 && brochure > 0, "own {own}, brochure {brochure}");
}

/// `tips = false` in the settings: a conversation opens with the screen
/// ready to turn to the client, and one key shows the tips again.
#[test]
fn with_tips_off_in_the_settings_a_conversation_starts_turned_to_the_client() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = denkcoach::notes::Store::open(dir.path()).expect("store");
    let options = denkcoach::app::Options {
        start: StartAt::Mode(Mode::Gesprek),
        settings: denkcoach::app::screens::settings::SettingsFile {
            config: denkcoach::config::Config {
                tips: Some(false),
                ..Default::default()
            },
            ..Default::default()
        },
        ..denkcoach::app::Options::default()
    };
    let mut app = App::with_options(
        builtin_pack(),
        denkcoach::ui::Theme::colour(),
        store,
        options,
    );
    type_text(&mut app, "K7");
    press(&mut app, KeyCode::Enter);
    enter_until(&mut app, Role::Thought);
    note(&mut app, "Niemand belt.");
    enter_until(&mut app, Role::Recognised);
    let screen = screen_text(&app, 100, 30);
    assert!(!screen.contains("Zo kan het"), "tips shown: {screen}");
    ctrl(&mut app, 't');
    let shown = screen_text(&app, 100, 30);
    assert!(shown.contains("Zo kan het"), "{shown}");
    app.flush();
}
