package org.credence.store.sqlite;

import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.credence.store.RecordStore.RecordsBroken;
import org.credence.store.RecordStore.RecordsIntact;
import org.credence.store.RecordStore.RecordsVerification;
import org.credence.store.StoreException;

/**
 * Checks the stored records against the audit trail ({@link org.credence.store.RecordStore#verifyRecords}).
 * Blocks are read a page at a time, the database released between pages as the chain's own
 * verification does, so it runs beside a serving node and in the same memory for any size. The walk
 * goes to the last block there is when it gets there; entries appended after it began are left to the
 * next check, and the checks of the whole are each one statement, so one state of the file.
 *
 * <p>The chain proves its entries; an entry proves its block through the digest at the end of its
 * outcome ({@link RecordInserts#outcome}), whose opening words name the ids the block must hold. Gaps
 * are found by the ids, handed out without any; a block removed from the end by the entry that still
 * names it, or by the keys left of its records. The idempotency key of every record must lead to it
 * and no key to a record not stored. States are not in any digest: they are checked against the
 * disputes and repairs, both ways (a record annulled with an upheld dispute behind it, and one with an
 * upheld dispute annulled; likewise repairs), rows that audited steps wrote but that no digest proves.
 */
final class RecordVerifier {

    private static final int PAGE = 64;
    private static final String HEAD = "SELECT coalesce(max(seq), 0) FROM audit";
    private static final String BLOCKS = "SELECT b.first_id, b.last_id, b.audit_seq, b.body, a.outcome"
            + " FROM record_blocks b LEFT JOIN audit a ON a.seq = b.audit_seq WHERE b.first_id > ? ORDER BY b.first_id LIMIT ?";
    private static final String KEY = "SELECT id FROM record_refs WHERE source = ? AND source_ref = ?";
    /** Only outcomes the store wrote for a block have this shape; a free-text field cannot start one. */
    private static final String ORPHANED = "SELECT seq FROM audit WHERE seq <= ?"
            + " AND (outcome GLOB 'stored *; " + RecordInserts.BLOCK_DIGEST + "*' OR outcome GLOB 'converted *; "
            + RecordInserts.BLOCK_DIGEST + "*') AND seq NOT IN (SELECT audit_seq FROM record_blocks) ORDER BY seq LIMIT 1";
    private static final String KEYS = "SELECT (SELECT count(*) FROM record_refs),"
            + " coalesce((SELECT last_id FROM record_blocks ORDER BY first_id DESC LIMIT 1), 0)";
    private static final String KEY_BEYOND = "SELECT source, source_ref, id FROM record_refs"
            + " WHERE id < 1 OR id > ? ORDER BY id LIMIT 1";
    // Set against set, each side read once: a subquery per state row would scan the disputes for each.
    private static final String UNFOUNDED_STATES = "SELECT id, state FROM record_states WHERE"
            + " (state = 'annulled' AND id NOT IN (SELECT record_id FROM disputes WHERE status = 'upheld'))"
            + " OR (state = 'repaired' AND id NOT IN (SELECT record_id FROM repairs WHERE status = 'approved'))"
            + " ORDER BY id LIMIT 1";
    // An annulment outweighs a repair: a repaired record may still be annulled by an upheld dispute.
    private static final String UNAPPLIED_STEPS = "SELECT record_id, 'an upheld dispute', 'annulled' FROM disputes"
            + " WHERE status = 'upheld' AND record_id NOT IN (SELECT id FROM record_states WHERE state = 'annulled')"
            + " UNION ALL SELECT record_id, 'an approved repair', 'repaired' FROM repairs WHERE status = 'approved'"
            + " AND record_id NOT IN (SELECT id FROM record_states) ORDER BY 1 LIMIT 1";

    private final Database db;

    RecordVerifier(Database db) {
        this.db = db;
    }

    RecordsVerification verify() {
        long head = db.read(d -> {
            try (ResultSet row = d.prepare(HEAD).executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
        MessageDigest sha = SqliteAuditLog.sha256();
        long lastFirst = 0;
        long lastId = 0;
        long blocks = 0;
        while (true) {
            long after = lastFirst;
            Page page = db.read(d -> page(d, after));
            for (int i = 0; i < page.size; i++) {
                String problem = problem(page, i, lastId, sha);
                if (problem == null) {
                    int index = i;
                    problem = db.read(d -> keyProblem(d, page.blocks[index]));
                }
                if (problem != null) {
                    return new RecordsBroken(records(page.first[i], page.last[i]), problem);
                }
                lastFirst = page.first[i];
                lastId = page.last[i];
                blocks++;
            }
            if (page.size < PAGE) {
                break;
            }
        }
        long records = lastId;
        long blockCount = blocks;
        return db.read(d -> afterwards(d, head, records, blockCount));
    }

    /** What is wrong with block {@code i} of {@code page}, null when nothing; decodes it into the page. */
    private static String problem(Page page, int i, long lastId, MessageDigest sha) {
        if (page.first[i] != lastId + 1) {
            return page.first[i] <= lastId ? "they overlap the block before"
                    : records(lastId + 1, page.first[i] - 1) + (page.first[i] - 1 == lastId + 1 ? " is" : " are") + " missing";
        }
        try {
            page.blocks[i] = RecordBlock.read(page.bodies[i]);
        } catch (StoreException e) {
            return e.getMessage();
        }
        RecordBlock block = page.blocks[i];
        if (block.firstId() != page.first[i] || block.lastId() != page.last[i]) {
            return "the block's body holds " + records(block.firstId(), block.lastId()) + ", not what its row says";
        }
        String outcome = page.outcomes[i];
        if (outcome == null) {
            return "the audit entry " + page.seqs[i] + " that stored them is missing";
        }
        String range = RecordInserts.ids(page.first[i], page.last[i]);
        if (!outcome.startsWith("stored " + range + "; ") && !outcome.startsWith("converted " + range + "; ")) {
            return "the audit entry " + page.seqs[i] + " that should have stored them names other records";
        }
        if (!outcome.endsWith(RecordInserts.digest(sha, page.bodies[i]))) {
            return "they do not match the digest in the audit entry " + page.seqs[i] + " that stored them";
        }
        return null;
    }

    /** The first record of {@code block} whose idempotency key leads elsewhere, as a problem; null when none. */
    private static String keyProblem(Database d, RecordBlock block) throws SQLException {
        PreparedStatement key = d.prepare(KEY);
        for (int i = 0; i < block.count(); i++) {
            long id = block.firstId() + i;
            key.setString(1, block.source(i));
            key.setString(2, block.sourceRef(i));
            try (ResultSet row = key.executeQuery()) {
                if (!row.next()) {
                    return "the idempotency key of record " + id + " is missing";
                }
                if (row.getLong(1) != id) {
                    return "the idempotency key of record " + id + " leads to record " + row.getLong(1);
                }
            }
        }
        return null;
    }

    /** The checks of the whole once every block is: entries without blocks, extra keys, unfounded states. */
    private static RecordsVerification afterwards(Database d, long head, long records, long blocks) throws SQLException {
        PreparedStatement orphaned = d.prepare(ORPHANED);
        orphaned.setLong(1, head);
        try (ResultSet row = orphaned.executeQuery()) {
            if (row.next()) {
                return new RecordsBroken("audit entry " + row.getLong(1),
                        "it carries the digest of a block of records that is no longer stored");
            }
        }
        try (ResultSet row = d.prepare(KEYS).executeQuery()) {
            row.next();
            long keys = row.getLong(1);
            long stored = row.getLong(2);
            if (keys != stored) {
                PreparedStatement beyond = d.prepare(KEY_BEYOND);
                beyond.setLong(1, stored);
                try (ResultSet key = beyond.executeQuery()) {
                    return new RecordsBroken("record keys", keys + " idempotency keys for " + stored + " records"
                            + (key.next() ? "; the key " + key.getString(1) + "/" + key.getString(2) + " leads to record "
                            + key.getLong(3) + ", which is not stored" : ""));
                }
            }
        }
        try (ResultSet row = d.prepare(UNFOUNDED_STATES).executeQuery()) {
            if (row.next()) {
                return new RecordsBroken("record " + row.getLong(1), "it is " + row.getString(2) + " with no "
                        + (row.getString(2).equals("annulled") ? "upheld dispute" : "approved repair") + " behind it");
            }
        }
        try (ResultSet row = d.prepare(UNAPPLIED_STEPS).executeQuery()) {
            if (row.next()) {
                return new RecordsBroken("record " + row.getLong(1), "it has " + row.getString(2) + " and is not "
                        + row.getString(3));
            }
        }
        return new RecordsIntact(records, blocks);
    }

    private static String records(long first, long last) {
        return (first == last ? "record " : "records ") + RecordInserts.ids(first, last);
    }

    private static Page page(Database d, long afterFirst) throws SQLException {
        PreparedStatement query = d.prepare(BLOCKS);
        query.setLong(1, afterFirst);
        query.setInt(2, PAGE);
        Page page = new Page();
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                int i = page.size++;
                page.first[i] = row.getLong(1);
                page.last[i] = row.getLong(2);
                page.seqs[i] = row.getLong(3);
                page.bodies[i] = row.getBytes(4);
                page.outcomes[i] = row.getString(5);
            }
        }
        return page;
    }

    /**
     * Up to {@link #PAGE} blocks by first id, each with the outcome of the entry it names. Paged by the
     * first id, not the last, so that a row starting inside the block before is seen, as an overlap.
     */
    private static final class Page {
        final long[] first = new long[PAGE];
        final long[] last = new long[PAGE];
        final long[] seqs = new long[PAGE];
        final byte[][] bodies = new byte[PAGE][];
        final String[] outcomes = new String[PAGE];
        final RecordBlock[] blocks = new RecordBlock[PAGE];
        int size;
    }
}
