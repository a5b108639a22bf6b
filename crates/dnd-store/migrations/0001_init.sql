-- dnd-store schema, step 1: characters, their versions, refs, documents and assets.

CREATE TABLE characters (
    id          TEXT PRIMARY KEY,
    owner       TEXT NOT NULL,
    name        TEXT NOT NULL,
    created_ms  INTEGER NOT NULL,
    updated_ms  INTEGER NOT NULL,
    deleted_ms  INTEGER
) WITHOUT ROWID;
CREATE INDEX characters_owner ON characters (owner);

-- Character snapshots, content-addressed (SHA-256 of canonical JSON), deflate-compressed.
CREATE TABLE objects (
    id    TEXT PRIMARY KEY,
    data  BLOB NOT NULL
) WITHOUT ROWID;

-- Commits: `body` is the canonical JSON of the commit body, hashing to `id`.
-- `object_id` is not a foreign key: `prune_versions` may drop the snapshot of an old version.
CREATE TABLE commits (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    id            TEXT NOT NULL UNIQUE,
    character_id  TEXT NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    object_id     TEXT NOT NULL,
    timestamp     INTEGER NOT NULL,
    body          TEXT NOT NULL
);
CREATE INDEX commits_character ON commits (character_id, seq);

CREATE TABLE commit_parents (
    commit_id  TEXT NOT NULL REFERENCES commits (id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    parent_id  TEXT NOT NULL,
    PRIMARY KEY (commit_id, idx)
) WITHOUT ROWID;

-- Branches and tags of a character.
CREATE TABLE refs (
    character_id  TEXT NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('branch', 'tag')),
    name          TEXT NOT NULL,
    commit_id     TEXT NOT NULL REFERENCES commits (id),
    PRIMARY KEY (character_id, kind, name)
) WITHOUT ROWID;

-- Generic JSON documents: proposals, themes, campaigns.
CREATE TABLE documents (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    owner       TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_ms  INTEGER NOT NULL,
    updated_ms  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX documents_kind_owner ON documents (kind, owner);

-- Blobs, addressed by the SHA-256 of their bytes.
CREATE TABLE assets (
    id            TEXT PRIMARY KEY,
    owner         TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    kind          TEXT NOT NULL,
    size          INTEGER NOT NULL,
    tags          TEXT NOT NULL,
    created_ms    INTEGER NOT NULL,
    data          BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE asset_links (
    asset_id  TEXT NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    subject   TEXT NOT NULL,
    PRIMARY KEY (asset_id, subject)
) WITHOUT ROWID;
