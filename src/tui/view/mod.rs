//! Pure functions from state to frame.

pub mod conversation;
mod fit;
pub mod popup;
pub mod screen;
pub mod sidebar;
pub mod status;
