//! The one door untrusted text goes through before it is laid out.

use std::borrow::Cow;

/// Removes escape sequences and control characters and expands tabs (see
/// `content::sanitize`), so nothing in an event can move the cursor or restyle the terminal,
/// and wrapping measures exactly the cells that will be drawn.
pub(crate) fn clean(text: &str) -> Cow<'_, str> {
    crate::content::sanitize(text)
}
