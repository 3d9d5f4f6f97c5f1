package org.credence.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.LongStream;
import org.credence.record.RecordSubmission;
import org.credence.store.AuditLog;
import org.credence.store.RecordStore.RecordsBroken;
import org.credence.store.RecordStore.RecordsIntact;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trail proves the records: a block changed, removed, moved or slipped in is found by the digest in
 * the entry that stored it, while the chain itself stays intact (the entries were not touched).
 */
class RecordVerifierTest {

    @TempDir
    Path dataDir;

    private SqliteStore store;

    @BeforeEach
    void storeThreeBlocks() {
        store = SqliteStore.open(dataDir);
        for (String source : List.of("a", "b", "c")) {
            List<RecordSubmission> records = LongStream.range(0, 10).mapToObj(n -> Fixtures.numbered(source, n)).toList();
            store.append(records, Fixtures.T0, Fixtures.WRITER);
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void untouchedRecordsMatchTheirEntries() {
        assertThat(store.verifyRecords()).isEqualTo(new RecordsIntact(30, 3));
    }

    @Test
    void aChangedBlockNoLongerMatchesItsDigest() throws SQLException {
        tamper("UPDATE record_blocks SET body = ? WHERE first_id = 11",
                RecordBlock.encode(11, Timestamps.format(Fixtures.T0),
                        LongStream.range(0, 10).mapToObj(n -> Fixtures.numbered("x", n)).toList(), store.vault()));

        assertThat(store.verifyRecords()).isEqualTo(new RecordsBroken("records 11 to 20",
                "they do not match the digest in the audit entry 2 that stored them"));
        assertThat(store.audit().verify()).isInstanceOf(AuditLog.Intact.class);
    }

    @Test
    void aRemovedBlockLeavesAGapOrAnEntryWithoutItsBlock() throws SQLException {
        tamper("DELETE FROM record_blocks WHERE first_id = 11");
        assertThat(store.verifyRecords()).isEqualTo(new RecordsBroken("records 21 to 30", "records 11 to 20 are missing"));

        tamper("DELETE FROM record_blocks WHERE first_id >= 11");
        assertThat(store.verifyRecords()).isEqualTo(new RecordsBroken("audit entry 2",
                "it carries the digest of a block of records that is no longer stored"));
    }

    @Test
    void aBlockMovedToAnotherEntryOrRowIsFound() throws SQLException {
        tamper("UPDATE record_blocks SET audit_seq = 1 WHERE first_id = 11");
        assertThat(store.verifyRecords()).isEqualTo(new RecordsBroken("records 11 to 20",
                "the audit entry 1 that should have stored them names other records"));

        tamper("UPDATE record_blocks SET audit_seq = 2, first_id = 12 WHERE first_id = 11");
        assertThat(store.verifyRecords()).isEqualTo(new RecordsBroken("records 12 to 20", "record 11 is missing"));
    }

    @Test
    void aRecordSlippedInOrAKeyRemovedIsFound() throws SQLException {
        tamper("INSERT INTO record_blocks (first_id, last_id, recorded_at, audit_seq, body) VALUES (31, 31, ?, 3, ?)",
                Timestamps.format(Fixtures.T0), RecordBlock.encode(31, Timestamps.format(Fixtures.T0),
                        List.of(Fixtures.numbered("y", 1)), store.vault()));
        assertThat(store.verifyRecords()).isEqualTo(new RecordsBroken("record 31",
                "the audit entry 3 that should have stored them names other records"));

        tamper("DELETE FROM record_blocks WHERE first_id = 31");
        tamper("DELETE FROM record_refs WHERE source = 'b'");
        assertThat(store.verifyRecords()).isEqualTo(new RecordsBroken("record keys", "20 idempotency keys for 30 records"));
    }

    /** Runs {@code sql} on a connection of its own, as someone with the file but not the store would. */
    private void tamper(String sql, Object... values) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME))) {
            if (values.length == 0) {
                try (Statement s = c.createStatement()) {
                    s.execute(sql);
                }
                return;
            }
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    s.setObject(i + 1, values[i]);
                }
                s.execute();
            }
        }
    }
}
