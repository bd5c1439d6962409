//! What the terminal shows at one moment, and where the program's panes are on it.

use ratatui::layout::Rect;
use recall::tui::app::Focus;
use recall::tui::layout::{self, Panes};

/// What the terminal shows at one moment.
#[derive(Clone)]
pub struct Screen {
    pub(super) inner: vt100::Screen,
}

impl Screen {
    pub fn size(&self) -> (u16, u16) {
        let (rows, cols) = self.inner.size();
        (cols.get(), rows.get())
    }

    /// Every row, trailing blanks trimmed, one per line.
    pub fn text(&self) -> String {
        self.inner.contents()
    }

    pub fn contains(&self, needle: &str) -> bool {
        self.text().contains(needle)
    }

    pub fn rows(&self) -> Vec<String> {
        let (cols, _) = self.size();
        self.inner.rows(0, cols).collect()
    }

    pub fn row(&self, index: u16) -> String {
        self.rows().get(usize::from(index)).cloned().unwrap_or_default()
    }

    /// The text inside `area`, one line per row.
    pub fn area(&self, area: Rect) -> String {
        let rows: Vec<String> = self.inner.rows(area.x, area.width).collect();
        rows.into_iter().skip(usize::from(area.y)).take(usize::from(area.height)).collect::<Vec<_>>().join("\n")
    }

    /// Where the panes are, as the program itself lays them out (wide terminals).
    pub fn panes(&self) -> Panes {
        let (cols, rows) = self.size();
        Panes::new(cols, rows, Focus::Sidebar)
    }

    /// The session list, without its header row.
    pub fn sidebar(&self) -> String {
        self.panes().sidebar.map(|area| self.area(layout::body(area))).unwrap_or_default()
    }

    /// The header row above the conversation: the open session's title.
    pub fn conversation_header(&self) -> String {
        self.panes().conversation.map(|area| self.area(Rect { height: 1, ..area })).unwrap_or_default()
    }

    /// The conversation's text, right of the divider.
    pub fn conversation(&self) -> String {
        self.panes().conversation_body().map(|area| self.area(area)).unwrap_or_default()
    }

    pub fn status(&self) -> String {
        self.area(self.panes().status)
    }

    /// Everything but the status line (which may quote a title, as in "Deleted 'x'").
    pub fn above_status(&self) -> String {
        let (cols, rows) = self.size();
        self.area(Rect::new(0, 0, cols, rows.saturating_sub(1)))
    }

    /// Where the terminal's cursor is, as (column, row), when it is shown.
    pub fn cursor(&self) -> Option<(u16, u16)> {
        let (row, col) = self.inner.cursor_position();
        (!self.inner.hide_cursor()).then_some((col, row))
    }

    /// True while the alternate (full-screen) screen is shown.
    pub fn alternate(&self) -> bool {
        self.inner.alternate_screen()
    }

    /// The sidebar row marked as selected (`▌`), if any.
    pub fn selected(&self) -> Option<String> {
        self.sidebar().lines().find(|line| line.starts_with('▌')).map(str::to_string)
    }
}

impl std::fmt::Display for Screen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (cols, rows) = self.size();
        writeln!(f, "--- screen {cols}x{rows} ---")?;
        for (index, row) in self.rows().iter().enumerate() {
            writeln!(f, "{index:>2}|{}", row.trim_end())?;
        }
        write!(f, "--- end of screen ---")
    }
}
