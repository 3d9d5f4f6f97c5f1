package org.credence.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.credence.testing.Catalogs.map;

import java.util.List;
import java.util.Map;
import org.credence.testing.Catalogs;
import org.credence.testing.SubjectIds;
import org.junit.jupiter.api.Test;

class RecordBatchTest {

    private final RecordBatch batch = new RecordBatch();

    private static Map<String, Object> line(String sourceRef, long person, String type, String date) {
        return map("source", "court.beijing.chaoyang", "source_ref", sourceRef,
                "subject", map("id", SubjectIds.person(person), "kind", "person"),
                "type", type, "occurred_at", date);
    }

    /** As a bulk file's reader adds a line: its record, or its problems. */
    private void add(int line, Map<String, Object> tree) {
        switch (RecordReaderTest.READER.read(tree, RecordReaderTest.TODAY)) {
            case RecordReader.Accepted accepted -> batch.add(line, accepted.record());
            case RecordReader.Rejected rejected -> rejected.problems().forEach(
                    p -> batch.problem(new RecordBatch.LineProblem(line, p.path(), p.message())));
        }
    }

    @Test
    void acceptsABatchOfGoodLinesInFileOrder() {
        add(1, line("r-1", 1, Catalogs.JUDGMENT_DEFAULT, "2025-01-10"));
        add(2, line("r-2", 2, Catalogs.LOAN_ARREARS, "2025-02-10"));
        add(3, line("r-3", 1, Catalogs.TRAFFIC_TICKET, "2025-03-10"));

        assertThat(batch.accepted()).isTrue();
        assertThat(batch.problems()).isEmpty();
        assertThat(batch.records()).extracting(RecordSubmission::sourceRef).containsExactly("r-1", "r-2", "r-3");
    }

    @Test
    void oneBadLineRejectsTheBatchAndEveryBadLineIsReported() {
        add(1, line("r-1", 1, Catalogs.JUDGMENT_DEFAULT, "2025-01-10"));
        add(2, line("r-2", 2, "no.such_type", "2025-02-10"));
        add(3, line("r-3", 3, Catalogs.LOAN_ARREARS, "2025-03-10"));
        Map<String, Object> twoProblems = line("r-4", 4, Catalogs.LOAN_ARREARS, "2026-01-01");
        twoProblems.remove("source");
        add(4, twoProblems);

        assertThat(batch.accepted()).isFalse();
        assertThat(batch.problems()).extracting(RecordBatch.LineProblem::toString).containsExactly(
                "line 2: type: unknown record type 'no.such_type' in catalog test-city v1",
                "line 4: source: required",
                "line 4: occurred_at: 2026-01-01 is in the future (today is 2025-06-30)");
    }

    @Test
    void aLaterLineWithTheSameSourceRefButDifferentContentConflicts() {
        add(1, line("r-1", 1, Catalogs.JUDGMENT_DEFAULT, "2025-01-10"));
        add(2, line("r-2", 2, Catalogs.LOAN_ARREARS, "2025-02-10"));
        add(5, line("r-1", 1, Catalogs.JUDGMENT_DEFAULT, "2025-01-11"));

        assertThat(batch.accepted()).isFalse();
        assertThat(batch.problems()).containsExactly(new RecordBatch.LineProblem(5, "source_ref",
                "conflicts with line 1: same source and source_ref, different record"));
    }

    @Test
    void anIdenticalRepeatIsOneRecord() {
        add(1, line("r-1", 1, Catalogs.JUDGMENT_DEFAULT, "2025-01-10"));
        add(2, line("r-1", 1, Catalogs.JUDGMENT_DEFAULT, "2025-01-10"));
        add(3, line("r-1", 1, Catalogs.JUDGMENT_DEFAULT, "2025-01-10"));

        assertThat(batch.accepted()).isTrue();
        assertThat(batch.records()).hasSize(1);
    }

    @Test
    void aConflictNamesTheFirstLineEvenAfterIdenticalRepeats() {
        add(1, line("r-1", 1, Catalogs.JUDGMENT_DEFAULT, "2025-01-10"));
        add(2, line("r-1", 1, Catalogs.JUDGMENT_DEFAULT, "2025-01-10"));
        add(3, line("r-1", 2, Catalogs.JUDGMENT_DEFAULT, "2025-01-10"));

        assertThat(batch.problems()).extracting(RecordBatch.LineProblem::toString).containsExactly(
                "line 3: source_ref: conflicts with line 1: same source and source_ref, different record");
    }

    @Test
    void theSameReferenceFromAnotherSourceIsAnotherRecord() {
        add(1, line("r-1", 1, Catalogs.JUDGMENT_DEFAULT, "2025-01-10"));
        Map<String, Object> other = line("r-1", 1, Catalogs.LOAN_ARREARS, "2025-01-10");
        other.put("source", "bank.icbc");
        add(2, other);

        assertThat(batch.accepted()).isTrue();
        assertThat(batch.records()).extracting(RecordSubmission::source).containsExactly("court.beijing.chaoyang", "bank.icbc");
    }

    @Test
    void differentDetailsUnderOneReferenceConflict() {
        Map<String, Object> first = line("r-1", 1, Catalogs.JUDGMENT_DEFAULT, "2025-01-10");
        first.put("details", map("amount", 100));
        Map<String, Object> second = line("r-1", 1, Catalogs.JUDGMENT_DEFAULT, "2025-01-10");
        second.put("details", map("amount", 200));
        add(1, first);
        add(2, second);

        assertThat(batch.problems()).extracting(RecordBatch.LineProblem::line).containsExactly(2);
    }

    @Test
    void aProblemFoundOutsideTheReaderIsReportedOnItsLine() {
        add(1, line("r-1", 1, Catalogs.JUDGMENT_DEFAULT, "2025-01-10"));
        batch.problem(new RecordBatch.LineProblem(2, "", "not valid JSON"));

        assertThat(batch.accepted()).isFalse();
        assertThat(batch.problems()).extracting(RecordBatch.LineProblem::toString).containsExactly("line 2: not valid JSON");
    }

    @Test
    void anEmptyBatchIsAccepted() {
        assertThat(batch.accepted()).isTrue();
        assertThat(batch.records()).isEqualTo(List.of());
    }
}
