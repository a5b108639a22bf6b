//! Shape checks of a character before derivation: ranges and ids, with a JSON-pointer path for
//! every error. Paths are built only when a check fails.

use crate::error::{Error, Result};
use crate::model::{Ability, Character, FeatChoice};
use crate::rules::{Entry, Rules, Table};

/// An unknown-id error with the closest known id.
pub(crate) fn unknown<T: Entry>(t: &Table<T>, kind: &'static str, id: &str, path: String) -> Error {
    Error::UnknownId {
        kind,
        id: id.to_string(),
        path,
        suggestion: t.closest(id),
    }
}

pub(crate) fn range(value: i64, min: i64, max: i64, path: impl FnOnce() -> String) -> Result<()> {
    if value < min || value > max {
        return Err(Error::OutOfRange {
            path: path(),
            value,
            min,
            max,
        });
    }
    Ok(())
}

/// Stops at the first error, or collects them all.
struct Collect<'e> {
    errors: &'e mut Vec<Error>,
    all: bool,
}

impl Collect<'_> {
    fn take(&mut self, r: Result<()>) -> Result<()> {
        match r {
            Ok(()) => Ok(()),
            Err(e) if self.all => {
                self.errors.push(e);
                Ok(())
            }
            Err(e) => Err(e),
        }
    }
}

fn ids<T: Entry>(
    t: &Table<T>,
    kind: &'static str,
    list: &[String],
    at: impl Fn() -> String,
) -> Result<()> {
    match list.iter().position(|id| t.get(id).is_none()) {
        None => Ok(()),
        Some(i) => Err(unknown(t, kind, &list[i], format!("{}/{i}", at()))),
    }
}

fn feat_choice(
    c: &mut Collect<'_>,
    rules: &Rules,
    f: &FeatChoice,
    at: &dyn Fn() -> String,
) -> Result<()> {
    for (a, v) in &f.abilities {
        c.take(range(*v as i64, 0, 2, || {
            format!("{}/abilities/{}", at(), a.key())
        }))?;
    }
    for key in ["cantrips", "spells"] {
        if let Some(list) = f.choices.get(key) {
            c.take(ids(&rules.spells, "spell", list, || {
                format!("{}/choices/{key}", at())
            }))?;
        }
    }
    Ok(())
}

/// Every range and id check of the character file; the first failure.
pub(crate) fn check(rules: &Rules, ch: &Character) -> Result<()> {
    let mut none = Vec::new();
    run(
        &mut Collect {
            errors: &mut none,
            all: false,
        },
        rules,
        ch,
    )
}

/// Every range and id check of the character file; all failures.
pub fn check_all(rules: &Rules, ch: &Character) -> Vec<Error> {
    let mut errors = Vec::new();
    let _ = run(
        &mut Collect {
            errors: &mut errors,
            all: true,
        },
        rules,
        ch,
    );
    errors
}

fn run(c: &mut Collect<'_>, rules: &Rules, ch: &Character) -> Result<()> {
    c.take(range(ch.levels.len() as i64, 1, 20, || "/levels".into()))?;
    for a in Ability::ALL {
        c.take(range(ch.abilities.base.get(a) as i64, 1, 30, || {
            format!("/abilities/base/{}", a.key())
        }))?;
    }
    for (a, v) in &ch.background.ability_increases {
        c.take(range(*v as i64, 0, 2, || {
            format!("/background/ability_increases/{}", a.key())
        }))?;
    }
    let st = &ch.state;
    c.take(range(st.exhaustion as i64, 0, 6, || {
        "/state/exhaustion".into()
    }))?;
    c.take(range(st.death_saves.successes as i64, 0, 3, || {
        "/state/death_saves/successes".into()
    }))?;
    c.take(range(st.death_saves.failures as i64, 0, 3, || {
        "/state/death_saves/failures".into()
    }))?;
    c.take(range(st.temp_hp as i64, 0, i32::MAX as i64, || {
        "/state/temp_hp".into()
    }))?;

    c.take(ids(&rules.tools, "tool", &ch.background.tools, || {
        "/background/tools".into()
    }))?;
    c.take(ids(
        &rules.languages,
        "language",
        &ch.origin.languages,
        || "/origin/languages".into(),
    ))?;
    c.take(ids(&rules.conditions, "condition", &st.conditions, || {
        "/state/conditions".into()
    }))?;
    if let Some(f) = &ch.background.feat {
        feat_choice(c, rules, f, &|| "/background/feat".into())?;
    }
    if let Some(f) = &ch.origin.species_feat {
        feat_choice(c, rules, f, &|| "/origin/species_feat".into())?;
    }
    for (i, lv) in ch.levels.iter().enumerate() {
        c.take(ids(&rules.tools, "tool", &lv.tools, || {
            format!("/levels/{i}/tools")
        }))?;
        c.take(ids(&rules.languages, "language", &lv.languages, || {
            format!("/levels/{i}/languages")
        }))?;
        c.take(ids(&rules.spells, "spell", &lv.cantrips, || {
            format!("/levels/{i}/cantrips")
        }))?;
        c.take(ids(&rules.spells, "spell", &lv.spells, || {
            format!("/levels/{i}/spells")
        }))?;
        c.take(ids(&rules.weapons, "weapon", &lv.masteries, || {
            format!("/levels/{i}/masteries")
        }))?;
        for (j, f) in lv.feats.iter().enumerate() {
            feat_choice(c, rules, f, &|| format!("/levels/{i}/feats/{j}"))?;
        }
    }
    for (key, list) in &st.prepared {
        c.take(ids(&rules.spells, "spell", list, || {
            format!("/state/prepared/{key}")
        }))?;
    }
    Ok(())
}
