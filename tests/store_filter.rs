//! The filter language against a store holding real transcripts: Claude Code, Codex and
//! Gemini CLI fixtures (3 sessions each; their cwd, model, times and failed tool calls were
//! read with sqlite3 from a store they were imported into, see each test).

mod import_support;

use chrono::{DateTime, Utc};
use import_support::{fixture, read_all};
use recall::import::Format;
use recall::query::{Filter, parse};
use recall::store::Store;

/// The nine sessions. Claude Code: cwd /home/dev/claude-demo, model claude-opus-5-5, updated
/// 2026-11-21 14:01:58..14:02:03, 1 with a failed tool call. Codex: /home/dev/codex-demo,
/// gpt-5-codex, 14:01:20..14:01:42, 1 failed. Gemini CLI: /home/dev/gemini-demo (project
/// gemini-demo), gemini-3.8-flash, 2026-11-30 23:03, 1 failed.
fn store() -> Store {
    let store = Store::open_in_memory().expect("store");
    for (path, format) in [
        ("claude-code/2.1.330", Format::ClaudeCode),
        ("codex-cli/0.169.0/codex-home/sessions", Format::Codex),
        ("gemini-cli/0.61.0/dot-gemini", Format::GeminiCli),
    ] {
        let (sessions, skipped) = read_all(&fixture(path), format);
        assert!(skipped.is_empty(), "{path}: {skipped:?}");
        for session in &sessions {
            store.import_session(session).expect("imports");
        }
    }
    assert_eq!(store.session_count().expect("counts"), 9);
    store
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-01T00:00:00Z").expect("a time").with_timezone(&Utc)
}

fn filter(text: &str) -> Filter {
    parse(text, &now()).expect("parses")
}

/// Sources of the sessions kept, newest first, and the count agreeing with the list.
fn kept(store: &Store, text: &str) -> Vec<String> {
    let wanted = filter(text);
    let sessions = store.list_filtered(&wanted, 0, 100).expect("lists");
    assert_eq!(store.count_filtered(&wanted).expect("counts"), sessions.len(), "{text}");
    sessions.into_iter().map(|session| session.source).collect()
}

#[test]
fn agent_by_format_or_display_name_and_exclusion() {
    let store = store();
    assert_eq!(kept(&store, "agent:codex"), vec!["codex"; 3]);
    assert_eq!(kept(&store, "agent:\"Claude Code\""), vec!["claude-code"; 3]);
    assert_eq!(kept(&store, "agent:GEMINI-CLI agent:codex").len(), 6);
    let unknown_excluded = kept(&store, "-agent:codex -agent:gemini");
    assert_eq!(unknown_excluded.len(), 6, "gemini is not an agent's name: it leaves nothing out");
    let without_codex = kept(&store, "-agent:codex");
    assert_eq!(without_codex.len(), 6);
    assert!(!without_codex.contains(&"codex".to_string()));
    assert_eq!(kept(&store, "agent:nobody"), Vec::<String>::new());
}

#[test]
fn project_matches_cwd_or_project_name_without_case() {
    let store = store();
    assert_eq!(kept(&store, "project:codex-demo"), vec!["codex"; 3]);
    assert_eq!(kept(&store, "project:GEMINI"), vec!["gemini-cli"; 3]);
    assert_eq!(kept(&store, "project:/home/dev").len(), 9);
    assert_eq!(kept(&store, "project:demo project:claude"), vec!["claude-code"; 3]);
}

#[test]
fn model_error_and_renamed() {
    let store = store();
    assert_eq!(kept(&store, "model:opus"), vec!["claude-code"; 3]);
    assert_eq!(kept(&store, "is:error").len(), 3, "one failed tool call per agent");
    assert_eq!(kept(&store, "is:error agent:codex"), vec!["codex"]);
    assert_eq!(kept(&store, "is:renamed"), Vec::<String>::new());
    let codex = store.list_filtered(&filter("agent:codex"), 0, 1).expect("lists");
    store.rename(&codex[0].id, "Mine now").expect("renames");
    assert_eq!(kept(&store, "is:renamed"), vec!["codex"]);
}

#[test]
fn times_compare_with_the_last_update() {
    let store = store();
    assert_eq!(kept(&store, "after:2026-11-30"), vec!["gemini-cli"; 3]);
    assert_eq!(kept(&store, "before:2026-11-22").len(), 6);
    assert_eq!(kept(&store, "after:3d"), vec!["gemini-cli"; 3], "30 Nov 23:03 is within 3 days of 1 Dec");
    let in_between = kept(&store, "after:2026-11-21 before:2026-11-30");
    assert_eq!(in_between, ["claude-code", "claude-code", "claude-code", "codex", "codex", "codex"]);
}

#[test]
fn searches_keep_only_hits_in_filtered_sessions() {
    let store = store();
    let everywhere = store.search_filtered(&filter("the"), 1000).expect("searches");
    let ids = |text: &str| -> Vec<String> {
        store.list_filtered(&filter(text), 0, 100).expect("lists").into_iter().map(|s| s.id).collect()
    };
    let codex = ids("agent:codex");
    let in_codex = store.search_filtered(&filter("the agent:codex"), 1000).expect("searches");
    assert!(!in_codex.is_empty());
    assert!(in_codex.iter().all(|hit| codex.contains(&hit.session_id)));
    let expected = everywhere.iter().filter(|hit| codex.contains(&hit.session_id)).count();
    assert_eq!(in_codex.len(), expected, "the same hits as an unfiltered search, narrowed");
    assert_eq!(store.search_count_filtered(&filter("the agent:codex")).expect("counts"), expected as u64);
    assert!(store.search_filtered(&filter("the agent:nobody"), 1000).expect("searches").is_empty());
}
