//! `[prices]` in config.toml: USD per million tokens by model, checked entry by entry.
//!
//! ```toml
//! [prices]
//! "claude-sonnet-4*" = { input = 3, output = 15, cache_read = 0.3, cache_write = 3.75 }
//! gpt-5-codex = { input = 1.25, output = 10, cache_read = 0.125 }
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::content::{Price, Prices};

/// One entry as written; `input` and `output` are required.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPrice {
    input: f64,
    output: f64,
    cache_read: Option<f64>,
    cache_write: Option<f64>,
}

pub(super) type RawPrices = BTreeMap<Spanned<String>, Spanned<RawPrice>>;

/// The table, or the first bad entry: where it starts (a byte offset) and what is wrong.
pub(super) fn check(raw: RawPrices) -> Result<Prices, (usize, String)> {
    let mut entries = Vec::with_capacity(raw.len());
    for (name, entry) in raw {
        let at = name.span().start;
        let name = name.into_inner();
        check_name(&name).map_err(|message| (at, message))?;
        let entry = entry.into_inner();
        let rates = [
            ("input", Some(entry.input)),
            ("output", Some(entry.output)),
            ("cache_read", entry.cache_read),
            ("cache_write", entry.cache_write),
        ];
        for (field, rate) in rates {
            if let Some(rate) = rate
                && !(rate.is_finite() && rate >= 0.0)
            {
                let message =
                    format!("prices.\"{name}\".{field}: {rate} is not a price (USD per million tokens, 0 or more)");
                return Err((at, message));
            }
        }
        let price = Price {
            input: entry.input,
            output: entry.output,
            cache_read: entry.cache_read,
            cache_write: entry.cache_write,
        };
        entries.push((name, price));
    }
    Ok(Prices::new(entries))
}

/// A model's name, or a prefix ending in the one `*` a pattern may have.
fn check_name(name: &str) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err("prices: a model name is empty".into());
    }
    if name.trim_end_matches('*').contains('*') || name.ends_with("**") {
        return Err(format!(
            "prices: \"{name}\" has a * that is not at its end (a pattern is a prefix and one *, as \"claude-sonnet-4*\")"
        ));
    }
    Ok(())
}

#[cfg(test)]
#[path = "prices_tests.rs"]
mod tests;
