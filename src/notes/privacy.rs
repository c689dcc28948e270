//! What a coordinator must be able to say under the AVG (GDPR), read from
//! the data folder: where the notes are, how many about how many clients,
//! since when, how long they stay, and what goes next. Only reads.

use std::path::Path;
use std::time::{Duration, SystemTime};

use chrono::{DateTime, FixedOffset, Months};

use super::handout::date_in_words;
use crate::content::{Pack, fill};

use super::TRASH_DAYS;
use super::convert::Direction;
use super::history;
use super::seal::Seal;
use super::store::Store;

/// The data folder at a glance.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overview {
    pub sessions: usize,
    /// Different client codes (case and surrounding spaces aside).
    pub clients: usize,
    /// Sessions without a client code.
    pub without_code: usize,
    pub oldest: Option<DateTime<FixedOffset>>,
    /// The `bewaartermijn` in months, when one is set.
    pub retention_months: Option<u32>,
    /// Files that cannot be read (damaged, or of a newer version).
    pub unreadable: usize,
    /// With a `bewaartermijn`: finished sessions older than it now, and
    /// the day the next one will be.
    pub due_now: usize,
    pub next_due: Option<DateTime<FixedOffset>>,
    /// Deleted sessions still in the trash, and when the first goes.
    pub in_trash: usize,
    pub trash_next_gone: Option<SystemTime>,
    /// The first in the trash is past its 30 days (it goes at the next
    /// start of the full screen).
    pub trash_overdue: bool,
    /// Files in `export/`: reports, sheets, access files.
    pub exports: usize,
    /// The sessions folder is open to other accounts (Unix rights).
    pub open_to_others: bool,
    /// The folder is encrypted (`denkcoach beveilig`), and how many of its
    /// files are not yet (a conversion that did not finish).
    pub encrypted: bool,
    pub not_yet_encrypted: usize,
}

impl Overview {
    /// Reads the folder (nothing is written: it works on a read-only disk).
    pub fn of(store: &Store, now: DateTime<FixedOffset>, retention_months: Option<u32>) -> Self {
        let listing = store.list().unwrap_or_default();
        let sessions = &listing.sessions;
        let mut codes: Vec<String> = sessions
            .iter()
            .filter_map(|s| s.client_code.as_deref())
            .map(history::client_key)
            .filter(|c| !c.is_empty())
            .collect();
        let without_code = sessions.len() - codes.len();
        codes.sort_unstable();
        codes.dedup();
        let mut overview = Overview {
            sessions: sessions.len(),
            clients: codes.len(),
            without_code,
            oldest: sessions.iter().map(|s| s.started_at).min(),
            unreadable: listing.damaged.len(),
            retention_months,
            ..Overview::default()
        };
        if let Some(months) = retention_months {
            let due: std::collections::HashSet<&str> = history::older_than(sessions, now, months)
                .iter()
                .map(|s| s.id.as_str())
                .collect();
            overview.due_now = due.len();
            overview.next_due = sessions
                .iter()
                .filter(|s| s.is_finished() && !due.contains(s.id.as_str()))
                .map(|s| s.started_at)
                .min()
                .and_then(|t| t.checked_add_months(Months::new(months)));
        }
        let trashed = store.trashed().unwrap_or_default();
        overview.in_trash = trashed.len();
        overview.trash_next_gone = trashed
            .iter()
            .map(|t| t.deleted_at)
            .min()
            .map(|t| t + Duration::from_secs(TRASH_DAYS * 24 * 60 * 60));
        let now_system: SystemTime = now.into();
        overview.trash_overdue = overview.trash_next_gone.is_some_and(|t| t <= now_system);
        overview.exports = std::fs::read_dir(store.root().join("export"))
            .map(|d| {
                d.flatten()
                    .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                    .count()
            })
            .unwrap_or(0);
        overview.open_to_others = open_to_others(&store.sessions_dir());
        overview.encrypted = Seal::required(store.root());
        if overview.encrypted {
            overview.not_yet_encrypted = store.unconverted(Direction::Encrypt);
        }
        overview
    }
}

#[cfg(unix)]
fn open_to_others(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(dir).is_ok_and(|m| m.permissions().mode() & 0o077 != 0)
}

#[cfg(not(unix))]
fn open_to_others(_dir: &Path) -> bool {
    false
}

/// The overview as lines for the coordinator, in the pack's language: where,
/// what, who can read it, how long, and how to answer a request.
pub fn report(overview: &Overview, pack: &Pack, folder: &Path) -> Vec<String> {
    let t = &pack.ui.privacy;
    let day = |d: DateTime<FixedOffset>| date_in_words(d, pack);
    let mut lines = vec![
        t.title.clone(),
        String::new(),
        fill(&t.place, &[("path", &folder.display().to_string())]),
    ];
    lines.push(match overview.oldest {
        Some(oldest) => fill(
            &t.what,
            &[
                ("sessions", &overview.sessions.to_string()),
                ("clients", &overview.clients.to_string()),
                ("without", &overview.without_code.to_string()),
                ("oldest", &day(oldest)),
            ],
        ),
        None => t.what_empty.clone(),
    });
    if overview.unreadable > 0 {
        let count = overview.unreadable.to_string();
        lines.push(fill(&t.unreadable, &[("count", &count)]));
    }
    if overview.exports > 0 {
        let path = folder.join("export").display().to_string();
        let count = overview.exports.to_string();
        lines.push(fill(&t.exports, &[("count", &count), ("path", &path)]));
    }
    lines.push(if cfg!(windows) {
        t.who_windows.clone()
    } else if overview.open_to_others {
        t.who_unix_open.clone()
    } else {
        t.who_unix.clone()
    });
    lines.push(match (overview.encrypted, overview.not_yet_encrypted) {
        (false, _) => t.not_encrypted.clone(),
        (true, 0) => t.encrypted.clone(),
        (true, n) => fill(&t.partly_encrypted, &[("count", &n.to_string())]),
    });
    lines.push(match overview.retention_months {
        Some(months) => {
            let next = overview
                .next_due
                .map(|d| fill(&t.retention_next, &[("date", &day(d))]))
                .unwrap_or_default();
            fill(
                &t.retention,
                &[
                    ("months", &months.to_string()),
                    ("due", &overview.due_now.to_string()),
                    ("next", &next),
                ],
            )
        }
        None => t.retention_none.clone(),
    });
    let next = overview
        .trash_next_gone
        .filter(|_| !overview.trash_overdue)
        .map(|at| {
            let at: DateTime<chrono::Local> = at.into();
            fill(&t.trash_next, &[("date", &day(at.fixed_offset()))])
        })
        .unwrap_or_else(|| {
            if overview.trash_overdue {
                t.trash_overdue.clone()
            } else {
                String::new()
            }
        });
    let count = overview.in_trash.to_string();
    lines.push(fill(&t.trash, &[("count", &count), ("next", &next)]));
    lines.push(t.requests.clone());
    lines
}
