//! Replaces secrets in text with `[REDACTED:kind]` before a transcript is shared.
//!
//! The patterns are not invented here: they follow the rules of gitleaks
//! (<https://github.com/gitleaks/gitleaks>, `config/gitleaks.toml`, rules `openai-api-key`,
//! `anthropic-api-key`, `anthropic-admin-api-key`, `gcp-api-key`, `aws-access-token`,
//! `github-pat`, `github-fine-grained-pat`, `github-oauth`, `github-app-token`,
//! `github-refresh-token`, `gitlab-pat` and the other `gitlab-*` token prefixes,
//! `slack-bot-token`, `slack-user-token`, `slack-app-token`, `slack-webhook-url`,
//! `stripe-access-token`, `jwt`, `private-key`), loosened where gitleaks pins an exact length
//! that the vendors have changed before (a key one character longer must still be hidden).
//! URLs with credentials follow the `userinfo` part of RFC 3986; `KEY=value` lines whose key
//! names a secret follow gitleaks' `generic-api-key` keywords, without its entropy check,
//! but with a minimum value length so that `max_tokens=4096` stays.
//!
//! Redaction is best effort: it hides the secrets these rules know, not every secret.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

/// One kind of secret: its name in `[REDACTED:name]` and its pattern. When the pattern has a
/// group named `secret`, only that part is replaced (the key of `KEY=value` stays readable).
struct Rule {
    kind: &'static str,
    pattern: Regex,
}

/// The rules in the order they apply: longer, more specific shapes first, so that an
/// Anthropic key is not reported as an OpenAI one and a key inside a private key block is
/// part of that block.
const PATTERNS: &[(&str, &str)] = &[
    (
        "private-key",
        r"(?s)-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----.*?(?:-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----|\z)",
    ),
    ("jwt", r"\bey[A-Za-z0-9_-]{17,}\.ey[A-Za-z0-9_-]{17,}\.[A-Za-z0-9_-]{10,}={0,2}"),
    ("anthropic", r"\bsk-ant-(?:api|admin|oat|sid)\d{2}-[A-Za-z0-9_-]{32,}"),
    ("openai", r"\bsk-(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}"),
    ("openai", r"\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}"),
    ("google", r"\bAIza[0-9A-Za-z_-]{35}"),
    ("aws", r"\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b"),
    ("github", r"\b(?:gh[pousr]_[0-9A-Za-z]{36,}|github_pat_[0-9A-Za-z_]{80,})"),
    ("gitlab", r"\bgl(?:pat|dt|ptt|rt|cbt|soat|ft|imt|agent|oas|ffct)-[0-9A-Za-z_-]{20,}"),
    ("slack", r"\bxox[abposre]-(?:\d+-)?[0-9A-Za-z-]{10,}"),
    ("slack", r"https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{20,}"),
    ("stripe", r"\b(?:sk|rk)_(?:test|live|prod)_[0-9A-Za-z]{10,}"),
    // The password of `scheme://user:password@host`; the user and host stay.
    ("url-credentials", r"\b[A-Za-z][A-Za-z0-9+.-]*://[^\s/?#@:]+:(?P<secret>[^\s/?#@]+)@"),
    (
        "secret",
        r#"(?im)^[ \t]*(?:export[ \t]+)?["']?[A-Za-z0-9_.-]*(?:secret|token|passw(?:or)?d|api[_-]?key|credentials?)[A-Za-z0-9_.-]*["']?[ \t]*[=:][ \t]*["']?(?P<secret>[^\s"'$][^\s"']{7,})"#,
    ),
];

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    PATTERNS
        .iter()
        .filter_map(|&(kind, pattern)| Regex::new(pattern).ok().map(|pattern| Rule { kind, pattern }))
        .collect()
});

/// Home folders in paths from any machine: `/home/NAME`, `/Users/NAME`, `C:\Users\NAME`.
static HOME_PATHS: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?:/home/|/Users/|\b[A-Za-z]:\\Users\\)[^/\\\s:'`<>]+").ok());

/// What to hide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Redaction {
    pub secrets: bool,
    /// The home folder becomes `~`, so that user names do not leak through paths.
    pub paths: bool,
}

impl Redaction {
    pub const NONE: Redaction = Redaction { secrets: false, paths: false };

    pub fn is_on(self) -> bool {
        self.secrets || self.paths
    }

    /// `text` with what `self` hides replaced. Borrowed when nothing had to change.
    pub fn apply(self, text: &str) -> Cow<'_, str> {
        let mut text = Cow::Borrowed(text);
        if self.secrets {
            for rule in RULES.iter() {
                if let Cow::Owned(changed) = replace_rule(rule, &text) {
                    text = Cow::Owned(changed);
                }
            }
        }
        if self.paths
            && let Cow::Owned(changed) = redact_home(&text, home_folder().as_deref())
        {
            text = Cow::Owned(changed);
        }
        text
    }

    /// Every string inside `value` redacted (keys too: a secret can be a key).
    pub fn apply_json(self, value: &serde_json::Value) -> serde_json::Value {
        use serde_json::Value;
        match value {
            Value::String(text) => Value::String(self.apply(text).into_owned()),
            Value::Array(items) => Value::Array(items.iter().map(|item| self.apply_json(item)).collect()),
            Value::Object(map) => Value::Object(
                map.iter().map(|(key, item)| (self.apply(key).into_owned(), self.apply_json(item))).collect(),
            ),
            other => other.clone(),
        }
    }
}

fn replace_rule<'a>(rule: &Rule, text: &'a str) -> Cow<'a, str> {
    rule.pattern.replace_all(text, |caps: &regex::Captures<'_>| {
        let whole = caps.get(0).map(|m| (m.start(), m.as_str())).unwrap_or_default();
        match caps.name("secret") {
            // Already hidden by a more specific rule (`GITHUB_TOKEN=ghp_...`): keep its kind.
            Some(secret) if secret.as_str().starts_with("[REDACTED:") => whole.1.to_string(),
            Some(secret) => {
                let (start, all) = whole;
                let (before, after) = (secret.start() - start, secret.end() - start);
                format!("{}[REDACTED:{}]{}", &all[..before], rule.kind, &all[after..])
            }
            None => format!("[REDACTED:{}]", rule.kind),
        }
    })
}

fn home_folder() -> Option<String> {
    let home = directories::BaseDirs::new()?.home_dir().to_string_lossy().trim_end_matches(['/', '\\']).to_string();
    // A home of `/` (some service accounts) would turn every path into `~`.
    (home.len() > 1).then_some(home)
}

fn redact_home<'a>(text: &'a str, home: Option<&str>) -> Cow<'a, str> {
    let mut text = Cow::Borrowed(text);
    if let Some(home) = home.filter(|home| text.contains(home)) {
        text = Cow::Owned(replace_home_prefix(&text, home));
    }
    if let Some(pattern) = HOME_PATHS.as_ref()
        && let Cow::Owned(changed) = pattern.replace_all(&text, "~")
    {
        text = Cow::Owned(changed);
    }
    text
}

/// `home` replaced by `~` where it is a whole path prefix: `/root` in `/root/x` but not in
/// `/rootfs`.
fn replace_home_prefix(text: &str, home: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(home) {
        let after = &rest[at + home.len()..];
        let whole = after.chars().next().is_none_or(|ch| !(ch.is_alphanumeric() || "_.-".contains(ch)));
        out.push_str(&rest[..at]);
        out.push_str(if whole { "~" } else { home });
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
#[path = "redact_tests.rs"]
mod tests;
