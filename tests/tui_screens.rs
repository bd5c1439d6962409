//! Whole screens as a person sees them, at 80x24 and 40x12: `view::screen::draw` of an `App`
//! driven through `update`, at a fixed clock and in UTC so the snapshots never drift.

mod tui_support;

use recall::content::Block;
use recall::tui::app::{Action, App};
use recall::tui::input::Edit;
use tui_support::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (40, 12)];

/// Four sessions that exercise the screen: tool blocks, a long title, wide characters.
fn store() -> FakeBackend {
    let backend = FakeBackend::new();
    backend.add(
        "s1",
        "Fix the flaky CSV parser test",
        3,
        vec![
            user("The CSV test fails on CI but passes locally. Why?"),
            Block::ToolCall {
                id: Some("call_1".into()),
                name: "read_file".into(),
                arguments: "{\n  \"path\": \"parser.py\"\n}".into(),
            },
            Block::ToolResult {
                call_id: Some("call_1".into()),
                name: Some("read_file".into()),
                output: "def split_rows(data):\n    return data.split(\"\\n\")".into(),
                is_error: false,
            },
            assistant("It splits on every newline, even inside **quoted** fields. Let the csv module split."),
            user("Great, thanks!"),
        ],
    );
    backend.add(
        "s2",
        "Plan a weekend in Lisbon with a very long title that cannot fit in any sidebar",
        90,
        vec![user("Two days in Lisbon?"), assistant("Day one: Alfama and the 28 tram. Day two: Belém.")],
    );
    backend.add("s3", "日本語の挨拶と絵文字 🎌", 26 * 60, vec![user("こんにちは"), assistant("こんにちは！🎌")]);
    backend.add("s4", "Parse the nginx logs", 5 * 24 * 60, vec![user("Parse these logs"), assistant("3 errors.")]);
    backend
}

/// For each size, launches on a fresh `store`, applies `actions` and snapshots the screen as
/// `name_WxH`.
fn snapshot_after(name: &str, store: fn() -> FakeBackend, actions: &[Action]) {
    for (width, height) in SIZES {
        let backend = store();
        let mut app = launch(&backend, width, height);
        press(&mut app, &backend, actions.iter().cloned());
        assert_snapshot(&format!("{name}_{width}x{height}"), &app);
    }
}

fn assert_snapshot(name: &str, app: &App) {
    let terminal = draw(app);
    insta::assert_snapshot!(name, terminal.backend());
}

fn typing(text: &str) -> Vec<Action> {
    text.chars().map(|ch| Action::Edit(Edit::Insert(ch))).collect()
}

#[test]
fn at_launch() {
    snapshot_after("launch", store, &[]);
}

#[test]
fn empty_store_welcome() {
    snapshot_after("empty_store", FakeBackend::new, &[]);
}

#[test]
fn search_prompt_with_hits() {
    let actions = [vec![Action::StartSearch], typing("pars")].concat();
    snapshot_after("search_prompt", store, &actions);
}

#[test]
fn search_after_enter() {
    let actions =
        [vec![Action::StartSearch], typing("pars"), vec![Action::Down, Action::Down, Action::Down, Action::Submit]]
            .concat();
    snapshot_after("search_after_enter", store, &actions);
}

#[test]
fn rename_editor() {
    let actions = [vec![Action::StartRename, Action::Edit(Edit::DeleteWord)], typing("suite")].concat();
    snapshot_after("rename_editor", store, &actions);
}

#[test]
fn rename_refused() {
    snapshot_after("rename_refused", store, &[Action::StartRename, Action::Edit(Edit::DeleteToStart), Action::Submit]);
}

#[test]
fn delete_confirm() {
    snapshot_after("delete_confirm", store, &[Action::Down, Action::AskDelete]);
}

#[test]
fn after_delete() {
    snapshot_after("after_delete", store, &[Action::AskDelete, Action::Submit]);
}

#[test]
fn after_undo() {
    snapshot_after("after_undo", store, &[Action::AskDelete, Action::Submit, Action::Undo]);
}

#[test]
fn help() {
    snapshot_after("help", store, &[Action::ToggleHelp]);
}

#[test]
fn conversation_focused() {
    snapshot_after("conversation_focused", store, &[Action::FocusConversation, Action::PreviousMessage]);
}

#[test]
fn narrow_terminal_takes_turns() {
    let backend = store();
    let mut app = launch(&backend, 40, 12);
    assert_snapshot("narrow_sidebar_turn", &app);
    press(&mut app, &backend, [Action::Activate]);
    assert_snapshot("narrow_conversation_turn", &app);
    press(&mut app, &backend, [Action::SwitchFocus, Action::Down]);
    assert_snapshot("narrow_sidebar_turn_second", &app);
}

#[test]
fn tiny_terminal() {
    let backend = store();
    let mut app = launch(&backend, 20, 5);
    assert_snapshot("tiny_20x5", &app);
    press(&mut app, &backend, [Action::ToggleHelp]);
    assert_snapshot("tiny_help_20x5", &app);
}

#[test]
fn a_popup_over_a_wide_character_keeps_its_border() {
    let backend = store();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::ToggleHelp]);
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    // The box is centred: its top row depends on how many keys the help lists.
    let corner = (0..3).flat_map(|y| (0..80).map(move |x| (x, y))).find(|&(x, y)| buffer[(x, y)].symbol() == "┌");
    let (popup_left, _top) = corner.expect("the help box");
    for y in 2..20 {
        let before = buffer[(popup_left - 1, y)].symbol();
        assert!(unicode_width::UnicodeWidthStr::width(before) <= 1, "row {y}: {before:?} hides the border");
        assert_eq!(buffer[(popup_left, y)].symbol(), "│", "row {y}");
    }
}

/// The first session with two subagents, one of which started its own.
fn store_with_subagents() -> FakeBackend {
    let backend = store();
    backend.add_subagent("s1", "a1", "Find where rows are split", "call_2", vec![user("Find where rows are split")]);
    backend.add_subagent("s1", "a2", "Run the CSV tests on CI's Python", "call_3", vec![user("Run the tests")]);
    backend.add_subagent("a2", "a3", "Install Python 3.9", "call_4", vec![user("Install it")]);
    backend
}

#[test]
fn subagents_folded_and_unfolded() {
    snapshot_after("subagents_folded", store_with_subagents, &[]);
    snapshot_after("subagents_unfolded", store_with_subagents, &[Action::ToggleFold, Action::Down, Action::Down]);
}
