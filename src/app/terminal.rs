//! The real terminal: raw mode and the alternate screen on the way in, and
//! restored on every way out – normal exit, error, panic, SIGTERM, SIGHUP,
//! SIGINT – after the session is written.

use std::io::{self, Write};

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use super::App;
use crate::content::fill;

/// Leaves raw mode and the alternate screen, shows the cursor.
pub fn restore_terminal() {
    let _ = crossterm::execute!(io::stdout(), DisableBracketedPaste, crossterm::cursor::Show);
    ratatui::restore();
}

pub fn run_in_terminal(app: &mut App) -> anyhow::Result<()> {
    let saver = app.saver();
    let crashed = fill(
        &app.pack().ui.app.crashed,
        &[("path", &app.store().root().display().to_string())],
    );
    // Installed before ratatui's, which restores the terminal first and then
    // calls this one. The panic message is not printed: it could quote a
    // note.
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(io::stdout(), DisableBracketedPaste);
        let _ = saver.flush();
        // Writing may fail too (the terminal may be gone): never panic here.
        let mut err = io::stderr();
        let _ = writeln!(err, "{crashed}");
        if let Some(place) = info.location() {
            let _ = writeln!(err, "({}:{})", place.file(), place.line());
        }
    }));

    // The handlers are in place before the terminal is taken; the thread
    // that acts on them starts after the first frame, so as not to delay
    // it. A signal in between waits in the handlers' pipe until then.
    let saver = app.saver();
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let signal_handle = signals.handle();
    let start_signal_thread = move || -> anyhow::Result<()> {
        std::thread::Builder::new()
            .name("denkcoach-signals".into())
            .spawn(move || {
                if signals.forever().next().is_some() {
                    // Save first, then give the terminal back.
                    let _ = saver.flush();
                    restore_terminal();
                    std::process::exit(0);
                }
            })?;
        Ok(())
    };

    let mut terminal = ratatui::try_init()?;
    // Queued, not flushed: it goes out with the first frame, in one write.
    let _ = crossterm::queue!(io::stdout(), EnableBracketedPaste);
    let result = app.run(&mut terminal, start_signal_thread);
    restore_terminal();
    signal_handle.close();
    result
}
