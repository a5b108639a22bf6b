//! Properties of `merge3` on random edits of a level-5 cleric: symmetry up to ours/theirs,
//! merging a branch into itself is a no-op, and one unchanged side gives the other side.

use dnd_core::history::{Conflict, Merged, merge3};
use dnd_core::model::Character;
use proptest::prelude::*;

use super::{example, no_res, rules};

#[derive(Debug, Clone)]
enum Edit {
    Str(i32),
    Name(u8),
    Hp(i32),
    FullHp,
    Temp(i32),
    Condition(u8, bool),
    Xp(u32),
    Slot(usize, u8),
    Quantity(usize, u32),
    Drop(usize),
    Add(u8),
    Gold(u32),
    Counter(u8, u32),
    Level,
}

const CONDITIONS: [&str; 4] = ["poisoned", "prone", "blinded", "frightened"];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (8..=16i32).prop_map(Edit::Str),
        (0..3u8).prop_map(Edit::Name),
        (0..40i32).prop_map(Edit::Hp),
        Just(Edit::FullHp),
        (0..10i32).prop_map(Edit::Temp),
        (0..4u8, any::<bool>()).prop_map(|(c, on)| Edit::Condition(c, on)),
        (0..500u32).prop_map(Edit::Xp),
        (0..3usize, 0..4u8).prop_map(|(l, n)| Edit::Slot(l, n)),
        (0..8usize, 1..20u32).prop_map(|(i, q)| Edit::Quantity(i, q)),
        (0..8usize).prop_map(Edit::Drop),
        (0..3u8).prop_map(Edit::Add),
        (0..50u32).prop_map(Edit::Gold),
        (0..2u8, 0..3u32).prop_map(|(c, n)| Edit::Counter(c, n)),
        Just(Edit::Level),
    ]
}

fn apply(base: &Character, edits: &[Edit]) -> Character {
    let mut ch = base.clone();
    for e in edits {
        let s = &mut ch.state;
        match *e {
            Edit::Str(v) => ch.abilities.base.str = v,
            Edit::Name(n) => ch.name = format!("Name {n}"),
            Edit::Hp(v) => s.hp = Some(v),
            Edit::FullHp => s.hp = None,
            Edit::Temp(v) => s.temp_hp = v,
            Edit::Condition(c, on) => {
                let c = CONDITIONS[usize::from(c)].to_string();
                s.conditions.retain(|x| *x != c);
                if on {
                    s.conditions.push(c);
                }
            }
            Edit::Xp(v) => ch.details.xp += v,
            Edit::Slot(l, n) => s.slots_spent[l] = n,
            Edit::Quantity(i, q) => {
                let n = ch.inventory.items.len().max(1);
                if let Some(item) = ch.inventory.items.get_mut(i % n) {
                    item.quantity = q;
                }
            }
            Edit::Drop(i) => {
                let n = ch.inventory.items.len().max(1);
                if i % n < ch.inventory.items.len() {
                    ch.inventory.items.remove(i % n);
                }
            }
            Edit::Add(k) => {
                if let Some(mut item) = ch.inventory.items.first().cloned() {
                    item.key = Some(format!("extra-{k}"));
                    if !ch.inventory.items.iter().any(|i| i.key == item.key) {
                        ch.inventory.items.push(item);
                    }
                }
            }
            Edit::Gold(g) => ch.inventory.currency.gp = g.into(),
            Edit::Counter(c, n) => {
                s.counters_spent.insert(format!("counter-{c}"), n);
            }
            Edit::Level => {
                if let Some(l) = ch.levels.last().cloned() {
                    ch.levels.push(l);
                }
            }
        }
    }
    ch
}

fn merged(base: &Character, ours: &Character, theirs: &Character) -> Merged {
    merge3(rules(), base, ours, theirs, &no_res()).expect("merges")
}

fn swapped(c: &Conflict) -> Conflict {
    Conflict {
        ours: c.theirs.clone(),
        theirs: c.ours.clone(),
        ..c.clone()
    }
}

proptest! {
    #[test]
    fn merge_is_symmetric_up_to_ours_and_theirs(
        a in prop::collection::vec(edit(), 0..5),
        b in prop::collection::vec(edit(), 0..5),
    ) {
        let base = example("cleric-5");
        let (x, y) = (apply(&base, &a), apply(&base, &b));
        let xy = merged(&base, &x, &y);
        let yx = merged(&base, &y, &x);
        prop_assert_eq!(&xy.character, &yx.character);
        let back: Vec<Conflict> = yx.conflicts.iter().map(swapped).collect();
        prop_assert_eq!(&xy.conflicts, &back);
    }

    #[test]
    fn merging_a_side_into_itself_or_over_an_unchanged_side_gives_that_side(
        a in prop::collection::vec(edit(), 0..5),
        b in prop::collection::vec(edit(), 0..5),
    ) {
        let base = example("cleric-5");
        let (x, y) = (apply(&base, &a), apply(&base, &b));
        let same = merged(&base, &x, &x);
        prop_assert_eq!(&same.character, &x);
        prop_assert!(same.conflicts.is_empty());
        let over = merged(&x, &x, &y);
        prop_assert_eq!(&over.character, &y);
        prop_assert!(over.conflicts.is_empty());
        prop_assert_eq!(&merged(&x, &y, &x).character, &y);
    }
}
