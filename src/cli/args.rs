//! The command line's shape (clap). Parsing only; `cli::run` does the work.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "recall",
    version,
    about = "Browse, search and keep the history of your conversations with LLM agents",
    after_help = "With no command, recall opens the browser on the most recent session."
)]
pub struct Cli {
    /// The store to use [default: recall.db in the platform's data folder]
    #[arg(long, global = true, env = crate::config::DB_ENV, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Open the store for reading only: renames, deletes and appends are refused
    #[arg(long, global = true)]
    pub read_only: bool,

    /// Browse without following sources (no syncing while the browser is open)
    #[arg(long)]
    pub no_sync: bool,

    /// Browse a temporary store filled with demo conversations
    #[arg(long, conflicts_with = "db")]
    pub demo: bool,

    /// Open this session in the browser (any unique prefix of its id)
    #[arg(long, value_name = "ID")]
    pub session: Option<String>,

    /// Open on the sessions of this folder's project: this folder and the folders below it
    /// (`s` in the browser switches to all sessions and back)
    #[arg(long)]
    pub here: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List sessions, most recently updated first
    List {
        /// Print a JSON array
        #[arg(long)]
        json: bool,
        /// At most this many sessions
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// List the trash instead
        #[arg(long)]
        trash: bool,
        /// Only the sessions this filter keeps: agent:NAME -agent:NAME project:TEXT
        /// after:WHEN before:WHEN (2026-11-01, 3d, 12h, yesterday) model:TEXT is:error is:renamed
        #[arg(long, value_name = "FILTER", conflicts_with = "trash", allow_hyphen_values = true)]
        filter: Option<String>,
    },
    /// Print a whole session
    Show {
        /// Session id or unique prefix
        id: String,
        /// Print the session and its stored events as JSON
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        redaction: RedactArgs,
    },
    /// Write a session to a file (or stdout) as Markdown, HTML or JSON, to share it
    Export(ExportArgs),
    /// Give a session a new title
    Rename {
        /// Session id or unique prefix
        id: String,
        /// The new title (1 to 200 characters)
        title: String,
    },
    /// Move a session to the trash (undo brings it back)
    Delete {
        /// Session id or unique prefix
        id: String,
    },
    /// Bring back the last deleted session, or the one named
    Undo {
        /// Session id or unique prefix, from the trash
        id: Option<String>,
    },
    /// Delete for good the sessions in the trash
    Purge {
        /// Only those deleted at least this many days ago
        #[arg(long, value_name = "DAYS")]
        older_than: Option<u32>,
    },
    /// Append events read from stdin (one JSON value per line, or one JSON array)
    Log(LogArgs),
    /// Serve the history to agents over the Model Context Protocol (stdio)
    Mcp {
        /// Offer the log_event tool, which appends to sessions (the store is read-only otherwise)
        #[arg(long)]
        allow_log: bool,
    },
    /// Import conversations from other tools (detected by content), or from --auto locations
    Import(ImportArgs),
    /// How much history there is: sessions, messages, tool calls and results, by source
    Stats {
        /// Print JSON
        #[arg(long)]
        json: bool,
        /// Sessions, messages, tool calls and tokens per model, day (UTC) or project instead
        #[arg(long, value_enum)]
        by: Option<super::stats_by::GroupBy>,
    },
    /// Search titles and the text of every event
    Search {
        /// Words to find (every word must match; the last may be the start of a word), and
        /// qualifiers as `list --filter` takes them (agent:codex after:3d ...)
        query: String,
        /// More qualifiers, as `list --filter` takes them
        #[arg(long, value_name = "FILTER", allow_hyphen_values = true)]
        filter: Option<String>,
        /// Print a JSON array of {session_id, seq, snippet}
        #[arg(long)]
        json: bool,
        /// At most this many hits
        #[arg(long, value_name = "N", default_value_t = 20)]
        limit: usize,
    },
    /// Carry on with a session in the tool that wrote it (claude --resume ID, codex resume ID,
    /// ...), in the folder it ran in
    Resume {
        /// Session id or unique prefix [default: the most recent session]
        id: Option<String>,
        /// Print the command, shell-quoted, instead of running it
        #[arg(long)]
        print: bool,
    },
    /// Bring the search index up to date now (search and the browser otherwise do it first)
    Index,
    /// Bring every followed source up to date now (the browser does it on its own)
    Sync {
        /// Print the summary as JSON
        #[arg(long)]
        json: bool,
    },
    /// The histories recall follows: list them, add one, turn one off or on
    Sources(SourcesArgs),
    /// Print the completion script for a shell (see the README for where it goes)
    Completions { shell: clap_complete::Shell },
    /// Write the manual page (roff) to stdout, or to a file: `recall man | man -l -`
    Man {
        /// The file to write [default: stdout]
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// The settings file: write one with every setting at its default, or print where it is
    #[command(subcommand)]
    Config(ConfigAction),
}

#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Write config.toml with every setting commented out at its default (never replaces one)
    Init,
    /// Print where config.toml is (or would be); RECALL_CONFIG moves it
    Path,
}

#[derive(Debug, Args)]
pub struct SourcesArgs {
    #[command(subcommand)]
    pub action: Option<SourcesAction>,
    /// Print a JSON array of {path, format, state, sessions, last_synced, auto}
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum SourcesAction {
    /// Follow a store, transcript file or folder from now on (and sync it now)
    Add {
        path: PathBuf,
        /// The format, when detection is not wanted
        #[arg(long, value_name = "NAME")]
        format: Option<String>,
    },
    /// Stop following a source (by path, or every source of a format); its sessions stay
    Off {
        /// A followed path, or a format name such as claude-code
        target: String,
    },
    /// Follow again a source that was turned off
    On {
        /// A followed path, or a format name such as claude-code
        target: String,
    },
}

#[derive(Debug, Args)]
pub struct RedactArgs {
    /// Replace API keys, tokens, passwords and private keys with [REDACTED:kind]
    #[arg(long)]
    pub redact: bool,
    /// Replace home folders in paths (/home/NAME, /Users/NAME, this machine's) with ~
    #[arg(long)]
    pub redact_paths: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Session id or unique prefix
    pub id: String,
    /// The format [default: md]
    #[arg(long, value_enum, default_value = "md")]
    pub format: crate::export::Format,
    /// The file to write ("-" for stdout) [default: stdout when piped, else a new file in the
    /// current folder named from the title]
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub redaction: RedactArgs,
    /// Keep secrets in an HTML export (which redacts them by default)
    #[arg(long, conflicts_with = "redact")]
    pub no_redact: bool,
}

#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct LogArgs {
    /// Append to this session (id or unique prefix)
    #[arg(long, value_name = "ID")]
    pub session: Option<String>,
    /// Append to a new session with this title
    #[arg(long, value_name = "TITLE")]
    pub new: Option<String>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A store, transcript file or folder (Claude Code projects, Codex sessions, ...)
    #[arg(required_unless_present = "auto")]
    pub path: Option<PathBuf>,
    /// Import every history found in the default locations on this machine
    #[arg(long, conflicts_with = "path")]
    pub auto: bool,
    /// The format, when detection is not wanted: openai-agents, dasshh, director, tenets,
    /// tower-llm, claude-code, codex, llm, elia, oterm, chat-jsonl
    #[arg(long, value_name = "NAME")]
    pub format: Option<String>,
    /// OpenAI Agents SDK: the sessions table, when the app renamed it
    #[arg(long, value_name = "TABLE")]
    pub sessions_table: Option<String>,
    /// OpenAI Agents SDK: the messages table, when the app renamed it
    #[arg(long, value_name = "TABLE")]
    pub messages_table: Option<String>,
    /// Import without following the source afterwards (`recall sync` and the browser keep
    /// followed sources current)
    #[arg(long)]
    pub once: bool,
    /// Print the summary as JSON
    #[arg(long)]
    pub json: bool,
}
