use crate::content::{Pack, Step};

/// Where in the flow the session is. Indices point into the pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Before { phase: usize, step: usize },
    RouteChoice,
    Route { route: usize, step: usize },
    After { phase: usize, step: usize },
    Done,
}

impl Place {
    /// The first step of the pack; a pack without opening phases starts at
    /// the route choice.
    pub fn first(pack: &Pack) -> Self {
        first_of(&pack.before, |phase, step| Place::Before { phase, step })
            .unwrap_or(Place::RouteChoice)
    }

    pub fn step(self, pack: &Pack) -> Option<&Step> {
        match self {
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
            Place::Before { phase, step } => next_in(&pack.before, phase, step, |phase, step| {
                Place::Before { phase, step }
            })
            .unwrap_or(Place::RouteChoice),
            Place::RouteChoice => Place::RouteChoice,
            Place::Route { route, step } => {
                let len = pack.routes.get(route).map_or(0, |r| r.steps.len());
                if step + 1 < len {
                    Place::Route {
                        route,
                        step: step + 1,
                    }
                } else {
                    first_of(&pack.after, |phase, step| Place::After { phase, step })
                        .unwrap_or(Place::Done)
                }
            }
            Place::After { phase, step } => next_in(&pack.after, phase, step, |phase, step| {
                Place::After { phase, step }
            })
            .unwrap_or(Place::Done),
            Place::Done => Place::Done,
        }
    }

    /// The step before this one, or None at the very first step.
    pub fn previous(self, pack: &Pack, current_route: Option<usize>) -> Option<Place> {
        let last_before = || last_of(&pack.before, |phase, step| Place::Before { phase, step });
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
            Place::Before { phase, step } => {
                previous_in(&pack.before, phase, step, |phase, step| Place::Before {
                    phase,
                    step,
                })
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
            Place::After { phase, step } => Some(
                previous_in(&pack.after, phase, step, |phase, step| Place::After {
                    phase,
                    step,
                })
                .unwrap_or_else(last_route),
            ),
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
