//! JSON Schemas generated from the serde types (checked in under `schema/`).

use schemars::schema_for;

/// Names of the schemas `dnd schema NAME` prints.
pub const NAMES: [&str; 9] = [
    "character",
    "sheet",
    "pack",
    "profile",
    "report",
    "action",
    "new_character",
    "level_up",
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
        "action" => schema_for!(crate::play::Action),
        "new_character" => schema_for!(crate::build::NewCharacter),
        "level_up" => schema_for!(crate::build::LevelUp),
        "campaign" => schema_for!(crate::campaign::Campaign),
        _ => return None,
    };
    serde_json::to_string_pretty(&s).ok().map(|mut t| {
        t.push('\n');
        t
    })
}
