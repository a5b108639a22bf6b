//! `dnd`: the command-line face of the dnd engine.
//!
//! Exit codes for every verb: 0 success, 1 the rules refuse, 2 unreadable or malformed input or
//! bad usage.

mod build_cmd;
mod campaign_args;
mod campaign_cmd;
mod campaign_parse;
mod campaign_parts_cmd;
mod campaign_play_args;
mod campaign_play_cmd;
mod commands;
mod edit;
mod error;
mod gen_cmd;
mod gen_map;
mod history_args;
mod history_cmd;
mod inventory_cmd;
mod packs;
mod play_cmd;
mod roll_cmd;
mod search_cmd;
mod store_cmd;
mod text;
mod validate_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// D&D 5e (2024, SRD 5.2) rules engine: rules lookup and explained character sheets.
#[derive(Debug, Parser)]
#[command(name = "dnd", version, about)]
pub struct Cli {
    /// Extra rules pack (a folder with pack.json, or one JSON file); repeatable.
    #[arg(long = "pack", global = true, value_name = "PATH")]
    pub packs: Vec<PathBuf>,
    /// The database of the history and storage verbs.
    #[arg(long, global = true, value_name = "PATH", default_value = "dnd.db")]
    pub db: PathBuf,
    /// Who is acting: the author of versions and the actor in the audit log.
    #[arg(long, global = true, value_name = "NAME", default_value = "local")]
    pub author: String,
    #[command(subcommand)]
    pub command: Command,
}

/// The verbs.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Look up rules content.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Derive and print the sheet of a character file.
    Sheet {
        /// The character file (JSON); `-` reads standard input.
        file: PathBuf,
        /// Print the sheet as JSON.
        #[arg(long)]
        json: bool,
        /// Explain a derived number (`armor_class`, `abilities.dex.save`, `spellcasting`); with
        /// no path, every number. A path prefix explains every number under it.
        #[arg(long, value_name = "PATH", num_args = 0..=1, default_missing_value = "")]
        explain: Option<String>,
    },
    /// Validate character files against the rules and a campaign profile (exit 1 on any error).
    Validate(validate_cmd::ValidateArgs),
    /// Roll dice (seeded and replayable), or print their exact statistics with --stats.
    Roll(roll_cmd::RollArgs),
    #[command(flatten)]
    Build(build_cmd::BuildCommand),
    #[command(flatten)]
    Store(store_cmd::StoreCommand),
    /// Search rules and your content: free text, typos forgiven, filters, facets (`dnd search
    /// fireball`, `dnd search --kind spell --filter 'level<=3'`, `dnd search suggest fire`).
    Search(search_cmd::SearchArgs),
    /// The search index: rebuild, stats, optimize.
    Index {
        #[command(subcommand)]
        command: search_cmd::IndexCommand,
    },
    #[command(flatten)]
    History(history_cmd::HistoryCommand),
    /// Print a JSON Schema: character, sheet, pack, profile, report or campaign.
    Schema {
        /// Schema name.
        name: String,
    },
    /// The main job on embedded defaults: print example sheets with explanations.
    Demo {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Inventory and money: give, take, equip, unequip, attune, unattune, pay, receive, move.
    #[command(flatten)]
    Inventory(inventory_cmd::InventoryCommand),
    #[command(flatten)]
    Play(play_cmd::PlayCommand),
    #[command(flatten)]
    Campaign(campaign_args::CampaignCommand),
    #[command(flatten)]
    Gen(gen_cmd::GenCommand),
}

/// `dnd rules ...`
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List every entry of a kind (classes, subclasses, species, backgrounds, feats, spells,
    /// weapons, armor, gear, tools, magic-items, creatures, conditions, languages).
    List {
        kind: String,
        #[arg(long)]
        json: bool,
    },
    /// Check a homebrew pack (folder or file): structure, references, and power against SRD
    /// baselines (exit 1 on structural errors; power findings are warnings).
    Check {
        pack: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Every validation code with its severity, citation and meaning.
    Codes {
        #[arg(long)]
        json: bool,
    },
    /// Show one entry.
    Show {
        kind: String,
        id: String,
        #[arg(long)]
        json: bool,
    },
}

impl Command {
    /// Whether the verb was asked for JSON output (errors then go to stdout as JSON too).
    pub fn json(&self) -> bool {
        match self {
            Command::Rules {
                command: RulesCommand::List { json, .. },
            }
            | Command::Rules {
                command: RulesCommand::Show { json, .. },
            }
            | Command::Rules {
                command: RulesCommand::Codes { json },
            }
            | Command::Rules {
                command: RulesCommand::Check { json, .. },
            }
            | Command::Sheet { json, .. }
            | Command::Validate(validate_cmd::ValidateArgs { json, .. })
            | Command::Roll(roll_cmd::RollArgs { json, .. })
            | Command::Demo { json } => *json,
            Command::Build(b) => b.json(),
            Command::Store(c) => c.json(),
            Command::Search(a) => a.json(),
            Command::Index { command } => command.json(),
            Command::History(c) => c.json(),
            Command::Inventory(c) => c.json(),
            Command::Play(p) => p.json(),
            Command::Campaign(c) => c.json(),
            Command::Gen(g) => g.json(),
            Command::Schema { .. } => false,
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let mut out = String::new();
    let result = commands::run(&cli, &mut out);
    // A closed pipe (`dnd ... | head`) is not an error worth a panic or a message.
    let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), out.as_bytes());
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => e.report(cli.command.json()),
    }
}
