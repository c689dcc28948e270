//! Command line: parse arguments, pick what to do, run it. Every check that
//! can fail happens before the screen is taken over.

use std::borrow::Cow;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use denkcoach::app::{Model, Options, StartAt, run_in_terminal};
use denkcoach::config;
use denkcoach::content::{self, LoadError, Pack, UiText, builtin_ui, card, fill};
use denkcoach::notes::Store;
use denkcoach::notes::export::{self, Audience};
use denkcoach::notes::{SessionRecord, history, write_atomic};
use denkcoach::ui::Theme;
use denkcoach::ui::menu::Mode;

const DATA_ENV: &str = "DENKCOACH_DATA_DIR";
const CONFIG_ENV: &str = "DENKCOACH_CONFIG_DIR";
/// The one message that cannot come from a pack: the built-in packs
/// themselves are unreadable (a broken build).
const CONTENT_DAMAGED: &str = "denkcoach: the built-in content is damaged";

/// denkcoach – a calm guide beside a conversation, after Movisie's
/// "Spelen met gedachten" (© Movisie).
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// Folder for session notes (default: see below).
    #[arg(long, value_name = "DIR", env = DATA_ENV, global = true)]
    data_dir: Option<PathBuf>,
    /// Language: nl (default) or en; otherwise taken from LC_ALL / LANG.
    #[arg(long, value_name = "TAAL", global = true)]
    lang: Option<String>,
    /// Folder whose files replace the built-in content file by file.
    #[arg(
        long = "inhoud",
        visible_alias = "content",
        value_name = "MAP",
        global = true
    )]
    content: Option<PathBuf>,
    /// Colours: standaard, hoog-contrast or monochroom (default,
    /// high-contrast, monochrome). NO_COLOR always means monochrome.
    #[arg(
        long = "thema",
        visible_alias = "theme",
        value_name = "THEMA",
        global = true
    )]
    theme: Option<String>,
    /// No full screen: numbered questions and answers line by line, for
    /// screen readers and input from a file (alias: --plain).
    #[arg(long = "eenvoudig", visible_alias = "plain", global = true)]
    plain: bool,
    /// Folder for settings and content overrides (default: see below).
    #[arg(long, value_name = "DIR", env = CONFIG_ENV, global = true)]
    config_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// A conversation beside a client (alias: session).
    #[command(name = "gesprek", visible_alias = "session")]
    Gesprek,
    /// A trainer's demo: the introduction, every technique, example cases;
    /// nothing is saved unless asked.
    Demo,
    /// Practising alone on your own thoughts (alias: practice).
    #[command(name = "oefenen", visible_alias = "practice")]
    Oefenen,
    /// Open the notes: history, export, delete (alias: notes).
    #[command(name = "notities", visible_alias = "notes")]
    Notes {
        #[command(subcommand)]
        action: Option<NotesCommand>,
    },
    /// Work with the content pack (alias: content).
    #[command(name = "inhoud", visible_alias = "content")]
    Content {
        #[command(subcommand)]
        action: ContentCommand,
    },
}

#[derive(Debug, Subcommand)]
enum NotesCommand {
    /// Write sessions as Markdown or JSON (to standard output without --output).
    Export {
        /// Only the sessions of this client code.
        #[arg(long = "client", visible_alias = "cliënt", value_name = "CODE")]
        client: Option<String>,
        /// md (default) or json.
        #[arg(long, value_name = "md|json", default_value = "md")]
        format: String,
        /// Markdown for the client to take home, without the volunteer's labels.
        #[arg(long = "voor-client", visible_alias = "for-client")]
        for_client: bool,
        /// File to write (private to your user).
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
enum ContentCommand {
    /// Check a pack and list every problem as file:line:column (alias: check).
    #[command(name = "controleer", visible_alias = "check")]
    Check {
        /// A pack folder (with pakket.toml), or a folder of replacement files;
        /// without it, the pack in use.
        #[arg(value_name = "MAP")]
        dir: Option<PathBuf>,
    },
    /// Write the printable pocket card as Markdown and HTML (alias: card).
    #[command(name = "kaart", visible_alias = "card")]
    Card {
        /// Folder to write to (default: the current folder).
        #[arg(long = "uit", visible_alias = "out", value_name = "MAP")]
        out: Option<PathBuf>,
    },
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("nl", "denkcoach", "denkcoach")
}

fn main() -> ExitCode {
    let lc_all = std::env::var("LC_ALL").ok();
    let env_lang = std::env::var("LANG").ok();
    let dirs = project_dirs();
    let shown = |p: Option<&Path>| {
        p.map_or("(no home folder found)".to_string(), |d| {
            d.display().to_string()
        })
    };
    let after_help = format!(
        "Notes are saved as one JSON file per session (private to your user) in:\n  {}\n\
         Override with --data-dir DIR or {DATA_ENV}.\n\
         Content overrides are read from {}/content/<lang>/ (or {CONFIG_ENV}).",
        shown(dirs.as_ref().map(|d| d.data_dir())),
        shown(dirs.as_ref().map(|d| d.config_dir())),
    );
    let matches = Cli::command().after_help(after_help).get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let lang =
        content::choose_language(cli.lang.as_deref(), lc_all.as_deref(), env_lang.as_deref());
    // The pack checked at build time, read once: it is the pack itself when
    // nothing overrides it, and its texts report problems in a pack that
    // does (whose own texts may be the broken part).
    let stored = content::stored_pack(&lang);
    let Some(texts) = ui_texts(stored.as_ref(), &lang) else {
        eprintln!("{CONTENT_DAMAGED}");
        return ExitCode::FAILURE;
    };
    let config_dir = cli
        .config_dir
        .clone()
        .or_else(|| dirs.as_ref().map(|d| d.config_dir().to_path_buf()));
    let settings = match config_dir.as_deref().map(config::load) {
        Some(Err(problem)) => {
            eprintln!("{}", problem.render(&texts.errors));
            return ExitCode::FAILURE;
        }
        Some(Ok(settings)) => settings,
        None => config::Config::default(),
    };
    let mut overrides: Vec<PathBuf> = config_dir
        .map(|c| c.join("content").join(&lang))
        .filter(|d| d.is_dir())
        .into_iter()
        .collect();
    overrides.extend(cli.content.clone());

    match cli.command {
        Some(Command::Content {
            action: ContentCommand::Check { dir },
        }) => check(&lang, &overrides, dir.as_deref(), &texts),
        Some(Command::Content {
            action: ContentCommand::Card { out },
        }) => match load(&lang, &overrides, stored) {
            Ok(pack) => write_card(&pack, out.as_deref().unwrap_or(Path::new("."))),
            Err(code) => code,
        },
        Some(Command::Notes {
            action:
                Some(NotesCommand::Export {
                    client,
                    format,
                    for_client,
                    output,
                }),
        }) => match load(&lang, &overrides, stored) {
            Ok(pack) => {
                let data_dir = cli.data_dir.or(dirs.map(|d| d.data_dir().to_path_buf()));
                let request = ExportRequest {
                    client,
                    json: format.eq_ignore_ascii_case("json"),
                    audience: if for_client {
                        Audience::Client
                    } else {
                        Audience::Volunteer
                    },
                    output,
                };
                export_notes(&pack, data_dir, &request)
            }
            Err(code) => code,
        },
        command => match load(&lang, &overrides, stored) {
            Ok(pack) => {
                let options = Options {
                    #[cfg(debug_assertions)]
                    test_panic: std::env::var_os("DENKCOACH_TEST_PANIC").is_some(),
                    retention_months: settings.bewaartermijn,
                    start: match command {
                        Some(Command::Notes { .. }) => StartAt::History,
                        Some(Command::Gesprek) => StartAt::Mode(Mode::Gesprek),
                        Some(Command::Demo) => StartAt::Mode(Mode::Demo),
                        Some(Command::Oefenen) => StartAt::Mode(Mode::Oefenen),
                        _ => StartAt::Menu,
                    },
                };
                let data_dir = cli.data_dir.or(dirs.map(|d| d.data_dir().to_path_buf()));
                let no_color = std::env::var_os("NO_COLOR");
                let Some(theme) = Theme::choose(cli.theme.as_deref(), no_color.as_deref()) else {
                    let asked = cli.theme.as_deref().unwrap_or_default();
                    eprintln!(
                        "denkcoach: {}",
                        fill(&pack.ui.cli.unknown_theme, &[("theme", asked)])
                    );
                    return ExitCode::from(2);
                };
                if cli.plain {
                    run_plain(pack, data_dir)
                } else {
                    run(pack, data_dir, options, theme)
                }
            }
            Err(code) => code,
        },
    }
}

/// The interface texts that report problems: the stored pack's (borrowed,
/// not copied: this is on the way to the first frame), else the built-in
/// files'.
fn ui_texts<'a>(stored: Option<&'a Pack>, lang: &str) -> Option<Cow<'a, UiText>> {
    match stored {
        Some(pack) => Some(Cow::Borrowed(&pack.ui)),
        None => builtin_ui(lang)
            .or_else(|| builtin_ui("nl"))
            .map(Cow::Owned),
    }
}

/// The pack in use: the stored one when nothing overrides it, else read
/// from the files, with problems reported in the stored pack's texts.
fn load(lang: &str, overrides: &[PathBuf], stored: Option<Pack>) -> Result<Pack, ExitCode> {
    if overrides.is_empty()
        && let Some(pack) = stored
    {
        return Ok(pack);
    }
    let dirs: Vec<&Path> = overrides.iter().map(PathBuf::as_path).collect();
    Pack::load(lang, &dirs).map_err(|e| {
        match ui_texts(stored.as_ref(), lang) {
            Some(texts) => report(&e, &texts, &mut std::io::stderr()),
            None => eprintln!("{CONTENT_DAMAGED}"),
        }
        ExitCode::FAILURE
    })
}

/// The data folder, checked before anything is shown.
fn open_store(pack: &Pack, data_dir: Option<PathBuf>) -> Result<Store, ExitCode> {
    let cli_texts = &pack.ui.cli;
    let Some(data_dir) = data_dir else {
        eprintln!("denkcoach: {}", cli_texts.no_data_dir);
        return Err(ExitCode::from(2));
    };
    Store::open(&data_dir).map_err(|e| {
        let path = data_dir.display().to_string();
        let message = fill(
            &cli_texts.data_dir_unusable,
            &[("path", &path), ("reason", &e.kind().to_string())],
        );
        eprintln!("denkcoach: {message}");
        ExitCode::from(2)
    })
}

fn run_plain(pack: Pack, data_dir: Option<PathBuf>) -> ExitCode {
    let store = match open_store(&pack, data_dir) {
        Ok(store) => store,
        Err(code) => return code,
    };
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut output = std::io::stdout();
    match denkcoach::plain::run(
        &pack,
        &store,
        &mut input,
        &mut output,
        chrono::Local::now().fixed_offset(),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("denkcoach: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(pack: Pack, data_dir: Option<PathBuf>, options: Options, theme: Theme) -> ExitCode {
    let store = match open_store(&pack, data_dir) {
        Ok(store) => store,
        Err(code) => return code,
    };
    let model = Model::new(pack, theme, store.root().to_path_buf(), options);
    let result = run_in_terminal(model, store);
    if let Ok(model) = &result
        && let Some(path) = model.last_saved()
    {
        let path = path.display().to_string();
        // The terminal may be gone (a closed window): never panic on it.
        let line = fill(&model.pack.ui.done.saved_to, &[("path", &path)]);
        let _ = writeln!(std::io::stdout(), "{line}");
    }
    match result {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            // Quietly, like the line above: eprintln! would panic.
            let _ = writeln!(std::io::stderr(), "denkcoach: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn check(lang: &str, overrides: &[PathBuf], dir: Option<&Path>, texts: &UiText) -> ExitCode {
    let result = match dir {
        Some(dir) if dir.join("pakket.toml").is_file() => Pack::load_dir(dir),
        Some(dir) => Pack::load(lang, &[dir]),
        None => {
            let dirs: Vec<&Path> = overrides.iter().map(PathBuf::as_path).collect();
            Pack::load(lang, &dirs)
        }
    };
    let mut out = std::io::stdout();
    match result {
        Ok(pack) => {
            let place = dir.map_or_else(|| pack.name.clone(), |d| d.display().to_string());
            let steps = pack.all_steps().count().to_string();
            let routes = pack.routes.len().to_string();
            let files = pack.files.len().to_string();
            println!(
                "{}",
                fill(
                    &texts.cli.check_ok,
                    &[
                        ("path", &place),
                        ("steps", &steps),
                        ("routes", &routes),
                        ("files", &files)
                    ]
                )
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            report(&e, texts, &mut out);
            ExitCode::FAILURE
        }
    }
}

fn report(error: &LoadError, texts: &UiText, out: &mut dyn std::io::Write) {
    let lines: Vec<String> = match error {
        LoadError::Io(path, e) => vec![fill(
            &texts.cli.read_failed,
            &[("path", path), ("reason", &e.kind().to_string())],
        )],
        LoadError::Invalid(problems) => {
            let mut lines: Vec<String> = problems.iter().map(|p| p.render(&texts.errors)).collect();
            lines.push(fill(
                &texts.cli.check_failed,
                &[("count", &problems.len().to_string())],
            ));
            lines.push(texts.errors.pack_invalid.clone());
            lines
        }
    };
    for line in lines {
        let _ = writeln!(out, "{line}");
    }
}

struct ExportRequest {
    client: Option<String>,
    json: bool,
    audience: Audience,
    output: Option<PathBuf>,
}

fn export_notes(pack: &Pack, data_dir: Option<PathBuf>, request: &ExportRequest) -> ExitCode {
    let store = match open_store(pack, data_dir) {
        Ok(store) => store,
        Err(code) => return code,
    };
    let listing = match store.list_verified() {
        Ok(listing) => listing,
        Err(e) => {
            let path = store.sessions_dir().display().to_string();
            let reason = e.kind().to_string();
            eprintln!(
                "denkcoach: {}",
                fill(
                    &pack.ui.cli.read_failed,
                    &[("path", &path), ("reason", &reason)]
                )
            );
            return ExitCode::FAILURE;
        }
    };
    let chosen = history::filter(&listing.sessions, request.client.as_deref());
    // Oldest first reads best on paper.
    let owned = store.load_all(chosen.iter().rev().map(|s| s.id.as_str()));
    let records: Vec<&SessionRecord> = owned.iter().collect();
    let text = if request.json {
        export::json(&records).unwrap_or_default()
    } else {
        export::markdown(&records, pack, request.audience)
    };
    match &request.output {
        None => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Some(path) => match write_atomic(path, text.as_bytes()) {
            Ok(()) => {
                let shown = path.display().to_string();
                println!("{}", fill(&pack.ui.export.written, &[("path", &shown)]));
                ExitCode::SUCCESS
            }
            Err(e) => {
                let shown = path.display().to_string();
                let reason = e.kind().to_string();
                eprintln!(
                    "denkcoach: {}",
                    fill(
                        &pack.ui.cli.write_failed,
                        &[("path", &shown), ("reason", &reason)]
                    )
                );
                ExitCode::FAILURE
            }
        },
    }
}

fn write_card(pack: &Pack, out_dir: &Path) -> ExitCode {
    let md_path = out_dir.join(format!("zakkaart-{}.md", pack.lang));
    let html_path = out_dir.join(format!("zakkaart-{}.html", pack.lang));
    let written = std::fs::create_dir_all(out_dir)
        .and_then(|()| std::fs::write(&md_path, card::markdown(pack)))
        .and_then(|()| std::fs::write(&html_path, card::html(pack)));
    match written {
        Ok(()) => {
            let md = md_path.display().to_string();
            let html = html_path.display().to_string();
            println!(
                "{}",
                fill(&pack.ui.cli.card_written, &[("md", &md), ("html", &html)])
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            let path = out_dir.display().to_string();
            eprintln!(
                "denkcoach: {}",
                fill(
                    &pack.ui.cli.write_failed,
                    &[("path", &path), ("reason", &e.kind().to_string())]
                )
            );
            ExitCode::FAILURE
        }
    }
}
