//! `recall stats`: how much history the store holds, as the content model reads it.

use std::collections::BTreeMap;

use anyhow::Result;
use serde::Serialize;

use super::output::Out;
use crate::content::Tally;
use crate::store::Store;

/// One line of the report: a source, or all of them.
#[derive(Debug, Default, Serialize)]
struct Counts {
    sessions: u64,
    events: u64,
    user: u64,
    assistant: u64,
    tool_calls: u64,
    tool_results: u64,
    tool_errors: u64,
    reasoning: u64,
    unrecognised: u64,
}

#[derive(Debug, Serialize)]
struct Report {
    #[serde(flatten)]
    total: Counts,
    by_source: BTreeMap<String, Counts>,
}

pub fn stats(store: &Store, out: &mut Out, json: bool) -> Result<()> {
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    // A fresh tally per session: its memory of the last reply (a reply split over several
    // lines counts once) must not reach into the next session.
    let mut current: Option<(String, String, Tally)> = None;
    store.scan_events(&mut |session_id, source, content| {
        if current.as_ref().is_none_or(|(id, _, _)| id != session_id) {
            if let Some((_, source, tally)) = current.take() {
                tallies.entry(source).or_default().merge(&tally);
            }
            current = Some((session_id.to_string(), source.to_string(), Tally::new()));
        }
        let value = serde_json::from_str(content).unwrap_or(serde_json::Value::Null);
        if let Some((_, _, tally)) = &mut current {
            tally.add_event(&value);
        }
    })?;
    if let Some((_, source, tally)) = current {
        tallies.entry(source).or_default().merge(&tally);
    }
    let mut report = Report { total: Counts::default(), by_source: BTreeMap::new() };
    for count in store.source_counts()? {
        let tally = tallies.remove(&count.source).unwrap_or_default();
        let counts = Counts {
            sessions: count.sessions,
            events: count.events,
            user: tally.user,
            assistant: tally.assistant,
            tool_calls: tally.tool_calls,
            tool_results: tally.tool_results,
            tool_errors: tally.tool_errors,
            reasoning: tally.reasoning,
            unrecognised: tally.unrecognised,
        };
        report.total.add(&counts);
        report.by_source.insert(count.source, counts);
    }
    if json {
        return out.json(&report);
    }
    out.line(format_args!(
        "{:<16} {:>8} {:>9} {:>7} {:>9} {:>7} {:>7} {:>6} {:>9} {:>7}",
        "source", "sessions", "events", "user", "assistant", "calls", "results", "errors", "reasoning", "other"
    ))?;
    for (source, counts) in report.by_source.iter().chain(std::iter::once((&"all".to_string(), &report.total))) {
        let source = out.untrusted_line(source).into_owned();
        out.line(format_args!(
            "{source:<16} {:>8} {:>9} {:>7} {:>9} {:>7} {:>7} {:>6} {:>9} {:>7}",
            counts.sessions,
            counts.events,
            counts.user,
            counts.assistant,
            counts.tool_calls,
            counts.tool_results,
            counts.tool_errors,
            counts.reasoning,
            counts.unrecognised
        ))?;
    }
    Ok(())
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.sessions += other.sessions;
        self.events += other.events;
        self.user += other.user;
        self.assistant += other.assistant;
        self.tool_calls += other.tool_calls;
        self.tool_results += other.tool_results;
        self.tool_errors += other.tool_errors;
        self.reasoning += other.reasoning;
        self.unrecognised += other.unrecognised;
    }
}
