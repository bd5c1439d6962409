//! Actions whose work the event loop finishes: copying, resuming in the agent, exporting.

use anyhow::Result;

use super::{Action, App, Backend, Effect, Mode};
use crate::content::sanitize_line;
use crate::export::{Format, Redaction};
use crate::resume::{ResumeCommand, ResumeError};

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

    /// Asks the loop to run the open session's resume command. When it cannot run as it is,
    /// says why: a folder that is gone asks to run it in the current one instead; a tool
    /// that is not installed shows the command and `y` copies it; a source recall knows no
    /// command for shows the session's id there, and `y` copies that.
    pub(super) fn resume(&mut self) {
        let Some((session, _)) = &self.open else {
            self.info("Open a session to resume it");
            return;
        };
        let id_there = session.source_id.clone().unwrap_or_else(|| session.id.clone());
        match crate::resume::command_for(session, &self.resume_templates) {
            Err(ResumeError::NoCommand { agent }) => {
                let text = format!(
                    "recall knows no command that resumes {agent} sessions: its id is {id_there} · y copies it"
                );
                self.offer_copy(sanitize_line(&text).into_owned(), id_there);
            }
            Err(err) => self.error(sanitize_line(&err.to_string()).into_owned()),
            Ok(command) => match command.check() {
                Err(ResumeError::FolderGone { folder, .. }) => {
                    let here = ResumeCommand { cwd: None, ..command };
                    let text = format!(
                        "{} no longer exists: run `{}` in the current folder? y/n",
                        folder.display(),
                        here.shell_quoted()
                    );
                    self.info(sanitize_line(&text).into_owned());
                    self.mode = Mode::ConfirmResume { command: here };
                }
                checked => self.run_resume(command, checked),
            },
        }
    }

    /// y or n to running a session whose folder is gone in the current folder.
    pub(super) fn confirm_resume(&mut self, action: Action) {
        let Mode::ConfirmResume { command } = &self.mode else { return };
        let command = command.clone();
        match action {
            Action::Submit => {
                self.mode = Mode::Normal;
                let checked = command.check();
                self.run_resume(command, checked);
            }
            Action::Cancel => {
                self.mode = Mode::Normal;
                self.info("Not resumed");
            }
            _ => {}
        }
    }

    /// Runs `command` when `checked` found nothing against it; a tool that is not installed
    /// is said with the command, which `y` then copies.
    fn run_resume(&mut self, command: ResumeCommand, checked: Result<(), ResumeError>) {
        match checked {
            Ok(()) => {
                self.info(format!("Back from {}", command.program));
                self.effects.push(Effect::Resume(command));
            }
            Err(ResumeError::NotInstalled { program, command }) => {
                let text = format!("{program} is not installed (not on PATH): `{command}` would run · y copies it");
                self.offer_copy(sanitize_line(&text).into_owned(), command);
            }
            Err(err) => self.error(sanitize_line(&err.to_string()).into_owned()),
        }
    }

    /// Says `text` in the status line; while it is shown, `y` copies `copy`.
    fn offer_copy(&mut self, text: String, copy: String) {
        self.error(text.clone());
        self.copy_offer = Some((text, copy));
    }

    /// The offered text, if the message that offers it is still shown.
    pub(super) fn take_copy_offer(&mut self) -> Option<String> {
        let (said, copy) = self.copy_offer.take()?;
        self.status.as_ref().is_some_and(|status| status.text == said).then_some(copy)
    }

    pub(super) fn copy_offered(&mut self, text: String) {
        self.info(format!("Copied: {}", sanitize_line(&text)));
        self.effects.push(Effect::Copy(text));
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
