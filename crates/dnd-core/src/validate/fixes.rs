//! Applying the fixes of a report to a character.

use super::report::Report;
use crate::error::{Error, Result};
use crate::model::Character;

/// Applies every fix of the report, in order, to a copy of the character. A fix that no longer
/// applies (an earlier one moved its path) is skipped; returns the new character and how many
/// fixes applied.
pub fn apply_fixes(ch: &Character, report: &Report) -> Result<(Character, usize)> {
    let mut doc = serde_json::to_value(ch).map_err(|e| Error::from_serde(&e))?;
    let mut applied = 0;
    // Removals of array elements go from the highest index down so earlier ones stay valid.
    let mut fixes: Vec<&Vec<super::PatchOp>> = report
        .issues
        .iter()
        .filter_map(|i| i.fix.as_ref())
        .collect();
    fixes.sort_by_key(|ops| std::cmp::Reverse(removal_key(ops)));
    for ops in fixes {
        let mut trial = doc.clone();
        if super::patch::apply(&mut trial, ops).is_ok() {
            doc = trial;
            applied += 1;
        }
    }
    let fixed: Character = serde_json::from_value(doc).map_err(|e| Error::from_serde(&e))?;
    Ok((fixed, applied))
}

/// Sort key that puts array-element removals last, highest index first.
fn removal_key(ops: &[super::PatchOp]) -> (u8, String, usize) {
    match ops.first() {
        Some(super::PatchOp::Remove { path }) => {
            let (parent, last) = path.rsplit_once('/').unwrap_or(("", path));
            (0, parent.to_string(), last.parse().unwrap_or(0))
        }
        _ => (1, String::new(), 0),
    }
}
