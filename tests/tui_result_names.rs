//! The browser names the call each tool result answers, so two results of one tool in a row
//! read apart; reasoning is drawn as the Markdown it is written in.

mod view_support;

use recall::content::Block;
use recall::store::Store;
use recall::tui::StoreBackend;
use recall::tui::app::Backend;
use recall::tui::view::conversation::ParsedEvent;
use serde_json::json;
use view_support::*;

#[test]
fn results_name_their_call_by_its_first_argument() {
    let store = Store::open_in_memory().unwrap();
    let id = store.create_session("Two shell calls").unwrap().id;
    let call = |id: &str, command: &str| {
        json!({"type": "function", "id": id, "function": {"name": "Bash",
            "arguments": json!({"command": command, "description": "run it"}).to_string()}})
    };
    store
        .add_events(&id, &[
            json!({"role": "assistant", "tool_calls": [call("c1", "head -n 2 Cargo.toml"), call("c2", "cat missing-file.txt")]}),
            json!({"role": "tool", "tool_call_id": "c1", "content": "[package]"}),
            json!({"role": "tool", "tool_call_id": "c2", "content": "No such file", "is_error": true}),
        ])
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let backend = StoreBackend::new(store, dir.path().to_path_buf()).unwrap();
    let session = backend.session(&id).unwrap();
    let events = backend.events(&session).events_range(1, 10).unwrap();
    let names: Vec<Option<String>> = events
        .iter()
        .flat_map(|event| event.blocks.iter())
        .filter_map(|block| match block {
            Block::ToolResult { name, .. } => Some(name.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        names,
        vec![Some("Bash (head -n 2 Cargo.toml)".to_string()), Some("Bash (cat missing-file.txt)".to_string())]
    );
    let shown = screen_text(&opened_at_start(&events, 80, 24));
    assert!(shown.contains("↳ result of Bash (head -n 2 Cargo.toml)"), "{shown}");
    assert!(shown.contains("↳ error from Bash (cat missing-file.txt)"), "{shown}");
}

#[test]
fn reasoning_is_drawn_as_markdown() {
    let reasoning = Block::Reasoning { text: "**Counting lines**\n\nThe file has `3` lines.".into() };
    let events: Vec<ParsedEvent> = session(vec![(None, vec![reasoning, assistant("Three.")])]);
    let mut state = opened_at_start(&events, 80, 24);
    state.toggle_fold(&events).unwrap();
    let shown = screen_text(&state);
    assert!(shown.contains("Counting lines") && !shown.contains("**"), "{shown}");
    assert!(shown.contains("The file has 3 lines."), "{shown}");
}
