//! Visual cues for image prompts: species traits, class and subclass looks, genre styles
//! (this project's own words).

/// Species visual traits.
pub const SPECIES: &[(&str, &str)] = &[
    (
        "elf",
        "elf, pointed ears, graceful slender build, ageless features",
    ),
    (
        "dwarf",
        "dwarf, stout broad build, braided beard or hair, weathered face",
    ),
    (
        "halfling",
        "halfling, small build, bare feet, cheerful round face",
    ),
    (
        "gnome",
        "gnome, very small build, bright eyes, animated expression",
    ),
    ("human", "human"),
    (
        "orc",
        "orc, grey-green skin, strong jaw with small tusks, muscular build",
    ),
    (
        "goliath",
        "goliath, towering stature, grey skin with dark markings",
    ),
    (
        "dragonborn",
        "dragonborn, draconic head, scaled skin, no tail",
    ),
    (
        "tiefling",
        "tiefling, curved horns, solid-coloured eyes, long tail",
    ),
];

/// Lineage refinements.
pub const LINEAGES: &[(&str, &str)] = &[
    ("drow", "dark skin, white hair"),
    ("high-elf", "fair skin, keen eyes"),
    ("wood-elf", "copper skin, leaf-green hair accents"),
    ("red", "red scales"),
    ("blue", "blue scales"),
    ("black", "black scales"),
    ("green", "green scales"),
    ("white", "white scales"),
    ("gold", "gold scales"),
    ("silver", "silver scales"),
    ("brass", "brass scales"),
    ("bronze", "bronze scales"),
    ("copper", "copper scales"),
    ("infernal", "red skin, ember glow in the eyes"),
    ("abyssal", "mottled skin, jagged horns"),
    ("chthonic", "ashen skin, shadowy aura"),
    ("fire-giant", "soot-dark skin, ember-lit markings"),
    ("frost-giant", "pale blue skin, frost on the shoulders"),
    ("stone-giant", "stone-grey skin with carved patterns"),
    ("storm-giant", "storm-blue markings, crackling air"),
    ("cloud-giant", "pale skin, misty aura"),
    ("hill-giant", "ruddy skin, heavy build"),
    ("forest-gnome", "earthy clothes, leaves in the hair"),
    ("rock-gnome", "tinker's goggles, tool belt"),
];

/// Class looks.
pub const CLASSES: &[(&str, &str)] = &[
    (
        "barbarian",
        "fierce barbarian, tribal tattoos, wild hair, battle-ready stance",
    ),
    (
        "bard",
        "charismatic bard, colourful clothes, musical instrument",
    ),
    (
        "cleric",
        "devout cleric, holy symbol, vestments over armour",
    ),
    (
        "druid",
        "druid, natural robes, wooden staff, leaves and feathers",
    ),
    (
        "fighter",
        "seasoned fighter, practical armour, disciplined stance",
    ),
    (
        "monk",
        "monk, simple robes, wrapped hands, poised martial stance",
    ),
    (
        "paladin",
        "noble paladin, shining armour, holy emblem, resolute gaze",
    ),
    (
        "ranger",
        "ranger, hooded cloak, travel-worn leathers, alert eyes",
    ),
    (
        "rogue",
        "rogue, dark hooded leathers, hidden blades, sly smile",
    ),
    (
        "sorcerer",
        "sorcerer, arcane energy crackling around the hands",
    ),
    (
        "warlock",
        "warlock, eldritch runes, otherworldly glow, mysterious",
    ),
    (
        "wizard",
        "wizard, robes with arcane sigils, spellbook, focused gaze",
    ),
];

/// Subclass cues.
pub const SUBCLASSES: &[(&str, &str)] = &[
    ("path-of-the-berserker", "frenzied eyes"),
    ("college-of-lore", "scrolls and quills"),
    ("life-domain", "soft radiant light"),
    ("circle-of-the-land", "symbols of the land"),
    ("champion", "heroic bearing"),
    ("warrior-of-the-open-hand", "flowing motion"),
    ("oath-of-devotion", "radiant halo"),
    ("hunter", "trophies of the hunt"),
    ("thief", "lockpicks at the belt"),
    ("draconic-sorcery", "draconic scales on the skin"),
    ("fiend-patron", "hellfire flickers"),
    ("evoker", "swirling elemental energy"),
];

/// Condition cues.
pub const CONDITIONS: &[(&str, &str)] = &[
    ("blinded", "eyes covered"),
    ("charmed", "dazed smile"),
    ("frightened", "fearful expression"),
    ("grappled", "held fast"),
    ("invisible", "translucent, barely visible"),
    ("paralyzed", "frozen rigid"),
    ("petrified", "turning to stone"),
    ("poisoned", "sickly pallor"),
    ("prone", "lying on the ground"),
    ("restrained", "bound by ropes"),
    ("stunned", "staggered"),
    ("unconscious", "collapsed, eyes closed"),
    ("exhaustion", "exhausted, dark circles under the eyes"),
];

/// Default style by genre (when a theme gives no keywords).
pub const GENRES: &[(&str, &str)] = &[
    (
        "fantasy",
        "high fantasy illustration, painterly, dramatic lighting",
    ),
    ("cyberpunk", "cyberpunk, neon lighting, rain-slick streets"),
    ("western", "weird west, dusty sunset, film grain"),
    ("steampunk", "steampunk, brass and copper, steam haze"),
    ("horror", "gothic horror, low key lighting, mist"),
    ("space_fantasy", "space fantasy, starfield, luminous nebula"),
];

/// Always-negative terms.
pub const NEGATIVE: &str =
    "blurry, low quality, extra limbs, deformed hands, watermark, text, signature, cropped";
