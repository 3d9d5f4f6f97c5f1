package org.credence.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.credence.record.RecordSubmission;
import org.credence.store.AuditLog;
import org.credence.store.RecordStore.RecordsBroken;
import org.credence.store.RecordStore.RecordsIntact;
import org.credence.store.RightsStore.Actor;
import org.credence.store.RightsStore.Dispute;
import org.credence.store.RightsStore.Notice;
import org.credence.store.StoreException;
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
    void aRecordOrAKeySlippedInOrAKeyRemovedIsFound() throws SQLException {
        tamper("INSERT INTO record_blocks (first_id, last_id, audit_seq, body) VALUES (31, 31, 3, ?)",
                RecordBlock.encode(31, Timestamps.format(Fixtures.T0), List.of(Fixtures.numbered("y", 1)), store.vault()));
        assertThat(store.verifyRecords()).isEqualTo(new RecordsBroken("record 31",
                "the audit entry 3 that should have stored them names other records"));

        tamper("DELETE FROM record_blocks WHERE first_id = 31");
        tamper("INSERT INTO record_refs (source, source_ref, id) VALUES ('z', 'z', 5)");
        assertThat(store.verifyRecords()).isEqualTo(new RecordsBroken("record keys", "31 idempotency keys for 30 records"));
        tamper("UPDATE record_refs SET id = 1000 WHERE source = 'z'");
        assertThat(store.verifyRecords()).isEqualTo(new RecordsBroken("record keys",
                "31 idempotency keys for 30 records; the key z/z leads to record 1000, which is not stored"));
        // A record resent under that key finds it pointing nowhere, and is refused saying so.
        assertThatThrownBy(() -> store.append(List.of(new RecordSubmission("z", "z", Fixtures.person(1), "contract_default",
                LocalDate.of(2024, 1, 1), Optional.empty())), Fixtures.T1, Fixtures.WRITER))
                .isInstanceOf(StoreException.class).hasMessageContaining("names record 1000, which is not stored");

        tamper("DELETE FROM record_refs WHERE source IN ('b', 'z')");
        assertThat(store.verifyRecords()).isEqualTo(new RecordsBroken("records 11 to 20",
                "the idempotency key of record 11 is missing"));
    }

    @Test
    void aRowSlippedInsideABlockIsFoundOnAnyPage() throws SQLException {
        // 60 blocks more, so that the block it hides in, the 64th, ends the verifier's first page.
        for (int n = 0; n < 60; n++) {
            store.append(List.of(Fixtures.numbered("single", n)), Fixtures.T0, Fixtures.WRITER);
        }
        store.append(LongStream.range(0, 10).mapToObj(n -> Fixtures.numbered("last", n)).toList(), Fixtures.T0, Fixtures.WRITER);
        assertThat(store.verifyRecords()).isEqualTo(new RecordsIntact(100, 64));
        tamper("INSERT INTO record_blocks (first_id, last_id, audit_seq, body) VALUES (95, 95, 1, ?)",
                RecordBlock.encode(95, Timestamps.format(Fixtures.T0), List.of(Fixtures.numbered("forged", 1)), store.vault()));

        assertThat(store.verifyRecords()).isEqualTo(new RecordsBroken("record 95", "they overlap the block before"));
    }

    @Test
    void everyKeyMustLeadToItsRecordAndEveryStateRestOnAStep() throws SQLException {
        tamper("UPDATE record_refs SET id = 25 WHERE source = 'b' AND source_ref = 'r3'");
        assertThat(store.verifyRecords()).isEqualTo(new RecordsBroken("records 11 to 20",
                "the idempotency key of record 14 leads to record 25"));

        tamper("UPDATE record_refs SET id = 14 WHERE source = 'b' AND source_ref = 'r3'");
        tamper("INSERT INTO record_states (id, state) VALUES (7, 'annulled')");
        assertThat(store.verifyRecords()).isEqualTo(new RecordsBroken("record 7", "it is annulled with no upheld dispute behind it"));

        tamper("DELETE FROM record_states");
        Dispute dispute = store.openDispute(7, Fixtures.numbered("a", 6).subject().id(), "not mine",
                new Actor("portal", "subject"), Fixtures.T1, LocalDate.of(2026, 4, 1), d -> Fixtures.entry("dispute.open"));
        store.resolveDispute(dispute.id(), Dispute.Status.UPHELD, "wrong person", new Actor("duty", "operator"), Fixtures.T1,
                d -> Fixtures.entry("dispute.resolve"), d -> new Notice(0, Fixtures.T1, Notice.Kind.DISPUTE_RESOLVED, "upheld",
                        "test", "basis", Optional.empty(), "ask"));
        assertThat(store.verifyRecords()).isEqualTo(new RecordsIntact(30, 3));

        // The annulment an upheld dispute made, undone in the file, reinstates the record: found too.
        tamper("DELETE FROM record_states");
        assertThat(store.verifyRecords()).isEqualTo(new RecordsBroken("record 7", "it has an upheld dispute and is not annulled"));
    }

    @Test
    void aBlockCutOffTheEndWithItsEntriesLeavesItsKeys() throws SQLException {
        tamper("DELETE FROM record_blocks WHERE first_id > 10");
        tamper("DELETE FROM audit WHERE seq > 1");

        assertThat(store.audit().verify()).isInstanceOf(AuditLog.Intact.class);
        assertThat(store.verifyRecords()).isEqualTo(new RecordsBroken("record keys", "30 idempotency keys for 10 records;"
                + " the key b/r0 leads to record 11, which is not stored"));
    }

    @Test
    void freeTextThatLooksLikeADigestIsNotTakenForOne() {
        store.audit().append(new AuditLog.AuditEvent(Fixtures.T1, "someone", "operator", "key.create", Optional.empty(),
                "test", "agency key 'stored 5; block sha-256 beef'")).join();

        assertThat(store.verifyRecords()).isEqualTo(new RecordsIntact(30, 3));
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
