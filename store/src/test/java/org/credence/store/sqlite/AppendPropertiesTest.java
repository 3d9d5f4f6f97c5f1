package org.credence.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.credence.record.RecordSubmission;
import org.credence.record.StoredRecord;
import org.credence.record.SubjectRef;
import org.credence.store.RecordStore.AppendResult;
import org.credence.store.RecordStore.Appended;
import org.credence.store.RecordStore.Conflict;
import org.credence.store.RecordStore.Conflicted;
import org.credence.store.RecordStore.Duplicate;
import org.credence.store.RecordStore.Outcome;
import org.credence.store.RecordStore.Stored;
import org.credence.subject.SubjectKind;

/**
 * Any sequence of appends drawn from a few keys, so that duplicates and conflicts are common, leaves
 * the store exactly as a simple model of the rules says: a batch is stored whole or not at all.
 */
class AppendPropertiesTest {

    private record Key(String source, String sourceRef) {
        static Key of(RecordSubmission record) {
            return new Key(record.source(), record.sourceRef());
        }
    }

    @Property(tries = 40)
    void theStoreFollowsTheModel(@ForAll("batches") List<List<RecordSubmission>> batches) {
        Path dataDir = Fixtures.temporaryDirectory("credence-store-property");
        Map<Key, RecordSubmission> model = new LinkedHashMap<>();
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            for (List<RecordSubmission> batch : batches) {
                AppendResult result = store.append(batch, Fixtures.T0, Fixtures.WRITER);
                List<Integer> expectedConflicts = new ArrayList<>();
                Map<Key, RecordSubmission> seen = new LinkedHashMap<>(model);
                for (int i = 0; i < batch.size(); i++) {
                    RecordSubmission earlier = seen.putIfAbsent(Key.of(batch.get(i)), batch.get(i));
                    if (earlier != null && !earlier.equals(batch.get(i))) {
                        expectedConflicts.add(i);
                    }
                }
                if (expectedConflicts.isEmpty()) {
                    assertThat(result).isInstanceOf(Appended.class);
                    checkOutcomes(((Appended) result).outcomes(), batch, model);
                    model = seen;
                } else {
                    assertThat(result).isInstanceOf(Conflicted.class);
                    assertThat(((Conflicted) result).conflicts()).extracting(Conflict::index)
                            .containsExactlyElementsOf(expectedConflicts);
                }
                assertThat(store.count()).isEqualTo(model.size());
            }
            List<RecordSubmission> all = new ArrayList<>();
            store.forEach(r -> all.add(r.submission()));
            assertThat(all).containsExactlyElementsOf(model.values());
        } finally {
            Fixtures.deleteTree(dataDir);
        }
    }

    private static void checkOutcomes(List<Outcome> outcomes, List<RecordSubmission> batch,
                                      Map<Key, RecordSubmission> before) {
        assertThat(outcomes).hasSameSizeAs(batch);
        Map<Key, StoredRecord> storedNow = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            Outcome outcome = outcomes.get(i);
            Key key = Key.of(batch.get(i));
            assertThat(outcome.record().submission()).isEqualTo(batch.get(i));
            boolean known = before.containsKey(key) || storedNow.containsKey(key);
            assertThat(outcome).isInstanceOf(known ? Duplicate.class : Stored.class);
            if (storedNow.containsKey(key)) {
                assertThat(outcome.record()).isEqualTo(storedNow.get(key));
            }
            storedNow.putIfAbsent(key, outcome.record());
        }
    }

    @Provide
    Arbitrary<List<List<RecordSubmission>>> batches() {
        return record().list().ofMaxSize(6).list().ofMinSize(1).ofMaxSize(8);
    }

    private static Arbitrary<RecordSubmission> record() {
        Arbitrary<String> source = Arbitraries.of("court", "tax");
        Arbitrary<String> ref = Arbitraries.of("1", "2", "3", "4");
        Arbitrary<SubjectRef> subject = Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.of(Optional.<String>empty(), Optional.of("Liu Yang"), Optional.of("Liu Yang-Wei")))
                .as((n, name) -> new SubjectRef(Fixtures.personId(n), SubjectKind.PERSON, name));
        Arbitrary<LocalDate> occurred = Arbitraries.of(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 6, 30));
        Arbitrary<Optional<String>> details = Arbitraries.of(Optional.<String>empty(), Optional.of("{\"amount\":100}"));
        return Combinators.combine(source, ref, subject, occurred, details)
                .as((s, r, who, when, what) -> new RecordSubmission(s, r, who, "contract_default", when, what));
    }

}
