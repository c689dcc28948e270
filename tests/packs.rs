//! Both languages, the brochure's coverage, overrides and the pocket card.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{app_in, press, screen_text};
use crossterm::event::KeyCode;
use denkcoach::app::App;
use denkcoach::content::{Origin, Pack, card};
use denkcoach::notes::Store;
use denkcoach::ui::Theme;
use toml::de::{DeTable, DeValue};

fn content_dir(lang: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content")
        .join(lang)
}

fn pack(lang: &str) -> Pack {
    Pack::load(lang, &[]).unwrap_or_else(|e| panic!("the {lang} pack loads: {e:?}"))
}

/// Every key path of a TOML document, arrays of tables merged.
fn key_paths(text: &str) -> BTreeSet<String> {
    fn walk(prefix: &str, table: &DeTable, out: &mut BTreeSet<String>) {
        for (k, v) in table.iter() {
            let path = format!("{prefix}{}", k.get_ref());
            out.insert(path.clone());
            match v.get_ref() {
                DeValue::Table(t) => walk(&format!("{path}."), t, out),
                DeValue::Array(items) => {
                    for item in items.iter() {
                        if let DeValue::Table(t) = item.get_ref() {
                            walk(&format!("{path}[]."), t, out);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let table = DeTable::parse(text).expect("valid TOML");
    let mut out = BTreeSet::new();
    walk("", table.get_ref(), &mut out);
    out
}

#[test]
fn both_packs_have_the_same_steps_options_and_ui_keys() {
    let (nl, en) = (pack("nl"), pack("en"));
    assert_eq!(en.lang, "en");
    let ids = |p: &Pack| -> Vec<(String, Vec<String>)> {
        p.all_steps()
            .map(|s| {
                (
                    s.id.clone(),
                    s.options.iter().map(|o| o.id.clone()).collect(),
                )
            })
            .collect()
    };
    assert_eq!(
        ids(&nl),
        ids(&en),
        "same steps and options in the same order"
    );
    let routes = |p: &Pack| -> Vec<(String, String)> {
        p.routes
            .iter()
            .map(|r| (r.id.clone(), r.letter.clone()))
            .collect()
    };
    assert_eq!(routes(&nl), routes(&en));
    let valkuilen =
        |p: &Pack| -> Vec<String> { p.valkuilen.iter().map(|v| v.id.clone()).collect() };
    assert_eq!(valkuilen(&nl), valkuilen(&en));
    let read =
        |lang: &str| std::fs::read_to_string(content_dir(lang).join("ui.toml")).expect("ui.toml");
    assert_eq!(
        key_paths(&read("nl")),
        key_paths(&read("en")),
        "same ui keys"
    );
    let files = |p: &Pack| -> Vec<String> { p.files.iter().map(|(n, _)| n.clone()).collect() };
    assert_eq!(files(&nl), files(&en), "same files");
}

/// Numbers come with the right word ("1 sessie", "2 sessies"): no text
/// writes "sessie(s)" or "file(s)" and leaves the reader to choose.
#[test]
fn plurals_are_written_out() {
    for lang in ["nl", "en"] {
        let text = std::fs::read_to_string(content_dir(lang).join("ui.toml")).expect("ui.toml");
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with('#') {
                continue;
            }
            for bad in ["(s)", "(en)", "/journalen"] {
                assert!(!line.contains(bad), "{lang} ui.toml:{}: {line}", n + 1);
            }
        }
    }
    let pack = pack("nl");
    let one = denkcoach::content::fill(&pack.ui.history.deleted, &[("count", "1")]);
    let two = denkcoach::content::fill(&pack.ui.history.deleted, &[("count", "2")]);
    assert!(one.starts_with("1 sessie "), "{one}");
    assert!(two.starts_with("2 sessies "), "{two}");
}

#[test]
fn the_english_pack_is_english_and_credits_movisie() {
    let en = pack("en");
    assert!(en.source.credit.contains("© Movisie"));
    assert!(en.ui.keys.next.contains("next"), "{}", en.ui.keys.next);
    let nl = pack("nl");
    let mut same = Vec::new();
    for (a, b) in nl.all_steps().zip(en.all_steps()) {
        if a.prompt == b.prompt {
            same.push(a.id.clone());
        }
    }
    assert!(same.is_empty(), "untranslated prompts: {same:?}");
}

/// Each section and technique of the brochure is cited by at least one
/// step, option or valkuil of the Dutch pack.
#[test]
fn every_section_and_technique_of_the_brochure_is_cited() {
    let brochure: &[&str] = &[
        "1. Inleiding – Grote verschillen in hoe we dingen ervaren",
        "1. Inleiding – Neerwaartse spiraal",
        "1. Inleiding – Wat zijn sociaal cognitieve technieken?",
        "2. Effectieve basishouding – Van mens tot mens",
        "2. Effectieve basishouding – De kunst om te vertragen",
        "2. Effectieve basishouding – De werking van reflectief luisteren",
        "3. Signaleren van negatieve gedachten",
        "3. Signaleren – ‘Alles of niets’ of ‘zwart-wit’ denken",
        "3. Signaleren – Generaliseren van één ervaring",
        "3. Signaleren – Denken in termen van ‘moeten’ of ‘niet mogen’",
        "4. Gedachten beïnvloeden – Manieren om negatieve gedachten te beïnvloeden",
        "4a. Gedachten uitdagen – Is het waar? (vraag 1)",
        "4a. Gedachten uitdagen – Is het waar? (vraag 2)",
        "4a. Gedachten uitdagen – Is het waar? (vraag 3)",
        "4a. Gedachten uitdagen – Perspectiefwisseling",
        "4a. Gedachten uitdagen – In een groep",
        "4b. Gedachten focussen – Negatieve gedachten stoppen",
        "4b. Gedachten focussen – De aandacht focussen",
        "4c. Anders denken door anders doen – Kleine stappen zetten",
        "4c. Anders denken door anders doen – Kleine stappen zetten (gezonde leefstijl)",
        "4c. Anders denken door anders doen – Zien en waarderen",
        "4d. Zelfcompassie stimuleren – Positieve herinneringen ophalen",
        "4d. Zelfcompassie stimuleren – Mildheid aanwakkeren",
        "5. Valkuilen – Te snel willen gaan",
        "5. Valkuilen – Veilige sfeer in de groep",
        "5. Valkuilen – Een stempel drukken",
        "Infographic – De cijfers",
        "Infographic – Werkzame factoren",
        "Infographic – Onderdelen van een structurele aanpak",
        "Infographic – Stap voor stap naar een passende interventie",
        "Infographic – De neerwaartse spiraal van eenzaamheid",
    ];
    let nl = pack("nl");
    let mut cited: Vec<String> = Vec::new();
    for step in nl.all_steps() {
        cited.extend(step.source.clone());
        cited.extend(step.options.iter().filter_map(|o| o.source.clone()));
    }
    cited.extend(nl.valkuilen.iter().map(|v| v.source.clone()));
    let missing: Vec<&&str> = brochure
        .iter()
        .filter(|section| !cited.iter().any(|c| c.contains(**section)))
        .collect();
    assert!(missing.is_empty(), "not cited by any step: {missing:#?}");
    // Every valkuil is woven in somewhere, not only listed.
    for v in &nl.valkuilen {
        assert!(
            nl.all_steps().any(|s| s.valkuilen.contains(&v.id)),
            "valkuil {} is on no step",
            v.id
        );
    }
    // The spiral has its five stages in order.
    let spiral = nl.step("neerwaartse-spiraal").expect("spiral step");
    assert_eq!(spiral.options.len(), 5);
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn changed_question(from: &str, to: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let original =
        std::fs::read_to_string(content_dir("nl").join("fasen/signaleren.toml")).expect("read");
    assert!(original.contains(from));
    write(
        dir.path(),
        "fasen/signaleren.toml",
        &original.replacen(from, to, 1),
    );
    dir
}

/// A trainer changes one question in an override folder: the screen shows
/// it without rebuilding, and About names the replaced file.
#[test]
fn an_override_folder_replaces_one_question() {
    let over = changed_question(
        "Wat denk je op zo'n moment over jezelf, of over de ander?",
        "Wat zeg je dan tegen jezelf?",
    );
    let pack = Pack::load("nl", &[over.path()]).expect("pack with override loads");
    let replaced: Vec<&String> = pack
        .files
        .iter()
        .filter(|(_, o)| matches!(o, Origin::Override(_)))
        .map(|(n, _)| n)
        .collect();
    assert_eq!(replaced, ["fasen/signaleren.toml"]);
    let data = tempfile::tempdir().expect("tempdir");
    let mut app = App::new(
        pack,
        Theme::monochrome(),
        Store::open(data.path()).expect("store"),
    );
    common::begin(&mut app, "");
    common::enter_until(&mut app, denkcoach::content::Role::Thought);
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("Wat zeg je dan tegen jezelf?"), "{screen}");
    press(&mut app, KeyCode::F(2));
    let about = screen_text(&app, 100, 30);
    assert!(about.contains("fasen/signaleren.toml"), "{about}");
    assert!(about.contains("vervangen door"), "{about}");
    assert!(about.contains("© Movisie"), "{about}");
}

#[test]
fn the_pocket_card_follows_the_pack() {
    let nl = pack("nl");
    let md = card::markdown(&nl);
    let html = card::html(&nl);
    for needle in [
        "Van mens tot mens",
        "Als ik die baan niet krijg, ben ik een totale loser.",
        "a. Gedachten uitdagen",
        "Is het waar? Kun je helemaal zeker weten dat het klopt?",
        "d. Zelfcompassie stimuleren",
        "Te snel willen gaan",
        "Een stempel drukken",
        "© Movisie",
    ] {
        assert!(md.contains(needle), "markdown lacks {needle:?}");
        assert!(
            html.contains(&needle.replace('\'', "&#39;")),
            "html lacks {needle:?}"
        );
    }
    assert!(html.contains("size: A4"));
    assert!(
        !html.contains("<script") && !html.contains("http"),
        "self-contained"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let route =
        std::fs::read_to_string(content_dir("nl").join("routes/uitdagen.toml")).expect("read");
    write(
        dir.path(),
        "routes/uitdagen.toml",
        &route.replacen(
            "vraag = \"Wie zou je zijn zonder die gedachte?\"",
            "vraag = \"Hoe zou je dag eruitzien zonder die gedachte?\"",
            1,
        ),
    );
    let edited = Pack::load("nl", &[dir.path()]).expect("edited pack");
    assert!(card::markdown(&edited).contains("Hoe zou je dag eruitzien zonder die gedachte?"));
    assert!(!card::markdown(&edited).contains("Wie zou je zijn zonder die gedachte?"));

    // A pack's words are text on the card, never markup.
    write(
        dir.path(),
        "routes/uitdagen.toml",
        &route.replacen(
            "vraag = \"Wie zou je zijn zonder die gedachte?\"",
            "vraag = \"Wie <script>alert(1)</script> & jij?\"",
            1,
        ),
    );
    let hostile = Pack::load("nl", &[dir.path()]).expect("edited pack");
    for text in [card::markdown(&hostile), card::html(&hostile)] {
        assert!(!text.contains("<script"), "{text}");
        assert!(text.contains("Wie &lt;script&gt;alert(1)&lt;/script&gt; &amp; jij?"));
    }
}

#[test]
fn about_is_reachable_from_help() {
    let data = tempfile::tempdir().expect("tempdir");
    let mut app = app_in(data.path());
    common::begin(&mut app, "");
    press(&mut app, KeyCode::F(1));
    assert!(screen_text(&app, 80, 24).contains("over denkcoach"));
    press(&mut app, KeyCode::F(2));
    let screen = screen_text(&app, 80, 24);
    assert!(
        screen.contains("Over denkcoach") && screen.contains("denkcoach-nl"),
        "{screen}"
    );
    // The program's version, and that it is not Movisie's.
    assert!(
        screen.contains(&format!("denkcoach {}", env!("CARGO_PKG_VERSION")))
            && screen.contains("onafhankelijk hulpmiddel")
            && screen.contains("goedgekeurd door Movisie"),
        "{screen}"
    );
    press(&mut app, KeyCode::Esc);
    assert!(!screen_text(&app, 80, 24).contains("Over denkcoach"));
}
