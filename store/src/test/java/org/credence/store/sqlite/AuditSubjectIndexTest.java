package org.credence.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.credence.store.AuditLog.AuditEntry;
import org.credence.store.AuditLog.AuditEvent;
import org.credence.store.AuditLog.Item;
import org.credence.store.AuditLog.Query;
import org.credence.store.StoreException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index by subject in its own file: kept without holding up the writer, kept across restarts,
 * rebuilt when missing, damaged or built from another trail. (That its answers equal a scan of the
 * trail after any mix of steps is {@link AuditSubjectRunsPropertiesTest}.) Only the tests of the keeper
 * start it; the others decide each step.
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
        return Fixtures.appendEach(audit, IntStream.rangeClosed(1, count)
                .mapToObj(n -> event(n, n % 2 == 0 ? SUBJECT : OTHER)).toList());
    }

    private static List<Long> about(SqliteAuditLog audit, String subject) {
        return audit.entries(new Query(Optional.of(subject), Optional.empty(), Optional.empty(), Integer.MAX_VALUE))
                .stream().map(AuditEntry::seq).toList();
    }

    private static List<Long> scan(List<AuditEntry> written, String subject) {
        return written.stream().filter(e -> e.event().subjectHash().equals(Optional.of(subject)))
                .map(AuditEntry::seq).toList();
    }

    private static AuditSubjectIndex unkept(Path dataDir) {
        return AuditSubjectIndex.open(dataDir, new AuditSubjectRuns(8, 4));
    }

    private static void catchUp(AuditSubjectIndex index) {
        // Every step makes progress, so a few hundred suffice for these few entries.
        int taken = 0;
        while (index.maintain(true)) {
            assertThat(++taken).as("steps to catch up").isLessThan(1_000);
        }
    }

    /** As {@link #catchUp}, checking after every step that each of {@code subjects} is answered as a scan would. */
    private static void catchUpAnsweringExactly(AuditSubjectIndex index, SqliteAuditLog audit, List<AuditEntry> written,
                                                String... subjects) {
        int taken = 0;
        while (index.maintain(true)) {
            assertThat(++taken).as("steps to catch up").isLessThan(1_000);
            for (String subject : subjects) {
                assertThat(about(audit, subject)).as("after step %d", taken).isEqualTo(scan(written, subject));
            }
        }
    }

    /** {@code count} entries about SUBJECT and OTHER in turn in {@code dir}'s trail, not yet indexed. */
    private static List<AuditEntry> unindexedTrail(Path dir, int count) {
        try (Database db = Database.open(dir); AuditSubjectIndex index = unkept(dir);
             SqliteAuditLog audit = new SqliteAuditLog(db, index)) {
            return new ArrayList<>(append(audit, count));
        }
    }

    /** Entries the runs cover (the rest is the tail), and how many runs there are. */
    private static long[] runs(AuditSubjectIndex index) {
        return index.read(d -> {
            try (ResultSet row = d.prepare("SELECT coalesce(max(last_seq), 0), count(*) FROM audit_runs")
                    .executeQuery()) {
                row.next();
                return new long[] {row.getLong(1), row.getLong(2)};
            }
        });
    }

    /** A trail of {@code count} entries in {@code dir}, indexed to its end. */
    private static List<AuditEntry> indexedTrail(Path dir, int count, String subject) {
        try (Database db = Database.open(dir); AuditSubjectIndex index = unkept(dir);
             SqliteAuditLog audit = new SqliteAuditLog(db, index)) {
            List<AuditEntry> written = Fixtures.appendEach(audit, IntStream.rangeClosed(1, count)
                    .mapToObj(n -> event(n, subject == null ? (n % 2 == 0 ? SUBJECT : OTHER) : subject)).toList());
            catchUp(index);
            return written;
        }
    }

    @Test
    void aStepUnderWayDoesNotHoldUpTheWriter() throws Exception {
        try (Database db = Database.open(dataDir); AuditSubjectIndex index = unkept(dataDir);
             SqliteAuditLog audit = new SqliteAuditLog(db, index)) {
            append(audit, 20);
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            // Holds what a step holds: the index's write transaction and a snapshot of the trail.
            Thread step = Thread.ofPlatform().start(() -> index.read(d -> {
                d.execute("BEGIN IMMEDIATE");
                try (ResultSet row = d.prepare("SELECT count(*) FROM trail.audit").executeQuery()) {
                    row.next();
                }
                d.execute("DELETE FROM audit_merges");
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                d.execute("ROLLBACK");
                return null;
            }));
            try {
                assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
                CompletableFuture<List<AuditEntry>> more = CompletableFuture.supplyAsync(() -> append(audit, 100));
                assertThat(more.get(10, TimeUnit.SECONDS)).hasSize(100);
            } finally {
                release.countDown();
                step.join();
            }
            assertThat(about(audit, SUBJECT)).hasSize(60);
        }
    }

    @Test
    void theIndexIsKeptWhileAnotherConnectionHoldsTheTrailsWriteLock() throws Exception {
        try (Database db = Database.open(dataDir); AuditSubjectIndex index = unkept(dataDir);
             SqliteAuditLog audit = new SqliteAuditLog(db, index);
             Connection other = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME))) {
            List<AuditEntry> written = append(audit, 50);
            assertThat(runs(index)[0]).isZero();
            try (Statement s = other.createStatement(); ResultSet rows = s.executeQuery("SELECT count(*) FROM audit")) {
                rows.next();
                assertThat(rows.getLong(1)).as("the other connection is on the same file").isEqualTo(50);
            }
            try (Statement s = other.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                s.execute("INSERT INTO catalogs (catalog_id, version, source, loaded_at) VALUES ('x', 1, '', '')");
                catchUp(index);
                s.execute("ROLLBACK");
            }
            assertThat(runs(index)[0]).isEqualTo(50);
            assertThat(about(audit, OTHER)).isEqualTo(scan(written, OTHER));
        }
    }

    @Test
    void aKeeperThatFellBehindCatchesUpInRunsOfManySteps() {
        // Steps of 8, fanout 4: forty entries are five steps; the first run takes four of them at once,
        // the next the fifth.
        try (Database db = Database.open(dataDir); AuditSubjectIndex index = unkept(dataDir);
             SqliteAuditLog audit = new SqliteAuditLog(db, index)) {
            List<AuditEntry> written = append(audit, 40);
            assertThat(index.maintain(false)).isTrue();
            assertThat(runs(index)).containsExactly(32, 1);
            assertThat(index.maintain(false)).isTrue();
            assertThat(runs(index)).containsExactly(40, 2);
            assertThat(about(audit, SUBJECT)).isEqualTo(scan(written, SUBJECT));
        }
    }

    @Test
    void itemsThatAreNotJsonStopNeitherTheKeeperNorAQuery() throws Exception {
        AuditEvent two = new AuditEvent(Fixtures.T0, "bank", "partner", "decision", Optional.empty(), "loan.consumer",
                "2 decisions", List.of(new Item(SUBJECT, "allow"), new Item(OTHER, "deny")));
        try (Database db = Database.open(dataDir); AuditSubjectIndex index = unkept(dataDir);
             SqliteAuditLog audit = new SqliteAuditLog(db, index)) {
            List<AuditEntry> before = append(audit, 4);
            long broken = audit.append(two).join().seq();
            List<AuditEntry> after = append(audit, 20);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME));
                 Statement s = c.createStatement()) {
                s.execute("UPDATE audit SET items = '[[\"" + SUBJECT + "\", \"allow\"' WHERE seq = " + broken);
            }
            catchUp(index);
            assertThat(runs(index)[0]).isEqualTo(after.getLast().seq());
            // The broken entry is no one's: its items cannot be read.
            List<AuditEntry> readable = Stream.concat(before.stream(), after.stream())
                    .sorted(Comparator.comparing((AuditEntry e) -> e.event().at()).thenComparingLong(AuditEntry::seq))
                    .toList();
            for (String subject : List.of(SUBJECT, OTHER)) {
                assertThat(about(audit, subject)).isEqualTo(scan(readable, subject));
            }
        }
    }

    @Test
    void aRunTakesEntriesAboutManySubjectsByTheirWeight() {
        // Steps of 8 rows: three entries of five items weigh 15. A run takes the first alone (two would
        // overfill it), the next run the second, and the third waits, as a short tail, for more.
        AuditEvent five = new AuditEvent(Fixtures.T0, "bank", "partner", "decision", Optional.empty(), "loan.consumer",
                "5 decisions", IntStream.range(0, 5).mapToObj(i -> new Item(i % 2 == 0 ? SUBJECT : OTHER, "allow")).toList());
        try (Database db = Database.open(dataDir); AuditSubjectIndex index = unkept(dataDir);
             SqliteAuditLog audit = new SqliteAuditLog(db, index)) {
            Fixtures.appendEach(audit, List.of(five, five, five));
            assertThat(index.maintain(false)).isTrue();
            assertThat(runs(index)).containsExactly(1, 1);
            assertThat(index.maintain(false)).as("what is left weighs one step and a bit").isTrue();
            assertThat(runs(index)).containsExactly(2, 2);
            assertThat(index.maintain(false)).as("a single entry left").isFalse();

            audit.append(event(1, SUBJECT)).join();
            catchUp(index);
            assertThat(runs(index)[0]).isEqualTo(4);
            // Each entry once per subject however often its items name it.
            assertThat(about(audit, SUBJECT)).containsExactly(1L, 2L, 3L, 4L);
            assertThat(about(audit, OTHER)).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void aSliceTakesABlockOrTwoOfEachSourceHoweverWideASmallSourcesBlocksAre() {
        // Steps of 8, fanout 4, blocks of 2 rows. A short tail folded on a quiet day makes a run of three
        // rows whose second block begins at its last subject; three full runs about eight other subjects
        // follow. The merge's first slice ends where the full runs' third blocks begin, not at that last
        // subject, which would have made it nearly the whole merge.
        List<String> eight = IntStream.range(0x20, 0x28).mapToObj(i -> Integer.toHexString(i).repeat(16)).toList();
        String last = "ff".repeat(16);
        try (Database db = Database.open(dataDir); AuditSubjectIndex index = unkept(dataDir);
             SqliteAuditLog audit = new SqliteAuditLog(db, index)) {
            Fixtures.appendEach(audit, List.of(batch(List.of("00".repeat(16), "01".repeat(16), last))));
            assertThat(index.maintain(true)).isTrue();
            for (int i = 0; i < 3; i++) {
                audit.append(batch(eight)).join();
                assertThat(index.maintain(false)).isTrue();
            }
            assertThat(runs(index)).containsExactly(4, 4);
            assertThat(index.maintain(false)).as("the merge starts").isTrue();
            assertThat(index.maintain(false)).as("its first slice").isTrue();
            assertThat(merged(index)).containsExactly("00".repeat(16), "01".repeat(16), eight.get(0), eight.get(0),
                    eight.get(0), eight.get(1), eight.get(1), eight.get(1), eight.get(2), eight.get(2), eight.get(2),
                    eight.get(3), eight.get(3), eight.get(3));

            catchUp(index);
            assertThat(runs(index)).containsExactly(4, 1);
            assertThat(about(audit, last)).containsExactly(1L);
            assertThat(about(audit, eight.get(7))).containsExactly(2L, 3L, 4L);
        }
    }

    @Test
    void aSubjectWithMoreRowsThanABlockTakesSpansBlocksAndIsFoundWholeAtEveryStep() throws Exception {
        // Steps of 8, fanout 4: blocks of 2 rows, of 8 at most. All but one entry in forty are about the
        // hot subject, so its rows fill several blocks of a merged run, and the merge into level 2 cuts
        // slices inside them. Hot as the lesser subject, its rows begin a run's blocks; as the greater, its
        // first rows end a block that begins with the other subject's single row.
        spansBlocks(Files.createDirectory(dataDir.resolve("lesser")), SUBJECT, OTHER);
        spansBlocks(Files.createDirectory(dataDir.resolve("greater")), OTHER, SUBJECT);
    }

    private static void spansBlocks(Path dir, String hot, String cold) {
        List<AuditEntry> written;
        try (Database db = Database.open(dir); AuditSubjectIndex index = unkept(dir);
             SqliteAuditLog audit = new SqliteAuditLog(db, index)) {
            written = Fixtures.appendEach(audit, IntStream.rangeClosed(1, 200)
                    .mapToObj(n -> event(n, n % 40 == 0 ? cold : hot)).toList());
            catchUpAnsweringExactly(index, audit, written, hot, cold);
            List<long[]> blocks = index.read(d -> {
                List<long[]> found = new ArrayList<>();
                try (ResultSet rows = d.prepare("SELECT run, first_subject = '" + hot + "', body FROM audit_run_blocks")
                        .executeQuery()) {
                    while (rows.next()) {
                        found.add(new long[] {rows.getLong(1), rows.getLong(2), AuditRunBlock.decode(rows.getBytes(3)).size()});
                    }
                }
                return found;
            });
            assertThat(blocks).allSatisfy(block -> assertThat(block[2]).as("rows of a block").isLessThanOrEqualTo(8));
            assertThat(blocks.stream().filter(block -> block[1] == 1).collect(Collectors.groupingBy(block -> block[0],
                    Collectors.counting())).values()).as("blocks that begin with the hot subject, by run")
                    .anyMatch(n -> n >= 10);
            // A time range and a limit within a subject that spans blocks.
            Query some = new Query(Optional.of(hot), Optional.of(Fixtures.T0.plusSeconds(50)),
                    Optional.of(Fixtures.T0.plusSeconds(150)), 30);
            assertThat(audit.entries(some)).extracting(AuditEntry::seq).isEqualTo(written.stream()
                    .filter(e -> e.event().subjectHash().equals(Optional.of(hot)) && e.seq() >= 50 && e.seq() < 150)
                    .map(AuditEntry::seq).limit(30).toList());
        }
    }

    @Test
    void aQueryDoesNotWaitForAStepOfAnotherProcess() throws Exception {
        // A keeper in another process (an import beside the server) holds the index's write lock while it
        // steps; a query reads a snapshot beside it, as it reads the trail beside the audit writer.
        List<AuditEntry> written = indexedTrail(dataDir, 40, null);
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.INDEX_FILE_NAME));
             Database db = Database.open(dataDir); AuditSubjectIndex index = unkept(dataDir);
             SqliteAuditLog audit = new SqliteAuditLog(db, index)) {
            other.createStatement().execute("BEGIN IMMEDIATE");
            other.createStatement().execute("DELETE FROM audit_merges");
            try {
                assertThat(CompletableFuture.supplyAsync(() -> about(audit, SUBJECT)).get(5, TimeUnit.SECONDS))
                        .isEqualTo(scan(written, SUBJECT));
            } finally {
                other.createStatement().execute("ROLLBACK");
            }
        }
    }

    @Test
    void blocksKeyedByTheirFirstSubjectAloneAreFoundAndMergedAfterTheMigration() throws Exception {
        List<AuditEntry> written = unindexedTrail(dataDir, 40);
        // The index file as its second version left it: a run of the first 40 entries in two blocks, one
        // per subject, each keyed by its subject alone, with more rows than blocks take now.
        try (Connection c = indexOfVersion2()) {
            c.createStatement().execute("INSERT INTO audit_runs VALUES (1, 0, 1, 40, '" + written.get(39).hash() + "')");
            List<AuditRunBlock.Row> rows = trailRows(1, 40);
            for (String subject : List.of(SUBJECT, OTHER)) {
                blockOfVersion2(c, 1, rows, subject);
            }
        }

        try (Database db = Database.open(dataDir); AuditSubjectIndex index = unkept(dataDir);
             SqliteAuditLog audit = new SqliteAuditLog(db, index)) {
            assertThat(runs(index)).containsExactly(40, 1);
            assertThat(about(audit, SUBJECT)).isEqualTo(scan(written, SUBJECT));
            // Three steps more make three runs of level 0 beside it, and the four are merged.
            for (int i = 0; i < 3; i++) {
                // Later than every entry before, so that listing order is still the order written.
                written.addAll(Fixtures.appendEach(audit, IntStream.rangeClosed(written.size() + 1, written.size() + 8)
                        .mapToObj(n -> event(n, n % 2 == 0 ? SUBJECT : OTHER)).toList()));
                assertThat(index.maintain(false)).isTrue();
            }
            assertThat(runs(index)).containsExactly(64, 4);
            catchUpAnsweringExactly(index, audit, written, SUBJECT, OTHER);
            assertThat(runs(index)).containsExactly(64, 1);
        }
    }

    @Test
    void aMergeUnderWayWhenTheIndexIsMigratedGoesOn() throws Exception {
        List<AuditEntry> written = unindexedTrail(dataDir, 40);
        // Two runs of 20 entries being merged into a third, which has taken SUBJECT's rows of both so far
        // (merges of before moved whole subjects); the sources hold OTHER's.
        try (Connection c = indexOfVersion2()) {
            c.createStatement().execute("INSERT INTO audit_runs VALUES (1, 0, 1, 20, '" + written.get(19).hash() + "'),"
                    + " (2, 0, 21, 40, '" + written.get(39).hash() + "')");
            c.createStatement().execute("INSERT INTO audit_merges VALUES (3, 0, 1, 40, '" + written.get(39).hash() + "')");
            blockOfVersion2(c, 1, trailRows(1, 20), OTHER);
            blockOfVersion2(c, 2, trailRows(21, 40), OTHER);
            blockOfVersion2(c, 3, trailRows(1, 40), SUBJECT);
        }

        try (Database db = Database.open(dataDir); AuditSubjectIndex index = unkept(dataDir);
             SqliteAuditLog audit = new SqliteAuditLog(db, index)) {
            assertThat(about(audit, SUBJECT)).isEqualTo(scan(written, SUBJECT));
            assertThat(about(audit, OTHER)).isEqualTo(scan(written, OTHER));
            assertThat(index.maintain(false)).as("the merge's last slice").isTrue();
            assertThat(runs(index)).containsExactly(40, 1);
            assertThat(about(audit, SUBJECT)).isEqualTo(scan(written, SUBJECT));
            assertThat(about(audit, OTHER)).isEqualTo(scan(written, OTHER));
        }
    }

    /** A new index file of the schema's second version, where blocks were keyed by their first subject alone. */
    private Connection indexOfVersion2() throws Exception {
        Files.delete(dataDir.resolve(Database.INDEX_FILE_NAME));
        String url = "jdbc:sqlite:" + dataDir.resolve(Database.INDEX_FILE_NAME);
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration/sqlite-index").target("2")
                .load().migrate();
        return DriverManager.getConnection(url);
    }

    /** The index's rows of the trail's entries {@code first} to {@code last}, in key order. */
    private List<AuditRunBlock.Row> trailRows(long first, long last) throws Exception {
        List<AuditRunBlock.Row> rows = new ArrayList<>();
        try (Connection trail = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME));
             ResultSet entries = trail.createStatement().executeQuery(
                     "SELECT subject_hash, at, seq FROM audit WHERE seq BETWEEN " + first + " AND " + last)) {
            while (entries.next()) {
                rows.add(new AuditRunBlock.Row(entries.getString(1), entries.getString(2), entries.getLong(3)));
            }
        }
        rows.sort(AuditRunBlock.ORDER);
        return rows;
    }

    /** {@code subject}'s rows among {@code rows} as one block of {@code run}, keyed as the second version keyed it. */
    private static void blockOfVersion2(Connection c, long run, List<AuditRunBlock.Row> rows, String subject)
            throws Exception {
        try (PreparedStatement block = c.prepareStatement("INSERT INTO audit_run_blocks (run, first_subject, body) VALUES (?, ?, ?)")) {
            block.setLong(1, run);
            block.setString(2, subject);
            block.setBytes(3, AuditRunBlock.encode(rows.stream().filter(row -> row.subject().equals(subject)).toList()));
            block.executeUpdate();
        }
    }

    /** An entry of a batch about {@code subjects}, one item each. */
    private static AuditEvent batch(List<String> subjects) {
        return new AuditEvent(Fixtures.T0, "bank", "partner", "decision", Optional.empty(), "loan.consumer",
                subjects.size() + " decisions", subjects.stream().map(subject -> new Item(subject, "allow")).toList());
    }

    /** The subjects of the rows the merge under way has moved so far, in key order. */
    private static List<String> merged(AuditSubjectIndex index) {
        return index.read(d -> {
            List<String> subjects = new ArrayList<>();
            try (ResultSet rows = d.prepare("SELECT body FROM audit_run_blocks WHERE run = (SELECT run FROM audit_merges)"
                    + " ORDER BY first_subject, first_at, first_seq").executeQuery()) {
                while (rows.next()) {
                    AuditRunBlock.decode(rows.getBytes(1)).forEach(row -> subjects.add(row.subject()));
                }
            }
            return subjects;
        });
    }

    @Test
    void theIndexIsKeptAcrossARestart() {
        List<AuditEntry> written = indexedTrail(dataDir, 100, null);
        long[] before;
        try (AuditSubjectIndex index = unkept(dataDir)) {
            before = runs(index);
        }
        try (Database db = Database.open(dataDir); AuditSubjectIndex index = unkept(dataDir);
             SqliteAuditLog audit = new SqliteAuditLog(db, index)) {
            assertThat(runs(index)).isEqualTo(before).satisfies(r -> assertThat(r[0]).isEqualTo(100));
            assertThat(about(audit, SUBJECT)).isEqualTo(scan(written, SUBJECT));
        }
    }

    @Test
    void aMissingIndexIsRebuiltFromTheTrail() throws Exception {
        List<AuditEntry> written = indexedTrail(dataDir, 200, null);
        Files.delete(dataDir.resolve(Database.INDEX_FILE_NAME));

        try (Database db = Database.open(dataDir); AuditSubjectIndex index = unkept(dataDir);
             SqliteAuditLog audit = new SqliteAuditLog(db, index)) {
            // Until it is rebuilt every entry is tail, and answers are exact all the same.
            assertThat(runs(index)[0]).isZero();
            assertThat(about(audit, SUBJECT)).isEqualTo(scan(written, SUBJECT));
            catchUp(index);
            assertThat(runs(index)[0]).isEqualTo(200);
            assertThat(about(audit, SUBJECT)).isEqualTo(scan(written, SUBJECT));
        }
    }

    @Test
    void runsOfRowsFromBeforeBlocksAreDroppedAndRebuiltFromTheTrail() throws Exception {
        List<AuditEntry> written = unindexedTrail(dataDir, 60);
        // The index file as the first version of its schema left it: one run of a row per entry, which
        // the trail vouches for (its last hash is the trail's), and a merge under way.
        Files.delete(dataDir.resolve(Database.INDEX_FILE_NAME));
        Flyway.configure().dataSource("jdbc:sqlite:" + dataDir.resolve(Database.INDEX_FILE_NAME), null, null)
                .locations("classpath:db/migration/sqlite-index").target("1").load().migrate();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.INDEX_FILE_NAME));
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO audit_runs VALUES (1, 0, 1, 60, '" + written.getLast().hash() + "')");
            s.execute("INSERT INTO audit_run_entries VALUES (1, '" + SUBJECT + "', '2026-03-01T08:00:00Z', 1)");
            s.execute("INSERT INTO audit_merges VALUES (2, 0, 1, 60, '" + written.getLast().hash() + "', '')");
        }

        try (Database db = Database.open(dataDir); AuditSubjectIndex index = unkept(dataDir);
             SqliteAuditLog audit = new SqliteAuditLog(db, index)) {
            assertThat(runs(index)).containsExactly(0, 0);
            assertThat(about(audit, SUBJECT)).isEqualTo(scan(written, SUBJECT));
            catchUp(index);
            assertThat(runs(index)[0]).isEqualTo(60);
            assertThat(about(audit, SUBJECT)).isEqualTo(scan(written, SUBJECT));
            assertThat(about(audit, OTHER)).isEqualTo(scan(written, OTHER));
        }
    }

    @Test
    void anIndexBuiltFromAnotherTrailIsForgottenAndRebuilt() throws Exception {
        for (int otherLength : new int[] {64, 120}) {
            // Shorter: the entry its runs end at is here, with another hash. Longer: that entry is not here.
            Path elsewhere = Files.createDirectories(dataDir.resolve("elsewhere-" + otherLength));
            Path here = Files.createDirectories(dataDir.resolve("here-" + otherLength));
            indexedTrail(elsewhere, otherLength, SUBJECT);
            List<AuditEntry> written = unindexedTrail(here, 100);
            Files.copy(elsewhere.resolve(Database.INDEX_FILE_NAME), here.resolve(Database.INDEX_FILE_NAME),
                    StandardCopyOption.REPLACE_EXISTING);

            try (Database db = Database.open(here); AuditSubjectIndex index = unkept(here);
                 SqliteAuditLog audit = new SqliteAuditLog(db, index)) {
                // Trusted, the other trail's runs would claim their entries were all about SUBJECT.
                assertThat(runs(index)[0]).as("runs kept from a trail of %d", otherLength).isZero();
                assertThat(about(audit, SUBJECT)).isEqualTo(scan(written, SUBJECT));
                assertThat(about(audit, OTHER)).isEqualTo(scan(written, OTHER));
                catchUp(index);
                assertThat(runs(index)[0]).isEqualTo(100);
                assertThat(about(audit, OTHER)).isEqualTo(scan(written, OTHER));
            }
        }
    }

    @Test
    void aDamagedIndexIsSetAsideAndRebuilt() throws Exception {
        List<AuditEntry> written = indexedTrail(dataDir, 100, null);
        Files.write(dataDir.resolve(Database.INDEX_FILE_NAME), "not a database, not any more".repeat(200).getBytes());

        try (Database db = Database.open(dataDir); AuditSubjectIndex index = unkept(dataDir);
             SqliteAuditLog audit = new SqliteAuditLog(db, index)) {
            assertThat(dataDir.resolve(Database.INDEX_FILE_NAME + ".unusable")).exists();
            catchUp(index);
            assertThat(runs(index)[0]).isEqualTo(100);
            assertThat(about(audit, SUBJECT)).isEqualTo(scan(written, SUBJECT));
        }
    }

    @Test
    void withoutItsTrailTheIndexDoesNotOpen() {
        assertThatThrownBy(() -> AuditSubjectIndex.open(dataDir)).isInstanceOf(StoreException.class)
                .hasMessageContaining(dataDir.resolve(Database.FILE_NAME).toString());
        assertThat(dataDir.resolve(Database.INDEX_FILE_NAME)).doesNotExist();
    }

    @Test
    void aDataDirectoryWithAnAwkwardNameWorks() throws Exception {
        Path awkward = Files.createDirectories(dataDir.resolve("a dir # with ? and % and 名"));
        List<AuditEntry> written = indexedTrail(awkward, 30, null);
        assertThat(awkward.resolve(Database.FILE_NAME)).exists();
        assertThat(awkward.resolve(Database.INDEX_FILE_NAME)).exists();
        try (Database db = Database.open(awkward); AuditSubjectIndex index = unkept(awkward);
             SqliteAuditLog audit = new SqliteAuditLog(db, index)) {
            assertThat(runs(index)[0]).isEqualTo(30);
            assertThat(about(audit, OTHER)).isEqualTo(scan(written, OTHER));
        }
    }

    @Test
    void theKeeperFoldsAQuietTrailToItsLastEntryUnasked() throws Exception {
        try (Database db = Database.open(dataDir); AuditSubjectIndex index = AuditSubjectIndex.open(dataDir);
             SqliteAuditLog audit = new SqliteAuditLog(db, index)) {
            index.startKeeping();
            append(audit, 10);
            // Far fewer than a step: only a look at a trail standing still folds them.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (runs(index)[0] < 10 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(runs(index)[0]).isEqualTo(10);
        }
    }

    @Test
    void theKeeperFoldsEntriesNobodyAnnounced() throws Exception {
        try (Database db = Database.open(dataDir); AuditSubjectIndex index = AuditSubjectIndex.open(dataDir)) {
            index.startKeeping();
            // Entries an import writes, in this process or another, reach the trail without the writer.
            db.transaction((d, transaction) -> {
                AuditChain chain = AuditChain.resume(d, new EntryHash());
                for (int n = 1; n <= 25; n++) {
                    chain.append(event(n, SUBJECT));
                }
                chain.flush();
                return null;
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (runs(index)[0] < 25 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(runs(index)[0]).isEqualTo(25);
        }
    }
}
