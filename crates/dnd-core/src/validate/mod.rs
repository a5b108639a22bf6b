//! Validation: every SRD 5.2 character-building rule as a declared, coded, cited check with
//! machine-applicable fixes; campaign rules profiles; incremental and bulk validation.
//!
//! Validation never blocks reading: a character with errors still derives a sheet.

mod ability;
mod attunement;
mod class;
mod class_choices;
mod class_feats;
mod codes;
mod content;
mod engine;
mod equipment;
mod feat;
mod fixes;
mod homebrew;
mod homebrew_power;
mod input;
mod inventory;
mod magic_initiate;
mod multiclass;
mod origin;
mod patch;
mod profile;
mod profile_rules;
mod registry;
mod report;
mod spell_grants;
mod spell_limits;
mod spellbook;
mod spells;
mod spells_held;
mod state;

pub use codes::{CodeInfo, codes, codes_markdown};
pub use engine::{BulkItem, Validator, validate, validate_jsonl, validate_many};
pub use fixes::apply_fixes;
pub use homebrew::{PACK_RULES, PackRule, validate_pack};
pub use input::Input;
pub use patch::{PatchOp, apply as apply_patch};
pub use profile::{Profile, SeverityOverride};
pub use registry::{RuleDef, all_rules, sections};
pub use report::{Citation, Issue, Report, Severity};
pub(crate) use spell_grants::opened;
pub(crate) use spells::{feature_level, max_level};
