//! The event loop: terminal events become commands, commands become session
//! actions, and after each the app saves and redraws. It sleeps in between:
//! no tick, so an idle coach uses no CPU.

use std::io;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind};
use ratatui::style::{Modifier, Style};
use ratatui::{Frame, Terminal, backend::Backend};
use ratatui_textarea::{TextArea, WrapMode};

use crate::content::{Pack, fill};
use crate::keymap::{self, Command, Context};
use crate::notes::{SessionRecord, Store};
use crate::session::{Action, Effect, Session};
use crate::ui::{self, Overlay, Screen, Theme, View};

/// Typed text is saved this long after the last keystroke…
const SAVE_AFTER_PAUSE: Duration = Duration::from_secs(1);
/// …and at least this often while typing goes on.
const SAVE_AT_LEAST_EVERY: Duration = Duration::from_secs(5);

pub struct App {
    pack: Pack,
    theme: Theme,
    store: Store,
    screen: AppScreen,
    overlay: Option<Overlay>,
    status: Option<String>,
    quit: bool,
    /// When unsaved typing began and when it last happened.
    unsaved: Option<(Instant, Instant)>,
    /// The file of the last successful save, to name after exit.
    last_saved: Option<PathBuf>,
}

enum AppScreen {
    Start {
        code: TextArea<'static>,
    },
    Session {
        id: String,
        session: Session,
        notes: TextArea<'static>,
        editing: bool,
    },
    Done {
        session: Session,
        path: String,
    },
}

impl App {
    pub fn new(pack: Pack, theme: Theme, store: Store) -> Self {
        App {
            pack,
            theme,
            store,
            screen: AppScreen::Start { code: code_field() },
            overlay: None,
            status: None,
            quit: false,
            unsaved: None,
            last_saved: None,
        }
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Runs until the user quits or the terminal goes away.
    pub fn run<B: Backend>(&mut self, terminal: &mut Terminal<B>) -> anyhow::Result<()>
    where
        B::Error: Send + Sync + 'static,
    {
        while !self.quit {
            terminal.draw(|frame| self.draw(frame))?;
            let event = match self.save_deadline() {
                Some(deadline) => {
                    let wait = deadline.saturating_duration_since(Instant::now());
                    match event::poll(wait) {
                        Ok(true) => event::read().map(Some),
                        Ok(false) => Ok(None),
                        Err(e) => Err(e),
                    }
                }
                None => event::read().map(Some),
            };
            match event {
                Ok(Some(event)) => self.handle(event, local_now(), Instant::now()),
                Ok(None) => {
                    self.save(local_now());
                }
                Err(_) => {
                    // The terminal is gone (hang-up, closed window): keep the text, stop.
                    self.save(local_now());
                    return Ok(());
                }
            }
        }
        Ok(())
    }

    /// When typed text must be saved, if any is waiting.
    pub fn save_deadline(&self) -> Option<Instant> {
        self.unsaved
            .map(|(first, last)| (last + SAVE_AFTER_PAUSE).min(first + SAVE_AT_LEAST_EVERY))
    }

    pub fn draw(&self, frame: &mut Frame) {
        ui::render(frame, &self.view());
    }

    fn view(&self) -> View<'_> {
        let screen = match &self.screen {
            AppScreen::Start { code } => Screen::Start {
                code,
                data_dir: self.store.root().to_str().unwrap_or("?"),
            },
            AppScreen::Session {
                session,
                notes,
                editing,
                ..
            } => Screen::Session {
                session,
                notes,
                editing: *editing,
            },
            AppScreen::Done { session, path } => Screen::Done { session, path },
        };
        View {
            pack: &self.pack,
            theme: &self.theme,
            screen,
            overlay: self.overlay,
            status: self.status.as_deref(),
        }
    }

    pub fn handle(&mut self, event: Event, now: DateTime<FixedOffset>, instant: Instant) {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.key(key, now, instant),
            Event::Paste(text) => self.paste(&text, instant),
            _ => {}
        }
    }

    fn key(&mut self, key: KeyEvent, now: DateTime<FixedOffset>, instant: Instant) {
        let ctx = self.view().context();
        match keymap::lookup(ctx, &key) {
            Some(command) => self.command(command, now),
            None => self.type_key(ctx, key, instant),
        }
    }

    fn command(&mut self, command: Command, now: DateTime<FixedOffset>) {
        match command {
            Command::Help => self.overlay = Some(Overlay::Help),
            Command::About => self.overlay = Some(Overlay::About),
            Command::CloseHelp | Command::CloseAbout | Command::CancelQuit => self.overlay = None,
            Command::Quit => {
                if matches!(self.screen, AppScreen::Session { .. }) {
                    self.overlay = Some(Overlay::ConfirmQuit);
                } else {
                    self.quit = true;
                }
            }
            Command::ConfirmQuit => {
                self.save(now);
                self.quit = true;
            }
            Command::Begin => self.begin(now),
            Command::NewSession => {
                self.screen = AppScreen::Start { code: code_field() };
            }
            Command::Edit => self.set_editing(true),
            Command::StopEditing => {
                self.set_editing(false);
                self.save(now);
            }
            Command::Next => self.act(Action::Next, now),
            Command::Back => self.act(Action::Back, now),
            Command::Up => self.act(Action::CursorUp, now),
            Command::Down => self.act(Action::CursorDown, now),
            Command::Toggle => self.act(Action::Toggle, now),
            Command::Digit(d) => self.act(Action::RatingDigit(d), now),
            Command::SwitchRoute => self.act(Action::OpenRouteChoice, now),
            Command::RouteLetter(c) => {
                if let Some(i) = self
                    .pack
                    .routes
                    .iter()
                    .position(|r| r.letter.starts_with(c))
                {
                    self.act(Action::ChooseRoute(i), now);
                }
            }
        }
    }

    /// A key that is not a command: text for whichever field has focus.
    fn type_key(&mut self, ctx: Context, key: KeyEvent, instant: Instant) {
        let notes_changed = match (&mut self.screen, ctx) {
            (AppScreen::Start { code }, Context::Start) => {
                // A code is one short line: no tabs or line breaks.
                if !matches!(key.code, KeyCode::Tab | KeyCode::Enter) {
                    code.input(key);
                }
                false
            }
            (AppScreen::Session { notes, .. }, Context::Editing) => notes.input(key),
            _ => false,
        };
        if notes_changed {
            self.notes_changed(instant);
        }
    }

    fn paste(&mut self, text: &str, instant: Instant) {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let ctx = self.view().context();
        match (&mut self.screen, ctx) {
            (AppScreen::Start { code }, Context::Start) => {
                code.insert_str(text.replace('\n', " "));
            }
            (
                AppScreen::Session { notes, .. },
                Context::Step { notes: true, .. } | Context::Editing,
            ) => {
                // Pasting on a step starts typing there: the text is not lost.
                notes.insert_str(&text);
                self.set_editing(true);
                self.notes_changed(instant);
            }
            _ => {}
        }
    }

    fn notes_changed(&mut self, instant: Instant) {
        if let AppScreen::Session { session, notes, .. } = &mut self.screen {
            let text = notes.lines().join("\n");
            if session.update(&self.pack, Action::SetText(text), local_now()) == Effect::Edited {
                self.unsaved = Some(match self.unsaved {
                    Some((first, _)) => (first, instant),
                    None => (instant, instant),
                });
            }
        }
    }

    fn begin(&mut self, now: DateTime<FixedOffset>) {
        let AppScreen::Start { code } = &self.screen else {
            return;
        };
        let code = code.lines().join(" ").trim().to_string();
        let session = Session::new(&self.pack, now, (!code.is_empty()).then_some(code));
        let id = self.store.new_id(now);
        let notes = self.notes_field(&session);
        self.screen = AppScreen::Session {
            id,
            session,
            notes,
            editing: false,
        };
        self.save(now);
    }

    fn act(&mut self, action: Action, now: DateTime<FixedOffset>) {
        let AppScreen::Session { session, .. } = &mut self.screen else {
            return;
        };
        match session.update(&self.pack, action, now) {
            Effect::Nothing | Effect::Edited => {}
            Effect::Moved => {
                let notes = self.notes_field_for_current();
                if let (
                    AppScreen::Session {
                        notes: field,
                        editing,
                        ..
                    },
                    Some(notes),
                ) = (&mut self.screen, notes)
                {
                    *field = notes;
                    *editing = false;
                }
                self.save(now);
            }
            Effect::Finished => {
                let path = self.save(now);
                if let AppScreen::Session { session, .. } = &self.screen {
                    self.screen = AppScreen::Done {
                        session: session.clone(),
                        path: path.map(|p| p.display().to_string()).unwrap_or_default(),
                    };
                }
            }
        }
    }

    /// Writes the session; a failure is shown and retried at the next save,
    /// with the text kept in memory.
    fn save(&mut self, now: DateTime<FixedOffset>) -> Option<PathBuf> {
        let AppScreen::Session { id, session, .. } = &self.screen else {
            return None;
        };
        let record = SessionRecord::from_session(id, session, &self.pack, now);
        match self.store.save(&record) {
            Ok(path) => {
                self.unsaved = None;
                self.status = None;
                self.last_saved = Some(path.clone());
                Some(path)
            }
            Err(e) => {
                let reason = e.kind().to_string();
                self.status = Some(fill(&self.pack.ui.save.failed, &[("reason", &reason)]));
                // Try again soon rather than on the next keystroke only.
                let t = Instant::now();
                self.unsaved = Some((t, t));
                None
            }
        }
    }

    fn set_editing(&mut self, on: bool) {
        if let AppScreen::Session { notes, editing, .. } = &mut self.screen {
            *editing = on;
            notes.set_cursor_style(if on {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            });
        }
    }

    fn notes_field_for_current(&self) -> Option<TextArea<'static>> {
        match &self.screen {
            AppScreen::Session { session, .. } => Some(self.notes_field(session)),
            _ => None,
        }
    }

    fn notes_field(&self, session: &Session) -> TextArea<'static> {
        let text = session
            .current_step(&self.pack)
            .and_then(|step| session.answer(&step.id))
            .map(|a| a.text.clone())
            .unwrap_or_default();
        let mut field = TextArea::new(text.split('\n').map(str::to_string).collect());
        field.set_wrap_mode(WrapMode::WordOrGlyph);
        field.set_cursor_line_style(Style::new());
        field.set_cursor_style(Style::new());
        field.set_placeholder_text(self.pack.ui.session.notes_placeholder.clone());
        field.set_placeholder_style(self.theme.muted);
        field.move_cursor(ratatui_textarea::CursorMove::Bottom);
        field.move_cursor(ratatui_textarea::CursorMove::End);
        field
    }

    /// The session on screen, for tests and the closing message.
    pub fn session(&self) -> Option<&Session> {
        match &self.screen {
            AppScreen::Session { session, .. } | AppScreen::Done { session, .. } => Some(session),
            AppScreen::Start { .. } => None,
        }
    }

    pub fn pack(&self) -> &Pack {
        &self.pack
    }

    /// The file last written, if any; it stays on disk after exit.
    pub fn last_saved(&self) -> Option<&std::path::Path> {
        self.last_saved.as_deref()
    }

    /// The file of the session on screen.
    pub fn saved_path(&self) -> Option<PathBuf> {
        match &self.screen {
            AppScreen::Session { id, .. } => Some(self.store.path_of(id)),
            _ => None,
        }
    }
}

fn code_field() -> TextArea<'static> {
    let mut field = TextArea::default();
    field.set_cursor_line_style(Style::new());
    field
}

fn local_now() -> DateTime<FixedOffset> {
    chrono::Local::now().fixed_offset()
}

/// Runs the app in the real terminal, with bracketed paste so a pasted text
/// arrives as one piece; the terminal is restored on every way out.
pub fn run_in_terminal(app: &mut App) -> anyhow::Result<()> {
    use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(io::stdout(), DisableBracketedPaste);
        previous(info);
    }));
    let mut terminal = ratatui::try_init()?;
    let _ = crossterm::execute!(io::stdout(), EnableBracketedPaste);
    let result = app.run(&mut terminal);
    let _ = crossterm::execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}
