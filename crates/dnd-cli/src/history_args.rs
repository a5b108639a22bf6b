//! The arguments of the history verbs (`history_cmd.rs` runs them).

use std::path::PathBuf;

use clap::{Args, Subcommand};

/// Options every history verb shares.
#[derive(Debug, Clone, Args)]
pub struct Target {
    /// The character id (`ch_…`).
    pub id: String,
    /// The branch to work on.
    #[arg(long, default_value = "main")]
    pub branch: String,
    #[arg(long)]
    pub json: bool,
}

/// The history verbs.
#[derive(Debug, Subcommand)]
pub enum HistoryCommand {
    /// The versions of a branch, newest first.
    History {
        #[command(flatten)]
        t: Target,
        #[arg(long, default_value_t = 0)]
        offset: usize,
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// Only the version the branch had at this time (milliseconds since the Unix epoch).
        #[arg(long, value_name = "MS")]
        at: Option<i64>,
    },
    /// The typed changes between two versions (branches, tags or version ids) and a summary.
    Diff {
        id: String,
        a: String,
        b: String,
        #[arg(long)]
        json: bool,
    },
    /// List branches, or create NAME at --at (default: the head of main).
    Branch {
        id: String,
        name: Option<String>,
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List tags, or tag a version (default: the head of main) as NAME.
    Tag {
        id: String,
        name: Option<String>,
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Three-way merge of FROM into --into (default main); conflicts exit 1 with each conflict.
    Merge {
        id: String,
        from: String,
        #[arg(long, default_value = "main")]
        into: String,
        /// PATH=ours|theirs|remove|JSON, e.g. `/abilities/base/str=ours` (repeatable).
        #[arg(long = "resolve", value_name = "PATH=HOW")]
        resolve: Vec<String>,
        /// Commit even if the merged character has validation errors.
        #[arg(long)]
        force: bool,
        #[arg(short = 'm', long = "message", default_value = "")]
        message: String,
        #[arg(long)]
        json: bool,
    },
    /// Check an old VERSION out onto the branch as a new version.
    Restore {
        #[command(flatten)]
        t: Target,
        version: String,
    },
    /// Apply the changes of COMMIT onto the branch.
    CherryPick {
        #[command(flatten)]
        t: Target,
        commit: String,
        #[arg(long = "resolve", value_name = "PATH=HOW")]
        resolve: Vec<String>,
    },
    /// Undo the changes of COMMIT on the branch.
    Revert {
        #[command(flatten)]
        t: Target,
        commit: String,
        #[arg(long = "resolve", value_name = "PATH=HOW")]
        resolve: Vec<String>,
    },
    /// Submit FILE's changes to a shared branch: committed when nothing is critical, else a
    /// pending proposal for the DM (`--always` makes any change a proposal).
    Propose {
        file: PathBuf,
        #[arg(long, default_value = "main")]
        branch: String,
        #[arg(long, default_value = "")]
        reason: String,
        #[arg(long)]
        always: bool,
        /// A campaign rules profile whose `critical` section says what needs a DM.
        #[arg(long)]
        profile: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// List proposals (of one character).
    Proposals {
        id: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Approve a pending proposal (it is committed).
    Approve {
        proposal: String,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        json: bool,
    },
    /// Reject a pending proposal.
    Reject {
        proposal: String,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        json: bool,
    },
    /// Replay a stale proposal onto its branch's new head.
    Rebase {
        proposal: String,
        #[arg(long = "resolve", value_name = "PATH=HOW")]
        resolve: Vec<String>,
        /// A campaign rules profile (its `critical` section re-judges the rebased change).
        #[arg(long)]
        profile: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Themes: list, show THEME, apply ID THEME (or `none`), rollback ID.
    Theme {
        #[command(subcommand)]
        command: ThemeCommand,
    },
}

/// `dnd theme ...`
#[derive(Debug, Subcommand)]
pub enum ThemeCommand {
    List {
        #[arg(long)]
        json: bool,
    },
    Show {
        theme: String,
    },
    Apply {
        #[command(flatten)]
        t: Target,
        /// A theme id, or `none` to leave the current theme.
        theme: String,
    },
    Rollback {
        #[command(flatten)]
        t: Target,
    },
}

impl HistoryCommand {
    /// The campaign profile file the verb names, if any.
    pub fn profile(&self) -> Option<&PathBuf> {
        match self {
            HistoryCommand::Propose { profile, .. } | HistoryCommand::Rebase { profile, .. } => {
                profile.as_ref()
            }
            _ => None,
        }
    }

    /// Whether JSON output was asked for.
    pub fn json(&self) -> bool {
        use HistoryCommand::*;
        match self {
            History { t, .. } | Restore { t, .. } | CherryPick { t, .. } | Revert { t, .. } => {
                t.json
            }
            Diff { json, .. } | Branch { json, .. } | Tag { json, .. } | Merge { json, .. } => {
                *json
            }
            Propose { json, .. } | Proposals { json, .. } | Approve { json, .. } => *json,
            Reject { json, .. } | Rebase { json, .. } => *json,
            Theme { command } => match command {
                ThemeCommand::List { json } => *json,
                ThemeCommand::Show { .. } => true,
                ThemeCommand::Apply { t, .. } | ThemeCommand::Rollback { t } => t.json,
            },
        }
    }
}
