//! Every colour recall draws with, in one place.
//!
//! Views never name a colour: they name a [`Tone`] (what a piece of text *is*) and ask the
//! theme for its style. Laid-out text caches tones rather than styles, so changing the theme
//! never invalidates a layout.

mod dark;
mod light;
mod overrides;

use ratatui::style::{Modifier, Style};

pub use overrides::STYLE_NAMES;

use super::background::Background;
use crate::config::ColourOverride;
use crate::syntax::CodeClass;

/// What a piece of text is, as far as its looks are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tone {
    // Message headers.
    RoleUser,
    RoleAssistant,
    RoleSystem,
    RoleTool,
    RoleReasoning,
    RoleContext,
    RoleOther,
    HeaderLabel,
    HeaderTime,

    // Message text.
    UserText,
    AssistantText,
    SystemText,
    ContextText,
    ToolText,

    // Markdown.
    Heading,
    Marker,
    InlineCode,
    CodeBlock,
    CodeFrame,
    /// Highlighted code: text no grammar rule coloured, then each [`CodeClass`].
    CodePlain,
    CodeComment,
    CodeString,
    CodeConstant,
    CodeKeyword,
    CodeFunction,
    CodeType,
    CodeTag,
    CodeAttribute,
    Quote,
    Link,
    LinkUrl,

    // Tools and other blocks.
    ToolCallTitle,
    ToolArguments,
    ToolResultTitle,
    ToolOutput,
    ErrorTitle,
    ErrorOutput,
    Reasoning,
    RawTitle,
    RawJson,
    Handoff,

    // Edits drawn as diffs, commands as commands.
    DiffPath,
    DiffHunk,
    DiffAdded,
    DiffRemoved,
    DiffContext,
    Command,

    // Chrome.
    Dim,
    FoldSummary,
}

/// A tone plus the emphasis Markdown put on it (bold, italic, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Look {
    pub tone: Tone,
    pub emphasis: Modifier,
}

impl Look {
    pub const fn plain(tone: Tone) -> Self {
        Look { tone, emphasis: Modifier::empty() }
    }
}

impl Tone {
    /// The tone of highlighted code of this class (None: what no rule coloured).
    pub fn code(class: Option<CodeClass>) -> Tone {
        match class {
            None => Tone::CodePlain,
            Some(CodeClass::Comment) => Tone::CodeComment,
            Some(CodeClass::String) => Tone::CodeString,
            Some(CodeClass::Constant) => Tone::CodeConstant,
            Some(CodeClass::Keyword) => Tone::CodeKeyword,
            Some(CodeClass::Function) => Tone::CodeFunction,
            Some(CodeClass::Type) => Tone::CodeType,
            Some(CodeClass::Tag) => Tone::CodeTag,
            Some(CodeClass::Attribute) => Tone::CodeAttribute,
        }
    }
}

impl From<Tone> for Look {
    fn from(tone: Tone) -> Self {
        Look::plain(tone)
    }
}

/// The styles of everything drawn. `Theme::default()` suits dark and light terminals alike:
/// it uses the 16 named colours, which terminals map to their own palette.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub role_user: Style,
    pub role_assistant: Style,
    pub role_system: Style,
    pub role_tool: Style,
    pub role_reasoning: Style,
    pub role_context: Style,
    pub role_other: Style,
    pub header_label: Style,
    pub header_time: Style,

    pub user_text: Style,
    pub assistant_text: Style,
    pub system_text: Style,
    pub context_text: Style,
    pub tool_text: Style,

    pub heading: Style,
    pub marker: Style,
    pub inline_code: Style,
    pub code_block: Style,
    pub code_frame: Style,
    pub code: CodeStyles,
    pub quote: Style,
    pub link: Style,
    pub link_url: Style,

    pub tool_call_title: Style,
    pub tool_arguments: Style,
    pub tool_result_title: Style,
    pub tool_output: Style,
    pub error_title: Style,
    pub error_output: Style,
    pub reasoning: Style,
    pub raw_title: Style,
    pub raw_json: Style,
    pub handoff: Style,

    pub diff_path: Style,
    pub diff_hunk: Style,
    pub diff_added: Style,
    pub diff_removed: Style,
    pub diff_context: Style,
    pub command: Style,

    pub dim: Style,
    pub fold_summary: Style,

    /// The header of the selected message.
    pub selected_header: Style,
    /// The gutter bar beside the selected block.
    pub selected_block: Style,
    /// The gutter bar beside the rest of the selected message.
    pub selected_message: Style,
    /// Words matching the search.
    pub search_match: Style,

    // The frame around the conversation: panes, sidebar, status line, popups.
    pub pane_header: Style,
    pub pane_header_focused: Style,
    pub pane_header_meta: Style,
    pub divider: Style,
    pub sidebar_title: Style,
    pub sidebar_meta: Style,
    /// The selected session when the sidebar has the keyboard, and when it has not.
    pub sidebar_selected_focused: Style,
    pub sidebar_selected: Style,
    pub status: Style,
    pub status_message: Style,
    pub status_error: Style,
    pub status_keys: Style,
    pub popup: Style,
    pub popup_border: Style,
    pub help_key: Style,
}

/// Highlighted code, by what the grammar says each piece is.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeStyles {
    pub plain: Style,
    pub comment: Style,
    pub string: Style,
    pub constant: Style,
    pub keyword: Style,
    pub function: Style,
    pub kind: Style,
    pub tag: Style,
    pub attribute: Style,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::palette(true)
    }
}

/// The environment variable that asks for no colour at all (<https://no-color.org>): set and
/// not empty.
pub const NO_COLOR_ENV: &str = "NO_COLOR";

/// Whether `NO_COLOR` is set and not empty.
pub fn no_colour_asked() -> bool {
    std::env::var_os(NO_COLOR_ENV).is_some_and(|value| !value.is_empty())
}

impl Theme {
    /// The default theme, or [`Theme::without_colour`] when `NO_COLOR` asks for it.
    pub fn from_env() -> Theme {
        if no_colour_asked() { Theme::without_colour() } else { Theme::default() }
    }

    /// The built-in theme for dark terminals, which is also the default.
    pub fn dark() -> Theme {
        Theme::palette(true)
    }

    /// The theme for a terminal whose background is `background` (dark when not known), with
    /// the config file's colours over it; no colour at all when `NO_COLOR` asks for none.
    pub fn for_background(background: Option<Background>, colours: &[ColourOverride]) -> Theme {
        if no_colour_asked() {
            return Theme::without_colour();
        }
        let theme = match background {
            Some(Background::Light) => Theme::light(),
            Some(Background::Dark) | None => Theme::dark(),
        };
        theme.with_overrides(colours)
    }

    /// No colour at all, only bold, italic, underline and reverse: what colour marked (the
    /// selection, the focused pane, messages, search matches) is reversed or bold instead.
    pub fn without_colour() -> Theme {
        let reversed = Style::new().add_modifier(Modifier::REVERSED);
        Theme {
            selected_block: Style::new().add_modifier(Modifier::BOLD),
            search_match: reversed,
            pane_header: Style::new(),
            pane_header_focused: reversed.add_modifier(Modifier::BOLD),
            sidebar_selected_focused: reversed.add_modifier(Modifier::BOLD),
            sidebar_selected: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            status: Style::new(),
            status_message: reversed,
            status_error: reversed.add_modifier(Modifier::BOLD),
            status_keys: Style::new(),
            ..Theme::palette(false)
        }
    }

    pub fn tone(&self, tone: Tone) -> Style {
        match tone {
            Tone::RoleUser => self.role_user,
            Tone::RoleAssistant => self.role_assistant,
            Tone::RoleSystem => self.role_system,
            Tone::RoleTool => self.role_tool,
            Tone::RoleReasoning => self.role_reasoning,
            Tone::RoleContext => self.role_context,
            Tone::RoleOther => self.role_other,
            Tone::HeaderLabel => self.header_label,
            Tone::HeaderTime => self.header_time,
            Tone::UserText => self.user_text,
            Tone::AssistantText => self.assistant_text,
            Tone::SystemText => self.system_text,
            Tone::ContextText => self.context_text,
            Tone::ToolText => self.tool_text,
            Tone::Heading => self.heading,
            Tone::Marker => self.marker,
            Tone::InlineCode => self.inline_code,
            Tone::CodeBlock => self.code_block,
            Tone::CodeFrame => self.code_frame,
            Tone::CodePlain => self.code.plain,
            Tone::CodeComment => self.code.comment,
            Tone::CodeString => self.code.string,
            Tone::CodeConstant => self.code.constant,
            Tone::CodeKeyword => self.code.keyword,
            Tone::CodeFunction => self.code.function,
            Tone::CodeType => self.code.kind,
            Tone::CodeTag => self.code.tag,
            Tone::CodeAttribute => self.code.attribute,
            Tone::Quote => self.quote,
            Tone::Link => self.link,
            Tone::LinkUrl => self.link_url,
            Tone::ToolCallTitle => self.tool_call_title,
            Tone::ToolArguments => self.tool_arguments,
            Tone::ToolResultTitle => self.tool_result_title,
            Tone::ToolOutput => self.tool_output,
            Tone::ErrorTitle => self.error_title,
            Tone::ErrorOutput => self.error_output,
            Tone::Reasoning => self.reasoning,
            Tone::RawTitle => self.raw_title,
            Tone::RawJson => self.raw_json,
            Tone::Handoff => self.handoff,
            Tone::DiffPath => self.diff_path,
            Tone::DiffHunk => self.diff_hunk,
            Tone::DiffAdded => self.diff_added,
            Tone::DiffRemoved => self.diff_removed,
            Tone::DiffContext => self.diff_context,
            Tone::Command => self.command,
            Tone::Dim => self.dim,
            Tone::FoldSummary => self.fold_summary,
        }
    }

    pub fn look(&self, look: Look) -> Style {
        self.tone(look.tone).add_modifier(look.emphasis)
    }
}
