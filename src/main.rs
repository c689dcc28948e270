//! Command line: parse arguments, load the content, open the data folder,
//! run the app. Every check that can fail happens before the screen is taken.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser};

use denkcoach::app::{App, run_in_terminal};
use denkcoach::content::{LoadError, Pack, builtin_ui, fill};
use denkcoach::notes::Store;
use denkcoach::ui::Theme;

const DATA_ENV: &str = "DENKCOACH_DATA_DIR";

/// denkcoach – a calm guide beside a conversation, after Movisie's
/// "Spelen met gedachten" (© Movisie).
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// Folder for session notes (default: see below).
    #[arg(long, value_name = "DIR", env = DATA_ENV)]
    data_dir: Option<PathBuf>,
}

fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("nl", "denkcoach", "denkcoach")
        .map(|d| d.data_dir().to_path_buf())
}

fn main() -> ExitCode {
    let default_dir = default_data_dir();
    let where_notes = format!(
        "Notes are saved as one JSON file per session (private to your user) in:\n  {}\nOverride with --data-dir DIR or {DATA_ENV}.",
        default_dir
            .as_ref()
            .map_or("(no home folder found: use --data-dir)".to_string(), |d| d
                .display()
                .to_string())
    );
    let matches = Cli::command().after_help(where_notes).get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };

    let lang = "nl";
    let pack = match Pack::load(lang, &[]) {
        Ok(pack) => pack,
        Err(e) => return report_content_error(lang, e),
    };
    let Some(data_dir) = cli.data_dir.or(default_dir) else {
        eprintln!("denkcoach: no data folder found; choose one with --data-dir DIR.");
        return ExitCode::from(2);
    };
    let store = match Store::open(&data_dir) {
        Ok(store) => store,
        Err(e) => {
            eprintln!(
                "denkcoach: cannot use the data folder {}: {e}\nChoose another with --data-dir DIR or {DATA_ENV}.",
                data_dir.display()
            );
            return ExitCode::from(2);
        }
    };
    let theme = Theme::from_env(std::env::var_os("NO_COLOR").as_deref());
    let mut app = App::new(pack, theme, store);
    match run_in_terminal(&mut app) {
        Ok(()) => {
            if let Some(path) = app.last_saved() {
                let path = path.display().to_string();
                println!("{}", fill(&app.pack().ui.done.saved_to, &[("path", &path)]));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("denkcoach: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn report_content_error(lang: &str, error: LoadError) -> ExitCode {
    match error {
        LoadError::Io(place, e) => eprintln!("denkcoach: {place}: {e}"),
        LoadError::Invalid(problems) => match builtin_ui(lang) {
            Some(ui) => {
                for p in &problems {
                    eprintln!("{}", p.render(&ui.errors));
                }
                eprintln!("{}", ui.errors.pack_invalid);
            }
            None => {
                for p in &problems {
                    eprintln!("{p}");
                }
            }
        },
    }
    ExitCode::FAILURE
}
