//! `recall import`: bring other tools' histories into the store, idempotently.

use std::path::Path;

use anyhow::{Result, bail};

use super::args::ImportArgs;
use super::output::Out;
use super::progress::ProgressLine;
use crate::import::{self, Format, Options, Progress, Source, Summary};
use crate::store::Store;

/// Backlogs up to this size (about a second's work) are indexed before import returns.
const INDEX_AFTER_IMPORT: u64 = 50_000;

pub fn import(store: &Store, out: &mut Out, args: ImportArgs) -> Result<()> {
    if store.is_read_only() {
        bail!("the store is read-only: import refused");
    }
    let sources = sources(store, &args)?;
    if sources.is_empty() {
        eprintln!("recall: found no history in the default locations (Claude Code, Codex, dasshh, llm, elia, oterm)");
        return Ok(());
    }
    let options = Options { sessions_table: args.sessions_table.clone(), messages_table: args.messages_table.clone() };
    let mut progress = ProgressLine::new();
    let summary = import::run(store, &sources, &options, &mut |step| progress.show(|| progress_text(&step)));
    progress.finish();
    if !args.once {
        follow_imported(store, &args, &summary)?;
    }
    if args.json {
        out.json(&summary)?;
    } else {
        print_summary(out, &summary)?;
    }
    out.flush()?;
    index_or_say_when(store)?;
    match summary.failed_sources {
        0 => Ok(()),
        failed if failed == summary.sources.len() => bail!("nothing could be imported"),
        failed => bail!("{failed} of {} sources could not be imported (see above)", summary.sources.len()),
    }
}

fn sources(store: &Store, args: &ImportArgs) -> Result<Vec<Source>> {
    if args.auto {
        let found = import::auto_sources();
        for (format, path) in &found {
            eprintln!("recall: found {format} history at {}", path.display());
        }
        return Ok(found.into_iter().map(|(format, path)| Source { format, path }).collect());
    }
    let Some(path) = &args.path else { bail!("say what to import: a PATH, or --auto for the default locations") };
    if !path.exists() {
        bail!("{} does not exist", path.display());
    }
    refuse_own_store(store, path)?;
    let format = match &args.format {
        Some(name) => name.parse::<Format>()?,
        None => import::detect(path)?,
    };
    Ok(vec![Source { format, path: path.clone() }])
}

/// Importing a recall store (this one or another) would only copy recall's own rows.
fn refuse_own_store(store: &Store, path: &Path) -> Result<()> {
    let canonical = |path: &Path| path.canonicalize().ok();
    if store.path().and_then(canonical).is_some_and(|own| Some(own) == canonical(path)) {
        bail!("{} is the store recall is using; there is nothing to import", path.display());
    }
    if crate::store::is_recall_store(path) {
        bail!("{} is a recall store: open it with `recall --db {}` instead", path.display(), path.display());
    }
    Ok(())
}

/// An imported source is followed from then on, so the browser and `recall sync` keep it
/// current; `--auto` locations are followed as found automatically.
fn follow_imported(store: &Store, args: &ImportArgs, summary: &Summary) -> Result<()> {
    if args.auto {
        crate::sync::follow_defaults(store)?;
        return Ok(());
    }
    for source in summary.sources.iter().filter(|source| source.error.is_none()) {
        if crate::sync::follow(store, &source.path, source.format)? {
            eprintln!(
                "recall: following {} from now on (`recall sources off` stops it; `--once` imports without following)",
                crate::content::sanitize_line(&crate::sync::absolute(&source.path).to_string_lossy())
            );
        }
    }
    Ok(())
}

pub(super) fn print_summary(out: &mut Out, summary: &Summary) -> Result<()> {
    for source in &summary.sources {
        let path = out.untrusted_line(&source.path.to_string_lossy()).into_owned();
        out.line(format_args!(
            "{} {path}: {} sessions added, {} updated, {} unchanged; {} events added{}{}",
            source.format,
            source.sessions_added,
            source.sessions_updated,
            source.sessions_unchanged,
            source.events_added,
            if source.events_removed == 0 {
                String::new()
            } else {
                format!(", {} removed (no longer in the source)", source.events_removed)
            },
            if source.skipped.is_empty() { String::new() } else { format!("; {} skipped", source.skipped.len()) }
        ))?;
        for skipped in &source.skipped {
            let location = out.untrusted_line(&skipped.location).into_owned();
            let reason = out.untrusted_line(&skipped.reason).into_owned();
            out.line(format_args!("  skipped {location}: {reason}"))?;
        }
        if let Some(error) = &source.error {
            out.line(format_args!("  failed: {}", out.untrusted_line(error)))?;
        }
    }
    if summary.sources.len() > 1 {
        out.line(format_args!(
            "in all: {} sessions added, {} updated, {} unchanged; {} events added; {} skipped",
            summary.sessions_added,
            summary.sessions_updated,
            summary.sessions_unchanged,
            summary.events_added,
            summary.skipped
        ))?;
    }
    Ok(())
}

fn progress_text(step: &Progress<'_>) -> String {
    let name = step.source.path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    format!(
        "importing {} {} ({}/{}): {} sessions, {} events",
        step.source.format,
        crate::content::sanitize_line(&name),
        step.source_index + 1,
        step.source_count,
        step.sessions,
        step.events_added
    )
}

/// Imports write rows and leave search indexing to a backlog (it is most of the cost). A
/// small backlog is indexed now, so the store is left complete; a big one is left to the
/// first search, the browser, or `recall index`, so that the history can be browsed sooner.
pub(super) fn index_or_say_when(store: &Store) -> Result<()> {
    let backlog = store.unindexed_events()?;
    if backlog <= INDEX_AFTER_IMPORT {
        super::index::catch_up(store)?;
    } else {
        eprintln!(
            "recall: {backlog} events are not in the search index yet; the first search and the browser index them, or run `recall index` now"
        );
    }
    Ok(())
}
