-- The audit trail: append-only, each entry chained to the one before by `previous_hash`, and `hash`
-- the SHA-256 of the entry's canonical encoding (see SqliteAuditLog). `seq` is the rowid and counts
-- 1, 2, 3... without gaps, so the table's own order is the chain's order.
-- Times are text in the fixed-width form of the other tables, so they sort as time does.
CREATE TABLE audit (
    seq           INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    role          TEXT NOT NULL,
    action        TEXT NOT NULL,
    -- The subject's keyed hash, never its identifier; NULL when the entry concerns no subject.
    subject_hash  TEXT,
    purpose       TEXT NOT NULL,
    outcome       TEXT NOT NULL,
    previous_hash TEXT NOT NULL,
    hash          TEXT NOT NULL
);

-- Entries are listed oldest first, ties in chain order. An index of a rowid table ends in the
-- rowid, so both indexes hold entries in exactly that order: a subject's history, or a stretch of
-- time, is read without sorting and without touching other entries.
CREATE INDEX audit_by_subject ON audit (subject_hash, at) WHERE subject_hash IS NOT NULL;
CREATE INDEX audit_by_time ON audit (at);
