//! The JSON a session is saved as. It holds the answers by step id plus the
//! key facts (thought, ratings, next step) so it reads well without the pack,
//! and the place by ids so it can be resumed after the pack was edited.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::content::{Pack, Phase, Role};
use crate::session::{Answer, Place, Previous, Session};

/// Bumped when the shape of a record changes incompatibly. 2: the other
/// person's words and the volunteer's impression apart (see
/// [`SessionRecord::migrate_from_one`]).
pub const RECORD_SCHEMA: u32 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionRecord {
    pub schema: u32,
    pub id: String,
    pub started_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
    pub finished_at: Option<DateTime<FixedOffset>>,
    pub client_code: Option<String>,
    pub pack: PackRef,
    /// Route ids in the order they were taken.
    pub routes: Vec<String>,
    /// The route being walked when the session was saved.
    #[serde(default)]
    pub current_route: Option<String>,
    /// Where the session was, to resume it.
    pub place: SavedPlace,
    /// A group conversation (it opened with the group phases).
    #[serde(default)]
    pub group: bool,
    pub thought: Option<String>,
    pub patterns: Vec<String>,
    pub recognised: Option<String>,
    pub belief_before: Option<u8>,
    pub belief_after: Option<u8>,
    pub next_step: Option<String>,
    /// What was agreed last time, as it was shown at the start.
    #[serde(default)]
    pub previous: Option<Previous>,
    /// Every answer, by step id.
    pub answers: BTreeMap<String, Answer>,
    /// The step ids of the answers in the order they were first given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub order: Vec<String>,
    /// How the session was made: "gesprek" (a conversation), "oefenen"
    /// (practice on one's own) or "demo" (the trainer's walk-through).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// The exercise (phase id) a practice session is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exercise: Option<String>,
    /// Saved from the demo: never offered to resume as a conversation.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub demo: bool,
    /// The tips were hidden (the screen turned to the client) when last
    /// saved: a resumed session comes back the same way.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub tips_hidden: bool,
}

/// Which content the note was made with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackRef {
    pub id: String,
    pub version: String,
    pub lang: String,
}

/// A place in the flow by ids, so a record survives edits to the pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "in", rename_all = "snake_case")]
pub enum SavedPlace {
    Phase { phase: String, step: String },
    RouteChoice,
    Route { route: String, step: String },
    Done,
}

impl SavedPlace {
    fn of(place: Place, pack: &Pack, openings: &[Phase]) -> Self {
        let step_id = || {
            place
                .step(pack, openings)
                .map(|s| s.id.clone())
                .unwrap_or_default()
        };
        let phase_id = |phases: &[Phase], i: usize| phases.get(i).map(|p| p.id.clone());
        match place {
            Place::Opening { phase, .. } => SavedPlace::Phase {
                phase: phase_id(openings, phase).unwrap_or_default(),
                step: step_id(),
            },
            Place::Solo { phase, .. } => SavedPlace::Phase {
                phase: pack
                    .solo_phases()
                    .nth(phase)
                    .map(|p| p.id.clone())
                    .unwrap_or_default(),
                step: step_id(),
            },
            Place::Before { phase, .. } => SavedPlace::Phase {
                phase: phase_id(&pack.before, phase).unwrap_or_default(),
                step: step_id(),
            },
            Place::After { phase, .. } => SavedPlace::Phase {
                phase: phase_id(&pack.after, phase).unwrap_or_default(),
                step: step_id(),
            },
            Place::RouteChoice => SavedPlace::RouteChoice,
            Place::Route { route, .. } => SavedPlace::Route {
                route: pack
                    .routes
                    .get(route)
                    .map(|r| r.id.clone())
                    .unwrap_or_default(),
                step: step_id(),
            },
            Place::Done => SavedPlace::Done,
        }
    }

    /// The place in this pack; a step that no longer exists falls back to
    /// the start of its phase or route, and an unknown phase to the route
    /// choice – the answers are kept either way.
    fn resolve(&self, pack: &Pack, openings: &[Phase]) -> Place {
        let find = |phases: &[Phase], phase: &str, step: &str| {
            let (pi, p) = phases.iter().enumerate().find(|(_, p)| p.id == phase)?;
            let si = p.steps.iter().position(|s| s.id == step).unwrap_or(0);
            Some((pi, si))
        };
        match self {
            SavedPlace::Phase { phase, step } => {
                let solo: Vec<Phase> = pack.solo_phases().cloned().collect();
                if let Some((phase, step)) = find(openings, phase, step) {
                    Place::Opening { phase, step }
                } else if let Some((phase, step)) = find(&pack.before, phase, step) {
                    Place::Before { phase, step }
                } else if let Some((phase, step)) = find(&pack.after, phase, step) {
                    Place::After { phase, step }
                } else if let Some((phase, step)) = find(&solo, phase, step) {
                    Place::Solo { phase, step }
                } else {
                    Place::RouteChoice
                }
            }
            SavedPlace::RouteChoice => Place::RouteChoice,
            SavedPlace::Route { route, step } => {
                match pack.routes.iter().position(|r| r.id == *route) {
                    Some(ri) => Place::Route {
                        route: ri,
                        step: pack.routes[ri]
                            .steps
                            .iter()
                            .position(|s| s.id == *step)
                            .unwrap_or(0),
                    },
                    None => Place::RouteChoice,
                }
            }
            SavedPlace::Done => Place::Done,
        }
    }
}

impl SessionRecord {
    pub fn from_session(
        id: &str,
        session: &Session,
        pack: &Pack,
        now: DateTime<FixedOffset>,
    ) -> Self {
        let text_of = |role| {
            session
                .answer_with_role(pack, role)
                .map(|a| a.text.trim().to_string())
                .filter(|t| !t.is_empty())
        };
        let selected_of = |role| {
            session
                .answer_with_role(pack, role)
                .map(|a| a.selected.clone())
                .unwrap_or_default()
        };
        SessionRecord {
            schema: RECORD_SCHEMA,
            id: id.to_string(),
            started_at: session.started_at,
            updated_at: now,
            finished_at: session.finished_at,
            client_code: session.client_code.clone(),
            pack: PackRef {
                id: pack.id.clone(),
                version: pack.version.clone(),
                lang: pack.lang.clone(),
            },
            routes: session.routes.clone(),
            current_route: session
                .current_route
                .and_then(|i| pack.routes.get(i))
                .map(|r| r.id.clone()),
            place: SavedPlace::of(session.place, pack, session.openings(pack)),
            group: session.group,
            thought: text_of(Role::Thought),
            patterns: selected_of(Role::Patterns),
            recognised: selected_of(Role::Recognised).into_iter().next(),
            belief_before: session.rating(pack, Role::BeliefBefore),
            belief_after: session.rating(pack, Role::BeliefAfter),
            next_step: text_of(Role::NextStep),
            previous: session.previous.clone(),
            answers: session
                .answers
                .iter()
                .filter(|(_, a)| !a.is_empty())
                .map(|(k, a)| {
                    let route = pack
                        .routes
                        .iter()
                        .find(|r| r.steps.iter().any(|s| s.id == *k))
                        .map(|r| r.id.clone());
                    (k.clone(), Answer { route, ..a.clone() })
                })
                .collect(),
            order: session
                .answered
                .iter()
                .filter(|id| session.answers.get(*id).is_some_and(|a| !a.is_empty()))
                .cloned()
                .collect(),
            mode: None,
            exercise: if session.quiz {
                Some(crate::session::recognition::QUIZ.to_string())
            } else {
                session
                    .solo
                    .and_then(|i| pack.solo_phases().nth(i))
                    .map(|p| p.id.clone())
            },
            demo: session.demo,
            tips_hidden: false,
        }
    }

    /// The session as it was, to carry on where it stopped.
    pub fn to_session(&self, pack: &Pack) -> Session {
        let mut session = Session::following(
            pack,
            self.started_at,
            self.client_code.clone(),
            self.previous.clone(),
        );
        session.finished_at = self
            .finished_at
            .or((self.place == SavedPlace::Done).then_some(self.updated_at));
        session.group = self.group;
        session.alone = self.mode.as_deref() == Some("oefenen");
        session.routes = self.routes.clone();
        session.current_route = self
            .current_route
            .as_ref()
            .or(self.routes.last())
            .and_then(|id| pack.routes.iter().position(|r| r.id == *id));
        session.answers = self.answers.clone();
        // The order as it was; answers of a record without one (older
        // versions) after it, by step id.
        session.answered = self
            .order
            .iter()
            .filter(|id| self.answers.contains_key(*id))
            .chain(self.answers.keys().filter(|id| !self.order.contains(id)))
            .cloned()
            .collect();
        session.demo = self.demo;
        session.quiz = self.exercise.as_deref() == Some(crate::session::recognition::QUIZ);
        session.solo = self
            .exercise
            .as_ref()
            .and_then(|id| pack.solo_phases().position(|p| p.id == *id));
        session.place = self.place.resolve(pack, session.openings(pack));
        if session.place == Place::RouteChoice {
            session.cursor = session.current_route.unwrap_or(0);
        }
        session
    }

    /// What the next session with this client starts from.
    pub fn as_previous(&self) -> Previous {
        Previous {
            started_at: self.started_at,
            thought: self.thought.clone(),
            next_step: self.next_step.clone(),
            belief: self.belief_after.or(self.belief_before),
        }
    }

    /// A schema-1 record had one note per step for both voices, so which
    /// words were the other person's and which the volunteer's own cannot
    /// be told. To keep the volunteer's from ever reaching a client sheet,
    /// every note counts as the volunteer's impression – except the thought
    /// and the agreed next step, which the record also keeps apart as the
    /// other person's words. Written as schema 2 at the next save.
    pub fn migrate_from_one(&mut self) {
        let theirs = |text: &str, of: &Option<String>| {
            of.as_deref()
                .is_some_and(|t| !t.trim().is_empty() && t.trim() == text.trim())
        };
        for answer in self.answers.values_mut() {
            if answer.text.trim().is_empty()
                || theirs(&answer.text, &self.thought)
                || theirs(&answer.text, &self.next_step)
            {
                continue;
            }
            let text = std::mem::take(&mut answer.text);
            answer.impression = if answer.impression.is_empty() {
                text
            } else {
                format!("{text}\n{}", answer.impression)
            };
        }
        self.schema = RECORD_SCHEMA;
    }

    /// Finished: with its time, or at the end without one (a record written
    /// by hand or by an older version) – then it opens on its summary.
    pub fn is_finished(&self) -> bool {
        self.finished_at.is_some() || self.place == SavedPlace::Done
    }
}
