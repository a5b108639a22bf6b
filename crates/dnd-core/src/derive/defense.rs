//! Size, armor class, speed, hit points, hit dice, senses and resistances.

use super::context::Ctx;
use super::explain::{Explanation, Recorder, Term};
use super::gear::Gear;
use crate::model::{Ability, Die, Size, SpeedMode};
use crate::rules::{ArmorCategory, ArmorDef, Effect, HpPer, SpeedCondition};
use crate::sheet::*;

/// The character's size: the recorded choice, else the species's first.
pub(crate) fn size(ctx: &Ctx<'_>) -> Size {
    ctx.ch
        .species
        .size
        .filter(|s| ctx.species.sizes.contains(s))
        .or_else(|| ctx.species.sizes.iter().copied().max())
        .unwrap_or(Size::Medium)
}

enum Base<'a> {
    Armor(&'a ArmorDef),
    Unarmored,
    Formula(&'a str, i32, &'a [Ability]),
}

fn base_value(b: &Base<'_>, ab: &Abilities) -> i32 {
    match b {
        Base::Armor(a) => {
            let dex = if a.dex_bonus { ab.dex.modifier } else { 0 };
            a.base_ac + a.dex_cap.map_or(dex, |c| dex.min(c))
        }
        Base::Unarmored => 10 + ab.dex.modifier,
        Base::Formula(_, base, abilities) => {
            base + abilities.iter().map(|a| ab.get(*a).modifier).sum::<i32>()
        }
    }
}

fn base_explanation(b: &Base<'_>, ab: &Abilities) -> Explanation {
    let mut e = Explanation::default();
    let t = |s: String, v: i32| Term {
        source: s,
        value: v,
    };
    match b {
        Base::Armor(a) => {
            e.terms.push(t(a.name.to_lowercase(), a.base_ac));
            if !a.dex_bonus {
                e.notes
                    .push(format!("Dex not applied: {} armor", a.category.key()));
            } else {
                let dex = ab.dex.modifier;
                let applied = a.dex_cap.map_or(dex, |c| dex.min(c));
                e.terms.push(t("Dexterity modifier".into(), applied));
                if applied < dex {
                    e.notes
                        .push(format!("Dex capped at {}: medium armor", applied));
                }
            }
        }
        Base::Unarmored => {
            e.terms.push(t("unarmored".into(), 10));
            e.terms
                .push(t("Dexterity modifier".into(), ab.dex.modifier));
        }
        Base::Formula(name, base, abilities) => {
            e.terms.push(t(name.to_string(), *base));
            for a in abilities.iter() {
                e.terms
                    .push(t(format!("{} modifier", a.name()), ab.get(*a).modifier));
            }
        }
    }
    e
}

/// Armor class: the best base among armor, unarmored and every AC formula (they never stack),
/// then a shield and flat bonuses.
pub(crate) fn armor_class(
    ctx: &Ctx<'_>,
    ab: &Abilities,
    gear: &Gear<'_>,
    rec: &mut Recorder<'_>,
) -> i32 {
    let mut best = match gear.armor {
        Some(a) => Base::Armor(a),
        None => Base::Unarmored,
    };
    let mut best_v = base_value(&best, ab);
    for (src, e) in &ctx.effects {
        if let Effect::AcFormula {
            base,
            abilities,
            armor_allowed,
            shield_allowed,
        } = e
        {
            if gear.armor.is_some() && !armor_allowed {
                continue;
            }
            if gear.shield.is_some() && !shield_allowed {
                rec.note("armor_class", || {
                    format!("{} not applied: shield", src.name)
                });
                continue;
            }
            let cand = Base::Formula(src.name, *base, abilities);
            let v = base_value(&cand, ab);
            if v > best_v {
                best = cand;
                best_v = v;
            }
        }
    }
    let mut ac = best_v;
    let mut expl = if rec.on() {
        base_explanation(&best, ab)
    } else {
        Explanation::default()
    };
    if let Some(s) = gear.shield {
        ac += s.base_ac;
        if rec.on() {
            expl.terms.push(Term {
                source: s.name.to_lowercase(),
                value: s.base_ac,
            });
        }
    }
    for (src, e) in &ctx.effects {
        if let Effect::AcBonus {
            amount,
            requires_armor,
        } = e
        {
            if *requires_armor && gear.armor.is_none() {
                continue;
            }
            ac += amount;
            if rec.on() {
                expl.terms.push(Term {
                    source: src.name.to_string(),
                    value: *amount,
                });
            }
        }
    }
    if rec.on() {
        expl.value = ac;
        if let Some(a) = gear.armor {
            if !gear.trained(ctx, a.category) {
                expl.notes
                    .push(format!("untrained in {} armor", a.category.key()));
            }
        }
        rec.set("armor_class", expl);
    }
    ac
}

fn class_level_of(ctx: &Ctx<'_>, class: Option<usize>) -> u32 {
    class.map_or(ctx.level, |i| ctx.classes[i].level)
}

/// Speeds, with armor, exhaustion and load applied.
pub(crate) fn speed(
    ctx: &Ctx<'_>,
    ab: &Abilities,
    gear: &Gear<'_>,
    capacity: i32,
    rec: &mut Recorder<'_>,
) -> Speeds {
    let p = "speed.walk";
    let mut walk = ctx
        .lineage
        .and_then(|l| l.speed)
        .unwrap_or(ctx.species.speed);
    rec.term(
        p,
        || {
            format!(
                "species {}",
                ctx.lineage.map_or(&ctx.species.name, |l| &l.name)
            )
        },
        walk,
    );
    let heavy = gear
        .armor
        .is_some_and(|a| a.category == ArmorCategory::Heavy);
    for (src, e) in &ctx.effects {
        if let Effect::SpeedBonus {
            mode: SpeedMode::Walk,
            amount,
            by_level,
            unless,
        } = e
        {
            let blocked = match unless {
                SpeedCondition::Never => false,
                SpeedCondition::HeavyArmor => heavy,
                SpeedCondition::ArmorOrShield => gear.armor.is_some() || gear.shield.is_some(),
            };
            let lvl = class_level_of(ctx, src.class) as usize;
            let v = if by_level.is_empty() {
                *amount
            } else {
                by_level.get(lvl.saturating_sub(1)).copied().unwrap_or(0)
            };
            if v == 0 {
                continue;
            }
            if blocked {
                rec.note(p, || format!("{} not applied: armor", src.name));
            } else {
                walk += v;
                rec.term(p, || src.name.to_string(), v);
            }
        }
    }
    if let Some(a) = gear.armor {
        if let Some(req) = a.strength_requirement {
            if ab.str.score < req as i32 {
                walk -= 10;
                rec.term(p, || format!("{} needs Strength {req}", a.name), -10);
            }
        }
    }
    let ex = ctx.ch.state.exhaustion as i32;
    if ex > 0 {
        walk -= 5 * ex;
        rec.term(p, || format!("exhaustion {ex}"), -5 * ex);
    }
    if gear.carried_weight > capacity as f64 && walk > 5 {
        rec.note(p, || {
            format!(
                "carrying {} lb over capacity {capacity} lb: at most 5 ft",
                gear.carried_weight
            )
        });
        walk = 5;
    }
    walk = walk.max(0);
    rec.total(p, walk);
    let mut out = Speeds {
        walk,
        ..Speeds::default()
    };
    for (_, e) in &ctx.effects {
        if let Effect::Speed {
            mode,
            feet,
            equal_to_walk,
        } = e
        {
            let v = if *equal_to_walk {
                walk
            } else {
                feet.unwrap_or(0)
            };
            let slot = match mode {
                SpeedMode::Walk => continue,
                SpeedMode::Burrow => &mut out.burrow,
                SpeedMode::Climb => &mut out.climb,
                SpeedMode::Fly => &mut out.fly,
                SpeedMode::Swim => &mut out.swim,
            };
            *slot = Some(slot.unwrap_or(0).max(v));
        }
    }
    out
}

/// Hit point maximum, current and temporary.
pub(crate) fn hit_points(ctx: &Ctx<'_>, ab: &Abilities, rec: &mut Recorder<'_>) -> HitPoints {
    let p = "hit_points.max";
    let con = ab.con.modifier;
    let mut max = 0;
    let (mut avg_total, mut rolled_total, mut con_part) = (0, 0, 0);
    for (i, lv) in ctx.ch.levels.iter().enumerate() {
        let die = ctx
            .classes
            .iter()
            .find(|c| c.def.id == lv.class)
            .map_or(Die::D8, |c| c.def.hit_die);
        let gained = if i == 0 {
            let v = die.faces() as i32;
            rec.term(
                p,
                || format!("level 1 {} ({} maximum)", ctx.first_class().name, die.key()),
                v,
            );
            v
        } else if let Some(r) = lv.hp_roll {
            rolled_total += r as i32;
            r as i32
        } else {
            let v = die.fixed_average() as i32;
            avg_total += v;
            v
        };
        // The Constitution modifier applies per level; each level gives at least 1 hit point.
        let with_con = (gained + con).max(1);
        con_part += with_con - gained;
        max += with_con;
    }
    if avg_total > 0 {
        rec.term(p, || "later levels (fixed average)".into(), avg_total);
    }
    if rolled_total > 0 {
        rec.term(p, || "later levels (rolled)".into(), rolled_total);
    }
    let lvl = ctx.level as i32;
    if con_part != 0 {
        rec.term(
            p,
            || format!("Constitution {con:+} x {lvl} levels (at least 1 per level)"),
            con_part,
        );
    }
    for (src, e) in &ctx.effects {
        if let Effect::HitPointsPerLevel { amount, per } = e {
            let n = match per {
                HpPer::CharacterLevel => lvl,
                HpPer::ClassLevel => class_level_of(ctx, src.class) as i32,
            };
            max += amount * n;
            rec.term(p, || format!("{} ({amount:+} x {n})", src.name), amount * n);
        }
    }
    rec.total(p, max);
    let current = ctx.ch.state.hp.unwrap_or(max).clamp(0, max);
    HitPoints {
        max,
        current,
        temp: ctx.ch.state.temp_hp,
    }
}

/// Hit dice by size, with those spent.
pub(crate) fn hit_dice(ctx: &Ctx<'_>) -> HitDice {
    let mut hd = HitDice::default();
    for c in &ctx.classes {
        let line = match c.def.hit_die {
            Die::D6 => &mut hd.d6,
            Die::D8 => &mut hd.d8,
            Die::D10 => &mut hd.d10,
            _ => &mut hd.d12,
        };
        line.total += c.level;
    }
    for (die, n) in &ctx.ch.state.hit_dice_spent {
        let line = match die {
            Die::D6 => &mut hd.d6,
            Die::D8 => &mut hd.d8,
            Die::D10 => &mut hd.d10,
            _ => &mut hd.d12,
        };
        line.spent = (*n).min(line.total);
    }
    hd
}

/// Damage resistances and darkvision range.
pub(crate) fn senses_and_resistances(ctx: &Ctx<'_>) -> (Vec<Text<'static>>, Option<i32>) {
    let mut res: Vec<Text<'static>> = Vec::new();
    let mut dv: Option<i32> = None;
    for (_, e) in &ctx.effects {
        match e {
            Effect::Resistance { damage } => {
                let s = Text::Borrowed(damage.key());
                if !res.contains(&s) {
                    res.push(s);
                }
            }
            Effect::Darkvision { range } => dv = Some(dv.unwrap_or(0).max(*range)),
            _ => {}
        }
    }
    res.sort();
    (res, dv)
}
