//! What an event's JSON means, independent of any screen.
//!
//! [`parse`] turns one stored event into the blocks a person reads: text by role, tool calls,
//! tool results, reasoning, handoffs, and `Raw` for anything not understood (never dropped).
//! Lines that only keep a tool's books (Claude Code's `queue-operation`, Codex's `event_msg`,
//! ...) parse to nothing, and [`is_bookkeeping`] says so, so that counts stay honest:
//! `parse(v).is_empty() == is_bookkeeping(v)` for every value.
//!
//! The text inside blocks is exactly what the origin wrote and is untrusted: pass it through
//! [`sanitize`] (or [`sanitize_line`]) before it reaches a terminal or stdout.
//!
//! ```
//! use recall::content::{self, Block, Role};
//!
//! let event = serde_json::json!({"role": "user", "content": "What's the weather in Paris?"});
//! let blocks = content::parse(&event);
//! assert_eq!(blocks, vec![Block::Text { role: Role::User, text: "What's the weather in Paris?".into() }]);
//! assert_eq!(content::sanitize("\x1b[31mred\x1b[0m"), "red");
//! ```

mod calls;
mod change;
mod cost;
mod describe;
mod links;
mod parse;
mod sanitize;
mod session_usage;
mod tally;
mod usage;
pub mod usage_notes;
mod words;

pub use calls::{
    FileRead, FileSearch, ShellCommand, ShellOutcome, SubagentTask, file_read, file_search, numbered_line,
    shell_command, shell_outcome, subagent_task,
};
pub use change::{Change, ChangeKind, PatchLine, changes, parse_patch};
pub use cost::{Cost, Price, Prices};
pub use describe::{EventInfo, describe};
pub use links::CallIndex;
pub(crate) use parse::{
    EditBlock, aider_note_text, aider_user_words, closes_edit_block, edit_blocks, edit_call_id, opens_edit_block,
};
pub(crate) use parse::{PI_BOOKKEEPING_TYPES, PI_ENTRY_TYPES};
pub use parse::{RECALL_ROLE, is_bookkeeping, output_body_start, parse};
pub use sanitize::{TAB_WIDTH, one_line, sanitize, sanitize_line};
pub use session_usage::SessionUsage;
pub use tally::Tally;
pub use usage::{MessageUsage, Usage, compact, usage};
pub use words::shown_words;

/// Who a piece of text is from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    User,
    Assistant,
    /// System and developer instructions.
    System,
    /// A tool speaking as a chat message (rare outside tool results).
    Tool,
    /// Text a harness injected in the user's place (environment, instructions files):
    /// kept and shown, but not counted as the person's words.
    Context,
}

/// One readable unit of an event.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Text {
        role: Role,
        text: String,
    },
    /// `arguments` is display-ready: pretty JSON when the origin's arguments parse, else as given.
    ToolCall {
        id: Option<String>,
        name: String,
        arguments: String,
    },
    ToolResult {
        call_id: Option<String>,
        name: Option<String>,
        output: String,
        is_error: bool,
    },
    Reasoning {
        text: String,
    },
    Handoff {
        from: Option<String>,
        to: Option<String>,
    },
    /// JSON not understood, pretty-printed.
    Raw {
        json: String,
    },
}
