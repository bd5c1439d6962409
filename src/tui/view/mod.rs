//! Pure functions from state to frame.

pub mod conversation;
pub(crate) mod fit;
pub mod popup;
pub mod screen;
pub mod sidebar;
pub mod status;
