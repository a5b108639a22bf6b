//! One human line describing a diff: `Wizard 4 → 5; +1 3rd-level slot; learned Fireball`.

use std::collections::{BTreeMap, BTreeSet};

use super::diff::{Category, Diff};
use crate::derive::derive;
use crate::model::{Ability, Character};
use crate::rules::Rules;
use crate::sheet::Sheet;

mod play;

use play::{equipment, play_state};

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
