//! Everything the app knows: the mode and its preferences, the screen on
//! display with its own state, a window over it, and where the writer is.
//! `update` changes it; `ui` draws it; nothing in it touches a disk.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use ratatui_textarea::TextArea;

use super::effect::Folder;
use super::keys::Layer;
use super::screens::history::HistoryState;
use super::screens::session::{Focus, Live};
use super::screens::{DeleteState, ExportState, MenuState};
use crate::content::{InputKind, Pack};
use crate::session::recognition::Recognition;
use crate::session::{Place, Session};
use crate::ui::Theme;
use crate::ui::menu::Mode;

/// Where the app opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StartAt {
    #[default]
    Menu,
    History,
    /// Straight into one way of use (`denkcoach gesprek | demo | oefenen`).
    Mode(Mode),
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `bewaartermijn` from the config file, in months.
    pub retention_months: Option<u32>,
    pub start: StartAt,
    /// The data folder can be read but not written (a read-only disk or
    /// folder): notes can be looked at, and every screen says so.
    pub read_only: bool,
    /// Settings that could not be used, said on the first screen.
    pub notice: Option<String>,
    /// `config.toml`, for the settings screen.
    pub settings: super::screens::settings::SettingsFile,
    /// NO_COLOR is set: no theme brings colour back.
    pub no_color: bool,
    /// F12 panics, for the test that the terminal and the text survive a
    /// panic (`DENKCOACH_TEST_PANIC`); never in a release build.
    #[cfg(debug_assertions)]
    pub test_panic: bool,
}

impl Options {
    /// `tips = false` in the settings: a conversation starts with the
    /// screen ready to turn to the client.
    pub fn tips_hidden_at_start(&self) -> bool {
        self.settings.config.tips == Some(false)
    }
}

pub struct Model {
    pub pack: Pack,
    pub theme: Theme,
    /// The theme for a projector (demo), unless colour is off.
    pub demo_theme: Theme,
    /// The data folder the user chose, shown on screen; practice notes
    /// live in a folder inside it.
    pub data_root: PathBuf,
    pub options: Options,
    pub mode: Mode,
    pub hide_tips: bool,
    /// A demo saves nothing unless the trainer asks.
    pub demo_saving: bool,
    /// The time of the last event or clock tick.
    pub now: DateTime<FixedOffset>,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    /// A message that must be seen, such as a failed save.
    pub status: Option<String>,
    pub saves: Saves,
    /// A new session waiting for its file name.
    pub pending: Option<Box<Session>>,
    /// The notes list, kept while one of its sessions is open.
    pub history: Option<Box<HistoryState>>,
    /// The check of the listed sessions against their files is running.
    pub verifying: bool,
    /// The search texts are being read.
    pub searching: bool,
    pub quitting: bool,
    /// A step with a countdown (the piekerkwartier): its id and when it
    /// was opened.
    pub timer: Option<(String, DateTime<FixedOffset>)>,
    /// The code being typed is a group's: the conversation opens with the
    /// group's phases and everyone's perspective.
    pub group: bool,
}

/// What the writer has been given and what it has written.
#[derive(Debug, Default)]
pub struct Saves {
    /// Updates handed to the writer, and the last one on disk.
    pub sent: u64,
    pub saved: u64,
    pub failed: bool,
    /// Quit was confirmed while the last write failed: a second confirm
    /// quits anyway.
    pub quit_despite_failure: bool,
    /// Quit was confirmed while saving failed: a copy is being written to
    /// the home folder, and once it is there the coach stops.
    pub quit_after_copy: bool,
    pub last_saved: Option<PathBuf>,
}

pub enum Screen {
    Menu(MenuState),
    Recognition(Box<Recognition>),
    /// Typing a client code.
    Code(Box<TextArea<'static>>),
    Session(Box<Live>),
    Done {
        session: Box<Session>,
        path: String,
        /// The session's file, for its hand-out.
        id: String,
        folder: Folder,
    },
    History,
    Detail {
        id: String,
        session: Box<Session>,
        finished: bool,
        scroll: usize,
        note: Option<String>,
    },
}

pub enum Overlay {
    Help,
    About,
    /// What is kept, where, how long (AVG): the overview's lines.
    Privacy(Vec<String>),
    ConfirmQuit,
    /// Deleting: the client code (or a word) must be typed first.
    ConfirmDelete(Box<DeleteState>),
    Export(ExportState),
    /// A file was written that can be opened (the client's sheet, to print).
    OpenFile(PathBuf),
    /// The client whose code was typed has an open session: carry on there?
    ResumeOffer(Box<super::screens::begin::ResumeOffer>),
}

impl Model {
    /// A question before deleting waits for what goes to be counted.
    pub fn counting(&self) -> bool {
        matches!(&self.overlay, Some(Overlay::ConfirmDelete(state)) if state.copies.is_none())
    }

    pub fn new(pack: Pack, theme: Theme, data_root: PathBuf, options: Options) -> Model {
        let hide_tips = options.tips_hidden_at_start();
        let status = options.notice.clone();
        let demo_theme = if theme == Theme::monochrome() {
            theme
        } else {
            Theme::high_contrast()
        };
        Model {
            pack,
            theme,
            demo_theme,
            data_root,
            options,
            mode: Mode::Gesprek,
            hide_tips,
            demo_saving: false,
            now: DateTime::UNIX_EPOCH.fixed_offset(),
            screen: Screen::Menu(MenuState::default()),
            overlay: None,
            status,
            saves: Saves::default(),
            pending: None,
            history: None,
            verifying: false,
            searching: false,
            quitting: false,
            timer: None,
            group: false,
        }
    }

    /// The folder notes of this mode go to.
    pub fn folder(&self) -> Folder {
        // A demo saved by the trainer is practice material: it goes with
        // the practice notes, never among the clients' to resume.
        match self.mode {
            Mode::Oefenen | Mode::Demo => Folder::Practice,
            Mode::Gesprek => Folder::Clients,
        }
    }

    /// The folder on screen, for the status line and the code prompt.
    pub fn folder_path(&self) -> PathBuf {
        match self.folder() {
            Folder::Clients => self.data_root.clone(),
            Folder::Practice => self.data_root.join(super::PRACTICE_DIR),
        }
    }

    pub fn live(&self) -> Option<&Live> {
        match &self.screen {
            Screen::Session(live) => Some(live),
            _ => None,
        }
    }

    /// The session on screen: being written, just finished, or read.
    pub fn session(&self) -> Option<&Session> {
        match &self.screen {
            Screen::Session(live) => Some(&live.session),
            Screen::Done { session, .. } | Screen::Detail { session, .. } => Some(session),
            _ => None,
        }
    }

    /// The file last written, if any; it stays on disk after exit.
    pub fn last_saved(&self) -> Option<&std::path::Path> {
        self.saves.last_saved.as_deref()
    }

    /// Minutes since the session began, in a conversation.
    /// Starts the countdown when a step that has one is opened, and
    /// forgets it when another step is.
    pub fn follow_timer(&mut self) {
        let step = match &self.screen {
            Screen::Session(live) => live
                .session
                .current_step(&self.pack)
                .filter(|s| s.minutes.is_some()),
            _ => None,
        };
        match step {
            Some(s) if self.timer.as_ref().is_some_and(|(id, _)| *id == s.id) => {}
            Some(s) => self.timer = Some((s.id.clone(), self.now)),
            None => self.timer = None,
        }
    }

    /// Whole minutes left on the step's countdown (0: it is over).
    pub fn timer_left(&self) -> Option<i64> {
        let (id, start) = self.timer.as_ref()?;
        let minutes = self.pack.step(id)?.minutes?;
        let passed = (self.now - *start).num_seconds().max(0);
        let left = i64::from(minutes) * 60 - passed;
        // Counted up to the whole minute: "nog 15 min" at the start.
        Some(if left <= 0 { 0 } else { (left + 59) / 60 })
    }

    pub fn clock_minutes(&self) -> Option<i64> {
        self.session_clock()
            .map(|start| (self.now - start).num_minutes().max(0))
    }

    /// What the minute ticks follow: a countdown's start, else the quiet
    /// clock's.
    pub fn clock_start(&self) -> Option<DateTime<FixedOffset>> {
        match &self.timer {
            Some((_, start)) => Some(*start),
            None => self.session_clock(),
        }
    }

    /// The start of the quiet clock of a conversation.
    fn session_clock(&self) -> Option<DateTime<FixedOffset>> {
        match (&self.screen, self.mode) {
            (Screen::Session(live), Mode::Gesprek) => Some(live.session.started_at),
            _ => None,
        }
    }

    pub fn theme(&self) -> &Theme {
        if self.mode == Mode::Demo {
            &self.demo_theme
        } else {
            &self.theme
        }
    }

    /// Which key layers hold now.
    pub fn layers(&self) -> Vec<Layer> {
        match &self.overlay {
            Some(Overlay::Help) => vec![Layer::Help],
            Some(Overlay::About) => vec![Layer::About],
            Some(Overlay::Privacy(_)) => vec![Layer::Privacy],
            Some(Overlay::ConfirmQuit) => vec![Layer::ConfirmQuit],
            Some(Overlay::ConfirmDelete(_)) => vec![Layer::ConfirmDelete],
            Some(Overlay::Export(state)) if state.scopes.len() > 1 => {
                vec![Layer::Export, Layer::ExportScopes]
            }
            Some(Overlay::Export(_)) => vec![Layer::Export],
            Some(Overlay::OpenFile(_)) => vec![Layer::OpenFile],
            Some(Overlay::ResumeOffer(_)) => vec![Layer::ResumeOffer],
            None => self.layers_without_overlay(),
        }
    }

    /// The layers of the screen itself, whatever window is over it.
    pub fn layers_without_overlay(&self) -> Vec<Layer> {
        let mut layers = vec![Layer::Screen];
        match &self.screen {
            Screen::Menu(menu) if menu.kind == super::screens::menu::MenuKind::Settings => {
                layers.push(Layer::Settings);
            }
            Screen::Menu(menu) => {
                use super::screens::menu::MenuKind;
                layers.push(Layer::Menu);
                // Started as `denkcoach demo`, the index is home: a stray Esc
                // does not put the start menu, with its clients' codes, on
                // the projector.
                let demo_home =
                    menu.kind == MenuKind::Demo && self.options.start == StartAt::Mode(Mode::Demo);
                if menu.kind != MenuKind::Start && !demo_home {
                    layers.push(Layer::SubMenu);
                }
            }
            Screen::Recognition(_) => layers.push(Layer::Recognition),
            Screen::Code(_) => layers.push(Layer::Code),
            Screen::Done { .. } => {
                layers.push(Layer::Done);
                if self.mode == Mode::Gesprek {
                    layers.push(Layer::Handout);
                }
            }
            Screen::History => match &self.history {
                Some(h) if h.trash.is_some() => layers.push(Layer::Trash),
                Some(h) if h.folder == super::effect::Folder::Practice => {
                    layers.push(Layer::History);
                }
                _ => layers.extend([Layer::History, Layer::ClientFilter]),
            },
            Screen::Detail { .. } => layers.push(Layer::Detail),
            Screen::Session(live) => {
                layers.extend(live.layers(&self.pack, self.mode, self.hide_tips));
                if self.saves.failed {
                    layers.push(Layer::SaveFailed);
                }
            }
        }
        layers
    }
}

impl Live {
    /// The key layers of the session on screen.
    pub fn layers(&self, pack: &Pack, mode: Mode, hide_tips: bool) -> Vec<Layer> {
        let Some(step) = self.session.current_step(pack) else {
            // The index and saving are a key away in a demo here too.
            let mut layers = vec![Layer::RouteChoice];
            if mode != Mode::Oefenen {
                layers.push(Layer::Tips);
            }
            if mode == Mode::Demo {
                layers.push(Layer::Demo);
            }
            return layers;
        };
        let mut layers = vec![Layer::Step];
        if self.session.can_go_back(pack) || matches!(self.session.place, Place::Solo { .. }) {
            layers.push(Layer::StepBack);
        }
        let focus_note = self.note_focused(pack);
        // The patterns, with the screen turned to the client, are not shown:
        // nothing to choose or type there, only Enter on.
        let private = step.turned_away(hide_tips, mode == Mode::Oefenen);
        match step.input {
            _ if private => {}
            InputKind::Perspectives => layers.extend([Layer::Perspectives, Layer::Note]),
            InputKind::Summary => layers.push(Layer::Scroll),
            _ if focus_note => {
                layers.push(Layer::Note);
                let two_voices = self.shown_voices(pack, hide_tips).len() > 1;
                if two_voices && self.focus != Focus::Impression {
                    layers.push(Layer::ToImpression);
                } else if self.has_choices(pack) {
                    layers.push(Layer::Choices);
                } else if two_voices {
                    layers.push(Layer::ToWords);
                }
            }
            InputKind::Scale => layers.push(Layer::Scale),
            input if input.takes_options() => layers.push(Layer::Options),
            _ => {}
        }
        if !private && !focus_note && step.notes && self.has_choices(pack) {
            layers.push(Layer::ToNote);
        }
        if matches!(
            self.session.place,
            Place::Route { .. } | Place::After { .. }
        ) {
            layers.push(Layer::Routes);
        }
        if mode != Mode::Oefenen {
            layers.push(Layer::Tips);
        }
        if mode == Mode::Demo {
            layers.push(Layer::Demo);
        }
        layers
    }
}
