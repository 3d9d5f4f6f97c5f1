package org.credence.store.sqlite;

import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.credence.record.RecordState;
import org.credence.record.RecordSubmission;
import org.credence.record.StoredRecord;
import org.credence.store.AuditLog.AuditEvent;
import org.credence.store.RecordStore.AuditedBy;
import org.credence.store.StoreException;
import org.credence.store.Vault;

/**
 * The record inserts of one transaction, in order, each told as stored, duplicate or conflict; the
 * records are stored as {@link RecordBlock}s of up to {@value RecordBlock#MAX_RECORDS}, each with one
 * audit entry for all the records of its slice.
 *
 * <p>Each slice's idempotency keys go into {@code record_refs} as one batch, every record numbered as
 * if new: an insert that changes no row met a key already stored (or earlier in the slice), and the
 * common slice, all new, costs that one batch. A slice with such records is rolled back to its
 * savepoint and claimed again without them, so the new records' ids stay consecutive; the others are
 * then read back and compared, as duplicates or conflicts. A full slice, the bulk of an import, is
 * first claimed by one statement of {@value RecordBlock#MAX_RECORDS} rows, which says only how many
 * it inserted: binding and stepping a row at a time through the driver cost about a fifth of a key's
 * claim (SQLite alone, 4 M keys: 2.4–3.0 µs a key a row at a time, 2.1–2.3 µs in statements of
 * 1,024 rows; statements of 64 or 256 rows gained nothing). When fewer went in, the slice is rolled
 * back and claimed a row at a time, which says which. Ids are handed out here rather than by
 * SQLite so that each outcome knows its id without a round trip; the transaction holds the write lock,
 * so no one else can take them.
 *
 * <p>The entry of a slice names what became of each of its records ({@link #outcome}), the subject
 * when the slice concerns one (a single submission always does), and the SHA-256 of the block it
 * stored, so that the chain proves the block unchanged.
 */
final class RecordInserts {

    /** What became of each record handed to {@link #insert}, by its index there; told in index order. */
    interface Outcomes {
        void stored(int index, StoredRecord record) throws SQLException;

        /** {@code existing} holds the same record (perhaps stored earlier in this very transaction). */
        void duplicate(int index, StoredRecord existing) throws SQLException;

        /** {@code existing} holds a different record under the same (source, source_ref). */
        void conflict(int index, StoredRecord existing) throws SQLException;
    }

    private static final String CLAIM =
            "INSERT INTO record_refs (source, source_ref, id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
    /** {@link #CLAIM} for a whole slice of {@value RecordBlock#MAX_RECORDS} records at once. */
    private static final String CLAIM_FULL = CLAIM.replace("(?, ?, ?)",
            String.join(", ", Collections.nCopies(RecordBlock.MAX_RECORDS, "(?, ?, ?)")));
    private static final String CLAIMED = "SELECT id FROM record_refs WHERE source = ? AND source_ref = ?";
    private static final String SAVEPOINT = "SAVEPOINT claim";
    private static final String ROLLBACK_TO = "ROLLBACK TO claim";
    private static final String RELEASE = "RELEASE claim";
    /** What an entry's outcome says of the block its write stored, before the digest. */
    static final String BLOCK_DIGEST = "block sha-256 ";
    private static final HexFormat HEX = HexFormat.of();
    /** Below this many records a batch is encoded on the calling thread: a fork costs more than it saves. */
    private static final int PARALLEL_FROM = 256;
    /** Slices whose blocks are encoded ahead of the one being stored. */
    private static final int AHEAD = 4;

    private final Database d;
    private final Vault vault;
    private final AuditedBy audit;
    private final AuditChain chain;
    private final RecordBlocks.Cursor reader;
    private final Instant recordedAt;
    private final String recordedText;
    private final long firstId;
    private long nextId;

    RecordInserts(Database d, Vault vault, Instant recordedAt, AuditedBy audit) throws SQLException {
        this.d = d;
        this.vault = vault;
        this.audit = audit;
        this.chain = AuditChain.resume(d, new EntryHash());
        this.reader = new RecordBlocks.Cursor(vault);
        this.recordedAt = recordedAt;
        this.recordedText = Timestamps.format(recordedAt);
        this.firstId = RecordBlocks.lastId(d) + 1;
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

    /**
     * Stores {@code records} in slices of a block each. A large batch has its blocks encoded and sealed
     * on other cores while this thread claims keys, as if every record were new, the common case; a
     * slice whose records turn out otherwise, or whose first id moved, is encoded again here.
     */
    void insert(List<RecordSubmission> records, Outcomes outcomes) throws SQLException {
        int slices = (records.size() + RecordBlock.MAX_RECORDS - 1) / RecordBlock.MAX_RECORDS;
        List<CompletableFuture<Block>> ahead = new ArrayList<>(slices);
        boolean parallel = records.size() >= PARALLEL_FROM;
        for (int k = 0; k < slices; k++) {
            // A few slices ahead at most: one that conflicts early wastes no more. Their first ids are
            // assumed from where this slice starts, so that a duplicate costs only the slices already
            // encoded beyond it.
            for (int next = ahead.size(); parallel && next < Math.min(slices, k + AHEAD); next++) {
                List<RecordSubmission> slice = slice(records, next);
                long assumed = nextId + (long) (next - k) * RecordBlock.MAX_RECORDS;
                ahead.add(CompletableFuture.supplyAsync(() -> block(assumed, slice)));
            }
            slice(slice(records, k), k * RecordBlock.MAX_RECORDS, outcomes, parallel ? ahead.get(k) : null);
        }
    }

    private static List<RecordSubmission> slice(List<RecordSubmission> records, int k) {
        int from = k * RecordBlock.MAX_RECORDS;
        return records.subList(from, Math.min(records.size(), from + RecordBlock.MAX_RECORDS));
    }

    /** A block's body and the words of its digest that its audit entry carries. */
    private record Block(long firstId, int count, byte[] body, String digest) {
    }

    private Block block(long first, List<RecordSubmission> records) {
        byte[] body = RecordBlock.encode(first, recordedText, records, vault);
        return new Block(first, records.size(), body, digest(SqliteAuditLog.sha256(), body));
    }

    private static Block await(CompletableFuture<Block> block) {
        try {
            return block.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Hands the slices' audit entries to SQLite; the transaction commits them with the blocks. */
    void finish() throws SQLException {
        chain.flush();
    }

    private void slice(List<RecordSubmission> slice, int offset, Outcomes outcomes, CompletableFuture<Block> ahead)
            throws SQLException {
        boolean[] fresh = claim(slice);
        List<RecordSubmission> stored = new ArrayList<>(slice.size());
        StoredRecord[] found = new StoredRecord[slice.size()];
        boolean[] same = new boolean[slice.size()];
        List<Long> duplicates = new ArrayList<>();
        for (int i = 0; i < slice.size(); i++) {
            RecordSubmission record = slice.get(i);
            if (fresh[i]) {
                stored.add(record);
                continue;
            }
            long id = claimedId(record);
            found[i] = id >= nextId ? claimedInThisSlice(record, id, stored)
                    : reader.record(d, id).orElseThrow(() -> new StoreException(
                            "the key " + record.source() + "/" + record.sourceRef() + " names record " + id + ", which no block holds"));
            same[i] = found[i].submission().equals(record);
            if (same[i]) {
                duplicates.add(id);
            }
        }
        long first = nextId;
        Block block = null;
        if (!stored.isEmpty()) {
            Block encoded = ahead == null ? null : await(ahead);
            block = encoded != null && encoded.firstId() == first && encoded.count() == stored.size()
                    ? encoded : block(first, stored);
        }
        long seq = chain.append(new AuditEvent(audit.at(), audit.actor(), audit.role(), audit.action(),
                subjectHash(slice), audit.purpose(),
                outcome(first, stored.size(), duplicates, Optional.ofNullable(block).map(Block::digest)))).seq();
        if (block != null) {
            RecordBlocks.insert(d, first, first + stored.size() - 1, seq, block.body());
        }
        nextId += stored.size();
        long id = first;
        for (int i = 0; i < slice.size(); i++) {
            if (fresh[i]) {
                outcomes.stored(offset + i, new StoredRecord(id++, slice.get(i), recordedAt, RecordState.RECORDED));
            } else if (same[i]) {
                outcomes.duplicate(offset + i, found[i]);
            } else {
                outcomes.conflict(offset + i, found[i]);
            }
        }
    }

    /**
     * The record of this very slice, not yet in a block, that took the key of {@code record} as
     * {@code id}; a key naming an id not handed out is damage, and refused, naming it.
     */
    private StoredRecord claimedInThisSlice(RecordSubmission record, long id, List<RecordSubmission> stored) {
        long offset = id - nextId;
        if (offset >= stored.size() || !stored.get((int) offset).source().equals(record.source())
                || !stored.get((int) offset).sourceRef().equals(record.sourceRef())) {
            throw new StoreException("the key " + record.source() + "/" + record.sourceRef() + " names record " + id
                    + ", which is not stored: record_refs was altered outside Credence (credence verify names such keys)");
        }
        return new StoredRecord(id, stored.get((int) offset), recordedAt, RecordState.RECORDED);
    }

    /**
     * Claims the key of each record of {@code slice} that no stored record (nor an earlier one of the
     * slice) holds, numbering those from {@link #nextId} on; true for each record claimed.
     */
    private boolean[] claim(List<RecordSubmission> slice) throws SQLException {
        d.prepare(SAVEPOINT).execute();
        boolean[] fresh = new boolean[slice.size()];
        if (slice.size() == RecordBlock.MAX_RECORDS) {
            if (claimFull(slice)) {
                d.prepare(RELEASE).execute();
                Arrays.fill(fresh, true);
                return fresh;
            }
            d.prepare(ROLLBACK_TO).execute();
        }
        int[] changed = claimAll(slice, null);
        boolean all = true;
        for (int i = 0; i < changed.length; i++) {
            fresh[i] = changed[i] == 1;
            all &= fresh[i];
        }
        if (!all) {
            // Those after the first one refused took ids one too high; claimed again without the refused
            // ones, the same keys are free (and the refused ones would be refused again).
            d.prepare(ROLLBACK_TO).execute();
            claimAll(slice, fresh);
        }
        d.prepare(RELEASE).execute();
        return fresh;
    }

    /** Inserts the keys of a full slice, numbered in order, in one statement; true when every one went in. */
    private boolean claimFull(List<RecordSubmission> slice) throws SQLException {
        PreparedStatement insert = d.prepare(CLAIM_FULL);
        for (int i = 0; i < slice.size(); i++) {
            bindKey(insert, 3 * i, slice.get(i), nextId + i);
        }
        return insert.executeUpdate() == slice.size();
    }

    /** Binds the key of {@code record} and the id it claims to the three parameters after {@code before}. */
    private static void bindKey(PreparedStatement insert, int before, RecordSubmission record, long id) throws SQLException {
        insert.setString(before + 1, record.source());
        insert.setString(before + 2, record.sourceRef());
        insert.setLong(before + 3, id);
    }

    /** Inserts the keys of the records of {@code slice} that {@code only} marks (all when null), numbered in order. */
    private int[] claimAll(List<RecordSubmission> slice, boolean[] only) throws SQLException {
        PreparedStatement insert = d.prepare(CLAIM);
        long id = nextId;
        for (int i = 0; i < slice.size(); i++) {
            if (only == null || only[i]) {
                bindKey(insert, 0, slice.get(i), id++);
                insert.addBatch();
            }
        }
        return id == nextId ? new int[0] : insert.executeBatch();
    }

    private long claimedId(RecordSubmission record) throws SQLException {
        PreparedStatement query = d.prepare(CLAIMED);
        query.setString(1, record.source());
        query.setString(2, record.sourceRef());
        try (ResultSet row = query.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("the key " + record.source() + "/" + record.sourceRef()
                        + " was refused as taken, yet no record has it");
            }
            return row.getLong(1);
        }
    }

    /** The keyed hash of the one subject every record of {@code slice} concerns; empty when they concern several. */
    private Optional<String> subjectHash(List<RecordSubmission> slice) {
        String subject = slice.getFirst().subject().id();
        for (RecordSubmission record : slice) {
            if (!record.subject().id().equals(subject)) {
                return Optional.empty();
            }
        }
        return Optional.of(vault.subjectHash(subject));
    }

    /**
     * A slice's outcome in the trail's words: {@code stored 12}, {@code stored 12 to 40}, then
     * {@code duplicate of 5} or {@code duplicates of 5, 7}, then the block's {@link #digest} when a block
     * was stored, parts separated by "; ".
     */
    static String outcome(long first, int stored, List<Long> duplicates, Optional<String> digest) {
        List<String> parts = new ArrayList<>(3);
        if (stored > 0) {
            parts.add("stored " + ids(first, first + stored - 1));
        }
        if (!duplicates.isEmpty()) {
            StringBuilder text = new StringBuilder(duplicates.size() == 1 ? "duplicate of " : "duplicates of ");
            for (int i = 0; i < duplicates.size(); i++) {
                text.append(i == 0 ? "" : ", ").append(duplicates.get(i));
            }
            parts.add(text.toString());
        }
        digest.ifPresent(parts::add);
        // Only a slice whose every record conflicts stores nothing, and its transaction is rolled back.
        return parts.isEmpty() ? "nothing stored" : String.join("; ", parts);
    }

    /** The ids {@code first} to {@code last} as an outcome names them: {@code 12}, or {@code 12 to 40}. */
    static String ids(long first, long last) {
        return first == last ? Long.toString(first) : first + " to " + last;
    }

    /** The words an entry's outcome ends with for the block {@code body}: {@code block sha-256 <hex>}. */
    static String digest(MessageDigest sha, byte[] body) {
        return BLOCK_DIGEST + HEX.formatHex(sha.digest(body));
    }
}
