//! `recall import`: bring other tools' histories into the store, idempotently.

use std::path::Path;

use anyhow::{Result, bail};

use super::args::ImportArgs;
use super::output::{Out, note};
use super::progress::ProgressLine;
use crate::import::{self, Format, Options, Progress, Source, Summary};
use crate::store::Store;

/// Backlogs up to this size (about a second's work) are indexed before import returns.
const INDEX_AFTER_IMPORT: u64 = 50_000;

pub fn import(store: &Store, out: &mut Out, args: ImportArgs, off: &[String]) -> Result<()> {
    if store.is_read_only() {
        bail!("the store is read-only: import refused");
    }
    let sources = sources(store, &args, off)?;
    if sources.is_empty() {
        note(
            "found no history in the default locations of the tools recall reads (the README's import table lists them)",
        );
        return Ok(());
    }
    let options = Options { sessions_table: args.sessions_table.clone(), messages_table: args.messages_table.clone() };
    let mut progress = ProgressLine::new();
    let summary = import::run(store, &sources, &options, &mut |step| progress.show(|| progress_text(&step)));
    progress.finish();
    if !args.once {
        follow_imported(store, &args, &summary, off)?;
    }
    if args.json {
        out.json(&summary)?;
    } else {
        print_summary(out, &summary)?;
    }
    out.flush()?;
    index_or_say_when(store)?;
    match failure(&summary) {
        None => Ok(()),
        Some(message) => bail!(message),
    }
}

/// What to say when a source failed, true to what did go in: a source can stop after some of
/// its sessions were imported, and those stay.
fn failure(summary: &Summary) -> Option<String> {
    let failed: Vec<&str> = summary.sources.iter().filter_map(|s| s.error.as_deref()).collect();
    let read = summary.sessions_added + summary.sessions_updated + summary.sessions_unchanged;
    let were = |n: usize| if n == 1 { "1 session was".to_string() } else { format!("{n} sessions were") };
    Some(match (failed.as_slice(), summary.sources.len(), read) {
        ([], _, _) => return None,
        ([error], 1, 0) => format!("nothing could be imported: {error}"),
        ([error], 1, read) => format!("the import stopped after {} read: {error}", were(read)),
        (_, all, 0) if failed.len() == all => "nothing could be imported (see above)".to_string(),
        (_, all, read) => {
            format!("{} of {all} sources could not be imported in full (see above); {} read", failed.len(), were(read))
        }
    })
}

fn sources(store: &Store, args: &ImportArgs, off: &[String]) -> Result<Vec<Source>> {
    if args.auto {
        let (found, off): (Vec<_>, Vec<_>) =
            import::auto_sources().into_iter().partition(|(format, _)| !crate::sync::is_off(off, format.name()));
        for (format, path) in &found {
            note(format_args!("found {format} history at {}", path.display()));
        }
        for (format, path) in &off {
            note(format_args!("left out {format} history at {}: sources.off in config.toml", path.display()));
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
fn follow_imported(store: &Store, args: &ImportArgs, summary: &Summary, off: &[String]) -> Result<()> {
    if args.auto {
        crate::sync::follow_defaults(store, off)?;
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
        note(format_args!(
            "{backlog} events are not in the search index yet; the first search and the browser index them, or run `recall index` now"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::SourceSummary;

    fn source(added: usize, error: Option<&str>) -> SourceSummary {
        SourceSummary {
            format: Format::ClaudeCode,
            path: "p".into(),
            sessions_added: added,
            sessions_updated: 0,
            sessions_unchanged: 0,
            events_added: added,
            events_removed: 0,
            skipped: Vec::new(),
            error: error.map(str::to_string),
            elapsed_ms: 0,
        }
    }

    fn summary(sources: Vec<SourceSummary>) -> Summary {
        let mut summary =
            Summary { sessions_added: sources.iter().map(|s| s.sessions_added).sum(), ..Summary::default() };
        summary.failed_sources = sources.iter().filter(|s| s.error.is_some()).count();
        summary.sources = sources;
        summary
    }

    #[test]
    fn a_failure_says_what_did_go_in() {
        assert_eq!(failure(&summary(vec![source(2, None)])), None);
        let said = |sources| failure(&summary(sources)).expect("a failure");
        assert_eq!(said(vec![source(0, Some("x: gone"))]), "nothing could be imported: x: gone");
        assert_eq!(
            said(vec![source(3, Some("disk full"))]),
            "the import stopped after 3 sessions were read: disk full"
        );
        assert_eq!(said(vec![source(0, Some("a")), source(0, Some("b"))]), "nothing could be imported (see above)");
        assert_eq!(
            said(vec![source(1, Some("a")), source(0, Some("b"))]),
            "2 of 2 sources could not be imported in full (see above); 1 session was read"
        );
        assert_eq!(
            said(vec![source(0, Some("a")), source(4, None)]),
            "1 of 2 sources could not be imported in full (see above); 4 sessions were read"
        );
    }
}
