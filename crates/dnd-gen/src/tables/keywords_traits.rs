//! The second half of the keyword table: weapons, temperament and skills, alignment words.

use super::keywords::Entry;

/// Weapon, temperament, skill and alignment words.
pub const TRAIT_KEYWORDS: &[Entry] = &[
    // Weapons and fighting style words.
    ("longbow", &[("weapon:longbow", 6)]),
    ("shortbow", &[("weapon:shortbow", 6)]),
    ("crossbow", &[("weapon:light-crossbow", 5)]),
    ("sword", &[("weapon:longsword", 4), ("class:fighter", 1)]),
    ("longsword", &[("weapon:longsword", 6)]),
    (
        "greatsword",
        &[("weapon:greatsword", 6), ("ability:str", 1)],
    ),
    ("rapier", &[("weapon:rapier", 6), ("ability:dex", 1)]),
    (
        "fencer",
        &[("weapon:rapier", 5), ("class:rogue", 1), ("class:bard", 1)],
    ),
    ("duelist", &[("weapon:rapier", 4), ("class:fighter", 2)]),
    ("dagger", &[("weapon:dagger", 6)]),
    ("knife", &[("weapon:dagger", 4)]),
    (
        "axe",
        &[
            ("weapon:greataxe", 3),
            ("weapon:handaxe", 2),
            ("class:barbarian", 1),
        ],
    ),
    ("greataxe", &[("weapon:greataxe", 6)]),
    ("hammer", &[("weapon:warhammer", 5)]),
    ("mace", &[("weapon:mace", 6)]),
    ("spear", &[("weapon:spear", 6)]),
    ("staff", &[("weapon:quarterstaff", 5)]),
    ("quarterstaff", &[("weapon:quarterstaff", 6)]),
    ("sling", &[("weapon:sling", 6)]),
    (
        "shield",
        &[
            ("class:fighter", 1),
            ("class:paladin", 1),
            ("class:cleric", 1),
        ],
    ),
    // Temperament and skills.
    (
        "strong",
        &[
            ("ability:str", 3),
            ("skill:athletics", 2),
            ("class:barbarian", 1),
            ("class:fighter", 1),
        ],
    ),
    (
        "brute",
        &[
            ("ability:str", 3),
            ("class:barbarian", 3),
            ("skill:intimidation", 2),
        ],
    ),
    ("agile", &[("ability:dex", 3), ("skill:acrobatics", 3)]),
    ("acrobat", &[("skill:acrobatics", 5), ("class:monk", 2)]),
    ("nimble", &[("ability:dex", 3), ("skill:acrobatics", 2)]),
    ("tough", &[("ability:con", 3)]),
    ("clever", &[("ability:int", 3), ("skill:investigation", 2)]),
    (
        "detective",
        &[
            ("skill:investigation", 5),
            ("skill:insight", 3),
            ("class:rogue", 2),
        ],
    ),
    ("investigat", &[("skill:investigation", 5)]),
    ("wise", &[("ability:wis", 3), ("skill:insight", 2)]),
    ("perceptive", &[("skill:perception", 5)]),
    ("watchful", &[("skill:perception", 4)]),
    (
        "charm",
        &[
            ("ability:cha", 3),
            ("skill:persuasion", 3),
            ("class:bard", 1),
        ],
    ),
    (
        "silver-tongue",
        &[
            ("skill:persuasion", 4),
            ("skill:deception", 3),
            ("class:bard", 2),
        ],
    ),
    ("diplomat", &[("skill:persuasion", 5), ("skill:insight", 2)]),
    ("liar", &[("skill:deception", 5)]),
    (
        "con-artist",
        &[("skill:deception", 5), ("background:criminal", 2)],
    ),
    ("intimidat", &[("skill:intimidation", 5)]),
    ("menac", &[("skill:intimidation", 4)]),
    ("sail", &[("skill:athletics", 2), ("skill:perception", 1)]),
    ("historian", &[("skill:history", 5), ("background:sage", 3)]),
    (
        "alchem",
        &[
            ("skill:arcana", 2),
            ("class:wizard", 2),
            ("skill:medicine", 1),
        ],
    ),
    ("survivor", &[("skill:survival", 4)]),
    ("religio", &[("skill:religion", 4), ("class:cleric", 2)]),
    // Alignment words.
    (
        "noble",
        &[("alignment:lawful good", 2), ("skill:history", 1)],
    ),
    ("honorable", &[("alignment:lawful good", 3)]),
    ("kind", &[("alignment:neutral good", 3)]),
    ("gentle", &[("alignment:neutral good", 2)]),
    ("rebel", &[("alignment:chaotic good", 3)]),
    ("free-spirit", &[("alignment:chaotic neutral", 3)]),
    ("reckless", &[("alignment:chaotic neutral", 2)]),
    (
        "ruthless",
        &[("alignment:lawful evil", 2), ("skill:intimidation", 1)],
    ),
    ("cruel", &[("alignment:neutral evil", 3)]),
    ("evil", &[("alignment:neutral evil", 3)]),
    ("villain", &[("alignment:neutral evil", 2)]),
    ("good", &[("alignment:neutral good", 1)]),
];
