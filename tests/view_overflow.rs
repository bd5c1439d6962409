//! Whatever the content and the pane size, drawing never panics and never writes outside
//! the area it was given.

mod view_support;

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use recall::content::{Block, Role};
use recall::tui::theme::Theme;
use recall::tui::view::conversation::{ConversationState, ParsedEvent, render};
use view_support::*;

/// A small deterministic generator: the same "random" sessions on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const FRAGMENTS: &[&str] = &[
    "hello",
    "world",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "世界",
    "東京は晴れ",
    "🎉",
    "👨\u{200d}👩\u{200d}👧",
    "🇫🇷",
    "e\u{301}",
    "z\u{335}\u{31b}\u{336}",
    "\t",
    "\x1b[31m",
    "\x1b]52;c;aGk=\x07",
    "\u{202e}",
    "\u{200b}",
    "ﾊﾞ",
    "\r\n",
    "\u{9b}",
    "**bold**",
    "*it*",
    "`code`",
    "\n```rust\nfn main() {}\n```\n",
    "\n- item",
    "\n  - nested",
    "\n> quote",
    "\n1. one",
    "[link](https://example.com/a/very/long/path)",
    "\n# Heading\n",
    "\n---\n",
    "<b>html</b>",
    "| a | b |",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "{\"k\": [1, 2, 3]}",
    "ｗｉｄｅ",
    "\u{feff}",
    "ǅ",
    "İ",
];

fn random_text(rng: &mut Rng) -> String {
    (0..rng.below(40)).map(|_| FRAGMENTS[rng.below(FRAGMENTS.len())]).collect()
}

fn random_block(rng: &mut Rng) -> Block {
    let roles = [Role::User, Role::Assistant, Role::System, Role::Tool, Role::Context];
    match rng.below(7) {
        0 | 1 => Block::Text { role: roles[rng.below(roles.len())], text: random_text(rng) },
        2 => Block::ToolCall { id: None, name: random_text(rng), arguments: random_text(rng) },
        3 => Block::ToolResult {
            call_id: Some(random_text(rng)),
            name: (rng.below(2) == 0).then(|| random_text(rng)),
            output: random_text(rng).repeat(rng.below(4)),
            is_error: rng.below(2) == 0,
        },
        4 => Block::Reasoning { text: random_text(rng) },
        5 => Block::Handoff { from: Some(random_text(rng)), to: None },
        _ => Block::Raw { json: random_text(rng) },
    }
}

fn random_session(rng: &mut Rng) -> Vec<ParsedEvent> {
    let events = (0..1 + rng.below(8))
        .map(|_| {
            let label = (rng.below(3) == 0).then(|| random_text(rng));
            let blocks = (0..rng.below(4)).map(|_| random_block(rng)).collect();
            (None, blocks, label)
        })
        .collect::<Vec<(Option<&str>, Vec<Block>, Option<String>)>>();
    let mut session = session(events.iter().map(|(l, b, _)| (*l, b.clone())).collect());
    for (event, (_, _, label)) in session.iter_mut().zip(events) {
        event.label = label;
    }
    session
}

const SENTINEL: &str = "░";

/// Draws into `area` of a larger buffer and checks every cell around it is untouched.
fn assert_stays_inside(state: &ConversationState, width: u16, height: u16, context: &str) {
    let outer = Rect::new(0, 0, width + 6, height + 4);
    let area = Rect::new(3, 2, width, height);
    let mut sentinel = Cell::default();
    sentinel.set_symbol(SENTINEL);
    let mut buffer = Buffer::filled(outer, sentinel.clone());
    render(&mut buffer, area, state, &Theme::default(), now());
    for y in outer.top()..outer.bottom() {
        for x in outer.left()..outer.right() {
            if !area.contains((x, y).into()) {
                assert_eq!(buffer[(x, y)], sentinel, "cell ({x}, {y}) written outside {area:?} ({context})");
            }
        }
    }
}

#[test]
fn no_size_and_no_content_draws_outside_its_area() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let sessions: Vec<_> = (0..12).map(|_| random_session(&mut rng)).collect();
    for width in 1..=120u16 {
        for height in 1..=30u16 {
            let index = (usize::from(width) * 31 + usize::from(height)) % sessions.len();
            let events = &sessions[index];
            let context = format!("{width}x{height}, session {index}");
            let mut state = opened_at_end(events, width, height);
            assert_stays_inside(&state, width, height, &context);
            state.toggle_all_tool_folds(events).expect("unfold all");
            state.scroll_up(events, usize::from(height) / 2 + 1).expect("scroll");
            state.previous_block(events).expect("select");
            state.toggle_fold(events).expect("fold");
            state.set_highlight_terms(["o", "世界"]);
            assert_stays_inside(&state, width, height, &context);
        }
    }
}

#[test]
fn drawing_into_an_area_other_than_the_viewport_stays_inside_it() {
    let mut rng = Rng(42);
    let events = random_session(&mut rng);
    let state = opened_at_end(&events, 80, 24);
    for (width, height) in [(1, 1), (3, 2), (17, 5), (120, 30)] {
        assert_stays_inside(&state, width, height, "viewport 80x24");
    }
}
