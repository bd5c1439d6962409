//! Cutting `.aider.chat.history.md` into runs (`# aider chat started at ...`) and, within a
//! run, into messages, keeping each message's exact lines.
//!
//! How aider writes them (`aider/io.py`, 0.86): a user message is `#### ` lines, each ending in
//! two spaces; a reply is plain lines (`"\n" + reply.strip() + "\n\n"`); a note is `> ` and
//! the text, the `> ` only on the first line of a multi-line note and two spaces only at the
//! end of its last. A reply line starting `> ` (a Markdown quote) cannot be told from a note,
//! except inside a SEARCH/REPLACE block, whose lines always belong to the reply.

use crate::content::{closes_edit_block, opens_edit_block};

pub(super) const HEADER: &str = "# aider chat started at ";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    User,
    Assistant,
    Note,
}

impl Kind {
    pub(super) fn name(self) -> &'static str {
        match self {
            Kind::User => "user",
            Kind::Assistant => "assistant",
            Kind::Note => "note",
        }
    }
}

/// One message: its kind, its first line (1-based) and its exact text, line endings inside it
/// included, the last line's ending left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Item {
    pub kind: Kind,
    pub line: usize,
    pub text: String,
}

/// One run of aider: the text after `started at` on its first line, and its messages.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Section {
    pub line: usize,
    pub started: String,
    pub items: Vec<Item>,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct History {
    pub sections: Vec<Section>,
    /// Lines left out, by number, and why.
    pub skipped: Vec<(usize, String)>,
}

struct Line<'a> {
    number: usize,
    body: &'a str,
    ending: &'a str,
}

pub(super) fn split(bytes: &[u8]) -> History {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut history = History::default();
    let mut lines = Vec::new();
    let mut rest = bytes;
    let mut number = 0;
    while !rest.is_empty() {
        number += 1;
        let (raw, next) = match rest.iter().position(|&b| b == b'\n') {
            Some(at) => (&rest[..=at], &rest[at + 1..]),
            None => (rest, &rest[rest.len()..]),
        };
        rest = next;
        let ending_len = if raw.ends_with(b"\r\n") { 2 } else { usize::from(raw.ends_with(b"\n")) };
        let (body, ending) = raw.split_at(raw.len() - ending_len);
        match (std::str::from_utf8(body), std::str::from_utf8(ending)) {
            (Ok(body), Ok(ending)) => lines.push(Line { number, body, ending }),
            (Err(e), _) | (_, Err(e)) => {
                history.skipped.push((number, format!("not UTF-8: {e}")));
                lines.push(Line { number, body: "", ending: "\n" });
            }
        }
    }
    let starts: Vec<usize> = (0..lines.len()).filter(|&at| lines[at].body.starts_with(HEADER)).collect();
    let first = starts.first().copied().unwrap_or(lines.len());
    if let Some(stray) = lines[..first].iter().find(|line| !line.body.trim().is_empty()) {
        history.skipped.push((stray.number, "text before the first `# aider chat started at` line".to_string()));
    }
    for (index, &start) in starts.iter().enumerate() {
        let end = starts.get(index + 1).copied().unwrap_or(lines.len());
        history.sections.push(Section {
            line: lines[start].number,
            started: lines[start].body[HEADER.len()..].trim().to_string(),
            items: items(&lines[start + 1..end]),
        });
    }
    history.skipped.sort();
    history
}

fn is_user(body: &str) -> bool {
    body.starts_with("#### ") && body.ends_with("  ")
}

fn is_note_start(body: &str) -> bool {
    body.starts_with("> ")
}

fn is_blank(line: &Line<'_>) -> bool {
    line.body.trim().is_empty()
}

fn items(lines: &[Line<'_>]) -> Vec<Item> {
    let mut items = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        let body = lines[at].body;
        let (kind, last) = if is_blank(&lines[at]) {
            at += 1;
            continue;
        } else if is_user(body) {
            let run = lines[at..].iter().take_while(|line| is_user(line.body)).count();
            (Kind::User, at + run - 1)
        } else if is_note_start(body) {
            let closing = (at..lines.len()).find(|&k| lines[k].body.ends_with("  "));
            (Kind::Note, closing.unwrap_or_else(|| last_filled(lines, at, lines.len())))
        } else {
            (Kind::Assistant, reply_end(lines, at))
        };
        items.push(Item { kind, line: lines[at].number, text: text_of(&lines[at..=last]) });
        at = last + 1;
    }
    items
}

/// The last line of the reply starting at `start`: it runs until a user line or a note, and
/// through whole SEARCH/REPLACE blocks; blank lines at its end are not its own.
fn reply_end(lines: &[Line<'_>], start: usize) -> usize {
    let mut at = start;
    let mut last = start;
    while at < lines.len() {
        let body = lines[at].body;
        if at > start && (is_user(body) || is_note_start(body)) {
            break;
        }
        if opens_edit_block(body)
            && let Some(close) = (at + 1..lines.len()).find(|&k| closes_edit_block(lines[k].body))
        {
            last = close;
            at = close + 1;
            continue;
        }
        if !is_blank(&lines[at]) {
            last = at;
        }
        at += 1;
    }
    last
}

fn last_filled(lines: &[Line<'_>], from: usize, to: usize) -> usize {
    (from..to).rev().find(|&k| !is_blank(&lines[k])).unwrap_or(from)
}

fn text_of(lines: &[Line<'_>]) -> String {
    let mut text = String::new();
    for (index, line) in lines.iter().enumerate() {
        text.push_str(line.body);
        if index + 1 < lines.len() {
            text.push_str(line.ending);
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(section: &Section) -> Vec<(Kind, usize)> {
        section.items.iter().map(|item| (item.kind, item.line)).collect()
    }

    #[test]
    fn runs_messages_and_a_note_prefixed_once() {
        let text = "\n# aider chat started at 2026-11-30 23:03:56\n\n> aider --message hi  \n> Aider v0.86.2  \n\n#### Fix it  \n#### please  \n\nOK.\n\n> quote in a reply?\nno: a note until two spaces  \n> # 1 SEARCH/REPLACE block failed to match!\r\n\r\n## SearchReplaceNoExactMatch: in a.md\r\n<<<<<<< SEARCH\r\n> quoted\r\n=======\r\n>>>>>>> REPLACE\r\netc  \r\n\n# aider chat started at 2026-11-30 23:04:00\n";
        let history = split(text.as_bytes());
        assert!(history.skipped.is_empty(), "{:?}", history.skipped);
        assert_eq!(history.sections.len(), 2);
        let run = &history.sections[0];
        assert_eq!((run.line, run.started.as_str()), (2, "2026-11-30 23:03:56"));
        use Kind::*;
        assert_eq!(kinds(run), [(Note, 4), (Note, 5), (User, 7), (Assistant, 10), (Note, 12), (Note, 14)]);
        assert_eq!(run.items[2].text, "#### Fix it  \n#### please  ");
        assert_eq!(run.items[4].text, "> quote in a reply?\nno: a note until two spaces  ");
        assert!(run.items[5].text.starts_with("> # 1 SEARCH") && run.items[5].text.ends_with("\r\netc  "));
        assert!(history.sections[1].items.is_empty());
    }

    #[test]
    fn a_reply_keeps_its_blocks_and_blank_lines_and_bad_lines_are_named() {
        let text = b"# aider chat started at x\n\nsrc/a.md\n```\n<<<<<<< SEARCH\n> old\n=======\n> new\n>>>>>>> REPLACE\n```\n\nDone.\n\n\n> Tokens: 1 sent  \n\xff\n";
        let history = split(text);
        let run = &history.sections[0];
        assert_eq!(kinds(run), [(Kind::Assistant, 3), (Kind::Note, 15)]);
        assert!(run.items[0].text.ends_with("```\n\nDone."));
        assert_eq!(history.skipped, [(16, "not UTF-8: invalid utf-8 sequence of 1 bytes from index 0".to_string())]);
        let stray = split(b"hello\n# aider chat started at x\n");
        assert_eq!(stray.skipped[0].0, 1);
    }
}
