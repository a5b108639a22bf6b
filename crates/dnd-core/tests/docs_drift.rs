//! Generated documents must match the code. Regenerate with
//! `UPDATE_DOCS=1 cargo test -p dnd-core --test docs_drift`.

use std::path::PathBuf;

#[test]
fn validation_codes_doc_is_current() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/validation-codes.md");
    let generated = dnd_core::validate::codes_markdown();
    if std::env::var("UPDATE_DOCS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &generated).expect("docs/ is writable");
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/validation-codes.md is out of date; run UPDATE_DOCS=1 cargo test -p dnd-core --test docs_drift"
    );
}

#[test]
fn codes_are_unique_and_well_formed() {
    let codes = dnd_core::validate::codes();
    let mut seen = std::collections::BTreeSet::new();
    for c in &codes {
        assert!(seen.insert(c.code.clone()), "duplicate code {}", c.code);
        assert!(
            c.code.split('.').count() >= 2
                && c.code.bytes().all(|b| b.is_ascii_lowercase()
                    || b == b'.'
                    || b == b'_'
                    || b.is_ascii_digit()),
            "bad code {}",
            c.code
        );
        assert!(!c.description.is_empty() && !c.citation.heading.is_empty());
    }
}
