#!/usr/bin/env python3
"""Build the SRD 5.2 catalog files of the rules pack from third-party data sets.

Reads (never writes) the reference copies in `../shared/srd-5.2/` (open5e fixtures, 5e-database
JSON, SRD 5.2 Markdown) and writes FACTS ONLY -- names, numbers, enums, lists, never description
prose -- to `crates/dnd-core/rules/srd-5.2/`:

    spells.json  weapons.json  armor.json  gear.json  tools.json  magic-items.json
    creatures.json  conditions.json  languages.json

Each file is a JSON array sorted by id that matches the serde types in
`crates/dnd-core/src/rules/catalog.rs` (2-space indent, UTF-8, trailing newline). The output is
deterministic: the same inputs give byte-identical files.

Usage:  python3 tools/srd_convert.py [--srd DIR] [--out DIR] [--emit-known]
Exit status is non-zero when a count differs from the SRD, when a sanity check fails, or when the
sources disagree in a way not documented in KNOWN_DISAGREEMENTS below.

Where the facts come from
-------------------------
The SRD Markdown (`markdown/`, CC-BY-4.0) is the truth. The JSON sets are read and compared field
by field; every disagreement is listed in KNOWN_DISAGREEMENTS with what each source says and which
value was kept (always the Markdown's, except where a comment there says otherwise).

* spells       -- `08_b_spellsaz.md` (level, school, classes, casting time, range, components,
                  duration, and the damage types / saving throw / spell attack read from the rules
                  text); open5e `Spell.json` is the second source; the class spell lists in
                  `04_classes.md` are a third check (level, school, C/R/M flags, class lists).
* weapons      -- the Weapon Tables of `07_equipment_rules.md`; checked against
                  `07_weapons_items.md`, open5e Weapon/WeaponPropertyAssignment/Item and 5e-database.
* armor        -- the Armor tables of `07_equipment_rules.md` (don/doff from the table captions);
                  checked against `07_armor_items.md`, open5e Armor/Item and 5e-database.
* gear         -- the Adventuring Gear and Ammunition tables of `07_equipment_rules.md`; focus
                  variants, pack contents and container capacities from `07_adventuring_gear.md`.
* tools        -- the Tools table of `07_equipment_rules.md` (cost, weight) and `07_tools.md`
                  (ability, category).
* magic items  -- the headings of `07_magic_items.md` (category, rarity, attunement); checked
                  against 5e-database `5e-SRD-Magic-Items.json` (same 243 items) and open5e
                  `MagicItem.json` (757 rows, mostly per-weapon/per-armor variants; only rows whose
                  name is an SRD heading are compared).
* creatures    -- open5e `Creature.json` (all 331) checked against the stat blocks in
                  `13_monsters_az.md`, `14_animals.md` and `07_magic_items.md` (Giant Fly); XP from
                  the stat block, else from the Experience Points by Challenge Rating table of
                  `12_monsters_rules.md`.
* conditions   -- the `[Condition]` entries of `09_rules_glossary.md`; checked against open5e
                  ConditionDescription and 5e-database Conditions.
* languages    -- the Standard and Rare Languages tables (they live in `03_character_creation.md`);
                  checked against 5e-database Languages.

Decisions
---------
* Ids: lowercase kebab-case of the SRD name (apostrophes dropped, other runs of non-alphanumerics
  become `-`). Exceptions, both asked for by the pack format: ammunition uses singular ids
  (`arrow`, `bolt`, `needle`, `bullet-sling`, `bullet-firearm`) and the `+N` magic-item variants use
  `plus-N` (`weapon-plus-1`).
* Magic item variants: a heading titled "X, +1, +2, or +3" (Ammunition, Armor, Shield, Wand of the
  War Mage, Weapon) becomes ONE ENTRY PER BONUS -- ids `ammunition-plus-1` ... `weapon-plus-3`,
  names "Weapon, +1" -- because the bonus fixes the rarity. Every other heading is exactly one
  entry; when the SRD gives more than one rarity for it ("Rarity Varies", or Horn of Valhalla's
  per-metal rarities) the entry's rarity is `varies`. So 243 headings give 253 entries.
* Spell casting times use the tokens of `SpellDef::casting_time`; a reaction's or bonus action's
  trigger text is dropped. Durations use the tokens of `SpellDef::duration`; "Concentration, up to
  X" and "Up to X" become X (+ the concentration flag), "1 day" becomes "24 hours". Two SRD
  durations have no token and are written as the SRD states them: "2 hours" (Move Earth) and
  "6 rounds" (Tsunami).
* Spell damage types: every type named in a "<Type> damage" phrase of the spell's text (including
  choices like "Acid, Cold, or Fire damage" and the higher-level text), except phrases granting
  Resistance/Immunity/Vulnerability. Save: the first ability in a "<Ability> saving throw" phrase
  that is not Advantage/Disadvantage/bonus wording (six spells name several: Arcane Hand,
  Prismatic Spray, Prismatic Wall, Storm of Vengeance, Symbol, Wall of Ice -- the first is kept).
  Attack: the text calls for a melee or ranged spell attack, or a stat block in the spell attacks
  with "your spell attack modifier". Saves, attacks and damage of creatures a spell summons count
  (they use the caster's spell save DC and attack modifier).
* Spell material: `material_text` is a short noun phrase, written only for components with a cost
  or consumed by the spell; `material_cost_gp` is the total price of one casting's priced
  components (Astral Projection: per target).
* Weapons: the `range` property is not listed (the SRD tables never list it on its own; the normal
  and long range of Thrown and Ammunition weapons are in `range`). "—" weight is 0 lb.
* Gear: the SRD's "Varies" rows (Arcane Focus, Druidic Focus, Holy Symbol) become one entry per
  variant (`arcane-focus-crystal`, `druidic-focus-yew-wand`, `holy-symbol-amulet`, ...) plus a
  generic entry (`arcane-focus`, `druidic-focus`, `holy-symbol`) that starting equipment refers
  to; the generic entry carries the cost and weight of the FIRST variant the SRD lists (Crystal,
  Sprig of Mistletoe, Amulet). The Ammunition "Varies" row becomes the five ammunition entries.
  Mounts, tack and vehicles are not gear and are not written.
* Gear names: the table's inverted names ("Clothes, Traveler's", "Lantern, Hooded") become the
  plain names the SRD uses everywhere else ("Traveler's Clothes", "Hooded Lantern"), for the
  name and the id; see NATURAL_NAMES.
* Tools: the Tools table names ("Gaming Set (Dice)", "Musical Instrument (Lute)") give the ids
  (`gaming-set-dice`, `musical-instrument-lute`).
* Creatures: CR 0 creatures listed as "XP 0 or 10" get 10 (those with "XP 0" get 0); lair XP is
  not kept. Where the Markdown contradicts the SRD's own monster rules, the rules win: sizes
  stated "Small" whose hit die is d4 or d8 become tiny / medium (Hit Dice by Size table; the
  Markdown copy has no Tiny creature and flattened "Medium or Small"), and hit points that are not
  the average of the hit dice become that average (Giant Fly only). Octopus is in open5e only
  (no SRD 5.2 stat block): its facts come from open5e, its XP (10) from the CR table.
* Missing from the Markdown copy, taken from 5e-database: the five Arcane Focus variants and the
  Spellbook (see ARCANE_FOCUS_DB and FROM_DB_ONLY).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SRD = (ROOT / ".." / "shared" / "srd-5.2").resolve()
DEFAULT_OUT = ROOT / "crates" / "dnd-core" / "rules" / "srd-5.2"

EXPECTED_COUNTS = {
    "spells": 339,
    "weapons": 38,
    "armor": 13,
    "gear": 98,  # 78 priced table rows + 5 ammunition + 11 focus variants + 3 generic focuses + Spellbook
    "tools": 37,
    "magic-items": 253,  # 243 SRD headings, five of them split into +1/+2/+3
    "creatures": 331,
    "conditions": 15,
    "languages": 19,
}

# ---------------------------------------------------------------------------------------------
# Every case where a source disagrees with the SRD Markdown (or the Markdown disagrees with
# itself). Key: "<file>/<id>/<field>"; the comment gives each source's value and the value kept.
# Sources: md = 08_b_spellsaz.md / 07_equipment_rules.md tables / 07_magic_items.md headings /
# stat blocks; classes_md = class spell lists of 04_classes.md; *_items_md / adventuring_gear_md /
# tools_md = the other Markdown copies; open5e = open5e fixtures; db = 5e-database.
# The script fails when it finds a disagreement that is not listed here (print the current list
# with --emit-known, check each new case by hand, then paste it here).
# ---------------------------------------------------------------------------------------------
KNOWN_DISAGREEMENTS = {
    # armor -------------------------------------------------------------------------------------
    "armor/chain-shirt/weight_lb",  # db=14 -> kept 20
    "armor/hide-armor/category",  # db="light" -> kept "medium"
    # creatures ---------------------------------------------------------------------------------
    "creatures/archmage/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/assassin/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/badger/size",  # md="small"; open5e="small"; Hit Dice by Size (d4) -> kept "tiny"
    "creatures/bandit-captain/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/bandit/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/bat/size",  # md="small"; open5e="small"; Hit Dice by Size (d4) -> kept "tiny"
    "creatures/berserker/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/cat/size",  # md="small"; open5e="small"; Hit Dice by Size (d4) -> kept "tiny"
    "creatures/commoner/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/crab/size",  # md="small"; open5e="small"; Hit Dice by Size (d4) -> kept "tiny"
    "creatures/cultist-fanatic/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/cultist/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/druid/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/flying-snake/size",  # md="small"; open5e="small"; Hit Dice by Size (d4) -> kept "tiny"
    "creatures/frog/size",  # md="small"; open5e="small"; Hit Dice by Size (d4) -> kept "tiny"
    "creatures/giant-fly/hit_points",  # md=15; open5e=19; average of 3d10 + 3 = 19 -> kept 19
    "creatures/gladiator/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/guard-captain/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/guard/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/hawk/size",  # md="small"; open5e="small"; Hit Dice by Size (d4) -> kept "tiny"
    "creatures/homunculus/size",  # md="small"; open5e="small"; Hit Dice by Size (d4) -> kept "tiny"
    "creatures/imp/size",  # md="small"; open5e="small"; Hit Dice by Size (d4) -> kept "tiny"
    "creatures/knight/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/lizard/size",  # md="small"; open5e="small"; Hit Dice by Size (d4) -> kept "tiny"
    "creatures/mage/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/mummy-lord/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/mummy/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/noble/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/octopus/present",  # open5e only, no stat block in the SRD Markdown -> kept open5e facts
    "creatures/owl/size",  # md="small"; open5e="small"; Hit Dice by Size (d4) -> kept "tiny"
    "creatures/piranha/size",  # md="small"; open5e="small"; Hit Dice by Size (d4) -> kept "tiny"
    "creatures/pirate-captain/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/pirate/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/priest-acolyte/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/priest/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/pseudodragon/size",  # md="small"; open5e="small"; Hit Dice by Size (d4) -> kept "tiny"
    "creatures/quasit/size",  # md="small"; open5e="small"; Hit Dice by Size (d4) -> kept "tiny"
    "creatures/rat/size",  # md="small"; open5e="small"; Hit Dice by Size (d4) -> kept "tiny"
    "creatures/raven/size",  # md="small"; open5e="small"; Hit Dice by Size (d4) -> kept "tiny"
    "creatures/scorpion/size",  # md="small"; open5e="small"; Hit Dice by Size (d4) -> kept "tiny"
    "creatures/scout/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/seahorse/size",  # md="small"; open5e="small"; Hit Dice by Size (d4) -> kept "tiny"
    "creatures/sphinx-of-wonder/size",  # md="small"; open5e="small"; Hit Dice by Size (d4) -> kept "tiny"
    "creatures/spider/size",  # md="small"; open5e="small"; Hit Dice by Size (d4) -> kept "tiny"
    "creatures/sprite/size",  # md="small"; open5e="small"; Hit Dice by Size (d4) -> kept "tiny"
    "creatures/spy/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/stirge/size",  # md="small"; open5e="small"; Hit Dice by Size (d4) -> kept "tiny"
    "creatures/tough-boss/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/tough/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/vampire-familiar/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/vampire-spawn/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/vampire/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/venomous-snake/size",  # md="small"; open5e="small"; Hit Dice by Size (d4) -> kept "tiny"
    "creatures/warrior-infantry/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/warrior-veteran/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/weasel/size",  # md="small"; open5e="small"; Hit Dice by Size (d4) -> kept "tiny"
    "creatures/werebear/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/wereboar/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/wererat/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/weretiger/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/werewolf/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    "creatures/will-o-wisp/size",  # md="small"; open5e="small"; Hit Dice by Size (d4) -> kept "tiny"
    "creatures/wraith/size",  # md="small"; open5e="small"; Hit Dice by Size (d8) -> kept "medium"
    # gear --------------------------------------------------------------------------------------
    "gear/alchemists-fire/cost_gp",  # db=25 -> kept 50
    "gear/antitoxin/weight_lb",  # db=1 -> kept 0
    "gear/basket/cost_gp",  # db=2 -> kept 0.4
    "gear/bedroll/cost_gp",  # db=2 -> kept 1
    "gear/bedroll/weight_lb",  # db=25 -> kept 7
    "gear/bell/weight_lb",  # db=1 -> kept 0
    "gear/blanket/cost_gp",  # db=5 -> kept 0.5
    "gear/burglars-pack/contents",  # db=["backpack x1", "ball-bearings x1", "bell x1", "candle x10", "crowbar x1", "flask
    #   x7", "hooded-lantern x1", "oil x7", "rations x5", "rope x1", "tinderbox x1", "waterskin
    #   x1"] -> kept ["backpack x1", "ball-bearings x1", "bell x1", "candle x10", "crowbar x1",
    #   "hooded-lantern x1", "oil x7", "rations x5", "rope x1", "tinderbox x1", "waterskin x1"]
    "gear/burglars-pack/weight_lb",  # db=20 -> kept 42
    "gear/caltrops/cost_gp",  # db=2 -> kept 1
    "gear/chain/weight_lb",  # db=6 -> kept 10
    "gear/chest/cost_gp",  # db=50 -> kept 5
    "gear/chest/weight_lb",  # db=20 -> kept 25
    "gear/climbers-kit/weight_lb",  # db=8 -> kept 12
    "gear/component-pouch/cost_gp",  # db=2 -> kept 25
    "gear/component-pouch/weight_lb",  # db=1 -> kept 2
    "gear/diplomats-pack/contents",  # db=["chest x1", "fine-clothes x1", "flask x4", "ink x1", "ink-pen x5", "lamp x1", "map-
    #   or-scroll-case x2", "oil x4", "paper x5", "parchment x5", "perfume x1", "tinderbox x1"]
    #   -> kept ["chest x1", "fine-clothes x1", "ink x1", "ink-pen x5", "lamp x1", "map-or-
    #   scroll-case x2", "oil x4", "paper x5", "parchment x5", "perfume x1", "tinderbox x1"]
    "gear/diplomats-pack/weight_lb",  # db=20 -> kept 39
    "gear/dungeoneers-pack/contents",  # db=["backpack x1", "caltrops x10", "crowbar x1", "flask x2", "oil x2", "rations x10",
    #   "rope x1", "tinderbox x1", "torch x10", "waterskin x1"] -> kept ["backpack x1",
    #   "caltrops x1", "crowbar x1", "oil x2", "rations x10", "rope x1", "tinderbox x1", "torch
    #   x10", "waterskin x1"]
    "gear/entertainers-pack/contents",  # db=["backpack x1", "bedroll x1", "candle x5", "costume x2", "disguise-kit x1", "rations
    #   x5", "waterskin x1"] -> kept ["backpack x1", "bedroll x1", "bell x1", "bullseye-lantern
    #   x1", "costume x3", "mirror x1", "oil x8", "rations x9", "tinderbox x1", "waterskin x1"]
    "gear/entertainers-pack/weight_lb",  # open5e=58 -> kept 58.5
    "gear/fine-clothes/weight_lb",  # db=3 -> kept 6
    "gear/iron-spikes/weight_lb",  # db=2 -> kept 5
    "gear/parchment/cost_gp",  # db=3 -> kept 0.1
    "gear/robe/weight_lb",  # db=1 -> kept 4
    "gear/sack/weight_lb",  # db=1 -> kept 0.5
    "gear/scholars-pack/contents",  # db=["backpack x1", "blanket x1", "book x1", "ink x1", "ink-pen x1", "lamp x1", "oil
    #   x10", "parchment x10", "tinderbox x1"] -> kept ["backpack x1", "book x1", "ink x1",
    #   "ink-pen x1", "lamp x1", "oil x10", "parchment x10", "tinderbox x1"]
    "gear/spell-scroll-cantrip/present",  # open5e=absent -> kept SRD row
    "gear/spell-scroll-level-1/present",  # open5e=absent -> kept SRD row
    "gear/spellbook/present",  # open5e=absent -> kept SRD row
    "gear/travelers-clothes/cost_gp",  # db=5 -> kept 2
    # languages ---------------------------------------------------------------------------------
    "languages/druidic/rare",  # db=false -> kept true
    # magic-items -------------------------------------------------------------------------------
    "magic-items/horn-of-valhalla/rarity",  # open5e="legendary" -> kept "varies"
    "magic-items/horn-of-valhalla/variants",  # 5e-database=4 variant rows (silver, brass, bronze, iron) -> kept one entry, rarity
    #   "varies"
    "magic-items/immovable-rod/category",  # db="wondrous-item" -> kept "rod"
    "magic-items/rod-of-absorption/category",  # db="wondrous-item" -> kept "rod"
    "magic-items/rod-of-alertness/category",  # db="wondrous-item" -> kept "rod"
    "magic-items/rod-of-lordly-might/category",  # db="wondrous-item" -> kept "rod"
    "magic-items/rod-of-rulership/category",  # db="wondrous-item" -> kept "rod"
    "magic-items/rod-of-security/category",  # db="wondrous-item" -> kept "rod"
    "magic-items/spell-scroll/category",  # db="wondrous-item" -> kept "scroll"
    # spells ------------------------------------------------------------------------------------
    "spells/*/classes[druid level 0 list]",  # classes_md=table without a Spell column -> kept the spell headings' class lists
    "spells/*/components.material_cost_gp",  # open5e=null for all 339 spells -> kept the SRD prices (Markdown "worth N+ GP")
    "spells/animate-objects/attack",  # open5e=false -> kept true
    "spells/animate-objects/damage_types",  # open5e=[] -> kept ["force"]
    "spells/arcane-hand/attack",  # open5e=false -> kept true
    "spells/arcane-hand/damage_types",  # open5e=[] -> kept ["bludgeoning", "force"]
    "spells/arcane-hand/save",  # open5e="none" -> kept "str"
    "spells/arcane-sword/components.material_consumed",  # open5e=true -> kept false
    "spells/augury/components.material_consumed",  # open5e=true -> kept false
    "spells/aura-of-life/damage_types",  # open5e=["necrotic"] -> kept []
    "spells/awaken/casting_time",  # open5e="1-hour" -> kept "8-hours"
    "spells/bane/attack",  # open5e=true -> kept false
    "spells/beacon-of-hope/save",  # open5e="wis" -> kept "none"
    "spells/bestow-curse/attack",  # open5e=true -> kept false
    "spells/bless/attack",  # open5e=true -> kept false
    "spells/bless/components.material_consumed",  # open5e=true -> kept false
    "spells/blur/attack",  # open5e=true -> kept false
    "spells/chromatic-orb/components.material_consumed",  # open5e=true -> kept false
    "spells/chromatic-orb/damage_types",  # open5e=[] -> kept ["acid", "cold", "fire", "lightning", "poison", "thunder"]
    "spells/circle-of-death/components.material_consumed",  # open5e=true -> kept false
    "spells/clairvoyance/casting_time",  # open5e="1-minute" -> kept "10-minutes"
    "spells/clairvoyance/components.material_consumed",  # open5e=true -> kept false
    "spells/conjure-animals/save",  # open5e="str" -> kept "dex"
    "spells/conjure-celestial/damage_types",  # open5e=[] -> kept ["radiant"]
    "spells/conjure-celestial/save",  # open5e="none" -> kept "dex"
    "spells/conjure-elemental/damage_types",  # open5e=[] -> kept ["cold", "fire", "lightning", "thunder"]
    "spells/conjure-fey/attack",  # open5e=false -> kept true
    "spells/contingency/casting_time",  # open5e="1-minute" -> kept "10-minutes"
    "spells/contingency/components.material_consumed",  # open5e=true -> kept false
    "spells/control-water/damage_types",  # open5e=[] -> kept ["bludgeoning"]
    "spells/control-water/save",  # open5e="none" -> kept "str"
    "spells/control-weather/casting_time",  # open5e="1-minute" -> kept "10-minutes"
    "spells/dispel-evil-and-good/attack",  # open5e=true -> kept false
    "spells/dispel-evil-and-good/save",  # open5e="none" -> kept "cha"
    "spells/dragons-breath/damage_types",  # open5e=[] -> kept ["acid", "cold", "fire", "lightning", "poison"]
    "spells/fabricate/casting_time",  # open5e="1-minute" -> kept "10-minutes"
    "spells/faerie-fire/attack",  # open5e=true -> kept false
    "spells/find-steed/attack",  # open5e=false -> kept true
    "spells/find-steed/damage_types",  # open5e=[] -> kept ["necrotic", "psychic", "radiant"]
    "spells/find-steed/save",  # open5e="none" -> kept "wis"
    "spells/find-the-path/components.material_consumed",  # open5e=true -> kept false
    "spells/fire-shield/attack",  # open5e=true -> kept false
    "spells/flaming-sphere/school[druid list]",  # classes_md="evocation" -> kept "conjuration"
    "spells/flaming-sphere/school[sorcerer list]",  # classes_md="evocation" -> kept "conjuration"
    "spells/flaming-sphere/school[wizard list]",  # classes_md="evocation" -> kept "conjuration"
    "spells/forbiddance/components.material_consumed",  # open5e=true -> kept false
    "spells/forbiddance/damage_types",  # open5e=["necrotic"] -> kept ["necrotic", "radiant"]
    "spells/foresight/attack",  # open5e=true -> kept false
    "spells/freedom-of-movement/damage_types",  # open5e=["cold"] -> kept []
    "spells/freedom-of-movement/save",  # open5e="con" -> kept "none"
    "spells/gaseous-form/damage_types",  # open5e=["slashing"] -> kept []
    "spells/gaseous-form/save",  # open5e="con" -> kept "none"
    "spells/gate/components.material_consumed",  # open5e=true -> kept false
    "spells/giant-insect/attack",  # open5e=false -> kept true
    "spells/giant-insect/damage_types",  # open5e=[] -> kept ["bludgeoning", "piercing", "poison"]
    "spells/giant-insect/save",  # open5e="none" -> kept "con"
    "spells/glyph-of-warding/damage_types",  # open5e=[] -> kept ["acid", "cold", "fire", "lightning", "thunder"]
    "spells/glyph-of-warding/save",  # open5e="none" -> kept "dex"
    "spells/guards-and-wards/components.material_consumed",  # open5e=true -> kept false
    "spells/hallow/casting_time",  # open5e="1-hour" -> kept "24-hours"
    "spells/hallucinatory-terrain/casting_time",  # open5e="1-minute" -> kept "10-minutes"
    "spells/haste/save",  # open5e="dex" -> kept "none"
    "spells/heat-metal/attack",  # open5e=true -> kept false
    "spells/heroes-feast/casting_time",  # open5e="1-minute" -> kept "10-minutes"
    "spells/heroes-feast/damage_types",  # open5e=["poison"] -> kept []
    "spells/hex/attack",  # open5e=true -> kept false
    "spells/holy-aura/attack",  # open5e=true -> kept false
    "spells/holy-aura/components.material_consumed",  # open5e=true -> kept false
    "spells/holy-aura/save",  # open5e="none" -> kept "con"
    "spells/hunters-mark/attack",  # open5e=true -> kept false
    "spells/identify/components.material_consumed",  # open5e=true -> kept false
    "spells/imprisonment/components.material_consumed",  # open5e=true -> kept false
    "spells/instant-summons/components.material_consumed",  # open5e=true -> kept false
    "spells/invisibility/attack",  # open5e=true -> kept false
    "spells/irresistible-dance/attack",  # open5e=true -> kept false
    "spells/legend-lore/casting_time",  # open5e="1-minute" -> kept "10-minutes"
    "spells/magic-circle/attack",  # open5e=true -> kept false
    "spells/magic-jar/components.material_consumed",  # open5e=true -> kept false
    "spells/magic-weapon/attack",  # open5e=true -> kept false
    "spells/magnificent-mansion/components.material_consumed",  # open5e=true -> kept false
    "spells/mind-blank/damage_types",  # open5e=["psychic"] -> kept []
    "spells/mind-spike/classes[class lists]",  # classes_md=["warlock", "wizard"] -> kept ["sorcerer", "warlock", "wizard"]
    "spells/mirage-arcane/casting_time",  # open5e="1-minute" -> kept "10-minutes"
    "spells/mirror-image/attack",  # open5e=true -> kept false
    "spells/mislead/attack",  # open5e=true -> kept false
    "spells/phantasmal-force/classes[class lists]",  # classes_md=[] -> kept ["bard", "sorcerer", "wizard"]
    "spells/phantasmal-killer/attack",  # open5e=true -> kept false
    "spells/planar-ally/casting_time",  # open5e="1-minute" -> kept "10-minutes"
    "spells/plane-shift/components.material_consumed",  # open5e=true -> kept false
    "spells/plant-growth/casting_time",  # open5e="1-hour" -> kept "action"
    "spells/plant-growth/casting_time.options",  # md="Action (Overgrowth) or 8 hours (Enrichment)" -> kept "action"
    "spells/prayer-of-healing/casting_time",  # open5e="1-minute" -> kept "10-minutes"
    "spells/private-sanctum/casting_time",  # open5e="1-minute" -> kept "10-minutes"
    "spells/programmed-illusion/components.material_consumed",  # open5e=true -> kept false
    "spells/project-image/components.material_consumed",  # open5e=true -> kept false
    "spells/protection-from-evil-and-good/attack",  # open5e=true -> kept false
    "spells/protection-from-poison/damage_types",  # open5e=["poison"] -> kept []
    "spells/ray-of-enfeeblement/attack",  # open5e=true -> kept false
    "spells/sanctuary/attack",  # open5e=true -> kept false
    "spells/scrying/casting_time",  # open5e="1-minute" -> kept "10-minutes"
    "spells/scrying/components.material_consumed",  # open5e=true -> kept false
    "spells/secret-chest/components.material_consumed",  # open5e=true -> kept false
    "spells/shapechange/components.material_consumed",  # open5e=true -> kept false
    "spells/shining-smite/attack",  # open5e=true -> kept false
    "spells/silence/damage_types",  # open5e=["thunder"] -> kept []
    "spells/simulacrum/casting_time",  # open5e="1-hour" -> kept "12-hours"
    "spells/sorcerous-burst/damage_types",  # open5e=[] -> kept ["acid", "cold", "fire", "lightning", "poison", "psychic", "thunder"]
    "spells/spiritual-weapon/attack",  # open5e=false -> kept true
    "spells/stoneskin/damage_types",  # open5e=["slashing"] -> kept []
    "spells/storm-of-vengeance/damage_types",  # open5e=["thunder"] -> kept ["acid", "bludgeoning", "cold", "lightning", "thunder"]
    "spells/summon-dragon/attack",  # open5e=false -> kept true
    "spells/summon-dragon/components.material_consumed",  # open5e=true -> kept false
    "spells/summon-dragon/damage_types",  # open5e=[] -> kept ["acid", "cold", "fire", "lightning", "piercing", "poison"]
    "spells/summon-dragon/save",  # open5e="none" -> kept "dex"
    "spells/symbol/damage_types",  # open5e=[] -> kept ["necrotic"]
    "spells/symbol/save",  # open5e="none" -> kept "con"
    "spells/teleport/damage_types",  # open5e=[] -> kept ["force"]
    "spells/thunderwave/name",  # md="Thunderwavea"; open5e and classes_md "Thunderwave" -> kept "Thunderwave"
    "spells/true-strike/components.material_consumed",  # open5e=true -> kept false
    "spells/vicious-mockery/attack",  # open5e=true -> kept false
    "spells/wall-of-ice/damage_types",  # open5e=["cold", "fire", "psychic"] -> kept ["cold"]
    "spells/wall-of-stone/damage_types",  # open5e=["psychic"] -> kept []
    "spells/warding-bond/components.material_consumed",  # open5e=true -> kept false
    "spells/wind-walk/damage_types",  # open5e=["slashing"] -> kept []
    # tools -------------------------------------------------------------------------------------
    "tools/climbers-kit/category",  # open5e lists it as a tool; the SRD Tools table does not -> not a tool
    "tools/gaming-set-dragonchess/ability",  # tools_items_md="int" -> kept "wis"
    "tools/gaming-set-dragonchess/weight_lb",  # open5e=1; tools_items_md=0.5 -> kept 0
    "tools/gaming-set-playing-cards/ability",  # tools_items_md="cha" -> kept "wis"
    "tools/gaming-set-three-dragon-ante/ability",  # tools_items_md="cha" -> kept "wis"
    "tools/healers-kit/category",  # open5e lists it as a tool; the SRD Tools table does not -> not a tool
    "tools/musical-instrument-viol/weight_lb",  # db=2 -> kept 1
    "tools/poisoners-kit/cost_gp",  # db=5 -> kept 50
    # weapons -----------------------------------------------------------------------------------
    "weapons/dart/cost_gp",  # db=5 -> kept 0.05
    "weapons/dart/weight_lb",  # open5e=1 -> kept 0.25
    "weapons/hand-crossbow/cost_gp",  # db=25 -> kept 75
    "weapons/hand-crossbow/weight_lb",  # db=2 -> kept 3
    "weapons/javelin/cost_gp",  # db=5 -> kept 0.5
    "weapons/longbow/cost_gp",  # db=5 -> kept 50
    "weapons/mace/weight_lb",  # db=2 -> kept 4
    "weapons/pike/weight_lb",  # db=6 -> kept 18
    "weapons/sling/damage_type",  # db="piercing" -> kept "bludgeoning"
    "weapons/spear/cost_gp",  # db=5 -> kept 1
    "weapons/spear/weight_lb",  # db=2 -> kept 3
    "weapons/trident/damage",  # db="1d6" -> kept "1d8"
    "weapons/trident/versatile_damage",  # db="1d8" -> kept "1d10"
}

# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------

ABILITIES = {
    "strength": "str",
    "dexterity": "dex",
    "constitution": "con",
    "intelligence": "int",
    "wisdom": "wis",
    "charisma": "cha",
}
DAMAGE_TYPES = [
    "acid", "bludgeoning", "cold", "fire", "force", "lightning", "necrotic",
    "piercing", "poison", "psychic", "radiant", "slashing", "thunder",
]
SCHOOLS = [
    "abjuration", "conjuration", "divination", "enchantment", "evocation",
    "illusion", "necromancy", "transmutation",
]
CLASSES = [
    "barbarian", "bard", "cleric", "druid", "fighter", "monk",
    "paladin", "ranger", "rogue", "sorcerer", "warlock", "wizard",
]
SPECIES = ["dragonborn", "dwarf", "elf", "gnome", "goliath", "halfling", "human", "orc", "tiefling"]
SIZES = ["tiny", "small", "medium", "large", "huge", "gargantuan"]
CREATURE_TYPES = [
    "aberration", "beast", "celestial", "construct", "dragon", "elemental", "fey", "fiend",
    "giant", "humanoid", "monstrosity", "ooze", "plant", "undead",
]

FOUND: dict[str, str] = {}
COMPARED: dict[str, tuple] = {}
ERRORS: list[str] = []


def kebab(name: str) -> str:
    s = name.lower().replace("'", "").replace("\u2019", "")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def clean_heading(s: str) -> str:
    return s.strip().strip("*").strip()


def num(x: float):
    """Integral floats as ints so the JSON reads `50`, not `50.0`."""
    x = round(float(x), 6)
    return int(x) if x == int(x) else x


def parse_cost(s: str) -> float:
    """`1,500 GP` / `5 SP` / `4 CP` -> gold pieces."""
    m = re.fullmatch(r"\s*([\d,]+)\s*(CP|SP|EP|GP|PP)\s*", s, re.I)
    if not m:
        raise ValueError(f"cost {s!r}")
    n = int(m.group(1).replace(",", ""))
    return round(n * {"cp": 0.01, "sp": 0.1, "ep": 0.5, "gp": 1, "pp": 10}[m.group(2).lower()], 2)


def parse_weight(s: str) -> float:
    """`10 lb.` / `1/4 lb.` / `58½ lb.` / `5 lb. (full)` / `—` -> pounds."""
    s = s.strip()
    if s in ("—", "-", ""):
        return 0.0
    m = re.match(r"(\d+(?:\.\d+)?)?(½)?(?:\s*(\d+)/(\d+))?\s*lb", s)
    if not m or not (m.group(1) or m.group(2) or m.group(3)):
        raise ValueError(f"weight {s!r}")
    w = float(m.group(1) or 0)
    if m.group(2):
        w += 0.5
    if m.group(3):
        w += int(m.group(3)) / int(m.group(4))
    return w


def fnum(x) -> float | None:
    return None if x is None else round(float(x), 4)


def md_table(lines: list[str], start: int) -> list[list[str]]:
    """Rows of the first Markdown table at or after line `start` (header and rule skipped)."""
    i = start
    while i < len(lines) and not lines[i].lstrip().startswith("|"):
        i += 1
    rows = []
    while i < len(lines) and lines[i].lstrip().startswith("|"):
        cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
        rows.append(cells)
        i += 1
    return [r for r in rows[2:]]


def find_line(lines: list[str], pattern: str, start: int = 0) -> int:
    rx = re.compile(pattern)
    for i in range(start, len(lines)):
        if rx.search(lines[i]):
            return i
    raise KeyError(pattern)


def norm(v):
    """Canonical form for comparing values across sources."""
    if isinstance(v, float):
        return round(v, 4)
    if isinstance(v, (list, tuple, set)):
        return sorted(norm(x) for x in v) if isinstance(v, set) else [norm(x) for x in v]
    if isinstance(v, str):
        return v.strip().lower()
    return v


def compare(file: str, ident: str, field: str, kept, **sources):
    """Record a disagreement when a source (value not None) differs from the kept value."""
    for k, v in sources.items():
        if v is not None and norm(v) != norm(kept):
            entry = COMPARED.setdefault(f"{file}/{ident}/{field}", (kept, {}))
            entry[1][k] = v


def settle_found():
    """Fold the field comparisons into FOUND (an explicit FOUND note for the same key wins)."""
    for key, (kept, srcs) in COMPARED.items():
        if key not in FOUND:
            parts = [f"{k}={fmt(v)}" for k, v in sorted(srcs.items())]
            FOUND[key] = f"{'; '.join(parts)} -> kept {fmt(kept)}"


def fmt(v) -> str:
    if isinstance(v, (set, frozenset)):
        v = sorted(v)
    if isinstance(v, float):
        v = num(v)
    return json.dumps(v, ensure_ascii=False)


def check(cond: bool, msg: str):
    if not cond:
        ERRORS.append(msg)


class Sources:
    def __init__(self, srd: Path):
        self.srd = srd
        self._cache = {}

    def json(self, rel: str):
        if rel not in self._cache:
            self._cache[rel] = json.loads((self.srd / rel).read_text(encoding="utf-8"))
        return self._cache[rel]

    def open5e(self, model: str):
        return [dict(r["fields"], pk=r["pk"]) for r in self.json(f"open5e/{model}.json")]

    def db(self, name: str):
        return self.json(f"5e-database/5e-SRD-{name}.json")

    def md(self, name: str) -> str:
        return (self.srd / "markdown" / name).read_text(encoding="utf-8")

    def md_lines(self, name: str) -> list[str]:
        return self.md(name).splitlines()


def o5_pk(pk: str) -> str:
    return pk.split("_", 1)[1]


# ---------------------------------------------------------------------------------------------
# Weapons
# ---------------------------------------------------------------------------------------------

AMMO_IDS = {"arrow": "arrow", "bolt": "bolt", "needle": "needle"}
PROPERTY_IDS = {
    "ammunition", "finesse", "heavy", "light", "loading", "range", "reach", "thrown",
    "two-handed", "versatile",
}


def weapon_ammo_id(weapon_id: str, word: str) -> str:
    word = word.lower()
    if word == "bullet":
        # The SRD's "Bullet" is the sling bullet for the Sling and the firearm bullet for guns.
        return "bullet-sling" if weapon_id == "sling" else "bullet-firearm"
    return AMMO_IDS[word]


def build_weapons(S: Sources) -> list[dict]:
    lines = S.md_lines("07_equipment_rules.md")
    out = {}
    for table in ("Simple Melee", "Simple Ranged", "Martial Melee", "Martial Ranged"):
        i = find_line(lines, rf"^Table: {table} Weapons")
        cat, kind = table.lower().split()
        for name, damage, props, mastery, weight, cost in md_table(lines, i):
            wid = kebab(name)
            dm = re.fullmatch(r"(\d+(?:d\d+)?) (\w+)", damage)
            w = {
                "id": wid,
                "name": name,
                "category": cat,
                "kind": kind,
                "damage": dm.group(1),
                "damage_type": dm.group(2).lower(),
                "properties": [],
                "mastery": mastery.lower(),
                "weight_lb": parse_weight(weight),
                "cost_gp": parse_cost(cost),
            }
            if props != "—":
                for p in re.split(r",\s*(?![^()]*\))", props):
                    pm = re.fullmatch(r"([A-Za-z-]+)(?:\s*\((.*)\))?", p.strip())
                    pname, arg = pm.group(1).lower(), pm.group(2)
                    check(pname in PROPERTY_IDS, f"weapon {wid}: unknown property {p!r}")
                    w["properties"].append(pname)
                    if pname == "versatile":
                        w["versatile_damage"] = arg
                    elif pname in ("thrown", "ammunition") and arg:
                        rm = re.match(r"Range (\d+)/(\d+)(?:; (\w+))?", arg)
                        w["range"] = [int(rm.group(1)), int(rm.group(2))]
                        if rm.group(3):
                            w["ammunition"] = weapon_ammo_id(wid, rm.group(3))
                    elif pname == "two-handed" and arg:
                        # Lance: "Two-Handed (unless mounted)" -- the qualifier has no field.
                        pass
            w["properties"].sort()
            out[wid] = w

    # Second Markdown copy: 07_weapons_items.md (one block per weapon).
    items = S.md("07_weapons_items.md")
    for block in re.split(r"^## ", items, flags=re.M)[1:]:
        name, _, body = block.partition("\n")
        wid = kebab(name.strip())
        f = dict(re.findall(r"\*\*([^*]+):\*\*\s*(.*)", body))
        w = out.get(wid)
        check(w is not None, f"07_weapons_items.md weapon {name!r} not in the Weapons tables")
        if not w:
            continue
        dm = re.fullmatch(r"(\d+(?:d\d+)?) (\w+)", f["Damage"].strip())
        props = set()
        for p in re.split(r",\s*(?![^()]*\))", f["Properties"].strip()):
            if p.strip() != "—":
                props.add(re.match(r"[A-Za-z-]+", p.strip()).group(0).lower())
        rng = [int(f["Range"]), int(f["Long Range"])]
        compare("weapons", wid, "damage", w["damage"], weapons_items_md=dm.group(1))
        compare("weapons", wid, "damage_type", w["damage_type"], weapons_items_md=dm.group(2))
        compare("weapons", wid, "properties", set(w["properties"]), weapons_items_md=props)
        compare("weapons", wid, "mastery", w["mastery"], weapons_items_md=f["Mastery"])
        compare("weapons", wid, "weight_lb", w["weight_lb"], weapons_items_md=parse_weight(f["Weight"]))
        compare("weapons", wid, "cost_gp", w["cost_gp"], weapons_items_md=parse_cost(f["Cost"]))
        compare("weapons", wid, "range", w.get("range", [0, 0]), weapons_items_md=rng)
        compare("weapons", wid, "category", f"{w['category']} {w['kind']}",
                weapons_items_md=f["Category"])

    # open5e: Weapon + WeaponPropertyAssignment (+ Item for cost/weight).
    o5w = {o5_pk(r["pk"]): r for r in S.open5e("Weapon")}
    o5props = {}
    for a in S.open5e("WeaponPropertyAssignment"):
        o5props.setdefault(o5_pk(a["weapon"]), []).append((o5_pk(a["property"]), a["detail"]))
    o5items = {o5_pk(r["pk"]): r for r in S.open5e("Item")}
    for wid, w in out.items():
        r = o5w.get(wid)
        if r is None:
            FOUND[f"weapons/{wid}/present"] = "open5e=absent -> kept SRD row"
            continue
        props, mastery, vers, ammo = set(), None, None, None
        for p, detail in o5props.get(wid, []):
            if p.endswith("-mastery"):
                mastery = p[: -len("-mastery")]
            else:
                pname = p[: -len("-wp")] if p.endswith("-wp") else p
                props.add(pname)
                if pname == "versatile":
                    vers = detail
                if pname == "ammunition" and detail:
                    ammo = detail.rsplit(";", 1)[-1].strip().lower()
        compare("weapons", wid, "damage", w["damage"], open5e=r["damage_dice"])
        compare("weapons", wid, "damage_type", w["damage_type"], open5e=r["damage_type"])
        compare("weapons", wid, "category", w["category"],
                open5e="simple" if r["is_simple"] else "martial")
        compare("weapons", wid, "properties", set(w["properties"]), open5e=props)
        compare("weapons", wid, "mastery", w["mastery"], open5e=mastery)
        compare("weapons", wid, "versatile_damage", w.get("versatile_damage"), open5e=vers)
        rng = [r["range"], r["long_range"]] if r["range"] else None
        compare("weapons", wid, "range", w.get("range", []), open5e=rng if rng else [])
        if ammo:
            compare("weapons", wid, "ammunition", w.get("ammunition"),
                    open5e=weapon_ammo_id(wid, ammo.rstrip("s")))
        it = o5items.get(wid)
        if it:
            compare("weapons", wid, "cost_gp", w["cost_gp"], open5e=float(it["cost"]))
            compare("weapons", wid, "weight_lb", w["weight_lb"], open5e=float(it["weight"]))
    extra = set(o5w) - set(out)
    for e in sorted(extra):
        FOUND[f"weapons/{e}/present"] = "open5e has it, the SRD Weapons tables do not -> not written"

    # 5e-database Equipment.
    db = {e["index"]: e for e in S.db("Equipment") if any(
        c["index"] == "weapons" for c in e["equipment_categories"])}
    for wid, w in out.items():
        e = db.get(wid)
        if e is None:
            FOUND[f"weapons/{wid}/present"] = "5e-database=absent -> kept SRD row"
            continue
        cats = {c["index"] for c in e["equipment_categories"]}
        compare("weapons", wid, "category", w["category"],
                db="simple" if "simple-weapons" in cats else "martial")
        compare("weapons", wid, "kind", w["kind"],
                db="ranged" if "ranged-weapons" in cats else "melee")
        if "damage" in e:
            compare("weapons", wid, "damage", w["damage"], db=e["damage"]["damage_dice"])
            compare("weapons", wid, "damage_type", w["damage_type"],
                    db=e["damage"]["damage_type"]["index"])
        if "properties" in e:
            compare("weapons", wid, "properties", set(w["properties"]),
                    db={p["index"] for p in e["properties"]})
        if "mastery" in e:
            compare("weapons", wid, "mastery", w["mastery"], db=e["mastery"]["index"])
        if "two_handed_damage" in e:
            compare("weapons", wid, "versatile_damage", w.get("versatile_damage"),
                    db=e["two_handed_damage"]["damage_dice"])
        rng = e.get("throw_range") or (e.get("range") if "long" in e.get("range", {}) else None)
        if rng or "range" in e:
            compare("weapons", wid, "range", w.get("range", []),
                    db=[rng["normal"], rng["long"]] if rng else [])
        if "ammunition" in e:
            compare("weapons", wid, "ammunition", w.get("ammunition"),
                    db={"arrows": "arrow", "bolts": "bolt", "needles": "needle",
                        "bullets-sling": "bullet-sling",
                        "bullets-firearm": "bullet-firearm"}[e["ammunition"]["index"]])
        compare("weapons", wid, "cost_gp", w["cost_gp"],
                db=parse_cost(f"{e['cost']['quantity']} {e['cost']['unit']}"))
        compare("weapons", wid, "weight_lb", w["weight_lb"], db=fnum(e.get("weight")))
    return list(out.values())


# ---------------------------------------------------------------------------------------------
# Armor
# ---------------------------------------------------------------------------------------------

def build_armor(S: Sources) -> list[dict]:
    lines = S.md_lines("07_equipment_rules.md")
    out = {}
    for cat in ("Light", "Medium", "Heavy", "Shield"):
        i = find_line(lines, rf"^Table: {cat} (Armor )?\(")
        caption = lines[i]
        don = doff = None
        m = re.search(r"\((\d+) Minutes? to Don or Doff\)", caption)
        if m:
            don = doff = int(m.group(1))
        m = re.search(r"\((\d+) Minutes? to Don and (\d+) Minutes? to Doff\)", caption)
        if m:
            don, doff = int(m.group(1)), int(m.group(2))
        # Shield: "(Utilize Action to Don or Doff)" -- no minutes, so no don/doff fields.
        for name, ac, strength, stealth, weight, cost in md_table(lines, i):
            aid = kebab(name)
            a = {"id": aid, "name": name, "category": cat.lower()}
            if cat == "Shield":
                a["base_ac"] = int(ac.lstrip("+"))
                a["dex_bonus"] = False
            else:
                am = re.fullmatch(r"(\d+)( \+ Dex modifier)?(?: \(max (\d+)\))?", ac)
                a["base_ac"] = int(am.group(1))
                a["dex_bonus"] = bool(am.group(2))
                if am.group(3):
                    a["dex_cap"] = int(am.group(3))
            if strength != "—":
                a["strength_requirement"] = int(re.fullmatch(r"Str (\d+)", strength).group(1))
            a["stealth_disadvantage"] = stealth == "Disadvantage"
            a["weight_lb"] = parse_weight(weight)
            a["cost_gp"] = parse_cost(cost)
            if don is not None:
                a["don_minutes"], a["doff_minutes"] = don, doff
            out[aid] = a

    # Second Markdown copy.
    for block in re.split(r"^## ", S.md("07_armor_items.md"), flags=re.M)[1:]:
        name, _, body = block.partition("\n")
        aid = kebab(name.strip())
        f = {k: v.strip() for k, v in re.findall(r"\*\*([^*]+):\*\*\s*(.*)", body)}
        a = out.get(aid)
        check(a is not None, f"07_armor_items.md armor {name!r} not in the Armor tables")
        if not a:
            continue
        compare("armor", aid, "category", a["category"], armor_items_md=f["Category"])
        compare("armor", aid, "base_ac", a["base_ac"], armor_items_md=int(f["AC Base"]))
        compare("armor", aid, "dex_bonus", a["dex_bonus"], armor_items_md=f["AC Add Dex"] == "true")
        compare("armor", aid, "dex_cap", a.get("dex_cap"),
                armor_items_md=None if f["AC Cap Dex"] == "null" else int(f["AC Cap Dex"]))
        compare("armor", aid, "strength_requirement", a.get("strength_requirement"),
                armor_items_md=None if f["Strength Required"] == "null" else int(f["Strength Required"]))
        compare("armor", aid, "stealth_disadvantage", a["stealth_disadvantage"],
                armor_items_md=f["Stealth Disadvantage"] == "true")
        compare("armor", aid, "weight_lb", a["weight_lb"], armor_items_md=parse_weight(f["Weight"]))
        compare("armor", aid, "cost_gp", a["cost_gp"], armor_items_md=parse_cost(f["Cost"]))

    o5 = {o5_pk(r["pk"]): r for r in S.open5e("Armor")}
    o5items = {o5_pk(r["pk"]): r for r in S.open5e("Item")}
    db = {e["index"]: e for e in S.db("Equipment") if any(
        c["index"] == "armor" for c in e["equipment_categories"])}
    for aid, a in out.items():
        r = o5.get(aid)
        if r:
            compare("armor", aid, "base_ac", a["base_ac"], open5e=r["ac_base"])
            compare("armor", aid, "dex_bonus", a["dex_bonus"], open5e=r["ac_add_dexmod"])
            compare("armor", aid, "dex_cap", a.get("dex_cap"), open5e=r["ac_cap_dexmod"])
            compare("armor", aid, "strength_requirement", a.get("strength_requirement"),
                    open5e=r["strength_score_required"])
            compare("armor", aid, "stealth_disadvantage", a["stealth_disadvantage"],
                    open5e=r["grants_stealth_disadvantage"])
        else:
            FOUND[f"armor/{aid}/present"] = "open5e=absent -> kept SRD row"
        it = o5items.get(aid)
        if it:
            compare("armor", aid, "cost_gp", a["cost_gp"], open5e=float(it["cost"]))
            compare("armor", aid, "weight_lb", a["weight_lb"], open5e=float(it["weight"]))
        e = db.get(aid)
        if e is None:
            FOUND[f"armor/{aid}/present"] = "5e-database=absent -> kept SRD row"
            continue
        cats = {c["index"] for c in e["equipment_categories"]}
        dbcat = next((c[: -len("-armor")] for c in cats if c.endswith("-armor")), None)
        if "shields" in cats:
            dbcat = "shield"
        compare("armor", aid, "category", a["category"], db=dbcat)
        if "armor_class" in e:
            ac = e["armor_class"]
            compare("armor", aid, "base_ac", a["base_ac"], db=ac["base"])
            compare("armor", aid, "dex_bonus", a["dex_bonus"], db=ac["dex_bonus"])
            if a["dex_bonus"]:
                compare("armor", aid, "dex_cap", a.get("dex_cap"), db=ac.get("max_bonus"))
        compare("armor", aid, "strength_requirement", a.get("strength_requirement"),
                db=e.get("str_minimum") or None)
        compare("armor", aid, "stealth_disadvantage", a["stealth_disadvantage"],
                db=e.get("stealth_disadvantage"))
        compare("armor", aid, "cost_gp", a["cost_gp"],
                db=parse_cost(f"{e['cost']['quantity']} {e['cost']['unit']}"))
        compare("armor", aid, "weight_lb", a["weight_lb"], db=fnum(e.get("weight")))

        def minutes(t):
            return None if t is None else int(re.match(r"(\d+)", t).group(1))

        if "don_time" in e:
            compare("armor", aid, "don_minutes", a.get("don_minutes"), db=minutes(e["don_time"]))
            compare("armor", aid, "doff_minutes", a.get("doff_minutes"), db=minutes(e["doff_time"]))
    return list(out.values())


# ---------------------------------------------------------------------------------------------
# Adventuring gear
# ---------------------------------------------------------------------------------------------

AMMO_ROWS = {  # SRD Ammunition table "Type" -> id (singular ids, as the pack format asks)
    "Arrows": "arrow",
    "Bolts": "bolt",
    "Bullets, Firearm": "bullet-firearm",
    "Bullets, Sling": "bullet-sling",
    "Needles": "needle",
}

# Focus variants. Druidic Focus and Holy Symbol variants are in 07_adventuring_gear.md. The
# Arcane Focus variants are missing from this Markdown copy entirely (no row, no entry); their
# names, costs and weights come from 5e-database (crystal, orb, rod, staff, wand), which match
# the SRD 5.2 Arcane Focus entry (Crystal 10 GP 1 lb., Orb 20 GP 3 lb., Rod 10 GP 2 lb.,
# Staff 5 GP 4 lb., Wand 10 GP 1 lb.).
ARCANE_FOCUS_DB = ["crystal", "orb", "rod", "staff", "wand"]

# Also missing from the Markdown copy's Adventuring Gear table: the Spellbook (the Wizard's
# starting equipment names it; 04_classes.md gives its weight, 3 lb.). Cost and weight come from
# 5e-database (50 GP, 3 lb.).
FROM_DB_ONLY = {"spellbook": ("Spellbook", "adventuring-gear")}

# The gear table alphabetizes some items by a head noun ("Clothes, Traveler's"); everywhere else
# the SRD calls them by their plain names (backgrounds: "Traveler's Clothes"; packs: "Fine
# Clothes", "Hooded Lantern", "Map or Scroll Case"; each item's own entry: "A Glass Bottle holds
# ..."). Those plain names are used as names and ids, so references from starting equipment
# (`travelers-clothes`) resolve.
NATURAL_NAMES = {
    "Bottle, Glass": "Glass Bottle",
    "Case, Crossbow Bolt": "Crossbow Bolt Case",
    "Case, Map or Scroll": "Map or Scroll Case",
    "Clothes, Fine": "Fine Clothes",
    "Clothes, Traveler's": "Traveler's Clothes",
    "Lantern, Bullseye": "Bullseye Lantern",
    "Lantern, Hooded": "Hooded Lantern",
    "Poison, Basic": "Basic Poison",
    "Pot, Iron": "Iron Pot",
    "Ram, Portable": "Portable Ram",
    "Spikes, Iron": "Iron Spikes",
}


def gear_id(name: str) -> str:
    """Gear id for a name as any source writes it ("Arrows (20)", "Clothes, Fine")."""
    name = re.sub(r"\s*\(\d+\)$", "", name.strip()).rstrip(")")
    if name in AMMO_ROWS:
        return AMMO_ROWS[name]
    return kebab(NATURAL_NAMES.get(name, name))


CONTAINERS = {
    # id: (capacity, phrase that must appear in the item's entry of 07_adventuring_gear.md)
    "backpack": ({"weight_lb": 30, "cubic_feet": 1}, "holds up to 30 pounds within 1 cubic foot"),
    "barrel": ({"gallons": 40, "cubic_feet": 4},
               "holds up to 40 gallons of liquid or up to 4 cubic feet of dry goods"),
    "basket": ({"weight_lb": 40, "cubic_feet": 2}, "holds up to 40 pounds within 2 cubic feet"),
    # The Markdown reads "holds up to 1 0.5 pints" (a mangled "1½ pints"): 1.5 pints = 0.1875 gal.
    "glass-bottle": ({"gallons": 0.1875}, "holds up to 1 0.5 pints"),
    "bucket": ({"cubic_feet": 0.5}, "holds up to half a cubic foot"),
    "crossbow-bolt-case": ({"count": 20}, "holds up to 20 Bolts"),
    # "10 sheets of paper or 5 sheets of parchment": only the paper count fits the format.
    "map-or-scroll-case": ({"count": 10}, "holds up to 10 sheets of paper or 5 sheets of parchment"),
    "chest": ({"cubic_feet": 12}, "holds up to 12 cubic feet"),
    "flask": ({"gallons": 0.125}, "holds up to 1 pint"),
    "jug": ({"gallons": 1}, "holds up to 1 gallon"),
    "iron-pot": ({"gallons": 1}, "holds up to 1 gallon"),
    "pouch": ({"weight_lb": 6, "cubic_feet": 0.2}, "holds up to 6 pounds within one-fifth of a cubic foot"),
    "quiver": ({"count": 20}, "holds up to 20 Arrows"),
    "sack": ({"weight_lb": 30, "cubic_feet": 1}, "holds up to 30 pounds within 1 cubic foot"),
    "vial": ({"gallons": 0.03125}, "holds up to 4 ounces"),
    "waterskin": ({"gallons": 0.5}, "holds up to 4 pints"),
}



def gear_category(gid: str) -> str:
    if gid in CONTAINERS:
        return "container"
    if gid.endswith("-pack"):
        return "equipment-pack"
    if gid == "potion-of-healing":
        return "potion"
    if gid.startswith("spell-scroll"):
        return "scroll"
    return "adventuring-gear"


def build_gear(S: Sources) -> list[dict]:
    lines = S.md_lines("07_equipment_rules.md")
    out = {}
    src_name = {}  # gear id -> the name the Markdown uses for its entry
    i = find_line(lines, r"^### Table: Adventuring Gear")
    varies = []
    for name, weight, cost in md_table(lines, i):
        if weight == "Varies":
            varies.append(name)
            continue
        gid = gear_id(name)
        src_name[gid] = name
        out[gid] = {"id": gid, "name": NATURAL_NAMES.get(name, name), "category": gear_category(gid),
                    "cost_gp": parse_cost(cost), "weight_lb": parse_weight(weight)}
    check(sorted(varies) == ["Ammunition", "Arcane Focus", "Druidic Focus", "Holy Symbol"],
          f"gear: unexpected Varies rows {varies}")
    i = find_line(lines, r"^Table: Ammunition")
    for typ, amount, storage, weight, cost in md_table(lines, i):
        gid = AMMO_ROWS[typ]
        out[gid] = {"id": gid, "name": typ, "category": "ammunition",
                    "cost_gp": parse_cost(cost), "weight_lb": parse_weight(weight),
                    "bundle": int(amount)}

    # 07_adventuring_gear.md: one "## Name (cost)" entry per item.
    entries = {}
    for block in re.split(r"^## ", S.md("07_adventuring_gear.md"), flags=re.M)[1:]:
        head, _, body = block.partition("\n")
        m = re.fullmatch(r"(.*?)\s*(?:\((\d+)\))?\s*\(([^()]*)\)\s*", head.strip())
        name = m.group(1).rstrip(")")  # "Holy Symbol, Amulet)" has a stray ")"
        wm = re.search(r"\*\*Weight:\*\*\s*(.*)", body)
        entries[name] = (m.group(3), wm.group(1).strip() if wm else None, body)

    # Focus variants from 07_adventuring_gear.md.
    for name, (cost, weight, _) in entries.items():
        if name.startswith(("Druidic Focus, ", "Holy Symbol, ")):
            gid = kebab(name)
            out[gid] = {"id": gid, "name": name,
                        "category": "druidic-focus" if name.startswith("Druidic") else "holy-symbol",
                        "cost_gp": parse_cost(cost), "weight_lb": parse_weight(weight or "—")}
    dbeq = {e["index"]: e for e in S.db("Equipment")}
    for idx in ARCANE_FOCUS_DB:
        e = dbeq[idx]
        name = f"Arcane Focus, {e['name']}"
        gid = kebab(name)
        out[gid] = {"id": gid, "name": name, "category": "arcane-focus",
                    "cost_gp": parse_cost(f"{e['cost']['quantity']} {e['cost']['unit']}"),
                    "weight_lb": float(e["weight"])}
    for gid, (name, cat) in FROM_DB_ONLY.items():
        e = dbeq[gid]
        out[gid] = {"id": gid, "name": name, "category": cat,
                    "cost_gp": parse_cost(f"{e['cost']['quantity']} {e['cost']['unit']}"),
                    "weight_lb": float(e["weight"])}
    # Generic focus entries (the first SRD variant's cost and weight).
    for gid, name, first in (("arcane-focus", "Arcane Focus", "arcane-focus-crystal"),
                             ("druidic-focus", "Druidic Focus", "druidic-focus-sprig-of-mistletoe"),
                             ("holy-symbol", "Holy Symbol", "holy-symbol-amulet")):
        out[gid] = {"id": gid, "name": name, "category": gid,
                    "cost_gp": out[first]["cost_gp"], "weight_lb": out[first]["weight_lb"]}

    # Iron Spikes "come in bundles of ten" (one row: 1 GP, 5 lb.).
    check("bundles of ten" in entries["Spikes, Iron"][2], "gear: Iron Spikes bundle wording")
    out["iron-spikes"]["bundle"] = 10

    # Containers.
    for gid, (cap, phrase) in CONTAINERS.items():
        g = out[gid]
        body = entries[src_name[gid]][2]
        check(phrase in " ".join(body.split()), f"gear: capacity phrase for {gid} not found")
        g["capacity"] = {k: v for k, v in cap.items()}

    # Packs.
    for gid, g in out.items():
        if g["category"] != "equipment-pack":
            continue
        body = " ".join(entries[src_name[gid]][2].split())
        m = re.search(r"contains the following items: (.*?)\.", body)
        contents = []
        for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", m.group(1)):
            part = part.strip()
            qm = re.fullmatch(r"(\d+)\s+(?:(?:flasks|days|sheets) of\s+)?(.*)", part)
            qty, nm = (int(qm.group(1)), qm.group(2)) if qm else (1, part)
            iid = kebab(nm)
            if iid not in out and iid.endswith("s") and iid[:-1] in out:
                iid = iid[:-1]  # "10 Candles", "5 Ink Pens", "2 Map or Scroll Cases"
            if iid not in out and iid.endswith("es") and iid[:-2] in out:
                iid = iid[:-2]  # "10 Torches"
            check(iid in out, f"gear: pack {gid} item {part!r} -> {iid} unknown")
            contents.append({"item": iid, "quantity": qty})
        g["contents"] = contents
        total = sum(out[c["item"]]["weight_lb"] * c["quantity"] for c in contents if c["item"] in out)
        check(abs(total - g["weight_lb"]) < 0.01,
              f"gear: pack {gid} weighs {g['weight_lb']} but contents weigh {total}")

    # Cross-check the Markdown entries (07_adventuring_gear.md) against the table.
    for name, (cost, weight, _) in entries.items():
        if name == "Spell Scroll":  # "(Cantrip, 30 GP; Level 1, 50 GP)": two table rows
            for lvl, price in re.findall(r"(Cantrip|Level 1), ([\d,]+ GP)", cost):
                gid = kebab(f"spell scroll {lvl}")
                compare("gear", gid, "cost_gp", out[gid]["cost_gp"], adventuring_gear_md=parse_cost(price))
            continue
        gid = gear_id(name)
        g = out.get(gid)
        if g is None:
            ERRORS.append(f"gear: 07_adventuring_gear.md entry {name!r} not in the table")
            continue
        compare("gear", gid, "cost_gp", g["cost_gp"], adventuring_gear_md=parse_cost(cost))
        if weight is not None:
            compare("gear", gid, "weight_lb", g["weight_lb"],
                    adventuring_gear_md=parse_weight(weight if "lb" in weight or weight == "—"
                                                     else weight + " lb."))

    # open5e Item.json.
    o5 = {}
    for r in S.open5e("Item"):
        o5[gear_id(r["name"])] = r
    for gid, g in out.items():
        r = o5.get(gid)
        if r is None:
            if not gid.startswith("arcane-focus") and gid not in ("druidic-focus", "holy-symbol"):
                FOUND[f"gear/{gid}/present"] = "open5e=absent -> kept SRD row"
            continue
        compare("gear", gid, "cost_gp", g["cost_gp"], open5e=float(r["cost"]))
        compare("gear", gid, "weight_lb", g["weight_lb"], open5e=float(r["weight"]))

    # 5e-database Equipment.
    dbalias = {"amulet": "holy-symbol-amulet", "emblem": "holy-symbol-emblem",
               "reliquary": "holy-symbol-reliquary",
               "sprig-of-mistletoe": "druidic-focus-sprig-of-mistletoe",
               "yew-wand": "druidic-focus-yew-wand"}

    def db_id(e):
        return dbalias.get(e["index"]) or gear_id(e["name"])

    db = {}
    for e in S.db("Equipment"):
        cats = {c["index"] for c in e["equipment_categories"]}
        if cats & {"weapons", "armor", "tools"}:
            continue
        db[db_id(e)] = e
    for gid, g in out.items():
        e = db.get(gid)
        if e is None:
            if gid not in ("druidic-focus-wooden-staff", "arcane-focus", "druidic-focus",
                           "holy-symbol") and not gid.startswith("arcane-focus-"):
                FOUND[f"gear/{gid}/present"] = "5e-database=absent -> kept SRD row"
            continue
        compare("gear", gid, "cost_gp", g["cost_gp"],
                db=parse_cost(f"{e['cost']['quantity']} {e['cost']['unit']}"))
        compare("gear", gid, "weight_lb", g["weight_lb"], db=fnum(e.get("weight")))
        if "quantity" in e and g.get("bundle"):
            compare("gear", gid, "bundle", g["bundle"], db=e["quantity"])
        if "contents" in e:
            dbc = {}
            for c in e["contents"]:
                iid = db_id(c["item"])
                dbc[iid] = dbc.get(iid, 0) + c["quantity"]
            mine = {c["item"]: c["quantity"] for c in g.get("contents", [])}
            compare("gear", gid, "contents", sorted(f"{k} x{v}" for k, v in mine.items()),
                    db=sorted(f"{k} x{v}" for k, v in dbc.items()))
    # Wooden staff druidic focus: 5e-database has one "Staff" row for arcane and druidic foci.
    compare("gear", "druidic-focus-wooden-staff", "cost_gp",
            out["druidic-focus-wooden-staff"]["cost_gp"], db=float(dbeq["staff"]["cost"]["quantity"]))
    return list(out.values())


# ---------------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------------

def build_tools(S: Sources) -> list[dict]:
    lines = S.md_lines("07_equipment_rules.md")
    i = find_line(lines, r"^### Table: Tools")
    out = {}
    for name, weight, cost in md_table(lines, i):
        tid = kebab(name)
        out[tid] = {"id": tid, "name": name, "category": None, "ability": None,
                    "cost_gp": parse_cost(cost), "weight_lb": parse_weight(weight)}

    # 07_tools.md: ability per tool; artisan's tools come before "## Other Tools".
    text = S.md("07_tools.md")
    artisan_part, _, other_part = text.partition("## Other Tools")
    for part, artisan in ((artisan_part, True), (other_part, False)):
        for block in re.split(r"^#+ ", part, flags=re.M)[1:]:
            head, _, body = block.partition("\n")
            hm = re.fullmatch(r"\**(.*?)\s*\(([^()]*)\)\**", head.strip())
            if not hm:
                continue
            name = hm.group(1)
            tm = re.fullmatch(r"(Gaming Set|Musical Instrument), (.*)", name)
            tid = kebab(f"{tm.group(1)} {tm.group(2)}") if tm else kebab(name)
            t = out.get(tid)
            check(t is not None, f"tools: 07_tools.md entry {name!r} not in the Tools table")
            if not t:
                continue
            ab = re.search(r"\*\*Ability:\*\*\s*(\w+)", body).group(1).lower()
            t["ability"] = ABILITIES[ab]
            if artisan:
                t["category"] = "artisans-tools"
            elif tm:
                t["category"] = "gaming-set" if tm.group(1) == "Gaming Set" else "musical-instrument"
            else:
                t["category"] = "other"
            wm = re.search(r"\*\*Weight:\*\*\s*(\S+(?: lb\.)?)", body)
            compare("tools", tid, "weight_lb", t["weight_lb"], tools_md=parse_weight(wm.group(1)))
            compare("tools", tid, "cost_gp", t["cost_gp"], tools_md=parse_cost(hm.group(2)))
    for t in out.values():
        check(t["ability"] is not None and t["category"] is not None, f"tools: {t['id']} incomplete")

    # 07_tools_items.md (a generated copy).
    for block in re.split(r"^## ", S.md("07_tools_items.md"), flags=re.M)[1:]:
        head, _, body = block.partition("\n")
        name = re.sub(r"\s*\(\d+ GP\)$", "", head.strip())
        tm = re.fullmatch(r"(Gaming Set|Musical Instrument), (.*)", name)
        tid = kebab(f"{tm.group(1)} {tm.group(2)}") if tm else kebab(name)
        t = out.get(tid)
        if not t:
            continue
        f = {k: v.strip() for k, v in re.findall(r"\*\*([^*]+):\*\*\s*(.*)", body)}
        if "Ability" in f:
            compare("tools", tid, "ability", t["ability"], tools_items_md=ABILITIES[f["Ability"].lower()])
        if "Weight" in f:
            compare("tools", tid, "weight_lb", t["weight_lb"], tools_items_md=parse_weight(f["Weight"]))
        if "Cost" in f:
            compare("tools", tid, "cost_gp", t["cost_gp"], tools_items_md=parse_cost(f["Cost"]))

    o5 = {}
    for r in S.open5e("Item"):
        if r["category"] == "tools":
            o5[kebab(re.sub(r"\s*\(\d+ GP\)$", "", r["name"]))] = r
    for tid, t in out.items():
        r = o5.get(tid)
        if r is None:
            FOUND[f"tools/{tid}/present"] = "open5e=absent -> kept SRD row"
            continue
        compare("tools", tid, "cost_gp", t["cost_gp"], open5e=float(r["cost"]))
        compare("tools", tid, "weight_lb", t["weight_lb"], open5e=float(r["weight"]))
    for k in sorted(set(o5) - set(out)):
        FOUND[f"tools/{k}/category"] = "open5e lists it as a tool; the SRD Tools table does not -> not a tool"

    db = {}
    for e in S.db("Equipment"):
        cats = {c["index"] for c in e["equipment_categories"]}
        if "gaming-sets" in cats:
            db[kebab("gaming set " + e["name"])] = e
        elif "musical-instruments" in cats:
            db[kebab("musical instrument " + e["name"])] = e
        elif cats & {"tools", "artisans-tools", "other-tools"}:
            db[kebab(e["name"])] = e
    for tid, t in out.items():
        e = db.get(tid)
        if e is None:
            FOUND[f"tools/{tid}/present"] = "5e-database=absent -> kept SRD row"
            continue
        compare("tools", tid, "cost_gp", t["cost_gp"],
                db=parse_cost(f"{e['cost']['quantity']} {e['cost']['unit']}"))
        compare("tools", tid, "weight_lb", t["weight_lb"], db=fnum(e.get("weight")))
        if "ability" in e:
            compare("tools", tid, "ability", t["ability"], db=e["ability"]["index"])
        cats = {c["index"] for c in e["equipment_categories"]}
        dbcat = ("artisans-tools" if "artisans-tools" in cats else "gaming-set" if "gaming-sets" in cats
                 else "musical-instrument" if "musical-instruments" in cats else "other")
        compare("tools", tid, "category", t["category"], db=dbcat)
    for k in sorted(set(db) - set(out)):
        FOUND[f"tools/{k}/present"] = "5e-database lists it as a tool; the SRD Tools table does not -> not written"
    return list(out.values())


# ---------------------------------------------------------------------------------------------
# Spells
# ---------------------------------------------------------------------------------------------

CASTING_TIMES = {
    "action": "action",
    "bonus action": "bonus-action",
    "reaction": "reaction",
    "1 minute": "1-minute",
    "10 minutes": "10-minutes",
    "1 hour": "1-hour",
    "8 hours": "8-hours",
    "12 hours": "12-hours",
    "24 hours": "24-hours",
}
DT_RX = "|".join(t.capitalize() for t in DAMAGE_TYPES)
DAMAGE_PHRASE = re.compile(
    r"((?:\b(?:%s)\b(?:\s*\([^)]*\))?(?:,\s*or\s+|,\s*and\s+|,\s*|\s+or\s+|\s+and\s+))*"
    r"\b(?:%s)\b(?:\s*\([^)]*\))?)\s+damage" % (DT_RX, DT_RX))
AB_RX = "|".join(a.capitalize() for a in ABILITIES)

# Material components with a price or consumed: the short noun phrase kept and the total price.
# Written by hand where the SRD lists several priced parts; every other priced/consumed material is
# reduced automatically by dropping "worth N+ GP" and ", which the spell consumes".
MATERIAL_OVERRIDES = {
    # "for each of the spell's targets, one jacinth worth 1,000+ GP and one silver bar worth
    # 100+ GP, all of which the spell consumes" -- price per target.
    "astral-projection": ("a jacinth and a silver bar per target", 1100),
    # "a diamond worth 1,000+ GP, which the spell consumes, and a sealable vessel worth 2,000+ GP
    # ..." -- the diamond is consumed, the vessel is not; the format has one consumed flag.
    "clone": ("a diamond and a sealable vessel", 3000),
    # "one 150+ GP black onyx stone for each corpse"
    "create-undead": ("a black onyx stone per corpse", 150),
    # "incense worth 250+ GP, which the spell consumes, and four ivory strips worth 50+ GP each"
    "legend-lore": ("incense and four ivory strips", 450),
    # "a chest ... worth 5,000+ GP, and a Tiny replica of the chest ... worth 50+ GP"
    "secret-chest": ("a chest and a Tiny replica of it", 5050),
    # "a pair of platinum rings worth 50+ GP each"
    "warding-bond": ("a pair of platinum rings", 100),
    # "a focus worth 100+ GP, either a jeweled horn for hearing or a glass eye for seeing"
    "clairvoyance": ("a jeweled horn or a glass eye", 100),
    # "a focus worth 1,000+ GP, such as a crystal ball, mirror, or water-filled font"
    "scrying": ("a focus", 1000),
    # "a set of divination tools--such as cards or runes--worth 100+ GP"
    "find-the-path": ("a set of divination tools", 100),
    # "specially marked sticks, bones, cards, or other divinatory tokens worth 25+ GP"
    "augury": ("divinatory tokens", 25),
    # "a forked, metal rod worth 250+ GP and attuned to a plane of existence"
    "plane-shift": ("a forked metal rod", 250),
    # "a gem, crystal, or reliquary worth 500+ GP" (Magic Jar)
    "magic-jar": ("a gem, crystal, or reliquary", 500),
    # "an object with the image of a dragon engraved on it worth 500+ GP" (Summon Dragon)
    "summon-dragon": ("an object engraved with a dragon", 500),
}


SPELL_NAME_FIXES = {"Thunderwavea": "Thunderwave"}


def spell_material(sid: str, mat: str):
    """(material_text, cost_gp, consumed) for a material component string."""
    m = " ".join(mat.split())
    consumed = bool(re.search(r"which the spell consumes|all of which the spell consumes", m))
    costs = [int(c.replace(",", "")) for c in re.findall(r"([\d,]+)\+\s*GP", m)]
    cp = re.search(r"(\d+) Copper Pieces", m)
    if not costs and not consumed and not cp:
        return None, None, False
    if sid in MATERIAL_OVERRIDES:
        text, cost = MATERIAL_OVERRIDES[sid]
        return text, float(cost), consumed
    cost = float(sum(costs)) if costs else None
    if cp and not costs:
        cost = int(cp.group(1)) / 100
    text = re.sub(r",?\s*(?:all of )?which the spell consumes", "", m)
    text = re.sub(r"\s*worth [\d,]+\+\s*GP(?: each)?", "", text)
    text = re.sub(r"\s+", " ", text).strip(" ,")
    return text, cost, consumed


def md_field(body: str, label: str) -> str:
    m = re.search(r"\*\*%s:\*\*\s*(.*?)\s*(?=\*\*[A-Z][a-z]+(?: [A-Z][a-z]+)?:\*\*|\n)" % label, body)
    return m.group(1).strip() if m else ""


def parse_duration(d: str):
    m = re.match(r"(Concentration,? up to )?(Up to )?(Instantaneous|Until dispelled or triggered|"
                 r"Until dispelled|Special|\d+ (?:rounds?|minutes?|hours?|days?))", d)
    conc = bool(m.group(1))
    dur = m.group(3).lower()
    if dur == "1 day":
        dur = "24 hours"
    return dur, conc


def spell_damage_types(text: str) -> list[str]:
    found = []
    for m in DAMAGE_PHRASE.finditer(text):
        before = text[max(0, m.start() - 40): m.start()]
        if re.search(r"(Resistance|Immunity|Vulnerability|Resistant|immune)\s+(to\s+)?$", before, re.I):
            continue
        for w in re.findall(DT_RX, re.sub(r"\([^)]*\)", "", m.group(1))):
            if w.lower() not in found:
                found.append(w.lower())
    # "3d8 damage of the chosen type" (dice required: Resistance's "damage of the chosen type" is
    # damage taken, not dealt) (Chromatic Orb, Dragon's Breath, Sorcerous Burst, Conjure
    # Elemental, Summon Dragon): every damage type the spell's text names is a possible type.
    if re.search(r"\d+d\d+ damage of (the chosen type|a type you choose|the spirit's type|a type this spirit)", text):
        for w in re.findall(r"\b(%s)\b" % DT_RX, text):
            if w.lower() not in found:
                found.append(w.lower())
    return sorted(found)


def spell_save(text: str):
    for m in re.finditer(r"\b(%s)\s+sav(?:ing throw|e)\b" % AB_RX, text, re.I):
        before = text[max(0, m.start() - 40): m.start()]
        if re.search(r"(Advantage|Disadvantage|bonus|penalty|subtract|add)\b[^.]*$", before, re.I):
            continue
        return ABILITIES[m.group(1).lower()]
    return None


DAMAGE_DICE_RE = re.compile(
    r"(\d+d\d+)(?: plus| \+)?[^.;]{0,40}?\b(acid|bludgeoning|cold|fire|force|lightning|necrotic|piercing|"
    r"poison|psychic|radiant|slashing|thunder) damage", re.IGNORECASE)


def spell_damage_dice(rules):
    """The first damage dice the rules text names with a damage type (`8d6` for Fireball): a fact
    used for the homebrew power baseline; None when the text names none."""
    m = DAMAGE_DICE_RE.search(rules)
    return m.group(1) if m else None


def spell_attack(text: str) -> bool:
    return bool(re.search(r"(melee|ranged) spell attack|spell attack modifier|spell attack roll", text, re.I))


def class_spell_lists(S: Sources):
    """({spell name: {class: (level, school, flags)}}, {(class, level) of tables without a Spell
    column}) from the class spell lists of 04_classes.md."""
    res = {}
    broken = set()
    cur = None
    for line in S.md_lines("04_classes.md"):
        s = line.strip()
        m = re.search(r"(?:Cantrips \(Level 0 (\w+) Spells\)|^(?:#+ |Table: )Level (\d) (\w+) Spells)$", s)
        if m:
            cls = (m.group(1) or m.group(3)).lower()
            lvl = 0 if m.group(1) else int(m.group(2))
            cur = (cls, lvl, None) if cls in CLASSES else None
            continue
        if s.startswith("#") or s.startswith("Table:"):
            cur = None
            continue
        if cur and s.startswith("| ") and not s.startswith("|--"):
            if cur[2] is None:  # header row
                cur = (cur[0], cur[1], s.split("|")[1].strip() == "Spell")
                if not cur[2]:
                    broken.add(cur[:2])
                continue
            if not cur[2]:
                continue
            cells = [c.strip() for c in s.strip("|").split("|")]
            if len(cells) >= 3 and cells[0]:
                flags = set() if cells[2] in ("—", "-") else {f.strip() for f in cells[2].split(",")}
                res.setdefault(cells[0], {})[cur[0]] = (cur[1], cells[1].lower(), flags)
    return res, broken


def build_spells(S: Sources) -> list[dict]:
    text = S.md("08_b_spellsaz.md")
    out = {}
    for part in re.split(r"^#### ", text, flags=re.M)[1:]:
        head, _, body = part.partition("\n")
        name = clean_heading(head)
        # The Markdown heading reads "Thunderwavea" (a typo); open5e and the class lists say
        # "Thunderwave".
        if name in SPELL_NAME_FIXES:
            FOUND[f"spells/{kebab(SPELL_NAME_FIXES[name])}/name"] = (
                f"md={json.dumps(name)}; open5e and classes_md {json.dumps(SPELL_NAME_FIXES[name])} "
                f"-> kept {json.dumps(SPELL_NAME_FIXES[name])}")
            name = SPELL_NAME_FIXES[name]
        sid = kebab(name)
        lm = re.search(r"^\*(?:Level (\d) (\w+)|(\w+) Cantrip) \(([^)]*)\)\s*\*", body, re.M)
        level = int(lm.group(1)) if lm.group(1) else 0
        school = (lm.group(2) or lm.group(3)).lower()
        classes = sorted(kebab(c) for c in lm.group(4).split(","))
        ct = md_field(body, "Casting Time")
        ritual = ct.endswith("or Ritual")
        ct0 = re.sub(r" or Ritual$", "", ct)
        ct0 = re.split(r",| \(", ct0)[0].strip().lower()
        casting_time = CASTING_TIMES[ct0]
        rng = md_field(body, "Range")
        rm = re.fullmatch(r"(Self|Touch|Sight|Unlimited|Special|[\d,]+ (?:feet|miles?))", rng)
        rng = rm.group(1)
        rng = rng.lower() if not rng[0].isdigit() else rng.replace(",", "")
        comp = md_field(body, "Components?")
        cm = re.fullmatch(r"(V)?(?:,\s*)?(S)?(?:,\s*)?(M)?(?:\s*\((.*)\))?", comp)
        duration, conc = parse_duration(md_field(body, "Duration"))
        components = {"verbal": bool(cm.group(1)), "somatic": bool(cm.group(2)),
                      "material": bool(cm.group(3))}
        if cm.group(4):
            mt, mc, consumed = spell_material(sid, cm.group(4))
            if mt:
                components["material_text"] = mt
            if mc is not None:
                components["material_cost_gp"] = mc
            components["material_consumed"] = consumed
        else:
            components["material_consumed"] = False
        # Rules text: everything after the Duration field.
        rules = body.split("**Duration:**", 1)[1]
        rules = " ".join(rules.split())
        sp = {"id": sid, "name": name, "level": level, "school": school,
              "casting_time": casting_time, "range": rng, "components": components,
              "duration": duration, "ritual": ritual, "concentration": conc, "classes": classes}
        dts = spell_damage_types(rules)
        if dts:
            sp["damage_types"] = dts
        sv = spell_save(rules)
        if sv:
            sp["save"] = sv
        sp["attack"] = spell_attack(rules)
        dmg = spell_damage_dice(rules) if dts else None
        if dmg:
            sp["damage"] = dmg
        check(school in SCHOOLS, f"spell {sid}: school {school}")
        out[sid] = sp
        # Extra notes the format cannot hold.
        if " (" in ct:
            # Plant Growth: "Action (Overgrowth) or 8 hours (Enrichment)" -- one token only.
            FOUND[f"spells/{sid}/casting_time.options"] = f"md={json.dumps(ct)} -> kept {json.dumps(casting_time)}"

    # open5e Spell.json.
    o5 = {}
    for r in S.open5e("Spell"):
        o5[kebab(r["name"])] = r  # pk differs for "Antipathy/Sympathy" etc.
    # open5e has material_cost null for every spell: one note instead of one line per priced spell.
    o5_no_costs = all(not r["material_cost"] for r in o5.values())
    if o5_no_costs:
        FOUND["spells/*/components.material_cost_gp"] = (
            "open5e=null for all 339 spells -> kept the SRD prices (Markdown \"worth N+ GP\")")
    o5ct = {"action": "action", "bonus-action": "bonus-action", "reaction": "reaction",
            "1minute": "1-minute", "10minutes": "10-minutes", "1hour": "1-hour"}
    for sid, sp in out.items():
        r = o5.get(sid)
        if r is None:
            FOUND[f"spells/{sid}/present"] = "open5e=absent"
            continue
        compare("spells", sid, "name", sp["name"], open5e=r["name"])
        compare("spells", sid, "level", sp["level"], open5e=r["level"])
        compare("spells", sid, "school", sp["school"], open5e=r["school"])
        compare("spells", sid, "casting_time", sp["casting_time"], open5e=o5ct.get(r["casting_time"], r["casting_time"]))
        compare("spells", sid, "range", sp["range"], open5e=r["range_text"])
        o5dur = r["duration"]
        compare("spells", sid, "duration", sp["duration"], open5e="24 hours" if o5dur == "1 day" else o5dur)
        compare("spells", sid, "ritual", sp["ritual"], open5e=r["ritual"])
        compare("spells", sid, "concentration", sp["concentration"], open5e=r["concentration"])
        compare("spells", sid, "classes", sp["classes"], open5e=sorted(o5_pk(c) for c in r["classes"]))
        c = sp["components"]
        compare("spells", sid, "components.verbal", c["verbal"], open5e=r["verbal"])
        compare("spells", sid, "components.somatic", c["somatic"], open5e=r["somatic"])
        compare("spells", sid, "components.material", c["material"], open5e=r["material"])
        if not o5_no_costs:
            compare("spells", sid, "components.material_cost_gp", c.get("material_cost_gp", "none"),
                    open5e=float(r["material_cost"]) if r["material_cost"] else "none")
        compare("spells", sid, "components.material_consumed", c["material_consumed"],
                open5e=r["material_consumed"])
        compare("spells", sid, "damage_types", sp.get("damage_types", []), open5e=sorted(r["damage_types"]))
        o5save = ABILITIES.get(r["saving_throw_ability"]) if r["saving_throw_ability"] else "none"
        compare("spells", sid, "save", sp.get("save", "none"), open5e=o5save)
        compare("spells", sid, "attack", sp["attack"], open5e=r["attack_roll"])
    for k in sorted(set(o5) - set(out)):
        FOUND[f"spells/{k}/present"] = "open5e id with no SRD spell of that name"

    # Class spell lists in 04_classes.md.
    lists, broken = class_spell_lists(S)
    for cls, lvl in sorted(broken):
        # 04_classes.md: the Druid cantrip table lost its Spell column (only School and Special
        # remain), so it cannot be checked; the spell headings' class lists are kept.
        FOUND[f"spells/*/classes[{cls} level {lvl} list]"] = (
            "classes_md=table without a Spell column -> kept the spell headings' class lists")
    by_name = {sp["name"]: sp for sp in out.values()}
    for name, per in lists.items():
        sp = by_name.get(name)
        check(sp is not None, f"spells: class list names unknown spell {name!r}")
        if not sp:
            continue
        for cls, (lvl, school, flags) in per.items():
            compare("spells", sp["id"], f"level[{cls} list]", sp["level"], classes_md=lvl)
            compare("spells", sp["id"], f"school[{cls} list]", sp["school"], classes_md=school)
            compare("spells", sp["id"], f"concentration[{cls} list]", sp["concentration"], classes_md="C" in flags)
            compare("spells", sp["id"], f"ritual[{cls} list]", sp["ritual"], classes_md="R" in flags)
            compare("spells", sp["id"], f"priced_material[{cls} list]",
                    "material_cost_gp" in sp["components"], classes_md="M" in flags)
    for sp in out.values():
        listed = sorted(c for c, per in ((c, lists.get(sp["name"], {})) for c in CLASSES) if c in per)
        if sp["level"] == 0 and any(c == "druid" and l == 0 for c, l in broken):
            listed = sorted(set(listed) | ({"druid"} & set(sp["classes"])))
        compare("spells", sp["id"], "classes[class lists]", sp["classes"], classes_md=listed)
    return list(out.values())


# ---------------------------------------------------------------------------------------------
# Magic items
# ---------------------------------------------------------------------------------------------

MI_CATEGORIES = {
    "armor": "armor", "weapon": "weapon", "wondrous item": "wondrous-item", "potion": "potion",
    "ring": "ring", "rod": "rod", "scroll": "scroll", "staff": "staff", "wand": "wand",
}
RARITIES = {"common": "common", "uncommon": "uncommon", "rare": "rare", "very rare": "very-rare",
            "legendary": "legendary", "artifact": "artifact"}
DB_MI_CATEGORIES = {"armor": "armor", "weapons": "weapon", "wondrous-items": "wondrous-item",
                    "potions": "potion", "rings": "ring", "rods": "rod", "scrolls": "scroll",
                    "staffs": "staff", "wands": "wand"}


def attunement_requirement(text: str):
    """`by a Cleric, Druid, or Paladin` -> AttunementRequirement."""
    req = {}
    words = re.findall(r"[A-Za-z]+", text)
    low = [w.lower() for w in words]
    classes = sorted({w for w in low if w in CLASSES})
    species = sorted({w for w in low if w in SPECIES})
    align = sorted({w for w in low if w in ("good", "evil", "lawful", "chaotic", "neutral")})
    if classes:
        req["classes"] = classes
    if species:
        req["species"] = species
    if align:
        req["alignment"] = align
    req["spellcaster"] = "spellcaster" in low
    req["text"] = text
    return req


def build_magic_items(S: Sources) -> list[dict]:
    text = S.md("07_magic_items.md")
    out = {}
    headings = 0
    for part in re.split(r"^### ", text, flags=re.M)[1:]:
        head, _, body = part.partition("\n")
        name = clean_heading(head)
        line = next(l for l in body.splitlines() if l.strip())
        lm = re.match(r"\s*\*(.*?)\s*\*", line)
        meta = lm.group(1).strip()
        headings += 1
        cm = re.match(r"(Armor|Weapon|Wondrous Item|Potion|Ring|Rod|Scroll|Staff|Wand)\b(?:\s*\(([^)]*)\))?,\s*(.*)", meta)
        category = MI_CATEGORIES[cm.group(1).lower()]
        rest = cm.group(3)
        att = None
        am = re.search(r"\(Requires Attunement(?: (by [^)]*))?\)\s*$", rest)
        if am:
            att = am.group(1) or ""
            rest = rest[: am.start()].strip()
        rarity_words = re.findall(r"Very Rare|Uncommon|Common|Rare|Legendary|Artifact", rest)
        plus = re.fullmatch(r"(.*), \+1, \+2, or \+3", name)
        entries = []
        if plus:
            base = plus.group(1)
            pm = re.findall(r"(Very Rare|Uncommon|Common|Rare|Legendary) \(\+(\d)\)", rest)
            check(len(pm) == 3, f"magic item {name}: variant rarities")
            for rw, n in pm:
                entries.append((f"{kebab(base)}-plus-{n}", f"{base}, +{n}", RARITIES[rw.lower()]))
        else:
            if "Rarity Varies" in rest or len(set(rarity_words)) != 1:
                rarity = "varies"
            else:
                rarity = RARITIES[rarity_words[0].lower()]
            entries.append((kebab(name), name, rarity))
        for mid, mname, rarity in entries:
            mi = {"id": mid, "name": mname, "category": category, "rarity": rarity,
                  "attunement": att is not None}
            if att:
                mi["attunement_requirement"] = attunement_requirement(att)
            out[mid] = mi

    # 5e-database (243 items + 19 variants).
    db = S.db("Magic-Items")
    for e in db:
        nm = e["name"]
        if e["variant"]:
            vm = re.fullmatch(r"(.*?),? \+(\d)", nm)
            if not vm:  # Horn of Valhalla metals: one SRD entry with rarity `varies`.
                FOUND.setdefault("magic-items/horn-of-valhalla/variants",
                                 "5e-database=4 variant rows (silver, brass, bronze, iron) -> kept one "
                                 "entry, rarity \"varies\"")
                continue
            mid = f"{kebab(vm.group(1))}-plus-{vm.group(2)}"
        else:
            mid = kebab(nm)
            if e["variants"] and mid + "-plus-1" in out:
                continue  # parent of +1/+2/+3 rows
        mi = out.get(mid)
        if mi is None:
            FOUND[f"magic-items/{mid}/present"] = "5e-database has it, 07_magic_items.md does not"
            continue
        rn = e["rarity"]["name"]
        rw = re.findall(r"Very Rare|Uncommon|Common|Rare|Legendary|Artifact", rn)
        dbr = "varies" if "Varies" in rn or len(set(rw)) > 1 else RARITIES[rw[0].lower()]
        compare("magic-items", mid, "rarity", mi["rarity"], db=dbr)
        compare("magic-items", mid, "attunement", mi["attunement"], db=e["attunement"])
        compare("magic-items", mid, "category", mi["category"],
                db=DB_MI_CATEGORIES.get(e["equipment_category"]["index"], e["equipment_category"]["index"]))
        mine = mi.get("attunement_requirement", {}).get("text", "none")
        compare("magic-items", mid, "attunement_requirement.text",
                re.sub(r"^by an? ", "", mine), db=e.get("limited-to") or "none")

    # open5e MagicItem.json: compare only the rows named like an SRD heading.
    o5 = {}
    for r in S.open5e("MagicItem"):
        o5.setdefault(r["name"], r)
    for mi in out.values():
        r = o5.get(mi["name"])
        if r is None:
            continue
        o5r = r["rarity"].replace(" ", "-") if r["rarity"] else None
        compare("magic-items", mi["id"], "rarity", mi["rarity"], open5e=o5r)
        compare("magic-items", mi["id"], "attunement", mi["attunement"], open5e=r["requires_attunement"])
        compare("magic-items", mi["id"], "category", mi["category"], open5e=r["category"])
    check(headings == 243, f"magic items: {headings} headings, expected 243")
    return list(out.values())


# ---------------------------------------------------------------------------------------------
# Creatures
# ---------------------------------------------------------------------------------------------

def cr_text(value: str) -> str:
    f = Fraction(value).limit_denominator(8)
    return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"


def build_creatures(S: Sources) -> list[dict]:
    # XP table.
    lines = S.md_lines("12_monsters_rules.md")
    i = find_line(lines, r"^Table: Experience Points by Challenge Rating")
    xp_table = {cr: xp for cr, xp in md_table(lines, i)}
    i = find_line(lines, r"^Table: Hit Dice by Size")
    size_by_die = {int(die.lstrip("d")): size.lower() for size, die, _ in md_table(lines, i)}

    # Stat blocks in the Markdown.
    blocks = {}
    for fn in ("13_monsters_az.md", "14_animals.md", "07_magic_items.md"):
        cur = None
        for line in S.md_lines(fn):
            line = re.sub(r"^>\s?", "", line)
            m = re.match(r"^#+\s+(.*)", line)
            if m:
                cur = clean_heading(m.group(1))
                blocks.setdefault(cur, [])
                continue
            if cur:
                blocks[cur].append(line)
    stat = {}
    for name, ls in blocks.items():
        t = "\n".join(ls)
        crm = re.search(r"\*\*CR\*\*\s*([0-9/]+)\s*\(XP ([0-9,]+)(?: or ([0-9,]+))?", t)
        if not crm:
            continue
        head = re.search(r"^\s*\*([^*\n]+)\*\s*$", t, re.M).group(1).strip()
        ac = re.search(r"(?:Armor Class:?\*\*|\*\*AC\*\*)\s*(\d+)", t)
        hp = re.search(r"(?:Hit Points:?\*\*|\*\*HP\*\*)\s*(\d+)\s*(?:\(([^)]*)\))?", t)
        hm = re.fullmatch(r"(\w+) (\w+)(?: \(([^)]*)\))?, (.*)", head)
        xp = int(crm.group(2).replace(",", ""))
        if crm.group(3) and crm.group(2) == "0":
            xp = int(crm.group(3).replace(",", ""))  # "XP 0 or 10": the 10 of a creature that attacks
        stat[name] = {"size": hm.group(1).lower(), "type": hm.group(2).lower(),
                      "alignment": hm.group(4).strip().lower(), "cr": crm.group(1), "xp": xp,
                      "ac": int(ac.group(1)), "hp": int(hp.group(1)),
                      "hd": hp.group(2).strip() if hp.group(2) else None,
                      "lair": " in lair" in t[crm.start(): crm.start() + 80]}

    out = {}
    for r in S.open5e("Creature"):
        name = r["name"]
        cid = kebab(name)
        cr = cr_text(r["challenge_rating"])
        st = stat.get(name)
        c = {"id": cid, "name": name, "size": r["size"], "creature_type": r["type"], "cr": cr,
             "xp": None, "armor_class": r["armor_class"], "hit_points": r["hit_points"],
             "hit_dice": r["hit_dice"], "alignment": r["alignment"]}
        if st:
            compare("creatures", cid, "size", st["size"], open5e=r["size"])
            compare("creatures", cid, "creature_type", st["type"], open5e=r["type"])
            compare("creatures", cid, "cr", st["cr"], open5e=cr)
            compare("creatures", cid, "armor_class", st["ac"], open5e=r["armor_class"])
            compare("creatures", cid, "hit_points", st["hp"], open5e=r["hit_points"])
            compare("creatures", cid, "hit_dice", (st["hd"] or "").replace(" ", ""),
                    open5e=(r["hit_dice"] or "").replace(" ", ""))
            compare("creatures", cid, "alignment", st["alignment"], open5e=r["alignment"])
            c.update(size=st["size"], creature_type=st["type"], cr=st["cr"], armor_class=st["ac"],
                     hit_points=st["hp"], hit_dice=st["hd"], alignment=st["alignment"], xp=st["xp"])
            table_xp = xp_table[st["cr"]]
            if table_xp != "0 or 10":
                check(int(table_xp.replace(",", "")) == st["xp"],
                      f"creature {cid}: XP {st['xp']} vs CR table {table_xp}")
        else:
            # Not in the SRD Markdown (Octopus): open5e facts, XP from the CR table (a CR 0 creature
            # with an attack is worth 10 XP).
            FOUND[f"creatures/{cid}/present"] = "open5e only, no stat block in the SRD Markdown -> kept open5e facts"
            t = xp_table[cr]
            c["xp"] = 10 if t == "0 or 10" else int(t.replace(",", ""))
        if r["experience_points_integer"] is not None:
            compare("creatures", cid, "xp", c["xp"], open5e=r["experience_points_integer"])
        # The Markdown copy (and open5e, made from the same conversion) has no Tiny creature at
        # all and writes "Small" for every "Tiny" and every "Medium or Small" stat block (Bat,
        # Owl, Imp, Sprite...; Mage, Guard, Vampire, Werewolf...). Where the stated size is
        # "small" but the hit die is not the d6 of the SRD's Hit Dice by Size table, the size
        # the table gives for the die is kept: d4 -> tiny, d8 -> medium (the first of "Medium or
        # Small"; the format holds one size).
        hd = re.fullmatch(r"(\d+)d(\d+)(?:\s*([+-])\s*(\d+))?", (c["hit_dice"] or "").strip())
        if hd and c["size"] == "small" and size_by_die.get(int(hd.group(2))) != "small":
            kept = size_by_die[int(hd.group(2))]
            FOUND[f"creatures/{cid}/size"] = (
                f"md=\"small\"; open5e={json.dumps(r['size'])}; Hit Dice by Size (d{hd.group(2)}) "
                f"-> kept {json.dumps(kept)}")
            c["size"] = kept
        # Hit points are the average of the hit dice (12_monsters_rules.md). The one stat block
        # that breaks this is the Giant Fly (Figurine of Wondrous Power): Markdown "HP 15
        # (3d10 + 3)"; open5e 19, which is the average -> 19 is kept.
        if hd:
            n, die = int(hd.group(1)), int(hd.group(2))
            bonus = int(hd.group(4) or 0) * (-1 if hd.group(3) == "-" else 1)
            avg = n * (die + 1) // 2 + bonus
            if avg != c["hit_points"]:
                FOUND[f"creatures/{cid}/hit_points"] = (
                    f"md={c['hit_points']}; open5e={r['hit_points']}; average of {c['hit_dice']} = {avg} "
                    f"-> kept {avg}")
                c["hit_points"] = avg
        check(c["size"] in SIZES, f"creature {cid}: size {c['size']}")
        check(c["creature_type"] in CREATURE_TYPES, f"creature {cid}: type {c['creature_type']}")
        if c["hit_dice"]:
            c["hit_dice"] = re.sub(r"\s*([+-])\s*", r" \1 ", c["hit_dice"])
        else:
            del c["hit_dice"]
        out[cid] = c
    for name in sorted(set(stat) - {r["name"] for r in S.open5e("Creature")}):
        FOUND[f"creatures/{kebab(name)}/present"] = "SRD Markdown stat block not in open5e -> not written"
    return list(out.values())


# ---------------------------------------------------------------------------------------------
# Conditions and languages
# ---------------------------------------------------------------------------------------------

def build_conditions(S: Sources) -> list[dict]:
    names = re.findall(r"^#+\s+(\w+) \[Condition\]", S.md("09_rules_glossary.md"), re.M)
    out = [{"id": kebab(n), "name": n} for n in names]
    ids = {c["id"] for c in out}
    o5 = {r["describes"] for r in S.open5e("ConditionDescription")}
    db = {e["index"] for e in S.db("Conditions")}
    compare("conditions", "*", "ids", ids, open5e=o5, db=db)
    return out


def build_languages(S: Sources) -> list[dict]:
    lines = S.md_lines("03_character_creation.md")
    out = {}
    for row in md_table(lines, find_line(lines, r"^Table: Standard Languages")):
        name = row[1]
        out[kebab(name)] = {"id": kebab(name), "name": name, "rare": False}
    for row in md_table(lines, find_line(lines, r"^Table: Rare Languages")):
        for name in row:
            name = name.rstrip("*").strip()
            if name:
                out[kebab(name)] = {"id": kebab(name), "name": name, "rare": True}
    for e in S.db("Languages"):
        lid = e["index"]
        if lid not in out:
            FOUND[f"languages/{lid}/present"] = "5e-database only -> not written"
            continue
        compare("languages", lid, "rare", out[lid]["rare"], db=e["is_rare"])
        compare("languages", lid, "name", out[lid]["name"], db=e["name"])
    return list(out.values())


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------

FIELD_ORDER = {
    "weapons": ["id", "name", "category", "kind", "damage", "damage_type", "properties",
                "versatile_damage", "range", "ammunition", "mastery", "weight_lb", "cost_gp"],
    "armor": ["id", "name", "category", "base_ac", "dex_bonus", "dex_cap", "strength_requirement",
              "stealth_disadvantage", "weight_lb", "cost_gp", "don_minutes", "doff_minutes"],
    "gear": ["id", "name", "category", "cost_gp", "weight_lb", "capacity", "contents", "bundle"],
    "tools": ["id", "name", "category", "ability", "cost_gp", "weight_lb"],
    "spells": ["id", "name", "level", "school", "casting_time", "range", "components", "duration",
               "ritual", "concentration", "classes", "damage_types", "save", "attack", "damage"],
    "magic-items": ["id", "name", "category", "rarity", "attunement", "attunement_requirement"],
    "creatures": ["id", "name", "size", "creature_type", "cr", "xp", "armor_class", "hit_points",
                  "hit_dice", "alignment"],
    "conditions": ["id", "name"],
    "languages": ["id", "name", "rare"],
}


def tidy(v):
    if isinstance(v, float):
        return num(v)
    if isinstance(v, dict):
        return {k: tidy(x) for k, x in v.items()}
    if isinstance(v, list):
        return [tidy(x) for x in v]
    return v


def order(kind: str, entry: dict) -> dict:
    keys = FIELD_ORDER[kind]
    extra = set(entry) - set(keys)
    check(not extra, f"{kind}/{entry.get('id')}: unexpected fields {sorted(extra)}")
    return {k: tidy(entry[k]) for k in keys if k in entry and entry[k] is not None}


def write(out_dir: Path, kind: str, entries: list[dict]) -> int:
    entries = sorted((order(kind, e) for e in entries), key=lambda e: e["id"])
    ids = [e["id"] for e in entries]
    check(len(ids) == len(set(ids)), f"{kind}: duplicate ids")
    for i in ids:
        check(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) is not None, f"{kind}: bad id {i!r}")
    text = json.dumps(entries, indent=2, ensure_ascii=False) + "\n"
    (out_dir / f"{kind}.json").write_text(text, encoding="utf-8")
    return len(entries)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--srd", type=Path, default=DEFAULT_SRD, help="the srd-5.2 reference folder")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the rules pack folder")
    ap.add_argument("--emit-known", action="store_true",
                    help="print the disagreements found as a KNOWN_DISAGREEMENTS body")
    args = ap.parse_args()
    S = Sources(args.srd)
    built = {
        "spells": build_spells(S),
        "weapons": build_weapons(S),
        "armor": build_armor(S),
        "gear": build_gear(S),
        "tools": build_tools(S),
        "magic-items": build_magic_items(S),
        "creatures": build_creatures(S),
        "conditions": build_conditions(S),
        "languages": build_languages(S),
    }
    settle_found()
    # Cross-file id collisions among items (weapons, armor, gear, tools) would make an item id
    # ambiguous in starting equipment.
    seen = {}
    for kind in ("weapons", "armor", "gear", "tools"):
        for e in built[kind]:
            check(e["id"] not in seen, f"item id {e['id']} in both {seen.get(e['id'])} and {kind}")
            seen[e["id"]] = kind

    if args.emit_known:
        import textwrap
        last = None
        for key in sorted(FOUND):
            group = key.split("/", 1)[0]
            if group != last:
                print(f"    # {group} " + "-" * (90 - len(group)))
                last = group
            lines = textwrap.wrap(FOUND[key], 88) or [""]
            print(f"    {json.dumps(key)},  # {lines[0]}")
            for more in lines[1:]:
                print(f"    #   {more}")
        return 0

    args.out.mkdir(parents=True, exist_ok=True)
    status = 0
    print(f"{'file':<20}{'written':>8}{'expected':>10}")
    for kind, entries in built.items():
        n = write(args.out, kind, entries)
        exp = EXPECTED_COUNTS[kind]
        flag = "" if n == exp else "   <-- MISMATCH"
        print(f"{kind + '.json':<20}{n:>8}{exp:>10}{flag}")
        if n != exp:
            status = 1
    new = sorted(set(FOUND) - set(KNOWN_DISAGREEMENTS))
    gone = sorted(set(KNOWN_DISAGREEMENTS) - set(FOUND))
    print(f"source disagreements: {len(FOUND)} found, {len(KNOWN_DISAGREEMENTS)} documented")
    for k in new:
        print(f"  UNDOCUMENTED: {k}: {FOUND[k]}")
        status = 1
    for k in gone:
        print(f"  documented but no longer found: {k}")
    for e in ERRORS:
        print(f"  ERROR: {e}")
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
