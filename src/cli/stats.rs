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
    #[serde(flatten)]
    messages: Tally,
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
        let value = crate::json::parse_value(content).unwrap_or(serde_json::Value::Null);
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
        let counts = Counts { sessions: count.sessions, events: count.events, messages: tally };
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
        let source = out.untrusted_line(crate::agents::display_name(source)).into_owned();
        out.line(format_args!(
            "{source:<16} {:>8} {:>9} {:>7} {:>9} {:>7} {:>7} {:>6} {:>9} {:>7}",
            counts.sessions,
            counts.events,
            counts.messages.user,
            counts.messages.assistant,
            counts.messages.tool_calls,
            counts.messages.tool_results,
            counts.messages.tool_errors,
            counts.messages.reasoning,
            counts.messages.unrecognised
        ))?;
    }
    Ok(())
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.sessions += other.sessions;
        self.events += other.events;
        self.messages.merge(&other.messages);
    }
}
