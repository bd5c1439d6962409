//! What tokens cost, from prices the person wrote in `config.toml` (`[prices]`): recall
//! bundles no price list and fetches none, so a model nobody priced has no cost, never 0.
//!
//! A cost covers every token of what it sums, or it says it does not ([`Cost::complete`]):
//! tokens of a model without a price, or cache tokens of a model priced without a cache
//! price, are left out, and what is shown is then a lower bound (`≥ $1.23`).

use std::collections::BTreeMap;

use super::Usage;

/// USD per million tokens of one model (or of the models a pattern names).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Price {
    pub input: f64,
    pub output: f64,
    /// Prompt tokens read from a cache; None when not given (those tokens stay unpriced).
    pub cache_read: Option<f64>,
    /// Prompt tokens written to a cache; None when not given.
    pub cache_write: Option<f64>,
}

/// Prices by model name: an exact name, or a prefix ending in `*` (`claude-sonnet-4*`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Prices {
    exact: BTreeMap<String, Price>,
    /// Longest prefix first, so that the most specific pattern wins.
    prefixes: Vec<(String, Price)>,
}

impl Prices {
    /// The table from `(name or pattern, price)` pairs; a name ending in `*` is a prefix.
    pub fn new(entries: impl IntoIterator<Item = (String, Price)>) -> Prices {
        let mut prices = Prices::default();
        for (name, price) in entries {
            match name.strip_suffix('*') {
                Some(prefix) => prices.prefixes.push((prefix.to_owned(), price)),
                None => {
                    prices.exact.insert(name, price);
                }
            }
        }
        prices.prefixes.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        prices
    }

    pub fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.prefixes.is_empty()
    }

    /// The model's price: its exact name's, else the longest matching prefix's.
    pub fn find(&self, model: &str) -> Option<&Price> {
        self.exact.get(model).or_else(|| {
            self.prefixes.iter().find(|(prefix, _)| model.starts_with(prefix.as_str())).map(|(_, price)| price)
        })
    }

    /// What tokens by model cost (`None`: tokens of a model the source did not name), or None
    /// when no token of them has a price.
    pub fn cost<'a>(&self, by_model: impl IntoIterator<Item = (Option<&'a str>, &'a Usage)>) -> Option<Cost> {
        let mut micro_usd = 0.0;
        let mut priced = false;
        let mut complete = true;
        for (model, usage) in by_model {
            if usage.is_empty() {
                continue;
            }
            let Some(price) = model.and_then(|model| self.find(model)) else {
                complete = false;
                continue;
            };
            priced = true;
            micro_usd += usage.input as f64 * price.input + usage.output as f64 * price.output;
            for (tokens, per_million) in [(usage.cache_read, price.cache_read), (usage.cache_write, price.cache_write)]
            {
                match per_million {
                    Some(per_million) => micro_usd += tokens as f64 * per_million,
                    None if tokens > 0 => complete = false,
                    None => {}
                }
            }
        }
        // Prices per million tokens make the sum micro-dollars: rounded to one, the figure
        // carries no float noise (0.30000000000000004).
        priced.then(|| Cost { usd: micro_usd.round() / 1e6, complete })
    }
}

/// A sum in US dollars.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Cost {
    pub usd: f64,
    /// Every token summed had a price; otherwise `usd` is what the priced ones cost.
    pub complete: bool,
}

impl Cost {
    /// Sums two costs; the sum is complete only when both are.
    pub fn plus(self, other: Cost) -> Cost {
        Cost { usd: ((self.usd + other.usd) * 1e6).round() / 1e6, complete: self.complete && other.complete }
    }

    /// `$1.23`, `$0.0042` for under a cent, `≥ $1.23` when it is a lower bound; halves round
    /// up, as money does (`$6.175` is `$6.18`).
    pub fn text(&self) -> String {
        let micros = (self.usd.max(0.0) * 1e6).round() as u64;
        // Under a cent, two significant digits, down to the micro-dollar the sum is rounded to.
        let decimals = if micros == 0 || micros >= 10_000 { 2 } else { (8 - micros.to_string().len()).min(6) };
        let unit = 10u64.pow(6 - decimals as u32);
        let scaled = (micros + unit / 2) / unit;
        let whole = 10u64.pow(decimals as u32);
        let amount = format!("${}.{:0width$}", scaled / whole, scaled % whole, width = decimals);
        if self.complete { amount } else { format!("≥ {amount}") }
    }
}

#[cfg(test)]
#[path = "cost_tests.rs"]
mod tests;
