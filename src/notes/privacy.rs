//! What a coordinator must be able to say under the AVG (GDPR), read from
//! the data folder: where the notes are, how many about how many clients,
//! since when, how long they stay, and what goes next. Only reads.

use std::path::Path;
use std::time::{Duration, SystemTime};

use chrono::{DateTime, FixedOffset, Months};

use super::handout::date_in_words;
use crate::content::{Pack, fill};

use super::TRASH_DAYS;
use super::history;
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
}

impl Overview {
    /// Reads the folder (nothing is written: it works on a read-only disk).
    pub fn of(store: &Store, now: DateTime<FixedOffset>, retention_months: Option<u32>) -> Self {
        let listing = store.list().unwrap_or_default();
        let sessions = &listing.sessions;
        let mut codes: Vec<String> = sessions
            .iter()
            .filter_map(|s| s.client_code.as_deref())
            .map(|c| c.trim().to_lowercase())
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
            let due = history::older_than(sessions, now, months);
            overview.due_now = due.len();
            overview.next_due = sessions
                .iter()
                .filter(|s| s.is_finished() && !due.iter().any(|d| d.id == s.id))
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
        overview
    }
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
    lines.push(if cfg!(windows) {
        t.who_windows.clone()
    } else {
        t.who_unix.clone()
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
        .map(|at| {
            let at: DateTime<chrono::Local> = at.into();
            fill(&t.trash_next, &[("date", &day(at.fixed_offset()))])
        })
        .unwrap_or_default();
    let count = overview.in_trash.to_string();
    lines.push(fill(&t.trash, &[("count", &count), ("next", &next)]));
    lines.push(t.requests.clone());
    lines
}
