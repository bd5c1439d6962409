use serde_json::json;

use super::{Cost, Price, Prices};
use crate::content::{SessionUsage, Usage};

fn table() -> Prices {
    Prices::new([
        (
            "claude-sonnet-4*".to_string(),
            Price { input: 3.0, output: 15.0, cache_read: Some(0.3), cache_write: Some(3.75) },
        ),
        ("gpt-5-codex".to_string(), Price { input: 1.25, output: 10.0, cache_read: Some(0.125), cache_write: None }),
    ])
}

fn usage(input: u64, output: u64, cache_read: u64, cache_write: u64) -> Usage {
    Usage { input, output, cache_read, cache_write }
}

#[test]
fn every_kind_of_token_has_its_own_price() {
    // 1M in at $3, 200k out at $15, 2M cache reads at $0.30, 400k cache writes at $3.75:
    // 3 + 3 + 0.6 + 1.5.
    let tokens = usage(1_000_000, 200_000, 2_000_000, 400_000);
    let cost = table().cost([(Some("claude-sonnet-4-5"), &tokens)]);
    assert_eq!(cost, Some(Cost { usd: 8.1, complete: true }));
    assert_eq!(cost.map(|c| c.text()).as_deref(), Some("$8.10"));
}

#[test]
fn the_sum_is_rounded_to_the_micro_dollar() {
    // 1,500 in at $1.25 and 40 out at $10: $0.001875 + $0.0004.
    let tokens = usage(1_500, 40, 0, 0);
    let cost = table().cost([(Some("gpt-5-codex"), &tokens)]).expect("priced");
    assert_eq!(cost.usd, 0.002275);
    assert_eq!(cost.text(), "$0.0023");
    // Three calls of 0.1 and 0.2 micro-sums carry no float noise.
    let cheap = Prices::new([("m".to_string(), Price { input: 0.1, output: 0.2, ..Price::default() })]);
    assert_eq!(cheap.cost([(Some("m"), &usage(1_000_000, 1_000_000, 0, 0))]).map(|c| c.usd), Some(0.3));
}

#[test]
fn cache_tokens_without_a_cache_price_make_a_lower_bound() {
    // gpt-5-codex has no cache_write price: 1,000 written tokens are left out.
    let tokens = usage(1_000_000, 0, 0, 1_000);
    let cost = table().cost([(Some("gpt-5-codex"), &tokens)]).expect("priced");
    assert_eq!(cost, Cost { usd: 1.25, complete: false });
    assert_eq!(cost.text(), "≥ $1.25");
    // None written: complete.
    let tokens = usage(1_000_000, 0, 8_000_000, 0);
    assert_eq!(table().cost([(Some("gpt-5-codex"), &tokens)]), Some(Cost { usd: 2.25, complete: true }));
}

#[test]
fn unknown_models_are_never_zero() {
    let tokens = usage(1_000, 10, 0, 0);
    assert_eq!(table().cost([(Some("gemini-3.8-flash"), &tokens)]), None);
    assert_eq!(table().cost([(None, &tokens)]), None, "a call that names no model");
    assert_eq!(Prices::default().cost([(Some("gpt-5-codex"), &tokens)]), None);
    // Partly priced: what is known, as a lower bound.
    let priced = usage(1_000_000, 0, 0, 0);
    let cost = table().cost([(Some("gpt-5-codex"), &priced), (Some("gemini-3.8-flash"), &tokens)]);
    assert_eq!(cost, Some(Cost { usd: 1.25, complete: false }));
    // A model with no tokens takes nothing from the sum.
    let cost = table().cost([(Some("gpt-5-codex"), &priced), (Some("gemini-3.8-flash"), &Usage::default())]);
    assert_eq!(cost, Some(Cost { usd: 1.25, complete: true }));
}

#[test]
fn costs_read_as_money() {
    let text = |usd: f64, complete: bool| Cost { usd, complete }.text();
    assert_eq!(text(0.0, true), "$0.00");
    assert_eq!(text(0.01, true), "$0.01");
    assert_eq!(text(1234.5, true), "$1234.50");
    assert_eq!(text(0.004_21, true), "$0.0042");
    assert_eq!(text(0.000_002, true), "$0.000002");
    assert_eq!(text(1.234, false), "≥ $1.23");
    let sum = Cost { usd: 0.1, complete: true }.plus(Cost { usd: 0.2, complete: false });
    assert_eq!(sum, Cost { usd: 0.3, complete: false });
}

#[test]
fn a_session_costs_what_each_model_spent() {
    let mut sum = SessionUsage::new();
    // Two lines of one call: the second figures replace the first.
    sum.add_event(&json!({"message": {"id": "msg_1", "model": "claude-sonnet-4-5", "role": "assistant",
        "usage": {"input_tokens": 10, "output_tokens": 1}}}));
    sum.add_event(&json!({"message": {"id": "msg_1", "model": "claude-sonnet-4-5", "role": "assistant",
        "usage": {"input_tokens": 1_000_000, "output_tokens": 100_000, "cache_read_input_tokens": 1_000_000}}}));
    sum.add_event(&json!({"id": "resp_1", "model": "gpt-5-codex",
        "usage": {"input_tokens": 2_000_000, "output_tokens": 0,
                  "input_tokens_details": {"cached_tokens": 1_000_000}}}));
    let by_model = sum.tokens_by_model();
    assert_eq!(by_model[&Some("claude-sonnet-4-5".to_string())], usage(1_000_000, 100_000, 1_000_000, 0));
    assert_eq!(by_model[&Some("gpt-5-codex".to_string())], usage(1_000_000, 0, 1_000_000, 0));
    // Sonnet 3 + 1.5 + 0.3, Codex 1.25 + 0.125.
    assert_eq!(sum.cost(&table()), Some(Cost { usd: 6.175, complete: true }));
    assert_eq!(
        sum.summary_priced(&table()).as_deref(),
        Some("2M in · 100k out · 2M cache · $6.18 · claude-sonnet-4-5, gpt-5-codex")
    );
    assert_eq!(sum.summary().as_deref(), Some("2M in · 100k out · 2M cache · claude-sonnet-4-5, gpt-5-codex"));
}

#[test]
fn tokens_without_a_model_belong_to_the_sessions_only_model() {
    // A Codex rollout: token counts name no model; its metadata names one.
    let mut sum = SessionUsage::new();
    let metadata = json!({"model": "gpt-5-codex", "usage": {"input": 1_000_000, "output": 100_000}});
    sum.add_metadata(metadata.as_object().expect("object"));
    assert_eq!(sum.cost(&table()), Some(Cost { usd: 2.25, complete: true }));
    // With two models named, whose they were is not known: not priced, not claimed.
    let mut two = SessionUsage::new();
    two.add_event(&json!({"id": "resp_2", "model": "claude-sonnet-4-5",
        "usage": {"input_tokens": 1_000_000, "output_tokens": 0}}));
    two.add_event(&json!({"id": "resp_3", "model": "gpt-5-codex", "usage": {"input_tokens": 0, "output_tokens": 0}}));
    two.add_metadata(&json!({"usage": {"input": 5, "output": 5}}).as_object().cloned().expect("object"));
    assert_eq!(two.tokens_by_model()[&None], usage(5, 5, 0, 0));
    assert_eq!(two.cost(&table()), Some(Cost { usd: 3.0, complete: false }));
    assert_eq!(
        two.summary_priced(&table()).as_deref(),
        Some("1M in · 5 out · ≥ $3.00 · claude-sonnet-4-5, gpt-5-codex")
    );
}
