//! Tab in the `/` prompt: completes the last word typed to a qualifier's name
//! (`ag` -> `agent:`) or to a value the store holds (`agent:co` -> `agent:codex`,
//! `project:`, `model:`), and again Tab moves on to the next candidate.

use super::{App, Backend, Mode};
use crate::query::QUALIFIERS;
use crate::store::KnownValues;
use crate::tui::input::Input;

/// What the last Tab offered, so the next one moves on to the next candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The prompt's text before the completed word.
    before: String,
    candidates: Vec<String>,
    at: usize,
    /// The prompt's text the last Tab left: typing anything else starts afresh.
    left: String,
}

/// Times `after:` and `before:` are offered.
const TIMES: &[&str] = &["today", "yesterday", "1h", "12h", "3d", "7d", "2w"];

/// What Tab offers for `word`: qualifier names that start with it, or the values of the
/// qualifier it names that start with what follows the colon, then those that contain it.
pub fn candidates(word: &str, known: &KnownValues) -> Vec<String> {
    let Some((name, typed)) = word.split_once(':') else {
        return QUALIFIERS.iter().filter(|qualifier| starts_with(qualifier, word)).map(|q| q.to_string()).collect();
    };
    let values: Vec<String> = match name.to_ascii_lowercase().as_str() {
        "agent" | "-agent" => known.sources.clone(),
        "project" => known.projects.clone(),
        "model" => known.models.clone(),
        "is" => vec!["error".into(), "renamed".into()],
        "after" | "before" => TIMES.iter().map(|time| time.to_string()).collect(),
        _ => return Vec::new(),
    };
    let typed = typed.trim_start_matches('"').to_lowercase();
    let (mut first, rest): (Vec<&String>, Vec<&String>) = values
        .iter()
        .filter(|value| value.to_lowercase().contains(&typed))
        .partition(|value| starts_with(value, &typed));
    first.extend(rest);
    first.into_iter().map(|value| format!("{name}:{}", quoted(value))).collect()
}

fn starts_with(text: &str, start: &str) -> bool {
    text.to_lowercase().starts_with(&start.to_lowercase())
}

/// A value the filter language reads back as one: quoted when it holds spaces.
fn quoted(value: &str) -> String {
    if value.contains(char::is_whitespace) { format!("\"{value}\"") } else { value.to_string() }
}

impl App {
    /// Tab in the prompt: completes the last word, or offers the next candidate.
    pub(super) fn complete(&mut self, backend: &dyn Backend) -> anyhow::Result<()> {
        let Mode::Search(input) = &self.mode else { return Ok(()) };
        let text = input.text().to_string();
        // Again after a lone candidate (a name: `agent:`) completes what follows it instead.
        let again = self
            .completion
            .as_ref()
            .is_some_and(|completion| completion.left == text && completion.candidates.len() > 1);
        if again {
            if let Some(completion) = &mut self.completion {
                completion.at = (completion.at + 1) % completion.candidates.len();
            }
        } else {
            let start = text.rfind(char::is_whitespace).map_or(0, |at| at + 1);
            if self.known.is_none() {
                self.known = Some(backend.known_values()?);
            }
            let known = self.known.as_ref().map_or_else(KnownValues::default, Clone::clone);
            let candidates = candidates(&text[start..], &known);
            if candidates.is_empty() {
                self.completion = None;
                self.info("Nothing to complete: Tab completes agent: project: model: after: before: is:");
                return Ok(());
            }
            self.completion = Some(Completion { before: text[..start].to_string(), candidates, at: 0, left: text });
        }
        let Some(completion) = &mut self.completion else { return Ok(()) };
        let candidate = completion.candidates[completion.at].clone();
        completion.left = format!("{}{candidate}", completion.before);
        let (text, position, count) = (completion.left.clone(), completion.at + 1, completion.candidates.len());
        let others = completion.candidates.join("  ");
        self.mode = Mode::Search(Input::with_text(&text));
        // A name alone (`agent:`) is not a filter yet: the list waits for its value.
        if !candidate.ends_with(':') {
            self.apply_query(backend, &text)?;
        }
        if self.status.as_ref().is_none_or(|status| !status.is_error) {
            self.info(if count == 1 { candidate } else { format!("Tab {position} of {count}: {others}") });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> KnownValues {
        KnownValues {
            sources: vec!["claude-code".into(), "codex".into(), "gemini-cli".into()],
            projects: vec!["my app".into(), "recall".into(), "recall-site".into(), "website".into()],
            models: vec!["claude-opus-5-5".into(), "gpt-5-codex".into()],
        }
    }

    #[test]
    fn names_complete_from_the_qualifiers() {
        assert_eq!(candidates("ag", &known()), ["agent:"]);
        assert_eq!(candidates("A", &known()), ["agent:", "after:"]);
        assert_eq!(candidates("-", &known()), ["-agent:"]);
        assert_eq!(candidates("", &known()).len(), QUALIFIERS.len());
        assert!(candidates("zz", &known()).is_empty());
    }

    #[test]
    fn values_complete_from_the_store_prefixes_first() {
        assert_eq!(candidates("agent:c", &known()), ["agent:claude-code", "agent:codex", "agent:gemini-cli"]);
        assert_eq!(candidates("-agent:cod", &known()), ["-agent:codex", "-agent:claude-code"], "then containing it");
        assert_eq!(candidates("project:site", &known()), ["project:recall-site", "project:website"]);
        assert_eq!(candidates("project:rec", &known()), ["project:recall", "project:recall-site"]);
        assert_eq!(candidates("project:my", &known()), ["project:\"my app\""], "a value with a space is quoted");
        assert_eq!(candidates("model:", &known()), ["model:claude-opus-5-5", "model:gpt-5-codex"]);
        assert_eq!(candidates("Model:GPT", &known()), ["Model:gpt-5-codex"], "the name keeps its case");
        assert_eq!(candidates("is:", &known()), ["is:error", "is:renamed"]);
        assert_eq!(candidates("after:y", &known()), ["after:yesterday", "after:today"]);
        assert!(candidates("agent:zz", &known()).is_empty());
        assert!(candidates("http://x", &known()).is_empty(), "not a qualifier: nothing to offer");
    }
}
