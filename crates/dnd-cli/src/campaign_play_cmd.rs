//! `dnd session record`, `dnd journal add|show`, `dnd xp award`, `dnd encounter build|rate`,
//! `dnd effect add|state`.

use std::fmt::Write;

use dnd_core::campaign::effects::{Source, Target, WorldEffect};
use dnd_core::campaign::encounters::{Difficulty, Filter, Rated, build, rate};
use dnd_core::campaign::journal::{JournalEntry, XpAward};
use dnd_core::campaign::sessions::Session;
use dnd_engine::{Engine, Recorded};

use crate::Cli;
use crate::campaign_args::{
    CampaignCommand, EffectSub, EncounterSub, JournalSub, Party, SessionSub, XpSub,
};
use crate::campaign_parse::{change, condition, creatures, json_file, quest, standing, word};
use crate::edit::print_json;
use crate::error::CliError;

/// Runs the session, journal, XP and effect verbs.
pub fn run(e: &Engine, cmd: &CampaignCommand, out: &mut String) -> Result<(), CliError> {
    match cmd {
        CampaignCommand::Session {
            command:
                SessionSub::Record {
                    on,
                    number,
                    date,
                    day,
                    chapters,
                    attendees,
                    xp,
                    source,
                    notes,
                    file,
                },
        } => {
            let mut s: Session = match file {
                Some(f) => json_file(f)?,
                None => Session::default(),
            };
            if let Some(n) = number {
                s.number = *n;
            }
            if let Some(d) = date {
                s.date = d.clone();
            }
            if day.is_some() {
                s.day = *day;
            }
            s.chapters.extend(chapters.iter().cloned());
            s.attendees.extend(attendees.iter().cloned());
            if let Some(amount) = xp {
                s.party_xp.push(XpAward {
                    amount: *amount,
                    source: source.clone(),
                    reason: String::new(),
                });
            }
            if !notes.is_empty() {
                s.notes = notes.clone();
            }
            let r = e.session_record(&on.campaign, &on.branch, &s)?;
            recorded(out, &r, on.json, &format!("session {}", s.number))
        }
        CampaignCommand::Journal {
            command:
                JournalSub::Add {
                    campaign,
                    character,
                    kind,
                    title,
                    text,
                    xp,
                    source,
                    reason,
                    quests,
                    standing: st,
                    achievements,
                    milestone_level,
                    json,
                },
        } => {
            let mut entry = JournalEntry {
                character: character.clone(),
                kind: word("kind", kind, "note, milestone, session-log")?,
                title: title.clone(),
                text: text.clone(),
                achievements: achievements.clone(),
                milestone_level: *milestone_level,
                ..Default::default()
            };
            if let Some(amount) = xp {
                entry.xp.push(XpAward {
                    amount: *amount,
                    source: source.clone(),
                    reason: reason.clone(),
                });
            }
            entry.quests = quests.iter().map(|q| quest(q)).collect::<Result<_, _>>()?;
            entry.standing = st.iter().map(|s| standing(s)).collect::<Result<_, _>>()?;
            let r = e.journal_add(campaign, &entry)?;
            recorded(out, &r, *json, "journal entry")
        }
        CampaignCommand::Journal {
            command:
                JournalSub::Show {
                    campaign,
                    character,
                    json,
                },
        } => {
            let j = e.journal(campaign, character.as_deref())?;
            if *json {
                return print_json(out, &j);
            }
            for en in &j.entries {
                let xp: u64 = en.xp_total();
                let _ = writeln!(
                    out,
                    "{} {} {:?} {}{}{}",
                    en.id,
                    en.character,
                    en.kind,
                    en.title,
                    if xp > 0 {
                        format!(" (+{xp} XP)")
                    } else {
                        String::new()
                    },
                    if en.text.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", en.text)
                    }
                );
            }
            if character.is_some() {
                let s = &j.summary;
                let _ = writeln!(
                    out,
                    "{} entries, {} XP, {} quests, {} standings, {} achievements",
                    s.entries,
                    s.xp,
                    s.quests.len(),
                    s.standing.len(),
                    s.achievements.len()
                );
            }
            Ok(())
        }
        CampaignCommand::Xp {
            command:
                XpSub::Award {
                    campaign,
                    characters,
                    amount,
                    source,
                    reason,
                    json,
                },
        } => {
            let r = e.xp_award(campaign, characters, *amount, source, reason)?;
            recorded(out, &r, *json, &format!("{amount} XP"))
        }
        CampaignCommand::Effect {
            command:
                EffectSub::Add {
                    on,
                    id,
                    target,
                    name,
                    scale,
                    start_day,
                    days,
                    changes,
                    sets,
                    conditions,
                    source,
                    file,
                },
        } => {
            let mut fx: WorldEffect = match file {
                Some(f) => json_file(f)?,
                None => {
                    let t = target.as_deref().ok_or_else(|| CliError::Usage {
                        message: "--target faction:ID or location:ID is needed".into(),
                    })?;
                    WorldEffect {
                        id: String::new(),
                        name: String::new(),
                        source: Source::Manual,
                        target: Target::parse(t)?,
                        scale: Default::default(),
                        start_day: *start_day,
                        duration_days: *days,
                        conditions: vec![],
                        changes: vec![],
                        conditional: vec![],
                    }
                }
            };
            if let Some(i) = id {
                fx.id = i.clone();
            }
            if !name.is_empty() {
                fx.name = name.clone();
            }
            if let Some(s) = scale {
                fx.scale = word("scale", s, "minor, moderate, major, severe")?;
            }
            if let Some(s) = source {
                fx.source = match s.split_once(':') {
                    Some(("theme", x)) => Source::Theme(x.into()),
                    Some(("event", x)) => Source::Event(x.into()),
                    _ => {
                        return Err(CliError::Usage {
                            message: format!("--source takes theme:ID or event:ID, not `{s}`"),
                        });
                    }
                };
            }
            for c in changes {
                fx.changes.push(change(c, false)?);
            }
            for c in sets {
                fx.changes.push(change(c, true)?);
            }
            for c in conditions {
                fx.conditions.push(condition(c)?);
            }
            let s = e.effect_add(&on.campaign, &on.branch, &fx)?;
            crate::campaign_cmd::saved(out, &s, on.json, &format!("added effect {}", fx.id))
        }
        CampaignCommand::Effect {
            command:
                EffectSub::State {
                    campaign,
                    target,
                    day,
                    at,
                    json,
                },
        } => {
            let s = e.effect_state(campaign, at.as_deref(), &Target::parse(target)?, *day)?;
            if *json {
                return print_json(out, &s);
            }
            let _ = write!(out, "{}", s.render());
            Ok(())
        }
        _ => Ok(()),
    }
}

fn recorded(out: &mut String, r: &Recorded, json: bool, what: &str) -> Result<(), CliError> {
    if json {
        return print_json(out, r);
    }
    let _ = writeln!(
        out,
        "{what}: {} journal entr{}, {} character version(s){}",
        r.journal.len(),
        if r.journal.len() == 1 { "y" } else { "ies" },
        r.characters.len(),
        r.version
            .as_ref()
            .map(|v| format!("; campaign version {v}"))
            .unwrap_or_default()
    );
    for (ch, v, rv) in &r.characters {
        let _ = writeln!(out, "  {ch} → {v} (reversion {rv})");
    }
    for s in &r.suggestions {
        let classes: Vec<String> = s
            .options
            .iter()
            .map(|o| {
                format!(
                    "{} {} ({} decisions)",
                    o.class,
                    o.class_level,
                    o.decisions.len()
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "  level up: {} ({}) has {} XP for level {}: {}",
            s.name,
            s.character,
            s.xp,
            s.earned_level,
            classes.join(", ")
        );
    }
    Ok(())
}

fn party(cli: &Cli, p: &Party) -> Result<Vec<u8>, CliError> {
    match &p.campaign {
        Some(c) => Ok(crate::commands::engine(cli)?.campaign_party(c)?),
        None => Ok(p.party.clone()),
    }
}

/// `dnd encounter build|rate` (the database only with --campaign).
pub fn encounter(cli: &Cli, cmd: &EncounterSub, out: &mut String) -> Result<(), CliError> {
    let rules = crate::packs::rules(&cli.packs)?;
    let (r, json): (Rated, bool) = match cmd {
        EncounterSub::Build {
            party: p,
            difficulty,
            types,
            sizes,
            alignment,
            cr,
            environments,
            max,
            seed,
            json,
        } => {
            let (cr_min, cr_max) = match cr {
                Some(c) => {
                    let (a, b) = c.split_once('-').unwrap_or((c, c));
                    (Some(a.to_string()), Some(b.to_string()))
                }
                None => (None, None),
            };
            let f = Filter {
                types: types.clone(),
                sizes: sizes
                    .iter()
                    .map(|s| word("size", s, "tiny, small, medium, large, huge, gargantuan"))
                    .collect::<Result<_, _>>()?,
                alignment: alignment.clone(),
                cr_min,
                cr_max,
                environments: environments.clone(),
                exclude: vec![],
                max_creatures: *max,
                seed: *seed,
            };
            (
                build(&rules, &party(cli, p)?, Difficulty::parse(difficulty)?, &f)?,
                *json,
            )
        }
        EncounterSub::Rate {
            party: p,
            creatures: c,
            json,
        } => (rate(&rules, &party(cli, p)?, &creatures(c)?)?, *json),
    };
    if json {
        return print_json(out, &r);
    }
    let _ = write!(out, "{}", r.render());
    Ok(())
}
