//! Rules are declared once: code, default severity, citation, description, the character sections
//! they read, and the check.

use super::input::Input;
use super::report::{Citation, Issue, Severity};
use std::borrow::Cow;

/// Sections of the character file, as bit flags, for incremental re-validation.
pub mod sections {
    pub const NAME: u16 = 1;
    pub const SPECIES: u16 = 1 << 1;
    pub const BACKGROUND: u16 = 1 << 2;
    pub const ABILITIES: u16 = 1 << 3;
    pub const LEVELS: u16 = 1 << 4;
    pub const ORIGIN: u16 = 1 << 5;
    pub const INVENTORY: u16 = 1 << 6;
    pub const STATE: u16 = 1 << 7;
    /// Alignment and XP (the details rules read).
    pub const DETAILS: u16 = 1 << 8;
    /// Appearance, personality, backstory and the other story details no rule reads.
    pub const STORY: u16 = 1 << 9;
    /// Everything the derived sheet depends on.
    pub const SHEET: u16 = SPECIES | BACKGROUND | ABILITIES | LEVELS | ORIGIN | INVENTORY | STATE;
    pub const ALL: u16 = 0x3ff;
    /// Names, in bit order.
    pub const NAMES: [&str; 10] = [
        "name",
        "species",
        "background",
        "abilities",
        "levels",
        "origin",
        "inventory",
        "state",
        "details",
        "story",
    ];
}

/// Declares a rule: `rule!(code, severity, chapter, heading, description, reads, needs_sheet, check)`.
macro_rules! rule {
    ($code:literal, $sev:expr, $ch:expr, $h:expr, $desc:literal, $reads:expr, $sheet:expr, $f:ident) => {
        $crate::validate::registry::RuleDef {
            code: $code,
            severity: $sev,
            chapter: $ch,
            heading: $h,
            description: $desc,
            reads: $reads,
            needs_sheet: $sheet,
            check: $f,
        }
    };
}
pub(super) use rule;

/// One declared rule.
#[derive(Debug)]
pub struct RuleDef {
    pub code: &'static str,
    pub severity: Severity,
    /// SRD 5.2 chapter and heading.
    pub chapter: &'static str,
    pub heading: &'static str,
    /// One line, for `dnd rules codes` and the generated list.
    pub description: &'static str,
    /// Sections of the character it reads (see [`sections`]).
    pub reads: u16,
    /// Whether it needs the derived sheet (skipped when ids or ranges are broken).
    pub needs_sheet: bool,
    pub(crate) check: fn(&Input<'_>, &mut Sink<'_>),
}

impl RuleDef {
    /// The citation as data.
    pub fn citation(&self) -> Citation {
        Citation {
            document: Cow::Borrowed("SRD 5.2"),
            chapter: Cow::Borrowed(self.chapter),
            heading: Cow::Borrowed(self.heading),
        }
    }
}

/// Collects the issues of one rule.
#[derive(Debug)]
pub(crate) struct Sink<'o> {
    pub(crate) def: &'static RuleDef,
    pub(crate) severity: Severity,
    pub(crate) out: &'o mut Vec<Issue>,
}

impl Sink<'_> {
    /// Reports an issue at `path`; returns it for a fix or suggestion.
    pub(crate) fn push(
        &mut self,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> &mut Issue {
        self.out.push(Issue {
            code: Cow::Borrowed(self.def.code),
            severity: self.severity,
            path: path.into(),
            message: message.into(),
            citation: self.def.citation(),
            fix: None,
            suggestion: None,
        });
        let last = self.out.len() - 1;
        &mut self.out[last]
    }
}

impl Issue {
    /// Attaches a fix.
    pub(crate) fn fix(&mut self, ops: Vec<super::patch::PatchOp>) -> &mut Issue {
        self.fix = Some(ops);
        self
    }

    /// Attaches a suggestion.
    pub(crate) fn suggest(&mut self, s: impl Into<String>) -> &mut Issue {
        self.suggestion = Some(s.into());
        self
    }
}

/// Every declared rule, in report order.
pub fn all_rules() -> impl Iterator<Item = &'static RuleDef> {
    [
        super::content::RULES,
        super::ability::RULES,
        super::origin::RULES,
        super::class::RULES,
        super::class_feats::RULES,
        super::class_choices::RULES,
        super::feat::RULES,
        super::magic_initiate::RULES,
        super::multiclass::RULES,
        super::spells::RULES,
        super::spell_limits::RULES,
        super::spellbook::RULES,
        super::spells_held::RULES,
        super::equipment::RULES,
        super::attunement::RULES,
        super::inventory::RULES,
        super::state::RULES,
        super::profile_rules::RULES,
    ]
    .into_iter()
    .flatten()
}
