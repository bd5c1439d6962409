//! Format variants the real fixtures do not cover, built here from each SCHEMA.md: the Agents
//! SDK's advanced store and renamed tables, llm's legacy and upgraded databases, Codex 0.4x
//! rollouts, Claude Code sub-agents and summary titles, Chat JSONL, and detection errors.

mod import_support;

use std::path::Path;

use import_support::{copy_fixture, count, fixture, read_all};
use recall::import::{self, Format, ImportError, Options};
use rusqlite::Connection;
use serde_json::Value;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("json")
}

/// The two tables as `openai-agents` 0.24.0 creates them (SCHEMA.md, verbatim), under given names.
fn agents_tables(sessions: &str, messages: &str) -> String {
    format!(
        "CREATE TABLE {sessions} (
                session_id TEXT PRIMARY KEY,
                created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
            );
         CREATE TABLE {messages} (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                session_id TEXT NOT NULL,
                message_data TEXT NOT NULL,
                created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                FOREIGN KEY (session_id) REFERENCES {sessions} (session_id)
                    ON DELETE CASCADE
            );"
    )
}

/// `AdvancedSQLiteSession`'s extra tables, verbatim from SCHEMA.md.
const ADVANCED_TABLES: &str = include_str!("fixtures/sql/openai_agents_advanced.sql");

#[test]
fn agents_advanced_store_imports_each_item_once_with_its_branch() {
    let temp = tempfile::tempdir().expect("temp");
    let db = temp.path().join("advanced.db");
    let conn = Connection::open(&db).expect("create");
    conn.execute_batch(&agents_tables("agent_sessions", "agent_messages")).expect("tables");
    conn.execute_batch(ADVANCED_TABLES).expect("advanced tables");
    conn.execute("INSERT INTO agent_sessions (session_id) VALUES ('trip')", []).expect("session");
    let say = |role: &str, text: &str| format!(r#"{{"role": "{role}", "content": "{text}"}}"#);
    let items = [
        say("user", "Plan a trip"),
        say("assistant", "Where to?"),
        say("user", "Lisbon"),
        say("assistant", "Lisbon it is"),
        say("user", "Porto instead"), // a fork from turn 1
        say("assistant", "Porto it is"),
        say("user", "Add a day"), // main goes on
    ];
    for item in &items {
        conn.execute("INSERT INTO agent_messages (session_id, message_data) VALUES ('trip', ?1)", [item])
            .expect("item");
    }
    // (message id, branch, sequence): the fork re-references the parent's first turn.
    let structure = [
        (1, "main", 1),
        (2, "main", 2),
        (3, "main", 3),
        (4, "main", 4),
        (1, "porto", 1),
        (2, "porto", 2),
        (5, "porto", 3),
        (6, "porto", 4),
        (7, "main", 5),
    ];
    for (message, branch, seq) in structure {
        conn.execute(
            "INSERT INTO message_structure (session_id, message_id, branch_id, message_type, sequence_number) VALUES ('trip', ?1, ?2, 'user', ?3)",
            rusqlite::params![message, branch, seq],
        )
        .expect("structure");
    }
    drop(conn);

    assert_eq!(import::detect(&db).expect("detect"), Format::OpenaiAgents);
    let (sessions, skipped) = read_all(&db, Format::OpenaiAgents);
    assert!(skipped.is_empty());
    let events = &sessions[0].events;
    assert_eq!(events.iter().map(|e| e.content.clone()).collect::<Vec<_>>(), items, "each item once, in id order");
    let branches: Vec<&str> =
        events.iter().map(|e| e.metadata.as_ref().and_then(|m| m["branch"].as_str()).unwrap_or("?")).collect();
    assert_eq!(branches, ["main", "main", "main", "main", "porto", "porto", "main"]);
    assert_eq!(sessions[0].metadata["branches"], serde_json::json!(["main", "porto"]));
    assert_eq!(sessions[0].title.as_deref(), Some("Plan a trip"));
}

#[test]
fn agents_tables_are_found_by_their_columns_or_by_name() {
    let temp = tempfile::tempdir().expect("temp");
    let db = temp.path().join("renamed.db");
    let conn = Connection::open(&db).expect("create");
    conn.execute_batch(&agents_tables("chat_sessions", "chat_items")).expect("tables");
    conn.execute_batch(
        r#"INSERT INTO chat_sessions (session_id) VALUES ('s');
           INSERT INTO chat_items (session_id, message_data) VALUES ('s', '{"role": "user", "content": "hi"}');"#,
    )
    .expect("rows");
    drop(conn);
    assert_eq!(import::detect(&db).expect("detect"), Format::OpenaiAgents);
    assert_eq!(read_all(&db, Format::OpenaiAgents).0[0].events.len(), 1);

    let named = Options { sessions_table: Some("chat_sessions".into()), messages_table: Some("chat_items".into()) };
    let mut found = 0;
    import::read(&db, Format::OpenaiAgents, &named, &mut |s| {
        found += s.events.len();
        Ok(())
    })
    .expect("read with names");
    assert_eq!(found, 1);

    let wrong = Options { messages_table: Some("chat_sessions".into()), ..Options::default() };
    let error = import::read(&db, Format::OpenaiAgents, &wrong, &mut |_| Ok(())).expect_err("wrong table");
    assert!(error.to_string().contains("chat_sessions"), "{error}");
}

/// llm's legacy tables (llm <= 0.31), with the exact CREATE statements SCHEMA.md gives for them.
const LLM_LEGACY_TABLES: &str = r#"
CREATE TABLE "conversations" (
   "id" TEXT PRIMARY KEY,
   "name" TEXT,
   "model" TEXT
);
CREATE TABLE "attachments" (
   "id" TEXT PRIMARY KEY,
   "type" TEXT,
   "path" TEXT,
   "url" TEXT,
   "content" BLOB
);
CREATE TABLE "prompt_attachments" (
   "response_id" TEXT REFERENCES "responses"("id"),
   "attachment_id" TEXT REFERENCES "attachments"("id"),
   "order" INTEGER,
   PRIMARY KEY ("response_id", "attachment_id")
);
CREATE TABLE "schemas" (
   "id" TEXT PRIMARY KEY,
   "content" TEXT
);
CREATE TABLE "responses" (
   "id" TEXT PRIMARY KEY,
   "model" TEXT,
   "prompt" TEXT,
   "system" TEXT,
   "prompt_json" TEXT,
   "options_json" TEXT,
   "response" TEXT,
   "response_json" TEXT,
   "conversation_id" TEXT REFERENCES "conversations"("id"),
   "duration_ms" INTEGER,
   "datetime_utc" TEXT,
   "input_tokens" INTEGER,
   "output_tokens" INTEGER,
   "token_details" TEXT,
   "schema_id" TEXT REFERENCES "schemas"("id")
, "resolved_model" TEXT, "reasoning" TEXT);
CREATE TABLE "fragments" (
   "id" INTEGER PRIMARY KEY,
   "hash" TEXT,
   "content" TEXT,
   "datetime_utc" TEXT,
   "source" TEXT
);
CREATE TABLE "prompt_fragments" (
   "response_id" TEXT REFERENCES "responses"("id"),
   "fragment_id" INTEGER REFERENCES "fragments"("id"),
   "order" INTEGER,
   PRIMARY KEY ("response_id", "fragment_id", "order")
);
CREATE TABLE "system_fragments" (
   "response_id" TEXT REFERENCES "responses"("id"),
   "fragment_id" INTEGER REFERENCES "fragments"("id"),
   "order" INTEGER,
   PRIMARY KEY ("response_id", "fragment_id", "order")
);
CREATE TABLE "tools" (
   "id" INTEGER PRIMARY KEY,
   "hash" TEXT,
   "name" TEXT,
   "description" TEXT,
   "input_schema" TEXT
, "plugin" TEXT);
CREATE TABLE "tool_calls" (
   "id" INTEGER PRIMARY KEY,
   "response_id" TEXT REFERENCES "responses"("id"),
   "tool_id" INTEGER REFERENCES "tools"("id"),
   "name" TEXT,
   "arguments" TEXT,
   "tool_call_id" TEXT
);
CREATE TABLE "tool_instances" (
   "id" INTEGER PRIMARY KEY,
   "plugin" TEXT,
   "name" TEXT,
   "arguments" TEXT
);
CREATE TABLE "tool_results" (
   "id" INTEGER PRIMARY KEY,
   "response_id" TEXT REFERENCES "responses"("id"),
   "tool_id" INTEGER REFERENCES "tools"("id"),
   "name" TEXT,
   "output" TEXT,
   "tool_call_id" TEXT,
   "instance_id" INTEGER REFERENCES "tool_instances"("id")
, "exception" TEXT);
"#;

/// A legacy conversation: a tool round trip spanning two responses, then a failing tool.
const LLM_LEGACY_ROWS: &str = r#"
INSERT INTO conversations VALUES ('01legacy0000000000000000aa', 'Legacy arithmetic', 'gpt-4o-mini');
INSERT INTO responses (id, model, prompt, system, response, conversation_id, datetime_utc) VALUES
  ('01resp01', 'gpt-4o-mini', 'What is 2+2? Use the tool.', 'Be exact.', '', '01legacy0000000000000000aa', '2025-01-01T10:00:00+00:00'),
  ('01resp02', 'gpt-4o-mini', '', 'Be exact.', '2 + 2 = 4.', '01legacy0000000000000000aa', '2025-01-01T10:00:01+00:00'),
  ('01resp03', 'gpt-4o-mini', 'Now divide 1 by 0', 'Be exact.', '', '01legacy0000000000000000aa', '2025-01-01T10:01:00+00:00'),
  ('01resp04', 'gpt-4o-mini', '', 'Be exact.', 'That raised an error.', '01legacy0000000000000000aa', '2025-01-01T10:01:01+00:00');
INSERT INTO tool_calls (response_id, name, arguments, tool_call_id) VALUES
  ('01resp01', 'add', '{"a": 2, "b": 2}', 'call_a'),
  ('01resp03', 'divide', '{"a": 1, "b": 0}', 'call_b');
INSERT INTO tool_results (response_id, name, output, tool_call_id, exception) VALUES
  ('01resp02', 'add', '4', 'call_a', NULL),
  ('01resp04', 'divide', 'Error: division by zero', 'call_b', 'ZeroDivisionError: division by zero');
"#;

#[test]
fn llm_legacy_schema_reads_tool_round_trips_across_responses() {
    let temp = tempfile::tempdir().expect("temp");
    let db = temp.path().join("logs.db");
    let conn = Connection::open(&db).expect("create");
    conn.execute_batch(LLM_LEGACY_TABLES).expect("tables");
    conn.execute_batch(LLM_LEGACY_ROWS).expect("rows");
    drop(conn);

    assert_eq!(import::detect(&db).expect("detect"), Format::Llm);
    let (sessions, skipped) = read_all(&db, Format::Llm);
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(sessions.len(), 1);
    let session = &sessions[0];
    assert_eq!(
        (session.source_id.as_str(), session.title.as_deref()),
        ("01legacy0000000000000000aa", Some("Legacy arithmetic"))
    );
    let roles: Vec<String> =
        session.events.iter().map(|e| json(&e.content)["role"].as_str().unwrap_or("").to_string()).collect();
    assert_eq!(roles, ["system", "user", "assistant", "tool", "assistant", "user", "assistant", "tool", "assistant"]);
    let counts = count(&sessions);
    assert_eq!(
        (counts.user, counts.tool_calls, counts.tool_results, counts.errors, counts.assistant_text),
        (2, 2, 2, 1, 2)
    );
    let call = json(&session.events[2].content);
    assert_eq!(call["tool_calls"][0]["function"]["arguments"], r#"{"a":2,"b":2}"#);
    assert_eq!(json(&session.events[3].content)["tool_call_id"], "call_a");
}

#[test]
fn llm_upgraded_database_reads_a_continued_conversation_once() {
    let temp = tempfile::tempdir().expect("temp");
    let db = copy_fixture("llm/logs-llm-0.36.db", temp.path());
    let conn = Connection::open(&db).expect("open copy");
    // A conversation logged by llm <= 0.31 and continued with 0.36 keeps its legacy rows and
    // gets a thread of the same id; one never continued stays legacy only.
    conn.execute_batch(
        r#"INSERT INTO conversations VALUES ('01m7z6fnb2qv5st30ah0md3sn4', 'What is SQLite WAL mode?', 'scripted-gpt');
           INSERT INTO responses (id, model, prompt, response, conversation_id, datetime_utc) VALUES
             ('01old1', 'scripted-gpt', 'What is SQLite WAL mode?', 'WAL appends changes.', '01m7z6fnb2qv5st30ah0md3sn4', '2026-11-20T10:00:00+00:00');
           INSERT INTO conversations VALUES ('01onlylegacy00000000000000', 'Old only', 'gpt-3.5-turbo');
           INSERT INTO responses (id, model, prompt, response, conversation_id, datetime_utc) VALUES
             ('01old2', 'gpt-3.5-turbo', 'Hello from 2024', 'Hi!', '01onlylegacy00000000000000', '2024-05-01T10:00:00+00:00');"#,
    )
    .expect("legacy rows");
    drop(conn);

    let (sessions, _) = read_all(&db, Format::Llm);
    assert_eq!(sessions.len(), 8, "7 threads + 1 legacy-only conversation");
    let continued: Vec<_> = sessions.iter().filter(|s| s.source_id == "01m7z6fnb2qv5st30ah0md3sn4").collect();
    assert_eq!(continued.len(), 1);
    assert_eq!(continued[0].events.len(), 7, "read from the thread");
    assert!(!continued[0].events.iter().any(|e| e.content.contains("WAL appends changes.")));
    let old = sessions.iter().find(|s| s.source_id == "01onlylegacy00000000000000").expect("legacy session");
    assert_eq!(old.events.len(), 2);
}

#[test]
fn codex_04x_rollouts_with_the_shell_tool() {
    let temp = tempfile::tempdir().expect("temp");
    let file =
        temp.path().join("sessions/2025/09/01/rollout-2025-09-01T10-00-00-0199aaaa-0000-7000-8000-000000000001.jsonl");
    // Lines as 0.4x writes them (SCHEMA.md): no ordinal, `shell` with an argv array, outputs as a
    // JSON string with metadata.exit_code, event_msg user_message repeating the prompt.
    let lines = [
        r#"{"timestamp":"2025-09-01T10:00:00.000Z","type":"session_meta","payload":{"id":"0199aaaa-0000-7000-8000-000000000001","timestamp":"2025-09-01T10:00:00.000Z","cwd":"/home/dev/old","originator":"codex_cli_rs","cli_version":"0.42.0","instructions":null,"git":{"branch":"main","commit_hash":"abc"}}}"#,
        r#"{"timestamp":"2025-09-01T10:00:00.100Z","type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"<environment_context>\n  <cwd>/home/dev/old</cwd>\n</environment_context>"}]}}"#,
        r#"{"timestamp":"2025-09-01T10:00:01.000Z","type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"list the notes folder"}]}}"#,
        r#"{"timestamp":"2025-09-01T10:00:01.001Z","type":"event_msg","payload":{"type":"user_message","message":"list the notes folder","kind":"plain"}}"#,
        r#"{"timestamp":"2025-09-01T10:00:01.002Z","type":"turn_context","payload":{"cwd":"/home/dev/old","approval_policy":"on-request","sandbox_policy":{"mode":"workspace-write"},"model":"gpt-5","effort":"medium","summary":"auto"}}"#,
        r#"{"timestamp":"2025-09-01T10:00:02.000Z","type":"response_item","payload":{"type":"function_call","name":"shell","arguments":"{\"command\":[\"bash\",\"-lc\",\"ls notes\"],\"workdir\":\"/home/dev/old\"}","call_id":"call_1"}}"#,
        r#"{"timestamp":"2025-09-01T10:00:02.500Z","type":"response_item","payload":{"type":"function_call_output","call_id":"call_1","output":"{\"output\":\"ls: cannot access 'notes'\",\"metadata\":{\"exit_code\":2,\"duration_seconds\":0.1}}"}}"#,
        r#"{"timestamp":"2025-09-01T10:00:03.000Z","type":"event_msg","payload":{"type":"agent_message","message":"There is no notes folder."}}"#,
        r#"{"timestamp":"2025-09-01T10:00:03.001Z","type":"response_item","payload":{"type":"message","role":"assistant","content":[{"type":"output_text","text":"There is no notes folder."}]}}"#,
    ];
    write(&file, &(lines.join("\n") + "\n"));

    assert_eq!(import::detect(&file).expect("detect"), Format::Codex);
    assert_eq!(import::detect(temp.path()).expect("detect home"), Format::Codex);
    let (sessions, skipped) = read_all(temp.path(), Format::Codex);
    assert!(skipped.is_empty(), "{skipped:?}");
    let session = &sessions[0];
    assert_eq!(session.source_id, "0199aaaa-0000-7000-8000-000000000001");
    assert_eq!(
        session.events.iter().map(|e| e.content.as_str()).collect::<Vec<_>>(),
        [lines[1], lines[2], lines[5], lines[6], lines[8]]
    );
    assert_eq!(session.title.as_deref(), Some("list the notes folder"), "first words, harness context passed over");
    assert_eq!(
        (session.metadata["model"].as_str(), session.metadata["branch"].as_str()),
        (Some("gpt-5"), Some("main"))
    );
    assert_eq!(count(&sessions).errors, 1, "exit code 2");
}

#[test]
fn claude_sub_agents_are_sessions_and_summaries_title_their_conversation() {
    let temp = tempfile::tempdir().expect("temp");
    let project = temp.path().join("projects/-home-dev-app");
    let line = |session: &str, kind: &str, uuid: &str, text: &str, sidechain: bool| {
        let message = if kind == "user" {
            serde_json::json!({"role": "user", "content": text})
        } else {
            serde_json::json!({"id": format!("msg_{uuid}"), "type": "message", "role": "assistant", "model": "claude-sonnet-4-5", "content": [{"type": "text", "text": text}]})
        };
        serde_json::json!({"parentUuid": null, "isSidechain": sidechain, "userType": "external", "cwd": "/home/dev/app",
            "sessionId": session, "version": "2.0.14", "gitBranch": "main", "type": kind, "message": message,
            "uuid": uuid, "timestamp": "2025-10-01T10:00:00.000Z"})
        .to_string()
    };
    let parent = "aaaaaaaa-0000-4000-8000-000000000001";
    write(
        &project.join(format!("{parent}.jsonl")),
        &format!(
            "{}\n{}\n",
            line(parent, "user", "u1", "Fix the parser", false),
            line(parent, "assistant", "u2", "Done.", false)
        ),
    );
    // 2.0.x keeps titles in summary lines, possibly in another file that holds nothing else.
    write(
        &project.join("bbbbbbbb-0000-4000-8000-000000000002.jsonl"),
        "{\"type\":\"summary\",\"summary\":\"Parser repair\",\"leafUuid\":\"u2\"}\n",
    );
    let renamed = "cccccccc-0000-4000-8000-000000000003";
    write(
        &project.join(format!("{renamed}.jsonl")),
        &format!(
            "{}\n{{\"type\":\"custom-title\",\"customTitle\":\"My name for it\",\"sessionId\":\"{renamed}\"}}\n",
            line(renamed, "user", "u9", "hello", false)
        ),
    );
    // Sub-agents, in the old place (beside the sessions) and the new one (<session>/subagents/).
    write(
        &project.join("agent-1a2b.jsonl"),
        &format!(
            "{}\n{}\n",
            line(parent, "user", "a1", "Search for parse errors", true),
            line(parent, "assistant", "a2", "Found 2.", true)
        ),
    );
    write(
        &project.join(format!("{parent}/subagents/agent-3c4d.jsonl")),
        &format!("{}\n", line(parent, "user", "b1", "Run the tests", true)),
    );

    assert_eq!(import::detect(temp.path()).expect("detect"), Format::ClaudeCode);
    let (sessions, skipped) = read_all(temp.path(), Format::ClaudeCode);
    assert!(skipped.is_empty(), "{skipped:?}");
    let by_id = |id: &str| sessions.iter().find(|s| s.source_id == id).unwrap_or_else(|| panic!("no session {id}"));
    assert_eq!(sessions.len(), 4, "the summary-only file is not a session");
    assert_eq!(by_id(parent).title.as_deref(), Some("Parser repair"));
    assert_eq!(by_id(renamed).title.as_deref(), Some("My name for it"));
    let agent = by_id(&format!("{parent}/agent-1a2b"));
    assert_eq!((agent.events.len(), agent.title.as_deref()), (2, Some("Search for parse errors")));
    assert_eq!(agent.metadata["parent_session"], parent);
    assert_eq!(by_id(&format!("{parent}/agent-3c4d")).metadata["sidechain"], true);
}

#[test]
fn chat_jsonl_of_messages_is_one_session_kept_byte_for_byte() {
    let temp = tempfile::tempdir().expect("temp");
    let file = temp.path().join("chat.jsonl");
    let lines = [
        r#"{"role": "system",  "content": "Be brief."}"#,
        r#"{"role":"user","content":"What is WAL?"}"#,
        r#"{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"search","arguments":"{\"q\":\"wal\"}"}}]}"#,
        r#"{"role":"tool","tool_call_id":"c1","content":"write-ahead log"}"#,
    ];
    write(&file, &(lines.join("\n") + "\n"));
    assert_eq!(import::detect(&file).expect("detect"), Format::ChatJsonl);
    let (sessions, skipped) = read_all(&file, Format::ChatJsonl);
    assert!(skipped.is_empty());
    assert_eq!(sessions.len(), 1);
    assert!(sessions[0].source_id.starts_with("chat.jsonl-"), "{}", sessions[0].source_id);
    assert_eq!(sessions[0].events.iter().map(|e| e.content.as_str()).collect::<Vec<_>>(), lines);
    assert_eq!(sessions[0].title.as_deref(), Some("What is WAL?"));

    // The same name in another folder is another session.
    let other = temp.path().join("elsewhere/chat.jsonl");
    write(&other, &(lines.join("\n") + "\n"));
    assert_ne!(read_all(&other, Format::ChatJsonl).0[0].source_id, sessions[0].source_id);
}

#[test]
fn chat_jsonl_of_sessions_keeps_message_text_and_reports_bad_lines() {
    let temp = tempfile::tempdir().expect("temp");
    let file = temp.path().join("export.jsonl");
    let text = concat!(
        r#"{"id": "s-1", "title": "First", "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-02T00:00:00Z", "messages": [{"role": "user",   "content": "caf\u00e9"}, {"role": "assistant", "content": "ok"}]}"#,
        "\n",
        r#"{"role": "user", "content": "a message where a session belongs"}"#,
        "\n",
        r#"{"messages": [{"role": "user", "content": "no id, no title"}]}"#,
        "\n",
        r#"{"id": 7, "messages": [{"role": "user", "content": "cut"#,
    );
    write(&file, text);
    let (sessions, skipped) = read_all(&file, Format::ChatJsonl);
    assert_eq!(sessions.iter().map(|s| s.source_id.clone()).collect::<Vec<_>>()[0], "s-1");
    assert!(sessions[1].source_id.starts_with("export.jsonl-") && sessions[1].source_id.ends_with("#3"));
    assert_eq!(sessions[0].events[0].content, r#"{"role": "user",   "content": "caf\u00e9"}"#, "as written");
    assert_eq!(sessions[0].updated_at.to_rfc3339(), "2024-01-02T00:00:00+00:00");
    assert_eq!(sessions[1].title.as_deref(), Some("no id, no title"));
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(skipped[0].location.ends_with("export.jsonl:2") && skipped[0].reason.contains("shape"), "{skipped:?}");
    assert!(skipped[1].location.ends_with("export.jsonl:4") && skipped[1].reason.contains("truncated"), "{skipped:?}");
}

#[test]
fn undetectable_inputs_are_clear_errors() {
    let temp = tempfile::tempdir().expect("temp");
    let check = |name: &str, bytes: &[u8], expect: &str| {
        let path = temp.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        let error = import::detect(&path).expect_err(name);
        let message = error.to_string();
        assert!(matches!(error, ImportError::Undetectable { .. }), "{message}");
        assert!(message.contains(expect), "{message}");
        assert!(message.contains("openai-agents, dasshh, director"), "lists the formats: {message}");
    };
    check("picture.png", b"\x89PNG\r\n\x1a\n\0\0\0", "neither an SQLite database nor JSONL");
    check("empty.db", b"", "empty");
    check("other.jsonl", b"{\"foo\": 1}\n{\"bar\": 2}\n", "JSONL whose lines match no format");

    let db = temp.path().join("other.db");
    Connection::open(&db).and_then(|c| c.execute_batch("CREATE TABLE notes (id INTEGER, body TEXT);")).expect("db");
    let error = import::detect(&db).expect_err("unknown tables");
    assert!(error.to_string().contains("without the tables of any format"), "{error}");
    assert!("no-such-format".parse::<Format>().is_err());
    assert_eq!("claude-code".parse::<Format>().expect("known"), Format::ClaudeCode);
    assert!(import::detect(&temp.path().join("missing.db")).is_err());
    assert!(import::detect(&fixture("elia")).is_err(), "a folder without transcripts");
}

/// The speed goal: a big Chat JSONL file (1,100,001 events from `gen_big.py big.jsonl 20000
/// 50 100000`) imports at >= 100,000 events/s, store write included, with every session and
/// event of the file added. Run with
/// `RECALL_BIG_JSONL=big.jsonl cargo test --release --test import_formats -- --ignored`.
#[test]
#[ignore = "needs RECALL_BIG_JSONL and a release build"]
fn chat_jsonl_import_of_a_big_file_meets_its_rate() {
    let path = std::env::var_os("RECALL_BIG_JSONL").expect("set RECALL_BIG_JSONL to a big Chat JSONL file");
    if cfg!(debug_assertions) {
        panic!("the rate goal is for optimised builds: run with --release");
    }
    let (sessions, events) = sessions_and_messages(Path::new(&path));
    assert!(events >= 100_000, "{events} events is too few to measure a rate");
    let temp = tempfile::tempdir().expect("temp");
    let store = recall::store::Store::open(temp.path().join("big.db")).expect("store");
    let started = std::time::Instant::now();
    let sources = [import::Source { format: Format::ChatJsonl, path: path.into() }];
    let summary = import::run(&store, &sources, &Options::default(), &mut |_| {});
    let seconds = started.elapsed().as_secs_f64();
    let rate = summary.events_added as f64 / seconds;
    println!("{} events in {seconds:.1}s: {rate:.0} events/s", summary.events_added);
    assert_eq!(summary.failed_sources, 0);
    assert_eq!(summary.skipped, 0);
    assert_eq!((summary.sessions_added, summary.events_added), (sessions, events));
    assert_eq!(store.session_count().expect("count"), sessions);
    assert!(rate >= 100_000.0, "{rate:.0} events/s is below the goal of 100,000");
}

/// Sessions and messages in a session-per-line Chat JSONL file, counted on their own.
fn sessions_and_messages(path: &Path) -> (usize, usize) {
    use std::io::BufRead;
    let file = std::io::BufReader::new(std::fs::File::open(path).expect("open the big file"));
    let (mut sessions, mut events) = (0, 0);
    for line in file.lines() {
        let line = line.expect("read a line");
        if line.trim().is_empty() {
            continue;
        }
        let session: Value = serde_json::from_str(&line).expect("a session per line");
        sessions += 1;
        events += session["messages"].as_array().map_or(0, Vec::len);
    }
    (sessions, events)
}
