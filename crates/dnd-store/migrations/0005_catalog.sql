-- The rules catalog: full text imported from public SRD data sets, one row per entry and source,
-- and the search analytics. Owned by the search and import modules; no other table depends on it.
CREATE TABLE catalog_entries (
    source      TEXT NOT NULL,            -- open5e, 5e-database, srd-markdown
    kind        TEXT NOT NULL,            -- spell, class, class-feature, creature, rule, section…
    id          TEXT NOT NULL,            -- the rules pack's id where one matches, else a slug
    name        TEXT NOT NULL,
    rules_id    TEXT,                     -- the pack id it is linked to (NULL: no pack entry)
    text        TEXT NOT NULL,            -- full text (Markdown)
    facets      TEXT NOT NULL,            -- JSON: level, school, classes, rarity, cr, type, tags
    origin      TEXT NOT NULL,            -- where in the data set (file and record key)
    licence     TEXT NOT NULL,
    imported_ms INTEGER NOT NULL,
    PRIMARY KEY (source, kind, id)
) WITHOUT ROWID;
CREATE INDEX catalog_by_kind ON catalog_entries (kind, id);

CREATE TABLE catalog_imports (
    source      TEXT PRIMARY KEY,
    dir         TEXT NOT NULL,
    entries     INTEGER NOT NULL,
    imported_ms INTEGER NOT NULL
);

CREATE TABLE search_queries (
    id        INTEGER PRIMARY KEY,
    time_ms   INTEGER NOT NULL,
    query     TEXT NOT NULL,              -- as typed
    normalized TEXT NOT NULL,             -- lowercased, spaces collapsed (what popularity counts)
    viewer    TEXT NOT NULL,
    filters   TEXT NOT NULL,              -- JSON
    hits      INTEGER NOT NULL,
    took_us   INTEGER NOT NULL
);
CREATE INDEX search_queries_by_text ON search_queries (normalized);
CREATE INDEX search_queries_zero ON search_queries (hits) WHERE hits = 0;
