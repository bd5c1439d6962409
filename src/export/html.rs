//! The HTML export: one self-contained page to share a session (edits drawn as diffs by
//! `html_diff`). Inline CSS only: no script,
//! no fonts, images or styles fetched (a Content-Security-Policy forbids them too), readable
//! in light and dark mode (`prefers-color-scheme`). Tool calls, results and reasoning are
//! collapsible `<details>`. Every piece of text is HTML-escaped after its terminal controls
//! are removed, so a transcript cannot inject markup.

use std::fmt::Write as _;

use super::code::escape_with_code;
use super::{Parts, Redaction, parts};
use crate::content::{self, Block, CallIndex, Role};
use crate::store::{Event, Session};

const STYLE: &str = include_str!("page.css");

/// The session as one HTML page, with what `redaction` hides replaced.
pub fn to_html(session: &Session, events: &[Event], redaction: Redaction) -> String {
    let text = |raw: &str| escape(&content::sanitize(&redaction.apply(raw)));
    let title = text(&content::one_line(&session.title));
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n<title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n\
         <header><h1>{title}</h1><p class=\"meta\">{} · {} · {} events</p></header>\n",
        text(&session.id),
        text(crate::agents::display_name(&session.source)),
        session.event_count
    );
    let mut calls = CallIndex::new();
    let mut reads = std::collections::HashMap::new();
    let parsed: Vec<_> = events
        .iter()
        .map(|event| {
            let value = event.json();
            let blocks = content::parse(&value);
            calls.record(event.seq, &blocks);
            for block in &blocks {
                if let Block::ToolCall { id: Some(id), name, arguments } = block
                    && let Some(read) = content::file_read(name, arguments)
                {
                    reads.insert(id.clone(), read.path);
                }
            }
            (event, content::describe(&value), blocks)
        })
        .collect();
    for (event, info, blocks) in &parsed {
        let who = info.agent.as_deref().or(info.model.as_deref()).map(|name| format!(" · {}", text(name)));
        let when = format!("#{} · {}{}", event.seq, crate::time::local(event.created_at), who.unwrap_or_default());
        for block in blocks {
            let Parts { heading, body, code } = parts(block, &calls);
            let class = block_class(block);
            if let Some(changes) = edits(block) {
                // An edit as the browser draws it: a diff rather than its arguments' JSON.
                let _ = writeln!(
                    out,
                    "<details class=\"block {class}\"><summary>{} <span class=\"when\">{when}</span></summary>{}</details>",
                    text(&heading),
                    super::html_diff::diff_html(&changes, &text)
                );
                continue;
            }
            let body = match block {
                // Text says what its fences hold; drawn in colour like in the browser. The
                // grammars are loaded only for text that has a fence.
                Block::Text { .. } if !code && body.contains("```") => {
                    escape_with_code(&content::sanitize(&redaction.apply(&body)), crate::syntax::load())
                }
                // A file read shows the file, highlighted by its extension as in the browser.
                Block::ToolResult { call_id: Some(id), is_error: false, .. } if reads.contains_key(id) => {
                    let redacted = redaction.apply(&body);
                    let path = reads.get(id).map_or("", String::as_str);
                    super::code::escape_read(&redacted, path, crate::syntax::load())
                        .unwrap_or_else(|| escape(&content::sanitize(&redacted)))
                }
                _ => text(&body),
            };
            let heading = text(&heading);
            if code || matches!(block, Block::Reasoning { .. }) {
                let tag = if code { "pre" } else { "div" };
                let _ = writeln!(
                    out,
                    "<details class=\"block {class}\"><summary>{heading} <span class=\"when\">{when}</span></summary>\
                     <{tag} class=\"body\">{body}</{tag}></details>"
                );
            } else {
                let _ = writeln!(
                    out,
                    "<section class=\"block {class}\"><div class=\"who\">{heading} <span class=\"when\">{when}</span></div>\
                     <div class=\"body\">{body}</div></section>"
                );
            }
        }
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The files a tool call changes, when it is an edit tool recall recognises.
fn edits(block: &Block) -> Option<Vec<content::Change>> {
    match block {
        Block::ToolCall { name, arguments, .. } => content::changes(name, arguments),
        _ => None,
    }
}

fn block_class(block: &Block) -> &'static str {
    match block {
        Block::Text { role: Role::User, .. } => "user",
        Block::Text { role: Role::Assistant, .. } => "assistant",
        Block::Text { role: Role::System, .. } => "system",
        Block::Text { role: Role::Tool, .. } => "tool",
        Block::Text { role: Role::Context, .. } => "context",
        Block::ToolCall { .. } => "tool-call",
        Block::ToolResult { is_error: true, .. } => "tool-result error",
        Block::ToolResult { .. } => "tool-result",
        Block::Reasoning { .. } => "reasoning",
        Block::Handoff { .. } => "handoff",
        Block::Raw { .. } => "raw",
    }
}

/// `text` safe inside an element or a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            ch => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            escape("<script>a && 'b'</script>\""),
            "&lt;script&gt;a &amp;&amp; &#39;b&#39;&lt;/script&gt;&quot;"
        );
    }
}

#[cfg(test)]
mod read_tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn a_file_read_is_exported_highlighted_with_its_line_numbers_apart() {
        let store = Store::open_in_memory().expect("store");
        crate::demo::fill(&store, chrono::Utc::now()).expect("the demo");
        let sessions = store.list_sessions(0, 100).expect("sessions");
        let claude =
            sessions.iter().find(|s| s.title == "Keep quoted newlines in the CSV reader").expect("the session");
        let html = to_html(claude, &store.events(&claude.id).expect("events"), Redaction::NONE);
        // reader.py as read: `import csv` on line 1, a comment on line 5.
        assert!(html.contains("<span class=\"ln\">1</span>  <span class=\"c-keyword\">import</span>"), "{html}");
        assert!(html.contains("<span class=\"c-comment\"># BUG"), "{html}");
    }
}
