//! The built-in pack: it loads, every route can be walked, no step is a dead
//! end, and a broken copy is reported with file and line.

mod common;

use std::collections::HashSet;

use chrono::Duration;
use common::{builtin_pack, fixed_now};
use std::path::Path;

use denkcoach::content::{InputKind, LoadError, Pack, Role, builtin_ui};
use denkcoach::session::{Action, Effect, Place, Previous, Session};

#[test]
fn the_builtin_pack_loads_and_credits_movisie() {
    let pack = builtin_pack();
    assert_eq!(pack.lang, "nl");
    // Exactly the wording the reuse condition asks for.
    assert_eq!(
        pack.source.credit,
        "© Movisie, kennis en aanpak van sociale vraagstukken"
    );
    assert!(pack.source.title.contains("Spelen met gedachten"));
    let ids: Vec<&str> = pack.routes.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        ["uitdagen", "focussen", "anders-doen", "zelfcompassie"]
    );
    // A step names its brochure section, or says it is an addition.
    for step in pack.all_steps() {
        assert!(
            step.source.as_ref().is_none_or(|s| !s.trim().is_empty()),
            "{} names its brochure section",
            step.id
        );
    }
}

#[test]
fn every_pack_file_credits_the_source() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/nl");
    let mut stack = vec![dir];
    let mut seen = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read content dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                let text = std::fs::read_to_string(&path).expect("read pack file");
                assert!(
                    text.contains("© Movisie"),
                    "{} credits Movisie",
                    path.display()
                );
                seen += 1;
            }
        }
    }
    assert!(seen >= 9, "found only {seen} pack files");
}

#[test]
fn the_flow_has_the_roles_the_session_relies_on() {
    let pack = builtin_pack();
    for role in [
        Role::Thought,
        Role::Patterns,
        Role::Recognised,
        Role::BeliefBefore,
        Role::BeliefAfter,
        Role::NextStep,
    ] {
        assert!(pack.step_with_role(role).is_some(), "{role:?} has a step");
    }
    let patterns = pack.step_with_role(Role::Patterns).expect("patterns step");
    let ids: HashSet<&str> = patterns.options.iter().map(|o| o.id.as_str()).collect();
    for id in ["zwart-wit", "generaliseren", "moeten", "anders"] {
        assert!(ids.contains(id), "pattern {id}");
    }
    let basis = &pack.before[0].steps[0];
    assert_eq!(basis.input, InputKind::Checklist);
    assert_eq!(
        basis.options.len(),
        3,
        "the three points of the basishouding"
    );
}

/// From every place, Next moves on, and following Next always ends: no step
/// is a dead end, and every route is reachable from the route choice.
#[test]
fn every_route_is_reachable_and_no_step_is_a_dead_end() {
    let pack = builtin_pack();
    let mut visited = HashSet::new();
    for route in 0..pack.routes.len() {
        // One walk starts as a follow-up session, so the look-back phase is walked too.
        let previous = (route == 0).then(|| Previous {
            started_at: fixed_now(),
            thought: Some("Niemand belt.".into()),
            next_step: Some("Buurvrouw groeten.".into()),
            belief: Some(60),
        });
        let mut s = Session::following(&pack, fixed_now(), None, previous);
        // Another walk is a group conversation, with the group's opening.
        if route == 1 {
            s = Session::for_group(&pack, fixed_now(), None, None);
        }
        let mut t = fixed_now();
        let mut steps = 0;
        loop {
            if let Some(step) = s.current_step(&pack) {
                visited.insert(step.id.clone());
            }
            let action = if s.place == Place::RouteChoice {
                Action::ChooseRoute(route)
            } else {
                Action::Next
            };
            t += Duration::minutes(1);
            match s.update(&pack, action, t) {
                Effect::Finished => break,
                Effect::Moved => {}
                other => panic!("{:?} is a dead end: {other:?}", s.place),
            }
            steps += 1;
            assert!(steps < 100, "the flow does not end");
        }
        assert_eq!(s.routes, vec![pack.routes[route].id.clone()]);
    }
    let all: HashSet<String> = pack.flow_steps().map(|s| s.id.clone()).collect();
    assert_eq!(visited, all, "every step is visited by some walk");
}

/// One fixture per defect, each laid over the built-in pack as a trainer's
/// override folder would be: the report names the file, the line and the
/// problem in plain Dutch.
#[test]
fn every_defect_is_reported_with_file_line_and_message() {
    let cases: &[(&str, &str, usize, &str)] = &[
        (
            "syntax-error",
            "routes/uitdagen.toml",
            13,
            "geen geldige TOML",
        ),
        (
            "unknown-key",
            "routes/uitdagen.toml",
            13,
            "onbekend veld ‘vragen’ – bedoel je ‘vraag’?",
        ),
        (
            "missing-field",
            "routes/uitdagen.toml",
            10,
            "verplicht veld ‘bron’ ontbreekt",
        ),
        ("empty-text", "routes/uitdagen.toml", 13, "‘vraag’ is leeg"),
        (
            "duplicate-id",
            "routes/uitdagen.toml",
            17,
            "‘is-het-waar’ komt al eerder voor",
        ),
        (
            "dangling-valkuil",
            "routes/uitdagen.toml",
            14,
            "valkuil ‘te-snel’ bestaat niet",
        ),
        (
            "dangling-route",
            "pakket.toml",
            23,
            "het bestand ‘routes/vijfde.toml’ ontbreekt",
        ),
        ("unreachable", "routes/extra.toml", 1, "onbereikbaar"),
        ("schema-too-new", "pakket.toml", 5, "schema 2"),
        ("not-utf8", "routes/uitdagen.toml", 4, "geen geldige UTF-8"),
        (
            "empty-file",
            "routes/uitdagen.toml",
            1,
            "het bestand is leeg",
        ),
        (
            "unknown-input",
            "routes/uitdagen.toml",
            14,
            "onbekende invoer ‘schuifregelaar’",
        ),
    ];
    let ui = builtin_ui("nl").expect("builtin ui");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    for (name, file, line, phrase) in cases {
        let dir = fixtures.join(name);
        let problems = match Pack::load("nl", &[dir.as_path()]) {
            Err(LoadError::Invalid(p)) => p,
            Err(LoadError::Io(path, e)) => panic!("{name}: cannot read {path}: {e}"),
            Err(LoadError::Unusable { .. }) => panic!("{name}: refused as no pack files"),
            Ok(_) => panic!("{name}: the broken pack was accepted"),
        };
        let rendered: Vec<String> = problems.iter().map(|p| p.render(&ui.errors)).collect();
        let found = problems.iter().any(|p| {
            p.file.ends_with(file) && p.line == *line && p.render(&ui.errors).contains(phrase)
        });
        assert!(
            found,
            "{name}: expected {file}:{line} with {phrase:?}, got {rendered:#?}"
        );
        assert_eq!(
            problems.len(),
            1,
            "{name}: one defect, one message: {rendered:#?}"
        );
    }
}

/// A typo'd key, a dangling reference and a syntax error in one copy of
/// the pack: three messages in one run, none hiding another.
#[test]
fn three_defects_give_three_messages_in_one_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content/nl"),
        dir.path(),
    );
    let edit = |rel: &str, from: &str, to: &str| {
        let path = dir.path().join(rel);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains(from), "{rel} contains {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    };
    edit(
        "routes/uitdagen.toml",
        "\nvraag = \"Is het waar?",
        "\nvragen = \"Is het waar?",
    );
    edit(
        "routes/uitdagen.toml",
        "valkuilen = [\"te-snel-willen-gaan\"]",
        "valkuilen = [\"te-snel\"]",
    );
    edit(
        "routes/focussen.toml",
        "titel = \"Gedachten focussen\"",
        "titel = \"Gedachten focussen",
    );
    let Err(LoadError::Invalid(problems)) = Pack::load_dir(dir.path()) else {
        panic!("expected problems");
    };
    let ui = builtin_ui("nl").expect("builtin ui");
    let rendered: Vec<String> = problems.iter().map(|p| p.render(&ui.errors)).collect();
    assert_eq!(problems.len(), 3, "{rendered:#?}");
    assert!(rendered[0].contains("focussen.toml:6:") && rendered[0].contains("geen geldige TOML"));
    assert!(rendered[1].contains("uitdagen.toml:") && rendered[1].contains("‘vragen’"));
    assert!(rendered[2].contains("uitdagen.toml:") && rendered[2].contains("‘te-snel’"));
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

#[test]
fn the_pack_stored_at_build_time_is_the_pack_the_files_make() {
    let languages = denkcoach::content::builtin_languages();
    assert!(languages.len() >= 2, "{languages:?}");
    for lang in languages {
        let stored = denkcoach::content::stored_pack(&lang)
            .unwrap_or_else(|| panic!("no stored pack for {lang}"));
        let checked = Pack::load_checked(&lang, &[]).expect("the built-in files pass");
        assert_eq!(stored, checked, "{lang}");
    }
}

/// Brochure or addition, always: every step of both packs either names the
/// brochure section it comes from or is marked as denkcoach's own – and
/// the steps the brochure does not have are marked so.
#[test]
fn every_step_is_from_the_brochure_or_marked_as_an_addition() {
    for lang in ["nl", "en"] {
        let pack = Pack::load(lang, &[]).expect("pack");
        let steps: Vec<&denkcoach::content::Step> = pack.all_steps().collect();
        assert!(steps.len() > 20, "{lang}: {} steps", steps.len());
        for step in &steps {
            if let Some(source) = &step.source {
                assert!(
                    !source.trim().is_empty(),
                    "{lang}: {} cites nothing",
                    step.id
                );
            }
        }
        for own in [
            "geloof-voor",
            "geloof-na",
            "samenvatting",
            "hoe-ging-het",
            "dag-contact",
        ] {
            let step = steps.iter().find(|s| s.id == own).expect(own);
            assert!(
                step.is_addition(),
                "{lang}: {own} is presented as brochure text"
            );
        }
    }
}

/// An addition that cites the brochure anyway is refused, with its place.
#[test]
fn an_addition_that_cites_the_brochure_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let original = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/nl/fasen/signaleren.toml"),
    )
    .expect("read");
    let changed = original.replacen(
        "rol = \"gedachte\"\n",
        "rol = \"gedachte\"\ntoevoeging = true\n",
        1,
    );
    assert_ne!(changed, original);
    std::fs::create_dir_all(dir.path().join("fasen")).expect("dir");
    std::fs::write(dir.path().join("fasen/signaleren.toml"), changed).expect("write");
    match Pack::load("nl", &[dir.path()]) {
        Err(LoadError::Invalid(problems)) => {
            let said: Vec<String> = problems.iter().map(|p| format!("{p:?}")).collect();
            assert!(
                said.iter().any(|p| p.contains("toevoeging = true + bron")),
                "{said:?}"
            );
        }
        other => panic!("an addition with a source loaded: {other:?}"),
    }
}

/// No praise before an answer: the brochure warns that too much
/// encouragement creates resistance ("Dat is echt een stap", "Daar mag je
/// trots op zijn" went).
#[test]
fn no_question_praises_before_the_answer() {
    for lang in ["nl", "en"] {
        let pack = Pack::load(lang, &[]).expect("pack");
        let prompts: Vec<&str> = pack
            .routes
            .iter()
            .flat_map(|r| &r.steps)
            .chain(pack.before.iter().chain(&pack.after).flat_map(|p| &p.steps))
            .flat_map(|s| std::iter::once(s.prompt.as_str()).chain(s.self_prompt.as_deref()))
            .collect();
        for praise in ["echt een stap", "trots op", "really is a step", "proud of"] {
            let found: Vec<&&str> = prompts.iter().filter(|p| p.contains(praise)).collect();
            assert!(found.is_empty(), "{lang}: {found:?}");
        }
    }
}
