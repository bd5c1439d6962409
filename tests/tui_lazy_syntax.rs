//! The grammars are never loaded on the way to the first frame, even when that frame shows
//! code: it is drawn plain, and colour comes once the highlighter has loaded off it. Its own
//! test binary, so no other test has loaded the (process-wide) highlighter first.

mod tui_support;

use std::time::Instant;

use recall::tui::app::Action;
use tui_support::*;

#[test]
fn the_first_frame_does_not_load_the_grammars() {
    let backend = FakeBackend::new();
    backend.add("s1", "Code", 1, vec![user("show me"), assistant("```rust\nfn main() {}\n```")]);

    // step: launch and first frame
    let mut app = launch(&backend, 80, 24);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("terminal");
    let theme = recall::tui::theme::Theme::default();
    let offset = chrono::FixedOffset::east_opt(0).expect("offset");
    terminal.draw(|frame| recall::tui::view::screen::draw(frame, &app, &theme, offset)).expect("draw");
    assert!(format!("{:?}", terminal.backend()).contains("fn main() {}"), "the code is on the first frame");
    assert!(recall::syntax::loaded().is_none(), "nothing loaded the grammars");

    // step: a highlighter not loaded yet changes nothing
    press(&mut app, &backend, [Action::CodeHighlighterReady]);
    assert_eq!(app.open.as_ref().map(|(_, state)| state.has_code_highlighter()), Some(false));

    // step: loaded (what the browser's thread does after the first frame)
    let started = Instant::now();
    recall::syntax::load();
    eprintln!("grammars loaded in {:?}", started.elapsed());
    let started = Instant::now();
    press(&mut app, &backend, [Action::CodeHighlighterReady]);
    eprintln!("first Rust highlighted in {:?} (its grammar compiled on first use)", started.elapsed());
    assert_eq!(app.open.as_ref().map(|(_, state)| state.has_code_highlighter()), Some(true));
}
