//! Verbs on character files that need no database: rules lookup, sheet, explain, validate,
//! building (new, level up, level down), the play verbs and dice.

use dnd_core::build::{LevelUp, NewCharacter};
use dnd_core::derive::{Trail, derive_explained};
use dnd_core::dice::{Roll, RollOptions, Stats};
use dnd_core::model::Character;
use dnd_core::play::{Action, Outcome};
use dnd_core::rules::Kind;
use dnd_core::sheet::Sheet;
use dnd_core::validate::Report;
use serde::Serialize;

use crate::engine::Engine;
use crate::error::{EngineError, Result};

/// One entry of a rules listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RulesEntry {
    /// The id (`fireball`).
    pub id: String,
    /// The display name (`Fireball`).
    pub name: String,
}

fn kind(s: &str) -> Result<Kind> {
    Kind::parse(s).ok_or_else(|| {
        let all: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        EngineError::Core(dnd_core::Error::InvalidValue {
            path: "kind".into(),
            reason: format!(
                "`{s}` is not a kind of rules content; expected one of {}",
                all.join(", ")
            ),
        })
    })
}

impl Engine {
    /// Every entry of a kind (`spell`, `class`, `creature`…) in the loaded packs, by id.
    pub fn rules_list(&self, kind_name: &str) -> Result<Vec<RulesEntry>> {
        let k = kind(kind_name)?;
        Ok(self
            .rules
            .list(k)
            .into_iter()
            .map(|(id, name)| RulesEntry {
                id: id.to_string(),
                name: name.to_string(),
            })
            .collect())
    }

    /// One rules entry as JSON (an unknown id names the closest ones).
    pub fn lookup(&self, kind_name: &str, id: &str) -> Result<serde_json::Value> {
        Ok(self.rules.show(kind(kind_name)?, id)?)
    }

    /// The derived sheet of a character.
    pub fn sheet(&self, ch: &Character) -> Result<Sheet<'static>> {
        let (sheet, _) = derive_explained(&self.rules, ch)?;
        Ok(sheet.into_owned())
    }

    /// How each number of the sheet at `path` (exact, or every path under it; `""` for all)
    /// was reached: `armor_class 19 = chain mail 16 + shield 2 + Defense 1`.
    pub fn explain(&self, ch: &Character, path: &str) -> Result<Trail> {
        let (_, trail) = derive_explained(&self.rules, ch)?;
        let under = format!("{path}.");
        Ok(trail
            .into_iter()
            .filter(|(k, _)| path.is_empty() || k == path || k.starts_with(&under))
            .collect())
    }

    /// The validation report of a character under the engine's campaign profile.
    pub fn validate(&self, ch: &Character) -> Report {
        dnd_core::validate::validate(&self.rules, ch, &self.profile)
    }

    /// A new level-1 character from the `dnd new` choices.
    pub fn new_character(&self, req: &NewCharacter) -> Result<Outcome> {
        Ok(dnd_core::build::new_character(&self.rules, req)?)
    }

    /// The character one level higher in `req.class`.
    pub fn level_up(&self, ch: &Character, req: &LevelUp) -> Result<Outcome> {
        Ok(dnd_core::build::level_up(&self.rules, ch, req)?)
    }

    /// The character with its last level removed.
    pub fn level_down(&self, ch: &Character) -> Result<Outcome> {
        Ok(dnd_core::build::level_down(&self.rules, ch)?)
    }

    /// One play step (inventory, coins, spells, hit points, conditions, rests) as data.
    pub fn play(&self, ch: &Character, action: &Action) -> Result<Outcome> {
        Ok(dnd_core::play::apply(&self.rules, ch, action)?)
    }

    /// Rolls a dice expression; the same seed gives the same roll. Without a seed one is taken
    /// from the clock (and is in the result, so the roll can be replayed).
    pub fn roll(&self, expr: &str, seed: Option<u64>, options: RollOptions) -> Result<Roll> {
        let seed = seed.unwrap_or_else(|| self.now() as u64 ^ 0x9e37_79b9_7f4a_7c15);
        Ok(dnd_core::dice::roll_with(expr, seed, options)?)
    }

    /// The exact minimum, maximum, mean and distribution of a dice expression.
    pub fn roll_stats(&self, expr: &str, options: RollOptions) -> Result<Stats> {
        Ok(dnd_core::dice::stats_with(expr, options)?)
    }
}
