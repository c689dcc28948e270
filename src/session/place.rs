use crate::content::{Pack, Phase, Step};

/// Where in the flow the session is. Indices point into the pack; the
/// opening phases are the session's own (a look back, or a group's start).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The opening: looking back at the previous session, or a group's
    /// safe-atmosphere checklist and perspectives.
    Opening {
        phase: usize,
        step: usize,
    },
    Before {
        phase: usize,
        step: usize,
    },
    RouteChoice,
    Route {
        route: usize,
        step: usize,
    },
    After {
        phase: usize,
        step: usize,
    },
    /// One phase walked on its own: background or an exercise.
    Solo {
        phase: usize,
        step: usize,
    },
    Done,
}

fn opening(phase: usize, step: usize) -> Place {
    Place::Opening { phase, step }
}

fn before(phase: usize, step: usize) -> Place {
    Place::Before { phase, step }
}

fn after(phase: usize, step: usize) -> Place {
    Place::After { phase, step }
}

impl Place {
    /// The first step: the opening phases if any, else the opening phases
    /// of the pack, else the route choice.
    pub fn first(pack: &Pack, openings: &[Phase]) -> Self {
        first_of(openings, opening)
            .or_else(|| first_of(&pack.before, before))
            .unwrap_or(Place::RouteChoice)
    }

    pub fn step<'p>(self, pack: &'p Pack, openings: &'p [Phase]) -> Option<&'p Step> {
        match self {
            Place::Opening { phase, step } => openings.get(phase)?.steps.get(step),
            Place::Before { phase, step } => pack.before.get(phase)?.steps.get(step),
            Place::Route { route, step } => pack.routes.get(route)?.steps.get(step),
            Place::After { phase, step } => pack.after.get(phase)?.steps.get(step),
            Place::Solo { phase, step } => pack.solo_phases().nth(phase)?.steps.get(step),
            Place::RouteChoice | Place::Done => None,
        }
    }

    /// The step after this one. From the last step of a route the session
    /// goes on to the closing phases; from the last of those, to Done.
    pub fn next(self, pack: &Pack, openings: &[Phase]) -> Place {
        match self {
            Place::Opening { phase, step } => next_in(openings, phase, step, opening)
                .or_else(|| first_of(&pack.before, before))
                .unwrap_or(Place::RouteChoice),
            Place::Before { phase, step } => {
                next_in(&pack.before, phase, step, before).unwrap_or(Place::RouteChoice)
            }
            Place::RouteChoice => Place::RouteChoice,
            Place::Route { route, step } => {
                let len = pack.routes.get(route).map_or(0, |r| r.steps.len());
                if step + 1 < len {
                    Place::Route {
                        route,
                        step: step + 1,
                    }
                } else {
                    first_of(&pack.after, after).unwrap_or(Place::Done)
                }
            }
            Place::After { phase, step } => {
                next_in(&pack.after, phase, step, after).unwrap_or(Place::Done)
            }
            Place::Solo { phase, step } => {
                let len = pack.solo_phases().nth(phase).map_or(0, |p| p.steps.len());
                if step + 1 < len {
                    Place::Solo {
                        phase,
                        step: step + 1,
                    }
                } else {
                    Place::Done
                }
            }
            Place::Done => Place::Done,
        }
    }

    /// Where the step `id` is, in the part of the flow this place is in
    /// (the phases before the routes, the closing ones, or practice).
    pub fn find_step(self, pack: &Pack, openings: &[Phase], id: &str) -> Option<Place> {
        let find = |phases: &[Phase], make: Make| {
            phases.iter().enumerate().find_map(|(p, phase)| {
                phase
                    .steps
                    .iter()
                    .position(|s| s.id == id)
                    .map(|s| make(p, s))
            })
        };
        match self {
            Place::Opening { .. } | Place::Before { .. } => {
                find(openings, opening).or_else(|| find(&pack.before, before))
            }
            Place::After { .. } => find(&pack.after, after),
            Place::Solo { .. } => pack.solo_phases().enumerate().find_map(|(p, phase)| {
                phase
                    .steps
                    .iter()
                    .position(|s| s.id == id)
                    .map(|step| Place::Solo { phase: p, step })
            }),
            Place::Route { .. } | Place::RouteChoice | Place::Done => None,
        }
    }

    /// The step before this one, or None at the very first step.
    pub fn previous(
        self,
        pack: &Pack,
        current_route: Option<usize>,
        openings: &[Phase],
    ) -> Option<Place> {
        let last_opening = || last_of(openings, opening);
        let last_before = || last_of(&pack.before, before).or_else(last_opening);
        let last_route = || {
            current_route
                .and_then(|route| {
                    let len = pack.routes.get(route)?.steps.len();
                    Some(Place::Route {
                        route,
                        step: len.checked_sub(1)?,
                    })
                })
                .unwrap_or(Place::RouteChoice)
        };
        match self {
            Place::Opening { phase, step } => previous_in(openings, phase, step, opening),
            Place::Before { phase, step } => {
                previous_in(&pack.before, phase, step, before).or_else(last_opening)
            }
            Place::RouteChoice => last_before(),
            Place::Route { route, step } => Some(if step > 0 {
                Place::Route {
                    route,
                    step: step - 1,
                }
            } else {
                Place::RouteChoice
            }),
            Place::After { phase, step } => {
                Some(previous_in(&pack.after, phase, step, after).unwrap_or_else(last_route))
            }
            Place::Solo { phase, step } => {
                step.checked_sub(1).map(|step| Place::Solo { phase, step })
            }
            Place::Done => None,
        }
    }
}

type Make = fn(usize, usize) -> Place;

fn next_in(phases: &[Phase], phase: usize, step: usize, make: Make) -> Option<Place> {
    let len = phases.get(phase).map_or(0, |p| p.steps.len());
    if step + 1 < len {
        return Some(make(phase, step + 1));
    }
    phases
        .iter()
        .enumerate()
        .skip(phase + 1)
        .find(|(_, p)| !p.steps.is_empty())
        .map(|(i, _)| make(i, 0))
}

fn previous_in(phases: &[Phase], phase: usize, step: usize, make: Make) -> Option<Place> {
    if step > 0 {
        return Some(make(phase, step - 1));
    }
    phases
        .iter()
        .enumerate()
        .take(phase)
        .rev()
        .find(|(_, p)| !p.steps.is_empty())
        .map(|(i, p)| make(i, p.steps.len() - 1))
}

fn first_of(phases: &[Phase], make: Make) -> Option<Place> {
    phases
        .iter()
        .position(|p| !p.steps.is_empty())
        .map(|i| make(i, 0))
}

fn last_of(phases: &[Phase], make: Make) -> Option<Place> {
    phases
        .iter()
        .enumerate()
        .rev()
        .find(|(_, p)| !p.steps.is_empty())
        .map(|(i, p)| make(i, p.steps.len() - 1))
}
