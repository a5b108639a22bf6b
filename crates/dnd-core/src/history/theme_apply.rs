//! Theme transitions: the checks a theme makes, then one atomic change that takes the old theme
//! off exactly (by what it recorded) and puts the new one on.

use super::theme::{Applied, CustomCheck, ReplacedItem, ThemeDef, ThemeState};
use crate::error::{Error, Result};
use crate::model::{Ability, Character, InventoryItem, Location};
use crate::play::{Event, Outcome, finish, refuse};
use crate::rules::Rules;

/// Moves `ch` from its current theme to `to` (`None` takes the theme off). Pure: on success the
/// outcome holds the new character; the character keeps its memory (details, XP, state,
/// decisions). A failed check is an [`Error::Refused`] with a `theme.check.*` code and nothing
/// changes; the result passes the play guard (validation) like any verb.
pub fn transition(rules: &Rules, ch: &Character, to: Option<&str>) -> Result<Outcome> {
    let from = ch.theme.as_ref().map(|t| t.id.clone());
    let def = match to {
        None => None,
        Some(id) => Some(rules.themes.get(id).ok_or_else(|| Error::UnknownId {
            kind: "theme",
            id: id.to_string(),
            path: "theme".into(),
            suggestion: rules.themes.closest(id),
        })?),
    };
    let mut events = Vec::new();
    let bare = take_off(ch, &mut events);
    let after = match def {
        None => bare,
        Some(def) => {
            check(rules, &bare, def)?;
            put_on(rules, bare, def, &mut events)
        }
    };
    let themed = events
        .iter()
        .filter(|e| matches!(e, Event::ItemVariantChanged { to: Some(_), .. }))
        .count();
    let label = |t: &Option<String>| t.clone().unwrap_or_else(|| "no theme".into());
    let to_label = to.map(str::to_string);
    let mut summary = format!("Theme: {} → {}", label(&from), label(&to_label));
    if let Some(t) = &after.theme {
        summary.push_str(&format!(
            " ({themed} item(s) re-themed, {} feature(s))",
            t.applied.features.len()
        ));
    }
    events.insert(0, Event::ThemeChanged { from, to: to_label });
    finish(rules, ch, after, summary, events)
}

/// The character without its theme: variants back to their root items, added entries removed,
/// the record dropped (the sheet no longer adds its adjustments and features).
fn take_off(ch: &Character, events: &mut Vec<Event>) -> Character {
    let mut out = ch.clone();
    let Some(state) = out.theme.take() else {
        return out;
    };
    let items = &mut out.inventory.items;
    for r in &state.applied.replaced {
        let entry = items
            .iter_mut()
            .find(|it| it.instance_key() == r.key && it.variant.as_deref() == Some(&r.variant));
        if let Some(it) = entry {
            it.variant = None;
            events.push(Event::ItemVariantChanged {
                key: r.key.clone(),
                item: it.item.clone(),
                from: Some(r.variant.clone()),
                to: None,
            });
        }
    }
    for key in &state.applied.added {
        let Some(i) = items.iter().position(|it| it.instance_key() == key) else {
            continue;
        };
        let it = items.remove(i);
        for other in items.iter_mut() {
            if other.location == Location::In(key.clone()) {
                other.location = Location::Carried;
            }
        }
        events.push(Event::ItemRemoved {
            key: key.clone(),
            item: it.item,
            quantity: it.quantity,
        });
    }
    out
}

/// Puts `def` on a character that wears no theme and records what it changed.
fn put_on(rules: &Rules, mut ch: Character, def: &ThemeDef, events: &mut Vec<Event>) -> Character {
    let mut applied = Applied {
        abilities: def
            .ability_adjustments
            .iter()
            .filter(|(_, v)| **v != 0)
            .map(|(a, v)| (*a, *v))
            .collect(),
        features: def.features.iter().map(|f| f.id.clone()).collect(),
        ..Applied::default()
    };
    let items = &mut ch.inventory.items;
    for root in &def.items {
        let base = format!("theme-{}-{root}", def.id);
        let taken = |k: &str| items.iter().any(|it| it.instance_key() == k);
        let key = if taken(&base) {
            (2u32..)
                .map(|n| format!("{base}-{n}"))
                .find(|k| !taken(k))
                .unwrap_or(base)
        } else {
            base
        };
        items.push(InventoryItem {
            item: root.clone(),
            key: Some(key.clone()),
            quantity: 1,
            equipped: false,
            attuned: false,
            location: Location::Carried,
            name: None,
            custom: None,
            variant: None,
        });
        events.push(Event::ItemAdded {
            key: key.clone(),
            item: root.clone(),
            quantity: 1,
        });
        applied.added.push(key);
    }
    for it in items.iter_mut().filter(|it| it.custom.is_none()) {
        let Some(r) = def.replacement(&it.item) else {
            continue;
        };
        if !rules.item_exists(&it.item) {
            continue;
        }
        let variant = r.variant_id(&def.id);
        it.variant = Some(variant.clone());
        let key = it.instance_key().to_string();
        events.push(Event::ItemVariantChanged {
            key: key.clone(),
            item: it.item.clone(),
            from: None,
            to: Some(variant.clone()),
        });
        applied.replaced.push(ReplacedItem {
            key,
            item: it.item.clone(),
            variant,
        });
    }
    ch.theme = Some(ThemeState {
        id: def.id.clone(),
        applied,
    });
    ch
}

/// The theme's requirements, checked on the character without any theme.
fn check(rules: &Rules, bare: &Character, def: &ThemeDef) -> Result<()> {
    if let Some(min) = def.min_level {
        if bare.level() < u32::from(min) {
            return Err(refuse(
                "theme.check.level",
                format!(
                    "{} needs character level {min}; the character is level {}",
                    def.name,
                    bare.level()
                ),
                Some("/levels".into()),
                vec![],
            ));
        }
    }
    for (i, lv) in bare.levels.iter().enumerate() {
        let class = &lv.class;
        let not_allowed = !def.allowed_classes.is_empty() && !def.allowed_classes.contains(class);
        if not_allowed || def.forbidden_classes.contains(class) {
            return Err(refuse(
                "theme.check.class",
                format!("{} is not open to the class `{class}`", def.name),
                Some(format!("/levels/{i}/class")),
                def.allowed_classes.clone(),
            ));
        }
    }
    let species = &bare.species.id;
    let not_allowed = !def.allowed_species.is_empty() && !def.allowed_species.contains(species);
    if not_allowed || def.forbidden_species.contains(species) {
        return Err(refuse(
            "theme.check.species",
            format!("{} is not open to the species `{species}`", def.name),
            Some("/species/id".into()),
            def.allowed_species.clone(),
        ));
    }
    let sheet = crate::derive::derive(rules, bare)?;
    let score = |a: Ability| sheet.abilities.get(a).score;
    for (a, v) in &def.ability_adjustments {
        let before = score(*a);
        let after = before + v;
        // Out of 3..=20, unless the score was already there and the adjustment does not worsen it.
        let too_high = *v > 0 && after > 20.max(before);
        let too_low = *v < 0 && after < 3.min(before);
        if too_high || too_low {
            return Err(refuse(
                "theme.check.score",
                format!(
                    "{} changes {} by {v:+}: {before} would become {after}, outside 3 to 20",
                    def.name,
                    a.name()
                ),
                Some(format!("/abilities/base/{}", a.key())),
                vec![],
            ));
        }
    }
    for (i, c) in def.checks.iter().enumerate() {
        let failed = match c {
            CustomCheck::MinScore { ability, min } => (score(*ability) < *min).then(|| {
                format!(
                    "{} needs {} {min}; the character has {}",
                    def.name,
                    ability.name(),
                    score(*ability)
                )
            }),
            CustomCheck::RequiresItem(id) => {
                (!bare.inventory.items.iter().any(|it| &it.item == id))
                    .then(|| format!("{} needs the item `{id}` in the inventory", def.name))
            }
        };
        if let Some(reason) = failed {
            return Err(refuse(
                "theme.check.custom",
                reason,
                Some(format!("theme/checks/{i}")),
                vec![],
            ));
        }
    }
    Ok(())
}
