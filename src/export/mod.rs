//! A session as a transcript: plain text for `recall show`, Markdown for export. Both read
//! the same blocks the browser draws, with nothing folded.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::content::{self, Block, CallIndex, Role};
use crate::store::{Event, Session, Store};

mod code;
mod html;
mod html_diff;
mod json;
mod redact;

pub use html::to_html;
pub use json::{block_json, to_json};
pub use redact::Redaction;

/// The formats a session can be exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[value(name = "md")]
    Markdown,
    Html,
    Json,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }

    /// Sharing a page is the point of HTML: it hides secrets unless told not to.
    pub fn redacts_by_default(self) -> bool {
        self == Format::Html
    }
}

/// The whole session in `format`, with what `redaction` hides replaced. Markdown and HTML
/// carry no terminal control sequences; JSON keeps the stored text (escaped by JSON).
pub fn render(session: &Session, events: &[Event], format: Format, redaction: Redaction) -> Result<String> {
    Ok(match format {
        Format::Markdown => {
            let text = transcript(session, events, Style::Markdown);
            content::sanitize(&redaction.apply(&text)).into_owned()
        }
        Format::Html => to_html(session, events, redaction),
        Format::Json => to_json(session, events, redaction)?,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Markdown,
}

/// The whole session in `style`. Text is as stored: callers sanitize for terminals.
pub fn transcript(session: &Session, events: &[Event], style: Style) -> String {
    let mut parsed = Vec::with_capacity(events.len());
    let mut calls = CallIndex::new();
    for event in events {
        let value = event.json();
        let blocks = content::parse(&value);
        calls.record(event.seq, &blocks);
        parsed.push((event, content::describe(&value), blocks));
    }
    let mut out = String::new();
    let meta = format!("{} · {} · {} events", session.id, session.source, session.event_count);
    let title = content::one_line(&session.title);
    match style {
        Style::Plain => {
            let _ = writeln!(out, "# {title}\n{meta}");
        }
        Style::Markdown => {
            let _ = writeln!(out, "# {title}\n\n_{meta}_");
        }
    }
    for (event, info, blocks) in parsed {
        let time = crate::time::local(event.created_at);
        let who = info.agent.or(info.model).map(|name| format!(" · {name}")).unwrap_or_default();
        for block in &blocks {
            write_block(&mut out, block, &calls, style, &format!("#{} · {time}{who}", event.seq));
        }
    }
    out
}

/// What a block shows: a heading, a body, and whether the body is code (kept verbatim).
pub(crate) struct Parts {
    pub heading: String,
    pub body: String,
    pub code: bool,
}

pub(crate) fn parts(block: &Block, calls: &CallIndex) -> Parts {
    let (heading, body, code) = match block {
        Block::Text { role, text } => (role_name(*role).to_string(), text.clone(), false),
        Block::ToolCall { id, name, arguments } => {
            let answered = match id.as_deref().and_then(|id| calls.result_for(id)) {
                Some((seq, true)) => format!(" → failed (#{seq})"),
                Some((seq, false)) => format!(" → result #{seq}"),
                None => " → no result".to_string(),
            };
            (format!("Tool call: {name}{}{answered}", id_note(id)), arguments.clone(), true)
        }
        Block::ToolResult { call_id, output, is_error, .. } => {
            let name = calls.result_name(block).unwrap_or("tool");
            let from = call_id.as_deref().and_then(|id| calls.call_for(id)).map(|(seq, _)| format!(" (call #{seq})"));
            let kind = if *is_error { "Tool error" } else { "Tool result" };
            (format!("{kind}: {name}{}", from.unwrap_or_default()), output.clone(), true)
        }
        Block::Reasoning { text } => ("Reasoning".to_string(), text.clone(), false),
        Block::Handoff { from, to } => {
            let from = from.as_deref().unwrap_or("?");
            let to = to.as_deref().unwrap_or("?");
            (format!("Handoff: {from} → {to}"), String::new(), false)
        }
        Block::Raw { json } => ("Unrecognised event".to_string(), json.clone(), true),
    };
    Parts { heading, body, code }
}

fn write_block(out: &mut String, block: &Block, calls: &CallIndex, style: Style, when: &str) {
    let Parts { heading, body, code } = parts(block, calls);
    match style {
        Style::Plain => {
            let _ = writeln!(out, "\n── {heading} · {when}");
            let indent = if code { "    " } else { "" };
            for line in body.lines() {
                let _ = writeln!(out, "{indent}{line}");
            }
        }
        Style::Markdown => {
            let _ = writeln!(out, "\n### {heading}\n_{when}_\n");
            if code {
                let fence = "`".repeat(longest_backtick_run(&body).max(2) + 1);
                let _ = writeln!(out, "{fence}\n{body}\n{fence}");
            } else if !body.is_empty() {
                let _ = writeln!(out, "{}", hard_line_breaks(&body));
            }
        }
    }
}

fn id_note(id: &Option<String>) -> String {
    id.as_deref().map(|id| format!(" ({id})")).unwrap_or_default()
}

pub fn role_name(role: Role) -> &'static str {
    match role {
        Role::User => "You",
        Role::Assistant => "Assistant",
        Role::System => "System",
        Role::Tool => "Tool",
        Role::Context => "Context",
    }
}

/// Chat text means its single newlines, where Markdown would join the lines into one
/// paragraph: each is made a hard break (two trailing spaces), outside code blocks.
fn hard_line_breaks(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len() + lines.len() * 2);
    let mut fence: Option<String> = None;
    let mut indented_code = false;
    let mut previous_blank = true;
    for (index, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let blank = trimmed.is_empty();
        let next_is_text = lines.get(index + 1).is_some_and(|next| !next.trim().is_empty());
        match &fence {
            Some(open) if trimmed.starts_with(open.as_str()) => fence = None,
            Some(_) => {}
            None if trimmed.starts_with("```") || trimmed.starts_with("~~~") => {
                let marker = trimmed.chars().next().unwrap_or('`');
                fence = Some(trimmed.chars().take_while(|&ch| ch == marker).collect());
            }
            None => {
                indented_code = if previous_blank || indented_code { line.starts_with("    ") } else { false };
                let breaks = !blank && !indented_code && next_is_text && !line.ends_with("  ") && !line.ends_with('\\');
                out.push_str(line);
                out.push_str(if breaks { "  \n" } else { "\n" });
                previous_blank = blank;
                continue;
            }
        }
        out.push_str(line);
        out.push('\n');
        previous_blank = blank;
    }
    if !text.ends_with('\n') {
        out.pop();
    }
    out
}

/// A fence must be longer than any run of backticks inside what it fences.
fn longest_backtick_run(text: &str) -> usize {
    text.split(|ch| ch != '`').map(str::len).max().unwrap_or(0)
}

/// Writes the session as Markdown into a new file in `dir`; returns the file's path. The name
/// comes from the title; when it is taken, `-2`, `-3`, ... are tried.
pub fn write_markdown(store: &Store, session: &Session, dir: &Path) -> Result<PathBuf> {
    write_new(store, session, dir, Format::Markdown, Redaction::NONE)
}

/// Writes the session in `format` into a new file in `dir`, named as [`write_markdown`] does.
pub fn write_new(
    store: &Store,
    session: &Session,
    dir: &Path,
    format: Format,
    redaction: Redaction,
) -> Result<PathBuf> {
    let events = store.events(&session.id)?;
    let text = render(session, &events, format, redaction)?;
    let (file, path) = create_new_file(dir, &file_stem(session), format.extension())?;
    write_or_remove(file, &path, &text)?;
    Ok(path)
}

/// The name of an export without its extension: the title made safe, and the id's end.
pub fn file_stem(session: &Session) -> String {
    format!("recall-{}-{}", slug(&session.title), &session.id[session.id.len().saturating_sub(8)..])
}

/// Writes `text` into the just-created `file`; on failure removes it, since a half-written
/// export (a full disk) is worse than none.
pub fn write_or_remove(mut file: std::fs::File, path: &Path, text: &str) -> Result<()> {
    if let Err(e) = file.write_all(text.as_bytes()).and_then(|()| file.sync_all()) {
        drop(file);
        let _ = std::fs::remove_file(path);
        return Err(e).with_context(|| format!("cannot write the export to {}", path.display()));
    }
    Ok(())
}

/// Creates `dir/stem.ext`, or `stem-2.ext`, `stem-3.ext`, ... when that name is taken. The
/// file is created exclusively: an existing file is never replaced, and a symlink of that
/// name (even a dangling one) is never followed out of the folder.
pub fn create_new_file(dir: &Path, stem: &str, extension: &str) -> Result<(std::fs::File, PathBuf)> {
    const TRIES: usize = 1000;
    for n in 1..=TRIES {
        let name = if n == 1 { format!("{stem}.{extension}") } else { format!("{stem}-{n}.{extension}") };
        let path = dir.join(name);
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => return Ok((file, path)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e).with_context(|| format!("cannot create the export {}", path.display())),
        }
    }
    anyhow::bail!("{TRIES} files named {stem}.{extension} and onwards already exist in {}", dir.display())
}

/// Longest slug, in bytes: with `recall-`, the id and a `-NNN.md` suffix, a name stays well
/// under the 255 bytes most file systems allow, whatever letters the title uses.
const MAX_SLUG_BYTES: usize = 120;

/// A file-name-safe version of a title, at most `MAX_SLUG_BYTES` long, cut between characters.
fn slug(title: &str) -> String {
    let slug: String = title
        .chars()
        .map(|ch| if ch.is_alphanumeric() { ch.to_ascii_lowercase() } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .take(8)
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        return "session".to_string();
    }
    let mut end = 0;
    for (at, ch) in slug.char_indices() {
        if at + ch.len_utf8() > MAX_SLUG_BYTES {
            break;
        }
        end = at + ch.len_utf8();
    }
    slug[..end].trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_fences() {
        assert_eq!(slug("Fix the **parser**: now!"), "fix-the-parser-now");
        assert_eq!(slug("///"), "session");
        assert_eq!(longest_backtick_run("a ``` b ` c"), 3);
        assert_eq!(slug(&"é".repeat(100)).len(), MAX_SLUG_BYTES);
        assert_eq!(slug(&format!("{}é", "a".repeat(119))), "a".repeat(119));
    }

    #[test]
    fn single_newlines_become_hard_breaks_outside_code() {
        let haiku = "A haiku:\n\nRust compiles at dawn\nborrow checker guards the gate\nno data races";
        assert_eq!(
            hard_line_breaks(haiku),
            "A haiku:\n\nRust compiles at dawn  \nborrow checker guards the gate  \nno data races"
        );
        let code = "Run:\n```sh\ncargo build\ncargo test\n```\nthen\nread";
        assert_eq!(hard_line_breaks(code), "Run:  \n```sh\ncargo build\ncargo test\n```\nthen  \nread");
        let indented = "Code:\n\n    let a = 1;\n    let b = 2;\n\nend";
        assert_eq!(hard_line_breaks(indented), indented);
    }
}
