//! The app without a terminal: the same runtime, `update` and effects as in
//! the terminal, on a test backend, driven by scripted events. Tests and
//! benchmarks use it; each event goes through the loop's own batch (the
//! event, then the end of the batch), as it would from the input thread.

use std::time::Instant;

use chrono::{DateTime, FixedOffset};
use crossterm::event::{Event, KeyEventKind};
use ratatui::backend::TestBackend;
use ratatui::{Frame, Terminal};

use super::model::{Model, Options};
use super::msg::Msg;
use super::runtime::{NoHost, Runtime};
use crate::content::Pack;
use crate::notes::Store;
use crate::session::Session;
use crate::ui::Theme;

pub struct App {
    runtime: Runtime<TestBackend>,
}

impl App {
    pub fn new(pack: Pack, theme: Theme, store: Store) -> Self {
        App::with_options(pack, theme, store, Options::default())
    }

    pub fn with_options(pack: Pack, theme: Theme, store: Store, options: Options) -> Self {
        let model = Model::new(pack, theme, store.root().to_path_buf(), options);
        let terminal = match Terminal::new(TestBackend::new(100, 30)) {
            Ok(terminal) => terminal,
            Err(never) => match never {},
        };
        let mut runtime = Runtime::new(model, store, terminal, Box::new(NoHost));
        runtime.batch(Msg::Start(super::runtime::local_now()));
        App { runtime }
    }

    /// One message through the loop.
    pub fn send(&mut self, msg: Msg) {
        self.runtime.batch(msg);
    }

    /// A terminal event at time `now`, as the input thread sends it.
    pub fn handle(&mut self, event: Event, now: DateTime<FixedOffset>, _instant: Instant) {
        let msg = match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => Msg::Key { key, at: now },
            Event::Paste(text) => Msg::Paste { text, at: now },
            _ => Msg::Resize,
        };
        self.send(msg);
    }

    pub fn model(&self) -> &Model {
        self.runtime.model()
    }

    pub fn pack(&self) -> &Pack {
        &self.model().pack
    }

    pub fn should_quit(&self) -> bool {
        self.runtime.should_quit()
    }

    /// Writes whatever is pending and waits for it; false when it failed.
    pub fn flush(&mut self) -> bool {
        self.runtime.flush()
    }

    /// Waits for the helper threads and takes in what they found.
    pub fn settle(&mut self) {
        self.runtime.settle();
    }

    pub fn waiting_for_helpers(&self) -> bool {
        self.runtime.waiting_for_helpers()
    }

    pub fn session(&self) -> Option<&Session> {
        self.model().session()
    }

    /// The file of the session on screen.
    pub fn saved_path(&self) -> Option<std::path::PathBuf> {
        let live = self.model().live()?;
        Some(
            self.model()
                .folder_path()
                .join(crate::notes::SESSIONS)
                .join(format!("{}.json", live.id)),
        )
    }

    /// The notes field's text, cursor (row, column) and lines.
    pub fn notes_state(&self) -> Option<(String, (usize, usize), Vec<String>)> {
        let live = self.model().live()?;
        Some((
            live.notes.lines().join("\n"),
            {
                let c = live.notes.cursor();
                (c.0, c.1)
            },
            live.notes.lines().to_vec(),
        ))
    }

    pub fn last_saved(&self) -> Option<&std::path::Path> {
        self.model().last_saved()
    }

    pub fn draw(&self, frame: &mut Frame) {
        crate::ui::render(frame, self.model());
    }
}
