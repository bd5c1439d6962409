//! A line on stderr that rewrites itself: shown only on a terminal, and only once a job has
//! taken over a second, so quick runs and scripts see nothing.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// Jobs shorter than this print no progress.
const QUIET_FOR: Duration = Duration::from_secs(1);

/// Redraws at most this often.
const EVERY: Duration = Duration::from_millis(100);

pub struct ProgressLine {
    enabled: bool,
    shown: bool,
    started: Instant,
    last: Option<Instant>,
}

impl ProgressLine {
    pub fn new() -> ProgressLine {
        ProgressLine { enabled: std::io::stderr().is_terminal(), shown: false, started: Instant::now(), last: None }
    }

    /// Shows `text()` in place of the previous line, when it is time to.
    pub fn show(&mut self, text: impl FnOnce() -> String) {
        if !self.enabled || self.started.elapsed() < QUIET_FOR || self.last.is_some_and(|last| last.elapsed() < EVERY) {
            return;
        }
        self.last = Some(Instant::now());
        self.shown = true;
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{}", text());
        let _ = err.flush();
    }

    /// Clears the line, if one was shown.
    pub fn finish(&mut self) {
        if self.shown {
            let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
            self.shown = false;
        }
    }
}
