//! Shared by the tests/pty_*.rs files: the real `recall` binary in a pseudo-terminal.
//!
//! A reader thread sends what the program writes over a channel; every byte is kept (for
//! escape-sequence assertions) and fed to a vt100 parser (for what a person would see).
//! Tests wait for a condition on the parsed screen with a deadline, never for a fixed time,
//! and name their steps so that a failure says where the journey broke and shows the screen.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, TryRecvError};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use recall::store::{Session, Store};
use serde_json::json;

mod screen;
pub use screen::Screen;

/// How long any one condition may take to come true: generous, for loaded CI machines.
pub const DEADLINE: Duration = Duration::from_secs(10);
/// The terminal most journeys run in.
pub const COLS: u16 = 100;
pub const ROWS: u16 = 30;

pub const ENTER_ALT_SCREEN: &str = "\x1b[?1049h";
pub const LEAVE_ALT_SCREEN: &str = "\x1b[?1049l";
pub const MOUSE_OFF: &str = "\x1b[?1000l";
pub const PASTE_OFF: &str = "\x1b[?2004l";
pub const CTRL_U: &str = "\x15";
pub const ENTER: &str = "\r";
pub const LEFT: &str = "\x1b[D";

/// A store in a temporary folder, which is also the program's working folder (exports).
pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Fixture {
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let db = dir.path().join("recall.db");
        Fixture { dir, db }
    }

    /// A connection of the test's own: to seed before launch, or to be a second writer.
    pub fn store(&self) -> Store {
        Store::open(&self.db).expect("the test store opens")
    }

    /// Two sessions: an older one of 12 messages, then the newest of 60, so that "opened at
    /// its end" means something. Each message says which it is: `newest message 60 of 60`.
    pub fn two_sessions(&self) -> (Session, Session) {
        let store = self.store();
        let older = session(&store, "Older session about tea", "older", 12);
        let newest = session(&store, "Newest session about parsers", "newest", 60);
        let listed: Vec<String> = store.list_sessions(0, 2).unwrap().into_iter().map(|s| s.id).collect();
        assert_eq!(listed, [newest.id.clone(), older.id.clone()], "seeding: the newest session comes first");
        (older, newest)
    }

    pub fn launch(&self) -> Tui {
        Tui::launch(&self.db, self.dir.path(), COLS, ROWS, &[])
    }
}

/// A session of `count` messages, alternating user and assistant, `{word} message N of count`.
pub fn session(store: &Store, title: &str, word: &str, count: usize) -> Session {
    let session = store.create_session(title).expect("create a session");
    let events: Vec<_> = (1..=count)
        .map(|n| {
            let role = if n % 2 == 1 { "user" } else { "assistant" };
            json!({"role": role, "content": format!("{word} message {n} of {count}")})
        })
        .collect();
    store.add_events(&session.id, &events).expect("add events");
    store.get_session(&session.id).expect("read the session back")
}

/// `recall` running in a pseudo-terminal.
pub struct Tui {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    output: Receiver<Vec<u8>>,
    /// The reader saw the end of the output: every process holding the terminal is gone.
    eof: bool,
    raw: Vec<u8>,
    parser: vt100::Parser,
    step: String,
    status: Option<ExitStatus>,
}

impl Tui {
    /// Starts `recall --db db` in a `cols`x`rows` terminal, in the folder `cwd`, with `env`
    /// added to a cleaned copy of the test's environment.
    pub fn launch(db: &Path, cwd: &Path, cols: u16, rows: u16, env: &[(&str, &str)]) -> Tui {
        Tui::launch_with(db, cwd, cols, rows, env, &[])
    }

    /// Like `launch`, with more arguments after `--db db` (`--here`).
    pub fn launch_with(db: &Path, cwd: &Path, cols: u16, rows: u16, env: &[(&str, &str)], args: &[&str]) -> Tui {
        let pty = native_pty_system();
        let pair =
            pty.openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("a pseudo-terminal opens");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_recall"));
        command.arg("--db");
        command.arg(db);
        command.args(args);
        command.cwd(cwd);
        command.env("TERM", "xterm-256color");
        command.env("RUST_BACKTRACE", "0");
        for inherited in ["RECALL_DB", "RECALL_TEST_PANIC", "NO_COLOR", "COLUMNS", "LINES"] {
            command.env_remove(inherited);
        }
        // The browser follows the histories in the default locations: the test's folder is the
        // home, so that it finds only what the test puts there, never the machine's own.
        command.env("HOME", cwd);
        for location in
            ["XDG_DATA_HOME", "XDG_CONFIG_HOME", "CLAUDE_CONFIG_DIR", "CODEX_HOME", "LLM_USER_PATH", "OTERM_DATA_DIR"]
        {
            command.env_remove(location);
        }
        for (key, value) in env {
            command.env(key, value);
        }
        let child = pair.slave.spawn_command(command).expect("recall starts in the pseudo-terminal");
        // Only the child may hold the terminal's other end, or the reader never sees its end.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("a reader on the terminal");
        let writer = pair.master.take_writer().expect("a writer to the terminal");
        let (sender, output) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    // EIO on Linux once the child's side is closed: the end of the output.
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if sender.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Tui {
            master: pair.master,
            writer,
            child,
            output,
            eof: false,
            raw: Vec::new(),
            parser: vt100::Parser::new(non_zero(rows), non_zero(cols), 0),
            step: "launch".to_string(),
            status: None,
        }
    }

    /// Names the step the journey is at; failures quote it.
    pub fn step(&mut self, name: &str) {
        self.step = name.to_string();
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the child has a pid")
    }

    pub fn screen(&self) -> Screen {
        Screen { inner: self.parser.screen().clone() }
    }

    /// Every byte the program wrote so far.
    pub fn raw(&self) -> &[u8] {
        &self.raw
    }

    pub fn raw_text(&self) -> String {
        String::from_utf8_lossy(&self.raw).into_owned()
    }

    /// How many times `needle` occurs in the output so far.
    pub fn count(&self, needle: &str) -> usize {
        count(&self.raw, needle.as_bytes())
    }

    /// Frames drawn so far: ratatui ends each one by hiding or showing the cursor.
    pub fn frames(&self) -> usize {
        self.count("\x1b[?25l") + self.count("\x1b[?25h")
    }

    /// Types `key` and waits for a frame drawn after it: usually the one answering it, but a
    /// tick may draw one first. For screens too small for [`Tui::settle`] and `wait_for`.
    pub fn key_and_frame(&mut self, key: &str) {
        let before = self.frames();
        self.keys(key);
        let what = format!("a frame after {key:?}");
        self.wait_for_output(&what, |raw| count(raw, b"\x1b[?25l") + count(raw, b"\x1b[?25h") > before);
    }

    /// Returns once everything typed so far has been handled and drawn: input is handled in
    /// order, so when help (asked for last) is up and down again, all before it is on screen.
    /// For screens of normal size, in the list or the conversation.
    pub fn settle(&mut self) -> Screen {
        self.keys("?");
        self.wait_for("help (typed to settle the input)", |s| s.status().contains("any key closes help"));
        self.keys("?");
        self.wait_for("help closed", |s| !s.status().contains("any key closes help"))
    }

    /// Types `keys` (bytes as a terminal sends them: "\r" for Enter, "\x15" for Ctrl-U).
    pub fn keys(&mut self, keys: &str) {
        if let Err(err) = self.writer.write_all(keys.as_bytes()).and_then(|()| self.writer.flush()) {
            self.fail(&format!("cannot type {keys:?}: {err}"));
        }
    }

    /// Resizes the terminal (the program gets SIGWINCH) and the screen model with it.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        // Take what was drawn at the old size first, so it is parsed at that size.
        self.pump(Duration::ZERO);
        self.parser.screen_mut().set_size(non_zero(rows), non_zero(cols));
        if let Err(err) = self.master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }) {
            self.fail(&format!("cannot resize the terminal to {cols}x{rows}: {err}"));
        }
    }

    /// Sends a signal by name (`TERM`, `HUP`) with the system's `kill`.
    pub fn signal(&mut self, name: &str) {
        let pid = self.pid().to_string();
        let status = std::process::Command::new("kill").args(["-s", name, &pid]).status();
        if !status.as_ref().is_ok_and(|status| status.success()) {
            self.fail(&format!("kill -s {name} {pid} failed: {status:?}"));
        }
    }

    /// Waits (up to [`DEADLINE`]) until `ready` holds for the screen; returns that screen.
    pub fn wait_for(&mut self, what: &str, ready: impl Fn(&Screen) -> bool) -> Screen {
        self.wait_for_within(what, DEADLINE, ready)
    }

    /// Only whole frames are looked at: a frame can arrive in several reads, and half of one
    /// can show new text with an old cursor, or the top of a new list over an old bottom.
    pub fn wait_for_within(&mut self, what: &str, within: Duration, ready: impl Fn(&Screen) -> bool) -> Screen {
        let deadline = Instant::now() + within;
        loop {
            if at_frame_end(&self.raw) {
                let screen = self.screen();
                if ready(&screen) {
                    return screen;
                }
            }
            if self.eof {
                let status = self.child.try_wait().ok().flatten();
                self.fail(&format!("the program ended ({status:?}) while waiting for {what}"));
            }
            let now = Instant::now();
            if now >= deadline {
                self.fail(&format!("waited {within:?} for {what}"));
            }
            self.pump(deadline - now);
        }
    }

    /// Waits (up to [`DEADLINE`]) until `ready` holds for the raw output.
    pub fn wait_for_output(&mut self, what: &str, ready: impl Fn(&[u8]) -> bool) {
        let deadline = Instant::now() + DEADLINE;
        while !ready(&self.raw) {
            let now = Instant::now();
            if self.eof || now >= deadline {
                self.fail(&format!("waited {DEADLINE:?} for output with {what}"));
            }
            self.pump(deadline - now);
        }
    }

    /// Waits (up to [`DEADLINE`]) for the program to exit, reading its output to the end.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + DEADLINE;
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) => {}
                Err(err) => self.fail(&format!("cannot wait for the program: {err}")),
            }
            if Instant::now() >= deadline {
                self.fail(&format!("the program did not exit within {DEADLINE:?}"));
            }
            // Reading keeps the program from blocking on a full terminal while it exits.
            self.pump(Duration::from_millis(20));
        };
        self.status = Some(status.clone());
        while !self.eof {
            if Instant::now() >= deadline {
                self.fail("the program exited but its output did not end");
            }
            self.pump(deadline.saturating_duration_since(Instant::now()));
        }
        status
    }

    /// Reads what arrives within `wait` (at least one chunk, if any comes), then whatever
    /// else is already there.
    fn pump(&mut self, wait: Duration) {
        if self.eof {
            return;
        }
        match self.output.recv_timeout(wait) {
            Ok(chunk) => self.take(&chunk),
            Err(RecvTimeoutError::Timeout) => return,
            Err(RecvTimeoutError::Disconnected) => {
                self.eof = true;
                return;
            }
        }
        loop {
            match self.output.try_recv() {
                Ok(chunk) => self.take(&chunk),
                Err(TryRecvError::Empty) => return,
                Err(TryRecvError::Disconnected) => {
                    self.eof = true;
                    return;
                }
            }
        }
    }

    fn take(&mut self, chunk: &[u8]) {
        self.raw.extend_from_slice(chunk);
        self.parser.process(chunk);
    }

    /// Fails the test at the current step, showing the screen and the end of the output.
    pub fn fail(&self, message: &str) -> ! {
        let tail = &self.raw[self.raw.len().saturating_sub(600)..];
        panic!(
            "step `{}`: {message}\n{}\n--- last {} bytes of output ---\n{}\n",
            self.step,
            self.screen(),
            tail.len(),
            tail.escape_ascii()
        );
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        // A failed test must not leave recall running: SIGHUP, then SIGKILL if need be.
        if self.status.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// True when `raw` ends where ratatui ends a frame: hiding the cursor, or showing it and
/// moving it into place (`ESC [?25h ESC [ row ; column H`).
pub fn at_frame_end(raw: &[u8]) -> bool {
    if raw.ends_with(b"\x1b[?25l") {
        return true;
    }
    let shown = b"\x1b[?25h\x1b[";
    let Some(at) = raw.windows(shown.len()).rposition(|window| window == shown) else { return false };
    let rest = &raw[at + shown.len()..];
    rest.len() >= 4
        && rest.ends_with(b"H")
        && rest[..rest.len() - 1].iter().all(|byte| byte.is_ascii_digit() || *byte == b';')
}

pub fn count(haystack: &[u8], needle: &[u8]) -> usize {
    if needle.is_empty() {
        return 0;
    }
    haystack.windows(needle.len()).filter(|window| *window == needle).count()
}

fn non_zero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal is at least 1x1")
}
