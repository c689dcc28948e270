//! In-process benchmarks (criterion): content loading, one key plus a
//! frame with long notes, one autosave, and the history at 1,000 and
//! 10,000 sessions. Whole-process figures (startup, idle CPU, memory,
//! binary size, 100,000 sessions) come from `benches/process.py`.

use std::time::Instant;

use chrono::{FixedOffset, TimeZone};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use denkcoach::app::App;
use denkcoach::content::Pack;
use denkcoach::notes::{SessionRecord, Store, history};
use denkcoach::session::{Action, Session};
use denkcoach::ui::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn now() -> chrono::DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .and_then(|tz| tz.with_ymd_and_hms(2026, 11, 28, 14, 5, 0).single())
        .expect("fixed time")
}

fn pack() -> Pack {
    Pack::load("nl", &[]).expect("built-in pack")
}

fn key(app: &mut App, code: KeyCode) {
    app.handle(
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        now(),
        Instant::now(),
    );
}

fn content(c: &mut Criterion) {
    c.bench_function(
        "content: parse and validate the built-in pack's TOML",
        |b| b.iter(|| Pack::load_checked("nl", &[]).expect("built-in pack")),
    );
    c.bench_function("content: load the pack checked at build time", |b| {
        b.iter(pack)
    });
}

/// An app typing on the thought step, with 10 KB of notes already there.
fn typing_app(dir: &std::path::Path) -> App {
    let mut app = App::new(pack(), Theme::colour(), Store::open(dir).expect("store"));
    for k in [KeyCode::Enter, KeyCode::Enter, KeyCode::Enter, KeyCode::Tab] {
        key(&mut app, k);
    }
    let text =
        "Een regel van een notitie die de vrijwilliger typt tijdens het gesprek.\n".repeat(140);
    app.handle(Event::Paste(text), now(), Instant::now());
    app
}

fn key_and_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("key + frame, 10 KB notes");
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut app = typing_app(dir.path());
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        let mut n = 0u32;
        group.bench_function(BenchmarkId::from_parameter(format!("{w}x{h}")), |b| {
            b.iter(|| {
                n += 1;
                let code = if n.is_multiple_of(2) {
                    KeyCode::Backspace
                } else {
                    KeyCode::Char('x')
                };
                key(&mut app, code);
                terminal.draw(|f| app.draw(f)).expect("draw");
            })
        });
        app.flush();
    }
    group.finish();
    key_percentiles();
}

/// The target is for the slowest keys, not the average: times 5,000 keys
/// one by one at each size and prints the percentiles beside criterion's
/// figures.
fn key_percentiles() {
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut app = typing_app(dir.path());
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        let mut times = Vec::with_capacity(5_000);
        for n in 0..5_500u32 {
            let code = if n.is_multiple_of(2) {
                KeyCode::Backspace
            } else {
                KeyCode::Char('x')
            };
            let start = Instant::now();
            key(&mut app, code);
            terminal.draw(|f| app.draw(f)).expect("draw");
            if n >= 500 {
                times.push(start.elapsed());
            }
        }
        app.flush();
        times.sort();
        let at = |q: f64| times[((times.len() as f64 - 1.0) * q) as usize];
        println!(
            "key + frame, 10 KB notes, {w}x{h}: p50 {} µs  p99 {} µs  max {} µs ({} keys)",
            at(0.5).as_micros(),
            at(0.99).as_micros(),
            times[times.len() - 1].as_micros(),
            times.len()
        );
    }
}

fn record(pack: &Pack, client: &str, i: i64) -> SessionRecord {
    let started = now() - chrono::Duration::minutes(i);
    let mut s = Session::new(pack, started, Some(client.to_string()));
    s.update(pack, Action::Next, started);
    s.update(pack, Action::Next, started);
    s.update(
        pack,
        Action::SetText(format!("Gedachte nummer {i} van {client}.")),
        started,
    );
    SessionRecord::from_session(&format!("gen-{i:06}"), &s, pack, started)
}

fn autosave(c: &mut Criterion) {
    let pack = pack();
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let mut s = Session::new(&pack, now(), Some("K7".into()));
    s.update(&pack, Action::Next, now());
    s.update(&pack, Action::Next, now());
    s.update(&pack, Action::SetText("x".repeat(10 * 1024)), now());
    c.bench_function("autosave: record + atomic write (10 KB notes)", |b| {
        b.iter(|| {
            let r = SessionRecord::from_session("bench", &s, &pack, now());
            store.save(&r).expect("save")
        })
    });
    // What the loop does for every batch of keys before the frame: the
    // record as one journal line, written (no fsync). The journal is
    // removed now and then, as the snapshot behind it would.
    let journals = denkcoach::notes::Journals::default();
    let mut seq = 0;
    c.bench_function("journal: record + one line written (10 KB notes)", |b| {
        b.iter(|| {
            seq += 1;
            let r = SessionRecord::from_session("bench", &s, &pack, now());
            journals.append(&store, &r, seq).expect("journal");
            if seq % 200 == 0 {
                journals.covered(&store, "bench", seq);
            }
        })
    });
    // The same in an encrypted folder: every line an age file (one X25519
    // exchange and ChaCha20-Poly1305 over the record), on the loop's thread.
    let sealed_dir = tempfile::tempdir().expect("tempdir");
    let sealed =
        Store::open_with(sealed_dir.path(), denkcoach::notes::Seal::fresh()).expect("store");
    let journals = denkcoach::notes::Journals::default();
    c.bench_function(
        "journal, encrypted: record + one line written (10 KB notes)",
        |b| {
            b.iter(|| {
                seq += 1;
                let r = SessionRecord::from_session("bench", &s, &pack, now());
                journals.append(&sealed, &r, seq).expect("journal");
                if seq % 200 == 0 {
                    journals.covered(&sealed, "bench", seq);
                }
            })
        },
    );
}

fn histories(c: &mut Criterion) {
    let pack = pack();
    let mut group = c.benchmark_group("history");
    group.sample_size(10);
    for count in [1_000i64, 10_000] {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        for i in 0..count {
            let r = record(&pack, &format!("K{}", i % 50), i);
            let json = serde_json::to_vec(&r).expect("json");
            std::fs::write(store.path_of(&r.id), json).expect("write");
        }
        group.bench_function(BenchmarkId::new("build index (first open)", count), |b| {
            b.iter(|| {
                let _ = std::fs::remove_file(store.index_path());
                // Listing reads; the repair after it writes the index.
                let listing = store.list().expect("list");
                store.repair(&listing);
                listing
            })
        });
        group.bench_function(BenchmarkId::new("open from index", count), |b| {
            b.iter(|| store.list().expect("list"))
        });
        let listing = store.list().expect("list");
        let stamps = denkcoach::notes::stamps(&listing);
        group.bench_function(BenchmarkId::new("verify against files", count), |b| {
            b.iter(|| store.verify(&stamps))
        });
        group.bench_function(BenchmarkId::new("filter client", count), |b| {
            b.iter(|| history::filter(&listing.sessions, Some("K7")).len())
        });
        // The same folder encrypted (`beveilig`): the index is one
        // encrypted line, each session an age file.
        let sealed_dir = tempfile::tempdir().expect("tempdir");
        let seal = denkcoach::notes::Seal::fresh();
        let sealed = Store::open_with(sealed_dir.path(), seal.clone()).expect("store");
        for s in &listing.sessions {
            let json = std::fs::read(store.path_of(&s.id)).expect("read");
            let bytes = seal.seal(&json).expect("seal");
            std::fs::write(sealed.path_of(&s.id), &*bytes).expect("write");
        }
        sealed.repair(&sealed.list().expect("list"));
        group.bench_function(BenchmarkId::new("open from index, encrypted", count), |b| {
            b.iter(|| sealed.list().expect("list"))
        });
        group.bench_function(BenchmarkId::new("search texts, encrypted", count), |b| {
            b.iter(|| {
                listing
                    .sessions
                    .iter()
                    .filter_map(|s| sealed.load(&s.id).ok())
                    .map(|r| history::search_text(&r))
                    .collect::<Vec<String>>()
            })
        });
        let read_texts = || -> Vec<String> {
            listing
                .sessions
                .iter()
                .filter_map(|s| store.load(&s.id).ok())
                .map(|r| history::search_text(&r))
                .collect()
        };
        group.bench_function(BenchmarkId::new("first search (reads texts)", count), |b| {
            b.iter(read_texts)
        });
        let texts = read_texts();
        let search = history::Matcher::new(None, Some("nummer 4242"));
        group.bench_function(BenchmarkId::new("search (texts read)", count), |b| {
            b.iter(|| texts.iter().filter(|t| search.matches_text(t)).count())
        });
    }
    group.finish();
}

criterion_group!(benches, content, key_and_frame, autosave, histories);
criterion_main!(benches);
