//! The browser's state and the one place it changes (`update`). No terminal here: input
//! arrives as `Action`s, and the store is reached through the narrow `Backend` trait, so
//! every journey can be tested without SQLite or a screen.

mod backend;
mod effects;
mod index_lag;
mod prompts;
mod search;
mod sidebar;
mod update;

use chrono::{DateTime, Utc};

pub use backend::{Backend, IndexLag, StoreBackend};
pub use search::{Search, walk};
pub use sidebar::Sidebar;

use super::input::{Edit, Input};
use super::view::conversation::ConversationState;
use crate::store::Session;

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
    /// Enter: open the selected session, or fold the selected block in the conversation.
    Activate,
    ToggleFold,
    /// v: an edit drawn as a diff, or its arguments as written.
    ToggleRaw,
    ToggleAllTools,
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
    Copy,
    /// `Y`: the selected message with secrets replaced by `[REDACTED:kind]`.
    CopyRedacted,
    ToggleHelp,
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
    /// `--db PATH` in the commands the browser suggests, when they need it to reach this store.
    pub store_option: Option<String>,
    pub quit: bool,
    /// Effects waiting for the event loop.
    pub effects: Vec<Effect>,
    pub(crate) data_version: Option<i64>,
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
