//! Rules: spells.

use super::registry::RuleDef;

pub(super) const RULES: &[RuleDef] = &[];
