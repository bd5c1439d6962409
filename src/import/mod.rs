//! Importers: each reads one foreign history format into [`ImportedSession`] values.
//!
//! Importers never write to recall's store: they hand sessions, one at a time, to a sink
//! (the store's `import_session` in practice). Sources are opened read-only and left
//! byte-identical. A bad row or line is reported as [`Skipped`] and the rest still goes in.
//!
//! ```no_run
//! use recall::import::{self, Options};
//! let path = std::path::Path::new("logs.db");
//! let format = import::detect(path)?;
//! let skipped = import::read(path, format, &Options::default(), &mut |session| {
//!     println!("{} ({} events)", session.source_id, session.events.len());
//!     Ok(())
//! })?;
//! for skip in skipped {
//!     eprintln!("skipped {}: {}", skip.location, skip.reason);
//! }
//! # Ok::<(), import::ImportError>(())
//! ```

mod aider;
mod auto;
mod chat;
mod chat_jsonl;
mod claude_code;
mod claude_subagents;
mod codex;
mod codex_subagents;
mod codex_usage;
mod copilot_cli;
mod dasshh;
mod detect;
mod director;
mod director_render;
mod elia;
mod error;
mod format;
mod gemini_cli;
mod jsonl;
mod llm;
mod openai_agents;
mod openai_agents_usage;
mod opencode;
mod oterm;
mod pi;
mod qwen_code;
mod readonly;
mod run;
mod sql;
mod tenets;
mod time;
mod title;
mod tower_llm;
mod walk;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::store::ImportedSession;

pub use auto::auto_sources;
pub use detect::detect;
pub use error::{ImportError, Result};
pub use format::Format;
pub use run::{Progress, Source, SourceSummary, Summary, run};

/// Settings that only some formats use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// OpenAI Agents SDK: the sessions table, when the app renamed it (`agent_sessions` by default;
    /// found by its columns when not given).
    pub sessions_table: Option<String>,
    /// OpenAI Agents SDK: the messages table (`agent_messages` by default).
    pub messages_table: Option<String>,
}

/// A row or line that could not be imported, and why. The rest of its source still goes in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// `file:line` for JSONL, `file: table row id` for SQLite.
    pub location: String,
    pub reason: String,
}

/// Receives each session as soon as it is read; an error from it stops the import.
pub type Sink<'a> = dyn FnMut(ImportedSession) -> anyhow::Result<()> + 'a;

/// Reads every session of `path` in `format`, handing them to `sink` one at a time.
/// Returns what was skipped; fails only when the source as a whole cannot be read or the sink fails.
pub fn read(path: &Path, format: Format, opts: &Options, sink: &mut Sink<'_>) -> Result<Vec<Skipped>> {
    check_source(path)?;
    let mut out = Out { sink, skipped: Vec::new() };
    match format {
        Format::OpenaiAgents => openai_agents::read(path, opts, &mut out)?,
        Format::Dasshh => dasshh::read(path, &mut out)?,
        Format::Director => director::read(path, &mut out)?,
        Format::Tenets => tenets::read(path, &mut out)?,
        Format::TowerLlm => tower_llm::read(path, &mut out)?,
        Format::ClaudeCode => claude_code::read(path, &mut out)?,
        Format::Codex => codex::read(path, &mut out)?,
        Format::Llm => llm::read(path, &mut out)?,
        Format::Elia => elia::read(path, &mut out)?,
        Format::Oterm => oterm::read(path, &mut out)?,
        Format::ChatJsonl => chat_jsonl::read(path, &mut out)?,
        Format::Opencode => opencode::read(path, &mut out)?,
        Format::CopilotCli => copilot_cli::read(path, &mut out)?,
        Format::Pi => pi::read(path, &mut out)?,
        Format::Aider => aider::read(path, &mut out)?,
        Format::GeminiCli => gemini_cli::read(path, &mut out)?,
        Format::QwenCode => qwen_code::read(path, &mut out)?,
    }
    Ok(out.skipped)
}

/// What reading a transcript's new lines gave: the session's events from those lines (None when
/// they hold none), how far the file is now read, and what to pass to the next call.
pub struct Tail {
    pub session: Option<ImportedSession>,
    pub consumed: u64,
    pub state: String,
}

/// Reads the whole lines of one transcript file from byte `from` on, for formats whose
/// transcripts only ever grow by lines (Claude Code, Codex); None for other formats, which are read
/// whole when they change. `state` is what the previous call returned (None at the start).
pub fn read_tail(
    file: &Path,
    format: Format,
    from: u64,
    state: Option<&str>,
    skipped: &mut Vec<Skipped>,
) -> Option<Result<Tail>> {
    let mut ignore = |_: ImportedSession| Ok(());
    let mut out = Out { sink: &mut ignore, skipped: Vec::new() };
    let tail = match format {
        Format::ClaudeCode => claude_code::read_tail(file, from, state, &mut out),
        Format::Codex => codex::read_tail(file, from, state, &mut out),
        _ => return None,
    };
    skipped.append(&mut out.skipped);
    Some(tail.map(|mut tail| {
        // Titled by its first words as a whole import would; a tail's first words are not the session's.
        if let Some(session) = tail.session.as_mut().filter(|session| from == 0 && session.title.is_none()) {
            session.title = title::first_words(&session.events);
        }
        tail
    }))
}

/// The transcript files of a source whose sessions each live in one file (Claude Code, Codex
/// rollouts, chat JSONL, Gemini CLI, Qwen Code, Copilot CLI, Pi, Aider): sync keeps a cursor per file and reads only the files that changed.
/// None for formats read as a whole (SQLite databases).
pub fn transcript_files(path: &Path, format: Format, skipped: &mut Vec<Skipped>) -> Option<Result<Vec<PathBuf>>> {
    let mut ignore = |_: ImportedSession| Ok(());
    let mut out = Out { sink: &mut ignore, skipped: Vec::new() };
    let files = match format {
        Format::ClaudeCode => claude_code::transcripts(path),
        Format::Codex => codex::rollout_files(path, &mut out),
        Format::ChatJsonl => chat_jsonl::files(path),
        Format::CopilotCli => copilot_cli::event_files(path),
        Format::Pi => pi::session_files(path),
        Format::GeminiCli => gemini_cli::session_files(path),
        Format::QwenCode => qwen_code::chat_files(path),
        Format::Aider if path.is_file() => Ok(vec![path.to_path_buf()]),
        Format::Aider => aider::history_files(path, &mut out),
        _ => return None,
    };
    skipped.append(&mut out.skipped);
    Some(files)
}

/// A source is a folder or a regular file. Anything else is refused before it is opened: a
/// FIFO would block the open forever, a device would never end.
fn check_source(path: &Path) -> Result<()> {
    let metadata = std::fs::metadata(path).map_err(error::io_error(path))?;
    if metadata.is_dir() {
        return Ok(());
    }
    crate::files::open_regular(path).map(drop).map_err(error::io_error(path))
}

/// Where readers put what they read: sessions go to the sink, problems to the skipped list.
pub(crate) struct Out<'a, 'b> {
    sink: &'a mut Sink<'b>,
    skipped: Vec<Skipped>,
}

impl Out<'_, '_> {
    /// Hands a session on, titled by its first words when its origin gave it no title.
    pub(crate) fn session(&mut self, mut session: ImportedSession) -> Result<()> {
        if session.title.is_none() {
            session.title = title::first_words(&session.events);
        }
        (self.sink)(session).map_err(ImportError::Sink)
    }

    pub(crate) fn skip(&mut self, location: impl Into<String>, reason: impl Into<String>) {
        self.skipped.push(Skipped { location: location.into(), reason: reason.into() });
    }
}
