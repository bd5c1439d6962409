//! File changes drawn as unified diffs: the path, then removed lines in red and added lines
//! in green, with a little context. Made once per loaded event (in `prepare`), so a diff is
//! computed only for events around the viewport, never for the whole session.

use std::time::Duration;

use similar::{ChangeTag, TextDiff};

use super::clean::clean;
use super::rows::{Piece, StyledLine};
use crate::content::{Change, ChangeKind, PatchLine};
use crate::tui::theme::Tone;

/// Unchanged lines kept around each change.
const CONTEXT_LINES: usize = 3;
/// Past this, the diff settles for a coarser (still correct) answer rather than hold a frame.
const DIFF_DEADLINE: Duration = Duration::from_millis(50);

/// The rows of every change, one after another.
pub(super) fn diff_lines(changes: &[Change]) -> Vec<StyledLine> {
    let mut out = Vec::new();
    for change in changes {
        let start = out.len();
        out.push(StyledLine::default());
        let (added, removed) = match &change.kind {
            ChangeKind::Replace { old, new } => replacement(old, new, &mut out),
            ChangeKind::Write { content } => {
                let mut added = 0;
                for line in content.lines() {
                    out.push(diff_line('+', line));
                    added += 1;
                }
                (added, 0)
            }
            ChangeKind::Delete => (0, 0),
            ChangeKind::Patch { lines, .. } => patch(lines, &mut out),
        };
        out[start] = path_line(change, added, removed);
    }
    out
}

/// `src/main.rs  +2 −1`, or what happened to the file when there are no lines to count.
fn path_line(change: &Change, added: usize, removed: usize) -> StyledLine {
    let path = if change.path.is_empty() { "(no path)".into() } else { clean(&change.path) };
    let mut line = StyledLine::plain(path, Tone::DiffPath);
    if let ChangeKind::Patch { moved_to: Some(to), .. } = &change.kind {
        line.push(&format!(" → {}", clean(to)), Tone::DiffPath.into());
    }
    let note = match &change.kind {
        ChangeKind::Delete => Some("deleted"),
        ChangeKind::Write { .. } if added == 0 => Some("written empty"),
        ChangeKind::Write { .. } => Some("written whole"),
        _ => None,
    };
    if let Some(note) = note {
        line.push(&format!("  {note}"), Tone::Dim.into());
    }
    if added > 0 {
        line.push(&format!("  +{added}"), Tone::DiffAdded.into());
    }
    if removed > 0 {
        line.push(&format!(" −{removed}"), Tone::DiffRemoved.into());
    }
    line
}

/// A fragment replaced: where it sits in the file is not recorded, so hunks are separated
/// rather than numbered.
fn replacement(old: &str, new: &str, out: &mut Vec<StyledLine>) -> (usize, usize) {
    let diff = TextDiff::configure().timeout(DIFF_DEADLINE).diff_lines(old, new);
    let (mut added, mut removed) = (0, 0);
    for (number, group) in diff.grouped_ops(CONTEXT_LINES).iter().enumerate() {
        if number > 0 {
            out.push(StyledLine::plain("⋯", Tone::DiffHunk));
        }
        for op in group {
            for change in diff.iter_changes(op) {
                let marker = match change.tag() {
                    ChangeTag::Insert => {
                        added += 1;
                        '+'
                    }
                    ChangeTag::Delete => {
                        removed += 1;
                        '-'
                    }
                    ChangeTag::Equal => ' ',
                };
                let text = change.value();
                out.push(diff_line(marker, text.strip_suffix('\n').unwrap_or(text)));
            }
        }
    }
    (added, removed)
}

fn patch(lines: &[PatchLine], out: &mut Vec<StyledLine>) -> (usize, usize) {
    let (mut added, mut removed) = (0, 0);
    for line in lines {
        out.push(match line {
            PatchLine::Hunk(anchor) => StyledLine::plain(format!("@@ {}", clean(anchor)).trim_end(), Tone::DiffHunk),
            PatchLine::Context(text) => diff_line(' ', text),
            PatchLine::Added(text) => {
                added += 1;
                diff_line('+', text)
            }
            PatchLine::Removed(text) => {
                removed += 1;
                diff_line('-', text)
            }
        });
    }
    (added, removed)
}

/// One line of a diff: its marker in front of every row it wraps to, so a wrapped line is
/// still plainly an addition or a removal.
fn diff_line(marker: char, text: &str) -> StyledLine {
    let tone = match marker {
        '+' => Tone::DiffAdded,
        '-' => Tone::DiffRemoved,
        _ => Tone::DiffContext,
    };
    let mut line = StyledLine::plain(clean(text), tone);
    line.first_prefix = vec![Piece::new(format!("{marker} "), tone)];
    line.rest_prefix = vec![Piece::new(if marker == ' ' { "  " } else { "┆ " }, tone)];
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(lines: &[StyledLine]) -> Vec<String> {
        lines
            .iter()
            .map(|line| line.first_prefix.iter().map(|p| p.text.as_str()).collect::<String>() + &line.text)
            .collect()
    }

    #[test]
    fn a_replacement_is_a_unified_diff_with_its_counts() {
        let change = Change {
            path: "src/main.rs".into(),
            kind: ChangeKind::Replace {
                old: "fn main() {\n    a();\n}\n".into(),
                new: "fn main() {\n    b();\n}\n".into(),
            },
        };
        let lines = diff_lines(&[change]);
        assert_eq!(shown(&lines), ["src/main.rs  +1 −1", "  fn main() {", "-     a();", "+     b();", "  }"]);
        let tones: Vec<Tone> = lines.iter().map(|line| line.runs[0].1.tone).collect();
        assert_eq!(tones[2..4], [Tone::DiffRemoved, Tone::DiffAdded]);
    }

    #[test]
    fn far_apart_changes_are_separate_hunks() {
        let old: String = (0..20).map(|i| format!("line {i}\n")).collect();
        let new = old.replace("line 1\n", "one\n").replace("line 18\n", "eighteen\n");
        let lines = diff_lines(&[Change { path: "f".into(), kind: ChangeKind::Replace { old, new } }]);
        assert_eq!(shown(&lines).iter().filter(|line| *line == "⋯").count(), 1);
    }

    #[test]
    fn a_written_file_is_all_additions_and_a_deleted_one_says_so() {
        let written = Change { path: "N.md".into(), kind: ChangeKind::Write { content: "# N\n\n- x\n".into() } };
        let deleted = Change { path: "old.txt".into(), kind: ChangeKind::Delete };
        assert_eq!(
            shown(&diff_lines(&[written, deleted])),
            ["N.md  written whole  +3", "+ # N", "+ ", "+ - x", "old.txt  deleted"]
        );
    }

    #[test]
    fn untrusted_paths_and_lines_are_cleaned() {
        let change = Change {
            path: "a\x1b[2Jb".into(),
            kind: ChangeKind::Replace { old: "x\x07".into(), new: "\x1b]0;t\x07y".into() },
        };
        let drawn = shown(&diff_lines(&[change])).concat();
        assert!(!drawn.contains(['\x1b', '\x07']), "{drawn:?}");
    }
}
