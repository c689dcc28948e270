//! Dates as people write them, in the pack's words: "29 november 2026,
//! 14:05" on screens and in exports, "29 nov 2026 14:05" where a table
//! column has room for no more.

use chrono::{DateTime, Datelike, FixedOffset};

use crate::content::{Pack, fill};

/// "29 november 2026".
pub fn day(d: DateTime<FixedOffset>, pack: &Pack) -> String {
    let t = &pack.ui.export;
    in_words(d, &t.months, &t.long_date)
}

/// "29 november 2026, 14:05".
pub fn day_time(d: DateTime<FixedOffset>, pack: &Pack) -> String {
    let time = d.format("%H:%M").to_string();
    fill(
        &pack.ui.export.date_time,
        &[("date", &day(d, pack)), ("time", &time)],
    )
}

/// "29 nov 2026 14:05": seventeen characters or so, for a column.
pub fn short_time(d: DateTime<FixedOffset>, pack: &Pack) -> String {
    format!("{} {}", short_day(d, pack), d.format("%H:%M"))
}

/// "29 nov 2026".
pub fn short_day(d: DateTime<FixedOffset>, pack: &Pack) -> String {
    let t = &pack.ui.export;
    in_words(d, &t.months_short, &t.long_date)
}

fn in_words(d: DateTime<FixedOffset>, months: &[String], template: &str) -> String {
    let month = usize::try_from(d.month0())
        .ok()
        .and_then(|m| months.get(m))
        .cloned()
        .unwrap_or_else(|| d.month().to_string());
    fill(
        template,
        &[
            ("day", &d.day().to_string()),
            ("month", &month),
            ("year", &d.year().to_string()),
        ],
    )
}
