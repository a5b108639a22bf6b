//! The arguments of the campaign verbs (`campaign_cmd.rs` and `campaign_play_cmd.rs` run them).
//! Each group is a subcommand (`dnd npc add`, `dnd campaign new`), so a bare concept
//! (`dnd npc "CONCEPT"`, `dnd campaign generate "CONCEPT"`) can be added beside them later.

use std::path::PathBuf;

use clap::{Args, Subcommand};

pub use crate::campaign_play_args::{
    ChapterSub, EffectSub, EncounterSub, JournalSub, NpcSub, Party, SessionSub, XpSub,
};

/// Where an edit goes: the campaign, its branch, and JSON output.
#[derive(Debug, Clone, Args)]
pub struct On {
    /// The campaign id (`cp_…`).
    pub campaign: String,
    /// The campaign branch to change.
    #[arg(long, default_value = "main")]
    pub branch: String,
    #[arg(long)]
    pub json: bool,
}

/// The campaign verb groups.
#[derive(Debug, Subcommand)]
pub enum CampaignCommand {
    /// Campaigns: new, show, list, validate, save, history, branch, merge, event, antitheticon,
    /// revert.
    Campaign {
        #[command(subcommand)]
        command: CampaignSub,
    },
    /// Chapters of a campaign: add, order, remove.
    Chapter {
        #[command(subcommand)]
        command: ChapterSub,
    },
    /// NPCs of a campaign: add, relate.
    Npc {
        #[command(subcommand)]
        command: NpcSub,
    },
    /// Sessions: record.
    Session {
        #[command(subcommand)]
        command: SessionSub,
    },
    /// Character journals: add, show.
    Journal {
        #[command(subcommand)]
        command: JournalSub,
    },
    /// Experience points: award.
    Xp {
        #[command(subcommand)]
        command: XpSub,
    },
    /// 2024 encounter building: build, rate.
    Encounter {
        #[command(subcommand)]
        command: EncounterSub,
    },
    /// World effects on factions and locations: add, state.
    Effect {
        #[command(subcommand)]
        command: EffectSub,
    },
}

/// `dnd campaign ...`
#[derive(Debug, Subcommand)]
pub enum CampaignSub {
    /// Create a campaign (from flags, or a campaign file with --file; flags override).
    New {
        #[arg(long)]
        title: Option<String>,
        /// traditional or antitheticon.
        #[arg(long = "type")]
        kind: Option<String>,
        /// one-shot, short, medium, long or epic.
        #[arg(long)]
        length: Option<String>,
        /// Level range, `1-5`.
        #[arg(long)]
        levels: Option<String>,
        #[arg(long)]
        party_size: Option<u8>,
        /// The primary theme.
        #[arg(long)]
        theme: Option<String>,
        /// A secondary theme with its weight, `horror:40` (repeatable).
        #[arg(long = "secondary", value_name = "THEME:WEIGHT")]
        secondary: Vec<String>,
        /// A player and their characters, `ana=ch_1,ch_2` (repeatable).
        #[arg(long = "player", value_name = "USER=CHARACTERS")]
        players: Vec<String>,
        /// xp or milestone.
        #[arg(long)]
        advancement: Option<String>,
        /// A campaign file (JSON) to start from.
        #[arg(long)]
        file: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Show a campaign (--json: the whole campaign file).
    Show {
        campaign: String,
        /// A branch, tag or version.
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List campaigns (of --owner, or all).
    List {
        #[arg(long)]
        owner: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The validation report (exit 1 when it has errors).
    Validate {
        campaign: String,
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Save an edited campaign file (its `id` names the campaign) as a new version.
    Save {
        file: PathBuf,
        #[arg(long, default_value = "main")]
        branch: String,
        /// The head the edit started from (default: the branch's head now).
        #[arg(long)]
        expect: Option<String>,
        #[arg(short = 'm', long = "message", default_value = "")]
        message: String,
        #[arg(long)]
        json: bool,
    },
    /// The versions of a campaign branch, newest first.
    History {
        #[command(flatten)]
        on: On,
    },
    /// List branches, or create NAME at --at (default: the head of main).
    Branch {
        campaign: String,
        name: Option<String>,
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Merge requests: open, list, show, review, apply, close.
    Merge {
        #[command(subcommand)]
        command: MergeSub,
    },
    /// Apply a campaign event to a character (a new version with a reversion record).
    Event {
        campaign: String,
        character: String,
        /// What happened.
        #[arg(long)]
        name: String,
        #[arg(long)]
        xp: Option<u32>,
        /// Hit points: negative damage, positive healing.
        #[arg(long, allow_hyphen_values = true)]
        hp: Option<i32>,
        /// `+poisoned` or `-poisoned` (repeatable).
        #[arg(long = "condition", allow_hyphen_values = true)]
        conditions: Vec<String>,
        /// `ITEM:N` (negative N takes; repeatable).
        #[arg(long = "item", allow_hyphen_values = true)]
        items: Vec<String>,
        /// `str+1`, `con-2` (repeatable).
        #[arg(long = "ability")]
        abilities: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Derive the Antitheticon nemesis from the party (or evolve it for a new --theme).
    Antitheticon {
        #[command(flatten)]
        on: On,
        #[arg(long)]
        theme: String,
        /// A party profile (JSON); default: read from the campaign's characters.
        #[arg(long)]
        party: Option<PathBuf>,
    },
    /// Revert a campaign event by its reversion id (`rv_…`): the exact prior values return.
    Revert {
        reversion: String,
        #[arg(long)]
        json: bool,
    },
}

/// `dnd campaign merge ...`
#[derive(Debug, Subcommand)]
pub enum MergeSub {
    /// Open a merge request of FROM into --into.
    Open {
        campaign: String,
        from: String,
        #[arg(long, default_value = "main")]
        into: String,
        #[arg(long, default_value = "")]
        title: String,
        /// Who must approve (repeatable; none: the author may merge at once).
        #[arg(long = "reviewer")]
        reviewers: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// The merge requests of a campaign.
    List {
        campaign: String,
        #[arg(long)]
        json: bool,
    },
    /// One merge request with its current conflicts.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Review as --author: --approve or --request-changes.
    Review {
        id: String,
        #[arg(long, conflicts_with = "request_changes")]
        approve: bool,
        #[arg(long)]
        request_changes: bool,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        json: bool,
    },
    /// Merge an approved request; conflicts exit 1 with each conflict.
    Apply {
        id: String,
        /// PATH=ours|theirs|remove|JSON, e.g. `/chapters/crown/title=theirs` (repeatable).
        #[arg(long = "resolve", value_name = "PATH=HOW")]
        resolve: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Close a request without merging.
    Close {
        id: String,
        #[arg(long)]
        json: bool,
    },
}

impl CampaignCommand {
    /// Whether JSON output was asked for.
    pub fn json(&self) -> bool {
        use CampaignCommand as C;
        match self {
            C::Campaign { command } => match command {
                CampaignSub::New { json, .. }
                | CampaignSub::Show { json, .. }
                | CampaignSub::List { json, .. }
                | CampaignSub::Validate { json, .. }
                | CampaignSub::Save { json, .. }
                | CampaignSub::Branch { json, .. }
                | CampaignSub::Event { json, .. }
                | CampaignSub::Revert { json, .. } => *json,
                CampaignSub::History { on } | CampaignSub::Antitheticon { on, .. } => on.json,
                CampaignSub::Merge { command } => match command {
                    MergeSub::Open { json, .. }
                    | MergeSub::List { json, .. }
                    | MergeSub::Show { json, .. }
                    | MergeSub::Review { json, .. }
                    | MergeSub::Apply { json, .. }
                    | MergeSub::Close { json, .. } => *json,
                },
            },
            C::Chapter { command } => match command {
                ChapterSub::Add { on, .. } | ChapterSub::Remove { on, .. } => on.json,
                ChapterSub::Order { json, .. } => *json,
            },
            C::Npc { command } => match command {
                NpcSub::Add { on, .. } | NpcSub::Relate { on, .. } => on.json,
            },
            C::Session {
                command: SessionSub::Record { on, .. },
            } => on.json,
            C::Journal { command } => match command {
                JournalSub::Add { json, .. } | JournalSub::Show { json, .. } => *json,
            },
            C::Xp {
                command: XpSub::Award { json, .. },
            } => *json,
            C::Encounter { command } => match command {
                EncounterSub::Build { json, .. } | EncounterSub::Rate { json, .. } => *json,
            },
            C::Effect { command } => match command {
                EffectSub::Add { on, .. } => on.json,
                EffectSub::State { json, .. } => *json,
            },
        }
    }
}
