//! Tool calls that started a subagent: their title names it and its size, and Enter on them
//! opens it (the app does the opening; this finds which one is selected).

use std::collections::HashMap;

use super::clean::clean;
use super::prepare::PreparedBlock;
use super::source::EventSource;
use super::state::ConversationState;
use crate::content::Block;
use crate::tui::theme::{Look, Tone};

/// A subagent session, as the call that started it shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubagentLink {
    pub session_id: String,
    pub title: String,
    pub events: i64,
}

/// Adds to the title of each call that started a subagent what that subagent is.
pub(super) fn annotate(prepared: &mut [PreparedBlock], blocks: &[Block], links: &HashMap<String, SubagentLink>) {
    if links.is_empty() {
        return;
    }
    for (shown, block) in prepared.iter_mut().zip(blocks) {
        let Block::ToolCall { id: Some(id), .. } = block else { continue };
        let (Some(link), Some(title)) = (links.get(id), shown.title.as_mut()) else { continue };
        let noun = if link.events == 1 { "event" } else { "events" };
        let text = format!(" → subagent “{}” · {} {noun} · Enter opens", clean(&link.title), link.events);
        title.push(&text, Look::plain(Tone::Handoff));
    }
}

impl ConversationState {
    /// The subagents this session's calls started, by call id. Set before the session is
    /// laid out (on opening it).
    pub fn set_subagents(&mut self, links: HashMap<String, SubagentLink>) {
        self.subagents = links;
    }

    /// The subagents as they are now (one synced in, or grown, while the session is read):
    /// what is loaded is prepared again with them, so the calls say so at once.
    pub fn update_subagents(
        &mut self,
        source: &dyn EventSource,
        links: HashMap<String, SubagentLink>,
    ) -> anyhow::Result<()> {
        if links == self.subagents {
            return Ok(());
        }
        self.subagents = links;
        self.window.forget_prepared();
        self.settle(source)
    }

    /// The subagent started by the selected call, or by the only call in the selected
    /// message that started one.
    pub fn selected_subagent(&self) -> Option<&SubagentLink> {
        let selection = self.selection?;
        let blocks = &self.window.get(selection.event)?.event.blocks;
        let link = |block: &Block| match block {
            Block::ToolCall { id: Some(id), .. } => self.subagents.get(id),
            _ => None,
        };
        match selection.block {
            Some(number) => link(blocks.get(number)?),
            None => {
                let mut linked = blocks.iter().filter_map(link);
                linked.next().filter(|_| linked.next().is_none())
            }
        }
    }
}
