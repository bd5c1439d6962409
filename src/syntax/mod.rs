//! Code highlighted by language, for the browser and the HTML export alike.
//!
//! syntect parses with Sublime Text grammars; two-face supplies bat's syntax set (far more
//! languages than syntect's own: TOML, TypeScript, Dockerfile, ...). Loading that set takes
//! tens of milliseconds, so it is never loaded on the way to the first frame: the browser
//! warms it on a thread after the first frame ([`warm_in_background`]) and draws code plain
//! until it is there ([`loaded`]). Highlighting yields [`CodeClass`]es, not colours: the
//! theme colours them, so `NO_COLOR` and the 16-colour palette apply to code too.

mod classify;

use std::ops::Range;
use std::sync::{Once, OnceLock};

use syntect::parsing::{ParseState, ScopeStack, SyntaxReference, SyntaxSet};

use classify::Classifier;

/// What a piece of code is, as far as its colour goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodeClass {
    Comment,
    String,
    /// Numbers, `true`, `None`, character constants.
    Constant,
    Keyword,
    Function,
    Type,
    /// Markup tags (`<div>`) and the like.
    Tag,
    Attribute,
}

/// The loaded syntax set and what its scopes mean.
pub struct Highlighter {
    syntaxes: SyntaxSet,
    classifier: Classifier,
}

impl std::fmt::Debug for Highlighter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Highlighter").field("syntaxes", &self.syntaxes.syntaxes().len()).finish()
    }
}

/// A language the highlighter knows.
#[derive(Debug, Clone, Copy)]
pub struct Language<'a> {
    syntax: &'a SyntaxReference,
}

impl Language<'_> {
    pub fn name(&self) -> &str {
        &self.syntax.name
    }
}

/// A run of highlighted text: its byte range in the text, and what it is (None: plain).
pub type Span = (Range<usize>, Option<CodeClass>);

static LOADED: OnceLock<Highlighter> = OnceLock::new();

/// The highlighter, loading it now if need be (tens of milliseconds the first time).
pub fn load() -> &'static Highlighter {
    LOADED.get_or_init(Highlighter::new)
}

/// The highlighter if it is loaded already; never waits.
pub fn loaded() -> Option<&'static Highlighter> {
    LOADED.get()
}

/// Languages warmed along with the load: a grammar compiles its regexes when first used,
/// which would otherwise be paid by the first frame that shows it.
const WARM_LANGUAGES: &[&str] = &["rs", "py", "ts", "js", "sh", "json", "go", "md"];

/// Loads the highlighter on a thread of its own, once per process, and warms the grammars of
/// the languages most often seen.
pub fn warm_in_background() {
    static STARTED: Once = Once::new();
    STARTED.call_once(|| {
        // A failure to spawn only means code stays plain until something calls `load`.
        let _ = std::thread::Builder::new().name("syntax".into()).spawn(|| {
            let highlighter = load();
            for token in WARM_LANGUAGES {
                if let Some(language) = highlighter.language(token) {
                    highlighter.highlight(language, "x = f(\"s\", 1) // c\n");
                }
            }
            let _ = WARMED.set(());
        });
    });
}

static WARMED: OnceLock<()> = OnceLock::new();

/// The highlighter once [`warm_in_background`] has loaded and warmed it; never waits.
pub fn warmed() -> Option<&'static Highlighter> {
    WARMED.get()?;
    loaded()
}

impl Highlighter {
    fn new() -> Self {
        Highlighter { syntaxes: two_face::syntax::extra_newlines(), classifier: Classifier::new() }
    }

    /// The language a fence names: `rust`, `rs`, `py`, `sh`, `c++`, `TypeScript`...
    pub fn language(&self, fence: &str) -> Option<Language<'_>> {
        let token = fence.trim().trim_start_matches('.');
        if token.is_empty() {
            return None;
        }
        let syntax = self
            .syntaxes
            .find_syntax_by_token(token)
            .or_else(|| self.syntaxes.find_syntax_by_token(&token.to_ascii_lowercase()))
            .or_else(|| self.syntaxes.find_syntax_by_name(token))?;
        Some(Language { syntax }).filter(|language| !is_plain_text(language))
    }

    /// The language of a file, from its extension or its whole name (`Makefile`, `Dockerfile`).
    pub fn language_of_path(&self, path: &str) -> Option<Language<'_>> {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let by_name = self.syntaxes.find_syntax_by_extension(name);
        let by_extension = || {
            let (_, extension) = name.rsplit_once('.')?;
            self.syntaxes
                .find_syntax_by_extension(extension)
                .or_else(|| self.syntaxes.find_syntax_by_extension(&extension.to_ascii_lowercase()))
        };
        let syntax = by_name.or_else(by_extension)?;
        Some(Language { syntax }).filter(|language| !is_plain_text(language))
    }

    /// Runs covering all of `text` in order. Should the grammar fail on a line (a regex
    /// error in a grammar), the rest of the text is one plain run.
    pub fn highlight(&self, language: Language<'_>, text: &str) -> Vec<Span> {
        let mut lines = LineHighlighter::new(self, language);
        let mut spans: Vec<Span> = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            for (range, class) in lines.line(line) {
                push_span(&mut spans, (range.start + at)..(range.end + at), class);
            }
            at += line.len();
        }
        spans
    }
}

/// Highlights a text line after line, carrying the grammar's state from one to the next.
pub struct LineHighlighter<'a> {
    highlighter: &'a Highlighter,
    state: Option<ParseState>,
    stack: ScopeStack,
}

impl<'a> LineHighlighter<'a> {
    pub fn new(highlighter: &'a Highlighter, language: Language<'_>) -> Self {
        LineHighlighter { highlighter, state: Some(ParseState::new(language.syntax)), stack: ScopeStack::new() }
    }

    /// The runs of one line (with its newline, if it has one), ranges within the line.
    pub fn line(&mut self, line: &str) -> Vec<Span> {
        let Some(state) = self.state.as_mut() else {
            return vec![(0..line.len(), None)];
        };
        let Ok(ops) = state.parse_line(line, &self.highlighter.syntaxes) else {
            self.state = None;
            return vec![(0..line.len(), None)];
        };
        let mut spans = Vec::new();
        let mut from = 0;
        for (at, op) in ops {
            let at = at.min(line.len());
            if at > from {
                push_span(&mut spans, from..at, self.highlighter.classifier.class_of(&self.stack));
                from = at;
            }
            if self.stack.apply(&op).is_err() {
                self.state = None;
                break;
            }
        }
        if from < line.len() {
            push_span(&mut spans, from..line.len(), self.highlighter.classifier.class_of(&self.stack));
        }
        spans
    }
}

/// Appends a run, merging it into the last one when they are the same class and touch.
fn push_span(spans: &mut Vec<Span>, range: Range<usize>, class: Option<CodeClass>) {
    match spans.last_mut() {
        Some((last, last_class)) if *last_class == class && last.end == range.start => last.end = range.end,
        _ => spans.push((range, class)),
    }
}

fn is_plain_text(language: &Language<'_>) -> bool {
    language.syntax.name == "Plain Text"
}

#[cfg(test)]
mod tests;
