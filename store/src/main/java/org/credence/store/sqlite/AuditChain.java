package org.credence.store.sqlite;

import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.credence.store.AuditLog.AuditEntry;
import org.credence.store.AuditLog.AuditEvent;

/**
 * Appends entries to the trail inside the caller's transaction. The head (last number and hash) is
 * read in that transaction, which holds the file's write lock, so it is the true head even when
 * another process has appended meanwhile; each entry is then numbered, hashed as
 * {@link SqliteAuditLog} describes and inserted after it. Shared by the audit writer's batches and by
 * an import, whose entries are written in the transaction of its records so that the records and
 * their entries are durable together.
 */
final class AuditChain {

    private static final String HEAD = "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1";
    private static final String INSERT = "INSERT INTO audit (" + SqliteAuditLog.COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** The driver keeps every value bound to a pending batch, so rows are handed to SQLite this many at a time. */
    private static final int FLUSH_ROWS = 10_000;

    private final PreparedStatement insert;
    private final MessageDigest digest;
    private long seq;
    private String previous = SqliteAuditLog.GENESIS;
    private int pending;
    // The entries of an import share one instant, and formatting it per entry was a tenth of the
    // writer's time in a profile of an import.
    private Instant lastAt;
    private String lastAtText;

    private AuditChain(PreparedStatement insert, MessageDigest digest) {
        this.insert = insert;
        this.digest = digest;
    }

    /** The chain as it stands in {@code d}'s transaction; {@code digest} is used by this chain alone. */
    static AuditChain resume(Database d, MessageDigest digest) throws SQLException {
        AuditChain chain = new AuditChain(d.prepare(INSERT), digest);
        try (ResultSet head = d.prepare(HEAD).executeQuery()) {
            if (head.next()) {
                chain.seq = head.getLong(1);
                chain.previous = head.getString(2);
            }
        }
        // The statement is shared and kept: a transaction that failed halfway must not leave rows queued on it.
        chain.insert.clearBatch();
        return chain;
    }

    /**
     * Chains {@code event} after the last entry inside {@code d}'s transaction: the entry of a single
     * write, durable with the write or not at all.
     */
    static AuditEntry appendIn(Database d, AuditEvent event) throws SQLException {
        AuditChain chain = resume(d, SqliteAuditLog.sha256());
        AuditEntry entry = chain.append(event);
        chain.flush();
        return entry;
    }

    /** Chains {@code event} after the last entry; the row reaches SQLite by {@link #flush} at the latest. */
    AuditEntry append(AuditEvent event) throws SQLException {
        seq++;
        if (!event.at().equals(lastAt)) {
            lastAt = event.at();
            lastAtText = Timestamps.format(lastAt);
        }
        SqliteAuditLog.Row row = new SqliteAuditLog.Row(seq, lastAtText, event.actor(), event.role(), event.action(),
                event.subjectHash().orElse(null), event.purpose(), event.outcome(), previous, null);
        String hash = row.recomputedHash(digest);
        row.bind(insert, hash);
        insert.addBatch();
        if (++pending == FLUSH_ROWS) {
            flush();
        }
        AuditEntry entry = new AuditEntry(seq, event, previous, hash);
        previous = hash;
        return entry;
    }

    /** Hands the rows appended so far to SQLite; the transaction commits them. */
    void flush() throws SQLException {
        if (pending > 0) {
            insert.executeBatch();
            pending = 0;
        }
    }
}
