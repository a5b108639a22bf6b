//! Deriving the antithesis of a party, its mirror realities, and evolving it on a theme change.

use super::antitheticon::{
    Antitheticon, Helper, Identity, IdentityRole, Inversion, Memory, Mirror, PartyMember,
    PartyProfile, Stage, default_truth,
};
use crate::error::{Error, Result};

const OPPOSITES: &[(&str, &str)] = &[
    ("good", "evil"),
    ("lawful", "chaotic"),
    ("honor", "betrayal"),
    ("stealth", "force"),
    ("diplomacy", "intimidation"),
    ("faith", "doubt"),
    ("mercy", "cruelty"),
    ("freedom", "control"),
    ("knowledge", "ignorance"),
    ("order", "chaos"),
    ("nature", "industry"),
    ("courage", "fear"),
    ("loyalty", "treachery"),
    ("truth", "deception"),
    ("magic", "steel"),
    ("light", "darkness"),
    ("hope", "despair"),
    ("compassion", "ruthlessness"),
    ("tradition", "innovation"),
    ("strength", "cunning"),
    ("patience", "haste"),
    ("teamwork", "solitude"),
    ("healing", "poison"),
    ("melee", "ranged"),
];

const CLASS_OPPOSITES: &[(&str, &str)] = &[
    ("barbarian", "monk"),
    ("bard", "warlock"),
    ("cleric", "sorcerer"),
    ("druid", "wizard"),
    ("fighter", "rogue"),
    ("paladin", "ranger"),
];

fn lookup(table: &[(&str, &str)], w: &str) -> Option<String> {
    let w = w.trim().to_lowercase();
    table.iter().find_map(|(a, b)| {
        if *a == w {
            Some((*b).to_string())
        } else if *b == w {
            Some((*a).to_string())
        } else {
            None
        }
    })
}

/// The opposite of a word (`honor` → `betrayal`); unknown words become `anti-WORD`.
pub fn opposite(word: &str) -> String {
    lookup(OPPOSITES, word).unwrap_or_else(|| format!("anti-{}", word.trim().to_lowercase()))
}

/// The opposite class (fighter ↔ rogue, cleric ↔ sorcerer, …); an unknown class stays.
pub fn opposite_class(class: &str) -> String {
    lookup(CLASS_OPPOSITES, class).unwrap_or_else(|| class.to_string())
}

/// The opposite alignment: each axis flipped, neutral stays (`lawful good` → `chaotic evil`).
pub fn opposite_alignment(a: &str) -> String {
    let words: Vec<String> = a
        .split_whitespace()
        .map(|w| match w.to_lowercase().as_str() {
            "neutral" | "true" => "neutral".to_string(),
            x => lookup(OPPOSITES, x).unwrap_or_else(|| x.to_string()),
        })
        .collect();
    if words.is_empty() {
        "neutral".into()
    } else {
        words.join(" ")
    }
}

fn mirror_of(m: &PartyMember, id: String, name: String, role: IdentityRole, level: u8) -> Identity {
    Identity {
        id,
        name,
        role,
        mirrors: Some(m.character.clone()),
        class: opposite_class(&m.class),
        alignment: opposite_alignment(&m.alignment),
        level,
        methods: m.methods.iter().map(|x| opposite(x)).collect(),
        beliefs: m.beliefs.iter().map(|x| opposite(x)).collect(),
        strengths: m.weaknesses.clone(),
        weaknesses: m.strengths.clone(),
        links: Vec::new(),
    }
}

/// The mirror reality of a theme for this party.
pub fn mirror(theme: &str, party: &PartyProfile) -> Mirror {
    let mut inv = vec![Inversion {
        aspect: "theme".into(),
        party: theme.into(),
        mirror: opposite(theme),
    }];
    for m in &party.members {
        let flip = |aspect: &str, xs: &[String], inv: &mut Vec<Inversion>| {
            for x in xs {
                if !inv.iter().any(|i| i.aspect == aspect && &i.party == x) {
                    inv.push(Inversion {
                        aspect: aspect.into(),
                        party: x.clone(),
                        mirror: opposite(x),
                    });
                }
            }
        };
        flip("alignment", std::slice::from_ref(&m.alignment), &mut inv);
        flip("belief", &m.beliefs, &mut inv);
        flip("method", &m.methods, &mut inv);
    }
    for i in inv.iter_mut().filter(|i| i.aspect == "alignment") {
        i.mirror = opposite_alignment(&i.party);
    }
    Mirror {
        theme: theme.into(),
        inversions: inv,
    }
}

/// Derives the nemesis network for a party and a theme.
pub fn derive(party: &PartyProfile, theme: &str) -> Result<Antitheticon> {
    if party.members.is_empty() {
        return Err(Error::InvalidValue {
            path: "/party/members".into(),
            reason: "an antitheticon mirrors a party: give at least one member".into(),
        });
    }
    let avg = party.average_level();
    let nemesis_level = (avg + 1).min(20);
    let mut order: Vec<&PartyMember> = party.members.iter().collect();
    // The leader mirrors the strongest character (highest level, then first listed).
    order.sort_by_key(|m| std::cmp::Reverse(m.level));
    let mut ids = Vec::new();
    let mut identities = Vec::new();
    for (i, m) in order.iter().enumerate() {
        let (id, name, role) = if i == 0 {
            (
                "antithesis".to_string(),
                "The Antithesis".to_string(),
                IdentityRole::Leader,
            )
        } else {
            (
                format!("shadow-{i}"),
                format!("Shadow of {}", m.name),
                IdentityRole::Member,
            )
        };
        ids.push(id.clone());
        identities.push(mirror_of(m, id, name, role, nemesis_level));
    }
    let helper_level = avg.saturating_sub(1).max(1);
    identities.push(Identity {
        id: "helper".into(),
        name: "The Helper".into(),
        role: IdentityRole::Helper,
        level: helper_level,
        class: order[0].class.clone(),
        alignment: order[0].alignment.clone(),
        ..Default::default()
    });
    // Leader tied to every member and the helper.
    let leader = ids[0].clone();
    for x in identities.iter_mut().skip(1) {
        x.links.push(leader.clone());
    }
    identities[0].links = identities.iter().skip(1).map(|x| x.id.clone()).collect();
    Ok(Antitheticon {
        theme: theme.into(),
        party: party.clone(),
        identities,
        helper: Some(Helper {
            identity: "helper".into(),
            truth_ratio: default_truth(),
            stage: Stage::Helper,
            fed: Vec::new(),
        }),
        mirrors: vec![mirror(theme, party)],
        ..Default::default()
    })
}

/// On a theme change the nemesis evolves with the party: traits and levels re-derived against
/// the party as it is now (names, links, deceptions, impacts and the helper's stage kept), a
/// mirror for the new theme added, and the old theme remembered.
pub fn evolve(a: &Antitheticon, party: &PartyProfile, theme: &str) -> Result<Antitheticon> {
    let fresh = derive(party, theme)?;
    let mut next = a.clone();
    next.memory.push(Memory {
        theme: a.theme.clone(),
        party_level: a.party.average_level(),
        knowledge: a.knowledge,
        stage: a.helper.as_ref().map(|h| h.stage).unwrap_or_default(),
    });
    for f in &fresh.identities {
        match next.identities.iter_mut().find(|x| x.id == f.id) {
            Some(x) => {
                let name = if x.name.is_empty() {
                    f.name.clone()
                } else {
                    std::mem::take(&mut x.name)
                };
                let mut links = std::mem::take(&mut x.links);
                for l in &f.links {
                    if !links.contains(l) {
                        links.push(l.clone());
                    }
                }
                *x = Identity {
                    name,
                    links,
                    ..f.clone()
                };
            }
            None => next.identities.push(f.clone()),
        }
    }
    next.theme = theme.into();
    next.party = party.clone();
    if !next.mirrors.iter().any(|m| m.theme == theme) {
        next.mirrors.push(mirror(theme, party));
    }
    Ok(next)
}
