//! The four routes (or however many the pack has), one line each on what it
//! does; the highlighted one also says when it fits.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span, Text};

use super::widgets::{indented, labelled, wrapped};
use super::{View, header};
use crate::content::{Role, fill};
use crate::session::Session;
use ratatui::widgets::{Block, Borders};

pub fn render(frame: &mut Frame, area: Rect, view: &View, session: &Session) {
    let pack = view.pack;
    let theme = view.theme;
    let texts = &pack.ui.routes;
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    // The mode's banner ("tips verborgen"), the client code, the clock.
    let right = super::step::header_right(view, session);
    header(
        frame,
        head,
        view,
        &texts.phase,
        (!right.is_empty()).then_some(right.as_str()),
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
    // A demo case: why this thought is the pattern it is, before choosing a
    // route (for the trainer, hidden with the tips).
    let case = session
        .thought(pack)
        .filter(|_| view.prefs.jump && !view.prefs.hide_tips)
        .and_then(|t| pack.examples.iter().find(|e| e.thought == t))
        .map(|e| wrapped(Line::styled(e.explanation.as_str(), theme.tip), body.width));
    let heading = wrapped(
        Line::styled(texts.heading.as_str(), theme.prompt),
        body.width,
    );

    let mut lines = Vec::new();
    for (i, route) in pack.routes.iter().enumerate() {
        let current = session.route_highlight() == Some(i);
        let style = if current {
            theme.highlight
        } else {
            theme.prompt
        };
        let mut first = vec![
            super::widgets::pointer(current, theme),
            Span::styled(format!("{}. {}", route.letter, route.title), style),
        ];
        if session.routes.contains(&route.id) {
            first.push(Span::styled(format!("  ✓ {}", texts.done), theme.selected));
        }
        lines.push(Line::from(first));
        lines.extend(indented(&route.what, body.width, 5, theme.tip));
        // When a route fits is advice for the volunteer: not on a screen
        // turned to the client.
        if current && !view.prefs.hide_tips {
            let when = format!("{} {}", texts.when, route.when);
            lines.extend(indented(&when, body.width, 5, theme.muted));
        }
    }
    let list = wrapped(Text::from(lines), body.width);

    // "Te snel willen gaan": a gentle reminder above the routes, for the
    // volunteer only.
    let reminder = session.reminder.filter(|_| !view.prefs.hide_tips).map(|r| {
        let m = &pack.ui.modes;
        let mut lines = vec![Line::styled(m.too_fast_title.as_str(), theme.valkuil)];
        if let Some(minutes) = r.early {
            lines.push(Line::styled(
                fill(&m.too_fast_early, &[("minutes", &minutes.to_string())]),
                theme.valkuil,
            ));
        }
        if r.unrecognised {
            lines.push(Line::styled(
                m.too_fast_unrecognised.as_str(),
                theme.valkuil,
            ));
        }
        let valkuil = pack
            .step_with_role(Role::Recognised)
            .and_then(|s| s.valkuilen.first())
            .and_then(|id| pack.valkuil(id));
        if let Some(v) = valkuil {
            lines.push(Line::styled(v.text.as_str(), theme.tip));
        }
        wrapped(Text::from(lines), body.width.saturating_sub(4))
    });
    let thought_height = thought.as_ref().map_or(0, |t| t.height.min(3));
    let case_height = case.as_ref().map_or(0, |c| c.height.min(4));
    let reminder_height = reminder.as_ref().map_or(0, |r| r.height + 2);
    let [
        _,
        reminder_area,
        thought_area,
        case_area,
        _,
        heading_area,
        _,
        list_area,
    ] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(reminder_height),
        Constraint::Length(thought_height),
        Constraint::Length(case_height),
        Constraint::Length(u16::from(thought_height > 0)),
        Constraint::Length(heading.height),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(body);
    if let Some(r) = reminder {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.valkuil)
            .title(
                Span::styled(format!(" Esc {} ", pack.ui.keys.close), theme.muted)
                    .into_right_aligned_line(),
            );
        let inner = block.inner(reminder_area).inner(Margin::new(1, 0));
        frame.render_widget(block, reminder_area);
        frame.render_widget(r.paragraph, inner);
    }
    if let Some(t) = thought {
        frame.render_widget(t.paragraph, thought_area);
    }
    if let Some(c) = case {
        frame.render_widget(c.paragraph, case_area);
    }
    frame.render_widget(heading.paragraph, heading_area);
    frame.render_widget(list.paragraph, list_area);
}
