//! The runtime's exports: the files written from Notities and the closing
//! screen (report, client sheet, JSON), the exports that go with deleted
//! sessions, and the copy written when saving fails.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use ratatui::backend::Backend;

use super::effect::{ExportKind, Folder};
use super::msg::Msg;
use super::runtime::Runtime;
use crate::notes::export::{self, Audience};
use crate::notes::seal::SEALED_SUFFIX;
use crate::notes::{SessionRecord, Store, private_dir, write_atomic};

impl<B: Backend> Runtime<B> {
    pub(super) fn export(
        &mut self,
        folder: Folder,
        ids: &[String],
        kind: ExportKind,
        client: Option<&str>,
        at: DateTime<FixedOffset>,
    ) {
        let store = match self.store(folder) {
            Ok(store) => store,
            Err(e) => {
                let path = self.clients.root().to_path_buf();
                return self.answer(Msg::Exported {
                    kind,
                    result: Err((path, e.kind())),
                    openable: false,
                    sealed: false,
                });
            }
        };
        // In an encrypted folder the exports are encrypted too, and their
        // names carry no client code.
        let seal = match store.writing_seal() {
            Ok(seal) => seal,
            Err(e) => {
                let path = store.root().join("export");
                return self.answer(Msg::Exported {
                    kind,
                    result: Err((path, e.kind())),
                    openable: false,
                    sealed: false,
                });
            }
        };
        let sealed = seal.is_on();
        // Oldest first reads best on paper.
        let mut records = store.load_all(ids.iter().map(String::as_str));
        records.sort_by_key(|r| r.started_at);
        let unreadable = records.is_empty() && !ids.is_empty();
        // Whose a session is, the file says, not the index.
        if let Some(code) = client {
            records.retain(|r| export::belongs_to(r, code));
        }
        let refs: Vec<&SessionRecord> = records.iter().collect();
        // The client's sheet is named without their code: a browser prints
        // the file's name in its footer.
        let stamp = match client.filter(|_| kind != ExportKind::ForClient && !sealed) {
            Some(code) => format!(
                "{}-{}",
                at.format("%Y-%m-%d_%H%M%S"),
                crate::text::file_safe(code)
            ),
            None => at.format("%Y-%m-%d_%H%M%S").to_string(),
        };
        // Nothing readable to export: say so, and write no empty page (over
        // a good one written the same second).
        if records.is_empty() {
            let path = store.root().join("export").join(&stamp);
            return self.answer(Msg::Exported {
                kind,
                // Sessions asked for that could not be read: damaged, or
                // encrypted since this window opened.
                result: Err((
                    path,
                    if unreadable {
                        std::io::ErrorKind::InvalidData
                    } else {
                        std::io::ErrorKind::NotFound
                    },
                )),
                openable: false,
                sealed: false,
            });
        }
        let pack = &self.model.pack;
        // Markdown to read and a page to print; the page is the one named.
        let files = match kind {
            ExportKind::Json => vec![(
                format!("{stamp}.json"),
                export::json(&refs).unwrap_or_default(),
            )],
            ExportKind::ForClient => vec![
                (
                    format!("{stamp}-voor-client.md"),
                    export::markdown(&refs, pack, Audience::Client),
                ),
                (
                    format!("{stamp}-voor-client.html"),
                    export::html(&refs, pack, Audience::Client),
                ),
            ],
            ExportKind::Report => vec![
                (
                    format!("{stamp}-verslag.md"),
                    export::markdown(&refs, pack, Audience::Volunteer),
                ),
                (
                    format!("{stamp}-verslag.html"),
                    export::html(&refs, pack, Audience::Volunteer),
                ),
            ],
        };
        // In an encrypted folder the exports are encrypted too, and named so.
        let files: Vec<(String, String)> = files
            .into_iter()
            .map(|(name, text)| match sealed {
                true => (format!("{name}{SEALED_SUFFIX}"), text),
                false => (name, text),
            })
            .collect();
        let dir = store.root().join("export");
        let path = dir.join(files.last().map_or("", |(name, _)| name.as_str()));
        // Never one sheet for two clients (the window offers no such
        // choice; this holds whatever asks).
        if kind == ExportKind::ForClient && export::clients_in(&refs) > 1 {
            let refused = Err((path, std::io::ErrorKind::InvalidInput));
            return self.answer(Msg::Exported {
                kind,
                result: refused,
                openable: false,
                sealed: false,
            });
        }
        let result = private_dir(&dir)
            .and_then(|()| {
                // A note file may hold anything; nothing raw goes on.
                files.iter().try_for_each(|(name, text)| {
                    let text = crate::text::printable(text);
                    write_atomic(&dir.join(name), &seal.seal(text.as_bytes())?)
                })
            })
            .map(|()| (path.clone(), records.len()))
            .map_err(|e| (path, e.kind()));
        // An encrypted page is for keeping, not for a browser.
        let openable = kind == ExportKind::ForClient && self.host.can_open() && !sealed;
        self.answer(Msg::Exported {
            kind,
            result,
            openable,
            sealed,
        });
    }
}

/// Every export that holds one of these sessions goes with them.
pub(super) fn delete_exports_of(store: &Store, ids: &[String]) {
    for path in store.exports_of(ids) {
        let _ = std::fs::remove_file(path);
    }
}

/// A copy of the session in the home folder (or the current folder),
/// encrypted when the data folder is.
pub(super) fn save_copy(
    record: &SessionRecord,
    store: &Store,
) -> Result<PathBuf, (PathBuf, std::io::ErrorKind)> {
    let path = crate::notes::copy_path(&record.id)
        .unwrap_or_else(|| PathBuf::from(format!("denkcoach-{}.json", record.id)));
    serde_json::to_vec_pretty(record)
        .map_err(std::io::Error::other)
        .and_then(|json| write_atomic(&path, &store.writing_seal()?.seal(&json)?))
        .map(|()| path.clone())
        .map_err(|e| (path, e.kind()))
}
