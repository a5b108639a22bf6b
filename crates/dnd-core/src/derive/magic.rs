//! Spellcasting (per-class DCs, multiclass slots, Pact Magic) and class counters.

use super::context::{ClassEntry, Ctx};
use super::explain::Recorder;
use crate::rules::tables::spell_slots;
use crate::rules::{Counter, CounterUses, Effect, Progression};
use crate::sheet::*;

/// Caster level a class contributes. Alone, a class uses its own table (half and third casters
/// round up); together, the multiclass rule adds full levels, half of half-caster levels rounded
/// up, and a third of third-caster levels rounded down. Pact Magic contributes nothing.
pub fn caster_level_part(progression: Progression, class_level: u32, multiclass: bool) -> u32 {
    match progression {
        Progression::Full => class_level,
        Progression::Half => class_level.div_ceil(2),
        Progression::Third if multiclass => class_level / 3,
        Progression::Third => class_level.div_ceil(3),
        Progression::Pact => 0,
    }
}

fn at(v: &[u8], level: u32) -> u32 {
    v.get(level as usize - 1).copied().unwrap_or(0) as u32
}

/// The spellcasting block, or `None` for a character without a spellcasting class.
pub(crate) fn spellcasting<'r>(
    ctx: &Ctx<'r>,
    ab: &Abilities,
    pb: i32,
    rec: &mut Recorder<'_>,
) -> Option<SpellcastingSheet<'r>> {
    let casters: Vec<&ClassEntry<'_>> = ctx
        .classes
        .iter()
        .filter(|c| c.def.spellcasting.is_some())
        .collect();
    if casters.is_empty() {
        return None;
    }
    let slot_casters = casters
        .iter()
        .filter(|c| {
            c.def
                .spellcasting
                .as_ref()
                .is_some_and(|s| s.progression != Progression::Pact)
        })
        .count();
    let multiclass = slot_casters > 1;
    let mut caster_level = 0;
    let mut classes = Vec::with_capacity(casters.len());
    let mut pact = None;
    for (i, c) in casters.iter().enumerate() {
        let Some(sc) = c.def.spellcasting.as_ref() else {
            continue;
        };
        let part = caster_level_part(sc.progression, c.level, multiclass);
        caster_level += part;
        if rec.on() && sc.progression != Progression::Pact {
            let how = match (sc.progression, multiclass) {
                (Progression::Full, _) => "full caster",
                (Progression::Half, _) => "half caster, rounded up",
                (Progression::Third, true) => "third caster, rounded down",
                _ => "third caster, rounded up",
            };
            rec.term(
                "spellcasting.caster_level",
                || format!("{} {} ({how})", c.def.name, c.level),
                part as i32,
            );
        }
        if sc.progression == Progression::Pact {
            if let Some(row) = sc.pact_slots.get(c.level as usize - 1) {
                pact = Some(PactSlots {
                    slots: row.slots,
                    level: row.slot_level,
                    spent: ctx.ch.state.pact_slots_spent.min(row.slots),
                });
            }
        }
        let m = ab.get(sc.ability).modifier;
        let save_dc = 8 + pb + m;
        if rec.on() {
            let p = format!("spellcasting.classes.{i}.save_dc");
            rec.term(&p, || "base".into(), 8);
            rec.term(&p, || "proficiency bonus".into(), pb);
            rec.term(&p, || format!("{} modifier", sc.ability.name()), m);
            rec.total(&p, save_dc);
            let p = format!("spellcasting.classes.{i}.attack_bonus");
            rec.term(&p, || "proficiency bonus".into(), pb);
            rec.term(&p, || format!("{} modifier", sc.ability.name()), m);
            rec.total(&p, pb + m);
        }
        let mut cantrips = Vec::new();
        let mut spells = Vec::new();
        for lv in ctx.ch.levels.iter().filter(|l| l.class == c.def.id) {
            cantrips.extend(lv.cantrips.iter().map(|s| Text::Borrowed(s.as_str())));
            spells.extend(lv.spells.iter().map(|s| Text::Borrowed(s.as_str())));
        }
        let mut always = Vec::new();
        let granted = c.def.always_prepared.iter().chain(
            c.subclass
                .into_iter()
                .flat_map(|s| s.always_prepared.iter()),
        );
        for ls in granted.filter(|ls| ls.level as u32 <= c.level) {
            if let Some(when) = &ls.when {
                let chosen = when.split_once('=').is_some_and(|(k, v)| {
                    ctx.ch
                        .levels
                        .iter()
                        .any(|l| l.choices.get(k).is_some_and(|x| x == v))
                });
                if !chosen {
                    continue;
                }
            }
            always.extend(ls.spells.iter().map(|s| Text::Borrowed(s.as_str())));
        }
        let ci = ctx
            .classes
            .iter()
            .position(|x| x.def.id == c.def.id)
            .unwrap_or(0);
        for (f, _) in c.gained() {
            if let Some((_, v)) = f
                .prepared_from_choice
                .as_deref()
                .and_then(|k| ctx.class_choice(ci, k))
            {
                always.extend(
                    v.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(Text::Borrowed),
                );
            }
        }
        let extra_cantrips: u32 = ctx
            .effects
            .iter()
            .filter(|(src, _)| src.class == Some(ci))
            .filter_map(|(_, e)| match e {
                Effect::ExtraCantrips { count } => Some(*count as u32),
                _ => None,
            })
            .sum();
        let base_cantrips = at(&sc.cantrips, c.level);
        classes.push(CasterLine {
            class: c.def.id.as_str().into(),
            ability: sc.ability,
            save_dc,
            attack_bonus: pb + m,
            prepared_max: at(&sc.prepared, c.level),
            cantrips_max: if base_cantrips > 0 {
                base_cantrips + extra_cantrips
            } else {
                0
            },
            cantrips,
            spells,
            always_prepared: always,
        });
    }
    rec.total("spellcasting.caster_level", caster_level as i32);
    let slots = spell_slots(caster_level);
    let mut spent = ctx.ch.state.slots_spent;
    for (s, max) in spent.iter_mut().zip(slots) {
        *s = (*s).min(max);
    }
    Some(SpellcastingSheet {
        classes,
        slots,
        slots_spent: spent,
        caster_level,
        pact,
    })
}

fn counter_max(c: &Counter, entry: &ClassEntry<'_>, ab: &Abilities, pb: i32) -> u32 {
    if entry.level < c.from_level as u32 {
        return 0;
    }
    match c.uses {
        CounterUses::Table => c.values.get(entry.level as usize - 1).copied().unwrap_or(0),
        CounterUses::AbilityModifier(a) => ab.get(a).modifier.max(1) as u32,
        CounterUses::ProficiencyBonus => pb as u32,
        CounterUses::ClassLevelTimes(k) => k * entry.level,
    }
}

/// Class and subclass counters with their maxima and uses spent.
pub(crate) fn counters<'r>(ctx: &Ctx<'r>, ab: &Abilities, pb: i32) -> Vec<CounterLine<'r>> {
    let mut out = Vec::new();
    for entry in &ctx.classes {
        let sub = entry.subclass.into_iter().flat_map(|s| s.counters.iter());
        for c in entry.def.counters.iter().chain(sub) {
            let max = counter_max(c, entry, ab, pb);
            if max == 0 {
                continue;
            }
            let spent = ctx
                .ch
                .state
                .counters_spent
                .get(&c.id)
                .copied()
                .unwrap_or(0)
                .min(max);
            out.push(CounterLine {
                id: c.id.as_str().into(),
                name: c.name.as_str().into(),
                max,
                spent,
                recharge: c.recharge,
            });
        }
    }
    out
}
