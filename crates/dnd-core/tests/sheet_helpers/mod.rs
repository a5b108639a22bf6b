//! Helpers shared by the example-sheet tests: derive an example and read its numbers as tuples.
#![allow(dead_code)]

use dnd_core::derive::derive;
use dnd_core::model::{Ability, Character};
use dnd_core::rules::Rules;
use dnd_core::sheet::{Attack, CasterLine, Sheet, SkillLine};

pub fn sheet(json: &str) -> Sheet<'static> {
    let ch = Character::from_json(json).expect("example file parses");
    derive(Rules::srd(), &ch)
        .expect("example file derives")
        .into_owned()
}

/// `(score, modifier, save)` for Str, Dex, Con, Int, Wis, Cha.
pub fn abilities(s: &Sheet) -> [(i32, i32, i32); 6] {
    Ability::ALL.map(|a| {
        let l = s.abilities.get(a);
        (l.score, l.modifier, l.save)
    })
}

/// `(bonus, proficient, expertise)`.
pub fn skill(l: &SkillLine) -> (i32, bool, bool) {
    (l.bonus, l.proficient, l.expertise)
}

/// Hit dice totals as `[d6, d8, d10, d12]`.
pub fn hit_dice(s: &Sheet) -> [u32; 4] {
    let h = &s.hit_dice;
    [h.d6.total, h.d8.total, h.d10.total, h.d12.total]
}

pub fn caster_line<'a>(s: &'a Sheet<'a>, class: &str) -> &'a CasterLine<'a> {
    let sc = s.spellcasting.as_ref().expect("a spellcasting block");
    sc.classes
        .iter()
        .find(|c| c.class == class)
        .unwrap_or_else(|| panic!("no caster line for {class}"))
}

/// `(save DC, spell attack bonus, prepared max, cantrips max)` of one class.
pub fn caster(s: &Sheet, class: &str) -> (i32, i32, u32, u32) {
    let c = caster_line(s, class);
    (c.save_dc, c.attack_bonus, c.prepared_max, c.cantrips_max)
}

/// Spell slots of levels 1-9 and Pact Magic `(slots, slot level)`.
pub fn slots(s: &Sheet) -> ([u8; 9], Option<(u8, u8)>) {
    let sc = s.spellcasting.as_ref().expect("a spellcasting block");
    (sc.slots, sc.pact.map(|p| (p.slots, p.level)))
}

pub fn attack<'a>(s: &'a Sheet<'a>, item: &str) -> &'a Attack<'a> {
    s.attacks
        .iter()
        .find(|a| a.item == item)
        .unwrap_or_else(|| panic!("no attack line for {item}"))
}

/// `(to_hit, damage)` of the attack line for an item.
pub fn hit(s: &Sheet, item: &str) -> (i32, String) {
    let a = attack(s, item);
    (a.to_hit, a.damage.to_string())
}

pub fn counter(s: &Sheet, id: &str) -> u32 {
    s.counters
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no counter {id}"))
        .max
}
