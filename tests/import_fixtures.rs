//! Every fixture written by a real tool, read through its importer. Expected numbers come from
//! the fixture's README/SCHEMA.md counts or from queries on the file itself (stated per test);
//! `import_support::count` classifies the produced events on its own, not with recall's parser.

mod import_support;

use import_support::{Counts, count, fingerprint, fixture, read_all, siblings};
use recall::import::{self, Format};
use recall::store::ImportedSession;

/// Reads `relative` as `format`, checks detection, and checks nothing on disk changed.
fn import_fixture(relative: &str, format: Format) -> Vec<ImportedSession> {
    let path = fixture(relative);
    let before = fingerprint(&path);
    let files_beside = if path.is_file() { siblings(&path) } else { Vec::new() };
    assert_eq!(import::detect(&path).expect("detects"), format, "{relative}");
    let (sessions, skipped) = read_all(&path, format);
    assert!(skipped.is_empty(), "{relative}: {skipped:?}");
    assert!(sessions.iter().all(|s| s.source == format.name()));
    assert_eq!(fingerprint(&path), before, "{relative} changed on disk");
    if path.is_file() {
        assert_eq!(siblings(&path), files_beside, "files appeared beside {relative}");
    }
    sessions
}

/// The one session whose events hold `phrase`, as its source id.
fn session_with<'a>(sessions: &'a [ImportedSession], phrase: &str) -> &'a str {
    let holding: Vec<&str> = sessions
        .iter()
        .filter(|s| s.events.iter().any(|e| e.content.contains(phrase)))
        .map(|s| s.source_id.as_str())
        .collect();
    assert_eq!(holding.len(), 1, "sessions holding {phrase:?}: {holding:?}");
    holding[0]
}

fn title_of<'a>(sessions: &'a [ImportedSession], source_id: &str) -> Option<&'a str> {
    sessions.iter().find(|s| s.source_id == source_id).and_then(|s| s.title.as_deref())
}

#[test]
fn openai_agents() {
    let sessions = import_fixture("openai-agents/openai_agents_sqlite.db", Format::OpenaiAgents);
    // README: 4 sessions (1 empty), 239 items: 50 user / 50 assistant, 47 calls + 47 results
    // (1 error), 43 reasoning, 1 system + 1 developer. Checked with sqlite3:
    // SELECT json_extract(message_data,'$.type'), json_extract(message_data,'$.role'), count(*)
    // FROM agent_messages GROUP BY 1,2; the error is the one output LIKE 'An error occurred%'.
    let expected = Counts {
        sessions: 4,
        empty_sessions: 1,
        events: 239,
        user: 50,
        assistant: 50,
        assistant_text: 50,
        system: 2,
        tool_calls: 47,
        tool_results: 47,
        errors: 1,
        reasoning: 43,
        handoffs: 0,
    };
    assert_eq!(count(&sessions), expected);
    assert_eq!(session_with(&sessions, "18C, light rain"), "weather-demo");
    assert_eq!(title_of(&sessions, "weather-demo"), Some("What's the weather in Paris?"));
    assert_eq!(title_of(&sessions, "cleared-session"), None);
}

#[test]
fn dasshh() {
    let sessions = import_fixture("dasshh/dasshh.db", Format::Dasshh);
    // SCHEMA.md: 28 events: 8 user, 6 assistant tool-call events (7 calls), 6 tool results,
    // 8 assistant texts, one of them the runtime's canned error reply. sqlite3:
    // SELECT json_extract(content,'$.role'), json_extract(content,'$.tool_calls') IS NOT NULL,
    // count(*), sum(json_array_length(json_extract(content,'$.tool_calls'))) FROM events GROUP BY 1,2
    let expected = Counts {
        sessions: 4,
        empty_sessions: 1,
        events: 28,
        user: 8,
        assistant: 14,
        assistant_text: 8,
        system: 0,
        tool_calls: 7,
        tool_results: 6,
        errors: 1,
        reasoning: 0,
        handoffs: 0,
    };
    assert_eq!(count(&sessions), expected);
    assert_eq!(session_with(&sessions, "\\\"name\\\": \\\"todo.txt\\\""), "ae3effbf-a620-47b0-95d9-b9e010b26509");
    assert_eq!(title_of(&sessions, "ae3effbf-a620-47b0-95d9-b9e010b26509"), Some("read it please"));
    // The placeholder "New Session" is not a title, and the empty session has no words.
    assert_eq!(title_of(&sessions, "cb544053-bc4f-4cda-bee5-380f6046f529"), None);
    let first = &sessions[0].events[0];
    assert_eq!(first.invocation_id.as_deref(), Some("2dd5f088-4caa-4f3e-804c-435baf3ae792"));
    assert_eq!(first.content, r#"{"role": "user", "content": "hello!"}"#, "kept byte for byte");
}

#[test]
fn director() {
    let sessions = import_fixture("director/director.db", Format::Director);
    // README/SCHEMA.md: 4 sessions, 12 user inputs and 12 replies (2 with status 'error'),
    // 10 tool calls + 10 results (1 `status='error'`) from context_messages, 3 system prompts.
    // Context assistant messages: 19, of which 1 repeats a reply's text ("Who are you?") and
    // is left out: 12 replies + 18 = 30. With words: 11 non-empty replies, 9 closing texts,
    // 1 text beside tool calls = 21.
    let expected = Counts {
        sessions: 4,
        empty_sessions: 0,
        events: 55,
        user: 12,
        assistant: 30,
        assistant_text: 21,
        system: 3,
        tool_calls: 10,
        tool_results: 10,
        errors: 3,
        reasoning: 0,
        handoffs: 0,
    };
    assert_eq!(count(&sessions), expected);
    assert_eq!(session_with(&sessions, "scene indexing successful"), "be9e29f5-e76a-4220-91c7-351a6cb40cbf");
    // The direct answer appears once: from the reply row, not again from the context.
    assert_eq!(sessions[0].events.iter().filter(|e| e.content.contains("30-second highlight reel")).count(), 1);
    // Order of a turn: user input, the model's tool call, its result, then Director's reply.
    let roles: Vec<String> = sessions[0].events[1..6]
        .iter()
        .map(|e| serde_json::from_str::<serde_json::Value>(&e.content).expect("json")["role"].to_string())
        .collect();
    assert_eq!(roles, ["\"user\"", "\"assistant\"", "\"tool\"", "\"assistant\"", "\"assistant\""]);
}

#[test]
fn tenets() {
    let sessions = import_fixture("tenets/tenets.db", Format::Tenets);
    // SCHEMA.md: 3 sessions (1 empty), 4 session_context rows (2 note, 2 context_result).
    let counts = count(&sessions);
    assert_eq!((counts.sessions, counts.empty_sessions, counts.events, counts.system), (3, 1, 4, 4));
    assert_eq!(counts.user + counts.assistant + counts.tool_calls + counts.tool_results, 0);
    assert_eq!(session_with(&sessions, "Context for: how are sqlite sessions read"), "sqlite-reader");
    assert_eq!(title_of(&sessions, "auth-hardening"), Some("auth-hardening"));
    assert_eq!(sessions[0].metadata["active"], serde_json::json!(false));
}

#[test]
fn tower_llm() {
    let sessions = import_fixture("tower-llm/tower_llm.db", Format::TowerLlm);
    // SCHEMA.md counts table: 214 items, 44 user / 46 assistant (one empty) / 4 system,
    // 58 calls, 58 results (2 errors), 4 handoffs. sqlite3: SELECT item_type,
    // json_extract(item_data,'$.role'), count(*), sum(json_extract(item_data,'$.error') IS NOT NULL)
    // FROM sessions GROUP BY 1,2
    let expected = Counts {
        sessions: 4,
        empty_sessions: 0,
        events: 214,
        user: 44,
        assistant: 46,
        assistant_text: 45,
        system: 4,
        tool_calls: 58,
        tool_results: 58,
        errors: 2,
        reasoning: 0,
        handoffs: 4,
    };
    assert_eq!(count(&sessions), expected);
    assert_eq!(session_with(&sessions, "GitHub API error 422"), "sess-code-review");
    assert!(sessions.iter().any(|s| s.source_id == "sess-ünïcode-日本語"));
}

#[test]
fn llm() {
    let sessions = import_fixture("llm/logs-llm-0.36.db", Format::Llm);
    // README: 7 threads, 44 turns: 40 user / 44 assistant messages (40 with text), 5 tool calls
    // + 5 results (1 error), 1 reasoning part; 81 text parts = 40 user + 40 assistant + 1 system.
    let expected = Counts {
        sessions: 7,
        empty_sessions: 0,
        events: 91,
        user: 40,
        assistant: 44,
        assistant_text: 40,
        system: 1,
        tool_calls: 5,
        tool_results: 5,
        errors: 1,
        reasoning: 1,
        handoffs: 0,
    };
    assert_eq!(count(&sessions), expected);
    assert_eq!(session_with(&sessions, "\"content\":\"7006652\""), "01m7z6fnc52jj9zdj1cje88wt4");
    // The fragment is resolved into the prompt, the attachment noted beside it.
    let notes = session_with(&sessions, "Meeting notes: ship the SQLite reader on Friday.");
    assert_eq!(notes, session_with(&sessions, "pixel.png"));
    assert_eq!(title_of(&sessions, "01m7z6fnb2qv5st30ah0md3sn4"), Some("What is SQLite WAL mode?"));
}

#[test]
fn claude_code() {
    let sessions = import_fixture("claude-code/2.1.330/dot-claude/projects", Format::ClaudeCode);
    // README: 3 session files: 5 user prompts, 9 assistant messages (distinct message.id) of
    // which 7 have text, 5 tool calls + 5 results (1 is_error), 1 thinking block. With jq:
    // select(.type=="assistant") | .message.content[0].type, counted per kind.
    let expected = Counts {
        sessions: 3,
        empty_sessions: 0,
        events: 23,
        user: 5,
        assistant: 9,
        assistant_text: 7,
        system: 0,
        tool_calls: 5,
        tool_results: 5,
        errors: 1,
        reasoning: 1,
        handoffs: 0,
    };
    assert_eq!(count(&sessions), expected);
    assert_eq!(session_with(&sessions, "4096 Nov 21 14:01 src"), "8e8fc512-9937-419e-a720-7fa370a3ddf0");
    let session = sessions.iter().find(|s| s.source_id == "27850054-3d40-4829-96ff-eb40113f05cc").expect("session");
    assert_eq!(session.title.as_deref(), Some("Explain Rust ownership in one sentence."));
    assert_eq!(session.metadata["cwd"], "/home/dev/claude-demo");
    // A project dir and a single file are accepted too.
    let project = fixture("claude-code/2.1.330/dot-claude/projects/-home-dev-claude-demo");
    assert_eq!(read_all(&project, Format::ClaudeCode).0.len(), 3);
    let one = project.join("cbdca60c-9ce3-4ac9-8a57-e3cd9f3a676d.jsonl");
    assert_eq!(import::detect(&one).expect("detects"), Format::ClaudeCode);
    assert_eq!(read_all(&one, Format::ClaudeCode).0.len(), 1);
}

#[test]
fn codex() {
    let sessions = import_fixture("codex-cli/0.169.0/codex-home", Format::Codex);
    // README: 5 user prompts, 5 assistant messages, 5 shell calls + 5 outputs (1 exits 1),
    // 3 reasoning items; the inventory adds 3 developer messages and 3 <environment_context>
    // user messages (harness context, counted as system here). event_msg lines are not events.
    let expected = Counts {
        sessions: 3,
        empty_sessions: 0,
        events: 29,
        user: 5,
        assistant: 5,
        assistant_text: 5,
        system: 6,
        tool_calls: 5,
        tool_results: 5,
        errors: 1,
        reasoning: 3,
        handoffs: 0,
    };
    assert_eq!(count(&sessions), expected);
    assert_eq!(session_with(&sessions, "Process exited with code 1"), "01a1fe69-98f1-7411-9f83-237c8bcaf312");
    // Titles from state_5.sqlite; metadata from session_meta and turn_context.
    assert_eq!(
        title_of(&sessions, "01a1fe69-60df-7fc3-b9c8-dd8e377948cb"),
        Some("What's the capital of France? One word.")
    );
    assert_eq!(sessions[0].metadata["model"], "gpt-5-codex");
    assert_eq!(sessions[0].metadata["cli_version"], "0.169.0");
    // The sessions dir, one rollout, and the thread index itself are accepted too.
    let sessions_dir = fixture("codex-cli/0.169.0/codex-home/sessions");
    assert_eq!(import::detect(&sessions_dir).expect("detects"), Format::Codex);
    let again = read_all(&sessions_dir, Format::Codex).0;
    assert_eq!(again.len(), 3);
    assert!(again.iter().all(|s| s.title.is_some()), "titles found from inside the sessions dir");
    let index = fixture("codex-cli/0.169.0/codex-home/state_5.sqlite");
    assert_eq!(import::detect(&index).expect("detects"), Format::Codex);
}

#[test]
fn elia() {
    let sessions = import_fixture("elia/elia.sqlite", Format::Elia);
    // SCHEMA.md: 5 chats (1 archived), 16 messages: 4 system / 6 user / 6 assistant; no tools.
    let counts = count(&sessions);
    assert_eq!((counts.sessions, counts.events, counts.system, counts.user, counts.assistant), (5, 16, 4, 6, 6));
    assert_eq!(counts.tool_calls + counts.tool_results, 0);
    assert_eq!(session_with(&sessions, "Oslo."), "5");
    assert_eq!(title_of(&sessions, "1"), Some("SQLite read-only in Rust"));
    assert_eq!(title_of(&sessions, "2"), Some("Write a limerick about borrow checkers."));
    assert_eq!(sessions[2].metadata["archived"], true);
}

#[test]
fn oterm() {
    let sessions = import_fixture("oterm/store.db", Format::Oterm);
    // SCHEMA.md: 4 chats (1 never used), 18 messages: 9 user / 9 assistant, 1 image.
    let counts = count(&sessions);
    assert_eq!(
        (counts.sessions, counts.empty_sessions, counts.events, counts.user, counts.assistant),
        (4, 1, 18, 9, 9)
    );
    assert_eq!(session_with(&sessions, "single transparent pixel"), "2");
    assert_eq!(session_with(&sessions, "data:image/png;base64,iVBOR"), "2");
    assert_eq!(title_of(&sessions, "2"), Some("date + image test"));
}
