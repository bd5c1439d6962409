//! Actions whose work the event loop finishes: copying, resuming in the agent, exporting.

use anyhow::Result;

use super::{App, Backend, Effect};
use crate::export::{Format, Redaction};

impl App {
    pub(super) fn copy(&mut self, redaction: Redaction) {
        let text = self.open.as_ref().and_then(|(_, state)| state.selected_message_text());
        match text.map(|text| redaction.apply(&text).into_owned()) {
            Some(text) => {
                let redacted = if redaction.is_on() { ", secrets redacted" } else { "" };
                self.info(format!("Copied the selected message ({} characters{redacted})", text.chars().count()));
                self.effects.push(Effect::Copy(text));
            }
            None => self.info("Nothing selected to copy"),
        }
    }

    /// Asks the loop to run the open session's resume command; says why not when it cannot
    /// run (no command, folder gone, tool missing), with the command that would run.
    pub(super) fn resume(&mut self) {
        let Some((session, _)) = &self.open else {
            self.info("Open a session to resume it");
            return;
        };
        match crate::resume::command_for(session, &self.resume_templates)
            .and_then(|command| command.check().map(|()| command))
        {
            Ok(command) => {
                self.info(format!("Back from {}", command.program));
                self.effects.push(Effect::Resume(command));
            }
            Err(err) => self.error(crate::content::sanitize_line(&err.to_string()).into_owned()),
        }
    }

    pub(super) fn export(&mut self, backend: &dyn Backend, format: Format) -> Result<()> {
        let Some((session, _)) = &self.open else {
            self.info("Open a session to export it");
            return Ok(());
        };
        let path = backend.export(session, format)?;
        self.info(format!("Exported to {}", path.display()));
        Ok(())
    }
}
