package org.credence.store.sqlite;

import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.credence.record.RecordSubmission;
import org.credence.record.SubjectRef;
import org.credence.store.AuditLog.AuditEvent;
import org.credence.store.StoreException;
import org.credence.store.Vault;
import org.credence.subject.SubjectKind;

/**
 * Moves the records a data directory kept as rows of {@code records} (before migration V7) into
 * {@link RecordBlock}s, once, the first time the store opens it after the migration, and then drops the
 * old table. SQL alone could carry over the keys and the states (V7 did), not the sealed fields: a
 * block seals each of its sections once, bound to the block, so the old values are opened and sealed
 * again here, in one transaction, all of them or none.
 *
 * <p>Each block gets an audit entry, as a write's block does, so that the trail proves converted
 * records unchanged from now on too; the records' own entries from before stay as they were. A block
 * holds records stored at one instant with consecutive ids, so each single submission of before
 * becomes a block of its own; ids with a gap, which only damage can leave, are refused, naming it.
 */
final class LegacyRecords {

    private static final String EXISTS = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'records'";
    private static final String PAGE = "SELECT id, source, source_ref, subject_id_sealed, subject_kind, subject_name_sealed,"
            + " type, occurred_at, details_sealed, recorded_at FROM records WHERE id > ? ORDER BY id LIMIT ?";

    private LegacyRecords() {
    }

    /** Converts the old table's records when there is one; {@code clock} times the entries. */
    static void convert(Database db, Vault vault, Clock clock) {
        if (!db.read(LegacyRecords::exists)) {
            return;
        }
        db.transaction((d, transaction) -> {
            // Asked again under the write lock: another process opening the directory may have converted it.
            if (exists(d)) {
                new Conversion(d, vault, clock.instant()).run();
                d.execute("DROP TABLE records");
            }
            return null;
        });
    }

    private static boolean exists(Database d) throws SQLException {
        try (ResultSet row = d.prepare(EXISTS).executeQuery()) {
            return row.next();
        }
    }

    /** The records of one conversion, gathered into a block while they share an instant and follow on. */
    private static final class Conversion {
        private final Database d;
        private final Vault vault;
        private final Instant at;
        private final AuditChain chain;
        private final MessageDigest sha = SqliteAuditLog.sha256();
        private final List<RecordSubmission> block = new ArrayList<>();
        private long blockFirst;
        private long lastConverted;
        private String blockRecordedAt;

        Conversion(Database d, Vault vault, Instant at) throws SQLException {
            this.d = d;
            this.vault = vault;
            this.at = at;
            this.chain = AuditChain.resume(d, new EntryHash());
        }

        void run() throws SQLException {
            long after = 0;
            while (true) {
                PreparedStatement page = d.prepare(PAGE);
                page.setLong(1, after);
                page.setInt(2, RecordBlock.MAX_RECORDS);
                int read = 0;
                try (ResultSet row = page.executeQuery()) {
                    while (row.next()) {
                        after = row.getLong(1);
                        add(after, row.getString(10), submission(row));
                        read++;
                    }
                }
                if (read < RecordBlock.MAX_RECORDS) {
                    flush();
                    chain.flush();
                    return;
                }
            }
        }

        private void add(long id, String recordedAt, RecordSubmission record) throws SQLException {
            long expected = block.isEmpty() ? lastConverted + 1 : blockFirst + block.size();
            if (id != expected) {
                // Ids were handed out without gaps, and records never deleted: a gap is damage, and a
                // block must not paper over it.
                throw new StoreException("credence.db is damaged: its records of before schema version 7 have no "
                        + (id == expected + 1 ? "record " + expected : "records " + expected + " to " + (id - 1))
                        + ", and it is not converted; restore it from a backup");
            }
            boolean follows = !block.isEmpty() && recordedAt.equals(blockRecordedAt) && block.size() < RecordBlock.MAX_RECORDS;
            if (!follows) {
                flush();
                blockFirst = id;
                blockRecordedAt = recordedAt;
            }
            block.add(record);
        }

        private void flush() throws SQLException {
            if (block.isEmpty()) {
                return;
            }
            long last = blockFirst + block.size() - 1;
            byte[] body = RecordBlock.encode(blockFirst, blockRecordedAt, block, vault);
            String outcome = "converted " + RecordInserts.ids(blockFirst, last) + "; " + RecordInserts.digest(sha, body);
            long seq = chain.append(new AuditEvent(at, "credence", "system", "record.convert", Optional.empty(),
                    "records kept in blocks (schema version 7)", outcome)).seq();
            RecordBlocks.insert(d, blockFirst, last, seq, body);
            lastConverted = last;
            block.clear();
        }

        private RecordSubmission submission(ResultSet row) throws SQLException {
            long id = row.getLong(1);
            SubjectKind kind = SubjectKind.fromCode(row.getString(5)).orElseThrow(() -> new StoreException(
                    "record " + id + " has a subject kind the schema does not allow"));
            try {
                return new RecordSubmission(row.getString(2), row.getString(3),
                        new SubjectRef(vault.open(row.getBytes(4)), kind, open(row.getBytes(6))),
                        row.getString(7), LocalDate.parse(row.getString(8)), open(row.getBytes(9)));
            } catch (IllegalStateException | IllegalArgumentException | DateTimeException e) {
                throw new StoreException("record " + id + " of before schema version 7 cannot be read: " + e.getMessage(), e);
            }
        }

        private Optional<String> open(byte[] sealed) {
            return sealed == null ? Optional.empty() : Optional.of(vault.open(sealed));
        }
    }
}
