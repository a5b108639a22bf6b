//! `dnd search`, `dnd index` and the catalog formats of `dnd import`.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use dnd_engine::Engine;
use dnd_engine::store::{Filter, ImportFormat, SearchRequest, Sort};

use crate::edit::print_json;
use crate::error::CliError;

/// `dnd search QUERY ...` or `dnd search suggest|like ...`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SearchArgs {
    #[command(subcommand)]
    pub command: Option<SearchSub>,
    #[command(flatten)]
    pub query: QueryArgs,
}

/// A free-text search.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// Free text: words, "phrases", AND/OR/NOT, -excluded; typos are forgiven.
    pub words: Vec<String>,
    /// Only this kind (spell, creature, magic-item, rule, section, character, npc…); repeatable.
    #[arg(long = "kind", value_name = "KIND")]
    pub kinds: Vec<String>,
    /// A filter: `level<=3`, `school=evocation`, `cr=1..5`, `class=wizard,cleric`, `rarity=rare`,
    /// `source=open5e`, `tag=ritual`, `owner=ana`; repeatable (all must hold).
    #[arg(long = "filter", value_name = "FILTER")]
    pub filters: Vec<String>,
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// relevance, name, level or cr.
    #[arg(long, default_value = "relevance")]
    pub sort: String,
    /// Reverse the sort.
    #[arg(long)]
    pub desc: bool,
    /// Count hits per kind, level, school, class, rarity, category and source.
    #[arg(long)]
    pub facets: bool,
    /// Print JSON: an array of hits, best first (with --facets: `{total, hits, facets}`).
    #[arg(long)]
    pub json: bool,
}

/// `dnd search suggest|like`.
#[derive(Debug, Subcommand)]
pub enum SearchSub {
    /// Names starting with PREFIX (autocomplete).
    Suggest {
        prefix: Vec<String>,
        #[arg(long = "kind", value_name = "KIND")]
        kinds: Vec<String>,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Entries like KEY (`spell:fireball`).
    Like {
        key: String,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
}

/// `dnd index rebuild|stats|optimize`.
#[derive(Debug, Subcommand)]
pub enum IndexCommand {
    /// Recreate the search index from the rules, the catalog and the store.
    Rebuild {
        #[arg(long)]
        json: bool,
    },
    /// Documents, segments, size, the catalog's counts and the search analytics.
    Stats {
        /// How many popular and zero-result queries to list.
        #[arg(long, default_value_t = 10)]
        top: usize,
        #[arg(long)]
        json: bool,
    },
    /// Merge the index's segments into one.
    Optimize {
        #[arg(long)]
        json: bool,
    },
}

impl SearchArgs {
    pub fn json(&self) -> bool {
        match &self.command {
            Some(SearchSub::Suggest { json, .. } | SearchSub::Like { json, .. }) => *json,
            None => self.query.json,
        }
    }
}

impl IndexCommand {
    pub fn json(&self) -> bool {
        match self {
            IndexCommand::Rebuild { json }
            | IndexCommand::Stats { json, .. }
            | IndexCommand::Optimize { json } => *json,
        }
    }
}

fn warnings(e: &Engine) {
    for w in e.search_warnings() {
        let _ =
            std::io::Write::write_all(&mut std::io::stderr(), format!("warning: {w}\n").as_bytes());
    }
}

fn usage(message: impl Into<String>) -> CliError {
    CliError::Usage {
        message: message.into(),
    }
}

/// Runs `dnd search`.
pub fn search(e: &Engine, a: &SearchArgs, out: &mut String) -> Result<(), CliError> {
    let viewer = e.viewer()?;
    let r = match &a.command {
        Some(SearchSub::Suggest {
            prefix,
            kinds,
            limit,
            json,
        }) => {
            let s = e.suggest(&prefix.join(" "), &viewer, kinds, *limit)?;
            if *json {
                print_json(out, &s)?;
            }
            for x in s.iter().filter(|_| !*json) {
                let _ = writeln!(out, "{}  ({})", x.name, x.key);
            }
            Ok(())
        }
        Some(SearchSub::Like { key, limit, json }) => {
            let hits = e.more_like_this(key, &viewer, *limit)?;
            if *json {
                print_json(out, &hits)?;
            }
            for h in hits.iter().filter(|_| !*json) {
                let _ = writeln!(out, "{}  ({})  {:.2}", h.name, h.key, h.score);
            }
            Ok(())
        }
        None => query(e, &a.query, viewer, out),
    };
    warnings(e);
    r
}

fn query(
    e: &Engine,
    q: &QueryArgs,
    viewer: dnd_engine::store::Viewer,
    out: &mut String,
) -> Result<(), CliError> {
    let filters = q
        .filters
        .iter()
        .map(|f| Filter::parse(f))
        .collect::<Result<Vec<_>, _>>()
        .map_err(dnd_engine::EngineError::from)?;
    let sort = Sort::parse(&q.sort).ok_or_else(|| {
        usage(format!(
            "--sort {}: expected relevance, name, level or cr",
            q.sort
        ))
    })?;
    let req = SearchRequest {
        query: q.words.join(" "),
        kinds: q.kinds.clone(),
        filters,
        viewer,
        limit: q.limit,
        offset: q.offset,
        sort,
        descending: q.desc,
        facets: q.facets,
        snippets: true,
    };
    let res = e.search(&req)?;
    if q.json {
        if q.facets {
            print_json(out, &res)?;
        } else {
            print_json(out, &res.hits)?;
        }
        return Ok(());
    }
    if !res.fuzzy.is_empty() {
        let _ = writeln!(out, "(fuzzy match for: {})", res.fuzzy.join(", "));
    }
    for (i, h) in res.hits.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. {}  ({})  {:.2}",
            q.offset + i + 1,
            h.name,
            h.key,
            h.score
        );
        if !h.snippet.is_empty() {
            let _ = writeln!(out, "   {}", h.snippet.replace('\n', " "));
        }
    }
    let _ = writeln!(out, "{} of {} hit(s)", res.hits.len(), res.total);
    for (facet, counts) in &res.facets {
        let list: Vec<String> = counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
        let _ = writeln!(out, "{facet}: {}", list.join(", "));
    }
    Ok(())
}

/// Runs `dnd index ...`.
pub fn index(e: &Engine, c: &IndexCommand, out: &mut String) -> Result<(), CliError> {
    let r = match c {
        IndexCommand::Rebuild { json } | IndexCommand::Optimize { json } => {
            let s = if matches!(c, IndexCommand::Rebuild { .. }) {
                e.index_rebuild()?
            } else {
                e.index_optimize()?
            };
            if *json {
                print_json(out, &s)?;
            } else {
                let _ = writeln!(
                    out,
                    "{} documents ({} rules, {} user) in {} segment(s)",
                    s.documents, s.rules_documents, s.user_documents, s.segments
                );
            }
            Ok(())
        }
        IndexCommand::Stats { top, json } => {
            let s = e.index_stats(*top)?;
            if *json {
                print_json(out, &s)?;
                return Ok(());
            }
            let i = &s.index;
            let where_ = i
                .path
                .as_ref()
                .map_or("memory".to_string(), |p| p.display().to_string());
            let _ = writeln!(
                out,
                "index {where_}: {} documents ({} rules, {} user), {} segment(s), {} bytes, event {}",
                i.documents,
                i.rules_documents,
                i.user_documents,
                i.segments,
                i.size_bytes,
                i.last_event
            );
            for (k, n) in &i.by_kind {
                let _ = writeln!(out, "  {k} {n}");
            }
            for (source, kinds) in &s.catalog.by_source {
                let n: usize = kinds.values().sum();
                let _ = writeln!(out, "catalog {source}: {n} entries");
            }
            let a = &s.analytics;
            let _ = writeln!(
                out,
                "queries {} ({} distinct, {} with no result)",
                a.queries, a.distinct, a.zero_results
            );
            for q in &a.popular {
                let _ = writeln!(out, "  popular: {} ({})", q.query, q.count);
            }
            for q in &a.zero_result_queries {
                let _ = writeln!(out, "  no result: {} ({})", q.query, q.count);
            }
            Ok(())
        }
    };
    warnings(e);
    r
}

/// `dnd import [FORMAT] PATH`: an archive made by `dnd export`, or a data set folder.
pub fn import(e: &Engine, args: &[PathBuf], json: bool, out: &mut String) -> Result<(), CliError> {
    let (format, file) = import_format(args)?;
    if let Some(format) = format {
        return import_catalog(e, format, file, json, out);
    }
    let f = std::fs::File::open(file).map_err(|source| CliError::Read {
        path: file.display().to_string(),
        source,
    })?;
    let n = e.import(std::io::BufReader::new(f))?;
    if json {
        print_json(out, &serde_json::json!({ "records": n }))?;
    } else {
        let _ = writeln!(out, "imported {n} records");
    }
    Ok(())
}

/// The format of a catalog import, or `None` for an archive.
pub fn import_format(args: &[PathBuf]) -> Result<(Option<ImportFormat>, &Path), CliError> {
    match args {
        [path] => Ok((None, path)),
        [format, path] => {
            let f = format.to_string_lossy();
            if f == "archive" {
                return Ok((None, path));
            }
            ImportFormat::parse(&f).map(|x| (Some(x), path.as_path())).ok_or_else(|| {
                usage(format!("unknown import format `{f}`; expected open5e, 5e-database, srd-markdown or archive"))
            })
        }
        _ => Err(usage("dnd import [FORMAT] PATH")),
    }
}

/// Imports a data set folder, with a progress bar on a terminal (none with `--json`).
pub fn import_catalog(
    e: &Engine,
    format: ImportFormat,
    dir: &Path,
    json: bool,
    out: &mut String,
) -> Result<(), CliError> {
    use std::io::IsTerminal;
    let bar = if json || !std::io::stderr().is_terminal() {
        indicatif::ProgressBar::hidden()
    } else {
        let b = indicatif::ProgressBar::new(0);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {msg}")
        {
            b.set_style(style.progress_chars("=> "));
        }
        b.set_prefix(format!("importing {}", format.as_str()));
        b
    };
    let report = e.import_catalog(format, dir, &mut |p| {
        bar.set_length(p.total as u64);
        bar.set_position(p.done as u64);
        bar.set_message(p.file.clone());
    });
    bar.finish_and_clear();
    let report = report?;
    if json {
        return print_json(out, &report);
    }
    let kinds: Vec<String> = report
        .by_kind
        .iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    let _ = writeln!(
        out,
        "imported {} entries from {} ({} linked to the rules pack; replaced {}): {}",
        report.entries,
        report.source,
        report.linked,
        report.replaced,
        kinds.join(", ")
    );
    Ok(())
}
