//! The MCP face of the tools: argument schemas, descriptions written for a model, and the
//! mapping of each outcome to an MCP answer. The work itself is synchronous, in the sibling
//! modules.

use rmcp::handler::server::{router::tool::ToolRouter, wrapper::Parameters};
use rmcp::model::{CallToolResult, ContentBlock, Implementation, ServerCapabilities, ServerConfig};
use rmcp::{ErrorData, ServerHandler, schemars, tool, tool_handler, tool_router};
use serde::Deserialize;

use super::access::{StoreAccess, ToolError};
use super::transcript::{self, ReadRequest};
use super::{log, search, sessions};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SearchArgs {
    /// Words to find in titles and in the text of every event (messages, tool calls, tool
    /// output). Every word must occur; the last may be the start of a word; "words in
    /// quotes" must occur together. Qualifiers narrow the sessions: agent:NAME (-agent:NAME
    /// leaves one out), project:TEXT, model:TEXT, after:WHEN / before:WHEN (2026-11-01, 3d,
    /// 12h, yesterday), is:error, is:renamed. Example: `retry backoff agent:codex after:7d`.
    pub query: String,
    /// How many hits to return (1 to 50; 10 if not given).
    pub limit: Option<usize>,
    /// Hits to skip, to page on (0 if not given).
    pub offset: Option<usize>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListArgs {
    /// Only the sessions this keeps: qualifiers as search_history takes them (agent:codex
    /// project:shop after:3d is:error), and words the title must hold.
    pub filter: Option<String>,
    /// How many sessions to return (1 to 100; 20 if not given).
    pub limit: Option<usize>,
    /// Sessions to skip, to page on (0 if not given).
    pub offset: Option<usize>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReadArgs {
    /// The session's id, or any unique start of it (as given by search_history or list_sessions).
    pub id: String,
    /// The seq of the first event to read (1 if not given). A search hit's seq reads from the hit.
    pub from_seq: Option<i64>,
    /// How many events to read (1 to 500; 50 if not given).
    pub limit: Option<usize>,
    /// Show tool results in full; by default each is cut to its first lines.
    pub include_tool_output: Option<bool>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LogArgs {
    /// Append to this session (its id or a unique start of it).
    pub session: Option<String>,
    /// Start a new session with this title instead.
    pub new_title: Option<String>,
    /// The events, each a JSON value stored as given, e.g. {"role": "user", "content": "..."}.
    pub events: Vec<serde_json::Value>,
}

/// The server: the store and the tools over it.
#[derive(Clone)]
pub struct Recall {
    access: StoreAccess,
    tool_router: ToolRouter<Self>,
}

impl Recall {
    pub fn new(access: StoreAccess) -> Self {
        let mut tool_router = Self::tool_router();
        if !access.allows_log() {
            tool_router.remove_route("log_event");
        }
        Recall { access, tool_router }
    }
}

#[tool_router]
impl Recall {
    #[tool(
        description = "Search the person's whole history of conversations with coding agents and chat tools (Claude Code, Codex, Gemini CLI, OpenCode, Aider and more), all kept by recall. Use it to find what was decided, tried or rejected in earlier sessions before redoing work. Returns one entry per session, the most relevant first (how many of its events match, a matching title, how recent): the session id, title, agent, project folder, and its best hit's seq, time and snippet, with the seqs of its other hits. Narrow with qualifiers in the query (agent:codex project:shop after:7d). Read around a hit with read_session (id and from_seq)."
    )]
    fn search_history(&self, Parameters(args): Parameters<SearchArgs>) -> Result<CallToolResult, ErrorData> {
        let limit = args.limit.unwrap_or(search::SEARCH_DEFAULT);
        let offset = args.offset.unwrap_or(0);
        answer(self.access.with(|store| search::search_history(store, &args.query, limit, offset)))
    }

    #[tool(
        description = "List the person's recorded agent sessions, most recently updated first: per session its id, title, agent, project folder, last update time and number of events. Give filter to keep only some: qualifiers (agent:codex project:shop after:7d is:error) and words the title must hold. Page with offset. Read one with read_session."
    )]
    fn list_sessions(&self, Parameters(args): Parameters<ListArgs>) -> Result<CallToolResult, ErrorData> {
        let limit = args.limit.unwrap_or(sessions::LIST_DEFAULT);
        let offset = args.offset.unwrap_or(0);
        answer(self.access.with(|store| sessions::list_sessions(store, args.filter.as_deref(), limit, offset)))
    }

    #[tool(
        description = "Read one recorded session as a transcript: who said what (You, Assistant, System), tool calls with their arguments and tool results (cut to their first lines unless include_tool_output is true), each headed by its seq and time. Reads limit events from from_seq; the answer ends with the seq range returned and, when more follows, the from_seq to continue with."
    )]
    fn read_session(&self, Parameters(args): Parameters<ReadArgs>) -> Result<CallToolResult, ErrorData> {
        let request = ReadRequest {
            id: &args.id,
            from_seq: args.from_seq.unwrap_or(1),
            limit: args.limit.unwrap_or(transcript::READ_DEFAULT),
            include_tool_output: args.include_tool_output.unwrap_or(false),
        };
        answer(self.access.with(|store| transcript::read_session(store, &request)))
    }

    #[tool(
        description = "Record events in the person's recall history, so that later sessions can find them: append to an existing session (session) or start a new one (new_title). Each event is a JSON value kept exactly as given; chat messages like {\"role\": \"assistant\", \"content\": \"...\"} read best. All events are appended together or none are."
    )]
    fn log_event(&self, Parameters(args): Parameters<LogArgs>) -> Result<CallToolResult, ErrorData> {
        answer(
            self.access
                .with(|store| log::log_event(store, args.session.as_deref(), args.new_title.as_deref(), &args.events)),
        )
    }
}

/// A tool's outcome as MCP: text, a tool error the model reads (the store's state), or an
/// invalid-params error (the caller's argument).
fn answer(outcome: Result<String, ToolError>) -> Result<CallToolResult, ErrorData> {
    match outcome {
        Ok(text) => Ok(CallToolResult::success(vec![ContentBlock::text(text)])),
        Err(ToolError::Store(message)) => Ok(CallToolResult::error(vec![ContentBlock::text(message)])),
        Err(ToolError::BadArgument(message)) => Err(ErrorData::invalid_params(message, None)),
    }
}

#[tool_handler(router = self.tool_router)]
impl ServerHandler for Recall {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("recall", env!("CARGO_PKG_VERSION")))
            .with_instructions(
                "recall holds the person's past conversations with coding agents and chat tools. \
                 Search it (search_history), list sessions (list_sessions) and read one \
                 (read_session) to recall earlier decisions, attempts and dead ends; answers are \
                 bounded in size and say how to page on.",
            )
    }
}
