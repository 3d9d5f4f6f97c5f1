package org.credence.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.credence.record.RecordState;
import org.credence.record.RecordSubmission;
import org.credence.record.StoredRecord;
import org.credence.record.SubjectRef;
import org.credence.store.RecordStore.Fact;
import org.credence.subject.SubjectKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code forEachFact} says of every record exactly what {@code forEach} says, in the same order,
 * whatever the subjects, kinds, types, dates (before 1970 too) and states.
 */
class FactPropertiesTest {

    @TempDir
    Path dataDir;

    @Property(tries = 30)
    void factsAreWhatTheFullRecordsSay(@ForAll("records") List<RecordSubmission> records,
                                       @ForAll("states") List<RecordState> states) {
        Path dir = Fixtures.temporaryDirectory("credence-fact-property");
        try (SqliteStore store = SqliteStore.open(dir)) {
            store.append(records, Fixtures.T0, Fixtures.WRITER);
            for (int i = 0; i < states.size() && i < records.size(); i++) {
                store.setState(i + 1, states.get(i));
            }
            assertThat(facts(store)).containsExactlyElementsOf(expected(store));
        } finally {
            Fixtures.deleteTree(dir);
        }
    }

    @Test
    void factsSpanningManyPagesComeInIdOrder() {
        int total = RecordBlocks.PAGE_BLOCKS * RecordBlock.MAX_RECORDS * 2 + 3;
        List<RecordSubmission> records = LongStream.range(0, total).mapToObj(n -> Fixtures.numbered("bulk", n)).toList();
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            store.append(records, Fixtures.T0, Fixtures.WRITER);
            store.setState(RecordBlocks.PAGE_BLOCKS * RecordBlock.MAX_RECORDS + 1, RecordState.ANNULLED);
            List<Fact> facts = facts(store);
            assertThat(facts).extracting(Fact::recordId)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
            assertThat(facts).containsExactlyElementsOf(expected(store));
        }
    }

    @Test
    void aFailingConsumerStopsTheReadAndLeavesTheStoreUsable() {
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            store.append(LongStream.range(0, 10).mapToObj(n -> Fixtures.numbered("bulk", n)).toList(), Fixtures.T0, Fixtures.WRITER);
            assertThatThrownBy(() -> store.forEachFact(fact -> {
                throw new IllegalStateException("consumer failed");
            })).hasMessage("consumer failed");
            assertThat(facts(store)).hasSize(10);
        }
    }

    private static List<Fact> facts(SqliteStore store) {
        List<Fact> facts = new ArrayList<>();
        store.forEachFact(facts::add);
        return facts;
    }

    private static List<Fact> expected(SqliteStore store) {
        List<Fact> facts = new ArrayList<>();
        store.forEach(r -> facts.add(fact(r)));
        return facts;
    }

    private static Fact fact(StoredRecord record) {
        RecordSubmission s = record.submission();
        return new Fact(record.id(), s.subject().id(), s.subject().kind(), s.type(),
                (int) s.occurredAt().toEpochDay(), record.state(),
                s.subject().kind() == SubjectKind.ORGANIZATION ? s.subject().name() : Optional.empty());
    }

    @Provide
    Arbitrary<List<RecordSubmission>> records() {
        Arbitrary<SubjectRef> subject = Combinators.combine(
                Arbitraries.integers().between(0, 5), Arbitraries.of(SubjectKind.values()),
                Arbitraries.of(Optional.<String>empty(), Optional.of("Liu Yang")))
                .as((n, kind, name) -> kind == SubjectKind.PERSON
                        ? new SubjectRef(Fixtures.personId(n), kind, name)
                        : new SubjectRef(Fixtures.organizationId(n), kind, name));
        Arbitrary<LocalDate> occurred = Arbitraries.integers().between(-40_000, 40_000).map(LocalDate::ofEpochDay);
        Arbitrary<String> type = Arbitraries.of("contract_default", "court.judgment_unperformed", "civic.volunteering",
                "o'brien's.type");
        return Combinators.combine(subject, type, occurred, Arbitraries.of(Optional.<String>empty(), Optional.of("{\"a\":1}")))
                .as((who, what, when, details) -> new RecordSubmission("court", "", who, what, when, details))
                .list().ofMaxSize(40)
                .map(FactPropertiesTest::numbered);
    }

    /** Distinct source references, so that every generated record is stored. */
    private static List<RecordSubmission> numbered(List<RecordSubmission> records) {
        List<RecordSubmission> numbered = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            RecordSubmission r = records.get(i);
            numbered.add(new RecordSubmission(r.source(), "r" + i, r.subject(), r.type(), r.occurredAt(), r.details()));
        }
        return numbered;
    }

    @Provide
    Arbitrary<List<RecordState>> states() {
        return Arbitraries.of(RecordState.values()).list().ofMaxSize(40);
    }
}
