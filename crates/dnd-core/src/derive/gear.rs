//! Equipment: what is worn and wielded, load, proficiencies, attack lines and the feature list.

use super::context::Ctx;
use super::explain::Recorder;
use crate::model::{InventoryItem, Location, Size};
use crate::rules::*;
use crate::sheet::*;

/// What the inventory means for the sheet.
#[derive(Debug)]
pub(crate) struct Gear<'r> {
    pub armor: Option<&'r ArmorDef>,
    pub shield: Option<&'r ArmorDef>,
    pub weapons: Vec<(&'r InventoryItem, &'r WeaponDef)>,
    pub attuned: u32,
    pub carried_weight: f64,
}

impl<'r> Gear<'r> {
    pub(crate) fn read(ctx: &Ctx<'r>) -> Gear<'r> {
        let mut g = Gear {
            armor: None,
            shield: None,
            weapons: Vec::new(),
            attuned: 0,
            carried_weight: 0.0,
        };
        for it in &ctx.ch.inventory.items {
            if it.attuned {
                g.attuned += 1;
            }
            let stored = it.location == Location::Stored;
            let unit = match (&it.custom, ctx.rules.item(&it.item)) {
                (Some(c), _) => c.weight_lb,
                (None, Some(r)) => ctx
                    .variant_of(it)
                    .and_then(|v| v.weight_lb)
                    .unwrap_or_else(|| r.weight_lb()),
                (None, None) => 0.0,
            };
            if !stored {
                g.carried_weight += unit * it.quantity as f64;
            }
            if !it.equipped || it.custom.is_some() {
                continue;
            }
            if let Some(a) = ctx.rules.armor.get(&it.item) {
                if a.category == ArmorCategory::Shield {
                    g.shield = g.shield.or(Some(a));
                } else {
                    g.armor = g.armor.or(Some(a));
                }
            } else if let Some(w) = ctx.rules.weapons.get(&it.item) {
                g.weapons.push((it, w));
            }
        }
        g.carried_weight += ctx.ch.inventory.currency.count() as f64 / 50.0;
        g.carried_weight = (g.carried_weight * 100.0).round() / 100.0;
        g
    }

    /// Whether the character is trained in this armor category.
    pub(crate) fn trained(&self, ctx: &Ctx<'_>, cat: ArmorCategory) -> bool {
        armor_training(ctx).contains(&cat)
    }
}

fn armor_training(ctx: &Ctx<'_>) -> Vec<ArmorCategory> {
    let mut v: Vec<ArmorCategory> = ctx.first_class().armor_training.clone();
    for c in ctx.classes.iter().skip(1) {
        v.extend(
            c.def
                .multiclass_proficiencies
                .armor_training
                .iter()
                .copied(),
        );
    }
    for (_, e) in &ctx.effects {
        if let Effect::ArmorTraining { armor } = e {
            v.extend(armor.iter().copied());
        }
    }
    v.sort_by_key(|c| *c as u8);
    v.dedup();
    v
}

fn weapon_training<'r>(ctx: &Ctx<'r>) -> Vec<&'r WeaponTraining> {
    let mut v: Vec<&WeaponTraining> = ctx.first_class().weapon_training.iter().collect();
    for c in ctx.classes.iter().skip(1) {
        v.extend(c.def.multiclass_proficiencies.weapon_training.iter());
    }
    for (_, e) in &ctx.effects {
        if let Effect::WeaponTraining { weapons } = e {
            v.extend(weapons.iter());
        }
    }
    v
}

fn covers(t: &WeaponTraining, w: &WeaponDef) -> bool {
    t.weapons.iter().any(|id| id == &w.id)
        || (t.category == Some(w.category)
            && (t.with_property_any.is_empty()
                || t.with_property_any.iter().any(|p| w.properties.contains(p))))
}

fn training_label(t: &WeaponTraining) -> String {
    let mut s = match t.category {
        Some(WeaponCategory::Simple) => "simple weapons".to_string(),
        Some(WeaponCategory::Martial) => "martial weapons".to_string(),
        None => t.weapons.join(", "),
    };
    if !t.with_property_any.is_empty() {
        let props: Vec<&str> = t.with_property_any.iter().map(|p| p.key()).collect();
        s.push_str(&format!(" with {}", props.join(" or ")));
    }
    s
}

/// Carrying capacity in pounds: Strength x 15 for Small and Medium, scaled by size.
pub(crate) fn carrying_capacity(
    ctx: &Ctx<'_>,
    ab: &Abilities,
    size: Size,
    rec: &mut Recorder<'_>,
) -> i32 {
    let larger = ctx
        .effects
        .iter()
        .any(|(_, e)| matches!(e, Effect::CarryAsLarger));
    let eff = if larger { size.larger() } else { size };
    let v = ab.str.score * eff.carry_factor_x2() / 2;
    if rec.on() {
        rec.term(
            "carrying_capacity",
            || {
                format!(
                    "Strength {} x {} ({eff:?})",
                    ab.str.score,
                    eff.carry_factor_x2() as f64 / 2.0
                )
            },
            v,
        );
        if larger {
            rec.note("carrying_capacity", || {
                "counts as one size larger (Powerful Build)".into()
            });
        }
        rec.total("carrying_capacity", v);
    }
    v
}

/// Armor, weapon and tool training and languages.
pub(crate) fn proficiencies<'r>(ctx: &Ctx<'r>) -> Proficiencies<'r> {
    let armor = armor_training(ctx)
        .into_iter()
        .map(|c| Text::Borrowed(c.key()))
        .collect();
    let mut weapons: Vec<Text<'r>> = weapon_training(ctx)
        .into_iter()
        .map(|t| Text::Owned(training_label(t)))
        .collect();
    weapons.dedup();
    let borrow = |v: &'r [String]| v.iter().map(|s| Text::Borrowed(s.as_str()));
    let mut tools: Vec<Text<'r>> = Vec::new();
    tools.extend(borrow(&ctx.first_class().tool_training.fixed));
    tools.extend(borrow(&ctx.background.tool_training.fixed));
    tools.extend(borrow(&ctx.ch.background.tools));
    for lv in &ctx.ch.levels {
        tools.extend(borrow(&lv.tools));
    }
    tools.sort();
    tools.dedup();
    let mut languages = vec![Text::Borrowed("common")];
    languages.extend(borrow(&ctx.ch.origin.languages));
    for lv in &ctx.ch.levels {
        languages.extend(borrow(&lv.languages));
    }
    languages.dedup();
    Proficiencies {
        armor,
        weapons,
        tools,
        languages,
    }
}

fn signed(n: i32) -> String {
    if n == 0 {
        String::new()
    } else {
        format!("{n:+}")
    }
}

fn die_of(dice: &str) -> u32 {
    dice.split_once('d')
        .and_then(|(_, f)| f.parse().ok())
        .unwrap_or(0)
}

/// Attack lines for equipped weapons and the unarmed strike.
pub(crate) fn attacks<'r>(
    ctx: &Ctx<'r>,
    ab: &Abilities,
    pb: i32,
    gear: &Gear<'r>,
    _prof: &Proficiencies<'_>,
    rec: &mut Recorder<'_>,
) -> Vec<Attack<'r>> {
    let training = weapon_training(ctx);
    let martial_die: Option<String> = ctx.effects.iter().find_map(|(src, e)| match e {
        Effect::MartialArts { column } => {
            let c = src.class.map(|i| &ctx.classes[i])?;
            let col = c.def.columns.iter().find(|x| &x.id == column)?;
            col.values.get(c.level as usize - 1).cloned()
        }
        _ => None,
    });
    let archery: i32 = ctx
        .effects
        .iter()
        .filter_map(|(_, e)| match e {
            Effect::RangedWeaponAttackBonus { amount } => Some(*amount),
            _ => None,
        })
        .sum();
    let mastered = |id: &str| {
        ctx.ch
            .levels
            .iter()
            .any(|l| l.masteries.iter().any(|m| m == id))
    };
    let mut out = Vec::with_capacity(gear.weapons.len() + 1);
    for (i, (it, w)) in gear.weapons.iter().enumerate() {
        let monk_weapon = martial_die.is_some()
            && w.kind == WeaponKind::Melee
            && (w.category == WeaponCategory::Simple
                || w.properties.contains(&WeaponProperty::Light));
        let finesse = w.properties.contains(&WeaponProperty::Finesse) || monk_weapon;
        let m = match w.kind {
            WeaponKind::Ranged => ab.dex.modifier,
            WeaponKind::Melee if finesse => ab.str.modifier.max(ab.dex.modifier),
            WeaponKind::Melee => ab.str.modifier,
        };
        let proficient = training.iter().any(|t| covers(t, w));
        let ranged_bonus = if w.kind == WeaponKind::Ranged {
            archery
        } else {
            0
        };
        let to_hit = m + if proficient { pb } else { 0 } + ranged_bonus;
        let mut dice = w.damage.clone();
        if let Some(md) = martial_die
            .as_ref()
            .filter(|md| monk_weapon && die_of(md) > die_of(&dice))
        {
            dice = md.clone();
        }
        let dtype = w.damage_type.key();
        let damage = format!("{dice}{} {dtype}", signed(m));
        let versatile = w.versatile_damage.as_ref().map(|v| {
            let die = match &martial_die {
                Some(md) if monk_weapon && die_of(md) > die_of(v) => md,
                _ => v,
            };
            format!("{die}{} {dtype}", signed(m))
        });
        let reach = if w.properties.contains(&WeaponProperty::Reach) {
            10
        } else {
            5
        };
        let range = match (w.kind, w.range) {
            (WeaponKind::Ranged, Some((n, l))) => format!("{n}/{l} ft"),
            (WeaponKind::Melee, Some((n, l))) => format!("{reach} ft or {n}/{l} ft"),
            _ => format!("{reach} ft"),
        };
        if rec.on() {
            let p = format!("attacks.{i}.to_hit");
            rec.term(&p, || "ability modifier".into(), m);
            if proficient {
                rec.term(&p, || "proficiency bonus".into(), pb);
            } else {
                rec.note(&p, || format!("not proficient with {}", w.name));
            }
            if ranged_bonus != 0 {
                rec.term(&p, || "Archery".into(), ranged_bonus);
            }
            rec.total(&p, to_hit);
        }
        out.push(Attack {
            name: it
                .name
                .as_deref()
                .or_else(|| ctx.variant_of(it).map(|v| v.name.as_str()))
                .unwrap_or(&w.name)
                .into(),
            item: w.id.as_str().into(),
            to_hit,
            damage: damage.into(),
            versatile: versatile.map(Text::Owned),
            mastery: mastered(&w.id).then(|| Text::Borrowed(w.mastery.key())),
            proficient,
            range: range.into(),
        });
    }
    let (m, dmg) = match &martial_die {
        Some(md) => {
            let m = ab.str.modifier.max(ab.dex.modifier);
            (m, format!("{md}{} bludgeoning", signed(m)))
        }
        None => (
            ab.str.modifier,
            format!("{} bludgeoning", (1 + ab.str.modifier).max(0)),
        ),
    };
    out.push(Attack {
        name: "Unarmed Strike".into(),
        item: "unarmed-strike".into(),
        to_hit: m + pb,
        damage: dmg.into(),
        versatile: None,
        mastery: None,
        proficient: true,
        range: "5 ft".into(),
    });
    out
}

/// Every feature, trait and feat the character has.
pub(crate) fn features<'r>(ctx: &Ctx<'r>) -> Vec<FeatureLine<'r>> {
    let mut out = Vec::with_capacity(32);
    let line = |id: &'r str, name: &'r str, source, class: Option<&'r str>, level| FeatureLine {
        id: Text::Borrowed(id),
        name: Text::Borrowed(name),
        source,
        class: class.map(Text::Borrowed),
        level: Some(level),
    };
    for c in &ctx.classes {
        for (f, sub) in c.gained() {
            let src = if sub {
                FeatureSource::Subclass
            } else {
                FeatureSource::Class
            };
            if !f.id.ends_with("-subclass-feature") {
                out.push(line(&f.id, &f.name, src, Some(&c.def.id), f.level));
            }
        }
    }
    let traits = ctx
        .species
        .traits
        .iter()
        .chain(ctx.lineage.into_iter().flat_map(|l| l.traits.iter()));
    for t in traits.filter(|t| t.level as u32 <= ctx.level) {
        out.push(line(&t.id, &t.name, FeatureSource::Species, None, t.level));
    }
    for f in &ctx.feats {
        let source = if f.source == "background" {
            FeatureSource::Background
        } else {
            FeatureSource::Feat
        };
        let mut l = line(&f.def.id, &f.def.name, source, None, 0);
        l.level = None;
        out.push(l);
    }
    for f in ctx.theme.iter().flat_map(|t| t.features.iter()) {
        let mut l = line(&f.id, &f.name, FeatureSource::Theme, None, 0);
        l.level = None;
        out.push(l);
    }
    out
}
