//! `recall export`: a session as Markdown, HTML or JSON, into a file or onto stdout.

use std::io::Write as _;
use std::path::Path;

use anyhow::{Context, Result};

use super::args::ExportArgs;
use super::output::Out;
use crate::export::{self, Redaction};
use crate::store::Store;

pub fn export(store: &Store, out: &mut Out, args: ExportArgs) -> Result<()> {
    let session = store.get_session(&store.resolve_id(&args.id, true)?)?;
    let events = store.events(&session.id)?;
    let redaction = Redaction {
        secrets: !args.no_redact && (args.redaction.redact || args.format.redacts_by_default()),
        paths: args.redaction.redact_paths,
    };
    let text = export::render(&session, &events, args.format, redaction)?;
    match args.output.as_deref() {
        Some(path) if path == Path::new("-") => out.line(text.trim_end()),
        Some(path) => {
            write_file(path, &text, args.force)?;
            out.line(format_args!("Exported to {}", path.display()))
        }
        None if !out.is_terminal() => out.line(text.trim_end()),
        None => {
            let dir = std::env::current_dir().context("cannot find the current folder for the export")?;
            let (file, path) = export::create_new_file(&dir, &export::file_stem(&session), args.format.extension())?;
            export::write_or_remove(file, &path, &text)?;
            out.line(format_args!("Exported to {}", path.display()))
        }
    }
}

/// Writes `text` to `path`: a new file, or with `force` over an existing one.
fn write_file(path: &Path, text: &str, force: bool) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let mut file = options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => {
            anyhow::anyhow!("{} already exists: --force replaces it", path.display())
        }
        _ => anyhow::Error::new(e).context(format!("cannot create the export {}", path.display())),
    })?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write the export to {}", path.display()))
}
