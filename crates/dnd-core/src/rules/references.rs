//! Cross-reference checks run when packs are merged: every id a pack names must exist.

use super::*;
use crate::error::{Error, Result};

/// Tool categories a tool choice may name instead of ids.
pub const TOOL_CATEGORIES: [&str; 4] = [
    "artisans-tools",
    "gaming-set",
    "musical-instrument",
    "other",
];

struct Checker<'a> {
    rules: &'a Rules,
}

impl Checker<'_> {
    fn need(
        &self,
        ok: bool,
        pack: Option<&str>,
        kind: &'static str,
        id: &str,
        path: String,
    ) -> Result<()> {
        if ok {
            return Ok(());
        }
        Err(Error::PackReference {
            pack: pack.unwrap_or("?").to_string(),
            kind,
            id: id.to_string(),
            path,
        })
    }

    fn item_exists(&self, id: &str) -> bool {
        self.rules.item_exists(id)
    }

    fn tool_ok(&self, id: &str) -> bool {
        self.rules.tools.get(id).is_some() || TOOL_CATEGORIES.contains(&id)
    }

    fn tools(&self, t: &ToolTraining, pack: Option<&str>, at: &str) -> Result<()> {
        for (i, id) in t.fixed.iter().enumerate() {
            self.need(
                self.tool_ok(id),
                pack,
                "tool",
                id,
                format!("{at}/fixed/{i}"),
            )?;
        }
        for (c, choice) in t.choices.iter().enumerate() {
            for (i, id) in choice.from.iter().enumerate() {
                self.need(
                    self.tool_ok(id),
                    pack,
                    "tool",
                    id,
                    format!("{at}/choices/{c}/from/{i}"),
                )?;
            }
        }
        Ok(())
    }

    fn items(&self, opts: &[EquipmentOption], pack: Option<&str>, at: &str) -> Result<()> {
        for (o, opt) in opts.iter().enumerate() {
            for (i, it) in opt.items.iter().enumerate() {
                // A tool category stands for the tool picked with the background or class.
                let ok = self.item_exists(&it.item) || TOOL_CATEGORIES.contains(&it.item.as_str());
                self.need(
                    ok,
                    pack,
                    "item",
                    &it.item,
                    format!("{at}/{o}/items/{i}/item"),
                )?;
            }
        }
        Ok(())
    }

    fn spells(&self, list: &[LeveledSpells], pack: Option<&str>, at: &str) -> Result<()> {
        for (l, ls) in list.iter().enumerate() {
            for (i, s) in ls.spells.iter().enumerate() {
                self.need(
                    self.rules.spells.get(s).is_some(),
                    pack,
                    "spell",
                    s,
                    format!("{at}/{l}/spells/{i}"),
                )?;
            }
        }
        Ok(())
    }
}

/// Checks every reference in the merged rules.
pub(crate) fn check(rules: &Rules) -> Result<()> {
    let c = Checker { rules };
    for cl in rules.classes.all() {
        let pack = rules.classes.pack_of(&cl.id);
        let at = format!("classes/{}", cl.id);
        c.tools(&cl.tool_training, pack, &format!("{at}/tool_training"))?;
        c.tools(
            &cl.multiclass_proficiencies.tool_training,
            pack,
            &format!("{at}/multiclass_proficiencies/tool_training"),
        )?;
        c.items(
            &cl.starting_equipment,
            pack,
            &format!("{at}/starting_equipment"),
        )?;
        if let Some(sc) = &cl.spellcasting {
            c.need(
                rules.classes.get(&sc.spell_list).is_some(),
                pack,
                "class",
                &sc.spell_list,
                format!("{at}/spellcasting/spell_list"),
            )?;
        }
    }
    for sc in rules.subclasses.all() {
        let pack = rules.subclasses.pack_of(&sc.id);
        let at = format!("subclasses/{}", sc.id);
        c.need(
            rules.classes.get(&sc.class).is_some(),
            pack,
            "class",
            &sc.class,
            format!("{at}/class"),
        )?;
        c.spells(&sc.always_prepared, pack, &format!("{at}/always_prepared"))?;
    }
    for sp in rules.species.all() {
        let pack = rules.species.pack_of(&sp.id);
        for (l, lin) in sp.lineages.iter().enumerate() {
            c.spells(
                &lin.spells,
                pack,
                &format!("species/{}/lineages/{l}/spells", sp.id),
            )?;
        }
    }
    for bg in rules.backgrounds.all() {
        let pack = rules.backgrounds.pack_of(&bg.id);
        let at = format!("backgrounds/{}", bg.id);
        c.need(
            rules.feats.get(&bg.feat).is_some(),
            pack,
            "feat",
            &bg.feat,
            format!("{at}/feat"),
        )?;
        c.tools(&bg.tool_training, pack, &format!("{at}/tool_training"))?;
        c.items(&bg.equipment, pack, &format!("{at}/equipment"))?;
    }
    for sp in rules.spells.all() {
        let pack = rules.spells.pack_of(&sp.id);
        for (i, cl) in sp.classes.iter().enumerate() {
            c.need(
                rules.classes.get(cl).is_some(),
                pack,
                "class",
                cl,
                format!("spells/{}/classes/{i}", sp.id),
            )?;
        }
    }
    for g in rules.gear.all() {
        let pack = rules.gear.pack_of(&g.id);
        for (i, it) in g.contents.iter().enumerate() {
            c.need(
                c.item_exists(&it.item),
                pack,
                "item",
                &it.item,
                format!("gear/{}/contents/{i}/item", g.id),
            )?;
        }
    }
    themes(&c, rules)
}

/// A theme's classes, species and items must exist; its replacements name root items.
fn themes(c: &Checker<'_>, rules: &Rules) -> Result<()> {
    for t in rules.themes.all() {
        let pack = rules.themes.pack_of(&t.id);
        let at = format!("themes/{}", t.id);
        if !(1..=5).contains(&t.intensity) {
            return Err(Error::PackInvalid {
                pack: pack.unwrap_or("?").to_string(),
                file: "themes.json".into(),
                reason: format!("{at}/intensity: {} is not within 1 to 5", t.intensity),
            });
        }
        for (field, list) in [
            ("allowed_classes", &t.allowed_classes),
            ("forbidden_classes", &t.forbidden_classes),
        ] {
            for (i, id) in list.iter().enumerate() {
                let ok = rules.classes.get(id).is_some();
                c.need(ok, pack, "class", id, format!("{at}/{field}/{i}"))?;
            }
        }
        for (field, list) in [
            ("allowed_species", &t.allowed_species),
            ("forbidden_species", &t.forbidden_species),
        ] {
            for (i, id) in list.iter().enumerate() {
                let ok = rules.species.get(id).is_some();
                c.need(ok, pack, "species", id, format!("{at}/{field}/{i}"))?;
            }
        }
        for (i, r) in t.replacements.iter().enumerate() {
            let ok = c.item_exists(&r.item);
            c.need(
                ok,
                pack,
                "item",
                &r.item,
                format!("{at}/replacements/{i}/item"),
            )?;
        }
        for (i, id) in t.items.iter().enumerate() {
            c.need(
                c.item_exists(id),
                pack,
                "item",
                id,
                format!("{at}/items/{i}"),
            )?;
        }
        for (i, check) in t.checks.iter().enumerate() {
            if let crate::history::CustomCheck::RequiresItem(id) = check {
                let ok = c.item_exists(id);
                c.need(
                    ok,
                    pack,
                    "item",
                    id,
                    format!("{at}/checks/{i}/requires_item"),
                )?;
            }
        }
    }
    Ok(())
}
