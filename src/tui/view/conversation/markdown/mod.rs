//! Markdown to styled logical lines (wrapping comes later, once the width is known).

mod containers;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use ratatui::style::Modifier;

use containers::{Container, bullet};

use super::rows::StyledLine;
use super::table::Table;
use crate::syntax::Highlighter;
use crate::tui::theme::{Look, Tone};

/// Parses `text` (already cleaned) into lines whose body is in `base` unless Markdown says
/// otherwise. Fenced code is highlighted by its language when `code` is loaded.
pub(crate) fn markdown_lines(text: &str, base: Tone, code: Option<&Highlighter>) -> Vec<StyledLine> {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS | Options::ENABLE_TABLES;
    let mut builder = Builder::new(base, code);
    for event in Parser::new_ext(text, options) {
        builder.event(event);
    }
    builder.finish()
}

struct Builder<'h> {
    base: Tone,
    highlighter: Option<&'h Highlighter>,
    /// The open code block: its fence's language and its text so far, highlighted whole at
    /// its end (a grammar needs the lines in order).
    code: Option<(String, String)>,
    /// The open table, and its open cell.
    table: Option<(Table, Option<StyledLine>)>,
    lines: Vec<StyledLine>,
    current: Option<StyledLine>,
    containers: Vec<Container>,
    /// The next number of each open list; None for bullets.
    lists: Vec<Option<u64>>,
    emphasis: Vec<Modifier>,
    /// Destination and text so far of each open link or image.
    links: Vec<(String, String)>,
    heading: bool,
    blank_pending: bool,
}

impl<'h> Builder<'h> {
    fn new(base: Tone, highlighter: Option<&'h Highlighter>) -> Self {
        Builder {
            base,
            highlighter,
            code: None,
            table: None,
            lines: Vec::new(),
            current: None,
            containers: Vec::new(),
            lists: Vec::new(),
            emphasis: Vec::new(),
            links: Vec::new(),
            heading: false,
            blank_pending: false,
        }
    }

    fn finish(mut self) -> Vec<StyledLine> {
        self.end_line();
        self.lines
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => match self.code.as_mut() {
                Some((_, code)) => code.push_str(&text),
                None => self.text(&text, self.look()),
            },
            Event::Code(code) => {
                let look = Look { tone: Tone::InlineCode, emphasis: self.look().emphasis };
                self.text(&code, look);
            }
            Event::InlineMath(math) | Event::DisplayMath(math) => {
                self.text(&math, Look::plain(Tone::InlineCode));
            }
            Event::Html(html) | Event::InlineHtml(html) => self.text(&html, Look::plain(Tone::Dim)),
            Event::FootnoteReference(label) => self.text(&format!("[^{label}]"), self.look()),
            // Chat text means its single newlines (a haiku, an address): a line break, as
            // chat UIs draw it, not the space Markdown documents would make of it.
            Event::SoftBreak => self.end_line(),
            Event::HardBreak => self.end_line(),
            Event::Rule => {
                self.end_block();
                self.start_line();
                if let Some(line) = self.current.as_mut() {
                    line.rule = Some(Look::plain(Tone::Marker));
                }
                self.end_block();
            }
            Event::TaskListMarker(done) => {
                self.text(if done { "[x] " } else { "[ ] " }, Look::plain(Tone::Marker));
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph | Tag::HtmlBlock => self.end_line(),
            Tag::Heading { level, .. } => {
                self.end_block();
                let hashes = "#".repeat(heading_depth(level));
                self.text(&format!("{hashes} "), Look::plain(Tone::Marker));
                self.heading = true;
            }
            Tag::BlockQuote(_) => {
                // The blank line before a quote belongs outside it, without a bar.
                self.end_block();
                self.flush_blank();
                self.containers.push(Container::Quote);
            }
            Tag::CodeBlock(kind) => {
                self.end_block();
                let language = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or_default().to_owned(),
                    CodeBlockKind::Indented => String::new(),
                };
                let frame = if language.is_empty() { "╭─".to_owned() } else { format!("╭─ {language}") };
                self.text(&frame, Look::plain(Tone::CodeFrame));
                self.end_line();
                self.containers.push(Container::Code);
                self.code = Some((language, String::new()));
            }
            Tag::List(first) => {
                self.end_line();
                if self.lists.is_empty() {
                    self.flush_blank();
                }
                self.lists.push(first);
            }
            Tag::Item => {
                self.end_line();
                let marker = match self.lists.last_mut() {
                    Some(Some(number)) => {
                        let marker = format!("{number}. ");
                        *number += 1;
                        marker
                    }
                    _ => bullet(self.lists.len()).to_owned(),
                };
                let width = super::grapheme::cell_width(&marker);
                self.containers.push(Container::Item { marker: Some(marker), width });
            }
            Tag::Emphasis => self.emphasis.push(Modifier::ITALIC),
            Tag::Strong => self.emphasis.push(Modifier::BOLD),
            Tag::Strikethrough => self.emphasis.push(Modifier::CROSSED_OUT),
            Tag::Superscript | Tag::Subscript => self.emphasis.push(Modifier::empty()),
            Tag::Link { dest_url, .. } => self.links.push((dest_url.into_string(), String::new())),
            Tag::Image { dest_url, .. } => {
                self.text("[image: ", Look::plain(Tone::Marker));
                self.links.push((dest_url.into_string(), String::new()));
            }
            Tag::Table(alignments) => {
                self.end_block();
                self.flush_blank();
                self.table = Some((Table { alignments, rows: Vec::new() }, None));
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some((table, _)) = self.table.as_mut() {
                    table.rows.push(Vec::new());
                }
            }
            Tag::TableCell => {
                if let Some((_, cell)) = self.table.as_mut() {
                    *cell = Some(StyledLine::default());
                }
            }
            // Footnotes, definition lists and metadata are not enabled; their text still
            // arrives as text.
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::HtmlBlock => self.end_block(),
            TagEnd::Heading(_) => {
                self.heading = false;
                self.end_block();
            }
            TagEnd::BlockQuote(_) => {
                self.end_line();
                self.pop_container(|c| matches!(c, Container::Quote));
                self.blank_pending = true;
            }
            TagEnd::CodeBlock => {
                if let Some((language, code)) = self.code.take() {
                    self.code_text(&language, &code);
                }
                self.end_line();
                self.pop_container(|c| matches!(c, Container::Code));
                self.text("╰─", Look::plain(Tone::CodeFrame));
                self.end_block();
            }
            TagEnd::List(_) => {
                self.end_line();
                self.lists.pop();
                if self.lists.is_empty() {
                    self.blank_pending = true;
                }
            }
            TagEnd::Item => {
                let never_drawn = matches!(self.containers.last(), Some(Container::Item { marker: Some(_), .. }));
                if never_drawn {
                    self.start_line();
                }
                self.end_line();
                self.pop_container(|c| matches!(c, Container::Item { .. }));
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Superscript | TagEnd::Subscript => {
                self.emphasis.pop();
            }
            TagEnd::TableCell => {
                if let Some((table, cell)) = self.table.as_mut()
                    && let (Some(row), Some(cell)) = (table.rows.last_mut(), cell.take())
                {
                    row.push(cell);
                }
            }
            TagEnd::Table => {
                if let Some((table, _)) = self.table.take() {
                    self.start_line();
                    if let Some(line) = self.current.as_mut() {
                        line.table = Some(Box::new(table));
                    }
                    self.end_block();
                }
            }
            TagEnd::Link => self.end_link(""),
            TagEnd::Image => self.end_link("]"),
            _ => {}
        }
    }

    /// A code block's text: in its language's colours when the highlighter knows it.
    fn code_text(&mut self, language: &str, code: &str) {
        let known = self.highlighter.and_then(|h| Some((h, h.language(language)?)));
        let Some((highlighter, language)) = known else {
            return self.text(code, self.look());
        };
        for (range, class) in highlighter.highlight(language, code) {
            self.text(&code[range], Look::plain(Tone::code(class)));
        }
    }

    fn end_link(&mut self, closing: &str) {
        let Some((url, text)) = self.links.pop() else {
            return;
        };
        self.text(closing, Look::plain(Tone::Marker));
        let bare = url.strip_prefix("mailto:").unwrap_or(&url);
        if !url.is_empty() && text != url && text != bare {
            self.text(&format!(" ({url})"), Look::plain(Tone::LinkUrl));
        }
    }

    fn look(&self) -> Look {
        let in_quote = self.containers.iter().any(|c| matches!(c, Container::Quote));
        let in_code = matches!(self.containers.last(), Some(Container::Code));
        let tone = if in_code {
            Tone::CodeBlock
        } else if !self.links.is_empty() {
            Tone::Link
        } else if self.heading {
            Tone::Heading
        } else if in_quote {
            Tone::Quote
        } else {
            self.base
        };
        let emphasis = self.emphasis.iter().fold(Modifier::empty(), |all, m| all | *m);
        Look { tone, emphasis }
    }

    /// Appends text; newlines in it (code, HTML) end lines, except in a table cell.
    fn text(&mut self, text: &str, look: Look) {
        if let Some((_, Some(cell))) = self.table.as_mut() {
            cell.push(&text.replace('\n', " "), look);
            if let Some((_, link_text)) = self.links.last_mut() {
                link_text.push_str(text);
            }
            return;
        }
        for (index, part) in text.split('\n').enumerate() {
            if index > 0 {
                self.start_line();
                self.end_line();
            }
            if part.is_empty() {
                continue;
            }
            self.start_line();
            if let Some(line) = self.current.as_mut() {
                line.push(part, look);
            }
            if let Some((_, link_text)) = self.links.last_mut() {
                link_text.push_str(part);
            }
        }
    }

    fn start_line(&mut self) {
        if self.current.is_some() {
            return;
        }
        self.flush_blank();
        let (first_prefix, rest_prefix) = self.prefixes();
        self.current = Some(StyledLine { first_prefix, rest_prefix, ..Default::default() });
    }

    fn end_line(&mut self) {
        if let Some(line) = self.current.take() {
            self.lines.push(line);
        }
    }

    fn end_block(&mut self) {
        self.end_line();
        self.blank_pending = true;
    }

    fn flush_blank(&mut self) {
        if std::mem::take(&mut self.blank_pending) && !self.lines.is_empty() {
            let (_, rest) = self.prefixes_peek();
            self.lines.push(StyledLine { first_prefix: rest.clone(), rest_prefix: rest, ..Default::default() });
        }
    }

    fn pop_container(&mut self, is_it: impl Fn(&Container) -> bool) {
        if self.containers.last().is_some_and(is_it) {
            self.containers.pop();
        }
    }
}

fn heading_depth(level: HeadingLevel) -> usize {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}
