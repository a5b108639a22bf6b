//! Conditions, the 2024 exhaustion levels and Heroic Inspiration.
//!
//! Exhaustion's −2 per level to D20 Tests and −5 feet per level of Speed are derived on the
//! sheet (`d20_penalty`, `speed`); level 6 is death. Adding the `exhaustion` condition gains one
//! level and removing it clears every level.

use super::health::not_dead;
use super::{Event, Outcome, finish, refuse};
use crate::error::{Error, Result};
use crate::model::Character;
use crate::rules::Rules;

/// Conditions that include Incapacitated, which ends concentration.
const ENDS_CONCENTRATION: [&str; 5] = [
    "incapacitated",
    "paralyzed",
    "petrified",
    "stunned",
    "unconscious",
];

/// Adds (`add`) or removes condition `id` (one of the rules' conditions).
pub fn condition(rules: &Rules, ch: &Character, add: bool, id: &str) -> Result<Outcome> {
    let Some(def) = rules.conditions.get(id) else {
        return Err(Error::UnknownId {
            kind: "condition",
            id: id.to_string(),
            path: "condition".into(),
            suggestion: rules.conditions.closest(id),
        });
    };
    if id == "exhaustion" {
        return exhaustion(
            rules,
            ch,
            if add {
                Exhaustion::Delta(1)
            } else {
                Exhaustion::Set(0)
            },
        );
    }
    not_dead(ch, "gain or lose conditions")?;
    let has = ch.state.conditions.iter().any(|c| c == id);
    let mut new = ch.clone();
    let mut events = Vec::new();
    let name = &def.name;
    let summary = if add {
        if has {
            return finish(
                rules,
                ch,
                new,
                format!("Already {name} (conditions don't stack)"),
                events,
            );
        }
        new.state.conditions.push(id.to_string());
        events.push(Event::ConditionAdded {
            condition: id.to_string(),
        });
        let mut s = format!("Now {name}");
        if ENDS_CONCENTRATION.contains(&id) {
            if let Some(spell) = new.state.concentration.take() {
                s.push_str(&format!("; concentration on {spell} ends"));
                events.push(Event::ConcentrationEnded {
                    spell,
                    reason: "incapacitated".into(),
                });
            }
        }
        s
    } else {
        if !has {
            return Err(refuse(
                "play.condition.absent",
                format!("the character does not have the {name} condition"),
                Some("/state/conditions".into()),
                ch.state.conditions.clone(),
            ));
        }
        new.state.conditions.retain(|c| c != id);
        events.push(Event::ConditionRemoved {
            condition: id.to_string(),
        });
        format!("No longer {name}")
    };
    finish(rules, ch, new, summary, events)
}

/// A change of exhaustion level.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Exhaustion {
    /// Gain (positive) or lose (negative) levels; the level stays within 0..=6.
    Delta(i32),
    /// Set the level (0..=6).
    Set(u8),
}

/// Changes the exhaustion level; reaching 6 is death ([`Event::Died`]).
pub fn exhaustion(rules: &Rules, ch: &Character, change: Exhaustion) -> Result<Outcome> {
    not_dead(ch, "change exhaustion")?;
    let from = ch.state.exhaustion;
    let to = match change {
        Exhaustion::Delta(d) => (i32::from(from).saturating_add(d)).clamp(0, 6) as u8,
        Exhaustion::Set(n) if n <= 6 => n,
        Exhaustion::Set(n) => {
            return Err(Error::OutOfRange {
                path: "exhaustion".into(),
                value: i64::from(n),
                min: 0,
                max: 6,
            });
        }
    };
    let mut new = ch.clone();
    new.state.exhaustion = to;
    let mut events = vec![Event::ExhaustionChanged { from, to }];
    let mut summary = format!("Exhaustion {from} → {to}");
    if to > 0 && to < 6 {
        summary.push_str(&format!(
            " (−{} to D20 Tests, −{} ft Speed)",
            2 * to,
            5 * to
        ));
    }
    if to >= 6 {
        if let Some(spell) = new.state.concentration.take() {
            events.push(Event::ConcentrationEnded {
                spell,
                reason: "died".into(),
            });
        }
        events.push(Event::Died {
            reason: "exhaustion".into(),
        });
        summary.push_str(": dead");
    }
    finish(rules, ch, new, summary, events)
}

/// Gains (`true`) or spends (`false`) Heroic Inspiration. Gaining it while having it changes
/// nothing (the SRD: give it to a player character who lacks it); spending without it is refused.
pub fn inspiration(rules: &Rules, ch: &Character, gain: bool) -> Result<Outcome> {
    let has = ch.state.heroic_inspiration;
    let mut new = ch.clone();
    if gain && has {
        let s =
            "Already has Heroic Inspiration: give the new one to a player character who lacks it";
        return finish(rules, ch, new, s.into(), vec![]);
    }
    if !gain && !has {
        return Err(refuse(
            "play.inspiration.none",
            "the character has no Heroic Inspiration to spend",
            Some("/state/heroic_inspiration".into()),
            vec![],
        ));
    }
    new.state.heroic_inspiration = gain;
    let summary = if gain {
        "Gained Heroic Inspiration"
    } else {
        "Spent Heroic Inspiration: reroll a die"
    };
    finish(
        rules,
        ch,
        new,
        summary.into(),
        vec![Event::HeroicInspiration { has: gain }],
    )
}
