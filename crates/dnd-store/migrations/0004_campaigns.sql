-- dnd-store schema, step 4: campaigns with their own versions (the character commit format:
-- canonical JSON hashed with SHA-256), branches and tags, merge requests, journals and the
-- reversion records of campaign events. Only new tables: nothing here depends on the columns
-- of the character tables.

CREATE TABLE campaigns (
    id          TEXT PRIMARY KEY,
    owner       TEXT NOT NULL,
    title       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    state       TEXT NOT NULL,
    created_ms  INTEGER NOT NULL,
    updated_ms  INTEGER NOT NULL,
    deleted_ms  INTEGER
) WITHOUT ROWID;
CREATE INDEX campaigns_owner ON campaigns (owner, id);

-- Campaign snapshots, content-addressed, deflate-compressed canonical JSON.
CREATE TABLE campaign_objects (
    id    TEXT PRIMARY KEY,
    data  BLOB NOT NULL
) WITHOUT ROWID;

-- `body` is the canonical JSON of the commit body (parents included), hashing to `id`.
CREATE TABLE campaign_commits (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    campaign_id  TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    object_id    TEXT NOT NULL,
    timestamp    INTEGER NOT NULL,
    body         TEXT NOT NULL
);
CREATE INDEX campaign_commits_campaign ON campaign_commits (campaign_id, seq);

CREATE TABLE campaign_refs (
    campaign_id  TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('branch', 'tag')),
    name         TEXT NOT NULL,
    commit_id    TEXT NOT NULL REFERENCES campaign_commits (id),
    PRIMARY KEY (campaign_id, kind, name)
) WITHOUT ROWID;

CREATE TABLE merge_requests (
    id           TEXT PRIMARY KEY,
    campaign_id  TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    status       TEXT NOT NULL,
    body         TEXT NOT NULL,
    created_ms   INTEGER NOT NULL,
    updated_ms   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX merge_requests_campaign ON merge_requests (campaign_id, created_ms);

-- Journal entries, one row each, in the order written.
CREATE TABLE journals (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    campaign_id   TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    character_id  TEXT NOT NULL,
    body          TEXT NOT NULL,
    created_ms    INTEGER NOT NULL
);
CREATE INDEX journals_campaign_character ON journals (campaign_id, character_id, seq);

-- What a campaign event did to a character version, so it can be reverted exactly.
CREATE TABLE campaign_reversions (
    id            TEXT PRIMARY KEY,
    campaign_id   TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    character_id  TEXT NOT NULL,
    body          TEXT NOT NULL,
    created_ms    INTEGER NOT NULL,
    reverted_ms   INTEGER
) WITHOUT ROWID;
CREATE INDEX campaign_reversions_campaign ON campaign_reversions (campaign_id, created_ms);
