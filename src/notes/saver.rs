//! Writes session records on a thread of its own, so a keystroke never waits
//! for a disk. One writer serves the whole process: each record comes with
//! the store (folder) it belongs in, so a signal or a panic that flushes it
//! flushes everything that was typed, whichever mode it was typed in. Every
//! update goes to the session's journal at once (`journal.rs`); the snapshot
//! is written a second after the last change (and at least every five
//! seconds while typing goes on); step changes right away.
//! A failed write is retried and reported; the record stays in memory.

use std::io;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use super::journal::Journals;
use super::record::SessionRecord;
use super::store::Store;

const AFTER_PAUSE: Duration = Duration::from_secs(1);
const AT_LEAST_EVERY: Duration = Duration::from_secs(5);
const RETRY_AFTER: Duration = Duration::from_secs(2);

/// What became of a write.
#[derive(Debug)]
pub enum Outcome {
    /// Everything up to update number `seq` is on disk.
    Saved { id: String, path: PathBuf, seq: u64 },
    Failed {
        id: String,
        reason: io::ErrorKind,
        seq: u64,
    },
}

enum Message {
    Update {
        store: Store,
        record: Box<SessionRecord>,
        urgent: bool,
        seq: u64,
    },
    /// Write what is pending now and answer when done.
    Flush(Sender<Option<Outcome>>),
}

/// Where outcomes go (the app's channel).
type Report = Box<dyn Fn(Outcome) + Send>;

/// The handle the app keeps; cheap to clone for the panic hook.
#[derive(Clone)]
pub struct Saver {
    tx: Sender<Message>,
    /// What the thread needs, until the first update starts it: the menu
    /// writes nothing, and starting a thread is time before the first frame.
    not_started: Arc<Mutex<Option<Start>>>,
    journals: Journals,
}

struct Start {
    rx: Receiver<Message>,
    out: Report,
    journals: Journals,
}

struct Pending {
    store: Store,
    record: Box<SessionRecord>,
    seq: u64,
    first: Instant,
    last: Instant,
    due: Option<Instant>,
}

impl Pending {
    fn deadline(&self) -> Instant {
        self.due
            .unwrap_or((self.last + AFTER_PAUSE).min(self.first + AT_LEAST_EVERY))
    }
}

impl Saver {
    /// The writer; its thread starts with the first update, and outcomes
    /// are handed to `report`.
    pub fn start(report: impl Fn(Outcome) + Send + 'static) -> Saver {
        let (tx, rx) = mpsc::channel::<Message>();
        let journals = Journals::default();
        let start = Start {
            rx,
            out: Box::new(report),
            journals: journals.clone(),
        };
        Saver {
            tx,
            not_started: Arc::new(Mutex::new(Some(start))),
            journals,
        }
    }

    /// Starts the thread if it is not running yet; false if it never will
    /// be needed because nothing was sent.
    fn run_thread(&self, needed: bool) -> bool {
        let Ok(mut slot) = self.not_started.lock() else {
            return true;
        };
        if slot.is_none() {
            return true;
        }
        if !needed {
            return false;
        }
        if let Some(Start { rx, out, journals }) = slot.take() {
            // Without a thread the app writes nothing in the background, and
            // flush() reports that nothing was written.
            let _ = thread::Builder::new()
                .name("denkcoach-saver".into())
                .spawn(move || run(rx, out, journals));
        }
        true
    }

    /// The newest state of a session: appended to its journal before this
    /// returns (so call it before drawing what it holds), and written as a
    /// snapshot after a pause in typing, or at once when `urgent`. An error
    /// is the journal's; the snapshot is tried all the same.
    pub fn update(
        &self,
        store: &Store,
        record: SessionRecord,
        urgent: bool,
        seq: u64,
    ) -> std::io::Result<()> {
        let journaled = self.journals.append(store, &record, seq);
        self.run_thread(true);
        let _ = self.tx.send(Message::Update {
            store: store.clone(),
            record: Box::new(record),
            urgent,
            seq,
        });
        journaled
    }

    /// Writes whatever is pending and waits for it (on quit, on a signal).
    pub fn flush(&self) -> Option<Outcome> {
        if !self.run_thread(false) {
            return None; // nothing was ever sent
        }
        let (reply, answer) = mpsc::channel();
        self.tx.send(Message::Flush(reply)).ok()?;
        answer.recv_timeout(Duration::from_secs(10)).ok().flatten()
    }
}

fn run(rx: Receiver<Message>, out: Report, journals: Journals) {
    let mut pending: Option<Pending> = None;
    loop {
        let message = match &pending {
            Some(p) => rx.recv_timeout(p.deadline().saturating_duration_since(Instant::now())),
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        match message {
            Ok(Message::Update {
                store,
                record,
                urgent,
                seq,
            }) => {
                let now = Instant::now();
                // Another session's record still waiting: write it first.
                if let Some(p) =
                    pending.take_if(|p| p.record.id != record.id || p.store.root() != store.root())
                {
                    pending = write(p, &out, &journals);
                }
                let first = pending.as_ref().map_or(now, |p| p.first);
                pending = Some(Pending {
                    store,
                    record,
                    seq,
                    first,
                    last: now,
                    due: urgent.then_some(now),
                });
            }
            Ok(Message::Flush(reply)) => {
                let outcome = pending.take().map(|p| {
                    let (id, seq) = (p.record.id.clone(), p.seq);
                    match p.store.save(&p.record) {
                        Ok(path) => {
                            journals.covered(&p.store, &id, seq);
                            Outcome::Saved { id, path, seq }
                        }
                        Err(e) => {
                            let reason = e.kind();
                            pending = Some(Pending {
                                due: Some(Instant::now() + RETRY_AFTER),
                                ..p
                            });
                            Outcome::Failed { id, reason, seq }
                        }
                    }
                });
                let _ = reply.send(outcome);
                continue;
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                if let Some(p) = pending.take()
                    && p.store.save(&p.record).is_ok()
                {
                    journals.covered(&p.store, &p.record.id, p.seq);
                }
                return;
            }
        }
        if pending
            .as_ref()
            .is_some_and(|p| p.deadline() <= Instant::now())
            && let Some(p) = pending.take()
        {
            pending = write(p, &out, &journals);
        }
    }
}

/// Writes one record; on failure it stays pending and is tried again.
fn write(p: Pending, out: &Report, journals: &Journals) -> Option<Pending> {
    let (id, seq) = (p.record.id.clone(), p.seq);
    match p.store.save(&p.record) {
        Ok(path) => {
            journals.covered(&p.store, &id, seq);
            out(Outcome::Saved { id, path, seq });
            None
        }
        Err(e) => {
            out(Outcome::Failed {
                id,
                reason: e.kind(),
                seq,
            });
            Some(Pending {
                due: Some(Instant::now() + RETRY_AFTER),
                ..p
            })
        }
    }
}
