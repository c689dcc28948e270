//! The real binary in a pseudo-terminal, its screen read with vt100.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub struct Pty {
    pub master: Option<Box<dyn MasterPty + Send>>,
    writer: Box<dyn Write + Send>,
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
        let system = native_pty_system();
        let pair = system
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_denkcoach"));
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
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let state = Arc::new(Mutex::new(Output {
            raw: Vec::new(),
            parser: Some(vt100::Parser::new(rows, cols, 0)),
        }));
        let sink = Arc::clone(&state);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut out = sink.lock().expect("output lock");
                out.raw.extend_from_slice(&buf[..n]);
                if let Some(p) = out.parser.as_mut() {
                    p.process(&buf[..n]);
                }
            }
        });
        Pty {
            master: Some(pair.master),
            writer,
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
        self.writer.write_all(bytes).expect("write to pty");
        self.writer.flush().expect("flush pty");
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

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
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
