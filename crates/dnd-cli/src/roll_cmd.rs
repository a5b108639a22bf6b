//! `dnd roll EXPR [--seed N] [--advantage|--disadvantage] [--stats] [--json]`.

use std::fmt::Write;

use dnd_core::dice::{Advantage, Crit, RollOptions, roll_with, stats_with};

use crate::error::CliError;

/// Options of `dnd roll`.
#[derive(Debug, Clone, clap::Args)]
pub struct RollArgs {
    /// A dice expression in d20 notation (`4d6kh3`, `1d20+5`, `2d6+1d4+3 [fire]`).
    pub expr: String,
    /// Seed for a replayable roll (printed when not given).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Roll the leftmost d20 twice, keep the higher.
    #[arg(long, conflicts_with = "disadvantage")]
    pub advantage: bool,
    /// Roll the leftmost d20 twice, keep the lower.
    #[arg(long)]
    pub disadvantage: bool,
    /// Print the exact minimum, maximum, mean and distribution instead of rolling.
    #[arg(long)]
    pub stats: bool,
    #[arg(long)]
    pub json: bool,
}

fn fresh_seed() -> u64 {
    // The CLI, not the core, chooses a seed; the core's rolls stay pure functions of it.
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    nanos ^ (u64::from(std::process::id()) << 32)
}

/// Runs `dnd roll`.
pub fn run(a: &RollArgs, out: &mut String) -> Result<(), CliError> {
    let advantage = match (a.advantage, a.disadvantage) {
        (true, _) => Advantage::Advantage,
        (_, true) => Advantage::Disadvantage,
        _ => Advantage::None,
    };
    let options = RollOptions { advantage };
    if a.stats {
        let s = stats_with(&a.expr, options)?;
        if a.json {
            let _ = writeln!(out, "{}", serde_json::to_string_pretty(&s)?);
        } else {
            let _ = writeln!(
                out,
                "{}: min {} max {} mean {:.4}",
                a.expr, s.min, s.max, s.mean
            );
            for o in &s.distribution {
                let bar = "#".repeat((o.probability * 200.0).round() as usize);
                let _ = writeln!(out, "{:>6} {:>8.4}% {bar}", o.value, o.probability * 100.0);
            }
        }
        return Ok(());
    }
    let seed = a.seed.unwrap_or_else(fresh_seed);
    let r = roll_with(&a.expr, seed, options)?;
    if a.json {
        let _ = writeln!(out, "{}", serde_json::to_string_pretty(&r)?);
    } else {
        let crit = match r.crit {
            Crit::Natural20 => "  (natural 20)",
            Crit::Natural1 => "  (natural 1)",
            Crit::None => "",
        };
        let _ = writeln!(out, "{}{crit}", r.rendered);
        if a.seed.is_none() {
            let _ = writeln!(out, "seed {seed}");
        }
    }
    Ok(())
}
