//! Where each tool keeps its history by default, for `recall import` without a path.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::Format;

/// The machine's places that decide the default locations; separate so tests can fake them.
pub(crate) struct Places {
    pub home: PathBuf,
    /// The platform's data dir (`~/.local/share`, `~/Library/Application Support`, `%APPDATA%`).
    pub data_dir: PathBuf,
    /// The platform's config dir (`~/.config`, `~/Library/Application Support`, `%APPDATA%`).
    pub config_dir: PathBuf,
    pub env: fn(&str) -> Option<OsString>,
}

/// The default history locations that exist on this machine, one per tool at most (but aider):
/// `~/.claude/projects` (or `$CLAUDE_CONFIG_DIR/projects`); the Codex home `~/.codex` (or
/// `$CODEX_HOME`) when it has `sessions/`; `~/.dasshh/db/dasshh.db`; llm's `logs.db` in
/// `$LLM_USER_PATH` or `io.datasette.llm` in the config dir (click's app dir); elia's
/// `$XDG_DATA_HOME/elia/elia.sqlite` (`~/.local/share` when unset); oterm's `store.db` in
/// `$OTERM_DATA_DIR`, `$XDG_DATA_HOME/oterm` or the data dir; tenets' `~/.tenets/cache/tenets.db`;
/// OpenCode's `$XDG_DATA_HOME/opencode` (`~/.local/share/opencode` on every platform: OpenCode
/// uses the XDG layout everywhere) when it has `opencode.db` or `storage/`; Copilot CLI's
/// `~/.copilot` (or `$COPILOT_HOME`, which moves its whole folder) when it has `session-state/`.
/// Pi's `~/.pi/agent/sessions` (or `$PI_CODING_AGENT_DIR/sessions`). Aider keeps a history per
/// repository, so for it the current folder's `.aider.chat.history.md` and its git root's (and
/// `$AIDER_CHAT_HISTORY_FILE`) are read, each once.
/// Gemini CLI's `~/.gemini` (`$GEMINI_CLI_HOME/.gemini`: the variable replaces the home folder)
/// when it has `tmp/`; Qwen Code's `~/.qwen` (or `$QWEN_RUNTIME_DIR`, `$QWEN_HOME`) when it has
/// `projects/`.
/// The OpenAI Agents SDK, tower-llm and Director write wherever their app says: no default.
pub fn auto_sources() -> Vec<(Format, PathBuf)> {
    let Some(dirs) = directories::BaseDirs::new() else { return Vec::new() };
    let places = Places {
        home: dirs.home_dir().to_path_buf(),
        data_dir: dirs.data_dir().to_path_buf(),
        config_dir: dirs.config_dir().to_path_buf(),
        env: |name| std::env::var_os(name),
    };
    let mut found = sources_in(&places);
    if let Ok(cwd) = std::env::current_dir() {
        found.extend(super::aider::default_files(&cwd, places.env).into_iter().map(|file| (Format::Aider, file)));
    }
    found
}

pub(crate) fn sources_in(places: &Places) -> Vec<(Format, PathBuf)> {
    let env_path = |name: &str| (places.env)(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    let home = &places.home;
    let xdg_data = env_path("XDG_DATA_HOME").unwrap_or_else(|| home.join(".local/share"));
    let candidates = [
        (Format::ClaudeCode, env_path("CLAUDE_CONFIG_DIR").unwrap_or_else(|| home.join(".claude")).join("projects")),
        (Format::Codex, env_path("CODEX_HOME").unwrap_or_else(|| home.join(".codex"))),
        (Format::Dasshh, home.join(".dasshh/db/dasshh.db")),
        (
            Format::Llm,
            env_path("LLM_USER_PATH").unwrap_or_else(|| places.config_dir.join("io.datasette.llm")).join("logs.db"),
        ),
        (Format::Elia, xdg_data.join("elia/elia.sqlite")),
        (Format::Oterm, oterm_dir(places, env_path("XDG_DATA_HOME"), env_path("OTERM_DATA_DIR")).join("store.db")),
        (Format::Tenets, home.join(".tenets/cache/tenets.db")),
        (Format::Opencode, xdg_data.join("opencode")),
        (Format::CopilotCli, env_path("COPILOT_HOME").unwrap_or_else(|| home.join(".copilot"))),
        (Format::Pi, env_path("PI_CODING_AGENT_DIR").unwrap_or_else(|| home.join(".pi/agent")).join("sessions")),
        (
            Format::GeminiCli,
            env_path("GEMINI_CLI_HOME").map(|d| tilde(places, d)).unwrap_or_else(|| home.clone()).join(".gemini"),
        ),
        (Format::QwenCode, qwen_dir(places, &env_path)),
    ];
    candidates.into_iter().filter(|(format, path)| exists(*format, path)).collect()
}

fn oterm_dir(places: &Places, xdg_data: Option<PathBuf>, own: Option<PathBuf>) -> PathBuf {
    own.or_else(|| xdg_data.filter(|_| !cfg!(windows)).map(|d| d.join("oterm")))
        .unwrap_or_else(|| places.data_dir.join("oterm"))
}

/// Qwen Code writes its projects under `$QWEN_RUNTIME_DIR`, else `$QWEN_HOME` (newer releases),
/// else `~/.qwen`; the first of those that has them.
fn qwen_dir(places: &Places, env_path: &dyn Fn(&str) -> Option<PathBuf>) -> PathBuf {
    let expand = |dir| tilde(places, dir);
    let candidates = [env_path("QWEN_RUNTIME_DIR").map(expand), env_path("QWEN_HOME").map(expand)];
    let default = places.home.join(".qwen");
    candidates.into_iter().flatten().find(|dir| dir.join("projects").is_dir()).unwrap_or(default)
}

/// `~/x` as the home's `x`: Qwen Code expands it in its variables, and a quoted value in a
/// shell profile leaves it to the program.
fn tilde(places: &Places, dir: PathBuf) -> PathBuf {
    match dir.strip_prefix("~") {
        Ok(rest) => places.home.join(rest),
        Err(_) => dir,
    }
}

fn exists(format: Format, path: &Path) -> bool {
    match format {
        Format::Codex => path.join("sessions").is_dir(),
        Format::GeminiCli => path.join("tmp").is_dir(),
        Format::QwenCode => path.join("projects").is_dir() || path.join("tmp").is_dir(),
        Format::ClaudeCode => path.is_dir(),
        Format::Opencode => {
            path.join(super::opencode::DATABASE).is_file()
                || super::opencode::is_storage(&path.join(super::opencode::STORAGE))
        }
        Format::CopilotCli => path.join(super::copilot_cli::SESSIONS).is_dir(),
        Format::Pi => path.is_dir(),
        _ => path.is_file(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_only_the_locations_that_exist() {
        let home = tempfile::tempdir().expect("temp dir");
        let h = home.path();
        for dir in [
            ".claude/projects",
            ".codex/sessions",
            ".dasshh/db",
            ".config/io.datasette.llm",
            ".local/share/oterm",
            ".local/share/opencode",
            ".copilot/session-state",
            ".pi/agent/sessions",
            ".gemini/tmp/demo/chats",
            ".qwen/projects/-home-dev-demo/chats",
        ] {
            std::fs::create_dir_all(h.join(dir)).expect("mkdir");
        }
        for file in [
            ".dasshh/db/dasshh.db",
            ".config/io.datasette.llm/logs.db",
            ".local/share/oterm/store.db",
            ".local/share/opencode/opencode.db",
        ] {
            std::fs::write(h.join(file), b"").expect("write");
        }
        let places = Places {
            home: h.to_path_buf(),
            data_dir: h.join(".local/share"),
            config_dir: h.join(".config"),
            env: |_| None,
        };
        let found: Vec<(Format, PathBuf)> = sources_in(&places);
        assert_eq!(
            found,
            vec![
                (Format::ClaudeCode, h.join(".claude/projects")),
                (Format::Codex, h.join(".codex")),
                (Format::Dasshh, h.join(".dasshh/db/dasshh.db")),
                (Format::Llm, h.join(".config/io.datasette.llm/logs.db")),
                (Format::Oterm, h.join(".local/share/oterm/store.db")),
                (Format::Opencode, h.join(".local/share/opencode")),
                (Format::CopilotCli, h.join(".copilot")),
                (Format::Pi, h.join(".pi/agent/sessions")),
                (Format::GeminiCli, h.join(".gemini")),
                (Format::QwenCode, h.join(".qwen")),
            ]
        );
    }

    /// Where `env` finds its overrides: `env` is a plain function, so the test's folder is
    /// handed over through a static.
    static OVERRIDES: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

    #[test]
    fn opencode_and_copilot_follow_their_environment() {
        let root = tempfile::tempdir().expect("temp dir");
        let r = OVERRIDES.get_or_init(|| root.path().to_path_buf());
        std::fs::create_dir_all(r.join("data/opencode/storage/session/global")).expect("mkdir");
        std::fs::create_dir_all(r.join("data/opencode/storage/message")).expect("mkdir");
        std::fs::create_dir_all(r.join("copilot/session-state")).expect("mkdir");
        let places = Places {
            home: r.join("home"),
            data_dir: r.join("home/.local/share"),
            config_dir: r.join("home/.config"),
            env: |name| {
                let root = OVERRIDES.get()?;
                match name {
                    "XDG_DATA_HOME" => Some(root.join("data").into_os_string()),
                    "COPILOT_HOME" => Some(root.join("copilot").into_os_string()),
                    _ => None,
                }
            },
        };
        assert_eq!(
            sources_in(&places),
            vec![(Format::Opencode, r.join("data/opencode")), (Format::CopilotCli, r.join("copilot"))]
        );
    }

    #[test]
    fn pi_follows_its_agent_dir_variable() {
        // `env` is a plain fn, so the value it reports lives in a static only this test sets.
        static PI_AGENT_DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
        let home = tempfile::tempdir().expect("temp dir");
        let moved = PI_AGENT_DIR.get_or_init(|| home.path().join("elsewhere/agent"));
        std::fs::create_dir_all(moved.join("sessions")).expect("mkdir");
        std::fs::create_dir_all(home.path().join(".pi/agent/sessions")).expect("mkdir");
        let places = Places {
            home: home.path().to_path_buf(),
            data_dir: home.path().join(".local/share"),
            config_dir: home.path().join(".config"),
            env: |name| match name {
                "PI_CODING_AGENT_DIR" => PI_AGENT_DIR.get().map(|dir| dir.clone().into_os_string()),
                _ => None,
            },
        };
        assert_eq!(sources_in(&places), vec![(Format::Pi, moved.join("sessions"))]);
    }

    #[test]
    fn gemini_and_qwen_follow_their_environment_overrides() {
        let home = tempfile::tempdir().expect("temp dir");
        let h = home.path();
        for dir in [".gemini/tmp", "alt-home/.gemini/tmp", "qwen-runtime/projects", ".qwen/projects"] {
            std::fs::create_dir_all(h.join(dir)).expect("mkdir");
        }
        // `~/` in the values stands for the fake home, which a plain `fn` cannot capture.
        let places = Places {
            home: h.to_path_buf(),
            data_dir: h.join(".local/share"),
            config_dir: h.join(".config"),
            env: |name| match name {
                "GEMINI_CLI_HOME" => Some("~/alt-home".into()),
                "QWEN_RUNTIME_DIR" => Some("~/qwen-runtime".into()),
                "QWEN_HOME" => Some("~/missing".into()),
                _ => None,
            },
        };
        let found = sources_in(&places);
        assert_eq!(
            found,
            vec![(Format::GeminiCli, h.join("alt-home/.gemini")), (Format::QwenCode, h.join("qwen-runtime"))]
        );
    }
}
