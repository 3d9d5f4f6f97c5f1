package org.credence.store.sqlite;

import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import org.credence.store.RecordStore.RecordsBroken;
import org.credence.store.RecordStore.RecordsIntact;
import org.credence.store.RecordStore.RecordsVerification;
import org.credence.store.StoreException;

/**
 * Checks the stored records against the audit trail ({@link org.credence.store.RecordStore#verifyRecords}).
 * Blocks are read a page at a time, the database released between pages as the chain's own
 * verification does, so it runs beside a serving node and in the same memory for any size.
 *
 * <p>The chain proves its entries; an entry proves its block through the digest in its outcome
 * ({@link RecordInserts#outcome}), and the outcome's opening words name the ids the block must hold.
 * Gaps are found by the ids, since they are handed out without any; a block removed from the end by
 * the entry that still names it.
 */
final class RecordVerifier {

    private static final int PAGE = 64;
    private static final String BLOCKS = "SELECT b.first_id, b.last_id, b.recorded_at, b.audit_seq, b.body, a.outcome"
            + " FROM record_blocks b LEFT JOIN audit a ON a.seq = b.audit_seq WHERE b.first_id > ? ORDER BY b.first_id LIMIT ?";
    private static final String ORPHANED = "SELECT seq FROM audit WHERE outcome LIKE '%" + RecordInserts.BLOCK_DIGEST + "%'"
            + " AND seq NOT IN (SELECT audit_seq FROM record_blocks) ORDER BY seq LIMIT 1";
    private static final String KEYS = "SELECT count(*) FROM record_refs";
    private static final HexFormat HEX = HexFormat.of();

    private final Database db;

    RecordVerifier(Database db) {
        this.db = db;
    }

    RecordsVerification verify() {
        MessageDigest sha = SqliteAuditLog.sha256();
        long lastId = 0;
        long blocks = 0;
        while (true) {
            long after = lastId;
            Page page = db.read(d -> page(d, after));
            for (int i = 0; i < page.size; i++) {
                String problem = problem(page, i, lastId, sha);
                if (problem != null) {
                    return new RecordsBroken(records(page.first[i], page.last[i]), problem);
                }
                lastId = page.last[i];
                blocks++;
            }
            if (page.size < PAGE) {
                break;
            }
        }
        long records = lastId;
        long blockCount = blocks;
        return db.read(d -> {
            try (ResultSet row = d.prepare(ORPHANED).executeQuery()) {
                if (row.next()) {
                    return new RecordsBroken("audit entry " + row.getLong(1),
                            "it carries the digest of a block of records that is no longer stored");
                }
            }
            try (ResultSet row = d.prepare(KEYS).executeQuery()) {
                row.next();
                if (row.getLong(1) != records) {
                    return new RecordsBroken("record keys", row.getLong(1) + " idempotency keys for " + records + " records");
                }
            }
            return new RecordsIntact(records, blockCount);
        });
    }

    /** What is wrong with block {@code i} of {@code page}, null when nothing. */
    private static String problem(Page page, int i, long lastId, MessageDigest sha) {
        if (page.first[i] != lastId + 1) {
            return page.first[i] <= lastId ? "they overlap the block before"
                    : records(lastId + 1, page.first[i] - 1) + (page.first[i] - 1 == lastId + 1 ? " is" : " are") + " missing";
        }
        RecordBlock block;
        try {
            block = RecordBlock.read(page.bodies[i]);
        } catch (StoreException e) {
            return e.getMessage();
        }
        if (block.firstId() != page.first[i] || block.lastId() != page.last[i] || !block.recordedAt().equals(page.recordedAt[i])) {
            return "the block's body holds " + records(block.firstId(), block.lastId()) + " stored at "
                    + block.recordedAt() + ", not what its row says";
        }
        String outcome = page.outcomes[i];
        if (outcome == null) {
            return "the audit entry " + page.seqs[i] + " that stored them is missing";
        }
        String range = range(page.first[i], page.last[i]);
        if (!outcome.startsWith("stored " + range + "; ") && !outcome.startsWith("converted " + range + "; ")) {
            return "the audit entry " + page.seqs[i] + " that should have stored them names other records";
        }
        String digest = RecordInserts.BLOCK_DIGEST + HEX.formatHex(sha.digest(page.bodies[i]));
        if (!outcome.endsWith(digest)) {
            return "they do not match the digest in the audit entry " + page.seqs[i] + " that stored them";
        }
        return null;
    }

    private static String records(long first, long last) {
        return (first == last ? "record " : "records ") + range(first, last);
    }

    private static String range(long first, long last) {
        return first == last ? Long.toString(first) : first + " to " + last;
    }

    private static Page page(Database d, long after) throws SQLException {
        PreparedStatement query = d.prepare(BLOCKS);
        query.setLong(1, after);
        query.setInt(2, PAGE);
        Page page = new Page();
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                int i = page.size++;
                page.first[i] = row.getLong(1);
                page.last[i] = row.getLong(2);
                page.recordedAt[i] = row.getString(3);
                page.seqs[i] = row.getLong(4);
                page.bodies[i] = row.getBytes(5);
                page.outcomes[i] = row.getString(6);
            }
        }
        return page;
    }

    /** Up to {@link #PAGE} blocks with the outcome of the entry each names. */
    private static final class Page {
        final long[] first = new long[PAGE];
        final long[] last = new long[PAGE];
        final String[] recordedAt = new String[PAGE];
        final long[] seqs = new long[PAGE];
        final byte[][] bodies = new byte[PAGE][];
        final String[] outcomes = new String[PAGE];
        int size;
    }
}
