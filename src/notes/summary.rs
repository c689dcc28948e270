//! What the history list shows of a session: a few facts, small enough to
//! keep 100,000 of in memory and in the index. The full record is read from
//! its file only to open, search or export it.

use std::fs::Metadata;
use std::time::UNIX_EPOCH;

use chrono::{DateTime, FixedOffset};

use super::record::SessionRecord;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The file's name without `.json`, which is how the record is loaded.
    pub id: String,
    pub started_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
    pub finished: bool,
    pub client_code: Option<String>,
    /// The exercise (phase id) a practice session is: "Mijn oefeningen"
    /// names it.
    pub exercise: Option<String>,
    pub routes: Vec<String>,
    pub belief_before: Option<u8>,
    pub belief_after: Option<u8>,
    /// The file as it was when this summary was made.
    pub stamp: Stamp,
}

/// A file's size and modification time: when either differs from the
/// index, the file is read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub len: u64,
    pub mtime_ns: i64,
}

impl Stamp {
    pub fn of(meta: &Metadata) -> Stamp {
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .and_then(|d| i64::try_from(d.as_nanos()).ok())
            .unwrap_or(0);
        Stamp {
            len: meta.len(),
            mtime_ns,
        }
    }
}

impl Summary {
    pub fn of(id: &str, record: &SessionRecord, stamp: Stamp) -> Summary {
        Summary {
            id: id.to_string(),
            started_at: record.started_at,
            updated_at: record.updated_at,
            finished: record.is_finished(),
            client_code: record.client_code.clone(),
            exercise: record.exercise.clone(),
            routes: record.routes.clone(),
            belief_before: record.belief_before,
            belief_after: record.belief_after,
            stamp,
        }
    }

    pub fn is_finished(&self) -> bool {
        self.finished
    }
}
