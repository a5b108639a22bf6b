//! The character model: the player's decisions, and the small vocabularies they use.

mod basics;
mod character;

pub use basics::*;
pub use character::*;
