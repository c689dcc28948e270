//! Colours and emphasis. Every style used on screen comes from here, so a
//! monochrome theme (NO_COLOR) is one constructor.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub header: Style,
    pub prompt: Style,
    pub title: Style,
    pub tip: Style,
    pub valkuil: Style,
    pub thought: Style,
    pub muted: Style,
    pub highlight: Style,
    pub selected: Style,
    pub border: Style,
    pub border_active: Style,
    pub key: Style,
    pub error: Style,
    pub gauge: Style,
}

impl Theme {
    /// Calm colours from the 16-colour palette, so they hold on any terminal.
    /// Running text is in the terminal's own colour, so it reads on a dark
    /// and on a light background alike (grey vanished on white).
    pub fn colour() -> Self {
        Theme {
            header: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            prompt: Style::new().add_modifier(Modifier::BOLD),
            title: Style::new().fg(Color::Cyan),
            tip: Style::new(),
            valkuil: Style::new().fg(Color::Yellow),
            thought: Style::new()
                .fg(Color::Magenta)
                .add_modifier(Modifier::ITALIC),
            muted: Style::new().fg(Color::DarkGray),
            highlight: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            selected: Style::new().fg(Color::Green),
            border: Style::new().fg(Color::DarkGray),
            border_active: Style::new().fg(Color::Cyan),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            gauge: Style::new().fg(Color::Cyan),
        }
    }

    /// For a projector, often on a light background: text bold in the
    /// terminal's own colour, headings in reverse video, and only colours
    /// that read on black and on white alike, so the back row can read it.
    pub fn high_contrast() -> Self {
        let bold = Modifier::BOLD;
        let text = Style::new();
        Theme {
            header: text.add_modifier(bold | Modifier::REVERSED),
            prompt: text.add_modifier(bold),
            title: text.add_modifier(bold | Modifier::UNDERLINED),
            tip: text,
            valkuil: Style::new().fg(Color::Red).add_modifier(bold),
            thought: Style::new().fg(Color::Magenta).add_modifier(bold),
            muted: text,
            // The terminal's own colours, swapped: as readable on a white
            // projector background as on a dark one.
            highlight: text.add_modifier(bold | Modifier::REVERSED),
            selected: Style::new().fg(Color::Green).add_modifier(bold),
            border: text,
            border_active: text.add_modifier(bold),
            key: text.add_modifier(bold | Modifier::REVERSED),
            error: Style::new()
                .fg(Color::Red)
                .add_modifier(bold | Modifier::REVERSED),
            gauge: text,
        }
    }

    /// No colour at all, only emphasis: for NO_COLOR and monochrome screens.
    pub fn monochrome() -> Self {
        let none = Style::new();
        Theme {
            header: none.add_modifier(Modifier::BOLD),
            prompt: none.add_modifier(Modifier::BOLD),
            title: none.add_modifier(Modifier::UNDERLINED),
            tip: none,
            valkuil: none.add_modifier(Modifier::ITALIC),
            thought: none.add_modifier(Modifier::ITALIC),
            muted: none.add_modifier(Modifier::DIM),
            highlight: none.add_modifier(Modifier::REVERSED),
            selected: none.add_modifier(Modifier::BOLD),
            border: none,
            border_active: none.add_modifier(Modifier::BOLD),
            key: none.add_modifier(Modifier::BOLD),
            error: none.add_modifier(Modifier::BOLD | Modifier::REVERSED),
            gauge: none,
        }
    }

    /// The theme the environment asks for: a non-empty NO_COLOR means none.
    pub fn from_env(no_color: Option<&std::ffi::OsStr>) -> Self {
        Theme::for_choice(None, no_color)
    }

    /// The theme chosen on the command line (colour when none was), unless
    /// NO_COLOR is set and not empty (no-color.org): then monochrome,
    /// whatever was chosen. The one place that rule lives.
    pub fn for_choice(chosen: Option<Theme>, no_color: Option<&std::ffi::OsStr>) -> Self {
        if Theme::colour_off(no_color) {
            Theme::monochrome()
        } else {
            chosen.unwrap_or_else(Theme::colour)
        }
    }

    /// NO_COLOR set and not empty: no theme brings colour back.
    pub fn colour_off(no_color: Option<&std::ffi::OsStr>) -> bool {
        no_color.is_some_and(|v| !v.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::Theme;
    use std::ffi::OsStr;

    #[test]
    fn no_color_wins_over_any_choice_but_only_when_set() {
        let set = Some(OsStr::new("1"));
        assert_eq!(
            Theme::for_choice(Some(Theme::high_contrast()), set),
            Theme::monochrome()
        );
        assert_eq!(Theme::for_choice(None, set), Theme::monochrome());
        let empty = Some(OsStr::new(""));
        assert_eq!(
            Theme::for_choice(Some(Theme::high_contrast()), empty),
            Theme::high_contrast()
        );
        assert_eq!(Theme::for_choice(None, None), Theme::colour());
    }
}
