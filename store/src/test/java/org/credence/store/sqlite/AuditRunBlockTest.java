package org.credence.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.credence.store.sqlite.AuditRunBlock.Row;
import org.junit.jupiter.api.Test;

/** A block of a run: its rows read back as written, and a subject's found among the others'. */
class AuditRunBlockTest {

    private static final String A = "aa".repeat(16);
    private static final String B = "bb".repeat(16);
    private static final String C = "cc".repeat(16);
    private static final List<Row> ROWS = List.of(
            new Row(A, "2026-03-01T08:00:00.000000000Z", 3),
            // Another subject with the same first nine characters: its own group all the same.
            new Row("aa".repeat(15) + "ab", "2026-03-01T08:00:00.000000000Z", 4),
            new Row("ab".repeat(32), "2026-03-01T08:00:00.000000000Z", 3),
            new Row("ab".repeat(32), "2026-03-01T08:00:00.000000000Z", 9),
            new Row(B, "2026-03-01T08:00:00.000000000Z", 1),
            new Row(B, "2026-03-01T08:00:01.000000000Z", 7),
            new Row(B, "2026-03-02T00:00:00.000000000Z", 2),
            new Row(C, "not a time, but read as stored: Ü", Long.MAX_VALUE));

    @Test
    void rowsReadBackAsWritten() {
        assertThat(AuditRunBlock.decode(AuditRunBlock.encode(ROWS))).isEqualTo(ROWS);
        assertThat(AuditRunBlock.decode(AuditRunBlock.encode(List.of()))).isEmpty();
    }

    @Test
    void aSubjectsRowsAreFoundInItsTimeRange() {
        byte[] body = AuditRunBlock.encode(ROWS);
        List<Row> found = new ArrayList<>();
        AuditRunBlock.collect(body, B, "2026-03-01T08:00:00.5", "2026-03-02", found);
        assertThat(found).extracting(Row::seq).containsExactly(7L);
        found.clear();
        AuditRunBlock.collect(body, B, "", "~", found);
        assertThat(found).extracting(Row::seq).containsExactly(1L, 7L, 2L);
        found.clear();
        AuditRunBlock.collect(body, C, "", "~", found);
        assertThat(found).extracting(Row::seq).containsExactly(Long.MAX_VALUE);
        found.clear();
        AuditRunBlock.collect(body, "ab".repeat(32), "", "~", found);
        assertThat(found).as("a subject that is not 32 hex digits").extracting(Row::seq).containsExactly(3L, 9L);
        found.clear();
        AuditRunBlock.collect(body, A, "", "~", found);
        assertThat(found).as("a subject whose lead another shares").extracting(Row::seq).containsExactly(3L);
        found.clear();
        AuditRunBlock.collect(body, "ab".repeat(16), "", "~", found);
        AuditRunBlock.collect(body, "a", "", "~", found);
        assertThat(found).isEmpty();
    }

    @Test
    void rowsSortAsTheirTextDoes() {
        List<Row> shuffled = new ArrayList<>(ROWS);
        java.util.Collections.reverse(shuffled);
        shuffled.add(new Row("a", "t", 1));
        shuffled.add(new Row("aaaaaaaaa", "t", 1));
        shuffled.add(new Row("aaaaaaaaab", "t", 1));
        shuffled.sort(AuditRunBlock.ORDER);
        List<String> subjects = shuffled.stream().map(Row::subject).toList();
        assertThat(subjects).isSorted();
        assertThat(subjects).startsWith("a", "aaaaaaaaa", A, "aa".repeat(15) + "ab", "aaaaaaaaab");
        assertThat(shuffled.stream().filter(row -> row.subject().equals(B))).as("then by time")
                .extracting(Row::seq).containsExactly(1L, 7L, 2L);
    }

    @Test
    void onlyAsciiSubjectsAreIndexed() {
        assertThat(AuditRunBlock.indexable(A)).isTrue();
        assertThat(AuditRunBlock.indexable("aé")).isFalse();
        // Nor found: as ASCII, 'é' would be read as '?', and find another subject's rows.
        List<Row> found = new ArrayList<>();
        AuditRunBlock.collect(AuditRunBlock.encode(List.of(new Row("a?", "t", 1))), "aé", "", "~", found);
        assertThat(found).isEmpty();
    }
}
