//! Pure render functions: (state, content) -> frame. No I/O, no clock.

mod diagram;
pub mod history;
pub mod menu;
mod overlay;
mod recognition;
mod route_choice;
mod start;
pub mod step;
pub mod summary;

pub use start::code_warning_text;
pub use summary::text as summary_text;
pub mod theme;
mod widgets;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_textarea::TextArea;

use crate::app::keys::{self, Layer};
use crate::app::model::{Model, Overlay, Screen as ModelScreen};
use crate::app::screens::history::HistoryState;
use crate::app::screens::menu::MenuKind;
use crate::app::screens::session::Focus;
use crate::content::{Pack, fill};
use crate::session::{Place, Session, Voice};
use crate::ui::menu::Mode;

pub use theme::Theme;

/// Below this the layout cannot hold a step; a clear message is shown instead.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// Everything a frame needs, borrowed from the model.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub pack: &'a Pack,
    pub theme: &'a Theme,
    pub screen: Screen<'a>,
    pub overlay: Option<&'a Overlay>,
    /// A message that must be seen, such as a failed save.
    pub status: Option<&'a str>,
    pub prefs: Prefs<'a>,
    /// The key layers that hold now, for the footer and help.
    pub layers: &'a [Layer],
    /// The same without the window on top, for help.
    pub under: &'a [Layer],
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
    /// Minutes left on the step's countdown (0: the time is up).
    pub timer: Option<i64>,
    /// A quiet line about the mode ("demo: er wordt niets bewaard").
    pub banner: Option<&'a str>,
    /// Steps may jump to the technique index (demo).
    pub jump: bool,
    /// More room around the text (projector).
    pub spacious: bool,
    /// A demo that saves nothing (the quit question says so).
    pub unsaved: bool,
    /// The last save failed: the quit question says a copy is made first.
    pub save_failed: bool,
    /// The data folder can only be read: no screen promises saving.
    pub read_only: bool,
}

#[derive(Clone, Copy)]
pub enum Screen<'a> {
    Menu(menu::MenuView<'a>),
    Recognition(&'a crate::session::recognition::Recognition),
    Start {
        code: &'a TextArea<'static>,
        data_dir: &'a str,
        /// A group's code, not a client's.
        group: bool,
    },
    Session {
        session: &'a Session,
        notes: step::Notes<'a>,
    },
    Done {
        session: &'a Session,
        path: &'a str,
    },
    History {
        state: &'a HistoryState,
    },
    Detail {
        session: &'a Session,
        scroll: usize,
        note: Option<&'a str>,
    },
}

fn prefs(model: &Model) -> Prefs<'_> {
    let m = &model.pack.ui.modes;
    let banner = match model.mode {
        Mode::Demo if model.demo_saving => Some(m.demo_saving.as_str()),
        Mode::Demo => Some(m.demo_not_saved.as_str()),
        _ if model.hide_tips => Some(m.tips_hidden.as_str()),
        _ => None,
    };
    Prefs {
        hide_tips: model.hide_tips,
        self_voice: model.mode == Mode::Oefenen,
        // The clock is the volunteer's: not on a screen turned to the client.
        clock: model.clock_minutes().filter(|_| !model.hide_tips),
        timer: model.timer_left(),
        banner,
        jump: model.mode == Mode::Demo,
        spacious: model.mode == Mode::Demo,
        unsaved: model.mode == Mode::Demo && !model.demo_saving,
        save_failed: model.saves.failed,
        read_only: model.options.read_only,
    }
}

/// Draws the model.
pub fn render(frame: &mut Frame, model: &Model) {
    let layers = model.layers();
    let under = model.layers_without_overlay();
    let status_line = status_line(model);
    let data_dir = model.folder_path();
    let data_dir = data_dir.to_str().unwrap_or("?");
    let m = &model.pack.ui.modes;
    let screen = match &model.screen {
        ModelScreen::Menu(state) => Screen::Menu(menu::MenuView {
            title: match state.kind {
                MenuKind::Start => &model.pack.ui.history.menu_title,
                MenuKind::Demo => &m.demo_title,
                MenuKind::Practice => &m.practice_title,
                MenuKind::Settings => &model.pack.ui.settings.menu,
            },
            items: &state.items,
            cursor: state.cursor,
            status: &status_line,
            welcome: state.kind == MenuKind::Start,
            search: state.query.as_deref(),
            why: state.kind == MenuKind::Practice,
        }),
        ModelScreen::Recognition(r) => Screen::Recognition(r),
        ModelScreen::Code(code) => Screen::Start {
            code,
            data_dir,
            group: model.group,
        },
        ModelScreen::Session(live) => {
            let voices = live.shown_voices(&model.pack, model.hide_tips);
            let editing = live.note_focused(&model.pack).then_some(live.focus);
            Screen::Session {
                session: &live.session,
                notes: step::Notes {
                    main: &live.notes,
                    main_is_impression: voices.first() == Some(&Voice::Impression),
                    impression: (voices.len() > 1).then_some(&live.impression),
                    editing_impression: editing.map(|f| f == Focus::Impression),
                },
            }
        }
        ModelScreen::Done { session, path, .. } => Screen::Done { session, path },
        ModelScreen::History => match model.history.as_deref() {
            Some(state) => Screen::History { state },
            None => Screen::Menu(menu::MenuView {
                title: "",
                items: &[],
                cursor: 0,
                status: &status_line,
                welcome: false,
                search: None,
                why: false,
            }),
        },
        ModelScreen::Detail {
            session,
            scroll,
            note,
            ..
        } => Screen::Detail {
            session,
            scroll: *scroll,
            note: note.as_deref(),
        },
    };
    let read_only = model.options.read_only.then(|| {
        let path = model.data_root.display().to_string();
        fill(&model.pack.ui.app.read_only_folder, &[("path", &path)])
    });
    let view = View {
        pack: &model.pack,
        theme: model.theme(),
        screen,
        overlay: model.overlay.as_ref(),
        status: model.status.as_deref().or(read_only.as_deref()),
        prefs: prefs(model),
        layers: &layers,
        under: &under,
    };
    render_view(frame, &view);
}

/// The quiet line on menus: mode, language, data folder.
fn status_line(model: &Model) -> String {
    let m = &model.pack.ui.modes;
    let mode = match model.mode {
        Mode::Gesprek => &m.gesprek,
        Mode::Demo => &m.demo,
        Mode::Oefenen => &m.oefenen,
    };
    let path = model.folder_path().display().to_string();
    fill(
        &m.status,
        &[("mode", mode), ("lang", &model.pack.lang), ("path", &path)],
    )
}

fn render_view(frame: &mut Frame, view: &View) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(frame, area, view);
        return;
    }
    let footer = footer_paragraph(view, area.width);
    let footer_height = u16::try_from(footer.line_count(area.width))
        .unwrap_or(2)
        .clamp(1, 3);
    // A message that must be seen wraps, up to five lines; each of its
    // own lines (several warnings about the settings) starts a new one.
    let status = view.status.map(|m| {
        Paragraph::new(ratatui::text::Text::styled(m, view.theme.error)).wrap(Wrap { trim: true })
    });
    let status_height = status.as_ref().map_or(0, |p| {
        u16::try_from(p.line_count(area.width))
            .unwrap_or(5)
            .clamp(1, 5)
    });
    let [body, status_area, footer_area] =
        widgets::stack(area, [1, status_height, footer_height], 0);

    match &view.screen {
        Screen::Start {
            code,
            data_dir,
            group,
        } => start::render(frame, body, view, code, data_dir, *group),
        Screen::Session { session, notes } => match session.place {
            Place::RouteChoice => route_choice::render(frame, body, view, session),
            _ => step::render(frame, body, view, session, notes),
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
    if let Some(message) = status {
        frame.render_widget(message, status_area);
    }
    frame.render_widget(footer, footer_area);

    match view.overlay {
        Some(Overlay::Help) => overlay::help(frame, area, view),
        Some(Overlay::About) => overlay::about(frame, area, view),
        Some(Overlay::Privacy(lines)) => overlay::privacy(frame, area, view, lines),
        Some(Overlay::ConfirmQuit) => overlay::confirm_quit(frame, area, view),
        Some(Overlay::ConfirmDelete(state)) => overlay::confirm_delete(frame, area, view, state),
        Some(Overlay::Export(state)) => overlay::export(frame, area, view, state),
        Some(Overlay::OpenFile(path)) => overlay::open_file(frame, area, view, path),
        Some(Overlay::ResumeOffer(offer)) => overlay::resume_offer(frame, area, view, offer),
        None => {}
    }
}

/// The keys that apply, packed into lines without splitting an entry.
/// One line of keys: the screen's own first, as many as fit, then help
/// and quit, always. When some did not fit, help says it lists the rest.
fn footer_paragraph<'a>(view: &'a View, width: u16) -> Paragraph<'a> {
    use crate::app::keys::Command;
    let texts = &view.pack.ui.keys;
    let items: Vec<(Command, String, String)> = keys::footer(view.layers)
        .map(|b| {
            (
                b.command,
                b.keys_text(texts),
                format!(" {}", (b.label)(texts)),
            )
        })
        .collect();
    let len = |(_, k, l): &(Command, String, String)| k.chars().count() + l.chars().count();
    let always = |c: Command| matches!(c, Command::Help | Command::Quit);
    let more = format!(" {}", texts.more);
    // Room for help (with the longer of its labels) and quit, and a gap
    // before each.
    let kept: usize = items
        .iter()
        .filter(|i| always(i.0))
        .map(|i| len(i).max(i.1.chars().count() + more.chars().count()) + 2)
        .sum();
    let mut room = usize::from(width).saturating_sub(kept);
    // In the table's order, which is the order of importance: the first
    // that does not fit ends the line.
    let mut shown = Vec::new();
    let mut cut = false;
    for item in items.iter().filter(|i| !always(i.0)) {
        if !cut && len(item) + 2 <= room {
            room -= len(item) + 2;
            shown.push(item);
        } else {
            cut = true;
        }
    }
    let mut line: Vec<Span> = Vec::new();
    for item in shown
        .into_iter()
        .chain(items.iter().filter(|i| always(i.0)))
    {
        if !line.is_empty() {
            line.push(Span::raw("  "));
        }
        let label = if cut && item.0 == Command::Help {
            &more
        } else {
            &item.2
        };
        line.push(Span::styled(item.1.clone(), view.theme.key));
        line.push(Span::styled(label.clone(), view.theme.muted));
    }
    Paragraph::new(Line::from(line)).wrap(Wrap { trim: true })
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
        // A long code never takes the whole line: the title and the step
        // stay readable.
        let room = usize::from(area.width) * 2 / 5;
        let code = widgets::shortened(code, room);
        frame.render_widget(
            Paragraph::new(Line::styled(code, view.theme.muted).right_aligned()),
            area,
        );
    }
}
