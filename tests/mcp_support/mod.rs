//! A minimal MCP client over the real binary's stdin/stdout, and a seeded store, for the
//! `recall mcp` tests.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use recall::store::{ImportedSession, NewEvent, Store};
use serde_json::{Map, Value, json};

const WAIT: Duration = Duration::from_secs(20);

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    next_id: i64,
}

impl Client {
    /// `recall --db DB mcp EXTRA...`, not yet initialized.
    pub fn spawn(db: &Path, extra: &[&str]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_recall"))
            .arg("--db")
            .arg(db)
            .arg("mcp")
            .args(extra)
            .env_remove("RECALL_DB")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("recall mcp starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let (send, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        Client { child, stdin, lines, next_id: 1 }
    }

    /// Spawned and past the handshake, with the server's initialize result.
    pub fn start(db: &Path, extra: &[&str]) -> (Client, Value) {
        let mut client = Client::spawn(db, extra);
        let init = client.request(
            "initialize",
            json!({
                "protocolVersion": "2025-06-18",
                "capabilities": {},
                "clientInfo": {"name": "recall-test", "version": "1"}
            }),
        );
        client.notify("notifications/initialized", json!({}));
        (client, init)
    }

    pub fn send(&mut self, message: &Value) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        writeln!(stdin, "{message}").expect("the server reads its stdin");
        stdin.flush().expect("the server reads its stdin");
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The whole response (with `result` or `error`) to a request.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let line = match self.lines.recv_timeout(WAIT) {
                Ok(line) => line,
                Err(RecvTimeoutError::Timeout) => panic!("no answer to {method} within {WAIT:?}"),
                Err(RecvTimeoutError::Disconnected) => panic!("the server closed stdout before answering {method}"),
            };
            let message: Value = serde_json::from_str(&line).unwrap_or_else(|err| panic!("not JSON ({err}): {line}"));
            if message["id"] == json!(id) {
                return message;
            }
        }
    }

    /// `tools/call`, expecting a result: (its text, whether it is a tool error).
    pub fn call(&mut self, tool: &str, arguments: Value) -> (String, bool) {
        let response = self.request("tools/call", json!({"name": tool, "arguments": arguments}));
        let result = &response["result"];
        assert!(result.is_object(), "{tool} gave no result: {response}");
        let content = result["content"].as_array().expect("content is a list");
        assert_eq!(content.len(), 1, "{response}");
        let text = content[0]["text"].as_str().expect("the content is text").to_string();
        (text, result["isError"] == json!(true))
    }

    /// `tools/call`, expecting a JSON-RPC error: (code, message).
    pub fn call_error(&mut self, tool: &str, arguments: Value) -> (i64, String) {
        let response = self.request("tools/call", json!({"name": tool, "arguments": arguments}));
        let error = &response["error"];
        assert!(error.is_object(), "{tool} did not fail: {response}");
        (error["code"].as_i64().expect("a code"), error["message"].as_str().expect("a message").to_string())
    }

    /// Closes stdin and waits for the server to exit; its exit status.
    pub fn close(mut self) -> std::process::ExitStatus {
        drop(self.stdin.take());
        for _ in 0..200 {
            if let Some(status) = self.child.try_wait().expect("waiting works") {
                return status;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        panic!("the server did not exit within 10 s of stdin closing");
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, hour, minute, 0).single().expect("a valid time")
}

/// An imported session with events at one-minute steps from `start`.
pub fn import(
    store: &Store,
    source: &str,
    id: &str,
    title: &str,
    project: &str,
    start: DateTime<Utc>,
    events: &[Value],
) -> String {
    let mut metadata = Map::new();
    metadata.insert("project".into(), json!(project));
    let events: Vec<NewEvent> = events
        .iter()
        .enumerate()
        .map(|(i, event)| NewEvent {
            content: event.to_string(),
            created_at: Some(start + chrono::Duration::minutes(i as i64)),
            ..Default::default()
        })
        .collect();
    let end = start + chrono::Duration::minutes(events.len() as i64);
    let session = ImportedSession {
        source: source.into(),
        source_id: id.into(),
        title: Some(title.into()),
        created_at: start,
        updated_at: end,
        metadata,
        events,
    };
    store.import_session(&session).expect("the session imports");
    store.find_by_source(source, id).expect("the store reads").expect("the session is there").id
}

/// Three sessions: "Deploy script" (Claude Code, 10:00, tool call and result), "Parser
/// rewrite" (Codex, 11:00) and "Deploy rollback" (Gemini CLI, 12:00, newest). Their ids.
pub fn seed(db: &Path) -> [String; 3] {
    let store = Store::open(db).expect("the store opens");
    let deploy = import(
        &store,
        "claude-code",
        "a1",
        "Deploy script",
        "/home/ann/shop",
        at(10, 0),
        &[
            json!({"role": "user", "content": "Why does the deploy fail on staging?"}),
            json!({"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function",
                "function": {"name": "bash", "arguments": "{\"command\":\"./deploy.sh staging\"}"}}]}),
            json!({"role": "tool", "tool_call_id": "call_1",
                "content": "error: missing STAGING_KEY\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8"}),
            json!({"role": "assistant", "content": "We decided to read STAGING_KEY from the vault, not from .env."}),
        ],
    );
    let parser = import(
        &store,
        "codex",
        "b2",
        "Parser rewrite",
        "/home/ann/lang",
        at(11, 0),
        &[
            json!({"role": "user", "content": "Rewrite the parser with a Pratt loop"}),
            json!({"role": "assistant", "content": "Rejected: recursive descent was too slow on deep nesting."}),
        ],
    );
    let rollback = import(
        &store,
        "gemini-cli",
        "c3",
        "Deploy rollback",
        "/home/ann/shop",
        at(12, 0),
        &[json!({"role": "user", "content": "Roll back the staging deploy"})],
    );
    [deploy, parser, rollback]
}
