//! simonw's `llm` logs.db: the message store (`threads` / `turns` / `messages` / `parts`,
//! llm >= 0.32, see `threads`) and the legacy tables (`conversations` / `responses`, llm <=
//! 0.31, see `legacy`). A database upgraded from one to the other holds both; a legacy conversation
//! continued later became a thread with the same id that replays it, so it is read once, from
//! the thread. Both paths build messages through [`message::LlmMessage::events`], so a
//! conversation imported from the legacy tables and later from its thread yields the same events.

mod legacy;
mod message;
mod threads;

use std::collections::HashSet;
use std::path::Path;

use super::sql::{self, has_columns, sqlite_error};
use super::{Out, Result};

pub(crate) fn read(path: &Path, out: &mut Out<'_, '_>) -> Result<()> {
    let conn = sql::open(path)?;
    let tables = sql::tables(&conn).map_err(sqlite_error(path, "reading the schema"))?;
    let mut read_threads = HashSet::new();
    let with_tokens = has_columns(&tables, "turns", &["input_tokens", "output_tokens"]);
    if has_columns(&tables, "threads", &["id", "tip_message_hash"]) && tables.contains_key("parts") {
        for id in threads::thread_ids(&conn).map_err(sqlite_error(path, "listing threads"))? {
            let session =
                threads::read_thread(&conn, path, &id, with_tokens).map_err(sqlite_error(path, "reading a thread"))?;
            read_threads.insert(id);
            out.session(session)?;
        }
    }
    if has_columns(&tables, "responses", &["id", "prompt", "response", "conversation_id"]) {
        legacy::read(&conn, path, &tables, &read_threads, out)?;
    }
    Ok(())
}
