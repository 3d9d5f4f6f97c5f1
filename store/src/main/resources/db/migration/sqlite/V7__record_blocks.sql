-- Records are kept in blocks, one row per write of up to 1,024 records, instead of a row each (see
-- RecordBlock for why and for the body's encoding). Blocks never change once written; the audit entry
-- of the write that stored one (audit_seq) carries the SHA-256 of its body.
CREATE TABLE record_blocks (
    first_id    INTEGER PRIMARY KEY,
    last_id     INTEGER NOT NULL,
    audit_seq   INTEGER NOT NULL,
    body        BLOB    NOT NULL,
    CHECK (first_id <= last_id)
);

-- The idempotency key of every record: a source may resend a record any number of times.
CREATE TABLE record_refs (
    source     TEXT    NOT NULL,
    source_ref TEXT    NOT NULL,
    id         INTEGER NOT NULL,
    PRIMARY KEY (source, source_ref)
) WITHOUT ROWID;

-- The one thing about a record that changes: a row only for a record annulled or repaired.
CREATE TABLE record_states (
    id    INTEGER PRIMARY KEY,
    state TEXT    NOT NULL CHECK (state IN ('annulled', 'repaired'))
);

-- What SQL alone can carry over from the rows of before; the store moves the rest into blocks when it
-- first opens the file (LegacyRecords), since their sealed fields are sealed again there, and then
-- drops the old table.
INSERT INTO record_refs (source, source_ref, id) SELECT source, source_ref, id FROM records;
INSERT INTO record_states (id, state) SELECT id, state FROM records WHERE state <> 'recorded';

-- Disputes and repairs referred to the old table by a foreign key; a block's records have no row to
-- refer to, so both tables are rebuilt without it (the store checks that a record exists first).
CREATE TABLE disputes_v7 (
    id             INTEGER PRIMARY KEY,
    record_id      INTEGER NOT NULL,
    subject_hash   TEXT    NOT NULL,
    subject_sealed BLOB    NOT NULL,
    reason_sealed  BLOB    NOT NULL,
    opened_by      TEXT    NOT NULL,
    opened_role    TEXT    NOT NULL,
    opened_at      TEXT    NOT NULL,
    deadline       TEXT    NOT NULL,
    status         TEXT    NOT NULL CHECK (status IN ('open', 'upheld', 'rejected')),
    resolved_by    TEXT,
    resolved_role  TEXT,
    resolved_at    TEXT,
    note_sealed    BLOB
);
INSERT INTO disputes_v7 SELECT * FROM disputes;
DROP TABLE disputes;
ALTER TABLE disputes_v7 RENAME TO disputes;
CREATE UNIQUE INDEX disputes_one_open ON disputes (record_id) WHERE status = 'open';
CREATE INDEX disputes_queue ON disputes (status, deadline, id);

CREATE TABLE repairs_v7 (
    id              INTEGER PRIMARY KEY,
    record_id       INTEGER NOT NULL,
    subject_hash    TEXT    NOT NULL,
    subject_sealed  BLOB    NOT NULL,
    evidence_sealed BLOB    NOT NULL,
    requested_by    TEXT    NOT NULL,
    requested_role  TEXT    NOT NULL,
    requested_at    TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('requested', 'approved', 'refused')),
    decided_by      TEXT,
    decided_role    TEXT,
    decided_at      TEXT,
    note_sealed     BLOB
);
INSERT INTO repairs_v7 SELECT * FROM repairs;
DROP TABLE repairs;
ALTER TABLE repairs_v7 RENAME TO repairs;
CREATE UNIQUE INDEX repairs_one_pending ON repairs (record_id) WHERE status = 'requested';
CREATE INDEX repairs_queue ON repairs (status, id);
