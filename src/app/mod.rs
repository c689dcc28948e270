//! The event loop: terminal events become commands, commands become session
//! actions, and after each the app hands the record to the writer thread and
//! redraws. It sleeps in between: no tick, so an idle coach uses no CPU.

mod conversation;
mod notes;
mod terminal;

use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use crossterm::event::{self, Event, KeyEvent, KeyEventKind};
use ratatui::{Frame, Terminal, backend::Backend};
use ratatui_textarea::TextArea;

use crate::content::{Pack, fill};
use crate::keymap::{self, Command, Context};
use crate::notes::{Outcome, Saver, SessionLock, SessionRecord, Store};
use crate::session::Session;
use crate::ui::history::HistoryState;
use crate::ui::menu::MenuItem;
use crate::ui::{self, Overlay, Screen, Theme, View};

pub use terminal::run_in_terminal;

/// How often the loop looks for the writer's answer while one is due.
const SAVE_CHECK: Duration = Duration::from_millis(200);

/// Where the app opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StartAt {
    #[default]
    Menu,
    History,
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `bewaartermijn` from the config file, in months.
    pub retention_months: Option<u32>,
    pub start: StartAt,
}

pub struct App {
    pack: Pack,
    theme: Theme,
    store: Store,
    saver: Saver,
    outcomes: Receiver<Outcome>,
    options: Options,
    screen: AppScreen,
    /// The history list, kept while one of its sessions is open.
    history: Option<Box<HistoryState>>,
    overlay: Option<Overlay>,
    status: Option<String>,
    quit: bool,
    /// Updates handed to the writer, and how many of them are on disk.
    sent: u64,
    saved: u64,
    save_failed: bool,
    /// Quit was confirmed while the last write failed: a second confirm
    /// quits anyway.
    quit_despite_failure: bool,
    last_saved: Option<PathBuf>,
    /// What a confirmed delete will remove.
    pending_delete: Vec<String>,
}

enum AppScreen {
    Menu {
        items: Vec<MenuItem>,
        cursor: usize,
    },
    /// Typing a client code.
    Start {
        code: Box<TextArea<'static>>,
    },
    Session(Box<Live>),
    Done {
        session: Box<Session>,
        path: String,
    },
    History,
    Detail {
        record: Box<SessionRecord>,
        session: Box<Session>,
        scroll: usize,
        note: Option<String>,
    },
}

/// A session being walked and written.
struct Live {
    id: String,
    session: Session,
    notes: TextArea<'static>,
    editing: bool,
    /// Held while the session is open, so no other window writes it.
    lock: Option<SessionLock>,
}

impl App {
    pub fn new(pack: Pack, theme: Theme, store: Store) -> Self {
        App::with_options(pack, theme, store, Options::default())
    }

    pub fn with_options(pack: Pack, theme: Theme, store: Store, options: Options) -> Self {
        let (saver, outcomes) = Saver::start(store.clone());
        let mut app = App {
            pack,
            theme,
            store,
            saver,
            outcomes,
            options,
            screen: AppScreen::Start { code: code_field() },
            history: None,
            overlay: None,
            status: None,
            quit: false,
            sent: 0,
            saved: 0,
            save_failed: false,
            quit_despite_failure: false,
            last_saved: None,
            pending_delete: Vec::new(),
        };
        match app.options.start {
            StartAt::Menu => app.open_menu(local_now()),
            StartAt::History => app.open_history(),
        }
        app
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn pack(&self) -> &Pack {
        &self.pack
    }

    /// A handle on the writer, for the signal handler and the panic hook.
    pub fn saver(&self) -> Saver {
        self.saver.clone()
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The file last written, if any; it stays on disk after exit.
    pub fn last_saved(&self) -> Option<&std::path::Path> {
        self.last_saved.as_deref()
    }

    /// The file of the session on screen.
    pub fn saved_path(&self) -> Option<PathBuf> {
        match &self.screen {
            AppScreen::Session(live) => Some(self.store.path_of(&live.id)),
            _ => None,
        }
    }

    /// The session on screen, for tests and the closing message.
    pub fn session(&self) -> Option<&Session> {
        match &self.screen {
            AppScreen::Session(live) => Some(&live.session),
            AppScreen::Done { session, .. } | AppScreen::Detail { session, .. } => Some(session),
            _ => None,
        }
    }

    /// Runs until the user quits or the terminal goes away.
    pub fn run<B: Backend>(&mut self, terminal: &mut Terminal<B>) -> anyhow::Result<()>
    where
        B::Error: Send + Sync + 'static,
    {
        while !self.quit {
            self.take_outcomes();
            terminal.draw(|frame| self.draw(frame))?;
            // Block on the terminal; only while a write is due, look up now
            // and then for the writer's answer.
            let event = if self.sent > self.saved {
                match event::poll(SAVE_CHECK) {
                    Ok(true) => event::read().map(Some),
                    Ok(false) => Ok(None),
                    Err(e) => Err(e),
                }
            } else {
                event::read().map(Some)
            };
            match event {
                Ok(Some(event)) => self.handle(event, local_now(), Instant::now()),
                Ok(None) => {}
                Err(_) => {
                    // The terminal is gone (hang-up, closed window): keep the text, stop.
                    self.flush();
                    return Ok(());
                }
            }
        }
        self.flush();
        Ok(())
    }

    /// Writes whatever is pending and waits for it.
    pub fn flush(&mut self) -> bool {
        let outcome = self.saver.flush();
        let ok = !matches!(outcome, Some(Outcome::Failed { .. }));
        if let Some(outcome) = outcome {
            self.note_outcome(outcome);
        }
        self.take_outcomes();
        ok
    }

    fn take_outcomes(&mut self) {
        while let Ok(outcome) = self.outcomes.try_recv() {
            self.note_outcome(outcome);
        }
    }

    fn note_outcome(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Saved { path, seq, .. } => {
                self.saved = self.saved.max(seq);
                self.last_saved = Some(path);
                if self.save_failed {
                    self.save_failed = false;
                    self.status = None;
                }
            }
            Outcome::Failed { reason, .. } => {
                self.save_failed = true;
                let reason = reason.to_string();
                self.status = Some(fill(&self.pack.ui.save.failed, &[("reason", &reason)]));
            }
        }
    }

    pub fn draw(&self, frame: &mut Frame) {
        ui::render(frame, &self.view());
    }

    fn view(&self) -> View<'_> {
        let data_dir = self.store.root().to_str().unwrap_or("?");
        let screen = match &self.screen {
            AppScreen::Menu { items, cursor } => Screen::Menu {
                items,
                cursor: *cursor,
                data_dir,
            },
            AppScreen::Start { code } => Screen::Start { code, data_dir },
            AppScreen::Session(live) => Screen::Session {
                session: &live.session,
                notes: &live.notes,
                editing: live.editing,
            },
            AppScreen::Done { session, path } => Screen::Done { session, path },
            AppScreen::History => match self.history.as_deref() {
                Some(state) => Screen::History { state },
                None => Screen::Menu {
                    items: &[],
                    cursor: 0,
                    data_dir,
                },
            },
            AppScreen::Detail {
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
        View {
            pack: &self.pack,
            theme: &self.theme,
            screen,
            overlay: self.overlay.as_ref(),
            status: self.status.as_deref(),
        }
    }

    pub fn handle(&mut self, event: Event, now: DateTime<FixedOffset>, instant: Instant) {
        self.take_outcomes();
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.key(key, now, instant),
            Event::Paste(text) => self.paste(&text, now),
            _ => {}
        }
    }

    fn key(&mut self, key: KeyEvent, now: DateTime<FixedOffset>, _instant: Instant) {
        let ctx = self.view().context();
        match keymap::lookup(ctx, &key) {
            Some(command) => self.command(ctx, command, now),
            None => self.type_key(ctx, key, now),
        }
    }

    fn command(&mut self, ctx: Context, command: Command, now: DateTime<FixedOffset>) {
        match command {
            Command::Help => self.overlay = Some(Overlay::Help),
            Command::About => self.overlay = Some(Overlay::About),
            Command::CloseHelp | Command::CloseAbout | Command::Cancel => {
                self.overlay = None;
                self.pending_delete.clear();
            }
            Command::Quit => {
                if matches!(self.screen, AppScreen::Session(_)) {
                    self.overlay = Some(Overlay::ConfirmQuit);
                } else {
                    self.quit = true;
                }
            }
            Command::Confirm if ctx == Context::ConfirmDelete => self.confirm_delete(now),
            Command::Confirm => self.confirm_quit(),
            Command::Open => self.open(now),
            Command::Begin => self.begin(now),
            Command::NewSession => self.open_menu(now),
            Command::Back if matches!(ctx, Context::Start | Context::History) => {
                self.open_menu(now)
            }
            Command::Back if ctx == Context::Detail => self.back_to_history(),
            Command::Up | Command::Down if matches!(ctx, Context::Menu) => {
                if let AppScreen::Menu { items, cursor } = &mut self.screen {
                    *cursor = step_cursor(*cursor, items.len(), command == Command::Down);
                }
            }
            Command::Up | Command::Down if matches!(ctx, Context::History | Context::Detail) => {
                self.notes_cursor(command == Command::Down)
            }
            Command::Search | Command::FilterClient | Command::CloseInput => {
                self.history_input(command)
            }
            Command::Delete | Command::DeleteClient => self.ask_delete(command),
            Command::Export | Command::ExportForClient | Command::ExportJson => {
                self.export(command, now)
            }
            Command::Resume => self.resume_detail(now),
            _ => self.conversation_command(command, now),
        }
    }

    /// A key that is not a command: text for whichever field has focus.
    fn type_key(&mut self, ctx: Context, key: KeyEvent, now: DateTime<FixedOffset>) {
        match ctx {
            Context::Start => {
                if let AppScreen::Start { code } = &mut self.screen
                    && !matches!(
                        key.code,
                        crossterm::event::KeyCode::Tab | crossterm::event::KeyCode::Enter
                    )
                {
                    code.input(key);
                }
            }
            Context::Editing => self.type_note(key, now),
            Context::HistoryInput => self.type_filter(key),
            _ => {}
        }
    }

    fn paste(&mut self, text: &str, now: DateTime<FixedOffset>) {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        match self.view().context() {
            Context::Start => {
                if let AppScreen::Start { code } = &mut self.screen {
                    code.insert_str(text.replace('\n', " "));
                }
            }
            Context::Step { notes: true, .. } | Context::Editing => self.paste_note(&text, now),
            _ => {}
        }
    }

    /// Hands the session on screen to the writer; `urgent` writes at once.
    fn save(&mut self, now: DateTime<FixedOffset>, urgent: bool) {
        let AppScreen::Session(live) = &self.screen else {
            return;
        };
        let record = SessionRecord::from_session(&live.id, &live.session, &self.pack, now);
        self.sent += 1;
        self.saver.update(record, urgent, self.sent);
    }

    fn confirm_quit(&mut self) {
        self.overlay = None;
        let ok = self.flush();
        // A failed last write keeps the app open with the text, unless the
        // user confirms a second time.
        if ok || self.quit_despite_failure {
            self.release_lock();
            self.quit = true;
        } else {
            self.quit_despite_failure = true;
        }
    }

    fn release_lock(&mut self) {
        if let AppScreen::Session(live) = &mut self.screen
            && let Some(lock) = live.lock.take()
        {
            lock.release();
        }
    }
}

fn step_cursor(cursor: usize, len: usize, down: bool) -> usize {
    if down {
        (cursor + 1).min(len.saturating_sub(1))
    } else {
        cursor.saturating_sub(1)
    }
}

fn code_field() -> Box<TextArea<'static>> {
    let mut field = TextArea::default();
    field.set_cursor_line_style(ratatui::style::Style::new());
    Box::new(field)
}

fn local_now() -> DateTime<FixedOffset> {
    chrono::Local::now().fixed_offset()
}
