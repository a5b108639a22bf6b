//! The decisions one class level asks for, computed from the rules pack's class table: subclass,
//! skills and tools of a new class, feature options, Fighting Style, ASI or feat, Epic Boon,
//! expertise, weapon masteries, cantrips, spells (or spellbook spells), Mystic Arcanum and the
//! spells a feature keeps prepared.

use crate::model::{Character, LevelChoice, Skill};
use crate::rules::{ClassDef, FeatCategory, FeatDef, Feature, Rules, SubclassDef};
use crate::sheet::Sheet;

use super::decision::{Decision, Step};

/// The level being planned: index `i` of `ch.levels` (already appended, possibly partial).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Planned<'r> {
    pub rules: &'r Rules,
    pub ch: &'r Character,
    pub i: usize,
    pub class: &'r ClassDef,
    /// Level in the class once this level is taken.
    pub n: u32,
    pub subclass: Option<&'r SubclassDef>,
}

impl<'r> Planned<'r> {
    pub(crate) fn new(rules: &'r Rules, ch: &'r Character, i: usize) -> Option<Planned<'r>> {
        let lv = ch.levels.get(i)?;
        let class = rules.classes.get(&lv.class)?;
        let n = ch.levels[..=i]
            .iter()
            .filter(|l| l.class == lv.class)
            .count() as u32;
        let subclass = ch
            .levels
            .iter()
            .filter(|l| l.class == lv.class)
            .find_map(|l| l.subclass.as_deref())
            .and_then(|s| rules.subclasses.get(s));
        Some(Planned {
            rules,
            ch,
            i,
            class,
            n,
            subclass,
        })
    }

    pub(crate) fn level(&self) -> &'r LevelChoice {
        &self.ch.levels[self.i]
    }

    /// The other levels of the same class.
    fn others(&self) -> impl Iterator<Item = &'r LevelChoice> + use<'r> {
        let (i, class) = (self.i, self.class.id.as_str());
        self.ch
            .levels
            .iter()
            .enumerate()
            .filter(move |(k, l)| *k != i && l.class == class)
            .map(|(_, l)| l)
    }

    /// Features of the class and its subclass gained at this class level.
    pub(crate) fn gained(&self) -> impl Iterator<Item = &'r Feature> + use<'r> {
        let n = self.n;
        let sub = self.subclass.into_iter().flat_map(|s| s.features.iter());
        self.class
            .features
            .iter()
            .chain(sub)
            .filter(move |f| f.level as u32 == n)
    }
}

pub(crate) use crate::rules::is_feature;

fn ids<'a>(it: impl Iterator<Item = &'a str>) -> Vec<String> {
    it.map(str::to_string).collect()
}

/// Every decision of the planned level, in the order they should be made. Options leave out
/// what the character already has from elsewhere; the level's own picks stay in.
pub(crate) fn decisions(p: &Planned<'_>, sheet: Option<&Sheet<'_>>) -> Vec<Decision> {
    let mut out = Vec::new();
    let (c, n, lv) = (p.class, p.n, p.level());
    let step = Step::Class;
    if n == c.subclass_level as u32 {
        let subs = p.rules.subclasses.all().iter().filter(|s| s.class == c.id);
        out.push(Decision::pick(
            "subclass",
            step,
            1,
            "subclasses",
            ids(subs.map(|s| s.id.as_str())),
        ));
    }
    if n == 1 {
        new_class(p, &mut out);
    }
    for f in p.gained() {
        if let Some(key) = &f.choice {
            let opts = ids(f.options.iter().map(|o| o.id.as_str()));
            out.push(Decision::pick(
                key,
                step,
                1,
                &format!("{} options", f.name),
                opts,
            ));
        }
        if is_feature(&f.id, "fighting-style") && !lv.choices.contains_key("fighting-style") {
            let taken = taken_feats(p.ch, p.i);
            let styles = p.rules.feats.all().iter();
            let opts = styles
                .filter(|d| d.category == FeatCategory::FightingStyle)
                .filter(|d| !taken.contains(&d.id.as_str()))
                .map(|d| d.id.as_str());
            out.push(Decision::pick(
                "fighting-style-feat",
                step,
                1,
                "Fighting Style feats",
                ids(opts),
            ));
        }
        if let Some(d) = super::feature_plan::languages(p, f) {
            out.push(d);
        }
        if let Some(key) = &f.prepared_from_choice {
            out.push(super::feature_plan::prepared_choice(p, f, key));
        }
    }
    feat_slots(p, &mut out);
    let expertise: u32 = c
        .expertise_levels
        .iter()
        .filter(|g| g.level as u32 == n)
        .map(|g| g.count as u32)
        .sum();
    if expertise > 0 {
        let opts = sheet.map_or_else(Vec::new, |s| {
            let had: Vec<Skill> =
                p.ch.levels
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| *k != p.i)
                    .flat_map(|(_, l)| l.expertise.iter().copied())
                    .collect();
            Skill::ALL
                .iter()
                .filter(|k| s.skills.get(**k).proficient && !had.contains(k))
                .map(|k| k.key().to_string())
                .collect()
        });
        out.push(Decision::pick(
            "expertise",
            step,
            expertise,
            "skills for Expertise",
            opts,
        ));
    }
    if let Some(table) = &c.weapon_mastery {
        let have: usize = p.others().map(|l| l.masteries.len()).sum();
        let cap = table.get(n as usize - 1).copied().unwrap_or(0) as usize;
        if cap > have {
            let opts = p.rules.weapons.all().iter().map(|w| w.id.as_str());
            let mut d = Decision::pick(
                "masteries",
                step,
                (cap - have) as u32,
                "weapons for Weapon Mastery",
                ids(opts),
            );
            d.options
                .retain(|w| !p.others().any(|l| l.masteries.contains(w)));
            out.push(d);
        }
    }
    super::spell_plan::spells(p, sheet, &mut out);
    out
}

/// Skills and tools of a class's first level (the character's first, or a multiclass).
fn new_class(p: &Planned<'_>, out: &mut Vec<Decision>) {
    let c = p.class;
    let first = p.i == 0;
    let (count, any) = if first {
        (
            c.skill_choices.count as u32,
            c.skill_choices.from.is_empty(),
        )
    } else {
        let m = &c.multiclass_proficiencies;
        (
            m.skills as u32,
            m.any_skill || c.skill_choices.from.is_empty(),
        )
    };
    if count > 0 {
        // Skills the character has already stay options (a redundant pick is only a warning, and
        // in the 2024 order the background comes after the class); the fill avoids them.
        let had = had_skills(p);
        let from: Vec<Skill> = if any {
            Skill::ALL.to_vec()
        } else {
            c.skill_choices.from.clone()
        };
        let (mut opts, old): (Vec<Skill>, Vec<Skill>) = from.iter().partition(|s| !had.contains(s));
        opts.extend(old);
        let opts = opts.iter().map(|s| s.key().to_string()).collect();
        out.push(Decision::pick("skills", Step::Class, count, "skills", opts));
    }
    let tools = if first {
        &c.tool_training
    } else {
        &c.multiclass_proficiencies.tool_training
    };
    let count: u32 = tools.choices.iter().map(|t| t.count as u32).sum();
    if count > 0 {
        let from: Vec<&str> = tools
            .choices
            .iter()
            .flat_map(|t| t.from.iter().map(String::as_str))
            .collect();
        let opts = p
            .rules
            .tools
            .all()
            .iter()
            .filter(|t| from.contains(&t.id.as_str()) || from.contains(&t.category.as_str()))
            .map(|t| t.id.as_str());
        out.push(Decision::pick(
            "tools",
            Step::Class,
            count,
            "tools",
            ids(opts),
        ));
    }
}

/// Skills the character has from the background, the species, its origin feats and other levels.
pub(crate) fn had_skills(p: &Planned<'_>) -> Vec<Skill> {
    let ch = p.ch;
    let mut had: Vec<Skill> = ch.species.skills.clone();
    if let Some(b) = p.rules.backgrounds.get(&ch.background.id) {
        had.extend(b.skills.iter().copied());
    }
    let feats = ch
        .origin
        .species_feat
        .iter()
        .chain(ch.background.feat.iter());
    let feat_skills = feats.chain(ch.levels.iter().flat_map(|l| l.feats.iter()));
    for f in feat_skills {
        if let Some(list) = f.choices.get("skills") {
            had.extend(list.iter().filter_map(|s| Skill::parse(s)));
        }
    }
    for (k, l) in ch.levels.iter().enumerate() {
        if k != p.i {
            had.extend(l.skills.iter().copied());
        }
    }
    had
}

/// Feat ids taken anywhere but level `i`.
pub(crate) fn taken_feats(ch: &Character, i: usize) -> Vec<&str> {
    let origin = ch
        .origin
        .species_feat
        .iter()
        .chain(ch.background.feat.iter());
    let levels = ch.levels.iter().enumerate().filter(|(k, _)| *k != i);
    origin
        .map(|f| f.id.as_str())
        .chain(levels.flat_map(|(_, l)| l.feats.iter().map(|f| f.id.as_str())))
        .collect()
}

/// ASI and Epic Boon levels: which feat, and its ability increase and choices.
fn feat_slots(p: &Planned<'_>, out: &mut Vec<Decision>) {
    let (c, n) = (p.class, p.n);
    let boon = c.epic_boon_level.is_some_and(|l| l as u32 == n);
    if !boon && !c.asi_levels.iter().any(|l| *l as u32 == n) {
        return;
    }
    let taken = taken_feats(p.ch, p.i);
    let level = p.i as u32 + 1;
    let ok = |d: &&FeatDef| {
        let cat = match d.category {
            FeatCategory::EpicBoon => boon,
            FeatCategory::General | FeatCategory::Origin => true,
            FeatCategory::FightingStyle => false,
        };
        cat && d.prerequisite.level.is_none_or(|l| l as u32 <= level)
            && (d.repeatable || !taken.contains(&d.id.as_str()))
    };
    let mut opts: Vec<&FeatDef> = p.rules.feats.all().iter().filter(ok).collect();
    // Epic Boons first at the boon level; the ASI first otherwise.
    opts.sort_by_key(|d| match (boon, d.category) {
        (true, FeatCategory::EpicBoon) => 0,
        (false, _) if d.id == "ability-score-improvement" => 0,
        _ => 1,
    });
    let (key, what) = if boon {
        ("epic-boon", "feats (an Epic Boon or another feat)")
    } else {
        ("feat", "feats (Ability Score Improvement or another feat)")
    };
    out.push(Decision::pick(
        key,
        Step::Class,
        1,
        what,
        ids(opts.iter().map(|d| d.id.as_str())),
    ));
    let chosen = p.level().feats.iter().find(|f| {
        p.rules
            .feats
            .get(&f.id)
            .is_some_and(|d| d.category != FeatCategory::FightingStyle)
    });
    let Some(def) = chosen.and_then(|f| p.rules.feats.get(&f.id)) else {
        return;
    };
    if let Some(inc) = &def.ability_increase {
        let abil: Vec<&str> = inc.abilities.iter().map(|a| a.key()).collect();
        let how = if inc.amount == 2 {
            "+2 to one or +1 to two"
        } else {
            "+1 to one"
        };
        let prompt = format!(
            "{} increase: {how} of [{}], none above {}",
            def.name,
            abil.join(", "),
            inc.max
        );
        out.push(Decision::formatted(
            "abilities",
            Step::Class,
            prompt,
            "ability+N[,ability+N]",
        ));
    }
    let at = super::feat_plan::FeatAt {
        def,
        prefix: "feat",
        step: Step::Class,
        fixed_list: None,
        current: chosen.map(|f| &f.choices),
    };
    super::feat_plan::feat_choices(p.rules, at, out);
}
