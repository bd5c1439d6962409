//! Reading JSONL line by line with line numbers, keeping each line's exact text.

use std::io::{BufRead, BufReader, Read};
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

/// The longest line read, far above any real one (the biggest transcripts' lines are a few
/// MB): past it a line is left out and reported, so an endless line cannot take all memory.
pub(crate) const MAX_LINE_BYTES: usize = 256 << 20;

/// Calls `each` for every non-blank line of `path`. A file that cannot be opened (not a
/// regular file, gone, no permission) or read to its end, lines that are not UTF-8 and lines
/// longer than [`MAX_LINE_BYTES`] are skipped and reported; an error from `each` stops the
/// reading and is returned.
pub(crate) fn for_each_line(
    path: &Path,
    out: &mut Out<'_, '_>,
    each: impl FnMut(Line<'_>, &mut Out<'_, '_>) -> Result<()>,
) -> Result<()> {
    for_each_line_up_to(path, MAX_LINE_BYTES, out, each)
}

fn for_each_line_up_to(
    path: &Path,
    max_line: usize,
    out: &mut Out<'_, '_>,
    mut each: impl FnMut(Line<'_>, &mut Out<'_, '_>) -> Result<()>,
) -> Result<()> {
    let file = match crate::files::open_regular(path) {
        Ok(file) => file,
        Err(e) => {
            out.skip(path.display().to_string(), format!("cannot be read: {e}"));
            return Ok(());
        }
    };
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut buffer = Vec::with_capacity(1 << 16);
    let mut number = 0;
    loop {
        let read = match next_line(&mut reader, &mut buffer, max_line) {
            Ok(read) => read,
            Err(e) => {
                out.skip(format!("{}:{}", path.display(), number + 1), format!("reading stopped here: {e}"));
                return Ok(());
            }
        };
        number += 1;
        let bytes = match read {
            LineRead::End => return Ok(()),
            LineRead::TooLong => {
                let limit =
                    if max_line >= 1 << 20 { format!("{} MB", max_line >> 20) } else { format!("{max_line} bytes") };
                out.skip(format!("{}:{number}", path.display()), format!("longer than {limit}: left out"));
                continue;
            }
            LineRead::Line => buffer.as_slice(),
        };
        let complete = bytes.last() == Some(&b'\n');
        let bytes = trim_line_end(bytes);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => each(Line { number, text, complete }, out)?,
            Err(e) => out.skip(format!("{}:{number}", path.display()), format!("not UTF-8: {e}")),
        }
    }
}

/// What [`next_line`] found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum LineRead {
    /// The buffer holds the next line, with its newline if it has one.
    Line,
    /// The next line was longer than allowed; it was read past and the buffer is empty.
    TooLong,
    End,
}

/// Reads the next line into `buffer` (cleared first), holding at most `max_line` bytes of it.
pub(crate) fn next_line(reader: &mut impl BufRead, buffer: &mut Vec<u8>, max_line: usize) -> std::io::Result<LineRead> {
    buffer.clear();
    let limit = u64::try_from(max_line).unwrap_or(u64::MAX).saturating_add(1);
    let read = reader.by_ref().take(limit).read_until(b'\n', buffer)?;
    if read == 0 {
        return Ok(LineRead::End);
    }
    if buffer.len() > max_line && buffer.last() != Some(&b'\n') {
        buffer.clear();
        reader.skip_until(b'\n')?;
        return Ok(LineRead::TooLong);
    }
    Ok(LineRead::Line)
}

fn trim_line_end(mut bytes: &[u8]) -> &[u8] {
    while let Some((last, rest)) = bytes.split_last() {
        if *last == b'\n' || *last == b'\r' {
            bytes = rest;
        } else {
            break;
        }
    }
    bytes
}

/// The first few non-blank lines of a file, parsed, for detection. Unparsable lines are left out.
pub(crate) fn sample(path: &Path, max_lines: usize) -> std::io::Result<Vec<serde_json::Value>> {
    let mut reader = BufReader::new(crate::files::open_regular(path)?);
    let mut values = Vec::new();
    let mut buffer = Vec::new();
    for _ in 0..max_lines * 4 {
        match next_line(&mut reader, &mut buffer, MAX_LINE_BYTES)? {
            LineRead::End => break,
            LineRead::TooLong => continue,
            LineRead::Line => {}
        }
        if buffer.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if let Ok(value) = crate::json::parse_bytes(trim_line_end(&buffer)) {
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
    let mut file = crate::files::open_regular(path).map_err(io_error(path))?;
    file.seek(SeekFrom::Start(from)).map_err(io_error(path))?;
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut buffer = Vec::with_capacity(1 << 16);
    let (mut consumed, mut number) = (from, lines_before);
    loop {
        let read = next_line(&mut reader, &mut buffer, MAX_LINE_BYTES).map_err(io_error(path))?;
        let position = reader.stream_position().map_err(io_error(path))?;
        match read {
            LineRead::End => return Ok((consumed, number)),
            LineRead::Line if buffer.last() != Some(&b'\n') => return Ok((consumed, number)),
            LineRead::TooLong => {
                number += 1;
                consumed = position;
                out.skip(
                    format!("{}:{number}", path.display()),
                    format!("longer than {} MB: left out", MAX_LINE_BYTES >> 20),
                );
                continue;
            }
            LineRead::Line => {}
        }
        consumed = position;
        number += 1;
        let text = trim_line_end(&buffer);
        if text.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match std::str::from_utf8(text) {
            Ok(text) => each(Line { number, text, complete: true }, out)?,
            Err(e) => out.skip(format!("{}:{number}", path.display()), format!("not UTF-8: {e}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_past_the_bound_is_reported_and_reading_goes_on() {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("t.jsonl");
        let text = format!("{{\"a\":1}}\n{}\n\n{{\"b\":2}}\r\n{}", "x".repeat(100), "y".repeat(64));
        std::fs::write(&path, text).expect("write");
        let mut sink = |_| Ok(());
        let mut out = Out { sink: &mut sink, skipped: Vec::new() };
        let mut seen = Vec::new();
        for_each_line_up_to(&path, 64, &mut out, |line, _| {
            seen.push((line.number, line.text.len(), line.complete));
            Ok(())
        })
        .expect("reads");
        assert_eq!(seen, [(1, 7, true), (4, 7, true), (5, 64, false)]);
        let skipped: Vec<(String, String)> = out.skipped.into_iter().map(|s| (s.location, s.reason)).collect();
        assert_eq!(skipped, [(format!("{}:2", path.display()), "longer than 64 bytes: left out".to_string())]);
    }

    #[test]
    fn a_file_that_cannot_be_opened_is_reported_not_fatal() {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("gone.jsonl");
        let mut sink = |_| Ok(());
        let mut out = Out { sink: &mut sink, skipped: Vec::new() };
        for_each_line(&path, &mut out, |_, _| panic!("no lines")).expect("not an error");
        assert_eq!(out.skipped.len(), 1);
        assert_eq!(out.skipped[0].location, path.display().to_string());
        assert!(out.skipped[0].reason.starts_with("cannot be read: "), "{:?}", out.skipped);
    }
}
