//! Behaviour contract of the campaign validation report: stable codes with severities and
//! paths, the generated `docs/campaign-codes.md`, and the campaign file's JSON round trip.

mod campaign_helpers;

use std::collections::BTreeMap;
use std::path::PathBuf;

use campaign_helpers::medium;
use dnd_core::campaign::chapters::PlannedEncounter;
use dnd_core::campaign::locations::{Location, LocationKind};
use dnd_core::campaign::npcs::{Npc, Relationship, StatBlock, add_npc, relate};
use dnd_core::campaign::{CODES, Campaign, LevelRange, codes_markdown, validate};
use dnd_core::rules::Rules;

#[test]
fn campaign_codes_doc_is_current() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/campaign-codes.md");
    let generated = codes_markdown();
    if std::env::var("UPDATE_DOCS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &generated).expect("docs/ is writable");
        return;
    }
    assert!(
        std::fs::read_to_string(&path).unwrap_or_default() == generated,
        "docs/campaign-codes.md is out of date; run UPDATE_DOCS=1 cargo test -p dnd-core --test campaign_validate"
    );
    let mut seen = std::collections::BTreeSet::new();
    for (code, _, _) in CODES {
        assert!(seen.insert(code), "duplicate {code}");
    }
}

#[test]
fn broken_references_are_reported_with_paths() {
    let rules = Rules::srd();
    let mut c = medium();
    c.title.clear();
    c.party_size = 9;
    c.chapters[1].npcs.push("ghost".into());
    c.chapters[1].locations.push("atlantis".into());
    c.chapters[2].encounters.push(PlannedEncounter {
        name: "rats".into(),
        creatures: BTreeMap::from([("giant-ratt".to_string(), 3)]),
    });
    c.chapters[6].level_range = Some(LevelRange { min: 9, max: 12 });
    c.locations.push(Location {
        id: "tower".into(),
        kind: LocationKind::Region,
        parent: Some("room-1".into()),
        ..Default::default()
    });
    c.locations.push(Location {
        id: "room-1".into(),
        kind: LocationKind::Room,
        parent: Some("tower".into()),
        ..Default::default()
    });
    let r = validate(rules, &c);
    assert!(!r.valid);
    let find = |code: &str| {
        r.issues
            .iter()
            .find(|i| i.code == code)
            .unwrap_or_else(|| panic!("{code} in {:?}", r.codes()))
    };
    assert_eq!(find("campaign.title.empty").path, "/title");
    assert_eq!(find("campaign.party_size.range").path, "/party_size");
    assert_eq!(
        find("campaign.chapter.unknown_npc").path,
        "/chapters/1/npcs/0"
    );
    assert_eq!(
        find("campaign.chapter.unknown_location").path,
        "/chapters/1/locations/0"
    );
    let rat = find("campaign.chapter.unknown_creature");
    assert!(rat.message.contains("giant-rat"), "{}", rat.message);
    assert_eq!(
        format!("{:?}", find("campaign.chapter.level_range").severity),
        "Warning"
    );
    find("campaign.location.hierarchy");
    find("campaign.location.cycle");
}

#[test]
fn npcs_and_relationships_are_checked() {
    let rules = Rules::srd();
    let mut c = medium();
    add_npc(
        &mut c,
        Npc {
            id: "witch".into(),
            name: "Old Mag".into(),
            stats: Some(StatBlock::Creature {
                creature: "green-hag".into(),
            }),
            ..Default::default()
        },
    )
    .expect("npc");
    let dup = add_npc(
        &mut c,
        Npc {
            id: "witch".into(),
            ..Default::default()
        },
    );
    assert_eq!(dup.expect_err("dup").code(), "campaign.npc.duplicate");
    let rel = |from: &str, to: &str, standing: i32| Relationship {
        from: from.into(),
        to: to.into(),
        standing,
        ..Default::default()
    };
    relate(&mut c, rel("witch", "ch_ana", -40)).expect("relates");
    relate(&mut c, rel("witch", "ch_ana", -60)).expect("replaces");
    assert_eq!(c.relationships.len(), 1);
    assert_eq!(c.relationships[0].standing, -60);
    assert_eq!(
        relate(&mut c, rel("witch", "ch_ana", 101))
            .expect_err("range")
            .code(),
        "invalid_input.out_of_range"
    );
    assert_eq!(
        relate(&mut c, rel("witch", "nobody", 1))
            .expect_err("who")
            .code(),
        "not_found.npc"
    );
    assert!(
        validate(rules, &c).valid,
        "{:?}",
        validate(rules, &c).issues
    );
    c.npcs[0].stats = Some(StatBlock::Class {
        class: "wizard".into(),
        level: 25,
    });
    assert!(
        validate(rules, &c)
            .codes()
            .contains(&"campaign.npc.unknown_stats")
    );
}

#[test]
fn the_campaign_file_round_trips_and_malformed_json_has_a_position() {
    let c = medium();
    let text = serde_json::to_string_pretty(&c).expect("json");
    assert_eq!(Campaign::from_json(&text).expect("parses"), c);
    let e = Campaign::from_json("{\"title\": 3}").expect_err("bad");
    assert_eq!(e.code(), "invalid_input.json");
    assert!(Campaign::from_json("{\"nonsense\": 1}").is_err());
}
