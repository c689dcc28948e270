//! The event loop: terminal events become commands, commands become session
//! actions, and after each the app hands the record to the writer thread and
//! redraws. It sleeps in between: no tick, so an idle coach uses no CPU.

mod conversation;
mod modes;
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
use crate::session::recognition::Recognition;
use crate::ui::history::HistoryState;
use crate::ui::menu::{MenuItem, MenuView, Mode};
use crate::ui::{self, Overlay, Prefs, Screen, Theme, View};

pub use terminal::run_in_terminal;

/// How often the loop looks for the writer's answer while one is due.
const SAVE_CHECK: Duration = Duration::from_millis(200);
/// How often it looks for a helper thread's answer (the index check, the
/// texts for a search) while one runs.
const BACKGROUND_CHECK: Duration = Duration::from_millis(25);

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
}

pub struct App {
    pack: Pack,
    theme: Theme,
    /// The theme for a projector (demo), unless colour is off.
    demo_theme: Theme,
    /// The data folder the user chose; practice notes live in a folder
    /// inside it, apart from client notes.
    data_root: PathBuf,
    store: Store,
    mode: Mode,
    hide_tips: bool,
    /// A demo saves nothing unless the trainer asks (`w`).
    demo_saving: bool,
    /// The time of the last event or clock tick, for the quiet clock.
    clock_now: DateTime<FixedOffset>,
    /// The quiet line on menus: mode, language, data folder.
    menu_status: String,
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
    /// Events are being taken in a batch (everything already waiting).
    batching: bool,
    /// The notes field changed during a batch and the session has not seen it.
    notes_dirty: bool,
    /// Plain text typed during a batch, not yet in the notes field.
    typed: String,
    /// How long bringing the session up to date took after the last batch.
    last_sync: Duration,
    /// The check of the history index against the files, running on a
    /// thread for the store at this path.
    verifying: Option<notes::Check>,
    /// The texts of the listed sessions for a search, read on a thread.
    searching: Option<notes::TextsReading>,
}

/// Which menu is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MenuKind {
    Start,
    Demo,
    Practice,
}

enum AppScreen {
    Menu {
        kind: MenuKind,
        items: Vec<MenuItem>,
        cursor: usize,
    },
    Recognition(Box<Recognition>),
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
        let demo_theme = if theme == Theme::monochrome() {
            theme
        } else {
            Theme::high_contrast()
        };
        let mut app = App {
            pack,
            theme,
            demo_theme,
            data_root: store.root().to_path_buf(),
            store,
            mode: Mode::Gesprek,
            hide_tips: false,
            demo_saving: false,
            clock_now: local_now(),
            menu_status: String::new(),
            saver,
            outcomes,
            options,
            screen: AppScreen::Menu {
                kind: MenuKind::Start,
                items: Vec::new(),
                cursor: 0,
            },
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
            batching: false,
            notes_dirty: false,
            typed: String::new(),
            last_sync: Duration::ZERO,
            verifying: None,
            searching: None,
        };
        app.update_status();
        match app.options.start {
            StartAt::Menu => app.open_menu(local_now()),
            StartAt::History => app.open_history(),
            StartAt::Mode(mode) => app.enter_mode(mode, local_now()),
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

    /// The notes field's text and cursor (row, column), for tests.
    pub fn notes_state(&self) -> Option<(String, (usize, usize), Vec<String>)> {
        match &self.screen {
            AppScreen::Session(live) => Some((
                live.notes.lines().join("\n"),
                {
                    let c = live.notes.cursor();
                    (c.0, c.1)
                },
                live.notes.lines().to_vec(),
            )),
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
    /// `after_first_frame` runs once the first frame is on screen: work
    /// that need not delay it (starting helper threads) goes there.
    pub fn run<B: Backend>(
        &mut self,
        terminal: &mut Terminal<B>,
        after_first_frame: impl FnOnce() -> anyhow::Result<()>,
    ) -> anyhow::Result<()>
    where
        B::Error: Send + Sync + 'static,
    {
        let mut redraw = true;
        let mut after_first_frame = Some(after_first_frame);
        while !self.quit {
            let outcomes = self.take_outcomes();
            let verified = self.take_verification(local_now());
            let searched = self.take_search_texts();
            // Waking for the writer or a helper thread draws only when
            // something changed.
            if (redraw || outcomes || verified || searched)
                && terminal.draw(|frame| self.draw(frame)).is_err()
            {
                // The terminal is gone (a closed window): keep the text, stop.
                self.flush();
                return Ok(());
            }
            // The index check reads thousands of files' metadata: after the
            // frame, so it never delays one.
            self.start_due_check();
            if let Some(then) = after_first_frame.take() {
                then()?;
            }
            // Block on the terminal; wake only while a write is due (for the
            // writer's answer) or when the quiet clock turns a minute.
            let event = match self.next_wake() {
                Some(wait) => match event::poll(wait) {
                    Ok(true) => event::read().map(Some),
                    Ok(false) => Ok(None),
                    Err(e) => Err(e),
                },
                None => event::read().map(Some),
            };
            redraw = true;
            match event {
                Ok(Some(event)) => {
                    if let Err(e) = self.take_waiting_events(event) {
                        self.flush();
                        return Err(e.into());
                    }
                }
                Ok(None) => {
                    let shown = self.clock_minutes();
                    self.clock_now = local_now();
                    redraw = self.clock_minutes() != shown;
                }
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

    /// Handles every event already waiting before the next frame, so that
    /// a flood of keys (a paste without bracketed paste) costs one frame and
    /// one copy of the text, not one per key. Bounded in time so the screen
    /// still follows.
    fn take_waiting_events(&mut self, first: Event) -> std::io::Result<()> {
        // A batch lasts longer when closing it is costly (a huge text), so
        // the cost per key stays small whatever the size.
        let batch_time =
            (Duration::from_millis(100) + self.last_sync * 4).min(Duration::from_secs(2));
        // In a flood, wait a moment for the rest rather than drawing (and
        // re-measuring the text) after every few kilobytes.
        const FLOOD: usize = 64;
        let started = Instant::now();
        self.batching = true;
        self.handle(first, local_now(), Instant::now());
        let mut handled = 1;
        let result = loop {
            if self.quit || started.elapsed() > batch_time {
                break Ok(());
            }
            // (crossterm's poll with a zero timeout does not look at waiting
            // input, so the shortest wait is one millisecond.)
            let wait = if handled > FLOOD {
                Duration::from_millis(10)
            } else {
                Duration::from_millis(1)
            };
            handled += 1;
            match event::poll(wait) {
                Ok(true) => match event::read() {
                    Ok(event) => self.handle(event, local_now(), Instant::now()),
                    Err(e) => break Err(e),
                },
                Ok(false) => break Ok(()),
                Err(e) => break Err(e),
            }
        };
        self.batching = false;
        let closing = Instant::now();
        self.sync_notes(local_now());
        self.last_sync = closing.elapsed();
        result
    }

    /// A helper thread (the index check, the texts for a search) is still
    /// at work; the loop looks for its answer now and then.
    pub fn waiting_for_helpers(&self) -> bool {
        self.verifying.is_some() || self.searching.is_some()
    }

    /// Waits for the helper threads – the check of the history index
    /// against the files, the texts for a search – and takes in what they
    /// found (the event loop does this without waiting).
    pub fn settle(&mut self) {
        self.start_due_check();
        if let Some(notes::Check::Running(root, rx)) = self.verifying.take()
            && let Ok(found) = rx.recv()
        {
            self.apply_verification(&root, found, local_now());
        }
        while let Some(reading) = self.searching.take() {
            match reading.rx.recv() {
                Ok(texts) => {
                    self.apply_search_texts(&reading.ids, texts);
                }
                Err(_) => self.read_search_texts_here(),
            }
        }
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

    /// Takes the writer's answers; true when there were any.
    fn take_outcomes(&mut self) -> bool {
        let mut any = false;
        while let Ok(outcome) = self.outcomes.try_recv() {
            self.note_outcome(outcome);
            any = true;
        }
        any
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

    /// How long the loop may sleep: without limit when idle.
    fn next_wake(&self) -> Option<Duration> {
        let save = (self.sent > self.saved).then_some(SAVE_CHECK);
        let verify = self.waiting_for_helpers().then_some(BACKGROUND_CHECK);
        let clock = self.clock_minutes().map(|_| {
            let seconds = self
                .session()
                .map_or(0, |s| (self.clock_now - s.started_at).num_seconds());
            let into_minute = u64::try_from(seconds.rem_euclid(60)).unwrap_or(0);
            Duration::from_secs(60 - into_minute)
        });
        [save, verify, clock].into_iter().flatten().min()
    }

    /// Minutes since the session began, in a conversation.
    fn clock_minutes(&self) -> Option<i64> {
        match (&self.screen, self.mode) {
            (AppScreen::Session(live), Mode::Gesprek) => Some(
                (self.clock_now - live.session.started_at)
                    .num_minutes()
                    .max(0),
            ),
            _ => None,
        }
    }

    fn prefs(&self) -> Prefs<'_> {
        let m = &self.pack.ui.modes;
        let banner = match self.mode {
            Mode::Demo if self.demo_saving => Some(m.demo_saving.as_str()),
            Mode::Demo => Some(m.demo_not_saved.as_str()),
            _ if self.hide_tips => Some(m.tips_hidden.as_str()),
            _ => None,
        };
        Prefs {
            hide_tips: self.hide_tips,
            self_voice: self.mode == Mode::Oefenen,
            clock: self.clock_minutes(),
            banner,
            jump: self.mode == Mode::Demo,
            spacious: self.mode == Mode::Demo,
        }
    }

    fn view(&self) -> View<'_> {
        let data_dir = self.store.root().to_str().unwrap_or("?");
        let m = &self.pack.ui.modes;
        let screen = match &self.screen {
            AppScreen::Menu {
                kind,
                items,
                cursor,
            } => Screen::Menu(MenuView {
                title: match kind {
                    MenuKind::Start => &self.pack.ui.history.menu_title,
                    MenuKind::Demo => &m.demo_title,
                    MenuKind::Practice => &m.practice_title,
                },
                items,
                cursor: *cursor,
                status: &self.menu_status,
                welcome: *kind == MenuKind::Start,
            }),
            AppScreen::Recognition(r) => Screen::Recognition(r),
            AppScreen::Start { code } => Screen::Start { code, data_dir },
            AppScreen::Session(live) => Screen::Session {
                session: &live.session,
                notes: &live.notes,
                editing: live.editing,
            },
            AppScreen::Done { session, path } => Screen::Done { session, path },
            AppScreen::History => match self.history.as_deref() {
                Some(state) => Screen::History { state },
                None => Screen::Menu(MenuView {
                    title: "",
                    items: &[],
                    cursor: 0,
                    status: &self.menu_status,
                    welcome: false,
                }),
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
            theme: if self.mode == Mode::Demo {
                &self.demo_theme
            } else {
                &self.theme
            },
            screen,
            overlay: self.overlay.as_ref(),
            status: self.status.as_deref(),
            prefs: self.prefs(),
        }
    }

    pub fn handle(&mut self, event: Event, now: DateTime<FixedOffset>, instant: Instant) {
        self.take_outcomes();
        self.clock_now = now;
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.key(key, now, instant),
            Event::Paste(text) => self.paste(&text, now),
            _ => {}
        }
    }

    fn key(&mut self, key: KeyEvent, now: DateTime<FixedOffset>, _instant: Instant) {
        // Esc puts a reminder away rather than going back.
        if key.code == crossterm::event::KeyCode::Esc && self.has_reminder() {
            self.dismiss_reminder(now);
            return;
        }
        // Fault injection for the panic test: F12 panics only when asked.
        if key.code == crossterm::event::KeyCode::F(12)
            && std::env::var_os("DENKCOACH_TEST_PANIC").is_some()
        {
            panic!("panic requested by DENKCOACH_TEST_PANIC");
        }
        let ctx = self.view().context();
        match keymap::lookup(ctx, &key) {
            Some(command) => {
                self.sync_notes(now);
                self.command(ctx, command, now)
            }
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
            Command::Open if ctx == Context::Recognition => self.recognition_enter(now),
            Command::Open => self.open(now),
            Command::Begin => self.begin(now),
            Command::NewSession => self.enter_mode(self.mode, now),
            Command::Back if ctx == Context::Menu => self.menu_back(now),
            Command::Back if ctx == Context::Recognition => self.enter_mode(Mode::Oefenen, now),
            Command::Back if matches!(ctx, Context::Start | Context::History) => {
                self.back_from_notes(now)
            }
            Command::Up | Command::Down if ctx == Context::Recognition => {
                self.recognition_cursor(command == Command::Down)
            }
            Command::Back if ctx == Context::Detail => self.back_to_history(),
            Command::Up | Command::Down if matches!(ctx, Context::Menu) => {
                if let AppScreen::Menu { items, cursor, .. } = &mut self.screen {
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
            Command::ToggleTips => self.hide_tips = !self.hide_tips,
            Command::SaveDemo => {
                self.demo_saving = true;
                self.save(now, true);
            }
            Command::Index => self.enter_mode(Mode::Demo, now),
            Command::SaveElsewhere => self.save_elsewhere(now),
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
        let text = clean_paste(text);
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
        if self.mode == Mode::Demo && !self.demo_saving {
            return;
        }
        let record = SessionRecord::from_session(&live.id, &live.session, &self.pack, now);
        self.sent += 1;
        self.saver.update(record, urgent, self.sent);
    }

    /// A copy of the session in the home folder (or the current folder),
    /// for when the data folder cannot be written.
    fn save_elsewhere(&mut self, now: DateTime<FixedOffset>) {
        let AppScreen::Session(live) = &self.screen else {
            return;
        };
        let record = SessionRecord::from_session(&live.id, &live.session, &self.pack, now);
        let folder = directories::UserDirs::new()
            .map(|d| d.home_dir().to_path_buf())
            .unwrap_or_else(|| PathBuf::from("."));
        let path = folder.join(format!("denkcoach-{}.json", live.id));
        let written = serde_json::to_vec_pretty(&record)
            .map_err(std::io::Error::other)
            .and_then(|json| crate::notes::write_atomic(&path, &json));
        let shown = path.display().to_string();
        self.status = Some(match written {
            Ok(()) => fill(&self.pack.ui.save.elsewhere, &[("path", &shown)]),
            Err(e) => fill(
                &self.pack.ui.cli.write_failed,
                &[("path", &shown), ("reason", &e.kind().to_string())],
            ),
        });
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

/// Pasted text as plain text: line breaks kept, other control characters
/// (escape sequences included) dropped, so nothing pasted can steer the
/// terminal when the note is drawn.
pub fn clean_paste(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| *c == '\n' || *c == '\t' || !c.is_control())
        .collect()
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
