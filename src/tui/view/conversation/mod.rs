//! The conversation pane: a session's messages, laid out lazily and drawn from a cache.
//!
//! The app owns a [`ConversationState`], calls its operations from `update` with the
//! session's [`EventSource`], and draws it with [`render`]. Only the events around the
//! viewport are ever read or laid out, so a 100,000-event session scrolls like a short one:
//!
//! - the viewport's top is an anchor (an event and a row within it), never a global row;
//! - events are read in chunks around the viewport and forgotten far from it;
//! - each event's rows are cached per width and fold state; huge plain texts are indexed
//!   (a row start every few rows) rather than wrapped, and folded ones not even indexed.
//!
//! All text from events goes through one sanitizer before it is laid out.

mod calls;
mod clean;
mod code;
mod diff;
mod fold;
mod grapheme;
mod header;
mod highlight;
mod layout;
mod markdown;
mod plain;
mod prepare;
mod raw;
mod read;
mod render;
mod rows;
mod scroll;
mod select;
mod source;
mod state;
mod subagent;
mod table;
#[cfg(test)]
mod tests;
mod text;
mod window;
mod wrap;

pub use fold::Fold;
/// Shared with the rest of the view, so every pane measures and wraps text the same way.
pub(crate) use grapheme::{cell_width, grapheme_at};
pub use raw::RawView;
pub use render::{ConversationView, render};
pub use source::{EventSource, ParsedEvent};
pub use state::{ConversationState, ToolView, Visibility};
pub use subagent::SubagentLink;
pub(crate) use wrap::RowBreaker;
