//! config.toml from the command line: `recall config init|path`, a bad file reported once with
//! its line while recall carries on, resume commands from the file, and sources turned off.
//! `RECALL_CONFIG` points each test at its own file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env { dir: tempfile::tempdir().expect("tempdir") }
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("settings").join("config.toml")
    }

    fn write_config(&self, text: &str) {
        std::fs::create_dir_all(self.dir.path().join("settings")).expect("folder");
        std::fs::write(self.config(), text).expect("writes the config");
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_recall"));
        command
            .arg("--db")
            .arg(self.dir.path().join("recall.db"))
            .args(args)
            .current_dir(self.dir.path())
            .env("RECALL_CONFIG", self.config())
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env_remove("CLAUDE_CONFIG_DIR")
            .env_remove("CODEX_HOME");
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("runs recall")
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn path_prints_where_it_is_and_init_writes_it_once() {
    let env = Env::new();
    let path = env.run(&["config", "path"]);
    assert!(path.status.success());
    assert_eq!(text(&path.stdout), format!("{}\n", env.config().display()));
    assert!(!env.config().exists(), "`config path` creates nothing");

    let init = env.run(&["config", "init"]);
    assert!(init.status.success(), "{}", text(&init.stderr));
    let written = std::fs::read_to_string(env.config()).expect("init wrote the file");
    assert_eq!(written, recall::config::DEFAULT_TEXT);
    assert!(
        written.lines().all(|line| line.is_empty() || line.starts_with('#') || line.starts_with('[')),
        "every setting is commented out"
    );

    std::fs::write(env.config(), "theme = \"light\"\n").expect("edits it");
    let again = env.run(&["config", "init"]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(
        text(&again.stderr),
        format!("recall: {} already exists; recall leaves it as it is\n", env.config().display())
    );
    assert_eq!(std::fs::read_to_string(env.config()).expect("reads"), "theme = \"light\"\n", "left as it was");
}

#[test]
fn a_bad_config_is_one_warning_naming_its_line_and_the_command_still_runs() {
    let env = Env::new();
    env.write_config("# mine\ntheme = \"dark\"\n\ndate_format = 7\n");
    let listed = env.run(&["list", "--json"]);
    assert!(listed.status.success(), "{}", text(&listed.stderr));
    assert_eq!(text(&listed.stdout).trim(), "[]");
    let warning = text(&listed.stderr);
    assert_eq!(warning.lines().count(), 1, "said once: {warning}");
    assert!(warning.starts_with("recall: config.toml line 4: "), "{warning}");
    assert!(warning.trim_end().ends_with("; using the default settings"), "{warning}");
}

#[test]
fn the_date_format_is_used_for_full_dates() {
    let env = Env::new();
    env.write_config("date_format = \"%d.%m.%Y um %H:%M\"\n");
    let logged = env
        .command(&["log", "--new", "Dates"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn();
    let mut child = logged.expect("runs recall log");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(b"{\"role\":\"user\",\"content\":\"hi\"}\n").expect("writes");
    }
    assert!(child.wait().expect("waits").success());
    let list = env.run(&["list", "--json"]);
    let sessions: serde_json::Value = serde_json::from_slice(&list.stdout).expect("json");
    let id = sessions[0]["id"].as_str().expect("an id").to_string();
    let exported = env.run(&["export", &id, "-o", "-"]);
    assert!(exported.status.success(), "{}", text(&exported.stderr));
    let markdown = text(&exported.stdout);
    let today = chrono::Local::now().format("%d.%m.%Y um ").to_string();
    assert!(markdown.contains(&today), "{markdown}");
}

/// A program that writes its arguments, one a line, then its folder, to `record`.
fn stand_in(path: &Path, record: &Path) {
    let body = format!("#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > '{0}'\npwd >> '{0}'\n", record.display());
    std::fs::write(path, body).expect("writes the script");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

#[test]
fn a_configured_resume_command_gets_the_id_and_folder_as_separate_arguments() {
    let env = Env::new();
    let (script, record, work) =
        (env.dir.path().join("my agent"), env.dir.path().join("argv"), env.dir.path().join("a folder; rm -rf ~"));
    std::fs::create_dir_all(&work).expect("work");
    stand_in(&script, &record);
    let store = recall::store::Store::open(env.dir.path().join("recall.db")).expect("store");
    let mut metadata = serde_json::Map::new();
    metadata.insert("cwd".into(), work.to_string_lossy().into_owned().into());
    let at = chrono::Utc::now();
    store
        .import_session(&recall::store::ImportedSession {
            source: "openai-agents".into(),
            source_id: "conv $(id) 1".into(),
            title: Some("Agents SDK run".into()),
            created_at: at,
            updated_at: at,
            metadata,
            events: Vec::new(),
        })
        .expect("imports");
    let id = store.find_by_source("openai-agents", "conv $(id) 1").expect("reads").expect("found").id;
    drop(store);
    let template = format!("'{}' --session {{source_id}} --cwd={{cwd}} {{id}}", script.display());
    env.write_config(&format!("[resume]\nopenai-agents = \"{}\"\n", template.replace('"', "\\\"")));

    let printed = env.run(&["resume", &id, "--print"]);
    assert!(printed.status.success(), "{}", text(&printed.stderr));
    assert!(text(&printed.stdout).contains("--session 'conv $(id) 1'"), "{}", text(&printed.stdout));

    let ran = env.run(&["resume", &id]);
    assert!(ran.status.success(), "{}", text(&ran.stderr));
    let work = work.canonicalize().expect("canonical");
    assert_eq!(
        std::fs::read_to_string(&record).expect("the stand-in ran"),
        format!("--session\nconv $(id) 1\n--cwd={}\n{id}\n{}\n", work.display(), work.display())
    );
}

fn import_json(env: &Env, args: &[&str], extra_env: &[(&str, PathBuf)]) -> serde_json::Value {
    let mut command = env.command(args);
    for (name, value) in extra_env {
        command.env(name, value);
    }
    let out = command.output().expect("runs recall");
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json")
}

fn formats(summary: &serde_json::Value) -> Vec<String> {
    summary["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|s| s["format"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn sources_turned_off_are_left_alone_by_import_auto_and_sync() {
    let env = Env::new();
    let codex_home = PathBuf::from(FIXTURES).join("codex-cli/0.169.0/codex-home");
    let claude = PathBuf::from(FIXTURES).join("claude-code/2.1.330/dot-claude");
    let homes = [("CODEX_HOME", codex_home.clone()), ("CLAUDE_CONFIG_DIR", claude.clone())];
    env.write_config("[sources]\noff = [\"codex\"]\n");

    let mut command = env.command(&["import", "--auto", "--json"]);
    command.envs(homes.iter().map(|(name, value)| (*name, value)));
    let out = command.output().expect("runs recall");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(formats(&summary), ["claude-code"]);
    assert_eq!(summary["sources"][0]["sessions_added"], 3);
    assert!(text(&out.stderr).contains("left out codex history at"), "{}", text(&out.stderr));

    // Followed by hand before it was turned off: sync still leaves it alone.
    env.write_config("");
    let followed = import_json(&env, &["import", &codex_home.to_string_lossy(), "--json"], &[]);
    assert_eq!(formats(&followed), ["codex"]);
    env.write_config("[sources]\noff = [\"codex\"]\n");
    let synced = import_json(&env, &["sync", "--json"], &homes);
    assert_eq!(formats(&synced), ["claude-code"], "codex is followed but off in the config");
    env.write_config("");
    let synced = import_json(&env, &["sync", "--json"], &homes);
    assert_eq!(formats(&synced).len(), 2, "back on once the config lets it: {synced}");
}
