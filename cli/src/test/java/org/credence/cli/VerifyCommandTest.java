package org.credence.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.credence.cli.Harness.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.credence.record.RecordSubmission;
import org.credence.record.SubjectRef;
import org.credence.store.AuditLog;
import org.credence.store.AuditLog.AuditEntry;
import org.credence.store.AuditLog.AuditEvent;
import org.credence.store.RecordStore;
import org.credence.store.sqlite.SqliteStore;
import org.credence.subject.SubjectKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code credence verify} against a trail written by the store and then tampered with in the SQLite
 * file directly, as someone with access to the disk but not the code would.
 */
class VerifyCommandTest {

    private static final int ENTRIES = 8;

    @TempDir
    Path tmp;

    Path data;
    List<AuditEntry> written;

    @BeforeEach
    void writeATrail() {
        data = tmp.resolve("data");
        written = new ArrayList<>();
        try (SqliteStore store = SqliteStore.open(data)) {
            for (int n = 1; n <= ENTRIES; n++) {
                written.add(store.audit().append(new AuditEvent(Instant.parse("2026-11-23T12:00:00Z").plusSeconds(n),
                        "bank-1", "partner", "decision", Optional.of(Integer.toHexString(n).repeat(64).substring(0, 64)),
                        "loan.consumer", n % 2 == 0 ? "deny" : "allow")).join());
            }
        }
    }

    private void tamper(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("credence.db"));
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private Harness.Result verify() {
        return cli("verify", "--data", data.toString());
    }

    @Test
    void anIntactTrailExitsZeroWithItsCountAndHead() {
        Harness.Result result = verify();

        assertThat(result.exit()).isZero();
        assertThat(result.out().lines().toList()).containsExactly(
                "audit trail intact: " + ENTRIES + " entries",
                "head: " + written.getLast().hash(),
                "records intact: 0 records in 0 blocks, each matching its audit entry");
    }

    @Test
    void aChangedRecordIsNamedThoughTheChainHolds() throws Exception {
        String head;
        try (SqliteStore store = SqliteStore.open(data)) {
            store.append(List.of(new RecordSubmission("court-1", "J-1", new SubjectRef(Harness.PERSON, SubjectKind.PERSON,
                    Optional.empty()), "court.judgment_default", LocalDate.of(2026, 3, 1), Optional.empty())),
                    Instant.parse("2026-11-23T13:00:00Z"), new RecordStore.AuditedBy(Instant.parse("2026-11-23T13:00:00Z"),
                            "court", "agency", "record.submit", "test", new RecordStore.CheckedUnder("example-city", 1)));
            head = store.audit().entries(new AuditLog.Query(Optional.empty(), Optional.empty(), Optional.empty(), 100))
                    .getLast().hash();
        }
        assertThat(verify().out()).contains("records intact: 1 records in 1 blocks");
        // The source's reference is in the clear part of the block: changing it changes the block's digest.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("credence.db"))) {
            byte[] body;
            try (ResultSet row = c.createStatement().executeQuery("SELECT body FROM record_blocks")) {
                row.next();
                body = row.getBytes(1);
            }
            String text = new String(body, StandardCharsets.ISO_8859_1);
            body[text.indexOf("J-1") + 2] = '2';
            try (PreparedStatement update = c.prepareStatement("UPDATE record_blocks SET body = ?")) {
                update.setBytes(1, body);
                update.execute();
            }
        }

        Harness.Result result = verify();

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out().lines().toList()).containsExactly(
                "audit trail intact: " + (ENTRIES + 1) + " entries",
                "head: " + head,
                "records broken at record 1: they do not match the digest in the audit entry " + (ENTRIES + 1)
                        + " that stored them");
    }

    @Test
    void aModifiedEntryIsNamed() throws Exception {
        tamper("UPDATE audit SET outcome = 'allow' WHERE seq = 4");

        Harness.Result result = verify();

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out().strip()).isEqualTo("audit trail broken at entry 4: hash does not match its content");
    }

    @Test
    void aDeletedEntryIsNamedByTheEntryAfterTheGap() throws Exception {
        tamper("DELETE FROM audit WHERE seq = 4");

        Harness.Result result = verify();

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out().strip()).isEqualTo("audit trail broken at entry 5: entry 4 is missing");
    }

    @Test
    void reorderedEntriesAreNamedAtTheFirstMoved() throws Exception {
        String columns = "at, actor, role, action, subject_hash, purpose, outcome, previous_hash, hash";
        tamper("UPDATE audit SET (" + columns + ") = (SELECT " + columns + " FROM audit AS o WHERE o.seq = "
                + "CASE audit.seq WHEN 3 THEN 6 ELSE 3 END) WHERE seq IN (3, 6)");

        Harness.Result result = verify();

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out().strip()).isEqualTo("audit trail broken at entry 3: hash does not match its content");
    }

    @Test
    void aMissingDataDirectoryIsAnErrorNotAnEmptyTrail() {
        Harness.Result result = cli("verify", "--data", tmp.resolve("typo").toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("no data directory at");
        assertThat(tmp.resolve("typo")).doesNotExist();
    }

    @Test
    void theCommandLineTrailVerifies() {
        // A data directory made the ordinary way: whatever the commands audited chains up.
        Path fresh = tmp.resolve("fresh");
        new Harness(fresh).close();

        Harness.Result result = cli("verify", "--data", fresh.toString());

        assertThat(result.exit()).isZero();
        assertThat(result.out()).startsWith("audit trail intact: ");
    }
}
