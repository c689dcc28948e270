//! The real terminal: raw mode and the alternate screen on the way in,
//! restored on every way out. Side threads – input, signals, the hang-up
//! watch – only send messages; the runtime saves, restores and stops.

use std::io::{self, Write};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::terminal::EnterAlternateScreen;

use super::model::Model;
use super::msg::Msg;
use super::runtime::{Host, Runtime};
use crate::content::fill;
use crate::notes::{Saver, Store};

/// Leaves raw mode and the alternate screen, shows the cursor. Quietly:
/// when the terminal is gone there is nothing to restore and nowhere to say
/// so (`ratatui::restore` would print, and printing to a closed terminal
/// panics).
pub fn restore_terminal() {
    let _ = crossterm::execute!(io::stdout(), DisableBracketedPaste, crossterm::cursor::Show);
    let _ = ratatui::try_restore();
}

/// Suspending and continuing, on the real terminal.
struct RealTerminal;

impl Host for RealTerminal {
    /// Where there is a desktop: on Linux and the BSDs only with a display
    /// (without one, `xdg-open` would start a text browser in this very
    /// terminal).
    fn can_open(&self) -> bool {
        if cfg!(any(windows, target_os = "macos")) {
            return true;
        }
        ["DISPLAY", "WAYLAND_DISPLAY"]
            .iter()
            .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
    }

    fn open(&mut self, path: &std::path::Path) {
        // On a thread: a slow launcher never holds up typing. A failure has
        // no one to tell but the status line, and the path is already there.
        let path = path.to_path_buf();
        let _ = std::thread::Builder::new()
            .name("denkcoach-open".into())
            .spawn(move || opener::open(&path));
    }

    fn suspend(&mut self) {
        restore_terminal();
        #[cfg(unix)]
        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGSTOP);
    }

    fn reclaim(&mut self) {
        // A shell that stopped us may have put the terminal back in cooked
        // mode; crossterm thinks it is still raw and would do nothing, so
        // leave raw mode first. Without this Enter arrives as Ctrl+J.
        let _ = crossterm::terminal::disable_raw_mode();
        let _ = crossterm::terminal::enable_raw_mode();
        let _ = crossterm::execute!(
            io::stdout(),
            EnterAlternateScreen,
            EnableBracketedPaste,
            crossterm::cursor::Hide
        );
    }
}

/// Runs the app in the terminal until the user quits or the terminal goes
/// away; returns the model, for the closing line.
pub fn run_in_terminal(model: Model, store: Store) -> anyhow::Result<Model> {
    let crashed = fill(
        &model.pack.ui.app.crashed,
        &[("path", &store.root().display().to_string())],
    );
    #[cfg(unix)]
    let signals = signals::Signals::install()?;

    // Installed before ratatui's, which restores the terminal first and then
    // calls this one. The panic message is not printed: it could quote a
    // note. The writer is known once the runtime exists.
    let writer: Arc<Mutex<Option<Saver>>> = Arc::default();
    let hook_writer = Arc::clone(&writer);
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(io::stdout(), DisableBracketedPaste);
        if let Ok(slot) = hook_writer.lock()
            && let Some(saver) = slot.as_ref()
        {
            let _ = saver.flush();
        }
        // Writing may fail too (the terminal may be gone): never panic here.
        let mut err = crate::text::stderr();
        let _ = writeln!(err, "{crashed}");
        if let Some(place) = info.location() {
            let _ = writeln!(err, "({}:{})", place.file(), place.line());
        }
    }));

    let terminal = ratatui::try_init()?;
    // Queued, not flushed: it goes out with the first frame, in one write.
    let _ = crossterm::queue!(io::stdout(), EnableBracketedPaste);
    let mut runtime = Runtime::new(model, store, terminal, Box::new(RealTerminal));
    if let Ok(mut slot) = writer.lock() {
        *slot = Some(runtime.saver());
    }

    // The threads start after the first frame, so as not to delay it; a
    // signal in between waits in the handlers' pipe until then.
    let result = runtime.run(move |tx: Sender<Msg>| {
        super::input::spawn(tx.clone())?;
        #[cfg(unix)]
        signals.spawn(tx.clone())?;
        #[cfg(windows)]
        console::watch(tx.clone())?;
        // macOS cannot poll a terminal device (it answers POLLNVAL), and
        // SIGHUP reaches the coach there.
        #[cfg(all(unix, not(target_os = "macos")))]
        hangup::watch(tx)?;
        Ok(())
    });
    restore_terminal();
    let (model, mut terminal) = runtime.into_parts();
    // Dropping ratatui's terminal shows the cursor, and prints when it
    // cannot, which panics on a closed terminal: show it here, and when that
    // fails the terminal is gone and there is nothing to drop it into.
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    }
    result.map(|()| model)
}

#[cfg(unix)]
mod signals {
    use std::sync::mpsc::Sender;

    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
    use signal_hook::iterator::Signals as Iterator;

    use super::super::msg::Msg;

    /// The handlers, installed before the terminal is taken.
    pub struct Signals(Iterator);

    impl Signals {
        pub fn install() -> std::io::Result<Signals> {
            Ok(Signals(Iterator::new([
                SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT,
            ])?))
        }

        /// Every signal becomes a message; the runtime acts on it.
        pub fn spawn(mut self, tx: Sender<Msg>) -> std::io::Result<()> {
            std::thread::Builder::new()
                .name("denkcoach-signals".into())
                .spawn(move || {
                    for signal in self.0.forever() {
                        let msg = match signal {
                            SIGTSTP => Msg::Suspend,
                            SIGCONT => Msg::Resumed,
                            _ => Msg::Terminate,
                        };
                        if tx.send(msg).is_err() {
                            return;
                        }
                    }
                })?;
            Ok(())
        }
    }
}

/// Windows: closing the console window, Ctrl+C and Ctrl+Break (in raw mode
/// Ctrl+C arrives as a key, but a console can still send it) end the coach
/// the way SIGTERM does. Windows ends the process when the handler returns
/// (for a closed window, after 5 s at most), so the handler waits: the
/// runtime saves and exits the process itself.
#[cfg(windows)]
mod console {
    use std::sync::Mutex;
    use std::sync::mpsc::Sender;

    use super::super::msg::Msg;

    pub(super) fn watch(tx: Sender<Msg>) -> std::io::Result<()> {
        let tx = Mutex::new(tx);
        ctrlc::set_handler(move || {
            if let Ok(tx) = tx.lock() {
                let _ = tx.send(Msg::Terminate);
            }
            std::thread::sleep(std::time::Duration::from_secs(4));
        })
        .map_err(std::io::Error::other)
    }
}

/// A closed terminal window normally ends the coach with SIGHUP. That signal
/// goes to the terminal's session leader, though, and does not always reach
/// us (a wrapper or tracer that leads the session and ignores it); crossterm
/// then reads end-of-file forever without reporting it, in a busy loop. A
/// thread that sleeps in `poll` on the terminal until it hangs up catches
/// that case, at no cost while the terminal is there.
#[cfg(all(unix, not(target_os = "macos")))]
mod hangup {
    use std::fs::File;
    use std::io::{self, IsTerminal};
    use std::os::fd::{AsFd, BorrowedFd};
    use std::sync::mpsc::Sender;

    use rustix::event::{PollFd, PollFlags, poll};

    use super::super::msg::Msg;

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
    pub(super) fn watch(tx: Sender<Msg>) -> io::Result<()> {
        let Some(input) = Input::open() else {
            return Ok(());
        };
        std::thread::Builder::new()
            .name("denkcoach-hangup".into())
            .spawn(move || {
                if hung_up(input.fd()) {
                    let _ = tx.send(Msg::Terminate);
                }
            })?;
        Ok(())
    }

    /// Blocks until the terminal hangs up (true) or cannot be watched.
    fn hung_up(fd: BorrowedFd<'_>) -> bool {
        // No events asked for: poll still reports a hang-up or an error,
        // and nothing else wakes it.
        let mut fds = [PollFd::new(&fd, PollFlags::empty())];
        let gone = PollFlags::HUP | PollFlags::ERR;
        loop {
            match poll(&mut fds, None) {
                // A device poll cannot watch (macOS answers so for every
                // terminal): not gone, only not watchable.
                Ok(_) if fds[0].revents().contains(PollFlags::NVAL) => return false,
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
