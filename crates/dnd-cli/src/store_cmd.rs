//! The database verbs: save, load, list, delete, undelete, purge, assets, events, audit,
//! backup, export, import, verify, gc.

use std::fmt::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use dnd_engine::Engine;
use dnd_engine::store::AuditFilter;

use crate::edit::print_json;
use crate::error::CliError;
use crate::packs::{read_text, write_atomic};

/// `--json` alone.
#[derive(Debug, Clone, Args)]
pub struct Json {
    #[arg(long)]
    pub json: bool,
}

/// The database verbs.
#[derive(Debug, Subcommand)]
pub enum StoreCommand {
    /// Save a character file as a new version (`--json` prints `id` and `version`). A file that
    /// carries its `id` saves a new version of that character.
    Save {
        file: PathBuf,
        #[arg(long, default_value = "main")]
        branch: String,
        #[arg(short = 'm', long = "message", default_value = "")]
        message: String,
        /// The version the file was loaded from (default: the branch's current head).
        #[arg(long)]
        expect: Option<String>,
        #[command(flatten)]
        j: Json,
    },
    /// Print (or write with -o) a character at a branch, tag or version.
    Load {
        id: String,
        /// A branch, tag or version id (default `main`).
        #[arg(long)]
        version: Option<String>,
        #[arg(short = 'o', long = "out")]
        out: Option<PathBuf>,
    },
    /// Every character in the database.
    List(Json),
    /// Mark a character deleted (undelete brings it back until purged).
    Delete {
        id: String,
    },
    Undelete {
        id: String,
    },
    /// Remove for good the characters deleted more than DAYS ago.
    Purge {
        #[arg(long, default_value_t = 30)]
        older_than_days: u32,
    },
    /// Blobs: put FILE, get ID -o OUT, list, gc.
    Asset {
        #[command(subcommand)]
        command: AssetCommand,
    },
    /// The event log from sequence number --from.
    Events {
        #[arg(long, default_value_t = 0)]
        from: i64,
        #[arg(long, default_value_t = 100)]
        limit: usize,
        /// Keep printing new events as they come (polls; stops after --follow-seconds).
        #[arg(long)]
        follow: bool,
        #[arg(long, default_value_t = 60)]
        follow_seconds: u64,
        #[command(flatten)]
        j: Json,
    },
    /// The audit log, newest first.
    Audit {
        #[arg(long)]
        actor: Option<String>,
        #[arg(long)]
        action: Option<String>,
        #[command(flatten)]
        j: Json,
    },
    /// An online backup to OUT, or (with --restore IN) the database replaced by a backup.
    Backup {
        out: Option<PathBuf>,
        #[arg(long, value_name = "IN", conflicts_with = "out")]
        restore: Option<PathBuf>,
    },
    /// A portable archive (JSON Lines with a manifest of hashes).
    Export {
        out: PathBuf,
    },
    /// Read an archive made by `dnd export`, or an SRD data set folder into the catalog.
    Import {
        /// FILE (an archive), or FORMAT DIR (open5e, 5e-database, srd-markdown or archive).
        #[arg(num_args = 1..=2, value_names = ["FORMAT_OR_FILE", "DIR"], required = true)]
        args: Vec<PathBuf>,
        /// Print the report as JSON (and no progress bar).
        #[arg(long)]
        json: bool,
    },
    /// Rehash every object, commit and blob (exit 1 on any mismatch).
    Verify(Json),
    /// Delete unreferenced blobs and compact the database.
    Gc,
}

/// `dnd asset ...`
#[derive(Debug, Subcommand)]
pub enum AssetCommand {
    Put {
        file: PathBuf,
        /// portrait, map, pdf or other (each has its size limit).
        #[arg(long, default_value = "other")]
        kind: String,
        #[arg(long = "type", default_value = "application/octet-stream")]
        content_type: String,
        /// Link it to a character or campaign id.
        #[arg(long)]
        subject: Option<String>,
        #[arg(long = "tag")]
        tags: Vec<String>,
    },
    Get {
        id: String,
        #[arg(short = 'o', long = "out")]
        out: PathBuf,
    },
    List(Json),
    Gc,
}

impl StoreCommand {
    /// Whether JSON output was asked for.
    pub fn json(&self) -> bool {
        use StoreCommand::*;
        match self {
            Save { j, .. } | Events { j, .. } | Audit { j, .. } | List(j) | Verify(j) => j.json,
            Import { json, .. } => *json,
            Asset {
                command: AssetCommand::List(j),
            } => j.json,
            _ => false,
        }
    }
}

fn io(path: &std::path::Path) -> impl Fn(std::io::Error) -> CliError + '_ {
    move |source| CliError::Write {
        path: path.display().to_string(),
        source,
    }
}

/// Runs a database verb; gives the exit code.
pub fn run(cli: &crate::Cli, cmd: &StoreCommand, out: &mut String) -> Result<u8, CliError> {
    use StoreCommand::*;
    let db = cli.db.as_path();
    if let Backup {
        restore: Some(from),
        ..
    } = cmd
    {
        let report = Engine::restore_backup(from, db)?;
        if !report.is_clean() {
            let _ = writeln!(
                out,
                "backup {} does not verify ({} problem(s)); nothing restored",
                from.display(),
                report.problems.len()
            );
            return Ok(1);
        }
        let _ = writeln!(out, "restored {} from {}", db.display(), from.display());
        return Ok(0);
    }
    let e = &crate::commands::engine(cli)?;
    match cmd {
        Save {
            file,
            branch,
            message,
            expect,
            j,
        } => {
            let ch = dnd_core::model::Character::from_json(&read_text(file)?)?;
            let saved = e.save(&ch, branch, message, expect.as_deref())?;
            if j.json {
                print_json(out, &saved)?;
            } else {
                let _ = writeln!(out, "saved {} version {}", saved.id, saved.version);
            }
        }
        Load {
            id,
            version,
            out: to,
        } => {
            let (ch, _) = e.load(id, version.as_deref())?;
            let text = format!("{}\n", serde_json::to_string_pretty(&ch)?);
            match to {
                Some(p) => write_atomic(p, &text)?,
                None => out.push_str(&text),
            }
        }
        List(j) => {
            let rows = e.list(None)?;
            if j.json {
                print_json(out, &rows)?;
            }
            for r in rows.iter().filter(|_| !j.json) {
                let deleted = if r.deleted_ms.is_some() {
                    "  (deleted)"
                } else {
                    ""
                };
                let _ = writeln!(out, "{}  {}  {}{deleted}", r.id, r.owner, r.name);
            }
        }
        Delete { id } => {
            e.delete(id)?;
            let _ = writeln!(out, "deleted {id} (undelete brings it back)");
        }
        Undelete { id } => {
            e.undelete(id)?;
            let _ = writeln!(out, "undeleted {id}");
        }
        Purge { older_than_days } => {
            let _ = writeln!(out, "purged {}", e.purge(*older_than_days)?);
        }
        Asset { command } => asset(e, command, out)?,
        Events {
            from,
            limit,
            follow,
            follow_seconds,
            j,
        } => events(e, *from, *limit, *follow, *follow_seconds, j.json, out)?,
        Audit { actor, action, j } => {
            let f = AuditFilter {
                actor: actor.clone(),
                action: action.clone(),
                ..Default::default()
            };
            let rows = e.audit(&f)?;
            if j.json {
                print_json(out, &rows)?;
            } else {
                for r in rows {
                    let _ = writeln!(
                        out,
                        "{}  {}  {}  {}  {}",
                        r.time_ms, r.actor, r.action, r.target, r.outcome
                    );
                }
            }
        }
        Backup { out: to, restore } => match (to, restore) {
            (_, Some(_)) => {}
            (Some(to), None) => {
                e.backup(to)?;
                let _ = writeln!(out, "backed up to {}", to.display());
            }
            (None, None) => {
                return Err(CliError::Usage {
                    message: "dnd backup OUT, or dnd backup --restore IN".into(),
                });
            }
        },
        Export { out: to } => {
            let f = std::fs::File::create(to).map_err(io(to))?;
            let mut w = std::io::BufWriter::new(f);
            e.export(&mut w)?;
            std::io::Write::flush(&mut w).map_err(io(to))?;
            let _ = writeln!(out, "exported to {}", to.display());
        }
        Import { args, json } => crate::search_cmd::import(e, args, *json, out)?,
        Verify(j) => {
            let r = e.verify()?;
            if j.json {
                print_json(out, &r)?;
            } else {
                let _ = writeln!(
                    out,
                    "{} objects, {} commits, {} assets; {} problem(s)",
                    r.objects,
                    r.commits,
                    r.assets,
                    r.problems.len()
                );
            }
            return Ok(if r.is_clean() { 0 } else { 1 });
        }
        Gc => {
            let _ = writeln!(
                out,
                "removed {} unreferenced blob(s); database compacted",
                e.gc()?
            );
        }
    }
    Ok(0)
}

fn asset(e: &Engine, cmd: &AssetCommand, out: &mut String) -> Result<(), CliError> {
    match cmd {
        AssetCommand::Put {
            file,
            kind,
            content_type,
            subject,
            tags,
        } => {
            let bytes = std::fs::read(file).map_err(|source| CliError::Read {
                path: file.display().to_string(),
                source,
            })?;
            let tags: Vec<&str> = tags.iter().map(String::as_str).collect();
            let id = e.asset_put(&bytes, content_type, kind, &tags, subject.as_deref())?;
            let _ = writeln!(out, "{id}");
        }
        AssetCommand::Get { id, out: to } => {
            let (meta, bytes) = e.asset_get(id)?;
            std::fs::write(to, bytes).map_err(io(to))?;
            let _ = writeln!(
                out,
                "{} ({}, {} bytes)",
                to.display(),
                meta.content_type,
                meta.size
            );
        }
        AssetCommand::List(j) => {
            let list = e.assets(None)?;
            if j.json {
                return print_json(out, &list);
            }
            for a in list {
                let _ = writeln!(out, "{}  {}  {} bytes", a.id, a.content_type, a.size);
            }
        }
        AssetCommand::Gc => {
            let _ = writeln!(out, "removed {} unreferenced blob(s)", e.asset_gc()?);
        }
    }
    Ok(())
}

fn events(
    e: &Engine,
    from: i64,
    limit: usize,
    follow: bool,
    secs: u64,
    json: bool,
    out: &mut String,
) -> Result<(), CliError> {
    let print = |out: &mut String, list: &[dnd_engine::store::Event]| {
        for ev in list {
            if json {
                let _ = writeln!(out, "{}", serde_json::to_string(ev).unwrap_or_default());
            } else {
                let _ = writeln!(
                    out,
                    "{}  {}  {}  {}  {}",
                    ev.seq, ev.time_ms, ev.kind, ev.subject, ev.actor
                );
            }
        }
    };
    let mut next = from;
    let list = e.events(next, limit)?;
    print(out, &list);
    next = list.last().map_or(next, |ev| ev.seq + 1);
    if !follow {
        return Ok(());
    }
    // Following streams to standard output as events arrive.
    let start = std::time::Instant::now();
    std::io::Write::write_all(&mut std::io::stdout(), out.as_bytes())
        .map_err(io(std::path::Path::new("stdout")))?;
    out.clear();
    while start.elapsed().as_secs() < secs {
        std::thread::sleep(std::time::Duration::from_millis(200));
        let list = e.events(next, limit)?;
        let mut chunk = String::new();
        print(&mut chunk, &list);
        next = list.last().map_or(next, |ev| ev.seq + 1);
        std::io::Write::write_all(&mut std::io::stdout(), chunk.as_bytes())
            .map_err(io(std::path::Path::new("stdout")))?;
    }
    Ok(())
}
