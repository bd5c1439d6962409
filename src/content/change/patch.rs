//! Codex's patch envelope: `*** Begin Patch`, then per file `*** Add File: p` (lines of
//! `+`), `*** Delete File: p`, or `*** Update File: p` (an optional `*** Move to: q`, then
//! hunks: `@@ anchor`, and lines of ` `, `-`, `+`), and `*** End Patch`.
//!
//! Read leniently, as models write it: text before the envelope (a heredoc's first line) is
//! skipped, a missing `*** End Patch` ends at the end, and a bare empty line in a hunk is a
//! context line whose space was lost.

use super::{Change, ChangeKind, PatchLine};

/// The changes a patch makes, or `None` when `patch` has no envelope or names no file.
pub fn parse_patch(patch: &str) -> Option<Vec<Change>> {
    let mut lines = patch.lines().skip_while(|line| line.trim_end() != "*** Begin Patch");
    lines.next()?;
    let mut changes: Vec<Change> = Vec::new();
    // Lines of an added file, gathered until the next header.
    let mut added: Option<String> = None;
    for line in lines {
        if line.trim_end() == "*** End Patch" {
            break;
        }
        if let Some(header) = line.strip_prefix("*** ") {
            finish_added(&mut changes, &mut added);
            if let Some(path) = header.strip_prefix("Add File: ") {
                changes
                    .push(Change { path: path.trim().to_owned(), kind: ChangeKind::Write { content: String::new() } });
                added = Some(String::new());
            } else if let Some(path) = header.strip_prefix("Delete File: ") {
                changes.push(Change { path: path.trim().to_owned(), kind: ChangeKind::Delete });
            } else if let Some(path) = header.strip_prefix("Update File: ") {
                let kind = ChangeKind::Patch { moved_to: None, lines: Vec::new() };
                changes.push(Change { path: path.trim().to_owned(), kind });
            } else if let Some(to) = header.strip_prefix("Move to: ")
                && let Some(ChangeKind::Patch { moved_to, .. }) = changes.last_mut().map(|c| &mut c.kind)
            {
                *moved_to = Some(to.trim().to_owned());
            }
            // `*** End of File` and anything unknown: nothing to show.
            continue;
        }
        if let Some(content) = added.as_mut() {
            content.push_str(line.strip_prefix('+').unwrap_or(line));
            content.push('\n');
            continue;
        }
        if let Some(ChangeKind::Patch { lines, .. }) = changes.last_mut().map(|c| &mut c.kind) {
            lines.push(patch_line(line));
        }
    }
    finish_added(&mut changes, &mut added);
    (!changes.is_empty()).then_some(changes)
}

fn patch_line(line: &str) -> PatchLine {
    if let Some(anchor) = line.strip_prefix("@@") {
        return PatchLine::Hunk(anchor.trim().to_owned());
    }
    match line.split_at_checked(1) {
        Some(("+", rest)) => PatchLine::Added(rest.to_owned()),
        Some(("-", rest)) => PatchLine::Removed(rest.to_owned()),
        Some((" ", rest)) => PatchLine::Context(rest.to_owned()),
        _ => PatchLine::Context(line.to_owned()),
    }
}

fn finish_added(changes: &mut [Change], added: &mut Option<String>) {
    if let (Some(content), Some(Change { kind: ChangeKind::Write { content: slot }, .. })) =
        (added.take(), changes.last_mut())
    {
        *slot = content;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patch_with_every_kind_of_section() {
        let patch = "apply_patch <<'EOF'\n*** Begin Patch\n*** Add File: hello.txt\n+Hello\n+world\n\
                     *** Update File: src/app.py\n*** Move to: src/main.py\n@@ def greet():\n-print(\"Hi\")\n\
                     +print(\"Hello\")\n \n\n*** End of File\n*** Delete File: obsolete.txt\n*** End Patch\nEOF\n";
        let changes = parse_patch(patch).expect("a patch");
        assert_eq!(
            changes,
            vec![
                Change { path: "hello.txt".into(), kind: ChangeKind::Write { content: "Hello\nworld\n".into() } },
                Change {
                    path: "src/app.py".into(),
                    kind: ChangeKind::Patch {
                        moved_to: Some("src/main.py".into()),
                        lines: vec![
                            PatchLine::Hunk("def greet():".into()),
                            PatchLine::Removed("print(\"Hi\")".into()),
                            PatchLine::Added("print(\"Hello\")".into()),
                            PatchLine::Context(String::new()),
                            PatchLine::Context(String::new()),
                        ],
                    },
                },
                Change { path: "obsolete.txt".into(), kind: ChangeKind::Delete },
            ]
        );
    }

    #[test]
    fn no_envelope_or_no_file_is_no_patch() {
        assert_eq!(parse_patch("--- a\n+++ b\n@@ -1 +1 @@\n-x\n+y\n"), None);
        assert_eq!(parse_patch("*** Begin Patch\n*** End Patch\n"), None);
    }

    #[test]
    fn a_patch_cut_short_keeps_what_it_has() {
        let changes = parse_patch("*** Begin Patch\n*** Update File: a\n@@\n-x\n+y").expect("a patch");
        assert_eq!(changes.len(), 1);
        assert!(matches!(&changes[0].kind, ChangeKind::Patch { lines, .. } if lines.len() == 3));
    }
}
