//! Rules: the state of play (hit points, slots, hit dice, counters, death saves, conditions).

use serde_json::json;

use super::input::Input;
use super::patch::PatchOp;
use super::registry::{RuleDef, Sink, sections::*};
use super::report::Severity::{Error, Warning};
use crate::model::Die;

const GL: &str = "Rules Glossary";

macro_rules! rule {
    ($code:literal, $sev:expr, $ch:expr, $heading:literal, $desc:literal, $reads:expr, $f:ident) => {
        super::registry::rule!($code, $sev, $ch, $heading, $desc, $reads, true, $f)
    };
}

pub(super) const RULES: &[RuleDef] = &[
    rule!(
        "state.hp.above_max",
        Error,
        GL,
        "Hit Points",
        "current hit points above the maximum",
        SHEET,
        hp_above_max
    ),
    rule!(
        "state.hp.negative",
        Error,
        GL,
        "Hit Points",
        "current hit points below 0",
        STATE,
        hp_negative
    ),
    rule!(
        "state.slots.overspent",
        Error,
        "Classes",
        "Spellcasting",
        "more spell slots of a level spent than the character has",
        SHEET,
        slots_overspent
    ),
    rule!(
        "state.pact_slots.overspent",
        Error,
        "Classes",
        "Pact Magic",
        "more Pact Magic slots spent than the character has",
        SHEET,
        pact_overspent
    ),
    rule!(
        "state.hit_dice.overspent",
        Error,
        GL,
        "Hit Point Dice",
        "more hit dice of a size spent than the character has",
        SHEET,
        hit_dice_overspent
    ),
    rule!(
        "state.counters.unknown",
        Error,
        "Character Creation",
        "Record Class Features",
        "uses spent of a resource the character does not have",
        SHEET,
        counters_unknown
    ),
    rule!(
        "state.counters.overspent",
        Error,
        "Character Creation",
        "Record Class Features",
        "more uses of a resource spent than its maximum",
        SHEET,
        counters_overspent
    ),
    rule!(
        "state.death_saves.not_dying",
        Warning,
        GL,
        "Death Saving Throw",
        "death saving throws recorded while above 0 hit points",
        STATE,
        death_saves_not_dying
    ),
    rule!(
        "state.conditions.duplicate",
        Warning,
        GL,
        "Condition",
        "a condition listed twice (conditions do not stack)",
        STATE,
        conditions_duplicate
    ),
    rule!(
        "state.exhaustion.dead",
        Warning,
        GL,
        "Exhaustion",
        "exhaustion level 6: the character dies",
        STATE,
        exhaustion_dead
    ),
];

fn hp_above_max(input: &Input<'_>, out: &mut Sink<'_>) {
    let (Some(s), Some(hp)) = (&input.sheet, input.ch.state.hp) else {
        return;
    };
    if hp > s.hit_points.max {
        out.push(
            "/state/hp",
            format!(
                "current hit points {hp} exceed the maximum {}",
                s.hit_points.max
            ),
        )
        .fix(vec![PatchOp::Remove {
            path: "/state/hp".into(),
        }])
        .suggest("remove the current value to mean full hit points");
    }
}

fn hp_negative(input: &Input<'_>, out: &mut Sink<'_>) {
    if let Some(hp) = input.ch.state.hp.filter(|hp| *hp < 0) {
        out.push(
            "/state/hp",
            format!("current hit points are {hp}; the lowest is 0"),
        )
        .fix(vec![PatchOp::Replace {
            path: "/state/hp".into(),
            value: json!(0),
        }]);
    }
}

fn slots_overspent(input: &Input<'_>, out: &mut Sink<'_>) {
    let Some(s) = &input.sheet else { return };
    let have = s.spellcasting.as_ref().map_or([0; 9], |sc| sc.slots);
    for (i, spent) in input.ch.state.slots_spent.iter().enumerate() {
        if *spent > have[i] {
            let path = format!("/state/slots_spent/{i}");
            out.push(
                path.clone(),
                format!("{spent} level-{} slot(s) spent of {}", i + 1, have[i]),
            )
            .fix(vec![PatchOp::Replace {
                path,
                value: json!(have[i]),
            }]);
        }
    }
}

fn pact_overspent(input: &Input<'_>, out: &mut Sink<'_>) {
    let Some(s) = &input.sheet else { return };
    let have = s
        .spellcasting
        .as_ref()
        .and_then(|sc| sc.pact)
        .map_or(0, |p| p.slots);
    let spent = input.ch.state.pact_slots_spent;
    if spent > have {
        out.push(
            "/state/pact_slots_spent",
            format!("{spent} Pact Magic slot(s) spent of {have}"),
        )
        .fix(vec![PatchOp::Replace {
            path: "/state/pact_slots_spent".into(),
            value: json!(have),
        }]);
    }
}

fn hit_dice_overspent(input: &Input<'_>, out: &mut Sink<'_>) {
    let Some(s) = &input.sheet else { return };
    for (die, spent) in &input.ch.state.hit_dice_spent {
        let total = match die {
            Die::D6 => s.hit_dice.d6.total,
            Die::D8 => s.hit_dice.d8.total,
            Die::D10 => s.hit_dice.d10.total,
            Die::D12 => s.hit_dice.d12.total,
            _ => 0,
        };
        if *spent > total {
            let path = format!("/state/hit_dice_spent/{}", die.key());
            out.push(
                path.clone(),
                format!("{spent} {} spent of {total}", die.key()),
            )
            .fix(vec![PatchOp::Replace {
                path,
                value: json!(total),
            }]);
        }
    }
}

fn counters_unknown(input: &Input<'_>, out: &mut Sink<'_>) {
    let Some(s) = &input.sheet else { return };
    for id in input.ch.state.counters_spent.keys() {
        if !s.counters.iter().any(|c| c.id == id.as_str()) {
            let path = format!("/state/counters_spent/{id}");
            out.push(
                path.clone(),
                format!("the character has no resource `{id}`"),
            )
            .fix(vec![PatchOp::Remove { path }]);
        }
    }
}

fn counters_overspent(input: &Input<'_>, out: &mut Sink<'_>) {
    let Some(s) = &input.sheet else { return };
    for (id, spent) in &input.ch.state.counters_spent {
        if let Some(c) = s.counters.iter().find(|c| c.id == id.as_str()) {
            if *spent > c.max {
                let path = format!("/state/counters_spent/{id}");
                out.push(
                    path.clone(),
                    format!("{spent} uses of {} spent of {}", c.name, c.max),
                )
                .fix(vec![PatchOp::Replace {
                    path,
                    value: json!(c.max),
                }]);
            }
        }
    }
}

fn death_saves_not_dying(input: &Input<'_>, out: &mut Sink<'_>) {
    let st = &input.ch.state;
    let dying = st.hp == Some(0);
    if !dying && (st.death_saves.successes > 0 || st.death_saves.failures > 0) {
        out.push(
            "/state/death_saves",
            "death saving throws are recorded but the character is not at 0 hit points",
        )
        .fix(vec![PatchOp::Add {
            path: "/state/death_saves".into(),
            value: json!({"successes": 0, "failures": 0}),
        }]);
    }
}

fn conditions_duplicate(input: &Input<'_>, out: &mut Sink<'_>) {
    let c = &input.ch.state.conditions;
    for (i, id) in c.iter().enumerate() {
        if c[..i].contains(id) {
            let path = format!("/state/conditions/{i}");
            out.push(path.clone(), format!("{id} is listed twice"))
                .fix(vec![PatchOp::Remove { path }]);
        }
    }
}

fn exhaustion_dead(input: &Input<'_>, out: &mut Sink<'_>) {
    if input.ch.state.exhaustion >= 6 {
        out.push(
            "/state/exhaustion",
            "exhaustion level 6: the character has died",
        );
    }
}
