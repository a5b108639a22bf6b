//! Plain-text renderings for people.

use std::fmt::Write;

use dnd_core::model::{Ability, Skill};
use dnd_core::sheet::Sheet;

fn signed(n: i32) -> String {
    format!("{n:+}")
}

/// A readable character sheet.
pub fn sheet(s: &Sheet) -> String {
    let mut o = String::new();
    let classes: Vec<String> = s
        .classes
        .iter()
        .map(|c| match &c.subclass {
            Some(sc) => format!("{} {} ({sc})", c.class, c.level),
            None => format!("{} {}", c.class, c.level),
        })
        .collect();
    let species = match &s.lineage {
        Some(l) => format!("{} ({l})", s.species),
        None => s.species.to_string(),
    };
    let _ = writeln!(o, "{} — level {} {}", s.name, s.level, classes.join(" / "));
    let _ = writeln!(o, "{species}, {} background, {:?}", s.background, s.size);
    let _ = writeln!(
        o,
        "AC {}  Initiative {}  Speed {} ft  HP {}/{}{}  Proficiency {}",
        s.armor_class,
        signed(s.initiative),
        s.speed.walk,
        s.hit_points.current,
        s.hit_points.max,
        if s.hit_points.temp > 0 {
            format!(" (+{} temp)", s.hit_points.temp)
        } else {
            String::new()
        },
        signed(s.proficiency_bonus)
    );
    let _ = writeln!(o);
    for a in Ability::ALL {
        let l = s.abilities.get(a);
        let _ = writeln!(
            o,
            "{:<4} {:>2} ({})  save {}{}",
            a.key().to_uppercase(),
            l.score,
            signed(l.modifier),
            signed(l.save),
            if l.save_proficient { " *" } else { "" }
        );
    }
    let _ = writeln!(o);
    let mut line = String::new();
    for sk in Skill::ALL {
        let l = s.skills.get(sk);
        let mark = if l.expertise {
            "**"
        } else if l.proficient {
            "*"
        } else {
            ""
        };
        let cell = format!("{} {}{mark}", sk.name(), signed(l.bonus));
        let _ = write!(line, "{cell:<26}");
        if sk.index() % 3 == 2 {
            let _ = writeln!(o, "{}", line.trim_end());
            line.clear();
        }
    }
    let _ = writeln!(
        o,
        "Passive Perception {}  Investigation {}  Insight {}",
        s.passive.perception, s.passive.investigation, s.passive.insight
    );
    let hd: Vec<String> = [
        ("d6", s.hit_dice.d6),
        ("d8", s.hit_dice.d8),
        ("d10", s.hit_dice.d10),
        ("d12", s.hit_dice.d12),
    ]
    .iter()
    .filter(|(_, l)| l.total > 0)
    .map(|(d, l)| format!("{}{d} ({} spent)", l.total, l.spent))
    .collect();
    let _ = writeln!(o, "Hit dice: {}", hd.join(", "));
    if !s.attacks.is_empty() {
        let _ = writeln!(o, "\nAttacks ({} per Attack action):", s.attacks_per_action);
        for a in &s.attacks {
            let _ = writeln!(
                o,
                "  {:<22} {:>3} to hit  {}{}{}  {}",
                a.name,
                signed(a.to_hit),
                a.damage,
                a.versatile
                    .as_ref()
                    .map(|v| format!(" (two-handed {v})"))
                    .unwrap_or_default(),
                a.mastery
                    .as_ref()
                    .map(|m| format!(" [{m}]"))
                    .unwrap_or_default(),
                a.range
            );
        }
    }
    if let Some(sc) = &s.spellcasting {
        let _ = writeln!(o, "\nSpellcasting:");
        for c in &sc.classes {
            let _ = writeln!(
                o,
                "  {:<10} {} DC {} attack {}  prepared {}  cantrips {}",
                c.class,
                c.ability.key().to_uppercase(),
                c.save_dc,
                signed(c.attack_bonus),
                c.prepared_max,
                c.cantrips_max
            );
        }
        let slots: Vec<String> = sc
            .slots
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(i, n)| format!("{}:{n}", i + 1))
            .collect();
        if !slots.is_empty() {
            let _ = writeln!(
                o,
                "  Slots (caster level {}): {}",
                sc.caster_level,
                slots.join(" ")
            );
        }
        if let Some(p) = &sc.pact {
            let _ = writeln!(o, "  Pact Magic: {} slot(s) of level {}", p.slots, p.level);
        }
    }
    if !s.counters.is_empty() {
        let c: Vec<String> = s
            .counters
            .iter()
            .map(|c| format!("{} {}/{}", c.name, c.max - c.spent, c.max))
            .collect();
        let _ = writeln!(o, "\nResources: {}", c.join(", "));
    }
    let _ = writeln!(
        o,
        "\nCarrying {} / {} lb; attuned {}/{}",
        s.carried_weight, s.carrying_capacity, s.attunement.used, s.attunement.max
    );
    if !s.conditions.is_empty() || s.exhaustion > 0 {
        let _ = writeln!(
            o,
            "Conditions: {}; exhaustion {}",
            s.conditions.join(", "),
            s.exhaustion
        );
    }
    if s.darkvision.is_some() || !s.resistances.is_empty() {
        let dv = s
            .darkvision
            .map(|d| format!("Darkvision {d} ft"))
            .unwrap_or_default();
        let res = if s.resistances.is_empty() {
            String::new()
        } else {
            format!("Resistances: {}", s.resistances.join(", "))
        };
        let _ = writeln!(
            o,
            "{}",
            [dv, res]
                .into_iter()
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join("; ")
        );
    }
    let feats: Vec<&str> = s.features.iter().map(|f| f.name.as_ref()).collect();
    let _ = writeln!(o, "Features: {}", feats.join(", "));
    o
}

/// A readable rules entry: its fields, one per line.
pub fn entry(v: &serde_json::Value) -> String {
    let mut o = String::new();
    if let Some(obj) = v.as_object() {
        for (k, val) in obj {
            let shown = match val {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let _ = writeln!(o, "{k}: {shown}");
        }
    }
    o
}
