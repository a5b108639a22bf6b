//! What a verb did, as data (`--json` prints these).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::Die;

/// One thing that happened. Serialized with an `event` tag (`{"event": "slot_spent", ...}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "event", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Event {
    // --- building
    /// A class level was added.
    LevelGained {
        class: String,
        class_level: u32,
        level: u32,
        hp_gained: i32,
        /// Feature ids gained at this level.
        features: Vec<String>,
    },
    /// The last level was removed.
    LevelLost {
        class: String,
        class_level: u32,
        level: u32,
    },
    /// A decision the caller did not give, filled with a deterministic pick.
    DecisionFilled {
        key: String,
        value: String,
    },
    // --- inventory
    ItemAdded {
        key: String,
        item: String,
        quantity: u32,
    },
    ItemRemoved {
        key: String,
        item: String,
        quantity: u32,
    },
    Equipped {
        key: String,
    },
    Unequipped {
        key: String,
    },
    Attuned {
        key: String,
    },
    Unattuned {
        key: String,
    },
    ItemMoved {
        key: String,
        to: String,
    },
    /// Money changed hands; amounts in copper pieces.
    CoinsPaid {
        cost_cp: i64,
        remaining_cp: i64,
    },
    CoinsReceived {
        amount_cp: i64,
    },
    // --- spells
    SpellPrepared {
        class: String,
        spell: String,
    },
    SpellUnprepared {
        class: String,
        spell: String,
    },
    /// A spell was cast; `slot_level` is `None` for a cantrip or a ritual.
    SpellCast {
        spell: String,
        slot_level: Option<u8>,
        pact: bool,
        ritual: bool,
    },
    ConcentrationStarted {
        spell: String,
    },
    ConcentrationEnded {
        spell: String,
        reason: String,
    },
    /// Damage while concentrating: a Constitution save against this DC keeps the spell.
    ConcentrationSave {
        spell: String,
        dc: i32,
    },
    // --- hit points and death
    Damaged {
        amount: i32,
        temp_absorbed: i32,
        hp_before: i32,
        hp_after: i32,
    },
    Healed {
        amount: i32,
        hp_before: i32,
        hp_after: i32,
    },
    TempHpGained {
        temp_before: i32,
        temp_after: i32,
    },
    DeathSave {
        roll: Option<u32>,
        successes: u8,
        failures: u8,
    },
    Stabilized,
    Died {
        reason: String,
    },
    Revived {
        hp: i32,
    },
    // --- conditions
    ConditionAdded {
        condition: String,
    },
    ConditionRemoved {
        condition: String,
    },
    ExhaustionChanged {
        from: u8,
        to: u8,
    },
    HeroicInspiration {
        has: bool,
    },
    // --- rests
    HitDiceSpent {
        die: Die,
        count: u32,
        rolls: Vec<u32>,
        healed: i32,
    },
    HitDiceRegained {
        die: Die,
        count: u32,
    },
    SlotsRestored {
        pact: bool,
    },
    CounterRestored {
        counter: String,
        uses: u32,
    },
    /// A recorded choice changed on a rest (a Circle of the Land druid's land).
    ChoiceChanged {
        key: String,
        from: String,
        to: String,
    },
    // --- themes
    /// The character took off one theme and put on another (`None`: no theme).
    ThemeChanged {
        from: Option<String>,
        to: Option<String>,
    },
    /// An inventory entry changed the variant it shows (`None`: the root item).
    ItemVariantChanged {
        key: String,
        item: String,
        from: Option<String>,
        to: Option<String>,
    },
}
