//! One row per agent or chat tool recall reads: the source name stored on its sessions (which
//! is also the `--format` name), and the name its users call it by. Adding an agent is a reader
//! in `import/` plus one row here.

/// What recall knows about one tool whose history it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Agent {
    /// The `source` of its sessions in the store, and its `--format` name.
    pub source: &'static str,
    /// What people call it ("Claude Code", "Gemini CLI").
    pub name: &'static str,
}

/// Every tool recall reads, plus recall itself (sessions logged with `recall log`).
pub const AGENTS: &[Agent] = &[
    Agent { source: "recall", name: "recall" },
    Agent { source: "openai-agents", name: "Agents SDK" },
    Agent { source: "dasshh", name: "dasshh" },
    Agent { source: "director", name: "Director" },
    Agent { source: "tenets", name: "tenets" },
    Agent { source: "tower-llm", name: "tower-llm" },
    Agent { source: "claude-code", name: "Claude Code" },
    Agent { source: "codex", name: "Codex" },
    Agent { source: "llm", name: "llm" },
    Agent { source: "elia", name: "elia" },
    Agent { source: "oterm", name: "oterm" },
    Agent { source: "chat-jsonl", name: "Chat JSONL" },
    Agent { source: "opencode", name: "OpenCode" },
    Agent { source: "copilot-cli", name: "Copilot CLI" },
    Agent { source: "pi", name: "Pi" },
    Agent { source: "aider", name: "Aider" },
    Agent { source: "gemini-cli", name: "Gemini CLI" },
    Agent { source: "qwen-code", name: "Qwen Code" },
];

/// The row for a stored `source`, if recall knows it.
pub fn find(source: &str) -> Option<&'static Agent> {
    AGENTS.iter().find(|agent| agent.source == source)
}

/// The name people use for `source`; an unknown source (written by another program through
/// the library) is shown as stored.
pub fn display_name(source: &str) -> &str {
    find(source).map_or(source, |agent| agent.name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Format;

    #[test]
    fn every_import_format_has_a_row() {
        for format in Format::ALL {
            assert!(find(format.name()).is_some(), "no agent row for {format}");
        }
    }

    #[test]
    fn unknown_sources_keep_their_stored_name() {
        assert_eq!(display_name("gemini-cli-fork"), "gemini-cli-fork");
        assert_eq!(display_name("claude-code"), "Claude Code");
    }
}
