package org.credence.state;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.credence.record.RecordStream;
import org.credence.record.RecordSubmission;
import org.credence.record.StoredRecord;
import org.credence.store.RecordStore;

/**
 * A store that lets a test step in: its reads of facts fail when told to, or wait at a gate, and its
 * writes let another process go first. Everything else is the real store's.
 */
final class InterposedStore implements RecordStore {

    private final RecordStore store;
    /** Reads of facts still to fail, each after delivering {@link #deliverFirst} facts. */
    int failures;
    int deliverFirst;
    /** Runs just before the next write: another process storing records meanwhile. */
    Runnable beforeWrite = () -> { };
    /** Runs after a read of every fact from the first record on (a build of the whole index), on its thread. */
    Runnable afterWholeRead = () -> { };

    InterposedStore(RecordStore store) {
        this.store = store;
    }

    @Override
    public void forEachFact(long firstId, long lastId, Consumer<Fact> sink) {
        if (failures == 0) {
            store.forEachFact(firstId, lastId, sink);
            if (firstId == 1) {
                afterWholeRead.run();
            }
            return;
        }
        failures--;
        int[] delivered = {0};
        store.forEachFact(firstId, lastId, fact -> {
            if (delivered[0]++ == deliverFirst) {
                throw new IllegalStateException("the disk went away");
            }
            sink.accept(fact);
        });
        throw new IllegalStateException("the disk went away");
    }

    @Override
    public AppendResult append(List<RecordSubmission> submissions, Instant recordedAt, AuditedBy audit) {
        beforeWrite.run();
        beforeWrite = () -> { };
        return store.append(submissions, recordedAt, audit);
    }

    @Override
    public ImportResult importRecords(RecordStream stream, Instant recordedAt, AuditedBy audit,
                                      Consumer<List<StoredRecord>> numbered) {
        return store.importRecords(stream, recordedAt, audit, numbered);
    }

    @Override
    public void forEach(Consumer<StoredRecord> sink) {
        store.forEach(sink);
    }

    @Override
    public Optional<String> latestName(long[] recordIds) {
        return store.latestName(recordIds);
    }

    @Override
    public Optional<StoredRecord> record(long id) {
        return store.record(id);
    }

    @Override
    public RecordsVerification verifyRecords() {
        return store.verifyRecords();
    }

    @Override
    public long lastId() {
        return store.lastId();
    }
}
