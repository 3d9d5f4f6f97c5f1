package org.credence.store.sqlite;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.credence.record.RecordStream;
import org.credence.record.RecordSubmission;
import org.credence.record.StoredRecord;
import org.credence.store.RecordStore.AppendResult;
import org.credence.store.RecordStore.Appended;
import org.credence.store.RecordStore.Conflict;
import org.credence.store.RecordStore.Conflicted;
import org.credence.store.RecordStore.Duplicate;
import org.credence.store.RecordStore.AuditedBy;
import org.credence.store.RecordStore.CatalogChanged;
import org.credence.store.RecordStore.ImportRejected;
import org.credence.store.RecordStore.ImportResult;
import org.credence.store.RecordStore.Imported;
import org.credence.store.RecordStore.LineConflict;
import org.credence.store.RecordStore.Outcome;
import org.credence.store.RecordStore.Stored;
import org.credence.store.Vault;

/**
 * Stores records in one transaction, all or nothing: a batch held in memory, or a stream read as it is
 * stored.
 *
 * <p>The audit entries, one per block of records ({@link RecordInserts}), are chained in the records'
 * own transaction: a crash can leave neither records without their entries nor entries without their
 * records, and the import pays one commit. A stream is stored without knowing its length, so the page cache is enlarged once
 * the records read so far make it worth it.
 */
final class RecordAppender {

    private final Database db;
    private final Vault vault;

    RecordAppender(Database db, Vault vault) {
        this.db = db;
        this.vault = vault;
    }

    AppendResult append(List<RecordSubmission> records, Instant recordedAt, AuditedBy audit) {
        return db.transaction((d, transaction) -> {
            Optional<CatalogChanged> changed = catalogChanged(d, audit);
            if (changed.isPresent()) {
                return changed.get();
            }
            return records.size() >= Database.LARGE_BATCH
                    ? d.withLargeCache(cached -> append(cached, transaction, records, recordedAt, audit))
                    : append(d, transaction, records, recordedAt, audit);
        });
    }

    /**
     * Whether the catalog version the records were checked under has been replaced as the active one.
     * Asked first in the write's transaction, which holds the write lock from its start: nothing is
     * written in vain, and no other process can activate a version between this look and the commit. A
     * store where no version was ever activated has had no change to miss.
     */
    private static Optional<CatalogChanged> catalogChanged(Database d, AuditedBy audit) throws SQLException {
        return SqliteCatalogs.activeVersion(d).filter(active -> !active.equals(audit.checkedUnder()))
                .map(active -> new CatalogChanged(audit.checkedUnder(), active));
    }

    private AppendResult append(Database d, Database.Transaction transaction, List<RecordSubmission> records,
                                Instant recordedAt, AuditedBy audit) throws SQLException {
        RecordInserts inserts = new RecordInserts(d, vault, recordedAt, audit);
        List<Outcome> outcomes = new ArrayList<>(records.size());
        List<Conflict> conflicts = new ArrayList<>();
        inserts.insert(records, new RecordInserts.Outcomes() {
            @Override
            public void stored(int index, StoredRecord record) {
                outcomes.add(new Stored(record));
            }

            @Override
            public void duplicate(int index, StoredRecord existing) {
                outcomes.add(new Duplicate(existing));
            }

            @Override
            public void conflict(int index, StoredRecord existing) {
                conflicts.add(new Conflict(index, existing));
            }
        });
        if (!conflicts.isEmpty()) {
            transaction.rollbackOnly();
            return new Conflicted(conflicts);
        }
        inserts.finish();
        return new Appended(outcomes);
    }

    ImportResult importRecords(RecordStream stream, Instant recordedAt, AuditedBy audit,
                               Consumer<List<StoredRecord>> numbered) {
        return db.transaction((d, transaction) -> {
            Optional<CatalogChanged> changed = catalogChanged(d, audit);
            if (changed.isPresent()) {
                return changed.get();
            }
            StreamImport run = new StreamImport(d, recordedAt, audit, numbered);
            try {
                for (var chunk = stream.next(); chunk.isPresent(); chunk = stream.next()) {
                    run.add(chunk.get());
                }
                if (!stream.problems().isEmpty() || !run.conflicts.isEmpty()) {
                    transaction.rollbackOnly();
                    return new ImportRejected(run.conflicts);
                }
                return run.finish();
            } finally {
                run.close();
            }
        });
    }

    /** One stream's import inside its transaction. */
    private final class StreamImport implements RecordInserts.Outcomes {
        private final Database d;
        private final RecordInserts inserts;
        private final Consumer<List<StoredRecord>> numbered;
        private final List<LineConflict> conflicts = new ArrayList<>();
        /** The chunk's new records, for {@link #numbered}, unless a conflict has doomed the import. */
        private List<StoredRecord> stored = new ArrayList<>();
        // The line of each record stored here, by id less the first id: a later line conflicting with it
        // is reported against the line, as a file's author would look for it.
        private int[] storedLines = new int[1024];
        private long records;
        private RecordStream.Chunk chunk;
        private boolean largeCache;

        StreamImport(Database d, Instant recordedAt, AuditedBy audit, Consumer<List<StoredRecord>> numbered)
                throws SQLException {
            this.d = d;
            this.inserts = new RecordInserts(d, vault, recordedAt, audit);
            this.numbered = numbered;
        }

        void add(RecordStream.Chunk next) throws SQLException {
            chunk = next;
            // Decided before the chunk's rows go in, counting them: a request's batch is one chunk.
            long after = records + next.size();
            if (!largeCache && after >= Database.LARGE_BATCH) {
                d.largeCache(true);
                largeCache = true;
            }
            inserts.insert(next.records(), this);
            records = after;
            if (!stored.isEmpty()) {
                if (conflicts.isEmpty()) {
                    numbered.accept(stored);
                }
                stored = new ArrayList<>();
            }
        }

        /** Gives back the large page cache, if the import grew to need it. */
        void close() throws SQLException {
            if (largeCache) {
                d.largeCache(false);
            }
        }

        Imported finish() throws SQLException {
            inserts.finish();
            long first = inserts.firstId();
            return new Imported(records, inserts.stored(), first, first + inserts.stored() - 1);
        }

        @Override
        public void stored(int index, StoredRecord record) {
            int offset = Math.toIntExact(record.id() - inserts.firstId());
            if (offset == storedLines.length) {
                storedLines = Arrays.copyOf(storedLines, offset * 2);
            }
            storedLines[offset] = chunk.lines()[index];
            stored.add(record);
        }

        @Override
        public void duplicate(int index, StoredRecord existing) {
            // audited by the slice's entry; nothing to keep
        }

        @Override
        public void conflict(int index, StoredRecord existing) {
            long offset = existing.id() - inserts.firstId();
            conflicts.add(new LineConflict(chunk.lines()[index], existing.id(),
                    offset >= 0 ? OptionalInt.of(storedLines[(int) offset]) : OptionalInt.empty()));
        }
    }
}
