//! `notities export`: sessions as Markdown or JSON, to standard output or a
//! private file.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::content::{Pack, fill};
use crate::notes::export::{self, Audience};
use crate::notes::{SessionRecord, history, write_atomic};

use super::args::Format;
use super::open_store;

pub(super) struct ExportRequest {
    pub client: Option<String>,
    pub session: Option<String>,
    pub format: Format,
    pub audience: Audience,
    pub output: Option<PathBuf>,
}

pub(super) fn export_notes(
    pack: &Pack,
    data_dir: Option<PathBuf>,
    request: &ExportRequest,
) -> ExitCode {
    // JSON is the whole record, the volunteer's impressions with it: a
    // client's copy is a sheet (Markdown or HTML), never that.
    if request.audience == Audience::Client && request.format == Format::Json {
        eprintln!("denkcoach: {}", pack.ui.cli.client_json);
        return ExitCode::from(2);
    }
    let store = match open_store(pack, data_dir) {
        Ok(store) => store,
        Err(code) => return code,
    };
    let listing = match store.list_verified() {
        Ok(listing) => listing,
        Err(e) => {
            let path = store.sessions_dir().display().to_string();
            let reason = e.kind().to_string();
            eprintln!(
                "denkcoach: {}",
                fill(
                    &pack.ui.cli.read_failed,
                    &[("path", &path), ("reason", &reason)]
                )
            );
            return ExitCode::FAILURE;
        }
    };
    let mut chosen = history::filter(&listing.sessions, request.client.as_deref());
    if let Some(id) = &request.session {
        chosen.retain(|s| s.id == *id);
        if chosen.is_empty() {
            let message = fill(&pack.ui.cli.no_session, &[("id", id)]);
            eprintln!("denkcoach: {}", message);
            return ExitCode::FAILURE;
        }
    }
    // Oldest first reads best on paper.
    let mut owned = store.load_all(chosen.iter().rev().map(|s| s.id.as_str()));
    // Whose a session is, the file says, not the index.
    if let Some(code) = &request.client {
        owned.retain(|r| export::belongs_to(r, code));
    }
    let records: Vec<&SessionRecord> = owned.iter().collect();
    if request.audience == Audience::Client && export::clients_in(&records) > 1 {
        let count = export::clients_in(&records).to_string();
        let message = fill(&pack.ui.export.mixed_clients, &[("count", &count)]);
        eprintln!("denkcoach: {}", message);
        return ExitCode::FAILURE;
    }
    let text = match request.format {
        Format::Json => export::json(&records).unwrap_or_default(),
        // A note file may hold anything: nothing raw reaches a terminal (or
        // a file that is printed to one later).
        Format::Md => crate::text::printable(&export::markdown(&records, pack, request.audience)),
        Format::Html => crate::text::printable(&export::html(&records, pack, request.audience)),
    };
    match &request.output {
        None => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Some(path) => match write_atomic(path, text.as_bytes()) {
            Ok(()) => {
                let shown = path.display().to_string();
                let count = records.len().to_string();
                let message = fill(
                    &pack.ui.export.written,
                    &[("path", &shown), ("count", &count)],
                );
                println!("{}", message);
                ExitCode::SUCCESS
            }
            Err(e) => {
                let shown = path.display().to_string();
                let reason = e.kind().to_string();
                eprintln!(
                    "denkcoach: {}",
                    fill(
                        &pack.ui.cli.write_failed,
                        &[("path", &shown), ("reason", &reason)]
                    )
                );
                ExitCode::FAILURE
            }
        },
    }
}
