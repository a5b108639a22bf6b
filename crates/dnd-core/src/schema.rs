//! JSON Schemas generated from the serde types (checked in under `schema/`).

use schemars::schema_for;

/// Names of the schemas `dnd schema NAME` prints.
pub const NAMES: [&str; 6] = [
    "character",
    "sheet",
    "pack",
    "profile",
    "report",
    "campaign",
];

/// The JSON Schema of a named document, pretty-printed with a trailing newline.
pub fn schema(name: &str) -> Option<String> {
    let s = match name {
        "character" => schema_for!(crate::model::Character),
        "sheet" => schema_for!(crate::sheet::Sheet),
        "pack" => schema_for!(crate::rules::Pack),
        "profile" => schema_for!(crate::validate::Profile),
        "report" => schema_for!(crate::validate::Report),
        "campaign" => schema_for!(crate::campaign::Campaign),
        _ => return None,
    };
    serde_json::to_string_pretty(&s).ok().map(|mut t| {
        t.push('\n');
        t
    })
}
