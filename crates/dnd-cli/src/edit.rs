//! The shared shape of every verb that changes a character file: read it, run one core verb,
//! write the new file atomically (over the input, or to `-o OUT`; `-o -` prints it), print a
//! one-line summary or, with `--json`, the outcome as data. A refused step writes nothing.

use std::fmt::Write;
use std::path::PathBuf;

use clap::Args;
use dnd_core::model::Character;
use dnd_core::play::Outcome;
use dnd_core::rules::Rules;

use crate::error::CliError;
use crate::packs::{read_text, write_atomic};

/// The file arguments every editing verb takes.
#[derive(Debug, Clone, Args)]
pub struct EditArgs {
    /// The character file (JSON); `-` reads standard input (then `-o` is needed).
    pub file: PathBuf,
    /// Write the new character here instead of over FILE; `-` prints it on standard output.
    #[arg(short = 'o', long = "out", value_name = "OUT")]
    pub out: Option<PathBuf>,
    /// Print the outcome (summary, events, warnings, where it was written) as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Reads the character of `args.file`.
pub fn read_character(args: &EditArgs) -> Result<Character, CliError> {
    Ok(Character::from_json(&read_text(&args.file)?)?)
}

/// Runs `verb` on the file's character and writes and prints the outcome.
pub fn edit(
    rules: &Rules,
    args: &EditArgs,
    out: &mut String,
    verb: impl FnOnce(&Rules, &Character) -> dnd_core::Result<Outcome>,
) -> Result<(), CliError> {
    let ch = read_character(args)?;
    let outcome = verb(rules, &ch)?;
    write_outcome(&args.file, args.out.as_ref(), args.json, &outcome, out)
}

/// Writes the outcome's character (to `target`, else over `file`) and prints the summary.
pub fn write_outcome(
    file: &std::path::Path,
    target: Option<&PathBuf>,
    json: bool,
    outcome: &Outcome,
    out: &mut String,
) -> Result<(), CliError> {
    let text = format!("{}\n", serde_json::to_string_pretty(&outcome.character)?);
    let dest = target.map_or(file, |p| p.as_path());
    let to_stdout = dest.as_os_str() == "-";
    if to_stdout {
        out.push_str(&text);
    } else {
        write_atomic(dest, &text)?;
    }
    let written = (!to_stdout).then(|| dest.display().to_string());
    if json && !to_stdout {
        let v = serde_json::json!({
            "summary": outcome.summary,
            "events": outcome.events,
            "warnings": outcome.warnings,
            "written": written,
        });
        let _ = writeln!(out, "{}", serde_json::to_string_pretty(&v)?);
    } else {
        // With the character on standard output, the summary goes to standard error.
        let mut line = outcome.summary.clone();
        for w in &outcome.warnings {
            let _ = write!(line, "\nwarning[{}]: {}", w.code, w.message);
        }
        if to_stdout {
            eprintln!("{line}");
        } else {
            let _ = writeln!(out, "{line}");
        }
    }
    Ok(())
}

/// Prints a value as pretty JSON.
pub fn print_json(out: &mut String, v: &impl serde::Serialize) -> Result<(), CliError> {
    let _ = writeln!(out, "{}", serde_json::to_string_pretty(v)?);
    Ok(())
}
