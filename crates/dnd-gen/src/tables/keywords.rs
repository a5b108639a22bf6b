//! Keyword and synonym tables: a word of a concept points at catalog choices with a weight.
//!
//! Targets are `kind:id` (`class:ranger`, `species:elf`, `lineage:wood-elf`, `skill:stealth`,
//! `weapon:longbow`, `spell:cure-wounds`, `ability:dex`, `background:sage`,
//! `subclass:hunter`, `alignment:chaotic good`). A table word matches a concept word that
//! starts with it, so `stealth` matches `stealthy` and `archer` matches `archers`. The words
//! and weights are this project's own.

/// (word stem, [(target, weight)]).
pub type Entry = (&'static str, &'static [(&'static str, i32)]);

/// The synonym table.
pub const KEYWORDS: &[Entry] = &[
    // Species and lineages.
    ("elven", &[("species:elf", 5)]),
    ("elf", &[("species:elf", 5)]),
    ("drow", &[("species:elf", 5), ("lineage:drow", 5)]),
    ("dark-elf", &[("species:elf", 5), ("lineage:drow", 5)]),
    (
        "wood",
        &[
            ("lineage:wood-elf", 2),
            ("class:druid", 1),
            ("class:ranger", 1),
        ],
    ),
    ("sylvan", &[("species:elf", 3), ("lineage:wood-elf", 4)]),
    ("high", &[("lineage:high-elf", 2)]),
    ("dwar", &[("species:dwarf", 5)]),
    ("halfling", &[("species:halfling", 5)]),
    ("hobbit", &[("species:halfling", 4)]),
    ("gnom", &[("species:gnome", 5)]),
    (
        "tinker",
        &[
            ("species:gnome", 2),
            ("lineage:rock-gnome", 3),
            ("skill:investigation", 1),
        ],
    ),
    ("human", &[("species:human", 5)]),
    ("orc", &[("species:orc", 5)]),
    ("goliath", &[("species:goliath", 5)]),
    ("giant", &[("species:goliath", 3)]),
    ("dragonborn", &[("species:dragonborn", 5)]),
    (
        "draconic",
        &[
            ("species:dragonborn", 2),
            ("subclass:draconic-sorcery", 3),
            ("class:sorcerer", 1),
        ],
    ),
    (
        "dragon",
        &[("species:dragonborn", 3), ("class:sorcerer", 1)],
    ),
    ("tiefling", &[("species:tiefling", 5)]),
    (
        "infernal",
        &[
            ("species:tiefling", 3),
            ("lineage:infernal", 3),
            ("subclass:fiend-patron", 2),
        ],
    ),
    (
        "fiend",
        &[
            ("species:tiefling", 2),
            ("subclass:fiend-patron", 4),
            ("class:warlock", 3),
        ],
    ),
    ("devil", &[("species:tiefling", 2), ("class:warlock", 2)]),
    // Classes by name and by role.
    ("barbarian", &[("class:barbarian", 6)]),
    (
        "berserk",
        &[
            ("class:barbarian", 5),
            ("subclass:path-of-the-berserker", 4),
        ],
    ),
    ("rage", &[("class:barbarian", 4)]),
    ("savage", &[("class:barbarian", 3), ("ability:str", 1)]),
    ("bard", &[("class:bard", 6)]),
    ("minstrel", &[("class:bard", 5), ("skill:performance", 3)]),
    ("singer", &[("class:bard", 4), ("skill:performance", 3)]),
    ("music", &[("class:bard", 4), ("skill:performance", 2)]),
    ("lute", &[("class:bard", 3)]),
    ("poet", &[("class:bard", 3), ("skill:persuasion", 1)]),
    (
        "lore",
        &[
            ("subclass:college-of-lore", 3),
            ("skill:history", 2),
            ("class:bard", 1),
        ],
    ),
    ("cleric", &[("class:cleric", 6)]),
    (
        "priest",
        &[
            ("class:cleric", 5),
            ("background:acolyte", 3),
            ("skill:religion", 2),
        ],
    ),
    ("temple", &[("background:acolyte", 3), ("class:cleric", 2)]),
    ("holy", &[("class:cleric", 3), ("class:paladin", 3)]),
    ("divine", &[("class:cleric", 3), ("class:paladin", 2)]),
    (
        "heal",
        &[
            ("class:cleric", 4),
            ("class:druid", 2),
            ("subclass:life-domain", 4),
            ("spell:cure-wounds", 4),
            ("spell:healing-word", 3),
            ("skill:medicine", 3),
        ],
    ),
    (
        "medic",
        &[
            ("class:cleric", 3),
            ("skill:medicine", 4),
            ("spell:cure-wounds", 3),
        ],
    ),
    ("druid", &[("class:druid", 6)]),
    (
        "nature",
        &[("class:druid", 4), ("class:ranger", 2), ("skill:nature", 3)],
    ),
    (
        "beast",
        &[
            ("class:druid", 3),
            ("class:ranger", 2),
            ("skill:animal_handling", 3),
        ],
    ),
    (
        "animal",
        &[
            ("class:druid", 2),
            ("class:ranger", 2),
            ("skill:animal_handling", 3),
        ],
    ),
    ("shapeshift", &[("class:druid", 5)]),
    ("fighter", &[("class:fighter", 6)]),
    ("warrior", &[("class:fighter", 4), ("class:barbarian", 2)]),
    (
        "soldier",
        &[("class:fighter", 3), ("background:soldier", 5)],
    ),
    (
        "knight",
        &[
            ("class:paladin", 3),
            ("class:fighter", 3),
            ("background:soldier", 2),
            ("weapon:longsword", 3),
        ],
    ),
    (
        "gladiator",
        &[
            ("class:fighter", 4),
            ("skill:performance", 2),
            ("skill:athletics", 2),
        ],
    ),
    (
        "mercenary",
        &[("class:fighter", 4), ("background:soldier", 2)],
    ),
    (
        "champion",
        &[("subclass:champion", 4), ("class:fighter", 2)],
    ),
    ("monk", &[("class:monk", 6)]),
    ("martial", &[("class:monk", 3), ("class:fighter", 1)]),
    ("fist", &[("class:monk", 4)]),
    ("kung", &[("class:monk", 4)]),
    ("paladin", &[("class:paladin", 6)]),
    ("oath", &[("class:paladin", 4)]),
    ("crusader", &[("class:paladin", 5)]),
    (
        "devot",
        &[("subclass:oath-of-devotion", 4), ("class:paladin", 2)],
    ),
    ("ranger", &[("class:ranger", 6)]),
    (
        "archer",
        &[
            ("class:ranger", 3),
            ("class:fighter", 1),
            ("class:rogue", 1),
            ("weapon:longbow", 5),
            ("ability:dex", 2),
        ],
    ),
    ("bow", &[("weapon:longbow", 4), ("class:ranger", 2)]),
    (
        "hunter",
        &[
            ("class:ranger", 4),
            ("subclass:hunter", 3),
            ("skill:survival", 2),
        ],
    ),
    ("tracker", &[("class:ranger", 4), ("skill:survival", 3)]),
    (
        "scout",
        &[
            ("class:ranger", 3),
            ("class:rogue", 2),
            ("skill:perception", 2),
            ("skill:stealth", 1),
        ],
    ),
    (
        "wilderness",
        &[
            ("class:ranger", 3),
            ("class:druid", 1),
            ("skill:survival", 2),
        ],
    ),
    ("rogue", &[("class:rogue", 6)]),
    (
        "thief",
        &[
            ("class:rogue", 5),
            ("subclass:thief", 3),
            ("background:criminal", 3),
            ("skill:sleight_of_hand", 3),
        ],
    ),
    ("burglar", &[("class:rogue", 5), ("background:criminal", 3)]),
    (
        "pickpocket",
        &[
            ("class:rogue", 4),
            ("skill:sleight_of_hand", 4),
            ("background:criminal", 2),
        ],
    ),
    (
        "assassin",
        &[
            ("class:rogue", 5),
            ("skill:stealth", 2),
            ("weapon:dagger", 2),
        ],
    ),
    (
        "stealth",
        &[
            ("class:rogue", 3),
            ("class:ranger", 1),
            ("class:monk", 1),
            ("skill:stealth", 5),
        ],
    ),
    ("sneak", &[("class:rogue", 3), ("skill:stealth", 4)]),
    (
        "shadow",
        &[
            ("class:rogue", 2),
            ("class:warlock", 1),
            ("skill:stealth", 2),
        ],
    ),
    (
        "spy",
        &[
            ("class:rogue", 3),
            ("skill:deception", 3),
            ("skill:insight", 1),
        ],
    ),
    (
        "smuggler",
        &[("class:rogue", 3), ("background:criminal", 4)],
    ),
    ("criminal", &[("background:criminal", 6)]),
    ("outlaw", &[("background:criminal", 4), ("class:rogue", 2)]),
    ("sorcer", &[("class:sorcerer", 6)]),
    (
        "wild",
        &[
            ("class:sorcerer", 1),
            ("class:druid", 1),
            ("class:barbarian", 1),
        ],
    ),
    ("bloodline", &[("class:sorcerer", 4)]),
    ("warlock", &[("class:warlock", 6)]),
    ("pact", &[("class:warlock", 5)]),
    ("patron", &[("class:warlock", 4)]),
    ("hex", &[("class:warlock", 4), ("spell:hex", 3)]),
    ("curse", &[("class:warlock", 3)]),
    ("wizard", &[("class:wizard", 6)]),
    ("mage", &[("class:wizard", 5), ("ability:int", 1)]),
    ("arcan", &[("class:wizard", 4), ("skill:arcana", 3)]),
    (
        "scholar",
        &[
            ("class:wizard", 3),
            ("background:sage", 4),
            ("skill:history", 2),
        ],
    ),
    ("sage", &[("background:sage", 6)]),
    ("librar", &[("background:sage", 4), ("class:wizard", 2)]),
    ("evoc", &[("subclass:evoker", 4), ("class:wizard", 2)]),
    (
        "fire",
        &[
            ("spell:fire-bolt", 3),
            ("spell:burning-hands", 2),
            ("subclass:evoker", 1),
        ],
    ),
    ("necro", &[("class:wizard", 3), ("class:warlock", 1)]),
    ("spell", &[("class:wizard", 2), ("class:sorcerer", 1)]),
    ("acolyte", &[("background:acolyte", 6)]),
    ("monaster", &[("class:monk", 3), ("background:acolyte", 2)]),
    (
        "pilgrim",
        &[("background:acolyte", 3), ("skill:religion", 1)],
    ),
    (
        "veteran",
        &[("background:soldier", 4), ("class:fighter", 2)],
    ),
    (
        "guard",
        &[
            ("background:soldier", 3),
            ("class:fighter", 2),
            ("skill:perception", 1),
        ],
    ),
];

/// Feedback words for refinement that ask for less of something (the target's weight drops).
pub const LESS_WORDS: &[&str] = &["less", "fewer", "not", "no", "without", "stop"];

/// Splits a concept into lowercase words (letters, digits and inner hyphens).
pub fn words(concept: &str) -> Vec<String> {
    concept
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .map(|w| {
            w.trim_matches(|c: char| c == '-' || c == '\'')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The table entries one word matches (an exact stem or a stem it starts with, 3+ letters).
pub fn matches(word: &str) -> impl Iterator<Item = &'static Entry> + '_ {
    KEYWORDS
        .iter()
        .chain(super::keywords_traits::TRAIT_KEYWORDS.iter())
        .filter(move |(stem, _)| word == *stem || (stem.len() >= 3 && word.starts_with(stem)))
}
