package org.credence.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.credence.record.RecordState;
import org.credence.record.RecordSubmission;
import org.credence.record.StoredRecord;
import org.credence.record.SubjectRef;
import org.credence.scoring.Rulebook;
import org.credence.subject.SubjectKind;
import org.credence.testing.Catalogs;
import org.credence.testing.SubjectIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The records of an import reach the index it hands back and no other: the live index only after
 * the import's end, when they are few; a draft, on a thread of its own, when they are many; and a
 * draft that fails or is dropped leaves the live index as it was, its thread gone.
 */
class IndexDraftingTest {

    private static final Rulebook CITY = Rulebook.compile(Catalogs.cityCatalog());
    private static final Instant AT = Instant.parse("2026-06-01T08:00:00Z");

    private final SubjectIndex live = new SubjectIndex(CITY, ids -> Optional.empty());

    @AfterEach
    void noDraftIsLeftRunning() {
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("credence-index-draft");
    }

    @Test
    void aFewRecordsAreHeldAndAppliedToTheLiveIndexAtTheEnd() {
        preload(1_000);
        try (IndexDrafting drafting = new IndexDrafting(live)) {
            drafting.accept(persons(1_001, 3));
            drafting.accept(persons(1_004, 3));
            assertThat(live.records()).isEqualTo(1_000);

            assertThat(drafting.finish()).isSameAs(live);
        }
        assertThat(live.records()).isEqualTo(1_006);
        assertThat(live.history(SubjectIds.person(1_005)).recordIds()).containsExactly(1_005);
    }

    @Test
    void manyRecordsGoToADraftThatHoldsThemAllWhileTheLiveIndexDoesNot() {
        preload(1_000);
        SubjectIndex published;
        try (IndexDrafting drafting = new IndexDrafting(live)) {
            drafting.accept(persons(1_001, 5));
            drafting.accept(List.of());
            drafting.accept(persons(1_006, 5));
            drafting.accept(List.of(organization(1_011, "Example Trading Co.")));
            for (long first = 1_012; first < 1_112; first += 10) {
                drafting.accept(persons(first, 10));
            }
            published = drafting.finish();
            // Each subject once, in the order its first record came.
            assertThat(drafting.touched()).hasSize(111).startsWith(SubjectIds.person(1_001), SubjectIds.person(1_002));
        }
        assertThat(published).isNotSameAs(live);
        assertThat(published.records()).isEqualTo(1_111);
        assertThat(published.name(SubjectIds.organization(1_011))).hasValue("Example Trading Co.");
        assertThat(live.records()).isEqualTo(1_000);
        assertThat(live.subject(SubjectIds.person(1_050))).isEmpty();
        assertThat(live.name(SubjectIds.organization(1_011))).isEmpty();
        Map<String, Integer> kinds = new HashMap<>();
        published.forEach((id, entry) -> kinds.merge(entry.kind().name(), 1, Integer::sum));
        assertThat(kinds).containsEntry("ORGANIZATION", 1).containsEntry("PERSON", 1_110);
    }

    @Test
    void aDraftThatFailsStopsTheImportAndTheLiveIndexIsAsItWas() {
        try (IndexDrafting drafting = new IndexDrafting(live)) {
            drafting.accept(persons(1, 5));
            drafting.accept(persons(6, 5));
            // An id beyond the 32 bits a history holds: the draft's thread fails on it, and the import
            // learns it on handing over that chunk or a later one, before it could commit.
            assertThatThrownBy(() -> {
                drafting.accept(persons(1L << 33, 1));
                for (int i = 0; i < 500; i++) {
                    drafting.accept(persons(20 + i, 1));
                    Thread.sleep(10);
                }
            }).isInstanceOf(IllegalStateException.class).hasMessageContaining("the import is not kept");
            assertThatThrownBy(drafting::finish).isInstanceOf(IllegalStateException.class);
        }
        assertThat(live.records()).isZero();
    }

    @Test
    void aDroppedDraftLeavesTheLiveIndexAsItWas() {
        preload(10);
        try (IndexDrafting drafting = new IndexDrafting(live)) {
            drafting.accept(persons(11, 50));
            drafting.accept(persons(61, 50));
        }
        assertThat(live.records()).isEqualTo(10);
        assertThat(live.subject(SubjectIds.person(20))).isEmpty();
    }

    private void preload(int count) {
        persons(1, count).forEach(live::apply);
    }

    /** {@code count} records numbered from {@code first}, each about a person of its own number. */
    private static List<StoredRecord> persons(long first, int count) {
        return LongStream.range(first, first + count).mapToObj(id -> stored(id,
                new SubjectRef(SubjectIds.person((int) (id % 1_000_000)), SubjectKind.PERSON, Optional.empty()))).toList();
    }

    private static StoredRecord organization(long id, String name) {
        return stored(id, new SubjectRef(SubjectIds.organization((int) id), SubjectKind.ORGANIZATION, Optional.of(name)));
    }

    private static StoredRecord stored(long id, SubjectRef subject) {
        return new StoredRecord(id, new RecordSubmission("court", "ref-" + id, subject, Catalogs.TRAFFIC_TICKET,
                LocalDate.of(2026, 5, 1), Optional.empty()), AT, RecordState.RECORDED);
    }
}
