//! The exercise "denkpatronen herkennen": classify example thoughts, with
//! feedback. Pure state; the examples come from the pack.

use chrono::{DateTime, FixedOffset};

use crate::content::{Example, Pack};

/// How a saved recognition exercise is named in its record (`exercise`),
/// and the prefix of its answers (one per example, by the example's id).
pub const QUIZ: &str = "denkpatronen-herkennen";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recognition {
    /// The example being shown (index into the pack's examples).
    pub index: usize,
    /// The highlighted pattern: none until the user moves to one, so that
    /// Enter never answers for them.
    pub cursor: Option<usize>,
    /// The pattern id chosen for each example so far.
    pub answers: Vec<String>,
    /// The pack's patterns with a brochure source, in order.
    patterns: Vec<String>,
    total: usize,
    /// Handed to the writer once finished.
    pub saved: bool,
    /// When the exercise began (the saved session's start).
    pub started: Option<DateTime<FixedOffset>>,
}

impl Recognition {
    pub fn new(pack: &Pack) -> Self {
        let patterns = pack
            .brochure_patterns()
            .into_iter()
            .map(|o| o.id.clone())
            .collect();
        Recognition {
            index: 0,
            cursor: None,
            answers: Vec::new(),
            patterns,
            total: pack.examples.len(),
            saved: false,
            started: None,
        }
    }

    pub fn total(&self) -> usize {
        self.total
    }

    pub fn current<'p>(&self, pack: &'p Pack) -> Option<&'p Example> {
        pack.examples.get(self.index)
    }

    /// The answer given to the example on screen, once given.
    pub fn answer(&self) -> Option<&str> {
        self.answers.get(self.index).map(String::as_str)
    }

    pub fn is_finished(&self) -> bool {
        self.index >= self.total()
    }

    /// Moves the highlight by `delta` patterns (the first move from none
    /// lands on the first or last).
    pub fn move_cursor(&mut self, delta: isize) {
        if self.answer().is_some() || self.patterns.is_empty() {
            return;
        }
        let last = self.patterns.len() - 1;
        self.cursor = Some(match self.cursor {
            None if delta < 0 => last,
            None => 0,
            Some(c) => c.saturating_add_signed(delta).min(last),
        });
    }

    /// Enter: answer with the highlighted pattern, or go on after feedback.
    /// Returns false when the exercise is over.
    pub fn enter(&mut self) -> bool {
        if self.is_finished() {
            return false;
        }
        if self.answer().is_none() {
            if let Some(p) = self.cursor.and_then(|c| self.patterns.get(c)) {
                self.answers.push(p.clone());
            }
        } else {
            self.index += 1;
            self.cursor = None;
        }
        true
    }

    /// The exercise as a finished practice session, to keep under "Mijn
    /// oefeningen": each example's answer, by the example's id.
    pub fn to_session(
        &self,
        pack: &Pack,
        started: DateTime<FixedOffset>,
        now: DateTime<FixedOffset>,
    ) -> crate::session::Session {
        let mut session = crate::session::Session::new(pack, started, None);
        session.quiz = true;
        for (example, answer) in pack.examples.iter().zip(&self.answers) {
            let id = answer_id(&example.id);
            session.answers.entry(id.clone()).or_default().selected = vec![answer.clone()];
            session.answered.push(id);
        }
        session.finished_at = Some(now);
        session.place = crate::session::Place::Done;
        session
    }

    /// Answers that fit their example: its pattern or one that fits too.
    pub fn score(&self, pack: &Pack) -> usize {
        self.answers
            .iter()
            .zip(&pack.examples)
            .filter(|(a, e)| e.fits(a))
            .count()
    }
}

/// The answer id of an example in a saved exercise.
pub fn answer_id(example: &str) -> String {
    format!("{QUIZ}:{example}")
}

/// Right answers and examples answered, read back from a saved exercise.
pub fn saved_score(session: &crate::session::Session, pack: &Pack) -> (usize, usize) {
    let mut right = 0;
    let mut answered = 0;
    for example in &pack.examples {
        let Some(chosen) = session
            .answers
            .get(&answer_id(&example.id))
            .and_then(|a| a.selected.first())
        else {
            continue;
        };
        answered += 1;
        if example.fits(chosen) {
            right += 1;
        }
    }
    (right, answered)
}
