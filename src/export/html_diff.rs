//! Edits in the HTML export drawn as the browser draws them: each file changed by a tool call
//! as a unified diff (path, then removed and added lines with a little context). Every line
//! of text goes through the caller's `text` (redact, sanitize, HTML-escape) before it is put
//! in the page.

use std::fmt::Write as _;
use std::time::Duration;

use similar::{ChangeTag, TextDiff};

use crate::content::{Change, ChangeKind, PatchLine};

/// Unchanged lines kept around each change, as in the browser.
const CONTEXT_LINES: usize = 3;
/// Past this, the diff settles for a coarser (still correct) answer.
const DIFF_DEADLINE: Duration = Duration::from_millis(200);

/// The changes as HTML: one `<div class="diff">` per file. `text` makes a piece of text safe.
pub fn diff_html(changes: &[Change], text: &dyn Fn(&str) -> String) -> String {
    let mut out = String::new();
    for change in changes {
        let mut lines = Vec::new();
        match &change.kind {
            ChangeKind::Replace { old, new } => replacement(old, new, &mut lines),
            ChangeKind::Write { content } => lines.extend(content.lines().map(|line| ('+', line.to_string()))),
            ChangeKind::Delete => {}
            ChangeKind::Patch { lines: patch, .. } => lines.extend(patch.iter().map(|line| match line {
                PatchLine::Hunk(anchor) => ('@', format!("@@ {anchor}").trim_end().to_string()),
                PatchLine::Context(line) => (' ', line.clone()),
                PatchLine::Added(line) => ('+', line.clone()),
                PatchLine::Removed(line) => ('-', line.clone()),
            })),
        }
        let added = lines.iter().filter(|(marker, _)| *marker == '+').count();
        let removed = lines.iter().filter(|(marker, _)| *marker == '-').count();
        let _ = write!(out, "<div class=\"diff\"><div class=\"diff-path\">{}", path_label(change, text));
        if let Some(note) = note(&change.kind, added) {
            let _ = write!(out, " <span class=\"when\">{note}</span>");
        }
        if added > 0 {
            let _ = write!(out, " <span class=\"add\">+{added}</span>");
        }
        if removed > 0 {
            let _ = write!(out, " <span class=\"del\">−{removed}</span>");
        }
        out.push_str("</div>");
        if !lines.is_empty() {
            out.push_str("<pre class=\"diff-lines\">");
            for (marker, line) in &lines {
                let (class, shown) = match marker {
                    '+' => ("add", "+"),
                    '-' => ("del", "-"),
                    '@' => ("hunk", ""),
                    '⋯' => ("hunk", "⋯"),
                    _ => ("ctx", " "),
                };
                let _ = writeln!(out, "<span class=\"{class}\">{shown}{}</span>", text(line));
            }
            out.push_str("</pre>");
        }
        out.push_str("</div>\n");
    }
    out
}

fn path_label(change: &Change, text: &dyn Fn(&str) -> String) -> String {
    let path = if change.path.is_empty() { "(no path)".to_string() } else { text(&change.path) };
    match &change.kind {
        ChangeKind::Patch { moved_to: Some(to), .. } => format!("{path} → {}", text(to)),
        _ => path,
    }
}

fn note(kind: &ChangeKind, added: usize) -> Option<&'static str> {
    match kind {
        ChangeKind::Delete => Some("deleted"),
        ChangeKind::Write { .. } if added == 0 => Some("written empty"),
        ChangeKind::Write { .. } => Some("written whole"),
        _ => None,
    }
}

/// A fragment replaced: where it sits in the file is not recorded, so hunks are separated by
/// `⋯` rather than numbered.
fn replacement(old: &str, new: &str, lines: &mut Vec<(char, String)>) {
    let diff = TextDiff::configure().timeout(DIFF_DEADLINE).diff_lines(old, new);
    for (number, group) in diff.grouped_ops(CONTEXT_LINES).iter().enumerate() {
        if number > 0 {
            lines.push(('⋯', String::new()));
        }
        for op in group {
            for change in diff.iter_changes(op) {
                let marker = match change.tag() {
                    ChangeTag::Insert => '+',
                    ChangeTag::Delete => '-',
                    ChangeTag::Equal => ' ',
                };
                let value = change.value();
                lines.push((marker, value.strip_suffix('\n').unwrap_or(value).to_string()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escape(raw: &str) -> String {
        super::super::html::escape(raw)
    }

    #[test]
    fn a_replacement_is_a_diff_with_every_line_escaped() {
        let change = Change {
            path: "src/<main>.rs".into(),
            kind: ChangeKind::Replace { old: "a\nb <old>\nc\n".into(), new: "a\nb <new> & more\nc\n".into() },
        };
        let html = diff_html(&[change], &escape);
        assert_eq!(
            html,
            "<div class=\"diff\"><div class=\"diff-path\">src/&lt;main&gt;.rs <span class=\"add\">+1</span> \
             <span class=\"del\">−1</span></div><pre class=\"diff-lines\"><span class=\"ctx\"> a</span>\n\
             <span class=\"del\">-b &lt;old&gt;</span>\n<span class=\"add\">+b &lt;new&gt; &amp; more</span>\n\
             <span class=\"ctx\"> c</span>\n</pre></div>\n"
        );
    }

    #[test]
    fn writes_deletes_and_patches() {
        let changes = [
            Change { path: "new.txt".into(), kind: ChangeKind::Write { content: "one\ntwo\n".into() } },
            Change { path: "old.txt".into(), kind: ChangeKind::Delete },
            Change {
                path: "a.rs".into(),
                kind: ChangeKind::Patch {
                    moved_to: Some("b.rs".into()),
                    lines: vec![
                        PatchLine::Hunk("fn main()".into()),
                        PatchLine::Removed("x".into()),
                        PatchLine::Added("y".into()),
                    ],
                },
            },
        ];
        let html = diff_html(&changes, &escape);
        assert!(html.contains("new.txt <span class=\"when\">written whole</span> <span class=\"add\">+2</span>"));
        assert!(html.contains("<span class=\"add\">+one</span>\n<span class=\"add\">+two</span>"));
        assert!(html.contains("old.txt <span class=\"when\">deleted</span></div></div>"));
        assert!(html.contains("a.rs → b.rs"));
        assert!(html.contains(
            "<span class=\"hunk\">@@ fn main()</span>\n<span class=\"del\">-x</span>\n<span class=\"add\">+y</span>"
        ));
    }
}
