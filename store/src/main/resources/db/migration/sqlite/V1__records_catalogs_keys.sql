-- Records are immutable events: rows are only ever inserted, and only `state` changes afterwards.
-- `id` is the rowid, so reading in id order is a walk of the table itself.
CREATE TABLE records (
    id           INTEGER PRIMARY KEY,
    source       TEXT    NOT NULL,
    source_ref   TEXT    NOT NULL,
    subject_id   TEXT    NOT NULL,
    subject_kind TEXT    NOT NULL CHECK (subject_kind IN ('person', 'organization')),
    subject_name TEXT,
    type         TEXT    NOT NULL,
    occurred_at  TEXT    NOT NULL CHECK (occurred_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    -- Canonical JSON (keys sorted), so equal details are equal text.
    details      TEXT,
    recorded_at  TEXT    NOT NULL,
    state        TEXT    NOT NULL DEFAULT 'recorded' CHECK (state IN ('recorded', 'annulled', 'repaired')),
    -- The idempotency key: a source may resend a record any number of times.
    UNIQUE (source, source_ref)
);

CREATE INDEX records_by_subject ON records (subject_id);

-- A published catalog version never changes, so its source text is kept verbatim.
CREATE TABLE catalogs (
    catalog_id TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    source     TEXT    NOT NULL,
    loaded_at  TEXT    NOT NULL,
    active     INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
    PRIMARY KEY (catalog_id, version)
);

-- At most one active row; activation switches the flag inside one transaction, so once a catalog
-- is loaded exactly one stays active.
CREATE UNIQUE INDEX catalogs_single_active ON catalogs (active) WHERE active = 1;

-- Only the SHA-256 of a key's secret is kept.
CREATE TABLE api_keys (
    key_hash   TEXT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    role       TEXT NOT NULL CHECK (role IN ('agency', 'partner', 'operator', 'auditor')),
    -- Space-separated codes, sorted; empty means no restriction within the role.
    scopes     TEXT NOT NULL,
    created_at TEXT NOT NULL
) WITHOUT ROWID;
