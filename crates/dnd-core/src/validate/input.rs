//! What every rule reads: the character, the rules, the profile, the derived sheet, and a
//! per-level view of the class progression.

use crate::model::{Ability, Character};
use crate::rules::{ClassDef, FeatDef, Rules, SubclassDef};
use crate::sheet::Sheet;

use super::profile::Profile;

/// One character level, resolved.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LevelInfo<'a> {
    /// `None` when the class id is unknown.
    pub class: Option<&'a ClassDef>,
    /// The level in that class once this level is taken (1-based).
    pub class_level: u32,
    /// The first level taken in this class.
    pub new_class: bool,
    /// The class's subclass (the last one recorded at any of its levels).
    pub subclass: Option<&'a SubclassDef>,
}

/// The input of every rule.
#[derive(Debug)]
pub struct Input<'a> {
    pub(crate) rules: &'a Rules,
    pub(crate) ch: &'a Character,
    pub(crate) profile: &'a Profile,
    /// The derived sheet; `None` when ids or ranges are broken.
    pub(crate) sheet: Option<Sheet<'a>>,
    pub(crate) levels: Vec<LevelInfo<'a>>,
    /// Id and range errors found before derivation (all of them).
    pub(crate) shape_errors: Vec<crate::Error>,
    /// Spells recorded at levels, resolved once for the spell rules.
    pub(crate) spell_records: std::cell::OnceCell<Vec<super::spells::Rec<'a>>>,
    /// Feat-slot findings per level, computed once for the class rules.
    pub(crate) feat_slots: std::cell::OnceCell<Vec<(usize, super::class_feats::Slot, usize, bool)>>,
}

impl<'a> Input<'a> {
    pub(crate) fn new(
        rules: &'a Rules,
        ch: &'a Character,
        profile: &'a Profile,
        sheet: Option<Sheet<'a>>,
    ) -> Self {
        let mut levels = Vec::with_capacity(ch.levels.len());
        let mut counts: Vec<(&str, u32)> = Vec::with_capacity(2);
        for lv in &ch.levels {
            let class = rules.classes.get(&lv.class);
            let n = match counts.iter_mut().find(|(c, _)| *c == lv.class) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    counts.push((&lv.class, 1));
                    1
                }
            };
            levels.push(LevelInfo {
                class,
                class_level: n,
                new_class: n == 1,
                subclass: None,
            });
        }
        // Each class's subclass, on every level of that class (the last one recorded wins).
        for lv in ch.levels.iter().filter(|l| l.subclass.is_some()) {
            let sc = lv.subclass.as_deref().and_then(|s| rules.subclasses.get(s));
            for (j, other) in ch.levels.iter().enumerate() {
                if other.class == lv.class && sc.is_some() {
                    levels[j].subclass = sc;
                }
            }
        }
        Input {
            rules,
            ch,
            profile,
            sheet,
            levels,
            shape_errors: Vec::new(),
            spell_records: std::cell::OnceCell::new(),
            feat_slots: std::cell::OnceCell::new(),
        }
    }

    /// Total levels in a class.
    pub(crate) fn class_total(&self, class: &str) -> u32 {
        self.ch.levels.iter().filter(|l| l.class == class).count() as u32
    }

    /// The subclass recorded for a class (the last one recorded).
    pub(crate) fn subclass_of(&self, class: &str) -> Option<&'a SubclassDef> {
        self.ch
            .levels
            .iter()
            .filter(|l| l.class == class)
            .filter_map(|l| l.subclass.as_deref())
            .next_back()
            .and_then(|s| self.rules.subclasses.get(s))
    }

    /// Every feat the character holds with where it sits: (path, definition).
    pub(crate) fn feats(&self) -> Vec<(String, Option<&'a FeatDef>)> {
        let mut out = Vec::new();
        if let Some(bg) = self.rules.backgrounds.get(&self.ch.background.id) {
            out.push((
                "/background/feat".to_string(),
                self.rules.feats.get(&bg.feat),
            ));
        }
        if let Some(f) = &self.ch.origin.species_feat {
            out.push((
                "/origin/species_feat".to_string(),
                self.rules.feats.get(&f.id),
            ));
        }
        for (i, lv) in self.ch.levels.iter().enumerate() {
            for (j, f) in lv.feats.iter().enumerate() {
                out.push((
                    format!("/levels/{i}/feats/{j}"),
                    self.rules.feats.get(&f.id),
                ));
            }
        }
        out
    }

    /// Scores before taking character level `i` (index into `levels`): base, background and the
    /// ability increases of feats taken at earlier levels, each capped at its feat's maximum.
    pub(crate) fn scores_before(&self, i: usize) -> [i32; 6] {
        let mut s = self.ch.abilities.base.to_array();
        for (a, v) in &self.ch.background.ability_increases {
            s[a.index()] = s[a.index()].saturating_add(*v);
        }
        for lv in self.ch.levels.iter().take(i) {
            for f in &lv.feats {
                let max = self
                    .rules
                    .feats
                    .get(&f.id)
                    .and_then(|d| d.ability_increase.as_ref())
                    .map_or(20, |x| x.max as i32);
                for (a, v) in &f.abilities {
                    s[a.index()] = s[a.index()].saturating_add(*v).min(max.max(s[a.index()]));
                }
            }
        }
        s
    }

    /// A score from the derived sheet (or the base score when there is no sheet).
    pub(crate) fn score(&self, a: Ability) -> i32 {
        match &self.sheet {
            Some(s) => s.abilities.get(a).score,
            None => self.ch.abilities.base.get(a),
        }
    }
}
