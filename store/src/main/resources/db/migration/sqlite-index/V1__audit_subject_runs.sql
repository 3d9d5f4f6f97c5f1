-- audit-index.db: the audit trail's index by subject, kept as sorted runs written in bulk instead of an
-- index entry per appended row (see AuditSubjectRuns for why), in a file of its own so that keeping it
-- never holds the lock of credence.db (see AuditSubjectIndex). Derived data: every run can be rebuilt
-- from the chained `audit` table of credence.db, which stays the record; the file may be deleted.
--
-- A run covers the entries first_seq..last_seq; the runs cover 1..max(last_seq) without gaps or
-- overlaps, and entries after that (the tail) are found by scanning `audit` itself. `last_hash` is the
-- hash of entry last_seq: it ties the runs to one trail, so that an index left beside another trail
-- (a database file restored from a copy, say) is recognised and rebuilt rather than trusted.
CREATE TABLE audit_runs (
    run       INTEGER PRIMARY KEY,
    level     INTEGER NOT NULL CHECK (level >= 0),
    first_seq INTEGER NOT NULL,
    last_seq  INTEGER NOT NULL,
    last_hash TEXT    NOT NULL,
    CHECK (first_seq <= last_seq)
);

-- One row per entry that concerns a subject, keyed so that a run's rows for one subject are
-- adjacent and in the trail's listing order (time, then chain order).
CREATE TABLE audit_run_entries (
    run          INTEGER NOT NULL,
    subject_hash TEXT    NOT NULL,
    at           TEXT    NOT NULL,
    seq          INTEGER NOT NULL,
    PRIMARY KEY (run, subject_hash, at, seq)
) WITHOUT ROWID;

-- A merge under way: the runs of `level` within first_seq..last_seq are being moved into `run`, the
-- subjects below `next_subject` already moved. Every entry is in exactly one of them at any time,
-- so queries read both. At most one row.
CREATE TABLE audit_merges (
    run          INTEGER PRIMARY KEY,
    level        INTEGER NOT NULL,
    first_seq    INTEGER NOT NULL,
    last_seq     INTEGER NOT NULL,
    last_hash    TEXT    NOT NULL,
    next_subject TEXT    NOT NULL
);
