-- A notice's legal basis and its words on how to contest are each one of a few texts, shared by every
-- notice of a list or a record type: 600 of a listing notice's 870 bytes. Each text is kept once in
-- notice_texts, and the rows, now notice_rows, name them by number. notices stays what delivery
-- adapters read (V3), with the same columns and texts, as a view (BENCHMARKS.md, fifteenth round).
CREATE TABLE notice_texts (
    id   INTEGER PRIMARY KEY,
    text TEXT    NOT NULL UNIQUE
);

INSERT INTO notice_texts (text) SELECT legal_basis FROM notices UNION SELECT how_to_contest FROM notices;

CREATE TABLE notice_rows (
    id                  INTEGER PRIMARY KEY,
    subject_hash        TEXT    NOT NULL,
    at                  TEXT    NOT NULL,
    kind                TEXT    NOT NULL CHECK (kind IN ('listed', 'dispute_resolved', 'repair_decided')),
    what                TEXT    NOT NULL,
    why                 TEXT    NOT NULL,
    legal_basis_text    INTEGER NOT NULL REFERENCES notice_texts (id),
    until               TEXT,
    how_to_contest_text INTEGER NOT NULL REFERENCES notice_texts (id)
);
INSERT INTO notice_rows (id, subject_hash, at, kind, what, why, legal_basis_text, until, how_to_contest_text)
    SELECT n.id, n.subject_hash, n.at, n.kind, n.what, n.why, b.id, n.until, h.id
    FROM notices n JOIN notice_texts b ON b.text = n.legal_basis JOIN notice_texts h ON h.text = n.how_to_contest
    ORDER BY n.id;
DROP TABLE notices;
CREATE INDEX notice_rows_by_subject ON notice_rows (subject_hash, id);

CREATE VIEW notices AS
    SELECT n.id, n.subject_hash, n.at, n.kind, n.what, n.why, b.text AS legal_basis, n.until, h.text AS how_to_contest
    FROM notice_rows n
    JOIN notice_texts b ON b.id = n.legal_basis_text
    JOIN notice_texts h ON h.id = n.how_to_contest_text;
