//! Campaign events with an impact on characters (XP, an ability score, hit points, a
//! condition, an item), applied as a new character and recorded as a reversion: the exact
//! changes, so that a revert restores the prior values.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::history::{Diff, apply, diff};
use crate::model::{Ability, Character};
use crate::play::conditions::condition;
use crate::play::health::{Damage, damage, heal};
use crate::play::inventory::{Give, give, take};
use crate::rules::Rules;
use crate::validate::Issue;

/// One impact on a character.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Impact {
    /// XP gained (more than 0).
    Xp { amount: u32 },
    /// A base ability score raised or lowered (the result stays within 1..=30).
    Ability { ability: Ability, delta: i32 },
    /// Damage (negative) or healing (positive), through the play rules.
    HitPoints { delta: i32 },
    /// A condition gained (`add`) or lost.
    Condition { condition: String, add: bool },
    /// Items gained (positive) or lost (negative).
    Item { item: String, quantity: i32 },
}

/// What applying impacts made: the new character, the exact changes and one line per impact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Applied {
    pub character: Character,
    /// The changes from the character before to after (the reversion record's content).
    pub changes: Diff,
    pub summary: Vec<String>,
    /// Validation findings the impacts introduced (an ability change can break the ability
    /// method's check; it is reported, not refused).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Issue>,
}

/// Applies impacts in order. Hit points, conditions and items go through the play verbs (and
/// their refusals); XP and ability scores are set directly.
pub fn apply_impacts(rules: &Rules, ch: &Character, impacts: &[Impact]) -> Result<Applied> {
    if impacts.is_empty() {
        return Err(Error::InvalidValue {
            path: "/impacts".into(),
            reason: "an event needs at least one impact".into(),
        });
    }
    let mut cur = ch.clone();
    let mut summary = Vec::new();
    let mut findings = Vec::new();
    for (i, imp) in impacts.iter().enumerate() {
        let path = format!("/impacts/{i}");
        match imp {
            Impact::Xp { amount } => {
                if *amount == 0 {
                    return Err(Error::OutOfRange {
                        path: format!("{path}/amount"),
                        value: 0,
                        min: 1,
                        max: i64::from(u32::MAX),
                    });
                }
                let before = cur.details.xp;
                cur.details.xp = before.checked_add(*amount).ok_or(Error::OutOfRange {
                    path: format!("{path}/amount"),
                    value: i64::from(*amount),
                    min: 1,
                    max: i64::from(u32::MAX - before),
                })?;
                summary.push(format!("+{amount} XP ({before} → {})", cur.details.xp));
            }
            Impact::Ability { ability, delta } => {
                let mut a = cur.abilities.base.to_array();
                let old = a[ability.index()];
                let new = old + delta;
                if !(1..=30).contains(&new) {
                    return Err(Error::OutOfRange {
                        path: format!("{path}/delta"),
                        value: i64::from(new),
                        min: 1,
                        max: 30,
                    });
                }
                a[ability.index()] = new;
                let before = cur.clone();
                cur.abilities.base = crate::model::AbilityScores::from_array(a);
                findings.extend(new_findings(rules, &before, &cur));
                summary.push(format!("{ability:?} {old} → {new}").to_lowercase());
            }
            Impact::HitPoints { delta } => {
                let out = match (*delta).cmp(&0) {
                    std::cmp::Ordering::Less => {
                        damage(rules, &cur, delta.unsigned_abs(), Damage::default())?
                    }
                    std::cmp::Ordering::Greater => heal(rules, &cur, delta.unsigned_abs())?,
                    std::cmp::Ordering::Equal => continue,
                };
                summary.push(out.summary);
                cur = out.character;
            }
            Impact::Condition { condition: id, add } => {
                let out = condition(rules, &cur, *add, id)?;
                summary.push(out.summary);
                cur = out.character;
            }
            Impact::Item { item, quantity } => {
                let out = if *quantity > 0 {
                    let g = Give {
                        quantity: quantity.unsigned_abs(),
                        ..Default::default()
                    };
                    give(rules, &cur, item, g)?
                } else if *quantity < 0 {
                    take(rules, &cur, item, quantity.unsigned_abs())?
                } else {
                    continue;
                };
                summary.push(out.summary);
                cur = out.character;
            }
        }
    }
    let changes = diff(ch, &cur)?;
    Ok(Applied {
        character: cur,
        changes,
        summary,
        findings,
    })
}

/// Undoes an [`Applied`] on the character it made: the exact prior values come back.
pub fn revert_impacts(after: &Character, changes: &Diff) -> Result<Character> {
    apply(after, &changes.invert())
}

/// Findings of `after` that `before` did not have (by code and path).
fn new_findings(rules: &Rules, before: &Character, after: &Character) -> Vec<Issue> {
    use crate::validate::{Profile, validate};
    let old = validate(rules, before, &Profile::default());
    validate(rules, after, &Profile::default())
        .issues
        .into_iter()
        .filter(|i| {
            !old.issues
                .iter()
                .any(|o| o.code == i.code && o.path == i.path)
        })
        .collect()
}
