//! The filter language, one syntax for `recall list --filter`, `recall search` and the
//! browser's `/` prompt: free words plus qualifiers, parsed into a [`Filter`] value. The store
//! turns that value into SQL; nothing else looks inside it.
//!
//! `agent:NAME` (`-agent:NAME` excludes), `project:TEXT`, `after:WHEN`, `before:WHEN`,
//! `model:TEXT`, `is:error`, `is:renamed`. `WHEN` is a date (`2026-11-01`, the start of that
//! day where the caller is), an age (`30m`, `12h`, `3d`, `2w`) or `today` / `yesterday`.
//! A word with a colon that names no qualifier (`http://x`, `std::fs`) stays a word.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

/// The qualifier names, for completion and for messages.
pub const QUALIFIERS: &[&str] = &["agent:", "-agent:", "project:", "after:", "before:", "model:", "is:"];

/// What a filter text asks for. Empty fields ask for nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// The free words, in order, joined by one space: what a search looks for.
    pub words: String,
    /// Free words typed in double quotes (`"error handling"`): a search keeps only the
    /// events where they follow each other, in this order. Their words are in `words` too.
    pub phrases: Vec<String>,
    /// Sources to keep (any of them); agent names are resolved to their source.
    pub agents: Vec<String>,
    /// Sources to leave out.
    pub not_agents: Vec<String>,
    /// Texts the working directory or project name must contain (each of them).
    pub projects: Vec<String>,
    /// Texts the model must contain (each of them).
    pub models: Vec<String>,
    /// Updated at or after this time.
    pub after: Option<DateTime<Utc>>,
    /// Updated before this time.
    pub before: Option<DateTime<Utc>>,
    /// Only sessions with a failed tool call.
    pub has_error: bool,
    /// Only sessions a person renamed.
    pub renamed: bool,
    /// Only sessions whose working directory is this folder or one below it (`recall --here`);
    /// set by the browser's scope, not typed.
    pub cwd_under: Option<String>,
}

impl Filter {
    /// True when it narrows the sessions (free words aside).
    pub fn has_qualifiers(&self) -> bool {
        let Filter {
            words: _,
            phrases: _,
            agents,
            not_agents,
            projects,
            models,
            after,
            before,
            has_error,
            renamed,
            cwd_under,
        } = self;
        !agents.is_empty()
            || !not_agents.is_empty()
            || !projects.is_empty()
            || !models.is_empty()
            || after.is_some()
            || before.is_some()
            || *has_error
            || *renamed
            || cwd_under.is_some()
    }

    /// Adds the qualifiers of `other` (its words too, after these).
    pub fn merge(mut self, other: Filter) -> Filter {
        if !other.words.is_empty() {
            self.words = if self.words.is_empty() { other.words } else { format!("{} {}", self.words, other.words) };
        }
        self.phrases.extend(other.phrases);
        self.agents.extend(other.agents);
        self.not_agents.extend(other.not_agents);
        self.projects.extend(other.projects);
        self.models.extend(other.models);
        self.after = self.after.max(other.after);
        self.before = match (self.before, other.before) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.has_error |= other.has_error;
        self.renamed |= other.renamed;
        self.cwd_under = other.cwd_under.or(self.cwd_under);
        self
    }
}

/// A filter text that cannot be understood, with the part at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("'{0}' is not a time: use a date (2026-11-01), an age (30m, 12h, 3d, 2w), today or yesterday")]
    BadTime(String),
    #[error("'is:{0}' is not known: use is:error or is:renamed")]
    BadIs(String),
    #[error("'{0}' needs a value after the colon")]
    Empty(String),
    #[error("a quote is not closed in '{0}'")]
    Unclosed(String),
}

/// Parses `text`; dates and `today` / `yesterday` are read in `now`'s time zone.
pub fn parse<Tz: TimeZone>(text: &str, now: &DateTime<Tz>) -> Result<Filter, QueryError> {
    let mut filter = Filter::default();
    let mut words = Vec::new();
    for (token, quoted) in tokens(text)? {
        let Some((name, value)) = qualifier(&token) else {
            if quoted {
                filter.phrases.push(token.clone());
            }
            words.push(token);
            continue;
        };
        if value.is_empty() {
            return Err(QueryError::Empty(format!("{name}:")));
        }
        match name {
            "agent" => filter.agents.push(agent_source(&value)),
            "-agent" => filter.not_agents.push(agent_source(&value)),
            "project" => filter.projects.push(value),
            "model" => filter.models.push(value),
            "after" => filter.after = filter.after.max(Some(time(&value, now)?)),
            "before" => {
                let before = time(&value, now)?;
                filter.before = Some(filter.before.map_or(before, |old| old.min(before)));
            }
            _ => match value.to_ascii_lowercase().as_str() {
                "error" => filter.has_error = true,
                "renamed" => filter.renamed = true,
                _ => return Err(QueryError::BadIs(value)),
            },
        }
    }
    filter.words = words.join(" ");
    Ok(filter)
}

/// The qualifiers of `text` without its free words, one space apart, a value with spaces
/// quoted again: what a list narrowed by `text` is narrowed by ("agent:codex after:7d").
pub fn qualifiers_text(text: &str) -> String {
    let tokens = tokens(text).unwrap_or_default();
    let kept = tokens.iter().filter_map(|token| {
        let (name, value) = qualifier(&token.0)?;
        Some(if value.contains(char::is_whitespace) {
            format!("{name}:\"{value}\"")
        } else {
            format!("{name}:{value}")
        })
    });
    kept.collect::<Vec<_>>().join(" ")
}

/// `name:value` when `token` starts with a qualifier's name (any case).
fn qualifier(token: &str) -> Option<(&'static str, String)> {
    let (name, value) = token.split_once(':')?;
    let known = QUALIFIERS.iter().map(|q| &q[..q.len() - 1]).find(|q| q.eq_ignore_ascii_case(name))?;
    Some((known, value.to_string()))
}

/// Words split on white space; a double-quoted stretch (`project:"my app"`, `"two words"`)
/// stays in one token, without its quotes, marked as quoted.
fn tokens(text: &str) -> Result<Vec<(String, bool)>, QueryError> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut started = false;
    let mut had_quote = false;
    for ch in text.chars() {
        match ch {
            '"' => {
                quoted = !quoted;
                started = true;
                had_quote = true;
            }
            ch if ch.is_whitespace() && !quoted => {
                if started {
                    tokens.push((std::mem::take(&mut current), had_quote));
                }
                started = false;
                had_quote = false;
            }
            ch => {
                current.push(ch);
                started = true;
            }
        }
    }
    if quoted {
        return Err(QueryError::Unclosed(text.to_string()));
    }
    if started {
        tokens.push((current, had_quote));
    }
    Ok(tokens.into_iter().filter(|(token, _)| !token.is_empty()).collect())
}

/// The stored source for an agent named by its format name or the name people use, in any
/// case ("Claude Code", "claude-code", "CODEX"); a name recall does not know stays as typed
/// (the store compares it without case), for sources written by other programs.
fn agent_source(name: &str) -> String {
    let squashed = |text: &str| text.chars().filter(|ch| ch.is_alphanumeric()).collect::<String>().to_lowercase();
    let wanted = squashed(name);
    crate::agents::AGENTS
        .iter()
        .find(|agent| agent.source.eq_ignore_ascii_case(name) || squashed(agent.name) == wanted)
        .map_or_else(|| name.to_string(), |agent| agent.source.to_string())
}

/// A moment named by a date, an age before `now`, `today` or `yesterday`.
fn time<Tz: TimeZone>(value: &str, now: &DateTime<Tz>) -> Result<DateTime<Utc>, QueryError> {
    let bad = || QueryError::BadTime(value.to_string());
    let lower = value.to_ascii_lowercase();
    let start_of = |date: NaiveDate| -> Result<DateTime<Utc>, QueryError> {
        let midnight = date.and_hms_opt(0, 0, 0).ok_or_else(bad)?;
        let local = now.timezone().from_local_datetime(&midnight).earliest().ok_or_else(bad)?;
        Ok(local.with_timezone(&Utc))
    };
    let today = now.date_naive();
    match lower.as_str() {
        "today" => return start_of(today),
        "yesterday" => return start_of(today.pred_opt().ok_or_else(bad)?),
        _ => {}
    }
    if let Ok(date) = NaiveDate::parse_from_str(&lower, "%Y-%m-%d") {
        return start_of(date);
    }
    let unit_at = lower.find(|ch: char| !ch.is_ascii_digit()).ok_or_else(bad)?;
    let (number, unit) = lower.split_at(unit_at);
    let number: i64 = number.parse().map_err(|_| bad())?;
    let age = match unit {
        "m" | "min" => Duration::try_minutes(number),
        "h" => Duration::try_hours(number),
        "d" => Duration::try_days(number),
        "w" => Duration::try_weeks(number),
        _ => None,
    }
    .ok_or_else(bad)?;
    now.with_timezone(&Utc).checked_sub_signed(age).ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-20T10:30:00+02:00").expect("a time")
    }

    fn at(text: &str) -> Option<DateTime<Utc>> {
        Some(DateTime::parse_from_rfc3339(text).expect("a time").with_timezone(&Utc))
    }

    #[test]
    fn free_words_and_qualifiers_split() {
        let filter = parse("retry agent:codex  project:recall the loop", &now()).expect("parses");
        assert_eq!(filter.words, "retry the loop");
        assert_eq!(filter.agents, vec!["codex"]);
        assert_eq!(filter.projects, vec!["recall"]);
        assert!(filter.has_qualifiers());
        assert!(!parse("just words", &now()).expect("parses").has_qualifiers());
    }

    #[test]
    fn agents_match_format_or_display_name_in_any_case() {
        let filter =
            parse("agent:\"Claude Code\" agent:GEMINI-CLI -agent:qwencode agent:mine", &now()).expect("parses");
        assert_eq!(filter.agents, vec!["claude-code", "gemini-cli", "mine"]);
        assert_eq!(filter.not_agents, vec!["qwen-code"]);
        assert_eq!(parse("Agent:Codex", &now()).expect("parses").agents, vec!["codex"]);
    }

    #[test]
    fn times_are_dates_ages_and_day_names() {
        let filter = parse("after:3d before:12h", &now()).expect("parses");
        assert_eq!(filter.after, at("2026-11-17T08:30:00Z"));
        assert_eq!(filter.before, at("2026-11-19T20:30:00Z"));
        assert_eq!(parse("after:2026-11-01", &now()).expect("parses").after, at("2026-10-31T22:00:00Z"));
        assert_eq!(parse("after:yesterday", &now()).expect("parses").after, at("2026-11-18T22:00:00Z"));
        assert_eq!(parse("before:today", &now()).expect("parses").before, at("2026-11-19T22:00:00Z"));
        assert_eq!(parse("after:30m", &now()).expect("parses").after, at("2026-11-20T08:00:00Z"));
        assert_eq!(parse("after:2w", &now()).expect("parses").after, at("2026-11-06T08:30:00Z"));
    }

    #[test]
    fn the_narrowest_of_repeated_times_wins() {
        let filter = parse("after:3d after:1d before:2h before:5h", &now()).expect("parses");
        assert_eq!(filter.after, at("2026-11-19T08:30:00Z"));
        assert_eq!(filter.before, at("2026-11-20T03:30:00Z"));
    }

    #[test]
    fn is_model_and_renamed() {
        let filter = parse("is:error IS:Renamed model:opus", &now()).expect("parses");
        assert!(filter.has_error && filter.renamed);
        assert_eq!(filter.models, vec!["opus"]);
    }

    #[test]
    fn words_with_other_colons_stay_words() {
        let filter = parse("std::fs http://x.org note:this", &now()).expect("parses");
        assert_eq!(filter.words, "std::fs http://x.org note:this");
        assert!(!filter.has_qualifiers());
    }

    #[test]
    fn quoted_values_keep_their_spaces() {
        let filter = parse("project:\"my app\" \"two words\"", &now()).expect("parses");
        assert_eq!(filter.projects, vec!["my app"]);
        assert_eq!(filter.words, "two words");
        assert_eq!(filter.phrases, vec!["two words"], "a quoted free word is a phrase");
    }

    #[test]
    fn phrases_sit_among_words_and_merge() {
        let filter = parse("retry \"error handling\" agent:codex loop", &now()).expect("parses");
        assert_eq!(filter.words, "retry error handling loop");
        assert_eq!(filter.phrases, vec!["error handling"]);
        let merged = filter.merge(parse("\"exit code\"", &now()).expect("parses"));
        assert_eq!(merged.phrases, vec!["error handling", "exit code"]);
        assert!(parse("plain words", &now()).expect("parses").phrases.is_empty());
    }

    #[test]
    fn mistakes_are_errors_that_name_the_part() {
        assert_eq!(parse("after:soon", &now()), Err(QueryError::BadTime("soon".into())));
        assert_eq!(parse("after:3y", &now()), Err(QueryError::BadTime("3y".into())));
        assert_eq!(parse("before:2026-13-01", &now()), Err(QueryError::BadTime("2026-13-01".into())));
        assert_eq!(parse("after:99999999999999d", &now()), Err(QueryError::BadTime("99999999999999d".into())));
        assert_eq!(parse("is:open", &now()), Err(QueryError::BadIs("open".into())));
        assert_eq!(parse("agent:", &now()), Err(QueryError::Empty("agent:".into())));
        assert_eq!(parse("project:\"my", &now()), Err(QueryError::Unclosed("project:\"my".into())));
    }

    #[test]
    fn the_qualifiers_alone_as_text() {
        assert_eq!(qualifiers_text("retry  Agent:codex the after:7d loop"), "agent:codex after:7d");
        assert_eq!(qualifiers_text("project:\"my app\" words"), "project:\"my app\"");
        assert_eq!(qualifiers_text("only words"), "");
        assert_eq!(qualifiers_text("project:\"unclosed"), "", "a text that does not parse has none");
    }

    #[test]
    fn merging_adds_and_narrows() {
        let a = parse("alpha agent:codex after:3d", &now()).expect("parses");
        let b = parse("beta agent:pi after:1d", &now()).expect("parses");
        let merged = a.merge(b);
        assert_eq!(merged.words, "alpha beta");
        assert_eq!(merged.agents, vec!["codex", "pi"]);
        assert_eq!(merged.after, at("2026-11-19T08:30:00Z"));
    }
}
