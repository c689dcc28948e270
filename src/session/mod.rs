//! The conversation as a state machine: pure, driven by the content pack,
//! with time passed in. No terminal, no files, no clock reads.

mod answer;
pub mod client_code;
mod place;
pub mod recognition;

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};

use crate::content::{InputKind, Pack, Phase, Role, Step};

pub use answer::{Answer, Voice, voices};
pub use place::Place;

/// What was agreed in the client's previous session, shown when a new one
/// begins: change needs repetition and continued reflection.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Previous {
    pub started_at: DateTime<FixedOffset>,
    pub thought: Option<String>,
    pub next_step: Option<String>,
    /// The last belief rating of that session (after, else before).
    pub belief: Option<u8>,
}

/// A user intent the session understands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// To the next step; from the last one, finish the session.
    Next,
    /// To the previous step; nothing typed is lost.
    Back,
    /// Move the highlight (options, routes) or scroll (summary) up.
    CursorUp,
    CursorDown,
    /// Move the highlight by this many places (Home, End, PageUp, PageDown).
    CursorBy(isize),
    /// Tick or untick the highlighted option.
    Toggle,
    /// Change the 0–100 rating by this much.
    AdjustRating(i16),
    /// Type a digit into the rating.
    RatingDigit(u8),
    /// Empty the rating: no value given.
    ClearRating,
    /// Replace the other person's words on the current step.
    SetText(String),
    /// Replace the volunteer's own observation on the current step.
    SetImpression(String),
    /// Open the route choice, to switch route or add a second one.
    OpenRouteChoice,
    /// Start the route with this index (from the route choice).
    ChooseRoute(usize),
    /// Put the reminder on screen away.
    Dismiss,
    /// A further participant on a perspectives step.
    AddParticipant,
    /// Write in this participant's column.
    SelectParticipant(usize),
}

/// A gentle reminder of the valkuil "te snel willen gaan", shown when the
/// route choice is reached early or before the thought was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reminder {
    /// Minutes since the start, when that is fewer than the pack's limit.
    pub early: Option<u32>,
    pub unrecognised: bool,
}

/// What an action did, so the app knows when to save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Nothing,
    /// Something on the current step changed.
    Edited,
    /// The session moved to another step or screen.
    Moved,
    Finished,
}

/// Participants on a perspectives step: a group of up to fifteen (few side
/// by side, more listed one per line).
pub const MAX_PARTICIPANTS: usize = 15;

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub started_at: DateTime<FixedOffset>,
    pub finished_at: Option<DateTime<FixedOffset>>,
    pub client_code: Option<String>,
    pub place: Place,
    /// Route ids in the order they were first taken.
    pub routes: Vec<String>,
    /// The route being walked (or last walked), as an index into the pack.
    pub current_route: Option<usize>,
    pub answers: BTreeMap<String, Answer>,
    /// Highlighted option or route, or the scroll offset of a summary.
    pub cursor: usize,
    /// Digits typed into a rating since arriving at the step: typing "70"
    /// gives 70 whatever the rating was before.
    pub digits: Option<u16>,
    /// The client's previous session, if there is one; it adds the pack's
    /// follow-up phases at the start.
    pub previous: Option<Previous>,
    /// A group session: it opens with the pack's group phases.
    pub group: bool,
    /// Whether the valkuil reminders are on (a conversation, not a demo or
    /// practice).
    pub reminders: bool,
    pub reminder: Option<Reminder>,
    /// The "te snel" reminder came on this way to the routes: not again
    /// until a route was taken (back and forth is one pass).
    reminded_this_pass: bool,
    /// The participant whose column is being written on a perspectives step.
    pub participant: usize,
    /// Where the route choice was opened from to switch route: going back
    /// returns there, not to the step before the routes.
    pub switching_from: Option<Place>,
    /// On the route choice, a route is highlighted by the user (or is the
    /// one being switched from): until then Enter chooses nothing.
    pub route_highlighted: bool,
    /// Step ids in the order their answers were first given.
    pub answered: Vec<String>,
    /// The exercise (a solo phase, by index) this session is, if it is one.
    pub solo: Option<usize>,
    /// Saved from the demo once: it stays a demo when carried on elsewhere.
    pub demo: bool,
    /// The recognition exercise, saved with its answers and score.
    pub quiz: bool,
    /// Practising alone: steps for beside another person are passed over.
    pub alone: bool,
}

impl Session {
    pub fn new(
        pack: &Pack,
        started_at: DateTime<FixedOffset>,
        client_code: Option<String>,
    ) -> Self {
        Session::following(pack, started_at, client_code, None)
    }

    /// A session that begins by looking back at `previous`.
    pub fn following(
        pack: &Pack,
        started_at: DateTime<FixedOffset>,
        client_code: Option<String>,
        previous: Option<Previous>,
    ) -> Self {
        let openings: &[Phase] = if previous.is_some() {
            &pack.followup
        } else {
            &[]
        };
        Session {
            started_at,
            finished_at: None,
            client_code,
            place: Place::first(pack, openings),
            routes: Vec::new(),
            current_route: None,
            answers: BTreeMap::new(),
            cursor: 0,
            digits: None,
            previous,
            group: false,
            reminders: false,
            reminder: None,
            reminded_this_pass: false,
            participant: 0,
            switching_from: None,
            route_highlighted: false,
            answered: Vec::new(),
            solo: None,
            quiz: false,
            alone: false,
            demo: false,
        }
    }

    /// A group conversation: the group's opening phases first.
    /// A group conversation under a group code, following on from the
    /// group's previous meeting when there was one.
    pub fn for_group(
        pack: &Pack,
        started_at: DateTime<FixedOffset>,
        code: Option<String>,
        previous: Option<Previous>,
    ) -> Self {
        let mut s = Session::following(pack, started_at, code, previous);
        s.group = true;
        s.place = Place::first(pack, &pack.group);
        s
    }

    /// One background phase or exercise, walked on its own.
    pub fn solo(pack: &Pack, started_at: DateTime<FixedOffset>, phase: usize) -> Self {
        let mut s = Session::following(pack, started_at, None, None);
        s.place = Place::Solo { phase, step: 0 };
        s.solo = Some(phase);
        s
    }

    /// The phases this session opens with.
    pub fn openings<'p>(&self, pack: &'p Pack) -> &'p [Phase] {
        if self.group {
            &pack.group
        } else if self.previous.is_some() {
            &pack.followup
        } else {
            &[]
        }
    }

    pub fn update(&mut self, pack: &Pack, action: Action, now: DateTime<FixedOffset>) -> Effect {
        if self.place == Place::Done {
            return Effect::Nothing;
        }
        // Any key puts a reminder away; it never blocks.
        if self.reminder.take().is_some() && action == Action::Dismiss {
            return Effect::Edited;
        }
        match action {
            Action::Next => self.next(pack, now),
            Action::Back => self.back(pack),
            Action::CursorUp => self.move_cursor(pack, -1),
            Action::CursorDown => self.move_cursor(pack, 1),
            Action::CursorBy(delta) => self.move_cursor(pack, delta),
            Action::Toggle => self.toggle(pack),
            Action::AdjustRating(delta) => self.adjust_rating(pack, delta),
            Action::RatingDigit(d) => self.rating_digit(pack, d),
            Action::ClearRating => self.clear_rating(pack),
            Action::SetText(text) => self.set_text(pack, text),
            Action::SetImpression(text) => self.set_impression(pack, text),
            Action::OpenRouteChoice => self.open_route_choice(pack),
            Action::ChooseRoute(i) => self.choose_route(pack, i),
            Action::Dismiss => Effect::Nothing,
            Action::AddParticipant => self.add_participant(pack),
            Action::SelectParticipant(i) => self.select_participant(pack, i),
        }
    }

    /// Whether `Back` leads anywhere from here.
    pub fn can_go_back(&self, pack: &Pack) -> bool {
        self.switching_from.is_some() || self.previous_place(pack).is_some()
    }

    /// A step for a group only, in a conversation with one person: passed
    /// over both ways.
    fn passes_over(&self, pack: &Pack, place: Place) -> bool {
        place
            .step(pack, self.openings(pack))
            .is_some_and(|s| (s.group_only && !self.group) || (s.conversation_only && self.alone))
    }

    /// Practising alone: begins past the steps meant for beside another
    /// person.
    pub fn practise_alone(&mut self, pack: &Pack) {
        self.alone = true;
        while self.passes_over(pack, self.place) {
            self.place = self.place.next(pack, self.openings(pack));
        }
    }

    fn next_place(&self, pack: &Pack) -> Place {
        let mut place = self.place.next(pack, self.openings(pack));
        while self.passes_over(pack, place) {
            place = place.next(pack, self.openings(pack));
        }
        place
    }

    fn previous_place(&self, pack: &Pack) -> Option<Place> {
        let openings = self.openings(pack);
        let mut place = self.place.previous(pack, self.current_route, openings)?;
        while self.passes_over(pack, place) {
            place = place.previous(pack, self.current_route, openings)?;
        }
        Some(place)
    }

    pub fn current_step<'p>(&self, pack: &'p Pack) -> Option<&'p Step> {
        self.place.step(pack, self.openings(pack))
    }

    pub fn answer(&self, step_id: &str) -> Option<&Answer> {
        self.answers.get(step_id)
    }

    /// The answer to the step that plays `role` in the pack.
    pub fn answer_with_role(&self, pack: &Pack, role: Role) -> Option<&Answer> {
        self.answer(&pack.step_with_role(role)?.id)
    }

    /// The negative thought in the client's words, once written down.
    pub fn thought<'s>(&'s self, pack: &Pack) -> Option<&'s str> {
        let text = self.answer_with_role(pack, Role::Thought)?.text.trim();
        (!text.is_empty()).then_some(text)
    }

    pub fn rating(&self, pack: &Pack, role: Role) -> Option<u8> {
        self.answer_with_role(pack, role)?.rating
    }

    pub fn is_finished(&self) -> bool {
        self.finished_at.is_some()
    }

    /// Begun and left with nothing in it: no client code, nothing typed,
    /// chosen or rated, not finished. Such a session is not kept as open.
    pub fn is_blank(&self) -> bool {
        self.client_code.is_none()
            && !self.group
            && self.previous.is_none()
            && !self.is_finished()
            && self.answers.values().all(Answer::is_empty)
    }

    fn next(&mut self, pack: &Pack, now: DateTime<FixedOffset>) -> Effect {
        if self.place == Place::RouteChoice {
            return match self.route_highlight() {
                Some(route) => self.choose_route(pack, route),
                None => Effect::Nothing,
            };
        }
        // An option that leads back (the reflection not recognised yet:
        // back to listening) – its choice is recorded all the same.
        if let Some(target) = self.chosen_back_to(pack)
            && let Some(place) = self.place.find_step(pack, self.openings(pack), &target)
        {
            return self.go(pack, place);
        }
        // Moving on with nothing picked records nothing: an answer not
        // given is not given (the highlight is not a choice).
        let next = self.next_place(pack);
        if next == Place::RouteChoice
            && matches!(self.place, Place::Before { .. } | Place::Opening { .. })
            && !self.reminded_this_pass
        {
            self.reminder = self.too_fast(pack, now);
            self.reminded_this_pass = self.reminder.is_some();
        }
        if next == Place::Done {
            self.finished_at = Some(now);
            self.place = Place::Done;
            return Effect::Finished;
        }
        self.go(pack, next)
    }

    /// What was typed on route c's small step, if anything.
    fn small_step(&self, pack: &Pack) -> Option<String> {
        let step = pack.all_steps().find(|s| s.role == Some(Role::SmallStep))?;
        let text = self.answers.get(&step.id)?.text.trim();
        (!text.is_empty()).then(|| text.to_string())
    }

    /// The step the chosen option of this step leads back to, if any.
    fn chosen_back_to(&self, pack: &Pack) -> Option<String> {
        let step = self.current_step(pack)?;
        let chosen = self.answers.get(&step.id)?.selected.last()?;
        step.options
            .iter()
            .find(|o| &o.id == chosen)?
            .back_to
            .clone()
    }

    fn back(&mut self, pack: &Pack) -> Effect {
        if self.place == Place::RouteChoice
            && let Some(from) = self.switching_from
        {
            return self.go(pack, from);
        }
        match self.previous_place(pack) {
            Some(previous) => self.go(pack, previous),
            None => Effect::Nothing,
        }
    }

    fn go(&mut self, pack: &Pack, place: Place) -> Effect {
        self.switching_from = None;
        // Back at the routes after one was taken, that one is highlighted.
        self.route_highlighted = place == Place::RouteChoice && self.current_route.is_some();
        self.cursor = match place {
            Place::RouteChoice => self.current_route.unwrap_or(0),
            _ => 0,
        };
        self.place = place;
        self.digits = None;
        if let Some(step) = self.current_step(pack) {
            let id = step.id.clone();
            let first_visit = !self.answers.contains_key(&id);
            let proposed = (first_visit && step.role == Some(Role::NextStep))
                .then(|| self.small_step(pack))
                .flatten();
            let answer = self.answer_mut(&id);
            // The small step agreed in route c is the next step proposed
            // at afronden (and can be changed there): so the next
            // terugblik shows what was agreed.
            if let Some(text) = proposed {
                answer.text = text;
            }
        }
        Effect::Moved
    }

    fn open_route_choice(&mut self, pack: &Pack) -> Effect {
        match self.place {
            Place::Route { .. } | Place::After { .. } => {
                let from = self.place;
                let moved = self.go(pack, Place::RouteChoice);
                self.switching_from = Some(from);
                moved
            }
            _ => Effect::Nothing,
        }
    }

    fn choose_route(&mut self, pack: &Pack, index: usize) -> Effect {
        let Some(route) = pack.routes.get(index) else {
            return Effect::Nothing;
        };
        if !matches!(self.place, Place::RouteChoice) {
            return Effect::Nothing;
        }
        if !self.routes.contains(&route.id) {
            self.routes.push(route.id.clone());
        }
        self.current_route = Some(index);
        self.reminded_this_pass = false;
        self.go(
            pack,
            Place::Route {
                route: index,
                step: 0,
            },
        )
    }

    /// The route highlighted on the route choice, if any.
    pub fn route_highlight(&self) -> Option<usize> {
        (self.place == Place::RouteChoice && self.route_highlighted).then_some(self.cursor)
    }

    fn move_cursor(&mut self, pack: &Pack, delta: isize) -> Effect {
        if self.place == Place::RouteChoice && !self.route_highlighted {
            // The first move lands on the first route (↑ on the last, End
            // on the last, PageDown a page in).
            let last = pack.routes.len().saturating_sub(1);
            self.route_highlighted = true;
            self.cursor = match delta {
                -1 => last,
                d if d < 0 => 0,
                d => usize::try_from(d - 1).unwrap_or(0).min(last),
            };
            return Effect::Edited;
        }
        let limit = match (&self.place, self.current_step(pack)) {
            (Place::RouteChoice, _) => pack.routes.len(),
            (_, Some(step)) if step.input.takes_options() => step.options.len(),
            // A summary scrolls; the renderer clamps the offset to its text.
            (_, Some(step)) if step.input == InputKind::Summary => usize::MAX,
            (_, Some(step)) if step.input == InputKind::Scale => {
                return self.adjust_rating(pack, if delta < 0 { 5 } else { -5 });
            }
            _ => return Effect::Nothing,
        };
        let moved = self
            .cursor
            .saturating_add_signed(delta)
            .min(limit.saturating_sub(1));
        if moved == self.cursor {
            return Effect::Nothing;
        }
        self.cursor = moved;
        Effect::Edited
    }

    fn toggle(&mut self, pack: &Pack) -> Effect {
        let Some(step) = self.current_step(pack) else {
            return Effect::Nothing;
        };
        let Some(option) = step.options.get(self.cursor) else {
            return Effect::Nothing;
        };
        let (id, single) = (option.id.clone(), step.input == InputKind::Single);
        let step_id = step.id.clone();
        let selected = &mut self.answer_mut(&step_id).selected;
        if single {
            *selected = vec![id];
        } else if let Some(pos) = selected.iter().position(|s| *s == id) {
            selected.remove(pos);
        } else {
            selected.push(id);
        }
        Effect::Edited
    }

    fn scale_step(&self, pack: &Pack) -> Option<String> {
        self.current_step(pack)
            .filter(|s| s.input == InputKind::Scale)
            .map(|s| s.id.clone())
    }

    fn adjust_rating(&mut self, pack: &Pack, delta: i16) -> Effect {
        let Some(id) = self.scale_step(pack) else {
            return Effect::Nothing;
        };
        self.digits = None;
        let answer = self.answer_mut(&id);
        let from = answer.rating.map_or(50, i16::from);
        let to = if answer.rating.is_none() {
            50
        } else {
            (from + delta).clamp(0, 100)
        };
        answer.rating = u8::try_from(to).ok();
        Effect::Edited
    }

    fn clear_rating(&mut self, pack: &Pack) -> Effect {
        let Some(id) = self.scale_step(pack) else {
            return Effect::Nothing;
        };
        self.digits = None;
        match self.answer_mut(&id).rating.take() {
            Some(_) => Effect::Edited,
            None => Effect::Nothing,
        }
    }

    fn rating_digit(&mut self, pack: &Pack, digit: u8) -> Effect {
        let Some(id) = self.scale_step(pack) else {
            return Effect::Nothing;
        };
        let digit = u16::from(digit.min(9));
        let appended = self.digits.map(|r| r * 10 + digit);
        let value = appended.filter(|v| *v <= 100).unwrap_or(digit);
        self.digits = Some(value);
        self.answer_mut(&id).rating = u8::try_from(value).ok();
        Effect::Edited
    }

    fn set_text(&mut self, pack: &Pack, text: String) -> Effect {
        let Some(step) = self.current_step(pack).filter(|s| s.notes) else {
            return Effect::Nothing;
        };
        let (id, per_participant) = (step.id.clone(), step.input == InputKind::Perspectives);
        let participant = self.participant;
        let answer = self.answer_mut(&id);
        let slot = if per_participant {
            if answer.perspectives.len() <= participant {
                answer.perspectives.resize(participant + 1, String::new());
            }
            &mut answer.perspectives[participant]
        } else {
            &mut answer.text
        };
        if *slot == text {
            return Effect::Nothing;
        }
        *slot = text;
        Effect::Edited
    }

    fn set_impression(&mut self, pack: &Pack, text: String) -> Effect {
        let Some(step) = self
            .current_step(pack)
            .filter(|s| voices(s).contains(&Voice::Impression))
        else {
            return Effect::Nothing;
        };
        let id = step.id.clone();
        let answer = self.answer_mut(&id);
        if answer.impression == text {
            return Effect::Nothing;
        }
        answer.impression = text;
        Effect::Edited
    }

    /// The volunteer's own observation on the current step.
    pub fn current_impression(&self, pack: &Pack) -> String {
        self.current_step(pack)
            .and_then(|s| self.answer(&s.id))
            .map(|a| a.impression.clone())
            .unwrap_or_default()
    }

    /// The text being written now: the step's notes, or the current
    /// participant's column.
    pub fn current_text(&self, pack: &Pack) -> String {
        let Some(step) = self.current_step(pack) else {
            return String::new();
        };
        let answer = self.answer(&step.id);
        if step.input == InputKind::Perspectives {
            answer
                .and_then(|a| a.perspectives.get(self.participant))
                .cloned()
                .unwrap_or_default()
        } else {
            answer.map(|a| a.text.clone()).unwrap_or_default()
        }
    }

    /// How many columns a perspectives step shows (at least two).
    pub fn participants(&self, pack: &Pack) -> usize {
        self.current_step(pack)
            .and_then(|s| self.answer(&s.id))
            .map_or(0, |a| a.perspectives.len())
            .max(self.participant + 1)
            .max(2)
    }

    fn add_participant(&mut self, pack: &Pack) -> Effect {
        if self.participants(pack) >= MAX_PARTICIPANTS {
            return Effect::Nothing;
        }
        if !self
            .current_step(pack)
            .is_some_and(|s| s.input == InputKind::Perspectives)
        {
            return Effect::Nothing;
        }
        self.participant = self.participants(pack);
        Effect::Moved
    }

    fn select_participant(&mut self, pack: &Pack, i: usize) -> Effect {
        let is_perspectives = self
            .current_step(pack)
            .is_some_and(|s| s.input == InputKind::Perspectives);
        if !is_perspectives || i >= self.participants(pack) || i == self.participant {
            return Effect::Nothing;
        }
        self.participant = i;
        Effect::Moved
    }

    /// "Te snel willen gaan": on the way to the routes too soon, or before
    /// the thought was recognised.
    fn too_fast(&self, pack: &Pack, now: DateTime<FixedOffset>) -> Option<Reminder> {
        if !self.reminders {
            return None;
        }
        let minutes =
            u32::try_from((now - self.started_at).num_minutes().max(0)).unwrap_or(u32::MAX);
        let early = pack
            .signals
            .too_fast_minutes
            .filter(|limit| minutes < *limit)
            .map(|_| minutes);
        let recognised = self
            .answer_with_role(pack, Role::Recognised)
            .is_some_and(|a| {
                a.selected
                    .iter()
                    .any(|s| pack.signals.recognised.contains(s))
            });
        let unrecognised = pack.step_with_role(Role::Recognised).is_some() && !recognised;
        (early.is_some() || unrecognised).then_some(Reminder {
            early,
            unrecognised,
        })
    }

    /// A labelling word in the notes of the current step, if the pack lists
    /// one ("een stempel drukken"): only for notes that go into the client's
    /// take-home summary.
    pub fn labelling_word<'p>(&self, pack: &'p Pack) -> Option<&'p str> {
        if !self.reminders {
            return None;
        }
        let step = self.current_step(pack)?;
        if step.input != InputKind::Text || step.role == Some(Role::Thought) {
            return None;
        }
        let answer = self.answer(&step.id)?;
        labelling_word(pack, &answer.text).or_else(|| labelling_word(pack, &answer.impression))
    }

    fn answer_mut(&mut self, step_id: &str) -> &mut Answer {
        if !self.answers.contains_key(step_id) {
            self.answered.push(step_id.to_string());
        }
        self.answers.entry(step_id.to_string()).or_default()
    }
}

/// The first of the pack's labelling words that starts a word in `text`.
pub fn labelling_word<'p>(pack: &'p Pack, text: &str) -> Option<&'p str> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    pack.signals
        .labelling_words
        .iter()
        .find(|label| words.iter().any(|w| w.starts_with(label.as_str())))
        .map(String::as_str)
}

#[cfg(test)]
mod tests;
