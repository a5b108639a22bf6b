//! Unknown ids and out-of-range values: found before derivation, all at once.

use serde_json::Value;

use super::input::Input;
use super::patch::PatchOp;
use super::registry::{RuleDef, Sink, sections::SHEET};
use super::report::Severity::Error;
use crate::Error as E;

pub(super) const RULES: &[RuleDef] = &[
    RuleDef {
        code: "content.unknown_id",
        severity: Error,
        chapter: "Character Creation",
        heading: "Create Your Character",
        description: "an id that no loaded rules pack defines (with the closest known id)",
        reads: SHEET,
        needs_sheet: false,
        check: unknown_id,
    },
    RuleDef {
        code: "content.out_of_range",
        severity: Error,
        chapter: "Character Creation",
        heading: "Step 3: Ability Scores",
        description: "a score, level, count or play-state number outside its range",
        reads: SHEET,
        needs_sheet: false,
        check: out_of_range,
    },
    RuleDef {
        code: "content.invalid_value",
        severity: Error,
        chapter: "Character Creation",
        heading: "Record Class Features",
        description: "a value of the wrong kind for its field (a subclass of another class, an unknown option)",
        reads: SHEET,
        needs_sheet: false,
        check: invalid_value,
    },
];

fn unknown_id(input: &Input<'_>, out: &mut Sink<'_>) {
    for e in &input.shape_errors {
        if let E::UnknownId {
            path, suggestion, ..
        } = e
        {
            let issue = out.push(path.clone(), e.to_string());
            if let Some(s) = suggestion {
                issue.fix(vec![PatchOp::Replace {
                    path: path.clone(),
                    value: Value::from(s.clone()),
                }]);
                issue.suggest(format!("use `{s}`"));
            }
        }
    }
}

fn out_of_range(input: &Input<'_>, out: &mut Sink<'_>) {
    for e in &input.shape_errors {
        if let E::OutOfRange {
            path,
            value,
            min,
            max,
        } = e
        {
            let issue = out.push(path.clone(), e.to_string());
            if path != "/levels" {
                let v = (*value).clamp(*min, *max);
                issue.fix(vec![PatchOp::Replace {
                    path: path.clone(),
                    value: Value::from(v),
                }]);
            }
        }
    }
}

fn invalid_value(input: &Input<'_>, out: &mut Sink<'_>) {
    for e in &input.shape_errors {
        if let E::InvalidValue { path, .. } = e {
            out.push(path.clone(), e.to_string());
        }
    }
}
