//! `recall resume [ID] [--print]`: hands a session back to the tool that wrote it.

use anyhow::{Context, Result};

use super::output::Out;
use crate::store::Store;

pub fn resume(
    store: &Store,
    out: &mut Out,
    id: Option<&str>,
    print: bool,
    custom: &crate::config::ResumeTemplates,
) -> Result<()> {
    let session = match id {
        Some(id) => store.get_session(&store.resolve_id(id, false)?)?,
        None => store.most_recent_session()?.context("the store holds no sessions to resume")?,
    };
    let command = crate::resume::command_for(&session, custom)?;
    if print {
        // The id and folder come from a transcript: shown sanitized, quoted as shell words.
        return out.line(format_args!("{}", out.untrusted_line(&command.shell_quoted())));
    }
    command.check()?;
    out.flush()?;
    let status = command.run().with_context(|| format!("cannot run {}", command.program))?;
    if !status.success() {
        anyhow::bail!("{} ended with {status}", command.program);
    }
    Ok(())
}
