package org.credence.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.credence.store.AuditLog.AuditEntry;
import org.credence.store.AuditLog.AuditEvent;
import org.credence.store.AuditLog.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index by subject in its own file: kept without holding up the writer, rebuilt when missing, and
 * never trusted beside a trail it was not built from. (That its answers equal a scan of the trail
 * after any mix of steps is {@link AuditSubjectRunsPropertiesTest}.)
 */
class AuditSubjectIndexTest {

    private static final String SUBJECT = "ab".repeat(16);
    private static final String OTHER = "cd".repeat(16);

    @TempDir
    Path dataDir;

    private static AuditEvent event(int n, String subject) {
        return new AuditEvent(Fixtures.T0.plusSeconds(n), "bank", "partner", "decision", Optional.of(subject),
                "loan.consumer", "allow");
    }

    /** {@code count} entries about SUBJECT and OTHER in turn, committed. */
    private static List<AuditEntry> append(SqliteAuditLog audit, int count) {
        return audit.appendAll(IntStream.rangeClosed(1, count)
                .mapToObj(n -> event(n, n % 2 == 0 ? SUBJECT : OTHER)).toList()).join();
    }

    private static List<Long> about(SqliteAuditLog audit, String subject) {
        return audit.entries(new Query(Optional.of(subject), Optional.empty(), Optional.empty(), Integer.MAX_VALUE))
                .stream().map(AuditEntry::seq).toList();
    }

    private static List<Long> scan(List<AuditEntry> written, String subject) {
        return written.stream().filter(e -> e.event().subjectHash().equals(Optional.of(subject)))
                .map(AuditEntry::seq).toList();
    }

    private static void catchUp(AuditSubjectIndex index) {
        while (index.maintain(true)) {
            // every step makes progress
        }
    }

    /** Entries the runs cover (the rest is the tail). */
    private static long indexed(AuditSubjectIndex index) {
        return index.read(d -> {
            try (ResultSet row = d.prepare("SELECT coalesce(max(last_seq), 0) FROM audit_runs").executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    @Test
    void aStepUnderWayDoesNotHoldUpTheWriter() throws Exception {
        try (Database db = Database.open(dataDir)) {
            AuditSubjectIndex index = AuditSubjectIndex.open(dataDir);
            try (SqliteAuditLog audit = new SqliteAuditLog(db, index)) {
                CountDownLatch holding = new CountDownLatch(1);
                CountDownLatch release = new CountDownLatch(1);
                // Holds the index's connection as a long step would.
                Thread step = Thread.ofPlatform().start(() -> index.read(d -> {
                    holding.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                }));
                holding.await();

                CompletableFuture<List<AuditEntry>> entries = CompletableFuture.supplyAsync(() -> append(audit, 100));
                assertThat(entries.get(10, TimeUnit.SECONDS)).hasSize(100);

                release.countDown();
                step.join();
                assertThat(about(audit, SUBJECT)).isEqualTo(scan(entries.join(), SUBJECT));
            }
        }
    }

    @Test
    void theIndexIsKeptWhileAnotherConnectionHoldsTheTrailsWriteLock() throws Exception {
        try (Database db = Database.open(dataDir)) {
            AuditSubjectIndex index = AuditSubjectIndex.open(dataDir, new AuditSubjectRuns(8, 4));
            try (SqliteAuditLog audit = new SqliteAuditLog(db, index);
                 Connection other = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME))) {
                List<AuditEntry> written = append(audit, 50);
                try (Statement s = other.createStatement()) {
                    s.execute("BEGIN IMMEDIATE");
                    s.execute("INSERT INTO catalogs (catalog_id, version, source, loaded_at) VALUES ('x', 1, '', '')");
                    catchUp(index);
                    s.execute("ROLLBACK");
                }
                assertThat(indexed(index)).isEqualTo(50);
                assertThat(about(audit, OTHER)).isEqualTo(scan(written, OTHER));
            }
        }
    }

    @Test
    void aMissingIndexIsRebuiltFromTheTrail() throws Exception {
        List<AuditEntry> written;
        try (Database db = Database.open(dataDir)) {
            AuditSubjectIndex index = AuditSubjectIndex.open(dataDir, new AuditSubjectRuns(8, 4));
            try (SqliteAuditLog audit = new SqliteAuditLog(db, index)) {
                written = append(audit, 200);
                catchUp(index);
            }
        }
        Files.delete(dataDir.resolve(Database.INDEX_FILE_NAME));

        try (Database db = Database.open(dataDir)) {
            AuditSubjectIndex index = AuditSubjectIndex.open(dataDir, new AuditSubjectRuns(8, 4));
            try (SqliteAuditLog audit = new SqliteAuditLog(db, index)) {
                // Until it is rebuilt every entry is tail, and answers are exact all the same.
                assertThat(about(audit, SUBJECT)).isEqualTo(scan(written, SUBJECT));
                catchUp(index);
                assertThat(indexed(index)).isEqualTo(200);
                assertThat(about(audit, SUBJECT)).isEqualTo(scan(written, SUBJECT));
            }
        }
    }

    @Test
    void anIndexBuiltFromAnotherTrailIsForgottenAndRebuilt() throws Exception {
        Path elsewhere = Files.createDirectories(dataDir.resolve("elsewhere"));
        Path here = Files.createDirectories(dataDir.resolve("here"));
        // Another trail, longer than this one, indexed to its end.
        try (Database db = Database.open(elsewhere)) {
            AuditSubjectIndex index = AuditSubjectIndex.open(elsewhere, new AuditSubjectRuns(8, 4));
            try (SqliteAuditLog audit = new SqliteAuditLog(db, index)) {
                audit.appendAll(IntStream.rangeClosed(1, 120)
                        .mapToObj(n -> event(n, SUBJECT)).toList()).join();
                catchUp(index);
            }
        }
        List<AuditEntry> written;
        try (Database db = Database.open(here)) {
            AuditSubjectIndex index = AuditSubjectIndex.open(here, new AuditSubjectRuns(8, 4));
            try (SqliteAuditLog audit = new SqliteAuditLog(db, index)) {
                written = append(audit, 100);
            }
        }
        Files.copy(elsewhere.resolve(Database.INDEX_FILE_NAME), here.resolve(Database.INDEX_FILE_NAME),
                StandardCopyOption.REPLACE_EXISTING);

        try (Database db = Database.open(here)) {
            AuditSubjectIndex index = AuditSubjectIndex.open(here, new AuditSubjectRuns(8, 4));
            try (SqliteAuditLog audit = new SqliteAuditLog(db, index)) {
                // Trusted, the other trail's runs would claim entries 1..120 were all about SUBJECT.
                assertThat(about(audit, SUBJECT)).isEqualTo(scan(written, SUBJECT));
                assertThat(about(audit, OTHER)).isEqualTo(scan(written, OTHER));
                catchUp(index);
                assertThat(indexed(index)).isEqualTo(100);
                assertThat(about(audit, OTHER)).isEqualTo(scan(written, OTHER));
            }
        }
    }

    @Test
    void theKeeperFoldsAQuietTrailToItsLastEntryUnasked() throws Exception {
        try (Database db = Database.open(dataDir)) {
            AuditSubjectIndex index = AuditSubjectIndex.open(dataDir);
            try (SqliteAuditLog audit = new SqliteAuditLog(db, index)) {
                append(audit, 10);
                // Far fewer than a step: only the idle round folds them, a second after the last commit.
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (indexed(index) < 10 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(indexed(index)).isEqualTo(10);
            }
        }
    }
}
