//! Keys and mouse to actions: a pure table, resolved before anything is done.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind};

use super::app::{Action, Mode};
use super::input::Edit;
use crate::export::Format;

/// The key events an input stands for. A terminal sends Esc followed at once by a key as
/// the same bytes as Alt and that key, so an Alt-modified character is taken as the two keys:
/// Esc then q leaves a prompt and quits, instead of typing a "q".
pub fn expand(event: Event) -> Vec<Event> {
    match event {
        Event::Key(key) if key.modifiers == KeyModifiers::ALT && matches!(key.code, KeyCode::Char(_)) => {
            let plain = KeyEvent { modifiers: KeyModifiers::NONE, ..key };
            vec![Event::Key(KeyEvent { code: KeyCode::Esc, ..plain }), Event::Key(plain)]
        }
        other => vec![other],
    }
}

/// What `event` asks for in `mode`, if anything.
pub fn resolve(mode: &Mode, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => resolve_key(mode, key),
        Event::Paste(text) => match mode {
            Mode::Search(_) | Mode::Rename { .. } => Some(Action::Edit(Edit::Paste(text.clone()))),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize { width: *width, height: *height }),
        Event::Mouse(mouse) if matches!(mode, Mode::Normal) => match mouse.kind {
            MouseEventKind::ScrollDown => Some(Action::Scroll { column: mouse.column, row: mouse.row, down: true }),
            MouseEventKind::ScrollUp => Some(Action::Scroll { column: mouse.column, row: mouse.row, down: false }),
            MouseEventKind::Down(_) => Some(Action::Click { column: mouse.column, row: mouse.row }),
            _ => None,
        },
        _ => None,
    }
}

fn resolve_key(mode: &Mode, key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    match mode {
        Mode::Normal => normal(key.code, ctrl),
        Mode::Search(_) => match (key.code, ctrl) {
            (KeyCode::Enter, _) => Some(Action::Submit),
            (KeyCode::Esc, _) => Some(Action::Cancel),
            (KeyCode::Tab, _) => Some(Action::Complete),
            (KeyCode::Down, _) | (KeyCode::Char('n'), true) => Some(Action::Down),
            (KeyCode::Up, _) | (KeyCode::Char('p'), true) => Some(Action::Up),
            (code, ctrl) => edit(code, ctrl).map(Action::Edit),
        },
        Mode::Rename { .. } => match key.code {
            KeyCode::Enter => Some(Action::Submit),
            KeyCode::Esc => Some(Action::Cancel),
            code => edit(code, ctrl).map(Action::Edit),
        },
        Mode::ConfirmDelete { .. } | Mode::ConfirmResume { .. } => match key.code {
            KeyCode::Char('y' | 'Y') => Some(Action::Submit),
            KeyCode::Char('n' | 'N') | KeyCode::Esc | KeyCode::Char('q') => Some(Action::Cancel),
            _ => None,
        },
        Mode::ChooseExport => match key.code {
            KeyCode::Char('m') | KeyCode::Enter => Some(Action::ExportAs(Format::Markdown)),
            KeyCode::Char('h') => Some(Action::ExportAs(Format::Html)),
            KeyCode::Char('j') => Some(Action::ExportAs(Format::Json)),
            KeyCode::Esc | KeyCode::Char('q') => Some(Action::Cancel),
            _ => None,
        },
        Mode::Help => Some(Action::Cancel),
    }
}

fn normal(code: KeyCode, ctrl: bool) -> Option<Action> {
    let action = match (code, ctrl) {
        (KeyCode::Char('d'), true) => Action::HalfPageDown,
        (KeyCode::Char('u'), true) => Action::HalfPageUp,
        (KeyCode::Char('f'), true) => Action::PageDown,
        (KeyCode::Char('b'), true) => Action::PageUp,
        (_, true) => return None,
        (KeyCode::Char('q'), _) => Action::Quit,
        (KeyCode::Char('j') | KeyCode::Down, _) => Action::Down,
        (KeyCode::Char('k') | KeyCode::Up, _) => Action::Up,
        (KeyCode::PageDown, _) => Action::PageDown,
        (KeyCode::PageUp, _) => Action::PageUp,
        (KeyCode::Char('g') | KeyCode::Home, _) => Action::Top,
        (KeyCode::Char('G') | KeyCode::End, _) => Action::Bottom,
        (KeyCode::Tab | KeyCode::BackTab, _) => Action::SwitchFocus,
        (KeyCode::Char('h') | KeyCode::Left, _) => Action::FocusSidebar,
        (KeyCode::Char('l') | KeyCode::Right, _) => Action::FocusConversation,
        (KeyCode::Enter, _) => Action::Activate,
        (KeyCode::Backspace, _) => Action::Back,
        (KeyCode::Char(' '), _) => Action::ToggleFold,
        (KeyCode::Char('t'), _) => Action::CycleToolOutput,
        (KeyCode::Char('T'), _) => Action::ToggleReasoning,
        (KeyCode::Char('v'), _) => Action::ToggleRaw,
        (KeyCode::Char('J'), _) => Action::NextMessage,
        (KeyCode::Char('K'), _) => Action::PreviousMessage,
        (KeyCode::Char('/'), _) => Action::StartSearch,
        (KeyCode::Char('n'), _) => Action::NextHit,
        (KeyCode::Char('N'), _) => Action::PreviousHit,
        (KeyCode::Char('r'), _) => Action::StartRename,
        (KeyCode::Char('d') | KeyCode::Delete, _) => Action::AskDelete,
        (KeyCode::Char('u'), _) => Action::Undo,
        (KeyCode::Char('e'), _) => Action::Export,
        (KeyCode::Char('o'), _) => Action::Resume,
        (KeyCode::Char('s'), _) => Action::CycleScope,
        (KeyCode::Char('y'), _) => Action::Copy,
        (KeyCode::Char('Y'), _) => Action::CopyRedacted,
        (KeyCode::Char('?') | KeyCode::F(1), _) => Action::ToggleHelp,
        (KeyCode::Esc, _) => Action::Cancel,
        _ => return None,
    };
    Some(action)
}

fn edit(code: KeyCode, ctrl: bool) -> Option<Edit> {
    let edit = match (code, ctrl) {
        (KeyCode::Char('u'), true) => Edit::DeleteToStart,
        (KeyCode::Char('w'), true) => Edit::DeleteWord,
        (KeyCode::Char('a'), true) => Edit::Home,
        (KeyCode::Char('e'), true) => Edit::End,
        (_, true) => return None,
        (KeyCode::Char(ch), _) => Edit::Insert(ch),
        (KeyCode::Backspace, _) => Edit::Backspace,
        (KeyCode::Delete, _) => Edit::Delete,
        (KeyCode::Left, _) => Edit::Left,
        (KeyCode::Right, _) => Edit::Right,
        (KeyCode::Home, _) => Edit::Home,
        (KeyCode::End, _) => Edit::End,
        _ => return None,
    };
    Some(edit)
}

/// The keys the help screen lists, in order: (keys, what they do).
pub const HELP: &[(&str, &str)] = &[
    ("j k  ↓ ↑", "move in the focused pane"),
    ("Tab  h l", "switch between sessions and conversation"),
    ("Enter", "open the session / a call's subagent / fold the block"),
    ("Backspace", "back from a subagent to where it was started"),
    ("Space  v", "fold a block or a session's subagents · v: diff / raw"),
    ("t  T", "tool output folded / full / hidden · T: reasoning"),
    ("J K", "next / previous message"),
    ("g G  Home End", "top / bottom"),
    ("PgDn PgUp", "page down / up"),
    ("Ctrl-d Ctrl-u", "half a page down / up"),
    ("/  n N", "search or filter (agent:codex after:7d) · n N: hits"),
    ("Esc", "leave search, clear the filter, close a prompt"),
    ("s", "this folder's sessions / all sessions"),
    ("r", "rename the session"),
    ("d", "delete the session (to the trash)"),
    ("u", "undo the last delete"),
    ("e", "export: Markdown, HTML or JSON"),
    ("o", "resume it in the agent that wrote it"),
    ("y  Y", "copy the message (Y: secrets redacted)"),
    ("?", "this help"),
    ("q  Ctrl-c", "quit"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::input::Input;
    use ratatui::crossterm::event::{KeyEventState, MouseButton, MouseEvent};

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn ctrl(ch: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(ch), KeyModifiers::CONTROL))
    }

    #[test]
    fn normal_mode_table() {
        let normal = Mode::Normal;
        let table = [
            (key(KeyCode::Char('j')), Action::Down),
            (key(KeyCode::Down), Action::Down),
            (key(KeyCode::Char('k')), Action::Up),
            (key(KeyCode::Tab), Action::SwitchFocus),
            (key(KeyCode::Char('h')), Action::FocusSidebar),
            (key(KeyCode::Char('l')), Action::FocusConversation),
            (key(KeyCode::Enter), Action::Activate),
            (key(KeyCode::Backspace), Action::Back),
            (key(KeyCode::Char(' ')), Action::ToggleFold),
            (key(KeyCode::Char('t')), Action::CycleToolOutput),
            (key(KeyCode::Char('T')), Action::ToggleReasoning),
            (key(KeyCode::Char('J')), Action::NextMessage),
            (key(KeyCode::Char('K')), Action::PreviousMessage),
            (key(KeyCode::Char('g')), Action::Top),
            (key(KeyCode::Char('G')), Action::Bottom),
            (key(KeyCode::Home), Action::Top),
            (key(KeyCode::End), Action::Bottom),
            (key(KeyCode::PageDown), Action::PageDown),
            (ctrl('d'), Action::HalfPageDown),
            (ctrl('u'), Action::HalfPageUp),
            (key(KeyCode::Char('/')), Action::StartSearch),
            (key(KeyCode::Char('n')), Action::NextHit),
            (key(KeyCode::Char('N')), Action::PreviousHit),
            (key(KeyCode::Char('r')), Action::StartRename),
            (key(KeyCode::Char('d')), Action::AskDelete),
            (key(KeyCode::Char('u')), Action::Undo),
            (key(KeyCode::Char('e')), Action::Export),
            (key(KeyCode::Char('o')), Action::Resume),
            (key(KeyCode::Char('s')), Action::CycleScope),
            (key(KeyCode::Char('y')), Action::Copy),
            (key(KeyCode::Char('Y')), Action::CopyRedacted),
            (key(KeyCode::Char('?')), Action::ToggleHelp),
            (key(KeyCode::Char('q')), Action::Quit),
            (ctrl('c'), Action::Quit),
            (key(KeyCode::Esc), Action::Cancel),
        ];
        for (event, action) in table {
            assert_eq!(resolve(&normal, &event), Some(action), "{event:?}");
        }
        assert_eq!(resolve(&normal, &key(KeyCode::Char('z'))), None);
    }

    #[test]
    fn prompts_take_typing() {
        let search = Mode::Search(Input::default());
        assert_eq!(resolve(&search, &key(KeyCode::Char('q'))), Some(Action::Edit(Edit::Insert('q'))));
        assert_eq!(resolve(&search, &key(KeyCode::Char('j'))), Some(Action::Edit(Edit::Insert('j'))));
        assert_eq!(resolve(&search, &key(KeyCode::Down)), Some(Action::Down));
        assert_eq!(resolve(&search, &key(KeyCode::Enter)), Some(Action::Submit));
        assert_eq!(resolve(&search, &key(KeyCode::Esc)), Some(Action::Cancel));
        assert_eq!(resolve(&search, &key(KeyCode::Tab)), Some(Action::Complete));
        assert_eq!(resolve(&search, &ctrl('c')), Some(Action::Quit));
        let rename = Mode::Rename { id: "x".into(), input: Input::default() };
        assert_eq!(resolve(&rename, &ctrl('w')), Some(Action::Edit(Edit::DeleteWord)));
        assert_eq!(resolve(&rename, &ctrl('u')), Some(Action::Edit(Edit::DeleteToStart)));
        assert_eq!(resolve(&rename, &key(KeyCode::Home)), Some(Action::Edit(Edit::Home)));
        assert_eq!(resolve(&rename, &Event::Paste("a\nb".into())), Some(Action::Edit(Edit::Paste("a\nb".into()))));
        let confirm = Mode::ConfirmDelete { id: "x".into(), title: "t".into() };
        assert_eq!(resolve(&confirm, &key(KeyCode::Char('y'))), Some(Action::Submit));
        assert_eq!(resolve(&confirm, &key(KeyCode::Char('n'))), Some(Action::Cancel));
        assert_eq!(resolve(&confirm, &key(KeyCode::Char('x'))), None);
        assert_eq!(resolve(&Mode::Help, &key(KeyCode::Char('x'))), Some(Action::Cancel));
    }

    #[test]
    fn alt_and_a_key_is_esc_then_the_key() {
        let alt_q = Event::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::ALT));
        assert_eq!(expand(alt_q), vec![key(KeyCode::Esc), key(KeyCode::Char('q'))]);
        assert_eq!(expand(ctrl('c')), vec![ctrl('c')]);
        assert_eq!(expand(key(KeyCode::Char('x'))), vec![key(KeyCode::Char('x'))]);
    }

    #[test]
    fn mouse_and_resize() {
        let wheel = Event::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column: 3,
            row: 4,
            modifiers: KeyModifiers::NONE,
        });
        assert_eq!(resolve(&Mode::Normal, &wheel), Some(Action::Scroll { column: 3, row: 4, down: true }));
        let click = Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 1,
            row: 2,
            modifiers: KeyModifiers::NONE,
        });
        assert_eq!(resolve(&Mode::Normal, &click), Some(Action::Click { column: 1, row: 2 }));
        assert_eq!(resolve(&Mode::Normal, &Event::Resize(80, 24)), Some(Action::Resize { width: 80, height: 24 }));
        let release = Event::Key(KeyEvent {
            code: KeyCode::Char('j'),
            modifiers: KeyModifiers::NONE,
            kind: KeyEventKind::Release,
            state: KeyEventState::NONE,
        });
        assert_eq!(resolve(&Mode::Normal, &release), None);
    }
}
