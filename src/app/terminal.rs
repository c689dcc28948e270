//! The real terminal: raw mode and the alternate screen on the way in, and
//! restored on every way out – normal exit, error, panic, SIGTERM, SIGHUP,
//! SIGINT – after the session is written.

use std::io::{self, Write};

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use super::App;
use crate::content::fill;

/// Leaves raw mode and the alternate screen, shows the cursor. Quietly:
/// when the terminal is gone there is nothing to restore and nowhere to say
/// so (`ratatui::restore` would print, and printing to a closed terminal
/// panics).
pub fn restore_terminal() {
    let _ = crossterm::execute!(io::stdout(), DisableBracketedPaste, crossterm::cursor::Show);
    let _ = ratatui::try_restore();
}

/// Saves first, then gives the terminal back and stops: on a signal, or
/// when the terminal is gone.
fn save_and_leave(saver: &crate::notes::Saver) -> ! {
    let _ = saver.flush();
    restore_terminal();
    std::process::exit(0);
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
    #[cfg(unix)]
    let watch_saver = app.saver();
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let signal_handle = signals.handle();
    let start_signal_thread = move || -> anyhow::Result<()> {
        std::thread::Builder::new()
            .name("denkcoach-signals".into())
            .spawn(move || {
                if signals.forever().next().is_some() {
                    save_and_leave(&saver);
                }
            })?;
        #[cfg(unix)]
        hangup::watch(watch_saver)?;
        Ok(())
    };

    let mut terminal = ratatui::try_init()?;
    // Queued, not flushed: it goes out with the first frame, in one write.
    let _ = crossterm::queue!(io::stdout(), EnableBracketedPaste);
    let result = app.run(&mut terminal, start_signal_thread);
    restore_terminal();
    // Dropping ratatui's terminal shows the cursor, and prints when it
    // cannot, which panics on a closed terminal: show it here, and when that
    // fails the terminal is gone and there is nothing to drop it into.
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    }
    signal_handle.close();
    result
}

/// A closed terminal window normally ends the coach with SIGHUP. That signal
/// goes to the terminal's session leader, though, and does not always reach
/// us (a wrapper or tracer that leads the session and ignores it); crossterm
/// then reads end-of-file forever without reporting it, in a busy loop. A
/// thread that sleeps in `poll` on the terminal until it hangs up catches
/// that case, at no cost while the terminal is there.
#[cfg(unix)]
mod hangup {
    use std::fs::File;
    use std::io::{self, IsTerminal};
    use std::os::fd::{AsFd, BorrowedFd};

    use rustix::event::{PollFd, PollFlags, poll};

    use crate::notes::Saver;

    /// The terminal crossterm reads keys from: standard input when that is
    /// a terminal, else the controlling terminal.
    enum Input {
        Stdin(io::Stdin),
        Tty(File),
    }

    impl Input {
        fn open() -> Option<Input> {
            let stdin = io::stdin();
            if stdin.is_terminal() {
                return Some(Input::Stdin(stdin));
            }
            File::open("/dev/tty").ok().map(Input::Tty)
        }

        fn fd(&self) -> BorrowedFd<'_> {
            match self {
                Input::Stdin(s) => s.as_fd(),
                Input::Tty(f) => f.as_fd(),
            }
        }
    }

    /// Starts the thread; without a terminal to watch there is nothing to do.
    pub(super) fn watch(saver: Saver) -> io::Result<()> {
        let Some(input) = Input::open() else {
            return Ok(());
        };
        std::thread::Builder::new()
            .name("denkcoach-hangup".into())
            .spawn(move || {
                if hung_up(input.fd()) {
                    super::save_and_leave(&saver);
                }
            })?;
        Ok(())
    }

    /// Blocks until the terminal hangs up (true) or cannot be watched.
    fn hung_up(fd: BorrowedFd<'_>) -> bool {
        // No events asked for: poll still reports a hang-up or an error,
        // and nothing else wakes it.
        let mut fds = [PollFd::new(&fd, PollFlags::empty())];
        let gone = PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL;
        loop {
            match poll(&mut fds, None) {
                Ok(_) if fds[0].revents().intersects(gone) => return true,
                Ok(_) | Err(rustix::io::Errno::INTR) => {}
                Err(_) => return false,
            }
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        /// The watch sleeps while the other end is open and wakes when it
        /// closes – a pipe hangs up the way a closed terminal does.
        #[test]
        fn the_watch_wakes_when_the_other_end_closes() {
            let (reader, writer) = io::pipe().expect("pipe");
            let (tx, rx) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                let _ = tx.send(hung_up(reader.as_fd()));
            });
            let still = rx.recv_timeout(std::time::Duration::from_millis(200));
            assert!(still.is_err(), "woke while the other end was open");
            drop(writer);
            let woke = rx.recv_timeout(std::time::Duration::from_secs(5));
            assert_eq!(woke, Ok(true));
        }
    }
}
