package org.credence.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.credence.testing.Catalogs.map;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.credence.subject.SubjectKind;
import org.credence.testing.CatalogTree;
import org.credence.testing.Catalogs;
import org.credence.tree.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CatalogReaderTest {

    private final CatalogTree city = Catalogs.city();

    /** The problems as the validator prints them, one per line. */
    private static List<String> lines(CatalogTree tree) {
        return Catalogs.problems(tree).stream().map(Problem::toString).toList();
    }

    private static Problem only(CatalogTree tree) {
        List<Problem> problems = Catalogs.problems(tree);
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    // ---- valid catalogs ------------------------------------------------------------------------

    @Test
    void readsACompleteCatalog() {
        Catalog catalog = Catalogs.read(city);

        assertThat(catalog.id()).isEqualTo("test-city");
        assertThat(catalog.version()).isEqualTo(1);
        assertThat(catalog.scale()).isEqualTo(new Scale(1000, 0, 1300, Better.HIGHER, List.of(
                new Grade("AAA", 1050), new Grade("AA", 1030), new Grade("A", 960),
                new Grade("B", 850), new Grade("C", 600), new Grade("D", 0))));
        assertThat(catalog.recordTypes()).extracting(RecordType::code).containsExactly(
                Catalogs.JUDGMENT_DEFAULT, Catalogs.LOAN_ARREARS, Catalogs.TRAFFIC_TICKET, Catalogs.A_GRADE_TAXPAYER,
                Catalogs.HEROIC_ACT, Catalogs.CONTRACT_DEFAULT, Catalogs.ANNUAL_REPORT_MISSING);
        assertThat(catalog.recordType(Catalogs.JUDGMENT_DEFAULT)).hasValue(new RecordType(Catalogs.JUDGMENT_DEFAULT,
                "Title of court.judgment_default", Category.JUDICIAL, Set.of(SubjectKind.PERSON, SubjectKind.ORGANIZATION),
                -100, Optional.of(Period.ofYears(3)), true, "Basis in law for court.judgment_default"));
        assertThat(catalog.recordType(Catalogs.HEROIC_ACT).orElseThrow().expiresAfter()).isEmpty();
        assertThat(catalog.recordType(Catalogs.TRAFFIC_TICKET).orElseThrow().repairable()).isFalse();
        assertThat(catalog.recordType("no.such_type")).isEmpty();

        assertThat(catalog.list(Catalogs.DISHONEST_DEBTORS)).hasValue(new CreditList(Catalogs.DISHONEST_DEBTORS,
                CreditList.Kind.BLACK, "Title of dishonest_debtors", new ListEntry.ByRecordTypes(List.of(Catalogs.JUDGMENT_DEFAULT)),
                Period.ofYears(2), CreditList.Publication.PUBLIC, "Basis in law for dishonest_debtors"));
        assertThat(catalog.list(Catalogs.CREDIT_WATCH).orElseThrow().entry()).isEqualTo(new GradeCondition.AtMost("C"));
        assertThat(catalog.list(Catalogs.TRUSTWORTHY).orElseThrow().entry()).isEqualTo(new GradeCondition.AtLeast("AA"));
        assertThat(catalog.list(Catalogs.TRUSTWORTHY).orElseThrow().kind()).isEqualTo(CreditList.Kind.RED);

        assertThat(catalog.actions()).hasSize(7);
        assertThat(catalog.lists()).hasSize(4);
        assertThat(catalog.measures()).hasSize(10);
        assertThat(catalog.measuresOn(Catalogs.BID)).extracting(Measure::code, Measure::effect).containsExactly(
                tuple(Catalogs.NO_BID_DEBTOR, Measure.Effect.DENY),
                tuple(Catalogs.BID_REVIEW_LOW_GRADE, Measure.Effect.REVIEW),
                tuple(Catalogs.BID_PREFERENCE, Measure.Effect.BENEFIT),
                tuple(Catalogs.NO_BID_ABNORMAL, Measure.Effect.DENY));
        assertThat(catalog.measuresOn(Catalogs.LIBRARY_CARD)).isEmpty();
        assertThat(catalog.measuresOn("no.such_action")).isEmpty();
        assertThat(catalog.measuresOn(Catalogs.AIR_TICKET).get(0).when()).isEqualTo(new Trigger.OnList(Catalogs.DISHONEST_DEBTORS));
    }

    @Test
    void readsAPenaltyPointCatalog() {
        Catalog catalog = Catalogs.penaltyCatalog();

        assertThat(catalog.scale().better()).isEqualTo(Better.LOWER);
        assertThat(catalog.scale().grades()).extracting(Grade::code).containsExactly("WITHDRAWN", "WARNING", "CAUTION", "CLEAR");
        assertThat(catalog.recordType(Catalogs.THREE_POINTS).orElseThrow().expiresAfter()).hasValue(Period.ofYears(10));
    }

    @Test
    void theWholeTreeMustBeAMapping() {
        CatalogReader.Result result = CatalogReader.read(List.of("id", "version"));

        assertThat(result).isInstanceOf(CatalogReader.Invalid.class);
        assertThat(((CatalogReader.Invalid) result).problems()).extracting(Problem::path).containsExactly("");
        assertThat(CatalogReader.read(null)).isInstanceOf(CatalogReader.Invalid.class);
    }

    @Test
    void printsEachProblemAsPathColonMessage() {
        city.recordTypes.get(2).remove("legal_basis");

        assertThat(lines(city)).containsExactly("record_types[2].legal_basis: required");
    }

    // ---- legal basis ---------------------------------------------------------------------------

    @Test
    void aRecordTypeNeedsALegalBasis() {
        city.recordType(Catalogs.HEROIC_ACT).remove("legal_basis");

        assertThat(lines(city)).containsExactly(city.recordTypePath(Catalogs.HEROIC_ACT) + ".legal_basis: required");
    }

    @Test
    void aListNeedsALegalBasis() {
        city.list(Catalogs.TRUSTWORTHY).remove("legal_basis");

        assertThat(lines(city)).containsExactly(city.listPath(Catalogs.TRUSTWORTHY) + ".legal_basis: required");
    }

    @Test
    void aMeasureNeedsALegalBasis() {
        city.measure(Catalogs.NO_AIR_TRAVEL).put("legal_basis", "   ");

        assertThat(lines(city)).containsExactly(city.measurePath(Catalogs.NO_AIR_TRAVEL) + ".legal_basis: must not be blank");
    }

    // ---- categories ----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"judicial", "tax", "financial", "regulatory", "traffic", "contract", "commendation", "civic"})
    void acceptsEachAllowedCategory(String category) {
        city.recordType(Catalogs.LOAN_ARREARS).put("category", category);

        assertThat(Catalogs.read(city).recordType(Catalogs.LOAN_ARREARS).orElseThrow().category().code()).isEqualTo(category);
    }

    @ParameterizedTest
    @ValueSource(strings = {"astrology", "Tax", "misc", "other", "postal_fraud", "social_insurance", "third_party_liability"})
    void rejectsACategoryOutsideTheAllowedSetAsUnknown(String category) {
        city.recordType(Catalogs.LOAN_ARREARS).put("category", category);

        Problem problem = only(city);
        assertThat(problem.path()).isEqualTo(city.recordTypePath(Catalogs.LOAN_ARREARS) + ".category");
        assertThat(problem.message()).startsWith("unknown category '" + category + "'")
                .contains("judicial, tax, financial, regulatory, traffic, contract, commendation, civic")
                .doesNotContain("declined");
    }

    @ParameterizedTest
    @CsvSource({
            "political, political",
            "loyalty, political",
            "party_membership, political",
            "speech, speech",
            "online_posts, speech",
            "sentiment, speech",
            "religion, religion",
            "faith, religion",
            "ethnicity, ethnicity",
            "health, health",
            "medical_history, health",
            "biometric, biometric",
            "facial_recognition, biometric",
            "camera_tracking, biometric",
            "association, association",
            "family, association",
            "friends, association",
            "consumption, consumption",
            "video_games, consumption",
            "Political, political",
    })
    void namesADeclinedCategoryAsDeclinedWithTheReason(String category, String topic) {
        city.recordType(Catalogs.CONTRACT_DEFAULT).put("category", category);

        Problem problem = only(city);
        assertThat(problem.path()).isEqualTo(city.recordTypePath(Catalogs.CONTRACT_DEFAULT) + ".category");
        assertThat(problem.message())
                .startsWith("declined: '" + category + "' is " + topic + " conduct; ")
                .doesNotContain("unknown");
        assertThat(problem.message().substring(problem.message().indexOf("; ") + 2))
                .isEqualTo(DeclinedTopic.valueOf(topic.toUpperCase(Locale.ROOT)).reason());
    }

    // ---- expiry of adverse records --------------------------------------------------------------

    @Test
    void anAdverseRecordTypeMustExpire() {
        city.recordType(Catalogs.TRAFFIC_TICKET).remove("expires_after");

        Problem problem = only(city);
        assertThat(problem.path()).isEqualTo(city.recordTypePath(Catalogs.TRAFFIC_TICKET) + ".expires_after");
        assertThat(problem.message()).startsWith("required: adverse points").contains("must expire");
    }

    @ParameterizedTest
    @ValueSource(strings = {"P10Y", "P120M", "P9Y12M", "P3653D", "P1D"})
    void anAdverseRecordMayCountUpToTenYears(String expiry) {
        city.recordType(Catalogs.JUDGMENT_DEFAULT).put("expires_after", expiry);

        assertThat(Catalogs.read(city).recordType(Catalogs.JUDGMENT_DEFAULT).orElseThrow().expiresAfter())
                .hasValue(Period.parse(expiry));
    }

    @ParameterizedTest
    @ValueSource(strings = {"P10Y1D", "P121M", "P11Y", "P3654D", "P50Y"})
    void anAdverseRecordMayNotCountOverTenYears(String expiry) {
        city.recordType(Catalogs.JUDGMENT_DEFAULT).put("expires_after", expiry);

        Problem problem = only(city);
        assertThat(problem.path()).isEqualTo(city.recordTypePath(Catalogs.JUDGMENT_DEFAULT) + ".expires_after");
        assertThat(problem.message()).isEqualTo(expiry + " is longer than the P10Y an adverse record may count");
    }

    @Test
    void aFavourableRecordTypeNeedNotExpireAndMayCountLonger() {
        city.recordType(Catalogs.A_GRADE_TAXPAYER).remove("expires_after");
        city.recordType(Catalogs.HEROIC_ACT).put("expires_after", "P50Y");

        Catalog catalog = Catalogs.read(city);
        assertThat(catalog.recordType(Catalogs.A_GRADE_TAXPAYER).orElseThrow().expiresAfter()).isEmpty();
        assertThat(catalog.recordType(Catalogs.HEROIC_ACT).orElseThrow().expiresAfter()).hasValue(Period.ofYears(50));
    }

    @Test
    void noRecordMayCountOverACenturyBeforeExpiring() {
        city.recordType(Catalogs.HEROIC_ACT).put("expires_after", "P101Y");

        Problem problem = only(city);
        assertThat(problem.path()).isEqualTo(city.recordTypePath(Catalogs.HEROIC_ACT) + ".expires_after");
        assertThat(problem.message()).isEqualTo("P101Y is longer than the P100Y any record may count; "
                + "leave expires_after out for a record that counts for ever");
    }

    @Test
    void aCatalogHasAtMost4096RecordTypes() {
        while (city.recordTypes.size() < 4096) {
            city.recordTypes.add(Catalogs.recordType("extra.type_" + city.recordTypes.size(), "traffic", List.of("person"), 5, null));
        }
        assertThat(Catalogs.read(city).recordTypes()).hasSize(4096);

        city.recordTypes.add(Catalogs.recordType("extra.one_too_many", "traffic", List.of("person"), 5, null));
        assertThat(lines(city)).containsExactly("record_types: 4097 record types; a catalog may have at most 4096");
    }

    @Test
    void zeroPointsAreNotAdverse() {
        city.recordType(Catalogs.TRAFFIC_TICKET).put("points", 0);
        city.recordType(Catalogs.TRAFFIC_TICKET).remove("expires_after");

        assertThat(Catalogs.read(city).recordType(Catalogs.TRAFFIC_TICKET).orElseThrow().points()).isZero();
    }

    @Test
    void onALowerIsBetterScalePositivePointsAreAdverse() {
        CatalogTree penalty = Catalogs.penalty();
        penalty.recordType(Catalogs.ONE_POINT).remove("expires_after");
        penalty.recordType(Catalogs.THREE_POINTS).put("expires_after", "P11Y");
        // a deduction is favourable there, so it may last for ever
        penalty.recordType(Catalogs.SEMINAR).remove("expires_after");

        assertThat(lines(penalty)).containsExactly(
                penalty.recordTypePath(Catalogs.ONE_POINT) + ".expires_after: required: adverse points (against better: lower) must expire",
                penalty.recordTypePath(Catalogs.THREE_POINTS) + ".expires_after: P11Y is longer than the P10Y an adverse record may count");
    }

    @Test
    void onAHigherIsBetterScaleNegativePointsAreAdverse() {
        city.recordType(Catalogs.CONTRACT_DEFAULT).put("expires_after", "P12Y");

        assertThat(only(city).message()).contains("adverse");
    }

    @ParameterizedTest
    @ValueSource(strings = {"P0D", "-P1Y", "three years", "P"})
    void anExpiryMustBeAPositiveIsoPeriod(String expiry) {
        city.recordType(Catalogs.HEROIC_ACT).put("expires_after", expiry);

        Problem problem = only(city);
        assertThat(problem.path()).isEqualTo(city.recordTypePath(Catalogs.HEROIC_ACT) + ".expires_after");
        assertThat(problem.message()).containsAnyOf("positive period", "is not an ISO-8601 period");
    }

    // ---- list durations ------------------------------------------------------------------------

    @Test
    void aListNeedsADuration() {
        city.list(Catalogs.DISHONEST_DEBTORS).remove("duration");

        assertThat(lines(city)).containsExactly(city.listPath(Catalogs.DISHONEST_DEBTORS) + ".duration: required");
    }

    @Test
    void aGradeEntryListAlsoNeedsADuration() {
        city.list(Catalogs.CREDIT_WATCH).remove("duration");

        assertThat(lines(city)).containsExactly(city.listPath(Catalogs.CREDIT_WATCH) + ".duration: required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"P5Y", "P60M", "P4Y12M", "P1827D", "P1D"})
    void aListMayHoldASubjectUpToFiveYears(String duration) {
        city.list(Catalogs.DISHONEST_DEBTORS).put("duration", duration);

        assertThat(Catalogs.read(city).list(Catalogs.DISHONEST_DEBTORS).orElseThrow().duration()).isEqualTo(Period.parse(duration));
    }

    @ParameterizedTest
    @ValueSource(strings = {"P61M", "P5Y1D", "P6Y", "P1828D"})
    void aListMayNotHoldASubjectOverFiveYears(String duration) {
        city.list(Catalogs.DISHONEST_DEBTORS).put("duration", duration);

        assertThat(lines(city)).containsExactly(city.listPath(Catalogs.DISHONEST_DEBTORS) + ".duration: "
                + duration + " is longer than the P5Y a list may hold a subject");
    }

    // ---- measures bind only the subject --------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"targets", "applies_to_relatives", "applies_to", "family_members", "children",
            "legal_representative", "spouse", "guarantors", "household"})
    void aMeasureOnAnyoneButTheSubjectIsDeclined(String field) {
        city.measure(Catalogs.NO_AIR_TRAVEL).put(field, List.of("children"));

        Problem problem = only(city);
        assertThat(problem.path()).isEqualTo(city.measurePath(Catalogs.NO_AIR_TRAVEL) + "." + field);
        assertThat(problem.message()).startsWith("declined: measures bind only the subject; '" + field + "'");
    }

    @Test
    void aTriggerAimedAtRelativesIsDeclinedToo() {
        city.measure(Catalogs.NO_AIR_TRAVEL).put("when", map("list", Catalogs.DISHONEST_DEBTORS, "applies_to_relatives", true));

        Problem problem = only(city);
        assertThat(problem.path()).isEqualTo(city.measurePath(Catalogs.NO_AIR_TRAVEL) + ".when.applies_to_relatives");
        assertThat(problem.message()).startsWith("declined:");
    }

    @Test
    void aListAimedAtRelativesIsDeclined() {
        city.list(Catalogs.DISHONEST_DEBTORS).put("targets", "family");

        Problem problem = only(city);
        assertThat(problem.path()).isEqualTo(city.listPath(Catalogs.DISHONEST_DEBTORS) + ".targets");
        assertThat(problem.message()).startsWith("declined:");
    }

    @Test
    void publishingAGradeEntryListIsDeclined() {
        city.list(Catalogs.TRUSTWORTHY).put("publication", "public");

        Problem problem = only(city);
        assertThat(problem.path()).isEqualTo(city.listPath(Catalogs.TRUSTWORTHY) + ".publication");
        assertThat(problem.message()).startsWith("declined:");
    }

    // ---- unknown fields ------------------------------------------------------------------------

    @Test
    void reportsUnknownFieldsWhereverTheyAre() {
        city.tree().put("colour", "blue");
        city.scale.put("currency", "CNY");
        city.grade("AA").put("label", "very good");
        city.recordType(Catalogs.HEROIC_ACT).put("weight", 2);
        city.list(Catalogs.CREDIT_WATCH).put("notes", "x");
        city.action(Catalogs.LOAN).put("price", 3);
        city.measure(Catalogs.HEATING_FEE_DISCOUNT).put("priority", 1);
        city.measure(Catalogs.NO_AIR_TRAVEL).put("when", map("list", Catalogs.DISHONEST_DEBTORS, "since", "2020"));
        city.list(Catalogs.DISHONEST_DEBTORS).put("entry", map("record_types", List.of(Catalogs.JUDGMENT_DEFAULT), "also", 1));

        assertThat(lines(city)).containsExactlyInAnyOrder(
                "colour: unknown field",
                "scale.currency: unknown field",
                city.gradePath("AA") + ".label: unknown field",
                city.recordTypePath(Catalogs.HEROIC_ACT) + ".weight: unknown field",
                city.listPath(Catalogs.CREDIT_WATCH) + ".notes: unknown field",
                city.listPath(Catalogs.DISHONEST_DEBTORS) + ".entry.also: unknown field",
                city.actionPath(Catalogs.LOAN) + ".price: unknown field",
                city.measurePath(Catalogs.HEATING_FEE_DISCOUNT) + ".priority: unknown field",
                city.measurePath(Catalogs.NO_AIR_TRAVEL) + ".when.since: unknown field");
    }

    // ---- duplicate and dangling codes ----------------------------------------------------------

    @Test
    void aDuplicateRecordTypeCodeIsReportedOnTheLaterEntry() {
        city.recordTypes.add(CatalogTree.copy(city.recordType(Catalogs.TRAFFIC_TICKET)));

        assertThat(lines(city)).containsExactly(
                "record_types[" + (city.recordTypes.size() - 1) + "].code: duplicate code 'traffic.ticket'");
    }

    @Test
    void duplicateListActionMeasureAndGradeCodesAreReported() {
        city.lists.add(CatalogTree.copy(city.list(Catalogs.TRUSTWORTHY)));
        city.actions.add(CatalogTree.copy(city.action(Catalogs.LOAN)));
        city.measures.add(CatalogTree.copy(city.measure(Catalogs.NO_AIR_TRAVEL)));
        city.grades.add(Catalogs.grade("AA", -10));
        city.scale.put("floor", -10);

        assertThat(lines(city)).containsExactlyInAnyOrder(
                "lists[4].code: duplicate code 'trustworthy'",
                "actions[7].code: duplicate code 'finance.loan'",
                "measures[10].code: duplicate code 'no_air_travel'",
                "scale.grades[6].code: duplicate grade 'AA'");
    }

    @Test
    void aListMayNotNameAnUnknownRecordType() {
        city.list(Catalogs.DISHONEST_DEBTORS).put("entry",
                map("record_types", List.of(Catalogs.JUDGMENT_DEFAULT, "court.unknown_finding")));

        assertThat(lines(city)).containsExactly(city.listPath(Catalogs.DISHONEST_DEBTORS)
                + ".entry.record_types[1]: unknown record type 'court.unknown_finding'");
    }

    @Test
    void aMeasureMayNotNameAnUnknownAction() {
        city.measure(Catalogs.NO_AIR_TRAVEL).put("action", "travel.space");

        assertThat(lines(city)).containsExactly(
                city.measurePath(Catalogs.NO_AIR_TRAVEL) + ".action: unknown action 'travel.space'");
    }

    @Test
    void aMeasureMayNotNameAnUnknownList() {
        city.measure(Catalogs.NO_AIR_TRAVEL).put("when", map("list", "grey_list"));

        assertThat(lines(city)).containsExactly(
                city.measurePath(Catalogs.NO_AIR_TRAVEL) + ".when.list: unknown list 'grey_list'");
    }

    @Test
    void gradeConditionsMayNotNameAnUnknownGrade() {
        city.measure(Catalogs.DEPOSIT_FREE_RENTAL).put("when", map("grade_at_least", "AAAA"));
        city.list(Catalogs.CREDIT_WATCH).put("entry", map("grade_at_most", "E"));

        assertThat(lines(city)).containsExactlyInAnyOrder(
                city.measurePath(Catalogs.DEPOSIT_FREE_RENTAL) + ".when.grade_at_least: unknown grade 'AAAA'",
                city.listPath(Catalogs.CREDIT_WATCH) + ".entry.grade_at_most: unknown grade 'E'");
    }

    @Test
    void aBrokenEntryDoesNotAlsoMakeEveryReferenceToItDangle() {
        city.recordType(Catalogs.JUDGMENT_DEFAULT).remove("legal_basis");
        city.list(Catalogs.DISHONEST_DEBTORS).remove("publication");

        assertThat(lines(city)).containsExactlyInAnyOrder(
                city.recordTypePath(Catalogs.JUDGMENT_DEFAULT) + ".legal_basis: required",
                city.listPath(Catalogs.DISHONEST_DEBTORS) + ".publication: required");
    }

    @Test
    void aTriggerHoldsExactlyOneCondition() {
        city.measure(Catalogs.NO_AIR_TRAVEL).put("when", map("list", Catalogs.DISHONEST_DEBTORS, "grade_at_most", "C"));
        city.measure(Catalogs.HEATING_FEE_DISCOUNT).put("when", map());

        assertThat(lines(city)).containsExactlyInAnyOrder(
                city.measurePath(Catalogs.NO_AIR_TRAVEL) + ".when: give exactly one of list, grade_at_most, grade_at_least",
                city.measurePath(Catalogs.HEATING_FEE_DISCOUNT) + ".when: required: one of list, grade_at_most, grade_at_least");
    }

    // ---- the scale -----------------------------------------------------------------------------

    @Test
    void recordPointsMustFitTheSpanOfTheScale() {
        city.recordType(Catalogs.JUDGMENT_DEFAULT).put("points", -1300);
        city.recordType(Catalogs.HEROIC_ACT).put("points", 1301);

        Problem problem = only(city);
        assertThat(problem.path()).isEqualTo(city.recordTypePath(Catalogs.HEROIC_ACT) + ".points");
        assertThat(problem.message()).isEqualTo("points outside the scale: |1301| exceeds the scale's span of 1300");
    }

    @Test
    void theBaseMustLieWithinFloorAndCap() {
        city.scale.put("base", 1301);

        assertThat(lines(city)).containsExactly("scale.base: points outside the scale: 1301 is not within [0, 1300]");
    }

    @Test
    void aGradeMinimumMustLieWithinFloorAndCap() {
        city.grade("AAA").put("min", 1400);

        assertThat(lines(city)).containsExactly(
                city.gradePath("AAA") + ".min: points outside the scale: 1400 is not within [0, 1300]");
    }

    @Test
    void theCapMustBeAboveTheFloor() {
        city.scale.put("cap", 0);

        assertThat(lines(city)).contains("scale.cap: must be above the floor (0)");
    }

    @Test
    void gradesAreListedHighestFirst() {
        city.grades.set(1, Catalogs.grade("AA", 1060));

        assertThat(lines(city)).containsExactly(
                "scale.grades[1].min: grades are listed highest first: 1060 must be below AAA's min 1050");
    }

    @Test
    void twoGradesMayNotShareAMinimum() {
        city.grade("A").put("min", 1030);

        assertThat(lines(city)).containsExactly(
                city.gradePath("A") + ".min: grades are listed highest first: 1030 must be below AA's min 1030");
    }

    @Test
    void theLowestGradeStartsAtTheFloor() {
        city.grade("D").put("min", 100);

        assertThat(lines(city)).containsExactly(
                "scale.grades: the lowest grade (D, min 100) must start at the floor (0) so that every score has a grade");
    }

    @Test
    void betterIsHigherOrLower() {
        city.scale.put("better", "sideways");

        assertThat(lines(city)).containsExactly("scale.better: must be higher or lower, not 'sideways'");
    }

    @Test
    void aScaleNeedsGrades() {
        city.scale.remove("grades");

        assertThat(lines(city)).contains("scale.grades: required");
    }

    // ---- structure -----------------------------------------------------------------------------

    @Test
    void reportsEveryProblemAtOnce() {
        city.tree().remove("id");
        city.tree().put("version", 0);
        city.recordType(Catalogs.LOAN_ARREARS).put("subjects", List.of("person", "robot"));
        city.recordType(Catalogs.TRAFFIC_TICKET).put("points", "-5");
        city.list(Catalogs.TRUSTWORTHY).put("kind", "grey");
        city.action(Catalogs.LOAN).put("code", "Finance Loan");
        city.measure(Catalogs.NO_AIR_TRAVEL).put("effect", "shame");

        assertThat(lines(city)).containsExactlyInAnyOrder(
                "id: required",
                "version: must be 1 or more",
                city.recordTypePath(Catalogs.LOAN_ARREARS) + ".subjects[1]: must be person or organization, not 'robot'",
                city.recordTypePath(Catalogs.TRAFFIC_TICKET) + ".points: must be a number",
                city.listPath(Catalogs.TRUSTWORTHY) + ".kind: must be black or red, not 'grey'",
                "actions[1].code: 'Finance Loan' is not a code (lowercase letters, digits, '_', '-' and '.')",
                city.measurePath(Catalogs.NO_AIR_TRAVEL) + ".effect: must be deny, review or benefit, not 'shame'",
                // the loan measures now point at an action whose code was never a valid one
                city.measurePath(Catalogs.LOAN_REVIEW_DEBTOR) + ".action: unknown action 'finance.loan'",
                city.measurePath(Catalogs.LOAN_REVIEW_WATCH) + ".action: unknown action 'finance.loan'");
    }

    @Test
    void recordTypesAreRequired() {
        city.tree().remove("record_types");

        assertThat(lines(city)).contains("record_types: required");
    }

    @Test
    void aRecordTypeNeedsAtLeastOneKindOfSubject() {
        city.recordType(Catalogs.HEROIC_ACT).put("subjects", new ArrayList<Object>());

        assertThat(lines(city)).containsExactly(
                city.recordTypePath(Catalogs.HEROIC_ACT) + ".subjects: at least one of person, organization is required");
    }

    @Test
    void anEntryMustBeAMapping() {
        List<Object> raw = new ArrayList<>(city.recordTypes);
        raw.add("court.another");
        city.tree().put("record_types", raw);

        assertThat(lines(city)).containsExactly("record_types[7]: must be a mapping");
    }
}
