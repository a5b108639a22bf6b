//! The checked-in JSON Schemas under `schema/` must equal what the code generates.
//! Regenerate with `UPDATE_SCHEMA=1 cargo test -p dnd-core --test schema_drift`.

use std::path::PathBuf;

#[test]
fn checked_in_schemas_match_the_code() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schema");
    let update = std::env::var("UPDATE_SCHEMA").is_ok_and(|v| v == "1");
    let mut drift = Vec::new();
    for name in dnd_core::schema::NAMES {
        let generated = dnd_core::schema::schema(name).expect("every listed schema generates");
        let path = dir.join(format!("{name}.schema.json"));
        if update {
            std::fs::write(&path, &generated).expect("schema/ is writable");
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(on_disk) if on_disk == generated => {}
            _ => drift.push(path.display().to_string()),
        }
    }
    assert!(
        drift.is_empty(),
        "schemas drifted from the code: {drift:?}; run UPDATE_SCHEMA=1 cargo test -p dnd-core --test schema_drift"
    );
}

#[test]
fn every_schema_is_valid_json_with_a_title() {
    for name in dnd_core::schema::NAMES {
        let v: serde_json::Value =
            serde_json::from_str(&dnd_core::schema::schema(name).expect("generates"))
                .expect("valid JSON");
        assert!(v.get("title").is_some(), "{name} has a title");
    }
}
