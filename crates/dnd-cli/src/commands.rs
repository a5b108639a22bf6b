//! Each verb: parse, call the core, print.

use std::fmt::Write;

use dnd_core::derive::{Trail, derive_explained};
use dnd_core::model::Character;
use dnd_core::rules::Kind;

use crate::error::CliError;
use crate::packs::{read_text, rules};
use crate::text;
use crate::{Cli, Command, RulesCommand};

/// Example characters the demo embeds.
const DEMO: [(&str, &str); 3] = [
    (
        "paladin-3-bard-9.json",
        include_str!("../../../examples/characters/paladin-3-bard-9.json"),
    ),
    (
        "fighter-5-wizard-1.json",
        include_str!("../../../examples/characters/fighter-5-wizard-1.json"),
    ),
    (
        "warlock-3-sorcerer-2.json",
        include_str!("../../../examples/characters/warlock-3-sorcerer-2.json"),
    ),
];

fn kind(s: &str) -> Result<Kind, CliError> {
    Kind::parse(s).ok_or_else(|| CliError::UnknownKind {
        kind: s.to_string(),
        expected: Kind::ALL
            .iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    })
}

fn print_json(out: &mut String, v: &impl serde::Serialize) -> Result<(), CliError> {
    let s = serde_json::to_string_pretty(v)?;
    let _ = writeln!(out, "{s}");
    Ok(())
}

/// Runs the parsed command line, appending what it prints to `out`; gives the exit code.
pub fn run(cli: &Cli, out: &mut String) -> Result<u8, CliError> {
    match &cli.command {
        Command::Validate(a) => {
            let r = rules(&cli.packs)?;
            crate::validate_cmd::run(&r, a, out).map(|o| o.0)
        }
        Command::Rules {
            command: RulesCommand::Codes { json },
        } => crate::validate_cmd::codes(*json, out).map(|()| 0),
        Command::Rules {
            command: RulesCommand::Check { pack, json },
        } => {
            let mut base = Vec::new();
            if !cli.packs.is_empty() {
                base.push(dnd_core::rules::srd::srd_pack()?);
                for p in &cli.packs {
                    base.push(crate::packs::load_pack(p)?);
                }
            }
            let name = pack.display().to_string();
            crate::validate_cmd::check_pack(
                base,
                &crate::packs::load_pack(pack)?,
                &name,
                *json,
                out,
            )
        }
        Command::Store(c) => crate::store_cmd::run(cli, c, out),
        Command::Campaign(c) => crate::campaign_cmd::run(cli, c, out),
        Command::Gen(g) => crate::gen_cmd::run(cli, g, out),
        Command::Search(a) => crate::search_cmd::search(&engine(cli)?, a, out).map(|()| 0),
        Command::Index { command } => {
            crate::search_cmd::index(&engine(cli)?, command, out).map(|()| 0)
        }
        Command::History(c) => {
            let mut e = engine(cli)?;
            if let Some(p) = c.profile() {
                let profile = dnd_core::validate::Profile::from_json(&read_text(p)?)?;
                e = e.with_profile(profile);
            }
            crate::history_cmd::run(&e, c, out).map(|()| 0)
        }
        other => run_simple(cli, other, out).map(|()| 0),
    }
}

/// The engine over `--db` with the rules and `--author`.
pub fn engine(cli: &Cli) -> Result<dnd_engine::Engine, CliError> {
    let r = rules(&cli.packs)?.into_owned();
    let e = dnd_engine::Engine::open(&cli.db, std::borrow::Cow::Owned(r))?;
    Ok(e.with_actor(cli.author.clone()))
}

fn run_simple(cli: &Cli, command: &Command, out: &mut String) -> Result<(), CliError> {
    match command {
        Command::Rules {
            command: RulesCommand::List { kind: k, json },
        } => {
            let k = kind(k)?;
            let r = rules(&cli.packs)?;
            let list = r.list(k);
            if *json {
                let v: Vec<_> = list
                    .iter()
                    .map(|(id, name)| serde_json::json!({"id": id, "name": name}))
                    .collect();
                print_json(out, &v)
            } else {
                for (id, name) in list {
                    let _ = writeln!(out, "{id:<36} {name}");
                }
                Ok(())
            }
        }
        Command::Rules {
            command: RulesCommand::Show { kind: k, id, json },
        } => {
            let k = kind(k)?;
            let r = rules(&cli.packs)?;
            let v = r.show(k, id)?;
            if *json {
                print_json(out, &v)
            } else {
                let _ = write!(out, "{}", text::entry(&v));
                Ok(())
            }
        }
        Command::Sheet {
            file,
            json,
            explain,
        } => {
            let r = rules(&cli.packs)?;
            let src = read_text(file)?;
            let ch = Character::from_json(&src)?;
            let (sheet, trail) = derive_explained(&r, &ch)?;
            match (explain, json) {
                (Some(p), true) => print_json(out, &select(&trail, p)?),
                (Some(p), false) => {
                    for (path, e) in select(&trail, p)? {
                        let _ = writeln!(out, "{}", e.render(&path));
                    }
                    Ok(())
                }
                (None, true) => print_json(out, &sheet),
                (None, false) => {
                    let _ = write!(out, "{}", text::sheet(&sheet));
                    Ok(())
                }
            }
        }
        Command::Schema { name } => match dnd_core::schema::schema(name) {
            Some(s) => {
                let _ = write!(out, "{s}");
                Ok(())
            }
            None => Err(CliError::UnknownSchema {
                name: name.clone(),
                expected: dnd_core::schema::NAMES.join(", "),
            }),
        },
        Command::Demo { json } => demo(*json, out),
        Command::Roll(a) => crate::roll_cmd::run(a, out),
        Command::Build(b) => crate::build_cmd::run(&*rules(&cli.packs)?, b, out),
        Command::Inventory(c) => {
            let r = rules(&cli.packs)?;
            crate::inventory_cmd::run(&r, c, out)
        }
        Command::Play(p) => crate::play_cmd::run(&*rules(&cli.packs)?, p, out),
        Command::Validate(_)
        | Command::Campaign(_)
        | Command::Gen(_)
        | Command::Store(_)
        | Command::Search(_)
        | Command::Index { .. }
        | Command::History(_)
        | Command::Rules {
            command: RulesCommand::Codes { .. } | RulesCommand::Check { .. },
        } => Ok(()),
    }
}

/// The explanations at `prefix` (exact path, or every path under it).
fn select(trail: &Trail, prefix: &str) -> Result<Trail, CliError> {
    let out: Trail = trail
        .iter()
        .filter(|(k, _)| prefix.is_empty() || *k == prefix || k.starts_with(&format!("{prefix}.")))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if out.is_empty() {
        let near: Vec<&str> = trail
            .keys()
            .map(String::as_str)
            .filter(|k| k.starts_with(prefix.split('.').next().unwrap_or("")))
            .take(8)
            .collect();
        let hint = if near.is_empty() {
            trail.keys().take(8).cloned().collect::<Vec<_>>().join(", ")
        } else {
            near.join(", ")
        };
        return Err(CliError::ExplainPath {
            path: prefix.to_string(),
            hint,
        });
    }
    Ok(out)
}

fn demo(json: bool, out: &mut String) -> Result<(), CliError> {
    let r = dnd_core::rules::Rules::try_srd()?;
    let mut sheets = Vec::new();
    for (name, src) in DEMO {
        let ch = Character::from_json(src)?;
        let (sheet, trail) = derive_explained(r, &ch)?;
        if json {
            sheets.push(sheet.into_owned());
            continue;
        }
        let _ = writeln!(out, "=== {name} ===");
        let _ = write!(out, "{}", text::sheet(&sheet));
        let _ = writeln!(out, "--- why ---");
        for p in ["armor_class", "hit_points.max", "spellcasting.caster_level"] {
            if let Some(e) = trail.get(p) {
                let _ = writeln!(out, "{}", e.render(p));
            }
        }
        let _ = writeln!(out);
    }
    if !json {
        demo_build(r, out)?;
    }
    if json {
        print_json(out, &sheets)?;
    } else {
        let _ = writeln!(
            out,
            "Rules: {} classes, {} spells, {} creatures from the embedded SRD 5.2 pack.",
            r.classes.all().len(),
            r.spells.all().len(),
            r.creatures.all().len()
        );
    }
    Ok(())
}

/// The demo's second half: a character built and played through the core verbs.
fn demo_build(r: &dnd_core::rules::Rules, out: &mut String) -> Result<(), CliError> {
    use dnd_core::build::{LevelUp, NewCharacter, level_up, new_character};
    let _ = writeln!(
        out,
        "=== built with `dnd new` and `dnd level-up`, then played ==="
    );
    let req = NewCharacter {
        class: "cleric".into(),
        species: "dwarf".into(),
        background: "acolyte".into(),
        name: Some("Brannik".into()),
        ..Default::default()
    };
    let mut step = new_character(r, &req)?;
    let _ = writeln!(out, "{}", step.summary);
    for _ in 0..4 {
        let next = LevelUp {
            class: "cleric".into(),
            ..Default::default()
        };
        step = level_up(r, &step.character, &next)?;
        let _ = writeln!(out, "{}", step.summary);
    }
    let cast = dnd_core::play::spells::Cast {
        slot_level: None,
        ritual: false,
        pact: None,
    };
    let spell = step.character.levels[0]
        .spells
        .first()
        .cloned()
        .unwrap_or_default();
    for verb in [
        dnd_core::play::spells::cast(r, &step.character, &spell, cast),
        dnd_core::play::health::damage(r, &step.character, 9, Default::default()),
    ] {
        let o = verb?;
        let _ = writeln!(out, "{}", o.summary);
        step.character = o.character;
    }
    let o = dnd_core::play::rest::long_rest(r, &step.character, Default::default())?;
    let _ = writeln!(out, "{}\n", o.summary);
    Ok(())
}
