//! Quotes, code blocks and list items: what they put before each row of the lines inside.

use super::Builder;
use crate::tui::theme::Tone;
use crate::tui::view::conversation::rows::{Piece, Row};

/// Something that puts a prefix before each row of the lines inside it.
#[derive(Debug)]
pub(super) enum Container {
    Quote,
    Code,
    /// A list item; `marker` is drawn on its first row only, spaces of its width after that.
    Item {
        marker: Option<String>,
        width: usize,
    },
}

impl Builder<'_> {
    /// Prefixes for a new line, using up the markers of items that have not drawn one yet.
    pub(super) fn prefixes(&mut self) -> (Row, Row) {
        let prefixes = self.prefixes_peek();
        for container in &mut self.containers {
            if let Container::Item { marker, .. } = container {
                marker.take();
            }
        }
        prefixes
    }

    pub(super) fn prefixes_peek(&self) -> (Row, Row) {
        let mut first = Row::new();
        let mut rest = Row::new();
        for container in &self.containers {
            let (head, tail, tone) = match container {
                Container::Quote => ("│ ".to_owned(), "│ ".to_owned(), Tone::Quote),
                Container::Code => ("│ ".to_owned(), "│ ".to_owned(), Tone::CodeFrame),
                Container::Item { marker, width } => {
                    let pad = " ".repeat(*width);
                    (marker.clone().unwrap_or_else(|| pad.clone()), pad, Tone::Marker)
                }
            };
            first.push(Piece::new(head, tone));
            rest.push(Piece::new(tail, tone));
        }
        (first, rest)
    }
}

pub(super) fn bullet(depth: usize) -> &'static str {
    match depth % 3 {
        1 => "• ",
        2 => "◦ ",
        _ => "▪ ",
    }
}
