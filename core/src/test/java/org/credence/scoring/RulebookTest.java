package org.credence.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.credence.testing.Catalogs.map;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.credence.catalog.Catalog;
import org.credence.catalog.CreditList;
import org.credence.catalog.GradeCondition;
import org.credence.catalog.Measure;
import org.credence.catalog.Scale;
import org.credence.record.RecordState;
import org.credence.record.RecordStatus;
import org.credence.testing.CatalogTree;
import org.credence.testing.Catalogs;
import org.credence.testing.Histories;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RulebookTest {

    private static final Rulebook CITY = Rulebook.compile(Catalogs.cityCatalog());
    private static final Rulebook PENALTY = Rulebook.compile(Catalogs.penaltyCatalog());

    private static final String UNIT_CREDIT = "civic.unit_credit";
    private static final String UNIT_DEBIT = "civic.unit_debit";
    private static final String PROBE = "probe.grade";
    /**
     * The city catalog with a +1 and a -1 record type, so that any number of points can be reached
     * exactly, and a probe action bound by the two conditions that hold on every score.
     */
    private static final Rulebook UNITS = Rulebook.compile(Catalogs.read(withUnits()));

    private static CatalogTree withUnits() {
        CatalogTree t = Catalogs.city();
        t.recordTypes.add(Catalogs.recordType(UNIT_CREDIT, "civic", List.of("person"), 1, null));
        t.recordTypes.add(Catalogs.recordType(UNIT_DEBIT, "civic", List.of("person"), -1, "P1Y"));
        t.actions.add(Catalogs.action(PROBE, "Probe the grade conditions"));
        t.measures.add(Catalogs.measure("at_most_top", map("grade_at_most", "AAA"), PROBE, "benefit"));
        t.measures.add(Catalogs.measure("at_least_bottom", map("grade_at_least", "D"), PROBE, "benefit"));
        return t;
    }

    private static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    private static int day(String iso) {
        return (int) date(iso).toEpochDay();
    }

    private static Histories city() {
        return Histories.under(CITY);
    }

    private static Decision decide(Rulebook rulebook, SubjectHistory h, String action, String on) {
        return rulebook.decide(h, rulebook.policy(action).orElseThrow(), date(on));
    }

    private static Decision decide(SubjectHistory h, String action, String on) {
        return decide(CITY, h, action, on);
    }

    private static List<String> applied(Decision decision) {
        return decision.measures().stream().map(m -> m.measure().code()).toList();
    }

    private static Optional<LocalDate> until(Decision decision, String measure) {
        return decision.measures().stream().filter(m -> m.measure().code().equals(measure)).findFirst()
                .orElseThrow(() -> new AssertionError(measure + " does not apply: " + decision)).until();
    }

    /** A history whose points are exactly {@code points} on 2024-06-01 (from base 1000). */
    private static SubjectHistory withPoints(int points) {
        Histories h = Histories.under(UNITS);
        h.times(Math.abs(points - 1000), points > 1000 ? UNIT_CREDIT : UNIT_DEBIT, "2024-01-01");
        return h.build();
    }

    @Nested
    class Points {

        @Test
        void aCleanSubjectHasTheBase() {
            assertThat(CITY.points(SubjectHistory.EMPTY, day("2025-01-01"))).isEqualTo(1000);
            assertThat(PENALTY.points(SubjectHistory.EMPTY, day("2025-01-01"))).isZero();
        }

        @Test
        void addsThePointsOfTheRecordsActiveThatDay() {
            SubjectHistory h = city()
                    .add(Catalogs.JUDGMENT_DEFAULT, "2024-01-10")
                    .add(Catalogs.LOAN_ARREARS, "2024-02-01")
                    .add(Catalogs.HEROIC_ACT, "2024-03-01")
                    .build();

            assertThat(CITY.points(h, day("2024-01-09"))).isEqualTo(1000);
            assertThat(CITY.points(h, day("2024-01-10"))).isEqualTo(900);
            assertThat(CITY.points(h, day("2024-02-15"))).isEqualTo(890);
            assertThat(CITY.points(h, day("2024-03-01"))).isEqualTo(920);
        }

        @Test
        void clampsAtTheCapAndTheFloor() {
            SubjectHistory heroic = city().times(11, Catalogs.HEROIC_ACT, "2024-01-01").build();
            SubjectHistory defaulter = city().times(11, Catalogs.JUDGMENT_DEFAULT, "2024-01-01").build();

            assertThat(CITY.points(heroic, day("2024-01-01"))).isEqualTo(1300);
            assertThat(CITY.points(defaulter, day("2024-01-01"))).isZero();
        }

        @Test
        void clampsTheSumNotEachStep() {
            // 1000 - 1100 + 150 = 50: the deficit below the floor is not forgiven before adding credits
            SubjectHistory h = city()
                    .times(11, Catalogs.JUDGMENT_DEFAULT, "2024-01-01")
                    .times(5, Catalogs.HEROIC_ACT, "2024-01-01")
                    .build();

            assertThat(CITY.points(h, day("2024-01-01"))).isEqualTo(50);
        }

        @Test
        void aRecordCountsOnItsLastDayAndNotOnItsExpiryDay() {
            SubjectHistory h = city().add(Catalogs.JUDGMENT_DEFAULT, "2020-03-01").build();
            int type = CITY.typeIndex(Catalogs.JUDGMENT_DEFAULT).orElseThrow();

            assertThat(CITY.expiresDay(type, day("2020-03-01"))).isEqualTo(day("2023-03-01"));
            assertThat(CITY.points(h, day("2023-02-28"))).isEqualTo(900);
            assertThat(CITY.points(h, day("2023-03-01"))).isEqualTo(1000);
        }

        @Test
        void expiryFollowsTheCalendar() {
            int arrears = CITY.typeIndex(Catalogs.LOAN_ARREARS).orElseThrow();
            int ticket = CITY.typeIndex(Catalogs.TRAFFIC_TICKET).orElseThrow();

            assertThat(CITY.expiresDay(arrears, day("2024-02-29"))).isEqualTo(day("2025-02-28"));
            assertThat(CITY.expiresDay(ticket, day("2024-11-30"))).isEqualTo(day("2025-02-28"));

            SubjectHistory h = city().add(Catalogs.LOAN_ARREARS, "2024-02-29").build();
            assertThat(CITY.points(h, day("2025-02-27"))).isEqualTo(990);
            assertThat(CITY.points(h, day("2025-02-28"))).isEqualTo(1000);
        }

        @Test
        void aRecordWithoutExpiryCountsForEver() {
            SubjectHistory h = city().add(Catalogs.HEROIC_ACT, "2000-01-01").build();

            assertThat(CITY.expiresDay(CITY.typeIndex(Catalogs.HEROIC_ACT).orElseThrow(), day("2000-01-01")))
                    .isEqualTo(SubjectHistory.NEVER);
            assertThat(CITY.points(h, day("2099-12-31"))).isEqualTo(1030);
        }

        @Test
        void annulledAndRepairedRecordsDoNotCount() {
            SubjectHistory h = city()
                    .add(Catalogs.JUDGMENT_DEFAULT, "2024-01-01", RecordState.ANNULLED)
                    .add(Catalogs.LOAN_ARREARS, "2024-01-01", RecordState.REPAIRED)
                    .add(Catalogs.TRAFFIC_TICKET, "2024-01-01")
                    .build();

            assertThat(CITY.points(h, day("2024-02-01"))).isEqualTo(995);
        }

        @Test
        void repairingOrAnnullingARecordTakesItOutAtOnce() {
            SubjectHistory h = city().add(Catalogs.JUDGMENT_DEFAULT, "2024-01-01").add(Catalogs.LOAN_ARREARS, "2024-01-01").build();

            assertThat(CITY.points(h, day("2024-02-01"))).isEqualTo(890);
            assertThat(CITY.points(h.withState(1, RecordState.REPAIRED), day("2024-02-01"))).isEqualTo(990);
            assertThat(CITY.points(h.withState(2, RecordState.ANNULLED), day("2024-02-01"))).isEqualTo(900);
            assertThat(CITY.points(h.withState(99, RecordState.ANNULLED), day("2024-02-01"))).isEqualTo(890);
            // the history is immutable: the original still counts both
            assertThat(CITY.points(h, day("2024-02-01"))).isEqualTo(890);
        }

        @Test
        void aRecordIdIsHeldOnce() {
            int type = CITY.typeIndex(Catalogs.JUDGMENT_DEFAULT).orElseThrow();
            int occurred = day("2024-01-01");
            SubjectHistory once = SubjectHistory.EMPTY.with(7, type, occurred, CITY.expiresDay(type, occurred), RecordState.RECORDED);
            SubjectHistory twice = once.with(7, type, occurred, CITY.expiresDay(type, occurred), RecordState.RECORDED);

            assertThat(twice.size()).isEqualTo(1);
            assertThat(CITY.points(twice, occurred)).isEqualTo(900);
        }

        @Test
        void unknownTypeCodesHaveNoIndex() {
            assertThat(CITY.typeIndex("no.such")).isEmpty();
            assertThat(CITY.type(CITY.typeIndex(Catalogs.HEROIC_ACT).orElseThrow()).points()).isEqualTo(30);
        }
    }

    @Nested
    class Grades {

        @ParameterizedTest
        @CsvSource({
                "1300, AAA", "1050, AAA", "1049, AA", "1030, AA", "1029, A", "960, A", "959, B",
                "850, B", "849, C", "600, C", "599, D", "1, D", "0, D"})
        void aSubjectHasTheFirstGradeWhoseMinimumItsPointsReach(int points, String grade) {
            SubjectHistory h = withPoints(points);

            Standing standing = UNITS.standing(h, date("2024-06-01"));
            assertThat(standing.points()).isEqualTo(points);
            assertThat(standing.grade().code()).isEqualTo(grade);
        }

        @Test
        void onALowerIsBetterScaleGradesStillGoByPointsAgainstMinimums() {
            SubjectHistory h = Histories.under(PENALTY)
                    .add(Catalogs.THREE_POINTS, "2024-01-01")
                    .add(Catalogs.THREE_POINTS, "2024-02-01")
                    .add(Catalogs.TWO_POINTS, "2024-03-01")
                    .build();

            assertThat(PENALTY.standing(h, date("2024-01-15")).grade().code()).isEqualTo("CLEAR");
            assertThat(PENALTY.standing(h, date("2024-02-15")).grade().code()).isEqualTo("WARNING");
            assertThat(PENALTY.standing(h, date("2024-03-15")).grade().code()).isEqualTo("WITHDRAWN");
        }

        @ParameterizedTest
        @CsvSource({
                // grade, points, at_least holds, at_most holds
                "AAA, 1300, true, true",
                "AAA, 1050, true, true",
                "AAA, 1049, false, true",
                "AAA, 0, false, true",
                "AA, 1050, true, false",
                "AA, 1049, true, true",
                "AA, 1030, true, true",
                "AA, 1029, false, true",
                "C, 850, true, false",
                "C, 849, true, true",
                "C, 600, true, true",
                "C, 599, false, true",
                "D, 600, true, false",
                "D, 599, true, true",
                "D, 0, true, true"})
        void gradeConditionsCompareThePointsWithTheBandMinimums(String grade, int points, boolean atLeast, boolean atMost) {
            Scale scale = CITY.catalog().scale();

            assertThat(new GradeCondition.AtLeast(grade).band(scale).contains(points)).as("at least").isEqualTo(atLeast);
            assertThat(new GradeCondition.AtMost(grade).band(scale).contains(points)).as("at most").isEqualTo(atMost);
        }

        @Test
        void measuresOnGradesApplyFromTheExactMinimum() {
            assertThat(applied(decide(UNITS, withPoints(1030), Catalogs.DEPOSIT_FREE, "2024-06-01")))
                    .containsExactly(Catalogs.DEPOSIT_FREE_RENTAL);
            assertThat(applied(decide(UNITS, withPoints(1029), Catalogs.DEPOSIT_FREE, "2024-06-01"))).isEmpty();
            assertThat(applied(decide(UNITS, withPoints(1050), Catalogs.HEATING_DISCOUNT, "2024-06-01")))
                    .containsExactly(Catalogs.HEATING_FEE_DISCOUNT);
            assertThat(applied(decide(UNITS, withPoints(1049), Catalogs.HEATING_DISCOUNT, "2024-06-01"))).isEmpty();
            // at most B is below A's minimum 960
            assertThat(applied(decide(UNITS, withPoints(959), Catalogs.BID, "2024-06-01")))
                    .containsExactly(Catalogs.BID_REVIEW_LOW_GRADE);
            assertThat(applied(decide(UNITS, withPoints(960), Catalogs.BID, "2024-06-01")))
                    .containsExactly(Catalogs.BID_PREFERENCE);
        }

        @Test
        void atMostTheTopGradeAndAtLeastTheBottomGradeAlwaysHold() {
            for (int points : new int[] {0, 599, 1000, 1050, 1300}) {
                assertThat(applied(decide(UNITS, withPoints(points), PROBE, "2024-06-01"))).as("at %d", points)
                        .containsExactly("at_most_top", "at_least_bottom");
            }
        }

        @Test
        void onALowerIsBetterScaleAtLeastMeansAtOrAboveTheMinimumPoints() {
            Histories h = Histories.under(PENALTY)
                    .add(Catalogs.THREE_POINTS, "2024-01-01")
                    .add(Catalogs.TWO_POINTS, "2024-02-01")
                    .add(Catalogs.ONE_POINT, "2024-03-01")
                    .add(Catalogs.TWO_POINTS, "2024-04-01");

            Decision at5 = decide(PENALTY, h.build(), Catalogs.DRIVE, "2024-02-15");
            Decision at6 = decide(PENALTY, h.build(), Catalogs.DRIVE, "2024-03-15");
            Decision at8 = decide(PENALTY, h.build(), Catalogs.DRIVE, "2024-04-15");

            assertThat(at5.outcome()).isEqualTo(Decision.Outcome.ALLOW);
            assertThat(at6.outcome()).isEqualTo(Decision.Outcome.REVIEW);
            assertThat(at8.outcome()).isEqualTo(Decision.Outcome.DENY);
            assertThat(applied(at8)).containsExactly(Catalogs.NO_DRIVING, Catalogs.DRIVING_REVIEW);
        }
    }

    @Nested
    class Lists {

        @Test
        void aRecordHoldsItsSubjectOnTheListForTheListDuration() {
            SubjectHistory h = city().add(Catalogs.JUDGMENT_DEFAULT, "2020-03-01").build();

            assertThat(decide(h, Catalogs.AIR_TICKET, "2020-02-29").outcome()).isEqualTo(Decision.Outcome.ALLOW);
            assertThat(decide(h, Catalogs.AIR_TICKET, "2020-03-01").outcome()).isEqualTo(Decision.Outcome.DENY);
            assertThat(decide(h, Catalogs.AIR_TICKET, "2022-02-28").outcome()).isEqualTo(Decision.Outcome.DENY);
            // P2Y on the list, although the record counts for P3Y
            assertThat(decide(h, Catalogs.AIR_TICKET, "2022-03-01").outcome()).isEqualTo(Decision.Outcome.ALLOW);
            assertThat(CITY.points(h, day("2022-03-01"))).isEqualTo(900);
        }

        @Test
        void aListingEndsWhenTheRecordExpiresIfThatComesFirst() {
            CatalogTree t = Catalogs.city();
            t.list(Catalogs.DISHONEST_DEBTORS).put("duration", "P5Y");
            Rulebook longList = Rulebook.compile(Catalogs.read(t));
            SubjectHistory h = Histories.under(longList).add(Catalogs.JUDGMENT_DEFAULT, "2020-03-01").build();

            Decision lastDay = decide(longList, h, Catalogs.AIR_TICKET, "2023-02-28");
            assertThat(lastDay.outcome()).isEqualTo(Decision.Outcome.DENY);
            assertThat(until(lastDay, Catalogs.NO_AIR_TRAVEL)).hasValue(date("2023-03-01"));
            assertThat(decide(longList, h, Catalogs.AIR_TICKET, "2023-03-01").outcome()).isEqualTo(Decision.Outcome.ALLOW);
        }

        @Test
        void anAbnormalOperationsListingEndsWithItsOneYearRecordNotAfterThreeYears() {
            SubjectHistory h = city().add(Catalogs.ANNUAL_REPORT_MISSING, "2024-07-01").build();

            Decision lastDay = decide(h, Catalogs.BID, "2025-06-30");
            assertThat(lastDay.outcome()).isEqualTo(Decision.Outcome.DENY);
            assertThat(until(lastDay, Catalogs.NO_BID_ABNORMAL)).hasValue(date("2025-07-01"));
            assertThat(applied(decide(h, Catalogs.BID, "2025-07-01"))).containsExactly(Catalogs.BID_PREFERENCE);
        }

        @Test
        void aRepairedOrAnnulledRecordTakesTheSubjectOffTheList() {
            SubjectHistory h = city().add(Catalogs.JUDGMENT_DEFAULT, "2020-03-01").build();

            assertThat(decide(h.withState(1, RecordState.REPAIRED), Catalogs.AIR_TICKET, "2020-06-01").outcome())
                    .isEqualTo(Decision.Outcome.ALLOW);
            assertThat(decide(h.withState(1, RecordState.ANNULLED), Catalogs.AIR_TICKET, "2020-06-01").outcome())
                    .isEqualTo(Decision.Outcome.ALLOW);
        }

        @Test
        void onlyTheEntryTypesPutASubjectOnARecordList() {
            SubjectHistory h = city().times(3, Catalogs.CONTRACT_DEFAULT, "2024-01-01").build();

            assertThat(decide(h, Catalogs.AIR_TICKET, "2024-02-01").outcome()).isEqualTo(Decision.Outcome.ALLOW);
        }

        @Test
        void aSubjectIsOnAGradeListWhileTheConditionHolds() {
            SubjectHistory h = city()
                    .add(Catalogs.JUDGMENT_DEFAULT, "2020-03-01")
                    .add(Catalogs.LOAN_ARREARS, "2020-09-01")
                    .add(Catalogs.LOAN_ARREARS, "2020-10-01")
                    .add(Catalogs.LOAN_ARREARS, "2020-11-01")
                    .add(Catalogs.LOAN_ARREARS, "2020-12-01")
                    .add(Catalogs.LOAN_ARREARS, "2021-01-01")
                    .build();

            // 900 - 40 = 860 is grade B; the fifth arrears makes 850, still B; credit watch is C or below
            assertThat(onLists(h, "2020-12-15")).containsExactly(Catalogs.DISHONEST_DEBTORS);
            assertThat(onLists(h, "2021-01-01")).containsExactly(Catalogs.DISHONEST_DEBTORS);
            SubjectHistory more = Histories.with(CITY, h, new Histories.Fact(7, Catalogs.LOAN_ARREARS, date("2021-02-01")));
            assertThat(onLists(more, "2021-02-01")).containsExactly(Catalogs.DISHONEST_DEBTORS, Catalogs.CREDIT_WATCH);
            assertThat(applied(decide(more, Catalogs.LOAN, "2021-02-01")))
                    .containsExactly(Catalogs.LOAN_REVIEW_DEBTOR, Catalogs.LOAN_REVIEW_WATCH);
            // the first arrears expires on 2021-09-01: 850 again, off the watch list the same day
            assertThat(onLists(more, "2021-08-31")).contains(Catalogs.CREDIT_WATCH);
            assertThat(onLists(more, "2021-09-01")).doesNotContain(Catalogs.CREDIT_WATCH);
        }

        @Test
        void aRedListByGradeBringsItsBenefit() {
            SubjectHistory h = city().times(2, Catalogs.HEROIC_ACT, "2024-01-01").build();

            assertThat(onLists(h, "2024-01-01")).containsExactly(Catalogs.TRUSTWORTHY);
            Decision decision = decide(h, Catalogs.FAST_TRACK, "2024-01-01");
            assertThat(decision.outcome()).isEqualTo(Decision.Outcome.ALLOW);
            assertThat(applied(decision)).containsExactly(Catalogs.FAST_TRACK_PERMITS);
            assertThat(until(decision, Catalogs.FAST_TRACK_PERMITS)).isEmpty();
        }

        private static List<String> onLists(SubjectHistory h, String on) {
            return CITY.standing(h, date(on)).lists().stream().map(m -> m.list().code()).toList();
        }
    }

    @Nested
    class Decisions {

        @Test
        void aCleanSubjectIsAllowedWithTheBenefitsOfItsGrade() {
            Decision decision = decide(SubjectHistory.EMPTY, Catalogs.BID, "2025-01-01");

            assertThat(decision.action()).isEqualTo(Catalogs.BID);
            assertThat(decision.outcome()).isEqualTo(Decision.Outcome.ALLOW);
            assertThat(decision.measures()).extracting(m -> m.measure().code(), AppliedMeasure::until)
                    .containsExactly(tuple(Catalogs.BID_PREFERENCE, Optional.empty()));
        }

        @Test
        void anActionWithoutMeasuresIsAlwaysAllowed() {
            SubjectHistory h = city().times(5, Catalogs.JUDGMENT_DEFAULT, "2024-01-01").build();

            assertThat(decide(h, Catalogs.LIBRARY_CARD, "2024-01-01"))
                    .isEqualTo(new Decision(Catalogs.LIBRARY_CARD, Decision.Outcome.ALLOW, List.of()));
        }

        @Test
        void reviewWhenAMeasureAsksForReviewAndNoneDenies() {
            SubjectHistory h = city().times(5, Catalogs.LOAN_ARREARS, "2024-01-01").build();

            Decision decision = decide(h, Catalogs.BID, "2024-02-01");
            assertThat(decision.outcome()).isEqualTo(Decision.Outcome.REVIEW);
            assertThat(applied(decision)).containsExactly(Catalogs.BID_REVIEW_LOW_GRADE);
        }

        @Test
        void denyOverridesReview() {
            SubjectHistory h = city().add(Catalogs.JUDGMENT_DEFAULT, "2024-01-01").build();

            Decision decision = decide(h, Catalogs.BID, "2024-02-01");
            assertThat(decision.outcome()).isEqualTo(Decision.Outcome.DENY);
            assertThat(applied(decision)).containsExactly(Catalogs.NO_BID_DEBTOR, Catalogs.BID_REVIEW_LOW_GRADE);
        }

        @Test
        void benefitsAreListedEvenWhenTheActionIsDenied() {
            SubjectHistory h = city()
                    .add(Catalogs.JUDGMENT_DEFAULT, "2024-01-01")
                    .times(3, Catalogs.HEROIC_ACT, "2024-01-01")
                    .build();

            Decision decision = decide(h, Catalogs.BID, "2024-02-01");
            assertThat(decision.outcome()).isEqualTo(Decision.Outcome.DENY);
            assertThat(decision.measures()).extracting(m -> m.measure().effect())
                    .containsExactly(Measure.Effect.DENY, Measure.Effect.BENEFIT);
        }

        @Test
        void twoReviewsMakeOneReview() {
            SubjectHistory h = city().times(2, Catalogs.JUDGMENT_DEFAULT, "2024-01-01").build();

            Decision decision = decide(h, Catalogs.LOAN, "2024-02-01");
            assertThat(decision.outcome()).isEqualTo(Decision.Outcome.REVIEW);
            assertThat(applied(decision)).containsExactly(Catalogs.LOAN_REVIEW_DEBTOR, Catalogs.LOAN_REVIEW_WATCH);
        }

        @Test
        void aBenefitAloneAllows() {
            SubjectHistory h = city().times(2, Catalogs.HEROIC_ACT, "2024-01-01").build();

            Decision decision = decide(h, Catalogs.HEATING_DISCOUNT, "2024-02-01");
            assertThat(decision.outcome()).isEqualTo(Decision.Outcome.ALLOW);
            assertThat(applied(decision)).containsExactly(Catalogs.HEATING_FEE_DISCOUNT);
        }

        @Test
        void anUnknownActionHasNoPolicy() {
            assertThat(CITY.policy("travel.space")).isEmpty();
            assertThat(CITY.policy(Catalogs.BID).orElseThrow().action()).isEqualTo(Catalogs.BID);
        }
    }

    @Nested
    class Until {

        @Test
        void aListMeasureLastsUntilTheLatestListingEnds() {
            SubjectHistory h = city()
                    .add(Catalogs.JUDGMENT_DEFAULT, "2020-03-01")
                    .add(Catalogs.JUDGMENT_DEFAULT, "2021-01-01")
                    .build();

            assertThat(until(decide(h, Catalogs.AIR_TICKET, "2021-06-01"), Catalogs.NO_AIR_TRAVEL)).hasValue(date("2023-01-01"));
            assertThat(until(decide(h, Catalogs.AIR_TICKET, "2022-06-01"), Catalogs.NO_AIR_TRAVEL)).hasValue(date("2023-01-01"));
            assertThat(decide(h, Catalogs.AIR_TICKET, "2023-01-01").measures()).isEmpty();
        }

        @Test
        void recordsDatedAfterTheDayAskedAboutAreNewToThatDay() {
            SubjectHistory h = city()
                    .add(Catalogs.JUDGMENT_DEFAULT, "2020-03-01")
                    .add(Catalogs.JUDGMENT_DEFAULT, "2021-01-01")
                    .build();

            assertThat(until(decide(h, Catalogs.AIR_TICKET, "2020-06-01"), Catalogs.NO_AIR_TRAVEL)).hasValue(date("2022-03-01"));
        }

        @Test
        void aRepairedRecordNoLongerExtendsTheListing() {
            SubjectHistory h = city()
                    .add(Catalogs.JUDGMENT_DEFAULT, "2020-03-01")
                    .add(Catalogs.JUDGMENT_DEFAULT, "2021-01-01", RecordState.REPAIRED)
                    .build();

            assertThat(until(decide(h, Catalogs.AIR_TICKET, "2021-06-01"), Catalogs.NO_AIR_TRAVEL)).hasValue(date("2022-03-01"));
        }

        @Test
        void aGradeMeasureLastsUntilTheFirstExpiryThatLeavesTheBand() {
            // 800 points: the first expiry gives 900, still below A's 960; the second gives 1000
            SubjectHistory h = city()
                    .add(Catalogs.JUDGMENT_DEFAULT, "2020-03-01")
                    .add(Catalogs.JUDGMENT_DEFAULT, "2021-01-01")
                    .build();

            assertThat(until(decide(h, Catalogs.BID, "2022-06-01"), Catalogs.BID_REVIEW_LOW_GRADE)).hasValue(date("2024-01-01"));
            assertThat(decide(h, Catalogs.BID, "2023-12-31").measures()).extracting(m -> m.measure().code())
                    .containsExactly(Catalogs.BID_REVIEW_LOW_GRADE);
            assertThat(decide(h, Catalogs.BID, "2024-01-01").measures()).extracting(m -> m.measure().code())
                    .containsExactly(Catalogs.BID_PREFERENCE);
        }

        @Test
        void theEarliestExpiryMayAlreadyLeaveTheBand() {
            SubjectHistory h = city()
                    .add(Catalogs.JUDGMENT_DEFAULT, "2020-03-01")
                    .add(Catalogs.LOAN_ARREARS, "2022-05-01")
                    .build();

            // 890; on 2023-03-01 the judgment expires: 990
            assertThat(until(decide(h, Catalogs.BID, "2022-06-01"), Catalogs.BID_REVIEW_LOW_GRADE)).hasValue(date("2023-03-01"));
        }

        @Test
        void aBenefitLapsesWhenTheCreditsThatEarnedItExpire() {
            SubjectHistory h = city()
                    .add(Catalogs.A_GRADE_TAXPAYER, "2024-04-01")
                    .add(Catalogs.A_GRADE_TAXPAYER, "2024-05-01")
                    .build();

            // 1040 until the first rating expires on 2025-04-01: 1020 is below AA's 1030
            assertThat(until(decide(h, Catalogs.DEPOSIT_FREE, "2024-06-01"), Catalogs.DEPOSIT_FREE_RENTAL))
                    .hasValue(date("2025-04-01"));
        }

        @Test
        void aGradeMeasureThatNoExpiryCanEndHasNoUntil() {
            // the ticket expires, but 1060 is still AA and nothing else ever expires
            SubjectHistory h = city()
                    .times(2, Catalogs.HEROIC_ACT, "2024-01-01")
                    .add(Catalogs.TRAFFIC_TICKET, "2024-01-01")
                    .build();

            Decision decision = decide(h, Catalogs.DEPOSIT_FREE, "2024-02-01");
            assertThat(until(decision, Catalogs.DEPOSIT_FREE_RENTAL)).isEmpty();
        }

        @Test
        void untilOnALowerIsBetterScale() {
            SubjectHistory h = Histories.under(PENALTY)
                    .add(Catalogs.THREE_POINTS, "2020-01-01")
                    .add(Catalogs.THREE_POINTS, "2021-01-01")
                    .add(Catalogs.TWO_POINTS, "2022-01-01")
                    .build();

            Decision decision = decide(PENALTY, h, Catalogs.DRIVE, "2022-06-01");
            assertThat(decision.outcome()).isEqualTo(Decision.Outcome.DENY);
            // 8 -> 6 when the two points expire; 6 -> 3 when the first three do
            assertThat(until(decision, Catalogs.NO_DRIVING)).hasValue(date("2027-01-01"));
            assertThat(until(decision, Catalogs.DRIVING_REVIEW)).hasValue(date("2030-01-01"));
            assertThat(until(decide(PENALTY, h, Catalogs.RENEW, "2022-06-01"), Catalogs.NO_RENEWAL)).hasValue(date("2027-01-01"));
        }
    }

    @Nested
    class Standings {

        @Test
        void explainsEveryRecordPointsGradeListAndMeasure() {
            SubjectHistory h = city()
                    .add(Catalogs.CONTRACT_DEFAULT, "2020-01-15")
                    .add(Catalogs.JUDGMENT_DEFAULT, "2020-03-01")
                    .add(Catalogs.LOAN_ARREARS, "2021-05-01", RecordState.REPAIRED)
                    .add(Catalogs.TRAFFIC_TICKET, "2021-06-01", RecordState.ANNULLED)
                    .add(Catalogs.HEROIC_ACT, "2021-07-01")
                    .add(Catalogs.JUDGMENT_DEFAULT, "2022-01-01")
                    .build();

            Standing s = CITY.standing(h, date("2021-08-01"));

            assertThat(s.asOf()).isEqualTo(date("2021-08-01"));
            assertThat(s.points()).isEqualTo(930);
            assertThat(s.grade().code()).isEqualTo("B");
            assertThat(s.records()).containsExactly(
                    new Standing.RecordLine(1, Catalogs.CONTRACT_DEFAULT, date("2020-01-15"), -20, RecordStatus.EXPIRED,
                            false, Optional.of(date("2021-01-15")), Optional.empty()),
                    new Standing.RecordLine(2, Catalogs.JUDGMENT_DEFAULT, date("2020-03-01"), -100, RecordStatus.ACTIVE,
                            true, Optional.of(date("2023-03-01")), Optional.empty()),
                    new Standing.RecordLine(3, Catalogs.LOAN_ARREARS, date("2021-05-01"), -10, RecordStatus.REPAIRED,
                            false, Optional.of(date("2022-05-01")), Optional.empty()),
                    new Standing.RecordLine(4, Catalogs.TRAFFIC_TICKET, date("2021-06-01"), -5, RecordStatus.ANNULLED,
                            false, Optional.of(date("2021-09-01")), Optional.empty()),
                    new Standing.RecordLine(5, Catalogs.HEROIC_ACT, date("2021-07-01"), 30, RecordStatus.ACTIVE,
                            true, Optional.empty(), Optional.empty()));
            assertThat(s.lists()).extracting(m -> m.list().code(), Standing.Membership::since, Standing.Membership::until)
                    .containsExactly(tuple(Catalogs.DISHONEST_DEBTORS, Optional.of(date("2020-03-01")), Optional.of(date("2022-03-01"))));
            assertThat(s.measures()).extracting(m -> m.measure().code(), AppliedMeasure::until).containsExactly(
                    tuple(Catalogs.NO_AIR_TRAVEL, Optional.of(date("2022-03-01"))),
                    tuple(Catalogs.LOAN_REVIEW_DEBTOR, Optional.of(date("2022-03-01"))),
                    tuple(Catalogs.NO_BID_DEBTOR, Optional.of(date("2022-03-01"))),
                    // 930 is below 960 until the judgment expires
                    tuple(Catalogs.BID_REVIEW_LOW_GRADE, Optional.of(date("2023-03-01"))));
        }

        @Test
        void aCleanSubjectStandsAtTheBaseOnNoList() {
            Standing s = CITY.standing(SubjectHistory.EMPTY, date("2025-01-01"));

            assertThat(s.points()).isEqualTo(1000);
            assertThat(s.grade().code()).isEqualTo("A");
            assertThat(s.records()).isEmpty();
            assertThat(s.lists()).isEmpty();
            assertThat(s.measures()).extracting(m -> m.measure().code()).containsExactly(Catalogs.BID_PREFERENCE);
        }

        @Test
        void aGradeListingBeganWhenThePointsLastEnteredTheBand() {
            SubjectHistory h = city()
                    .add(Catalogs.JUDGMENT_DEFAULT, "2020-03-01")
                    .add(Catalogs.JUDGMENT_DEFAULT, "2020-09-01")
                    .build();

            Standing.Membership watch = membership(CITY.standing(h, date("2021-01-01")), Catalogs.CREDIT_WATCH);
            assertThat(watch.since()).hasValue(date("2020-09-01"));
            // 800 -> 900 on 2023-03-01, above C
            assertThat(watch.until()).hasValue(date("2023-03-01"));
        }

        @Test
        void aGradeListingThatAlwaysHeldHasNoSince() {
            CatalogTree t = Catalogs.city();
            t.list(Catalogs.TRUSTWORTHY).put("entry", map("grade_at_least", "A"));
            Rulebook rulebook = Rulebook.compile(Catalogs.read(t));

            Standing.Membership red = membership(rulebook.standing(SubjectHistory.EMPTY, date("2025-01-01")), Catalogs.TRUSTWORTHY);
            assertThat(red.since()).isEmpty();
            assertThat(red.until()).isEmpty();
        }

        @Test
        void aListingHeldWithoutABreakBeganWithTheFirstRecordOfTheStay() {
            // the second judgment arrives while the first still holds the subject on the list
            SubjectHistory h = city()
                    .add(Catalogs.JUDGMENT_DEFAULT, "2020-03-01")
                    .add(Catalogs.JUDGMENT_DEFAULT, "2022-01-01")
                    .build();

            Standing.Membership listed = membership(CITY.standing(h, date("2022-06-01")), Catalogs.DISHONEST_DEBTORS);
            assertThat(listed.since()).hasValue(date("2020-03-01"));
            assertThat(listed.until()).hasValue(date("2024-01-01"));
        }

        @Test
        void aListingAfterABreakBeganAgain() {
            SubjectHistory h = city()
                    .add(Catalogs.JUDGMENT_DEFAULT, "2020-03-01")
                    .add(Catalogs.JUDGMENT_DEFAULT, "2022-06-01")
                    .build();

            Standing.Membership listed = membership(CITY.standing(h, date("2022-07-01")), Catalogs.DISHONEST_DEBTORS);
            assertThat(listed.since()).hasValue(date("2022-06-01"));
        }

        @Test
        void aListingDoesNotReachBackThroughARepairedRecord() {
            SubjectHistory h = city()
                    .add(Catalogs.JUDGMENT_DEFAULT, "2020-03-01", RecordState.REPAIRED)
                    .add(Catalogs.JUDGMENT_DEFAULT, "2022-01-01")
                    .build();

            Standing.Membership listed = membership(CITY.standing(h, date("2022-06-01")), Catalogs.DISHONEST_DEBTORS);
            assertThat(listed.since()).hasValue(date("2022-01-01"));
        }

        @Test
        void aMembershipNamesItsList() {
            SubjectHistory h = city().add(Catalogs.JUDGMENT_DEFAULT, "2024-01-01").build();

            CreditList list = membership(CITY.standing(h, date("2024-01-01")), Catalogs.DISHONEST_DEBTORS).list();
            Catalog catalog = CITY.catalog();
            assertThat(list).isEqualTo(catalog.list(Catalogs.DISHONEST_DEBTORS).orElseThrow());
        }

        private static Standing.Membership membership(Standing standing, String list) {
            return standing.lists().stream().filter(m -> m.list().code().equals(list)).findFirst()
                    .orElseThrow(() -> new AssertionError("not on " + list + ": " + standing.lists()));
        }
    }
}
