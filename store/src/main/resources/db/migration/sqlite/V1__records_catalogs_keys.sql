-- Records are immutable events: rows are only ever inserted, and only `state` changes afterwards.
-- `id` is the rowid, so reading in id order is a walk of the table itself.
CREATE TABLE records (
    id                  INTEGER PRIMARY KEY,
    source              TEXT    NOT NULL,
    source_ref          TEXT    NOT NULL,
    -- Who the record is about, as the keyed hash of the id (HMAC-SHA-256): looked up by, never
    -- reversed without the key file. The id, the name and the details, which may name people too, are
    -- sealed (AES-GCM) so they can be shown again; this file alone identifies nobody.
    subject_hash        TEXT    NOT NULL,
    subject_id_sealed   BLOB    NOT NULL,
    subject_kind        TEXT    NOT NULL CHECK (subject_kind IN ('person', 'organization')),
    subject_name_sealed BLOB,
    type                TEXT    NOT NULL,
    occurred_at         TEXT    NOT NULL CHECK (occurred_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    -- Canonical JSON (keys sorted) before sealing, so equal details open to equal text.
    details_sealed      BLOB,
    recorded_at         TEXT    NOT NULL,
    state               TEXT    NOT NULL DEFAULT 'recorded' CHECK (state IN ('recorded', 'annulled', 'repaired')),
    -- The idempotency key: a source may resend a record any number of times.
    UNIQUE (source, source_ref)
);

CREATE INDEX records_by_subject ON records (subject_hash);

-- Made with the keys on the first start, so that a later start with a lost or different key file is
-- refused instead of sealing new data under keys that cannot read the old.
CREATE TABLE vault_check (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    hash_check TEXT NOT NULL,
    seal_check BLOB NOT NULL
);

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

-- Only the SHA-256 of a key's secret is kept. A subject key is bound to its subject, kept like a
-- record's: the keyed hash to look up by, the id sealed to show.
CREATE TABLE api_keys (
    key_hash       TEXT PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,
    role           TEXT NOT NULL CHECK (role IN ('agency', 'partner', 'operator', 'auditor', 'subject')),
    -- Space-separated codes, sorted; empty means no restriction within the role.
    scopes         TEXT NOT NULL,
    subject_hash   TEXT,
    subject_sealed BLOB,
    created_at     TEXT NOT NULL,
    CHECK ((role = 'subject') = (subject_hash IS NOT NULL) AND (role = 'subject') = (subject_sealed IS NOT NULL))
) WITHOUT ROWID;

CREATE INDEX api_keys_by_subject ON api_keys (subject_hash) WHERE subject_hash IS NOT NULL;
