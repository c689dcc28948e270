//! Small building blocks shared by the screens.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

use super::Theme;

/// A wrapped paragraph and the number of rows it takes at `width`.
pub struct Block<'a> {
    pub paragraph: Paragraph<'a>,
    pub height: u16,
}

pub fn wrapped<'a>(text: impl Into<Text<'a>>, width: u16) -> Block<'a> {
    let text = text.into();
    let key = text_key(&text, width);
    let remembered = LINE_COUNTS.with(|c| c.borrow().get(&key).copied());
    let paragraph = Paragraph::new(text).wrap(Wrap { trim: false });
    let height = remembered.unwrap_or_else(|| {
        let height = u16::try_from(paragraph.line_count(width)).unwrap_or(u16::MAX);
        LINE_COUNTS.with(|c| {
            let mut counts = c.borrow_mut();
            if counts.len() > 512 {
                counts.clear();
            }
            counts.insert(key, height);
        });
        height
    });
    Block { paragraph, height }
}

thread_local! {
    /// How many rows a text wraps to at a width. Every frame measures the
    /// same few texts (question, tip, valkuil) to lay out the screen, and
    /// wrapping them is a tenth of the time of a keystroke at 200×60.
    static LINE_COUNTS: std::cell::RefCell<std::collections::HashMap<u64, u16>> =
        std::cell::RefCell::default();
}

fn text_key(text: &Text, width: u16) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    width.hash(&mut h);
    for line in &text.lines {
        0xffu8.hash(&mut h);
        for span in &line.spans {
            span.content.hash(&mut h);
        }
    }
    h.finish()
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

/// Cut to `room` characters, the last an ellipsis: a long name, code or
/// answer never pushes what follows it off its line.
/// The highlight's "› " before the current row of a list, and plain
/// space before the others: a reversed style (monochrome, high contrast)
/// must not put a block before every row.
pub fn pointer(current: bool, theme: &Theme) -> Span<'static> {
    if current {
        Span::styled("› ", theme.highlight)
    } else {
        Span::raw("  ")
    }
}

pub fn shortened(text: &str, room: usize) -> String {
    if text.chars().count() > room {
        text.chars()
            .take(room.saturating_sub(1))
            .collect::<String>()
            + "…"
    } else {
        text.to_string()
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

/// Splits `area` into rows from top to bottom: each row as high as given,
/// except row `fill`, which takes what the others leave (at least the
/// height given for it). Rows that no longer fit are cut off at the bottom.
///
/// For such simple stacks this is what ratatui's `Layout` computes, but the
/// layout's constraint solver costs a few hundred microseconds the first
/// time it meets an area, and the start screen's first frame is timed
/// against a one-paragraph program (BENCHMARKS.md).
pub fn stack<const N: usize>(area: Rect, heights: [u16; N], fill: usize) -> [Rect; N] {
    let fixed: u16 = heights
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != fill)
        .map(|(_, h)| *h)
        .fold(0, u16::saturating_add);
    let mut y = area.y;
    let bottom = area.bottom();
    let mut rows = [Rect::default(); N];
    for (i, row) in rows.iter_mut().enumerate() {
        let wanted = if i == fill {
            area.height.saturating_sub(fixed).max(heights[i])
        } else {
            heights[i]
        };
        let height = wanted.min(bottom.saturating_sub(y));
        *row = Rect::new(area.x, y, area.width, height);
        y = y.saturating_add(height);
    }
    rows
}

/// A plain border all round with a title at the top left, as
/// `Block::bordered().border_style(style).title(…)` draws it, but only its
/// edge: a `Block` first styles every cell it encloses, which for the tall
/// notes field was a twelfth of a keystroke at 200×60. For a field whose
/// inside is drawn by someone else.
pub fn outline(buf: &mut Buffer, area: Rect, style: Style, title: &str) {
    let area = area.intersection(buf.area);
    if area.width < 2 || area.height < 2 {
        // Too small for both sides: let the widget handle the corner cases.
        ratatui::widgets::Widget::render(
            ratatui::widgets::Block::bordered()
                .border_style(style)
                .title(Span::styled(title, style)),
            area,
            buf,
        );
        return;
    }
    let set = symbols::line::NORMAL;
    let (left, right, top, bottom) = (area.left(), area.right() - 1, area.top(), area.bottom() - 1);
    for x in left + 1..right {
        buf[(x, top)].set_symbol(set.horizontal).set_style(style);
        buf[(x, bottom)].set_symbol(set.horizontal).set_style(style);
    }
    for y in top + 1..bottom {
        buf[(left, y)].set_symbol(set.vertical).set_style(style);
        buf[(right, y)].set_symbol(set.vertical).set_style(style);
    }
    buf[(left, top)].set_symbol(set.top_left).set_style(style);
    buf[(right, top)].set_symbol(set.top_right).set_style(style);
    buf[(left, bottom)]
        .set_symbol(set.bottom_left)
        .set_style(style);
    buf[(right, bottom)]
        .set_symbol(set.bottom_right)
        .set_style(style);
    buf.set_stringn(left + 1, top, title, usize::from(area.width - 2), style);
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::{Constraint, Layout};

    #[test]
    fn an_outline_looks_like_a_bordered_block() {
        use ratatui::style::{Color, Modifier};
        let style = Style::default()
            .fg(Color::Cyan)
            .add_modifier(Modifier::BOLD);
        for title in [
            " Notities (typ hier) ",
            " Aantekening ",
            "",
            " een titel die breder is dan het veld é漢 ",
        ] {
            for (width, height) in [(1, 1), (2, 2), (3, 5), (12, 4), (40, 10), (200, 45)] {
                let screen = Rect::new(0, 0, 202, 50);
                let area = Rect::new(1, 2, width, height);
                let mut ours = Buffer::empty(screen);
                let mut theirs = Buffer::empty(screen);
                outline(&mut ours, area, style, title);
                ratatui::widgets::Widget::render(
                    ratatui::widgets::Block::bordered()
                        .border_style(style)
                        .title(Span::styled(title, style)),
                    area,
                    &mut theirs,
                );
                assert_eq!(ours, theirs, "{title:?} in {width}×{height}");
            }
        }
    }

    #[test]
    fn a_stack_matches_the_layout_solver_when_everything_fits() {
        let area = Rect::new(2, 3, 76, 20);
        let ours = stack(area, [1, 4, 2, 3, 1, 1, 2], 3);
        let solver: [Rect; 7] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(4),
            Constraint::Length(2),
            Constraint::Min(3),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(2),
        ])
        .areas(area);
        assert_eq!(ours, solver);
        let root = stack(area, [1, 0, 2], 0);
        let solver: [Rect; 3] = Layout::vertical([
            Constraint::Min(1),
            Constraint::Length(0),
            Constraint::Length(2),
        ])
        .areas(area);
        assert_eq!(root, solver);
    }

    #[test]
    fn a_short_stack_keeps_the_fill_minimum_and_cuts_the_bottom() {
        let rows = stack(Rect::new(0, 0, 10, 5), [2, 3, 2], 1);
        assert_eq!(rows.map(|r| r.height), [2, 3, 0]);
        assert!(rows.iter().all(|r| r.bottom() <= 5));
    }
}
