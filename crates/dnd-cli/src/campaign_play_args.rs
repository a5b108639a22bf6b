//! The arguments of the chapter, NPC, session, journal, XP, encounter and effect verbs.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::campaign_args::On;

/// `dnd chapter ...`
#[derive(Debug, Subcommand)]
pub enum ChapterSub {
    /// Add a chapter (flags, or a chapter JSON file with --file).
    Add {
        #[command(flatten)]
        on: On,
        #[arg(long)]
        id: Option<String>,
        #[arg(long)]
        title: Option<String>,
        /// intro, story, side-quest, boss-battle or finale.
        #[arg(long)]
        kind: Option<String>,
        /// Prerequisite chapter ids, comma-separated.
        #[arg(long, value_delimiter = ',')]
        requires: Vec<String>,
        /// Level range, `3-5`.
        #[arg(long)]
        levels: Option<String>,
        #[arg(long = "npc")]
        npcs: Vec<String>,
        #[arg(long = "location")]
        locations: Vec<String>,
        #[arg(long, default_value = "")]
        summary: String,
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// The chapters in play order.
    Order {
        campaign: String,
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Remove a chapter no other chapter requires.
    Remove {
        #[command(flatten)]
        on: On,
        id: String,
    },
}

/// `dnd npc ...`
#[derive(Debug, Subcommand)]
pub enum NpcSub {
    /// Add an NPC (flags, or an NPC JSON file with --file).
    Add {
        #[command(flatten)]
        on: On,
        #[arg(long)]
        id: Option<String>,
        #[arg(long)]
        name: Option<String>,
        /// ally, villain, patron, merchant, informant, rival or neutral.
        #[arg(long)]
        role: Option<String>,
        /// minor, supporting, major or critical.
        #[arg(long)]
        importance: Option<String>,
        #[arg(long)]
        species: Option<String>,
        /// A class id (with --level).
        #[arg(long)]
        class: Option<String>,
        #[arg(long)]
        level: Option<u8>,
        /// A creature id (its stat block and CR).
        #[arg(long)]
        creature: Option<String>,
        #[arg(long)]
        faction: Option<String>,
        #[arg(long = "goal")]
        goals: Vec<String>,
        #[arg(long = "secret")]
        secrets: Vec<String>,
        #[arg(long = "trait")]
        personality: Vec<String>,
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// Set the tie from FROM to TO (NPC or character ids).
    Relate {
        #[command(flatten)]
        on: On,
        from: String,
        to: String,
        /// ally, friend, neutral, rival, enemy or hidden.
        #[arg(long, default_value = "neutral")]
        kind: String,
        /// −100 to 100.
        #[arg(long, default_value_t = 0, allow_hyphen_values = true)]
        standing: i32,
        #[arg(long, default_value = "")]
        note: String,
    },
}

/// `dnd session ...`
#[derive(Debug, Subcommand)]
pub enum SessionSub {
    /// Record a session: journals for the attendees, XP as character versions.
    Record {
        #[command(flatten)]
        on: On,
        #[arg(long)]
        number: Option<u32>,
        #[arg(long)]
        date: Option<String>,
        /// The in-game day it ended on.
        #[arg(long)]
        day: Option<u32>,
        #[arg(long = "chapter")]
        chapters: Vec<String>,
        #[arg(long = "attendee")]
        attendees: Vec<String>,
        /// XP for every attendee.
        #[arg(long)]
        xp: Option<u32>,
        #[arg(long, default_value = "session")]
        source: String,
        #[arg(long, default_value = "")]
        notes: String,
        /// A session JSON file (flags override).
        #[arg(long)]
        file: Option<PathBuf>,
    },
}

/// `dnd journal ...`
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum JournalSub {
    /// Add an entry to a character's journal (its XP is applied to the character).
    Add {
        campaign: String,
        character: String,
        /// note, milestone or session-log.
        #[arg(long, default_value = "note")]
        kind: String,
        #[arg(long, default_value = "")]
        title: String,
        #[arg(long, default_value = "")]
        text: String,
        #[arg(long)]
        xp: Option<u32>,
        #[arg(long, default_value = "journal")]
        source: String,
        #[arg(long, default_value = "")]
        reason: String,
        /// `QUEST=active|completed|failed[:PROGRESS]` (repeatable).
        #[arg(long = "quest")]
        quests: Vec<String>,
        /// `NPC=+10` (repeatable).
        #[arg(long = "standing", allow_hyphen_values = true)]
        standing: Vec<String>,
        #[arg(long = "achievement")]
        achievements: Vec<String>,
        /// A milestone that brings the character to this level.
        #[arg(long)]
        milestone_level: Option<u8>,
        #[arg(long)]
        json: bool,
    },
    /// A character's journal (or everyone's) and its summary.
    Show {
        campaign: String,
        character: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

/// `dnd xp ...`
#[derive(Debug, Subcommand)]
pub enum XpSub {
    /// Award XP to characters of a campaign; a level-up suggestion shows when one is due.
    Award {
        campaign: String,
        #[arg(required = true)]
        characters: Vec<String>,
        #[arg(long)]
        amount: u32,
        #[arg(long)]
        source: String,
        #[arg(long, default_value = "")]
        reason: String,
        #[arg(long)]
        json: bool,
    },
}

/// The party of an encounter verb.
#[derive(Debug, Clone, Args)]
pub struct Party {
    /// Character levels, comma-separated (`5,5,5,5`).
    #[arg(long, value_delimiter = ',', required_unless_present = "campaign")]
    pub party: Vec<u8>,
    /// Or: the levels of this campaign's characters (reads --db).
    #[arg(long, conflicts_with = "party")]
    pub campaign: Option<String>,
}

/// `dnd encounter ...`
#[derive(Debug, Subcommand)]
pub enum EncounterSub {
    /// Build an encounter to a difficulty's budget from the rules' creatures.
    Build {
        #[command(flatten)]
        party: Party,
        /// low, moderate or high.
        #[arg(long, default_value = "moderate")]
        difficulty: String,
        #[arg(long = "type")]
        types: Vec<String>,
        #[arg(long = "size")]
        sizes: Vec<String>,
        #[arg(long)]
        alignment: Option<String>,
        /// CR range, `1/4-3`.
        #[arg(long)]
        cr: Option<String>,
        /// Environments (the SRD 5.2 creatures have none: refused).
        #[arg(long = "environment")]
        environments: Vec<String>,
        #[arg(long)]
        max: Option<u32>,
        #[arg(long, default_value_t = 0)]
        seed: u64,
        #[arg(long)]
        json: bool,
    },
    /// Rate creatures (`ID` or `ID:COUNT`) against the party's budgets.
    Rate {
        #[command(flatten)]
        party: Party,
        #[arg(required = true)]
        creatures: Vec<String>,
        #[arg(long)]
        json: bool,
    },
}

/// `dnd effect ...`
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum EffectSub {
    /// Add a world effect (flags, or an effect JSON file with --file).
    Add {
        #[command(flatten)]
        on: On,
        #[arg(long)]
        id: Option<String>,
        /// `faction:ID` or `location:ID`.
        #[arg(long)]
        target: Option<String>,
        #[arg(long, default_value = "")]
        name: String,
        /// minor, moderate, major or severe.
        #[arg(long)]
        scale: Option<String>,
        #[arg(long, default_value_t = 0)]
        start_day: u32,
        /// Duration in in-game days (none: until removed).
        #[arg(long)]
        days: Option<u32>,
        /// `ATTR=+5` adds, `ATTR=WORD` or `ATTR=true` sets (repeatable).
        #[arg(long = "change", allow_hyphen_values = true)]
        changes: Vec<String>,
        /// `ATTR=VALUE`: sets, numbers included (repeatable).
        #[arg(long = "set", allow_hyphen_values = true)]
        sets: Vec<String>,
        /// A condition, `stability>=40` (repeatable).
        #[arg(long = "when")]
        conditions: Vec<String>,
        /// `theme:ID` or `event:ID`.
        #[arg(long)]
        source: Option<String>,
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// The state of a faction or location on a day, explained line by line.
    State {
        campaign: String,
        /// `faction:ID` or `location:ID`.
        target: String,
        /// The in-game day (default: the campaign calendar's today).
        #[arg(long)]
        day: Option<u32>,
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
}
