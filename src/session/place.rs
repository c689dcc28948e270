use crate::content::{Pack, Step};

/// Where in the flow the session is. Indices point into the pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Looking back at the previous session (only when there is one).
    Followup {
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
    Done,
}

fn followup(phase: usize, step: usize) -> Place {
    Place::Followup { phase, step }
}

fn before(phase: usize, step: usize) -> Place {
    Place::Before { phase, step }
}

fn after(phase: usize, step: usize) -> Place {
    Place::After { phase, step }
}

impl Place {
    /// The first step: the look back when there is a previous session, else
    /// the opening phases, else the route choice.
    pub fn first(pack: &Pack, has_previous: bool) -> Self {
        let look_back = has_previous
            .then(|| first_of(&pack.followup, followup))
            .flatten();
        look_back
            .or_else(|| first_of(&pack.before, before))
            .unwrap_or(Place::RouteChoice)
    }

    pub fn step(self, pack: &Pack) -> Option<&Step> {
        match self {
            Place::Followup { phase, step } => pack.followup.get(phase)?.steps.get(step),
            Place::Before { phase, step } => pack.before.get(phase)?.steps.get(step),
            Place::Route { route, step } => pack.routes.get(route)?.steps.get(step),
            Place::After { phase, step } => pack.after.get(phase)?.steps.get(step),
            Place::RouteChoice | Place::Done => None,
        }
    }

    /// The step after this one. From the last step of a route the session
    /// goes on to the closing phases; from the last of those, to Done.
    pub fn next(self, pack: &Pack) -> Place {
        match self {
            Place::Followup { phase, step } => next_in(&pack.followup, phase, step, followup)
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
            Place::Done => Place::Done,
        }
    }

    /// The step before this one, or None at the very first step.
    pub fn previous(
        self,
        pack: &Pack,
        current_route: Option<usize>,
        has_previous: bool,
    ) -> Option<Place> {
        let last_followup = || {
            has_previous
                .then(|| last_of(&pack.followup, followup))
                .flatten()
        };
        let last_before = || last_of(&pack.before, before).or_else(last_followup);
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
            Place::Followup { phase, step } => previous_in(&pack.followup, phase, step, followup),
            Place::Before { phase, step } => {
                previous_in(&pack.before, phase, step, before).or_else(last_followup)
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
            Place::Done => None,
        }
    }
}

type Make = fn(usize, usize) -> Place;

fn next_in(
    phases: &[crate::content::Phase],
    phase: usize,
    step: usize,
    make: Make,
) -> Option<Place> {
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

fn previous_in(
    phases: &[crate::content::Phase],
    phase: usize,
    step: usize,
    make: Make,
) -> Option<Place> {
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

fn first_of(phases: &[crate::content::Phase], make: Make) -> Option<Place> {
    phases
        .iter()
        .position(|p| !p.steps.is_empty())
        .map(|i| make(i, 0))
}

fn last_of(phases: &[crate::content::Phase], make: Make) -> Option<Place> {
    phases
        .iter()
        .enumerate()
        .rev()
        .find(|(_, p)| !p.steps.is_empty())
        .map(|(i, p)| make(i, p.steps.len() - 1))
}
