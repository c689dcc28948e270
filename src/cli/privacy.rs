//! `denkcoach privacy` and `notities inzage`: the AVG (GDPR) duties of a
//! volunteer organisation, answered from the data folder. Both only read
//! the notes (inzage writes its two files, nothing else).

use std::path::PathBuf;
use std::process::ExitCode;

use crate::content::{Pack, fill};
use crate::notes::export::{self, Audience, Kind};
use crate::notes::privacy::{Overview, report};
use crate::notes::seal::{sealed_name, write_sealed_with};
use crate::notes::{SessionRecord, Store, write_atomic_with};

use super::open_store_to_read;

/// Prints the overview: where, what, who can read it, how long, requests.
pub(super) fn overview(pack: &Pack, data_dir: Option<PathBuf>, retention: Option<u32>) -> ExitCode {
    // Before the first session there is no folder yet: nothing is kept.
    if let Some(dir) = data_dir.as_deref().filter(|d| !d.exists()) {
        let overview = Overview {
            retention_months: retention,
            ..Overview::default()
        };
        for line in report(&overview, pack, dir) {
            crate::outln!("{line}");
        }
        return ExitCode::SUCCESS;
    }
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
    unencrypted: bool,
) -> ExitCode {
    let store = match open_store_to_read(pack, data_dir) {
        Ok(store) => store,
        Err(code) => return code,
    };
    let t = &pack.ui.privacy;
    if client.trim().is_empty() {
        crate::errln!("denkcoach: {}", t.access_no_code);
        return ExitCode::from(2);
    }
    let (records, trashed, unreadable) = everything_of(&store, client);
    if unreadable > 0 {
        // They may be about this client too: said, so they can be looked at.
        let count = unreadable.to_string();
        crate::errln!(
            "denkcoach: {}",
            fill(&pack.ui.export.unreadable, &[("count", &count)])
        );
    }
    if records.is_empty() {
        crate::errln!("denkcoach: {}", fill(&t.access_none, &[("client", client)]));
        return ExitCode::FAILURE;
    }
    let dir = out.unwrap_or_else(|| store.root().join("export"));
    if inside(&dir, &store.sessions_dir()) || inside(&dir, &store.trash_dir()) {
        crate::errln!("denkcoach: {}", t.access_inside);
        return ExitCode::from(2);
    }
    // A folder that exists keeps its rights (it may be shared, like /tmp);
    // one made here is private. The files are private either way.
    let made = if dir.exists() {
        Ok(())
    } else {
        crate::notes::private_dir(&dir)
    };
    if let Err(e) = made {
        return write_failed(pack, &dir, &e);
    }
    let date = chrono::Local::now().format("%Y-%m-%d");
    let stem = format!("inzage-{}-{date}", crate::text::file_safe(client));
    // From an encrypted folder the access file is encrypted too, unless it
    // is asked for readable (to hand over): then its name says so.
    let encrypted = store.seal().is_on();
    let sealed = encrypted && !unencrypted;
    let stem = if sealed {
        // No client code in the name of an encrypted file: a folder
        // listing would show it.
        format!("inzage-{}", chrono::Local::now().format("%Y-%m-%d_%H%M%S"))
    } else if encrypted {
        format!("{stem}-onversleuteld")
    } else {
        stem
    };
    let mut written = Vec::new();
    for (kind, ext) in [(Kind::Html, "html"), (Kind::Json, "json")] {
        let mut path = dir.join(format!("{stem}.{ext}"));
        if sealed {
            path = sealed_name(&path);
        }
        let write = |w: &mut dyn std::io::Write| {
            export::stream(w, records.iter().cloned(), pack, Audience::Volunteer, kind)
        };
        let result = if sealed {
            write_sealed_with(&path, store.seal(), write)
        } else {
            write_atomic_with(&path, write)
        };
        if let Err(e) = result {
            return write_failed(pack, &path, &e);
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

/// The client's sessions, oldest first, then those in the trash; how many
/// came from the trash; and how many files could not be read at all.
/// Whose a session is, each file says.
fn everything_of(store: &Store, client: &str) -> (Vec<SessionRecord>, usize, usize) {
    let mut unreadable = 0;
    let mut records: Vec<SessionRecord> = store
        .ids()
        .unwrap_or_default()
        .iter()
        .filter_map(|id| {
            let loaded = store.load(id).ok();
            unreadable += usize::from(loaded.is_none());
            loaded
        })
        .filter(|r| export::belongs_to(r, client))
        .collect();
    let from_trash: Vec<SessionRecord> = store
        .trashed()
        .unwrap_or_default()
        .iter()
        .filter_map(|t| std::fs::read(store.trash_dir().join(&t.file_name)).ok())
        .filter_map(|bytes| store.read_record(&bytes).ok())
        .filter(|r| export::belongs_to(r, client))
        .collect();
    let trashed = from_trash.len();
    records.extend(from_trash);
    (records, trashed, unreadable)
}

/// Whether `dir` is `folder` or inside it (as far as both can be resolved).
fn inside(dir: &std::path::Path, folder: &std::path::Path) -> bool {
    let resolve =
        |p: &std::path::Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    resolve(dir).starts_with(resolve(folder))
}

/// "Kan niet schrijven naar …", with the reason in the pack's words.
fn write_failed(pack: &Pack, path: &std::path::Path, e: &std::io::Error) -> ExitCode {
    let reason = pack.ui.reasons.of(e.kind());
    let shown = path.display().to_string();
    let message = fill(
        &pack.ui.cli.write_failed,
        &[("path", &shown), ("reason", &reason)],
    );
    crate::errln!("denkcoach: {message}");
    ExitCode::FAILURE
}
