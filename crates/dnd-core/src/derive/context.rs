//! Resolving a character's ids against the rules, with field paths for every error.

use super::checks::{range, unknown};
use crate::error::{Error, Result};
use crate::model::{Character, FeatChoice};
use crate::rules::*;

/// A class the character has, with its level and subclass.
#[derive(Debug)]
pub(crate) struct ClassEntry<'r> {
    pub def: &'r ClassDef,
    pub level: u32,
    pub subclass: Option<&'r SubclassDef>,
}

impl<'r> ClassEntry<'r> {
    /// The class's and its subclass's features gained by the class's level; `true` marks a
    /// subclass feature.
    pub(crate) fn gained(&self) -> impl Iterator<Item = (&'r Feature, bool)> + use<'r> {
        let level = self.level;
        let own = self.def.features.iter().map(|f| (f, false));
        let sub = self
            .subclass
            .into_iter()
            .flat_map(|s| s.features.iter().map(|f| (f, true)));
        own.chain(sub).filter(move |(f, _)| f.level as u32 <= level)
    }
}

/// Where an effect or feat came from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Source<'r> {
    pub name: &'r str,
    /// Index into `Ctx::classes` when the source is a class or subclass feature.
    pub class: Option<usize>,
}

/// A feat the character has, with the choices made for it.
#[derive(Debug)]
pub(crate) struct HeldFeat<'r> {
    pub def: &'r FeatDef,
    pub choice: Option<&'r FeatChoice>,
    pub source: &'static str,
}

/// The character with every id resolved.
#[derive(Debug)]
pub(crate) struct Ctx<'r> {
    pub rules: &'r Rules,
    pub ch: &'r Character,
    pub species: &'r SpeciesDef,
    pub lineage: Option<&'r Lineage>,
    pub background: &'r BackgroundDef,
    pub classes: Vec<ClassEntry<'r>>,
    pub level: u32,
    pub effects: Vec<(Source<'r>, &'r Effect)>,
    pub feats: Vec<HeldFeat<'r>>,
    /// The theme worn and its granted features.
    pub theme: Option<super::theme::HeldTheme<'r>>,
}

impl<'r> Ctx<'r> {
    /// Resolves every id; `checked` says the caller already ran [`super::check_all`] cleanly.
    pub(crate) fn resolve(rules: &'r Rules, ch: &'r Character, checked: bool) -> Result<Ctx<'r>> {
        if !checked {
            super::checks::check(rules, ch)?;
        }

        let species = rules.species.get(&ch.species.id).ok_or_else(|| {
            unknown(
                &rules.species,
                "species",
                &ch.species.id,
                "/species/id".into(),
            )
        })?;
        let lineage = match &ch.species.lineage {
            None => None,
            Some(l) => Some(
                species
                    .lineages
                    .iter()
                    .find(|x| &x.id == l)
                    .ok_or_else(|| Error::UnknownId {
                        kind: "lineage",
                        id: l.clone(),
                        path: "/species/lineage".into(),
                        suggestion: species
                            .lineages
                            .iter()
                            .map(|x| (strsim::jaro_winkler(l, &x.id), x.id.clone()))
                            .max_by(|a, b| a.0.total_cmp(&b.0))
                            .map(|x| x.1),
                    })?,
            ),
        };
        let background = rules.backgrounds.get(&ch.background.id).ok_or_else(|| {
            unknown(
                &rules.backgrounds,
                "background",
                &ch.background.id,
                "/background/id".into(),
            )
        })?;

        let mut classes: Vec<ClassEntry<'r>> = Vec::with_capacity(2);
        for (i, lv) in ch.levels.iter().enumerate() {
            let def = rules.classes.get(&lv.class).ok_or_else(|| {
                unknown(
                    &rules.classes,
                    "class",
                    &lv.class,
                    format!("/levels/{i}/class"),
                )
            })?;
            let idx = match classes.iter().position(|c| c.def.id == def.id) {
                Some(p) => p,
                None => {
                    classes.push(ClassEntry {
                        def,
                        level: 0,
                        subclass: None,
                    });
                    classes.len() - 1
                }
            };
            classes[idx].level += 1;
            if let Some(r) = lv.hp_roll {
                range(r as i64, 1, def.hit_die.faces() as i64, || {
                    format!("/levels/{i}/hp_roll")
                })?;
            }
            if let Some(s) = &lv.subclass {
                let sc = rules.subclasses.get(s).ok_or_else(|| {
                    unknown(
                        &rules.subclasses,
                        "subclass",
                        s,
                        format!("/levels/{i}/subclass"),
                    )
                })?;
                if sc.class != def.id {
                    return Err(Error::InvalidValue {
                        path: format!("/levels/{i}/subclass"),
                        reason: format!(
                            "subclass `{s}` belongs to class `{}`, not `{}`",
                            sc.class, def.id
                        ),
                    });
                }
                classes[idx].subclass = Some(sc);
            }
        }

        let mut feats = Vec::with_capacity(4);
        let bg_feat = rules.feats.get(&background.feat).ok_or_else(|| {
            unknown(
                &rules.feats,
                "feat",
                &background.feat,
                "/background/id".into(),
            )
        })?;
        feats.push(HeldFeat {
            def: bg_feat,
            choice: ch.background.feat.as_ref(),
            source: "background",
        });
        if let Some(f) = &ch.origin.species_feat {
            let def = rules.feats.get(&f.id).ok_or_else(|| {
                unknown(
                    &rules.feats,
                    "feat",
                    &f.id,
                    "/origin/species_feat/id".into(),
                )
            })?;
            feats.push(HeldFeat {
                def,
                choice: Some(f),
                source: "species",
            });
        }
        for (i, lv) in ch.levels.iter().enumerate() {
            for (j, f) in lv.feats.iter().enumerate() {
                let def = rules.feats.get(&f.id).ok_or_else(|| {
                    unknown(
                        &rules.feats,
                        "feat",
                        &f.id,
                        format!("/levels/{i}/feats/{j}/id"),
                    )
                })?;
                feats.push(HeldFeat {
                    def,
                    choice: Some(f),
                    source: "level",
                });
            }
        }
        let theme = match &ch.theme {
            None => None,
            Some(state) => Some(super::theme::resolve(rules, state)?),
        };
        let level = ch.levels.len() as u32;
        let mut ctx = Ctx {
            rules,
            ch,
            species,
            lineage,
            background,
            classes,
            level,
            effects: Vec::with_capacity(16),
            feats,
            theme,
        };
        ctx.collect_effects()?;
        Ok(ctx)
    }

    fn collect_effects(&mut self) -> Result<()> {
        let mut effects: Vec<(Source<'r>, &'r Effect)> = Vec::with_capacity(16);
        for (ci, c) in self.classes.iter().enumerate() {
            for (f, _) in c.gained() {
                for e in &f.effects {
                    effects.push((
                        Source {
                            name: &f.name,
                            class: Some(ci),
                        },
                        e,
                    ));
                }
                if let Some(opt) = self.option_of(ci, f)? {
                    for e in &opt.effects {
                        effects.push((
                            Source {
                                name: &opt.name,
                                class: Some(ci),
                            },
                            e,
                        ));
                    }
                }
            }
        }
        let traits = self
            .species
            .traits
            .iter()
            .chain(self.lineage.into_iter().flat_map(|l| l.traits.iter()));
        for t in traits.filter(|t| t.level as u32 <= self.level) {
            for e in &t.effects {
                effects.push((
                    Source {
                        name: &t.name,
                        class: None,
                    },
                    e,
                ));
            }
        }
        for f in &self.feats {
            for e in &f.def.effects {
                effects.push((
                    Source {
                        name: &f.def.name,
                        class: None,
                    },
                    e,
                ));
            }
        }
        for f in self.theme.iter().flat_map(|t| t.features.iter()) {
            for e in &f.effects {
                effects.push((
                    Source {
                        name: &f.name,
                        class: None,
                    },
                    e,
                ));
            }
        }
        for (i, it) in self.ch.inventory.items.iter().enumerate() {
            if it.custom.is_some() {
                continue;
            }
            if let Some(m) = self.rules.magic_items.get(&it.item) {
                if (m.attunement && it.attuned) || (!m.attunement && it.equipped) {
                    for e in &m.effects {
                        effects.push((
                            Source {
                                name: &m.name,
                                class: None,
                            },
                            e,
                        ));
                    }
                }
            } else if !self.rules.item_exists(&it.item) {
                return Err(Error::UnknownId {
                    kind: "item",
                    id: it.item.clone(),
                    path: format!("/inventory/items/{i}/item"),
                    suggestion: self.rules.closest_item(&it.item),
                });
            }
        }
        self.effects = effects;
        Ok(())
    }

    /// The value recorded under `key` at any level of the class at `ci`, with that level's index.
    pub(crate) fn class_choice(&self, ci: usize, key: &str) -> Option<(usize, &'r str)> {
        let class = &self.classes[ci].def.id;
        self.ch
            .levels
            .iter()
            .enumerate()
            .filter(|(_, l)| &l.class == class)
            .find_map(|(i, l)| l.choices.get(key).map(|v| (i, v.as_str())))
    }

    /// The option picked for a feature with options, checked against the feature's list.
    fn option_of(&self, ci: usize, f: &'r Feature) -> Result<Option<&'r FeatureOption>> {
        let Some(key) = &f.choice else {
            return Ok(None);
        };
        let Some((i, picked)) = self.class_choice(ci, key) else {
            return Ok(None);
        };
        match f.options.iter().find(|o| o.id == picked) {
            Some(o) => Ok(Some(o)),
            None => Err(Error::InvalidValue {
                path: format!("/levels/{i}/choices/{key}"),
                reason: format!(
                    "`{picked}` is not an option of {}; expected one of: {}",
                    f.name,
                    f.options
                        .iter()
                        .map(|o| o.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }),
        }
    }

    /// The themed variant an inventory entry shows, when the worn theme defines it.
    pub(crate) fn variant_of(
        &self,
        it: &crate::model::InventoryItem,
    ) -> Option<&'r crate::history::Variant> {
        let shown = it.variant.as_deref()?;
        let def = self.theme.as_ref()?.def;
        def.replacement(&it.item)
            .filter(|r| r.variant_id(&def.id) == shown)
            .map(|r| &r.variant)
    }

    /// The first class taken.
    pub(crate) fn first_class(&self) -> &'r ClassDef {
        self.classes[0].def
    }
}
