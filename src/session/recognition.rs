//! The exercise "denkpatronen herkennen": classify example thoughts, with
//! feedback. Pure state; the examples come from the pack.

use crate::content::{Example, Pack};

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

    /// Answers that fit their example: its pattern or one that fits too.
    pub fn score(&self, pack: &Pack) -> usize {
        self.answers
            .iter()
            .zip(&pack.examples)
            .filter(|(a, e)| e.fits(a))
            .count()
    }
}
