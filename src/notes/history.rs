//! Questions asked of the list of sessions: filter, search, resume, the
//! previous session of a client, old sessions, belief over time. Pure: the
//! list comes in, answers go out.

use chrono::{DateTime, FixedOffset, Months};

use super::record::SessionRecord;

/// Sessions of `client` (exact code, any case) whose text contains `query`
/// (any case), in the order given.
pub fn filter<'a>(
    sessions: &'a [SessionRecord],
    client: Option<&str>,
    query: Option<&str>,
) -> Vec<&'a SessionRecord> {
    let m = Matcher::new(client, query);
    sessions.iter().filter(|s| m.matches(s)).collect()
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

    pub fn matches(&self, s: &SessionRecord) -> bool {
        let client_ok = self.client.as_deref().is_none_or(|c| {
            s.client_code
                .as_deref()
                .is_some_and(|code| code.eq_ignore_ascii_case(c))
        });
        client_ok && self.query.as_deref().is_none_or(|q| contains_text(s, q))
    }
}

/// Whether any text of the session contains `query` (already lowercase).
fn contains_text(s: &SessionRecord, query: &str) -> bool {
    let hit = |t: &str| t.to_lowercase().contains(query);
    s.client_code.as_deref().is_some_and(hit)
        || s.thought.as_deref().is_some_and(hit)
        || s.next_step.as_deref().is_some_and(hit)
        || s.answers.values().any(|a| hit(&a.text))
}

/// The newest session that was not finished, to offer for resuming.
pub fn latest_unfinished(sessions: &[SessionRecord]) -> Option<&SessionRecord> {
    sessions
        .iter()
        .filter(|s| !s.is_finished())
        .max_by(|a, b| a.updated_at.cmp(&b.updated_at))
}

/// The session a new one with `client` follows on from: the newest finished
/// one, else the newest.
pub fn previous_for<'a>(sessions: &'a [SessionRecord], client: &str) -> Option<&'a SessionRecord> {
    let mine = filter(sessions, Some(client), None);
    let newest = |v: Vec<&'a SessionRecord>| v.into_iter().max_by_key(|s| s.started_at);
    newest(mine.iter().copied().filter(|s| s.is_finished()).collect()).or_else(|| newest(mine))
}

/// Sessions that started more than `months` before `now`.
pub fn older_than(
    sessions: &[SessionRecord],
    now: DateTime<FixedOffset>,
    months: u32,
) -> Vec<&SessionRecord> {
    let Some(limit) = now.checked_sub_months(Months::new(months)) else {
        return Vec::new();
    };
    sessions.iter().filter(|s| s.started_at < limit).collect()
}

/// One client's belief ratings, oldest session first.
pub fn belief_series(sessions: &[SessionRecord], client: &str) -> Vec<BeliefPoint> {
    let mut points: Vec<BeliefPoint> = filter(sessions, Some(client), None)
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
