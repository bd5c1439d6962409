use super::*;

const SECRETS: Redaction = Redaction { secrets: true, paths: false };

/// Made-up keys of each vendor's shape, built at run time so that no file holds a whole one.
fn key(prefix: &str, body: &str, times: usize) -> String {
    format!("{prefix}{}", body.repeat(times))
}

/// (kind, text with a secret, the redacted text).
fn true_positives() -> Vec<(&'static str, String, String)> {
    let openai_legacy = format!("sk-{}T3BlbkFJ{}", "a1B2c3D4e5".repeat(2), "Z9y8X7w6V5".repeat(2));
    let openai_project = key("sk-proj-", "Ab3_-xY9", 8);
    let anthropic = key("sk-ant-api03-", "Qw3rTy_-", 12) + "AA";
    let google = key("AIza", "SyD-7", 7);
    let aws = "AKIA".to_string() + "IOSFODNN7EXAMPL2";
    let github = key("ghp_", "A1b2C3d4E5f6", 3);
    let github_fine = key("github_pat_", "11ABCDEFG0abcdefghij", 4) + "xy";
    let gitlab = key("glpat-", "xYz12", 4);
    let slack = format!("xoxb-{}-{}", "123456789012", "AbCdEfGhIjKlMnOp");
    let stripe = key("sk_live_", "4eC39HqLyjWDarjtT1zdp7dc", 1);
    let jwt =
        format!("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.{}.{}", "eyJzdWIiOiIxMjM0NTY3ODkwIn0", "dozjgNryP4J3jVmNHl0w5N");
    let pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\nabc\n-----END RSA PRIVATE KEY-----";
    vec![
        ("openai", format!("key: {openai_legacy} ok"), "key: [REDACTED:openai] ok".into()),
        ("openai", format!("export OPENAI={openai_project}"), "export OPENAI=[REDACTED:openai]".into()),
        ("anthropic", format!("use {anthropic}."), "use [REDACTED:anthropic].".into()),
        ("google", format!("?key={google}&q=1"), "?key=[REDACTED:google]&q=1".into()),
        ("aws", format!("id {aws} here"), "id [REDACTED:aws] here".into()),
        ("github", format!("token {github}"), "token [REDACTED:github]".into()),
        ("github", github_fine, "[REDACTED:github]".into()),
        ("gitlab", format!("({gitlab})"), "([REDACTED:gitlab])".into()),
        ("slack", format!("slack {slack}"), "slack [REDACTED:slack]".into()),
        (
            "slack",
            "post to https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX now".into(),
            "post to [REDACTED:slack] now".into(),
        ),
        ("stripe", stripe, "[REDACTED:stripe]".into()),
        ("jwt", format!("Bearer {jwt}"), "Bearer [REDACTED:jwt]".into()),
        ("private-key", format!("key:\n{pem}\ndone"), "key:\n[REDACTED:private-key]\ndone".into()),
        // Cut off mid-key, as a truncated tool output would be: the rest is hidden too.
        ("private-key", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk".into(), "[REDACTED:private-key]".into()),
        (
            "url-credentials",
            "git clone https://alice:s3cr3t-pw@example.com/repo.git".into(),
            "git clone https://alice:[REDACTED:url-credentials]@example.com/repo.git".into(),
        ),
        (
            "url-credentials",
            "postgres://app:hunter2@db:5432/x".into(),
            "postgres://app:[REDACTED:url-credentials]@db:5432/x".into(),
        ),
        ("secret", "DB_PASSWORD=correct-horse".into(), "DB_PASSWORD=[REDACTED:secret]".into()),
        ("secret", "  export API_TOKEN=\"abcdef123456\"".into(), "  export API_TOKEN=\"[REDACTED:secret]\"".into()),
        ("secret", "client_secret: 9f8e7d6c5b4a".into(), "client_secret: [REDACTED:secret]".into()),
        ("secret", "x\nMY_API_KEY = zzzzzzzzzz\ny".into(), "x\nMY_API_KEY = [REDACTED:secret]\ny".into()),
    ]
}

/// Text that looks close to a secret and must stay as it is.
const FALSE_POSITIVES: &[&str] = &[
    "pip install scikit-learn; import sk-learn",
    "sk-proj-short",
    "sk-ant-api03-tooshort",
    "AIzaShort",
    "AKIA is a prefix; AKIAIOSFODNN7EXAMPLE1 is too long to be an id",
    "ghp_short and github_pat_tooshort",
    "glpat-abc",
    "xoxb-123",
    "sk_test_abc and rk_live_",
    "eyJhbGciOiJIUzI1NiJ9 alone is a header, not a token",
    "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqh\n-----END PUBLIC KEY-----",
    "https://example.com/path?user=a@b.c",
    "ssh git@github.com:owner/repo.git",
    "https://user@example.com/no-password",
    "max_tokens=4096",
    "PASSWORD=",
    "password = $DB_PASSWORD",
    "token_count: 12",
    "The secret is to keep going; tokens are cheap.",
    "let password = read_password()?;",
];

#[test]
fn every_kind_is_found_and_replaced() {
    let mut kinds = std::collections::BTreeSet::new();
    for (kind, text, expected) in true_positives() {
        assert_eq!(SECRETS.apply(&text), expected, "{kind}: {text:?}");
        kinds.insert(kind);
    }
    let all: std::collections::BTreeSet<_> = PATTERNS.iter().map(|(kind, _)| *kind).collect();
    assert_eq!(kinds, all, "each kind has a true positive");
    assert_eq!(RULES.len(), PATTERNS.len(), "every pattern compiles");
}

#[test]
fn look_alikes_are_left_alone() {
    for text in FALSE_POSITIVES {
        assert_eq!(SECRETS.apply(text), *text, "redacted a look-alike");
        assert!(matches!(SECRETS.apply(text), Cow::Borrowed(_)));
    }
}

#[test]
fn no_redaction_changes_nothing() {
    for (_, text, _) in true_positives() {
        assert_eq!(Redaction::NONE.apply(&text), text);
    }
}

#[test]
fn home_folders_become_a_tilde() {
    let text = "cd /root/project && cat /rootfs/x /home/alice/.ssh/config C:\\Users\\Bob\\code /Users/carol";
    assert_eq!(redact_home(text, Some("/root")), "cd ~/project && cat /rootfs/x ~/.ssh/config ~\\code ~");
    assert_eq!(redact_home("/srv/data and /homework", None), "/srv/data and /homework");
    let paths_only = Redaction { secrets: false, paths: true };
    assert_eq!(paths_only.apply("DB_PASSWORD=correct-horse"), "DB_PASSWORD=correct-horse");
}

#[test]
fn json_strings_and_keys_are_redacted_and_the_rest_kept() {
    let github = key("ghp_", "A1b2C3d4E5f6", 3);
    let value = serde_json::json!({"role": "user", "n": 3, "content": [{"text": format!("use {github}")}], github.clone(): true});
    let redacted = SECRETS.apply_json(&value);
    assert_eq!(
        redacted,
        serde_json::json!({"role": "user", "n": 3, "content": [{"text": "use [REDACTED:github]"}], "[REDACTED:github]": true})
    );
}
