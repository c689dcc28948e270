//! The real binary in a pseudo-terminal, its screen read with vt100.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub struct Pty {
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    stop: Arc<AtomicBool>,
    reader: Option<thread::JoinHandle<()>>,
    child: Box<dyn Child + Send + Sync>,
    state: Arc<Mutex<Output>>,
}

#[derive(Default)]
struct Output {
    raw: Vec<u8>,
    parser: Option<vt100::Parser>,
}

impl Pty {
    /// Starts the built binary with `args`, a given size and a clean environment.
    pub fn spawn(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Pty {
        Pty::start(env!("CARGO_BIN_EXE_denkcoach"), args, cols, rows, env)
    }

    /// Starts another program (a shell that sets things up, say).
    pub fn spawn_command(program: &str, args: &[&str], cols: u16, rows: u16) -> Pty {
        Pty::start(program, args, cols, rows, &[])
    }

    fn start(program: &str, args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Pty {
        let system = native_pty_system();
        let pair = system
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env_clear();
        cmd.env("TERM", "xterm-256color");
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
        cmd.env("HOME", std::env::temp_dir());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn denkcoach");
        drop(pair.slave);
        let writer = pair.master.take_writer().expect("pty writer");
        // Our own copy of the master, read with a timeout, so the test can
        // close every copy and the program sees its terminal go away.
        let master_fd = pair.master.as_raw_fd().expect("a unix pty");
        // SAFETY: dup of a valid descriptor owned by `pair.master`.
        let fd = unsafe { libc::dup(master_fd) };
        assert!(fd >= 0, "dup the pty master");
        let stop = Arc::new(AtomicBool::new(false));
        let stop_reader = Arc::clone(&stop);
        let state = Arc::new(Mutex::new(Output {
            raw: Vec::new(),
            parser: Some(vt100::Parser::new(rows, cols, 0)),
        }));
        let sink = Arc::clone(&state);
        let reader = thread::spawn(move || {
            // SAFETY: `fd` is ours (from dup) and closed only by this File.
            let mut file = unsafe { <std::fs::File as std::os::fd::FromRawFd>::from_raw_fd(fd) };
            let mut buf = [0u8; 8192];
            while !stop_reader.load(Ordering::Relaxed) {
                let mut poll = libc::pollfd {
                    fd,
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd.
                let ready = unsafe { libc::poll(&mut poll, 1, 50) };
                if ready <= 0 {
                    continue;
                }
                match file.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let mut out = sink.lock().expect("output lock");
                        out.raw.extend_from_slice(&buf[..n]);
                        if let Some(p) = out.parser.as_mut() {
                            p.process(&buf[..n]);
                        }
                    }
                }
            }
        });
        Pty {
            master: Some(pair.master),
            writer: Some(writer),
            stop,
            reader: Some(reader),
            child,
            state,
        }
    }

    pub fn screen(&self) -> String {
        let out = self.state.lock().expect("output lock");
        out.parser
            .as_ref()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    pub fn raw(&self) -> Vec<u8> {
        self.state.lock().expect("output lock").raw.clone()
    }

    /// Waits until `text` is on screen; panics with the screen after 10 s.
    pub fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if self.screen().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!("waited for {text:?}; screen:\n{}", self.screen());
    }

    pub fn send(&mut self, bytes: &[u8]) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(bytes).expect("write to pty");
        writer.flush().expect("flush pty");
        // A lone Esc must not merge with the next key into Alt+key.
        thread::sleep(Duration::from_millis(if bytes == b"\x1b" {
            120
        } else {
            15
        }));
    }

    pub fn text(&mut self, text: &str) {
        self.send(text.as_bytes());
    }

    pub fn enter(&mut self) {
        self.send(b"\r");
    }

    pub fn esc(&mut self) {
        thread::sleep(Duration::from_millis(120));
        self.send(b"\x1b");
    }

    pub fn tab(&mut self) {
        self.send(b"\t");
    }

    /// A new line in a note (Ctrl+J: the same byte in every terminal).
    pub fn new_line(&mut self) {
        self.send(b"\n");
    }

    /// Ctrl+Q: quit (a session asks first).
    pub fn quit(&mut self) {
        self.send(b"\x11");
    }

    /// From the start menu to typing on the thought step, without a client
    /// code: what is typed there goes into the note at once.
    pub fn start_typing(&mut self) {
        self.wait_for("Gesprek naast een cliënt");
        self.enter();
        self.wait_for("Cliëntcode");
        self.enter();
        self.wait_for("Van mens tot mens");
        self.enter();
        self.wait_for("Wat er gebeurde");
        self.enter();
        self.wait_for("De gedachte");
    }

    /// Waits for the process to end and returns whether it succeeded.
    pub fn wait_exit(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                // Let the reader thread take the last bytes.
                thread::sleep(Duration::from_millis(100));
                return status.success();
            }
            thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("denkcoach did not exit; screen:\n{}", self.screen());
    }

    /// Changes the window size, as dragging the window's corner does.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        if let Some(master) = &self.master {
            let _ = master.resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            });
        }
        if let Some(p) = self.state.lock().expect("output lock").parser.as_mut() {
            p.screen_mut().set_size(rows, cols);
        }
    }

    /// Whether the program is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Closes every copy of the terminal's master side, as closing the
    /// window does.
    pub fn close_terminal(&mut self) {
        // portable-pty's writer, when dropped, types a line feed and the
        // end-of-file character (to end a read in cooked mode) – keys no
        // closing window sends, and a line feed is a new line in a note,
        // which the journal keeps. Without an end-of-file character it
        // sends neither.
        if let Some(fd) = self.master.as_ref().and_then(|m| m.as_raw_fd()) {
            let mut t = self.termios();
            t.c_cc[libc::VEOF] = 0;
            // SAFETY: `t` came from tcgetattr on the same descriptor.
            unsafe { libc::tcsetattr(fd, libc::TCSANOW, &t) };
        }
        self.stop.store(true, Ordering::Relaxed);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        self.writer = None;
        self.master = None;
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Sends a signal to the program, as `kill -NAME` does.
    pub fn signal(&self, name: &str) {
        let pid = self.pid().expect("pid").to_string();
        let status = std::process::Command::new("kill")
            .args([name, &pid])
            .status()
            .expect("kill");
        assert!(status.success(), "kill {name}");
    }

    fn termios(&self) -> libc::termios {
        let fd = self
            .master
            .as_ref()
            .and_then(|m| m.as_raw_fd())
            .expect("the terminal is open");
        // SAFETY: a zeroed termios is a valid value to fill; `fd` is the
        // open master of this pty, whose settings are the terminal's.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        let got = unsafe { libc::tcgetattr(fd, &mut t) };
        assert_eq!(got, 0, "tcgetattr");
        t
    }

    /// Whether the terminal is in raw mode (no line editing, no echo,
    /// Enter not turned into a line feed).
    pub fn is_raw(&self) -> bool {
        let t = self.termios();
        t.c_lflag & (libc::ICANON | libc::ECHO) == 0 && t.c_iflag & libc::ICRNL == 0
    }

    /// Puts the terminal back in cooked mode, as a shell does when a job it
    /// runs is stopped.
    pub fn make_cooked(&self) {
        let fd = self
            .master
            .as_ref()
            .and_then(|m| m.as_raw_fd())
            .expect("the terminal is open");
        let mut t = self.termios();
        t.c_lflag |= libc::ICANON | libc::ECHO | libc::ISIG | libc::IEXTEN;
        t.c_iflag |= libc::ICRNL;
        // SAFETY: `t` came from tcgetattr on the same descriptor.
        let set = unsafe { libc::tcsetattr(fd, libc::TCSANOW, &t) };
        assert_eq!(set, 0, "tcsetattr");
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Asserts that the program gave the terminal back: the alternate screen
/// left and the cursor shown, after the last time they were taken.
pub fn assert_terminal_restored(raw: &[u8]) {
    let tail = String::from_utf8_lossy(&raw[raw.len().saturating_sub(160)..]).to_string();
    let left = raw.windows(8).rposition(|w| w == b"\x1b[?1049l");
    let entered = raw.windows(8).rposition(|w| w == b"\x1b[?1049h");
    assert!(left > entered, "alternate screen left: {tail:?}");
    let shown = raw.windows(6).rposition(|w| w == b"\x1b[?25h");
    let hidden = raw.windows(6).rposition(|w| w == b"\x1b[?25l");
    assert!(shown > hidden, "cursor shown: {tail:?}");
}

/// The one session file in a data folder, parsed.
pub fn only_session(data: &Path) -> serde_json::Value {
    let dir = data.join("sessies");
    let files: Vec<_> = std::fs::read_dir(&dir)
        .expect("sessions folder exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    assert_eq!(
        files.len(),
        1,
        "expected one session file in {dir:?}: {files:?}"
    );
    let bytes = std::fs::read(&files[0]).expect("read session");
    serde_json::from_slice(&bytes).expect("session file is JSON")
}
