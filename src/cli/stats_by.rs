//! `recall stats --by model|day|project`: sessions, messages, tool calls and tokens per group.
//!
//! A session counts whole in one group: under the first model that answered in it (else the
//! model its importer noted, else `unknown`), under the UTC day it started, or under its
//! project (the last part of its working directory; `none` when it has none). Its tokens are
//! summed as the conversation header shows them, each model call once. No cost is shown:
//! recall has no prices unless you give them, and it has nowhere to give them yet.

use std::collections::{BTreeMap, HashMap};

use anyhow::Result;
use clap::ValueEnum;
use serde::Serialize;
use serde_json::Value;

use super::output::Out;
use crate::content::{SessionUsage, Tally, Usage};
use crate::store::{Session, Store};

/// What `stats --by` groups sessions by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    Model,
    Day,
    Project,
}

/// One group's counts.
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct GroupCounts {
    pub sessions: u64,
    /// Messages people and assistants wrote (`user` plus `assistant` of `recall stats`).
    pub messages: u64,
    pub tool_calls: u64,
    pub tokens: Usage,
}

#[derive(Debug, Serialize)]
struct Report {
    by: GroupBy,
    groups: Vec<Group>,
    total: GroupCounts,
}

#[derive(Debug, Serialize)]
struct Group {
    name: String,
    #[serde(flatten)]
    counts: GroupCounts,
}

/// What one session adds, before it is known which group it goes in.
#[derive(Default)]
struct SessionSum {
    tally: Tally,
    usage: SessionUsage,
}

/// Every group's counts, in name order.
pub fn grouped(store: &Store, by: GroupBy) -> Result<BTreeMap<String, GroupCounts>> {
    let mut sums: HashMap<String, SessionSum> = HashMap::new();
    let mut current: Option<(String, SessionSum)> = None;
    store.scan_events(&mut |session_id, _source, content| {
        if current.as_ref().is_none_or(|(id, _)| id != session_id) {
            if let Some((id, sum)) = current.take() {
                sums.insert(id, sum);
            }
            current = Some((session_id.to_string(), SessionSum::default()));
        }
        let value = crate::json::parse_value(content).unwrap_or(Value::Null);
        if let Some((_, sum)) = &mut current {
            sum.tally.add_event(&value);
            sum.usage.add_event(&value);
        }
    })?;
    if let Some((id, sum)) = current {
        sums.insert(id, sum);
    }
    let mut groups: BTreeMap<String, GroupCounts> = BTreeMap::new();
    for session in store.list_sessions(0, usize::MAX >> 1)? {
        let mut sum = sums.remove(&session.id).unwrap_or_default();
        if let Value::Object(metadata) = &session.metadata {
            sum.usage.add_metadata(metadata);
        }
        let counts = groups.entry(group_name(&session, &sum.usage, by)).or_default();
        counts.sessions += 1;
        counts.messages += sum.tally.user + sum.tally.assistant;
        counts.tool_calls += sum.tally.tool_calls;
        counts.tokens.add(&sum.usage.total);
    }
    Ok(groups)
}

fn group_name(session: &Session, usage: &SessionUsage, by: GroupBy) -> String {
    match by {
        GroupBy::Model => usage.models.first().cloned().unwrap_or_else(|| "unknown".into()),
        GroupBy::Day => session.created_at.format("%Y-%m-%d").to_string(),
        GroupBy::Project => session.project().unwrap_or("none").to_string(),
    }
}

pub fn stats_by(store: &Store, out: &mut Out, by: GroupBy, json: bool) -> Result<()> {
    let groups = grouped(store, by)?;
    let mut total = GroupCounts::default();
    for counts in groups.values() {
        total.sessions += counts.sessions;
        total.messages += counts.messages;
        total.tool_calls += counts.tool_calls;
        total.tokens.add(&counts.tokens);
    }
    let report =
        Report { by, groups: groups.into_iter().map(|(name, counts)| Group { name, counts }).collect(), total };
    if json {
        return out.json(&report);
    }
    let heading = match by {
        GroupBy::Model => "model",
        GroupBy::Day => "day",
        GroupBy::Project => "project",
    };
    out.line(format_args!(
        "{heading:<24} {:>8} {:>8} {:>7} {:>12} {:>10} {:>12} {:>12}",
        "sessions", "messages", "calls", "input", "output", "cache read", "cache write"
    ))?;
    let all = Group { name: "all".into(), counts: report.total };
    for group in report.groups.iter().chain(std::iter::once(&all)) {
        let name = out.untrusted_line(&group.name).into_owned();
        let counts = &group.counts;
        out.line(format_args!(
            "{name:<24} {:>8} {:>8} {:>7} {:>12} {:>10} {:>12} {:>12}",
            counts.sessions,
            counts.messages,
            counts.tool_calls,
            counts.tokens.input,
            counts.tokens.output,
            counts.tokens.cache_read,
            counts.tokens.cache_write
        ))?;
    }
    Ok(())
}
