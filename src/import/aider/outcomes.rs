//! Which of aider's notes report how a reply's SEARCH/REPLACE blocks went, and for which block.
//!
//! After a reply (and its `> Tokens:` note) aider says, per file it changed, `Applied edit to
//! <path>` (`Did not apply edit to <path> (--dry-run)` in a dry run): that is the result of
//! every block of the reply editing that file. `Skipping edits to <path>` (the person refused
//! to let it edit a file outside the chat) fails them. When blocks do not apply, aider writes
//! `The LLM did not conform to the edit format.`, a link to its docs, then one note with the
//! report: `# N SEARCH/REPLACE block(s) failed to match!` echoing each failed block under
//! `## SearchReplaceNoExactMatch: ... lines in <path>` (those fail) and, when some applied,
//! `The other N ... were applied successfully` (those succeed). Any other report after the
//! warning (a malformed reply) fails every block still without a result. A reply's outcomes
//! come before the next reply or user message; blocks with none are left without a result.

use crate::content::{EditBlock, aider_note_text, edit_blocks, edit_call_id};

use super::sections::{Item, Kind};

/// A result a note gives: the call it answers and whether the edit failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Outcome {
    pub call_id: String,
    pub error: bool,
}

struct Call {
    id: String,
    block: EditBlock,
    answered: bool,
}

const CONFORM_WARNING: &str = "The LLM did not conform to the edit format.";

/// For each item of a run, the outcomes it reports (none for all but some notes).
pub(super) fn link(items: &[Item]) -> Vec<Vec<Outcome>> {
    let mut found = vec![Vec::new(); items.len()];
    let mut calls: Vec<Call> = Vec::new();
    let mut warned = false;
    for (at, item) in items.iter().enumerate() {
        match item.kind {
            Kind::Assistant => {
                calls = edit_blocks(&item.text)
                    .into_iter()
                    .map(|block| Call { id: edit_call_id(item.line as u64, block.head), block, answered: false })
                    .collect();
                warned = false;
            }
            Kind::User => {
                calls.clear();
                warned = false;
            }
            Kind::Note => {
                let note = aider_note_text(&item.text);
                let first = note.lines().next().unwrap_or_default().trim_end();
                if first == CONFORM_WARNING {
                    warned = true;
                } else if warned && first.starts_with("https://") {
                    continue;
                } else if let Some(path) = applied_path(first) {
                    found[at] = answer(&mut calls, |call| same_path(call, path), false);
                } else if let Some(path) = first.strip_prefix("Skipping edits to ") {
                    found[at] = answer(&mut calls, |call| same_path(call, path), true);
                } else if warned {
                    warned = false;
                    found[at] = report(&mut calls, &note);
                }
            }
        }
    }
    found
}

fn applied_path(first_line: &str) -> Option<&str> {
    first_line
        .strip_prefix("Applied edit to ")
        .or_else(|| first_line.strip_prefix("Did not apply edit to ").map(|p| p.trim_end_matches(" (--dry-run)")))
}

/// Paths as aider prints them against a block's file name (which may start `./`).
fn same_path(call: &Call, path: &str) -> bool {
    let clean = |p: &str| p.trim().trim_start_matches("./").replace('\\', "/");
    call.block.path.as_deref().is_some_and(|own| clean(own) == clean(path))
}

fn answer(calls: &mut [Call], matches: impl Fn(&Call) -> bool, error: bool) -> Vec<Outcome> {
    let mut outcomes = Vec::new();
    for call in calls.iter_mut().filter(|call| !call.answered) {
        if matches(call) {
            call.answered = true;
            outcomes.push(Outcome { call_id: call.id.clone(), error });
        }
    }
    outcomes
}

/// The report after the warning: failed blocks, then the others when it says they applied.
fn report(calls: &mut [Call], note: &str) -> Vec<Outcome> {
    let first = note.lines().next().unwrap_or_default();
    if !(first.contains("SEARCH/REPLACE") && first.contains("failed to match")) {
        return answer(calls, |_| true, true);
    }
    let lines: Vec<&str> = note.lines().collect();
    let mut outcomes = Vec::new();
    for failed in edit_blocks(note) {
        let path = failed
            .head
            .checked_sub(1)
            .and_then(|above| lines[above].strip_prefix("## SearchReplaceNoExactMatch:"))
            .and_then(|header| header.rsplit_once(" lines in "))
            .map(|(_, path)| path.trim().to_string())
            .or(failed.path.clone());
        let same_text = |call: &Call| call.block.search == failed.search && call.block.replace == failed.replace;
        let same_file = |call: &Call| path.as_deref().is_some_and(|p| same_path(call, p));
        let open = |call: &&mut Call| !call.answered;
        let chosen = calls
            .iter_mut()
            .filter(open)
            .find(|call| same_text(call) && same_file(call))
            .map(|call| call.id.clone())
            .or_else(|| calls.iter_mut().filter(open).find(|call| same_text(call)).map(|call| call.id.clone()))
            .or_else(|| calls.iter_mut().filter(open).find(|call| same_file(call)).map(|call| call.id.clone()));
        if let Some(id) = chosen {
            outcomes.extend(answer(calls, |call| call.id == id, true));
        }
    }
    if note.contains("were applied successfully") {
        outcomes.extend(answer(calls, |_| true, false));
    }
    outcomes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(kind: Kind, line: usize, text: &str) -> Item {
        Item { kind, line, text: text.to_string() }
    }

    const REPLY: &str = "Two edits.\n\na.rs\n```\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n```\n\nb.rs\n```\n<<<<<<< SEARCH\np\n=======\nq\n>>>>>>> REPLACE\n```";

    #[test]
    fn applied_notes_answer_the_blocks_of_their_file() {
        let items = [
            item(Kind::Assistant, 10, REPLY),
            item(Kind::Note, 30, "> Tokens: 1 sent  "),
            item(Kind::Note, 31, "> Applied edit to b.rs  "),
            item(Kind::Note, 32, "> Applied edit to ./a.rs  "),
        ];
        let found = link(&items);
        assert_eq!(found[1], []);
        assert_eq!(found[2], [Outcome { call_id: "edit-L23".into(), error: false }]);
        assert_eq!(found[3], [Outcome { call_id: "edit-L14".into(), error: false }]);
    }

    #[test]
    fn a_failure_report_fails_the_echoed_block_and_passes_the_others() {
        let report = "> # 1 SEARCH/REPLACE block failed to match!\n\n## SearchReplaceNoExactMatch: This SEARCH block failed to exactly match lines in b.rs\n<<<<<<< SEARCH\np\n=======\nq\n>>>>>>> REPLACE\n\nThe SEARCH section must exactly match etc\n\n# The other 1 SEARCH/REPLACE block were applied successfully.\nDon't re-send them.  ";
        let items = [
            item(Kind::Assistant, 10, REPLY),
            item(Kind::Note, 30, "> The LLM did not conform to the edit format.  "),
            item(Kind::Note, 31, "> https://aider.chat/docs/troubleshooting/edit-errors.html  "),
            item(Kind::Note, 32, report),
            item(Kind::Note, 50, "> Applied edit to a.rs  "),
        ];
        let found = link(&items);
        let expected =
            [Outcome { call_id: "edit-L23".into(), error: true }, Outcome { call_id: "edit-L14".into(), error: false }];
        assert_eq!(found[3], expected);
        assert_eq!(found[4], [], "already answered");
        let malformed = [
            item(Kind::Assistant, 10, REPLY),
            item(Kind::Note, 30, "> The LLM did not conform to the edit format.  "),
            item(Kind::Note, 31, "> Bad/missing filename.  "),
        ];
        assert!(link(&malformed)[2].iter().all(|outcome| outcome.error) && link(&malformed)[2].len() == 2);
    }
}
