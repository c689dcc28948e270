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

/// Next until the step with `role` (the optional steps around it left
/// empty).
fn to_role(pack: &Pack, s: &mut Session, role: Role) {
    let mut guard = 0;
    while s.current_step(pack).is_some_and(|st| st.role != Some(role)) {
        s.update(pack, Action::Next, at(0));
        guard += 1;
        assert!(guard < 20, "no step with {role:?}");
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
    to_role(&pack, &mut s, Role::Thought);
    let thought_step = s.current_step(&pack).expect("thought step").id.clone();
    s.update(
        &pack,
        Action::SetText("Niemand belt mij ooit.".into()),
        at(0),
    );
    to_role(&pack, &mut s, Role::Patterns);
    s.update(&pack, Action::Toggle, at(0));
    while s
        .current_step(&pack)
        .is_some_and(|st| st.id != thought_step)
    {
        s.update(&pack, Action::Back, at(0));
    }
    assert_eq!(
        s.answer(&thought_step).map(|a| a.text.as_str()),
        Some("Niemand belt mij ooit.")
    );
    to_role(&pack, &mut s, Role::Patterns);
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
fn a_single_choice_left_unchosen_records_nothing() {
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
        Some(Vec::new()),
        "the highlight is not an answer"
    );
    // Chosen with Space, it is recorded.
    s.update(&pack, Action::Back, at(0));
    s.update(&pack, Action::CursorDown, at(0));
    s.update(&pack, Action::Toggle, at(0));
    assert_eq!(
        s.answer(&id).map(|a| a.selected.clone()),
        Some(vec!["deels".to_string()])
    );
}

#[test]
fn back_from_a_route_switch_returns_to_where_the_user_was() {
    let pack = pack();
    let mut s = Session::new(&pack, at(0), None);
    while s.place != Place::RouteChoice {
        s.update(&pack, Action::Next, at(0));
    }
    s.update(&pack, Action::ChooseRoute(0), at(0));
    s.update(&pack, Action::Next, at(0));
    s.update(&pack, Action::Next, at(0));
    let here = s.place;
    s.update(&pack, Action::OpenRouteChoice, at(0));
    assert_eq!(s.place, Place::RouteChoice);
    s.update(&pack, Action::Back, at(0));
    assert_eq!(s.place, here);
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

fn to_route_choice(pack: &Pack, s: &mut Session, recognised: Option<&str>, minute: u32) {
    while s.place != Place::RouteChoice {
        let step = s.current_step(pack).expect("step").clone();
        if step.role == Some(Role::Recognised)
            && let Some(choice) = recognised
        {
            let i = step
                .options
                .iter()
                .position(|o| o.id == choice)
                .expect("option");
            s.cursor = i;
            s.update(pack, Action::Toggle, at(minute));
        }
        if step.role == Some(Role::Recognised) && recognised.is_none() {
            // Not recognised, and on all the same (plain "nee" leads back).
            let i = step
                .options
                .iter()
                .position(|o| o.id == "nee-toch-verder")
                .expect("nee-toch-verder");
            s.cursor = i;
            s.update(pack, Action::Toggle, at(minute));
        }
        s.update(pack, Action::Next, at(minute));
    }
}

#[test]
fn too_fast_fires_when_early_or_unrecognised_and_never_blocks() {
    let pack = pack();
    // Early (minute 3 of 10) but recognised.
    let mut s = Session::new(&pack, at(0), None);
    s.reminders = true;
    to_route_choice(&pack, &mut s, Some("ja"), 3);
    assert_eq!(
        s.reminder,
        Some(Reminder {
            early: Some(3),
            unrecognised: false
        })
    );
    // Any action puts it away and still does what it does.
    assert_eq!(
        s.update(&pack, Action::ChooseRoute(0), at(4)),
        Effect::Moved
    );
    assert_eq!(s.reminder, None);
    assert!(matches!(s.place, Place::Route { .. }));

    // Late but not recognised.
    let mut s = Session::new(&pack, at(0), None);
    s.reminders = true;
    to_route_choice(&pack, &mut s, None, 20);
    assert_eq!(
        s.reminder,
        Some(Reminder {
            early: None,
            unrecognised: true
        })
    );
    assert_eq!(s.update(&pack, Action::Dismiss, at(21)), Effect::Edited);
    assert_eq!(s.reminder, None);
    assert_eq!(s.place, Place::RouteChoice, "dismissing does not move");
}

#[test]
fn too_fast_stays_quiet_when_recognised_and_unhurried_or_off() {
    let pack = pack();
    for recognised in ["ja", "deels"] {
        let mut s = Session::new(&pack, at(0), None);
        s.reminders = true;
        to_route_choice(&pack, &mut s, Some(recognised), 15);
        assert_eq!(s.reminder, None, "{recognised}");
    }
    // Demo and practice sessions have no reminders.
    let mut s = Session::new(&pack, at(0), None);
    to_route_choice(&pack, &mut s, None, 1);
    assert_eq!(s.reminder, None);
}

#[test]
fn labelling_words_in_notes_for_the_client_are_noticed() {
    let pack = pack();
    let mut s = Session::new(&pack, at(0), None);
    s.reminders = true;
    // The thought itself is the client's own words: no hint there.
    to_role(&pack, &mut s, Role::Thought);
    s.update(&pack, Action::SetText("Ik ben eenzaam".into()), at(0));
    assert_eq!(s.labelling_word(&pack), None);
    to_route_choice(&pack, &mut s, Some("ja"), 15);
    s.update(&pack, Action::ChooseRoute(0), at(15));
    s.update(
        &pack,
        Action::SetText("Ze voelt zich erg Eenzaam sinds de verhuizing".into()),
        at(16),
    );
    assert_eq!(s.labelling_word(&pack), Some("eenzaam"));
    s.update(
        &pack,
        Action::SetText("Ze mist haar vriendschappen sinds de verhuizing".into()),
        at(16),
    );
    assert_eq!(s.labelling_word(&pack), None);
    s.update(&pack, Action::SetText("Wat zielig.".into()), at(16));
    assert_eq!(s.labelling_word(&pack), Some("zielig"));
    s.reminders = false;
    assert_eq!(s.labelling_word(&pack), None, "off outside a conversation");
}

#[test]
fn the_recognition_exercise_scores_and_every_example_has_a_pattern() {
    use crate::session::recognition::Recognition;
    let pack = pack();
    let patterns: Vec<String> = pack
        .step_with_role(Role::Patterns)
        .expect("patterns")
        .options
        .iter()
        .filter(|o| o.source.is_some())
        .map(|o| o.id.clone())
        .collect();
    assert!(pack.examples.len() >= 6);
    assert!(pack.examples.iter().filter(|e| e.from_brochure).count() >= 3);
    for e in &pack.examples {
        assert!(
            patterns.contains(&e.pattern),
            "{} has pattern {}",
            e.id,
            e.pattern
        );
    }
    // All right.
    let mut r = Recognition::new(&pack);
    for e in &pack.examples {
        r.cursor = patterns.iter().position(|p| *p == e.pattern);
        assert!(r.enter());
        assert_eq!(r.answer(), Some(e.pattern.as_str()));
        assert!(r.enter());
    }
    assert!(r.is_finished());
    assert_eq!(r.score(&pack), r.total());
    // The first one wrong.
    let mut r = Recognition::new(&pack);
    for (i, e) in pack.examples.iter().enumerate() {
        let right = patterns
            .iter()
            .position(|p| *p == e.pattern)
            .expect("known");
        r.cursor = Some(if i == 0 {
            (right + 1) % patterns.len()
        } else {
            right
        });
        r.enter();
        r.enter();
    }
    assert_eq!(r.score(&pack), r.total() - 1);
    assert!(!r.enter(), "over");
    // Several patterns may fit one thought: each that fits counts.
    let (several, other) = pack
        .examples
        .iter()
        .enumerate()
        .find_map(|(i, e)| e.also.first().map(|o| (i, o.clone())))
        .expect("an example where more than one pattern fits");
    let mut r = Recognition::new(&pack);
    for (i, e) in pack.examples.iter().enumerate() {
        let answer = if i == several { &other } else { &e.pattern };
        r.cursor = patterns.iter().position(|p| p == answer);
        r.enter();
        r.enter();
    }
    assert_eq!(r.score(&pack), r.total());
    // Nothing highlighted at the start: Enter answers nothing.
    let mut r = Recognition::new(&pack);
    assert_eq!(r.cursor, None);
    assert!(r.enter());
    assert_eq!(r.answer(), None);
    r.move_cursor(1);
    assert_eq!(r.cursor, Some(0));
}

/// A group: the safe atmosphere, the basic attitude, the situation or
/// thought under discussion, then everyone's perspective (4a) – a step a
/// conversation with one person passes over.
#[test]
fn a_group_session_opens_with_the_group_phases_and_keeps_each_perspective() {
    let pack = pack();
    let mut s = Session::for_group(&pack, at(0), Some("G1".into()), None);
    let mut order = Vec::new();
    while s
        .current_step(&pack)
        .is_some_and(|st| st.id != "perspectieven")
    {
        order.push(s.current_step(&pack).expect("step").id.clone());
        s.update(&pack, Action::Next, at(0));
        assert!(order.len() < 20, "{order:?}");
    }
    assert_eq!(
        order,
        [
            "veilige-sfeer",
            "basishouding",
            "situatie",
            "gedachte",
            "gevoel"
        ]
    );
    s.update(
        &pack,
        Action::SetText("Ze hadden het gewoon druk.".into()),
        at(1),
    );
    assert_eq!(
        s.update(&pack, Action::AddParticipant, at(1)),
        Effect::Moved
    );
    s.update(
        &pack,
        Action::SetText("Ik zou me ook afgewezen voelen.".into()),
        at(1),
    );
    s.update(&pack, Action::SelectParticipant(0), at(1));
    assert_eq!(s.current_text(&pack), "Ze hadden het gewoon druk.");
    let answer = s.answer("perspectieven").expect("answer");
    assert!(
        answer
            .perspectives
            .contains(&"Ik zou me ook afgewezen voelen.".to_string())
    );
    s.update(&pack, Action::Next, at(2));
    assert_eq!(
        s.current_step(&pack).map(|st| st.id.as_str()),
        Some("patronen")
    );
    s.update(&pack, Action::Back, at(2));
    assert_eq!(
        s.current_step(&pack).map(|st| st.id.as_str()),
        Some("perspectieven")
    );
    // With one person the perspectives are passed over, both ways.
    let mut one = Session::new(&pack, at(0), Some("K1".into()));
    to_role(&pack, &mut one, Role::Patterns);
    one.update(&pack, Action::Back, at(0));
    assert_eq!(
        one.current_step(&pack).map(|st| st.id.as_str()),
        Some("gevoel")
    );
    let mut seen = Vec::new();
    while one.place != Place::RouteChoice {
        seen.push(one.current_step(&pack).expect("step").id.clone());
        one.update(&pack, Action::Next, at(0));
        assert!(seen.len() < 20);
    }
    assert!(!seen.iter().any(|id| id == "perspectieven"), "{seen:?}");
}

/// "Nee, nog niet" is not a way forward: it leads back to the thought, to
/// listen and reflect again; the answer stays recorded.
#[test]
fn not_recognised_yet_leads_back_to_the_thought() {
    let pack = pack();
    let mut s = Session::new(&pack, at(0), None);
    while s
        .current_step(&pack)
        .is_some_and(|st| st.role != Some(Role::Recognised))
    {
        s.update(&pack, Action::Next, at(1));
    }
    let step = s.current_step(&pack).expect("reflection").clone();
    s.cursor = step
        .options
        .iter()
        .position(|o| o.id == "nee")
        .expect("nee");
    s.update(&pack, Action::Toggle, at(2));
    s.update(&pack, Action::Next, at(2));
    let back = s.current_step(&pack).expect("a step");
    assert_eq!(back.role, Some(Role::Thought), "back at {}", back.id);
    assert_eq!(s.answers[&step.id].selected, ["nee"]);
    // Moving on anyway is possible, and recorded as such.
    while s
        .current_step(&pack)
        .is_some_and(|st| st.role != Some(Role::Recognised))
    {
        s.update(&pack, Action::Next, at(3));
    }
    s.cursor = step
        .options
        .iter()
        .position(|o| o.id == "nee-toch-verder")
        .expect("on anyway");
    s.update(&pack, Action::Toggle, at(3));
    s.update(&pack, Action::Next, at(3));
    assert_ne!(
        s.current_step(&pack).map(|st| st.role),
        Some(Some(Role::Thought))
    );
    assert_eq!(
        s.answers[&step.id].selected.last().map(String::as_str),
        Some("nee-toch-verder")
    );
}

/// Route c's small step is the next step proposed at afronden: what the
/// client chose there, ready to confirm or change.
#[test]
fn the_small_step_of_route_c_is_proposed_at_afronden() {
    let pack = pack();
    let mut s = Session::new(&pack, at(0), None);
    to_route_choice(&pack, &mut s, Some("ja"), 12);
    let c = pack
        .routes
        .iter()
        .position(|r| r.id == "anders-doen")
        .expect("route c");
    s.update(&pack, Action::ChooseRoute(c), at(13));
    assert_eq!(
        s.current_step(&pack).and_then(|st| st.role),
        Some(Role::SmallStep)
    );
    s.update(
        &pack,
        Action::SetText("Morgen de buurvrouw groeten.".into()),
        at(14),
    );
    while s
        .current_step(&pack)
        .is_some_and(|st| st.role != Some(Role::NextStep))
    {
        assert_ne!(s.update(&pack, Action::Next, at(15)), Effect::Finished);
    }
    assert_eq!(s.current_text(&pack), "Morgen de buurvrouw groeten.");
    // Changed there, it stays changed when passing by again.
    s.update(
        &pack,
        Action::SetText("Zaterdag de buurvrouw groeten.".into()),
        at(16),
    );
    s.update(&pack, Action::Back, at(16));
    s.update(&pack, Action::Next, at(16));
    assert_eq!(s.current_text(&pack), "Zaterdag de buurvrouw groeten.");
}

/// The belief rating may be left: moving on without a value records none.
#[test]
fn a_skipped_rating_records_no_value() {
    let pack = pack();
    let mut s = Session::new(&pack, at(0), None);
    while s
        .current_step(&pack)
        .is_some_and(|st| st.role != Some(Role::BeliefBefore))
    {
        s.update(&pack, Action::Next, at(1));
    }
    let id = s.current_step(&pack).expect("rating").id.clone();
    s.update(&pack, Action::Next, at(1));
    assert_eq!(s.answers.get(&id).and_then(|a| a.rating), None);
}

/// "Te snel willen gaan" comes once on the way to the routes: back to the
/// thought and on again is the same pass, and brings no second reminder.
#[test]
fn too_fast_does_not_fire_twice_on_the_same_pass() {
    let pack = pack();
    let mut s = Session::new(&pack, at(0), None);
    s.reminders = true;
    to_route_choice(&pack, &mut s, Some("ja"), 3);
    assert!(s.reminder.is_some(), "the first time it comes");
    s.update(&pack, Action::Dismiss, at(3));
    s.update(&pack, Action::Back, at(3));
    s.update(&pack, Action::Next, at(3));
    assert_eq!(s.place, Place::RouteChoice);
    assert_eq!(s.reminder, None, "not twice on the same pass");
}
