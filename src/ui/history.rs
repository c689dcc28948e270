//! The notes: a list of sessions with a client filter and a text search, a
//! belief chart for one client, damaged files named; and one session read
//! only.

use std::collections::HashSet;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_textarea::TextArea;

use super::{View, header, summary};
use crate::content::fill;
use crate::notes::{Damage, Listing, Summary, Verification, history};
use crate::session::Session;

/// Which filter field has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Client,
    Search,
}

/// The history screen's state, owned by the app and drawn from here.
pub struct HistoryState {
    pub listing: Listing,
    /// Indices into `listing.sessions` that pass the filters.
    pub visible: Vec<usize>,
    pub cursor: usize,
    pub client: TextArea<'static>,
    pub query: TextArea<'static>,
    pub input: Option<Field>,
    /// Sessions open in another window right now.
    pub locked: HashSet<String>,
    /// Each session's text for the search ([`history::search_text`]), by
    /// the same position as `listing.sessions`; read from the files when the
    /// first search is typed.
    pub texts: Option<Vec<String>>,
}

impl HistoryState {
    pub fn new(listing: Listing, locked: HashSet<String>) -> Self {
        let mut state = HistoryState {
            listing,
            visible: Vec::new(),
            cursor: 0,
            client: single_line(),
            query: single_line(),
            input: None,
            locked,
            texts: None,
        };
        state.refilter();
        state
    }

    pub fn client_filter(&self) -> Option<String> {
        let c = self.client.lines().join("").trim().to_string();
        (!c.is_empty()).then_some(c)
    }

    /// A search is typed but the texts to search are not read yet (the
    /// list says it is searching).
    pub fn needs_texts(&self) -> bool {
        self.texts.is_none() && self.query_text().is_some()
    }

    /// Takes in what a verification found, keeping the selected session;
    /// the search texts are read again.
    pub fn apply(&mut self, found: Verification) {
        let id = self.selected().map(|s| s.id.clone());
        self.listing.apply(found);
        self.texts = None;
        self.refilter();
        let sessions = &self.listing.sessions;
        if let Some(pos) = id.and_then(|id| self.visible.iter().position(|i| sessions[*i].id == id))
        {
            self.cursor = pos;
        }
    }

    fn query_text(&self) -> Option<String> {
        let q = self.query.lines().join("").trim().to_string();
        (!q.is_empty()).then_some(q)
    }

    /// Recomputes which sessions show, after a filter changed.
    pub fn refilter(&mut self) {
        let matcher = history::Matcher::new(
            self.client_filter().as_deref(),
            self.query_text().as_deref(),
        );
        let texts = self.texts.as_deref();
        self.visible = self
            .listing
            .sessions
            .iter()
            .enumerate()
            .filter(|(i, s)| {
                matcher.matches_client(s)
                    && (!matcher.searches()
                        || texts
                            .and_then(|t| t.get(*i))
                            .is_some_and(|t| matcher.matches_text(t)))
            })
            .map(|(i, _)| i)
            .collect();
        self.cursor = self.cursor.min(self.visible.len().saturating_sub(1));
    }

    pub fn selected(&self) -> Option<&Summary> {
        self.visible
            .get(self.cursor)
            .and_then(|i| self.listing.sessions.get(*i))
    }

    pub fn visible_sessions(&self) -> Vec<&Summary> {
        self.visible
            .iter()
            .filter_map(|i| self.listing.sessions.get(*i))
            .collect()
    }
}

fn single_line() -> TextArea<'static> {
    let mut t = TextArea::default();
    t.set_cursor_line_style(ratatui::style::Style::new());
    t
}

pub fn render(frame: &mut Frame, area: Rect, view: &View, state: &HistoryState) {
    let pack = view.pack;
    let theme = view.theme;
    let t = &pack.ui.history;
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    header(frame, head, view, &t.title, None);
    let body = body.inner(Margin::new(1, 0));

    let client = state.client_filter();
    let series = client
        .as_deref()
        .map(|c| history::belief_series(&state.listing.sessions, c))
        .unwrap_or_default();
    let chart_height = if series.is_empty() {
        0
    } else {
        u16::try_from(series.len().min(6) * 2 + 2).unwrap_or(14)
    };
    let damaged_height = u16::try_from(state.listing.damaged.len().min(3)).unwrap_or(3);
    let [filters, _, columns, rows, chart, damaged] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(chart_height),
        Constraint::Length(damaged_height),
    ])
    .areas(body);

    render_filters(frame, filters, view, state);
    frame.render_widget(
        Paragraph::new(Line::styled(t.columns.as_str(), theme.title)),
        columns,
    );
    render_rows(frame, rows, view, state);
    if let Some(c) = client.filter(|_| !series.is_empty()) {
        render_chart(frame, chart, view, &c, &series);
    }
    let lines: Vec<Line> = state
        .listing
        .damaged
        .iter()
        .take(3)
        .map(|d| {
            let why = match d.damage {
                Damage::Empty => &t.damage_empty,
                Damage::NotUtf8 => &t.damage_not_utf8,
                Damage::NotJson => &t.damage_not_json,
                Damage::UnknownSchema => &t.damage_schema,
                Damage::Unreadable => &t.damage_unreadable,
            };
            Line::styled(
                fill(&t.damaged, &[("file", &d.file_name), ("why", why)]),
                theme.valkuil,
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), damaged);
}

fn render_filters(frame: &mut Frame, area: Rect, view: &View, state: &HistoryState) {
    let t = &view.pack.ui.history;
    let theme = view.theme;
    let label_style = |field| {
        if state.input == Some(field) {
            theme.highlight
        } else {
            theme.muted
        }
    };
    let client_label = format!("{} (c): ", t.filter_client);
    let search_label = format!("{} (/): ", t.search);
    let width = |s: &str| u16::try_from(s.chars().count()).unwrap_or(20);
    let [a, b, _, c, d] = Layout::horizontal([
        Constraint::Length(width(&client_label)),
        Constraint::Length(12),
        Constraint::Length(2),
        Constraint::Length(width(&search_label)),
        Constraint::Min(8),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Span::styled(client_label, label_style(Field::Client))),
        a,
    );
    frame.render_widget(&state.client, b);
    frame.render_widget(
        Paragraph::new(Span::styled(search_label, label_style(Field::Search))),
        c,
    );
    frame.render_widget(&state.query, d);
}

fn render_rows(frame: &mut Frame, area: Rect, view: &View, state: &HistoryState) {
    let t = &view.pack.ui.history;
    let theme = view.theme;
    if state.visible.is_empty() {
        let text = if state.needs_texts() {
            let count = state.listing.sessions.len().to_string();
            fill(&t.searching, &[("count", &count)])
        } else {
            t.empty.clone()
        };
        frame.render_widget(Paragraph::new(Line::styled(text, theme.muted)), area);
        return;
    }
    let height = usize::from(area.height).max(1);
    // Keep the highlighted row in view.
    let first = state.cursor.saturating_sub(height - 1);
    let lines: Vec<Line> = state
        .visible
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .filter_map(|(pos, i)| state.listing.sessions.get(*i).map(|r| (pos, r)))
        .map(|(pos, r)| {
            let current = pos == state.cursor;
            let letters: Vec<String> = r
                .routes
                .iter()
                .map(|id| {
                    view.pack
                        .routes
                        .iter()
                        .find(|x| x.id == *id)
                        .map_or(id.clone(), |x| x.letter.clone())
                })
                .collect();
            let belief = match (r.belief_before, r.belief_after) {
                (None, None) => String::new(),
                (b, a) => format!(
                    "{} → {}",
                    b.map_or("–".into(), |v| v.to_string()),
                    a.map_or("–".into(), |v| v.to_string())
                ),
            };
            let status = if state.locked.contains(&r.id) {
                &t.locked
            } else if r.is_finished() {
                &t.finished
            } else {
                &t.open
            };
            let text = format!(
                "{:<17} {:<8} {:<13} {:<10} {}",
                r.started_at.format("%Y-%m-%d %H:%M"),
                r.client_code.as_deref().unwrap_or("–"),
                letters.join(", "),
                belief,
                status
            );
            let style = if current { theme.highlight } else { theme.tip };
            Line::from(vec![
                Span::styled(if current { "› " } else { "  " }, theme.highlight),
                Span::styled(text, style),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn render_chart(
    frame: &mut Frame,
    area: Rect,
    view: &View,
    client: &str,
    series: &[history::BeliefPoint],
) {
    let t = &view.pack.ui.history;
    let theme = view.theme;
    let bar_room = usize::from(area.width).saturating_sub(24).clamp(10, 50);
    let mut lines = vec![
        Line::default(),
        Line::styled(fill(&t.chart, &[("client", client)]), theme.title),
    ];
    // The newest sessions, oldest first, two bars each.
    let start = series.len().saturating_sub(6);
    for point in &series[start..] {
        let date = point.started_at.format("%Y-%m-%d").to_string();
        for (label, value, style) in [
            (&t.before, point.before, theme.muted),
            (&t.after, point.after, theme.gauge),
        ] {
            let bar = value.map_or(0, |v| usize::from(v) * bar_room / 100);
            let shown = value.map_or("–".to_string(), |v| v.to_string());
            let date_col = if label == &t.before {
                date.as_str()
            } else {
                ""
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{date_col:<11}{label:<6} "), theme.muted),
                Span::styled("█".repeat(bar), style),
                Span::styled(format!(" {shown}"), theme.prompt),
            ]));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// One session, read only, as it would be read back at the end.
pub fn render_detail(
    frame: &mut Frame,
    area: Rect,
    view: &View,
    session: &Session,
    scroll: usize,
    note: Option<&str>,
) {
    let theme = view.theme;
    let t = &view.pack.ui.history;
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let title = format!(
        "{} · {}",
        t.read_only,
        session.started_at.format("%Y-%m-%d %H:%M")
    );
    header(frame, head, view, &title, session.client_code.as_deref());
    let body = body.inner(Margin::new(1, 1));
    let mut lines = Vec::new();
    if let Some(note) = note {
        lines.push(Line::styled(note.to_string(), theme.valkuil));
        lines.push(Line::default());
    }
    lines.extend(summary::lines(session, view.pack, theme));
    let para = Paragraph::new(Text::from(lines)).wrap(Wrap { trim: false });
    let total = para.line_count(body.width);
    let max = total.saturating_sub(usize::from(body.height));
    let scroll = u16::try_from(scroll.min(max)).unwrap_or(0);
    frame.render_widget(para.scroll((scroll, 0)), body);
}
