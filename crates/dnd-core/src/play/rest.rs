//! Short and Long Rests. Either needs at least 1 hit point to start.
//!
//! A short rest spends hit dice (each die rolled plus the Constitution modifier, at least 1 HP
//! each), restores Pact Magic slots, counters that recharge on a short rest, and one use of
//! those that regain one use on a short rest. A long rest restores every hit point and every
//! spent hit die (2024), every slot and counter (except those that never recharge), ends
//! temporary hit points, clears death saves, removes one exhaustion level, and may change a
//! Circle of the Land druid's land.

use super::health::{d, not_dead};
use super::{Event, Outcome, finish, refuse};
use crate::derive::derive;
use crate::dice::DiceRng;
use crate::error::{Error, Result};
use crate::model::{Character, Die};
use crate::rules::{Recharge, Rules};
use crate::sheet::{HitDiceLine, Sheet};

/// What a short rest spends.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(default)]
pub struct ShortRest {
    /// Hit dice to spend, by size.
    pub spend: Vec<(Die, u32)>,
    /// The die rolls, one per die spent in order; else rolled from `seed`.
    pub rolls: Option<Vec<u32>>,
    pub seed: Option<u64>,
}

/// Options of a long rest.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(default)]
pub struct LongRest {
    /// A new land for Circle of the Land (`arid`, `polar`, `temperate`, `tropical`).
    pub land: Option<String>,
}

fn can_rest(ch: &Character) -> Result<()> {
    not_dead(ch, "rest")?;
    if ch.state.hp == Some(0) {
        return Err(refuse(
            "play.rest.no_hp",
            "a rest needs at least 1 hit point to start",
            Some("/state/hp".into()),
            vec!["heal first (`dnd heal FILE N`)".into()],
        ));
    }
    Ok(())
}

fn dice_line(sheet: &Sheet<'_>, die: Die) -> HitDiceLine {
    match die {
        Die::D6 => sheet.hit_dice.d6,
        Die::D8 => sheet.hit_dice.d8,
        Die::D10 => sheet.hit_dice.d10,
        Die::D12 => sheet.hit_dice.d12,
        _ => HitDiceLine::default(),
    }
}

fn unspent_dice(sheet: &Sheet<'_>) -> Vec<String> {
    [Die::D6, Die::D8, Die::D10, Die::D12]
        .into_iter()
        .filter_map(|die| {
            let l = dice_line(sheet, die);
            let left = l.total.saturating_sub(l.spent);
            (left > 0).then(|| format!("{left} {}", die.key()))
        })
        .collect()
}

/// A Short Rest: spends the hit dice asked for and recharges short-rest resources.
pub fn short_rest(rules: &Rules, ch: &Character, rest: ShortRest) -> Result<Outcome> {
    can_rest(ch)?;
    let sheet = derive(rules, ch)?;
    let (max, mut hp) = (sheet.hit_points.max, sheet.hit_points.current);
    let con = sheet.abilities.con.modifier;
    let mut new = ch.clone();
    let mut events = Vec::new();
    let mut asked: Vec<(Die, u32)> = Vec::new();
    for (die, n) in &rest.spend {
        match asked.iter_mut().find(|(d, _)| d == die) {
            Some((_, k)) => *k = k.saturating_add(*n),
            None => asked.push((*die, *n)),
        }
    }
    for (die, n) in &asked {
        let l = dice_line(&sheet, *die);
        let left = l.total.saturating_sub(l.spent);
        if *n > left {
            return Err(refuse(
                "play.hit_dice.unavailable",
                format!("{n} {} asked, {left} unspent", die.key()),
                Some(format!("/state/hit_dice_spent/{}", die.key())),
                unspent_dice(&sheet),
            ));
        }
    }
    let count: u64 = asked.iter().map(|(_, n)| u64::from(*n)).sum();
    if let Some(r) = &rest.rolls {
        if r.len() as u64 != count {
            return Err(Error::InvalidValue {
                path: "rolls".into(),
                reason: format!("{} rolls given for {count} hit dice", r.len()),
            });
        }
    }
    let mut rng = rest.seed.map(DiceRng::new);
    let mut given = rest.rolls.iter().flatten().copied();
    let mut healed_total = 0;
    for (die, n) in asked.iter().filter(|(_, n)| *n > 0) {
        let mut rolls = Vec::new();
        let mut healed = 0i32;
        for _ in 0..*n {
            let r = d(die.faces(), given.next(), rng.as_mut(), "rolls")?;
            rolls.push(r);
            let gain = (r as i32 + con).max(1);
            let after = hp.saturating_add(gain).min(max);
            healed += after - hp;
            hp = after;
        }
        let spent = new.state.hit_dice_spent.entry(*die).or_insert(0);
        *spent = spent.saturating_add(*n);
        healed_total += healed;
        events.push(Event::HitDiceSpent {
            die: *die,
            count: *n,
            rolls,
            healed,
        });
    }
    new.state.hp = if hp >= max { None } else { Some(hp) };
    let mut summary = format!("Short rest: {} HP", hp);
    if count > 0 {
        summary.push_str(&format!(" ({count} hit dice, +{healed_total})"));
    }
    if ch.state.pact_slots_spent > 0 {
        new.state.pact_slots_spent = 0;
        events.push(Event::SlotsRestored { pact: true });
        summary.push_str("; Pact Magic slots back");
    }
    for c in &sheet.counters {
        let uses = match c.recharge {
            Recharge::ShortRest => c.spent,
            Recharge::OneOnShortAllOnLong => c.spent.min(1),
            _ => 0,
        };
        if uses > 0 {
            restore(&mut new, &c.id, uses, &mut events);
            summary.push_str(&format!("; {} +{uses}", c.name));
        }
    }
    finish(rules, ch, new, summary, events)
}

fn restore(new: &mut Character, id: &str, uses: u32, events: &mut Vec<Event>) {
    let left = new
        .state
        .counters_spent
        .get(id)
        .copied()
        .unwrap_or(0)
        .saturating_sub(uses);
    if left == 0 {
        new.state.counters_spent.remove(id);
    } else {
        new.state.counters_spent.insert(id.to_string(), left);
    }
    events.push(Event::CounterRestored {
        counter: id.to_string(),
        uses,
    });
}

/// A Long Rest: everything back (see the module notes).
pub fn long_rest(rules: &Rules, ch: &Character, rest: LongRest) -> Result<Outcome> {
    can_rest(ch)?;
    let sheet = derive(rules, ch)?;
    let mut new = ch.clone();
    let mut events = Vec::new();
    let (max, cur) = (sheet.hit_points.max, sheet.hit_points.current);
    if cur < max {
        events.push(Event::Healed {
            amount: max - cur,
            hp_before: cur,
            hp_after: max,
        });
    }
    new.state.hp = None;
    new.state.temp_hp = 0;
    new.state.death_saves = Default::default();
    for (die, n) in std::mem::take(&mut new.state.hit_dice_spent) {
        if n > 0 {
            events.push(Event::HitDiceRegained { die, count: n });
        }
    }
    if ch.state.slots_spent.iter().any(|n| *n > 0) {
        new.state.slots_spent = [0; 9];
        events.push(Event::SlotsRestored { pact: false });
    }
    if ch.state.pact_slots_spent > 0 {
        new.state.pact_slots_spent = 0;
        events.push(Event::SlotsRestored { pact: true });
    }
    for c in &sheet.counters {
        if c.spent > 0 && c.recharge != Recharge::Never {
            restore(&mut new, &c.id, c.spent, &mut events);
        }
    }
    let mut summary = format!("Long rest: {max} HP, slots, hit dice and resources restored");
    if ch.state.exhaustion > 0 {
        let to = ch.state.exhaustion - 1;
        new.state.exhaustion = to;
        events.push(Event::ExhaustionChanged {
            from: ch.state.exhaustion,
            to,
        });
        summary.push_str(&format!("; exhaustion {} → {to}", ch.state.exhaustion));
    }
    if let Some(land) = rest.land {
        let Some(i) = new
            .levels
            .iter()
            .position(|l| l.class == "druid" && l.choices.contains_key("land"))
        else {
            return Err(Error::InvalidValue {
                path: "land".into(),
                reason: "the character has no Circle of the Land choice recorded (`land` at a Druid level)".into(),
            });
        };
        summary.push_str(&format!("; land: {land}"));
        let from = new.levels[i]
            .choices
            .insert("land".into(), land.clone())
            .unwrap_or_default();
        events.push(Event::ChoiceChanged {
            key: format!("/levels/{i}/choices/land"),
            from,
            to: land,
        });
    }
    finish(rules, ch, new, summary, events)
}
