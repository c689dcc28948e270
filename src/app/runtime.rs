//! The runtime owns the terminal, the notes folders, the writer and the
//! one channel every thread reports on. Its loop: receive → take what else
//! is waiting → update → run the effects → draw. It sleeps in between (no
//! polling interval: it wakes for a message, or when the quiet clock turns
//! a minute), and it is the only place that stops the program.

use std::collections::{HashMap, VecDeque};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant, SystemTime};

use chrono::{DateTime, FixedOffset};
use ratatui::Terminal;
use ratatui::backend::Backend;

use super::effect::{Effect, Folder};
use super::model::Model;
use super::msg::Msg;
use super::update::update;
use crate::notes::{Outcome, Saver, SessionLock, Stamp, Store};

/// How long a search waits for its texts before the list says it is still
/// searching: a thousand sessions are read in about 15 ms, so a small
/// history shows its results in the key's own frame.
pub(super) const SEARCH_WAIT: Duration = Duration::from_millis(20);
/// A batch of waiting messages is cut after this long, so the screen still
/// follows a flood of input – longer when closing a batch is costly (a
/// huge text is copied, saved and drawn once per batch), so that the cost
/// per key stays small whatever the size.
const BATCH_TIME: Duration = Duration::from_millis(100);
const MAX_BATCH_TIME: Duration = Duration::from_secs(2);
/// In a flood (a paste without bracketed paste arrives as bursts of text)
/// the batch waits this long for the next burst rather than closing.
const FLOOD_WAIT: Duration = Duration::from_millis(10);

/// What the runtime does to the real terminal beyond drawing: give it back
/// on a stop, take it again on continue. Tests use [`NoHost`].
pub trait Host {
    /// Gives the terminal back and stops the process until it is continued.
    fn suspend(&mut self) {}
    /// Raw mode, the alternate screen and bracketed paste, again.
    fn reclaim(&mut self) {}
    /// Whether a file can be opened in another program here (a desktop to
    /// open it on).
    fn can_open(&self) -> bool {
        false
    }
    /// Opens a file with the platform's own program, without waiting.
    fn open(&mut self, _path: &std::path::Path) {}
}

/// The test driver's host: opening is offered (so tests see the offer),
/// and does nothing.
pub struct NoHost;

impl Host for NoHost {
    fn can_open(&self) -> bool {
        true
    }
}

pub struct Runtime<B: Backend> {
    pub(super) model: Model,
    pub(super) terminal: Terminal<B>,
    pub(super) clients: Store,
    /// Practice notes, opened when first needed.
    pub(super) practice: Option<Store>,
    pub(super) saver: Saver,
    pub(super) locks: HashMap<(Folder, String), SessionLock>,
    pub(super) tx: Sender<Msg>,
    pub(super) rx: Receiver<Msg>,
    /// Messages that effects answered at once, handled before drawing.
    pub(super) queue: VecDeque<Msg>,
    /// The check of a listing against its files, started after the next
    /// frame so it never delays one.
    pub(super) due_check: Option<(Folder, Vec<(String, Stamp)>)>,
    pub(super) checking: Option<Folder>,
    pub(super) host: Box<dyn Host>,
    /// What closing the last batch cost: taking in the text and drawing.
    pub(super) last_close: Duration,
    pub(super) quit: bool,
    /// The terminal could not be drawn on: it is gone.
    pub(super) lost: bool,
}

impl<B: Backend> Runtime<B> {
    pub fn new(model: Model, clients: Store, terminal: Terminal<B>, host: Box<dyn Host>) -> Self {
        let (tx, rx) = mpsc::channel();
        let out = tx.clone();
        let saver = Saver::start(move |outcome| {
            let msg = match outcome {
                Outcome::Saved { path, seq, .. } => Msg::Saved { path, seq },
                Outcome::Failed { reason, seq, .. } => Msg::SaveFailed { reason, seq },
            };
            let _ = out.send(msg);
        });
        Runtime {
            model,
            terminal,
            clients,
            practice: None,
            saver,
            locks: HashMap::new(),
            tx,
            rx,
            queue: VecDeque::new(),
            due_check: None,
            checking: None,
            host,
            last_close: Duration::ZERO,
            quit: false,
            lost: false,
        }
    }

    /// Where side threads send what they see.
    pub fn sender(&self) -> Sender<Msg> {
        self.tx.clone()
    }

    /// A handle on the writer, for the panic hook.
    pub fn saver(&self) -> Saver {
        self.saver.clone()
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    pub fn terminal(&self) -> &Terminal<B> {
        &self.terminal
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn into_parts(self) -> (Model, Terminal<B>) {
        (self.model, self.terminal)
    }

    /// Writes whatever is pending now and takes in the outcome; false when
    /// the write failed.
    pub fn flush(&mut self) -> bool {
        self.execute(Effect::Flush);
        let failed = matches!(self.queue.back(), Some(Msg::Flushed(Some(Err(_)))));
        let queued: Vec<Msg> = self.queue.drain(..).collect();
        for msg in queued {
            self.dispatch(msg);
        }
        // The writer's own reports of what it wrote before.
        while let Ok(msg) = self.rx.try_recv() {
            self.dispatch(msg);
        }
        !failed
    }

    /// Runs until the user quits or the terminal goes away. `after_first_frame`
    /// runs once the first frame is on screen (starting side threads).
    pub fn run(
        &mut self,
        after_first_frame: impl FnOnce(Sender<Msg>) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        self.batch(Msg::Start(local_now()));
        self.draw();
        after_first_frame(self.sender())?;
        // Deleted sessions stay in the trash for a while, then go.
        let keep = Duration::from_secs(crate::notes::TRASH_DAYS * 24 * 60 * 60);
        self.clients.purge_trash(SystemTime::now(), keep);
        // What killed processes left: old temp files, locks nobody holds.
        self.clients.clean_orphans();
        // Practice notes only where there are any (opening makes the folder).
        if self.clients.root().join(super::PRACTICE_DIR).is_dir()
            && let Ok(practice) = self.store(Folder::Practice)
        {
            practice.purge_trash(SystemTime::now(), keep);
        }
        while !self.quit && !self.lost {
            self.start_due_check();
            let wait = self.clock_wait();
            let msg = match wait {
                Some(wait) => match self.rx.recv_timeout(wait) {
                    Ok(msg) => msg,
                    Err(RecvTimeoutError::Timeout) => Msg::Tick(local_now()),
                    Err(RecvTimeoutError::Disconnected) => break,
                },
                None => match self.rx.recv() {
                    Ok(msg) => msg,
                    Err(_) => break,
                },
            };
            self.batch(msg);
            if !self.quit {
                let drawing = Instant::now();
                self.draw();
                self.last_close += drawing.elapsed();
            }
        }
        self.finish();
        Ok(())
    }

    /// Handles `first` and every message already waiting (bounded in time,
    /// so the screen follows a flood), then tells the model the batch is
    /// over.
    pub fn batch(&mut self, first: Msg) {
        let started = Instant::now();
        let budget = (BATCH_TIME + self.last_close * 4).min(MAX_BATCH_TIME);
        let mut flood = matches!(first, Msg::Text { .. });
        let mut typed = Typed::default();
        self.feed(first, &mut typed);
        while !self.quit && started.elapsed() < budget {
            let next = if flood {
                self.rx.recv_timeout(FLOOD_WAIT).ok()
            } else {
                self.rx.try_recv().ok()
            };
            let Some(msg) = next else { break };
            flood |= matches!(msg, Msg::Text { .. });
            self.feed(msg, &mut typed);
        }
        if let Some(msg) = typed.take() {
            self.dispatch(msg);
        }
        let closing = Instant::now();
        self.dispatch(Msg::Drained);
        self.last_close = closing.elapsed();
    }

    /// Text typed in a row is handed on as one: the editor re-measures its
    /// whole text on every insert, so a flood costs one insert per batch.
    /// (Typing "ab" is typing "a" then "b" on every screen: where letters
    /// are commands, text is taken character by character again.)
    fn feed(&mut self, msg: Msg, typed: &mut Typed) {
        match msg {
            Msg::Text { text, at } => typed.push(&text, at),
            Msg::Key { key, at }
                if key.kind != crossterm::event::KeyEventKind::Release
                    && key.code != crossterm::event::KeyCode::Esc
                    && super::keys::typed_char(&key).is_some() =>
            {
                if let Some(c) = super::keys::typed_char(&key) {
                    typed.push(c.encode_utf8(&mut [0; 4]), at);
                }
            }
            other => {
                if let Some(text) = typed.take() {
                    self.dispatch(text);
                }
                self.dispatch(other);
            }
        }
    }

    /// Updates the model with one message and runs its effects, and those
    /// of the messages the effects answer at once.
    pub fn dispatch(&mut self, msg: Msg) {
        self.queue.push_back(msg);
        while let Some(msg) = self.queue.pop_front() {
            if matches!(msg, Msg::Verified { .. }) {
                self.checking = None;
            }
            for effect in update(&mut self.model, msg) {
                self.execute(effect);
            }
        }
    }

    pub fn draw(&mut self) {
        let model = &self.model;
        if self.terminal.draw(|f| crate::ui::render(f, model)).is_err() {
            // The terminal is gone (a closed window): keep the text, stop.
            self.lost = true;
        }
    }

    /// Clears the screen and has the next frame drawn whole. (Not
    /// `Terminal::clear`: it asks the terminal where the cursor is and
    /// waits for the answer, which the input thread may be reading.)
    pub(super) fn redraw_all(&mut self) {
        let _ = self
            .terminal
            .backend_mut()
            .clear_region(ratatui::backend::ClearType::All);
        // Both buffers empty: the next frame differs from "before" in
        // every cell that has something in it.
        self.terminal.swap_buffers();
        self.terminal.swap_buffers();
    }

    /// Writes everything and lets go of every session.
    pub fn finish(&mut self) {
        let _ = self.saver.flush();
        for (_, lock) in self.locks.drain() {
            lock.release();
        }
    }

    /// How long the loop may sleep: until the quiet clock turns a minute,
    /// or without limit.
    fn clock_wait(&self) -> Option<Duration> {
        let start = self.model.clock_start()?;
        let seconds = (local_now() - start).num_seconds();
        let into_minute = u64::try_from(seconds.rem_euclid(60)).unwrap_or(0);
        Some(Duration::from_secs(60 - into_minute))
    }

    /// Waits for the helper threads (the index check, the search texts) and
    /// takes in what they found: for tests, where the loop would do this
    /// without waiting.
    pub fn settle(&mut self) {
        self.start_due_check();
        while self.checking.is_some() || self.model.searching || self.model.counting() {
            match self.rx.recv_timeout(Duration::from_secs(30)) {
                Ok(msg) => self.batch(msg),
                Err(_) => break,
            }
            self.start_due_check();
        }
        while let Ok(msg) = self.rx.try_recv() {
            self.batch(msg);
        }
    }

    /// A helper thread (the index check, the search texts) is at work or
    /// due.
    pub fn waiting_for_helpers(&self) -> bool {
        self.checking.is_some()
            || self.due_check.is_some()
            || self.model.searching
            || self.model.counting()
    }
}

/// Text typed in a row within one batch, not yet handed on.
#[derive(Default)]
struct Typed(Option<(String, DateTime<FixedOffset>)>);

impl Typed {
    fn push(&mut self, text: &str, at: DateTime<FixedOffset>) {
        match &mut self.0 {
            Some((all, last)) => {
                all.push_str(text);
                *last = at;
            }
            None => self.0 = Some((text.to_string(), at)),
        }
    }

    fn take(&mut self) -> Option<Msg> {
        self.0.take().map(|(text, at)| Msg::Text { text, at })
    }
}

pub fn local_now() -> DateTime<FixedOffset> {
    chrono::Local::now().fixed_offset()
}
