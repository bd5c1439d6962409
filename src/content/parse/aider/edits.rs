//! Aider's SEARCH/REPLACE blocks (the `diff` and `diff-fenced` edit formats), found in a reply's
//! Markdown the way aider's own `find_original_update_blocks` finds them:
//!
//! ````text
//! src/main.rs            <- the file name, up to three lines above, past fence lines
//! ```rust
//! <<<<<<< SEARCH         <- 5 to 9 `<`
//!     println!("hello");
//! =======                <- 5 to 9 `=`
//!     println!("hi");
//! >>>>>>> REPLACE        <- 5 to 9 `>`
//! ```
//! ````
//!
//! A block with no file name above it edits the file of the block before, as in aider.

use std::ops::Range;

/// One SEARCH/REPLACE block of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EditBlock {
    pub path: Option<String>,
    pub search: String,
    pub replace: String,
    /// Lines of the text (0-based) the block takes: from its file name through its closing fence.
    pub span: Range<usize>,
    /// The line of `<<<<<<< SEARCH`.
    pub head: usize,
}

/// The tool call id of the block whose `<<<<<<< SEARCH` is line `head` of a text that starts
/// at line `first_line` of its file: unique in the file, and the same on every read.
pub(crate) fn edit_call_id(first_line: u64, head: usize) -> String {
    format!("edit-L{}", first_line + head as u64)
}

/// The SEARCH/REPLACE blocks of `text`, in order. Unfinished blocks are not blocks.
pub(crate) fn edit_blocks(text: &str) -> Vec<EditBlock> {
    let lines: Vec<&str> = text.lines().collect();
    let mut blocks = Vec::new();
    let mut last_path: Option<String> = None;
    let mut at = 0;
    while at < lines.len() {
        if !is_marker(lines[at], '<', "SEARCH") {
            at += 1;
            continue;
        }
        let head = at;
        let Some(divider) = (head + 1..lines.len()).find(|&k| is_marker(lines[k], '=', "")) else { break };
        let Some(updated) = (divider + 1..lines.len()).find(|&k| is_marker(lines[k], '>', "REPLACE")) else { break };
        let floor = blocks.last().map_or(0, |b: &EditBlock| b.span.end);
        let (name, start) = file_name(&lines, head, floor);
        let path = name.or_else(|| last_path.clone());
        last_path.clone_from(&path);
        let mut end = updated + 1;
        if lines.get(end).is_some_and(|line| line.trim_start().starts_with("```")) {
            end += 1;
        }
        blocks.push(EditBlock {
            path,
            search: lines[head + 1..divider].join("\n"),
            replace: lines[divider + 1..updated].join("\n"),
            span: start..end,
            head,
        });
        at = end;
    }
    blocks
}

/// Whether `line` is a block's `<<<<<<< SEARCH`.
pub(crate) fn opens_edit_block(line: &str) -> bool {
    is_marker(line, '<', "SEARCH")
}

/// Whether `line` is a block's `>>>>>>> REPLACE`.
pub(crate) fn closes_edit_block(line: &str) -> bool {
    is_marker(line, '>', "REPLACE")
}

/// `<<<<<<< SEARCH`, `=======` or `>>>>>>> REPLACE`: 5 to 9 of `mark`, then ` word` (SEARCH may
/// end in `>`), then only blanks.
fn is_marker(line: &str, mark: char, word: &str) -> bool {
    let line = line.trim_end();
    let rest = line.trim_start_matches(mark);
    let count = line.len() - rest.len();
    if !(5..=9).contains(&count) {
        return false;
    }
    match word {
        "" => rest.is_empty(),
        "SEARCH" => rest == " SEARCH" || rest == " SEARCH>",
        _ => rest.strip_prefix(' ') == Some(word),
    }
}

/// The file name above the block at `head`, and the first line the block takes. Looks at most
/// three lines up, and past a line only when it is a fence; never above `floor`.
fn file_name(lines: &[&str], head: usize, floor: usize) -> (Option<String>, usize) {
    let mut start = head;
    let mut name = None;
    for at in (head.saturating_sub(3).max(floor)..head).rev() {
        let line = lines[at].trim();
        let fence = line.starts_with("```");
        if let Some(found) = strip_file_name(line) {
            name = Some(found);
            start = at;
        } else if fence {
            start = at;
        }
        if !fence || name.is_some() {
            break;
        }
    }
    // `diff-fenced` opens the fence above the file name.
    if name.is_some() && start > floor && lines[start - 1].trim_start().starts_with("```") && start - 1 < head {
        start -= 1;
    }
    (name, start)
}

/// A file name as aider reads one off a line: a fence's info string only when it looks like a
/// path; otherwise the line without `#`, a trailing `:`, backticks and asterisks.
fn strip_file_name(line: &str) -> Option<String> {
    if line == "..." {
        return None;
    }
    if let Some(info) = line.strip_prefix("```") {
        let info = info.trim_start_matches('`').trim();
        return (info.contains('.') || info.contains('/')).then(|| info.to_string());
    }
    let name = line.trim_end_matches(':').trim_start_matches('#').trim().trim_matches('`').trim_matches('*');
    (!name.is_empty()).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_blocks_with_their_file_and_fences() {
        let text = "I'll change it.\n\nsrc/main.rs\n```rust\n<<<<<<< SEARCH\n    a();\n=======\n    b();\n>>>>>>> REPLACE\n```\n\nNOTES.md\n```markdown\n<<<<<<< SEARCH\n=======\n# Notes\n>>>>>>> REPLACE\n```\n\nDone.";
        let blocks = edit_blocks(text);
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].path.as_deref(), Some("src/main.rs"));
        assert_eq!((blocks[0].search.as_str(), blocks[0].replace.as_str()), ("    a();", "    b();"));
        assert_eq!((blocks[0].span.clone(), blocks[0].head), (2..10, 4));
        assert_eq!(blocks[1].path.as_deref(), Some("NOTES.md"));
        assert_eq!((blocks[1].search.as_str(), blocks[1].replace.as_str()), ("", "# Notes"));
        assert_eq!(blocks[1].span, 11..18);
        assert_eq!(edit_call_id(10, blocks[1].head), "edit-L23");
    }

    #[test]
    fn fenced_file_names_missing_names_and_unfinished_blocks() {
        let fenced = "```\nsrc/lib.rs\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n```\n<<<<<<< SEARCH\ny\n=======\nz\n>>>>>>> REPLACE";
        let blocks = edit_blocks(fenced);
        assert_eq!(blocks.iter().map(|b| b.path.as_deref()).collect::<Vec<_>>(), [Some("src/lib.rs"); 2]);
        assert_eq!((blocks[0].span.clone(), blocks[1].span.clone()), (0..8, 8..13));
        assert!(edit_blocks("a.rs\n<<<<<<< SEARCH\nx\n=======\ny").is_empty());
        assert!(!is_marker("<<<< SEARCH", '<', "SEARCH") && !is_marker(">>>>>>>>>> REPLACE", '>', "REPLACE"));
    }
}
