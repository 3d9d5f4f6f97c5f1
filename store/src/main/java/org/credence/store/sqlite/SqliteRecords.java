package org.credence.store.sqlite;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
    public ImportResult importRecords(RecordStream stream, Instant recordedAt, AuditedBy audit,
                                      Consumer<List<StoredRecord>> numbered) {
        return appender.importRecords(stream, recordedAt, audit, numbered);
    }

    @Override
    public void forEach(Consumer<StoredRecord> sink) {
        // Pages of blocks rather than one long cursor: the sink runs outside the lock, and no read
        // transaction stays open long enough to stop the log from being checkpointed.
        long after = 0;
        while (true) {
            long from = after;
            List<StoredRecord> page = db.read(d -> {
                List<RecordBlock> blocks = RecordBlocks.page(d, from, Long.MAX_VALUE, RecordBlocks.PAGE_BLOCKS);
                Map<Long, RecordState> states = RecordBlocks.states(d, blocks);
                List<StoredRecord> records = new ArrayList<>();
                for (RecordBlock block : blocks) {
                    records.addAll(block.records(vault, states));
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
        long[] ascending = recordIds.clone();
        Arrays.sort(ascending);
        return db.read(d -> {
            // A subject has a handful of records, tried newest first; only a block's names are opened.
            for (int i = ascending.length - 1; i >= 0; i--) {
                long id = ascending[i];
                Optional<String> name = RecordBlocks.containing(d, id)
                        .flatMap(block -> block.name(vault, (int) (id - block.firstId())));
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

    /** See {@link SqliteStore#setState}. */
    boolean setState(long id, RecordState state) {
        return db.transaction((d, transaction) -> RecordBlocks.setState(d, id, state));
    }

    @Override
    public long lastId() {
        return db.read(RecordBlocks::lastId);
    }
}
