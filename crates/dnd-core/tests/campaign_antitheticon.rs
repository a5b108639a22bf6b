//! Behaviour contract of Antitheticon campaigns: deriving the nemesis from the party profile,
//! the helper and its truth ratio, staged revelation, mirror realities, evolving on a theme
//! change, and a campaign that passes every check and ones that fail each.

use dnd_core::campaign::antitheticon::{
    Deception, IdentityRole, PartyMember, PartyProfile, PlotImpact, Stage,
};
use dnd_core::campaign::{
    Campaign, CampaignType, check_antitheticon, derive_antitheticon, evolve_antitheticon,
    opposite_alignment, validate,
};
use dnd_core::rules::Rules;

fn party() -> PartyProfile {
    let m = |c: &str, name: &str, class: &str, level: u8, al: &str, s: &[&str], w: &[&str]| {
        PartyMember {
            character: c.into(),
            name: name.into(),
            class: class.into(),
            level,
            alignment: al.into(),
            methods: vec!["diplomacy".into()],
            beliefs: vec!["honor".into(), "mercy".into()],
            strengths: s.iter().map(|x| x.to_string()).collect(),
            weaknesses: w.iter().map(|x| x.to_string()).collect(),
        }
    };
    PartyProfile {
        members: vec![
            m(
                "ch_a",
                "Ana",
                "paladin",
                5,
                "lawful good",
                &["melee"],
                &["stealth"],
            ),
            m(
                "ch_b",
                "Ben",
                "wizard",
                6,
                "neutral good",
                &["magic"],
                &["strength"],
            ),
            m(
                "ch_c",
                "Cyd",
                "rogue",
                5,
                "chaotic neutral",
                &["stealth"],
                &["faith"],
            ),
        ],
    }
}

fn campaign() -> Campaign {
    let mut c = Campaign::new("Mirror Crown", "dm");
    c.kind = CampaignType::Antitheticon;
    let mut a = derive_antitheticon(&party(), "intrigue").expect("derives");
    a.deceptions.push(Deception {
        id: "false-map".into(),
        by: "helper".into(),
        target: "party".into(),
        about: "the vault's location".into(),
        active: true,
        maintained: vec![1],
    });
    c.antitheticon = Some(a);
    c
}

#[test]
fn the_antithesis_mirrors_the_party() {
    let a = derive_antitheticon(&party(), "intrigue").expect("derives");
    // Average level 5.33 → 5; nemesis 6, helper 4.
    let leader = &a.identities[0];
    assert_eq!(leader.role, IdentityRole::Leader);
    assert_eq!(
        leader.mirrors.as_deref(),
        Some("ch_b"),
        "mirrors the strongest"
    );
    assert_eq!(leader.class, "druid");
    assert_eq!(leader.alignment, "neutral evil");
    assert_eq!(leader.level, 6);
    assert_eq!(leader.beliefs, ["betrayal", "cruelty"]);
    assert_eq!(leader.methods, ["intimidation"]);
    assert_eq!(leader.strengths, ["strength"], "strong where Ben is weak");
    assert_eq!(leader.weaknesses, ["magic"]);
    let ana = a
        .identities
        .iter()
        .find(|i| i.mirrors.as_deref() == Some("ch_a"))
        .expect("ana");
    assert_eq!(
        (ana.class.as_str(), ana.alignment.as_str()),
        ("ranger", "chaotic evil")
    );
    let helper = a
        .identities
        .iter()
        .find(|i| i.role == IdentityRole::Helper)
        .expect("helper");
    assert_eq!(helper.level, 4);
    let h = a.helper.as_ref().expect("helper");
    assert!((h.truth_ratio - 0.7).abs() < 1e-9);
    assert_eq!(h.stage, Stage::Helper);
    assert_eq!(a.mirrors[0].theme, "intrigue");
    assert!(
        a.mirrors[0]
            .inversions
            .iter()
            .any(|i| i.party == "honor" && i.mirror == "betrayal")
    );
    assert_eq!(opposite_alignment("neutral"), "neutral");
    assert!(derive_antitheticon(&PartyProfile::default(), "x").is_err());
}

#[test]
fn the_helper_feeds_truth_at_its_ratio_and_is_revealed_in_stages() {
    let mut a = derive_antitheticon(&party(), "intrigue").expect("derives");
    let texts: Vec<String> = (0..10).map(|i| format!("rumour {i}")).collect();
    let fed = a.feed(1, &texts).expect("feeds").to_vec();
    assert_eq!(fed.iter().filter(|i| i.truthful).count(), 7);
    let more = a.feed(2, &texts).expect("feeds").to_vec();
    assert_eq!(more.iter().filter(|i| i.truthful).count(), 7);
    assert_eq!(a.learn(30), Stage::Helper);
    assert_eq!(a.learn(15), Stage::Ally);
    assert_eq!(a.learn(50), Stage::Nemesis);
    assert_eq!(a.knowledge, 95);
    assert_eq!(a.learn(200), Stage::Nemesis);
    assert_eq!(a.knowledge, 100);
}

#[test]
fn on_a_theme_change_the_nemesis_evolves_and_remembers() {
    let mut a = derive_antitheticon(&party(), "intrigue").expect("derives");
    a.identities[0].name = "Vesper".into();
    a.learn(45);
    let mut grown = party();
    for m in &mut grown.members {
        m.level += 2;
    }
    grown.members[0].beliefs.push("hope".into());
    let b = evolve_antitheticon(&a, &grown, "horror").expect("evolves");
    assert_eq!(b.theme, "horror");
    assert_eq!(b.identities[0].name, "Vesper", "names are kept");
    assert_eq!(b.identities[0].level, 8);
    assert_eq!(b.memory.len(), 1);
    assert_eq!(b.memory[0].theme, "intrigue");
    assert_eq!(b.memory[0].stage, Stage::Ally);
    assert_eq!(b.mirrors.len(), 2);
    assert!(
        b.identities
            .iter()
            .any(|i| i.beliefs.contains(&"despair".to_string()))
    );
    assert!(check_antitheticon(&b).is_empty());
}

#[test]
fn a_sound_antitheticon_campaign_passes_every_check() {
    let c = campaign();
    let r = validate(Rules::srd(), &c);
    assert!(r.valid, "{:?}", r.issues);
    assert_eq!(r.warnings, 0, "{:?}", r.issues);
}

fn codes_of(c: &Campaign) -> Vec<String> {
    validate(Rules::srd(), c)
        .issues
        .iter()
        .map(|i| i.code.to_string())
        .collect()
}

#[test]
fn each_check_fails_on_its_own() {
    // An unnamed identity.
    let mut c = campaign();
    let a = c.antitheticon.as_mut().expect("a");
    a.identities[1].name = " ".into();
    assert_eq!(codes_of(&c), ["antitheticon.identity.unnamed"]);
    let r = validate(Rules::srd(), &c);
    assert_eq!(r.issues[0].path, "/antitheticon/identities/1/name");

    // A disconnected network: two pairs tied only to each other.
    let mut c = campaign();
    let a = c.antitheticon.as_mut().expect("a");
    for x in &mut a.identities {
        x.links.clear();
    }
    let ids: Vec<String> = a.identities.iter().map(|x| x.id.clone()).collect();
    a.identities[0].links = vec![ids[1].clone()];
    a.identities[2].links = vec![ids[3].clone()];
    assert_eq!(codes_of(&c), ["antitheticon.network.disconnected"]);

    // An isolated identity (a warning; the rest stays connected).
    let mut c = campaign();
    let a = c.antitheticon.as_mut().expect("a");
    let lone = a.identities.len() - 1;
    let lone_id = a.identities[lone].id.clone();
    a.identities[lone].links.clear();
    for x in &mut a.identities {
        x.links.retain(|l| l != &lone_id);
    }
    assert_eq!(codes_of(&c), ["antitheticon.identity.isolated"]);
    assert!(validate(Rules::srd(), &c).valid, "a warning only");

    // Six active deceptions (each maintained).
    let mut c = campaign();
    let a = c.antitheticon.as_mut().expect("a");
    for i in 0..5 {
        a.deceptions.push(Deception {
            id: format!("lie-{i}"),
            by: "antithesis".into(),
            target: "party".into(),
            about: String::new(),
            active: true,
            maintained: vec![2],
        });
    }
    assert_eq!(codes_of(&c), ["antitheticon.deception.too_many"]);
    // Five are fine.
    c.antitheticon.as_mut().expect("a").deceptions[5].active = false;
    assert!(codes_of(&c).is_empty());

    // Two unresolved critical plot impacts.
    let mut c = campaign();
    let a = c.antitheticon.as_mut().expect("a");
    for (i, resolved) in [(0, false), (1, false), (2, true)] {
        a.plot_impacts.push(PlotImpact {
            id: format!("impact-{i}"),
            text: String::new(),
            critical: true,
            resolved,
        });
    }
    assert_eq!(codes_of(&c), ["antitheticon.plot.critical_unresolved"]);
    c.antitheticon.as_mut().expect("a").plot_impacts[1].resolved = true;
    assert!(codes_of(&c).is_empty());

    // A deception never maintained (a warning).
    let mut c = campaign();
    c.antitheticon.as_mut().expect("a").deceptions[0]
        .maintained
        .clear();
    assert_eq!(codes_of(&c), ["antitheticon.deception.unmaintained"]);

    // The data missing on an antitheticon campaign; present on a traditional one.
    let mut c = campaign();
    c.antitheticon = None;
    assert_eq!(codes_of(&c), ["campaign.antitheticon.missing"]);
    let mut c = campaign();
    c.kind = CampaignType::Traditional;
    assert_eq!(codes_of(&c), ["campaign.antitheticon.unexpected"]);
}
