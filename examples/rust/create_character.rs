//! Create a level 1 character step by step with the builder, the way a UI or a bot would:
//! ask for the pending decisions, answer some, let the rest be filled.
//!
//! `cargo run -p dnd-core --example create_character`

use dnd_core::build::Builder;
use dnd_core::rules::Rules;

fn main() -> Result<(), dnd_core::Error> {
    let rules = Rules::try_srd()?;
    let mut b = Builder::new(7);
    for (key, value) in [
        ("class", "bard"),
        ("skills", "performance,persuasion,insight"),
        ("background", "sage"),
        ("species", "gnome"),
        ("lineage", "forest-gnome"),
        ("ability-method", "point-buy"),
        ("scores", "str=8,dex=14,con=13,int=12,wis=10,cha=15"),
        ("alignment", "chaotic good"),
        ("name", "Tilda Quickfingers"),
    ] {
        b.choose(rules, key, value)?;
        let open = b
            .step(rules)?
            .map_or("none".to_string(), |s| format!("{s:?}"));
        println!("{key} = {value} (first step with open decisions: {open})");
    }
    for d in b.pending(rules)? {
        println!("still open: {} ({})", d.key, d.prompt);
    }
    let out = b.build(rules, false)?;
    println!("{}", out.summary);
    Ok(())
}
