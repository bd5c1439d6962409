//! Where each pane sits. Shared by `update` (pane sizes, mouse targets) and the view, so the
//! two never disagree.

use ratatui::layout::Rect;

use super::app::{Focus, NARROW_WIDTH};

/// Rows each session takes in the sidebar: its title, then when, size and source.
pub const SIDEBAR_ITEM_ROWS: u16 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    /// The session list (or search hits), with a header row; None when hidden.
    pub sidebar: Option<Rect>,
    /// The conversation, with a header row; None when hidden.
    pub conversation: Option<Rect>,
    pub status: Rect,
}

impl Panes {
    pub fn new(width: u16, height: u16, focus: Focus) -> Panes {
        let main_height = height.saturating_sub(1);
        let status = Rect::new(0, main_height, width, height.min(1));
        let whole = Rect::new(0, 0, width, main_height);
        if width < NARROW_WIDTH {
            return match focus {
                Focus::Sidebar => Panes { sidebar: Some(whole), conversation: None, status },
                Focus::Conversation => Panes { sidebar: None, conversation: Some(whole), status },
            };
        }
        let sidebar_width = (width / 3).clamp(28, 48);
        Panes {
            sidebar: Some(Rect::new(0, 0, sidebar_width, main_height)),
            conversation: Some(Rect::new(sidebar_width, 0, width - sidebar_width, main_height)),
            status,
        }
    }

    /// Sessions the sidebar can show at once.
    pub fn sidebar_capacity(&self) -> usize {
        self.sidebar.map_or(1, |area| usize::from(body(area).height / SIDEBAR_ITEM_ROWS).max(1))
    }

    /// The conversation's text area (below its header, right of its divider).
    pub fn conversation_body(&self) -> Option<Rect> {
        self.conversation.map(|area| {
            let divider = u16::from(self.sidebar.is_some());
            let body = body(area);
            Rect::new(body.x + divider, body.y, body.width.saturating_sub(divider), body.height)
        })
    }
}

/// An area below its one-row header.
pub fn body(area: Rect) -> Rect {
    Rect::new(area.x, area.y.saturating_add(1), area.width, area.height.saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_screens_show_both_panes_narrow_ones_take_turns() {
        let wide = Panes::new(120, 40, Focus::Sidebar);
        assert_eq!(wide.sidebar.unwrap().width + wide.conversation.unwrap().width, 120);
        assert_eq!(wide.status.y, 39);
        let narrow = Panes::new(40, 12, Focus::Sidebar);
        assert!(narrow.conversation.is_none() && narrow.sidebar.is_some());
        let narrow = Panes::new(40, 12, Focus::Conversation);
        assert!(narrow.sidebar.is_none() && narrow.conversation.is_some());
        let tiny = Panes::new(1, 1, Focus::Sidebar);
        assert_eq!(tiny.sidebar_capacity(), 1);
        assert_eq!(Panes::new(0, 0, Focus::Conversation).conversation_body().unwrap().height, 0);
    }
}
