//! Small building blocks shared by the screens.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

use super::Theme;

/// A wrapped paragraph and the number of rows it takes at `width`.
pub struct Block<'a> {
    pub paragraph: Paragraph<'a>,
    pub height: u16,
}

pub fn wrapped<'a>(text: impl Into<Text<'a>>, width: u16) -> Block<'a> {
    let paragraph = Paragraph::new(text).wrap(Wrap { trim: false });
    let height = u16::try_from(paragraph.line_count(width)).unwrap_or(u16::MAX);
    Block { paragraph, height }
}

/// "Label: text" with the label emphasised.
pub fn labelled<'a>(label: &str, text: &'a str, label_style: Style, style: Style) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{label}: "), label_style),
        Span::styled(text, style),
    ])
}

/// A horizontal 0–100 bar with its value, drawn with plain characters so it
/// reads the same without colour.
pub fn rating_bar(value: Option<u8>, width: u16, theme: &Theme, label: String) -> Line<'static> {
    let cells = usize::from(width.clamp(10, 50));
    let filled = value.map_or(0, |v| usize::from(v) * cells / 100);
    Line::from(vec![
        Span::styled("█".repeat(filled), theme.gauge),
        Span::styled("░".repeat(cells - filled), theme.muted),
        Span::styled(format!("  {label}"), theme.prompt),
    ])
}

/// A rectangle of at most `width`×`height` centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// Text wrapped to `width` with every line indented, so explanations stay
/// visibly under their option.
pub fn indented(text: &str, width: u16, indent: usize, style: Style) -> Vec<Line<'static>> {
    let room = usize::from(width).saturating_sub(indent).max(10);
    let pad = " ".repeat(indent);
    textwrap::wrap(text, room)
        .into_iter()
        .map(|l| Line::styled(format!("{pad}{l}"), style))
        .collect()
}

/// "• text", wrapped with the following lines under the text, not the bullet.
pub fn bulleted(text: &str, width: u16, style: Style, bullet: Style) -> Vec<Line<'static>> {
    let room = usize::from(width).saturating_sub(2).max(10);
    textwrap::wrap(text, room)
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let lead = if i == 0 { "• " } else { "  " };
            Line::from(vec![
                Span::styled(lead, bullet),
                Span::styled(l.into_owned(), style),
            ])
        })
        .collect()
}
