//! Personality and backstory tables (this project's own words), keyed by background, class,
//! species and alignment. Templates use `{name}`, `{species}`, `{class}`, `{background}`,
//! `{home}`, `{skill}` and `{weapon}`.

/// Traits by background id (others use the `*` row).
pub const TRAITS: &[(&str, &[&str])] = &[
    (
        "acolyte",
        &[
            "Quotes scripture at awkward moments",
            "Sees omens in small things",
            "Keeps a strict daily ritual",
            "Patient with strangers, impatient with fools",
        ],
    ),
    (
        "criminal",
        &[
            "Always knows where the exits are",
            "Counts the coins in every room",
            "Trusts a deal more than a promise",
            "Speaks softly and watches hands",
        ],
    ),
    (
        "sage",
        &[
            "Corrects others' facts without meaning to",
            "Keeps notes on everything",
            "Forgets to eat when a puzzle appears",
            "Asks one question too many",
        ],
    ),
    (
        "soldier",
        &[
            "Sleeps lightly and wakes ready",
            "Keeps gear cleaner than anyone",
            "Tells old campaign stories",
            "Respects rank, not titles",
        ],
    ),
    (
        "*",
        &[
            "Curious about every road",
            "Slow to anger, hard to calm",
            "Laughs at danger",
            "Keeps promises to the letter",
        ],
    ),
];

/// Ideals by the good/evil half of an alignment (`good`, `evil`, `neutral`).
pub const IDEALS: &[(&str, &[&str])] = &[
    (
        "good",
        &[
            "Protect those who cannot protect themselves",
            "Mercy is strength",
            "Leave every place better than it was",
        ],
    ),
    (
        "evil",
        &[
            "Power belongs to those who take it",
            "Debts must be paid, with interest",
            "Fear keeps order",
        ],
    ),
    (
        "neutral",
        &[
            "Balance in all things",
            "Knowledge is worth any price",
            "Freedom to choose one's own road",
        ],
    ),
];

/// Bonds by class id (others use the `*` row).
pub const BONDS: &[(&str, &[&str])] = &[
    (
        "cleric",
        &[
            "Sworn to the temple that raised them",
            "Carries a relic that must reach its shrine",
        ],
    ),
    (
        "paladin",
        &[
            "Bound by an oath spoken before witnesses",
            "Guards the memory of a fallen mentor",
        ],
    ),
    (
        "wizard",
        &[
            "Owes everything to a master's library",
            "Seeks a spellbook stolen from their order",
        ],
    ),
    (
        "rogue",
        &[
            "Protects the crew that took them in",
            "Owes a dangerous fence a favour",
        ],
    ),
    (
        "ranger",
        &[
            "Keeps watch over a stretch of wild country",
            "Hunts the beast that ruined their village",
        ],
    ),
    (
        "druid",
        &[
            "Tends an ancient grove",
            "Speaks for a river no one else hears",
        ],
    ),
    (
        "warlock",
        &[
            "Serves a patron whose price is not yet paid",
            "Searches for a way out of the pact",
        ],
    ),
    (
        "*",
        &[
            "Fights for the family left behind",
            "Honours a friend lost on the road",
            "Wants to see the sea before dying",
        ],
    ),
];

/// Flaws (any character).
pub const FLAWS: &[&str] = &[
    "Cannot resist a dare",
    "Holds grudges for years",
    "Trusts too quickly",
    "Hides fear behind bravado",
    "Spends coin the moment it arrives",
    "Keeps secrets even from friends",
];

/// Where a species' people often come from (a setting-neutral phrase).
pub const HOMES: &[(&str, &str)] = &[
    ("elf", "an old forest where the trees remember"),
    ("dwarf", "a mountain hold of deep halls and forges"),
    ("halfling", "a quiet village of gardens and round doors"),
    ("gnome", "a burrow town full of clockwork and lamps"),
    ("human", "a busy market town on a river crossing"),
    ("orc", "a hard frontier camp under open skies"),
    ("goliath", "a high mountain clan among the clouds"),
    ("dragonborn", "a proud clan that keeps its ancestors' names"),
    (
        "tiefling",
        "a crowded city quarter where few asked questions",
    ),
];

/// How a class was learned.
pub const TRAINING: &[(&str, &str)] = &[
    (
        "barbarian",
        "learned to turn fury into strength in the wild places",
    ),
    ("bard", "learned that a song can open doors a sword cannot"),
    (
        "cleric",
        "answered a call of the divine and was given its power",
    ),
    ("druid", "was taught the old rites of the natural world"),
    (
        "fighter",
        "trained with weapons until they became a second nature",
    ),
    ("monk", "disciplined body and spirit in a cloistered order"),
    ("paladin", "swore a sacred oath and felt it answer"),
    ("ranger", "learned to track and survive far from any road"),
    ("rogue", "learned to slip through shadows and locks alike"),
    ("sorcerer", "discovered a magic that was born in the blood"),
    ("warlock", "struck a bargain with a being from beyond"),
    ("wizard", "studied arcane formulae through long nights"),
];

/// Backstory templates; one is chosen by seed.
pub const BACKSTORIES: &[&str] = &[
    "{name} grew up in {home}. As a {background}, {name} {training}. Now {name} travels with a trusty {weapon}, relying on {skill} to stay alive and looking for a purpose worth the road.",
    "Born a {species} in {home}, {name} spent the early years as a {background}. Later {name} {training}, and people remember the {class} for a sharp talent at {skill}.",
    "Few who meet {name} guess at the past: a {background}'s life far from {home}. {name} {training}; the {weapon} at hand and a gift for {skill} have settled more than one argument.",
];

/// The row for `key` in a keyed table, else its `*` row.
pub fn row<'a>(table: &'a [(&str, &'a [&'a str])], key: &str) -> &'a [&'a str] {
    table
        .iter()
        .find(|(k, _)| *k == key)
        .or_else(|| table.iter().find(|(k, _)| *k == "*"))
        .map_or(&[][..], |(_, v)| v)
}

/// The value for `key` in a pair table.
pub fn lookup<'a>(table: &'a [(&str, &'a str)], key: &str) -> Option<&'a str> {
    table.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}
