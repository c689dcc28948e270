//! The notes: a list of sessions with a client filter and a text search, a
//! belief chart for one client, damaged files named; and one session read
//! only.

use super::{View, header, summary};
use crate::app::screens::history::{Field, HistoryState};
use crate::app::screens::trash::TrashState;
use crate::content::fill;
use crate::notes::{Damage, history};
use crate::session::Session;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

pub fn render(frame: &mut Frame, area: Rect, view: &View, state: &HistoryState) {
    let pack = view.pack;
    let theme = view.theme;
    let t = &pack.ui.history;
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    if let Some(trash) = &state.trash {
        header(frame, head, view, &t.trash_title, None);
        render_trash(frame, body.inner(Margin::new(1, 0)), view, trash);
        return;
    }
    let practice = state.folder == crate::app::effect::Folder::Practice;
    let title = if practice {
        &pack.ui.modes.practice_history
    } else {
        &t.title
    };
    header(frame, head, view, title, None);
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
    // Practising alone: no client, each exercise by its name.
    let heads = if practice {
        &t.practice_columns
    } else {
        &t.columns
    };
    // Under the text of the rows, past the highlight's "› ".
    frame.render_widget(
        Paragraph::new(Line::styled(format!("  {heads}"), theme.title)),
        columns,
    );
    render_rows(frame, rows, view, state);
    if let Some(c) = client.filter(|_| !series.is_empty()) {
        render_chart(frame, chart, view, &c, &series);
    }
    // A newer version's files first (they are whole, only not ours to
    // open); beyond three lines, how many more there are.
    let mut named: Vec<&crate::notes::Damaged> = state.listing.damaged.iter().collect();
    named.sort_by_key(|d| d.damage != Damage::Newer);
    let shown = if named.len() > 3 { 2 } else { named.len() };
    let mut lines: Vec<Line> = named
        .iter()
        .take(shown)
        .map(|d| {
            if d.damage == Damage::Newer {
                return Line::styled(fill(&t.newer, &[("file", &d.file_name)]), theme.valkuil);
            }
            let why = match d.damage {
                Damage::Newer => &t.damage_schema,
                Damage::Empty => &t.damage_empty,
                Damage::NotUtf8 => &t.damage_not_utf8,
                Damage::NotJson => &t.damage_not_json,
                Damage::UnknownSchema => &t.damage_schema,
                Damage::Unreadable => &t.damage_unreadable,
                Damage::Sealed => &t.damage_sealed,
            };
            Line::styled(
                fill(&t.damaged, &[("file", &d.file_name), ("why", why)]),
                theme.valkuil,
            )
        })
        .collect();
    if named.len() > shown {
        let more = (named.len() - shown).to_string();
        lines.push(Line::styled(
            fill(&t.damaged_more, &[("count", &more)]),
            theme.valkuil,
        ));
    }
    frame.render_widget(Paragraph::new(lines), damaged);
}

fn render_filters(frame: &mut Frame, area: Rect, view: &View, state: &HistoryState) {
    let t = &view.pack.ui.history;
    let theme = view.theme;
    // The search comes first: typing goes there. The field with the
    // keyboard is highlighted and shows the cursor.
    let label_style = |field| {
        if state.field == field {
            theme.highlight
        } else {
            theme.muted
        }
    };
    let search_label = format!("{}: ", t.search);
    let client_label = format!("{}: ", t.filter_client);
    let width = |s: &str| u16::try_from(s.chars().count()).unwrap_or(20);
    let [a, b, _, c, d] = Layout::horizontal([
        Constraint::Length(width(&search_label)),
        Constraint::Min(8),
        Constraint::Length(2),
        Constraint::Length(width(&client_label)),
        Constraint::Length(12),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Span::styled(search_label, label_style(Field::Search))),
        a,
    );
    render_field(frame, b, view, &state.query, state.field == Field::Search);
    // Practising alone there is no client to filter on.
    if state.folder == crate::app::effect::Folder::Practice {
        return;
    }
    frame.render_widget(
        Paragraph::new(Span::styled(client_label, label_style(Field::Client))),
        c,
    );
    render_field(frame, d, view, &state.client, state.field == Field::Client);
}

/// A one-line field; the one with the keyboard shows where typing goes.
fn render_field(
    frame: &mut Frame,
    area: Rect,
    view: &View,
    field: &ratatui_textarea::TextArea<'static>,
    focused: bool,
) {
    let text = field.lines().join("");
    let mut spans = vec![Span::styled(text, view.theme.prompt)];
    if focused {
        spans.push(Span::styled("▏", view.theme.highlight));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The trash: what was deleted, when, and how to get it back.
fn render_trash(frame: &mut Frame, area: Rect, view: &View, trash: &TrashState) {
    let t = &view.pack.ui.history;
    let theme = view.theme;
    let [hint, _, rows] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Line::styled(t.trash_hint.as_str(), theme.tip)).wrap(Wrap { trim: true }),
        hint,
    );
    if trash.items.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(t.trash_empty.as_str(), theme.muted)),
            rows,
        );
        return;
    }
    let height = usize::from(rows.height).max(1);
    let first = trash.cursor.saturating_sub(height - 1);
    let lines: Vec<Line> = trash
        .items
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, item)| {
            let current = i == trash.cursor;
            let deleted: chrono::DateTime<chrono::Local> = item.deleted_at.into();
            let what = match &item.summary {
                Some(s) => format!(
                    "{:<17} {:<8}",
                    crate::dates::short_time(s.started_at, view.pack),
                    s.client_code.as_deref().unwrap_or("–")
                ),
                None => item.file_name.clone(),
            };
            let text = fill(
                &t.trash_row,
                &[
                    ("session", &what),
                    (
                        "deleted",
                        &crate::dates::short_time(deleted.fixed_offset(), view.pack),
                    ),
                ],
            );
            let style = if current { theme.highlight } else { theme.tip };
            Line::from(vec![
                super::widgets::pointer(current, theme),
                Span::styled(text, style),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), rows);
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
            let when = crate::dates::short_time(r.started_at, view.pack);
            let text = if state.folder == crate::app::effect::Folder::Practice {
                let name = exercise_name(view.pack, r.exercise.as_deref());
                format!("{when:<17} {name:<32} {belief:<10} {status}")
            } else {
                format!(
                    "{:<17} {:<8} {:<13} {:<10} {}",
                    when,
                    r.client_code.as_deref().unwrap_or("–"),
                    letters.join(", "),
                    belief,
                    status
                )
            };
            let style = if current { theme.highlight } else { theme.tip };
            Line::from(vec![
                super::widgets::pointer(current, theme),
                Span::styled(text, style),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// An exercise by the title of its phase; a practice session that is no
/// exercise explored an own thought.
fn exercise_name(pack: &crate::content::Pack, exercise: Option<&str>) -> String {
    let name = match exercise {
        Some(crate::session::recognition::QUIZ) => pack.ui.modes.practice_recognise.as_str(),
        _ => exercise
            .and_then(|id| pack.solo_phases().find(|p| p.id == id))
            .map_or(pack.ui.modes.practice_thought.as_str(), |p| {
                p.title.as_str()
            }),
    };
    super::widgets::shortened(&crate::text::printable(name), 32)
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
        let date = crate::dates::short_day(point.started_at, view.pack);
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
        crate::dates::day_time(session.started_at, view.pack)
    );
    header(frame, head, view, &title, session.client_code.as_deref());
    let body = body.inner(Margin::new(1, 1));
    let mut lines = Vec::new();
    if let Some(note) = note {
        lines.push(Line::styled(note.to_string(), theme.valkuil));
        lines.push(Line::default());
    }
    lines.extend(summary::lines(session, view.pack, theme, true));
    let para = Paragraph::new(Text::from(lines)).wrap(Wrap { trim: false });
    let total = para.line_count(body.width);
    let max = total.saturating_sub(usize::from(body.height));
    let scroll = u16::try_from(scroll.min(max)).unwrap_or(0);
    frame.render_widget(para.scroll((scroll, 0)), body);
}
