//! `recall sync` and `recall sources`: the histories recall follows and keeps current.

use anyhow::{Result, bail};
use serde_json::json;

use super::args::{SourcesAction, SourcesArgs};
use super::output::Out;
use super::progress::ProgressLine;
use crate::import::{self, Format};
use crate::store::{FollowedSource, Store};
use crate::sync;

pub fn sync(store: &Store, out: &mut Out, json: bool, off: &[String]) -> Result<()> {
    if store.is_read_only() {
        bail!("the store is read-only: sync refused");
    }
    sync::follow_defaults(store, off)?;
    let mut progress = ProgressLine::new();
    let summary = sync::sync_all_but(store, off, &mut |source| {
        progress.show(|| format!("syncing {} {}", source.format, source.path.display()));
    })?;
    progress.finish();
    if json {
        out.json(&summary)?;
    } else if summary.sources.is_empty() {
        out.line("recall follows no sources yet: `recall import PATH` or `recall sources add PATH` adds one")?;
    } else {
        super::import::print_summary(out, &summary)?;
    }
    out.flush()?;
    super::import::index_or_say_when(store)
}

pub fn sources(store: &Store, out: &mut Out, args: SourcesArgs) -> Result<()> {
    match args.action {
        None => list(store, out, args.json),
        Some(SourcesAction::Add { path, format }) => add(store, out, &path, format.as_deref()),
        Some(SourcesAction::Off { target }) => switch(store, out, &target, false),
        Some(SourcesAction::On { target }) => switch(store, out, &target, true),
    }
}

fn list(store: &Store, out: &mut Out, as_json: bool) -> Result<()> {
    let sources = store.followed_sources()?;
    if as_json {
        let rows: Vec<_> = sources
            .iter()
            .map(|source| {
                json!({
                    "path": source.path.to_string_lossy(),
                    "format": source.format,
                    "state": sync::state_of(source).name(),
                    "sessions": sessions_of(source),
                    "last_synced": source.last_synced.map(|t| t.to_rfc3339()),
                    "auto": source.auto,
                    "problems": source.last_result.as_ref().map_or(json!([]), |r| r["problems"].clone()),
                })
            })
            .collect();
        return out.json(&rows);
    }
    if sources.is_empty() {
        return out.line("recall follows no sources yet: `recall import PATH` or `recall sources add PATH` adds one");
    }
    let now = chrono::Utc::now();
    out.line(format_args!("{:<10} {:<12} {:>8}  {:<12} {:<5} path", "state", "agent", "sessions", "last sync", "how"))?;
    for source in &sources {
        let when = source.last_synced.map_or_else(|| "never".to_string(), |t| crate::time::relative(t, now));
        let agent = crate::agents::display_name(&source.format);
        let path = out.untrusted_line(&source.path.to_string_lossy()).into_owned();
        let how = if source.auto { "auto" } else { "added" };
        let state = sync::state_of(source).name();
        out.line(format_args!("{state:<10} {agent:<12} {:>8}  {when:<12} {how:<5} {path}", sessions_of(source)))?;
        if let Some(problem) = first_problem(source) {
            out.line(format_args!("           {}", out.untrusted_line(&problem)))?;
        }
    }
    Ok(())
}

fn sessions_of(source: &FollowedSource) -> u64 {
    source.last_result.as_ref().and_then(|r| r["sessions"].as_u64()).unwrap_or(0)
}

fn first_problem(source: &FollowedSource) -> Option<String> {
    let result = source.last_result.as_ref()?;
    let count = result["problem_count"].as_u64().unwrap_or(0);
    let first = result["problems"].get(0)?.as_str()?;
    Some(if count > 1 { format!("{first} (and {} more)", count - 1) } else { first.to_string() })
}

fn add(store: &Store, out: &mut Out, path: &std::path::Path, format: Option<&str>) -> Result<()> {
    if store.is_read_only() {
        bail!("the store is read-only: adding a source refused");
    }
    if !path.exists() {
        bail!("{} does not exist", path.display());
    }
    let format = match format {
        Some(name) => name.parse::<Format>()?,
        None => import::detect(path)?,
    };
    let new = sync::follow(store, path, format)?;
    let followed = sync::absolute(path);
    let shown = out.untrusted_line(&followed.to_string_lossy()).into_owned();
    if !new {
        return out.line(format_args!("already following {shown}"));
    }
    out.line(format_args!("following {shown} ({})", crate::agents::display_name(format.name())))?;
    let source = store.followed_sources()?.into_iter().find(|source| source.path == followed);
    if let Some(source) = source {
        let done = sync::sync_source(store, &source)?;
        let mut summary = import::Summary::default();
        summary.add(done);
        super::import::print_summary(out, &summary)?;
    }
    Ok(())
}

/// Turns off (or on) the source at a path, or every source of a format.
fn switch(store: &Store, out: &mut Out, target: &str, enabled: bool) -> Result<()> {
    let sources = store.followed_sources()?;
    let by_path = sync::absolute(std::path::Path::new(target));
    let matches: Vec<&FollowedSource> = sources
        .iter()
        .filter(|source| {
            source.path == by_path
                || source.format.eq_ignore_ascii_case(target)
                || crate::agents::display_name(&source.format).eq_ignore_ascii_case(target)
        })
        .collect();
    if matches.is_empty() {
        bail!("no followed source is at '{target}' or of that format; `recall sources` lists them");
    }
    for source in matches {
        store.set_source_enabled(source.id, enabled)?;
        let path = out.untrusted_line(&source.path.to_string_lossy()).into_owned();
        out.line(format_args!("{} {path}", if enabled { "following again" } else { "no longer following" }))?;
    }
    Ok(())
}
