//! Writes session records on a thread of its own, so a keystroke never waits
//! for a disk. Typed text is written a second after the last change (and at
//! least every five seconds while typing goes on); step changes right away.
//! A failed write is retried and reported; the record stays in memory.

use std::io;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

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
        record: Box<SessionRecord>,
        urgent: bool,
        seq: u64,
    },
    /// Write what is pending now and answer when done.
    Flush(Sender<Option<Outcome>>),
}

/// The handle the app keeps; cheap to clone for the signal handler.
#[derive(Clone)]
pub struct Saver {
    tx: Sender<Message>,
    /// What the thread needs, until the first update starts it: the menu
    /// writes nothing, and starting a thread is time before the first frame.
    not_started: Arc<Mutex<Option<Start>>>,
}

struct Start {
    store: Store,
    rx: Receiver<Message>,
    out: Sender<Outcome>,
}

struct Pending {
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
    /// A writer for `store`; its thread starts with the first update, and
    /// outcomes arrive on the returned receiver.
    pub fn start(store: Store) -> (Saver, Receiver<Outcome>) {
        let (tx, rx) = mpsc::channel::<Message>();
        let (out, out_rx) = mpsc::channel();
        let start = Start { store, rx, out };
        let saver = Saver {
            tx,
            not_started: Arc::new(Mutex::new(Some(start))),
        };
        (saver, out_rx)
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
        if let Some(Start { store, rx, out }) = slot.take() {
            // Without a thread the app writes nothing in the background, and
            // flush() reports that nothing was written.
            let _ = thread::Builder::new()
                .name("denkcoach-saver".into())
                .spawn(move || run(store, rx, out));
        }
        true
    }

    /// The newest state of a session; written after a pause in typing, or
    /// at once when `urgent`.
    pub fn update(&self, record: SessionRecord, urgent: bool, seq: u64) {
        self.run_thread(true);
        let _ = self.tx.send(Message::Update {
            record: Box::new(record),
            urgent,
            seq,
        });
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

fn run(store: Store, rx: Receiver<Message>, out: Sender<Outcome>) {
    let mut pending: Option<Pending> = None;
    loop {
        let message = match &pending {
            Some(p) => rx.recv_timeout(p.deadline().saturating_duration_since(Instant::now())),
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        match message {
            Ok(Message::Update {
                record,
                urgent,
                seq,
            }) => {
                let now = Instant::now();
                // Another session's record still waiting: write it first.
                if let Some(p) = pending.take_if(|p| p.record.id != record.id) {
                    pending = write(&store, p, &out);
                }
                let first = pending.as_ref().map_or(now, |p| p.first);
                pending = Some(Pending {
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
                    match store.save(&p.record) {
                        Ok(path) => Outcome::Saved { id, path, seq },
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
                if let Some(p) = pending.take() {
                    let _ = store.save(&p.record);
                }
                return;
            }
        }
        if pending
            .as_ref()
            .is_some_and(|p| p.deadline() <= Instant::now())
            && let Some(p) = pending.take()
        {
            pending = write(&store, p, &out);
        }
    }
}

/// Writes one record; on failure it stays pending and is tried again.
fn write(store: &Store, p: Pending, out: &Sender<Outcome>) -> Option<Pending> {
    let (id, seq) = (p.record.id.clone(), p.seq);
    match store.save(&p.record) {
        Ok(path) => {
            let _ = out.send(Outcome::Saved { id, path, seq });
            None
        }
        Err(e) => {
            let _ = out.send(Outcome::Failed {
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
