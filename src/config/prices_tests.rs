use crate::config::Config;
use crate::content::{Price, Prices};

fn prices(text: &str) -> Prices {
    Config::parse(text).expect("good prices").prices
}

fn error(text: &str) -> String {
    Config::parse(text).expect_err("bad prices")
}

#[test]
fn prices_are_read_inline_and_as_tables() {
    let text = r#"
[prices]
"claude-sonnet-4*" = { input = 3, output = 15, cache_read = 0.3, cache_write = 3.75 }
gpt-5-codex = { input = 1.25, output = 10 }

[prices."mock-coder"]
input = 0
output = 0.5
"#;
    let prices = prices(text);
    assert_eq!(
        prices.find("claude-sonnet-4-5"),
        Some(&Price { input: 3.0, output: 15.0, cache_read: Some(0.3), cache_write: Some(3.75) })
    );
    assert_eq!(prices.find("gpt-5-codex"), Some(&Price { input: 1.25, output: 10.0, ..Price::default() }));
    assert_eq!(prices.find("mock-coder"), Some(&Price { input: 0.0, output: 0.5, ..Price::default() }));
    assert_eq!(prices.find("gpt-5"), None);
}

#[test]
fn the_init_file_example_parses_once_uncommented() {
    let example: String = crate::config::DEFAULT_TEXT
        .split("[prices]")
        .nth(1)
        .expect("a [prices] section")
        .lines()
        .map(|line| line.strip_prefix("# ").unwrap_or(line))
        .collect::<Vec<_>>()
        .join("\n");
    let prices = prices(&format!("[prices]\n{example}"));
    assert_eq!(prices.find("claude-sonnet-4-5").map(|p| p.output), Some(15.0));
    assert_eq!(prices.find("gpt-5-codex").map(|p| p.cache_read), Some(Some(0.125)));
}

#[test]
fn an_exact_name_beats_a_pattern_and_the_longest_pattern_wins() {
    let prices = prices(
        r#"[prices]
"claude-*" = { input = 1, output = 1 }
"claude-sonnet-4*" = { input = 3, output = 15 }
"claude-sonnet-4-5" = { input = 4, output = 16 }
"*" = { input = 9, output = 9 }
"#,
    );
    let input = |model: &str| prices.find(model).map(|price| price.input);
    assert_eq!(input("claude-sonnet-4-5"), Some(4.0));
    assert_eq!(input("claude-sonnet-4-5-20250929"), Some(3.0));
    assert_eq!(input("claude-sonnet-4"), Some(3.0), "a prefix matches the name itself");
    assert_eq!(input("claude-opus-4"), Some(1.0));
    assert_eq!(input("gpt-5"), Some(9.0), "a lone * prices every other model");
    assert_eq!(input("Claude-sonnet-4-5"), Some(9.0), "names match case and all");
}

#[test]
fn no_prices_is_an_empty_table() {
    assert!(prices("").is_empty());
    assert!(prices("[prices]\n").is_empty());
}

#[test]
fn bad_prices_name_their_line() {
    let message = error("[prices]\n\"gpt-5\" = { input = 1 }\n");
    assert!(message.starts_with("config.toml line 2: missing field `output`"), "{message}");
    let message = error("[prices]\n\"gpt-5\" = { input = 1, output = 2, cached = 3 }\n");
    assert!(message.starts_with("config.toml line 2: unknown field `cached`"), "{message}");
    let message = error("[prices]\ngpt-5 = { input = \"1\", output = 2 }\n");
    assert!(message.starts_with("config.toml line 2: "), "{message}");
    assert_eq!(
        error("[prices]\n\n\"gpt-5\" = { input = -1, output = 2 }\n"),
        "config.toml line 3: prices.\"gpt-5\".input: -1 is not a price (USD per million tokens, 0 or more)"
    );
    assert_eq!(
        error("[prices]\n\"gpt-5\" = { input = 1, output = nan }\n"),
        "config.toml line 2: prices.\"gpt-5\".output: NaN is not a price (USD per million tokens, 0 or more)"
    );
    assert_eq!(
        error("[prices]\n\"gpt-5\" = { input = 1, output = 2, cache_read = inf }\n"),
        "config.toml line 2: prices.\"gpt-5\".cache_read: inf is not a price (USD per million tokens, 0 or more)"
    );
    assert_eq!(
        error("[prices]\n\"claude-*-4\" = { input = 1, output = 2 }\n"),
        "config.toml line 2: prices: \"claude-*-4\" has a * that is not at its end (a pattern is a prefix and one *, as \"claude-sonnet-4*\")"
    );
    assert_eq!(
        error("[prices]\n\"\" = { input = 1, output = 2 }\n"),
        "config.toml line 2: prices: a model name is empty"
    );
    let message = error("[prices]\ngpt-5 = 3\n");
    assert!(message.starts_with("config.toml line 2: "), "{message}");
    assert!(!message.contains('\n'), "one line: {message}");
}

#[test]
fn a_bad_price_leaves_recall_on_its_defaults_with_one_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "theme = \"light\"\n[prices]\ngpt-5 = { input = 1 }\n").expect("writes");
    let loaded = crate::config::load_from(&path);
    assert!(loaded.config.prices.is_empty());
    let problem = loaded.problem.expect("a problem");
    assert!(problem.starts_with("config.toml line 3: missing field `output`"), "{problem}");
    assert!(problem.ends_with("; using the default settings"), "{problem}");
    assert!(!problem.contains('\n'));
}
