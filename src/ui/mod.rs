//! Pure render functions: (state, content) -> frame. No I/O, no clock.

mod diagram;
pub mod history;
pub mod menu;
mod overlay;
mod recognition;
mod route_choice;
mod start;
pub mod step;
mod summary;

pub use summary::text as summary_text;
pub mod theme;
mod widgets;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_textarea::TextArea;

use crate::content::{Pack, fill};
use crate::keymap::{self, Context};
use crate::session::{Place, Session};

pub use theme::Theme;

/// Below this the layout cannot hold a step; a clear message is shown instead.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// Everything a frame needs, borrowed from the app.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub pack: &'a Pack,
    pub theme: &'a Theme,
    pub screen: Screen<'a>,
    pub overlay: Option<&'a Overlay>,
    /// A message that must be seen, such as a failed save.
    pub status: Option<&'a str>,
    pub prefs: Prefs<'a>,
}

/// How the current mode wants things shown.
#[derive(Clone, Copy, Debug, Default)]
pub struct Prefs<'a> {
    /// Tips (and valkuil texts) for the volunteer; hidden with one key when
    /// the screen is turned towards the client.
    pub hide_tips: bool,
    /// Prompts addressed to oneself (practising alone).
    pub self_voice: bool,
    /// Minutes since the session began, for the quiet clock.
    pub clock: Option<i64>,
    /// A quiet line about the mode ("demo: er wordt niets bewaard").
    pub banner: Option<&'a str>,
    /// Steps may jump to the technique index (demo).
    pub jump: bool,
    /// More room around the text (projector).
    pub spacious: bool,
}

#[derive(Clone, Copy)]
pub enum Screen<'a> {
    Menu(menu::MenuView<'a>),
    Recognition(&'a crate::session::recognition::Recognition),
    Start {
        code: &'a TextArea<'static>,
        data_dir: &'a str,
    },
    Session {
        session: &'a Session,
        notes: &'a TextArea<'static>,
        editing: bool,
    },
    Done {
        session: &'a Session,
        path: &'a str,
    },
    History {
        state: &'a history::HistoryState,
    },
    Detail {
        session: &'a Session,
        scroll: usize,
        note: Option<&'a str>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    About,
    ConfirmQuit,
    /// A question before deleting, with what will be deleted.
    ConfirmDelete(String),
}

impl View<'_> {
    /// Which keys apply now; the app looks keys up in the same context.
    pub fn context(&self) -> Context {
        match self.overlay {
            Some(Overlay::Help) => return Context::Help,
            Some(Overlay::About) => return Context::About,
            Some(Overlay::ConfirmQuit) => return Context::ConfirmQuit,
            Some(Overlay::ConfirmDelete(_)) => return Context::ConfirmDelete,
            None => {}
        }
        match &self.screen {
            Screen::Menu { .. } => Context::Menu,
            Screen::Recognition(_) => Context::Recognition,
            Screen::History { state } if state.input.is_some() => Context::HistoryInput,
            Screen::History { .. } => Context::History,
            Screen::Detail { .. } => Context::Detail,
            Screen::Start { .. } => Context::Start,
            Screen::Done { .. } => Context::Done,
            Screen::Session { editing: true, .. } => Context::Editing,
            Screen::Session { session, .. } => match session.current_step(self.pack) {
                Some(step) => Context::Step {
                    input: step.input,
                    notes: step.notes,
                    routes_open: matches!(session.place, Place::Route { .. } | Place::After { .. }),
                    jump: self.prefs.jump,
                },
                None => Context::RouteChoice,
            },
        }
    }
}

pub fn render(frame: &mut Frame, view: &View) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(frame, area, view);
        return;
    }
    let ctx = view.context();
    let footer = footer_paragraph(view, ctx, area.width);
    let footer_height = u16::try_from(footer.line_count(area.width))
        .unwrap_or(2)
        .clamp(1, 3);
    let status_height = u16::from(view.status.is_some());
    let [body, status, footer_area] = widgets::stack(area, [1, status_height, footer_height], 0);

    match &view.screen {
        Screen::Start { code, data_dir } => start::render(frame, body, view, code, data_dir),
        Screen::Session {
            session,
            notes,
            editing,
        } => match session.place {
            Place::RouteChoice => route_choice::render(frame, body, view, session),
            _ => step::render(frame, body, view, session, notes, *editing),
        },
        Screen::Done { session, path } => start::render_done(frame, body, view, session, path),
        Screen::Menu(menu_view) => menu::render(frame, body, view, menu_view),
        Screen::Recognition(r) => recognition::render(frame, body, view, r),
        Screen::History { state } => history::render(frame, body, view, state),
        Screen::Detail {
            session,
            scroll,
            note,
        } => history::render_detail(frame, body, view, session, *scroll, *note),
    }
    if let Some(message) = view.status {
        frame.render_widget(
            Paragraph::new(Line::styled(message, view.theme.error)),
            status,
        );
    }
    frame.render_widget(footer, footer_area);

    match view.overlay {
        Some(Overlay::Help) => overlay::help(frame, area, view),
        Some(Overlay::About) => overlay::about(frame, area, view),
        Some(Overlay::ConfirmQuit) => overlay::confirm_quit(frame, area, view),
        Some(Overlay::ConfirmDelete(message)) => {
            overlay::confirm_delete(frame, area, view, message)
        }
        None => {}
    }
}

/// The keys that apply, packed into lines without splitting an entry.
fn footer_paragraph<'a>(view: &'a View, ctx: Context, width: u16) -> Paragraph<'a> {
    let texts = &view.pack.ui.keys;
    let mut lines: Vec<Line> = Vec::new();
    let mut line: Vec<Span> = Vec::new();
    let mut used = 0;
    for binding in keymap::footer(ctx) {
        let keys = (binding.keys)(texts);
        let label = format!(" {}", (binding.label)(texts));
        let len = keys.chars().count() + label.chars().count();
        let gap = if line.is_empty() { 0 } else { 2 };
        if !line.is_empty() && used + gap + len > usize::from(width) {
            lines.push(Line::from(std::mem::take(&mut line)));
            used = 0;
        } else if gap > 0 {
            line.push(Span::raw("  "));
            used += gap;
        }
        line.push(Span::styled(keys, view.theme.key));
        line.push(Span::styled(label, view.theme.muted));
        used += len;
    }
    lines.push(Line::from(line));
    Paragraph::new(lines).wrap(Wrap { trim: true })
}

fn render_too_small(frame: &mut Frame, area: Rect, view: &View) {
    let text = fill(
        &view.pack.ui.app.too_small,
        &[
            ("width", &MIN_WIDTH.to_string()),
            ("height", &MIN_HEIGHT.to_string()),
        ],
    );
    frame.render_widget(
        Paragraph::new(text)
            .style(view.theme.prompt)
            .wrap(Wrap { trim: true }),
        area,
    );
}

/// The top line: app name and where we are, the client code on the right.
fn header(frame: &mut Frame, area: Rect, view: &View, place: &str, client: Option<&str>) {
    let left = Line::from(vec![
        Span::styled(view.pack.ui.app.title.as_str(), view.theme.header),
        Span::styled(format!(" · {place}"), view.theme.title),
    ]);
    frame.render_widget(Paragraph::new(left), area);
    if let Some(code) = client {
        frame.render_widget(
            Paragraph::new(Line::styled(code, view.theme.muted).right_aligned()),
            area,
        );
    }
}
