//! Level-up and level-down.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::derive::{derive, meets};
use crate::error::{Error, Result};
use crate::model::{Character, LevelChoice};
use crate::play::{Event, Outcome, finish, refuse};
use crate::rules::Rules;

use super::answer::{record, recorded};
use super::decision::Decision;
use super::fill::default_value;
use super::level_plan::{Planned, decisions};

/// How the hit points of a new level are found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HpMethod {
    /// The fixed average (`die / 2 + 1`); the die's maximum at character level 1.
    #[default]
    Average,
    /// Roll the hit die (seeded; the roll is recorded).
    Roll,
}

/// One level-up request. Decisions not given are filled with deterministic picks (listed in the
/// outcome) unless `strict`, which refuses with the pending decisions instead.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct LevelUp {
    pub class: String,
    pub subclass: Option<String>,
    pub hp: HpMethod,
    /// A hit die roll made at the table (instead of the seed).
    pub hp_roll: Option<u32>,
    /// Seed for the hit die roll (a fixed default when absent, so a run replays).
    pub seed: Option<u64>,
    /// Ability Score Improvement: `str+2` or `str+1,con+1` (implies the ASI feat).
    pub asi: Option<String>,
    /// The feat of an ASI or Epic Boon level.
    pub feat: Option<String>,
    /// Other decisions by key (`skills=arcana,history`, `divine-order=protector`).
    pub choices: BTreeMap<String, String>,
    pub strict: bool,
}

/// The decisions taking a level of `class` asks for now (before any is made).
pub fn level_up_decisions(rules: &Rules, ch: &Character, class: &str) -> Result<Vec<Decision>> {
    let new = appended(rules, ch, class)?;
    let i = new.levels.len() - 1;
    let sheet = derive(rules, &new).ok();
    Ok(Planned::new(rules, &new, i).map_or_else(Vec::new, |p| decisions(&p, sheet.as_ref())))
}

fn appended(rules: &Rules, ch: &Character, class: &str) -> Result<Character> {
    if rules.classes.get(class).is_none() {
        return Err(Error::UnknownId {
            kind: "class",
            id: class.to_string(),
            path: format!("/levels/{}/class", ch.levels.len()),
            suggestion: rules.classes.closest(class),
        });
    }
    let mut new = ch.clone();
    new.levels.push(empty_level(class));
    Ok(new)
}

/// A level of `class` with nothing chosen yet.
pub(crate) fn empty_level(class: &str) -> LevelChoice {
    LevelChoice {
        class: class.to_string(),
        subclass: None,
        hp_roll: None,
        feats: vec![],
        skills: vec![],
        expertise: vec![],
        tools: vec![],
        languages: vec![],
        cantrips: vec![],
        spells: vec![],
        masteries: vec![],
        choices: BTreeMap::new(),
    }
}

/// Makes every decision of level `i`: given answers first (each checked against its options),
/// then deterministic picks, or a refusal listing what is pending when `strict`.
pub(crate) fn resolve(
    rules: &Rules,
    ch: &mut Character,
    i: usize,
    answers: &mut BTreeMap<String, String>,
    strict: bool,
    events: &mut Vec<Event>,
) -> Result<()> {
    let mut pending: Vec<String> = Vec::new();
    for _ in 0..64 {
        let sheet = derive(rules, ch).ok();
        let Some(p) = Planned::new(rules, ch, i) else {
            return Ok(());
        };
        let list = decisions(&p, sheet.as_ref());
        let Some(d) = list.into_iter().find(|d| d.required && !recorded(&p, d)) else {
            break;
        };
        let class = p.class;
        let value = match answers.remove(&d.key) {
            Some(v) => v,
            None => {
                if strict {
                    pending.push(d.prompt.clone());
                    pending_key(&mut pending, &d);
                }
                let v = default_value(rules, ch, class, &d, sheet.as_ref()).ok_or_else(|| {
                    refuse(
                        "build.decision.pending",
                        format!("nothing fits `{}`: {}", d.key, d.prompt),
                        Some(format!("/levels/{i}")),
                        vec![],
                    )
                })?;
                events.push(Event::DecisionFilled {
                    key: d.key.clone(),
                    value: v.clone(),
                });
                v
            }
        };
        let values = d.check(&value).map_err(|e| at_key(e, &d.key, i))?;
        record(rules, &mut ch.levels[i], &d.key, values)?;
    }
    if strict && !pending.is_empty() {
        let keys: Vec<String> = pending
            .iter()
            .filter(|p| p.starts_with("--choose"))
            .cloned()
            .collect();
        let prompts: Vec<String> = pending
            .into_iter()
            .filter(|p| !p.starts_with("--choose"))
            .collect();
        return Err(refuse(
            "build.decision.pending",
            format!(
                "{} decision(s) not given: {}",
                prompts.len(),
                keys.join(" ")
            ),
            Some(format!("/levels/{i}")),
            prompts,
        ));
    }
    Ok(())
}

fn pending_key(pending: &mut Vec<String>, d: &Decision) {
    pending.push(format!("--choose {}=…", d.key));
}

fn at_key(e: Error, key: &str, i: usize) -> Error {
    match e {
        Error::Refused {
            code,
            message,
            path: None,
            alternatives,
        } => Error::Refused {
            code,
            message,
            path: Some(format!("/levels/{i} ({key})")),
            alternatives,
        },
        e => e,
    }
}

/// The classes a character could multiclass into (every prerequisite met).
fn open_classes(rules: &Rules, ch: &Character) -> Vec<String> {
    let Ok(sheet) = derive(rules, ch) else {
        return vec![];
    };
    let held: Vec<&str> = ch.levels.iter().map(|l| l.class.as_str()).collect();
    let held_ok = held.iter().all(|c| {
        rules
            .classes
            .get(c)
            .is_none_or(|d| meets(&sheet.abilities, &d.multiclass_prerequisite))
    });
    let all = rules.classes.all().iter();
    all.filter(|c| {
        held.contains(&c.id.as_str())
            || (held_ok && meets(&sheet.abilities, &c.multiclass_prerequisite))
    })
    .map(|c| c.id.clone())
    .collect()
}

/// Adds one level of `req.class`.
pub fn level_up(rules: &Rules, ch: &Character, req: &LevelUp) -> Result<Outcome> {
    if ch.levels.len() >= 20 {
        return Err(refuse(
            "build.level.max",
            "the character is level 20 already",
            Some("/levels".into()),
            vec![],
        ));
    }
    let mut new = appended(rules, ch, &req.class)?;
    let i = new.levels.len() - 1;
    let new_class = !ch.levels.iter().any(|l| l.class == req.class);
    if new_class && i > 0 && !open_classes(rules, ch).contains(&req.class) {
        let prereq = rules
            .classes
            .get(&req.class)
            .map(|c| &c.multiclass_prerequisite);
        let text = prereq.map_or(String::new(), |alts| {
            alts.iter()
                .map(|all| {
                    all.iter()
                        .map(|m| format!("{} {}", m.ability.name(), m.min))
                        .collect::<Vec<_>>()
                        .join(" and ")
                })
                .collect::<Vec<_>>()
                .join(" or ")
        });
        return Err(refuse(
            "multiclass.prerequisite.unmet",
            format!(
                "multiclassing into {} needs {text}, and every class held needs its own minimum",
                req.class
            ),
            Some(format!("/levels/{i}/class")),
            open_classes(rules, ch),
        ));
    }
    let die = rules
        .classes
        .get(&req.class)
        .map_or(8, |c| c.hit_die.faces());
    if i > 0 && req.hp == HpMethod::Roll {
        let roll = match req.hp_roll {
            Some(r) => r,
            None => {
                let seed = req.seed.unwrap_or(0x5EED);
                crate::dice::roll(&format!("1d{die}"), seed)
                    .map(|r| r.total as u32)
                    .unwrap_or(die / 2 + 1)
            }
        };
        new.levels[i].hp_roll = Some(roll);
    }
    let mut answers = req.choices.clone();
    let boon = rules
        .classes
        .get(&req.class)
        .and_then(|c| c.epic_boon_level)
        .is_some_and(|l| l as usize == class_level(&new, i));
    if let Some(s) = &req.subclass {
        answers.insert("subclass".into(), s.clone());
    }
    let feat = req
        .feat
        .clone()
        .or_else(|| req.asi.as_ref().map(|_| "ability-score-improvement".into()));
    if let Some(f) = feat {
        answers.insert(if boon { "epic-boon" } else { "feat" }.into(), f);
    }
    if let Some(a) = &req.asi {
        answers.insert("abilities".into(), a.clone());
    }
    let mut events = Vec::new();
    resolve(rules, &mut new, i, &mut answers, req.strict, &mut events)?;
    if let Some(key) = answers.keys().next() {
        let known: Vec<String> = level_up_decisions(rules, ch, &req.class)?
            .into_iter()
            .map(|d| d.key)
            .collect();
        return Err(refuse(
            "build.decision.invalid",
            format!(
                "`{key}` is not a decision of {} level {}",
                req.class,
                class_level(&new, i)
            ),
            Some(format!("/levels/{i}")),
            known,
        ));
    }
    let (old_max, new_max) = (max_hp(rules, ch), max_hp(rules, &new));
    let gained = new_max - old_max;
    if let Some(hp) = new.state.hp {
        new.state.hp = Some(hp.saturating_add(gained));
    }
    let n = class_level(&new, i) as u32;
    let features: Vec<String> = Planned::new(rules, &new, i)
        .map(|p| p.gained().map(|f| f.id.clone()).collect())
        .unwrap_or_default();
    let filled: Vec<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::DecisionFilled { key, value } => Some(format!("{key}={value}")),
            _ => None,
        })
        .collect();
    events.insert(
        0,
        Event::LevelGained {
            class: req.class.clone(),
            class_level: n,
            level: i as u32 + 1,
            hp_gained: gained,
            features: features.clone(),
        },
    );
    let mut summary = format!(
        "{} {} → {n} (level {}): {gained:+} HP",
        req.class,
        n - 1,
        i + 1
    );
    if !features.is_empty() {
        summary.push_str(&format!("; gained {}", features.join(", ")));
    }
    if !filled.is_empty() {
        summary.push_str(&format!("; filled {}", filled.join(" ")));
    }
    finish(rules, ch, new, summary, events)
}

fn class_level(ch: &Character, i: usize) -> usize {
    ch.levels[..=i]
        .iter()
        .filter(|l| l.class == ch.levels[i].class)
        .count()
}

fn max_hp(rules: &Rules, ch: &Character) -> i32 {
    derive(rules, ch).map_or(0, |s| s.hit_points.max)
}

/// Removes the last level exactly; play state that no longer fits (spent slots, counters, hit
/// dice, prepared spells, current hit points) is trimmed to the new maxima.
pub fn level_down(rules: &Rules, ch: &Character) -> Result<Outcome> {
    if ch.levels.len() <= 1 {
        return Err(refuse(
            "build.level.none",
            "a character keeps its first level",
            Some("/levels".into()),
            vec![],
        ));
    }
    let mut new = ch.clone();
    let i = new.levels.len() - 1;
    let n = class_level(ch, i) as u32;
    let Some(last) = new.levels.pop() else {
        return Err(refuse(
            "build.level.none",
            "no level to remove",
            Some("/levels".into()),
            vec![],
        ));
    };
    let (old_max, new_max) = (max_hp(rules, ch), max_hp(rules, &new));
    if let Some(hp) = new.state.hp {
        new.state.hp = Some(
            hp.saturating_sub(old_max - new_max)
                .clamp(0, new_max.max(0)),
        );
    }
    super::trim::trim_state(rules, &mut new);
    let events = vec![Event::LevelLost {
        class: last.class.clone(),
        class_level: n,
        level: i as u32 + 1,
    }];
    let summary = format!(
        "{} {n} → {} (level {}): {:+} HP",
        last.class,
        n - 1,
        i,
        new_max - old_max
    );
    finish(rules, ch, new, summary, events)
}
