//! The sheet the client takes home: only their words, what was agreed and
//! the date – on one A4 page – written from the closing screen and offered
//! to open.

mod common;

use common::{app_in, begin, builtin_pack, choose_route, note, press};
use crossterm::event::KeyCode;
use denkcoach::app::App;
use denkcoach::app::model::{Overlay, Screen};
use denkcoach::content::InputKind;
use denkcoach::notes::export::{self, Audience};
use denkcoach::notes::{SessionRecord, parse};
use denkcoach::session::Place;

const IMPRESSION: &str = "Ze is erg eenzaam sinds haar man overleed; patroon: generaliseren.";
const NEXT: &str = "Zaterdag de buurvrouw bellen.";

/// The other person's words on each step: two sentences, as in a real
/// conversation.
fn words_for(step: &str) -> String {
    format!(
        "Over {step}: dat weet ik eigenlijk niet zo goed. Misschien heeft mijn zus het gewoon druk."
    )
}

/// A whole conversation through route a., words and an impression on
/// every step with a note, to the closing screen.
fn whole_conversation(app: &mut App) {
    let pack = builtin_pack();
    begin(app, "K7");
    press(app, KeyCode::Enter); // basishouding
    for _ in 0..40 {
        if matches!(app.model().screen, Screen::Done { .. }) {
            return;
        }
        let Some(session) = app.session() else {
            panic!("no session on screen");
        };
        if session.place == Place::RouteChoice {
            choose_route(app, 0);
            continue;
        }
        let step = session.current_step(&pack).expect("a step").clone();
        if step.input == InputKind::Text {
            let words = if step.id == "volgende-stap" {
                NEXT.to_string()
            } else {
                words_for(&step.id)
            };
            note(app, &words);
            press(app, KeyCode::Tab);
            note(app, IMPRESSION);
        }
        if step.input == InputKind::Scale {
            note(app, "70");
        }
        press(app, KeyCode::Enter);
    }
    panic!("never reached the closing screen");
}

/// The finished session's file, named on the closing screen.
fn saved(app: &mut App) -> SessionRecord {
    assert!(app.flush());
    let Screen::Done { path, .. } = &app.model().screen else {
        panic!("not on the closing screen");
    };
    parse(&std::fs::read(path).expect("read")).expect("a record")
}

#[test]
fn the_client_sheet_holds_only_their_words_the_agreement_and_the_date() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_in(dir.path());
    whole_conversation(&mut app);
    let record = saved(&mut app);
    let pack = builtin_pack();
    for sheet in [
        export::markdown(&[&record], &pack, Audience::Client),
        export::html(&[&record], &pack, Audience::Client),
    ] {
        assert!(
            sheet.contains("dat weet ik eigenlijk niet zo goed"),
            "{sheet}"
        );
        assert!(sheet.contains(NEXT), "{sheet}");
        assert!(
            sheet.contains("28 november 2026"),
            "the date in Dutch: {sheet}"
        );
        assert!(sheet.contains("© Movisie, kennis en aanpak van sociale vraagstukken"));
        let lower = sheet.to_lowercase();
        for absent in [
            "eenzaam",
            "generaliseren",
            "a. gedachten uitdagen",
            "gedachten uitdagen",
            "spelen met gedachten",
            "k7",
            "→",
        ] {
            assert!(
                !lower.contains(absent),
                "{absent:?} on the client sheet:\n{sheet}"
            );
        }
    }
    // The volunteer's report keeps everything, under the steps' titles.
    let report = export::markdown(&[&record], &pack, Audience::Volunteer);
    assert!(report.contains(IMPRESSION));
    assert!(report.contains("Is het waar?"));
    let report_html = export::html(&[&record], &pack, Audience::Volunteer);
    assert!(
        report_html.contains("<h3>Is het waar?</h3>"),
        "{report_html}"
    );
}

#[test]
fn the_closing_screen_writes_the_sheet_and_offers_to_open_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_in(dir.path());
    whole_conversation(&mut app);
    press(&mut app, KeyCode::F(5));
    app.settle();
    let Some(Overlay::OpenFile(path)) = &app.model().overlay else {
        panic!("no offer to open: {}", common::screen_text(&app, 80, 24));
    };
    assert!(path.extension().is_some_and(|e| e == "html"));
    let html = std::fs::read_to_string(path).expect("the page");
    assert!(html.contains(NEXT));
    assert!(!html.to_lowercase().contains("eenzaam"));
    let md = path.with_extension("md");
    assert!(md.exists(), "the Markdown beside it");
    let screen = common::screen_text(&app, 80, 24);
    assert!(screen.contains("Nu openen?"), "{screen}");
    // Esc: not now. The closing screen is still there.
    press(&mut app, KeyCode::Esc);
    assert!(app.model().overlay.is_none());
    assert!(matches!(app.model().screen, Screen::Done { .. }));
}

/// Printed by headless Chromium, a normal session's sheet is one A4 page.
/// Skipped (with a message) where Chromium is not installed:
/// `apt-get install chromium poppler-utils`.
#[test]
fn the_sheet_of_a_normal_session_prints_on_one_a4_page() {
    let chromium = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            std::process::Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    let pdfinfo = std::process::Command::new("pdfinfo")
        .arg("-v")
        .output()
        .is_ok();
    let (Some(chromium), true) = (chromium, pdfinfo) else {
        eprintln!("skipped: no Chromium or pdfinfo (apt-get install chromium poppler-utils)");
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_in(dir.path());
    whole_conversation(&mut app);
    let record = saved(&mut app);
    let html = export::html(&[&record], &builtin_pack(), Audience::Client);
    let page = dir.path().join("blad.html");
    std::fs::write(&page, html).expect("write");
    let pdf = dir.path().join("blad.pdf");
    let out = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            &format!("--user-data-dir={}", dir.path().join("profiel").display()),
            &format!("--print-to-pdf={}", pdf.display()),
        ])
        .arg(&page)
        .output()
        .expect("run chromium");
    assert!(pdf.exists(), "{}", String::from_utf8_lossy(&out.stderr));
    let info = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("Pages:           1"), "{info}");
    assert!(info.contains("(A4)"), "A4: {info}");
}
