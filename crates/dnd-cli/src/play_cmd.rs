//! The play verbs: `prepare`, `unprepare`, `cast`, `damage`, `heal`, `temp-hp`, `death-save`,
//! `condition`, `exhaustion`, `inspiration`, `concentration`, `rest`. Each edits a character
//! file through [`crate::edit::edit`].

use clap::{Subcommand, ValueEnum};
use dnd_core::model::Die;
use dnd_core::play::conditions::{self, Exhaustion};
use dnd_core::play::health::{self, Damage, DeathSave};
use dnd_core::play::rest::{self, LongRest, ShortRest};
use dnd_core::play::spells::{self, Cast};
use dnd_core::rules::Rules;

use crate::edit::{EditArgs, edit};
use crate::error::CliError;

/// The play verbs.
#[derive(Debug, Subcommand)]
pub enum PlayCommand {
    /// Prepare a spell (within the class's Prepared Spells number).
    Prepare {
        #[command(flatten)]
        edit: EditArgs,
        spell: String,
        /// The class to prepare it for (default: the first whose list has it).
        #[arg(long)]
        class: Option<String>,
    },
    /// Remove a spell from a prepared list.
    Unprepare {
        #[command(flatten)]
        edit: EditArgs,
        spell: String,
        #[arg(long)]
        class: Option<String>,
    },
    /// Cast a spell: spends a slot (the lowest of its level or higher, or --level N).
    Cast {
        #[command(flatten)]
        edit: EditArgs,
        spell: String,
        /// Slot level (upcasting).
        #[arg(long)]
        level: Option<u8>,
        /// Cast as a Ritual (no slot).
        #[arg(long, conflicts_with_all = ["level", "pact"])]
        ritual: bool,
        /// Spend a Pact Magic slot.
        #[arg(long)]
        pact: bool,
    },
    /// Take damage (temporary hit points first).
    Damage {
        #[command(flatten)]
        edit: EditArgs,
        amount: u32,
        /// The damage is from a Critical Hit.
        #[arg(long)]
        critical: bool,
    },
    /// Regain hit points.
    Heal {
        #[command(flatten)]
        edit: EditArgs,
        amount: u32,
    },
    /// Gain temporary hit points (the higher of old and new is kept).
    TempHp {
        #[command(flatten)]
        edit: EditArgs,
        amount: u32,
    },
    /// Make a death saving throw at 0 hit points.
    DeathSave {
        #[command(flatten)]
        edit: EditArgs,
        /// The d20 rolled.
        #[arg(long, conflicts_with = "seed", required_unless_present = "seed")]
        roll: Option<u32>,
        /// Roll the d20 from this seed.
        #[arg(long)]
        seed: Option<u64>,
    },
    /// Add or remove a condition.
    Condition {
        #[command(flatten)]
        edit: EditArgs,
        action: AddRemove,
        id: String,
    },
    /// Change the exhaustion level: `+1`, `-1` or a level 0–6.
    Exhaustion {
        #[command(flatten)]
        edit: EditArgs,
        #[arg(allow_hyphen_values = true, value_parser = parse_exhaustion)]
        change: ExhaustionArg,
    },
    /// Gain or spend Heroic Inspiration.
    Inspiration {
        #[command(flatten)]
        edit: EditArgs,
        action: GainSpend,
    },
    /// End concentration, or record a failed concentration save.
    Concentration {
        #[command(flatten)]
        edit: EditArgs,
        action: ConcentrationAction,
    },
    /// Take a short or long rest.
    Rest {
        #[command(flatten)]
        edit: EditArgs,
        kind: RestKind,
        /// Hit dice to spend on a short rest, as `d8:2`; repeatable.
        #[arg(long, value_parser = parse_spend)]
        spend: Vec<(Die, u32)>,
        /// The hit die rolls, in order (comma-separated); else rolled from --seed.
        #[arg(long, value_delimiter = ',')]
        rolls: Vec<u32>,
        /// Seed for the hit die rolls.
        #[arg(long)]
        seed: Option<u64>,
        /// A new land for a Circle of the Land druid (long rest).
        #[arg(long)]
        land: Option<String>,
    },
}

/// `add` or `remove`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AddRemove {
    Add,
    Remove,
}

/// `gain` or `spend`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum GainSpend {
    Gain,
    Spend,
}

/// What to do with concentration.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ConcentrationAction {
    End,
    SaveFailed,
    SavePassed,
}

/// A short or a long rest.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RestKind {
    Short,
    Long,
}

/// An exhaustion change as typed: `+N`/`-N` or a level.
#[derive(Debug, Clone, Copy)]
pub struct ExhaustionArg(Exhaustion);

fn parse_exhaustion(s: &str) -> Result<ExhaustionArg, String> {
    let bad = || format!("`{s}`: expected +N, -N or a level 0-6");
    if let Some(rest) = s.strip_prefix('+') {
        return rest
            .parse::<i32>()
            .map(|n| ExhaustionArg(Exhaustion::Delta(n)))
            .map_err(|_| bad());
    }
    if s.starts_with('-') {
        return s
            .parse::<i32>()
            .map(|n| ExhaustionArg(Exhaustion::Delta(n)))
            .map_err(|_| bad());
    }
    s.parse::<u8>()
        .map(|n| ExhaustionArg(Exhaustion::Set(n)))
        .map_err(|_| bad())
}

fn parse_spend(s: &str) -> Result<(Die, u32), String> {
    let bad = || format!("`{s}`: expected DIE:COUNT, like d8:2");
    let (die, n) = s.split_once(':').unwrap_or((s, "1"));
    let faces = die
        .trim()
        .strip_prefix(['d', 'D'])
        .and_then(|f| f.parse::<u32>().ok())
        .ok_or_else(bad)?;
    let die = Die::from_faces(faces).ok_or_else(bad)?;
    let n = n.trim().parse::<u32>().map_err(|_| bad())?;
    Ok((die, n))
}

impl PlayCommand {
    /// Whether `--json` was asked for.
    pub fn json(&self) -> bool {
        self.edit_args().json
    }

    fn edit_args(&self) -> &EditArgs {
        match self {
            PlayCommand::Prepare { edit, .. }
            | PlayCommand::Unprepare { edit, .. }
            | PlayCommand::Cast { edit, .. }
            | PlayCommand::Damage { edit, .. }
            | PlayCommand::Heal { edit, .. }
            | PlayCommand::TempHp { edit, .. }
            | PlayCommand::DeathSave { edit, .. }
            | PlayCommand::Condition { edit, .. }
            | PlayCommand::Exhaustion { edit, .. }
            | PlayCommand::Inspiration { edit, .. }
            | PlayCommand::Concentration { edit, .. }
            | PlayCommand::Rest { edit, .. } => edit,
        }
    }
}

/// Runs one play verb.
pub fn run(r: &Rules, cmd: &PlayCommand, out: &mut String) -> Result<(), CliError> {
    let a = cmd.edit_args();
    match cmd {
        PlayCommand::Prepare { spell, class, .. } => edit(r, a, out, |r, ch| {
            spells::prepare(r, ch, class.as_deref(), spell)
        }),
        PlayCommand::Unprepare { spell, class, .. } => edit(r, a, out, |r, ch| {
            spells::unprepare(r, ch, class.as_deref(), spell)
        }),
        PlayCommand::Cast {
            spell,
            level,
            ritual,
            pact,
            ..
        } => {
            let how = Cast {
                slot_level: *level,
                ritual: *ritual,
                pact: pact.then_some(true),
            };
            edit(r, a, out, |r, ch| spells::cast(r, ch, spell, how))
        }
        PlayCommand::Damage {
            amount, critical, ..
        } => {
            let how = Damage {
                critical: *critical,
            };
            edit(r, a, out, |r, ch| health::damage(r, ch, *amount, how))
        }
        PlayCommand::Heal { amount, .. } => edit(r, a, out, |r, ch| health::heal(r, ch, *amount)),
        PlayCommand::TempHp { amount, .. } => {
            edit(r, a, out, |r, ch| health::temp_hp(r, ch, *amount))
        }
        PlayCommand::DeathSave { roll, seed, .. } => {
            let save = DeathSave {
                roll: *roll,
                seed: *seed,
            };
            edit(r, a, out, |r, ch| health::death_save(r, ch, save))
        }
        PlayCommand::Condition { action, id, .. } => {
            let add = matches!(action, AddRemove::Add);
            edit(r, a, out, |r, ch| conditions::condition(r, ch, add, id))
        }
        PlayCommand::Exhaustion { change, .. } => {
            edit(r, a, out, |r, ch| conditions::exhaustion(r, ch, change.0))
        }
        PlayCommand::Inspiration { action, .. } => {
            let gain = matches!(action, GainSpend::Gain);
            edit(r, a, out, |r, ch| conditions::inspiration(r, ch, gain))
        }
        PlayCommand::Concentration { action, .. } => edit(r, a, out, |r, ch| match action {
            ConcentrationAction::End => health::end_concentration(r, ch),
            ConcentrationAction::SaveFailed => health::concentration_save(r, ch, false),
            ConcentrationAction::SavePassed => health::concentration_save(r, ch, true),
        }),
        PlayCommand::Rest {
            kind,
            spend,
            rolls,
            seed,
            land,
            ..
        } => match kind {
            RestKind::Short => {
                let rest = ShortRest {
                    spend: spend.clone(),
                    rolls: (!rolls.is_empty()).then(|| rolls.clone()),
                    seed: *seed,
                };
                edit(r, a, out, |r, ch| rest::short_rest(r, ch, rest))
            }
            RestKind::Long => {
                let rest = LongRest { land: land.clone() };
                edit(r, a, out, |r, ch| rest::long_rest(r, ch, rest))
            }
        },
    }
}
