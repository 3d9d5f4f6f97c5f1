package org.credence.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.credence.record.RecordState;
import org.credence.record.RecordSubmission;
import org.credence.record.StoredRecord;
import org.credence.store.Vault;

/**
 * The record inserts of one transaction, in order, each told as stored, duplicate or conflict.
 *
 * <p>Each record is inserted straight away and the unique (source, source_ref) index decides whether
 * it is new: an insert that changes no row met a stored record, which is then read back and compared.
 * New records, the common case, so cost one statement each, and conflicts are found in the same pass.
 * Ids are handed out here rather than by SQLite so that each outcome knows its id without a round trip;
 * the transaction holds the write lock, so no one else can take them.
 */
final class RecordInserts {

    /** What became of each record handed to {@link #insert}, by its index there. */
    interface Outcomes {
        void stored(int index, StoredRecord record, String subjectHash) throws SQLException;

        /** {@code existing} holds the same record (perhaps stored earlier in this very transaction). */
        void duplicate(int index, StoredRecord existing, String subjectHash) throws SQLException;

        /** {@code existing} holds a different record under the same (source, source_ref). */
        void conflict(int index, StoredRecord existing) throws SQLException;
    }

    private static final String MAX_ID = "SELECT coalesce(max(id), 0) FROM records";
    private static final String INSERT = "INSERT INTO records (" + RecordRows.INSERT_COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source, source_ref) DO NOTHING";
    private static final String BY_KEY =
            "SELECT " + RecordRows.COLUMNS + " FROM records WHERE source = ? AND source_ref = ?";

    private static final int SEAL_CHUNK = 4_096;
    /** Below this many records a batch is sealed on the calling thread: a fork costs more than it saves. */
    private static final int PARALLEL_FROM = 256;

    private final Database d;
    private final RecordRows rows;
    private final PreparedStatement insert;
    private final Instant recordedAt;
    private final String recordedText;
    private final long firstId;
    private long nextId;

    RecordInserts(Database d, Vault vault, Instant recordedAt) throws SQLException {
        this.d = d;
        this.rows = new RecordRows(vault);
        this.insert = d.prepare(INSERT);
        this.recordedAt = recordedAt;
        this.recordedText = Timestamps.format(recordedAt);
        try (ResultSet row = d.prepare(MAX_ID).executeQuery()) {
            row.next();
            this.firstId = row.getLong(1) + 1;
        }
        this.nextId = firstId;
    }

    /** The id the first record stored here took, or will take. */
    long firstId() {
        return firstId;
    }

    /** How many records were stored here so far. */
    long stored() {
        return nextId - firstId;
    }

    void insert(List<RecordSubmission> records, Outcomes outcomes) throws SQLException {
        CompletableFuture<RecordRows.Sealed[]> ahead = CompletableFuture.completedFuture(seal(rows, records, 0));
        for (int from = 0; from < records.size(); from += SEAL_CHUNK) {
            RecordRows.Sealed[] sealed = await(ahead);
            int next = from + SEAL_CHUNK;
            if (next < records.size()) {
                ahead = CompletableFuture.supplyAsync(() -> seal(rows, records, next));
            }
            for (int index = from; index < from + sealed.length; index++) {
                RecordSubmission record = records.get(index);
                RecordRows.Sealed columns = sealed[index - from];
                rows.bindNew(insert, nextId, record, columns, recordedText);
                if (insert.executeUpdate() == 1) {
                    outcomes.stored(index, new StoredRecord(nextId, record, recordedAt,
                            RecordState.RECORDED), columns.subjectHash());
                    nextId++;
                    continue;
                }
                // The stored record may be one added earlier in this very transaction. It is opened to
                // compare, since sealing the same text twice never gives the same bytes.
                StoredRecord existing = byKey(record);
                if (existing.submission().equals(record)) {
                    outcomes.duplicate(index, existing, columns.subjectHash());
                } else {
                    outcomes.conflict(index, existing);
                }
            }
        }
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

    private StoredRecord byKey(RecordSubmission record) throws SQLException {
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
