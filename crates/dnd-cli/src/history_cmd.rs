//! The history verbs against the database: history, diff, branch, tag, merge, restore,
//! cherry-pick, revert, proposals and themes.

use std::collections::BTreeMap;
use std::fmt::Write;

use dnd_core::history::{Commit, Page, Resolution, Submitted};
use dnd_engine::Engine;

use crate::edit::print_json;
use crate::error::CliError;
pub use crate::history_args::{HistoryCommand, ThemeCommand};
use crate::packs::read_text;

/// `PATH=ours|theirs|remove|JSON` pairs.
pub fn resolutions(list: &[String]) -> Result<BTreeMap<String, Resolution>, CliError> {
    let mut out = BTreeMap::new();
    for item in list {
        let Some((path, how)) = item.rsplit_once('=') else {
            return Err(CliError::Usage {
                message: format!("--resolve takes PATH=ours|theirs|remove|JSON, not `{item}`"),
            });
        };
        let r = match how {
            "ours" => Resolution::Ours,
            "theirs" => Resolution::Theirs,
            "remove" => Resolution::Value(None),
            v => Resolution::Value(Some(
                serde_json::from_str(v).unwrap_or_else(|_| serde_json::Value::String(v.into())),
            )),
        };
        out.insert(path.to_string(), r);
    }
    Ok(out)
}

fn commit_line(out: &mut String, c: &Commit) {
    let parents: Vec<&str> = c
        .body
        .parents
        .iter()
        .map(|p| &p[..12.min(p.len())])
        .collect();
    let _ = writeln!(
        out,
        "{}  {:?}  {}  {}  parents [{}]",
        &c.id[..12.min(c.id.len())],
        c.body.kind,
        c.body.author,
        c.body.message,
        parents.join(", ")
    );
}

fn commit_out(out: &mut String, c: &Commit, json: bool, what: &str) -> Result<(), CliError> {
    if json {
        return print_json(out, c);
    }
    let _ = writeln!(out, "{what} {}", c.id);
    Ok(())
}

/// Runs a history verb.
pub fn run(e: &Engine, cmd: &HistoryCommand, out: &mut String) -> Result<(), CliError> {
    use HistoryCommand::*;
    match cmd {
        History {
            t, at: Some(ms), ..
        } => {
            let c = e.state_at(&t.id, &t.branch, *ms)?;
            if t.json {
                return print_json(out, &c);
            }
            match c {
                Some(c) => commit_line(out, &c),
                None => {
                    let _ = writeln!(out, "no version of {} at {ms}", t.branch);
                }
            }
            Ok(())
        }
        History {
            t,
            offset,
            limit,
            at: None,
        } => {
            let list = e.history(
                &t.id,
                &t.branch,
                Page {
                    offset: *offset,
                    limit: *limit,
                },
            )?;
            if t.json {
                return print_json(out, &list);
            }
            list.iter().for_each(|c| commit_line(out, c));
            Ok(())
        }
        Diff { id, a, b, json } => {
            let d = e.diff(id, a, b)?;
            if *json {
                return print_json(out, &d);
            }
            let _ = writeln!(out, "{}", d.summary);
            for c in &d.diff.changes {
                let _ = writeln!(
                    out,
                    "  {:?} {}: {} → {}",
                    c.category,
                    c.path,
                    show(&c.old),
                    show(&c.new)
                );
            }
            Ok(())
        }
        Branch { id, name, at, json } => {
            if let Some(n) = name {
                e.branch(id, n, at.as_deref())?;
            }
            refs(out, &e.branches(id)?, *json)
        }
        Tag { id, name, at, json } => {
            if let Some(n) = name {
                e.tag(id, n, at.as_deref())?;
            }
            refs(out, &e.tags(id)?, *json)
        }
        Merge {
            id,
            from,
            into,
            resolve,
            force,
            message,
            json,
        } => {
            let c = e.merge(id, from, into, &resolutions(resolve)?, *force, message)?;
            commit_out(out, &c, *json, "merged:")
        }
        Restore { t, version } => commit_out(
            out,
            &e.restore(&t.id, &t.branch, version)?,
            t.json,
            "restored as",
        ),
        CherryPick { t, commit, resolve } => {
            let c = e.cherry_pick(&t.id, &t.branch, commit, &resolutions(resolve)?)?;
            commit_out(out, &c, t.json, "cherry-picked as")
        }
        Revert { t, commit, resolve } => {
            let c = e.revert(&t.id, &t.branch, commit, &resolutions(resolve)?)?;
            commit_out(out, &c, t.json, "reverted as")
        }
        Propose {
            file,
            branch,
            reason,
            always,
            json,
            ..
        } => {
            let ch = dnd_core::model::Character::from_json(&read_text(file)?)?;
            let s = e.propose(&ch, branch, reason, *always)?;
            if *json {
                return print_json(out, &s);
            }
            match s {
                Submitted::Committed { commit } => {
                    let _ = writeln!(out, "committed {} (nothing critical)", commit.id);
                }
                Submitted::Proposed { proposal } => {
                    let _ = writeln!(
                        out,
                        "proposal {} pending: {} critical change(s)",
                        proposal.id,
                        proposal.critical.len()
                    );
                }
            }
            Ok(())
        }
        Proposals { id, json } => {
            let list = e.proposals(id.as_deref())?;
            if *json {
                return print_json(out, &list);
            }
            for p in list {
                let status = serde_json::to_value(&p.status)
                    .ok()
                    .and_then(|v| v.get("status").cloned())
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "{}  {}  {}  {}  {}",
                    p.id,
                    status.as_str().unwrap_or(""),
                    p.branch,
                    p.author,
                    p.reason
                );
            }
            Ok(())
        }
        Approve {
            proposal,
            note,
            json,
        } => commit_out(out, &e.approve(proposal, note)?, *json, "approved as"),
        Reject {
            proposal,
            note,
            json,
        } => {
            let p = e.reject(proposal, note)?;
            if *json {
                return print_json(out, &p);
            }
            let _ = writeln!(out, "rejected {}", p.id);
            Ok(())
        }
        Rebase {
            proposal,
            resolve,
            json,
            ..
        } => {
            let p = e.rebase(proposal, &resolutions(resolve)?)?;
            if *json {
                return print_json(out, &p);
            }
            let _ = writeln!(out, "rebased {} onto {}", p.id, p.base);
            Ok(())
        }
        Theme { command } => theme(e, command, out),
    }
}

fn theme(e: &Engine, cmd: &ThemeCommand, out: &mut String) -> Result<(), CliError> {
    match cmd {
        ThemeCommand::List { json } => {
            let list = e.themes();
            if *json {
                return print_json(out, &list);
            }
            for t in list {
                let _ = writeln!(out, "{:<24} {} ({:?})", t.id, t.name, t.genre);
            }
            Ok(())
        }
        ThemeCommand::Show { theme } => print_json(out, &e.theme(theme)?),
        ThemeCommand::Apply { t, theme } => {
            let to = (theme != "none").then_some(theme.as_str());
            commit_out(
                out,
                &e.theme_apply(&t.id, &t.branch, to)?,
                t.json,
                "themed as",
            )
        }
        ThemeCommand::Rollback { t } => commit_out(
            out,
            &e.theme_rollback(&t.id, &t.branch)?,
            t.json,
            "rolled back as",
        ),
    }
}

fn refs(out: &mut String, list: &[dnd_engine::store::RefRow], json: bool) -> Result<(), CliError> {
    if json {
        return print_json(out, &list);
    }
    for r in list {
        let _ = writeln!(out, "{:<24} {}", r.name, r.commit);
    }
    Ok(())
}

fn show(v: &Option<serde_json::Value>) -> String {
    v.as_ref().map_or("—".into(), |v| v.to_string())
}
