//! Fenced code and files read in the HTML export, highlighted with the browser's highlighter:
//! classes on `<span>`s, coloured by the page's own CSS (no script, nothing fetched).

use super::html::escape;
use crate::syntax::{CodeClass, Highlighter, LineHighlighter};

/// `text` (already sanitized and redacted) escaped for HTML, with the code of its fences
/// wrapped in `<span class="c-…">` by language. Fences of unknown languages stay plain.
pub(crate) fn escape_with_code(text: &str, highlighter: &Highlighter) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut fence: Option<(String, String)> = None;
    for line in text.split_inclusive('\n') {
        let marker = line.trim_start().starts_with("```");
        match fence.take() {
            None if marker => {
                let language = line.trim_start().trim_start_matches('`').trim().to_owned();
                out.push_str(&escape(line));
                fence = Some((language, String::new()));
            }
            None => out.push_str(&escape(line)),
            Some((language, code)) if marker => {
                out.push_str(&highlighted(&language, &code, highlighter));
                out.push_str(&escape(line));
            }
            Some((language, mut code)) => {
                code.push_str(line);
                fence = Some((language, code));
            }
        }
    }
    // An unclosed fence: its code, plain.
    if let Some((_, code)) = fence {
        out.push_str(&escape(&code));
    }
    out
}

/// A file read's result (already redacted) escaped for HTML: the file's text highlighted by
/// the extension of `path`, the line numbers the agent put before each line apart and dim.
/// The numbers are found before the text is sanitized (which turns their tab into spaces).
/// None when the extension names no language.
pub(crate) fn escape_read(text: &str, path: &str, highlighter: &Highlighter) -> Option<String> {
    let language = highlighter.language_of_path(path)?;
    let mut lines = LineHighlighter::new(highlighter, language);
    let mut out = String::with_capacity(text.len() * 2);
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches('\n');
        let code = match crate::content::numbered_line(bare) {
            Some((number, code)) => {
                out.push_str(&format!("<span class=\"ln\">{number}</span>  "));
                code
            }
            None => bare,
        };
        let mut code = crate::content::sanitize(code).into_owned();
        if bare.len() < line.len() {
            code.push('\n');
        }
        for (range, class) in lines.line(&code) {
            let piece = escape(&code[range]);
            match class.map(class_name) {
                Some(name) => out.push_str(&format!("<span class=\"{name}\">{piece}</span>")),
                None => out.push_str(&piece),
            }
        }
    }
    Some(out)
}

fn highlighted(language: &str, code: &str, highlighter: &Highlighter) -> String {
    let Some(language) = highlighter.language(language) else {
        return escape(code);
    };
    let mut out = String::with_capacity(code.len() * 2);
    for (range, class) in highlighter.highlight(language, code) {
        let piece = escape(&code[range]);
        match class.map(class_name) {
            Some(name) => out.push_str(&format!("<span class=\"{name}\">{piece}</span>")),
            None => out.push_str(&piece),
        }
    }
    out
}

fn class_name(class: CodeClass) -> &'static str {
    match class {
        CodeClass::Comment => "c-comment",
        CodeClass::String => "c-string",
        CodeClass::Constant => "c-constant",
        CodeClass::Keyword => "c-keyword",
        CodeClass::Function => "c-function",
        CodeClass::Type => "c-type",
        CodeClass::Tag => "c-tag",
        CodeClass::Attribute => "c-attribute",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_are_highlighted_and_everything_is_escaped() {
        let text = "Look <here>:\n```rust\nfn main() { let s = \"<b>\"; }\n```\nDone & dusted.\n";
        let html = escape_with_code(text, crate::syntax::load());
        assert!(html.starts_with("Look &lt;here&gt;:\n```rust\n"), "{html}");
        assert!(html.contains("<span class=\"c-keyword\">fn</span>"), "{html}");
        assert!(html.contains("<span class=\"c-string\">&lt;b&gt;</span>"), "{html}");
        assert!(html.ends_with("```\nDone &amp; dusted.\n"), "{html}");
        assert!(!html.contains("<b>"));
    }

    #[test]
    fn a_read_is_highlighted_by_its_path_with_its_line_numbers_apart() {
        let text = "     1\tfn main() {\n     2\t    let s = \"<b>\";\n     3\t}\n";
        let html = escape_read(text, "/src/main.rs", crate::syntax::load()).expect("rust");
        assert!(html.starts_with("<span class=\"ln\">1</span>  <span class=\"c-keyword\">fn</span>"), "{html}");
        assert!(html.contains("<span class=\"ln\">2</span>  ") && html.contains("&lt;b&gt;"), "{html}");
        assert!(!html.contains("<b>") && !html.contains('\t'), "{html}");
        assert_eq!(escape_read(text, "/notes/README.unknownext", crate::syntax::load()), None);
    }

    #[test]
    fn unknown_and_unclosed_fences_stay_plain() {
        let html = escape_with_code("```klingon\nqapla'\n```\n```rust\nfn x", crate::syntax::load());
        assert!(!html.contains("<span"), "{html}");
        assert!(html.contains("qapla&#39;") && html.contains("fn x"), "{html}");
    }
}
