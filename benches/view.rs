//! The conversation view's frame budget: layout + draw of one frame, from a cold state, at the
//! top, middle and end of a 100,000-event session (target ≤ 5 ms each), and with one 10 MB
//! event (target ≤ 50 ms). Each case is measured twice: wall time, and the benchmark thread's
//! CPU time, which is what to read on a machine busy with other work.
//!
//! Coding sessions (issue 11): a 2,000-line Write drawn as a diff (first frame ≤ 5 ms), a
//! 10,000-line file read highlighted (first frame ≤ 20 ms), and scrolling it (≤ 1 ms a key).

#[path = "support/coding.rs"]
mod coding;
#[path = "support/cpu_time.rs"]
mod cpu_time;

use std::hint::black_box;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use cpu_time::ThreadCpuTime;
use criterion::measurement::Measurement;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use recall::content::{Block, Role};
use recall::tui::theme::Theme;
use recall::tui::view::conversation::{ConversationState, EventSource, ParsedEvent, render};

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;
const SESSION_EVENTS: usize = 100_000;
const TEN_MB: usize = 10 * 1024 * 1024;

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }
}

const WORDS: &[&str] = &[
    "the",
    "model",
    "returns",
    "a",
    "list",
    "of",
    "files",
    "that",
    "match",
    "pattern",
    "and",
    "then",
    "we",
    "check",
    "each",
    "one",
    "**carefully**",
    "`config.toml`",
    "for",
    "errors",
    "in",
    "parsing",
    "request",
    "response",
];

fn prose(rng: &mut Rng, length: usize) -> String {
    let mut text = String::with_capacity(length + 16);
    while text.len() < length {
        text.push_str(WORDS[rng.below(WORDS.len())]);
        text.push(if rng.below(12) == 0 { '\n' } else { ' ' });
    }
    text
}

fn markdown(rng: &mut Rng, length: usize) -> String {
    let mut text = format!("## Plan\n\n{}\n\n- first step\n- second step\n\n", prose(rng, length / 2));
    text.push_str("```rust\nfn main() {\n    println!(\"hello\");\n}\n```\n\n");
    text.push_str(&prose(rng, length / 2));
    text
}

fn tool_output(rng: &mut Rng, length: usize) -> String {
    let mut text = String::with_capacity(length + 80);
    let mut line = 0;
    while text.len() < length {
        line += 1;
        text.push_str(&format!("src/module_{line}.rs:{}: warning: unused variable `x{line}`\n", rng.below(900)));
    }
    text
}

/// The blocks of event `index` in a chat that cycles question, tool call, result, answer.
fn chat_blocks(rng: &mut Rng, index: usize) -> Vec<Block> {
    let text_length = rng.between(200, 2_000);
    match index % 4 {
        0 => vec![Block::Text { role: Role::User, text: prose(rng, text_length) }],
        1 => vec![
            Block::Reasoning { text: prose(rng, text_length / 3) },
            Block::ToolCall {
                id: Some(format!("call_{index}")),
                name: "grep".into(),
                arguments: format!("{{\n  \"pattern\": \"{}\",\n  \"path\": \"src/\"\n}}", prose(rng, 40).trim()),
            },
        ],
        2 => vec![Block::ToolResult {
            call_id: Some(format!("call_{}", index - 1)),
            name: Some("grep".into()),
            output: tool_output(rng, text_length * 10),
            is_error: rng.below(10) == 0,
        }],
        _ => vec![Block::Text { role: Role::Assistant, text: markdown(rng, text_length) }],
    }
}

/// A long session. Bodies come from a pool of a few hundred, shared through `Arc`, so the
/// bench does not need gigabytes; every event is still prepared and laid out on its own.
fn long_session() -> Vec<ParsedEvent> {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let pool: Vec<Arc<[Block]>> = (0..400).map(|i| chat_blocks(&mut rng, i).into()).collect();
    let start = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).single().expect("valid time");
    (0..SESSION_EVENTS)
        .map(|i| {
            let blocks = Arc::clone(&pool[(i % 4) + 4 * rng.below(pool.len() / 4)]);
            let created_at = start + chrono::Duration::seconds(i as i64 * 7);
            ParsedEvent { seq: i as i64 + 1, created_at, label: Some("gpt-4o".into()), blocks, usage: None }
        })
        .collect()
}

fn single_event(block: Block) -> Vec<ParsedEvent> {
    let created_at: DateTime<Utc> = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).single().expect("valid time");
    let question = Block::Text { role: Role::User, text: "Show me everything".into() };
    [vec![question], vec![block]]
        .into_iter()
        .enumerate()
        .map(|(i, blocks)| ParsedEvent {
            seq: i as i64 + 1,
            created_at,
            label: None,
            blocks: blocks.into(),
            usage: None,
        })
        .collect()
}

fn now() -> DateTime<FixedOffset> {
    let zone = FixedOffset::east_opt(3600).expect("valid offset");
    zone.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).single().expect("valid time")
}

fn draw(state: &ConversationState, buffer: &mut Buffer) {
    buffer.reset();
    let area = buffer.area;
    render(buffer, area, state, &Theme::default(), now());
}

fn cold_state(events: &dyn EventSource) -> ConversationState {
    let mut state = ConversationState::new();
    state.set_viewport(events, WIDTH, HEIGHT).expect("viewport");
    state
}

fn long_session_frames<M: Measurement>(c: &mut Criterion<M>, clock: &str) {
    let events = long_session();
    let mut buffer = Buffer::empty(Rect::new(0, 0, WIDTH, HEIGHT));
    let mut group = c.benchmark_group(format!("{clock}: 100k events, cold frame"));
    group.bench_function("top", |b| {
        b.iter(|| {
            let mut state = cold_state(&events);
            state.open_at_start(&events).expect("open");
            draw(&state, &mut buffer);
            black_box(state)
        })
    });
    group.bench_function("middle", |b| {
        b.iter(|| {
            let mut state = cold_state(&events);
            state.open_at_seq(&events, SESSION_EVENTS as i64 / 2).expect("open");
            draw(&state, &mut buffer);
            black_box(state)
        })
    });
    group.bench_function("end", |b| {
        b.iter(|| {
            let mut state = cold_state(&events);
            state.open_at_end(&events).expect("open");
            draw(&state, &mut buffer);
            black_box(state)
        })
    });
    group.finish();

    let mut group = c.benchmark_group(format!("{clock}: 100k events, warm keypress"));
    let mut state = cold_state(&events);
    state.open_at_seq(&events, SESSION_EVENTS as i64 / 2).expect("open");
    group.bench_function("line down + draw", |b| {
        b.iter(|| {
            state.scroll_down(&events, 1).expect("scroll");
            draw(&state, &mut buffer);
        })
    });
    group.bench_function("page down + draw", |b| {
        b.iter(|| {
            state.page_down(&events).expect("scroll");
            draw(&state, &mut buffer);
        })
    });
    group.finish();
}

fn ten_megabyte_frames<M: Measurement>(c: &mut Criterion<M>, clock: &str) {
    let mut rng = Rng(7);
    let output = single_event(Block::ToolResult {
        call_id: None,
        name: Some("cat".into()),
        output: tool_output(&mut rng, TEN_MB),
        is_error: false,
    });
    let text = single_event(Block::Text { role: Role::Assistant, text: prose(&mut rng, TEN_MB) });
    let cjk_line = "東京は晴れです。気温は二十一度、風は弱い。🌞 ";
    let cjk = single_event(Block::Text { role: Role::Assistant, text: cjk_line.repeat(TEN_MB / cjk_line.len()) });
    let mut buffer = Buffer::empty(Rect::new(0, 0, WIDTH, HEIGHT));

    let mut group = c.benchmark_group(format!("{clock}: one 10 MB event"));
    group.sample_size(10);
    group.bench_function("tool output, folded: open at end + draw", |b| {
        b.iter(|| {
            let mut state = cold_state(&output);
            state.open_at_end(&output).expect("open");
            draw(&state, &mut buffer);
            black_box(state)
        })
    });
    group.bench_function("tool output: unfold + draw", |b| {
        b.iter_batched(
            || {
                let mut state = cold_state(&output);
                state.open_at_end(&output).expect("open");
                state
            },
            |mut state| {
                state.toggle_all_tool_folds(&output).expect("unfold");
                draw(&state, &mut buffer);
                state
            },
            BatchSize::PerIteration,
        )
    });
    for (name, events) in [("text", &text), ("CJK text", &cjk)] {
        group.bench_function(format!("{name}: open at end + draw"), |b| {
            b.iter(|| {
                let mut state = cold_state(events);
                state.open_at_end(events).expect("open");
                draw(&state, &mut buffer);
                black_box(state)
            })
        });
        group.bench_function(format!("{name}: open at start + draw"), |b| {
            b.iter(|| {
                let mut state = cold_state(events);
                state.open_at_start(events).expect("open");
                draw(&state, &mut buffer);
                black_box(state)
            })
        });
    }
    group.finish();
}

fn coding_frames<M: Measurement>(c: &mut Criterion<M>, clock: &str) {
    // Loaded once up front, as the browser does on its thread after the first frame.
    let highlighter = recall::syntax::load();
    let write = coding::write_session(2_000);
    let read = coding::read_session(10_000);
    let mut buffer = Buffer::empty(Rect::new(0, 0, WIDTH, HEIGHT));
    let mut setup_buffer = buffer.clone();
    let opened = |events: &Vec<ParsedEvent>| {
        let mut state = cold_state(events);
        state.set_code_highlighter(events, highlighter).expect("highlighter");
        state.open_at_start(events).expect("open");
        state
    };

    let mut group = c.benchmark_group(format!("{clock}: coding"));
    group.bench_function("2,000-line Write as a diff: first frame", |b| {
        b.iter(|| {
            let state = opened(&write);
            draw(&state, &mut buffer);
            black_box(state)
        })
    });
    group.bench_function("2,000-line Write as a diff: unfolded first frame", |b| {
        b.iter(|| {
            let mut state = opened(&write);
            state.toggle_all_tool_folds(&write).expect("unfold");
            draw(&state, &mut buffer);
            black_box(state)
        })
    });
    group.bench_function("10,000-line read, highlighted: unfolded first frame", |b| {
        b.iter(|| {
            let mut state = opened(&read);
            state.toggle_all_tool_folds(&read).expect("unfold");
            draw(&state, &mut buffer);
            black_box(state)
        })
    });
    let mut state = opened(&read);
    state.toggle_all_tool_folds(&read).expect("unfold");
    group.bench_function("10,000-line read, highlighted: line down + draw", |b| {
        b.iter(|| {
            if state.is_at_end() {
                state.to_top(&read).expect("top");
            }
            state.scroll_down(&read, 1).expect("scroll");
            draw(&state, &mut buffer);
        })
    });
    // Lines are highlighted once and kept, so the loop above mostly redraws cached lines;
    // this one pages into lines never highlighted, from a fresh view each time.
    group.bench_function("10,000-line read, highlighted: page down into new lines + draw", |b| {
        b.iter_batched(
            || {
                let mut state = opened(&read);
                state.toggle_all_tool_folds(&read).expect("unfold");
                draw(&state, &mut setup_buffer);
                state
            },
            |mut state| {
                state.page_down(&read).expect("scroll");
                draw(&state, &mut buffer);
                state
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn wall_time(c: &mut Criterion) {
    long_session_frames(c, "wall");
    ten_megabyte_frames(c, "wall");
    coding_frames(c, "wall");
}

fn cpu_time(c: &mut Criterion<ThreadCpuTime>) {
    long_session_frames(c, "cpu");
    ten_megabyte_frames(c, "cpu");
    coding_frames(c, "cpu");
}

criterion_group!(wall, wall_time);
criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(ThreadCpuTime);
    targets = cpu_time
}
criterion_main!(wall, cpu);
