//! `denkcoach privacy` and `notities inzage`: the AVG (GDPR) duties of a
//! volunteer organisation, answered from the data folder. Both only read
//! the notes (inzage writes its two files, nothing else).

use std::path::PathBuf;
use std::process::ExitCode;

use crate::content::{Pack, fill};
use crate::notes::export::{self, Audience, Kind};
use crate::notes::privacy::{Overview, report};
use crate::notes::{SessionRecord, Store, parse, write_atomic_with};

use super::open_store_to_read;

/// Prints the overview: where, what, who can read it, how long, requests.
pub(super) fn overview(pack: &Pack, data_dir: Option<PathBuf>, retention: Option<u32>) -> ExitCode {
    let store = match open_store_to_read(pack, data_dir) {
        Ok(store) => store,
        Err(code) => return code,
    };
    let now = chrono::Local::now().fixed_offset();
    let overview = Overview::of(&store, now, retention);
    for line in report(&overview, pack, store.root()) {
        crate::outln!("{line}");
    }
    ExitCode::SUCCESS
}

/// Writes everything kept about one client – the sessions, and those in
/// the trash – as a report with both voices (HTML) and as the records
/// themselves (JSON).
pub(super) fn access(
    pack: &Pack,
    data_dir: Option<PathBuf>,
    client: &str,
    out: Option<PathBuf>,
) -> ExitCode {
    let store = match open_store_to_read(pack, data_dir) {
        Ok(store) => store,
        Err(code) => return code,
    };
    let t = &pack.ui.privacy;
    let (records, trashed) = everything_of(&store, client);
    if records.is_empty() {
        crate::errln!("denkcoach: {}", fill(&t.access_none, &[("client", client)]));
        return ExitCode::FAILURE;
    }
    let dir = out.unwrap_or_else(|| store.root().join("export"));
    if let Err(e) = crate::notes::private_dir(&dir) {
        let reason = e.kind().to_string();
        let path = dir.display().to_string();
        let message = fill(
            &pack.ui.cli.write_failed,
            &[("path", &path), ("reason", &reason)],
        );
        crate::errln!("denkcoach: {message}");
        return ExitCode::FAILURE;
    }
    let date = chrono::Local::now().format("%Y-%m-%d");
    let stem = format!("inzage-{}-{date}", file_safe(client));
    let mut written = Vec::new();
    for (kind, ext) in [(Kind::Html, "html"), (Kind::Json, "json")] {
        let path = dir.join(format!("{stem}.{ext}"));
        let result = write_atomic_with(&path, |w| {
            export::stream(w, records.iter().cloned(), pack, Audience::Volunteer, kind)
        });
        if let Err(e) = result {
            let reason = e.kind().to_string();
            let shown = path.display().to_string();
            let message = fill(
                &pack.ui.cli.write_failed,
                &[("path", &shown), ("reason", &reason)],
            );
            crate::errln!("denkcoach: {message}");
            return ExitCode::FAILURE;
        }
        written.push(path.display().to_string());
    }
    let message = fill(
        &t.access_written,
        &[
            ("client", client),
            ("count", &records.len().to_string()),
            ("trashed", &trashed.to_string()),
            ("html", &written[0]),
            ("json", &written[1]),
        ],
    );
    crate::outln!("{message}");
    ExitCode::SUCCESS
}

/// The client's sessions, oldest first, then those in the trash; and how
/// many came from the trash. Whose a session is, each file says.
fn everything_of(store: &Store, client: &str) -> (Vec<SessionRecord>, usize) {
    let mut records: Vec<SessionRecord> = store
        .ids()
        .unwrap_or_default()
        .iter()
        .filter_map(|id| store.load(id).ok())
        .filter(|r| export::belongs_to(r, client))
        .collect();
    let from_trash: Vec<SessionRecord> = store
        .trashed()
        .unwrap_or_default()
        .iter()
        .filter_map(|t| std::fs::read(store.trash_dir().join(&t.file_name)).ok())
        .filter_map(|bytes| parse(&bytes).ok())
        .filter(|r| export::belongs_to(r, client))
        .collect();
    let trashed = from_trash.len();
    records.extend(from_trash);
    (records, trashed)
}

/// A client code as part of a file name.
fn file_safe(code: &str) -> String {
    code.trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}
