//! The campaign verbs: `dnd campaign new|show|list|validate|save|history|branch|merge|event|
//! revert`, `dnd chapter add|order|remove`, `dnd npc add|relate` (the rest are in
//! `campaign_play_cmd.rs`).

use std::fmt::Write;

use dnd_core::campaign::{Campaign, CampaignReport, LevelRange, Player, WeightedTheme, play_order};
use dnd_engine::Engine;
use dnd_engine::store::Saved;

pub use crate::campaign_args::{CampaignCommand, CampaignSub, MergeSub};
use crate::campaign_parse::{json_file, word};
use crate::edit::print_json;
use crate::error::CliError;
use crate::history_cmd::resolutions;
use crate::{Cli, commands::engine};

/// Runs a campaign verb; gives the exit code.
pub fn run(cli: &Cli, cmd: &CampaignCommand, out: &mut String) -> Result<u8, CliError> {
    if let CampaignCommand::Encounter { command } = cmd {
        return crate::campaign_play_cmd::encounter(cli, command, out).map(|()| 0);
    }
    let e = engine(cli)?;
    match cmd {
        CampaignCommand::Campaign { command } => campaign(&e, command, out),
        CampaignCommand::Chapter { command } => {
            crate::campaign_parts_cmd::chapter(&e, command, out).map(|()| 0)
        }
        CampaignCommand::Npc { command } => {
            crate::campaign_parts_cmd::npc(&e, command, out).map(|()| 0)
        }
        other => crate::campaign_play_cmd::run(&e, other, out).map(|()| 0),
    }
}

/// Prints a new version line (or the saved ids as JSON).
pub fn saved(out: &mut String, s: &Saved, json: bool, what: &str) -> Result<(), CliError> {
    if json {
        return print_json(out, s);
    }
    let _ = writeln!(out, "{what}: {} version {}", s.id, s.version);
    Ok(())
}

fn themes(c: &mut Campaign, theme: &Option<String>, secondary: &[String]) -> Result<(), CliError> {
    if let Some(t) = theme {
        c.themes.primary = Some(WeightedTheme {
            theme: t.clone(),
            weight: 100,
        });
    }
    for s in secondary {
        let (t, w) = s.rsplit_once(':').unwrap_or((s, "50"));
        let weight = w
            .parse()
            .ok()
            .filter(|w| *w <= 100)
            .ok_or_else(|| CliError::Usage {
                message: format!("--secondary takes THEME:WEIGHT (0 to 100), not `{s}`"),
            })?;
        c.themes.secondary.push(WeightedTheme {
            theme: t.into(),
            weight,
        });
    }
    Ok(())
}

fn campaign(e: &Engine, cmd: &CampaignSub, out: &mut String) -> Result<u8, CliError> {
    use CampaignSub as S;
    match cmd {
        S::New {
            title,
            kind,
            length,
            levels,
            party_size,
            theme,
            secondary,
            players,
            advancement,
            file,
            json,
        } => {
            let mut c: Campaign = match file {
                Some(f) => json_file(f)?,
                None => Campaign::new("", ""),
            };
            if let Some(t) = title {
                c.title = t.clone();
            }
            if let Some(k) = kind {
                c.kind = word("type", k, "traditional, antitheticon")?;
            }
            if let Some(l) = length {
                c.length = word("length", l, "one-shot, short, medium, long, epic")?;
            }
            if let Some(l) = levels {
                c.level_range = LevelRange::parse(l)?;
            }
            if let Some(p) = party_size {
                c.party_size = *p;
            }
            if let Some(a) = advancement {
                c.advancement = word("advancement", a, "xp, milestone")?;
            }
            themes(&mut c, theme, secondary)?;
            for p in players {
                let (user, chars) = crate::campaign_parse::pair("player", p)?;
                c.players.push(Player {
                    user: user.into(),
                    characters: chars
                        .split(',')
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect(),
                });
            }
            let s = e.campaign_new(&c)?;
            saved(out, &s, *json, "created campaign").map(|()| 0)
        }
        S::Show { campaign, at, json } => {
            let (c, head) = e.campaign(campaign, at.as_deref())?;
            if *json {
                return print_json(out, &c).map(|()| 0);
            }
            show(e, &c, &head.id, out)?;
            Ok(0)
        }
        S::List { owner, json } => {
            let rows = e.campaigns(owner.as_deref())?;
            if *json {
                return print_json(out, &rows).map(|()| 0);
            }
            for r in rows {
                let _ = writeln!(
                    out,
                    "{}  {:<12} {:<10} {:<8} {}",
                    r.id, r.kind, r.state, r.owner, r.title
                );
            }
            Ok(0)
        }
        S::Validate { campaign, at, json } => {
            let r = e.campaign_validate(campaign, at.as_deref())?;
            if *json {
                print_json(out, &r)?;
            } else {
                report(&r, out);
            }
            Ok(if r.valid { 0 } else { 1 })
        }
        S::Save {
            file,
            branch,
            expect,
            message,
            json,
        } => {
            let c: Campaign = json_file(file)?;
            let s = e.campaign_save(&c, branch, expect.as_deref(), message)?;
            saved(out, &s, *json, "saved campaign").map(|()| 0)
        }
        S::History { on } => {
            let log = e.campaign_history(&on.campaign, &on.branch)?;
            if on.json {
                return print_json(out, &log).map(|()| 0);
            }
            for c in log {
                let _ = writeln!(
                    out,
                    "{}  {:?}  {}  {}  parents {}",
                    &c.id[..12],
                    c.body.kind,
                    c.body.author,
                    c.body.message,
                    c.body.parents.len()
                );
            }
            Ok(0)
        }
        S::Branch {
            campaign,
            name,
            at,
            json,
        } => {
            if let Some(n) = name {
                e.campaign_branch(campaign, n, at.as_deref())?;
            }
            let b = e.campaign_branches(campaign)?;
            if *json {
                return print_json(out, &b).map(|()| 0);
            }
            for r in b {
                let _ = writeln!(out, "{}  {}", r.name, r.commit);
            }
            Ok(0)
        }
        S::Merge { command } => merge(e, command, out).map(|()| 0),
        S::Event {
            campaign,
            character,
            name,
            xp,
            hp,
            conditions,
            items,
            abilities,
            json,
        } => {
            let impacts = crate::campaign_parse::impacts(*xp, *hp, conditions, items, abilities)?;
            let r = e.campaign_event(campaign, character, name, &impacts)?;
            if *json {
                return print_json(out, &r).map(|()| 0);
            }
            let _ = writeln!(
                out,
                "{}: {} → version {} (revert with `dnd campaign revert {}`)",
                r.event, r.character, r.after, r.id
            );
            Ok(0)
        }
        S::Antitheticon { on, theme, party } => {
            let profile: Option<dnd_core::campaign::antitheticon::PartyProfile> = match party {
                Some(f) => Some(json_file(f)?),
                None => None,
            };
            let s = e.campaign_antitheticon(&on.campaign, &on.branch, theme, profile.as_ref())?;
            saved(out, &s, on.json, "antitheticon").map(|()| 0)
        }
        S::Revert { reversion, json } => {
            let s = e.campaign_event_revert(reversion)?;
            saved(out, &s, *json, "reverted").map(|()| 0)
        }
    }
}

fn show(e: &Engine, c: &Campaign, head: &str, out: &mut String) -> Result<(), CliError> {
    let _ = writeln!(
        out,
        "{} ({}) — {:?} {:?}, {:?}, party of {}, levels {}–{}, day {}",
        c.title,
        c.id.as_deref().unwrap_or(""),
        c.kind,
        c.state,
        c.length,
        c.party_size,
        c.level_range.min,
        c.level_range.max,
        c.calendar.day
    );
    let _ = writeln!(out, "version {head}; owner {}", c.owner);
    let order = play_order(&c.chapters).unwrap_or_default();
    let _ = writeln!(out, "{} chapters:", c.chapters.len());
    for o in order {
        let ch = c.chapter(&o.id);
        let kind = ch.map(|x| format!("{:?}", x.kind)).unwrap_or_default();
        let _ = writeln!(out, "  {}. {} ({kind}) {}", o.position, o.id, o.title);
    }
    let _ = writeln!(
        out,
        "{} NPCs, {} plots, {} locations, {} factions, {} sessions, {} effects",
        c.npcs.len(),
        c.plots.len(),
        c.locations.len(),
        c.factions.len(),
        c.sessions.len(),
        c.effects.len()
    );
    let branches: Vec<String> = e
        .campaign_branches(c.id.as_deref().unwrap_or(""))?
        .into_iter()
        .map(|r| r.name)
        .collect();
    let _ = writeln!(out, "branches: {}", branches.join(", "));
    Ok(())
}

fn report(r: &CampaignReport, out: &mut String) {
    for i in &r.issues {
        let _ = writeln!(
            out,
            "{:?} {} at {}: {}",
            i.severity, i.code, i.path, i.message
        );
    }
    let _ = writeln!(
        out,
        "{}: {} error(s), {} warning(s)",
        if r.valid { "valid" } else { "invalid" },
        r.errors,
        r.warnings
    );
}

fn merge(e: &Engine, cmd: &MergeSub, out: &mut String) -> Result<(), CliError> {
    let line = |out: &mut String, m: &dnd_core::campaign::MergeRequest| {
        let _ = writeln!(
            out,
            "{}  {:?}  {} → {}  reviewers [{}]  {} conflict(s)  {}",
            m.id,
            m.status,
            m.from,
            m.into,
            m.reviewers.join(", "),
            m.conflicts.len(),
            m.title
        );
    };
    let (m, json) = match cmd {
        MergeSub::Open {
            campaign,
            from,
            into,
            title,
            reviewers,
            json,
        } => (
            e.campaign_merge_open(campaign, from, into, title, reviewers)?,
            *json,
        ),
        MergeSub::List { campaign, json } => {
            let list = e.campaign_merge_requests(campaign)?;
            if *json {
                return print_json(out, &list);
            }
            list.iter().for_each(|m| line(out, m));
            return Ok(());
        }
        MergeSub::Show { id, json } => (e.campaign_merge_request(id)?, *json),
        MergeSub::Review {
            id,
            approve,
            request_changes,
            note,
            json,
        } => {
            if approve == request_changes {
                return Err(CliError::Usage {
                    message: "give --approve or --request-changes".into(),
                });
            }
            (e.campaign_merge_review(id, *approve, note)?, *json)
        }
        MergeSub::Apply { id, resolve, json } => {
            let (m, c) = e.campaign_merge(id, &resolutions(resolve)?)?;
            if *json {
                return print_json(out, &serde_json::json!({"merge_request": m, "commit": c}));
            }
            let _ = writeln!(out, "merged {} into {}: version {}", m.from, m.into, c.id);
            return Ok(());
        }
        MergeSub::Close { id, json } => (e.campaign_merge_close(id)?, *json),
    };
    if json {
        return print_json(out, &m);
    }
    line(out, &m);
    for c in &m.conflicts {
        let _ = writeln!(out, "  conflict at {}", c.path);
    }
    Ok(())
}
