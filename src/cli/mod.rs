//! Command line: parse arguments, pick what to do, run it. Every check that
//! can fail happens before the screen is taken over.

mod args;
mod card;
mod check;
mod export;
mod help;
mod interactive;
mod privacy;
mod secure;
mod unpack;

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use crate::app::{Options, StartAt};
use crate::config;
use crate::content::{self, Pack, UiText, builtin_ui, fill};
use crate::notes::export::Audience;
use crate::notes::{Seal, Store};
use crate::ui::Theme;
use crate::ui::menu::Mode;

use args::{Cli, Command, ContentCommand, NotesCommand};

const DATA_ENV: &str = "DENKCOACH_DATA_DIR";
const CONFIG_ENV: &str = "DENKCOACH_CONFIG_DIR";
/// The one message that cannot come from a pack: the built-in packs
/// themselves are unreadable (a broken build).
const CONTENT_DAMAGED: &str = "denkcoach: the built-in content is damaged";

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("nl", "denkcoach", "denkcoach")
}

/// The program: `src/main.rs` only calls this.
pub fn main() -> ExitCode {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lc_all = std::env::var("LC_ALL").ok();
    let env_lang = std::env::var("LANG").ok();
    let dirs = project_dirs();
    // The folders actually in use: the flag's, else the environment's.
    let from_env = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    // Settings and language are needed before the command line is parsed:
    // its help and errors are in the user's language.
    let config_dir = flag_value(&argv, "--config-dir")
        .map(PathBuf::from)
        .or_else(|| from_env(CONFIG_ENV))
        .or_else(|| dirs.as_ref().map(|d| d.config_dir().to_path_buf()));
    let settings = config_dir.as_deref().map(config::load).unwrap_or_default();
    let known = content::builtin_languages();
    let flag_lang = flag_value(&argv, "--lang")
        .map(|l| l.to_string_lossy().trim().to_lowercase())
        .filter(|l| known.contains(l));
    let lang = content::choose_language(
        flag_lang.as_deref().or(settings.config.language.as_deref()),
        lc_all.as_deref(),
        env_lang.as_deref(),
    );
    // The pack checked at build time, read once: it is the pack itself when
    // nothing overrides it, and its texts report problems in a pack that
    // does (whose own texts may be the broken part).
    let stored = content::stored_pack(&lang);
    let Some(texts) = ui_texts(stored.as_ref(), &lang) else {
        crate::errln!("{CONTENT_DAMAGED}");
        return ExitCode::FAILURE;
    };
    let help = &texts.cli_help;
    let shown = |p: Option<&Path>| p.map_or(help.no_home.clone(), |d| d.display().to_string());
    let data_in_use = flag_value(&argv, "--data-dir")
        .map(PathBuf::from)
        .or_else(|| from_env(DATA_ENV))
        .or_else(|| dirs.as_ref().map(|d| d.data_dir().to_path_buf()));
    let after_help = fill(
        &help.folders,
        &[
            ("data", &shown(data_in_use.as_deref())),
            ("config", &shown(config_dir.as_deref())),
        ],
    );
    let mut command = help::localise(Cli::command(), help, crate::text::printable(&after_help));
    let matches = match command.try_get_matches_from_mut(&argv) {
        Ok(matches) => matches,
        Err(e) => match help::describe(&e, help, "denkcoach") {
            Some(said) => {
                crate::errln!("denkcoach: {said}");
                return ExitCode::from(2);
            }
            None => e.exit(),
        },
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    // Settings that cannot be used are said before anything else, and
    // again on the first screen (this line is gone once the screen is
    // taken).
    let mut notice: Vec<String> = settings
        .warnings
        .iter()
        .map(|p| p.render(&texts.errors))
        .collect();
    if settings.unreadable {
        notice.push(texts.errors.config_unreadable.clone());
    }
    for line in &notice {
        crate::errln!("denkcoach: {line}");
    }
    let config_dir = cli.config_dir.clone().or(config_dir);
    let mut overrides: Vec<PathBuf> = config_dir
        .as_ref()
        .map(|c| c.join("content").join(&lang))
        .filter(|d| d.is_dir())
        .into_iter()
        .collect();
    overrides.extend(cli.content.clone());
    let load = |stored| {
        load(&lang, &overrides, stored).map(|mut pack: Pack| {
            if let Some(minutes) = settings.config.too_fast_minutes {
                pack.signals.too_fast_minutes = Some(minutes);
            }
            pack
        })
    };

    match cli.command {
        // Written whole into memory first: clap_complete panics on a
        // closed pipe (`| head`), and a quiet end is what a shell expects.
        Some(Command::Completions { shell }) => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "denkcoach", &mut script);
            print_bytes(&script)
        }
        Some(Command::Manual) => {
            // The manual's NAME line names the program itself.
            let about = command
                .get_about()
                .map(|a| a.to_string())
                .unwrap_or_default();
            let about = about.trim_start_matches("denkcoach – ");
            let mut chars = about.chars();
            let about: String = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            // Without this machine's folders: a manual is the same for all.
            let command = command.about(about).after_help(None::<&str>);
            let mut page = Vec::new();
            match clap_mangen::Man::new(command).render(&mut page) {
                Ok(()) => print_bytes(&page),
                Err(_) => ExitCode::FAILURE,
            }
        }
        Some(Command::Content {
            action: ContentCommand::Unpack { dir },
        }) => match load(stored) {
            Ok(pack) => unpack::unpack(&pack, &dir),
            Err(code) => code,
        },
        Some(Command::Content {
            action: ContentCommand::Check { dir },
        }) => check::check(&lang, &overrides, dir.as_deref(), &texts),
        Some(Command::Content {
            action: ContentCommand::Card { out },
        }) => match load(stored) {
            Ok(pack) => card::write_card(&pack, out.as_deref().unwrap_or(Path::new("."))),
            Err(code) => code,
        },
        Some(Command::Privacy) => match load(stored) {
            Ok(pack) => {
                let data_dir = cli.data_dir.or(dirs.map(|d| d.data_dir().to_path_buf()));
                let retention = settings
                    .config
                    .retention_months
                    .map(std::num::NonZeroU32::get);
                privacy::overview(&pack, data_dir, retention)
            }
            Err(code) => code,
        },
        Some(Command::Secure { action }) => match load(stored) {
            Ok(pack) => {
                let data_dir = cli.data_dir.or(dirs.map(|d| d.data_dir().to_path_buf()));
                secure::secure(&pack, data_dir, action)
            }
            Err(code) => code,
        },
        Some(Command::Notes {
            action:
                Some(NotesCommand::Access {
                    client,
                    out,
                    unencrypted,
                }),
        }) => match load(stored) {
            Ok(pack) => {
                let data_dir = cli.data_dir.or(dirs.map(|d| d.data_dir().to_path_buf()));
                privacy::access(&pack, data_dir, &client, out, unencrypted)
            }
            Err(code) => code,
        },
        Some(Command::Notes {
            action:
                Some(NotesCommand::Export {
                    client,
                    session,
                    format,
                    for_client,
                    output,
                    unencrypted,
                }),
        }) => match load(stored) {
            Ok(pack) => {
                let data_dir = cli.data_dir.or(dirs.map(|d| d.data_dir().to_path_buf()));
                let request = export::ExportRequest {
                    client,
                    session,
                    format,
                    audience: if for_client {
                        Audience::Client
                    } else {
                        Audience::Volunteer
                    },
                    output,
                    unencrypted,
                };
                export::export_notes(&pack, data_dir, &request)
            }
            Err(code) => code,
        },
        command => match load(stored) {
            Ok(pack) => {
                let options = Options {
                    // A test hook (F12 panics), never in a release build.
                    #[cfg(debug_assertions)]
                    test_panic: std::env::var_os("DENKCOACH_TEST_PANIC").is_some(),
                    retention_months: settings
                        .config
                        .retention_months
                        .map(std::num::NonZeroU32::get),
                    settings: crate::app::screens::settings::SettingsFile {
                        dir: config_dir.clone(),
                        config: settings.config.clone(),
                        writable: !settings.unreadable,
                    },
                    no_color: Theme::colour_off(std::env::var_os("NO_COLOR").as_deref()),
                    notice: (!notice.is_empty()).then(|| notice.join("\n")),
                    start: match command {
                        Some(Command::Notes { .. }) => StartAt::History,
                        Some(Command::Gesprek) => StartAt::Mode(Mode::Gesprek),
                        Some(Command::Demo) => StartAt::Mode(Mode::Demo),
                        Some(Command::Oefenen) => StartAt::Mode(Mode::Oefenen),
                        _ => StartAt::Menu,
                    },
                    // Known once the folder is opened.
                    read_only: false,
                };
                let data_dir = cli.data_dir.or(dirs.map(|d| d.data_dir().to_path_buf()));
                let no_color = std::env::var_os("NO_COLOR");
                let chosen = cli
                    .theme
                    .map(args::ThemeChoice::theme)
                    .or(settings.config.theme.map(config::ThemeName::theme));
                let theme = Theme::for_choice(chosen, no_color.as_deref());
                let start = match options.start {
                    StartAt::Menu => crate::plain::Start::Menu,
                    StartAt::History => crate::plain::Start::Notes,
                    StartAt::Mode(Mode::Gesprek) => crate::plain::Start::Conversation,
                    StartAt::Mode(Mode::Oefenen) => crate::plain::Start::Practice,
                    StartAt::Mode(Mode::Demo) => crate::plain::Start::Reading,
                };
                let from_settings = (!cli.plain && settings.config.plain == Some(true))
                    .then(|| config_dir.as_ref().map(|d| d.join(config::FILE)))
                    .flatten();
                match full_screen() {
                    _ if cli.plain => interactive::run_plain(pack, data_dir, start, None),
                    _ if from_settings.is_some() => {
                        interactive::run_plain(pack, data_dir, start, from_settings)
                    }
                    // Nothing to draw in (output to a file or pipe,
                    // TERM=dumb): questions line by line, said so.
                    FullScreen::NoScreen => {
                        crate::outln!("{}", pack.ui.plain.automatic);
                        interactive::run_plain(pack, data_dir, start, None)
                    }
                    FullScreen::NoKeys => {
                        crate::errln!("denkcoach: {}", pack.ui.plain.no_terminal);
                        ExitCode::from(2)
                    }
                    FullScreen::Possible => {
                        interactive::run_interactive(pack, data_dir, options, theme)
                    }
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
            Some(texts) => check::report(&e, &texts, &mut crate::text::stderr()),
            None => crate::errln!("{CONTENT_DAMAGED}"),
        }
        ExitCode::FAILURE
    })
}

/// The data folder, checked before anything is shown.
fn open_store(pack: &Pack, data_dir: Option<PathBuf>) -> Result<Store, ExitCode> {
    open_store_with(pack, data_dir, Store::open_with)
}

/// The data folder to work in, or – when it cannot be written (a
/// read-only disk or folder) – to look at: true when read only.
fn open_store_or_read(pack: &Pack, data_dir: Option<PathBuf>) -> Result<(Store, bool), ExitCode> {
    let can_only_read = |e: &std::io::Error| {
        matches!(
            e.kind(),
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
        )
    };
    open_store_with(pack, data_dir, |dir, seal| {
        match Store::open_with(dir, seal.clone()) {
            Ok(store) => Ok((store, false)),
            Err(e) if can_only_read(&e) => match Store::open_read_only_with(dir, seal) {
                Ok(store) => Ok((store, true)),
                // Named and refused, with the first reason.
                Err(_) => Err(e),
            },
            Err(e) => Err(e),
        }
    })
}

/// The same, only to read (exports: a read-only disk will do).
fn open_store_to_read(pack: &Pack, data_dir: Option<PathBuf>) -> Result<Store, ExitCode> {
    open_store_with(pack, data_dir, |dir, seal| {
        Store::open_read_only_with(dir, seal)
    })
}

/// Checks the folder is ours, asks the passphrase when it is encrypted
/// (before anything is created or probed there), and opens it with `open`.
fn open_store_with<T>(
    pack: &Pack,
    data_dir: Option<PathBuf>,
    open: impl FnOnce(&Path, Seal) -> std::io::Result<T>,
) -> Result<T, ExitCode> {
    let cli_texts = &pack.ui.cli;
    let Some(data_dir) = data_dir else {
        crate::errln!("denkcoach: {}", cli_texts.no_data_dir);
        return Err(ExitCode::from(2));
    };
    if crate::notes::owned_by_someone_else(&data_dir) {
        let path = data_dir.display().to_string();
        crate::errln!(
            "denkcoach: {}",
            fill(&cli_texts.data_dir_foreign, &[("path", &path)])
        );
        return Err(ExitCode::from(2));
    }
    let seal = secure::unlock(pack, &data_dir)?;
    open(&data_dir, seal).map_err(|e| {
        let path = data_dir.display().to_string();
        let message = fill(
            &cli_texts.data_dir_unusable,
            &[("path", &path), ("reason", &pack.ui.reasons.of(e.kind()))],
        );
        crate::errln!("denkcoach: {message}");
        ExitCode::from(2)
    })
}

/// Whether the full screen can be drawn and typed in.
enum FullScreen {
    Possible,
    /// Standard output is no terminal, or `TERM=dumb`.
    NoScreen,
    /// A screen, but no terminal to read keys from (standard input is
    /// redirected and there is no controlling terminal).
    NoKeys,
}

fn full_screen() -> FullScreen {
    use std::io::IsTerminal;
    if std::env::var_os("TERM").is_some_and(|t| t == "dumb") || !std::io::stdout().is_terminal() {
        return FullScreen::NoScreen;
    }
    if std::io::stdin().is_terminal() || cfg!(windows) || std::fs::File::open("/dev/tty").is_ok() {
        FullScreen::Possible
    } else {
        FullScreen::NoKeys
    }
}

/// The value of `--name VALUE` or `--name=VALUE` before `--`, for what must
/// be known before the command line is parsed (its language).
fn flag_value(argv: &[std::ffi::OsString], name: &str) -> Option<std::ffi::OsString> {
    let mut args = argv.iter().skip(1).take_while(|a| *a != "--");
    while let Some(arg) = args.next() {
        if arg == name {
            return args.next().cloned();
        }
        if let Some(value) = arg
            .to_str()
            .and_then(|a| a.strip_prefix(name))
            .and_then(|rest| rest.strip_prefix('='))
        {
            return Some(value.into());
        }
    }
    None
}

/// Generated text to standard output; a reader that stops early (`| head`)
/// is no error.
fn print_bytes(bytes: &[u8]) -> ExitCode {
    use std::io::Write;
    let mut out = crate::text::stdout();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}
