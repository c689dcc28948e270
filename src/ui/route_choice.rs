//! The four routes (or however many the pack has), one line each on what it
//! does; the highlighted one also says when it fits.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span, Text};

use super::widgets::{indented, labelled, wrapped};
use super::{View, header};
use crate::session::Session;

pub fn render(frame: &mut Frame, area: Rect, view: &View, session: &Session) {
    let pack = view.pack;
    let theme = view.theme;
    let texts = &pack.ui.routes;
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    header(
        frame,
        head,
        view,
        &texts.phase,
        session.client_code.as_deref(),
    );
    let body = body.inner(Margin::new(1, 0));

    let thought = session.thought(pack).map(|t| {
        wrapped(
            labelled(
                &pack.ui.session.thought_label,
                t,
                theme.muted,
                theme.thought,
            ),
            body.width,
        )
    });
    let heading = wrapped(
        Line::styled(texts.heading.as_str(), theme.prompt),
        body.width,
    );

    let mut lines = Vec::new();
    for (i, route) in pack.routes.iter().enumerate() {
        let current = i == session.cursor;
        let pointer = if current { "› " } else { "  " };
        let style = if current {
            theme.highlight
        } else {
            theme.prompt
        };
        let mut first = vec![
            Span::styled(pointer, theme.highlight),
            Span::styled(format!("{}. {}", route.letter, route.title), style),
        ];
        if session.routes.contains(&route.id) {
            first.push(Span::styled(format!("  ✓ {}", texts.done), theme.selected));
        }
        lines.push(Line::from(first));
        lines.extend(indented(&route.what, body.width, 5, theme.tip));
        if current {
            let when = format!("{} {}", texts.when, route.when);
            lines.extend(indented(&when, body.width, 5, theme.muted));
        }
    }
    let list = wrapped(Text::from(lines), body.width);

    let thought_height = thought.as_ref().map_or(0, |t| t.height.min(3));
    let [_, thought_area, _, heading_area, _, list_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(thought_height),
        Constraint::Length(u16::from(thought_height > 0)),
        Constraint::Length(heading.height),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(body);
    if let Some(t) = thought {
        frame.render_widget(t.paragraph, thought_area);
    }
    frame.render_widget(heading.paragraph, heading_area);
    frame.render_widget(list.paragraph, list_area);
}
