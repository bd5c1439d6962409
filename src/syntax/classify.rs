//! Scope names (TextMate's `keyword.control.rust`, `string.quoted.double.python`) to the few
//! classes the theme colours.

use syntect::parsing::{Scope, ScopeStack};

use super::CodeClass;

/// Checked in order against each scope, innermost first: more specific prefixes come first.
const RULES: &[(&str, Option<CodeClass>)] = &[
    ("comment", Some(CodeClass::Comment)),
    ("punctuation.definition.comment", Some(CodeClass::Comment)),
    ("constant.character.escape", Some(CodeClass::Constant)),
    ("string", Some(CodeClass::String)),
    ("constant", Some(CodeClass::Constant)),
    ("keyword.operator", None),
    ("keyword", Some(CodeClass::Keyword)),
    ("storage.type", Some(CodeClass::Keyword)),
    ("storage.modifier", Some(CodeClass::Keyword)),
    ("variable.language", Some(CodeClass::Keyword)),
    ("entity.name.function", Some(CodeClass::Function)),
    ("support.function", Some(CodeClass::Function)),
    ("variable.function", Some(CodeClass::Function)),
    ("entity.name.tag", Some(CodeClass::Tag)),
    ("entity.other.attribute-name", Some(CodeClass::Attribute)),
    ("meta.annotation", Some(CodeClass::Attribute)),
    ("entity.name", Some(CodeClass::Type)),
    ("support.type", Some(CodeClass::Type)),
    ("support.class", Some(CodeClass::Type)),
    ("entity.other.inherited-class", Some(CodeClass::Type)),
    ("markup.heading", Some(CodeClass::Keyword)),
    ("markup.inserted", Some(CodeClass::String)),
    ("markup.deleted", Some(CodeClass::Constant)),
    ("markup.raw", Some(CodeClass::String)),
    // Punctuation and plain variables stay plain even inside something coloured above them
    // (the brackets of a function call), so the first scope that says anything decides.
    ("punctuation", None),
];

pub(super) struct Classifier {
    rules: Vec<(Scope, Option<CodeClass>)>,
}

impl Classifier {
    pub fn new() -> Self {
        let rules = RULES.iter().filter_map(|&(name, class)| Some((Scope::new(name).ok()?, class))).collect();
        Classifier { rules }
    }

    /// The class of text under `stack`: decided by the innermost scope any rule knows.
    pub fn class_of(&self, stack: &ScopeStack) -> Option<CodeClass> {
        for scope in stack.as_slice().iter().rev() {
            if let Some((_, class)) = self.rules.iter().find(|(prefix, _)| prefix.is_prefix_of(*scope)) {
                return *class;
            }
        }
        None
    }
}
