//! Drawing the conversation: reads the state, writes only inside the given area.

use chrono::{DateTime, FixedOffset};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::header::header_runs;
use super::highlight::find_matches;
use super::layout::{EventLayout, PartKind, RowView, lay_out};
use super::prepare::prepare;
use super::state::{ConversationState, Selection, gutter};
use super::window::LoadedEvent;
use crate::tui::theme::{Look, Theme};

const SELECTION_BAR: &str = "▎";

/// Draws the conversation into `area` of `buf`. `now` gives both the clock for the headers'
/// times and the time zone to show them in.
///
/// Uses the layouts the last operation left for the viewport; should the area differ from
/// the last `set_viewport`, it lays out what it draws on the fly rather than draw stale rows.
pub fn render(buf: &mut Buffer, area: Rect, state: &ConversationState, theme: &Theme, now: DateTime<FixedOffset>) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let total = state.window.total();
    if total == 0 {
        buf.set_stringn(area.x, area.y, "No messages yet.", usize::from(area.width), theme.dim);
        return;
    }
    let gutter = gutter(area.width);
    let content_width = usize::from(area.width - gutter).max(1);
    let mut painter = Painter { buf, area, gutter, y: area.y, theme, terms: &state.highlight };
    let mut event = state.anchor.event;
    let mut skip = state.anchor.row;
    while painter.has_room() && event < total {
        let Some(loaded) = state.window.get(event) else {
            break;
        };
        let fresh;
        let layout = match &loaded.layout {
            Some(layout) if layout.width == content_width => layout,
            _ => {
                fresh = layout_on_the_fly(state, loaded, event, content_width);
                &fresh
            }
        };
        let selection = state.selection.filter(|s| s.event == event);
        painter.event(loaded, layout, skip, selection, now);
        event += 1;
        skip = 0;
    }
}

/// [`render`] as a widget, for `frame.render_widget(ConversationView { .. }, area)`.
pub struct ConversationView<'a> {
    pub state: &'a ConversationState,
    pub theme: &'a Theme,
    pub now: DateTime<FixedOffset>,
}

impl Widget for ConversationView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        render(buf, area, self.state, self.theme, self.now);
    }
}

fn layout_on_the_fly(state: &ConversationState, loaded: &LoadedEvent, index: usize, width: usize) -> EventLayout {
    let shown = |block, rule: &_| state.folds.shown(index, block, rule);
    match &loaded.prepared {
        Some(prepared) => lay_out(index, prepared, width, shown),
        None => {
            let reads = state.window.calls_answered(index);
            let mut prepared =
                prepare(&loaded.event.blocks, |block| state.folds.is_raw(index, block), state.code, &reads);
            super::subagent::annotate(&mut prepared, &loaded.event.blocks, &state.subagents);
            lay_out(index, &prepared, width, shown)
        }
    }
}

struct Painter<'a> {
    buf: &'a mut Buffer,
    area: Rect,
    gutter: u16,
    y: u16,
    theme: &'a Theme,
    terms: &'a [String],
}

impl Painter<'_> {
    fn has_room(&self) -> bool {
        self.y < self.area.bottom()
    }

    fn event(
        &mut self,
        loaded: &LoadedEvent,
        layout: &EventLayout,
        skip: usize,
        selection: Option<Selection>,
        now: DateTime<FixedOffset>,
    ) {
        for part in layout.parts.iter().filter(|part| part.start + part.len > skip) {
            if !self.has_room() {
                return;
            }
            if let PartKind::Header = part.kind {
                self.header(loaded, selection.is_some(), now);
                continue;
            }
            let bar = selection.and_then(|selected| {
                if part.block.is_some() && part.block == selected.block {
                    Some(self.theme.selected_block)
                } else {
                    (part.start >= layout.body_row()).then_some(self.theme.selected_message)
                }
            });
            for row in part.rows_from(skip.saturating_sub(part.start)) {
                if !self.has_room() {
                    return;
                }
                self.row(&row, bar);
            }
        }
    }

    fn header(&mut self, loaded: &LoadedEvent, selected: bool, now: DateTime<FixedOffset>) {
        let mut x = self.area.x;
        let width = usize::from(self.area.width);
        for (index, (text, tone)) in header_runs(&loaded.event, now, width).into_iter().enumerate() {
            let mut style = self.theme.tone(tone);
            if selected && index == 0 {
                style = style.patch(self.theme.selected_header);
            }
            x = self.text(x, &text, style);
        }
        self.y += 1;
    }

    fn row(&mut self, row: &RowView<'_>, bar: Option<Style>) {
        if let Some(style) = bar.filter(|_| self.gutter > 0) {
            self.buf.set_stringn(self.area.x, self.y, SELECTION_BAR, 1, style);
        }
        let mut x = self.area.x + self.gutter;
        for &(text, look) in row {
            x = self.run(x, text, look);
        }
        self.y += 1;
    }

    /// Draws a run of text in its look, search matches in the highlight style.
    fn run(&mut self, mut x: u16, text: &str, look: Look) -> u16 {
        let style = self.theme.look(look);
        let mut drawn = 0;
        for hit in find_matches(text, self.terms) {
            x = self.text(x, &text[drawn..hit.start], style);
            x = self.text(x, &text[hit.clone()], style.patch(self.theme.search_match));
            drawn = hit.end;
        }
        self.text(x, &text[drawn..], style)
    }

    /// Draws text from `x`, never past the area's right edge; returns where it stopped.
    fn text(&mut self, x: u16, text: &str, style: Style) -> u16 {
        let room = self.area.right().saturating_sub(x);
        if room == 0 || text.is_empty() {
            return x;
        }
        self.buf.set_stringn(x, self.y, text, usize::from(room), style).0
    }
}
