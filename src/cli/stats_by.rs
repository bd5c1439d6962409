//! `recall stats --by model|day|project`: sessions, messages, tool calls and tokens per group.
//!
//! A session counts in one group: under the first model that answered in it (else the model
//! its importer noted, else `unknown`), under the UTC day it started, or under its project
//! (the last part of its working directory; `none` when it has none). Its tokens are summed as
//! the conversation header shows them, each model call once; by model, they go to the model
//! of each call where the source records it (a session that switched models adds to each),
//! so every column of the groups adds up to the total.
//!
//! With `[prices]` in config.toml, a group whose every token has a price shows what it cost
//! (`cost_usd`); one only partly priced shows what its priced tokens cost as a lower bound
//! (`≥ $1.23`, `cost_usd_at_least`), and one with no priced token none: never 0 for unknown.

use std::collections::{BTreeMap, HashMap};

use anyhow::Result;
use clap::ValueEnum;
use serde::Serialize;
use serde_json::Value;

use super::output::Out;
use crate::content::{Cost, Prices, SessionUsage, Tally, Usage};
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
    /// The tokens by the model that spent them (`None`: not known), to price them.
    #[serde(skip)]
    pub tokens_by_model: BTreeMap<Option<String>, Usage>,
}

impl GroupCounts {
    fn add(&mut self, other: &GroupCounts) {
        self.sessions += other.sessions;
        self.messages += other.messages;
        self.tool_calls += other.tool_calls;
        self.tokens.add(&other.tokens);
        for (model, usage) in &other.tokens_by_model {
            self.tokens_by_model.entry(model.clone()).or_default().add(usage);
        }
    }
}

#[derive(Debug, Serialize)]
struct Report {
    by: GroupBy,
    groups: Vec<Group>,
    total: Group,
}

#[derive(Debug, Serialize)]
struct Group {
    #[serde(skip_serializing_if = "String::is_empty")]
    name: String,
    #[serde(flatten)]
    counts: GroupCounts,
    /// What every token cost; absent unless each has a price.
    #[serde(skip_serializing_if = "Option::is_none")]
    cost_usd: Option<f64>,
    /// What the priced tokens cost, when some are not priced.
    #[serde(skip_serializing_if = "Option::is_none")]
    cost_usd_at_least: Option<f64>,
    #[serde(skip)]
    cost: Option<Cost>,
}

impl Group {
    fn new(name: String, counts: GroupCounts, prices: &Prices) -> Group {
        let cost = prices.cost(counts.tokens_by_model.iter().map(|(model, usage)| (model.as_deref(), usage)));
        Group {
            name,
            counts,
            cost_usd: cost.filter(|cost| cost.complete).map(|cost| cost.usd),
            cost_usd_at_least: cost.filter(|cost| !cost.complete).map(|cost| cost.usd),
            cost,
        }
    }
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
        if by != GroupBy::Model {
            counts.tokens.add(&sum.usage.total);
        }
        for (model, usage) in sum.usage.tokens_by_model() {
            // By model, tokens go to the model that spent them, whichever the session's is.
            let counts = match by {
                GroupBy::Model => {
                    let counts = groups.entry(model.clone().unwrap_or_else(|| UNKNOWN.into())).or_default();
                    counts.tokens.add(&usage);
                    counts
                }
                _ => groups.entry(group_name(&session, &sum.usage, by)).or_default(),
            };
            counts.tokens_by_model.entry(model).or_default().add(&usage);
        }
    }
    Ok(groups)
}

/// The group of a session, or of tokens, whose model is not known.
const UNKNOWN: &str = "unknown";

fn group_name(session: &Session, usage: &SessionUsage, by: GroupBy) -> String {
    match by {
        GroupBy::Model => usage.models.first().cloned().unwrap_or_else(|| UNKNOWN.into()),
        GroupBy::Day => session.created_at.format("%Y-%m-%d").to_string(),
        GroupBy::Project => session.project().unwrap_or("none").to_string(),
    }
}

pub fn stats_by(store: &Store, out: &mut Out, by: GroupBy, json: bool, prices: &Prices) -> Result<()> {
    let groups = grouped(store, by)?;
    let mut total = GroupCounts::default();
    for counts in groups.values() {
        total.add(counts);
    }
    let groups = groups.into_iter().map(|(name, counts)| Group::new(name, counts, prices)).collect();
    let report = Report { by, groups, total: Group::new(String::new(), total, prices) };
    if json {
        return out.json(&report);
    }
    let heading = match by {
        GroupBy::Model => "model",
        GroupBy::Day => "day",
        GroupBy::Project => "project",
    };
    // The cost column only when there are prices: without, it could only say "unknown".
    let priced = !prices.is_empty();
    let cost_heading = if priced { format!(" {:>12}", "cost") } else { String::new() };
    out.line(format_args!(
        "{heading:<24} {:>8} {:>8} {:>7} {:>12} {:>10} {:>12} {:>12}{cost_heading}",
        "sessions", "messages", "calls", "input", "output", "cache read", "cache write"
    ))?;
    let all = Group { name: "all".into(), ..report.total };
    for group in report.groups.iter().chain(std::iter::once(&all)) {
        let name = out.untrusted_line(&group.name).into_owned();
        let counts = &group.counts;
        let cost = match (priced, group.cost) {
            (false, _) => String::new(),
            (true, Some(cost)) => format!(" {:>12}", cost.text()),
            (true, None) => format!(" {:>12}", "-"),
        };
        out.line(format_args!(
            "{name:<24} {:>8} {:>8} {:>7} {:>12} {:>10} {:>12} {:>12}{cost}",
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
