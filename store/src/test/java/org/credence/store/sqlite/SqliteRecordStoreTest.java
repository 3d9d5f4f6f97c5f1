package org.credence.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.credence.store.sqlite.Fixtures.T0;
import static org.credence.store.sqlite.Fixtures.T1;
import static org.credence.store.sqlite.Fixtures.organization;
import static org.credence.store.sqlite.Fixtures.person;
import static org.credence.store.sqlite.Fixtures.record;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.credence.record.RecordState;
import org.credence.record.RecordStream;
import org.credence.record.RecordSubmission;
import org.credence.record.StoredRecord;
import org.credence.record.SubjectRef;
import org.credence.store.AuditLog;
import org.credence.store.RecordStore.AppendResult;
import org.credence.store.RecordStore.Appended;
import org.credence.store.RecordStore.CatalogChanged;
import org.credence.store.RecordStore.CheckedUnder;
import org.credence.store.RecordStore.Conflict;
import org.credence.store.RecordStore.Conflicted;
import org.credence.store.RecordStore.Duplicate;
import org.credence.store.RecordStore.ImportResult;
import org.credence.store.RecordStore.Outcome;
import org.credence.store.RecordStore.Stored;
import org.credence.store.RecordStore;
import org.credence.subject.ResidentIdentityNumber;
import org.credence.subject.UnifiedSocialCreditCode;
import org.credence.testing.RecordStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteRecordStoreTest {

    @TempDir
    Path dataDir;

    private SqliteStore store;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dataDir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Appended appended(AppendResult result) {
        assertThat(result).isInstanceOf(Appended.class);
        return (Appended) result;
    }

    private static Conflicted conflicted(AppendResult result) {
        assertThat(result).isInstanceOf(Conflicted.class);
        return (Conflicted) result;
    }

    @Test
    void fixturesAreValidIdentifiers() {
        assertThat(new ResidentIdentityNumber().problem(Fixtures.personId(7))).isEmpty();
        assertThat(new UnifiedSocialCreditCode().problem(Fixtures.organizationId(7))).isEmpty();
    }

    @Test
    void createsTheDatabaseInTheDataDirectory() {
        Path nested = dataDir.resolve("deeper/still");
        SqliteStore.open(nested).close();
        assertThat(nested.resolve("credence.db")).isRegularFile();
    }

    @Test
    void appendStoresEveryRecordWithAscendingIds() {
        RecordSubmission a = record("a", person(1, "Zhang Wei"));
        RecordSubmission b = record("b", organization(2, "Sichuan Blue Sky Trading Co."));

        Appended result = appended(store.append(List.of(a, b), T0, Fixtures.WRITER));

        assertThat(result.outcomes()).filteredOn(o -> o instanceof Stored).hasSize(2);
        List<StoredRecord> stored = result.outcomes().stream().map(Outcome::record).toList();
        assertThat(stored).extracting(StoredRecord::submission).containsExactly(a, b);
        assertThat(stored.get(1).id()).isEqualTo(stored.get(0).id() + 1);
        assertThat(stored).allSatisfy(r -> {
            assertThat(r.recordedAt()).isEqualTo(T0);
            assertThat(r.state()).isEqualTo(RecordState.RECORDED);
            assertThat(store.record(r.id())).contains(r);
        });
        assertThat(store.count()).isEqualTo(2);
    }

    @Test
    void keepsAbsentNameAndDetailsAbsent() {
        RecordSubmission bare = new RecordSubmission("tax.sichuan", "t-1", person(3), "tax_arrears",
                LocalDate.of(2024, 2, 29), Optional.empty());

        StoredRecord stored = appended(store.append(List.of(bare), T0, Fixtures.WRITER)).outcomes().getFirst().record();

        assertThat(store.record(stored.id()).orElseThrow().submission()).isEqualTo(bare);
    }

    @Test
    void resendingTheSameRecordIsADuplicateOfTheStoredOne() {
        RecordSubmission a = record("a", person(1));
        StoredRecord first = appended(store.append(List.of(a), T0, Fixtures.WRITER)).outcomes().getFirst().record();

        Appended again = appended(store.append(List.of(a), T1, Fixtures.WRITER));

        assertThat(again.outcomes()).containsExactly(new Duplicate(first));
        assertThat(again.outcomes()).allMatch(o -> o instanceof Duplicate);
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void aBatchMixingNewAndKnownRecordsStoresOnlyTheNew() {
        RecordSubmission a = record("a", person(1));
        StoredRecord first = appended(store.append(List.of(a), T0, Fixtures.WRITER)).outcomes().getFirst().record();
        RecordSubmission b = record("b", person(1));

        Appended result = appended(store.append(List.of(b, a), T1, Fixtures.WRITER));

        assertThat(result.outcomes().get(0)).isInstanceOf(Stored.class);
        assertThat(result.outcomes().get(1)).isEqualTo(new Duplicate(first));
        assertThat(store.count()).isEqualTo(2);
    }

    @Test
    void sameKeyWithDifferentContentIsAConflictAndStoresNothing() {
        RecordSubmission a = record("a", person(1));
        StoredRecord first = appended(store.append(List.of(a), T0, Fixtures.WRITER)).outcomes().getFirst().record();
        RecordSubmission changed = new RecordSubmission(a.source(), a.sourceRef(), a.subject(), a.type(),
                a.occurredAt().plusDays(1), a.details());
        RecordSubmission fresh = record("fresh", person(2));

        Conflicted result = conflicted(store.append(List.of(fresh, changed), T1, Fixtures.WRITER));

        assertThat(result.conflicts()).containsExactly(new Conflict(1, first));
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void everyConflictIsListedAndTheBatchLeavesNoTrace() {
        RecordSubmission a = record("a", person(1, "Li Na"));
        RecordSubmission b = record("b", person(2));
        List<StoredRecord> stored = appended(store.append(List.of(a, b), T0, Fixtures.WRITER)).outcomes().stream()
                .map(Outcome::record).toList();
        List<RecordSubmission> batch = new ArrayList<>();
        batch.add(record("c", person(3, "Wang Fang")));
        batch.add(new RecordSubmission("court.beijing", "a", person(1, "Li Na (renamed)"), a.type(),
                a.occurredAt(), a.details()));
        batch.add(record("d", person(1, "Li Na (new name)")));
        batch.add(new RecordSubmission("court.beijing", "b", person(2), a.type(), a.occurredAt(),
                Optional.of("{\"case\":\"other\"}")));

        Conflicted result = conflicted(store.append(batch, T1, Fixtures.WRITER));

        assertThat(result.conflicts()).containsExactly(new Conflict(1, stored.get(0)), new Conflict(3, stored.get(1)));
        assertThat(store.count()).isEqualTo(2);
        assertThat(store.record(stored.get(0).id()).orElseThrow().submission().subject().name()).contains("Li Na");
        // The ids the failed batch would have taken go to the next one.
        StoredRecord next = appended(store.append(List.of(batch.get(0)), T1, Fixtures.WRITER)).outcomes().getFirst().record();
        assertThat(next.id()).isEqualTo(stored.get(1).id() + 1);
    }

    @Test
    void theSameRecordTwiceInOneBatchIsStoredOnce() {
        RecordSubmission a = record("a", person(1));

        Appended result = appended(store.append(List.of(a, a), T0, Fixtures.WRITER));

        StoredRecord stored = result.outcomes().get(0).record();
        assertThat(result.outcomes()).containsExactly(new Stored(stored), new Duplicate(stored));
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void theSameKeyTwiceInOneBatchWithDifferentContentIsAConflict() {
        RecordSubmission a = record("a", person(1));
        RecordSubmission other = record("a", person(2));

        Conflicted result = conflicted(store.append(List.of(a, other), T0, Fixtures.WRITER));

        assertThat(result.conflicts()).hasSize(1);
        assertThat(result.conflicts().getFirst().index()).isEqualTo(1);
        assertThat(result.conflicts().getFirst().existing().submission()).isEqualTo(a);
        assertThat(store.count()).isZero();
    }

    @Test
    void detailsAreComparedAsText() {
        RecordSubmission a = record("a", person(1));
        store.append(List.of(a), T0, Fixtures.WRITER);
        RecordSubmission spaced = new RecordSubmission(a.source(), a.sourceRef(), a.subject(), a.type(),
                a.occurredAt(), Optional.of("{\"case\": \"(2025) Jing 0105 Zhi 123\"}"));

        assertThat(store.append(List.of(spaced), T1, Fixtures.WRITER)).isInstanceOf(Conflicted.class);
    }

    @Test
    void anEmptyBatchStoresNothing() {
        assertThat(appended(store.append(List.of(), T0, Fixtures.WRITER)).outcomes()).isEmpty();
        assertThat(store.count()).isZero();
    }

    @Test
    void theLatestNameIsTheNewestOfTheRecordsThatGaveOne() {
        SubjectRef nameless = person(5);
        store.append(List.of(record("1", person(5, "Chen Jie"))), T0, Fixtures.WRITER);
        store.append(List.of(record("2", person(5, "Chen Jie-Ming")), record("3", nameless)), T1, Fixtures.WRITER);
        store.append(List.of(record("4", nameless)), T1, Fixtures.WRITER);

        assertThat(store.latestName(new long[] {4, 1, 3, 2})).contains("Chen Jie-Ming");
        assertThat(store.latestName(new long[] {1, 3})).contains("Chen Jie");
        assertThat(store.latestName(new long[] {3, 4})).isEmpty();
    }

    @Test
    void noRecordsGiveNoName() {
        store.append(List.of(record("1", person(6))), T0, Fixtures.WRITER);

        assertThat(store.latestName(new long[] {1})).isEmpty();
        assertThat(store.latestName(new long[] {})).isEmpty();
        assertThat(store.latestName(new long[] {99})).isEmpty();
    }

    @Test
    void setStateChangesOnlyThatRecord() {
        List<Outcome> outcomes = appended(store.append(List.of(record("1", person(1)), record("2", person(1))), T0, Fixtures.WRITER))
                .outcomes();
        long id = outcomes.get(0).record().id();

        assertThat(store.setState(id, RecordState.ANNULLED)).isTrue();
        assertThat(store.setState(id + 100, RecordState.REPAIRED)).isFalse();

        assertThat(store.record(id).orElseThrow().state()).isEqualTo(RecordState.ANNULLED);
        assertThat(store.record(outcomes.get(1).record().id()).orElseThrow().state()).isEqualTo(RecordState.RECORDED);
        assertThat(store.record(id + 100)).isEmpty();
    }

    @Test
    void aStateChangeDoesNotMakeAResentRecordDifferent() {
        RecordSubmission a = record("a", person(1));
        long id = appended(store.append(List.of(a), T0, Fixtures.WRITER)).outcomes().getFirst().record().id();
        store.setState(id, RecordState.REPAIRED);

        Outcome again = appended(store.append(List.of(a), T1, Fixtures.WRITER)).outcomes().getFirst();

        assertThat(again).isInstanceOf(Duplicate.class);
        assertThat(again.record().state()).isEqualTo(RecordState.REPAIRED);
    }

    @Test
    void forEachVisitsEveryRecordInIdOrderAcrossPages() {
        int total = RecordBlocks.PAGE_BLOCKS * RecordBlock.MAX_RECORDS * 2 + 17;
        store.append(LongStream.range(0, total / 2).mapToObj(n -> Fixtures.numbered("a", n)).toList(), T0, Fixtures.WRITER);
        store.append(LongStream.range(0, total - total / 2).mapToObj(n -> Fixtures.numbered("b", n)).toList(), T1, Fixtures.WRITER);

        List<Long> ids = new ArrayList<>();
        store.forEach(r -> ids.add(r.id()));

        assertThat(ids).hasSize(total).isSorted().doesNotHaveDuplicates();
        assertThat(ids.getFirst()).isEqualTo(1L);
        assertThat(ids.getLast()).isEqualTo((long) total);
    }

    @Test
    void everythingIsThereAfterReopening() {
        RecordSubmission a = record("a", person(1, "Zhao Lei"));
        RecordSubmission b = record("b", organization(9, "Chengdu Rivers Ltd."));
        List<StoredRecord> stored = appended(store.append(List.of(a, b), T0, Fixtures.WRITER)).outcomes().stream()
                .map(Outcome::record).toList();
        store.setState(stored.get(1).id(), RecordState.ANNULLED);
        store.close();

        store = SqliteStore.open(dataDir);

        List<StoredRecord> all = new ArrayList<>();
        store.forEach(all::add);
        assertThat(all).containsExactly(stored.get(0),
                new StoredRecord(stored.get(1).id(), b, T0, RecordState.ANNULLED));
        assertThat(store.latestName(new long[] {stored.get(0).id()})).contains("Zhao Lei");
        assertThat(appended(store.append(List.of(a), T1, Fixtures.WRITER)).outcomes()).containsExactly(new Duplicate(stored.get(0)));
    }

    @Test
    void recordsCheckedUnderACatalogNoLongerActiveAreNotStored() {
        store.activate("city", 1, "id: city\n", T0, Fixtures.entry("catalog.load"));
        store.append(List.of(record("a", person(1))), T0, Fixtures.WRITER);
        // Another writer makes version 2 the active one after these records were checked under 1.
        store.activate("city", 2, "id: city\nversion: 2\n", T1, Fixtures.entry("catalog.load"));
        long entries = store.audit().verify() instanceof AuditLog.Intact intact ? intact.entries() : -1;
        List<RecordSubmission> checkedUnderOne = List.of(record("b", person(2)), record("c", person(3)));

        AppendResult appended = store.append(checkedUnderOne, T1, Fixtures.WRITER);
        ImportResult imported = store.importRecords(Fixtures.stream(checkedUnderOne, 1, List.of()), T1, Fixtures.WRITER);

        CatalogChanged changed = new CatalogChanged(new CheckedUnder("city", 1), new CheckedUnder("city", 2));
        assertThat(appended).isEqualTo(changed);
        assertThat(imported).isEqualTo(changed);
        assertThat(store.lastId()).isEqualTo(1);
        assertThat(store.audit().verify()).isEqualTo(new AuditLog.Intact(entries, headOf(store)));
        // Checked again under the version in force, they are stored.
        RecordStore.AuditedBy underTwo = new RecordStore.AuditedBy(T1, "importer", "operator", "record.submit",
                "import of test.ndjson", new CheckedUnder("city", 2));
        assertThat(appended(store.append(checkedUnderOne, T1, underTwo)).outcomes()).hasSize(2);
        assertThat(store.lastId()).isEqualTo(3);
    }

    @Test
    void noCatalogCanBeMadeActiveBetweenAWritesCheckAndItsCommit() throws Exception {
        store.activate("city", 1, "id: city\n", T0, Fixtures.entry("catalog.load"));
        CountDownLatch checked = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        RecordStream inner = Fixtures.stream(List.of(record("a", person(1)), record("b", person(2))), 1, List.of());
        // The import's stream is read inside its transaction, after the check: it waits there.
        RecordStream held = RecordStreams.beforeEachChunk(inner, call -> {
            checked.countDown();
            await(proceed);
        });
        CompletableFuture<ImportResult> imported = CompletableFuture.supplyAsync(() -> store.importRecords(held, T1, Fixtures.WRITER));
        await(checked);
        // Opening the store does not wait for the import (nothing in it needs the write lock).
        try (SqliteStore other = SqliteStore.open(dataDir)) {
            CompletableFuture<Void> activated = CompletableFuture.runAsync(() ->
                    other.activate("city", 2, "id: city\nversion: 2\n", T1, Fixtures.entry("catalog.load")));
            // Another process's activation waits for the write's lock: it cannot slip in before the commit.
            Thread.sleep(300);
            assertThat(activated).isNotDone();
            proceed.countDown();

            assertThat(imported.get(10, TimeUnit.SECONDS)).isInstanceOf(RecordStore.Imported.class);
            activated.get(10, TimeUnit.SECONDS);
        }
        assertThat(store.lastId()).isEqualTo(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static String headOf(SqliteStore store) {
        return store.audit().entries(new AuditLog.Query(Optional.empty(), Optional.empty(), Optional.empty(), 1_000))
                .getLast().hash();
    }
}
