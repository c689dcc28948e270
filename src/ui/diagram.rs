//! The options of a step drawn as a cycle: boxes with arrows, clockwise,
//! the last leading back to the first – the brochure's downward spiral.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::Theme;

const GAP: u16 = 5;

/// The rows the diagram needs at `width` for `items`.
pub fn height(items: &[&str], width: u16) -> u16 {
    let (cols, box_width) = geometry(items.len(), width);
    let box_height = box_height(items, box_width);
    if cols == 0 {
        return 0;
    }
    box_height * 2 + 1
}

fn geometry(n: usize, width: u16) -> (u16, u16) {
    let cols = u16::try_from(n.div_ceil(2)).unwrap_or(1).max(1);
    let box_width = width.saturating_sub(GAP * (cols - 1)) / cols;
    (cols, box_width)
}

fn box_height(items: &[&str], box_width: u16) -> u16 {
    let inner = usize::from(box_width.saturating_sub(2)).max(4);
    let lines = items
        .iter()
        .map(|t| textwrap::wrap(t, inner).len())
        .max()
        .unwrap_or(1);
    u16::try_from(lines).unwrap_or(3) + 2
}

pub fn render(frame: &mut Frame, area: Rect, items: &[&str], theme: &Theme) {
    if items.is_empty() {
        return;
    }
    let (cols, box_width) = geometry(items.len(), area.width);
    let bh = box_height(items, box_width);
    let col_x = |c: u16| area.x + c * (box_width + GAP);
    let top_y = area.y;
    let arrow_y = area.y + bh;
    let bottom_y = area.y + bh + 1;
    let fits = |r: Rect| r.bottom() <= area.bottom() && r.right() <= area.right();
    let draw_box = |frame: &mut Frame, text: &str, x: u16, y: u16| {
        let rect = Rect::new(x, y, box_width, bh);
        if fits(rect) {
            let block = Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border_active);
            let inner = block.inner(rect);
            frame.render_widget(block, rect);
            frame.render_widget(
                Paragraph::new(text.to_string())
                    .style(theme.prompt)
                    .wrap(Wrap { trim: true }),
                inner,
            );
        }
    };
    let text_at = |frame: &mut Frame, text: &str, x: u16, y: u16, w: u16| {
        let rect = Rect::new(x, y, w, 1);
        if fits(rect) {
            frame.render_widget(
                Paragraph::new(Line::styled(text.to_string(), theme.gauge)),
                rect,
            );
        }
    };
    let top_count = usize::from(cols);
    // Top row, left to right.
    for (i, text) in items.iter().take(top_count).enumerate() {
        let c = u16::try_from(i).unwrap_or(0);
        draw_box(frame, text, col_x(c), top_y);
        if c + 1 < cols {
            text_at(frame, " ──▶ ", col_x(c) + box_width, top_y + bh / 2, GAP);
        }
    }
    // Down on the right, along the bottom from right to left, up on the left.
    let mid = |c: u16| col_x(c) + box_width / 2;
    text_at(frame, "▼", mid(cols - 1), arrow_y, 1);
    let bottom: Vec<&&str> = items.iter().skip(top_count).collect();
    let mut leftmost = cols;
    for (j, text) in bottom.iter().enumerate() {
        let c = cols - 1 - u16::try_from(j).unwrap_or(0);
        leftmost = c;
        draw_box(frame, text, col_x(c), bottom_y);
        if c > 0 {
            text_at(frame, " ◀── ", col_x(c) - GAP, bottom_y + bh / 2, GAP);
        }
    }
    text_at(frame, "▲", mid(0), arrow_y, 1);
    if leftmost > 0 {
        // The last box leads back to the first through the empty corner.
        let x = mid(0);
        let w = col_x(leftmost).saturating_sub(GAP).saturating_sub(x) + GAP;
        let line = format!("└{}", "─".repeat(usize::from(w.saturating_sub(1))));
        text_at(frame, &line, x, bottom_y + bh / 2, w);
        for y in bottom_y..bottom_y + bh / 2 {
            text_at(frame, "│", x, y, 1);
        }
    }
}
