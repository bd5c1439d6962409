//! Entering and leaving full-screen mode, undone exactly once whatever ends the program.
//!
//! `ratatui::init` installs a panic hook that restores the terminal and chains to the
//! previous hook; the guard's `Drop` undoes mouse capture and bracketed paste, and restores
//! the screen unless that hook already did (when the drop runs while unwinding a panic).

use std::io::{Write, stdout};

use anyhow::{Context, Result};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, enable_raw_mode};

pub struct TerminalGuard {
    pub terminal: DefaultTerminal,
}

impl TerminalGuard {
    pub fn enter() -> Result<TerminalGuard> {
        let terminal = ratatui::try_init().context("cannot switch the terminal to full-screen mode")?;
        let guard = TerminalGuard { terminal };
        execute!(stdout(), EnableMouseCapture, EnableBracketedPaste).context("cannot enable the mouse")?;
        Ok(guard)
    }

    /// Gives the terminal to `run` (a program started by it reads and draws on it), then
    /// takes it back and clears it for a full redraw.
    pub fn hand_over<T>(&mut self, run: impl FnOnce() -> T) -> Result<T> {
        execute!(stdout(), DisableBracketedPaste, DisableMouseCapture).context("cannot release the mouse")?;
        ratatui::restore();
        let value = run();
        enable_raw_mode().context("cannot take the terminal back")?;
        execute!(stdout(), EnterAlternateScreen, EnableMouseCapture, EnableBracketedPaste)
            .context("cannot take the terminal back")?;
        // A new terminal value draws everything anew; `Terminal::clear` would ask the terminal
        // for its cursor position, which can hang (see STYLE.md).
        execute!(stdout(), Clear(ClearType::All)).context("cannot clear the terminal")?;
        self.terminal = ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(stdout()))
            .context("cannot take the terminal back")?;
        Ok(value)
    }

    /// Puts `text` on the clipboard of the terminal (and of tmux, which relays OSC 52).
    pub fn copy_to_clipboard(&mut self, text: &str) -> Result<()> {
        let mut out = stdout();
        write!(out, "\x1b]52;c;{}\x07", base64(text.as_bytes()))?;
        out.flush()?;
        Ok(())
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        // Errors are ignored: the terminal may be gone (SIGHUP), and there is nobody to tell.
        let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
        if !std::thread::panicking() {
            ratatui::restore();
        }
    }
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, byte)| n | u32::from(*byte) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(super::base64(b""), "");
        assert_eq!(super::base64(b"f"), "Zg==");
        assert_eq!(super::base64(b"fo"), "Zm8=");
        assert_eq!(super::base64(b"foo"), "Zm9v");
        assert_eq!(super::base64("héllo".as_bytes()), "aMOpbGxv");
    }
}
