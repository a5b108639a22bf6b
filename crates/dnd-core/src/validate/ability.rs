//! Rules: ability scores (2024 standard array, point buy, 4d6 drop lowest, manual) and the
//! background's increases.

use serde_json::{Value, json};

use super::input::Input;
use super::patch::PatchOp;
use super::registry::{RuleDef, Sink, sections::*};
use super::report::Severity::{Error, Info, Warning};
use crate::model::{Ability, AbilityMethod, AbilityScores};
use crate::rules::tables::{POINT_BUY_BUDGET, STANDARD_ARRAY, point_buy_cost};

const CH: &str = "Character Creation";
const H: &str = "Step 3: Ability Scores";

macro_rules! rule {
    ($code:literal, $sev:expr, $heading:expr, $desc:literal, $reads:expr, $f:ident) => {
        super::registry::rule!($code, $sev, CH, $heading, $desc, $reads, false, $f)
    };
}

pub(super) const RULES: &[RuleDef] = &[
    rule!(
        "ability.standard_array.mismatch",
        Error,
        H,
        "standard-array scores are not 15, 14, 13, 12, 10, 8 in some order",
        ABILITIES,
        standard_array
    ),
    rule!(
        "ability.point_buy.range",
        Error,
        H,
        "a point-buy score below 8 or above 15",
        ABILITIES,
        point_buy_range
    ),
    rule!(
        "ability.point_buy.over_budget",
        Error,
        H,
        "point-buy costs exceed the budget (27 points unless the profile says otherwise)",
        ABILITIES,
        point_buy_over
    ),
    rule!(
        "ability.point_buy.under_budget",
        Warning,
        H,
        "point-buy leaves points unspent",
        ABILITIES,
        point_buy_under
    ),
    rule!(
        "ability.roll.missing",
        Error,
        H,
        "rolled scores without the six recorded 4d6 rolls",
        ABILITIES,
        roll_missing
    ),
    rule!(
        "ability.roll.mismatch",
        Error,
        H,
        "rolled scores that do not match the recorded rolls (4d6, drop the lowest)",
        ABILITIES,
        roll_mismatch
    ),
    rule!(
        "ability.manual.used",
        Info,
        H,
        "scores entered by hand (allowed only where the profile allows it)",
        ABILITIES,
        manual_used
    ),
    rule!(
        "ability.background.increase",
        Error,
        "Adjust Ability Scores",
        "background increases are not +2/+1 or +1/+1/+1 among the background's three abilities",
        BACKGROUND,
        background_increase
    ),
    rule!(
        "ability.score.above_20",
        Error,
        "Adjust Ability Scores",
        "a score above 20 before feats (only Epic Boons and features may pass 20, up to 30)",
        ABILITIES | BACKGROUND,
        above_20
    ),
];

fn base(input: &Input<'_>) -> [i32; 6] {
    input.ch.abilities.base.to_array()
}

fn scores_json(a: [i32; 6]) -> Value {
    serde_json::to_value(AbilityScores::from_array(a)).unwrap_or(Value::Null)
}

/// Assigns `values` (sorted high to low) to the abilities in the order of the current scores,
/// keeping the player's ranking.
fn assign_by_rank(current: [i32; 6], mut values: Vec<i32>) -> [i32; 6] {
    values.sort_unstable_by(|a, b| b.cmp(a));
    let mut order: Vec<usize> = (0..6).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(current[i]), i));
    let mut out = [0; 6];
    for (rank, &i) in order.iter().enumerate() {
        out[i] = values.get(rank).copied().unwrap_or(8);
    }
    out
}

fn method(input: &Input<'_>, m: AbilityMethod) -> bool {
    input.ch.abilities.method == m
}

fn standard_array(input: &Input<'_>, out: &mut Sink<'_>) {
    if !method(input, AbilityMethod::StandardArray) {
        return;
    }
    let mut sorted = base(input);
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    if sorted != STANDARD_ARRAY {
        let fixed = assign_by_rank(base(input), STANDARD_ARRAY.to_vec());
        out.push(
            "/abilities/base",
            format!("standard array scores must be 15, 14, 13, 12, 10, 8; found {sorted:?}"),
        )
        .fix(vec![PatchOp::Replace {
            path: "/abilities/base".into(),
            value: scores_json(fixed),
        }])
        .suggest("assign 15, 14, 13, 12, 10 and 8, one to each ability");
    }
}

fn point_buy_range(input: &Input<'_>, out: &mut Sink<'_>) {
    if !method(input, AbilityMethod::PointBuy) {
        return;
    }
    for a in Ability::ALL {
        let v = input.ch.abilities.base.get(a);
        if point_buy_cost(v).is_none() {
            let path = format!("/abilities/base/{}", a.key());
            out.push(
                path.clone(),
                format!("point buy allows 8 to 15; {} is {v}", a.name()),
            )
            .fix(vec![PatchOp::Replace {
                path,
                value: json!(v.clamp(8, 15)),
            }]);
        }
    }
}

fn cost(scores: [i32; 6]) -> i32 {
    scores
        .iter()
        .map(|s| point_buy_cost((*s).clamp(8, 15)).unwrap_or(0))
        .sum()
}

fn budget(input: &Input<'_>) -> i32 {
    input.profile.point_buy_budget.unwrap_or(POINT_BUY_BUDGET)
}

fn point_buy_over(input: &Input<'_>, out: &mut Sink<'_>) {
    if !method(input, AbilityMethod::PointBuy) {
        return;
    }
    let (c, b) = (cost(base(input)), budget(input));
    if c > b {
        let mut s = base(input).map(|v| v.clamp(8, 15));
        while cost(s) > b {
            let i = (0..6)
                .max_by_key(|&i| (s[i], std::cmp::Reverse(i)))
                .unwrap_or(0);
            if s[i] <= 8 {
                break;
            }
            s[i] -= 1;
        }
        out.push(
            "/abilities/base",
            format!("point buy costs {c} points; the budget is {b}"),
        )
        .fix(vec![PatchOp::Replace {
            path: "/abilities/base".into(),
            value: scores_json(s),
        }])
        .suggest("lower the highest scores (14 and 15 cost 7 and 9 points)");
    }
}

fn point_buy_under(input: &Input<'_>, out: &mut Sink<'_>) {
    if !method(input, AbilityMethod::PointBuy) {
        return;
    }
    let (c, b) = (cost(base(input)), budget(input));
    if c < b {
        out.push(
            "/abilities/base",
            format!("point buy spends {c} of {b} points"),
        );
    }
}

fn roll_missing(input: &Input<'_>, out: &mut Sink<'_>) {
    if method(input, AbilityMethod::Roll) && input.ch.abilities.rolls.len() != 6 {
        out.push(
            "/abilities/rolls",
            format!(
                "six 4d6 rolls are needed; {} recorded",
                input.ch.abilities.rolls.len()
            ),
        );
    }
}

fn roll_mismatch(input: &Input<'_>, out: &mut Sink<'_>) {
    let rolls = &input.ch.abilities.rolls;
    if !method(input, AbilityMethod::Roll) || rolls.len() != 6 {
        return;
    }
    if let Some(i) = rolls
        .iter()
        .position(|r| r.iter().any(|d| !(1..=6).contains(d)))
    {
        out.push(
            format!("/abilities/rolls/{i}"),
            "each die of a 4d6 roll is 1 to 6",
        );
        return;
    }
    let totals: Vec<i32> = rolls
        .iter()
        .map(crate::rules::tables::drop_lowest_total)
        .collect();
    let mut want = totals.clone();
    want.sort_unstable();
    let mut have = base(input).to_vec();
    have.sort_unstable();
    if want != have {
        let fixed = assign_by_rank(base(input), totals);
        out.push(
            "/abilities/base",
            format!("the rolls give {want:?} (lowest die dropped); the scores are {have:?}"),
        )
        .fix(vec![PatchOp::Replace {
            path: "/abilities/base".into(),
            value: scores_json(fixed),
        }]);
    }
}

fn manual_used(input: &Input<'_>, out: &mut Sink<'_>) {
    if method(input, AbilityMethod::Manual) {
        out.push(
            "/abilities/method",
            "scores were entered by hand; the campaign's profile decides whether that is allowed",
        );
    }
}

fn background_increase(input: &Input<'_>, out: &mut Sink<'_>) {
    let Some(bg) = input.rules.backgrounds.get(&input.ch.background.id) else {
        return;
    };
    let inc = &input.ch.background.ability_increases;
    let outside: Vec<&str> = inc
        .iter()
        .filter(|(a, v)| **v != 0 && !bg.abilities.contains(a))
        .map(|(a, _)| a.key())
        .collect();
    let mut values: Vec<i32> = inc.values().copied().filter(|v| *v != 0).collect();
    values.sort_unstable();
    let pattern_ok = values == [1, 2] || values == [1, 1, 1];
    if outside.is_empty() && pattern_ok {
        return;
    }
    let allowed: Vec<&str> = bg.abilities.iter().map(|a| a.key()).collect();
    let msg = if !outside.is_empty() {
        format!(
            "{} may increase only {}; found {}",
            bg.name,
            allowed.join(", "),
            outside.join(", ")
        )
    } else {
        format!("background increases must be +2 and +1, or +1 three times; found {values:?}")
    };
    let mut ranked: Vec<Ability> = bg.abilities.clone();
    ranked.sort_by_key(|a| std::cmp::Reverse(input.ch.abilities.base.get(*a)));
    let fixed = json!({ ranked[0].key(): 2, ranked.get(1).map_or("str", |a| a.key()): 1 });
    out.push("/background/ability_increases", msg)
        .fix(vec![PatchOp::Replace {
            path: "/background/ability_increases".into(),
            value: fixed,
        }])
        .suggest(format!(
            "+2 to one of {} and +1 to another, or +1 to all three",
            allowed.join(", ")
        ));
}

fn above_20(input: &Input<'_>, out: &mut Sink<'_>) {
    for a in Ability::ALL {
        let inc = input
            .ch
            .background
            .ability_increases
            .get(&a)
            .copied()
            .unwrap_or(0);
        let v = input.ch.abilities.base.get(a).saturating_add(inc);
        if v > 20 {
            out.push(
                format!("/abilities/base/{}", a.key()),
                format!("{} is {v} before feats; at most 20", a.name()),
            );
        }
    }
}
