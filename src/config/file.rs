//! `config.toml`, parsed and checked: every setting recall reads from it, and one message
//! naming the line of the first thing wrong with it.

use std::collections::BTreeMap;

use ratatui::style::Color;
use serde::Deserialize;
use toml::Spanned;

use super::FILE_NAME;
use crate::content::Prices;

/// Which built-in theme: picked from the terminal's background, or named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeChoice {
    #[default]
    Auto,
    Dark,
    Light,
}

/// Which sessions the browser lists when it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    #[default]
    All,
    /// The current folder's project only, as `--here`.
    Project,
}

/// One theme style's colours replaced: `name = "FG"` or `name = "FG on BG"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColourOverride {
    pub name: String,
    pub fg: Option<Color>,
    pub bg: Option<Color>,
}

/// Resume commands by source, each already split into words (program first), placeholders
/// still in place.
pub type ResumeTemplates = BTreeMap<String, Vec<String>>;

/// The placeholders a resume command may use.
pub const PLACEHOLDERS: [&str; 3] = ["{source_id}", "{cwd}", "{id}"];

/// Every setting; `Config::default()` is what recall does with no file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Config {
    pub theme: ThemeChoice,
    pub colours: Vec<ColourOverride>,
    /// A strftime format for full dates with their time; None keeps `%Y-%m-%d %H:%M`.
    pub date_format: Option<String>,
    pub default_scope: Scope,
    pub resume: ResumeTemplates,
    /// Sources (format names) that `recall sync`, `import --auto` and the browser leave alone.
    pub sources_off: Vec<String>,
    /// USD per million tokens by model (`[prices]`); empty, recall shows no cost.
    pub prices: Prices,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    theme: ThemeChoice,
    #[serde(default, alias = "colours")]
    colors: BTreeMap<String, Spanned<String>>,
    date_format: Option<Spanned<String>>,
    #[serde(default)]
    default_scope: Scope,
    #[serde(default)]
    resume: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    sources: RawSources,
    #[serde(default)]
    prices: super::prices::RawPrices,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSources {
    #[serde(default)]
    off: Vec<Spanned<String>>,
}

impl Config {
    /// The settings in `text`, or one line saying what is wrong and on which line.
    pub fn parse(text: &str) -> Result<Config, String> {
        let at = |start: usize, message: &str| {
            let line = text[..start.min(text.len())].matches('\n').count() + 1;
            let message = message.trim().lines().map(str::trim).collect::<Vec<_>>().join("; ");
            format!("{FILE_NAME} line {line}: {message}")
        };
        let raw: Raw =
            toml::from_str(text).map_err(|err| at(err.span().map_or(0, |span| span.start), err.message()))?;
        let checked = |value: &Spanned<String>, check: &dyn Fn(&str) -> Result<(), String>| {
            check(value.get_ref()).map_err(|message| at(value.span().start, &message))
        };
        let mut colours = Vec::new();
        for (name, value) in &raw.colors {
            let colour = parse_colour_pair(value.get_ref()).map_err(|message| at(value.span().start, &message))?;
            if !crate::tui::theme::STYLE_NAMES.contains(&name.as_str()) {
                let message = format!("colors: no style is called '{name}' (see `recall config init` for the names)");
                return Err(at(value.span().start, &message));
            }
            colours.push(ColourOverride { name: name.clone(), fg: colour.0, bg: colour.1 });
        }
        if let Some(format) = &raw.date_format {
            checked(format, &check_date_format)?;
        }
        let mut resume = ResumeTemplates::new();
        for (source, template) in &raw.resume {
            let words =
                check_resume(source, template.get_ref()).map_err(|message| at(template.span().start, &message))?;
            resume.insert(source.clone(), words);
        }
        for source in &raw.sources.off {
            checked(source, &|name| check_source("sources.off", name))?;
        }
        let prices = super::prices::check(raw.prices).map_err(|(start, message)| at(start, &message))?;
        Ok(Config {
            theme: raw.theme,
            colours,
            date_format: raw.date_format.map(Spanned::into_inner),
            default_scope: raw.default_scope,
            resume,
            sources_off: raw.sources.off.into_iter().map(Spanned::into_inner).collect(),
            prices,
        })
    }

    /// Whether the source (a format name) is left on: not listed in `sources.off`.
    pub fn source_is_on(&self, format: &str) -> bool {
        !self.sources_off.iter().any(|off| off == format)
    }
}

/// `"FG"`, `"FG on BG"` or `"on BG"`, in the colour names ratatui reads ("lightblue",
/// "#5f87af", "244").
fn parse_colour_pair(text: &str) -> Result<(Option<Color>, Option<Color>), String> {
    let colour = |word: &str| {
        word.trim().parse::<Color>().map_err(|_| {
            format!("colors: '{}' is not a colour (a name such as lightblue, #rrggbb, or 0-255)", word.trim())
        })
    };
    let text = text.trim();
    let (fg, bg) = match text.strip_prefix("on ") {
        Some(bg) => ("", Some(bg)),
        None => match text.split_once(" on ") {
            Some((fg, bg)) => (fg, Some(bg)),
            None => (text, None),
        },
    };
    let fg = if fg.trim().is_empty() { None } else { Some(colour(fg)?) };
    let bg = bg.map(colour).transpose()?;
    if fg.is_none() && bg.is_none() {
        return Err("colors: an empty colour".into());
    }
    Ok((fg, bg))
}

fn check_date_format(format: &str) -> Result<(), String> {
    let valid = !format.trim().is_empty() && chrono::format::StrftimeItems::new(format).parse().is_ok();
    if valid { Ok(()) } else { Err(format!("date_format: '{format}' is not a strftime format such as %Y-%m-%d %H:%M")) }
}

/// Known sources: the agents recall reads (and recall itself).
fn check_source(key: &str, name: &str) -> Result<(), String> {
    if crate::agents::AGENTS.iter().any(|agent| agent.source == name) {
        return Ok(());
    }
    let known: Vec<&str> = crate::agents::AGENTS.iter().map(|agent| agent.source).collect();
    Err(format!("{key}: there is no source called '{name}' (the sources are {})", known.join(", ")))
}

fn check_resume(source: &str, template: &str) -> Result<Vec<String>, String> {
    check_source("resume", source)?;
    let words = super::split_words(template).map_err(|why| format!("resume.{source}: {why}"))?;
    if words.is_empty() {
        return Err(format!("resume.{source}: the command is empty"));
    }
    for word in &words {
        let mut rest = word.as_str();
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').map_or(rest.len(), |close| open + close + 1);
            let placeholder = &rest[open..close];
            if !PLACEHOLDERS.contains(&placeholder) {
                return Err(format!(
                    "resume.{source}: unknown placeholder {placeholder} (the placeholders are {})",
                    PLACEHOLDERS.join(", ")
                ));
            }
            rest = &rest[close..];
        }
    }
    Ok(words)
}

#[cfg(test)]
#[path = "file_tests.rs"]
mod tests;
