-- A run's rows are kept in blocks of about 256 in key order, a row of audit_run_blocks each, instead of
-- a row of SQLite each (see AuditSubjectRuns for why). The runs of before are dropped rather than
-- converted: they are derived data, and the keeper writes them again from the trail, whose entries
-- queries read directly meanwhile (the keeper takes some 5 µs of CPU a row and rests as long again:
-- about 17 minutes for 100 million rows, during which a subject's query reads the trail's tail).
DROP TABLE audit_run_entries;
DROP TABLE audit_merges;
DELETE FROM audit_runs;

-- A block: rows of one run, keyed by the first of its subjects; every row of a subject in the run is in
-- the same block, so the block with the greatest first_subject not above a subject is the one that holds
-- it. body: see AuditRunBlock.
CREATE TABLE audit_run_blocks (
    run           INTEGER NOT NULL,
    first_subject TEXT    NOT NULL,
    body          BLOB    NOT NULL,
    PRIMARY KEY (run, first_subject)
) WITHOUT ROWID;

-- A merge under way: the runs of `level` within first_seq..last_seq are being moved into `run`, a
-- slice of subjects at a time; every row is in exactly one of them at any time, so queries read both.
-- At most one row.
CREATE TABLE audit_merges (
    run       INTEGER PRIMARY KEY,
    level     INTEGER NOT NULL,
    first_seq INTEGER NOT NULL,
    last_seq  INTEGER NOT NULL,
    last_hash TEXT    NOT NULL
);
