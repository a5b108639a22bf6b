-- dnd-store schema, step 3: fewer B-tree writes per saved version.
--
-- A version's parents are listed in its commit body (canonical JSON, hashed into the commit
-- id), so the `commit_parents` copy of them goes: history walks read the bodies. Its two
-- B-trees were keyed by random commit hashes, each insert dirtying a page of its own.
DROP INDEX commit_parents_parent;
DROP TABLE commit_parents;

-- Events are read by sequence number only; nothing looks them up by subject.
DROP INDEX events_subject;

-- Refs without the foreign key to `commits` and its index `refs_commit` (keyed by a random
-- commit hash, rewritten twice each time a branch moves). Every write checks the commit a ref
-- names before writing it, purge deletes a character's refs before its commits, and `verify`
-- reports a ref whose commit is missing.
CREATE TABLE refs_v3 (
    character_id  TEXT NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('branch', 'tag')),
    name          TEXT NOT NULL,
    commit_id     TEXT NOT NULL,
    PRIMARY KEY (character_id, kind, name)
) WITHOUT ROWID;
INSERT INTO refs_v3 (character_id, kind, name, commit_id)
    SELECT character_id, kind, name, commit_id FROM refs;
DROP TABLE refs;
ALTER TABLE refs_v3 RENAME TO refs;

-- Objects in a rowid table: the compressed snapshots (hundreds of bytes each) are appended in
-- the order they are saved, and only the small `UNIQUE (id)` index takes a random insert per
-- new object. As a WITHOUT ROWID table keyed by the hash, each insert landed on a random page
-- holding a handful of snapshots and split it every few inserts.
CREATE TABLE objects_v3 (
    rid   INTEGER PRIMARY KEY,
    id    TEXT NOT NULL UNIQUE,
    data  BLOB NOT NULL
);
INSERT INTO objects_v3 (id, data) SELECT id, data FROM objects ORDER BY id;
DROP TABLE objects;
ALTER TABLE objects_v3 RENAME TO objects;
