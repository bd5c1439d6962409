//! Reading JSONL line by line with line numbers, keeping each line's exact text.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use super::error::io_error;
use super::{Out, Result};

/// One non-blank line as written (without its line ending).
pub(crate) struct Line<'a> {
    pub number: usize,
    pub text: &'a str,
    /// False for a last line without its newline: a writer may be in the middle of appending it.
    pub complete: bool,
}

impl Line<'_> {
    pub(crate) fn location(&self, path: &Path) -> String {
        format!("{}:{}", path.display(), self.number)
    }

    /// Reports this line as skipped because it did not parse, naming a cut-off last line as such.
    pub(crate) fn skip_unparsable(&self, path: &Path, out: &mut Out<'_, '_>, error: &serde_json::Error) {
        use serde_json::error::Category;
        let reason = match (self.complete, error.classify()) {
            (_, Category::Data) => format!("not the expected shape: {error}"),
            (false, _) => format!("truncated last line (a writer may be mid-append): {error}"),
            (true, _) => format!("not valid JSON: {error}"),
        };
        out.skip(self.location(path), reason);
    }
}

/// Calls `each` for every non-blank line of `path`. Lines that are not UTF-8 are skipped and
/// reported; an error from `each` stops the reading and is returned.
pub(crate) fn for_each_line(
    path: &Path,
    out: &mut Out<'_, '_>,
    mut each: impl FnMut(Line<'_>, &mut Out<'_, '_>) -> Result<()>,
) -> Result<()> {
    let file = File::open(path).map_err(io_error(path))?;
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut buffer = Vec::with_capacity(1 << 16);
    let mut number = 0;
    loop {
        buffer.clear();
        let read = reader.read_until(b'\n', &mut buffer).map_err(io_error(path))?;
        if read == 0 {
            return Ok(());
        }
        number += 1;
        let complete = buffer.last() == Some(&b'\n');
        let mut bytes = buffer.as_slice();
        while let Some((last, rest)) = bytes.split_last() {
            if *last == b'\n' || *last == b'\r' {
                bytes = rest;
            } else {
                break;
            }
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => each(Line { number, text, complete }, out)?,
            Err(e) => out.skip(format!("{}:{number}", path.display()), format!("not UTF-8: {e}")),
        }
    }
}

/// The first few non-blank lines of a file, parsed, for detection. Unparsable lines are left out.
pub(crate) fn sample(path: &Path, max_lines: usize) -> std::io::Result<Vec<serde_json::Value>> {
    let reader = BufReader::new(File::open(path)?);
    let mut values = Vec::new();
    for line in reader.split(b'\n').take(max_lines * 4) {
        let line = line?;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if let Ok(value) = serde_json::from_slice(&line) {
            values.push(value);
        }
        if values.len() >= max_lines {
            break;
        }
    }
    Ok(values)
}

/// Calls `each` for every whole line of `path` from byte `from` on, numbering them after
/// `lines_before`; a last line without its newline is left for next time (a writer may be
/// mid-append). Returns the offset just past the last whole line and the lines counted.
pub(crate) fn for_each_whole_line_from(
    path: &Path,
    from: u64,
    lines_before: usize,
    out: &mut Out<'_, '_>,
    mut each: impl FnMut(Line<'_>, &mut Out<'_, '_>) -> Result<()>,
) -> Result<(u64, usize)> {
    use std::io::{Seek, SeekFrom};
    let mut file = File::open(path).map_err(io_error(path))?;
    file.seek(SeekFrom::Start(from)).map_err(io_error(path))?;
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut buffer = Vec::with_capacity(1 << 16);
    let (mut consumed, mut number) = (from, lines_before);
    loop {
        buffer.clear();
        let read = reader.read_until(b'\n', &mut buffer).map_err(io_error(path))?;
        if read == 0 || buffer.last() != Some(&b'\n') {
            return Ok((consumed, number));
        }
        consumed += read as u64;
        number += 1;
        let mut text = buffer.as_slice();
        while let [rest @ .., b'\n' | b'\r'] = text {
            text = rest;
        }
        if text.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match std::str::from_utf8(text) {
            Ok(text) => each(Line { number, text, complete: true }, out)?,
            Err(e) => out.skip(format!("{}:{number}", path.display()), format!("not UTF-8: {e}")),
        }
    }
}
