-- The audit trail's index by subject moved to its own file, audit-index.db (see AuditSubjectIndex):
-- kept there by its own connection and thread, it never holds the lock the audit writer commits
-- under. The runs are derived data; the new file rebuilds them from the chained `audit` table.
DROP TABLE audit_merges;
DROP TABLE audit_run_entries;
DROP TABLE audit_runs;
