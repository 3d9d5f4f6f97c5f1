package org.credence.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.LongStream;
import org.credence.record.RecordState;
import org.credence.record.RecordSubmission;
import org.credence.record.StoredRecord;
import org.credence.store.AuditLog;
import org.credence.store.KeyFile;
import org.credence.store.RecordStore;
import org.credence.store.RightsStore;
import org.credence.store.StoreException;
import org.credence.store.Vault;
import org.assertj.core.groups.Tuple;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory whose records are rows (schema version 6) opens with them in blocks: the same
 * records, states and disputes, each block proved by an entry of its own, and the old table gone.
 */
class LegacyRecordsTest {

    private static final Instant CONVERTED = Instant.parse("2026-04-01T00:00:00Z");
    private static final String V6_INSERT = "INSERT INTO records (id, source, source_ref, subject_hash, subject_id_sealed,"
            + " subject_kind, subject_name_sealed, type, occurred_at, details_sealed, recorded_at, state)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @TempDir
    Path dataDir;

    /** A data directory as schema version 6 left it, with {@code rows} as its records; its vault. */
    private Vault version6(List<StoredRecord> rows) throws SQLException {
        String url = "jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME);
        Flyway.configure(getClass().getClassLoader()).dataSource(url, null, null)
                .locations("classpath:db/migration/sqlite").target("6").load().migrate();
        Vault vault = KeyFile.create(KeyFile.defaultLocation(dataDir));
        try (Connection c = DriverManager.getConnection(url)) {
            try (PreparedStatement check = c.prepareStatement("INSERT INTO vault_check VALUES (1, ?, ?)")) {
                check.setString(1, vault.subjectHash(VaultCheck.LABEL));
                check.setBytes(2, vault.seal(VaultCheck.LABEL));
                check.execute();
            }
            c.setAutoCommit(false);
            for (StoredRecord r : rows) {
                insertRow(c, vault, r);
            }
            c.commit();
        }
        return vault;
    }

    @Test
    void rowsOfBeforeBecomeBlocksProvedByTheTrail() throws SQLException {
        String url = "jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME);
        // An import of two records at T0, then one submission at T1, annulled after an upheld dispute.
        List<StoredRecord> before = List.of(
                new StoredRecord(1, Fixtures.record("J-1", Fixtures.person(1, "Zhao Lei")), Fixtures.T0, RecordState.RECORDED),
                new StoredRecord(2, Fixtures.record("J-2", Fixtures.organization(7, "Chengdu Rivers Ltd.")), Fixtures.T0,
                        RecordState.RECORDED),
                new StoredRecord(3, new RecordSubmission("court.beijing", "J-3", Fixtures.person(3), "judgment_unperformed",
                        Fixtures.record("J-3", Fixtures.person(3)).occurredAt(), Optional.empty()), Fixtures.T1,
                        RecordState.ANNULLED));
        Vault vault = version6(before);
        try (Connection c = DriverManager.getConnection(url)) {
            try (PreparedStatement dispute = c.prepareStatement("INSERT INTO disputes (record_id, subject_hash, subject_sealed,"
                    + " reason_sealed, opened_by, opened_role, opened_at, deadline, status) VALUES (3, ?, ?, ?, 'me', 'subject',"
                    + " ?, '2026-04-01', 'upheld')")) {
                dispute.setString(1, vault.subjectHash(Fixtures.personId(3)));
                dispute.setBytes(2, vault.seal(Fixtures.personId(3)));
                dispute.setBytes(3, vault.seal("not mine"));
                dispute.setString(4, Timestamps.format(Fixtures.T1));
                dispute.execute();
            }
        }

        Clock clock = Clock.fixed(CONVERTED, ZoneOffset.UTC);
        try (SqliteStore store = SqliteStore.open(dataDir, KeyFile.defaultLocation(dataDir), clock)) {
            List<StoredRecord> after = new ArrayList<>();
            store.forEach(after::add);
            assertThat(after).isEqualTo(before);
            assertThat(store.latestName(new long[] {1})).contains("Zhao Lei");
            assertThat(store.disputes(Optional.empty())).extracting(RightsStore.Dispute::recordId).containsExactly(3L);
            List<AuditLog.AuditEntry> entries = store.audit().entries(
                    new AuditLog.Query(Optional.empty(), Optional.empty(), Optional.empty(), 10));
            assertThat(entries).extracting(e -> e.event().action(), e -> e.event().at())
                    .containsOnly(Tuple.tuple("record.convert", CONVERTED));
            assertThat(entries).extracting(e -> e.event().outcome().replaceAll("sha-256 [0-9a-f]{64}$", "sha-256"))
                    .containsExactly("converted 1 to 2; block sha-256", "converted 3; block sha-256");
            assertThat(store.verifyRecords()).isEqualTo(new RecordStore.RecordsIntact(3, 2));
            assertThat(store.audit().verify()).isInstanceOf(AuditLog.Intact.class);
        }
        try (SqliteStore again = SqliteStore.open(dataDir);
             Connection c = DriverManager.getConnection(url);
             ResultSet tables = c.createStatement().executeQuery("SELECT count(*) FROM sqlite_schema WHERE name = 'records'")) {
            tables.next();
            assertThat(tables.getInt(1)).as("the old table").isZero();
            assertThat(again.verifyRecords()).isEqualTo(new RecordStore.RecordsIntact(3, 2));
            assertThat(again.record(2)).contains(before.get(1));
        }
    }

    @Test
    void aLargeImportOfBeforeIsCutIntoFullBlocksAfterTheEntriesAlreadyThere() throws SQLException {
        List<StoredRecord> before = LongStream.rangeClosed(1, 1_500)
                .mapToObj(id -> new StoredRecord(id, Fixtures.numbered("bulk", id), Fixtures.T0, RecordState.RECORDED))
                .toList();
        version6(before);
        String at = Timestamps.format(Fixtures.T0);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME));
             PreparedStatement entry = c.prepareStatement("INSERT INTO audit VALUES (1, ?, 'importer', 'operator',"
                     + " 'record.submit', NULL, 'import', 'stored 1 to 1500', ?, ?)")) {
            entry.setString(1, at);
            entry.setString(2, SqliteAuditLog.GENESIS);
            entry.setString(3, new EntryHash().of(1, at, "importer", "operator", "record.submit",
                    null, "import", "stored 1 to 1500", null, SqliteAuditLog.GENESIS));
            entry.execute();
        }

        try (SqliteStore store = SqliteStore.open(dataDir)) {
            assertThat(store.count()).isEqualTo(1_500);
            assertThat(store.record(1_025)).contains(before.get(1_024));
            assertThat(store.audit().entries(new AuditLog.Query(Optional.empty(), Optional.empty(), Optional.empty(), 10)))
                    .extracting(e -> e.event().outcome().replaceAll("sha-256 [0-9a-f]{64}$", "sha-256"))
                    .containsExactly("stored 1 to 1500", "converted 1 to 1024; block sha-256",
                            "converted 1025 to 1500; block sha-256");
            assertThat(store.audit().verify()).isInstanceOf(AuditLog.Intact.class);
            assertThat(store.verifyRecords()).isEqualTo(new RecordStore.RecordsIntact(1_500, 2));
        }
    }

    @Test
    void aGapInTheIdsOfBeforeIsRefusedAndNothingChanges() throws SQLException {
        version6(List.of(new StoredRecord(1, Fixtures.numbered("bulk", 1), Fixtures.T0, RecordState.RECORDED),
                new StoredRecord(3, Fixtures.numbered("bulk", 3), Fixtures.T0, RecordState.RECORDED)));

        assertThatThrownBy(() -> SqliteStore.open(dataDir)).isInstanceOf(StoreException.class)
                .hasMessageContaining("have no record 2").hasMessageContaining("it is not converted");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME));
             ResultSet rows = c.createStatement().executeQuery("SELECT count(*) FROM records")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(2);
        }
    }

    private static void insertRow(Connection c, Vault vault, StoredRecord r) throws SQLException {
        RecordSubmission s = r.submission();
        try (PreparedStatement insert = c.prepareStatement(V6_INSERT)) {
            insert.setLong(1, r.id());
            insert.setString(2, s.source());
            insert.setString(3, s.sourceRef());
            insert.setString(4, vault.subjectHash(s.subject().id()));
            insert.setBytes(5, vault.seal(s.subject().id()));
            insert.setString(6, s.subject().kind().code());
            insert.setBytes(7, s.subject().name().map(vault::seal).orElse(null));
            insert.setString(8, s.type());
            insert.setString(9, s.occurredAt().toString());
            insert.setBytes(10, s.details().map(vault::seal).orElse(null));
            insert.setString(11, Timestamps.format(r.recordedAt()));
            insert.setString(12, r.state().name().toLowerCase(Locale.ROOT));
            insert.execute();
        }
    }
}
