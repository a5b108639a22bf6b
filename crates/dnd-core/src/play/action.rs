//! Every play verb as one tagged record, so a binding, a bot or the server can send a step as
//! data (`{"verb": "damage", "amount": 7, "critical": true}`) and get an [`Outcome`] back.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::cast::Cast;
use super::conditions::{self, Exhaustion};
use super::health::{self, Damage, DeathSave};
use super::inventory::{self, Give};
use super::rest::{self, LongRest, ShortRest};
use super::{Outcome, coins, equip, spells};
use crate::error::Result;
use crate::model::{Character, Coins, Location};
use crate::rules::Rules;

fn one() -> u32 {
    1
}

/// One step at the table. `verb` names it; the other fields are the verb's arguments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "verb", rename_all = "snake_case")]
pub enum Action {
    /// Add an item (a catalog id, or any id with `custom`), stacking onto a matching entry.
    Give {
        item: String,
        #[serde(flatten)]
        give: Give,
    },
    /// Remove some of an inventory entry (by instance key or item id).
    Take {
        item: String,
        #[serde(default = "one")]
        quantity: u32,
    },
    /// Equip armor, a Shield, a weapon or a wearable magic item.
    Equip { item: String },
    /// Unequip an item.
    Unequip { item: String },
    /// Attune to a magic item that requires it.
    Attune { item: String },
    /// End attunement to an item.
    Unattune { item: String },
    /// Pay an amount (`"12gp 5sp"`) from the purse, with change.
    Pay { amount: String },
    /// Add an amount (`"12gp 5sp"`) to the purse.
    Receive { amount: String },
    /// Move an entry to carried, stored, or into a container.
    Move { item: String, to: Location },
    /// Prepare a spell (for `class`, default the first whose list has it).
    Prepare {
        spell: String,
        #[serde(default)]
        class: Option<String>,
    },
    /// Remove a spell from a prepared list.
    Unprepare {
        spell: String,
        #[serde(default)]
        class: Option<String>,
    },
    /// Cast a spell, spending a slot (or none for a cantrip or a ritual).
    Cast {
        spell: String,
        #[serde(flatten)]
        how: Cast,
    },
    /// Take damage (temporary hit points first).
    Damage {
        amount: u32,
        #[serde(flatten)]
        how: Damage,
    },
    /// Regain hit points.
    Heal { amount: u32 },
    /// Gain temporary hit points (the higher of old and new is kept).
    TempHp { amount: u32 },
    /// A death saving throw at 0 hit points (`roll`, or rolled from `seed`).
    DeathSave {
        #[serde(flatten)]
        save: DeathSave,
    },
    /// Add a condition.
    AddCondition { id: String },
    /// Remove a condition.
    RemoveCondition { id: String },
    /// Change the exhaustion level (`{"delta": 1}` or `{"set": 0}`).
    Exhaustion { change: Exhaustion },
    /// Gain (`true`) or spend (`false`) Heroic Inspiration.
    Inspiration { gain: bool },
    /// End concentration.
    EndConcentration,
    /// Record a concentration save.
    ConcentrationSave { passed: bool },
    /// A short rest, spending hit dice.
    ShortRest {
        #[serde(flatten)]
        rest: ShortRest,
    },
    /// A long rest.
    LongRest {
        #[serde(flatten)]
        rest: LongRest,
    },
}

fn amount(text: &str) -> Result<Coins> {
    Coins::parse(text)
}

/// Runs one [`Action`] on `ch` (which is not changed): the same as calling the verb's function.
pub fn apply(rules: &Rules, ch: &Character, action: &Action) -> Result<Outcome> {
    match action {
        Action::Give { item, give } => inventory::give(rules, ch, item, give.clone()),
        Action::Take { item, quantity } => inventory::take(rules, ch, item, *quantity),
        Action::Equip { item } => equip::equip(rules, ch, item),
        Action::Unequip { item } => equip::unequip(rules, ch, item),
        Action::Attune { item } => equip::attune(rules, ch, item),
        Action::Unattune { item } => equip::unattune(rules, ch, item),
        Action::Pay { amount: a } => coins::pay(rules, ch, amount(a)?),
        Action::Receive { amount: a } => coins::receive(rules, ch, amount(a)?),
        Action::Move { item, to } => inventory::move_item(rules, ch, item, to.clone()),
        Action::Prepare { spell, class } => spells::prepare(rules, ch, class.as_deref(), spell),
        Action::Unprepare { spell, class } => spells::unprepare(rules, ch, class.as_deref(), spell),
        Action::Cast { spell, how } => spells::cast(rules, ch, spell, *how),
        Action::Damage { amount, how } => health::damage(rules, ch, *amount, *how),
        Action::Heal { amount } => health::heal(rules, ch, *amount),
        Action::TempHp { amount } => health::temp_hp(rules, ch, *amount),
        Action::DeathSave { save } => health::death_save(rules, ch, *save),
        Action::AddCondition { id } => conditions::condition(rules, ch, true, id),
        Action::RemoveCondition { id } => conditions::condition(rules, ch, false, id),
        Action::Exhaustion { change } => conditions::exhaustion(rules, ch, *change),
        Action::Inspiration { gain } => conditions::inspiration(rules, ch, *gain),
        Action::EndConcentration => health::end_concentration(rules, ch),
        Action::ConcentrationSave { passed } => health::concentration_save(rules, ch, *passed),
        Action::ShortRest { rest: r } => rest::short_rest(rules, ch, r.clone()),
        Action::LongRest { rest: r } => rest::long_rest(rules, ch, r.clone()),
    }
}
