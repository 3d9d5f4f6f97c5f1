-- An entry about many subjects at once (the decisions of one batch request) names none in
-- subject_hash and each here, with what came of it: a JSON array of [subject_hash, outcome] pairs.
-- Covered by the entry's hash under the encoding credence-audit-v2 (see SqliteAuditLog); NULL for
-- every other entry, whose hash stays credence-audit-v1.
ALTER TABLE audit ADD COLUMN items TEXT;
