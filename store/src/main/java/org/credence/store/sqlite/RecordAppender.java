package org.credence.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.credence.record.RecordState;
import org.credence.record.RecordSubmission;
import org.credence.record.StoredRecord;
import org.credence.store.RecordStore.AppendResult;
import org.credence.store.RecordStore.Appended;
import org.credence.store.RecordStore.Conflict;
import org.credence.store.RecordStore.Conflicted;
import org.credence.store.RecordStore.Duplicate;
import org.credence.store.RecordStore.Outcome;
import org.credence.store.RecordStore.Stored;
import org.credence.store.Vault;

/**
 * Appends a batch of records in one transaction, all or nothing.
 *
 * <p>Each record is inserted straight away and the unique (source, source_ref) index decides whether
 * it is new: an insert that changes no row met a stored record, which is then read back and compared.
 * New records, the common case, so cost one statement each, and conflicts are found in the same pass
 * and all reported, after which the transaction is rolled back.
 */
final class RecordAppender {

    private static final String MAX_ID = "SELECT coalesce(max(id), 0) FROM records";
    private static final String INSERT = "INSERT INTO records (" + RecordRows.INSERT_COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source, source_ref) DO NOTHING";
    private static final String BY_KEY =
            "SELECT " + RecordRows.COLUMNS + " FROM records WHERE source = ? AND source_ref = ?";

    /** The index by subject hash, which a large append builds after its rows (see {@link DeferredIndex}). */
    private static final String SUBJECT_INDEX = "records_by_subject";

    private static final int SEAL_CHUNK = 4_096;
    /** Below this many records a batch is sealed on the calling thread: a fork costs more than it saves. */
    private static final int PARALLEL_FROM = 256;

    private final Database db;
    private final Vault vault;

    RecordAppender(Database db, Vault vault) {
        this.db = db;
        this.vault = vault;
    }

    AppendResult append(List<RecordSubmission> records, Instant recordedAt) {
        return db.transaction((d, transaction) -> records.size() >= Database.LARGE_BATCH
                ? d.withLargeCache(cached -> insert(cached, transaction, records, recordedAt))
                : insert(d, transaction, records, recordedAt));
    }

    private AppendResult insert(Database d, Database.Transaction transaction, List<RecordSubmission> records,
                                Instant recordedAt) throws SQLException {
        String recordedText = Timestamps.format(recordedAt);
        // Ids are handed out here rather than by SQLite so that each outcome knows its id without
        // a round trip; the transaction holds the write lock, so no one else can take them.
        long nextId = maxId(d) + 1;
        DeferredIndex bySubject = DeferredIndex.worthIt(records.size(), nextId - 1)
                ? DeferredIndex.drop(d, SUBJECT_INDEX) : null;
        PreparedStatement insert = d.prepare(INSERT);
        RecordRows rows = new RecordRows(vault);
        List<Outcome> outcomes = new ArrayList<>(records.size());
        List<Conflict> conflicts = new ArrayList<>();
        CompletableFuture<RecordRows.Sealed[]> ahead = CompletableFuture.completedFuture(seal(rows, records, 0));
        for (int from = 0; from < records.size(); from += SEAL_CHUNK) {
            RecordRows.Sealed[] sealed = await(ahead);
            int next = from + SEAL_CHUNK;
            if (next < records.size()) {
                ahead = CompletableFuture.supplyAsync(() -> seal(rows, records, next));
            }
            for (int index = from; index < from + sealed.length; index++) {
                RecordSubmission record = records.get(index);
                rows.bindNew(insert, nextId, record, sealed[index - from], recordedText);
                if (insert.executeUpdate() == 1) {
                    outcomes.add(new Stored(new StoredRecord(nextId, record, recordedAt, RecordState.RECORDED)));
                    nextId++;
                    continue;
                }
                // The stored record may be one added earlier in this very batch: equal content makes
                // the later one its duplicate, different content is a conflict like any other (the
                // caller normally refuses such a batch before it gets here). The stored record is
                // opened to compare, since sealing the same text twice never gives the same bytes.
                StoredRecord existing = byKey(d, rows, record);
                if (existing.submission().equals(record)) {
                    outcomes.add(new Duplicate(existing));
                } else {
                    conflicts.add(new Conflict(index, existing));
                }
            }
        }
        if (!conflicts.isEmpty()) {
            // The rollback brings back the index too.
            transaction.rollbackOnly();
            return new Conflicted(conflicts);
        }
        if (bySubject != null) {
            bySubject.rebuild(d);
        }
        return new Appended(outcomes);
    }

    /**
     * Hashes and seals the records from {@code from} on, at most {@link #SEAL_CHUNK} of them. Each record's
     * keyed hash and three AES-GCM seals are independent of every other record's, and were half of the
     * Java time of a large append on one core; so the next chunk is sealed on another core while this
     * one's rows are inserted, in order, on the transaction's thread. A chunk bounds the sealed values
     * held at once.
     */
    private static RecordRows.Sealed[] seal(RecordRows rows, List<RecordSubmission> records, int from) {
        RecordRows.Sealed[] sealed = new RecordRows.Sealed[Math.min(SEAL_CHUNK, records.size() - from)];
        if (sealed.length < PARALLEL_FROM) {
            for (int i = 0; i < sealed.length; i++) {
                sealed[i] = rows.seal(records.get(from + i));
            }
        } else {
            IntStream.range(0, sealed.length).parallel().forEach(i -> sealed[i] = rows.seal(records.get(from + i)));
        }
        return sealed;
    }

    private static RecordRows.Sealed[] await(CompletableFuture<RecordRows.Sealed[]> sealed) {
        try {
            return sealed.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static long maxId(Database d) throws SQLException {
        try (ResultSet row = d.prepare(MAX_ID).executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static StoredRecord byKey(Database d, RecordRows rows, RecordSubmission record) throws SQLException {
        PreparedStatement query = d.prepare(BY_KEY);
        query.setString(1, record.source());
        query.setString(2, record.sourceRef());
        try (ResultSet row = query.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("insert of " + record.source() + "/" + record.sourceRef()
                        + " changed nothing, yet no record has that key");
            }
            return rows.read(row);
        }
    }
}
