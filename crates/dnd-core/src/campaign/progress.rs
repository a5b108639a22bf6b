//! Progress by XP (the 2024 Character Advancement table) or by milestones, and the level-up
//! suggestion a character gets when it has earned the next level.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::model::Advancement;
use crate::build::{Decision, level_up_decisions};
use crate::error::Result;
use crate::model::Character;
use crate::rules::Rules;
use crate::rules::tables::XP_FOR_LEVEL;

/// The level a character with this much XP has reached (1 to 20).
pub fn level_for_xp(xp: u64) -> u8 {
    let n = XP_FOR_LEVEL
        .iter()
        .filter(|&&need| u64::from(need) <= xp)
        .count();
    u8::try_from(n.max(1)).unwrap_or(20)
}

/// The XP a level needs (level 1: 0); `None` above 20.
pub fn xp_for_level(level: u8) -> Option<u32> {
    XP_FOR_LEVEL
        .get(usize::from(level).checked_sub(1)?)
        .copied()
}

/// The choices one more level of one class will ask for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ClassOption {
    pub class: String,
    /// The level in that class it would be.
    pub class_level: u32,
    pub decisions: Vec<Decision>,
}

/// "Ready to level up": the character has the XP (or milestone) for a higher level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LevelUpSuggestion {
    pub character: String,
    pub name: String,
    /// The character's level now.
    pub level: u32,
    /// The level its XP or milestones allow.
    pub earned_level: u8,
    pub xp: u32,
    /// One more level in each class the character has, with the decisions it needs.
    pub options: Vec<ClassOption>,
}

/// Where a character stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Progress {
    pub character: String,
    pub advancement: Advancement,
    pub level: u32,
    pub xp: u32,
    /// XP the next level needs (XP advancement, below level 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_level_xp: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xp_to_next: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<LevelUpSuggestion>,
}

/// The progress of a character. With XP advancement a suggestion appears when its XP reaches
/// the next level's threshold (2,700 XP for level 4); with milestones when `milestone_level`
/// is above its level.
pub fn progress(
    rules: &Rules,
    ch: &Character,
    advancement: Advancement,
    milestone_level: Option<u8>,
) -> Result<Progress> {
    let level = ch.level();
    let xp = ch.details.xp;
    let earned = match advancement {
        Advancement::Xp => level_for_xp(u64::from(xp)),
        Advancement::Milestone => milestone_level.unwrap_or(0),
    };
    let suggestion = if u32::from(earned) > level && level < 20 {
        let mut options = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for l in &ch.levels {
            if seen.contains(&l.class.as_str()) {
                continue;
            }
            seen.push(&l.class);
            let class_level = ch.levels.iter().filter(|x| x.class == l.class).count() as u32 + 1;
            options.push(ClassOption {
                class: l.class.clone(),
                class_level,
                decisions: level_up_decisions(rules, ch, &l.class)?,
            });
        }
        Some(LevelUpSuggestion {
            character: ch.id.clone().unwrap_or_default(),
            name: ch.name.clone(),
            level,
            earned_level: earned,
            xp,
            options,
        })
    } else {
        None
    };
    let next = (advancement == Advancement::Xp)
        .then(|| xp_for_level(u8::try_from(level + 1).unwrap_or(u8::MAX)))
        .flatten();
    Ok(Progress {
        character: ch.id.clone().unwrap_or_default(),
        advancement,
        level,
        xp,
        next_level_xp: next,
        xp_to_next: next.map(|n| n.saturating_sub(xp)),
        suggestion,
    })
}
