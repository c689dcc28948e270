//! Starting the coach itself: full screen, or plain lines for screen readers
//! and piped input. `run_interactive` is the one place the full-screen app
//! is started from, so a change to the app's API touches one function.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::app::{Model, Options, run_in_terminal};
use crate::content::{Pack, fill};
use crate::ui::Theme;

use super::{open_store, open_store_or_read};

/// `settings`: the config file, when it is what asked for plain mode.
pub(super) fn run_plain(
    pack: Pack,
    data_dir: Option<PathBuf>,
    start: crate::plain::Start,
    settings: Option<PathBuf>,
) -> ExitCode {
    let store = match open_store(&pack, data_dir) {
        Ok(store) => store,
        Err(code) => return code,
    };
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    // Pack text and what was typed are printed: never an escape sequence.
    let mut output = crate::text::stdout();
    let settings = settings.as_deref();
    match crate::plain::run(
        &pack,
        &store,
        start,
        settings,
        &mut input,
        &mut output,
        &|| chrono::Local::now().fixed_offset(),
    ) {
        Ok(true) => ExitCode::SUCCESS,
        // Said on the last lines: where the answers are instead.
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            crate::errln!("denkcoach: {e}");
            ExitCode::FAILURE
        }
    }
}

pub(super) fn run_interactive(
    pack: Pack,
    data_dir: Option<PathBuf>,
    options: Options,
    theme: Theme,
) -> ExitCode {
    let (store, read_only) = match open_store_or_read(&pack, data_dir) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    let options = Options {
        read_only,
        ..options
    };
    let model = Model::new(pack, theme, store.root().to_path_buf(), options);
    let result = run_in_terminal(model, store);
    if let Ok(model) = &result
        && let Some(path) = model.last_saved()
    {
        let path = path.display().to_string();
        // The terminal may be gone (a closed window): never panic on it.
        let line = fill(&model.pack.ui.done.saved_to, &[("path", &path)]);
        crate::outln!("{line}");
    }
    match result {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            // Quietly, like the line above (errln! never panics).
            crate::errln!("denkcoach: {e:#}");
            ExitCode::FAILURE
        }
    }
}
