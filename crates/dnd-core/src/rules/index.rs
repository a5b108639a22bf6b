//! `Rules`: the loaded packs merged into one indexed catalog.

use std::sync::{Arc, LazyLock};

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::*;
use crate::error::{Error, Result};

/// Content with an id and a name.
pub trait Entry: Serialize {
    fn id(&self) -> &str;
    fn name(&self) -> &str;
}

macro_rules! entry {
    ($($t:ty),*) => {$(
        impl Entry for $t {
            fn id(&self) -> &str { &self.id }
            fn name(&self) -> &str { &self.name }
        }
    )*};
}
entry!(
    ClassDef,
    SubclassDef,
    SpeciesDef,
    BackgroundDef,
    FeatDef,
    SpellDef,
    WeaponDef,
    ArmorDef,
    GearDef,
    ToolDef,
    MagicItemDef,
    CreatureDef,
    ConditionDef,
    LanguageDef
);

/// Entries of one kind, indexed by id, remembering which pack each came from.
#[derive(Debug, Clone)]
pub struct Table<T> {
    items: Vec<T>,
    packs: Vec<Arc<str>>,
    by_id: FxHashMap<String, usize>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table {
            items: Vec::new(),
            packs: Vec::new(),
            by_id: FxHashMap::default(),
        }
    }
}

impl<T: Entry> Table<T> {
    fn add(&mut self, kind: Kind, pack: &Arc<str>, entries: Vec<T>) -> Result<()> {
        for e in entries {
            if let Some(&i) = self.by_id.get(e.id()) {
                return Err(Error::PackConflict {
                    kind: kind.singular(),
                    id: e.id().to_string(),
                    first: self.packs[i].to_string(),
                    second: pack.to_string(),
                });
            }
            self.by_id.insert(e.id().to_string(), self.items.len());
            self.items.push(e);
            self.packs.push(pack.clone());
        }
        Ok(())
    }

    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&T> {
        self.by_id.get(id).map(|&i| &self.items[i])
    }

    /// The id of the pack that defines `id`.
    pub fn pack_of(&self, id: &str) -> Option<&str> {
        self.by_id.get(id).map(|&i| &*self.packs[i])
    }

    /// All entries in load order.
    pub fn all(&self) -> &[T] {
        &self.items
    }

    /// The closest known id to `id` (for "did you mean").
    pub fn closest(&self, id: &str) -> Option<String> {
        self.items
            .iter()
            .map(|e| (strsim::jaro_winkler(id, e.id()), e.id()))
            .filter(|(s, _)| *s > 0.7)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, id)| id.to_string())
    }
}

/// Kinds of content, as the CLI names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Classes,
    Subclasses,
    Species,
    Backgrounds,
    Feats,
    Spells,
    Weapons,
    Armor,
    Gear,
    Tools,
    MagicItems,
    Creatures,
    Conditions,
    Languages,
    Themes,
}

impl Kind {
    /// All kinds.
    pub const ALL: [Kind; 15] = [
        Kind::Classes,
        Kind::Subclasses,
        Kind::Species,
        Kind::Backgrounds,
        Kind::Feats,
        Kind::Spells,
        Kind::Weapons,
        Kind::Armor,
        Kind::Gear,
        Kind::Tools,
        Kind::MagicItems,
        Kind::Creatures,
        Kind::Conditions,
        Kind::Languages,
        Kind::Themes,
    ];

    /// Plural name, as in `dnd rules list spells`.
    pub fn as_str(self) -> &'static str {
        super::pack::KIND_FILES[self as usize]
    }

    /// Singular name for messages.
    pub fn singular(self) -> &'static str {
        [
            "class",
            "subclass",
            "species",
            "background",
            "feat",
            "spell",
            "weapon",
            "armor",
            "gear",
            "tool",
            "magic item",
            "creature",
            "condition",
            "language",
            "theme",
        ][self as usize]
    }

    /// Parses a plural or singular name (`spells`, `spell`, `magic-items`).
    pub fn parse(s: &str) -> Option<Kind> {
        let s = s.trim().to_ascii_lowercase().replace('_', "-");
        Kind::ALL.into_iter().find(|k| {
            k.as_str() == s
                || k.singular().replace(' ', "-") == s
                || (s == "class" && *k == Kind::Classes)
        })
    }
}

/// The merged catalog of one or more packs.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    pub manifests: Vec<PackManifest>,
    pub classes: Table<ClassDef>,
    pub subclasses: Table<SubclassDef>,
    pub species: Table<SpeciesDef>,
    pub backgrounds: Table<BackgroundDef>,
    pub feats: Table<FeatDef>,
    pub spells: Table<SpellDef>,
    pub weapons: Table<WeaponDef>,
    pub armor: Table<ArmorDef>,
    pub gear: Table<GearDef>,
    pub tools: Table<ToolDef>,
    pub magic_items: Table<MagicItemDef>,
    pub creatures: Table<CreatureDef>,
    pub conditions: Table<ConditionDef>,
    pub languages: Table<LanguageDef>,
    /// Themes (none in the SRD pack).
    pub themes: Table<crate::history::ThemeDef>,
}

static SRD: LazyLock<Result<Rules>> =
    LazyLock::new(|| Rules::from_packs(vec![super::srd::srd_pack()?]));

impl Rules {
    /// The embedded SRD 5.2 pack, parsed once on first use; an error only if the build shipped
    /// a broken pack (the crate's tests guard against that).
    pub fn try_srd() -> Result<&'static Rules> {
        SRD.as_ref().map_err(Clone::clone)
    }

    /// The embedded SRD 5.2 pack, parsed once on first use.
    ///
    /// # Panics
    /// If the embedded pack is invalid, which the crate's own tests rule out; use
    /// [`Rules::try_srd`] to get an error instead.
    pub fn srd() -> &'static Rules {
        match &*SRD {
            Ok(r) => r,
            // The embedded pack is checked by the crate's tests; reaching this is a build defect.
            Err(e) => panic!("embedded SRD 5.2 pack is invalid: {e}"),
        }
    }

    /// Merges packs in order. Ids must be unique per kind across packs; references must resolve.
    pub fn from_packs(packs: Vec<Pack>) -> Result<Rules> {
        let mut r = Rules::default();
        for p in packs {
            let id: Arc<str> = Arc::from(p.manifest.id.as_str());
            r.classes.add(Kind::Classes, &id, p.classes)?;
            r.subclasses.add(Kind::Subclasses, &id, p.subclasses)?;
            r.species.add(Kind::Species, &id, p.species)?;
            r.backgrounds.add(Kind::Backgrounds, &id, p.backgrounds)?;
            r.feats.add(Kind::Feats, &id, p.feats)?;
            r.spells.add(Kind::Spells, &id, p.spells)?;
            r.weapons.add(Kind::Weapons, &id, p.weapons)?;
            r.armor.add(Kind::Armor, &id, p.armor)?;
            r.gear.add(Kind::Gear, &id, p.gear)?;
            r.tools.add(Kind::Tools, &id, p.tools)?;
            r.magic_items.add(Kind::MagicItems, &id, p.magic_items)?;
            r.creatures.add(Kind::Creatures, &id, p.creatures)?;
            r.conditions.add(Kind::Conditions, &id, p.conditions)?;
            r.languages.add(Kind::Languages, &id, p.languages)?;
            r.themes.add(Kind::Themes, &id, p.themes)?;
            r.manifests.push(p.manifest);
        }
        super::references::check(&r)?;
        Ok(r)
    }

    /// The SRD pack followed by more packs (homebrew).
    pub fn srd_with(extra: Vec<Pack>) -> Result<Rules> {
        let mut packs = vec![super::srd::srd_pack()?];
        packs.extend(extra);
        Rules::from_packs(packs)
    }

    /// The table of a kind, type-erased (for listing and showing any kind).
    pub fn table(&self, kind: Kind) -> &dyn AnyTable {
        match kind {
            Kind::Classes => &self.classes,
            Kind::Subclasses => &self.subclasses,
            Kind::Species => &self.species,
            Kind::Backgrounds => &self.backgrounds,
            Kind::Feats => &self.feats,
            Kind::Spells => &self.spells,
            Kind::Weapons => &self.weapons,
            Kind::Armor => &self.armor,
            Kind::Gear => &self.gear,
            Kind::Tools => &self.tools,
            Kind::MagicItems => &self.magic_items,
            Kind::Creatures => &self.creatures,
            Kind::Conditions => &self.conditions,
            Kind::Languages => &self.languages,
            Kind::Themes => &self.themes,
        }
    }

    /// `(id, name)` of every entry of a kind, in pack order.
    pub fn list(&self, kind: Kind) -> Vec<(&str, &str)> {
        self.table(kind).entries()
    }

    /// One entry as JSON, with a `pack` field naming the pack it came from.
    pub fn show(&self, kind: Kind, id: &str) -> Result<serde_json::Value> {
        let t = self.table(kind);
        t.to_json(id).ok_or_else(|| Error::UnknownId {
            kind: kind.singular(),
            id: id.to_string(),
            path: "id".into(),
            suggestion: t.closest_id(id),
        })
    }
}

/// Any [`Table`], without its entry type.
pub trait AnyTable {
    /// `(id, name)` pairs in load order.
    fn entries(&self) -> Vec<(&str, &str)>;
    /// One entry as JSON plus its `pack`.
    fn to_json(&self, id: &str) -> Option<serde_json::Value>;
    /// The closest known id.
    fn closest_id(&self, id: &str) -> Option<String>;
    /// Whether the id exists.
    fn contains(&self, id: &str) -> bool;
    /// The pack that defines the id.
    fn pack(&self, id: &str) -> Option<&str>;
    /// Number of entries.
    fn len(&self) -> usize;
    /// No entries.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<T: Entry> AnyTable for Table<T> {
    fn entries(&self) -> Vec<(&str, &str)> {
        self.items.iter().map(|e| (e.id(), e.name())).collect()
    }
    fn to_json(&self, id: &str) -> Option<serde_json::Value> {
        let mut v = serde_json::to_value(self.get(id)?).ok()?;
        if let (Some(o), Some(p)) = (v.as_object_mut(), self.pack_of(id)) {
            o.insert("pack".into(), p.into());
        }
        Some(v)
    }
    fn closest_id(&self, id: &str) -> Option<String> {
        self.closest(id)
    }
    fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }
    fn pack(&self, id: &str) -> Option<&str> {
        self.pack_of(id)
    }
    fn len(&self) -> usize {
        self.items.len()
    }
}

/// Any item of the catalog.
#[derive(Debug, Clone, Copy)]
pub enum ItemRef<'a> {
    Weapon(&'a WeaponDef),
    Armor(&'a ArmorDef),
    Gear(&'a GearDef),
    Tool(&'a ToolDef),
    Magic(&'a MagicItemDef),
}

impl ItemRef<'_> {
    /// Weight in pounds of one item (magic items: 0 unless based on a mundane item).
    pub fn weight_lb(&self) -> f64 {
        match self {
            ItemRef::Weapon(w) => w.weight_lb,
            ItemRef::Armor(a) => a.weight_lb,
            ItemRef::Gear(g) => g.weight_lb / g.bundle.unwrap_or(1).max(1) as f64,
            ItemRef::Tool(t) => t.weight_lb,
            ItemRef::Magic(_) => 0.0,
        }
    }

    /// Display name.
    pub fn name(&self) -> &str {
        match self {
            ItemRef::Weapon(w) => &w.name,
            ItemRef::Armor(a) => &a.name,
            ItemRef::Gear(g) => &g.name,
            ItemRef::Tool(t) => &t.name,
            ItemRef::Magic(m) => &m.name,
        }
    }
}

impl Rules {
    /// Looks an item id up among weapons, armor, gear, tools and magic items.
    pub fn item(&self, id: &str) -> Option<ItemRef<'_>> {
        if let Some(w) = self.weapons.get(id) {
            return Some(ItemRef::Weapon(w));
        }
        if let Some(a) = self.armor.get(id) {
            return Some(ItemRef::Armor(a));
        }
        if let Some(g) = self.gear.get(id) {
            return Some(ItemRef::Gear(g));
        }
        if let Some(t) = self.tools.get(id) {
            return Some(ItemRef::Tool(t));
        }
        self.magic_items.get(id).map(ItemRef::Magic)
    }

    /// Whether any item kind has this id.
    pub fn item_exists(&self, id: &str) -> bool {
        self.item(id).is_some()
    }

    /// The pack that defines an item id, whatever its item kind.
    pub fn item_pack(&self, id: &str) -> Option<&str> {
        [
            Kind::Weapons,
            Kind::Armor,
            Kind::Gear,
            Kind::Tools,
            Kind::MagicItems,
        ]
        .into_iter()
        .find_map(|k| self.table(k).pack(id))
    }

    /// The closest item id across all item kinds.
    pub fn closest_item(&self, id: &str) -> Option<String> {
        [
            self.weapons.closest(id),
            self.armor.closest(id),
            self.gear.closest(id),
            self.tools.closest(id),
            self.magic_items.closest(id),
        ]
        .into_iter()
        .flatten()
        .map(|c| (strsim::jaro_winkler(id, &c), c))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|x| x.1)
    }
}
