//! Deterministic, realistic conversation content for benchmarks, distributed like
//! `gen_big.py`: user text 200–800 characters, assistant 200–2,000, tool calls with JSON
//! arguments in 30% of turns, tool results mostly under 2 KB and 5% up to 20 KB.

#![allow(dead_code)]

use serde_json::json;

/// The word planted in about 0.1% of events, for search timings.
pub const NEEDLE: &str = "rarewordneedle";

const WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "is", "that", "for", "it", "as", "with", "was", "on", "be", "by", "this", "are",
    "from", "or", "have", "an", "which", "not", "at", "but", "can", "function", "error", "value", "table", "query",
    "index", "session", "tool", "result", "agent", "model", "token", "stream", "cache", "build", "test", "deploy",
    "schema", "migrate", "parse", "render", "widget", "terminal", "window", "buffer", "cursor", "scroll", "search",
    "import", "export",
];

/// xorshift64*: enough randomness for filler text, and the same every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below((hi - lo + 1) as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn text(&mut self, lo: usize, hi: usize) -> String {
        let target = self.between(lo, hi);
        let mut out = String::with_capacity(target + 16);
        while out.len() < target {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(WORDS[self.below(WORDS.len() as u64) as usize]);
        }
        out
    }
}

/// `count` chat events (OpenAI chat shape) of session `session`, as JSON text.
pub fn conversation(rng: &mut Rng, session: usize, count: usize) -> Vec<String> {
    let mut events = Vec::with_capacity(count);
    let mut turn = 0usize;
    while events.len() < count {
        let mut user = rng.text(200, 800);
        if (session * 31 + turn).is_multiple_of(1000) {
            user.push(' ');
            user.push_str(NEEDLE);
        }
        events.push(json!({"role": "user", "content": user}).to_string());
        if rng.chance(30) && events.len() + 2 < count {
            let id = format!("call_{session}_{turn}");
            let name = ["search_docs", "run_shell", "read_file", "get_weather"][rng.below(4) as usize];
            let arguments = json!({"q": rng.text(20, 80), "limit": rng.between(1, 50)}).to_string();
            events.push(
                json!({"role": "assistant", "tool_calls": [{"id": id, "type": "function",
                    "function": {"name": name, "arguments": arguments}}]})
                .to_string(),
            );
            let size = if rng.chance(5) { 20_000 } else { 2_000 };
            events.push(json!({"role": "tool", "tool_call_id": id, "content": rng.text(200, size)}).to_string());
        }
        events.push(json!({"role": "assistant", "content": rng.text(200, 2_000)}).to_string());
        turn += 1;
    }
    events.truncate(count);
    events
}
