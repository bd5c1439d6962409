//! `recall mcp`: the store's history as Model Context Protocol tools, served over stdio with
//! the official SDK (`rmcp`), so that an agent can search, list and read what earlier
//! sessions decided, tried and rejected.
//!
//! tokio stays in this module: `serve` starts its own runtime, and each tool call works on the
//! synchronous store behind a mutex. Every answer is plain text, sanitized, and bounded in
//! characters (`page::MAX_CHARS`), with a line saying how to page on.

mod access;
mod log;
mod page;
mod search;
mod server;
mod sessions;
mod transcript;

use std::path::PathBuf;

use anyhow::{Context, Result};
use rmcp::ServiceExt;

pub use access::{StoreAccess, ToolError};
pub use page::MAX_CHARS;
/// The `search_history` tool as a function, for benches and callers without a protocol.
pub use search::search_history;

/// Serves MCP on stdin/stdout until the client closes stdin. The store at `db` is opened on
/// the first call, read-only unless `allow_log`; a store that cannot be opened (missing,
/// locked, newer) is reported by the call that met it, and the next call tries again.
pub fn serve(db: PathBuf, allow_log: bool) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the MCP server's runtime")?;
    let server = server::Recall::new(StoreAccess::new(db, allow_log));
    runtime.block_on(async move {
        let running = match server.serve(rmcp::transport::stdio()).await {
            Ok(running) => running,
            // The client went away before the handshake: nothing to serve, not a failure.
            Err(rmcp::service::ServerInitializeError::ConnectionClosed(_)) => return Ok(()),
            Err(err) => return Err(err).context("starting the MCP session on stdio"),
        };
        running.waiting().await.context("serving MCP on stdio")?;
        Ok(())
    })
}
