//! `list_sessions`, and the one-line description of a session every tool shares.

use chrono::{DateTime, SecondsFormat, Utc};

use super::access::ToolError;
use super::page::{Page, cut};
use crate::content::sanitize_line;
use crate::store::{Session, Store};

/// Longest title shown, in characters.
const TITLE_CHARS: usize = 120;
/// Longest project path shown, in characters.
const PROJECT_CHARS: usize = 160;

pub const LIST_DEFAULT: usize = 20;
pub const LIST_MAX: usize = 100;

/// `id · "title" · agent · project · updated time · N events`, sanitized.
pub fn describe(session: &Session) -> String {
    let title = cut(&sanitize_line(&session.title), TITLE_CHARS);
    let agent = sanitize_line(crate::agents::display_name(&session.source)).into_owned();
    let project = project(session).map(|path| format!(" · {}", cut(&sanitize_line(&path), PROJECT_CHARS)));
    format!(
        "{} · \"{title}\" · {agent}{} · updated {} · {} events{}",
        session.id,
        project.unwrap_or_default(),
        time(session.updated_at),
        session.event_count,
        if is_subagent(session) { " · a subagent's session" } else { "" }
    )
}

/// Whether the session is a subagent's, started by a call of another (not a branch of it).
fn is_subagent(session: &Session) -> bool {
    session.metadata.get("parent_session").is_some() && session.metadata.get("branch_of").is_none()
}

/// The folder the session worked in, as its importer noted it.
pub fn project(session: &Session) -> Option<String> {
    ["project", "cwd"].iter().find_map(|key| session.metadata.get(*key)?.as_str().map(str::to_string))
}

/// A time as models read it best: UTC, to the second.
pub fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A filter or query in the browser's language, read at the local time of day.
pub fn parse_filter(text: &str) -> Result<crate::query::Filter, ToolError> {
    crate::query::parse(text, &chrono::Local::now())
        .map_err(|err| ToolError::bad(format!("cannot read '{text}': {err}")))
}

/// Sessions newest first, those `filter` keeps when given: its qualifiers (`agent:codex
/// after:3d`) narrow the list, and its words, if any, must all be in the title.
pub fn list_sessions(store: &Store, filter: Option<&str>, limit: usize, offset: usize) -> Result<String, ToolError> {
    if limit == 0 || limit > LIST_MAX {
        return Err(ToolError::bad(format!("limit must be between 1 and {LIST_MAX}")));
    }
    let filter = filter.map(str::trim).filter(|filter| !filter.is_empty());
    let parsed = filter.map(parse_filter).transpose()?;
    let sessions = match &parsed {
        None => store.list_sessions(offset, limit + 1)?,
        Some(parsed) if crate::store::query_terms(&parsed.words).is_empty() => {
            store.list_filtered(parsed, offset, limit + 1)?
        }
        Some(parsed) => {
            // The sessions whose title matches, among those the qualifiers keep, newest first.
            let mut titled: Vec<_> =
                store.search_sessions(parsed, usize::MAX)?.into_iter().filter(|hits| hits.title_matches).collect();
            titled.sort_by_key(|hits| std::cmp::Reverse(hits.updated_at));
            titled
                .iter()
                .skip(offset)
                .take(limit + 1)
                .map(|hits| store.get_session(&hits.session_id))
                .collect::<Result<Vec<_>, _>>()?
        }
    };
    let more = sessions.len() > limit;
    let mut page = Page::new();
    let mut shown = 0;
    for session in sessions.iter().take(limit) {
        if !page.push(&format!("{}\n", describe(session))) {
            break;
        }
        shown += 1;
    }
    let next = offset + shown;
    let note = if shown == 0 && offset == 0 {
        match filter {
            Some(filter) => format!("No session matches \"{}\".", sanitize_line(filter)),
            None => "The store holds no sessions yet.".to_string(),
        }
    } else if shown == 0 {
        format!("No sessions past offset {offset}.")
    } else if shown < sessions.len().min(limit) {
        format!(
            "Sessions {}-{next} shown; the answer was cut at its size limit: call again with offset={next}.",
            offset + 1
        )
    } else if more {
        format!("Sessions {}-{next} shown; more follow: call again with offset={next}.", offset + 1)
    } else {
        format!("Sessions {}-{next} shown; that is all.", offset + 1)
    };
    Ok(page.finish(&note))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn session(metadata: serde_json::Value) -> Session {
        Session {
            id: "0195".into(),
            title: "Find callers".into(),
            created_at: DateTime::default(),
            updated_at: DateTime::default(),
            source: "claude-code".into(),
            source_id: Some("main/agent-a1".into()),
            event_count: 3,
            metadata,
            deleted_at: None,
        }
    }

    #[test]
    fn a_subagent_says_so_and_a_branch_does_not() {
        assert!(describe(&session(json!({"parent_session": "main"}))).ends_with("3 events · a subagent's session"));
        assert!(describe(&session(json!({"parent_session": "main", "branch_of": "main"}))).ends_with("3 events"));
        assert!(describe(&session(json!({}))).ends_with("3 events"));
    }
}
