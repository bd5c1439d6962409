//! `t` and `T` in the browser: tool output folded, full or hidden (the call still named), and
//! reasoning shown or hidden, in every session for as long as the browser runs.

mod tui_support;

use recall::content::Block;
use recall::tui::app::Action;
use recall::tui::view::conversation::{ToolView, Visibility};
use tui_support::*;

fn long_output() -> String {
    (1..=20).map(|i| format!("output line {i}\n")).collect()
}

fn tool_session(topic: &str) -> Vec<Block> {
    vec![
        user(&format!("{topic}: list the files")),
        Block::Reasoning { text: format!("{topic} thinking: list them first") },
        Block::ToolCall { id: Some("c1".into()), name: "Bash".into(), arguments: r#"{"command": "ls -la"}"#.into() },
        Block::ToolResult {
            call_id: Some("c1".into()),
            name: Some("Bash".into()),
            output: long_output(),
            is_error: false,
        },
        assistant(&format!("{topic}: done")),
    ]
}

fn two_tool_sessions() -> FakeBackend {
    let backend = FakeBackend::new();
    backend.add("a", "First", 1, tool_session("first"));
    backend.add("b", "Second", 5, tool_session("second"));
    backend
}

#[test]
fn t_cycles_tool_output_folded_full_hidden() {
    let backend = two_tool_sessions();
    let mut app = launch(&backend, 100, 40);
    press(&mut app, &backend, [Action::FocusConversation]);
    let folded = screen_text(&app);
    let conversation = |app: &recall::tui::app::App| {
        let lines = screen_lines(app);
        lines[..lines.len() - 1].to_vec()
    };
    let folded_rows = conversation(&app);
    assert!(folded.contains("output line 5") && !folded.contains("output line 6"), "launch: folded\n{folded}");
    assert!(folded.contains("more lines · Space opens"), "{folded}");

    press(&mut app, &backend, [Action::CycleToolOutput]);
    assert_eq!(app.visibility.tools, ToolView::Full);
    let full = screen_text(&app);
    assert!(full.contains("output line 20"), "full\n{full}");

    press(&mut app, &backend, [Action::CycleToolOutput]);
    assert_eq!(app.visibility.tools, ToolView::Hidden);
    let hidden = screen_text(&app);
    assert!(hidden.contains("⚙ Bash · …") && hidden.contains("↳ result of Bash · …"), "hidden: titles stay\n{hidden}");
    assert!(!hidden.contains("ls -la") && !hidden.contains("output line 1"), "hidden: bodies go\n{hidden}");
    assert!(hidden.contains("first: done"), "the conversation stays\n{hidden}");

    press(&mut app, &backend, [Action::CycleToolOutput]);
    assert_eq!(app.visibility.tools, ToolView::Folded);
    assert_eq!(conversation(&app), folded_rows, "back to folded, the status line aside");
}

#[test]
fn capital_t_hides_reasoning_everywhere_and_the_choice_follows_to_other_sessions() {
    let backend = two_tool_sessions();
    let mut app = launch(&backend, 100, 40);
    press(&mut app, &backend, [Action::FocusConversation]);
    assert!(screen_text(&app).contains("first thinking: list them first"), "launch");

    press(&mut app, &backend, [Action::ToggleReasoning, Action::CycleToolOutput, Action::CycleToolOutput]);
    assert_eq!(app.visibility, Visibility { tools: ToolView::Hidden, reasoning: false });
    let hidden = screen_text(&app);
    assert!(hidden.contains("∴ reasoning · hidden (T shows)"), "{hidden}");
    assert!(!hidden.contains("first thinking"), "{hidden}");

    // Another session opens as the person chose, not as a fresh view would.
    press(&mut app, &backend, [Action::FocusSidebar, Action::Down]);
    assert_eq!(open_id(&app), Some("b"), "after_opening_another");
    let other = screen_text(&app);
    assert!(!other.contains("second thinking") && other.contains("∴ reasoning · hidden (T shows)"), "{other}");
    assert!(!other.contains("ls -la") && other.contains("⚙ Bash · …"), "{other}");

    press(&mut app, &backend, [Action::FocusConversation, Action::ToggleReasoning]);
    assert!(screen_text(&app).contains("second thinking: list them first"), "shown again");
}

#[test]
fn space_opens_a_hidden_block_and_t_overrides_it_again() {
    let backend = two_tool_sessions();
    let mut app = launch(&backend, 100, 40);
    press(&mut app, &backend, [Action::FocusConversation, Action::CycleToolOutput, Action::CycleToolOutput]);
    // Select the call (the third message) and open it alone.
    press(&mut app, &backend, [Action::Top, Action::NextMessage, Action::NextMessage]);
    assert_eq!(open_seq(&app), Some(3));
    press(&mut app, &backend, [Action::ToggleFold]);
    let screen = screen_text(&app);
    assert!(screen.contains("ls -la"), "the one block shown\n{screen}");
    assert!(!screen.contains("output line 1"), "the others stay hidden\n{screen}");
    press(&mut app, &backend, [Action::CycleToolOutput]);
    assert!(screen_text(&app).contains("output line 5") && !screen_text(&app).contains("output line 6"));
}
