//! `recall stats --by model|day|project` on a store of four real fixtures (Claude Code, Codex,
//! Gemini CLI, OpenCode; three sessions each, one model each). The figures are counted by
//! hand in tests/fixtures/import: every Claude Code and OpenCode model call records 1,500
//! input and 40 output tokens, every Gemini CLI call 2,100 in, 40 out and 8 of thoughts, and
//! each Codex rollout's last token count its total.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(relative)
}

fn recall(db: &Path, args: &[&str]) -> String {
    // No settings file: no prices (a missing file is the defaults).
    recall_with(db, &db.with_file_name("no-config.toml"), args)
}

/// `recall --db DB ARGS` with the settings of `config`.
fn recall_with(db: &Path, config: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_recall"))
        .env("RECALL_CONFIG", config)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty(), "the settings are good: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("utf-8")
}

fn store(dir: &Path) -> PathBuf {
    let db = dir.join("recall.db");
    for source in [
        "claude-code/2.1.330/dot-claude/projects",
        "codex-cli/0.169.0/codex-home",
        "gemini-cli/0.61.0/dot-gemini",
        "opencode/1.18.33/dot-local-share-opencode",
    ] {
        recall(&db, &["import", "--once", &fixture(source).to_string_lossy()]);
    }
    db
}

fn groups(report: &Value) -> Vec<(String, Value)> {
    let groups = report["groups"].as_array().expect("groups");
    groups
        .iter()
        .map(|group| {
            let counts = json!([
                group["sessions"],
                group["messages"],
                group["tool_calls"],
                group["tokens"]["input"],
                group["tokens"]["output"]
            ]);
            (group["name"].as_str().expect("name").to_string(), counts)
        })
        .collect()
}

#[test]
fn by_model_counts_sessions_messages_calls_and_tokens() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = store(dir.path());
    let report: Value = serde_json::from_str(&recall(&db, &["stats", "--by", "model", "--json"])).expect("JSON");
    assert_eq!(report["by"], "model");
    // [sessions, messages (user + assistant, as `recall stats` counts them), tool calls, in, out]
    assert_eq!(
        groups(&report),
        vec![
            // 2 + 4 + 3 calls.
            ("claude-opus-5-5".to_string(), json!([3, 12, 5, 13_500, 360])),
            // 5 + 2 + 4 calls.
            ("claude-sonnet-4-5".to_string(), json!([3, 12, 7, 16_500, 440])),
            // 5 + 1 + 2 calls, thoughts counted as output.
            ("gemini-3.8-flash".to_string(), json!([3, 12, 7, 16_800, 384])),
            // Totals of 9,000/300, 3,600/120 and 3,600/120.
            ("gpt-5-codex".to_string(), json!([3, 10, 5, 16_200, 540])),
        ]
    );
    let total = &report["total"];
    assert_eq!(
        total,
        &json!({"sessions": 12, "messages": 46, "tool_calls": 24,
                "tokens": {"input": 63_000, "output": 1_724, "cache_read": 0, "cache_write": 0}})
    );
}

#[test]
fn by_day_and_by_project() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = store(dir.path());
    let by_day: Value = serde_json::from_str(&recall(&db, &["stats", "--by", "day", "--json"])).expect("JSON");
    assert_eq!(
        groups(&by_day),
        vec![
            ("2026-11-21".to_string(), json!([6, 22, 10, 29_700, 900])),
            ("2026-11-30".to_string(), json!([6, 24, 14, 33_300, 824])),
        ]
    );
    let by_project: Value = serde_json::from_str(&recall(&db, &["stats", "--by", "project", "--json"])).expect("JSON");
    let names: Vec<String> = groups(&by_project).into_iter().map(|(name, _)| name).collect();
    assert_eq!(names, ["claude-demo", "codex-demo", "gemini-demo", "opencode-demo"]);
}

#[test]
fn the_table_has_a_row_per_group_and_one_for_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = store(dir.path());
    let table = recall(&db, &["stats", "--by", "model"]);
    let rows: Vec<Vec<&str>> = table.lines().map(|line| line.split_whitespace().collect()).collect();
    assert_eq!(
        rows[0],
        ["model", "sessions", "messages", "calls", "input", "output", "cache", "read", "cache", "write"]
    );
    assert_eq!(rows[1], ["claude-opus-5-5", "3", "12", "5", "13500", "360", "0", "0"]);
    assert_eq!(rows.last().expect("a total"), &["all", "12", "46", "24", "63000", "1724", "0", "0"]);
    assert_eq!(rows.len(), 6);
}

/// Claude Opus and Codex priced, Claude Sonnet and Gemini not.
const PRICES: &str = r#"
[prices]
"claude-opus-*" = { input = 5, output = 25 }
"gpt-5-codex" = { input = 1.25, output = 10, cache_read = 0.125 }
"#;

#[test]
fn priced_groups_show_their_cost_and_others_none() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = store(dir.path());
    let config = dir.path().join("config.toml");
    std::fs::write(&config, PRICES).expect("writes");
    let report: Value =
        serde_json::from_str(&recall_with(&db, &config, &["stats", "--by", "model", "--json"])).expect("JSON");
    let cost: Vec<(String, Value, Value)> = report["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| (g["name"].as_str().expect("name").to_string(), g["cost_usd"].clone(), g["cost_usd_at_least"].clone()))
        .collect();
    assert_eq!(
        cost,
        vec![
            // 13,500 in at $5 and 360 out at $25 per million: $0.0675 + $0.009.
            ("claude-opus-5-5".to_string(), json!(0.0765), Value::Null),
            // Not priced: no cost at all, not 0.
            ("claude-sonnet-4-5".to_string(), Value::Null, Value::Null),
            ("gemini-3.8-flash".to_string(), Value::Null, Value::Null),
            // 16,200 in at $1.25 and 540 out at $10: $0.02025 + $0.0054.
            ("gpt-5-codex".to_string(), json!(0.02565), Value::Null),
        ]
    );
    let sonnet = &report["groups"][1];
    assert!(sonnet.get("cost_usd").is_none() && sonnet.get("cost_usd_at_least").is_none(), "{sonnet}");
    // All of them together: only a lower bound.
    assert!(report["total"].get("cost_usd").is_none(), "{}", report["total"]);
    assert_eq!(report["total"]["cost_usd_at_least"], json!(0.10215));

    let table = recall_with(&db, &config, &["stats", "--by", "model"]);
    let rows: Vec<&str> = table.lines().collect();
    assert!(rows[0].ends_with(" cost"), "{}", rows[0]);
    let last = |row: &str| row.rsplit("  ").next().unwrap_or_default().trim().to_string();
    assert_eq!(rows[1..].iter().map(|row| last(row)).collect::<Vec<_>>(), ["$0.08", "-", "-", "$0.03", "≥ $0.10"]);
}

#[test]
fn every_group_priced_has_a_total_and_no_prices_no_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = store(dir.path());
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[prices]\n\"*\" = { input = 1, output = 10 }\n").expect("writes");
    let report: Value =
        serde_json::from_str(&recall_with(&db, &config, &["stats", "--by", "day", "--json"])).expect("JSON");
    // 63,000 in at $1 and 1,724 out at $10 per million.
    assert_eq!(report["total"]["cost_usd"], json!(0.08024));
    assert!(report["total"].get("cost_usd_at_least").is_none());
    // 29,700 + 9,000 and 33,300 + 8,240 micro-dollars.
    assert_eq!(report["groups"][0]["cost_usd"], json!(0.0387));
    assert_eq!(report["groups"][1]["cost_usd"], json!(0.04154));

    let unpriced: Value = serde_json::from_str(&recall(&db, &["stats", "--by", "day", "--json"])).expect("JSON");
    assert!(unpriced["total"].get("cost_usd").is_none() && unpriced["total"].get("cost_usd_at_least").is_none());
    assert!(!recall(&db, &["stats", "--by", "day"]).contains("cost"));
}

#[test]
fn bad_prices_are_one_line_and_the_stats_still_come() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = store(dir.path());
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[prices]\n\"gpt-5-codex\" = { input = 1.25 }\n").expect("writes");
    let output = Command::new(env!("CARGO_BIN_EXE_recall"))
        .env("RECALL_CONFIG", &config)
        .arg("--db")
        .arg(&db)
        .args(["stats", "--by", "model"])
        .output()
        .expect("runs");
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("config.toml line 2: missing field `output`"), "{stderr}");
    let table = String::from_utf8(output.stdout).expect("utf-8");
    assert!(table.lines().last().is_some_and(|row| row.starts_with("all")) && !table.contains("cost"), "{table}");
}

/// A Claude Code-shaped reply of `model` with its usage.
fn reply(id: &str, model: &str, input: u64, output: u64) -> recall::store::NewEvent {
    recall::store::NewEvent::from_value(&json!({"type": "assistant", "message": {
        "id": id, "role": "assistant", "model": model, "content": [{"type": "text", "text": "ok"}],
        "usage": {"input_tokens": input, "output_tokens": output}}}))
}

#[test]
fn a_session_that_switched_models_adds_its_tokens_to_each() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("recall.db");
    let store = recall::store::Store::open(&db).expect("store");
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-30T10:00:00Z").expect("time").to_utc();
    let session = |id: &str, events: Vec<recall::store::NewEvent>| recall::store::ImportedSession {
        source: "claude-code".into(),
        source_id: id.into(),
        title: Some(id.into()),
        created_at: at,
        updated_at: at,
        metadata: serde_json::Map::new(),
        events,
    };
    let user =
        recall::store::NewEvent::from_value(&json!({"type": "user", "message": {"role": "user", "content": "hi"}}));
    store
        .import_session(&session(
            "switched",
            vec![user.clone(), reply("m1", "claude-opus-4", 1_000, 100), reply("m2", "claude-haiku-4", 3_000, 300)],
        ))
        .expect("imports");
    store
        .import_session(&session("haiku", vec![user.clone(), reply("m3", "claude-haiku-4", 500, 50)]))
        .expect("imports");
    // Two models, and a total its importer noted naming neither: whose it was is not known.
    let mut mixed =
        session("mixed", vec![user, reply("m4", "claude-opus-4", 0, 0), reply("m5", "claude-haiku-4", 0, 0)]);
    mixed.metadata.insert("usage".into(), json!({"input": 70, "output": 7}));
    store.import_session(&mixed).expect("imports");
    drop(store);
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[prices]\n\"claude-opus-4\" = { input = 10, output = 50 }\n").expect("writes");
    let report: Value =
        serde_json::from_str(&recall_with(&db, &config, &["stats", "--by", "model", "--json"])).expect("JSON");
    // [sessions, messages, tool calls, in, out]: the switched session counts under its first
    // model, Opus; its Haiku reply's tokens under Haiku.
    assert_eq!(
        groups(&report),
        vec![
            ("claude-haiku-4".to_string(), json!([1, 2, 0, 3_500, 350])),
            ("claude-opus-4".to_string(), json!([2, 6, 0, 1_000, 100])),
            ("unknown".to_string(), json!([0, 0, 0, 70, 7])),
        ]
    );
    // Opus: 1,000 at $10 and 100 at $50 per million; Haiku has no price.
    assert_eq!(report["groups"][1]["cost_usd"], json!(0.015));
    assert!(report["groups"][0].get("cost_usd").is_none() && report["groups"][0].get("cost_usd_at_least").is_none());
    assert!(report["groups"][2].get("cost_usd").is_none(), "unknown tokens have no price");
    assert_eq!(report["total"]["tokens"]["input"], 4_570);
    assert_eq!(report["total"]["sessions"], 3);
    assert_eq!(report["total"]["cost_usd_at_least"], json!(0.015));
    // By day the session stays whole, and its cost is partly known.
    let by_day: Value =
        serde_json::from_str(&recall_with(&db, &config, &["stats", "--by", "day", "--json"])).expect("JSON");
    assert_eq!(groups(&by_day), vec![("2026-11-30".to_string(), json!([3, 8, 0, 4_570, 457]))]);
    assert_eq!(by_day["groups"][0]["cost_usd_at_least"], json!(0.015));
}
