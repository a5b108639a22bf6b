//! `dnd chapter add|order|remove` and `dnd npc add|relate`.

use std::fmt::Write;

use dnd_core::campaign::LevelRange;
use dnd_core::campaign::chapters::{Chapter, ChapterKind};
use dnd_core::campaign::npcs::{Npc, Relationship, StatBlock};
use dnd_engine::Engine;

use crate::campaign_args::{ChapterSub, NpcSub};
use crate::campaign_cmd::saved;
use crate::campaign_parse::{json_file, word};
use crate::edit::print_json;
use crate::error::CliError;

pub fn chapter(e: &Engine, cmd: &ChapterSub, out: &mut String) -> Result<(), CliError> {
    match cmd {
        ChapterSub::Add {
            on,
            id,
            title,
            kind,
            requires,
            levels,
            npcs,
            locations,
            summary,
            file,
        } => {
            let mut ch: Chapter = match file {
                Some(f) => json_file(f)?,
                None => Chapter::default(),
            };
            if let Some(i) = id {
                ch.id = i.clone();
            }
            if let Some(t) = title {
                ch.title = t.clone();
            }
            if let Some(k) = kind {
                ch.kind = word::<ChapterKind>(
                    "kind",
                    k,
                    "intro, story, side-quest, boss-battle, finale",
                )?;
            }
            ch.prerequisites
                .extend(requires.iter().filter(|s| !s.is_empty()).cloned());
            if let Some(l) = levels {
                ch.level_range = Some(LevelRange::parse(l)?);
            }
            ch.npcs.extend(npcs.iter().cloned());
            ch.locations.extend(locations.iter().cloned());
            if !summary.is_empty() {
                ch.summary = summary.clone();
            }
            let s = e.chapter_add(&on.campaign, &on.branch, &ch)?;
            saved(out, &s, on.json, &format!("added chapter {}", ch.id))
        }
        ChapterSub::Order { campaign, at, json } => {
            let o = e.chapter_order(campaign, at.as_deref())?;
            if *json {
                return print_json(out, &o);
            }
            for x in o {
                let _ = writeln!(
                    out,
                    "{}. {}{} {}",
                    x.position,
                    "  ".repeat(x.depth),
                    x.id,
                    x.title
                );
            }
            Ok(())
        }
        ChapterSub::Remove { on, id } => {
            let s = e.chapter_remove(&on.campaign, &on.branch, id)?;
            saved(out, &s, on.json, &format!("removed chapter {id}"))
        }
    }
}

pub fn npc(e: &Engine, cmd: &NpcSub, out: &mut String) -> Result<(), CliError> {
    match cmd {
        NpcSub::Add {
            on,
            id,
            name,
            role,
            importance,
            species,
            class,
            level,
            creature,
            faction,
            goals,
            secrets,
            personality,
            file,
        } => {
            let mut n: Npc = match file {
                Some(f) => json_file(f)?,
                None => Npc {
                    alive: true,
                    ..Default::default()
                },
            };
            if let Some(i) = id {
                n.id = i.clone();
            }
            if let Some(x) = name {
                n.name = x.clone();
            }
            if let Some(r) = role {
                n.role = word(
                    "role",
                    r,
                    "ally, villain, patron, merchant, informant, rival, neutral",
                )?;
            }
            if let Some(i) = importance {
                n.importance = word("importance", i, "minor, supporting, major, critical")?;
            }
            if species.is_some() {
                n.species = species.clone();
            }
            match (class, creature) {
                (Some(c), None) => {
                    n.stats = Some(StatBlock::Class {
                        class: c.clone(),
                        level: level.unwrap_or(1),
                    })
                }
                (None, Some(c)) => {
                    n.stats = Some(StatBlock::Creature {
                        creature: c.clone(),
                    })
                }
                (Some(_), Some(_)) => {
                    return Err(CliError::Usage {
                        message: "give --class or --creature, not both".into(),
                    });
                }
                (None, None) => {}
            }
            if faction.is_some() {
                n.faction = faction.clone();
            }
            n.goals.extend(goals.iter().cloned());
            n.secrets.extend(secrets.iter().cloned());
            n.personality.extend(personality.iter().cloned());
            let s = e.npc_add(&on.campaign, &on.branch, &n)?;
            saved(out, &s, on.json, &format!("added npc {}", n.id))
        }
        NpcSub::Relate {
            on,
            from,
            to,
            kind,
            standing,
            note,
        } => {
            let rel = Relationship {
                from: from.clone(),
                to: to.clone(),
                kind: word("kind", kind, "ally, friend, neutral, rival, enemy, hidden")?,
                standing: *standing,
                note: note.clone(),
            };
            let s = e.npc_relate(&on.campaign, &on.branch, &rel)?;
            saved(
                out,
                &s,
                on.json,
                &format!("{from} → {to} {kind} {standing}"),
            )
        }
    }
}
