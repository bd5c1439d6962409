//! recall: browse, search and keep the history of conversations with LLM agents.
//!
//! The [`store`] module is a library agents can write to directly; [`content`] says what
//! stored JSON means; [`cli`] is the `recall` command.

pub mod agents;
pub mod cli;
pub mod config;
pub mod content;
pub mod demo;
pub mod errors;
pub mod export;
pub(crate) mod files;
pub mod import;
pub mod json;
pub mod mcp;
pub mod query;
pub mod resume;
pub mod store;
pub mod sync;
pub mod syntax;
pub mod time;
pub mod tui;
