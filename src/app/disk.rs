//! What the runtime does for each effect: the notes folders, the writer,
//! the locks, helper threads for slow reads, exports and the trash. Every
//! outcome goes back to `update` as a message.

use std::collections::HashSet;
use std::time::{Instant, SystemTime};

use chrono::{DateTime, FixedOffset};
use ratatui::backend::Backend;

use super::effect::{Effect, Folder, ListFor, LoadFor};
use super::exports::{delete_exports_of, save_copy};
use super::msg::Msg;
use super::runtime::{Runtime, SEARCH_WAIT};
use super::screens::Deleting;
use crate::notes::{Outcome, Store, history, stamps};

impl<B: Backend> Runtime<B> {
    pub(super) fn store(&mut self, folder: Folder) -> std::io::Result<Store> {
        match folder {
            Folder::Clients => Ok(self.clients.clone()),
            Folder::Practice => {
                if let Some(store) = &self.practice {
                    return Ok(store.clone());
                }
                let store = self.clients.inner(super::PRACTICE_DIR)?;
                self.practice = Some(store.clone());
                Ok(store)
            }
        }
    }

    pub(super) fn answer(&mut self, msg: Msg) {
        self.queue.push_back(msg);
    }

    pub(super) fn execute(&mut self, effect: Effect) {
        match effect {
            Effect::Save {
                folder,
                record,
                urgent,
                seq,
            } => {
                // Journalled here, before the frame that shows the edit.
                let done = self
                    .store(folder)
                    .and_then(|store| self.saver.update(&store, *record, urgent, seq));
                if let Err(e) = done {
                    self.answer(Msg::SaveFailed {
                        reason: e.kind(),
                        seq,
                    });
                }
            }
            Effect::Flush => {
                let outcome = self.saver.flush().map(|o| match o {
                    Outcome::Saved { path, .. } => Ok(path),
                    Outcome::Failed { reason, .. } => Err(reason),
                });
                self.answer(Msg::Flushed(outcome));
            }
            Effect::List {
                folder,
                purpose,
                verify,
            } => self.list(folder, purpose, verify),
            Effect::Load {
                folder,
                id,
                purpose,
            } => self.load(folder, id, purpose),
            Effect::FindPrevious { client } => {
                let store = self.clients.clone();
                let listing = store.list().unwrap_or_default();
                let previous = history::previous_for(&listing.sessions, &client)
                    .and_then(|summary| store.load(&summary.id).ok())
                    .map(|r| r.as_previous());
                // An open session of this client (not held by a window) is
                // offered before a new one begins.
                let theirs = history::filter(&listing.sessions, Some(&client));
                let open = history::open_recent(&listing.sessions, self.model.now)
                    .into_iter()
                    .find(|s| theirs.iter().any(|t| t.id == s.id) && !store.is_locked(&s.id))
                    .map(|s| (s.id.clone(), s.started_at));
                self.answer(Msg::FoundPrevious(previous, open));
            }
            Effect::Reserve { folder, at } => self.reserve(folder, at),
            Effect::Lock { folder, id } => {
                if let Ok(store) = self.store(folder) {
                    match store.lock(&id) {
                        Ok(Some(lock)) => {
                            self.locks.insert((folder, id.clone()), lock);
                        }
                        Ok(None) => {
                            return self.answer(Msg::Loaded {
                                folder,
                                id,
                                purpose: LoadFor::Resume,
                                result: Err(std::io::ErrorKind::WouldBlock),
                                in_use: true,
                            });
                        }
                        // A folder without locks: edit without one.
                        Err(_) => {}
                    }
                }
                self.load(folder, id, LoadFor::Resume);
            }
            Effect::Unlock { folder, id } => {
                if let Some(lock) = self.locks.remove(&(folder, id)) {
                    lock.release();
                }
            }
            Effect::Remember { folder, found } => {
                if let Ok(store) = self.store(folder) {
                    store.remember(&found);
                }
            }
            Effect::ReadTexts { folder, ids } => self.read_texts(folder, ids),
            Effect::Export {
                folder,
                ids,
                kind,
                client,
                at,
            } => self.export(folder, &ids, kind, client.as_deref(), at),
            Effect::Trash {
                folder,
                ids,
                client,
            } => {
                // Exports go with the sessions that went, not with one
                // another window holds (it stays).
                let count = match self.store(folder) {
                    Ok(store) => {
                        let now = SystemTime::now();
                        let gone = store.trash_these(&ids, now);
                        delete_exports_of(&store, &gone);
                        if let Some(code) = client {
                            let damaged = damaged_of_client(&store, &code, &ids);
                            store.trash_damaged(&damaged, now);
                        }
                        gone.len()
                    }
                    Err(_) => 0,
                };
                self.answer(Msg::Trashed { count });
            }
            Effect::SaveSetting { dir, key, value } => {
                let result = crate::config::save(&dir, key, &value)
                    .map(|()| dir.join(crate::config::FILE))
                    .map_err(|e| e.kind());
                self.answer(Msg::SettingsSaved(result));
            }
            Effect::Privacy => {
                let overview = crate::notes::privacy::Overview::of(
                    &self.clients,
                    self.model.now,
                    self.model.options.retention_months,
                );
                self.answer(Msg::PrivacyRead(Box::new(overview)));
            }
            Effect::CountCopies { folder, what } => {
                // On a thread: exports are read to find the sessions in them,
                // which takes a while when they are large; the question is
                // on screen and takes typing meanwhile.
                let Ok(store) = self.store(folder) else {
                    return;
                };
                let tx = self.tx.clone();
                let _ = std::thread::Builder::new()
                    .name("count-copies".into())
                    .spawn(move || {
                        let copies = match &what {
                            Deleting::Sessions(ids) => store.copies_of(ids, false, true),
                            Deleting::Client { code, ids } => {
                                let mut copies = store.copies_of(ids, false, true);
                                copies.damaged += damaged_of_client(&store, code, ids).len();
                                copies
                            }
                            Deleting::Trash(names) => store.copies_in_trash(names),
                        };
                        let _ = tx.send(Msg::CopiesCounted { what, copies });
                    });
            }
            Effect::ListTrash { folder } => {
                let items = self
                    .store(folder)
                    .and_then(|s| s.trashed())
                    .unwrap_or_default();
                self.answer(Msg::TrashListed(items));
            }
            Effect::Restore { folder, file_name } => {
                let result = self
                    .store(folder)
                    .and_then(|s| s.restore(&file_name))
                    .map_err(|e| e.kind());
                self.answer(Msg::Restored(result));
            }
            Effect::EmptyTrash { folder, names } => {
                let result = self
                    .store(folder)
                    .and_then(|s| s.empty_trash_of(&names))
                    .map_err(|e| e.kind());
                self.answer(Msg::TrashEmptied(result));
            }
            Effect::SaveCopy { record } => {
                let copied = save_copy(&record, &self.clients);
                self.answer(Msg::CopySaved(copied));
            }
            Effect::Redraw => self.redraw_all(),
            Effect::Suspend => {
                self.host.suspend();
                self.host.reclaim();
                self.redraw_all();
            }
            Effect::Reclaim => {
                self.host.reclaim();
                self.redraw_all();
            }
            Effect::Open { path } => self.host.open(&path),
            Effect::Discard { folder, id } => {
                // Its last save must not land after the removal.
                let _ = self.saver.flush();
                if let Ok(store) = self.store(folder) {
                    store.discard(&id);
                }
            }
            Effect::Quit => self.quit = true,
        }
    }

    fn list(&mut self, folder: Folder, purpose: ListFor, verify: bool) {
        let Ok(store) = self.store(folder) else {
            return self.answer(Msg::Listed {
                folder,
                purpose,
                listing: Box::default(),
                locked: HashSet::new(),
            });
        };
        let mut listing = store.list().unwrap_or_default();
        // A journal no window of ours writes was left by a killed process:
        // fold it into its session first, so the list shows what was typed.
        let left = |listing: &crate::notes::Listing| {
            listing
                .journal_files
                .iter()
                .any(|id| !self.locks.contains_key(&(folder, id.clone())))
        };
        if left(&listing) && !store.recover().is_empty() {
            listing = store.list().unwrap_or_default();
        }
        // Then, as a step of its own, what the listing found to fix: the
        // index, and unreadable files moved aside (never one a live window
        // holds).
        store.repair(&listing);
        // Only sessions with a lock file beside them can be open elsewhere.
        let locked: HashSet<String> = listing
            .lock_files
            .iter()
            .filter(|id| !self.locks.contains_key(&(folder, (*id).clone())) && store.is_locked(id))
            .cloned()
            .collect();
        if verify && !listing.sessions.is_empty() && self.checking != Some(folder) {
            self.due_check = Some((folder, stamps(&listing)));
        }
        self.answer(Msg::Listed {
            folder,
            purpose,
            listing: Box::new(listing),
            locked,
        });
    }

    fn load(&mut self, folder: Folder, id: String, purpose: LoadFor) {
        let (result, in_use) = match self.store(folder) {
            Ok(store) => {
                let in_use =
                    !self.locks.contains_key(&(folder, id.clone())) && store.is_locked(&id);
                (store.load(&id).map(Box::new).map_err(|e| e.kind()), in_use)
            }
            Err(e) => (Err(e.kind()), false),
        };
        self.answer(Msg::Loaded {
            folder,
            id,
            purpose,
            result,
            in_use,
        });
    }

    /// A new file name with its lock; two windows starting in the same
    /// second get different files.
    fn reserve(&mut self, folder: Folder, at: DateTime<FixedOffset>) {
        let Ok(store) = self.store(folder) else {
            let id = self.clients.new_id(at);
            return self.answer(Msg::Reserved { id });
        };
        let id = loop {
            let id = store.new_id(at);
            match store.lock(&id) {
                Ok(Some(lock)) => {
                    self.locks.insert((folder, id.clone()), lock);
                    break id;
                }
                Ok(None) => continue,
                Err(_) => break id,
            }
        };
        self.answer(Msg::Reserved { id });
    }

    /// Reads every listed session's text for the search on a thread, so
    /// typing goes on while thousands of files are read; a small history
    /// is ready before the key's frame is drawn.
    fn read_texts(&mut self, folder: Folder, ids: Vec<String>) {
        let Ok(store) = self.store(folder) else {
            return self.answer(Msg::TextsRead {
                texts: vec![String::new(); ids.len()],
                ids,
            });
        };
        let tx = self.tx.clone();
        let spawned = std::thread::Builder::new()
            .name("search-texts".into())
            .spawn(move || {
                let texts = search_texts(&store, &ids);
                let _ = tx.send(Msg::TextsRead { ids, texts });
            });
        if spawned.is_err() {
            return;
        }
        let deadline = Instant::now() + SEARCH_WAIT;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.rx.recv_timeout(left) {
                Ok(msg) => {
                    let done = matches!(msg, Msg::TextsRead { .. });
                    self.queue.push_back(msg);
                    if done {
                        break;
                    }
                }
                Err(_) => break,
            }
        }
    }

    /// Starts the check that is due, if any.
    pub(super) fn start_due_check(&mut self) {
        let Some((folder, stamps)) = self.due_check.take() else {
            return;
        };
        let Ok(store) = self.store(folder) else {
            return;
        };
        let tx = self.tx.clone();
        let spawned = std::thread::Builder::new()
            .name("verify-index".into())
            .spawn(move || {
                let found = Box::new(store.verify(&stamps));
                let _ = tx.send(Msg::Verified { folder, found });
            });
        if spawned.is_ok() {
            self.checking = Some(folder);
        }
    }
}

/// Each session's text for the search, in the order of `ids`; a file that
/// cannot be read gives an empty text (it is listed as damaged elsewhere).
fn search_texts(store: &Store, ids: &[String]) -> Vec<String> {
    ids.iter()
        .map(|id| {
            store
                .load(id)
                .map(|r| history::search_text(&r))
                .unwrap_or_default()
        })
        .collect()
}

/// The damaged files naming this client that go with its sessions: those
/// of sessions that could not be listed. (A damaged copy of a listed
/// session is one of its traces: it goes with it, or stays with a session
/// another window holds.)
fn damaged_of_client(store: &Store, code: &str, ids: &[String]) -> Vec<std::path::PathBuf> {
    store
        .damaged_of_client(code)
        .into_iter()
        .filter(|path| {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            let id = name.split(".json").next().unwrap_or_default();
            !ids.iter().any(|i| i == id)
        })
        .collect()
}
