//! `dnd new`, `dnd level-up`, `dnd level-down`.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use dnd_core::build::{
    Builder, HpMethod, LevelUp, NewCharacter, level_down, level_up, level_up_decisions,
};
use dnd_core::rules::Rules;

use crate::edit::{EditArgs, edit, read_character, write_outcome};
use crate::error::CliError;

/// The building verbs.
#[derive(Debug, Subcommand)]
pub enum BuildCommand {
    /// Create a valid level 1 character (printed, or written with -o); decisions not given are
    /// filled with deterministic picks, listed on standard error, unless --strict.
    New(NewArgs),
    /// Add one class level (multiclass prerequisites enforced); decisions not given are filled
    /// and listed unless --strict.
    LevelUp(LevelUpArgs),
    /// Remove the last level exactly.
    LevelDown(EditArgs),
}

/// Options of `dnd new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    #[arg(long)]
    pub class: String,
    #[arg(long)]
    pub species: String,
    #[arg(long)]
    pub background: String,
    #[arg(long)]
    pub lineage: Option<String>,
    /// standard-array, point-buy, roll (4d6 drop lowest, seeded) or manual.
    #[arg(long, value_name = "METHOD")]
    pub abilities: Option<String>,
    /// Scores: str=15,dex=14,con=13,int=12,wis=10,cha=8.
    #[arg(long)]
    pub assign: Option<String>,
    /// Background increase: int+2,wis+1 or str+1,dex+1,con+1.
    #[arg(long)]
    pub bonus: Option<String>,
    #[arg(long)]
    pub name: Option<String>,
    #[command(flatten)]
    pub choices: ChoiceArgs,
    /// Write the character here instead of printing it.
    #[arg(short = 'o', long = "out", value_name = "OUT")]
    pub out: Option<PathBuf>,
    /// Print the outcome (summary, events, warnings) as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Hit points of a new level.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum HpArg {
    Average,
    Roll,
}

/// Options of `dnd level-up`.
#[derive(Debug, Args)]
pub struct LevelUpArgs {
    #[command(flatten)]
    pub edit: EditArgs,
    #[arg(long)]
    pub class: String,
    #[arg(long)]
    pub subclass: Option<String>,
    #[arg(long, value_enum, default_value = "average")]
    pub hp: HpArg,
    /// A hit die roll made at the table (with --hp roll).
    #[arg(long)]
    pub hp_roll: Option<u32>,
    /// Ability Score Improvement: str+2 or str+1,con+1.
    #[arg(long, conflicts_with = "feat")]
    pub asi: Option<String>,
    /// The feat of an ASI or Epic Boon level.
    #[arg(long)]
    pub feat: Option<String>,
    #[command(flatten)]
    pub choices: ChoiceArgs,
}

/// The decision options `new` and `level-up` share.
#[derive(Debug, Args)]
pub struct ChoiceArgs {
    /// Seed for rolled scores or hit points (a fixed default when absent, so a run replays).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Any decision by key: --choose skills=arcana,history (repeatable).
    #[arg(long = "choose", value_name = "KEY=VALUE")]
    pub choose: Vec<String>,
    /// Refuse (exit 1) with the pending decisions instead of filling them.
    #[arg(long)]
    pub strict: bool,
    /// Print the decisions as JSON (answered or filled for `new`; asked for by the level for
    /// `level-up`) without writing anything.
    #[arg(long)]
    pub decisions: bool,
}

impl BuildCommand {
    /// Whether JSON output was asked for.
    pub fn json(&self) -> bool {
        match self {
            BuildCommand::New(a) => a.json || a.choices.decisions,
            BuildCommand::LevelUp(a) => a.edit.json || a.choices.decisions,
            BuildCommand::LevelDown(a) => a.json,
        }
    }
}

fn choices(list: &[String]) -> Result<BTreeMap<String, String>, CliError> {
    let mut out = BTreeMap::new();
    for item in list {
        let Some((k, v)) = item.split_once('=') else {
            return Err(CliError::Usage {
                message: format!("--choose takes KEY=VALUE, not `{item}`"),
            });
        };
        out.insert(k.trim().to_string(), v.trim().to_string());
    }
    Ok(out)
}

fn print_json(out: &mut String, v: &impl serde::Serialize) -> Result<(), CliError> {
    let _ = writeln!(out, "{}", serde_json::to_string_pretty(v)?);
    Ok(())
}

/// Runs a building verb.
pub fn run(rules: &Rules, cmd: &BuildCommand, out: &mut String) -> Result<(), CliError> {
    match cmd {
        BuildCommand::New(a) => {
            let req = NewCharacter {
                class: a.class.clone(),
                species: a.species.clone(),
                background: a.background.clone(),
                lineage: a.lineage.clone(),
                abilities: a.abilities.clone(),
                assign: a.assign.clone(),
                bonus: a.bonus.clone(),
                name: a.name.clone(),
                seed: a.choices.seed,
                choices: choices(&a.choices.choose)?,
                strict: a.choices.strict,
            };
            if a.choices.decisions {
                let mut b = Builder::new(req.seed.unwrap_or(0x5EED));
                b.answers = req.choices.clone();
                for (k, v) in [
                    ("class", &req.class),
                    ("species", &req.species),
                    ("background", &req.background),
                ] {
                    b.answers.insert(k.into(), v.clone());
                }
                return print_json(out, &b.decisions(rules)?);
            }
            let outcome = dnd_core::build::new_character(rules, &req)?;
            write_outcome(Path::new("-"), a.out.as_ref(), a.json, &outcome, out)
        }
        BuildCommand::LevelUp(a) => {
            if a.choices.decisions {
                let ch = read_character(&a.edit)?;
                return print_json(out, &level_up_decisions(rules, &ch, &a.class)?);
            }
            let req = LevelUp {
                class: a.class.clone(),
                subclass: a.subclass.clone(),
                hp: match a.hp {
                    HpArg::Average => HpMethod::Average,
                    HpArg::Roll => HpMethod::Roll,
                },
                hp_roll: a.hp_roll,
                seed: a.choices.seed,
                asi: a.asi.clone(),
                feat: a.feat.clone(),
                choices: choices(&a.choices.choose)?,
                strict: a.choices.strict,
            };
            edit(rules, &a.edit, out, |r, ch| level_up(r, ch, &req))
        }
        BuildCommand::LevelDown(a) => edit(rules, a, out, level_down),
    }
}
