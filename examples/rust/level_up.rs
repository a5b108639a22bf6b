//! Take a character from level 1 to 20, answering some decisions and letting the engine fill
//! the rest; multiclass on the way and print the spell slots.
//!
//! `cargo run -p dnd-core --example level_up`

use dnd_core::build::{LevelUp, NewCharacter, level_up, new_character};
use dnd_core::derive::derive;
use dnd_core::rules::Rules;

fn main() -> Result<(), dnd_core::Error> {
    let rules = Rules::try_srd()?;
    let req = NewCharacter {
        class: "paladin".into(),
        species: "dragonborn".into(),
        background: "soldier".into(),
        assign: Some("str=15,dex=10,con=13,int=8,wis=12,cha=14".into()),
        ..Default::default()
    };
    let mut ch = new_character(rules, &req)?.character;
    for level in 2..=12 {
        let class = if level <= 3 { "paladin" } else { "bard" };
        let mut req = LevelUp {
            class: class.into(),
            ..Default::default()
        };
        if level == 3 {
            req.subclass = Some("oath-of-devotion".into());
        }
        let out = level_up(rules, &ch, &req)?;
        println!("{}", out.summary);
        ch = out.character;
    }
    let sheet = derive(rules, &ch)?;
    if let Some(sc) = sheet.spellcasting {
        println!("caster level {}: slots {:?}", sc.caster_level, sc.slots);
    }
    Ok(())
}
