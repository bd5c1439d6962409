//! The store behind the tools: opened on first use, kept open, and any failure to open it
//! (missing, locked, newer, replaced) reported by the call that met it.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::store::{OpenOptions, Store, StoreError};

/// Why a tool call gave no answer. A bad argument is the caller's to fix (an MCP
/// invalid-params error); anything else is the store's state, reported as a tool error so the
/// model reads it and the session goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ToolError {
    BadArgument(String),
    Store(String),
}

impl ToolError {
    pub fn bad(message: impl Into<String>) -> Self {
        ToolError::BadArgument(message.into())
    }
}

impl From<StoreError> for ToolError {
    fn from(err: StoreError) -> Self {
        // The message may quote titles (an ambiguous id lists sessions): untrusted text.
        let message = crate::content::sanitize(&err.to_string()).into_owned();
        match err {
            StoreError::NotFound { .. } | StoreError::Ambiguous { .. } | StoreError::Invalid(_) => {
                ToolError::BadArgument(message)
            }
            _ => ToolError::Store(message),
        }
    }
}

/// The store file and, once opened, its connection, shared by the server's clones.
#[derive(Clone)]
pub struct StoreAccess {
    path: PathBuf,
    allow_log: bool,
    store: Arc<Mutex<Option<Store>>>,
}

impl StoreAccess {
    pub fn new(path: PathBuf, allow_log: bool) -> Self {
        StoreAccess { path, allow_log, store: Arc::new(Mutex::new(None)) }
    }

    pub fn allows_log(&self) -> bool {
        self.allow_log
    }

    /// Runs `work` on the store, opening it first if needed. A store that was deleted or
    /// replaced since it was opened is opened again by the next call.
    pub fn with<T>(&self, work: impl FnOnce(&Store) -> Result<T, ToolError>) -> Result<T, ToolError> {
        // A call that panicked cannot have left the store half-changed (each change is one
        // transaction), so a poisoned lock is taken over rather than failing every later call.
        let mut slot = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if slot.is_none() {
            *slot = Some(self.open()?);
        }
        let Some(store) = slot.as_ref() else { return Err(ToolError::Store("the store is not open".into())) };
        let result = work(store);
        if matches!(&result, Err(ToolError::Store(message)) if message.contains("deleted or replaced")) {
            *slot = None;
        }
        result
    }

    fn open(&self) -> Result<Store, ToolError> {
        let shown = self.path.display();
        if !self.path.exists() {
            // Read-only, opening would fail anyway; with --allow-log it would make an empty
            // store, which hides a wrong --db from the person who set the server up.
            return Err(ToolError::Store(format!(
                "there is no recall store at {shown} yet: run `recall import --auto` (or start `recall mcp` with the right --db)"
            )));
        }
        let store = Store::open_with(&self.path, OpenOptions { read_only: !self.allow_log })
            .map_err(|err| ToolError::Store(format!("cannot open the store {shown}: {err}")))?;
        // A client waits on each call: a lock held elsewhere is reported within a second.
        store.set_busy_timeout(std::time::Duration::from_secs(1)).map_err(ToolError::from)?;
        Ok(store)
    }
}
