//! Questions asked of the list of sessions: filter, search, resume, the
//! previous session of a client, old sessions, belief over time. Pure: the
//! list comes in, answers go out.

use chrono::{DateTime, FixedOffset, Months};

use super::record::SessionRecord;
use super::summary::Summary;

/// Sessions of `client` (exact code, any case), in the order given.
/// A client code as it is compared everywhere – the list's filter, exports,
/// deleting, the overview: without surrounding spaces, case aside (also
/// beyond ASCII: É1 is é1).
pub fn client_key(code: &str) -> String {
    code.trim().to_lowercase()
}

/// Whether two client codes are the same client.
pub fn same_client(a: &str, b: &str) -> bool {
    client_key(a) == client_key(b)
}

pub fn filter<'a>(sessions: &'a [Summary], client: Option<&str>) -> Vec<&'a Summary> {
    let m = Matcher::new(client, None);
    sessions.iter().filter(|s| m.matches_client(s)).collect()
}

/// A client filter and a search, prepared once for many sessions.
pub struct Matcher {
    client: Option<String>,
    query: Option<String>,
}

impl Matcher {
    pub fn new(client: Option<&str>, query: Option<&str>) -> Self {
        Matcher {
            client: client
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty()),
            query: query
                .map(|q| q.trim().to_lowercase())
                .filter(|q| !q.is_empty()),
        }
    }

    pub fn searches(&self) -> bool {
        self.query.is_some()
    }

    pub fn matches_client(&self, s: &Summary) -> bool {
        self.client.as_deref().is_none_or(|c| {
            s.client_code
                .as_deref()
                .is_some_and(|code| same_client(code, c))
        })
    }

    /// Whether a session's [`search_text`] holds the query.
    pub fn matches_text(&self, text: &str) -> bool {
        self.query.as_deref().is_none_or(|q| text.contains(q))
    }
}

/// Every text of a session, lowercase, as one string to search in.
pub fn search_text(s: &SessionRecord) -> String {
    let mut text = String::new();
    let texts = s
        .client_code
        .iter()
        .chain(&s.thought)
        .chain(&s.next_step)
        .chain(s.answers.values().flat_map(|a| [&a.text, &a.impression]));
    for t in texts {
        text.push_str(&t.to_lowercase());
        text.push('\n');
    }
    text
}

/// How far back an open session is offered to carry on with.
pub const OPEN_DAYS: i64 = 14;

/// The sessions to offer to carry on with: unfinished, started in the last
/// [`OPEN_DAYS`] days, newest first. One dated in the future (a clock that was
/// wrong) is left to the notes list: it must not push a really
/// interrupted session out of the menu.
pub fn open_recent(sessions: &[Summary], now: DateTime<FixedOffset>) -> Vec<&Summary> {
    let since = now - chrono::Duration::days(OPEN_DAYS);
    let until = now + chrono::Duration::minutes(5);
    let mut open: Vec<&Summary> = sessions
        .iter()
        .filter(|s| !s.is_finished() && s.started_at >= since && s.started_at <= until)
        .collect();
    open.sort_by(|a, b| {
        b.updated_at
            .cmp(&a.updated_at)
            .then(b.started_at.cmp(&a.started_at))
    });
    open
}

/// The session a new one with `client` follows on from: the newest finished
/// one, else the newest.
pub fn previous_for<'a>(sessions: &'a [Summary], client: &str) -> Option<&'a Summary> {
    let mine = filter(sessions, Some(client));
    let newest = |v: Vec<&'a Summary>| v.into_iter().max_by_key(|s| s.started_at);
    newest(mine.iter().copied().filter(|s| s.is_finished()).collect()).or_else(|| newest(mine))
}

/// Sessions that started more than `months` before `now`.
pub fn older_than(sessions: &[Summary], now: DateTime<FixedOffset>, months: u32) -> Vec<&Summary> {
    let Some(limit) = now.checked_sub_months(Months::new(months)) else {
        return Vec::new();
    };
    // An open session is someone's unfinished conversation: never offered
    // for clearing away.
    sessions
        .iter()
        .filter(|s| s.started_at < limit && s.is_finished())
        .collect()
}

/// One client's belief ratings, oldest session first.
pub fn belief_series(sessions: &[Summary], client: &str) -> Vec<BeliefPoint> {
    let mut points: Vec<BeliefPoint> = filter(sessions, Some(client))
        .into_iter()
        .filter(|s| s.belief_before.is_some() || s.belief_after.is_some())
        .map(|s| BeliefPoint {
            started_at: s.started_at,
            before: s.belief_before,
            after: s.belief_after,
        })
        .collect();
    points.sort_by_key(|p| p.started_at);
    points
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BeliefPoint {
    pub started_at: DateTime<FixedOffset>,
    pub before: Option<u8>,
    pub after: Option<u8>,
}
