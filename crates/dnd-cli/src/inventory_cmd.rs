//! The inventory and money verbs: `dnd give|take|equip|unequip|attune|unattune|pay|receive|move`.
//! Each edits a character file through [`crate::edit::edit`].

use clap::{Args, Subcommand};
use dnd_core::model::{Coins, CustomItem, Location};
use dnd_core::play::{coins, inventory};
use dnd_core::rules::Rules;

use crate::edit::{EditArgs, edit};
use crate::error::CliError;

/// The inventory verbs (flattened into the top-level commands).
#[derive(Debug, Subcommand)]
pub enum InventoryCommand {
    /// Add an item (a catalog id, or any id with --custom-*), stacking onto a matching entry.
    Give(GiveArgs),
    /// Remove some of an inventory entry (by key or item id); a container's contents spill out.
    Take(TakeArgs),
    /// Equip armor, a Shield, a weapon or a wearable magic item (a second armor or Shield
    /// replaces the first).
    Equip(KeyArgs),
    /// Unequip an item.
    Unequip(KeyArgs),
    /// Attune to a magic item that requires it (three at most; takes a short rest).
    Attune(KeyArgs),
    /// End attunement to an item.
    Unattune(KeyArgs),
    /// Pay an amount (`12gp 5sp`, `1,500 gp`) from the purse, with change.
    Pay(AmountArgs),
    /// Add an amount (`12gp 5sp`) to the purse.
    Receive(AmountArgs),
    /// Move an item to `carried`, `stored`, or into a container (by its key).
    Move(MoveArgs),
}

/// `dnd give FILE ITEM ...`
#[derive(Debug, Args)]
pub struct GiveArgs {
    #[command(flatten)]
    pub edit: EditArgs,
    /// Item id (`longsword`, `bag-of-holding`).
    pub item: String,
    /// How many.
    #[arg(long, default_value_t = 1)]
    pub quantity: u32,
    /// An instance key of its own.
    #[arg(long)]
    pub key: Option<String>,
    /// Put it inside this container (by its key).
    #[arg(long, value_name = "CONTAINER_KEY", conflicts_with = "stored")]
    pub into: Option<String>,
    /// Put it in storage (it does not count toward carried weight).
    #[arg(long)]
    pub stored: bool,
    /// A display name.
    #[arg(long)]
    pub name: Option<String>,
    /// A custom item's weight in pounds (makes the item custom).
    #[arg(long, value_name = "LB")]
    pub custom_weight: Option<f64>,
    /// A custom item's cost in gold pieces (makes the item custom).
    #[arg(long, value_name = "GP")]
    pub custom_cost: Option<f64>,
    /// A custom item that requires attunement (makes the item custom).
    #[arg(long)]
    pub custom_attunement: bool,
}

/// `dnd take FILE KEY [--quantity N]`
#[derive(Debug, Args)]
pub struct TakeArgs {
    #[command(flatten)]
    pub edit: EditArgs,
    /// Instance key or item id.
    pub key: String,
    /// How many.
    #[arg(long, default_value_t = 1)]
    pub quantity: u32,
}

/// `dnd equip|unequip|attune|unattune FILE KEY`
#[derive(Debug, Args)]
pub struct KeyArgs {
    #[command(flatten)]
    pub edit: EditArgs,
    /// Instance key or item id.
    pub key: String,
}

/// `dnd pay|receive FILE AMOUNT`
#[derive(Debug, Args)]
pub struct AmountArgs {
    #[command(flatten)]
    pub edit: EditArgs,
    /// Whole coins, each followed by cp, sp, ep, gp or pp (`12gp 5sp`).
    pub amount: String,
}

/// `dnd move FILE KEY --to carried|stored|CONTAINER_KEY`
#[derive(Debug, Args)]
pub struct MoveArgs {
    #[command(flatten)]
    pub edit: EditArgs,
    /// Instance key or item id.
    pub key: String,
    /// `carried`, `stored`, or a container's key.
    #[arg(long, value_name = "carried|stored|CONTAINER_KEY")]
    pub to: String,
}

impl InventoryCommand {
    fn edit_args(&self) -> &EditArgs {
        match self {
            Self::Give(a) => &a.edit,
            Self::Take(a) => &a.edit,
            Self::Equip(a) | Self::Unequip(a) | Self::Attune(a) | Self::Unattune(a) => &a.edit,
            Self::Pay(a) | Self::Receive(a) => &a.edit,
            Self::Move(a) => &a.edit,
        }
    }

    /// Whether `--json` was given.
    pub fn json(&self) -> bool {
        self.edit_args().json
    }
}

fn location(to: &str) -> Location {
    match to {
        "carried" => Location::Carried,
        "stored" => Location::Stored,
        key => Location::In(key.to_string()),
    }
}

fn give_options(a: &GiveArgs) -> inventory::Give {
    let custom = (a.custom_weight.is_some() || a.custom_cost.is_some() || a.custom_attunement)
        .then(|| CustomItem {
            weight_lb: a.custom_weight.unwrap_or(0.0),
            cost_gp: a.custom_cost.unwrap_or(0.0),
            requires_attunement: a.custom_attunement,
        });
    let location = match (&a.into, a.stored) {
        (Some(k), _) => Some(Location::In(k.clone())),
        (None, true) => Some(Location::Stored),
        (None, false) => None,
    };
    inventory::Give {
        quantity: a.quantity,
        key: a.key.clone(),
        location,
        custom,
        name: a.name.clone(),
    }
}

/// Runs one inventory verb.
pub fn run(rules: &Rules, cmd: &InventoryCommand, out: &mut String) -> Result<(), CliError> {
    match cmd {
        InventoryCommand::Give(a) => {
            let g = give_options(a);
            edit(rules, &a.edit, out, |r, ch| {
                inventory::give(r, ch, &a.item, g)
            })
        }
        InventoryCommand::Take(a) => edit(rules, &a.edit, out, |r, ch| {
            inventory::take(r, ch, &a.key, a.quantity)
        }),
        InventoryCommand::Equip(a) => {
            edit(rules, &a.edit, out, |r, ch| inventory::equip(r, ch, &a.key))
        }
        InventoryCommand::Unequip(a) => edit(rules, &a.edit, out, |r, ch| {
            inventory::unequip(r, ch, &a.key)
        }),
        InventoryCommand::Attune(a) => edit(rules, &a.edit, out, |r, ch| {
            inventory::attune(r, ch, &a.key)
        }),
        InventoryCommand::Unattune(a) => edit(rules, &a.edit, out, |r, ch| {
            inventory::unattune(r, ch, &a.key)
        }),
        InventoryCommand::Pay(a) => {
            let amount = Coins::parse(&a.amount)?;
            edit(rules, &a.edit, out, |r, ch| coins::pay(r, ch, amount))
        }
        InventoryCommand::Receive(a) => {
            let amount = Coins::parse(&a.amount)?;
            edit(rules, &a.edit, out, |r, ch| coins::receive(r, ch, amount))
        }
        InventoryCommand::Move(a) => edit(rules, &a.edit, out, |r, ch| {
            inventory::move_item(r, ch, &a.key, location(&a.to))
        }),
    }
}
