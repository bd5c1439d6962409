//! `recall import`, `recall sources` and `recall sync` from the command line, with a home
//! folder of the test's own so that default locations are the test's.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home { dir: tempfile::tempdir().unwrap() }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn run(&self, args: &[&str]) -> (bool, String, String) {
        let output = Command::new(env!("CARGO_BIN_EXE_recall"))
            .args(args)
            .arg("--db")
            .arg(self.path().join("recall.db"))
            .env("HOME", self.path())
            .env_remove("RECALL_DB")
            .env_remove("XDG_DATA_HOME")
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("CLAUDE_CONFIG_DIR")
            .env_remove("CODEX_HOME")
            .env_remove("LLM_USER_PATH")
            .env_remove("OTERM_DATA_DIR")
            .current_dir(self.path())
            .output()
            .unwrap();
        let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).into_owned();
        (output.status.success(), text(output.stdout), text(output.stderr))
    }

    fn ok(&self, args: &[&str]) -> String {
        let (ok, out, err) = self.run(args);
        assert!(ok, "{args:?} failed: {err}");
        out
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap_or_else(|e| panic!("{args:?} is not JSON: {e}"))
    }

    fn copy_llm_db(&self, name: &str) -> PathBuf {
        let target = self.path().join(name);
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/llm/logs-llm-0.36.db"),
            &target,
        )
        .unwrap();
        target
    }
}

#[test]
fn an_imported_path_is_followed_unless_once() {
    let home = Home::new();
    let followed = home.copy_llm_db("followed.db");
    let once = home.copy_llm_db("once.db");
    home.ok(&["import", followed.to_str().unwrap()]);
    home.ok(&["import", "--once", once.to_str().unwrap()]);
    let sources = home.json(&["sources", "--json"]);
    let sources = sources.as_array().unwrap();
    assert_eq!(sources.len(), 1, "{sources:?}");
    let source = &sources[0];
    assert_eq!(source["path"], followed.canonicalize().unwrap().to_str().unwrap());
    assert_eq!(source["format"], "llm");
    assert_eq!(source["state"], "ok");
    assert_eq!(source["auto"], false);
    assert!(source["last_synced"].is_null(), "imported, not yet synced");
    for key in ["path", "format", "state", "sessions", "last_synced", "auto"] {
        assert!(source.get(key).is_some(), "missing {key}");
    }
}

#[test]
fn sync_follows_default_locations_and_a_second_run_changes_nothing() {
    let home = Home::new();
    let projects = home.path().join(".claude/projects/-home-dev-demo");
    std::fs::create_dir_all(&projects).unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/claude-code/2.1.330/dot-claude/projects/-home-dev-claude-demo");
    for entry in std::fs::read_dir(fixture).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), projects.join(entry.file_name())).unwrap();
    }
    let first = home.json(&["sync", "--json"]);
    assert_eq!(first["sessions_added"], 3);
    let second = home.json(&["sync", "--json"]);
    assert_eq!((second["sessions_added"].as_u64(), second["events_added"].as_u64()), (Some(0), Some(0)));
    assert_eq!(second["sessions_unchanged"], 3);
    let sources = home.json(&["sources", "--json"]);
    let claude = &sources.as_array().unwrap()[0];
    assert_eq!((claude["format"].as_str(), claude["auto"].as_bool()), (Some("claude-code"), Some(true)));
    assert_eq!(claude["sessions"], 3);
    assert!(claude["last_synced"].as_str().is_some_and(|t| chrono::DateTime::parse_from_rfc3339(t).is_ok()));
}

#[test]
fn sources_can_be_added_turned_off_and_on() {
    let home = Home::new();
    let db = home.copy_llm_db("logs.db");
    let added = home.ok(&["sources", "add", db.to_str().unwrap()]);
    assert!(added.contains("following") && added.contains("7 sessions added"), "{added}");
    home.ok(&["sources", "off", "llm"]);
    let listed = home.json(&["sources", "--json"]);
    assert_eq!(listed[0]["state"], "off");
    let human = home.ok(&["sources"]);
    assert!(human.contains("off") && human.contains("llm"), "{human}");
    home.ok(&["sources", "on", db.to_str().unwrap()]);
    assert_eq!(home.json(&["sources", "--json"])[0]["state"], "ok");
    let (ok, _, err) = home.run(&["sources", "off", "no-such-thing"]);
    assert!(!ok && err.contains("no followed source"), "{err}");
}

#[test]
fn a_deleted_source_is_missing_and_keeps_its_sessions() {
    let home = Home::new();
    let db = home.copy_llm_db("logs.db");
    home.ok(&["import", db.to_str().unwrap()]);
    std::fs::remove_file(&db).unwrap();
    let (_, out, _) = home.run(&["sync"]);
    assert!(out.contains("missing"), "{out}");
    assert_eq!(home.json(&["sources", "--json"])[0]["state"], "missing");
    let listed = home.json(&["list", "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), 7);
}
