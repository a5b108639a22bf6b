//! Behaviour contract of world effects: durations on the campaign calendar, adds and sets,
//! impact scale, conditions and conditional changes, clamping, and the explained state.

use std::collections::BTreeMap;

use dnd_core::campaign::effects::{
    Change, Condition, ConditionalChange, ImpactScale, Op, Source, Target, Value, WorldEffect,
    add_effect, state,
};
use dnd_core::campaign::locations::{Faction, Location, LocationKind};
use dnd_core::campaign::{Campaign, validate};
use dnd_core::rules::Rules;

fn campaign() -> Campaign {
    let mut c = Campaign::new("Effects", "dm");
    c.factions.push(Faction {
        id: "guild".into(),
        name: "Harbour Guild".into(),
        attributes: BTreeMap::from([
            ("influence".into(), Value::Number(40)),
            ("stability".into(), Value::Number(60)),
        ]),
        ..Default::default()
    });
    c.locations.push(Location {
        id: "port".into(),
        name: "Port Vell".into(),
        kind: LocationKind::Settlement,
        attributes: BTreeMap::from([("danger".into(), Value::Number(95))]),
        ..Default::default()
    });
    c
}

fn change(a: &str, v: Value) -> Change {
    Change {
        attribute: a.into(),
        value: v,
        set: false,
    }
}

#[test]
fn effects_apply_within_their_duration_and_explain_themselves() {
    let mut c = campaign();
    add_effect(
        &mut c,
        WorldEffect {
            id: "embargo".into(),
            name: "Embargo".into(),
            source: Source::Event("session-2".into()),
            target: Target::Faction("guild".into()),
            scale: ImpactScale::Major,
            start_day: 3,
            duration_days: Some(10),
            conditions: vec![],
            changes: vec![
                change("influence", Value::Number(-5)),
                change("at_war", Value::Flag(true)),
            ],
            conditional: vec![ConditionalChange {
                when: vec![Condition {
                    attribute: "influence".into(),
                    op: Op::Lt,
                    value: Value::Number(30),
                }],
                changes: vec![change("stability", Value::Number(-10))],
            }],
        },
    )
    .expect("adds");
    add_effect(
        &mut c,
        WorldEffect {
            id: "festival".into(),
            name: String::new(),
            source: Source::Theme("celebration".into()),
            target: Target::Faction("guild".into()),
            scale: ImpactScale::Minor,
            start_day: 0,
            duration_days: Some(2),
            conditions: vec![Condition {
                attribute: "stability".into(),
                op: Op::Ge,
                value: Value::Number(50),
            }],
            changes: vec![change("influence", Value::Number(3))],
            conditional: vec![],
        },
    )
    .expect("adds");
    let g = Target::Faction("guild".into());
    // Day 1: only the festival (+3).
    let s = state(&c, &g, Some(1)).expect("state");
    assert_eq!(s.current["influence"], Value::Number(43));
    assert_eq!(s.skipped.len(), 1);
    assert!(s.skipped[0].reason.contains("not started"));
    // Day 5: festival expired (day 2), embargo: −5 × 3 = −15 → 25 < 30, so stability −30.
    let s = state(&c, &g, Some(5)).expect("state");
    assert_eq!(s.current["influence"], Value::Number(25));
    assert_eq!(s.current["stability"], Value::Number(30));
    assert_eq!(s.current["at_war"], Value::Flag(true));
    assert!(
        s.skipped
            .iter()
            .any(|x| x.effect == "festival" && x.reason.contains("expired on day 2"))
    );
    assert_eq!(s.lines.len(), 3);
    assert_eq!(s.base["influence"], Value::Number(40));
    let text = s.render();
    assert!(
        text.contains("influence 25 = base 40; -15 (-5 × major) embargo"),
        "{text}"
    );
    // Day 13: the embargo has expired; base again.
    let s = state(&c, &g, Some(13)).expect("state");
    assert_eq!(s.current, s.base);
    // The calendar decides when no day is given.
    c.calendar.day = 4;
    assert_eq!(state(&c, &g, None).expect("today").day, 4);
    assert!(validate(Rules::srd(), &c).valid);
}

#[test]
fn unmet_conditions_skip_and_standard_attributes_clamp() {
    let mut c = campaign();
    add_effect(
        &mut c,
        WorldEffect {
            id: "monsters".into(),
            name: String::new(),
            source: Source::Manual,
            target: Target::Location("port".into()),
            scale: ImpactScale::Severe,
            start_day: 0,
            duration_days: None,
            conditions: vec![],
            changes: vec![
                change("danger", Value::Number(5)),
                Change {
                    attribute: "trade".into(),
                    value: Value::Number(10),
                    set: true,
                },
                change("mood", Value::Text("grim".into())),
            ],
            conditional: vec![],
        },
    )
    .expect("adds");
    let s = state(&c, &Target::Location("port".into()), Some(400)).expect("state");
    assert_eq!(s.current["danger"], Value::Number(100));
    assert!(s.lines[0].how.contains("clamped to 100"));
    assert_eq!(s.current["trade"], Value::Number(10));
    assert_eq!(s.current["mood"], Value::Text("grim".into()));
    let e = add_effect(
        &mut c,
        WorldEffect {
            id: "monsters".into(),
            name: String::new(),
            source: Source::Manual,
            target: Target::Location("port".into()),
            scale: ImpactScale::Minor,
            start_day: 0,
            duration_days: None,
            conditions: vec![],
            changes: vec![],
            conditional: vec![],
        },
    )
    .expect_err("duplicate");
    assert_eq!(e.code(), "campaign.effect.duplicate");
    let mut bad = c.effects[0].clone();
    bad.id = "elsewhere".into();
    bad.target = Target::Location("nowhere".into());
    assert_eq!(
        add_effect(&mut c, bad.clone()).expect_err("target").code(),
        "not_found.campaign_entry"
    );
    c.effects.push(bad);
    let r = validate(Rules::srd(), &c);
    assert!(r.codes().contains(&"campaign.effect.unknown_target"));
    assert_eq!(
        Target::parse("faction:guild").expect("t"),
        Target::Faction("guild".into())
    );
    assert!(Target::parse("guild").is_err());
}
