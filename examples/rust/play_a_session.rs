//! One session at the table: cast, take damage while concentrating, fall to 0, make death
//! saves, get healed, rest. Every step returns the new character and typed events.
//!
//! `cargo run -p dnd-core --example play_a_session`

use dnd_core::model::Character;
use dnd_core::play::health::{Damage, DeathSave, damage, death_save, heal};
use dnd_core::play::rest::long_rest;
use dnd_core::play::spells::{Cast, cast};
use dnd_core::rules::Rules;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rules = Rules::try_srd()?;
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/characters/cleric-5.json"
    );
    let mut ch = Character::from_json(&std::fs::read_to_string(path)?)?;
    let step = |ch: &mut Character, out: dnd_core::Result<dnd_core::play::Outcome>| match out {
        Ok(o) => {
            println!("{}", o.summary);
            *ch = o.character;
        }
        Err(e) => println!("refused [{}]: {e}", e.code()),
    };
    let spell = Cast::default();
    let out = cast(rules, &ch, "spiritual-weapon", spell);
    step(&mut ch, out);
    let out = damage(rules, &ch, 12, Damage::default());
    step(&mut ch, out);
    let out = damage(rules, &ch, 40, Damage::default());
    step(&mut ch, out);
    for roll in [14, 3] {
        let save = DeathSave {
            roll: Some(roll),
            seed: None,
        };
        let out = death_save(rules, &ch, save);
        step(&mut ch, out);
    }
    let out = heal(rules, &ch, 10);
    step(&mut ch, out);
    let out = long_rest(rules, &ch, Default::default());
    step(&mut ch, out);
    Ok(())
}
