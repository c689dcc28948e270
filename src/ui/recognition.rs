//! The recognition exercise: a thought, the patterns to choose from, and
//! feedback with the explanation.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span, Text};

use super::widgets::wrapped;
use super::{View, header};
use crate::content::fill;
use crate::session::recognition::Recognition;

pub fn render(frame: &mut Frame, area: Rect, view: &View, r: &Recognition) {
    let pack = view.pack;
    let theme = view.theme;
    let m = &pack.ui.modes;
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let progress = fill(
        &m.recognise_progress,
        &[
            (
                "n",
                &(r.index.min(r.total().saturating_sub(1)) + 1).to_string(),
            ),
            ("m", &r.total().to_string()),
        ],
    );
    header(frame, head, view, &m.recognise_title, Some(&progress));
    let body = body.inner(Margin::new(if view.prefs.spacious { 3 } else { 1 }, 1));
    let mut lines: Vec<Line> = Vec::new();
    if r.is_finished() {
        let score = fill(
            &m.recognise_score,
            &[
                ("right", &r.score(pack).to_string()),
                ("total", &r.total().to_string()),
            ],
        );
        lines.push(Line::styled(score, theme.prompt));
        if r.saved && !view.prefs.read_only {
            lines.push(Line::default());
            lines.push(Line::styled(m.recognise_saved.as_str(), theme.muted));
        }
        frame.render_widget(wrapped(Text::from(lines), body.width).paragraph, body);
        return;
    }
    let Some(example) = r.current(pack) else {
        return;
    };
    lines.push(Line::styled(m.recognise_question.as_str(), theme.title));
    lines.push(Line::default());
    lines.push(Line::styled(
        format!("“{}”", example.thought),
        theme.thought,
    ));
    // An example of denkcoach's own says so: the brochure's are marked
    // by nothing.
    if !example.from_brochure {
        lines.push(Line::styled(m.example_addition.as_str(), theme.muted));
    }
    lines.push(Line::default());
    let patterns = pack.brochure_patterns();
    for (i, option) in patterns.iter().enumerate() {
        let current = r.cursor == Some(i);
        let chosen = r.answer().is_some_and(|a| a == option.id);
        let right = r.answer().is_some() && example.fits(&option.id);
        let style = if right {
            theme.selected
        } else if current {
            theme.highlight
        } else {
            theme.prompt
        };
        let mark = if chosen { "(•)" } else { "( )" };
        lines.push(Line::from(vec![
            super::widgets::pointer(current, theme),
            Span::styled(format!("{mark} {}", option.text), style),
        ]));
    }
    if let Some(answer) = r.answer() {
        lines.push(Line::default());
        let name = |id: &str| {
            patterns
                .iter()
                .find(|o| o.id == id)
                .map_or(id.to_string(), |o| o.text.clone())
        };
        // Several may fit: every one that does is named.
        let fitting: Vec<String> = std::iter::once(&example.pattern)
            .chain(&example.also)
            .map(|id| format!("‘{}’", name(id)))
            .collect();
        let verdict = if example.fits(answer) && fitting.len() > 1 {
            fill(
                &m.recognise_right_also,
                &[("patterns", &fitting.join(", "))],
            )
        } else if example.fits(answer) {
            m.recognise_right.clone()
        } else {
            let count = fitting.len().to_string();
            fill(
                &m.recognise_wrong,
                &[("patterns", &fitting.join(", ")), ("count", &count)],
            )
        };
        lines.push(Line::styled(verdict, theme.title));
        lines.push(Line::styled(example.explanation.as_str(), theme.tip));
    }
    frame.render_widget(wrapped(Text::from(lines), body.width).paragraph, body);
}
