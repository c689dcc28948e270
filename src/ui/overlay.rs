//! Windows drawn over a screen: help and the question before quitting.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::View;
use super::widgets::centered;
use crate::app::effect::ExportKind;
use crate::app::keys::{self, Layer};
use crate::app::screens::{DeleteState, Deleting, EXPORT_KINDS, ExportState};
use crate::content::ui_text::HistoryTexts;
use crate::content::{Origin, fill};
use crate::notes::Copies;

/// Help lists the keys of where the user was, then those for typing.
pub fn help(frame: &mut Frame, area: Rect, view: &View) {
    let texts = &view.pack.ui;
    let theme = view.theme;
    // Two columns – the keys of this screen, and those while typing – so
    // that everything fits at 80×24.
    let section = |title: &str, layers: &[Layer]| {
        let mut lines = vec![Line::styled(title.to_string(), theme.title)];
        for b in keys::for_help(layers) {
            lines.push(Line::from(vec![
                Span::styled(format!(" {:<11}", b.keys_text(&texts.keys)), theme.key),
                Span::styled((b.label)(&texts.keys).to_string(), theme.tip),
            ]));
        }
        lines
    };
    // The screen's own keys; those that hold everywhere go right, under
    // the editing keys.
    let own: Vec<Layer> = view
        .under
        .iter()
        .copied()
        .filter(|l| *l != Layer::Screen)
        .collect();
    let left = section(&texts.help.browsing, &own);
    let mut right = section(&texts.help.editing, &[Layer::Screen]);
    right.push(Line::default());
    right.push(Line::styled(texts.help.editing_keys.as_str(), theme.tip));

    let rect = centered(area, 76, area.height.saturating_sub(2));
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(view.theme.border_active)
        .title(Span::styled(
            format!(" {} ", texts.help.title),
            view.theme.header,
        ));
    let inner = block.inner(rect).inner(Margin::new(1, 0));
    frame.render_widget(block, rect);
    // A demo, or a folder that cannot be written, promises no saving.
    let intro = if view.prefs.unsaved {
        &texts.help.intro_demo
    } else if view.prefs.read_only {
        &texts.help.intro_read_only
    } else {
        &texts.help.intro
    };
    let intro = Paragraph::new(Line::styled(intro.as_str(), theme.tip)).wrap(Wrap { trim: false });
    let intro_height = u16::try_from(intro.line_count(inner.width)).unwrap_or(2);
    let credit = Paragraph::new(Line::styled(view.pack.source.credit.as_str(), theme.muted))
        .wrap(Wrap { trim: false });
    let credit_height = u16::try_from(credit.line_count(inner.width)).unwrap_or(2);
    let [intro_area, _, columns, credit_area] = Layout::vertical([
        Constraint::Length(intro_height),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(credit_height),
    ])
    .areas(inner);
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(columns);
    frame.render_widget(intro, intro_area);
    frame.render_widget(Paragraph::new(Text::from(left)), left_area);
    frame.render_widget(
        Paragraph::new(Text::from(right)).wrap(Wrap { trim: false }),
        right_area,
    );
    frame.render_widget(credit, credit_area);
}

/// Which pack is in use, from which files, and the credit to Movisie.
pub fn about(frame: &mut Frame, area: Rect, view: &View) {
    let pack = view.pack;
    let texts = &pack.ui.about;
    let theme = view.theme;
    let pack_line = fill(
        &texts.pack,
        &[
            ("name", &pack.name),
            ("id", &pack.id),
            ("version", &pack.version),
            ("schema", &pack.schema.to_string()),
            ("lang", &pack.lang),
        ],
    );
    let program = fill(&texts.program, &[("version", env!("CARGO_PKG_VERSION"))]);
    let mut lines = vec![
        Line::styled(program, theme.prompt),
        Line::styled(pack_line, theme.prompt),
        Line::default(),
        Line::styled(texts.source.as_str(), theme.title),
        Line::styled(pack.source.title.as_str(), theme.tip),
        Line::styled(pack.source.credit.as_str(), theme.tip),
        Line::styled(pack.source.condition.as_str(), theme.muted),
        Line::default(),
        Line::styled(texts.files.as_str(), theme.title),
    ];
    // Replaced files one per line with their path; built-in ones together,
    // so the list fits at 80×24.
    let builtin: Vec<&str> = pack
        .files
        .iter()
        .filter(|(_, o)| *o == Origin::Builtin)
        .map(|(n, _)| n.as_str())
        .collect();
    for (name, origin) in &pack.files {
        if let Origin::Override(path) = origin {
            lines.push(Line::from(vec![
                Span::styled(format!("  {name}: "), theme.tip),
                Span::styled(
                    fill(&texts.replaced, &[("path", &path.display().to_string())]),
                    theme.valkuil,
                ),
            ]));
        }
    }
    if !builtin.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(format!("  {}: ", texts.builtin), theme.muted),
            Span::styled(builtin.join(", "), theme.muted),
        ]));
    }
    let rect = centered(area, 76, area.height.saturating_sub(2));
    popup(frame, rect, &texts.title, Text::from(lines), view);
}

pub fn confirm_quit(frame: &mut Frame, area: Rect, view: &View) {
    let texts = &view.pack.ui;
    let theme = view.theme;
    let body = if view.prefs.unsaved {
        &texts.quit.body_demo
    } else if view.prefs.save_failed {
        &texts.quit.body_failed
    } else {
        &texts.quit.body
    };
    let text = Text::from(vec![
        Line::styled(body.as_str(), theme.prompt),
        Line::default(),
        enter_esc(view, &texts.quit.confirm, &texts.quit.cancel),
    ]);
    // As tall as its wrapped lines, inside the popup's 52 columns.
    let rows = Paragraph::new(text.clone())
        .wrap(Wrap { trim: false })
        .line_count(52);
    let height = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2);
    let rect = centered(area, 56, height);
    popup(frame, rect, &texts.quit.title, text, view);
}

/// The AVG overview: where, what, who can read it, how long, requests.
pub fn privacy(frame: &mut Frame, area: Rect, view: &View, lines: &[String]) {
    let theme = view.theme;
    let title = lines.first().map_or("", String::as_str);
    let mut text: Vec<Line> = lines
        .iter()
        .skip(2)
        .map(|l| Line::styled(l.clone(), theme.prompt))
        .collect();
    text.push(Line::default());
    text.push(Line::from(vec![
        Span::styled("Esc ", theme.key),
        Span::styled(view.pack.ui.keys.close.as_str(), theme.muted),
    ]));
    let width = area.width.saturating_sub(4).min(96);
    let text = Text::from(text);
    let rows = Paragraph::new(text.clone())
        .wrap(Wrap { trim: false })
        .line_count(width.saturating_sub(4));
    let height = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2);
    let rect = centered(area, width, height);
    popup(frame, rect, title, text, view);
}

/// The question before deleting: what goes, and the word to type.
pub fn confirm_delete(frame: &mut Frame, area: Rect, view: &View, state: &DeleteState) {
    let texts = &view.pack.ui;
    let theme = view.theme;
    let mut lines: Vec<Line> = state
        .message
        .lines()
        .map(|l| Line::styled(l.to_string(), theme.prompt))
        .collect();
    for line in what_goes(&texts.history, &state.what, state.copies) {
        lines.push(Line::styled(line, theme.tip));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        fill(&texts.history.confirm_type, &[("word", &state.word)]),
        theme.tip,
    ));
    let typed = state.typed.lines().join("");
    lines.push(Line::from(vec![
        Span::styled("› ", theme.highlight),
        Span::styled(typed, theme.prompt),
        Span::styled("▏", theme.highlight),
    ]));
    lines.push(Line::default());
    lines.push(enter_esc(view, &texts.keys.delete, &texts.keys.close));
    // As tall as its lines are once wrapped inside the popup's 60 columns.
    let text = Text::from(lines);
    let rows = Paragraph::new(text.clone())
        .wrap(Wrap { trim: false })
        .line_count(60);
    let height = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2);
    let rect = centered(area, 64, height);
    popup(frame, rect, &texts.keys.delete, text, view);
}

/// The files a deletion removes, by kind and when they go; while they are
/// being counted, a line that says so.
fn what_goes(t: &HistoryTexts, what: &Deleting, copies: Option<Copies>) -> Vec<String> {
    let Some(c) = copies else {
        return vec![t.copies_counting.clone()];
    };
    let list = |kinds: &[(usize, &String)]| {
        kinds
            .iter()
            .filter(|(count, _)| *count > 0)
            .map(|(count, text)| fill(text, &[("count", &count.to_string())]))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut lines = Vec::new();
    let mut push = |template: &String, text: String| {
        if !text.is_empty() {
            lines.push(fill(template, &[("list", &text)]));
        }
    };
    match what {
        // A journal is folded into its session as it goes to the trash.
        Deleting::Sessions(_) | Deleting::Client { .. } => {
            push(&t.copies_held, list(&[(c.held, &t.copy_sessions)]));
            push(&t.copies_now, list(&[(c.exports, &t.copy_exports)]));
            push(
                &t.copies_later,
                list(&[
                    (c.sessions, &t.copy_sessions),
                    (c.temps, &t.copy_temps),
                    (c.damaged, &t.copy_damaged),
                    (c.home, &t.copy_home),
                ]),
            );
        }
        Deleting::Trash(_) => push(
            &t.copies_gone,
            list(&[
                (c.sessions, &t.copy_sessions),
                (c.exports, &t.copy_exports),
                (c.journals, &t.copy_journals),
                (c.temps, &t.copy_temps),
                (c.damaged, &t.copy_damaged),
                (c.home, &t.copy_home),
            ]),
        ),
    }
    lines
}

/// What to export: the volunteer's report, the client's sheet, or JSON.
pub fn export(frame: &mut Frame, area: Rect, view: &View, state: &ExportState) {
    let texts = &view.pack.ui;
    let theme = view.theme;
    let mut lines = vec![Line::styled(texts.export.choose.clone(), theme.prompt)];
    // Which sessions: one line, changed with ←/→ when there is a choice.
    if let Some(scope) = state.chosen() {
        let (left, right) = if state.scopes.len() > 1 {
            (
                if state.scope > 0 { "‹ " } else { "  " },
                if state.scope + 1 < state.scopes.len() {
                    " ›"
                } else {
                    "  "
                },
            )
        } else {
            ("", "")
        };
        lines.push(Line::from(vec![
            Span::styled(left, theme.key),
            Span::styled(scope.label.clone(), theme.prompt),
            Span::styled(right, theme.key),
        ]));
    }
    lines.push(Line::default());
    for (i, kind) in EXPORT_KINDS.iter().enumerate() {
        let label = match kind {
            ExportKind::Report => &texts.keys.export,
            ExportKind::ForClient => &texts.keys.export_client,
            ExportKind::Json => &texts.keys.export_json,
        };
        let current = i == state.cursor;
        lines.push(Line::from(vec![
            super::widgets::pointer(current, theme),
            Span::styled(
                label.clone(),
                if current {
                    theme.highlight
                } else {
                    theme.prompt
                },
            ),
        ]));
    }
    lines.push(Line::default());
    lines.push(enter_esc(view, &texts.keys.export, &texts.keys.close));
    let height = u16::try_from(lines.len()).unwrap_or(8) + 2;
    let rect = centered(area, 60, height);
    popup(frame, rect, &texts.keys.export, Text::from(lines), view);
}

/// The client's sheet is written: open it to print?
pub fn open_file(frame: &mut Frame, area: Rect, view: &View, path: &std::path::Path) {
    let texts = &view.pack.ui;
    let shown = path.display().to_string();
    let question = fill(&texts.export.open_question, &[("path", &shown)]);
    let mut lines: Vec<Line> = question
        .lines()
        .map(|l| Line::styled(l.to_string(), view.theme.prompt))
        .collect();
    lines.push(Line::default());
    lines.push(enter_esc(view, &texts.keys.open_file, &texts.keys.not_now));
    let width = area.width.saturating_sub(4).min(76);
    let height = u16::try_from(lines.len()).unwrap_or(6) + 4;
    let rect = centered(area, width, height);
    let text = Text::from(lines);
    popup(frame, rect, &texts.keys.handout, text, view);
}

/// The client whose code was typed has an open session: carry on there?
pub fn resume_offer(
    frame: &mut Frame,
    area: Rect,
    view: &View,
    offer: &crate::app::screens::begin::ResumeOffer,
) {
    let texts = &view.pack.ui;
    let time = crate::dates::day_time(offer.started_at, view.pack);
    let question = fill(&texts.history.resume_offer, &[("time", &time)]);
    let lines = vec![
        Line::styled(question, view.theme.prompt),
        Line::default(),
        enter_esc(view, &texts.keys.resume, &texts.keys.new_session),
    ];
    let rect = centered(area, area.width.saturating_sub(4).min(64), 7);
    popup(frame, rect, &texts.keys.resume, Text::from(lines), view);
}

/// The two answers to a question: Enter for yes, Esc for no.
fn enter_esc<'a>(view: &View, yes: &str, no: &str) -> Line<'a> {
    let theme = view.theme;
    Line::from(vec![
        Span::styled("Enter", theme.key),
        Span::styled(format!(" {yes}   "), theme.tip),
        Span::styled("Esc", theme.key),
        Span::styled(format!(" {no}"), theme.tip),
    ])
}

fn popup(frame: &mut Frame, rect: Rect, title: &str, text: Text, view: &View) {
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(view.theme.border_active)
        .title(Span::styled(format!(" {title} "), view.theme.header));
    let inner = block.inner(rect).inner(Margin::new(1, 0));
    frame.render_widget(block, rect);
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), inner);
}
