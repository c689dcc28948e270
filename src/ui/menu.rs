//! The start menu: resume, a new conversation, the notes, clearing away old
//! sessions, quit.

use chrono::{DateTime, FixedOffset};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span, Text};

use super::widgets::wrapped;
use super::{View, header};
use crate::content::fill;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuItem {
    Resume {
        id: String,
        started_at: DateTime<FixedOffset>,
        client: Option<String>,
    },
    New,
    History,
    ClearOld {
        ids: Vec<String>,
        months: u32,
    },
    Quit,
}

pub fn label(view: &View, item: &MenuItem) -> String {
    let t = &view.pack.ui.history;
    match item {
        MenuItem::Resume {
            started_at, client, ..
        } => {
            let time = started_at.format("%H:%M").to_string();
            match client {
                Some(c) => fill(&t.resume, &[("time", &time), ("client", c)]),
                None => fill(&t.resume_no_client, &[("time", &time)]),
            }
        }
        MenuItem::New => t.menu_new.clone(),
        MenuItem::History => t.menu_history.clone(),
        MenuItem::ClearOld { ids, months } => fill(
            &t.retention,
            &[
                ("count", &ids.len().to_string()),
                ("months", &months.to_string()),
            ],
        ),
        MenuItem::Quit => t.menu_quit.clone(),
    }
}

pub fn render(
    frame: &mut Frame,
    area: Rect,
    view: &View,
    items: &[MenuItem],
    cursor: usize,
    data_dir: &str,
) {
    let pack = view.pack;
    let theme = view.theme;
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    header(frame, head, view, &pack.source.title, None);
    let body = body.inner(Margin::new(1, 0));
    let welcome = wrapped(
        Line::styled(pack.ui.start.welcome.as_str(), theme.prompt),
        body.width,
    );
    let mut lines = vec![
        Line::styled(pack.ui.history.menu_title.as_str(), theme.title),
        Line::default(),
    ];
    for (i, item) in items.iter().enumerate() {
        let current = i == cursor;
        let style = if current {
            theme.highlight
        } else {
            theme.prompt
        };
        lines.push(Line::from(vec![
            Span::styled(if current { "› " } else { "  " }, theme.highlight),
            Span::styled(label(view, item), style),
        ]));
    }
    let list = wrapped(Text::from(lines), body.width);
    let folder = wrapped(
        Line::styled(
            fill(&pack.ui.start.data_folder, &[("path", data_dir)]),
            theme.muted,
        ),
        body.width,
    );
    let credit = wrapped(
        Line::styled(pack.source.credit.as_str(), theme.muted),
        body.width,
    );
    let [_, w, _, l, _, f, _, c] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(welcome.height),
        Constraint::Length(1),
        Constraint::Length(list.height),
        Constraint::Length(1),
        Constraint::Length(folder.height),
        Constraint::Min(0),
        Constraint::Length(credit.height),
    ])
    .areas(body);
    frame.render_widget(welcome.paragraph, w);
    frame.render_widget(list.paragraph, l);
    frame.render_widget(folder.paragraph, f);
    frame.render_widget(credit.paragraph, c);
}
