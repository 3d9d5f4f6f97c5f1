package org.credence.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.credence.state.StateFixtures.NOW;
import static org.credence.state.StateFixtures.OCCURRED;
import static org.credence.state.StateFixtures.WRITER;
import static org.credence.state.StateFixtures.listsEntered;
import static org.credence.state.StateFixtures.person;
import static org.credence.state.StateFixtures.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.credence.record.RecordStream;
import org.credence.record.RecordSubmission;
import org.credence.store.RecordStore;
import org.credence.store.sqlite.SqliteStore;
import org.credence.testing.Catalogs;
import org.credence.testing.RecordStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import reaches the index only once durable, whether it is one chunk (applied after the commit)
 * or many (applied to a draft while it is stored): a rejected stream leaves the index as it was, and
 * the subjects it put on a black list are told once each.
 */
class CreditStateImportTest {

    private static final int SUBJECTS = 300;

    @TempDir
    Path dataDir;

    private SqliteStore store;
    private CreditState state;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dataDir);
        state = CreditState.load(store, store, Catalogs.cityCatalog(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aStreamOfManyChunksIsInTheIndexOnceStoredAndItsDebtorsAreToldOnce() {
        // Every subject gets a ticket in each chunk; every fiftieth also a judgment default in the last two.
        List<List<RecordSubmission>> chunks = IntStream.range(0, 3).mapToObj(c -> IntStream.range(0, SUBJECTS)
                .boxed().<RecordSubmission>mapMulti((n, sink) -> {
                    sink.accept(record("traffic", c + "-" + n, n, Catalogs.TRAFFIC_TICKET));
                    if (c > 0 && n % 50 == 0) {
                        sink.accept(record("court", c + "-" + n, n, Catalogs.JUDGMENT_DEFAULT));
                    }
                }).toList()).toList();

        RecordStore.ImportResult result = state.importRecords(RecordStream.ofChunks(chunks), NOW, WRITER);

        long stored = chunks.stream().mapToLong(List::size).sum();
        assertThat(result).isEqualTo(new RecordStore.Imported(stored, stored, 1, stored));
        SubjectIndex index = state.snapshot().index();
        assertThat(index.subjects()).isEqualTo(SUBJECTS);
        assertThat(index.records()).isEqualTo(stored);
        assertThat(index.history(person(7)).size()).isEqualTo(3);
        assertThat(index.history(person(50)).size()).isEqualTo(5);
        // Told once of each list, though two of its records put it there, in two chunks.
        assertThat(listsEntered(store, person(50))).containsExactlyInAnyOrder(Catalogs.DISHONEST_DEBTORS, Catalogs.CREDIT_WATCH);
        assertThat(listsEntered(store, person(7))).isEmpty();
    }

    @Test
    void aRejectedStreamOfManyChunksLeavesTheIndexAsItWasAndTheNextOneIsApplied() {
        List<RecordSubmission> first = IntStream.range(0, SUBJECTS)
                .mapToObj(n -> record("traffic", "first-" + n, n, Catalogs.TRAFFIC_TICKET)).toList();
        state.importRecords(RecordStream.ofChunks(List.of(first)), NOW, WRITER);
        SubjectIndex before = state.snapshot().index();
        assertThat(before.records()).isEqualTo(SUBJECTS);

        // Many new subjects, debtors among them, then a line clashing with a stored record in the last chunk.
        List<List<RecordSubmission>> rejected = new ArrayList<>(manyChunks("rejected", 4));
        RecordSubmission stored = first.get(3);
        rejected.add(List.of(new RecordSubmission(stored.source(), stored.sourceRef(), stored.subject(),
                Catalogs.LOAN_ARREARS, OCCURRED, Optional.empty())));
        RecordStore.ImportResult result = state.importRecords(RecordStream.ofChunks(rejected), NOW, WRITER);

        assertThat(result).isInstanceOf(RecordStore.ImportRejected.class);
        SubjectIndex index = state.snapshot().index();
        assertThat(index).isSameAs(before);
        assertThat(index.subjects()).isEqualTo(SUBJECTS);
        assertThat(index.records()).isEqualTo(SUBJECTS);
        assertThat(index.history(person(SUBJECTS + 50)).size()).isZero();
        assertThat(listsEntered(store, person(SUBJECTS + 50))).isEmpty();

        // What the dropped draft appended is written over by the index's own next blocks.
        state.importRecords(RecordStream.ofChunks(List.of(List.of(record("traffic", "again-3", 3, Catalogs.TRAFFIC_TICKET)))), NOW,
                WRITER);
        state.importRecords(RecordStream.ofChunks(manyChunks("accepted", 4)), NOW, WRITER);
        index = state.snapshot().index();
        assertThat(index.subjects()).isEqualTo(SUBJECTS + 4 * 100);
        assertThat(index.records()).isEqualTo(SUBJECTS + 1 + 4 * 100);
        assertThat(index.history(person(3)).recordIds()).containsExactly(4, SUBJECTS + 1);
        assertThat(index.history(person(SUBJECTS + 50)).size()).isEqualTo(1);
        assertThat(listsEntered(store, person(SUBJECTS + 50))).containsOnlyOnce(Catalogs.DISHONEST_DEBTORS);
        assertThat(listsEntered(store, person(SUBJECTS + 51))).isEmpty();
    }

    @Test
    void aStreamThatFailsMidWayLeavesTheIndexAsItWasAndNoDraftRunning() {
        RecordStream chunks = RecordStream.ofChunks(manyChunks("failing", 6));
        RecordStream failing = RecordStreams.beforeEachChunk(chunks, call -> {
            if (call == 5) {
                throw new UncheckedIOException(new IOException("the disk went away"));
            }
        });

        assertThatThrownBy(() -> state.importRecords(failing, NOW, WRITER)).isInstanceOf(UncheckedIOException.class);

        assertThat(state.snapshot().index().records()).isZero();
        assertThat(store.count()).isZero();
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).doesNotContain("credence-index-draft");
        state.importRecords(RecordStream.ofChunks(manyChunks("accepted", 3)), NOW, WRITER);
        assertThat(state.snapshot().index().records()).isEqualTo(300);
    }

    /** {@code count} chunks of 100 new subjects each; every fiftieth a debtor. */
    private static List<List<RecordSubmission>> manyChunks(String source, int count) {
        return IntStream.range(0, count).mapToObj(c -> IntStream.range(0, 100).map(n -> SUBJECTS + 100 * c + n)
                .mapToObj(n -> record(source, "r-" + n, n, n % 50 == 0 ? Catalogs.JUDGMENT_DEFAULT : Catalogs.TRAFFIC_TICKET))
                .toList()).toList();
    }



}
