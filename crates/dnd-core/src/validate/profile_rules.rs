//! Rules: profile_rules.

use super::registry::RuleDef;

pub(super) const RULES: &[RuleDef] = &[];
