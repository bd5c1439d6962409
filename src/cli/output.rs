//! Writing to stdout: sanitized for a terminal, untouched for pipes, quiet on a closed pipe.

use std::borrow::Cow;
use std::fmt::Display;
use std::io::{self, BufWriter, IsTerminal, Stdout, Write};

use anyhow::Result;
use serde::Serialize;

/// Writes `recall: <text>` on stderr. A closed stderr (`recall ... 2>&1 | head -1`) is not an
/// error worth failing or panicking over, so a failed write is ignored.
pub fn note(text: impl Display) {
    let _ = writeln!(io::stderr().lock(), "recall: {text}");
}

pub struct Out {
    writer: BufWriter<Stdout>,
    terminal: bool,
}

impl Out {
    pub fn stdout() -> Out {
        let stdout = io::stdout();
        let terminal = stdout.is_terminal();
        Out { writer: BufWriter::new(stdout), terminal }
    }

    /// Text that came from a store: on a terminal, escape sequences and controls are
    /// made harmless; piped, it is passed on as stored.
    pub fn untrusted<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if self.terminal { crate::content::sanitize(text) } else { Cow::Borrowed(text) }
    }

    /// Like `untrusted`, for things shown on one line (titles, names): line breaks become
    /// spaces, piped or not, so that each line of output stays one item.
    pub fn untrusted_line<'a>(&self, text: &'a str) -> Cow<'a, str> {
        match crate::content::one_line(text) {
            Cow::Borrowed(text) if self.terminal => crate::content::sanitize_line(text),
            Cow::Borrowed(text) => Cow::Borrowed(text),
            Cow::Owned(text) if self.terminal => Cow::Owned(crate::content::sanitize_line(&text).into_owned()),
            owned => owned,
        }
    }

    pub fn is_terminal(&self) -> bool {
        self.terminal
    }

    pub fn line(&mut self, text: impl Display) -> Result<()> {
        writeln!(self.writer, "{text}").map_err(Into::into)
    }

    /// Pretty JSON; serde escapes every control character, so it is safe on a terminal too.
    /// A failed write stays an `io::Error` (not a `serde_json::Error` around one), so a
    /// closed pipe is recognised as such and ends the program quietly.
    pub fn json(&mut self, value: &impl Serialize) -> Result<()> {
        serde_json::to_writer_pretty(&mut self.writer, value).map_err(io::Error::from)?;
        writeln!(self.writer)?;
        Ok(())
    }

    /// Sends what is buffered, before a slow step or a note on stderr that should follow it.
    pub fn flush(&mut self) -> Result<()> {
        self.writer.flush().map_err(Into::into)
    }

    pub fn finish(mut self) -> Result<()> {
        self.writer.flush().map_err(Into::into)
    }
}
