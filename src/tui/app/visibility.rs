//! `T` and `t`: what every session shows of reasoning and tool output, for as long as the
//! browser runs.

use anyhow::Result;

use super::{App, Backend};
use crate::tui::view::conversation::{ToolView, Visibility};

impl App {
    /// `T`: reasoning shown or hidden, in the open session and every one opened after.
    pub(super) fn toggle_reasoning(&mut self, backend: &dyn Backend) -> Result<()> {
        let reasoning = !self.visibility.reasoning;
        self.apply_visibility(backend, Visibility { reasoning, ..self.visibility })?;
        self.info(if reasoning { "Reasoning shown (T hides it)" } else { "Reasoning hidden (T shows it)" });
        Ok(())
    }

    /// `t`: tool output folded, then full, then hidden (calls named only), then folded again.
    pub(super) fn cycle_tool_output(&mut self, backend: &dyn Backend) -> Result<()> {
        let tools = self.visibility.tools.next();
        self.apply_visibility(backend, Visibility { tools, ..self.visibility })?;
        self.info(match tools {
            ToolView::Folded => "Tool output folded (t shows it all)",
            ToolView::Full => "Tool output shown in full (t hides it)",
            ToolView::Hidden => "Tool output hidden, calls named only (t folds it)",
        });
        Ok(())
    }

    fn apply_visibility(&mut self, backend: &dyn Backend, visibility: Visibility) -> Result<()> {
        self.visibility = visibility;
        self.conversation(backend, |c, s| c.set_visibility(s, visibility))
    }
}
