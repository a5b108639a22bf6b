//! One human line describing a diff: `Wizard 4 → 5; +1 3rd-level slot; learned Fireball`.

use std::collections::{BTreeMap, BTreeSet};

use super::diff::{Category, Diff};
use crate::derive::derive;
use crate::model::{Ability, Character, InventoryItem};
use crate::rules::Rules;
use crate::sheet::Sheet;

/// A summary of the change from `a` to `b` (whose diff is `diff`), parts separated by `; `.
///
/// Classes and levels, spell slots, maximum hit points and ability scores come from the derived
/// sheets (when a character does not derive, the parts that need its sheet fall back to the
/// character's own numbers or are left out); spells, items, conditions and classes are named
/// from the rules (raw ids when the rules lack them). Changes no part describes are counted per
/// category (`2 proficiency changes`, `3 changes` for uncategorised ones). An empty diff gives
/// `no changes`.
pub fn summary(rules: &Rules, a: &Character, b: &Character, diff: &Diff) -> String {
    if diff.is_empty() {
        return "no changes".into();
    }
    let sa = derive(rules, a).ok();
    let sb = derive(rules, b).ok();
    let mut s = Parts::default();
    classes(rules, a, b, &mut s);
    if let (Some(x), Some(y)) = (&sa, &sb) {
        sheets(x, y, &mut s);
    } else {
        base_scores(a, b, &mut s);
    }
    spells(rules, a, b, &mut s);
    play_state(rules, a, b, sa.as_ref(), sb.as_ref(), &mut s);
    equipment(rules, a, b, &mut s);
    if a.name != b.name {
        s.add(Category::Other, format!("Name {} → {}", a.name, b.name));
    }
    let mut counts: BTreeMap<Category, usize> = BTreeMap::new();
    for c in &diff.changes {
        *counts.entry(c.category).or_default() += 1;
    }
    for (cat, n) in counts {
        if !s.covered.contains(&cat) {
            let what = label(cat);
            let plural = if n == 1 { "" } else { "s" };
            s.parts.push(format!("{n} {what}change{plural}"));
        }
    }
    if s.parts.is_empty() {
        return format!("{} changes", diff.changes.len());
    }
    s.parts.join("; ")
}

#[derive(Default)]
struct Parts {
    parts: Vec<String>,
    covered: BTreeSet<Category>,
}

impl Parts {
    fn add(&mut self, cat: Category, part: String) {
        self.covered.insert(cat);
        self.parts.push(part);
    }
}

fn label(cat: Category) -> &'static str {
    match cat {
        Category::AbilityScore => "ability score ",
        Category::Level => "level ",
        Category::ClassFeature => "class feature ",
        Category::Equipment => "equipment ",
        Category::Spell => "spell ",
        Category::Proficiency => "proficiency ",
        Category::Resource => "resource ",
        Category::Theme => "theme ",
        Category::Other => "",
    }
}

fn ordinal(n: usize) -> String {
    let suffix = match n {
        1 => "st",
        2 => "nd",
        3 => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn class_name<'r>(rules: &'r Rules, id: &'r str) -> &'r str {
    rules.classes.get(id).map_or(id, |c| c.name.as_str())
}

fn subclass_name<'r>(rules: &'r Rules, id: &'r str) -> &'r str {
    rules.subclasses.get(id).map_or(id, |c| c.name.as_str())
}

fn spell_name<'r>(rules: &'r Rules, id: &'r str) -> &'r str {
    rules.spells.get(id).map_or(id, |s| s.name.as_str())
}

/// Levels per class in order of first appearance, with the last subclass named for each.
fn class_levels(ch: &Character) -> Vec<(&str, u32, Option<&str>)> {
    let mut out: Vec<(&str, u32, Option<&str>)> = Vec::new();
    for l in &ch.levels {
        let sub = l.subclass.as_deref();
        match out.iter_mut().find(|(c, _, _)| *c == l.class) {
            Some(e) => {
                e.1 += 1;
                e.2 = sub.or(e.2);
            }
            None => out.push((&l.class, 1, sub)),
        }
    }
    out
}

type ClassLevels<'c> = [(&'c str, u32, Option<&'c str>)];

fn find<'c>(v: &ClassLevels<'c>, id: &str) -> Option<(&'c str, u32, Option<&'c str>)> {
    v.iter().find(|e| e.0 == id).copied()
}

fn classes(rules: &Rules, a: &Character, b: &Character, s: &mut Parts) {
    let (ca, cb) = (class_levels(a), class_levels(b));
    for &(id, lb, subb) in &cb {
        let name = class_name(rules, id);
        let (la, suba) = find(&ca, id).map_or((0, None), |e| (e.1, e.2));
        if la != lb {
            s.add(Category::Level, format!("{name} {la} → {lb}"));
        }
        match (suba, subb) {
            (x, Some(y)) if x != Some(y) => {
                s.add(
                    Category::Level,
                    format!("{name} subclass {}", subclass_name(rules, y)),
                );
            }
            (Some(x), None) => s.add(
                Category::Level,
                format!("{name} subclass {} removed", subclass_name(rules, x)),
            ),
            _ => {}
        }
    }
    for &(id, la, _) in ca.iter().filter(|e| find(&cb, e.0).is_none()) {
        s.add(
            Category::Level,
            format!("{} {la} → 0", class_name(rules, id)),
        );
    }
}

fn sheets(a: &Sheet<'_>, b: &Sheet<'_>, s: &mut Parts) {
    let slots = |x: &Sheet<'_>| x.spellcasting.as_ref().map_or([0; 9], |c| c.slots);
    let (xa, xb) = (slots(a), slots(b));
    for (i, (p, q)) in xa.iter().zip(xb.iter()).enumerate() {
        let d = i64::from(*q) - i64::from(*p);
        if d != 0 {
            let what = if d.abs() == 1 { "slot" } else { "slots" };
            let sign = if d > 0 { "+" } else { "−" };
            let n = d.abs();
            s.add(
                Category::Level,
                format!("{sign}{n} {}-level {what}", ordinal(i + 1)),
            );
        }
    }
    let pact = |x: &Sheet<'_>| {
        x.spellcasting
            .as_ref()
            .and_then(|c| c.pact)
            .map_or((0, 0), |p| (p.slots, p.level))
    };
    let (pa, pb) = (pact(a), pact(b));
    if pa.0 != pb.0 {
        s.add(Category::Level, format!("Pact slots {} → {}", pa.0, pb.0));
    }
    if pa.1 != pb.1 && pa.1 > 0 && pb.1 > 0 {
        let (la, lb) = (ordinal(pa.1.into()), ordinal(pb.1.into()));
        s.add(Category::Level, format!("Pact slot level {la} → {lb}"));
    }
    if a.hit_points.max != b.hit_points.max {
        let (p, q) = (a.hit_points.max, b.hit_points.max);
        s.add(Category::Level, format!("Max hit points {p} → {q}"));
    }
    for ab in Ability::ALL {
        let (p, q) = (a.abilities.get(ab).score, b.abilities.get(ab).score);
        if p != q {
            s.add(Category::AbilityScore, format!("{} {p} → {q}", ab.name()));
        }
    }
}

fn base_scores(a: &Character, b: &Character, s: &mut Parts) {
    for ab in Ability::ALL {
        let (p, q) = (a.abilities.base.get(ab), b.abilities.base.get(ab));
        if p != q {
            s.add(Category::AbilityScore, format!("{} {p} → {q}", ab.name()));
        }
    }
}

/// Elements of `b` not in `a`, counting repeats, in `b`'s order.
fn added<'x>(a: &[&'x str], b: &[&'x str]) -> Vec<&'x str> {
    let mut left: BTreeMap<&str, usize> = BTreeMap::new();
    for x in a {
        *left.entry(x).or_default() += 1;
    }
    let mut out = Vec::new();
    for x in b {
        match left.get_mut(x) {
            Some(n) if *n > 0 => *n -= 1,
            _ => out.push(*x),
        }
    }
    out
}

fn named_list(rules: &Rules, verb: &str, ids: &[&str], s: &mut Parts) {
    if !ids.is_empty() {
        let names: Vec<&str> = ids.iter().map(|id| spell_name(rules, id)).collect();
        s.add(Category::Spell, format!("{verb} {}", names.join(", ")));
    }
}

fn spells(rules: &Rules, a: &Character, b: &Character, s: &mut Parts) {
    let learned = |c: &Character| -> Vec<String> {
        c.levels
            .iter()
            .flat_map(|l| l.cantrips.iter().chain(&l.spells))
            .cloned()
            .collect()
    };
    let prepared =
        |c: &Character| -> Vec<String> { c.state.prepared.values().flatten().cloned().collect() };
    let (la, lb) = (learned(a), learned(b));
    let (la, lb): (Vec<&str>, Vec<&str>) = (
        la.iter().map(String::as_str).collect(),
        lb.iter().map(String::as_str).collect(),
    );
    named_list(rules, "learned", &added(&la, &lb), s);
    named_list(rules, "forgot", &added(&lb, &la), s);
    let (pa, pb) = (prepared(a), prepared(b));
    let (pa, pb): (Vec<&str>, Vec<&str>) = (
        pa.iter().map(String::as_str).collect(),
        pb.iter().map(String::as_str).collect(),
    );
    named_list(rules, "prepared", &added(&pa, &pb), s);
    named_list(rules, "unprepared", &added(&pb, &pa), s);
    match (&a.state.concentration, &b.state.concentration) {
        (x, Some(y)) if x.as_ref() != Some(y) => {
            let y = spell_name(rules, y);
            s.add(Category::Spell, format!("concentrating on {y}"));
        }
        (Some(x), None) => {
            let x = spell_name(rules, x);
            s.add(Category::Spell, format!("ended concentration on {x}"));
        }
        _ => {}
    }
}

fn play_state(
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

fn equipment(rules: &Rules, a: &Character, b: &Character, s: &mut Parts) {
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
