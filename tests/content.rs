//! The built-in pack: it loads, every route can be walked, no step is a dead
//! end, and a broken copy is reported with file and line.

mod common;

use std::collections::HashSet;

use chrono::Duration;
use common::{builtin_pack, fixed_now};
use denkcoach::content::{InputKind, Pack, ProblemKind, Role, builtin_ui};
use denkcoach::session::{Action, Effect, Place, Session};

#[test]
fn the_builtin_pack_loads_and_credits_movisie() {
    let pack = builtin_pack();
    assert_eq!(pack.lang, "nl");
    assert!(pack.source.credit.contains("© Movisie"));
    assert!(pack.source.credit.contains("Spelen met gedachten"));
    let ids: Vec<&str> = pack.routes.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        ["uitdagen", "focussen", "anders-doen", "zelfcompassie"]
    );
    for step in pack.all_steps() {
        assert!(
            !step.source.trim().is_empty(),
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
        let mut s = Session::new(&pack, fixed_now(), None);
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

/// A broken copy of the pack names the file, the line and the problem.
#[test]
fn a_typo_and_a_dangling_reference_are_reported_with_their_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/nl"),
        dir.path(),
    );
    let route = dir.path().join("routes/uitdagen.toml");
    let text = std::fs::read_to_string(&route).expect("read route");
    let text = text.replacen("\ntip = ", "\ntipp = ", 1).replacen(
        "valkuilen = [\"te-snel-willen-gaan\"]",
        "valkuilen = [\"te-snel\"]",
        1,
    );
    std::fs::write(&route, &text).expect("write route");
    let focus = dir.path().join("routes/focussen.toml");
    let focus_text = std::fs::read_to_string(&focus).expect("read");
    std::fs::write(
        &focus,
        focus_text.replacen(
            "[[stap]]\nid = \"cd\"",
            "[[stap]]\nid = \"piekerkwartier\"",
            1,
        ),
    )
    .expect("write");

    let problems = match Pack::load_dir(dir.path()) {
        Err(denkcoach::content::LoadError::Invalid(p)) => p,
        other => panic!("expected problems, got {other:?}"),
    };
    let ui = builtin_ui("nl").expect("builtin ui");
    let rendered: Vec<String> = problems.iter().map(|p| p.render(&ui.errors)).collect();
    let typo_line = 1 + text
        .lines()
        .position(|l| l.starts_with("tipp ="))
        .expect("typo line");
    assert!(
        rendered.iter().any(
            |r| r.starts_with(&format!("routes/uitdagen.toml:{typo_line}:")) && r.contains("tipp")
        ),
        "{rendered:#?}"
    );
    // The typo stops that file; the duplicate id in another file is still found.
    assert!(
        problems.iter().any(|p| p.file == "routes/focussen.toml"
            && p.kind == ProblemKind::DuplicateId("piekerkwartier".into())),
        "{rendered:#?}"
    );
}

#[test]
fn an_unknown_valkuil_is_a_dangling_reference() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/nl"),
        dir.path(),
    );
    let path = dir.path().join("routes/anders-doen.toml");
    let text = std::fs::read_to_string(&path).expect("read");
    let text = text.replacen(
        "valkuilen = [\"te-snel-willen-gaan\"]",
        "valkuilen = [\"te-snel\"]",
        1,
    );
    std::fs::write(&path, &text).expect("write");
    let Err(denkcoach::content::LoadError::Invalid(problems)) = Pack::load_dir(dir.path()) else {
        panic!("expected problems");
    };
    let line = 1 + text
        .lines()
        .position(|l| l.contains("\"te-snel\""))
        .expect("line");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        (problems[0].file.as_str(), problems[0].line),
        ("routes/anders-doen.toml", line)
    );
    assert!(
        matches!(&problems[0].kind, ProblemKind::UnknownReference { name, .. } if name == "te-snel")
    );
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
