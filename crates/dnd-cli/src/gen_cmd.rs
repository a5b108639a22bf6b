//! The generation verbs: `create`, `backstory`, `refine`, `suggest`, `prompt`, `map`, `jobs`.
//! Offline (the default) needs no network and no keys; `--provider openai` talks to any
//! OpenAI-compatible server (`--base-url`, `--model`, key from `--api-key-env`).

use std::fmt::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use dnd_core::model::Character;
use dnd_engine::generation::PromptKind;
use dnd_engine::generation::http::{ClientConfig, OpenAiConfig, RetryPolicy};
use dnd_engine::{Engine, GenOptions, ProviderChoice};

use crate::edit::print_json;
use crate::error::CliError;
use crate::packs::{read_text, write_atomic};

/// Which provider.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ProviderArg {
    /// Keyword, name and prose tables: no network, deterministic from --seed.
    Offline,
    /// An OpenAI-compatible server (OpenAI, Ollama, llama.cpp server, vLLM).
    Openai,
}

/// Provider options shared by the text verbs.
#[derive(Debug, Clone, Args)]
pub struct ProviderArgs {
    #[arg(long, value_enum, default_value = "offline")]
    pub provider: ProviderArg,
    /// The model (openai; default gpt-4o-mini).
    #[arg(long)]
    pub model: Option<String>,
    /// The server's base URL (openai; default https://api.openai.com/v1).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// The environment variable holding the API key.
    #[arg(long, value_name = "VAR", default_value = "OPENAI_API_KEY")]
    pub api_key_env: String,
    /// Seconds before one request times out.
    #[arg(long, default_value_t = 60)]
    pub timeout: u64,
    /// Seed (offline: the whole answer; openai: passed to the server).
    #[arg(long, default_value_t = 0x5EED)]
    pub seed: u64,
}

impl ProviderArgs {
    fn options(&self) -> GenOptions {
        let provider = match self.provider {
            ProviderArg::Offline => ProviderChoice::Offline,
            ProviderArg::Openai => {
                let d = OpenAiConfig::default();
                ProviderChoice::Openai(OpenAiConfig {
                    base_url: self.base_url.clone().unwrap_or(d.base_url.clone()),
                    model: self.model.clone().unwrap_or(d.model.clone()),
                    api_key_env: self.api_key_env.clone(),
                    ..d
                })
            }
        };
        let retry = RetryPolicy {
            timeout: std::time::Duration::from_secs(self.timeout.max(1)),
            ..RetryPolicy::default()
        };
        GenOptions {
            provider,
            client: ClientConfig {
                retry,
                ..ClientConfig::default()
            },
            ..GenOptions::default()
        }
    }
}

/// The generation verbs.
#[derive(Debug, Subcommand)]
pub enum GenCommand {
    /// Generate a valid character from a concept ("a stealthy elven archer"): printed as JSON,
    /// written with -o, or stored with --save (its provenance in the version).
    Create {
        concept: String,
        #[arg(long, default_value_t = 1)]
        level: u32,
        #[command(flatten)]
        p: ProviderArgs,
        #[arg(short = 'o', long = "out", value_name = "OUT")]
        out: Option<PathBuf>,
        /// Store it in the database (--db) as a new character.
        #[arg(long)]
        save: bool,
        /// Print everything as JSON: character, build, provenance, usage, fits, contradictions.
        #[arg(long)]
        json: bool,
    },
    /// Write a backstory and personality consistent with the sheet (printed; -o writes the
    /// character with them).
    Backstory {
        file: PathBuf,
        #[command(flatten)]
        p: ProviderArgs,
        #[arg(short = 'o', long = "out", value_name = "OUT")]
        out: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Propose a refined character from feedback ("make her more of a healer"): the diff is
    /// printed; -o writes the proposal.
    Refine {
        file: PathBuf,
        feedback: String,
        #[command(flatten)]
        p: ProviderArgs,
        #[arg(short = 'o', long = "out", value_name = "OUT")]
        out: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// What the next level asks for, with picks that fit the character.
    Suggest {
        file: PathBuf,
        #[arg(long)]
        class: Option<String>,
        /// Concept words to steer the picks ("a thief").
        #[arg(long)]
        concept: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A deterministic image prompt (positive, negative, seed) for a valid character.
    Prompt {
        #[arg(value_enum)]
        kind: PromptArg,
        file: PathBuf,
        /// A theme id (default: the theme the character wears).
        #[arg(long)]
        theme: Option<String>,
        /// The item for `item` art (inventory key or id).
        #[arg(long)]
        item: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A procedural map (no model): SVG to standard output, or -o OUT.svg|OUT.png.
    Map(crate::gen_map::MapArgs),
    /// The generation jobs recorded in the database.
    Jobs {
        #[arg(long)]
        json: bool,
    },
}

/// Image prompt kinds.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PromptArg {
    Portrait,
    Item,
    Map,
}

impl GenCommand {
    /// Whether JSON output was asked for.
    pub fn json(&self) -> bool {
        match self {
            GenCommand::Create { json, .. }
            | GenCommand::Backstory { json, .. }
            | GenCommand::Refine { json, .. }
            | GenCommand::Suggest { json, .. }
            | GenCommand::Prompt { json, .. }
            | GenCommand::Jobs { json } => *json,
            GenCommand::Map(m) => m.json,
        }
    }
}

fn scratch(cli: &crate::Cli) -> Result<Engine, CliError> {
    let r = crate::packs::rules(&cli.packs)?.into_owned();
    Ok(Engine::open_in_memory(std::borrow::Cow::Owned(r))?.with_actor(cli.author.clone()))
}

fn read(file: &Path) -> Result<Character, CliError> {
    Ok(Character::from_json(&read_text(file)?)?)
}

fn write_character(path: &Path, ch: &Character) -> Result<(), CliError> {
    write_atomic(path, &format!("{}\n", serde_json::to_string_pretty(ch)?))
}

/// Runs a generation verb.
pub fn run(cli: &crate::Cli, cmd: &GenCommand, out: &mut String) -> Result<u8, CliError> {
    match cmd {
        GenCommand::Create {
            concept,
            level,
            p,
            out: to,
            save,
            json,
        } => {
            let e = if *save {
                crate::commands::engine(cli)?
            } else {
                scratch(cli)?
            };
            let g = e.generate_character(concept, *level, p.seed, &p.options(), *save)?;
            let ch = &g.generated.character;
            let class = ch.levels.first().map_or("", |l| l.class.as_str());
            let mut line = format!(
                "{}: level {} {} {} ({}), by {} in {} attempt(s)",
                ch.name,
                ch.level(),
                ch.species.lineage.as_deref().unwrap_or(&ch.species.id),
                class,
                ch.background.id,
                g.generated.provenance.provider,
                g.generated.provenance.attempts
            );
            for c in &g.generated.contradictions {
                let _ = write!(
                    line,
                    "\nwarning[gen.contradiction]: the prose names {} `{}`; the sheet has `{}`",
                    c.kind, c.word, c.sheet
                );
            }
            if let Some(path) = to {
                write_character(path, ch)?;
            }
            if *json {
                print_json(out, &g)?;
            } else if let Some(s) = &g.saved {
                let _ = writeln!(out, "{line}\nsaved {} version {}", s.id, s.version);
            } else if to.is_some() {
                let _ = writeln!(out, "{line}");
            } else {
                out.push_str(&format!("{}\n", serde_json::to_string_pretty(ch)?));
                eprintln!("{line}");
            }
        }
        GenCommand::Backstory {
            file,
            p,
            out: to,
            json,
        } => {
            let ch = read(file)?;
            let b = scratch(cli)?.backstory(&ch, p.seed, &p.options())?;
            if let Some(path) = to {
                write_character(path, &b.apply(&ch))?;
            }
            if *json {
                print_json(out, &b)?;
            } else {
                let _ = writeln!(out, "{}", b.prose.backstory);
                for (label, list) in [
                    ("Traits", &b.prose.personality_traits),
                    ("Ideals", &b.prose.ideals),
                    ("Bonds", &b.prose.bonds),
                    ("Flaws", &b.prose.flaws),
                ] {
                    let _ = writeln!(out, "{label}: {}", list.join("; "));
                }
                for c in &b.contradictions {
                    let _ = writeln!(
                        out,
                        "warning[gen.contradiction]: the prose names {} `{}`; the sheet has `{}`",
                        c.kind, c.word, c.sheet
                    );
                }
            }
        }
        GenCommand::Refine {
            file,
            feedback,
            p,
            out: to,
            json,
        } => {
            let ch = read(file)?;
            let r = scratch(cli)?.refine(&ch, feedback, p.seed, &p.options())?;
            if let Some(path) = to {
                write_character(path, &r.character)?;
            }
            if *json {
                print_json(
                    out,
                    &serde_json::json!({"diff": r.diff, "character": r.character, "provenance": r.provenance}),
                )?;
            } else {
                let _ = writeln!(
                    out,
                    "{} change(s) proposed for `{feedback}`:",
                    r.diff.changes.len()
                );
                for c in &r.diff.changes {
                    let v = |x: &Option<serde_json::Value>| {
                        x.as_ref().map_or("-".to_string(), |v| v.to_string())
                    };
                    let _ = writeln!(
                        out,
                        "  {} {}: {} → {}",
                        serde_json::to_value(c.category)?.as_str().unwrap_or(""),
                        c.path,
                        v(&c.old),
                        v(&c.new)
                    );
                }
            }
        }
        GenCommand::Suggest {
            file,
            class,
            concept,
            json,
        } => {
            let ch = read(file)?;
            let s = scratch(cli)?.level_up_suggestion(&ch, class.as_deref(), concept.as_deref())?;
            if *json {
                print_json(out, &s)?;
            } else {
                let _ = writeln!(
                    out,
                    "{} → level {} needs {} decision(s):",
                    s.class,
                    s.new_level,
                    s.decisions.len()
                );
                for d in &s.decisions {
                    let pick = s
                        .picks
                        .get(&d.key)
                        .map_or(String::new(), |p| format!("  (suggested: {p})"));
                    let _ = writeln!(out, "  {}: {}{pick}", d.key, d.prompt);
                }
            }
        }
        GenCommand::Prompt {
            kind,
            file,
            theme,
            item,
            json,
        } => {
            let ch = read(file)?;
            let kind = match kind {
                PromptArg::Portrait => PromptKind::Portrait,
                PromptArg::Item => PromptKind::Item,
                PromptArg::Map => PromptKind::Map,
            };
            let p = scratch(cli)?.prompt(&ch, kind, theme.as_deref(), item.as_deref())?;
            if *json {
                print_json(out, &p)?;
            } else {
                let _ = writeln!(
                    out,
                    "positive: {}\nnegative: {}\nseed: {}\nsize: {}x{}",
                    p.positive, p.negative, p.seed, p.width, p.height
                );
            }
        }
        GenCommand::Map(m) => return crate::gen_map::run(cli, m, out),
        GenCommand::Jobs { json } => {
            let jobs = crate::commands::engine(cli)?.jobs()?;
            if *json {
                print_json(out, &jobs)?;
            } else if jobs.is_empty() {
                let _ = writeln!(out, "no jobs");
            }
            for j in jobs.iter().filter(|_| !*json) {
                let status = serde_json::to_value(j.status)?;
                let _ = writeln!(
                    out,
                    "{}  {}  {}  {:.0}%  {}",
                    j.id,
                    j.kind,
                    status.as_str().unwrap_or(""),
                    j.progress * 100.0,
                    j.message
                );
            }
        }
    }
    Ok(0)
}
