//! Editing keys in a text field. Typed characters and the commands
//! (new line, undo, redo) come through the key table; this is what is left:
//! moving the cursor and deleting, each of which `Ctrl+Z` undoes. The
//! editor's own shortcuts are not used: its Ctrl+J deletes a line, which is
//! the key Enter becomes when the terminal leaves raw mode.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea};

/// Applies an editing key; true when the text changed. `multiline` fields
/// move between lines with the arrows.
pub fn edit(field: &mut TextArea<'static>, key: &KeyEvent, multiline: bool) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let word = ctrl || alt;
    match key.code {
        KeyCode::Backspace if word => field.delete_word(),
        KeyCode::Backspace => field.delete_char(),
        KeyCode::Char('h') if ctrl => field.delete_char(),
        KeyCode::Char('w') if ctrl => field.delete_word(),
        KeyCode::Delete if word => field.delete_next_word(),
        KeyCode::Char('d') if alt => field.delete_next_word(),
        KeyCode::Delete => field.delete_next_char(),
        code => {
            let to = match code {
                KeyCode::Left if word => CursorMove::WordBack,
                KeyCode::Right if word => CursorMove::WordForward,
                KeyCode::Left => CursorMove::Back,
                KeyCode::Right => CursorMove::Forward,
                KeyCode::Up if multiline => CursorMove::Up,
                KeyCode::Down if multiline => CursorMove::Down,
                KeyCode::Home if ctrl => CursorMove::Top,
                KeyCode::End if ctrl => CursorMove::Bottom,
                KeyCode::Home => CursorMove::Head,
                KeyCode::End => CursorMove::End,
                KeyCode::PageUp if multiline => CursorMove::ParagraphBack,
                KeyCode::PageDown if multiline => CursorMove::ParagraphForward,
                _ => return false,
            };
            field.move_cursor(to);
            false
        }
    }
}

/// A one-line field (client code, search).
pub fn single_line() -> TextArea<'static> {
    let mut field = TextArea::default();
    field.set_cursor_line_style(ratatui::style::Style::new());
    field
}

/// The one line of a one-line field, trimmed; `None` when empty.
pub fn value(field: &TextArea<'static>) -> Option<String> {
    let text = field.lines().join(" ").trim().to_string();
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    /// Ctrl+J is a new line elsewhere; here, no key deletes without undo.
    #[test]
    fn deleting_keys_are_undone_by_undo() {
        let mut field = TextArea::from(["Niemand belt mij ooit"]);
        field.move_cursor(CursorMove::End);
        assert!(edit(
            &mut field,
            &key(KeyCode::Char('w'), KeyModifiers::CONTROL),
            true
        ));
        assert_eq!(field.lines(), ["Niemand belt mij "]);
        assert!(!edit(
            &mut field,
            &key(KeyCode::Char('j'), KeyModifiers::CONTROL),
            true
        ));
        assert!(!edit(
            &mut field,
            &key(KeyCode::Char('k'), KeyModifiers::CONTROL),
            true
        ));
        assert!(field.undo());
        assert_eq!(field.lines(), ["Niemand belt mij ooit"]);
    }
}
