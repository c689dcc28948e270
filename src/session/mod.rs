//! The conversation as a state machine: pure, driven by the content pack,
//! with time passed in. No terminal, no files, no clock reads.

mod answer;
pub mod client_code;
mod place;

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};

use crate::content::{InputKind, Pack, Role, Step};

pub use answer::Answer;
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
    /// Tick or untick the highlighted option.
    Toggle,
    /// Change the 0–100 rating by this much.
    AdjustRating(i16),
    /// Type a digit into the rating.
    RatingDigit(u8),
    /// Replace the notes of the current step.
    SetText(String),
    /// Open the route choice, to switch route or add a second one.
    OpenRouteChoice,
    /// Start the route with this index (from the route choice).
    ChooseRoute(usize),
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
        Session {
            started_at,
            finished_at: None,
            client_code,
            place: Place::first(pack, previous.is_some()),
            routes: Vec::new(),
            current_route: None,
            answers: BTreeMap::new(),
            cursor: 0,
            digits: None,
            previous,
        }
    }

    pub fn update(&mut self, pack: &Pack, action: Action, now: DateTime<FixedOffset>) -> Effect {
        if self.place == Place::Done {
            return Effect::Nothing;
        }
        match action {
            Action::Next => self.next(pack, now),
            Action::Back => self.back(pack),
            Action::CursorUp => self.move_cursor(pack, -1),
            Action::CursorDown => self.move_cursor(pack, 1),
            Action::Toggle => self.toggle(pack),
            Action::AdjustRating(delta) => self.adjust_rating(pack, delta),
            Action::RatingDigit(d) => self.rating_digit(pack, d),
            Action::SetText(text) => self.set_text(pack, text),
            Action::OpenRouteChoice => self.open_route_choice(pack),
            Action::ChooseRoute(i) => self.choose_route(pack, i),
        }
    }

    pub fn current_step<'p>(&self, pack: &'p Pack) -> Option<&'p Step> {
        self.place.step(pack)
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

    fn next(&mut self, pack: &Pack, now: DateTime<FixedOffset>) -> Effect {
        if self.place == Place::RouteChoice {
            return self.choose_route(pack, self.cursor);
        }
        // On a single choice, moving on with nothing picked picks the highlight.
        if let Some(step) = self.current_step(pack)
            && step.input == InputKind::Single
            && self
                .answers
                .get(&step.id)
                .is_none_or(|a| a.selected.is_empty())
            && let Some(option) = step.options.get(self.cursor)
        {
            let id = option.id.clone();
            self.answer_mut(&step.id).selected = vec![id];
        }
        let next = self.place.next(pack);
        if next == Place::Done {
            self.finished_at = Some(now);
            self.place = Place::Done;
            return Effect::Finished;
        }
        self.go(pack, next)
    }

    fn back(&mut self, pack: &Pack) -> Effect {
        match self
            .place
            .previous(pack, self.current_route, self.previous.is_some())
        {
            Some(previous) => self.go(pack, previous),
            None => Effect::Nothing,
        }
    }

    fn go(&mut self, pack: &Pack, place: Place) -> Effect {
        self.cursor = match place {
            Place::RouteChoice => self.current_route.unwrap_or(0),
            _ => 0,
        };
        self.place = place;
        self.digits = None;
        if let Some(step) = self.current_step(pack) {
            let id = step.id.clone();
            self.answer_mut(&id);
        }
        Effect::Moved
    }

    fn open_route_choice(&mut self, pack: &Pack) -> Effect {
        match self.place {
            Place::Route { .. } | Place::After { .. } => self.go(pack, Place::RouteChoice),
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
        self.go(
            pack,
            Place::Route {
                route: index,
                step: 0,
            },
        )
    }

    fn move_cursor(&mut self, pack: &Pack, delta: isize) -> Effect {
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
        let id = step.id.clone();
        let answer = self.answer_mut(&id);
        if answer.text == text {
            return Effect::Nothing;
        }
        answer.text = text;
        Effect::Edited
    }

    fn answer_mut(&mut self, step_id: &str) -> &mut Answer {
        self.answers.entry(step_id.to_string()).or_default()
    }
}

#[cfg(test)]
mod tests;
