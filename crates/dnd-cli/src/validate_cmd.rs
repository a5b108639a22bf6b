//! `dnd validate` and `dnd rules codes`.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use dnd_core::model::Character;
use dnd_core::rules::Rules;
use dnd_core::validate::{Profile, Report, Severity, apply_fixes, validate, validate_jsonl};

use crate::error::CliError;
use crate::packs::read_text;

/// Options of `dnd validate`.
#[derive(Debug, Clone, clap::Args)]
pub struct ValidateArgs {
    /// Character files (JSON); `-` reads standard input.
    #[arg(required_unless_present = "jsonl")]
    pub files: Vec<PathBuf>,
    /// One character per line of this file (JSON Lines).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["files", "fix"])]
    pub jsonl: Option<PathBuf>,
    /// A campaign rules profile (JSON).
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// Apply every available fix, re-validate, and write the result (stdout unless -o).
    #[arg(long)]
    pub fix: bool,
    /// Where --fix writes the fixed character.
    #[arg(short = 'o', long = "output", value_name = "FILE", requires = "fix")]
    pub output: Option<PathBuf>,
    /// Let --fix overwrite the input file.
    #[arg(long, requires = "fix")]
    pub in_place: bool,
    #[arg(long)]
    pub json: bool,
}

/// Exit status of a validation run: 0 clean, 1 rules errors, 2 unreadable input.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Outcome(pub u8);

fn issue_line(out: &mut String, i: &dnd_core::validate::Issue) {
    let sev = match i.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    };
    let path = if i.path.is_empty() {
        "/"
    } else {
        i.path.as_str()
    };
    let _ = writeln!(out, "  {sev:<7} {} at {path}: {}", i.code, i.message);
    let _ = writeln!(
        out,
        "          [{} › {} › {}]{}",
        i.citation.document,
        i.citation.chapter,
        i.citation.heading,
        if i.fix.is_some() {
            " (fix available)"
        } else {
            ""
        }
    );
    if let Some(s) = &i.suggestion {
        let _ = writeln!(out, "          suggestion: {s}");
    }
}

fn text_report(out: &mut String, name: &str, r: &Report) {
    if r.issues.is_empty() {
        let _ = writeln!(out, "{name}: valid");
        return;
    }
    let _ = writeln!(
        out,
        "{name}: {} error(s), {} warning(s), {} note(s)",
        r.errors, r.warnings, r.infos
    );
    for i in &r.issues {
        issue_line(out, i);
    }
}

/// Runs `dnd validate`.
pub fn run(rules: &Rules, a: &ValidateArgs, out: &mut String) -> Result<Outcome, CliError> {
    let profile = match &a.profile {
        Some(p) => Profile::from_json(&read_text(p)?)?,
        None => Profile::default(),
    };
    if let Some(path) = &a.jsonl {
        return jsonl(rules, &profile, path, a.json, out);
    }
    let mut worst = Outcome(0);
    let mut items = Vec::new();
    for file in &a.files {
        let name = file.display().to_string();
        let parsed = read_text(file).and_then(|t| Character::from_json(&t).map_err(CliError::from));
        let ch = match parsed {
            Ok(c) => c,
            Err(e) => {
                worst = worst.max(Outcome(2));
                if a.json {
                    items.push(serde_json::json!({"file": name, "error": {"code": e.code(), "message": e.to_string(), "path": e.path()}}));
                } else {
                    let _ = writeln!(out, "{name}: unreadable: error[{}]: {e}", e.code());
                }
                continue;
            }
        };
        let mut report = validate(rules, &ch, &profile);
        if a.fix {
            let (fixed, applied) = fix_loop(rules, &profile, ch, &mut report)?;
            write_fixed(a, file, &fixed, applied, out)?;
        }
        if !report.valid {
            worst = worst.max(Outcome(1));
        }
        if a.json {
            items.push(serde_json::json!({"file": name, "report": report}));
        } else if !(a.fix && a.output.is_none() && !a.in_place) {
            text_report(out, &name, &report);
        }
    }
    if a.json {
        let _ = writeln!(out, "{}", serde_json::to_string_pretty(&items)?);
    }
    Ok(worst)
}

/// Applies fixes and re-validates until nothing more applies (at most five rounds).
fn fix_loop(
    rules: &Rules,
    profile: &Profile,
    mut ch: Character,
    report: &mut Report,
) -> Result<(Character, usize), CliError> {
    let mut total = 0;
    for _ in 0..5 {
        let (next, applied) = apply_fixes(&ch, report)?;
        if applied == 0 {
            break;
        }
        total += applied;
        ch = next;
        *report = validate(rules, &ch, profile);
    }
    Ok((ch, total))
}

fn write_fixed(
    a: &ValidateArgs,
    input: &Path,
    fixed: &Character,
    applied: usize,
    out: &mut String,
) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(fixed)? + "\n";
    let target = match (&a.output, a.in_place) {
        (Some(o), _) => Some(o.clone()),
        (None, true) => Some(input.to_path_buf()),
        (None, false) => None,
    };
    match target {
        Some(t) => {
            crate::packs::write_atomic(&t, &text)?;
            let _ = std::io::Write::write_all(
                &mut std::io::stderr(),
                format!(
                    "{}: {applied} fix(es) applied, written to {}\n",
                    input.display(),
                    t.display()
                )
                .as_bytes(),
            );
        }
        None if !a.json => out.push_str(&text),
        None => {}
    }
    Ok(())
}

fn jsonl(
    rules: &Rules,
    profile: &Profile,
    path: &Path,
    json: bool,
    out: &mut String,
) -> Result<Outcome, CliError> {
    let text = read_text(path)?;
    let items = validate_jsonl(rules, &text, profile);
    let mut worst = Outcome(0);
    let (mut valid, mut invalid, mut unreadable) = (0, 0, 0);
    for it in &items {
        match (&it.report, &it.error) {
            (Some(r), _) if r.valid => valid += 1,
            (Some(_), _) => {
                invalid += 1;
                worst = worst.max(Outcome(1));
            }
            _ => {
                unreadable += 1;
                worst = worst.max(Outcome(2));
            }
        }
        if json {
            let _ = writeln!(out, "{}", serde_json::to_string(it)?);
        } else if let Some(r) = it.report.as_ref().filter(|r| !r.issues.is_empty()) {
            text_report(out, &format!("line {}", it.line), r);
        } else if let Some(e) = &it.error {
            let _ = writeln!(
                out,
                "line {}: unreadable: error[{}]: {}",
                it.line, e.code, e.message
            );
        }
    }
    if !json {
        let _ = writeln!(
            out,
            "{} character(s): {valid} valid, {invalid} invalid, {unreadable} unreadable",
            items.len()
        );
    }
    Ok(worst)
}

/// Runs `dnd rules codes`.
pub fn codes(json: bool, out: &mut String) -> Result<(), CliError> {
    let codes = dnd_core::validate::codes();
    if json {
        let _ = writeln!(out, "{}", serde_json::to_string_pretty(&codes)?);
    } else {
        for c in codes {
            let sev = dnd_core::model::key_of(&c.severity);
            let _ = writeln!(
                out,
                "{:<44} {sev:<8} {} › {}\n    {}",
                c.code, c.citation.chapter, c.citation.heading, c.description
            );
        }
    }
    Ok(())
}

/// Runs `dnd rules check PACK`.
pub fn check_pack(
    base: Vec<dnd_core::rules::Pack>,
    pack: &dnd_core::rules::Pack,
    name: &str,
    json: bool,
    out: &mut String,
) -> Result<u8, CliError> {
    let report = dnd_core::validate::validate_pack(base, pack);
    if json {
        let _ = writeln!(out, "{}", serde_json::to_string_pretty(&report)?);
    } else {
        text_report(out, name, &report);
    }
    Ok(if report.valid { 0 } else { 1 })
}
