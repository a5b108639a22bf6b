//! Contract: the pack loader (embedded SRD, homebrew folders, conflicts, references).

use dnd_core::Error;
use dnd_core::rules::{Kind, Pack, Rules};

const MANIFEST: &str = r#"{"id":"my-homebrew","name":"Homebrew","version":"0.1.0","license":"CC0-1.0","depends":["srd-5.2"]}"#;

fn homebrew(files: &[(&str, &str)]) -> Result<Rules, Error> {
    let mut all = vec![("pack.json", MANIFEST)];
    all.extend_from_slice(files);
    Rules::srd_with(vec![Pack::from_files(all)?])
}

#[test]
fn srd_pack_loads_with_attribution() {
    let r = Rules::srd();
    assert_eq!(r.manifests[0].id, "srd-5.2");
    assert_eq!(r.manifests[0].license, "CC-BY-4.0");
    assert!(
        r.manifests[0]
            .attribution
            .as_deref()
            .is_some_and(|a| a.contains("System Reference Document 5.2"))
    );
    assert_eq!(r.classes.all().len(), 12);
}

#[test]
fn every_srd_id_is_lowercase_kebab_case() {
    let r = Rules::srd();
    for kind in Kind::ALL {
        for (id, _) in r.list(kind) {
            let ok = !id.is_empty()
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !id.starts_with('-')
                && !id.ends_with('-')
                && !id.contains("--");
            assert!(ok, "{} id `{id}` is not kebab-case", kind.as_str());
        }
    }
}

#[test]
fn homebrew_can_reference_srd_ids() {
    let sub = r#"[{"id":"school-of-runes","name":"School of Runes","class":"wizard",
        "features":[{"id":"school-of-runes-rune-sight","name":"Rune Sight","level":3}],
        "always_prepared":[{"level":3,"spells":["shield","magic-missile"]}]}]"#;
    let r = homebrew(&[("subclasses.json", sub)]).expect("loads");
    assert_eq!(r.subclasses.pack_of("school-of-runes"), Some("my-homebrew"));
    assert_eq!(r.subclasses.pack_of("evoker"), Some("srd-5.2"));
}

#[test]
fn id_conflict_names_both_packs() {
    let err = homebrew(&[(
        "conditions.json",
        r#"[{"id":"prone","name":"Knocked Down"}]"#,
    )])
    .unwrap_err();
    assert_eq!(err.code(), "pack.conflict");
    match err {
        Error::PackConflict {
            id, first, second, ..
        } => {
            assert_eq!(
                (id.as_str(), first.as_str(), second.as_str()),
                ("prone", "srd-5.2", "my-homebrew")
            );
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn dangling_reference_is_an_error_with_its_path() {
    let sub = r#"[{"id":"oath-of-glory","name":"Oath of Glory","class":"paladinn","features":[]}]"#;
    let err = homebrew(&[("subclasses.json", sub)]).unwrap_err();
    assert_eq!(err.code(), "pack.reference");
    assert_eq!(err.path(), Some("subclasses/oath-of-glory/class"));
    assert!(err.to_string().contains("my-homebrew"));
}

#[test]
fn malformed_pack_file_names_file_and_position() {
    let err = homebrew(&[("feats.json", "[\n  {\"id\": \"x\",\n  ]")]).unwrap_err();
    assert_eq!(err.code(), "pack.invalid");
    let msg = err.to_string();
    assert!(
        msg.contains("feats.json") && msg.contains("line 3"),
        "{msg}"
    );
}

#[test]
fn unknown_field_is_refused() {
    let err = homebrew(&[(
        "conditions.json",
        r#"[{"id":"dazed","name":"Dazed","colour":"red"}]"#,
    )])
    .unwrap_err();
    assert_eq!(err.code(), "pack.invalid");
    assert!(err.to_string().contains("colour"));
}

#[test]
fn unknown_file_and_missing_manifest_are_refused() {
    let err = Pack::from_files([("pack.json", MANIFEST), ("dragons.json", "[]")]).unwrap_err();
    assert_eq!(err.code(), "pack.invalid");
    let err = Pack::from_files([("feats.json", "[]")]).unwrap_err();
    assert_eq!(err.code(), "pack.invalid");
}

#[test]
fn single_file_pack_round_trips() {
    let pack = Pack::from_json(&format!(r#"{{"manifest":{MANIFEST},"languages":[{{"id":"dwarvish-runes","name":"Dwarvish Runes","rare":true}}]}}"#))
        .expect("parses");
    let again =
        Pack::from_json(&serde_json::to_string(&pack).expect("serializes")).expect("parses again");
    assert_eq!(pack, again);
    let r = Rules::srd_with(vec![pack]).expect("merges");
    assert_eq!(r.languages.pack_of("dwarvish-runes"), Some("my-homebrew"));
}

#[test]
fn kinds_parse_singular_and_plural() {
    assert_eq!(Kind::parse("spell"), Some(Kind::Spells));
    assert_eq!(Kind::parse("magic-items"), Some(Kind::MagicItems));
    assert_eq!(Kind::parse("magic_item"), Some(Kind::MagicItems));
    assert_eq!(Kind::parse("class"), Some(Kind::Classes));
    assert_eq!(Kind::parse("armor"), Some(Kind::Armor));
    assert_eq!(Kind::parse("dragons"), None);
}

#[test]
fn show_unknown_id_suggests_closest() {
    let err = Rules::srd().show(Kind::Spells, "magic-misile").unwrap_err();
    match err {
        Error::UnknownId { suggestion, .. } => {
            assert_eq!(suggestion.as_deref(), Some("magic-missile"))
        }
        other => panic!("unexpected {other:?}"),
    }
}
