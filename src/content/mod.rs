//! What an event's JSON means, independent of any screen.
//!
//! `parse` turns one stored event into the blocks a person reads: text by role, tool calls,
//! tool results, reasoning, handoffs, and `Raw` for anything not understood (never dropped).

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
