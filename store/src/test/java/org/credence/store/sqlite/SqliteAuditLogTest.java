package org.credence.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.credence.store.AuditLog;
import org.credence.store.AuditLog.AuditEntry;
import org.credence.store.AuditLog.AuditEvent;
import org.credence.store.AuditLog.Broken;
import org.credence.store.AuditLog.Intact;
import org.credence.store.AuditLog.Item;
import org.credence.store.AuditLog.Query;
import org.credence.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteAuditLogTest {

    private static final String SUBJECT = "ab".repeat(32);
    private static final String OTHER_SUBJECT = "cd".repeat(32);

    @TempDir
    Path dataDir;

    static AuditEvent event(int n) {
        return new AuditEvent(Fixtures.T0.plusSeconds(n), "bank-" + (n % 3), "partner", "decision",
                Optional.of(n % 2 == 0 ? SUBJECT : OTHER_SUBJECT), "loan.consumer", n % 5 == 0 ? "deny" : "allow");
    }

    private static List<AuditEntry> appendAll(AuditLog audit, int count) {
        return Fixtures.appendEach(audit, IntStream.rangeClosed(1, count).mapToObj(SqliteAuditLogTest::event).toList());
    }

    private static List<AuditEntry> all(AuditLog audit) {
        return audit.entries(new Query(Optional.empty(), Optional.empty(), Optional.empty(), Integer.MAX_VALUE));
    }

    // ---- the encoding ----

    @Test
    void theEncodingMatchesItsPublishedDescription() throws Exception {
        // Computed once by the Python sketch in SqliteAuditLog's class comment.
        String first = "32982ff794216586fd9072b6cb8222653c4f83b60d10e5be004f81b48d821f6c";
        String second = "08256012908be02ac5c1e17e879e4e8bdfd53002dde74423da5c9c0d79024896";

        try (SqliteStore store = SqliteStore.open(dataDir)) {
            AuditEntry a = store.audit().append(new AuditEvent(Instant.parse("2026-03-01T08:00:00.123456789Z"),
                    "Bank Ülm", "partner", "decision", Optional.of(SUBJECT), "loan.consumer", "deny")).join();
            AuditEntry b = store.audit().append(new AuditEvent(Instant.parse("2026-03-01T08:00:01Z"),
                    "ops", "operator", "catalog.load", Optional.empty(), "", "ok")).join();

            assertThat(a.hash()).isEqualTo(first)
                    .isEqualTo(Fixtures.specHash(1, "2026-03-01T08:00:00.123456789Z", "Bank Ülm", "partner", "decision",
                            SUBJECT, "loan.consumer", "deny", SqliteAuditLog.GENESIS));
            assertThat(b.hash()).isEqualTo(second)
                    .isEqualTo(Fixtures.specHash(2, "2026-03-01T08:00:01.000000000Z", "ops", "operator", "catalog.load",
                            null, "", "ok", first));
        }
    }

    /** An entry about SUBJECT and OTHER_SUBJECT, as a batch of two decisions is audited. */
    private static AuditEvent batchOfTwo(Instant at) {
        return new AuditEvent(at, "Bank Ülm", "partner", "decision", Optional.empty(), "ticket sale",
                "2 decisions: 1 allow, 1 deny", List.of(new Item(SUBJECT, "travel.air.ticket: deny"),
                        new Item(OTHER_SUBJECT, "travel.air.ticket: allow")));
    }

    @Test
    void anEntryWithItemsIsStoredAndHashedAsPublished() throws Exception {
        // Computed once by the Python sketch in SqliteAuditLog's class comment.
        String expected = "b47f8c525d1a5ea2daf22c8157e09c0254160edca5a9e6c669ac8cb90db30670";
        String items = "[[\"" + SUBJECT + "\",\"travel.air.ticket: deny\"],[\"" + OTHER_SUBJECT
                + "\",\"travel.air.ticket: allow\"]]";

        try (SqliteStore store = SqliteStore.open(dataDir)) {
            AuditEntry entry = store.audit().append(batchOfTwo(Instant.parse("2026-03-01T08:00:00.123456789Z"))).join();

            assertThat(entry.hash()).isEqualTo(expected)
                    .isEqualTo(Fixtures.specHash(1, "2026-03-01T08:00:00.123456789Z", "Bank Ülm", "partner", "decision",
                            null, "ticket sale", "2 decisions: 1 allow, 1 deny", items, SqliteAuditLog.GENESIS));
            assertThat(all(store.audit())).singleElement().isEqualTo(entry)
                    .satisfies(e -> assertThat(e.event().items()).extracting(Item::outcome)
                            .containsExactly("travel.air.ticket: deny", "travel.air.ticket: allow"));
            assertThat(store.audit().verify()).isEqualTo(new Intact(1, expected));
        }
        try (Connection c = connect(); ResultSet row = c.createStatement().executeQuery("SELECT items FROM audit")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo(items);
        }
    }

    @Test
    void aSubjectIsShownOnlyItsOwnItemsOfAnEntryAboutMany() {
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            AuditLog audit = store.audit();
            audit.append(event(1)).join();
            AuditEntry batch = audit.append(batchOfTwo(Fixtures.T0.plusSeconds(2))).join();
            audit.append(new AuditEvent(Fixtures.T0.plusSeconds(3), "bank", "partner", "decision", Optional.empty(),
                    "ticket sale", "2 decisions: 2 deny", List.of(new Item(OTHER_SUBJECT, "a: deny"),
                            new Item(OTHER_SUBJECT, "b: deny")))).join();

            List<AuditEntry> mine = audit.entries(new Query(Optional.of(SUBJECT), Optional.empty(), Optional.empty(), 10));
            assertThat(mine).extracting(AuditEntry::seq).containsExactly(batch.seq());
            // Numbered by its place in the whole entry, which the decision's id names (d-SEQ.1).
            assertThat(mine.getFirst().event().items()).containsExactly(new Item(SUBJECT, "travel.air.ticket: deny", 1));
            // The hash is the whole entry's, and so is the outcome that sums it up.
            assertThat(mine.getFirst().hash()).isEqualTo(batch.hash());
            assertThat(mine.getFirst().perSubject()).singleElement().satisfies(lookup -> {
                assertThat(lookup.seq()).isEqualTo(batch.seq());
                assertThat(lookup.item()).isEqualTo(1);
                assertThat(lookup.event().subjectHash()).contains(SUBJECT);
                assertThat(lookup.event().outcome()).isEqualTo("travel.air.ticket: deny");
            });

            List<AuditEntry> other = audit.entries(new Query(Optional.of(OTHER_SUBJECT), Optional.empty(), Optional.empty(), 10));
            assertThat(other).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L);
            assertThat(other.get(2).perSubject()).extracting(lookup -> lookup.event().outcome())
                    .containsExactly("a: deny", "b: deny");
            assertThat(other.get(1).perSubject()).extracting(AuditLog.SubjectEvent::item).containsExactly(2);
            assertThat(audit.entries(new Query(Optional.of("ef".repeat(32)), Optional.empty(), Optional.empty(), 10)))
                    .isEmpty();
        }
    }

    @Test
    void itemsAreNumberedByTheirPlaceAndAppendedOnlyAsTheyReadBack() {
        assertThat(batchOfTwo(Fixtures.T0).items()).extracting(Item::number).containsExactly(1, 2);
        List<Item> numbered = List.of(new Item(SUBJECT, "a: deny", 2), new Item(OTHER_SUBJECT, "b: deny", 5));
        AuditEvent shown = new AuditEvent(Fixtures.T0, "bank", "partner", "decision", Optional.empty(), "p", "5 decisions",
                numbered);
        assertThat(shown.items()).isEqualTo(numbered);
        assertThatThrownBy(() -> new AuditEvent(Fixtures.T0, "bank", "partner", "decision", Optional.empty(), "p",
                "2 decisions", List.of(new Item(SUBJECT, "a: deny", 2), new Item(OTHER_SUBJECT, "b: deny", 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("increasing");
        assertThatThrownBy(() -> new AuditEvent(Fixtures.T0, "bank", "partner", "decision", Optional.empty(), "p",
                "2 decisions", List.of(new Item(SUBJECT, "a: deny"), new Item(OTHER_SUBJECT, "b: deny", 2))))
                .isInstanceOf(IllegalArgumentException.class);
        // Items an entry read for one subject shows could not be read back in their places; the first
        // of an entry's could, and are an entry of their own.
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            assertThatThrownBy(() -> store.audit().append(shown)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("numbered 1 to 2");
            assertThat(all(store.audit())).isEmpty();
            AuditEvent first = new AuditEvent(Fixtures.T0, "bank", "partner", "decision", Optional.empty(), "p",
                    "1 decision", List.of(new Item(SUBJECT, "a: deny", 1)));
            assertThat(store.audit().append(first).join().event()).isEqualTo(first);
            assertThat(all(store.audit())).extracting(AuditEntry::event).containsExactly(first);
        }
    }

    @Test
    void anEntryAboutManyNamesNoSubjectOfItsOwn() {
        assertThatThrownBy(() -> new AuditEvent(Fixtures.T0, "bank", "partner", "decision", Optional.of(SUBJECT), "p",
                "1 decision", List.of(new Item(OTHER_SUBJECT, "a: allow"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("items");
    }

    @Test
    void fieldBoundariesAndAnAbsentSubjectChangeTheHash() {
        var sha = new EntryHash();
        String g = SqliteAuditLog.GENESIS;
        String base = sha.of(1, "t", "ab", "c", "x", null, "p", "o", null, g);
        assertThat(sha.of(1, "t", "a", "bc", "x", null, "p", "o", null, g)).isNotEqualTo(base);
        assertThat(sha.of(1, "t", "ab", "c", "x", "", "p", "o", null, g)).isNotEqualTo(base);
        assertThat(sha.of(2, "t", "ab", "c", "x", null, "p", "o", null, g)).isNotEqualTo(base);
        assertThat(sha.of(1, "t", "ab", "c", "x", null, "p", "o", null, g)).isEqualTo(base);
        // Items, even none, take the other encoding; and their boundary with the outcome counts.
        assertThat(sha.of(1, "t", "ab", "c", "x", null, "p", "o", "", g)).isNotEqualTo(base);
        assertThat(sha.of(1, "t", "ab", "c", "x", null, "p", "o", "[]", g))
                .isNotEqualTo(sha.of(1, "t", "ab", "c", "x", null, "p", "o[", "]", g));
    }

    // ---- the chain ----

    @Test
    void eachEntryIsNumberedAndLinkedToTheOneBefore() {
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            assertThat(store.audit().verify()).isEqualTo(new Intact(0, SqliteAuditLog.GENESIS));

            List<AuditEntry> appended = appendAll(store.audit(), 5);

            assertThat(appended).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(appended.getFirst().previousHash()).isEqualTo(SqliteAuditLog.GENESIS);
            for (int i = 1; i < appended.size(); i++) {
                assertThat(appended.get(i).previousHash()).isEqualTo(appended.get(i - 1).hash());
            }
            assertThat(appended).extracting(AuditEntry::event)
                    .containsExactly(event(1), event(2), event(3), event(4), event(5));
            assertThat(all(store.audit())).isEqualTo(appended);
            assertThat(store.audit().verify()).isEqualTo(new Intact(5, appended.getLast().hash()));
        }
    }

    @Test
    void runsOfOneClientsEntriesAreWrittenInGroupsAndReadBackAsChained() {
        // One client's decisions, a run broken by two of another kind, then more, some without a subject:
        // groups, single rows and the groups' seams all appear, in one run of appends and across two.
        List<AuditEvent> events = new ArrayList<>();
        for (int n = 0; n < 3 * AuditChain.GROUP + 7; n++) {
            boolean other = n == AuditChain.GROUP + 5 || n == AuditChain.GROUP + 6;
            events.add(new AuditEvent(Fixtures.T0.plusMillis(n), other ? "court" : "bank-1", other ? "agency" : "partner",
                    other ? "file.read" : "decision", n % 7 == 0 ? Optional.empty() : Optional.of(n % 2 == 0 ? SUBJECT : OTHER_SUBJECT),
                    "ticket sale", n % 5 == 0 ? "deny" : "allow"));
        }
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            List<AuditEntry> appended = new ArrayList<>(Fixtures.appendEach(store.audit(), events.subList(0, 100)));
            appended.addAll(Fixtures.appendEach(store.audit(), events.subList(100, events.size())));

            assertThat(appended).extracting(AuditEntry::event).containsExactlyElementsOf(events);
            assertThat(all(store.audit())).isEqualTo(appended);
            assertThat(store.audit().verify()).isEqualTo(new Intact(events.size(), appended.getLast().hash()));
        }
    }

    @Test
    void aRestartContinuesTheChain() {
        List<AuditEntry> before;
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            before = appendAll(store.audit(), 3);
        }
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            AuditEntry next = store.audit().append(event(4)).join();

            assertThat(next.seq()).isEqualTo(4);
            assertThat(next.previousHash()).isEqualTo(before.getLast().hash());
            assertThat(store.audit().verify()).isEqualTo(new Intact(4, next.hash()));
        }
    }

    @Test
    void entriesAreFoundBySubjectTimeAndLimitOldestFirstKeepingEitherEnd() {
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            AuditLog audit = store.audit();
            appendAll(audit, 10);

            assertThat(audit.entries(new Query(Optional.of(SUBJECT), Optional.empty(), Optional.empty(), 100)))
                    .extracting(AuditEntry::seq).containsExactly(2L, 4L, 6L, 8L, 10L);
            assertThat(audit.entries(new Query(Optional.empty(), Optional.of(Fixtures.T0.plusSeconds(3)),
                    Optional.of(Fixtures.T0.plusSeconds(6)), 100)))
                    .extracting(AuditEntry::seq).containsExactly(3L, 4L, 5L);
            assertThat(audit.entries(new Query(Optional.of(OTHER_SUBJECT), Optional.of(Fixtures.T0.plusSeconds(4)),
                    Optional.empty(), 2)))
                    .extracting(AuditEntry::seq).containsExactly(5L, 7L);
            assertThat(audit.entries(new Query(Optional.of("ef".repeat(32)), Optional.empty(), Optional.empty(), 5)))
                    .isEmpty();
            // Keeping the newest: still listed oldest first.
            assertThat(audit.entries(new Query(Optional.of(SUBJECT), Optional.empty(), Optional.empty(), 2).newest()))
                    .extracting(AuditEntry::seq).containsExactly(8L, 10L);
            assertThat(audit.entries(new Query(Optional.empty(), Optional.of(Fixtures.T0.plusSeconds(3)),
                    Optional.of(Fixtures.T0.plusSeconds(6)), 2).newest()))
                    .extracting(AuditEntry::seq).containsExactly(4L, 5L);
            assertThat(audit.entries(new Query(Optional.of(SUBJECT), Optional.empty(), Optional.empty(), 100).newest()))
                    .extracting(AuditEntry::seq).containsExactly(2L, 4L, 6L, 8L, 10L);
        }
        assertThatThrownBy(() -> new Query(Optional.empty(), Optional.empty(), Optional.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aQueryOfSomeActionsCountsOnlyThoseAgainstItsLimit() {
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            AuditLog audit = store.audit();
            // A lookup, then more of the subject's own reads of its log than a page of them, then two
            // lookups with a few reads between them, in the newest page.
            List<AuditEvent> events = new ArrayList<>();
            events.add(lookup("bank-1", 0));
            for (int i = 1; i <= 2_500; i++) {
                events.add(ownRead(i));
            }
            events.add(lookup("bank-2", 2_501));
            for (int i = 2_502; i <= 2_504; i++) {
                events.add(ownRead(i));
            }
            events.add(lookup("bank-3", 2_505));
            Fixtures.appendEach(audit, events);

            for (Optional<String> subject : List.of(Optional.of(SUBJECT), Optional.<String>empty())) {
                for (int limit = 1; limit <= 4; limit++) {
                    Query query = new Query(subject, Optional.empty(), Optional.empty(), limit).only(Set.of("decision"));
                    List<String> all = List.of("bank-1", "bank-2", "bank-3");
                    assertThat(audit.entries(query)).as("%s, oldest %d", subject, limit).extracting(e -> e.event().actor())
                            .containsExactlyElementsOf(all.subList(0, Math.min(limit, 3)));
                    assertThat(audit.entries(query.newest())).as("%s, newest %d", subject, limit)
                            .extracting(e -> e.event().actor()).containsExactlyElementsOf(all.subList(3 - Math.min(limit, 3), 3));
                }
                // Without the filter the newest are the subject's reads.
                assertThat(audit.entries(new Query(subject, Optional.empty(), Optional.empty(), 2).newest()))
                        .extracting(e -> e.event().action()).containsExactly("access_log.read", "decision");
            }
        }
    }

    private static AuditEvent lookup(String partner, int second) {
        return new AuditEvent(Fixtures.T0.plusSeconds(second), partner, "partner", "decision", Optional.of(SUBJECT), "loan", "allow");
    }

    private static AuditEvent ownRead(int second) {
        return new AuditEvent(Fixtures.T0.plusSeconds(second), "zhang", "subject", "access_log.read", Optional.of(SUBJECT),
                "subject access", "1 lookups");
    }

    @Test
    void textOfAnyKindVerifies() {
        List<String> awkward = List.of("", " ", "a\u0000b", "line\nbreak", "é", "𝄞 clef", "'; DROP TABLE audit; --",
                "\uD800 lone surrogate", "x".repeat(10_000));
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            for (String text : awkward) {
                store.audit().append(new AuditEvent(Fixtures.T0, text, text, text, Optional.of(text), text, text)).join();
            }
            assertThat(store.audit().verify()).isInstanceOf(Intact.class)
                    .extracting(v -> ((Intact) v).entries()).isEqualTo((long) awkward.size());
        }
    }

    // ---- group commit and durability ----

    @Test
    void appendsFromManyThreadsAreAllDurableContiguousAndGrouped() throws Exception {
        int threads = 8;
        int perThread = 2_000;
        // Each thread keeps a few entries in flight, as concurrent requests would.
        int inFlight = 25;
        try (Database db = Database.open(dataDir);
             AuditSubjectIndex index = AuditSubjectIndex.open(dataDir);
             SqliteAuditLog audit = new SqliteAuditLog(db, index);
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<AuditEntry>>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    List<AuditEntry> mine = new ArrayList<>();
                    for (int wave = 0; wave < perThread / inFlight; wave++) {
                        List<CompletableFuture<AuditEntry>> futures = new ArrayList<>();
                        for (int i = 0; i < inFlight; i++) {
                            futures.add(audit.append(event(thread * perThread + wave * inFlight + i)));
                        }
                        futures.forEach(f -> mine.add(f.join()));
                    }
                    return mine;
                }));
            }
            start.countDown();
            List<Long> seqs = new ArrayList<>();
            for (Future<List<AuditEntry>> future : done) {
                future.get().forEach(entry -> seqs.add(entry.seq()));
            }

            long total = (long) threads * perThread;
            assertThat(seqs).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
            assertThat(audit.verify()).isInstanceOf(Intact.class)
                    .extracting(v -> ((Intact) v).entries()).isEqualTo(total);
            // Up to 200 entries are in flight; on any disk most of them wait out a commit together.
            assertThat(audit.commits()).isLessThan(total / 10);
        }
        assertThat(rowsInFile()).isEqualTo(8L * 2_000);
    }

    @Test
    void callersThatWaitForEachEntryStillShareCommits() throws Exception {
        int threads = 8;
        int perThread = 500;
        try (Database db = Database.open(dataDir);
             AuditSubjectIndex index = AuditSubjectIndex.open(dataDir);
             SqliteAuditLog audit = new SqliteAuditLog(db, index);
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        audit.append(event(i)).join();
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            assertThat(audit.verify()).isEqualTo(new Intact((long) threads * perThread,
                    all(audit).getLast().hash()));
            // With one entry per waiting thread a batch holds at most eight, and how many depends on
            // the disk; that they share at all is what matters here.
            assertThat(audit.commits()).isLessThan((long) threads * perThread);
        }
    }

    /** Holds the database, as a long transaction would, until the returned latch is counted down. */
    private static CountDownLatch hold(Database db) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread.ofPlatform().daemon().start(() -> db.read(d -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        holding.await();
        return release;
    }

    @Test
    void entriesThatArriveDuringACommitShareTheNextOne() throws Exception {
        try (Database db = Database.open(dataDir);
             AuditSubjectIndex index = AuditSubjectIndex.open(dataDir);
             SqliteAuditLog audit = new SqliteAuditLog(db, index)) {
            CountDownLatch release = hold(db);
            List<CompletableFuture<AuditEntry>> futures = new ArrayList<>();
            for (int n = 1; n <= 5_000; n++) {
                futures.add(audit.append(event(n)));
            }
            release.countDown();
            futures.forEach(CompletableFuture::join);

            // The writer may have taken the first few before it blocked; everything else is one batch.
            assertThat(audit.commits()).isBetween(1L, 2L);
            assertThat(audit.verify()).isEqualTo(new Intact(5_000, futures.getLast().join().hash()));
        }
    }

    @Test
    void aFutureCompletesOnlyOnceItsEntryIsCommitted() throws Exception {
        try (Database db = Database.open(dataDir);
             AuditSubjectIndex index = AuditSubjectIndex.open(dataDir);
             SqliteAuditLog audit = new SqliteAuditLog(db, index);
             Connection other = connect()) {
            CountDownLatch release = hold(db);

            CompletableFuture<AuditEntry> pending = audit.append(event(1));
            Thread.sleep(Duration.ofMillis(300));
            assertThat(pending).isNotDone();
            assertThat(rows(other)).isZero();

            release.countDown();
            AuditEntry entry = pending.join();
            assertThat(rows(other)).isEqualTo(1);

            // And each later one is visible to another connection the moment its future completes.
            for (int n = 2; n <= 50; n++) {
                AuditEntry next = audit.append(event(n)).join();
                try (PreparedStatement select = other.prepareStatement("SELECT hash FROM audit WHERE seq = ?")) {
                    select.setLong(1, next.seq());
                    try (ResultSet row = select.executeQuery()) {
                        assertThat(row.next()).isTrue();
                        assertThat(row.getString(1)).isEqualTo(next.hash());
                    }
                }
            }
            assertThat(entry.seq()).isEqualTo(1);
        }
    }

    @Test
    void aFailedBatchFailsItsFuturesAndTheChainCarriesOn() throws Exception {
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            AuditLog audit = store.audit();
            appendAll(audit, 3);
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TRIGGER refuse BEFORE INSERT ON audit WHEN NEW.actor = 'poison' "
                        + "BEGIN SELECT RAISE(ABORT, 'refused'); END");
            }

            CompletableFuture<AuditEntry> poisoned = audit.append(
                    new AuditEvent(Fixtures.T1, "poison", "partner", "decision", Optional.empty(), "p", "o"));
            assertThatThrownBy(poisoned::join).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(StoreException.class);

            AuditEntry next = audit.append(event(4)).join();
            assertThat(next.seq()).isEqualTo(4);
            assertThat(audit.verify()).isEqualTo(new Intact(4, next.hash()));
        }
    }

    @Test
    void closingWritesWhatWasQueuedAndRefusesMore() {
        List<CompletableFuture<AuditEntry>> futures = new ArrayList<>();
        SqliteStore store = SqliteStore.open(dataDir);
        AuditLog audit = store.audit();
        for (int n = 1; n <= 2_000; n++) {
            futures.add(audit.append(event(n)));
        }
        store.close();

        assertThat(futures).allSatisfy(f -> assertThat(f).isCompleted());
        assertThat(audit.append(event(1)).isCompletedExceptionally()).isTrue();
        try (SqliteStore reopened = SqliteStore.open(dataDir)) {
            assertThat(reopened.audit().verify()).isEqualTo(new Intact(2_000, futures.getLast().join().hash()));
        }
    }

    @Test
    void appendsRacingCloseAreEitherWrittenOrRefusedNeverLeftWaiting() throws Exception {
        for (int round = 0; round < 20; round++) {
            Path dir = dataDir.resolve("r" + round);
            SqliteStore store = SqliteStore.open(dir);
            AuditLog audit = store.audit();
            List<CompletableFuture<AuditEntry>> futures = java.util.Collections.synchronizedList(new ArrayList<>());
            try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
                for (int t = 0; t < 4; t++) {
                    pool.submit(() -> {
                        for (int n = 0; n < 300; n++) {
                            futures.add(audit.append(event(n)));
                        }
                    });
                }
                Thread.sleep(1);
                store.close();
            }
            long written = 0;
            for (CompletableFuture<AuditEntry> future : futures) {
                assertThat(future.isDone()).isTrue();
                if (!future.isCompletedExceptionally()) {
                    written++;
                } else {
                    assertThatThrownBy(future::join).hasCauseInstanceOf(IllegalStateException.class);
                }
            }
            try (SqliteStore reopened = SqliteStore.open(dir)) {
                assertThat(reopened.audit().verify()).isInstanceOf(Intact.class)
                        .extracting(v -> ((Intact) v).entries()).isEqualTo(written);
            }
        }
    }

    // ---- tampering, done to the file as an intruder would ----

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME));
    }

    private static long rows(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet row = s.executeQuery("SELECT count(*) FROM audit")) {
            row.next();
            return row.getLong(1);
        }
    }

    private long rowsInFile() throws SQLException {
        try (Connection c = connect()) {
            return rows(c);
        }
    }

    private void tamper(String... statements) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private AuditLog.Verification verifyAfter(int entries, String... tampering) throws SQLException {
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            appendAll(store.audit(), entries);
            assertThat(store.audit().verify()).isInstanceOf(Intact.class);
        }
        tamper(tampering);
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            return store.audit().verify();
        }
    }

    @Test
    void aModifiedEntryIsNamed() throws Exception {
        assertThat(verifyAfter(10, "UPDATE audit SET outcome = 'allow' WHERE seq = 5"))
                .isEqualTo(new Broken(5, "hash does not match its content"));
    }

    @Test
    void aDeletedEntryIsNamedByTheGapItLeaves() throws Exception {
        assertThat(verifyAfter(10, "DELETE FROM audit WHERE seq = 5"))
                .isEqualTo(new Broken(6, "entry 5 is missing"));
    }

    @Test
    void deletedEntriesAtTheStartAreFound() throws Exception {
        assertThat(verifyAfter(10, "DELETE FROM audit WHERE seq <= 3"))
                .isEqualTo(new Broken(4, "entries 1 to 3 are missing"));
    }

    @Test
    void reorderedEntriesAreNamedAtTheFirst() throws Exception {
        String columns = "at, actor, role, action, subject_hash, purpose, outcome, previous_hash, hash";
        String swap = "UPDATE audit SET (" + columns + ") = (SELECT " + columns + " FROM audit AS o WHERE o.seq = "
                + "CASE audit.seq WHEN 4 THEN 7 ELSE 4 END) WHERE seq IN (4, 7)";
        assertThat(verifyAfter(10, swap)).isEqualTo(new Broken(4, "hash does not match its content"));
    }

    @Test
    void anEntryRewrittenWithAFreshHashBreaksTheLinkAfterIt() throws Exception {
        String at;
        String previous;
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            List<AuditEntry> entries = appendAll(store.audit(), 10);
            at = Timestamps.format(entries.get(4).event().at());
            previous = entries.get(4).previousHash();
        }
        String forged = Fixtures.specHash(5, at, "bank-2", "partner", "decision", OTHER_SUBJECT, "loan.consumer", "allow", previous);
        tamper("UPDATE audit SET outcome = 'allow', hash = '" + forged + "' WHERE seq = 5");
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            assertThat(store.audit().verify())
                    .isEqualTo(new Broken(6, "previous hash does not match the hash of entry 5"));
        }
    }

    @Test
    void changedOrRemovedItemsAreFound() throws Exception {
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            appendAll(store.audit(), 2);
            store.audit().append(batchOfTwo(Fixtures.T0.plusSeconds(3))).join();
            appendAll(store.audit(), 1);
        }
        tamper("UPDATE audit SET items = replace(items, 'deny', 'allow') WHERE seq = 3");
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            assertThat(store.audit().verify()).isEqualTo(new Broken(3, "hash does not match its content"));
        }
        tamper("UPDATE audit SET items = NULL WHERE seq = 3");
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            assertThat(store.audit().verify()).isEqualTo(new Broken(3, "hash does not match its content"));
        }
    }

    @Test
    void tamperedItemsReachNoOtherSubjectAndStopNoListing() throws Exception {
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            appendAll(store.audit(), 2);
            store.audit().append(batchOfTwo(Fixtures.T0.plusSeconds(3))).join();
            store.audit().append(batchOfTwo(Fixtures.T0.plusSeconds(4))).join();
        }
        // Entry 3's items name the subject's hash but hold no item about it; entry 4 has items and, as
        // no entry written can, a subject of its own.
        tamper("UPDATE audit SET items = '[\"" + SUBJECT + "\"]' WHERE seq = 3",
                "UPDATE audit SET subject_hash = '" + OTHER_SUBJECT + "' WHERE seq = 4");
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            AuditLog audit = store.audit();
            assertThat(audit.entries(new Query(Optional.of(SUBJECT), Optional.empty(), Optional.empty(), 10)))
                    .extracting(AuditEntry::seq).containsExactly(2L);
            assertThat(audit.entries(new Query(Optional.of(OTHER_SUBJECT), Optional.empty(), Optional.empty(), 10)))
                    .extracting(AuditEntry::seq).containsExactly(1L, 4L);
            List<AuditEntry> listed = all(audit);
            assertThat(listed).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L, 4L);
            assertThat(listed.get(2).event().items()).as("items that are no pairs read as none").isEmpty();
            assertThat(listed.get(3).event().subjectHash()).contains(OTHER_SUBJECT);
            assertThat(listed.get(3).event().items()).isEmpty();
            assertThat(audit.verify()).isEqualTo(new Broken(3, "hash does not match its content"));
        }
    }

    @Test
    void aCommitTakesAsManyEntriesAboutManyAsItsBoundWeighs() {
        // Eleven entries of a thousand items weigh more than one commit may: they take two at least,
        // however the writer finds them queued.
        List<Item> thousand = LongStream.range(0, 1_000).mapToObj(i -> new Item(i % 2 == 0 ? SUBJECT : OTHER_SUBJECT,
                "travel.air.ticket: allow")).toList();
        try (Database db = Database.open(dataDir); AuditSubjectIndex index = AuditSubjectIndex.open(dataDir);
             SqliteAuditLog audit = new SqliteAuditLog(db, index)) {
            long before = audit.commits();
            List<AuditEvent> batches = IntStream.range(0, 11).mapToObj(n -> new AuditEvent(Fixtures.T0.plusSeconds(n),
                    "bank", "partner", "decision", Optional.empty(), "ticket sale", "1000 decisions", thousand)).toList();
            assertThat(Fixtures.appendEach(audit, batches)).hasSize(11);
            assertThat(audit.commits() - before).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aRemovedSubjectIsFound() throws Exception {
        assertThat(verifyAfter(4, "UPDATE audit SET subject_hash = NULL WHERE seq = 3"))
                .isEqualTo(new Broken(3, "hash does not match its content"));
    }

    @Test
    void anEntryNumberedBelowOneIsRefused() throws Exception {
        assertThat(verifyAfter(2, "INSERT INTO audit SELECT 0, at, actor, role, action, subject_hash, purpose, "
                + "outcome, previous_hash, hash, items FROM audit WHERE seq = 1"))
                .isEqualTo(new Broken(0, "entry numbers start at 1"));
    }

    @Test
    void tamperingFoundWhileTheStoreIsOpenAndPagesAreCrossed() throws Exception {
        int count = SqliteAuditLog.MAX_BATCH + 2_345;
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            appendAll(store.audit(), count);
            assertThat(store.audit().verify()).isInstanceOf(Intact.class)
                    .extracting(v -> ((Intact) v).entries()).isEqualTo((long) count);

            tamper("UPDATE audit SET actor = 'someone else' WHERE seq = 12001");

            assertThat(store.audit().verify()).isEqualTo(new Broken(12_001, "hash does not match its content"));
        }
    }

    @Test
    void twoStoresOnOneFileShareOneChain() throws Exception {
        // The chain's head is read inside each batch's transaction, so a second process appending to
        // the same file in between does not fork the chain.
        try (SqliteStore first = SqliteStore.open(dataDir)) {
            appendAll(first.audit(), 2);
            try (SqliteStore second = SqliteStore.open(dataDir)) {
                AuditEntry fromSecond = second.audit().append(event(3)).join();
                AuditEntry fromFirst = first.audit().append(event(4)).join();
                assertThat(fromSecond.seq()).isEqualTo(3);
                assertThat(fromFirst.seq()).isEqualTo(4);
                assertThat(fromFirst.previousHash()).isEqualTo(fromSecond.hash());
            }
            assertThat(first.audit().verify()).isInstanceOf(Intact.class)
                    .extracting(v -> ((Intact) v).entries()).isEqualTo(4L);
        }
    }
}
