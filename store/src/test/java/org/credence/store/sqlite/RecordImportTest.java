package org.credence.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.credence.store.sqlite.Fixtures.WRITER;
import static org.credence.store.sqlite.Fixtures.T0;
import static org.credence.store.sqlite.Fixtures.T1;
import static org.credence.store.sqlite.Fixtures.numbered;
import static org.credence.store.sqlite.Fixtures.stream;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.LongStream;
import org.credence.record.RecordBatch;
import org.credence.record.RecordSubmission;
import org.credence.record.StoredRecord;
import org.credence.store.AuditLog;
import org.credence.store.RecordStore;
import org.credence.store.RecordStore.ImportRejected;
import org.credence.store.RecordStore.Imported;
import org.credence.store.RecordStore.LineConflict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream is stored in blocks with an audit entry each, all in one transaction: everything or, on a
 * problem or conflict anywhere in it, nothing at all, neither records nor entries.
 */
class RecordImportTest {

    private static final AuditLog.Query EVERYTHING =
            new AuditLog.Query(Optional.empty(), Optional.empty(), Optional.empty(), Integer.MAX_VALUE);

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

    private static List<RecordSubmission> records(String source, long count) {
        return LongStream.range(0, count).mapToObj(n -> numbered(source, n)).toList();
    }

    private RecordStore.ImportResult importing(List<RecordSubmission> records, int chunk,
                                               List<RecordBatch.LineProblem> problems) {
        return store.importRecords(stream(records, chunk, problems), T0, WRITER);
    }

    /** An outcome with its block's digest, which differs with every seal, written as {@code block}. */
    private static String withoutDigest(AuditLog.AuditEntry entry) {
        return entry.event().outcome().replaceAll("block sha-256 [0-9a-f]{64}$", "block");
    }

    @Test
    void everyBlockIsStoredWithItsAuditEntryInTheSameChain() {
        store.audit().append(new AuditLog.AuditEvent(T0, "someone", "operator", "catalog.load", Optional.empty(),
                "setup", "loaded")).join();
        List<RecordSubmission> records = records("court", 2_500);

        Imported imported = (Imported) importing(records, 1_000, List.of());

        assertThat(imported).isEqualTo(new Imported(2_500, 2_500, 1, 2_500));
        assertThat(store.count()).isEqualTo(2_500);
        assertThat(store.record(1234).orElseThrow().submission()).isEqualTo(records.get(1233));
        List<AuditLog.AuditEntry> entries = store.audit().entries(EVERYTHING);
        assertThat(entries).extracting(RecordImportTest::withoutDigest).containsExactly("loaded",
                "stored 1 to 1000; block", "stored 1001 to 2000; block", "stored 2001 to 2500; block");
        // Records of many subjects: the entry names none, and the trail finds it through the records.
        assertThat(entries.get(2).event()).isEqualTo(new AuditLog.AuditEvent(T1, "importer", "operator", "record.submit",
                Optional.empty(), "import of test.ndjson", entries.get(2).event().outcome()));
        assertThat(store.audit().verify()).isEqualTo(new AuditLog.Intact(4, entries.getLast().hash()));
        assertThat(store.verifyRecords()).isEqualTo(new RecordStore.RecordsIntact(2_500, 3));
    }

    @Test
    void aRecordAlreadyStoredOrTwiceInTheStreamIsStoredOnceAndAuditedAsADuplicate() {
        store.append(records("court", 3), T0, Fixtures.WRITER);
        List<RecordSubmission> records = new ArrayList<>(records("court", 5));
        records.add(records.get(4));

        Imported imported = (Imported) importing(records, 2, List.of());

        assertThat(imported).isEqualTo(new Imported(6, 2, 4, 5));
        assertThat(store.count()).isEqualTo(5);
        assertThat(store.audit().entries(EVERYTHING)).extracting(RecordImportTest::withoutDigest)
                .containsExactly("stored 1 to 3; block", "duplicates of 1, 2", "stored 4; duplicate of 3; block",
                        "stored 5; duplicate of 5; block");
        assertThat(store.verifyRecords()).isEqualTo(new RecordStore.RecordsIntact(5, 3));
    }

    @Test
    void aFullBlockWithKnownRecordsStoresOnlyTheNewOnesInOrder() {
        store.append(records("court", 3), T0, Fixtures.WRITER);
        int full = RecordBlock.MAX_RECORDS;
        List<RecordSubmission> records = new ArrayList<>(records("bulk", 3L * full));
        // The second block holds a stored record, the third a repeat of the stream's first line, the
        // fourth a line repeated within itself.
        records.set(full + 10, numbered("court", 1));
        records.set(2 * full + 20, records.getFirst());
        records.add(3 * full, numbered("bulk", 9_000));
        records.add(3 * full + 1, numbered("bulk", 9_000));
        records.subList(3 * full + 2, records.size()).clear();
        records.addAll(records("tail", full - 2));

        Imported imported = (Imported) importing(records, 4 * full, List.of());

        int fresh = 4 * full - 3;
        assertThat(imported).isEqualTo(new Imported(4 * full, fresh, 4, 3 + fresh));
        long fourth = 3 + 3 * full - 1;
        assertThat(store.audit().entries(EVERYTHING)).extracting(RecordImportTest::withoutDigest).containsExactly(
                "stored 1 to 3; block",
                "stored 4 to " + (3 + full) + "; block",
                "stored " + (4 + full) + " to " + (2 + 2 * full) + "; duplicate of 2; block",
                "stored " + (3 + 2 * full) + " to " + (1 + 3 * full) + "; duplicate of 4; block",
                "stored " + fourth + " to " + (3 + fresh) + "; duplicate of " + fourth + "; block");
        // Ids follow the stream's order, skipping the known ones.
        assertThat(store.record(4 + full + 10).orElseThrow().submission()).isEqualTo(records.get(full + 11));
        assertThat(store.record(fourth + 1).orElseThrow().submission()).isEqualTo(records.get(3 * full + 2));
        assertThat(store.record(3 + fresh).orElseThrow().submission()).isEqualTo(records.getLast());
        assertThat(store.verifyRecords()).isEqualTo(new RecordStore.RecordsIntact(3 + fresh, 5));
    }

    @Test
    void aConflictInAFullBlockIsReportedByLine() {
        int full = RecordBlock.MAX_RECORDS;
        List<RecordSubmission> records = new ArrayList<>(records("bulk", 2L * full));
        RecordSubmission first = records.getFirst();
        records.set(full + 5, new RecordSubmission(first.source(), first.sourceRef(), first.subject(), first.type(),
                LocalDate.of(2020, 1, 1), Optional.empty()));

        assertThat(importing(records, 2 * full, List.of()))
                .isEqualTo(new ImportRejected(List.of(new LineConflict(full + 6, 1, OptionalInt.of(1)))));
        assertThat(store.count()).isZero();
        assertThat(store.audit().entries(EVERYTHING)).isEmpty();
    }

    @Test
    void conflictsAreReportedByLineAndNothingIsKept() {
        store.append(records("court", 3), T0, Fixtures.WRITER);
        List<RecordSubmission> records = new ArrayList<>(records("other", 10));
        RecordSubmission stored = numbered("court", 1);
        // Line 4 clashes with stored record 2, line 9 with line 3 of the stream itself.
        records.set(3, new RecordSubmission(stored.source(), stored.sourceRef(), stored.subject(), stored.type(),
                LocalDate.of(2020, 1, 1), Optional.empty()));
        RecordSubmission third = records.get(2);
        records.set(8, new RecordSubmission(third.source(), third.sourceRef(), third.subject(), third.type(),
                LocalDate.of(2020, 1, 1), Optional.empty()));

        RecordStore.ImportResult result = importing(records, 4, List.of());

        assertThat(result).isEqualTo(new ImportRejected(List.of(
                new LineConflict(4, 2, OptionalInt.empty()),
                new LineConflict(9, 6, OptionalInt.of(3)))));
        assertThat(store.count()).isEqualTo(3);
        assertThat(store.audit().entries(EVERYTHING)).extracting(RecordImportTest::withoutDigest)
                .containsExactly("stored 1 to 3; block");
    }

    @Test
    void aStreamWithProblemsKeepsNothing() {
        RecordStore.ImportResult result = importing(records("court", 50), 7,
                List.of(new RecordBatch.LineProblem(51, "type", "unknown record type")));

        assertThat(result).isEqualTo(new ImportRejected(List.of()));
        assertThat(store.count()).isZero();
        assertThat(store.audit().entries(EVERYTHING)).isEmpty();
        assertThat(importing(records("court", 50), 7, List.of())).isEqualTo(new Imported(50, 50, 1, 50));
    }

    @Test
    void aLargeStreamIsStoredWhole() {
        int count = Database.LARGE_BATCH + 30_000;

        Imported imported = (Imported) importing(records("bulk", count), 8_192, List.of());

        assertThat(imported.stored()).isEqualTo(count);
        String subject = numbered("bulk", 7).subject().id();
        List<StoredRecord> all = new ArrayList<>();
        store.forEach(all::add);
        assertThat(all).hasSize(count).filteredOn(r -> r.submission().subject().id().equals(subject)).hasSize(count / 1000);
    }

    @Test
    void theFactsOfARangeOfIdsAreThoseRecords() {
        importing(records("court", 40), 8, List.of());
        List<Long> ids = new ArrayList<>();
        store.forEachFact(11, 25, fact -> ids.add(fact.recordId()));
        assertThat(ids).containsExactlyElementsOf(LongStream.rangeClosed(11, 25).boxed().toList());
    }
}
