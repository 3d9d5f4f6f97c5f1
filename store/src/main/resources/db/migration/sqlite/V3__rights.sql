-- Disputes, repairs and notices. Subjects are keyed hashes; their ids and any free text they or an
-- operator wrote are sealed (AES-GCM), so the file alone names nobody.
CREATE TABLE disputes (
    id             INTEGER PRIMARY KEY,
    record_id      INTEGER NOT NULL REFERENCES records (id),
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

-- One open dispute per record at a time.
CREATE UNIQUE INDEX disputes_one_open ON disputes (record_id) WHERE status = 'open';
CREATE INDEX disputes_queue ON disputes (status, deadline, id);

CREATE TABLE repairs (
    id              INTEGER PRIMARY KEY,
    record_id       INTEGER NOT NULL REFERENCES records (id),
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

CREATE UNIQUE INDEX repairs_one_pending ON repairs (record_id) WHERE status = 'requested';
CREATE INDEX repairs_queue ON repairs (status, id);

-- The outbox: delivery adapters (mail, SMS) read from here; the table is the contract.
CREATE TABLE notices (
    id             INTEGER PRIMARY KEY,
    subject_hash   TEXT    NOT NULL,
    at             TEXT    NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('listed', 'dispute_resolved', 'repair_decided')),
    what           TEXT    NOT NULL,
    why            TEXT    NOT NULL,
    legal_basis    TEXT    NOT NULL,
    until          TEXT,
    how_to_contest TEXT    NOT NULL
);

CREATE INDEX notices_by_subject ON notices (subject_hash, id);
