package org.credence.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.credence.catalog.Action;
import org.credence.catalog.Catalog;
import org.credence.catalog.CreditList;
import org.credence.catalog.Grade;
import org.credence.catalog.GradeCondition;
import org.credence.catalog.ListEntry;
import org.credence.catalog.Measure;
import org.credence.catalog.RecordType;
import org.credence.catalog.Scale;
import org.credence.catalog.Trigger;
import org.credence.record.RecordState;
import org.credence.record.RecordStatus;
import org.credence.testing.Catalogs;
import org.credence.testing.Histories;
import org.credence.testing.Histories.Fact;

/**
 * Properties of points, lists, decisions and standing over generated histories, on both a
 * higher-is-better and a lower-is-better catalog. Where a property needs an expected value it comes
 * from {@link Model}, a direct transcription of the definitions that shares no code with the
 * {@link Rulebook}.
 */
class ScoringPropertiesTest {

    private static final Rulebook CITY = Rulebook.compile(Catalogs.cityCatalog());
    private static final Rulebook PENALTY = Rulebook.compile(Catalogs.penaltyCatalog());

    private static final LocalDate FIRST = LocalDate.of(2018, 1, 1);
    private static final int SPAN = 7 * 365;

    /** A history (as facts) under a rulebook, and the day asked about. */
    record Scenario(Rulebook rulebook, List<Fact> facts, LocalDate day) {

        SubjectHistory history() {
            return Histories.of(rulebook, facts);
        }

        /** The facts known on {@link #day}: from that day's point of view the rest are new. */
        Scenario knownOnDay() {
            return new Scenario(rulebook, facts.stream().filter(f -> !f.occurredAt().isAfter(day)).toList(), day);
        }

        @Override
        public String toString() {
            return rulebook.catalog().id() + " on " + day + ": " + facts;
        }
    }

    // ---- generators ----------------------------------------------------------------------------

    /**
     * Histories of up to 40 records over seven years on either catalog, and on the city catalog dense
     * runs of only heavy penalties or only credits within about a year, which reach its floor and cap.
     */
    @Provide
    Arbitrary<Scenario> scenarios() {
        List<String> penalties = codes(CITY.catalog()).stream()
                .filter(code -> CITY.catalog().recordType(code).orElseThrow().points() <= -30).toList();
        List<String> credits = codes(CITY.catalog()).stream()
                .filter(code -> CITY.catalog().recordType(code).orElseThrow().points() > 0).toList();
        return Arbitraries.frequencyOf(
                Tuple.of(3, scenario(CITY, codes(CITY.catalog()), 0, 40, SPAN, 1)),
                Tuple.of(3, scenario(PENALTY, codes(PENALTY.catalog()), 0, 40, SPAN, 1)),
                Tuple.of(1, scenario(CITY, penalties, 15, 40, 400, 2)),
                Tuple.of(1, scenario(CITY, credits, 12, 40, 400, 2)));
    }

    /**
     * Histories too small to reach the floor or the cap, so that one record's points show in full:
     * with the one more, at most 10 city records (|points| <= 100 from 1000, cap 1300 and no credit
     * above 30) or 6 penalty offences (3 points at most from 0, cap 20, no deductions).
     */
    @Provide
    Arbitrary<Tuple.Tuple2<Scenario, Fact>> unclampedWithOneMore() {
        Arbitrary<Scenario> city = scenario(CITY, codes(CITY.catalog()), 0, 9, SPAN, 1);
        List<String> offences = codes(PENALTY.catalog()).stream()
                .filter(code -> PENALTY.catalog().recordType(code).orElseThrow().points() > 0).toList();
        Arbitrary<Scenario> penalty = scenario(PENALTY, offences, 0, 5, SPAN, 1);
        return Arbitraries.oneOf(city, penalty).flatMap(s -> {
            List<String> expiring = codes(s.rulebook().catalog()).stream()
                    .filter(code -> s.rulebook().catalog().recordType(code).orElseThrow().expiresAfter().isPresent())
                    .filter(code -> s.rulebook() == CITY || offences.contains(code))
                    .toList();
            return Combinators.combine(Arbitraries.of(expiring), dates(SPAN))
                    .as((type, date) -> Tuple.of(s, new Fact(s.facts().size() + 1L, type, date)));
        });
    }

    /**
     * Records of {@code types} dated within {@code window} days; one type, drawn per history, is
     * favoured (drawn {@code favour} times as often as a draw from all types) so that some histories
     * pile up credits and others penalties.
     */
    private static Arbitrary<Scenario> scenario(Rulebook rulebook, List<String> types, int minRecords, int maxRecords,
                                                int window, int favour) {
        Arbitrary<RecordState> states = Arbitraries.frequency(
                Tuple.of(8, RecordState.RECORDED), Tuple.of(1, RecordState.ANNULLED), Tuple.of(1, RecordState.REPAIRED));
        return Arbitraries.of(types).flatMap(favoured -> {
            Arbitrary<String> type = Arbitraries.frequencyOf(
                    Tuple.of(favour, Arbitraries.just(favoured)), Tuple.of(2, Arbitraries.of(types)));
            Arbitrary<Fact> fact = Combinators.combine(type, dates(window), states)
                    .as((code, date, state) -> new Fact(0, code, date, state));
            return fact.list().ofMinSize(minRecords).ofMaxSize(maxRecords).map(ScoringPropertiesTest::numbered)
                    .flatMap(facts -> askedDays(rulebook, facts).map(day -> new Scenario(rulebook, facts, day)));
        });
    }

    private static Arbitrary<LocalDate> dates(int window) {
        return Arbitraries.integers().between(0, window).map(FIRST::plusDays);
    }

    /**
     * The day asked about: anywhere from before the first record to long after the last expiry, or
     * (half the time) on or next to a day a record begins, expires or leaves a list, where
     * off-by-one mistakes show.
     */
    private static Arbitrary<LocalDate> askedDays(Rulebook rulebook, List<Fact> facts) {
        Arbitrary<LocalDate> anywhere = Arbitraries.integers().between(-200, SPAN + 12 * 365).map(FIRST::plusDays);
        List<LocalDate> events = new ArrayList<>();
        for (Fact f : facts) {
            events.add(f.occurredAt());
            rulebook.catalog().recordType(f.type()).orElseThrow().expiresAfter().ifPresent(p -> events.add(f.occurredAt().plus(p)));
            for (CreditList list : rulebook.catalog().lists()) {
                events.add(f.occurredAt().plus(list.duration()));
            }
        }
        if (events.isEmpty()) {
            return anywhere;
        }
        Arbitrary<LocalDate> nearAnEvent = Combinators.combine(Arbitraries.of(events), Arbitraries.integers().between(-1, 1))
                .as(LocalDate::plusDays);
        return Arbitraries.oneOf(anywhere, nearAnEvent);
    }

    private static List<Fact> numbered(List<Fact> facts) {
        return IntStream.range(0, facts.size())
                .mapToObj(i -> new Fact(i + 1L, facts.get(i).type(), facts.get(i).occurredAt(), facts.get(i).state()))
                .toList();
    }

    private static List<String> codes(Catalog catalog) {
        return catalog.recordTypes().stream().map(RecordType::code).toList();
    }

    // ---- properties ----------------------------------------------------------------------------

    @Property
    void recordOrderNeverChangesAResult(@ForAll("scenarios") Scenario s, @ForAll Random random) {
        List<Fact> shuffled = new ArrayList<>(s.facts());
        Collections.shuffle(shuffled, random);
        SubjectHistory inOrder = s.history();
        SubjectHistory reordered = Histories.of(s.rulebook(), shuffled);
        Rulebook rb = s.rulebook();
        int day = (int) s.day().toEpochDay();

        assertThat(rb.points(reordered, day)).isEqualTo(rb.points(inOrder, day));
        for (Action action : rb.catalog().actions()) {
            Rulebook.ActionPolicy policy = rb.policy(action.code()).orElseThrow();
            assertThat(rb.decide(reordered, policy, s.day())).isEqualTo(rb.decide(inOrder, policy, s.day()));
        }
        assertThat(rb.standing(reordered, s.day())).isEqualTo(rb.standing(inOrder, s.day()));
    }

    @Property
    void aHistoryBeforeARecordIsTheHistoryOfTheRecordsStoredBeforeIt(@ForAll("scenarios") Scenario s,
                                                                      @ForAll @IntRange(min = 0, max = 14) int firstNew) {
        List<Fact> earlier = s.facts().stream().filter(f -> f.id() < firstNew).toList();

        SubjectHistory before = disputedOdd(s.history(), s.facts()).before(firstNew);

        SubjectHistory expected = disputedOdd(Histories.of(s.rulebook(), earlier), earlier);
        assertThat(Arrays.copyOfRange(before.data(), before.base(), before.base() + before.length()))
                .containsExactly(Arrays.copyOfRange(expected.data(), expected.base(), expected.base() + expected.length()));
    }

    /** {@code h} with a dispute open since its occurrence on each record of {@code facts} with an odd id. */
    private static SubjectHistory disputedOdd(SubjectHistory h, List<Fact> facts) {
        for (Fact f : facts) {
            if (f.id() % 2 == 1) {
                h = h.withDispute(f.id(), (int) f.occurredAt().toEpochDay());
            }
        }
        return h;
    }

    @Property
    void pointsStayWithinFloorAndCap(@ForAll("scenarios") Scenario s) {
        Scale scale = s.rulebook().catalog().scale();
        int points = s.rulebook().points(s.history(), (int) s.day().toEpochDay());
        Statistics.label("bound").collect(s.rulebook().catalog().id(),
                points == scale.floor() ? "floor" : points == scale.cap() ? "cap" : "inside");

        assertThat(points).isBetween(scale.floor(), scale.cap());
        // the generators must reach both bounds on both scales, or this property proves little
        Statistics.label("bound").coverage(coverage -> {
            for (String catalog : List.of("test-city", "test-penalty")) {
                for (String bound : List.of("floor", "cap", "inside")) {
                    coverage.check(catalog, bound).count(n -> n > 0);
                }
            }
        });
    }

    @Property
    void pointsAreTheBasePlusTheActiveRecordsClamped(@ForAll("scenarios") Scenario s) {
        assertThat(s.rulebook().points(s.history(), (int) s.day().toEpochDay()))
                .isEqualTo(Model.points(s.rulebook().catalog(), s.facts(), s.day()));
    }

    @Property
    void decisionsFollowTheDefinition(@ForAll("scenarios") Scenario s) {
        SubjectHistory h = s.history();
        Rulebook rb = s.rulebook();
        for (Action action : rb.catalog().actions()) {
            Decision decision = rb.decide(h, rb.policy(action.code()).orElseThrow(), s.day());
            List<Measure> expected = Model.applying(rb.catalog(), s.facts(), action.code(), s.day());

            assertThat(decision.action()).isEqualTo(action.code());
            assertThat(decision.measures()).extracting(AppliedMeasure::measure).containsExactlyElementsOf(expected);
            assertThat(decision.outcome()).isEqualTo(Model.outcome(expected));
        }
        Standing standing = rb.standing(h, s.day());
        assertThat(standing.lists()).extracting(Standing.Membership::list)
                .containsExactlyElementsOf(Model.lists(rb.catalog(), s.facts(), s.day()));
        assertThat(standing.grade()).isEqualTo(Model.grade(rb.catalog().scale(), standing.points()));
        assertThat(rb.blackLists(h, s.day())).containsExactlyElementsOf(Model.lists(rb.catalog(), s.facts(), s.day()).stream()
                .filter(list -> list.kind() == CreditList.Kind.BLACK).map(CreditList::code).toList());
    }

    @Property
    void aRecordStopsCountingExactlyOnTheDayItExpires(@ForAll("unclampedWithOneMore") Tuple.Tuple2<Scenario, Fact> input) {
        Scenario s = input.get1();
        Fact extra = input.get2();
        Rulebook rb = s.rulebook();
        SubjectHistory without = s.history();
        SubjectHistory with = Histories.with(rb, without, extra);
        int points = rb.catalog().recordType(extra.type()).orElseThrow().points();
        LocalDate expiry = extra.occurredAt().plus(rb.catalog().recordType(extra.type()).orElseThrow().expiresAfter().orElseThrow());
        int lastDay = (int) expiry.toEpochDay() - 1;

        assertThat(rb.points(with, lastDay) - rb.points(without, lastDay)).isEqualTo(points);
        assertThat(rb.points(with, lastDay + 1)).isEqualTo(rb.points(without, lastDay + 1));
        assertThat(line(rb.standing(with, expiry.minusDays(1)), extra.id()).status()).isEqualTo(RecordStatus.ACTIVE);
        assertThat(line(rb.standing(with, expiry), extra.id()).status()).isEqualTo(RecordStatus.EXPIRED);
        assertThat(line(rb.standing(with, expiry), extra.id()).expiresOn()).hasValue(expiry);
    }

    @Property
    void aCleanSubjectGetsTheBase(@ForAll("scenarios") Scenario s) {
        Rulebook rb = s.rulebook();
        Scale scale = rb.catalog().scale();

        Standing standing = rb.standing(SubjectHistory.EMPTY, s.day());
        assertThat(rb.points(SubjectHistory.EMPTY, (int) s.day().toEpochDay())).isEqualTo(scale.base());
        assertThat(standing.points()).isEqualTo(scale.base());
        assertThat(standing.grade()).isEqualTo(Model.grade(scale, scale.base()));
        assertThat(standing.records()).isEmpty();
        // nothing can expire, so nothing that applies to a clean subject ever lapses
        assertThat(standing.measures()).allSatisfy(m -> assertThat(m.until()).isEmpty());
        for (Action action : rb.catalog().actions()) {
            Decision decision = rb.decide(SubjectHistory.EMPTY, rb.policy(action.code()).orElseThrow(), s.day());
            assertThat(decision.measures()).extracting(AppliedMeasure::measure)
                    .containsExactlyElementsOf(Model.applying(rb.catalog(), List.of(), action.code(), s.day()));
        }
    }

    @Property
    void aMeasureAppliesUpToItsUntilAndNotOnIt(@ForAll("scenarios") Scenario asked,
                                               @ForAll @IntRange(min = 0, max = 100_000) int probe) {
        Scenario s = asked.knownOnDay();
        Rulebook rb = s.rulebook();
        SubjectHistory h = s.history();
        for (Action action : rb.catalog().actions()) {
            Rulebook.ActionPolicy policy = rb.policy(action.code()).orElseThrow();
            for (AppliedMeasure applied : rb.decide(h, policy, s.day()).measures()) {
                Measure measure = applied.measure();
                Statistics.label("until").collect(measure.when() instanceof Trigger.OnList ? "list" : "grade",
                        applied.until().isPresent());
                if (applied.until().isPresent()) {
                    LocalDate until = applied.until().get();
                    assertThat(until).isAfter(s.day());
                    LocalDate between = s.day().plusDays(probe % (until.toEpochDay() - s.day().toEpochDay()));
                    assertThat(applies(rb, h, policy, until, measure)).as("on %s", until).isFalse();
                    assertThat(applies(rb, h, policy, until.minusDays(1), measure)).as("on the eve of %s", until).isTrue();
                    assertThat(applies(rb, h, policy, between, measure)).as("on %s", between).isTrue();
                } else {
                    // long after every record has expired and every listing ended
                    LocalDate later = s.day().plusYears(11).plusDays(probe % 3650);
                    assertThat(applies(rb, h, policy, later, measure)).as("on %s", later).isTrue();
                }
            }
        }
        Statistics.label("until").coverage(coverage -> {
            coverage.check("list", true).count(n -> n > 0);
            coverage.check("grade", true).count(n -> n > 0);
            coverage.check("grade", false).count(n -> n > 0);
        });
    }

    @Property
    void aListingRunsFromSinceToUntil(@ForAll("scenarios") Scenario asked,
                                      @ForAll @IntRange(min = 0, max = 100_000) int probe) {
        Scenario s = asked.knownOnDay();
        Rulebook rb = s.rulebook();
        SubjectHistory h = s.history();
        for (Standing.Membership m : rb.standing(h, s.day()).lists()) {
            String list = m.list().code();
            if (m.since().isPresent()) {
                LocalDate since = m.since().get();
                assertThat(since).isBeforeOrEqualTo(s.day());
                assertThat(onList(rb, h, since.minusDays(1), list)).as("on the eve of %s", since).isFalse();
                LocalDate between = since.plusDays(probe % (s.day().toEpochDay() - since.toEpochDay() + 1));
                assertThat(onList(rb, h, between, list)).as("on %s", between).isTrue();
            }
            if (m.until().isPresent()) {
                LocalDate until = m.until().get();
                assertThat(onList(rb, h, until, list)).as("on %s", until).isFalse();
                assertThat(onList(rb, h, until.minusDays(1), list)).as("on the eve of %s", until).isTrue();
            }
        }
    }

    private static boolean applies(Rulebook rb, SubjectHistory h, Rulebook.ActionPolicy policy, LocalDate day, Measure measure) {
        return rb.decide(h, policy, day).measures().stream().anyMatch(m -> m.measure().equals(measure));
    }

    private static boolean onList(Rulebook rb, SubjectHistory h, LocalDate day, String list) {
        return rb.standing(h, day).lists().stream().anyMatch(m -> m.list().code().equals(list));
    }

    private static Standing.RecordLine line(Standing standing, long id) {
        return standing.records().stream().filter(r -> r.recordId() == id).findFirst().orElseThrow();
    }

    /** The definitions of the brief, evaluated the slow and obvious way. */
    static final class Model {

        private Model() {
        }

        static boolean active(Catalog catalog, Fact f, LocalDate day) {
            Optional<Period> expiry = catalog.recordType(f.type()).orElseThrow().expiresAfter();
            return f.state() == RecordState.RECORDED
                    && !f.occurredAt().isAfter(day)
                    && expiry.map(p -> day.isBefore(f.occurredAt().plus(p))).orElse(true);
        }

        static int points(Catalog catalog, List<Fact> facts, LocalDate day) {
            Scale scale = catalog.scale();
            long sum = scale.base();
            for (Fact f : facts) {
                if (active(catalog, f, day)) {
                    sum += catalog.recordType(f.type()).orElseThrow().points();
                }
            }
            return (int) Math.max(scale.floor(), Math.min(scale.cap(), sum));
        }

        static Grade grade(Scale scale, int points) {
            return scale.grades().stream().filter(g -> points >= g.min()).findFirst().orElseThrow();
        }

        static boolean holds(Scale scale, GradeCondition condition, int points) {
            List<Grade> grades = scale.grades();
            int at = IntStream.range(0, grades.size()).filter(i -> grades.get(i).code().equals(condition.grade()))
                    .findFirst().orElseThrow();
            return switch (condition) {
                case GradeCondition.AtLeast atLeast -> points >= grades.get(at).min();
                case GradeCondition.AtMost atMost -> at == 0 || points < grades.get(at - 1).min();
            };
        }

        static boolean onList(Catalog catalog, List<Fact> facts, CreditList list, LocalDate day) {
            return switch (list.entry()) {
                case GradeCondition condition -> holds(catalog.scale(), condition, points(catalog, facts, day));
                case ListEntry.ByRecordTypes byTypes -> facts.stream().anyMatch(f -> byTypes.recordTypes().contains(f.type())
                        && active(catalog, f, day)
                        && day.isBefore(f.occurredAt().plus(list.duration())));
            };
        }

        static List<CreditList> lists(Catalog catalog, List<Fact> facts, LocalDate day) {
            return catalog.lists().stream().filter(l -> onList(catalog, facts, l, day)).toList();
        }

        static List<Measure> applying(Catalog catalog, List<Fact> facts, String action, LocalDate day) {
            return catalog.measuresOn(action).stream().filter(m -> switch (m.when()) {
                case Trigger.OnList onList -> onList(catalog, facts, catalog.list(onList.list()).orElseThrow(), day);
                case GradeCondition condition -> holds(catalog.scale(), condition, points(catalog, facts, day));
            }).toList();
        }

        static Decision.Outcome outcome(List<Measure> applying) {
            if (applying.stream().anyMatch(m -> m.effect() == Measure.Effect.DENY)) {
                return Decision.Outcome.DENY;
            }
            if (applying.stream().anyMatch(m -> m.effect() == Measure.Effect.REVIEW)) {
                return Decision.Outcome.REVIEW;
            }
            return Decision.Outcome.ALLOW;
        }
    }
}
