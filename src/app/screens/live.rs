//! A session on screen: the session itself, its two note fields (the other
//! person's words and the volunteer's own impression), and which part of
//! the step has the keyboard.

use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::super::effect::Folder;
use crate::content::{InputKind, Pack};
use crate::session::{Action, Effect as Moved, Session, Voice, voices};

/// Which part of a step has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The options or the scale.
    Input,
    /// The step's main note field.
    Note,
    /// The volunteer's own impression, below the other person's words.
    Impression,
}

pub struct Live {
    pub folder: Folder,
    pub id: String,
    pub session: Session,
    /// The step's main note: the other person's words, or – on a step that
    /// is the volunteer's judgement – the volunteer's own.
    pub notes: TextArea<'static>,
    /// The volunteer's impression, on steps that have both voices.
    pub impression: TextArea<'static>,
    pub focus: Focus,
    /// Practising alone: the words are one's own, not another person's.
    pub alone: bool,
    /// A field changed since the session last took its text.
    pub dirty: bool,
}

impl Live {
    /// A session put on screen, its fields filled from the step it is at.
    pub fn new(
        folder: Folder,
        id: String,
        session: Session,
        pack: &Pack,
        muted: Style,
        alone: bool,
    ) -> Live {
        let mut live = Live {
            folder,
            id,
            session,
            notes: TextArea::default(),
            impression: TextArea::default(),
            focus: Focus::Note,
            alone,
            dirty: false,
        };
        live.new_field(pack, muted);
        live
    }

    /// The step has options or a scale above its notes.
    pub fn has_choices(&self, pack: &Pack) -> bool {
        self.session
            .current_step(pack)
            .is_some_and(|s| s.input.takes_options() || s.input == InputKind::Scale)
    }

    /// The voices of the step's fields: the main one, then the impression
    /// where there is one.
    pub fn voices(&self, pack: &Pack) -> &'static [Voice] {
        self.session.current_step(pack).map_or(&[], voices)
    }

    /// The voices shown: with the tips hidden (the screen turned to the
    /// client) only the first – the volunteer's own impression is not
    /// shown, nor reached with Tab.
    pub fn shown_voices(&self, pack: &Pack, hide_tips: bool) -> &'static [Voice] {
        let all = self.voices(pack);
        if hide_tips && all.len() > 1 {
            &all[..1]
        } else {
            all
        }
    }

    /// Whether typed text goes into a note field now.
    pub fn note_focused(&self, pack: &Pack) -> bool {
        let Some(step) = self.session.current_step(pack) else {
            return false;
        };
        step.notes && (self.focus != Focus::Input || !self.has_choices(pack))
    }

    /// The field that typing goes into (when a note has the keyboard).
    pub fn field_mut(&mut self) -> &mut TextArea<'static> {
        match self.focus {
            Focus::Impression => &mut self.impression,
            _ => &mut self.notes,
        }
    }

    pub(super) fn new_field(&mut self, pack: &Pack, placeholder: Style) {
        let texts = &pack.ui.session;
        let voices = self.voices(pack);
        // Practising alone the words and the note are one's own.
        let (words_hint, impression_hint) = if self.alone {
            (&texts.own_placeholder, &texts.own_note_placeholder)
        } else {
            (&texts.notes_placeholder, &texts.impression_placeholder)
        };
        let impression = self.session.current_impression(pack);
        let (main, main_hint) = match voices.first() {
            Some(Voice::Impression) => (impression.clone(), impression_hint),
            _ => (self.session.current_text(pack), words_hint),
        };
        self.notes = note_field(&main, main_hint, placeholder);
        self.impression = note_field(&impression, impression_hint, placeholder);
        // The step's main input has the keyboard first: the note where the
        // note is the answer, the options or scale where they are.
        self.focus = if self.has_choices(pack) {
            Focus::Input
        } else {
            Focus::Note
        };
        self.dirty = false;
        self.show_cursor(pack);
    }

    pub(super) fn show_cursor(&mut self, pack: &Pack) {
        let on = self.note_focused(pack);
        let cursor = |yes: bool| {
            if yes {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            }
        };
        let second = self.focus == Focus::Impression;
        self.notes.set_cursor_style(cursor(on && !second));
        self.impression.set_cursor_style(cursor(on && second));
    }

    /// The session takes the fields' texts.
    pub(super) fn take_texts(
        &mut self,
        pack: &Pack,
        now: chrono::DateTime<chrono::FixedOffset>,
    ) -> bool {
        let voices = self.voices(pack);
        let main = self.notes.lines().join("\n");
        let main = match voices.first() {
            Some(Voice::Impression) => Action::SetImpression(main),
            _ => Action::SetText(main),
        };
        let mut edited = self.session.update(pack, main, now) == Moved::Edited;
        if voices.len() > 1 {
            let second = Action::SetImpression(self.impression.lines().join("\n"));
            edited |= self.session.update(pack, second, now) == Moved::Edited;
        }
        edited
    }
}

fn note_field(text: &str, hint: &str, placeholder: Style) -> TextArea<'static> {
    let mut field = TextArea::new(text.split('\n').map(str::to_string).collect());
    field.set_wrap_mode(WrapMode::WordOrGlyph);
    field.set_cursor_line_style(Style::new());
    field.set_placeholder_text(hint.to_string());
    field.set_placeholder_style(placeholder);
    field.set_max_histories(500);
    field.move_cursor(CursorMove::Bottom);
    field.move_cursor(CursorMove::End);
    field
}
