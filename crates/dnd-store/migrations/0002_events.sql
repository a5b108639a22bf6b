-- dnd-store schema, step 2: the event log, subscribers, dead letters and the audit log.

CREATE TABLE events (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    time_ms   INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    subject   TEXT NOT NULL,
    actor     TEXT NOT NULL,
    payload   TEXT NOT NULL
);
CREATE INDEX events_subject ON events (subject, seq);

-- The last event seq each named subscriber has handled.
CREATE TABLE subscribers (
    name      TEXT PRIMARY KEY,
    last_seq  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE dead_letters (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    subscriber  TEXT NOT NULL,
    event_seq   INTEGER NOT NULL REFERENCES events (seq),
    attempts    INTEGER NOT NULL,
    error       TEXT NOT NULL,
    time_ms     INTEGER NOT NULL
);

CREATE TABLE audit (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    time_ms  INTEGER NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    target   TEXT NOT NULL,
    outcome  TEXT NOT NULL
);
CREATE INDEX audit_time ON audit (time_ms);
CREATE INDEX audit_actor ON audit (actor, time_ms);

CREATE INDEX refs_commit ON refs (commit_id);
CREATE INDEX commit_parents_parent ON commit_parents (parent_id);

-- The audit log is append-only: rows are never changed (only `prune_audit` deletes old ones).
CREATE TRIGGER audit_append_only BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
