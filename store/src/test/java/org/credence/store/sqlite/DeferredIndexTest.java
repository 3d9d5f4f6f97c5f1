package org.credence.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.credence.record.RecordSubmission;
import org.credence.store.AuditLog.AuditEvent;
import org.credence.store.AuditLog.Intact;
import org.credence.store.AuditLog.Query;
import org.credence.store.RecordStore.Appended;
import org.credence.store.RecordStore.Conflicted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large appends set the random-keyed indexes aside and build them again before committing: whatever
 * happens, the schema afterwards is the schema before, and lookups by subject find every row.
 */
class DeferredIndexTest {

    @TempDir
    Path dataDir;

    @Test
    void worthItOnlyForManyRowsNextToFewer() {
        assertThat(DeferredIndex.worthIt(Database.LARGE_BATCH - 1, 0)).isFalse();
        assertThat(DeferredIndex.worthIt(Database.LARGE_BATCH, 0)).isTrue();
        assertThat(DeferredIndex.worthIt(Database.LARGE_BATCH, Database.LARGE_BATCH)).isTrue();
        assertThat(DeferredIndex.worthIt(Database.LARGE_BATCH, Database.LARGE_BATCH + 1)).isFalse();
    }

    @Test
    void aRolledBackDropLeavesTheIndexAsItWas() {
        try (Database db = Database.open(dataDir)) {
            List<String> before = indexes(db);
            try {
                db.transaction((d, transaction) -> {
                    DeferredIndex.drop(d, "records_by_subject");
                    throw new IllegalStateException("stop");
                });
            } catch (IllegalStateException expected) {
                // the transaction is rolled back
            }
            assertThat(indexes(db)).isEqualTo(before);
        }
    }

    @Test
    void aLargeAppendRebuildsTheIndexBySubjectAndFindsEveryRecord() {
        List<RecordSubmission> records = LongStream.range(0, Database.LARGE_BATCH)
                .mapToObj(n -> Fixtures.numbered("bulk", n)).toList();
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            List<String> before = committedIndexes();
            assertThat(store.append(records, Fixtures.T0, Fixtures.WRITER)).isInstanceOf(Appended.class);
            assertThat(committedIndexes()).isEqualTo(before);
            assertThat(store.recordsOf(Fixtures.personId(7)))
                    .hasSize(Database.LARGE_BATCH / 1000)
                    .allSatisfy(r -> assertThat(r.submission().subject().id()).isEqualTo(Fixtures.personId(7)));
        }
    }

    @Test
    void aLargeAppendThatConflictsLeavesNoTraceAndTheIndexInPlace() {
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            store.append(List.of(Fixtures.numbered("bulk", 5)), Fixtures.T0, Fixtures.WRITER);
            List<String> before = committedIndexes();
            List<RecordSubmission> records = new ArrayList<>(LongStream.range(0, Database.LARGE_BATCH)
                    .mapToObj(n -> Fixtures.numbered("bulk", n)).toList());
            RecordSubmission clash = records.get(5);
            records.set(5, new RecordSubmission(clash.source(), clash.sourceRef(), clash.subject(), "other_type",
                    clash.occurredAt(), clash.details()));
            assertThat(store.append(records, Fixtures.T1, Fixtures.WRITER)).isInstanceOf(Conflicted.class);
            assertThat(store.count()).isEqualTo(1);
            assertThat(committedIndexes()).isEqualTo(before);
        }
    }

    @Test
    void aLargeAuditRunRebuildsTheIndexBySubjectAndFindsEveryEntry() {
        List<AuditEvent> events = IntStream.range(0, Database.LARGE_BATCH)
                .mapToObj(n -> new AuditEvent(Fixtures.T0, "importer", "operator", "record.submit",
                        Optional.of("subject-" + n % 1000), "import of test.ndjson", "stored " + n))
                .toList();
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            List<String> before = committedIndexes();
            store.audit().appendAll(events).join();
            assertThat(committedIndexes()).isEqualTo(before);
            assertThat(store.audit().entries(new Query(Optional.of("subject-7"), Optional.empty(), Optional.empty(),
                    Integer.MAX_VALUE))).hasSize(Database.LARGE_BATCH / 1000);
            assertThat(store.audit().verify()).isInstanceOf(Intact.class);
        }
    }

    /** The indexes as another connection sees them: committed states only. */
    private List<String> committedIndexes() {
        try (Database db = Database.open(dataDir)) {
            return indexes(db);
        }
    }

    /** Every index's name and definition, as the schema holds them. */
    static List<String> indexes(Database db) {
        return db.read(d -> {
            List<String> found = new ArrayList<>();
            try (ResultSet rows = d.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")
                    .executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1) + ": " + rows.getString(2));
                }
            }
            return found;
        });
    }
}
