//! The command line as a trainer uses it: checking a pack, writing the
//! pocket card, overriding content from the config folder.

mod common;

use common::denkcoach_cli as denkcoach;
use std::process::Output;

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn checking_the_built_in_packs_succeeds_in_both_languages() {
    let nl = concat!(env!("CARGO_MANIFEST_DIR"), "/content/nl");
    let out = denkcoach(&["inhoud", "controleer", nl], &[]);
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("het pakket is in orde"),
        "{}",
        stdout(&out)
    );
    let en = concat!(env!("CARGO_MANIFEST_DIR"), "/content/en");
    let out = denkcoach(&["--lang", "en", "content", "check", en], &[]);
    assert!(out.status.success());
    assert!(
        stdout(&out).contains("the pack is in order"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_broken_override_folder_fails_the_check_with_its_messages() {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/invalid/dangling-valkuil"
    );
    let out = denkcoach(&["content", "check", fixture], &[]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("dangling-valkuil/routes/uitdagen.toml:14:"),
        "{text}"
    );
    assert!(text.contains("valkuil ‘te-snel’ bestaat niet"), "{text}");
    let out = denkcoach(&["--lang", "en", "content", "check", fixture], &[]);
    assert!(stdout(&out).contains("‘te-snel’"), "{}", stdout(&out));
    assert!(
        !stdout(&out).contains("bestaat niet"),
        "English messages: {}",
        stdout(&out)
    );
}

#[test]
fn the_pocket_card_is_written_and_follows_the_config_folder() {
    let out_dir = tempfile::tempdir().expect("tempdir");
    let config = tempfile::tempdir().expect("tempdir");
    let route = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/nl/routes/focussen.toml"
    ))
    .expect("read");
    let changed = route.replacen(
        "Waar ben je dankbaar voor, als je terugkijkt op vandaag?",
        "Wat ging er vandaag goed?",
        1,
    );
    assert_ne!(route, changed);
    let dir = config.path().join("content/nl/routes");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("focussen.toml"), changed).expect("write");

    let out_arg = out_dir.path().to_str().expect("utf-8");
    let out = denkcoach(
        &["inhoud", "kaart", "--uit", out_arg],
        &[("DENKCOACH_CONFIG_DIR", config.path())],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = std::fs::read_to_string(out_dir.path().join("zakkaart-nl.md")).expect("markdown card");
    let html = std::fs::read_to_string(out_dir.path().join("zakkaart-nl.html")).expect("html card");
    assert!(md.contains("Wat ging er vandaag goed?"), "{md}");
    assert!(html.contains("Wat ging er vandaag goed?"));
    assert!(html.starts_with("<!DOCTYPE html>"));
}

#[test]
fn help_says_where_notes_are_kept() {
    let out = denkcoach(&["--help"], &[]);
    let text = stdout(&out);
    assert!(
        text.contains("--data-dir") && text.contains("DENKCOACH_DATA_DIR"),
        "{text}"
    );
    assert!(text.contains("Notities worden bewaard"), "{text}");
}

/// `--help` in the user's language from the first line, with every
/// command, option and environment variable (the folders filtered: they
/// differ per machine).
#[test]
fn help_is_dutch_under_a_dutch_locale_and_english_under_an_english_one() {
    let data = tempfile::tempdir().expect("tempdir");
    for (locale, name) in [("nl_NL.UTF-8", "help_nl"), ("en_US.UTF-8", "help_en")] {
        let out = denkcoach(
            &["--help"],
            &[
                ("LANG", std::path::Path::new(locale)),
                ("DENKCOACH_DATA_DIR", data.path()),
                // Help is wrapped to the terminal's width: one width here.
                ("COLUMNS", std::path::Path::new("100")),
            ],
        );
        assert!(out.status.success());
        let text = stdout(&out).replace(&data.path().display().to_string(), "[DATA]");
        let config = std::env::temp_dir().join("denkcoach-no-config");
        let text = text.replace(&config.display().to_string(), "[CONFIG]");
        insta::assert_snapshot!(name, text);
    }
    let sub = stdout(&denkcoach(
        &["notities", "export", "--help"],
        &[("LANG", std::path::Path::new("nl_NL.UTF-8"))],
    ));
    assert!(
        sub.starts_with("Gesprekken schrijven als Markdown"),
        "{sub}"
    );
    assert!(
        sub.contains("Gebruik: denkcoach notities export [OPTIES]"),
        "{sub}"
    );
    assert!(!sub.contains("Usage") && !sub.contains("Options"), "{sub}");
}

/// Completions and the man page come from the same translated command.
#[test]
fn completions_and_the_manual_name_every_command() {
    let bash = stdout(&denkcoach(&["aanvulling", "bash"], &[]));
    assert!(
        bash.contains("complete") && bash.contains("uitpakken"),
        "{bash}"
    );
    let fish = stdout(&denkcoach(&["completions", "FISH"], &[]));
    assert!(fish.contains("complete -c denkcoach"), "{fish}");
    let man = denkcoach(&["handleiding"], &[]);
    assert!(man.status.success());
    let man = stdout(&man);
    assert!(
        man.starts_with(".ie") || man.contains(".TH denkcoach"),
        "{man}"
    );
    assert!(
        man.contains("Alleen oefenen op je eigen gedachten"),
        "{man}"
    );
}

/// `inhoud uitpakken` writes a pack that checks and loads as it is, and
/// never writes into a folder that holds files.
#[test]
fn the_built_in_pack_unpacks_to_a_folder_that_checks_and_is_never_written_over() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pack = dir.path().join("mijn-pakket");
    let out = denkcoach(&["inhoud", "uitpakken", pack.to_str().expect("utf-8")], &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(pack.join("pakket.toml").is_file() && pack.join("fasen").is_dir());
    let check = denkcoach(
        &["inhoud", "controleer", pack.to_str().expect("utf-8")],
        &[],
    );
    assert!(check.status.success(), "{}", stdout(&check));
    let ui = pack.join("ui.toml");
    std::fs::write(&ui, "# mijn versie\n").expect("write");
    let again = denkcoach(&["inhoud", "uitpakken", pack.to_str().expect("utf-8")], &[]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("bevat al bestanden"));
    assert_eq!(
        std::fs::read_to_string(&ui).expect("read"),
        "# mijn versie\n"
    );
}

/// A setting that cannot be used is a warning with its place, and the
/// program goes on; a good setting is used.
#[test]
fn an_unknown_setting_is_a_warning_with_its_place_not_a_refusal() {
    let config = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        config.path().join("config.toml"),
        "taal = \"en\"\nkleur = \"rood\"\n",
    )
    .expect("write");
    let nl = concat!(env!("CARGO_MANIFEST_DIR"), "/content/nl");
    let out = denkcoach(
        &["inhoud", "controleer", nl],
        &[("DENKCOACH_CONFIG_DIR", config.path())],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("config.toml:2:1") && err.contains("kleur"),
        "{err}"
    );
    // `taal = "en"` was used: the warning itself is English.
    assert!(err.contains("unknown"), "{err}");
}

/// The screen is taken with the alternate-screen sequence; a refused
/// argument must never get that far.
fn took_the_screen(o: &Output) -> bool {
    stdout(o).contains("\u{1b}[?1049h")
}

#[test]
fn an_unknown_theme_is_refused_by_clap_naming_the_themes_before_the_screen_is_taken() {
    let dir = tempfile::tempdir().expect("tempdir");
    for lang in ["nl", "en"] {
        let out = denkcoach(
            &["--lang", lang, "--thema", "paars"],
            &[("DENKCOACH_DATA_DIR", dir.path())],
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains("‘paars’"), "{err}");
        assert!(
            err.contains("standaard, hoog-contrast, monochroom"),
            "{err}"
        );
        assert!(!took_the_screen(&out), "the screen was taken");
    }
}

#[test]
fn an_unknown_language_is_refused_by_clap_naming_the_languages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = denkcoach(&["--lang", "de"], &[("DENKCOACH_DATA_DIR", dir.path())]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("‘de’") && err.contains("--lang"), "{err}");
    assert!(err.contains("nl, en"), "{err}");
    assert!(!took_the_screen(&out), "the screen was taken");
}

#[test]
fn an_unknown_export_format_is_refused_instead_of_becoming_markdown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = denkcoach(
        &["notities", "export", "--format", "xml"],
        &[("DENKCOACH_DATA_DIR", dir.path())],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("‘xml’") && err.contains("md, html, json"),
        "{err}"
    );
    assert!(
        stdout(&out).is_empty(),
        "nothing exported: {}",
        stdout(&out)
    );
    assert!(!took_the_screen(&out), "the screen was taken");
}

#[test]
fn themes_are_accepted_by_their_dutch_and_english_names() {
    let nl = concat!(env!("CARGO_MANIFEST_DIR"), "/content/nl");
    for flag in ["--thema", "--theme"] {
        for name in ["hoog-contrast", "high-contrast", "monochroom", "default"] {
            let out = denkcoach(&[flag, name, "inhoud", "controleer", nl], &[]);
            assert!(
                out.status.success(),
                "{flag} {name}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    let help = stdout(&denkcoach(&["--help"], &[]));
    assert!(
        help.contains("standaard, hoog-contrast of monochroom"),
        "{help}"
    );
}

#[test]
fn export_formats_are_chosen_by_name_in_any_case() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = denkcoach(
        &["notes", "export", "--format", "JSON"],
        &[("DENKCOACH_DATA_DIR", dir.path())],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(json, serde_json::json!([]), "an empty data folder");
}

/// A data folder of another user is refused, named, with how to fix it –
/// and left exactly as it was (not chmod'ed). Needs root to give a folder
/// away; skipped otherwise.
#[cfg(unix)]
#[test]
fn a_data_folder_of_another_user_is_refused_and_left_alone() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: only root can give a folder to another user");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let theirs = dir.path().join("van-een-ander");
    std::fs::create_dir(&theirs).expect("mkdir");
    std::fs::set_permissions(&theirs, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    std::os::unix::fs::chown(&theirs, Some(65534), None).expect("chown");
    for args in [vec!["notities", "export"], vec!["--eenvoudig"]] {
        let out = denkcoach(&args, &[("DENKCOACH_DATA_DIR", &theirs)]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains("andere gebruiker") && err.contains("--data-dir"),
            "{err}"
        );
    }
    let meta = std::fs::metadata(&theirs).expect("still there");
    assert_eq!(meta.mode() & 0o777, 0o755, "not chmod'ed");
    assert_eq!(
        std::fs::read_dir(&theirs).expect("read").count(),
        0,
        "nothing written"
    );
}

/// Runs the content check on `dir`, killed after 20 s (a FIFO that is
/// opened would block for ever): its output, or `None` when it hung.
#[cfg(unix)]
fn check_within_time(dir: &std::path::Path) -> Option<Output> {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_denkcoach"))
        .args(["inhoud", "controleer"])
        .arg(dir)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    if !common::finishes_within(&mut child, 20) {
        return None;
    }
    Some(child.wait_with_output().expect("output"))
}

/// A FIFO or a huge file with a `.toml` name is refused, named, and never
/// read.
#[cfg(unix)]
#[test]
fn a_pack_file_that_is_no_plain_file_or_too_large_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("pakket.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    // And a file too large, beside it: both are named in one run.
    std::fs::write(dir.path().join("groot.toml"), vec![b'#'; 1024 * 1024 + 1]).expect("big file");
    let out = check_within_time(dir.path()).expect("the check did not wait on the FIFO");
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr).into_owned() + &stdout(&out);
    assert!(
        said.contains("pakket.toml is geen gewoon bestand"),
        "{said}"
    );
    assert!(said.contains("groot.toml is groter dan 1 MiB"), "{said}");
    std::fs::remove_file(dir.path().join("groot.toml")).expect("remove");

    // A linked folder (here to /dev, where /dev/fd leads back) is not
    // followed: the check ends.
    std::fs::remove_file(&fifo).expect("remove");
    std::fs::create_dir_all(dir.path().join("routes")).expect("routes");
    std::os::unix::fs::symlink("/dev", dir.path().join("routes/dev")).expect("link");
    assert!(
        check_within_time(dir.path()).is_some(),
        "the check followed the link"
    );
}

/// A system error is explained in the user's language, with the system's
/// own text beside it for whoever looks it up.
#[test]
fn a_system_error_is_explained_in_dutch() {
    let data = tempfile::tempdir().expect("tempdir");
    let store = denkcoach::notes::Store::open(data.path()).expect("store");
    store
        .save(&common::record_for("K7", common::fixed_now(), "s1"))
        .expect("save");
    let target = data.path().join("bestaat-niet").join("x.md");
    let out = denkcoach(
        &[
            "notities",
            "export",
            "--output",
            target.to_str().expect("utf-8"),
        ],
        &[("DENKCOACH_DATA_DIR", data.path())],
    );
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("map of bestand bestaat niet: entity not found"),
        "{said}"
    );
}

/// Help names the data folder actually in use, also when the environment
/// chose it.
#[test]
fn help_names_the_data_folder_in_use() {
    let data = tempfile::tempdir().expect("tempdir");
    let out = denkcoach(&["--help"], &[("DENKCOACH_DATA_DIR", data.path())]);
    assert!(out.status.success());
    let shown = format!("in:\n  {}\n", data.path().display());
    assert!(stdout(&out).contains(&shown), "{}", stdout(&out));
}

/// `notities export --output` never writes over a file that is there.
#[test]
fn an_export_to_a_file_that_is_there_is_refused_and_the_file_kept() {
    let data = tempfile::tempdir().expect("tempdir");
    let store = denkcoach::notes::Store::open(data.path()).expect("store");
    store
        .save(&common::record_for("K7", common::fixed_now(), "s1"))
        .expect("save");
    let mine = data.path().join("brief.md");
    std::fs::write(&mine, "mijn eigen brief").expect("write");
    let out = denkcoach(
        &[
            "notities",
            "export",
            "--output",
            mine.to_str().expect("utf-8"),
        ],
        &[("DENKCOACH_DATA_DIR", data.path())],
    );
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("bestaat al"), "{said}");
    assert_eq!(
        std::fs::read_to_string(&mine).expect("read"),
        "mijn eigen brief"
    );
}
