//! Rules: feat.

use super::registry::RuleDef;

pub(super) const RULES: &[RuleDef] = &[];
