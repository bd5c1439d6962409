//! The code highlighter arrives after the first frame: the open session is drawn again with
//! it, and every session opened afterwards has it.

mod tui_support;

use recall::tui::app::Action;
use tui_support::*;

#[test]
fn the_highlighter_is_taken_up_by_the_open_session_and_the_next_ones() {
    let backend = FakeBackend::new();
    backend.add("s1", "Older", 10, vec![user("hi"), assistant("```rust\nfn main() {}\n```")]);
    backend.add("s2", "Newer", 1, vec![user("hi"), assistant("```py\nprint(1)\n```")]);
    let mut app = launch(&backend, 80, 24);

    // step: launch, before the highlighter has loaded
    let open = |app: &recall::tui::app::App| app.open.as_ref().map(|(_, state)| state.has_code_highlighter());
    assert_eq!(open(&app), Some(false));

    // step: loaded
    recall::syntax::load();
    press(&mut app, &backend, [Action::CodeHighlighterReady]);
    assert_eq!(open(&app), Some(true));
    assert!(app.status.is_none(), "nothing to say about it");

    // step: another session opened
    press(&mut app, &backend, [Action::Down, Action::Activate]);
    assert_eq!(app.open.as_ref().map(|(session, _)| session.id.as_str()), Some("s1"));
    assert_eq!(open(&app), Some(true));
}
