//! The imported fixtures as recall's content parser reads them: `content::Tally` over each
//! fixture's events must give the fixture README's numbers, and nothing may be unrecognised.
//! Tally counts `assistant` as replies with words (README: "N with text") and `user` as the
//! person's own messages (not tool results, not harness context).

mod import_support;

use import_support::{ALL_FIXTURES, fixture, read_all};
use recall::content::Tally;
use recall::import::Format;

/// (user, assistant with words, tool calls, tool results, tool errors, reasoning, handoffs)
type Numbers = (u64, u64, u64, u64, u64, u64, u64);

fn tally(relative: &str, format: Format) -> Numbers {
    let (sessions, _) = read_all(&fixture(relative), format);
    let mut total = Tally::new();
    for session in &sessions {
        // A fresh tally per session, as `recall stats` does; summed below.
        let mut tally = Tally::new();
        for event in &session.events {
            tally.add_event(&serde_json::from_str(&event.content).expect("json"));
        }
        assert_eq!(tally.unrecognised, 0, "{format} {}: events the parser does not understand", session.source_id);
        total.merge(&tally);
    }
    (
        total.user,
        total.assistant,
        total.tool_calls,
        total.tool_results,
        total.tool_errors,
        total.reasoning,
        total.handoffs,
    )
}

#[test]
fn the_content_parser_counts_what_each_fixture_readme_says() {
    let expected: [Numbers; 10] = [
        // 50 user / 50 assistant, 47 calls + 47 results (1 error), 43 reasoning.
        (50, 50, 47, 47, 1, 43, 0),
        // 8 user, 8 assistant texts, 7 calls, 6 results (the canned failure is a reply, not a result).
        (8, 8, 7, 6, 0, 0, 0),
        // 12 user, 12 replies (one empty); the context's 9 closing texts and 1 narration are
        // the model's own notes, kept as context, not replies. 10 calls + 10 results (1 error).
        (12, 12, 10, 10, 1, 0, 0),
        // tenets: artifacts only, shown as system text.
        (0, 0, 0, 0, 0, 0, 0),
        // 44 user / 46 assistant, 58 calls + 58 results (2 errors), 4 handoffs.
        (44, 46, 58, 58, 2, 0, 4),
        // 40 user / 44 assistant (40 with text), 5 calls + 5 results (1 error), 1 reasoning.
        (40, 40, 5, 5, 1, 1, 0),
        // 5 prompts, 9 replies (7 with text), 5 calls + 5 results (1 error), 1 thinking.
        (5, 7, 5, 5, 1, 1, 0),
        // 5 prompts, 5 replies, 5 calls + 5 outputs (1 exits 1), 3 reasoning.
        (5, 5, 5, 5, 1, 3, 0),
        // elia: 6 user / 6 assistant.
        (6, 6, 0, 0, 0, 0, 0),
        // oterm: 9 user / 9 assistant.
        (9, 9, 0, 0, 0, 0, 0),
    ];
    for ((path, format), expected) in ALL_FIXTURES.into_iter().zip(expected) {
        assert_eq!(tally(path, format), expected, "{format}");
    }
}
