//! The JSON a session is saved as. It holds the answers by step id plus the
//! key facts (thought, ratings, next step) so it reads well without the pack.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::content::{Pack, Role};
use crate::session::{Answer, Place, Session};

/// Bumped when the shape of a record changes incompatibly.
pub const RECORD_SCHEMA: u32 = 1;

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
    /// Where the session was, to resume it.
    pub place: SavedPlace,
    pub thought: Option<String>,
    pub patterns: Vec<String>,
    pub recognised: Option<String>,
    pub belief_before: Option<u8>,
    pub belief_after: Option<u8>,
    pub next_step: Option<String>,
    /// Every answer, by step id.
    pub answers: BTreeMap<String, Answer>,
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
    fn of(place: Place, pack: &Pack) -> Self {
        let step_id = || place.step(pack).map(|s| s.id.clone()).unwrap_or_default();
        match place {
            Place::Before { phase, .. } => SavedPlace::Phase {
                phase: pack
                    .before
                    .get(phase)
                    .map(|p| p.id.clone())
                    .unwrap_or_default(),
                step: step_id(),
            },
            Place::After { phase, .. } => SavedPlace::Phase {
                phase: pack
                    .after
                    .get(phase)
                    .map(|p| p.id.clone())
                    .unwrap_or_default(),
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
            place: SavedPlace::of(session.place, pack),
            thought: text_of(Role::Thought),
            patterns: selected_of(Role::Patterns),
            recognised: selected_of(Role::Recognised).into_iter().next(),
            belief_before: session.rating(pack, Role::BeliefBefore),
            belief_after: session.rating(pack, Role::BeliefAfter),
            next_step: text_of(Role::NextStep),
            answers: session
                .answers
                .iter()
                .filter(|(_, a)| !a.is_empty())
                .map(|(k, a)| (k.clone(), a.clone()))
                .collect(),
        }
    }
}
