//! Hit points and what they lead to: damage (temporary hit points first, concentration saves,
//! dropping to 0, massive damage, damage while dying), healing, temporary hit points, death
//! saving throws, conditions, exhaustion and Heroic Inspiration.
//!
//! The file has no "dead" or "stable" flag: a character is **dead** at 0 HP with three death
//! save failures recorded, or at exhaustion level 6; **stable** at 0 HP with three successes
//! recorded (the failures reset). Dropping to 0 HP adds the Unconscious condition; regaining
//! hit points removes it and clears the death saves.

use super::{Event, Outcome, finish, refuse};
use crate::derive::derive;
use crate::error::{Error, Result};
use crate::model::Character;
use crate::rules::Rules;

/// Conditions that include Incapacitated (SRD Rules Glossary).
const INCAPACITATING: [&str; 5] = [
    "incapacitated",
    "paralyzed",
    "petrified",
    "stunned",
    "unconscious",
];

/// Dead: 0 HP with three death save failures, or exhaustion level 6.
pub fn is_dead(ch: &Character) -> bool {
    ch.state.exhaustion >= 6 || (ch.state.hp == Some(0) && ch.state.death_saves.failures >= 3)
}

/// Refuses a step a dead character cannot take (`play.dead`); `what` completes
/// "a dead character cannot …".
pub(crate) fn not_dead(ch: &Character, what: &str) -> Result<()> {
    if is_dead(ch) {
        return Err(refuse(
            "play.dead",
            format!("a dead character cannot {what}"),
            None,
            vec![],
        ));
    }
    Ok(())
}

/// Stable: 0 HP with three death save successes recorded.
pub fn is_stable(ch: &Character) -> bool {
    ch.state.hp == Some(0) && ch.state.death_saves.successes >= 3 && !is_dead(ch)
}

/// The first incapacitating condition the character has (at 0 HP: `unconscious`).
pub fn incapacitated(ch: &Character) -> Option<&'static str> {
    if ch.state.hp == Some(0) {
        return Some("unconscious");
    }
    INCAPACITATING
        .into_iter()
        .find(|c| ch.state.conditions.iter().any(|x| x == c))
}

/// What hit the character.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(default)]
pub struct Damage {
    /// From a Critical Hit (two death save failures at 0 HP).
    pub critical: bool,
}

/// The Constitution save DC to keep concentration after `damage`: 10 or half the damage
/// (rounded down), whichever is higher, at most 30.
pub fn concentration_dc(damage: u32) -> i32 {
    (damage / 2).clamp(10, 30) as i32
}

fn to_i32(n: u32) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

fn set_hp(ch: &mut Character, hp: i32, max: i32) {
    ch.state.hp = if hp >= max { None } else { Some(hp.max(0)) };
}

fn add_condition(ch: &mut Character, id: &str, events: &mut Vec<Event>) {
    if !ch.state.conditions.iter().any(|c| c == id) {
        ch.state.conditions.push(id.to_string());
        events.push(Event::ConditionAdded {
            condition: id.to_string(),
        });
    }
}

fn remove_condition(ch: &mut Character, id: &str, events: &mut Vec<Event>) {
    if ch.state.conditions.iter().any(|c| c == id) {
        ch.state.conditions.retain(|c| c != id);
        events.push(Event::ConditionRemoved {
            condition: id.to_string(),
        });
    }
}

fn end_conc(ch: &mut Character, reason: &str, events: &mut Vec<Event>) {
    if let Some(spell) = ch.state.concentration.take() {
        events.push(Event::ConcentrationEnded {
            spell,
            reason: reason.to_string(),
        });
    }
}

fn die(ch: &mut Character, reason: &str, events: &mut Vec<Event>) {
    end_conc(ch, "died", events);
    events.push(Event::Died {
        reason: reason.to_string(),
    });
}

/// Takes `amount` damage: temporary hit points absorb first; while concentrating, a
/// [`Event::ConcentrationSave`] gives the DC (the caller rolls; see [`concentration_save`]).
/// Dropping to 0 HP is death when the damage left over is at least the HP maximum, else
/// dying (Unconscious). Damage at 0 HP is a death save failure (two on a critical hit), or
/// death when it is at least the HP maximum.
pub fn damage(rules: &Rules, ch: &Character, amount: u32, how: Damage) -> Result<Outcome> {
    not_dead(ch, "take damage")?;
    let sheet = derive(rules, ch)?;
    let (max, cur) = (sheet.hit_points.max, sheet.hit_points.current);
    let amount_i = to_i32(amount);
    let temp = ch.state.temp_hp.max(0);
    let absorbed = temp.min(amount_i);
    let rest = amount_i - absorbed;
    let mut new = ch.clone();
    new.state.temp_hp = temp - absorbed;
    let mut events = Vec::new();
    let after = (cur - rest).max(0);
    events.push(Event::Damaged {
        amount: amount_i,
        temp_absorbed: absorbed,
        hp_before: cur,
        hp_after: after,
    });
    let mut summary = format!("Hit for {amount}: {cur} → {after} HP");
    if absorbed > 0 {
        summary.push_str(&format!(" ({absorbed} absorbed by temporary HP)"));
    }
    if cur == 0 && rest > 0 {
        if rest >= max {
            new.state.death_saves.failures = 3;
            die(&mut new, "massive damage", &mut events);
            summary.push_str("; massive damage: dead");
        } else {
            let ds = &mut new.state.death_saves;
            if ds.successes >= 3 {
                ds.successes = 0; // no longer Stable
            }
            ds.failures = ds
                .failures
                .saturating_add(if how.critical { 2 } else { 1 })
                .min(3);
            events.push(Event::DeathSave {
                roll: None,
                successes: ds.successes,
                failures: ds.failures,
            });
            let failures = ds.failures;
            summary.push_str(&format!("; death save failures {failures}"));
            if failures >= 3 {
                die(&mut new, "death saving throws", &mut events);
                summary.push_str(": dead");
            }
        }
        return finish(rules, ch, new, summary, events);
    }
    if rest > 0 && after == 0 {
        new.state.hp = Some(0);
        new.state.death_saves = Default::default();
        if rest - cur >= max {
            new.state.death_saves.failures = 3;
            die(&mut new, "massive damage", &mut events);
            summary.push_str("; massive damage: dead");
            return finish(rules, ch, new, summary, events);
        }
        add_condition(&mut new, "unconscious", &mut events);
        end_conc(&mut new, "unconscious", &mut events);
        summary.push_str("; dying (Unconscious)");
        return finish(rules, ch, new, summary, events);
    }
    set_hp(&mut new, after, max);
    if amount > 0 {
        if let Some(spell) = &ch.state.concentration {
            let dc = concentration_dc(amount);
            events.push(Event::ConcentrationSave {
                spell: spell.clone(),
                dc,
            });
            summary.push_str(&format!("; concentration save DC {dc}"));
        }
    }
    finish(rules, ch, new, summary, events)
}

/// Regains `amount` hit points, up to the maximum; from 0 HP this restores consciousness
/// (Unconscious removed, death saves cleared).
pub fn heal(rules: &Rules, ch: &Character, amount: u32) -> Result<Outcome> {
    not_dead(ch, "be healed (it needs reviving)")?;
    let sheet = derive(rules, ch)?;
    let (max, cur) = (sheet.hit_points.max, sheet.hit_points.current);
    let after = cur.saturating_add(to_i32(amount)).min(max);
    let mut new = ch.clone();
    let mut events = vec![Event::Healed {
        amount: after - cur,
        hp_before: cur,
        hp_after: after,
    }];
    set_hp(&mut new, after, max);
    let mut summary = format!("Healed {}: {cur} → {after} HP", after - cur);
    if cur == 0 && after > 0 {
        new.state.death_saves = Default::default();
        remove_condition(&mut new, "unconscious", &mut events);
        summary.push_str("; conscious again");
    }
    finish(rules, ch, new, summary, events)
}

/// Gains `amount` temporary hit points; they don't stack: the higher of old and new is kept.
pub fn temp_hp(rules: &Rules, ch: &Character, amount: u32) -> Result<Outcome> {
    not_dead(ch, "gain temporary hit points")?;
    let before = ch.state.temp_hp.max(0);
    let after = before.max(to_i32(amount));
    let mut new = ch.clone();
    new.state.temp_hp = after;
    let summary = if after == before && amount as i64 != i64::from(before) {
        format!("Temporary HP stay {before} (they don't stack; the higher is kept)")
    } else {
        format!("Temporary HP {before} → {after}")
    };
    let events = vec![Event::TempHpGained {
        temp_before: before,
        temp_after: after,
    }];
    finish(rules, ch, new, summary, events)
}

/// Ends concentration at will (no action).
pub fn end_concentration(rules: &Rules, ch: &Character) -> Result<Outcome> {
    conc_end(rules, ch, "ended")
}

/// The result of a concentration save the caller rolled: a failure ends concentration.
pub fn concentration_save(rules: &Rules, ch: &Character, passed: bool) -> Result<Outcome> {
    if passed {
        let Some(spell) = &ch.state.concentration else {
            return Err(not_concentrating());
        };
        let summary = format!("Concentration on {spell} holds");
        return finish(rules, ch, ch.clone(), summary, vec![]);
    }
    conc_end(rules, ch, "failed concentration save")
}

fn not_concentrating() -> Error {
    refuse(
        "play.not_concentrating",
        "the character is not concentrating on a spell",
        None,
        vec![],
    )
}

fn conc_end(rules: &Rules, ch: &Character, reason: &str) -> Result<Outcome> {
    let Some(spell) = ch.state.concentration.clone() else {
        return Err(not_concentrating());
    };
    let mut new = ch.clone();
    let mut events = Vec::new();
    end_conc(&mut new, reason, &mut events);
    finish(
        rules,
        ch,
        new,
        format!("Concentration on {spell} ends ({reason})"),
        events,
    )
}

/// A death saving throw: the d20 `roll` given, else rolled from `seed`.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(default)]
pub struct DeathSave {
    pub roll: Option<u32>,
    pub seed: Option<u64>,
}

/// Rolls one die of `faces` from a given value or a seed.
pub(crate) fn d(
    faces: u32,
    given: Option<u32>,
    rng: Option<&mut crate::dice::DiceRng>,
    path: &str,
) -> Result<u32> {
    if let Some(r) = given {
        if !(1..=faces).contains(&r) {
            return Err(Error::OutOfRange {
                path: path.to_string(),
                value: i64::from(r),
                min: 1,
                max: i64::from(faces),
            });
        }
        return Ok(r);
    }
    let Some(rng) = rng else {
        return Err(Error::InvalidValue {
            path: path.to_string(),
            reason: "give the roll or a seed".into(),
        });
    };
    let dice =
        crate::dice::Dice::parse(&format!("1d{faces}")).map_err(|e| Error::InvalidValue {
            path: path.to_string(),
            reason: e.to_string(),
        })?;
    let t = dice.total(rng).map_err(|e| Error::InvalidValue {
        path: path.to_string(),
        reason: e.to_string(),
    })?;
    Ok((t as u32).clamp(1, faces))
}

/// A death saving throw at 0 HP: 10 or higher succeeds, a 1 is two failures, a 20 regains 1 HP;
/// three successes make the character Stable, three failures dead.
pub fn death_save(rules: &Rules, ch: &Character, save: DeathSave) -> Result<Outcome> {
    not_dead(ch, "make death saving throws")?;
    if ch.state.hp != Some(0) || is_stable(ch) {
        let why = if is_stable(ch) {
            "is Stable"
        } else {
            "is not at 0 hit points"
        };
        return Err(refuse(
            "play.not_dying",
            format!("the character {why}"),
            Some("/state/hp".into()),
            vec![],
        ));
    }
    let mut rng = save.seed.map(crate::dice::DiceRng::new);
    let roll = d(20, save.roll, rng.as_mut(), "roll")?;
    let mut new = ch.clone();
    let mut events = Vec::new();
    let ds = new.state.death_saves;
    let summary;
    if roll == 20 {
        new.state.hp = Some(1);
        new.state.death_saves = Default::default();
        events.push(Event::DeathSave {
            roll: Some(roll),
            successes: 0,
            failures: 0,
        });
        events.push(Event::Healed {
            amount: 1,
            hp_before: 0,
            hp_after: 1,
        });
        remove_condition(&mut new, "unconscious", &mut events);
        summary = "Death save: natural 20, regains 1 HP and consciousness".to_string();
    } else {
        let (mut s, mut f) = (ds.successes, ds.failures);
        if roll == 1 {
            f = f.saturating_add(2).min(3);
        } else if roll >= 10 {
            s = s.saturating_add(1).min(3);
        } else {
            f = f.saturating_add(1).min(3);
        }
        new.state.death_saves.successes = s;
        new.state.death_saves.failures = f;
        events.push(Event::DeathSave {
            roll: Some(roll),
            successes: s,
            failures: f,
        });
        let mut text = format!("Death save {roll}: {s} successes, {f} failures");
        if f >= 3 {
            die(&mut new, "death saving throws", &mut events);
            text.push_str("; dead");
        } else if s >= 3 {
            new.state.death_saves.failures = 0;
            events.push(Event::Stabilized);
            text.push_str("; Stable");
        }
        summary = text;
    }
    finish(rules, ch, new, summary, events)
}
