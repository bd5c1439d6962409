//! The code highlighter, taken up when it has loaded.

use anyhow::Result;

use super::{App, Backend};

impl App {
    /// Highlights code from now on, in the open session and every one opened after. A no-op
    /// until the highlighter has loaded.
    pub(super) fn use_code_highlighter(&mut self, backend: &dyn Backend) -> Result<()> {
        let Some(highlighter) = crate::syntax::loaded() else {
            return Ok(());
        };
        self.code_highlighter = Some(highlighter);
        if let Some((session, state)) = &mut self.open {
            let source = backend.events(session);
            state.set_code_highlighter(&*source, highlighter)?;
        }
        Ok(())
    }
}
