use chrono::{DateTime, FixedOffset, TimeZone};

use super::*;
use crate::content::Pack;

fn pack() -> Pack {
    match Pack::load("nl", &[]) {
        Ok(pack) => pack,
        Err(e) => panic!("built-in pack does not load: {e:?}"),
    }
}

fn at(minute: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .and_then(|tz| tz.with_ymd_and_hms(2026, 11, 28, 14, minute, 0).single())
        .expect("valid fixed time")
}

/// Walks from the start to the route choice, typing into every notes field.
fn through_signaleren(pack: &Pack, s: &mut Session) {
    while s.place != Place::RouteChoice {
        let step = s
            .current_step(pack)
            .expect("a step before the route choice");
        if step.notes {
            let text = format!("notitie bij {}", step.id);
            s.update(pack, Action::SetText(text), at(1));
        }
        if step.input == InputKind::Scale {
            s.update(pack, Action::RatingDigit(8), at(1));
            s.update(pack, Action::RatingDigit(0), at(1));
        }
        assert_eq!(s.update(pack, Action::Next, at(1)), Effect::Moved);
    }
}

fn finish(pack: &Pack, s: &mut Session) {
    let mut guard = 0;
    while s.update(pack, Action::Next, at(30)) != Effect::Finished {
        guard += 1;
        assert!(guard < 100, "the flow never finishes");
    }
}

#[test]
fn each_route_completes_and_is_recorded() {
    let pack = pack();
    assert_eq!(pack.routes.len(), 4);
    for (index, route) in pack.routes.iter().enumerate() {
        let mut s = Session::new(&pack, at(0), Some("K7".into()));
        through_signaleren(&pack, &mut s);
        s.update(&pack, Action::ChooseRoute(index), at(2));
        assert_eq!(
            s.place,
            Place::Route {
                route: index,
                step: 0
            }
        );
        for _ in 0..route.steps.len() {
            assert!(matches!(s.place, Place::Route { .. }));
            s.update(&pack, Action::Next, at(3));
        }
        assert!(matches!(s.place, Place::After { .. }), "{}", route.id);
        finish(&pack, &mut s);
        assert_eq!(s.place, Place::Done);
        assert_eq!(s.finished_at, Some(at(30)));
        assert_eq!(s.routes, vec![route.id.clone()]);
    }
}

#[test]
fn back_keeps_what_was_typed() {
    let pack = pack();
    let mut s = Session::new(&pack, at(0), None);
    s.update(&pack, Action::Next, at(0));
    let thought_step = s.current_step(&pack).expect("thought step").id.clone();
    s.update(
        &pack,
        Action::SetText("Niemand belt mij ooit.".into()),
        at(0),
    );
    s.update(&pack, Action::Next, at(0));
    s.update(&pack, Action::Toggle, at(0));
    s.update(&pack, Action::Back, at(0));
    assert_eq!(s.current_step(&pack).map(|s| &s.id), Some(&thought_step));
    assert_eq!(
        s.answer(&thought_step).map(|a| a.text.as_str()),
        Some("Niemand belt mij ooit.")
    );
    s.update(&pack, Action::Next, at(0));
    let patterns = s.current_step(&pack).expect("patterns step");
    assert_eq!(s.answer(&patterns.id).map(|a| a.selected.len()), Some(1));
}

#[test]
fn back_from_the_first_step_stays_put_and_back_from_a_route_reaches_the_choice() {
    let pack = pack();
    let mut s = Session::new(&pack, at(0), None);
    assert_eq!(s.update(&pack, Action::Back, at(0)), Effect::Nothing);
    through_signaleren(&pack, &mut s);
    s.update(&pack, Action::ChooseRoute(2), at(0));
    s.update(&pack, Action::Back, at(0));
    assert_eq!(s.place, Place::RouteChoice);
    assert_eq!(
        s.cursor, 2,
        "the route choice highlights the route just left"
    );
    s.update(&pack, Action::Back, at(0));
    assert!(matches!(s.place, Place::Before { .. }));
}

#[test]
fn switching_route_keeps_the_answers_of_the_first() {
    let pack = pack();
    let mut s = Session::new(&pack, at(0), None);
    through_signaleren(&pack, &mut s);
    s.update(&pack, Action::ChooseRoute(0), at(1));
    let first = s.current_step(&pack).expect("route step").id.clone();
    s.update(
        &pack,
        Action::SetText("Ik weet het niet zeker.".into()),
        at(1),
    );
    assert_eq!(
        s.update(&pack, Action::OpenRouteChoice, at(1)),
        Effect::Moved
    );
    s.update(&pack, Action::ChooseRoute(3), at(1));
    assert_eq!(s.place, Place::Route { route: 3, step: 0 });
    s.update(
        &pack,
        Action::SetText("Vroeger op de voetbalclub.".into()),
        at(2),
    );
    assert_eq!(
        s.answer(&first).map(|a| a.text.as_str()),
        Some("Ik weet het niet zeker.")
    );
    assert_eq!(
        s.routes,
        vec!["uitdagen".to_string(), "zelfcompassie".to_string()]
    );
    finish(&pack, &mut s);
    assert_eq!(
        s.answer(&first).map(|a| a.text.as_str()),
        Some("Ik weet het niet zeker.")
    );
}

#[test]
fn the_thought_is_available_at_every_later_step() {
    let pack = pack();
    let mut s = Session::new(&pack, at(0), None);
    through_signaleren(&pack, &mut s);
    let thought = s.thought(&pack).expect("thought written").to_string();
    s.update(&pack, Action::ChooseRoute(1), at(1));
    while s.place != Place::Done {
        assert_eq!(s.thought(&pack), Some(thought.as_str()), "at {:?}", s.place);
        s.update(&pack, Action::Next, at(2));
    }
    assert_eq!(s.thought(&pack), Some(thought.as_str()));
}

#[test]
fn ratings_take_digits_and_steps_within_bounds() {
    let pack = pack();
    let mut s = Session::new(&pack, at(0), None);
    while s
        .current_step(&pack)
        .is_some_and(|st| st.input != InputKind::Scale)
    {
        s.update(&pack, Action::Next, at(0));
    }
    for d in [7, 0] {
        s.update(&pack, Action::RatingDigit(d), at(0));
    }
    assert_eq!(s.rating(&pack, Role::BeliefBefore), Some(70));
    s.update(&pack, Action::RatingDigit(5), at(0));
    assert_eq!(
        s.rating(&pack, Role::BeliefBefore),
        Some(5),
        "705 is out of range: start over"
    );
    s.update(&pack, Action::AdjustRating(5), at(0));
    assert_eq!(s.rating(&pack, Role::BeliefBefore), Some(10));
    for d in [1, 0, 0] {
        s.update(&pack, Action::RatingDigit(d), at(0));
    }
    assert_eq!(s.rating(&pack, Role::BeliefBefore), Some(100));
    s.update(&pack, Action::AdjustRating(5), at(0));
    assert_eq!(s.rating(&pack, Role::BeliefBefore), Some(100));
    s.update(&pack, Action::CursorDown, at(0));
    assert_eq!(s.rating(&pack, Role::BeliefBefore), Some(95));
}

#[test]
fn a_single_choice_takes_the_highlight_when_moving_on() {
    let pack = pack();
    let mut s = Session::new(&pack, at(0), None);
    while s
        .current_step(&pack)
        .is_some_and(|st| st.input != InputKind::Single)
    {
        s.update(&pack, Action::Next, at(0));
    }
    let id = s.current_step(&pack).expect("choice step").id.clone();
    s.update(&pack, Action::CursorDown, at(0));
    s.update(&pack, Action::Next, at(0));
    assert_eq!(
        s.answer(&id).map(|a| a.selected.clone()),
        Some(vec!["deels".to_string()])
    );
}

#[test]
fn a_finished_session_ignores_further_actions() {
    let pack = pack();
    let mut s = Session::new(&pack, at(0), None);
    through_signaleren(&pack, &mut s);
    s.update(&pack, Action::ChooseRoute(0), at(1));
    finish(&pack, &mut s);
    let before = s.clone();
    for action in [Action::Back, Action::Next, Action::SetText("x".into())] {
        assert_eq!(s.update(&pack, action, at(40)), Effect::Nothing);
    }
    assert_eq!(s, before);
}
