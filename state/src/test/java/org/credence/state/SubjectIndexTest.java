package org.credence.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.credence.record.RecordState;
import org.credence.scoring.Rulebook;
import org.credence.scoring.SubjectHistory;
import org.credence.subject.SubjectKind;
import org.credence.testing.Catalogs;
import org.credence.testing.SubjectIds;
import org.junit.jupiter.api.Test;

/**
 * The compact index against a model: a plain map of {@link SubjectHistory} values built by the same
 * operations. Whatever the order of records, disputes, state changes, growth and compaction, the
 * index must answer every question exactly as the model does.
 */
class SubjectIndexTest {

    private static final Rulebook CITY = Rulebook.compile(Catalogs.cityCatalog());
    private static final int TYPES = CITY.catalog().recordTypes().size();
    private static final int FIRST_DAY = (int) java.time.LocalDate.parse("2020-01-01").toEpochDay();

    /** One change: a record, a dispute (day {@link SubjectHistory#NEVER} closes it), a state, or a compaction. */
    sealed interface Op permits Add, Dispute, SetState, Compact {
    }

    record Add(int subject, int type, int day, RecordState state) implements Op {
    }

    record Dispute(int subject, int nth, int day) implements Op {
    }

    record SetState(int subject, int nth, RecordState state) implements Op {
    }

    record Compact() implements Op {
    }

    @Property(tries = 200)
    void answersAsTheModelDoes(@ForAll("ops") List<Op> ops) {
        Model model = new Model();
        SubjectIndex index = new SubjectIndex(CITY, ids -> Optional.empty());
        for (Op op : ops) {
            model.apply(op, index);
        }
        model.assertSame(index);
    }

    @Property(tries = 200)
    void aDraftTakesItsWritesAndTheIndexKeepsItsOwn(@ForAll("ops") List<Op> before, @ForAll("ops") List<Op> drafted,
                                                   @ForAll("ops") List<Op> after) {
        Model model = new Model();
        SubjectIndex index = new SubjectIndex(CITY, ids -> Optional.empty());
        before.forEach(op -> model.apply(op, index));
        Model draftModel = model.copy();
        SubjectIndex draft = index.draft();
        drafted.forEach(op -> draftModel.apply(op, draft));

        draftModel.assertSame(draft);
        model.assertSame(index);
        // Dropped, as when the write is rejected: the index is written again, over what the draft appended.
        after.forEach(op -> model.apply(op, index));
        model.assertSame(index);
    }

    @Test
    void aDraftThatGrowsAndCompactsLeavesTheIndexAsItWas() {
        Model model = new Model();
        SubjectIndex index = new SubjectIndex(CITY, ids -> Optional.empty());
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 5_000; i++) {
            model.addAny(i, random, index);
        }
        Model draftModel = model.copy();
        SubjectIndex draft = index.draft();
        // Subjects enough to grow the draft's table several times, rewrites enough to compact its arena.
        for (int i = 0; i < 60_000; i++) {
            int subject = i < 30_000 ? i : random.nextInt(30_000);
            draftModel.addAny(subject, random, draft);
        }
        draftModel.assertSame(draft);
        model.assertSame(index);
        for (int i = 0; i < 20_000; i++) {
            model.addAny(random.nextInt(8_000), random, index);
        }
        model.assertSame(index);
    }

    @Test
    void growsAndCompactsWithoutLosingAnyone() {
        Model model = new Model();
        SubjectIndex index = new SubjectIndex(CITY, ids -> Optional.empty());
        java.util.Random random = new java.util.Random(7);
        // Enough subjects to grow the table several times, and enough rewrites to compact the arena by itself.
        for (int i = 0; i < 60_000; i++) {
            int subject = i < 20_000 ? i : random.nextInt(20_000);
            model.addAny(subject, random, index);
            if (i % 7 == 0) {
                model.apply(new Dispute(subject, random.nextInt(4), FIRST_DAY + random.nextInt(2000)), index);
            }
        }
        model.assertSame(index);
        long before = index.bytes();
        index.compact();
        model.assertSame(index);
        assertThat(index.bytes()).isLessThanOrEqualTo(before);
    }

    @Test
    void aSubjectWithThreeRecordsTakesAtMost64Bytes() {
        SubjectIndex index = new SubjectIndex(CITY, ids -> Optional.empty());
        int subjects = 100_000;
        long recordId = 1;
        for (int s = 0; s < subjects; s++) {
            for (int r = 0; r < 3; r++) {
                index.apply(SubjectIds.person(s), SubjectKind.PERSON, recordId++, r, FIRST_DAY + r, RecordState.RECORDED);
            }
        }
        index.compact();
        assertThat(index.subjects()).isEqualTo(subjects);
        assertThat(index.records()).isEqualTo(3L * subjects);
        assertThat((double) index.bytes() / subjects).isLessThanOrEqualTo(64.0);
    }

    @Test
    void aWriteLearnsEachSubjectItTouchesOnceAtItsFirstRecord() {
        String known = SubjectIds.person(1);
        String fresh = SubjectIds.person(2);
        String type = CITY.catalog().recordTypes().getFirst().code();
        SubjectIndex index = new SubjectIndex(CITY, ids -> Optional.empty());
        index.apply(stored(1, known, type));
        index.apply(stored(2, known, type));

        // A write from record 3 on: each subject's first record of it says so, its later ones do not.
        assertThat(index.applyOfWrite(stored(3, known, type), 3)).isTrue();
        assertThat(index.applyOfWrite(stored(4, fresh, "no.such_type"), 3)).isFalse();
        assertThat(index.applyOfWrite(stored(5, fresh, type), 3)).isTrue();
        assertThat(index.applyOfWrite(stored(6, known, type), 3)).isFalse();
        assertThat(index.applyOfWrite(stored(7, fresh, type), 3)).isFalse();
        assertThat(index.history(known).recordIds()).containsExactly(1, 2, 3, 6);
        assertThat(index.history(fresh).recordIds()).containsExactly(5, 7);
    }

    private static org.credence.record.StoredRecord stored(long id, String subject, String type) {
        return new org.credence.record.StoredRecord(id, new org.credence.record.RecordSubmission("court", "ref-" + id,
                new org.credence.record.SubjectRef(subject, SubjectKind.PERSON, Optional.empty()), type,
                java.time.LocalDate.ofEpochDay(FIRST_DAY), Optional.empty()), java.time.Instant.EPOCH, RecordState.RECORDED);
    }

    @Test
    void organizationsKeepTheirNameAndPersonsAskTheStore() {
        String person = SubjectIds.person(1);
        String organization = SubjectIds.organization(2);
        List<long[]> asked = new ArrayList<>();
        SubjectIndex index = new SubjectIndex(CITY, ids -> {
            asked.add(ids);
            return Optional.of("Zhang San");
        });
        String type = CITY.catalog().recordTypes().getFirst().code();
        index.apply(new org.credence.store.RecordStore.Fact(1, organization, SubjectKind.ORGANIZATION, type, FIRST_DAY,
                RecordState.RECORDED, Optional.of("Example Trading Co.")));
        index.apply(new org.credence.store.RecordStore.Fact(2, person, SubjectKind.PERSON, type, FIRST_DAY,
                RecordState.RECORDED, Optional.empty()));
        index.apply(new org.credence.store.RecordStore.Fact(3, person, SubjectKind.PERSON, "no.such_type", FIRST_DAY,
                RecordState.RECORDED, Optional.empty()));

        assertThat(index.name(organization)).hasValue("Example Trading Co.");
        assertThat(asked).isEmpty();
        assertThat(index.name(person)).hasValue("Zhang San");
        // The person's records as the index holds them: the uncatalogued one is not among them.
        assertThat(asked).containsExactly(new long[] {2});
        assertThat(index.name(SubjectIds.person(3))).isEmpty();
        assertThat(index.records()).isEqualTo(2);
        assertThat(index.uncatalogued()).isEqualTo(1);
        Map<String, String> searchable = new HashMap<>();
        index.forEachOrganizationName(searchable::put);
        assertThat(searchable).containsExactly(Map.entry(organization, "Example Trading Co."));
    }

    @Test
    void readersSeeEachSubjectWholeWhileAWriterGrowsAndCompacts() throws Exception {
        SubjectIndex index = new SubjectIndex(CITY, ids -> Optional.empty());
        int subjects = 5_000;
        Map<Long, String> owner = new ConcurrentHashMap<>();
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            readers.add(Thread.ofPlatform().start(() -> {
                int[] seen = new int[subjects];
                java.util.Random random = new java.util.Random();
                try {
                    while (!done.get()) {
                        int s = random.nextInt(subjects);
                        String id = SubjectIds.person(s);
                        SubjectHistory h = index.history(id);
                        // Records only ever arrive, so a later look never shows fewer; each is the subject's own.
                        assertThat(h.size()).isGreaterThanOrEqualTo(seen[s]);
                        seen[s] = h.size();
                        for (int i = 0; i < h.size(); i++) {
                            assertThat(owner.get(h.recordId(i))).isEqualTo(id);
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
        }
        java.util.Random random = new java.util.Random(11);
        for (long recordId = 1; recordId <= 40_000; recordId++) {
            String id = SubjectIds.person(random.nextInt(subjects));
            owner.put(recordId, id);
            index.apply(id, SubjectKind.PERSON, recordId, random.nextInt(TYPES), FIRST_DAY + random.nextInt(1000), RecordState.RECORDED);
            if (recordId % 5_000 == 0) {
                index.compact();
            }
        }
        done.set(true);
        for (Thread reader : readers) {
            reader.join();
        }
        assertThat(failure.get()).isNull();
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Integer> subject = Arbitraries.integers().between(0, 11);
        Arbitrary<Integer> day = Arbitraries.integers().between(FIRST_DAY, FIRST_DAY + 3000);
        Arbitrary<Op> add = Combinators.combine(subject, Arbitraries.integers().between(0, TYPES - 1), day,
                Arbitraries.of(RecordState.class)).as(Add::new);
        Arbitrary<Op> dispute = Combinators.combine(subject, Arbitraries.integers().between(0, 5),
                Arbitraries.oneOf(day, Arbitraries.just(SubjectHistory.NEVER))).as(Dispute::new);
        Arbitrary<Op> state = Combinators.combine(subject, Arbitraries.integers().between(0, 5),
                Arbitraries.of(RecordState.class)).as(SetState::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, add), net.jqwik.api.Tuple.of(2, dispute), net.jqwik.api.Tuple.of(2, state),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Compact()))).list().ofMaxSize(60);
    }

    /** Subjects 0..n: persons, organizations and ids of a shape the index cannot pack, mixed. */
    private static String id(int subject) {
        return switch (subject % 3) {
            case 0 -> SubjectIds.person(subject);
            case 1 -> SubjectIds.organization(subject);
            default -> "passport:E" + subject;
        };
    }

    private static SubjectKind kind(int subject) {
        return subject % 3 == 1 ? SubjectKind.ORGANIZATION : SubjectKind.PERSON;
    }

    private static final class Model {
        final Map<String, SubjectHistory> histories = new HashMap<>();
        final Map<String, SubjectKind> kinds = new HashMap<>();
        final Set<Long> recordIds = new HashSet<>();
        long nextRecordId = 1;

        Model copy() {
            Model copy = new Model();
            copy.histories.putAll(histories);
            copy.kinds.putAll(kinds);
            copy.recordIds.addAll(recordIds);
            copy.nextRecordId = nextRecordId;
            return copy;
        }

        /** A recorded record of any type on any day of five and a half years, about {@code subject}. */
        void addAny(int subject, java.util.Random random, SubjectIndex index) {
            apply(new Add(subject, random.nextInt(TYPES), FIRST_DAY + random.nextInt(2000), RecordState.RECORDED), index);
        }

        void apply(Op op, SubjectIndex index) {
            switch (op) {
                case Add a -> {
                    String id = id(a.subject());
                    long recordId = nextRecordId++;
                    int expires = CITY.expiresDay(a.type(), a.day());
                    histories.put(id, histories.getOrDefault(id, SubjectHistory.EMPTY).with(recordId, a.type(), a.day(), expires, a.state()));
                    kinds.put(id, kind(a.subject()));
                    recordIds.add(recordId);
                    index.apply(id, kind(a.subject()), recordId, a.type(), a.day(), a.state());
                }
                case Dispute d -> nth(d.subject(), d.nth()).ifPresent(recordId -> {
                    String id = id(d.subject());
                    histories.put(id, histories.get(id).withDispute(recordId, d.day()));
                    index.dispute(id, recordId, d.day());
                });
                case SetState s -> nth(s.subject(), s.nth()).ifPresent(recordId -> {
                    String id = id(s.subject());
                    histories.put(id, histories.get(id).withState(recordId, s.state()));
                    index.setState(id, recordId, s.state());
                });
                case Compact c -> index.compact();
            }
        }

        Optional<Long> nth(int subject, int nth) {
            SubjectHistory h = histories.get(id(subject));
            return h == null || h.size() == 0 ? Optional.empty() : Optional.of(h.recordId(nth % h.size()));
        }

        void assertSame(SubjectIndex index) {
            assertThat(index.subjects()).isEqualTo(histories.size());
            assertThat(index.records()).isEqualTo(recordIds.size());
            Map<String, SubjectKind> visited = new HashMap<>();
            index.forEach((id, entry) -> visited.put(id, entry.kind()));
            assertThat(visited).isEqualTo(kinds);
            for (int subject = 0; subject < 12; subject++) {
                String id = id(subject);
                SubjectHistory expected = histories.getOrDefault(id, SubjectHistory.EMPTY);
                assertSameHistory(index.history(id), expected);
                for (var action : CITY.catalog().actions()) {
                    Rulebook.ActionPolicy policy = CITY.policy(action.code()).orElseThrow();
                    for (int day = FIRST_DAY; day < FIRST_DAY + 4000; day += 97) {
                        assertThat(index.decide(id, policy, day)).isEqualTo(CITY.decide(expected, policy, day));
                    }
                }
            }
            histories.forEach((id, expected) -> assertSameHistory(index.history(id), expected));
        }

        private static void assertSameHistory(SubjectHistory actual, SubjectHistory expected) {
            assertThat(actual.size()).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.recordId(i)).isEqualTo(expected.recordId(i));
                assertThat(actual.type(i)).isEqualTo(expected.type(i));
                assertThat(actual.occurredDay(i)).isEqualTo(expected.occurredDay(i));
                assertThat(actual.expiresDay(i)).isEqualTo(expected.expiresDay(i));
                assertThat(actual.state(i)).isEqualTo(expected.state(i));
                assertThat(actual.disputedDay(i)).isEqualTo(expected.disputedDay(i));
            }
        }
    }
}
