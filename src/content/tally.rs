//! Counting what a session holds, for `recall stats`.

use serde::Serialize;
use serde_json::Value;

use super::{Block, Role, parse};

/// Counts of what a run of events holds. Feed it the events of a session in order with
/// [`Tally::add_event`] (or [`Tally::add_parsed`] when they are parsed already).
///
/// The rules, per event (bookkeeping events count nowhere):
/// - `user`: events with at least one `Text` spoken by `Role::User`. Tool results that arrive
///   in user lines (Claude Code) and harness context (`Role::Context`) are not the person's
///   words and do not count.
/// - `assistant`: events with at least one `Text` spoken by `Role::Assistant` — replies with
///   words, not a turn that only called tools or only reasoned. Claude Code writes each block
///   of a reply on its own line, all with the same `message.id`: a reply counts once, however
///   many of its lines hold text (the id of the last one counted is remembered).
/// - `tool_calls`, `tool_results`, `reasoning`, `handoffs`: the number of `ToolCall`,
///   `ToolResult`, `Reasoning` and `Handoff` blocks; `tool_errors`: results with `is_error`.
/// - `unrecognised`: `Raw` blocks, i.e. JSON no parser understood.
///
/// Serialises as the message keys of `recall stats --json` (handoffs are not among them).
#[derive(Debug, Default, Clone, Serialize)]
pub struct Tally {
    pub user: u64,
    pub assistant: u64,
    pub tool_calls: u64,
    pub tool_results: u64,
    pub tool_errors: u64,
    pub reasoning: u64,
    #[serde(skip)]
    pub handoffs: u64,
    pub unrecognised: u64,
    #[serde(skip)]
    last_assistant_message: Option<String>,
}

impl Tally {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds another tally's counts to this one (a session's into its source's total). The
    /// message-id memory is per session and is not carried over.
    pub fn merge(&mut self, other: &Tally) {
        self.user += other.user;
        self.assistant += other.assistant;
        self.tool_calls += other.tool_calls;
        self.tool_results += other.tool_results;
        self.tool_errors += other.tool_errors;
        self.reasoning += other.reasoning;
        self.handoffs += other.handoffs;
        self.unrecognised += other.unrecognised;
    }

    /// Parses `event` and counts it.
    pub fn add_event(&mut self, event: &Value) {
        self.add_parsed(event, &parse(event));
    }

    /// Counts `event`, whose blocks `blocks` were already parsed from it.
    pub fn add_parsed(&mut self, event: &Value, blocks: &[Block]) {
        let speaks = |who: Role| blocks.iter().any(|block| matches!(block, Block::Text { role, .. } if *role == who));
        if speaks(Role::User) {
            self.user += 1;
        }
        if speaks(Role::Assistant) {
            let message_id = event["message"]["id"].as_str();
            let same_reply = message_id.is_some() && message_id == self.last_assistant_message.as_deref();
            if !same_reply {
                self.assistant += 1;
                self.last_assistant_message = message_id.map(str::to_owned);
            }
        }
        for block in blocks {
            match block {
                Block::ToolCall { .. } => self.tool_calls += 1,
                Block::ToolResult { is_error, .. } => {
                    self.tool_results += 1;
                    self.tool_errors += u64::from(*is_error);
                }
                Block::Reasoning { .. } => self.reasoning += 1,
                Block::Handoff { .. } => self.handoffs += 1,
                Block::Raw { .. } => self.unrecognised += 1,
                Block::Text { .. } => {}
            }
        }
    }
}
