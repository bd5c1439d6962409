//! Whether the terminal's background is dark or light, for the `auto` theme: from
//! `COLORFGBG` when the terminal sets it, else by asking the terminal (OSC 11).
//!
//! The question goes out with the first frame and the answer is caught among the key events
//! crossterm reads (it reads `ESC ] 11;rgb:…` as Alt+`]`, then the characters, then Ctrl+G or
//! Alt+`\`): nothing waits for it, a terminal that does not answer costs nothing, and keys
//! typed meanwhile are not lost. Waiting for the answer before drawing would delay the first
//! frame by the whole timeout in terminals that never answer (see STYLE.md on start-up
//! queries).

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use crate::config::ThemeChoice;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Background {
    Dark,
    Light,
}

/// Asks the terminal for its background colour, ended by ST.
pub const QUERY: &str = "\x1b]11;?\x1b\\";

/// How long after the question an answer is still taken. Terminals answer in a few
/// milliseconds, and nothing waits for it; the margin is for slow links (ssh), where an answer
/// arriving after the catcher gave up would be read as keys. Past this, Alt+`]` is a key again.
pub const ANSWER_WITHIN: Duration = Duration::from_secs(1);

/// From `COLORFGBG` ("15;0", "0;default;15": the last field is the background's palette
/// index): 7 and 9-15 are light, 0-6 and 8 dark, anything else unknown.
pub fn from_colorfgbg(value: &str) -> Option<Background> {
    match value.rsplit(';').next()?.trim().parse::<u8>().ok()? {
        7 | 9..=15 => Some(Background::Light),
        0..=6 | 8 => Some(Background::Dark),
        _ => None,
    }
}

/// From the body of the terminal's answer, `11;rgb:RRRR/GGGG/BBBB` (1 to 4 hex digits a
/// channel): light when its relative luminance is over one half.
pub fn from_osc11(body: &str) -> Option<Background> {
    let rgb = body.strip_prefix("11;")?;
    let channels = rgb.strip_prefix("rgb:").or_else(|| rgb.strip_prefix("rgba:"))?;
    let mut levels = channels.split('/').map(|hex| {
        let digits = u32::try_from(hex.len()).ok().filter(|len| (1..=4).contains(len))?;
        let value = u32::from_str_radix(hex, 16).ok()?;
        Some(f64::from(value) / f64::from(16u32.pow(digits) - 1))
    });
    let (red, green, blue) = (levels.next()??, levels.next()??, levels.next()??);
    let luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue;
    Some(if luminance > 0.5 { Background::Light } else { Background::Dark })
}

/// The background the theme is picked for before anything is asked (None: not known yet),
/// and whether to ask the terminal: the config's `theme` when it names one, else `COLORFGBG`
/// when it says, else ask.
pub fn known(choice: ThemeChoice, colorfgbg: Option<&str>) -> (Option<Background>, bool) {
    match choice {
        ThemeChoice::Dark => (Some(Background::Dark), false),
        ThemeChoice::Light => (Some(Background::Light), false),
        ThemeChoice::Auto => match colorfgbg.and_then(from_colorfgbg) {
            Some(background) => (Some(background), false),
            None => (None, true),
        },
    }
}

/// What one input event was, to [`AnswerCatcher`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caught {
    /// Not part of an answer: handle it as input.
    Input,
    /// Part of the answer: drop it.
    Swallowed,
    /// The end of the answer, and what it says (None when it could not be read).
    Answer(Option<Background>),
}

/// Picks the terminal's answer out of the key events that follow the question.
#[derive(Debug)]
pub struct AnswerCatcher {
    asked_at: Instant,
    body: Option<String>,
    done: bool,
}

impl AnswerCatcher {
    /// For a question sent at `asked_at`.
    pub fn new(asked_at: Instant) -> AnswerCatcher {
        AnswerCatcher { asked_at, body: None, done: false }
    }

    /// Whether an answer may still come.
    pub fn is_waiting(&self) -> bool {
        !self.done
    }

    pub fn feed(&mut self, event: &Event, now: Instant) -> Caught {
        if self.done {
            return Caught::Input;
        }
        let Event::Key(KeyEvent { code: KeyCode::Char(ch), modifiers, .. }) = *event else {
            // A mouse event or a resize cannot be inside the answer.
            self.done = self.body.is_some() || now.duration_since(self.asked_at) > ANSWER_WITHIN;
            return Caught::Input;
        };
        let Some(body) = &mut self.body else {
            if now.duration_since(self.asked_at) > ANSWER_WITHIN {
                self.done = true;
                return Caught::Input;
            }
            if ch == ']' && modifiers == KeyModifiers::ALT {
                self.body = Some(String::new());
                return Caught::Swallowed;
            }
            return Caught::Input;
        };
        let ends = (ch == 'g' && modifiers == KeyModifiers::CONTROL) || (ch == '\\' && modifiers == KeyModifiers::ALT);
        if ends {
            self.done = true;
            return Caught::Answer(from_osc11(body));
        }
        if modifiers.difference(KeyModifiers::SHIFT).is_empty() && body.len() < 64 {
            body.push(ch);
            return Caught::Swallowed;
        }
        self.done = true;
        Caught::Answer(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colorfgbg_names_the_background_last() {
        assert_eq!(from_colorfgbg("15;0"), Some(Background::Dark));
        assert_eq!(from_colorfgbg("0;15"), Some(Background::Light));
        assert_eq!(from_colorfgbg("0;default;7"), Some(Background::Light));
        assert_eq!(from_colorfgbg("7;8"), Some(Background::Dark));
        assert_eq!(from_colorfgbg("15;default"), None);
        assert_eq!(from_colorfgbg(""), None);
    }

    #[test]
    fn the_config_names_the_theme_else_colorfgbg_else_the_terminal_is_asked() {
        assert_eq!(known(ThemeChoice::Light, Some("15;0")), (Some(Background::Light), false));
        assert_eq!(known(ThemeChoice::Dark, None), (Some(Background::Dark), false));
        assert_eq!(known(ThemeChoice::Auto, Some("0;15")), (Some(Background::Light), false));
        assert_eq!(known(ThemeChoice::Auto, Some("nonsense")), (None, true));
        assert_eq!(known(ThemeChoice::Auto, None), (None, true));
    }

    #[test]
    fn osc11_answers_are_read_by_luminance() {
        assert_eq!(from_osc11("11;rgb:ffff/ffff/ffff"), Some(Background::Light));
        assert_eq!(from_osc11("11;rgb:1e1e/1e1e/2e2e"), Some(Background::Dark));
        assert_eq!(from_osc11("11;rgb:fd/f6/e3"), Some(Background::Light), "two digits a channel (solarized light)");
        assert_eq!(from_osc11("11;rgba:0000/0000/0000/ffff"), Some(Background::Dark));
        assert_eq!(from_osc11("11;rgb:00ff/ffff"), None);
        assert_eq!(from_osc11("11;#ffffff"), None);
        assert_eq!(from_osc11("10;rgb:ffff/ffff/ffff"), None);
    }

    fn keys(text: &str) -> Vec<Event> {
        text.chars().map(|ch| Event::Key(KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE))).collect()
    }

    fn key(ch: char, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(ch), modifiers))
    }

    #[test]
    fn the_answer_is_caught_among_keys_as_crossterm_reads_it() {
        let asked = Instant::now();
        let mut catcher = AnswerCatcher::new(asked);
        assert_eq!(catcher.feed(&keys("j")[0], asked), Caught::Input, "a key before the answer");
        assert_eq!(catcher.feed(&key(']', KeyModifiers::ALT), asked), Caught::Swallowed);
        for event in keys("11;rgb:ffff/ffff/ffff") {
            assert_eq!(catcher.feed(&event, asked), Caught::Swallowed);
        }
        assert_eq!(catcher.feed(&key('\\', KeyModifiers::ALT), asked), Caught::Answer(Some(Background::Light)));
        assert!(!catcher.is_waiting());
        assert_eq!(catcher.feed(&key(']', KeyModifiers::ALT), asked), Caught::Input, "after the answer, a key");
        let mut bel = AnswerCatcher::new(asked);
        bel.feed(&key(']', KeyModifiers::ALT), asked);
        keys("11;rgb:0000/0000/0000").iter().for_each(|event| assert_eq!(bel.feed(event, asked), Caught::Swallowed));
        assert_eq!(bel.feed(&key('g', KeyModifiers::CONTROL), asked), Caught::Answer(Some(Background::Dark)));
    }

    #[test]
    fn after_the_wait_alt_bracket_is_a_key() {
        let asked = Instant::now();
        let mut catcher = AnswerCatcher::new(asked);
        let late = asked + ANSWER_WITHIN + Duration::from_millis(1);
        assert_eq!(catcher.feed(&key(']', KeyModifiers::ALT), late), Caught::Input);
        assert!(!catcher.is_waiting());
    }
}
