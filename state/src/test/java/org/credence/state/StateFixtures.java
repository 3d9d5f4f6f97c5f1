package org.credence.state;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.credence.catalog.Catalog;
import org.credence.record.RecordSubmission;
import org.credence.record.SubjectRef;
import org.credence.scoring.Decision;
import org.credence.store.RecordStore;
import org.credence.store.RightsStore;
import org.credence.subject.SubjectKind;
import org.credence.testing.CatalogTree;
import org.credence.testing.Catalogs;
import org.credence.testing.SubjectIds;

/** What the state's tests share: a day, who writes their records, records about numbered persons, what was told. */
final class StateFixtures {

    static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");
    static final RecordStore.AuditedBy WRITER =
            new RecordStore.AuditedBy(NOW, "importer", "operator", "record.submit", "import of test.ndjson",
                    new RecordStore.CheckedUnder("example-city", 1));
    static final LocalDate OCCURRED = LocalDate.of(2026, 5, 1);
    static final int TODAY = (int) LocalDate.of(2026, 6, 1).toEpochDay();

    private StateFixtures() {
    }

    static String person(int n) {
        return SubjectIds.person(n);
    }

    /** A record of {@code type} about person {@code subject}, occurred on {@link #OCCURRED}. */
    static RecordSubmission record(String source, String ref, int subject, String type) {
        return new RecordSubmission(source, ref, new SubjectRef(person(subject), SubjectKind.PERSON, Optional.empty()),
                type, OCCURRED, Optional.empty());
    }

    /** The lists the subject was told it entered, by code, one per notice. */
    static List<String> listsEntered(RightsStore notices, String subjectId) {
        return notices.notices(subjectId).stream().filter(n -> n.kind() == RightsStore.Notice.Kind.LISTED)
                .map(n -> n.what().replaceAll("^.*\\(([a-z_]+)\\)\\.$", "$1")).toList();
    }

    /** What {@code state} answers today about an air ticket for the subject. */
    static Decision.Outcome airTicket(CreditState state, String subjectId) {
        CreditState.Snapshot snapshot = state.snapshot();
        return snapshot.index().decide(subjectId, snapshot.rulebook().policy(Catalogs.AIR_TICKET).orElseThrow(), TODAY).outcome();
    }

    /** The test city's catalog as version 2, where a listed debtor's air ticket goes to review instead of being denied. */
    static Catalog milderCity() {
        CatalogTree milder = Catalogs.city();
        milder.tree().put("version", 2);
        milder.measures.stream().filter(m -> m.get("code").equals(Catalogs.NO_AIR_TRAVEL)).findFirst().orElseThrow()
                .put("effect", "review");
        return Catalogs.read(milder);
    }
}
