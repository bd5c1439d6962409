//! What each block looks like, before the pane width is known: cleaned text, parsed
//! Markdown, titles and fold rules. Done once per loaded event, reused at every width.

use std::sync::Arc;

use super::calls::{command_lines, outcome_note, read_line, search_line, task_lines};
use super::clean::clean;
use super::diff::diff_lines;
use super::markdown::markdown_lines;
use super::read::{CodeLines, ReadText, read_text};
use super::rows::StyledLine;
use crate::content::{Block, FileRead, Role};
use crate::syntax::Highlighter;
use crate::tui::theme::{Look, Tone};

/// Beyond this, a message is shown as plain text: parsing and wrapping megabytes of Markdown
/// eagerly would blow the frame budget, and plain text wraps lazily.
pub(crate) const MARKDOWN_LIMIT: usize = 256 * 1024;

/// Tool output, tool arguments and raw JSON: rows shown when folded.
const TOOL_PREVIEW_ROWS: usize = 5;
const REASONING_PREVIEW_ROWS: usize = 2;
const CONTEXT_PREVIEW_ROWS: usize = 3;

#[derive(Debug)]
pub(crate) struct PreparedBlock {
    pub title: Option<StyledLine>,
    pub body: Body,
    pub fold: Option<FoldRule>,
    /// Drawn from what its arguments mean (a diff); `v` shows them as written instead.
    pub has_raw_view: bool,
}

#[derive(Debug)]
pub(crate) enum Body {
    None,
    /// Wrapped eagerly: small by construction.
    Lines(Vec<StyledLine>),
    /// Wrapped lazily, from an index of row starts: may be megabytes.
    Plain {
        text: Arc<str>,
        look: Look,
        indented: bool,
        /// Where a folded preview starts: past a harness's header, at what the tool printed.
        preview_from: usize,
        /// A file read: its lines as code.
        code: Option<Arc<CodeLines>>,
    },
}

/// How a block folds. It folds only when that hides something: more than `preview_rows + 1`
/// rows, since the fold itself takes a row to say what it hides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FoldRule {
    pub preview_rows: usize,
    pub folded_by_default: bool,
    pub group: FoldGroup,
}

/// Blocks shown, folded or hidden all at once on request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FoldGroup {
    /// Tool calls, tool results and raw JSON (`t`).
    Tools,
    /// Reasoning (`T`).
    Reasoning,
    /// Only one by one.
    Alone,
}

const BULK: FoldRule = FoldRule { preview_rows: TOOL_PREVIEW_ROWS, folded_by_default: true, group: FoldGroup::Tools };

/// `shown_raw(block)`: whether the person asked to see that block's arguments as written.
/// What a tool result answers, when that changes how it is drawn.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Answered {
    /// A file read: drawn as that file.
    Read(FileRead),
    /// A shell command: how it ended goes in the title.
    Shell,
}

impl Answered {
    pub fn of(name: &str, arguments: &str) -> Option<Answered> {
        if let Some(read) = crate::content::file_read(name, arguments) {
            return Some(Answered::Read(read));
        }
        crate::content::shell_command(name, arguments).map(|_| Answered::Shell)
    }
}

/// `code`: the highlighter, once loaded; until then code is drawn plain. `answered[block]`:
/// the call a tool result answers, when known and of a kind drawn its own way.
pub(crate) fn prepare(
    blocks: &[Block],
    shown_raw: impl Fn(usize) -> bool,
    code: Option<&'static Highlighter>,
    answered: &[Option<Answered>],
) -> Vec<PreparedBlock> {
    let call = |number: usize| answered.get(number).and_then(Option::as_ref);
    blocks
        .iter()
        .enumerate()
        .map(|(number, block)| prepare_block(block, shown_raw(number), code, call(number)))
        .collect()
}

fn prepare_block(
    block: &Block,
    raw: bool,
    code: Option<&'static Highlighter>,
    answered: Option<&Answered>,
) -> PreparedBlock {
    match block {
        Block::Text { role, text } => prepare_text(*role, text, code),
        Block::ToolCall { name, arguments, .. } => {
            let title = StyledLine::plain(format!("⚙ {}", clean(name)), Tone::ToolCallTitle);
            let changes = crate::content::changes(name, arguments);
            let drawn = changes.map(|changes| diff_lines(&changes)).or_else(|| drawn_call(name, arguments));
            let has_raw_view = drawn.is_some();
            let body = match drawn {
                _ if matches!(arguments.trim(), "" | "{}") => Body::None,
                _ if raw => plain_body(arguments, Tone::ToolArguments, true),
                Some(lines) => Body::Lines(lines),
                None => plain_body(arguments, Tone::ToolArguments, true),
            };
            PreparedBlock { title: Some(title), body, fold: Some(BULK), has_raw_view }
        }
        Block::ToolResult { call_id, name, output, is_error } => {
            let (verb, title_tone, tone) = if *is_error {
                ("↳ error from", Tone::ErrorTitle, Tone::ErrorOutput)
            } else {
                ("↳ result of", Tone::ToolResultTitle, Tone::ToolOutput)
            };
            let title = match (name, call_id) {
                (Some(name), _) => format!("{verb} {}", clean(name)),
                (None, Some(id)) => format!("{verb} call {}", clean(id)),
                (None, None) if *is_error => "↳ tool error".to_owned(),
                (None, None) => "↳ tool result".to_owned(),
            };
            let as_file = match answered {
                Some(Answered::Read(read)) if !*is_error => read_text(output, &read.path, code),
                _ => None,
            };
            let body = if output.trim().is_empty() {
                Body::Lines(vec![StyledLine::plain("(no output)", Tone::Dim)])
            } else if let Some(ReadText { text, code }) = as_file {
                let look = Look::plain(Tone::ToolOutput);
                Body::Plain { text: Arc::from(text), look, indented: true, preview_from: 0, code: Some(Arc::new(code)) }
            } else {
                output_body(output, tone)
            };
            let mut title = StyledLine::plain(title, title_tone);
            if let Some(Answered::Shell) = answered {
                outcome_note(crate::content::shell_outcome(output), &mut title);
            }
            PreparedBlock { title: Some(title), body, fold: Some(BULK), has_raw_view: false }
        }
        Block::Reasoning { text } => PreparedBlock {
            title: Some(StyledLine::plain("∴ reasoning", Tone::RoleReasoning)),
            // Models write their reasoning in Markdown too: drawn as such, in the dim tone.
            body: if text.len() <= MARKDOWN_LIMIT {
                let lines = markdown_lines(&clean(text), Tone::Reasoning, code);
                if lines.is_empty() { empty_body() } else { Body::Lines(lines) }
            } else {
                plain_body(text, Tone::Reasoning, false)
            },
            fold: Some(FoldRule {
                preview_rows: REASONING_PREVIEW_ROWS,
                folded_by_default: true,
                group: FoldGroup::Reasoning,
            }),
            has_raw_view: false,
        },
        Block::Handoff { from, to } => {
            let name = |n: &Option<String>| n.as_deref().map_or("?".into(), clean).into_owned();
            let title = format!("handoff: {} → {}", name(from), name(to));
            PreparedBlock {
                title: Some(StyledLine::plain(title, Tone::Handoff)),
                body: Body::None,
                fold: None,
                has_raw_view: false,
            }
        }
        Block::Raw { json } => PreparedBlock {
            title: Some(StyledLine::plain("unrecognised event, as JSON", Tone::RawTitle)),
            body: plain_body(json, Tone::RawJson, true),
            fold: Some(BULK),
            has_raw_view: false,
        },
    }
}

/// A call drawn as what it does, when it is one of the kinds every agent has (edits aside).
fn drawn_call(name: &str, arguments: &str) -> Option<Vec<StyledLine>> {
    use crate::content::{file_read, file_search, shell_command, subagent_task};
    (shell_command(name, arguments).map(|command| command_lines(&command)))
        .or_else(|| file_read(name, arguments).map(|read| vec![read_line(&read)]))
        .or_else(|| file_search(name, arguments).map(|search| vec![search_line(&search)]))
        .or_else(|| subagent_task(name, arguments).map(|task| task_lines(&task)))
}

fn prepare_text(role: Role, text: &str, code: Option<&Highlighter>) -> PreparedBlock {
    let tone = match role {
        Role::User => Tone::UserText,
        Role::Assistant => Tone::AssistantText,
        Role::System => Tone::SystemText,
        Role::Tool => Tone::ToolText,
        Role::Context => Tone::ContextText,
    };
    let markdown = matches!(role, Role::User | Role::Assistant);
    if markdown && text.len() <= MARKDOWN_LIMIT {
        let lines = markdown_lines(&clean(text), tone, code);
        let body = if lines.is_empty() { empty_body() } else { Body::Lines(lines) };
        return PreparedBlock { title: None, body, fold: None, has_raw_view: false };
    }
    let title = markdown.then(|| {
        let note = format!("({}, shown without Markdown formatting)", human_size(text.len()));
        StyledLine::plain(note, Tone::Dim)
    });
    let fold = (role == Role::Context).then_some(FoldRule {
        preview_rows: CONTEXT_PREVIEW_ROWS,
        folded_by_default: true,
        group: FoldGroup::Alone,
    });
    PreparedBlock { title, body: plain_body(text, tone, false), fold, has_raw_view: false }
}

fn plain_body(text: &str, tone: Tone, indented: bool) -> Body {
    let cleaned = clean(text);
    // A trailing newline would only add an empty row at the end of every output.
    let trimmed = cleaned.trim_end_matches('\n');
    if trimmed.trim().is_empty() {
        return empty_body();
    }
    Body::Plain { text: Arc::from(trimmed), look: Look::plain(tone), indented, preview_from: 0, code: None }
}

/// A tool's output: previewed from where the tool's own words start.
fn output_body(text: &str, tone: Tone) -> Body {
    match plain_body(text, tone, true) {
        Body::Plain { text, look, indented, code, .. } => {
            let preview_from = crate::content::output_body_start(&text);
            Body::Plain { text, look, indented, preview_from, code }
        }
        other => other,
    }
}

fn empty_body() -> Body {
    Body::Lines(vec![StyledLine::plain("(empty)", Tone::Dim)])
}

pub(crate) fn human_size(bytes: usize) -> String {
    const KIB: f64 = 1024.0;
    let bytes_f = bytes as f64;
    if bytes_f >= KIB * KIB {
        format!("{:.1} MB", bytes_f / (KIB * KIB))
    } else if bytes_f >= KIB {
        format!("{:.1} KB", bytes_f / KIB)
    } else {
        format!("{bytes} bytes")
    }
}
