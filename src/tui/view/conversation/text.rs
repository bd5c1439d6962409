//! The selected message as plain text, for copying and exporting.

use crate::content::Block;

use super::state::ConversationState;

impl ConversationState {
    /// The selected message's text, blocks separated by blank lines. It is the events' own
    /// text, not sanitized: whoever writes it to a terminal must sanitize it.
    pub fn selected_message_text(&self) -> Option<String> {
        let selection = self.selection?;
        let blocks = &self.window.get(selection.event)?.event.blocks;
        Some(blocks.iter().map(block_text).collect::<Vec<_>>().join("\n\n"))
    }

    /// The selected block's text, or the whole message's when no block is selected.
    pub fn selected_text(&self) -> Option<String> {
        let selection = self.selection?;
        let Some(block) = selection.block else {
            return self.selected_message_text();
        };
        self.window.get(selection.event)?.event.blocks.get(block).map(block_text)
    }
}

fn block_text(block: &Block) -> String {
    match block {
        Block::Text { text, .. } | Block::Reasoning { text } => text.clone(),
        Block::ToolCall { name, arguments, .. } => format!("{name} {arguments}"),
        Block::ToolResult { output, .. } => output.clone(),
        Block::Handoff { from, to } => {
            format!("handoff: {} → {}", from.as_deref().unwrap_or("?"), to.as_deref().unwrap_or("?"))
        }
        Block::Raw { json } => json.clone(),
    }
}
