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
    pub fn colour() -> Self {
        Theme {
            header: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            prompt: Style::new().add_modifier(Modifier::BOLD),
            title: Style::new().fg(Color::Cyan),
            tip: Style::new().fg(Color::Gray),
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

    /// For a projector: white and yellow on the terminal's background,
    /// bold where the colour theme is dim, so the back row can read it.
    pub fn high_contrast() -> Self {
        let bold = Modifier::BOLD;
        Theme {
            header: Style::new().fg(Color::Yellow).add_modifier(bold),
            prompt: Style::new().fg(Color::White).add_modifier(bold),
            title: Style::new().fg(Color::Yellow).add_modifier(bold),
            tip: Style::new().fg(Color::White),
            valkuil: Style::new().fg(Color::LightYellow).add_modifier(bold),
            thought: Style::new().fg(Color::LightCyan).add_modifier(bold),
            muted: Style::new().fg(Color::Gray),
            highlight: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(bold),
            selected: Style::new().fg(Color::LightGreen).add_modifier(bold),
            border: Style::new().fg(Color::White),
            border_active: Style::new().fg(Color::Yellow).add_modifier(bold),
            key: Style::new().fg(Color::Yellow).add_modifier(bold),
            error: Style::new().fg(Color::LightRed).add_modifier(bold),
            gauge: Style::new().fg(Color::LightCyan),
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

    /// The theme the environment asks for: NO_COLOR (any value) means none.
    pub fn from_env(no_color: Option<&std::ffi::OsStr>) -> Self {
        Theme::choose(None, no_color).unwrap_or_else(Theme::colour)
    }

    /// A theme by name (Dutch or English); NO_COLOR always wins. `None`
    /// for a name that is not a theme.
    pub fn choose(name: Option<&str>, no_color: Option<&std::ffi::OsStr>) -> Option<Self> {
        let theme = match name.map(str::to_lowercase).as_deref() {
            None | Some("standaard" | "default") => Theme::colour(),
            Some("hoog-contrast" | "high-contrast") => Theme::high_contrast(),
            Some("monochroom" | "monochrome") => Theme::monochrome(),
            Some(_) => return None,
        };
        match no_color {
            Some(v) if !v.is_empty() => Some(Theme::monochrome()),
            _ => Some(theme),
        }
    }
}
