//! recall: browse, search and keep the history of conversations with LLM agents.

pub mod content;
pub mod import;
pub mod store;
