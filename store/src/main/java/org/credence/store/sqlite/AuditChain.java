package org.credence.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.credence.store.AuditLog.AuditEntry;
import org.credence.store.AuditLog.AuditEvent;

/**
 * Appends entries to the trail inside the caller's transaction. The head (last number and hash) is
 * read in that transaction, which holds the file's write lock, so it is the true head even when
 * another process has appended meanwhile; each entry is then numbered, hashed as
 * {@link SqliteAuditLog} describes and inserted after it. Shared by the audit writer's batches and by
 * the writes whose entries must be durable with them.
 *
 * <p>Rows reach SQLite in groups of {@value #GROUP} where they can: every decision of one client's batch,
 * and most of a busy writer's entries, have the same actor, role, action and purpose, and a row's
 * number and previous hash follow from the row before. A group is then one statement of {@value #GROUP}
 * rows that binds those once and four values a row (time, subject, outcome, hash), where a row each
 * bound eleven, each a call into the driver's native code: the rows and their hashes are the same, only
 * fewer values cross. Measured with the real table and its index, a million rows committed 10,240 at a
 * time: 260,000 rows/s a row at a time, 316,000–380,000 in groups. Entries with items (a batch of
 * decisions, one entry each) go singly: they are few, and each is large.
 */
final class AuditChain {

    private static final String HEAD = "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1";
    private static final String INSERT = "INSERT INTO audit (" + SqliteAuditLog.COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Rows per grouped statement. */
    static final int GROUP = 64;
    /** The parameters a group binds once: first number, actor, role, action, purpose, first previous hash. */
    private static final int SHARED = 6;
    private static final int PER_ROW = 4;
    private static final String INSERT_GROUP = groupInsert();
    /** The driver keeps every value bound to a pending batch, so rows are handed to SQLite this many at a time. */
    private static final int FLUSH_ROWS = 10_240;

    private final Database d;
    private final EntryHash entryHash;
    private final List<SqliteAuditLog.Row> pending = new ArrayList<>();
    private long seq;
    private String previous = SqliteAuditLog.GENESIS;
    // The entries of an import share one instant, and formatting it per entry was a tenth of the
    // writer's time in a profile of an import.
    private Instant lastAt;
    private String lastAtText;

    private AuditChain(Database d, EntryHash hash) {
        this.d = d;
        this.entryHash = hash;
    }

    /** The chain as it stands in {@code d}'s transaction; {@code hash} is used by this chain alone. */
    static AuditChain resume(Database d, EntryHash hash) throws SQLException {
        AuditChain chain = new AuditChain(d, hash);
        try (ResultSet head = d.prepare(HEAD).executeQuery()) {
            if (head.next()) {
                chain.seq = head.getLong(1);
                chain.previous = head.getString(2);
            }
        }
        // The statement is shared and kept: a transaction that failed halfway must not leave rows queued on it.
        d.prepare(INSERT).clearBatch();
        return chain;
    }

    /** Refuses an event whose items would not read back in their places ({@link AuditEvent#appendable}). */
    static void requireAppendable(AuditEvent event) {
        if (!event.appendable()) {
            throw new IllegalArgumentException("an entry's items are appended numbered 1 to " + event.items().size()
                    + " (an entry read for one subject shows some in their places); these end at "
                    + event.items().getLast().number());
        }
    }

    /**
     * Chains {@code event} after the last entry inside {@code d}'s transaction: the entry of a single
     * write, durable with the write or not at all.
     */
    static AuditEntry appendIn(Database d, AuditEvent event) throws SQLException {
        AuditChain chain = resume(d, new EntryHash());
        AuditEntry entry = chain.append(event);
        chain.flush();
        return entry;
    }

    /** Chains {@code event} after the last entry; the row reaches SQLite by {@link #flush} at the latest. */
    AuditEntry append(AuditEvent event) throws SQLException {
        requireAppendable(event);
        seq++;
        if (!event.at().equals(lastAt)) {
            lastAt = event.at();
            lastAtText = Timestamps.format(lastAt);
        }
        String subject = event.subjectHash().orElse(null);
        String items = AuditItems.encode(event.items());
        String hash = entryHash.of(seq, lastAtText, event.actor(), event.role(), event.action(), subject,
                event.purpose(), event.outcome(), items, previous);
        pending.add(new SqliteAuditLog.Row(seq, lastAtText, event.actor(), event.role(), event.action(), subject,
                event.purpose(), event.outcome(), previous, hash, items));
        if (pending.size() == FLUSH_ROWS) {
            flush();
        }
        AuditEntry entry = new AuditEntry(seq, event, previous, hash);
        previous = hash;
        return entry;
    }

    /** Hands the rows appended so far to SQLite; the transaction commits them. */
    void flush() throws SQLException {
        PreparedStatement single = d.prepare(INSERT);
        int singles = 0;
        int i = 0;
        while (i < pending.size()) {
            if (groupsFrom(i)) {
                bindGroup(d.prepare(INSERT_GROUP), i).executeUpdate();
                i += GROUP;
            } else {
                pending.get(i++).bind(single);
                single.addBatch();
                singles++;
            }
        }
        if (singles > 0) {
            single.executeBatch();
        }
        pending.clear();
    }

    /** Whether the {@value #GROUP} rows from {@code from} share what a group binds once, and have no items. */
    private boolean groupsFrom(int from) {
        if (from + GROUP > pending.size()) {
            return false;
        }
        SqliteAuditLog.Row first = pending.get(from);
        for (int k = 0; k < GROUP; k++) {
            SqliteAuditLog.Row row = pending.get(from + k);
            if (row.items() != null || !row.actor().equals(first.actor()) || !row.role().equals(first.role()) || !row.action().equals(first.action())
                    || !row.purpose().equals(first.purpose())) {
                return false;
            }
        }
        return true;
    }

    private PreparedStatement bindGroup(PreparedStatement insert, int from) throws SQLException {
        SqliteAuditLog.Row first = pending.get(from);
        insert.setLong(1, first.seq());
        insert.setString(2, first.actor());
        insert.setString(3, first.role());
        insert.setString(4, first.action());
        insert.setString(5, first.purpose());
        insert.setString(6, first.previousHash());
        for (int k = 0; k < GROUP; k++) {
            SqliteAuditLog.Row row = pending.get(from + k);
            int at = SHARED + 1 + PER_ROW * k;
            insert.setString(at, row.at());
            insert.setString(at + 1, row.subjectHash());
            insert.setString(at + 2, row.outcome());
            insert.setString(at + 3, row.hash());
        }
        return insert;
    }

    /**
     * One statement of {@value #GROUP} rows: row k is number ?1 + k, shares actor ?2, role ?3, action ?4
     * and purpose ?5, its previous hash is the hash of row k - 1 (?6 for the first), and it has no items.
     */
    private static String groupInsert() {
        StringBuilder sql = new StringBuilder("INSERT INTO audit (" + SqliteAuditLog.COLUMNS + ") VALUES ");
        for (int k = 0; k < GROUP; k++) {
            int at = SHARED + 1 + PER_ROW * k;
            String previousHash = k == 0 ? "?6" : "?" + (at - 1);
            sql.append(k == 0 ? "" : ", ").append("(?1 + ").append(k).append(", ?").append(at).append(", ?2, ?3, ?4, ?")
                    .append(at + 1).append(", ?5, ?").append(at + 2).append(", ").append(previousHash).append(", ?")
                    .append(at + 3).append(", NULL)");
        }
        return sql.toString();
    }
}
