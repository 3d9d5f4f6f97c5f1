package org.credence.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.credence.testing.Catalogs.map;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.credence.subject.IdSchemes;
import org.credence.subject.SubjectKind;
import org.credence.testing.Catalogs;
import org.credence.testing.SubjectIds;
import org.credence.tree.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordReaderTest {

    static final LocalDate TODAY = LocalDate.of(2025, 6, 30);

    /** Stands in for the formats module's canonical JSON: keys sorted, so equal details encode equally. */
    static String canonical(Object details) {
        Map<String, Object> sorted = new TreeMap<>();
        ((Map<?, ?>) details).forEach((k, v) -> sorted.put(String.valueOf(k), v));
        return sorted.toString();
    }

    static final RecordReader READER = new RecordReader(Catalogs.cityCatalog(), IdSchemes.standard(), RecordReaderTest::canonical);

    static Map<String, Object> judgmentAgainstAPerson() {
        return map(
                "source", "court.beijing.chaoyang",
                "source_ref", "(2025) Jing 0105 Zhi 1234",
                "subject", map("id", SubjectIds.PERSON_EXAMPLE, "kind", "person", "name", "Zhang San"),
                "type", Catalogs.JUDGMENT_DEFAULT,
                "occurred_at", "2025-03-01",
                "details", map("case", "(2025) Jing 0105 Min Chu 88", "amount", 120000));
    }

    static List<String> problems(Object tree) {
        RecordReader.Result result = READER.read(tree, TODAY);
        assertThat(result).isInstanceOf(RecordReader.Rejected.class);
        return ((RecordReader.Rejected) result).problems().stream().map(Problem::toString).toList();
    }

    static RecordSubmission accepted(Object tree) {
        RecordReader.Result result = READER.read(tree, TODAY);
        assertThat(result).isInstanceOf(RecordReader.Accepted.class);
        return ((RecordReader.Accepted) result).record();
    }

    @Test
    void acceptsAValidRecord() {
        RecordSubmission record = accepted(judgmentAgainstAPerson());

        assertThat(record).isEqualTo(new RecordSubmission("court.beijing.chaoyang", "(2025) Jing 0105 Zhi 1234",
                new SubjectRef(SubjectIds.PERSON_EXAMPLE, SubjectKind.PERSON, Optional.of("Zhang San")),
                Catalogs.JUDGMENT_DEFAULT, LocalDate.of(2025, 3, 1),
                Optional.of("{amount=120000, case=(2025) Jing 0105 Min Chu 88}")));
    }

    @Test
    void acceptsAnOrganizationWithoutNameOrDetails() {
        Map<String, Object> tree = map("source", "tax.beijing", "source_ref", "T-1",
                "subject", map("id", SubjectIds.ORGANIZATION_EXAMPLE, "kind", "organization"),
                "type", Catalogs.A_GRADE_TAXPAYER, "occurred_at", LocalDate.of(2025, 4, 1));

        RecordSubmission record = accepted(tree);

        assertThat(record.subject()).isEqualTo(new SubjectRef(SubjectIds.ORGANIZATION_EXAMPLE, SubjectKind.ORGANIZATION, Optional.empty()));
        assertThat(record.occurredAt()).isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(record.details()).isEmpty();
    }

    @Test
    void detailsInADifferentKeyOrderMakeTheSameRecord() {
        Map<String, Object> reordered = judgmentAgainstAPerson();
        reordered.put("details", map("amount", 120000, "case", "(2025) Jing 0105 Min Chu 88"));

        assertThat(accepted(reordered)).isEqualTo(accepted(judgmentAgainstAPerson()));
    }

    @Test
    void rejectsATypeTheCatalogDoesNotName() {
        Map<String, Object> tree = judgmentAgainstAPerson();
        tree.put("type", "political.dissent");

        assertThat(problems(tree)).containsExactly("type: unknown record type 'political.dissent' in catalog test-city v1");
    }

    @Test
    void rejectsAKindOfSubjectTheTypeDoesNotAllow() {
        Map<String, Object> tree = judgmentAgainstAPerson();
        tree.put("type", Catalogs.A_GRADE_TAXPAYER);

        assertThat(problems(tree)).containsExactly(
                "type: record type 'tax.a_grade_taxpayer' does not apply to a subject of kind person");

        Map<String, Object> ticketForACompany = judgmentAgainstAPerson();
        ticketForACompany.put("subject", map("id", SubjectIds.ORGANIZATION_EXAMPLE, "kind", "organization"));
        ticketForACompany.put("type", Catalogs.TRAFFIC_TICKET);
        assertThat(problems(ticketForACompany)).containsExactly(
                "type: record type 'traffic.ticket' does not apply to a subject of kind organization");
    }

    @Test
    void acceptsARecordDatedTodayButNotTomorrow() {
        Map<String, Object> today = judgmentAgainstAPerson();
        today.put("occurred_at", TODAY.toString());
        assertThat(accepted(today).occurredAt()).isEqualTo(TODAY);

        Map<String, Object> tomorrow = judgmentAgainstAPerson();
        tomorrow.put("occurred_at", "2025-07-01");
        assertThat(problems(tomorrow)).containsExactly("occurred_at: 2025-07-01 is in the future (today is 2025-06-30)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-02-30", "01/03/2025", "2025-3-1", "yesterday"})
    void rejectsADateThatIsNotYyyyMmDd(String date) {
        Map<String, Object> tree = judgmentAgainstAPerson();
        tree.put("occurred_at", date);

        assertThat(problems(tree)).containsExactly("occurred_at: '" + date + "' is not a date YYYY-MM-DD");
    }

    @Test
    void rejectsAPersonIdWithAWrongCheckCharacter() {
        Map<String, Object> tree = judgmentAgainstAPerson();
        tree.put("subject", map("id", SubjectIds.withCheck(SubjectIds.PERSON_EXAMPLE, '7'), "kind", "person"));

        assertThat(problems(tree)).containsExactly("subject.id: wrong check character '7' (MOD 11-2 expects 'X')");
    }

    @Test
    void rejectsAnOrganizationIdUnderThePersonScheme() {
        Map<String, Object> tree = judgmentAgainstAPerson();
        tree.put("subject", map("id", SubjectIds.ORGANIZATION_EXAMPLE, "kind", "person"));

        assertThat(problems(tree)).containsExactly("subject.id: character 9 of a resident identity number must be a digit");
    }

    @Test
    void rejectsAnOrganizationCodeWithALetterOutsideTheCharacterSet() {
        Map<String, Object> tree = judgmentAgainstAPerson();
        tree.put("subject", map("id", "91512081MA62KO260E", "kind", "organization"));

        assertThat(problems(tree)).containsExactly("subject.id: character 14 ('O') is outside the GB 32100 character set");
    }

    @Test
    void rejectsAnUnknownKindOfSubject() {
        Map<String, Object> tree = judgmentAgainstAPerson();
        tree.put("subject", map("id", SubjectIds.PERSON_EXAMPLE, "kind", "household"));

        assertThat(problems(tree)).containsExactly("subject.kind: must be person or organization, not 'household'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"source", "source_ref", "subject", "type", "occurred_at"})
    void rejectsARecordMissingARequiredField(String field) {
        Map<String, Object> tree = judgmentAgainstAPerson();
        tree.remove(field);

        assertThat(problems(tree)).containsExactly(field + ": required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "kind"})
    void rejectsASubjectMissingAField(String field) {
        Map<String, Object> tree = judgmentAgainstAPerson();
        Map<String, Object> subject = map("id", SubjectIds.PERSON_EXAMPLE, "kind", "person");
        subject.remove(field);
        tree.put("subject", subject);

        assertThat(problems(tree)).containsExactly("subject." + field + ": required");
    }

    @Test
    void rejectsUnknownFieldsAtEitherLevel() {
        Map<String, Object> tree = judgmentAgainstAPerson();
        tree.put("points", -100);
        tree.put("subject", map("id", SubjectIds.PERSON_EXAMPLE, "kind", "person", "religion", "none"));

        assertThat(problems(tree)).containsExactlyInAnyOrder("points: unknown field", "subject.religion: unknown field");
    }

    @Test
    void rejectsDetailsThatAreNotAnObject() {
        Map<String, Object> tree = judgmentAgainstAPerson();
        tree.put("details", List.of("a", "b"));

        assertThat(problems(tree)).containsExactly("details: must be an object");
    }

    @Test
    void rejectsBlankAndOverlongText() {
        Map<String, Object> tree = judgmentAgainstAPerson();
        tree.put("source", "  ");
        tree.put("source_ref", "r".repeat(257));

        assertThat(problems(tree)).containsExactlyInAnyOrder("source: must not be blank",
                "source_ref: longer than 256 characters");

        Map<String, Object> longest = judgmentAgainstAPerson();
        longest.put("source_ref", "r".repeat(256));
        assertThat(accepted(longest).sourceRef()).hasSize(256);
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        Map<String, Object> tree = map("source", "court", "subject", map("id", "123", "kind", "person"),
                "type", "no.such", "occurred_at", "2030-01-01", "colour", "red");

        assertThat(problems(tree)).containsExactlyInAnyOrder(
                "source_ref: required",
                "subject.id: a resident identity number has 18 characters, not 3",
                "type: unknown record type 'no.such' in catalog test-city v1",
                "occurred_at: 2030-01-01 is in the future (today is 2025-06-30)",
                "colour: unknown field");
    }

    @Test
    void aRecordMustBeAnObject() {
        RecordReader.Result result = READER.read(List.of(1, 2), TODAY);

        assertThat(result).isEqualTo(new RecordReader.Rejected(List.of(new Problem("", "a record must be an object"))));
    }
}
