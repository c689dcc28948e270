//! `notities export`: sessions as Markdown or JSON, to standard output or a
//! private file.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::content::{Pack, fill};
use crate::notes::export::{self, Audience};
use std::io::Write;

use crate::notes::seal::{sealed_name, write_sealed_with};
use crate::notes::write_atomic_with;

use super::args::Format;
use super::open_store_to_read;

pub(super) struct ExportRequest {
    pub client: Option<String>,
    pub session: Option<String>,
    pub format: Format,
    pub audience: Audience,
    pub output: Option<PathBuf>,
    /// In an encrypted folder: readable, as asked.
    pub unencrypted: bool,
}

/// Whether `path` is a file in `dir` (compared as absolute paths).
fn inside(path: &std::path::Path, dir: &std::path::Path) -> bool {
    let absolute = |p: &std::path::Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    absolute(path)
        .parent()
        .is_some_and(|parent| parent == absolute(dir))
}

/// `verslag.md` as `verslag-onversleuteld.md`.
fn named_plain(path: &std::path::Path) -> PathBuf {
    let marker = crate::notes::convert::PLAIN_ON_PURPOSE;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("export");
    if name.contains(marker) {
        return path.to_path_buf();
    }
    let named = match name.split_once('.') {
        Some((stem, ext)) => format!("{stem}-{marker}.{ext}"),
        None => format!("{name}-{marker}"),
    };
    path.with_file_name(named)
}

pub(super) fn export_notes(
    pack: &Pack,
    data_dir: Option<PathBuf>,
    request: &ExportRequest,
) -> ExitCode {
    // JSON is the whole record, the volunteer's impressions with it: a
    // client's copy is a sheet (Markdown or HTML), never that.
    if request.audience == Audience::Client && request.format == Format::Json {
        crate::errln!("denkcoach: {}", pack.ui.cli.client_json);
        return ExitCode::from(2);
    }
    let store = match open_store_to_read(pack, data_dir) {
        Ok(store) => store,
        Err(code) => return code,
    };
    // An encrypted folder's notes leave it encrypted, unless asked
    // otherwise in so many words; the screen cannot show an age file.
    let encrypted = store.seal().is_on();
    let sealed = encrypted && !request.unencrypted;
    if sealed && request.output.is_none() {
        crate::errln!("denkcoach: {}", pack.ui.secure.plain_needed);
        return ExitCode::from(2);
    }
    let output = match &request.output {
        Some(path) if sealed => Some(sealed_name(path)),
        // Readable on purpose, among the folder's own exports: named so,
        // so that encrypting the folder again leaves it as asked.
        Some(path) if encrypted && inside(path, &store.root().join("export")) => {
            Some(named_plain(path))
        }
        other => other.clone(),
    };
    // Never over a file that is there: it may be the user's own.
    if let Some(path) = output
        .as_ref()
        .filter(|p| std::fs::symlink_metadata(p).is_ok())
    {
        let path = path.display().to_string();
        crate::errln!(
            "denkcoach: {}",
            fill(&pack.ui.plain.file_exists, &[("path", &path)])
        );
        return ExitCode::FAILURE;
    }
    // Straight from the folder: read only (a read-only disk exports too),
    // and the file, not the index, says whose a session is.
    let mut ids = match store.ids() {
        Ok(ids) => ids,
        Err(e) => {
            let path = store.sessions_dir().display().to_string();
            let reason = pack.ui.reasons.of(e.kind());
            crate::errln!(
                "denkcoach: {}",
                fill(
                    &pack.ui.cli.read_failed,
                    &[("path", &path), ("reason", &reason)]
                )
            );
            return ExitCode::FAILURE;
        }
    };
    if let Some(id) = &request.session {
        ids.retain(|s| s == id);
        if ids.is_empty() {
            let message = fill(&pack.ui.cli.no_session, &[("id", id)]);
            crate::errln!("denkcoach: {}", message);
            return ExitCode::FAILURE;
        }
    }
    let client = request.client.clone();
    // Files that cannot be read (damaged, or a newer version's) are left
    // out, and said so.
    let unreadable = std::cell::Cell::new(0usize);
    let records = ids
        .iter()
        .filter_map(|id| {
            let loaded = store.load(id).ok();
            if loaded.is_none() {
                unreadable.set(unreadable.get() + 1);
            }
            loaded
        })
        .filter(|r| {
            // Whose a session is, the file says, not the index.
            client
                .as_deref()
                .is_none_or(|code| export::belongs_to(r, code))
        });
    let mut records = records.peekable();
    let kind = match request.format {
        Format::Md => export::Kind::Markdown,
        Format::Html => export::Kind::Html,
        Format::Json => export::Kind::Json,
    };
    // Nothing of the client or session asked for is an error, and no file
    // (an empty page would look like a sheet); all sessions of an empty
    // folder is an empty export.
    let asked = request.client.is_some() || request.session.is_some();
    if asked && records.peek().is_none() {
        if unreadable.get() > 0 {
            let count = unreadable.get().to_string();
            crate::errln!(
                "denkcoach: {}",
                fill(&pack.ui.export.unreadable, &[("count", &count)])
            );
        }
        crate::errln!("denkcoach: {}", pack.ui.history.empty);
        return ExitCode::FAILURE;
    }
    let write = |out: &mut dyn Write| export::stream(out, records, pack, request.audience, kind);
    let (result, shown) = match &output {
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let result = write(&mut out).and_then(|n| out.flush().map(|()| n));
            (result, "-".to_string())
        }
        Some(path) if sealed => (
            write_sealed_with(path, store.seal(), write),
            path.display().to_string(),
        ),
        Some(path) => (write_atomic_with(path, write), path.display().to_string()),
    };
    match result {
        Ok(count) => {
            if output.is_some() {
                let count = count.to_string();
                let message = fill(
                    if sealed {
                        &pack.ui.export.written_sealed
                    } else {
                        &pack.ui.export.written
                    },
                    &[("path", &shown), ("count", &count)],
                );
                crate::outln!("{message}");
                if encrypted && !sealed {
                    let said = fill(&pack.ui.secure.plain_written, &[("path", &shown)]);
                    crate::outln!("{said}");
                }
            }
            if unreadable.get() > 0 {
                let count = unreadable.get().to_string();
                crate::errln!(
                    "denkcoach: {}",
                    fill(&pack.ui.export.unreadable, &[("count", &count)])
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => {
            crate::errln!(
                "denkcoach: {}",
                fill(&pack.ui.export.mixed_clients, &[("count", "2")])
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            let reason = pack.ui.reasons.of(e.kind());
            crate::errln!(
                "denkcoach: {}",
                fill(
                    &pack.ui.cli.write_failed,
                    &[("path", &shown), ("reason", &reason)]
                )
            );
            ExitCode::FAILURE
        }
    }
}
