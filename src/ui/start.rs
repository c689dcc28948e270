//! The start screen (client code, where notes are kept, the credit) and the
//! closing screen after a session is saved.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui_textarea::TextArea;

use super::widgets::wrapped;
use super::{View, header, summary};
use crate::content::{Role, fill};
use crate::session::Session;
use crate::session::client_code::{CodeWarning, code_warning};

/// The pack's gentle warning when a code looks like a name, a phone
/// number or an e-mail address (the full screen and plain mode).
pub fn code_warning_text<'p>(pack: &'p crate::content::Pack, code: &str) -> Option<&'p str> {
    let h = &pack.ui.history;
    Some(match code_warning(code)? {
        CodeWarning::Email => &h.code_warning_email,
        CodeWarning::Phone => &h.code_warning_phone,
        CodeWarning::Name => &h.code_warning_name,
    })
}

pub fn render(
    frame: &mut Frame,
    area: Rect,
    view: &View,
    code: &TextArea<'static>,
    data_dir: &str,
    group: bool,
) {
    let pack = view.pack;
    let theme = view.theme;
    let texts = &pack.ui.start;
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    header(frame, head, view, &pack.ui.app.header, None);
    let body = body.inner(Margin::new(1, 0));
    let width = body.width;

    let welcome = wrapped(
        Line::styled(texts.welcome_text(view.prefs.read_only), theme.prompt),
        width,
    );
    // The explanation, or a gentle warning when the code looks personal.
    let typed = code.lines().join(" ");
    let why_text = match code_warning_text(pack, &typed) {
        Some(warning) => (warning, theme.valkuil),
        None if group => (texts.group_code_why.as_str(), theme.tip),
        None => (texts.client_code_why.as_str(), theme.tip),
    };
    let why = wrapped(Line::styled(why_text.0, why_text.1), width);
    let folder = wrapped(
        Line::styled(fill(&texts.data_folder, &[("path", data_dir)]), theme.muted),
        width,
    );
    let credit = wrapped(
        Line::styled(pack.source.credit.as_str(), theme.muted),
        width,
    );
    let [
        _,
        welcome_area,
        _,
        code_area,
        why_area,
        _,
        folder_area,
        _,
        credit_area,
    ] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(welcome.height),
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Length(why.height),
        Constraint::Length(1),
        Constraint::Length(folder.height),
        Constraint::Min(0),
        Constraint::Length(credit.height),
    ])
    .areas(body);
    frame.render_widget(welcome.paragraph, welcome_area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_active)
        .title(Span::styled(
            format!(
                " {} ",
                if group {
                    &texts.group_code_label
                } else {
                    &texts.client_code_label
                }
            ),
            theme.border_active,
        ));
    let code_area = Rect {
        width: code_area.width.min(48),
        ..code_area
    };
    let inner = block.inner(code_area).inner(Margin::new(1, 0));
    frame.render_widget(block, code_area);
    frame.render_widget(code, inner);
    frame.render_widget(why.paragraph, why_area);
    frame.render_widget(folder.paragraph, folder_area);
    frame.render_widget(credit.paragraph, credit_area);
}

pub fn render_done(frame: &mut Frame, area: Rect, view: &View, session: &Session, path: &str) {
    let pack = view.pack;
    let theme = view.theme;
    let texts = &pack.ui.done;
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    header(
        frame,
        head,
        view,
        &texts.phase,
        session.client_code.as_deref(),
    );
    let body = body.inner(Margin::new(1, 0));
    let mut lines = vec![
        Line::default(),
        Line::styled(texts.title.as_str(), theme.prompt),
        Line::styled(fill(&texts.saved_to, &[("path", path)]), theme.muted),
        Line::default(),
    ];
    // Only the key facts: the full summary was read back while closing.
    lines.extend(summary::overview(
        session,
        pack,
        theme,
        !view.prefs.hide_tips,
    ));
    if let Some(step) = pack.step_with_role(Role::NextStep) {
        summary::push_step(&mut lines, session, step, theme);
    }
    lines.push(Line::default());
    if view.prefs.self_voice {
        lines.push(Line::styled(texts.thanks_self.as_str(), theme.tip));
        lines.push(Line::default());
        lines.push(Line::styled(
            pack.ui.modes.practice_help.as_str(),
            theme.muted,
        ));
    } else {
        lines.push(Line::styled(texts.thanks.as_str(), theme.tip));
    }
    frame.render_widget(
        Paragraph::new(Text::from(lines)).wrap(Wrap { trim: false }),
        body,
    );
}
