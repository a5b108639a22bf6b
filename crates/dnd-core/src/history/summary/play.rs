//! The play-state and equipment parts of a summary.

use std::collections::BTreeSet;

use super::{Parts, added, ordinal};
use crate::history::Category;
use crate::model::{Character, InventoryItem};
use crate::rules::Rules;
use crate::sheet::Sheet;

pub(super) fn play_state(
    rules: &Rules,
    a: &Character,
    b: &Character,
    sa: Option<&Sheet<'_>>,
    sb: Option<&Sheet<'_>>,
    s: &mut Parts,
) {
    let r = Category::Resource;
    let (x, y) = (&a.state, &b.state);
    if x.hp != y.hp {
        let show = |hp: Option<i32>, sh: Option<&Sheet<'_>>| match (hp, sh) {
            (_, Some(sh)) => sh.hit_points.current.to_string(),
            (Some(n), None) => n.to_string(),
            (None, None) => "full".into(),
        };
        let (p, q) = (show(x.hp, sa), show(y.hp, sb));
        if p != q {
            s.add(r, format!("Hit points {p} → {q}"));
        }
    }
    if x.temp_hp != y.temp_hp {
        s.add(
            r,
            format!("Temporary hit points {} → {}", x.temp_hp, y.temp_hp),
        );
    }
    let spent = |d: i64, what: String| {
        let verb = if d > 0 { "spent" } else { "regained" };
        format!("{verb} {} {what}", d.abs())
    };
    for (i, (p, q)) in x.slots_spent.iter().zip(&y.slots_spent).enumerate() {
        let d = i64::from(*q) - i64::from(*p);
        if d != 0 {
            let what = if d.abs() == 1 { "slot" } else { "slots" };
            s.add(r, spent(d, format!("{}-level {what}", ordinal(i + 1))));
        }
    }
    let d = i64::from(y.pact_slots_spent) - i64::from(x.pact_slots_spent);
    if d != 0 {
        let what = if d.abs() == 1 {
            "pact slot"
        } else {
            "pact slots"
        };
        s.add(r, spent(d, what.into()));
    }
    let counter_name = |id: &str| -> String {
        [sb, sa]
            .into_iter()
            .flatten()
            .flat_map(|sh| sh.counters.iter())
            .find(|c| c.id == id)
            .map_or_else(|| id.to_string(), |c| c.name.to_string())
    };
    let ids: BTreeSet<&String> = x
        .counters_spent
        .keys()
        .chain(y.counters_spent.keys())
        .collect();
    for id in ids {
        let p = x.counters_spent.get(id).copied().unwrap_or(0);
        let q = y.counters_spent.get(id).copied().unwrap_or(0);
        let d = i64::from(q) - i64::from(p);
        if d != 0 {
            s.add(r, spent(d, counter_name(id)));
        }
    }
    let dice: BTreeSet<_> = x
        .hit_dice_spent
        .keys()
        .chain(y.hit_dice_spent.keys())
        .collect();
    for die in dice {
        let p = x.hit_dice_spent.get(die).copied().unwrap_or(0);
        let q = y.hit_dice_spent.get(die).copied().unwrap_or(0);
        let d = i64::from(q) - i64::from(p);
        if d != 0 {
            let what = if d.abs() == 1 { "hit die" } else { "hit dice" };
            s.add(r, spent(d, format!("{} {what}", die.key())));
        }
    }
    if x.exhaustion != y.exhaustion {
        s.add(r, format!("Exhaustion {} → {}", x.exhaustion, y.exhaustion));
    }
    if x.death_saves != y.death_saves {
        let (p, q) = (x.death_saves, y.death_saves);
        s.add(
            r,
            format!(
                "Death saves {}/{} → {}/{} (successes/failures)",
                p.successes, p.failures, q.successes, q.failures
            ),
        );
    }
    if x.heroic_inspiration != y.heroic_inspiration {
        let verb = if y.heroic_inspiration {
            "gained"
        } else {
            "used"
        };
        s.add(r, format!("{verb} Heroic Inspiration"));
    }
    let cond = |id: &str| {
        rules
            .conditions
            .get(id)
            .map_or(id.to_string(), |c| c.name.clone())
    };
    let (ca, cb): (Vec<&str>, Vec<&str>) = (
        x.conditions.iter().map(String::as_str).collect(),
        y.conditions.iter().map(String::as_str).collect(),
    );
    for c in added(&ca, &cb) {
        s.add(r, format!("now {}", cond(c)));
    }
    for c in added(&cb, &ca) {
        s.add(r, format!("no longer {}", cond(c)));
    }
}

fn item_name(rules: &Rules, it: &InventoryItem) -> String {
    it.name.clone().unwrap_or_else(|| {
        rules
            .item(&it.item)
            .map_or_else(|| it.item.clone(), |r| r.name().to_string())
    })
}

fn counted(sign: &str, n: i64, name: &str) -> String {
    if n == 1 {
        format!("{sign} {name}")
    } else {
        format!("{sign} {n} {name}")
    }
}

pub(super) fn equipment(rules: &Rules, a: &Character, b: &Character, s: &mut Parts) {
    let e = Category::Equipment;
    let (ia, ib) = (&a.inventory.items, &b.inventory.items);
    let find = |v: &'_ [InventoryItem], k: &str| v.iter().position(|x| x.instance_key() == k);
    for it in ib.iter().filter(|x| find(ia, x.instance_key()).is_none()) {
        s.add(e, counted("+", it.quantity.into(), &item_name(rules, it)));
    }
    for it in ia.iter().filter(|x| find(ib, x.instance_key()).is_none()) {
        s.add(e, counted("−", it.quantity.into(), &item_name(rules, it)));
    }
    for q in ib {
        let Some(p) = find(ia, q.instance_key()).and_then(|i| ia.get(i)) else {
            continue;
        };
        let name = item_name(rules, q);
        let d = i64::from(q.quantity) - i64::from(p.quantity);
        if d > 0 {
            s.add(e, counted("+", d, &name));
        } else if d < 0 {
            s.add(e, counted("−", -d, &name));
        }
        if p.equipped != q.equipped {
            let verb = if q.equipped { "equipped" } else { "unequipped" };
            s.add(e, format!("{verb} {name}"));
        }
        if p.attuned != q.attuned {
            let verb = if q.attuned { "attuned" } else { "unattuned" };
            s.add(e, format!("{verb} {name}"));
        }
    }
    let (ca, cb) = (&a.inventory.currency, &b.inventory.currency);
    let coins = [
        ("cp", ca.cp, cb.cp),
        ("sp", ca.sp, cb.sp),
        ("ep", ca.ep, cb.ep),
        ("gp", ca.gp, cb.gp),
        ("pp", ca.pp, cb.pp),
    ];
    for (coin, p, q) in coins {
        if p != q {
            s.add(e, format!("{p} → {q} {coin}"));
        }
    }
}
