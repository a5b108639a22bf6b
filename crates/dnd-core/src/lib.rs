//! # dnd-core
//!
//! The pure rules engine of **dnd**: the D&D 5e 2024 rules of the SRD 5.2 as data
//! ([`rules`]), a character held as the player's decisions ([`model`]), and the derived sheet
//! ([`derive`], [`sheet`]) where every number can explain itself.
//!
//! No I/O: callers read files and hand text in. Deterministic: the same input gives the same
//! output on every platform.
//!
//! ```
//! use dnd_core::{derive::derive, model::Character, rules::Rules};
//! let ch = Character::from_json(include_str!("../../../examples/characters/fighter-1.json")).unwrap();
//! let sheet = derive(Rules::srd(), &ch).unwrap();
//! assert_eq!(sheet.proficiency_bonus, 2);
//! ```

pub mod build;
pub mod campaign;
pub mod derive;
pub mod dice;
mod error;
pub mod history;
pub mod model;
pub mod play;
pub mod rules;
pub mod schema;
pub mod sheet;
pub mod validate;

pub use error::{Error, ErrorData, Result};

/// The README's Rust snippets, run as doctests.
#[doc = include_str!("../../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
