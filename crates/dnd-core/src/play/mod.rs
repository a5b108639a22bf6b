//! Playing a character: the verbs that change a character file at the table (inventory, spells,
//! hit points, conditions, rests) and the one guard every verb passes through.
//!
//! Every verb is a pure function `(&Rules, &Character, args) -> Result<Outcome>`: it never
//! changes its input; on success the [`Outcome`] holds the new character, a one-line summary and
//! typed [`Event`]s. A step the rules forbid is an [`Error::Refused`] carrying the validation
//! code it would break (or a play code from [`REFUSALS`]) and the alternatives.

mod action;
mod cast;
pub mod coins;
pub mod conditions;
mod equip;
mod events;
pub mod health;
pub mod inventory;
pub mod rest;
pub mod spells;

pub use action::{Action, apply};
pub use events::Event;

use schemars::JsonSchema;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::Character;
use crate::rules::Rules;
use crate::validate::{Issue, Profile, Severity, validate};

/// What a verb did.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Outcome {
    /// The character after the step.
    pub character: Character,
    /// One line for a person (`Hit for 12: 30 → 18 HP; concentration save DC 10`).
    pub summary: String,
    /// What happened, as data.
    pub events: Vec<Event>,
    /// Warnings the step introduced (encumbrance, Strength shortfall); errors are refused.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Issue>,
}

/// The play and build refusal codes (validation codes can be refusal codes too; they are listed
/// in `docs/validation-codes.md`). All exit 1 from the CLI.
pub const REFUSALS: &[(&str, &str)] = &[
    (
        "play.item.not_found",
        "no inventory entry with that key or item id",
    ),
    (
        "play.item.not_equippable",
        "the item cannot be equipped (not armor, a shield, a weapon or a wearable magic item)",
    ),
    (
        "play.item.insufficient",
        "taking more of an item than its inventory entry holds",
    ),
    (
        "play.item.not_container",
        "putting an item into an entry that is not a container, or into itself",
    ),
    (
        "play.item.not_magic",
        "attuning to an item that is not a magic item requiring attunement",
    ),
    (
        "play.coins.insufficient",
        "not enough money to pay, even with change",
    ),
    (
        "play.spell.unknown_to_character",
        "a spell the character does not have",
    ),
    (
        "play.spell.not_prepared",
        "casting a spell that is not prepared",
    ),
    (
        "play.slot.unavailable",
        "no unspent spell slot of the spell's level or higher",
    ),
    (
        "play.hit_dice.unavailable",
        "no unspent hit die of that size",
    ),
    (
        "play.not_dying",
        "a death saving throw while not at 0 hit points",
    ),
    ("play.dead", "a step a dead character cannot take"),
    (
        "play.incapacitated",
        "casting while Incapacitated (unconscious, paralyzed, petrified, stunned)",
    ),
    (
        "play.spell.cantrip",
        "preparing a cantrip (cantrips are learned, not prepared)",
    ),
    (
        "play.spell.always_prepared",
        "unpreparing a spell a feature keeps always prepared",
    ),
    (
        "play.spell.level_too_high",
        "casting a spell above the character's highest slot level",
    ),
    (
        "play.spell.not_ritual",
        "casting as a Ritual a spell without the Ritual tag",
    ),
    (
        "play.slot.too_low",
        "casting with a slot below the spell's level",
    ),
    (
        "play.not_concentrating",
        "ending or saving concentration while concentrating on nothing",
    ),
    (
        "play.condition.absent",
        "removing a condition the character does not have",
    ),
    (
        "play.inspiration.none",
        "spending Heroic Inspiration the character does not have",
    ),
    (
        "play.rest.no_hp",
        "starting a rest at 0 hit points (a rest needs at least 1)",
    ),
    ("build.level.max", "level-up past character level 20"),
    (
        "build.level.none",
        "level-down of a character with one level",
    ),
    (
        "build.decision.pending",
        "`--strict` with decisions not given",
    ),
    (
        "build.decision.invalid",
        "a decision value outside its options",
    ),
    (
        "build.step.order",
        "a builder step taken out of the 2024 order",
    ),
    (
        "theme.check.level",
        "a theme whose minimum character level the character has not reached",
    ),
    (
        "theme.check.class",
        "a theme not open to one of the character's classes",
    ),
    (
        "theme.check.species",
        "a theme not open to the character's species",
    ),
    (
        "theme.check.score",
        "a theme adjustment that would push a score outside 3 to 20",
    ),
    (
        "theme.check.custom",
        "a theme's own check (minimum score, required item) the character fails",
    ),
    (
        "theme.rollback.unavailable",
        "rolling back when the head version is not a theme transition still in force",
    ),
    (
        "history.proposal.stale",
        "approving a proposal whose branch moved since it was made (rebase it first)",
    ),
    (
        "history.proposal.closed",
        "approving, rejecting or rebasing a proposal already approved or rejected",
    ),
];

/// A refusal with a play code and alternatives.
pub fn refuse(
    code: &'static str,
    message: impl Into<String>,
    path: Option<String>,
    alternatives: Vec<String>,
) -> Error {
    Error::Refused {
        code,
        message: message.into(),
        path,
        alternatives,
    }
}

/// The one guard: validates `after` and refuses when it has more error findings of some code
/// than `before` (so a verb never makes a character less legal, and an already broken file can
/// still be played). New warnings are returned for the outcome.
pub fn guard(rules: &Rules, before: &Character, after: &Character) -> Result<Vec<Issue>> {
    guard_with(rules, &Profile::default(), before, after)
}

/// [`guard`] under a campaign profile.
pub fn guard_with(
    rules: &Rules,
    profile: &Profile,
    before: &Character,
    after: &Character,
) -> Result<Vec<Issue>> {
    let old = validate(rules, before, profile);
    let new = validate(rules, after, profile);
    let count = |issues: &[Issue], code: &str, sev: Severity| {
        issues
            .iter()
            .filter(|i| i.code == code && i.severity == sev)
            .count()
    };
    let worse = |i: &&Issue| {
        count(&new.issues, &i.code, i.severity) > count(&old.issues, &i.code, i.severity)
    };
    if let Some(e) = new
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .find(worse)
    {
        let code = static_code(&e.code);
        return Err(Error::Refused {
            code,
            message: e.message.clone(),
            path: Some(e.path.clone()),
            alternatives: e.suggestion.clone().into_iter().collect(),
        });
    }
    Ok(new
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Warning)
        .filter(worse)
        .cloned()
        .collect())
}

/// The `&'static` code of a finding (every rule declares its code statically).
pub(crate) fn static_code(code: &str) -> &'static str {
    crate::validate::all_rules()
        .find(|r| r.code == code)
        .map_or("rules.refused", |r| r.code)
}

/// Finishes a verb: guards the new character and builds the outcome.
pub fn finish(
    rules: &Rules,
    before: &Character,
    after: Character,
    summary: String,
    events: Vec<Event>,
) -> Result<Outcome> {
    let warnings = guard(rules, before, &after)?;
    Ok(Outcome {
        character: after,
        summary,
        events,
        warnings,
    })
}
