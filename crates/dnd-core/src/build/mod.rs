//! Building a character: creation in the 2024 order with pending decisions as data, level-up
//! with every choice a class level asks for, and exact level-down.
//!
//! Decisions are keyed (`skills`, `subclass`, `cantrips`, `divine-order`, `background-bonus`,
//! …); a caller answers some or all of them and the rest are filled with deterministic, sensible
//! picks (each reported as an [`Event::DecisionFilled`](crate::play::Event)) unless it asks for
//! strict mode, which refuses with what is pending. Every result passes the validator.

mod answer;
mod create;
mod create_apply;
mod create_fill;
mod decision;
mod equipment;
mod feat_plan;
mod feature_plan;
mod fill;
mod level;
mod level_plan;
mod new_character;
mod origin_plan;
mod spell_plan;
mod trim;

pub use answer::parse_increase;
pub use create::{Builder, DecisionState};
pub use decision::{Decision, Step};
pub use fill::ability_priority;
pub use level::{HpMethod, LevelUp, level_down, level_up, level_up_decisions};
pub use new_character::{NewCharacter, new_character};
