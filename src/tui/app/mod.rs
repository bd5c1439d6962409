//! The browser's state and the one place it changes (`update`). No terminal here: input
//! arrives as `Action`s, and the store is reached through the narrow `Backend` trait, so
//! every journey can be tested without SQLite or a screen.

mod backend;
mod code;
mod complete;
mod effects;
mod index_lag;
mod mouse;
mod narrow;
mod prompts;
mod search;
mod sidebar;
mod subagents;
mod typed_search;
mod update;
mod usage;
mod visibility;

use chrono::{DateTime, Utc};

pub use backend::{Backend, IndexLag, StoreBackend};
pub use narrow::{Folder, Scope, Shown};
pub use search::{Search, walk};
pub use sidebar::Sidebar;

use super::input::{Edit, Input};
use super::view::conversation::ConversationState;
use crate::store::Session;

/// Hits fetched per search.
const SEARCH_LIMIT: usize = 200;

/// Below this width the sidebar and the conversation take turns on the whole screen.
pub const NARROW_WIDTH: u16 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Sidebar,
    Conversation,
}

/// What the keyboard is talking to.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Normal,
    Search(Input),
    Rename {
        id: String,
        input: Input,
    },
    ConfirmDelete {
        id: String,
        title: String,
    },
    /// `e` asks which format to export the open session in.
    ChooseExport,
    /// `o` on a session whose folder is gone asks whether to resume it in the current one.
    ConfirmResume {
        command: crate::resume::ResumeCommand,
    },
    Help,
}

/// Everything a person can ask for, whatever key or click asked.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Quit,
    Resize {
        width: u16,
        height: u16,
    },
    /// Time passed: check the store for changes made elsewhere. The clock is read by the
    /// caller, so `update` stays a function of its inputs (and relative times in tests stay put).
    Tick {
        now: DateTime<Utc>,
    },
    /// The code highlighter finished loading (off the first frame): code is drawn in colour
    /// from now on.
    CodeHighlighterReady,
    Down,
    Up,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Top,
    Bottom,
    SwitchFocus,
    FocusSidebar,
    FocusConversation,
    /// Enter: open the selected session, or in the conversation open the subagent the
    /// selected call started, or fold the selected block.
    Activate,
    /// Backspace: back from a subagent to the session it was opened from.
    Back,
    ToggleFold,
    /// v: an edit drawn as a diff, or its arguments as written.
    ToggleRaw,
    /// t: tool output folded, in full, or hidden (calls named only).
    CycleToolOutput,
    /// T: reasoning blocks shown or hidden.
    ToggleReasoning,
    NextMessage,
    PreviousMessage,
    StartSearch,
    NextHit,
    PreviousHit,
    StartRename,
    AskDelete,
    Undo,
    Export,
    /// The format chosen after `e`.
    ExportAs(crate::export::Format),
    /// Hand the open session back to the tool that wrote it.
    Resume,
    /// `s`: the list between the sessions of this folder (and below) and all sessions.
    CycleScope,
    Copy,
    /// `Y`: the selected message with secrets replaced by `[REDACTED:kind]`.
    CopyRedacted,
    ToggleHelp,
    /// Tab in the `/` prompt: complete a qualifier's name or value, or the next candidate.
    Complete,
    /// Typing in a prompt (search or rename).
    Edit(Edit),
    /// Enter in a prompt or a yes to a question.
    Submit,
    /// Esc: leave a prompt, a question or help.
    Cancel,
    Scroll {
        column: u16,
        row: u16,
        down: bool,
    },
    Click {
        column: u16,
        row: u16,
    },
}

/// A message in the status line. It lasts until `until`, or until the next action that
/// changes the view, so it never stays to describe a screen that has moved on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
    pub until: DateTime<Utc>,
}

/// How long a message stays: long enough to read, an error a little longer.
const INFO_SECONDS: i64 = 5;
const ERROR_SECONDS: i64 = 10;

/// Work for the event loop that only it can do (it owns the terminal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Give the terminal to this command until it ends (the agent resuming a session).
    Resume(crate::resume::ResumeCommand),
}

pub struct App {
    pub mode: Mode,
    pub focus: Focus,
    pub sidebar: Sidebar,
    /// The open session and its view.
    pub open: Option<(Session, ConversationState)>,
    pub search: Option<Search>,
    pub status: Option<Status>,
    /// Deleted this run, newest last: `u` restores them in turn.
    pub deleted: Vec<(String, String)>,
    pub width: u16,
    pub height: u16,
    pub now: DateTime<Utc>,
    pub read_only: bool,
    /// The open session's shortest unique id prefix, what a command needs to name it.
    pub open_short_id: Option<String>,
    /// The open session's tokens, cost and models (`12.3k in · 4.1k out · $0.42 · claude-opus-4`),
    /// once read.
    pub open_usage: Option<String>,
    /// The open session's usage is to be read, after the next frame.
    pub usage_pending: bool,
    /// `--db PATH` in the commands the browser suggests, when they need it to reach this store.
    pub store_option: Option<String>,
    /// Resume commands from config.toml, by source, over the built-in ones.
    pub resume_templates: crate::config::ResumeTemplates,
    pub quit: bool,
    /// The folder `s` scopes the list to: where recall was started.
    pub here: Option<Folder>,
    /// What `y` copies instead of the message while the status line offers it: (the
    /// status text that offers it, the text).
    pub(crate) copy_offer: Option<(String, String)>,
    /// What Tab offered last in the `/` prompt.
    pub(crate) completion: Option<complete::Completion>,
    /// Agents, projects and models in the store, read at the first Tab of a prompt.
    pub(crate) known: Option<crate::store::KnownValues>,
    /// Effects waiting for the event loop.
    pub effects: Vec<Effect>,
    /// Sessions left for a subagent, newest last: Backspace goes back through them.
    pub trail: Vec<(Session, ConversationState)>,
    /// What every session shows of tool output and reasoning (t, T).
    pub visibility: crate::tui::view::conversation::Visibility,
    pub(crate) data_version: Option<i64>,
    /// Handed to every session opened, once loaded.
    pub(crate) code_highlighter: Option<&'static crate::syntax::Highlighter>,
    /// Keys already queued are being applied together (see `begin_input_batch`).
    input_batch: bool,
    /// The search prompt's text changed in this batch and has not been searched for yet.
    query_pending: bool,
    /// A search started for the prompt's text, its hits still to come.
    pub pending_search: Option<typed_search::PendingSearch>,
}

impl App {
    pub fn is_narrow(&self) -> bool {
        self.width < NARROW_WIDTH
    }

    pub fn info(&mut self, text: impl Into<String>) {
        let until = self.now + chrono::Duration::seconds(INFO_SECONDS);
        self.status = Some(Status { text: text.into(), is_error: false, until });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        let until = self.now + chrono::Duration::seconds(ERROR_SECONDS);
        self.status = Some(Status { text: text.into(), is_error: true, until });
    }

    /// Drops a message whose time is up; true when one was dropped.
    pub(crate) fn expire_status(&mut self, now: DateTime<Utc>) -> bool {
        let expired = self.status.as_ref().is_some_and(|status| status.until <= now);
        if expired {
            self.status = None;
        }
        expired
    }
}
