use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use super::ImportError;

/// A foreign history format recall can import. Its name is both the `--format` value and the
/// `source` recorded on imported sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    OpenaiAgents,
    Dasshh,
    Director,
    Tenets,
    TowerLlm,
    ClaudeCode,
    Codex,
    Llm,
    Elia,
    Oterm,
    ChatJsonl,
    Opencode,
    CopilotCli,
    Pi,
    Aider,
    GeminiCli,
    QwenCode,
}

impl Format {
    pub const ALL: [Format; 17] = [
        Format::OpenaiAgents,
        Format::Dasshh,
        Format::Director,
        Format::Tenets,
        Format::TowerLlm,
        Format::ClaudeCode,
        Format::Codex,
        Format::Llm,
        Format::Elia,
        Format::Oterm,
        Format::ChatJsonl,
        Format::Opencode,
        Format::CopilotCli,
        Format::Pi,
        Format::Aider,
        Format::GeminiCli,
        Format::QwenCode,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::OpenaiAgents => "openai-agents",
            Format::Dasshh => "dasshh",
            Format::Director => "director",
            Format::Tenets => "tenets",
            Format::TowerLlm => "tower-llm",
            Format::ClaudeCode => "claude-code",
            Format::Codex => "codex",
            Format::Llm => "llm",
            Format::Elia => "elia",
            Format::Oterm => "oterm",
            Format::ChatJsonl => "chat-jsonl",
            Format::Opencode => "opencode",
            Format::CopilotCli => "copilot-cli",
            Format::Pi => "pi",
            Format::Aider => "aider",
            Format::GeminiCli => "gemini-cli",
            Format::QwenCode => "qwen-code",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = ImportError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|format| format.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| ImportError::UnknownFormat(s.to_string()))
    }
}

impl Serialize for Format {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}
