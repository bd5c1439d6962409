//! A file read's output drawn as the file: line numbers dimmed, lines in the colours of the
//! file's language. Reads can be thousands of lines, so lines are highlighted when first
//! drawn, in order, and kept: scrolling never highlights a line twice.

use std::ops::Range;
use std::sync::{Mutex, PoisonError};

use super::clean::clean;
use super::layout::RowView;
use crate::syntax::{Highlighter, Language, LineHighlighter};
use crate::tui::theme::{Look, Tone};

/// A line this far past the last one highlighted starts afresh a little before it, rather
/// than highlight everything in between during one keypress (a jump to the end of a huge read).
const CATCH_UP_LINES: usize = 400;
/// How many lines before such a line the fresh start is, for the grammar to find its feet.
const RESYNC_LINES: usize = 40;

/// The text of a read, with where each line's code starts.
pub(crate) struct ReadText {
    pub text: String,
    pub code: CodeLines,
}

/// The lines of the text: where each starts, where its code starts (past its line number),
/// and how its code is highlighted.
pub(crate) struct CodeLines {
    line_starts: Vec<usize>,
    code_starts: Vec<usize>,
    language: Option<(&'static Highlighter, Language<'static>)>,
    cache: Mutex<Cache>,
}

impl std::fmt::Debug for CodeLines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let language = self.language.map(|(_, language)| language.name().to_owned());
        f.debug_struct("CodeLines").field("lines", &self.line_starts.len()).field("language", &language).finish()
    }
}

#[derive(Default)]
struct Cache {
    /// Per line: runs of its code, `(end within the code, tone)`.
    lines: Vec<Option<Vec<(usize, Tone)>>>,
    /// Where highlighting stopped, ready to go on.
    cursor: Option<(usize, LineHighlighter<'static>)>,
}

/// `output` of a read of `path`, as code: None when it is empty.
pub(crate) fn read_text(output: &str, path: &str, highlighter: Option<&'static Highlighter>) -> Option<ReadText> {
    let raw: Vec<&str> = output.trim_end().split('\n').collect();
    if raw.iter().all(|line| line.trim().is_empty()) {
        return None;
    }
    let numbered: Vec<Option<(u64, &str)>> = raw.iter().map(|line| crate::content::numbered_line(line)).collect();
    let has_numbers = numbered.iter().any(Option::is_some);
    let number_width = numbered.iter().flatten().map(|(n, _)| n.to_string().len()).max().unwrap_or(0);
    let mut text = String::with_capacity(output.len() + raw.len() * 2);
    let (mut line_starts, mut code_starts) = (Vec::with_capacity(raw.len()), Vec::with_capacity(raw.len()));
    for (line, numbered) in raw.iter().zip(&numbered) {
        if !line_starts.is_empty() {
            text.push('\n');
        }
        line_starts.push(text.len());
        match numbered {
            Some((number, code)) => {
                text.push_str(&format!("{number:>number_width$}  "));
                code_starts.push(text.len());
                text.push_str(&clean(code));
            }
            // The harness's own words around numbered lines (`<path>`, `(End of file)`): dim.
            None if has_numbers => {
                text.push_str(&clean(line));
                code_starts.push(text.len());
            }
            None => {
                code_starts.push(text.len());
                text.push_str(&clean(line));
            }
        }
    }
    let language = highlighter.and_then(|h| Some((h, h.language_of_path(path)?)));
    let cache = Cache { lines: vec![None; line_starts.len()], cursor: None };
    Some(ReadText { text, code: CodeLines { line_starts, code_starts, language, cache: Mutex::new(cache) } })
}

impl CodeLines {
    /// The row `range` of `text` (all within one line) as runs: the line number dim, the
    /// code in its colours, or in `look` when its language is not known.
    pub fn row<'t>(&self, text: &'t str, range: Range<usize>, look: Look) -> RowView<'t> {
        let line = self.line_starts.partition_point(|&start| start <= range.start).saturating_sub(1);
        let code_start = self.code_starts.get(line).copied().unwrap_or(0);
        let mut row = Vec::with_capacity(4);
        if range.start < code_start {
            row.push((&text[range.start..code_start.min(range.end)], Look::plain(Tone::Dim)));
        }
        if range.end <= code_start {
            return row;
        }
        let from = range.start.max(code_start);
        let Some(runs) = self.runs(text, line) else {
            row.push((&text[from..range.end], look));
            return row;
        };
        let mut run_start = code_start;
        for (end, tone) in runs {
            let run_end = code_start + end;
            let (start, end) = (run_start.max(from), run_end.min(range.end));
            if start < end && text.is_char_boundary(start) && text.is_char_boundary(end) {
                row.push((&text[start..end], Look::plain(tone)));
            }
            run_start = run_end;
        }
        if run_start < range.end && text.is_char_boundary(run_start.max(from)) {
            row.push((&text[run_start.max(from)..range.end], Look::plain(Tone::CodePlain)));
        }
        row
    }

    /// The runs of line `line`'s code, highlighting it (and those before it) if need be.
    fn runs(&self, text: &str, line: usize) -> Option<Vec<(usize, Tone)>> {
        let (highlighter, language) = self.language?;
        let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(Some(runs)) = cache.lines.get(line) {
            return Some(runs.clone());
        }
        let resume = match cache.cursor.take() {
            Some((next, cursor)) if next <= line && line - next <= CATCH_UP_LINES => (next, cursor),
            _ => (line.saturating_sub(RESYNC_LINES), LineHighlighter::new(highlighter, language)),
        };
        let (mut next, mut cursor) = resume;
        while next <= line {
            let code = self.code_of(text, next);
            let runs = cursor
                .line(&format!("{code}\n"))
                .into_iter()
                .filter(|(range, _)| range.start < code.len())
                .map(|(range, class)| (range.end.min(code.len()), Tone::code(class)))
                .collect();
            if let Some(slot) = cache.lines.get_mut(next) {
                slot.get_or_insert(runs);
            }
            next += 1;
        }
        cache.cursor = Some((next, cursor));
        cache.lines.get(line).cloned().flatten()
    }

    fn code_of<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let start = self.code_starts.get(line).copied().unwrap_or(text.len());
        let end = self.line_starts.get(line + 1).map_or(text.len(), |next| next - 1);
        text.get(start..end.max(start)).unwrap_or_default()
    }
}
