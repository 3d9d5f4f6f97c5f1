package org.credence.store.sqlite;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.credence.record.RecordState;
import org.credence.record.RecordStream;
import org.credence.record.RecordSubmission;
import org.credence.record.StoredRecord;
import org.credence.store.RecordStore;
import org.credence.store.Vault;

/** The records, kept in {@link RecordBlock}s. */
final class SqliteRecords implements RecordStore {

    /**
     * Blocks handed to {@link #forEach} per trip to the database: enough to amortise the query, few
     * enough that the lock is free for writers between pages and memory stays flat.
     */
    static final int PAGE_BLOCKS = 16;

    private static final String COUNT = "SELECT coalesce(sum(last_id - first_id + 1), 0) FROM record_blocks";

    private final Database db;
    private final Vault vault;
    private final RecordAppender appender;

    SqliteRecords(Database db, Vault vault) {
        this.db = db;
        this.vault = vault;
        this.appender = new RecordAppender(db, vault);
    }

    @Override
    public AppendResult append(List<RecordSubmission> records, Instant recordedAt, AuditedBy audit) {
        return appender.append(records, recordedAt, audit);
    }

    @Override
    public ImportResult importRecords(RecordStream stream, Instant recordedAt, AuditedBy audit) {
        return appender.importRecords(stream, recordedAt, audit);
    }

    @Override
    public void forEach(Consumer<StoredRecord> sink) {
        // Pages of blocks rather than one long cursor: the sink runs outside the lock, and no read
        // transaction stays open long enough to stop the log from being checkpointed.
        long after = 0;
        while (true) {
            long from = after;
            List<StoredRecord> page = db.read(d -> {
                List<StoredRecord> records = new ArrayList<>();
                for (RecordBlock block : RecordBlocks.page(d, from, Long.MAX_VALUE, PAGE_BLOCKS)) {
                    records.addAll(block.records(vault, RecordBlocks.states(d, block.firstId(), block.lastId())));
                }
                return records;
            });
            if (page.isEmpty()) {
                return;
            }
            page.forEach(sink);
            after = page.getLast().id();
        }
    }

    @Override
    public void forEachFact(long firstId, long lastId, Consumer<Fact> sink) {
        new FactReader(db, vault).forEach(firstId, lastId, sink);
    }

    @Override
    public Optional<String> latestName(long[] recordIds) {
        long[] newestFirst = recordIds.clone();
        Arrays.sort(newestFirst);
        return db.read(d -> {
            // A subject has a handful of records, newest first; the cursor opens each block once.
            RecordBlocks.Cursor records = new RecordBlocks.Cursor(vault);
            for (int i = newestFirst.length - 1; i >= 0; i--) {
                Optional<String> name = records.record(d, newestFirst[i]).flatMap(r -> r.submission().subject().name());
                if (name.isPresent()) {
                    return name;
                }
            }
            return Optional.<String>empty();
        });
    }

    @Override
    public Optional<StoredRecord> record(long id) {
        return db.read(d -> new RecordBlocks.Cursor(vault).record(d, id));
    }

    @Override
    public RecordsVerification verifyRecords() {
        return new RecordVerifier(db).verify();
    }

    @Override
    public boolean setState(long id, RecordState state) {
        return db.read(d -> RecordBlocks.setState(d, id, state));
    }

    @Override
    public long count() {
        return db.read(d -> {
            try (ResultSet row = d.prepare(COUNT).executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }
}
