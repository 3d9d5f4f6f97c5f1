package org.credence.scoring;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.credence.catalog.Catalog;
import org.credence.catalog.CreditList;
import org.credence.catalog.GradeCondition;
import org.credence.catalog.GradeCondition.PointsBand;
import org.credence.catalog.ListEntry;
import org.credence.catalog.Measure;
import org.credence.catalog.RecordType;
import org.credence.catalog.Trigger;
import org.credence.record.RecordStatus;

import static org.credence.scoring.SubjectHistory.activeOn;
import static org.credence.scoring.SubjectHistory.counts;
import static org.credence.scoring.SubjectHistory.countsUntil;
import static org.credence.scoring.SubjectHistory.disputedDay;
import static org.credence.scoring.SubjectHistory.occurredDay;
import static org.credence.scoring.SubjectHistory.recordId;
import static org.credence.scoring.SubjectHistory.recordType;
import static org.credence.scoring.SubjectHistory.size;
import static org.credence.scoring.SubjectHistory.state;

/**
 * A catalog compiled for evaluation: the semantics of points, grades, lists and decisions at a date.
 *
 * <p>Why it is built this way. A decision is asked for on every ticket sale, so the catalog is turned
 * once into arrays indexed by small integers: record types and lists get an index, grade conditions
 * become intervals of points, and each action gets the array of its measures. A subject's records are
 * a {@link SubjectHistory}, a block of packed ints. Answering is then a few loops over a handful of ints
 * with no map look-ups, no dates built and nothing allocated unless a measure applies; a clean subject
 * gets a shared, pre-built answer.
 *
 * <p>All rules are evaluated as of a day (an epoch day): a record counts on days
 * {@code occurred <= day < occurred + expires_after}. "Until" dates answer "if nothing new were
 * recorded", so they consider only records that had occurred by the day asked about; records dated
 * later in the history are, from that day's point of view, new.
 */
public final class Rulebook {

    private final Catalog catalog;
    private final Map<String, Integer> typeIndex = new HashMap<>();
    private final RecordType[] types;
    private final int[] points;
    private final CreditList[] lists;
    private final Map<String, Integer> listIndex = new HashMap<>();
    /** For record-entry lists, which record types enter them; [list][type]. */
    private final boolean[][] listTypes;
    /** For grade-entry lists, the band of points that keeps a subject on them; null otherwise. */
    private final PointsBand[] listBands;
    /** Each list's duration as whole months and days, so that its end is computed without dates. */
    private final int[] listMonths;
    private final int[] listDays;
    private final Map<String, ActionPolicy> policies = new HashMap<>();
    private final List<ActionPolicy> policyList = new ArrayList<>();

    private Rulebook(Catalog catalog) {
        this.catalog = catalog;
        List<RecordType> typeList = catalog.recordTypes();
        types = typeList.toArray(RecordType[]::new);
        points = new int[types.length];
        if (types.length > SubjectHistory.MAX_TYPES) {
            throw new IllegalArgumentException("a rulebook holds at most " + SubjectHistory.MAX_TYPES
                    + " record types; the catalog has " + types.length);
        }
        for (int i = 0; i < types.length; i++) {
            typeIndex.put(types[i].code(), i);
            points[i] = types[i].points();
            // The longest a period can last is from a day whose month it shortens least: a bound in days
            // of 31 per month and 366 per year covers every start.
            RecordType type = types[i];
            type.expiresAfter().filter(p -> 31L * p.toTotalMonths() + p.getDays() > SubjectHistory.MAX_EXPIRY_DAYS)
                    .ifPresent(p -> {
                        throw new IllegalArgumentException("record type " + type.code() + " expires after " + p
                                + ", longer than a history can hold (" + SubjectHistory.MAX_EXPIRY_DAYS + " days)");
                    });
        }
        lists = catalog.lists().toArray(CreditList[]::new);
        listTypes = new boolean[lists.length][types.length];
        listBands = new PointsBand[lists.length];
        listMonths = new int[lists.length];
        listDays = new int[lists.length];
        for (int l = 0; l < lists.length; l++) {
            listIndex.put(lists[l].code(), l);
            listMonths[l] = (int) lists[l].duration().toTotalMonths();
            listDays[l] = lists[l].duration().getDays();
            switch (lists[l].entry()) {
                case ListEntry.ByRecordTypes byTypes -> markEntryTypes(l, byTypes);
                case GradeCondition grade -> listBands[l] = grade.band(catalog.scale());
            }
        }
        for (var action : catalog.actions()) {
            List<Measure> measures = catalog.measuresOn(action.code());
            CompiledMeasure[] compiled = new CompiledMeasure[measures.size()];
            for (int m = 0; m < compiled.length; m++) {
                Measure measure = measures.get(m);
                compiled[m] = switch (measure.when()) {
                    case Trigger.OnList onList -> new CompiledMeasure(measure, listIndex.get(onList.list()), null);
                    case GradeCondition grade -> new CompiledMeasure(measure, -1, grade.band(catalog.scale()));
                };
            }
            ActionPolicy policy = new ActionPolicy(action.code(), compiled,
                    new Decision(action.code(), Decision.Outcome.ALLOW, List.of()));
            // A subject with no records has the base points on every day and nothing that lapses, so
            // its answer is the same whenever it is asked: compute it once.
            int[] empty = SubjectHistory.EMPTY.data();
            policy.forEmpty = decideUncached(empty, 0, policy, 0, points(empty, 0, 0));
            policies.put(action.code(), policy);
            policyList.add(policy);
        }
    }

    private void markEntryTypes(int list, ListEntry.ByRecordTypes entry) {
        for (String type : entry.recordTypes()) {
            listTypes[list][typeIndex.get(type)] = true;
        }
    }

    public static Rulebook compile(Catalog catalog) {
        return new Rulebook(catalog);
    }

    public Catalog catalog() {
        return catalog;
    }

    public OptionalInt typeIndex(String code) {
        Integer index = typeIndex.get(code);
        return index == null ? OptionalInt.empty() : OptionalInt.of(index);
    }

    public RecordType type(int index) {
        return types[index];
    }

    /** The policy answering for {@code action}, or empty when the catalog has no such action. */
    public Optional<ActionPolicy> policy(String action) {
        return Optional.ofNullable(policies.get(action));
    }

    /** The day a record of type {@code type} that occurred on {@code occurredDay} stops counting. */
    public int expiresDay(int type, int occurredDay) {
        return types[type].expiresAfter()
                .map(p -> (int) LocalDate.ofEpochDay(occurredDay).plus(p).toEpochDay())
                .orElse(SubjectHistory.NEVER);
    }

    /** Points on {@code day}: base plus the points of the records active that day, clamped. */
    public int points(SubjectHistory h, int day) {
        return points(h.data(), h.base(), day);
    }

    private int points(int[] d, int b, int day) {
        long sum = catalog.scale().base();
        for (int i = 0, n = size(d, b); i < n; i++) {
            if (activeOn(d, b, i, day)) {
                sum += points[recordType(d, b, i)];
            }
        }
        return catalog.scale().clamp(sum);
    }

    /** Decision for the subject with history {@code h} on {@code policy}'s action at {@code date}. */
    public Decision decide(SubjectHistory h, ActionPolicy policy, LocalDate date) {
        return decide(h.data(), h.base(), policy, (int) date.toEpochDay());
    }

    /** Decision for the subject with history {@code h} on {@code policy}'s action on epoch day {@code day}. */
    public Decision decide(SubjectHistory h, ActionPolicy policy, int day) {
        return decide(h.data(), h.base(), policy, day);
    }

    /**
     * Decision for the subject whose history is the block at {@code b} in {@code d} (see
     * {@link SubjectHistory}) on {@code policy}'s action on epoch day {@code day}: the hot index's
     * entry point, which has the block but no view of it.
     *
     * <p>Why it allocates nothing in the common cases. A subject with no records gets the answer
     * computed at compile time. Otherwise the measures that hold are found first, and with them (for
     * up to two) the day each lapses and whether it rests on a dispute, all as ints; decisions are
     * immutable values, so one equal to what would be built is taken from a small per-action cache
     * when it is there. Listed subjects share few distinct answers (a measure and the day it lapses),
     * so nearly every listed subject finds its answer built already. A racing write to the cache only
     * loses an entry: a Decision's fields are final, so a reader sees it whole or not at all.
     */
    public Decision decide(int[] d, int b, ActionPolicy policy, int day) {
        if (size(d, b) == 0) {
            return policy.forEmpty;
        }
        int pts = points(d, b, day);
        CompiledMeasure[] measures = policy.measures;
        if (measures.length > 64) {
            return decideUncached(d, b, policy, day, pts);
        }
        long held = 0;
        int count = 0;
        int until0 = NO_DAY;
        int until1 = NO_DAY;
        boolean disputed0 = false;
        boolean disputed1 = false;
        for (int k = 0; k < measures.length; k++) {
            CompiledMeasure m = measures[k];
            if (holds(d, b, m, day, pts)) {
                held |= 1L << k;
                if (count == 0) {
                    until0 = untilDay(d, b, m, day);
                    disputed0 = disputed(d, b, m, day);
                } else if (count == 1) {
                    until1 = untilDay(d, b, m, day);
                    disputed1 = disputed(d, b, m, day);
                }
                count++;
            }
        }
        if (count == 0) {
            return policy.nothingApplies;
        }
        if (count > 2) {
            return decideUncached(d, b, policy, day, pts);
        }
        int first = Long.numberOfTrailingZeros(held);
        int second = count == 2 ? Long.numberOfTrailingZeros(held & (held - 1)) : -1;
        long hash = held * 0x9E3779B97F4A7C15L + until0 * 31L + (disputed0 ? 17 : 0);
        hash = hash * 0xC2B2AE3D27D4EB4FL + until1 * 37L + (disputed1 ? 19 : 0);
        int slot = (int) (hash ^ (hash >>> 29)) & (ActionPolicy.CACHE - 1);
        Decision cached = policy.cache[slot];
        if (cached != null && cached.measures().size() == count
                && same(cached.measures().get(0), measures[first].measure, until0, disputed0)
                && (count == 1 || same(cached.measures().get(1), measures[second].measure, until1, disputed1))) {
            return cached;
        }
        Decision.Outcome outcome = stricter(Decision.Outcome.ALLOW, measures[first].measure.effect());
        AppliedMeasure a0 = new AppliedMeasure(measures[first].measure, day(until0), disputed0);
        Decision fresh;
        if (count == 1) {
            fresh = new Decision(policy.action, outcome, List.of(a0));
        } else {
            outcome = stricter(outcome, measures[second].measure.effect());
            fresh = new Decision(policy.action, outcome,
                    List.of(a0, new AppliedMeasure(measures[second].measure, day(until1), disputed1)));
        }
        policy.cache[slot] = fresh;
        return fresh;
    }

    private static boolean same(AppliedMeasure applied, Measure measure, int until, boolean disputed) {
        if (applied.measure() != measure || applied.disputed() != disputed) {
            return false;
        }
        Optional<LocalDate> u = applied.until();
        return until == NO_DAY ? u.isEmpty() : u.isPresent() && u.get().toEpochDay() == until;
    }

    /** The decision built afresh: the definition the cached path must agree with. */
    private Decision decideUncached(int[] d, int b, ActionPolicy policy, int day, int pts) {
        List<AppliedMeasure> applied = null;
        Decision.Outcome outcome = Decision.Outcome.ALLOW;
        for (CompiledMeasure m : policy.measures) {
            if (holds(d, b, m, day, pts)) {
                if (applied == null) {
                    applied = new ArrayList<>(2);
                }
                applied.add(new AppliedMeasure(m.measure, until(d, b, m, day), disputed(d, b, m, day)));
                outcome = stricter(outcome, m.measure.effect());
            }
        }
        return applied == null ? policy.nothingApplies : new Decision(policy.action, outcome, applied);
    }

    private static Decision.Outcome stricter(Decision.Outcome current, Measure.Effect effect) {
        return switch (effect) {
            case DENY -> Decision.Outcome.DENY;
            case REVIEW -> current == Decision.Outcome.DENY ? current : Decision.Outcome.REVIEW;
            case BENEFIT -> current;
        };
    }

    private boolean holds(int[] d, int b, CompiledMeasure m, int day, int pts) {
        return m.list >= 0 ? onList(d, b, m.list, day, pts) : m.band.contains(pts);
    }

    /** Whether a measure that applies rests on a record under dispute on {@code day}. */
    private boolean disputed(int[] d, int b, CompiledMeasure m, int day) {
        return m.list >= 0 ? listDisputed(d, b, m.list, day) : anyDisputed(d, b, day);
    }

    private boolean listDisputed(int[] d, int b, int list, int day) {
        if (listBands[list] != null) {
            return anyDisputed(d, b, day);
        }
        for (int i = 0, n = size(d, b); i < n; i++) {
            if (listTypes[list][recordType(d, b, i)] && activeOn(d, b, i, day) && day < listEnd(list, d, b, i) && disputedDay(d, b, i) <= day) {
                return true;
            }
        }
        return false;
    }

    /** Whether any record counting on {@code day} is under dispute: a grade rests on all of them. */
    private static boolean anyDisputed(int[] d, int b, int day) {
        for (int i = 0, n = size(d, b); i < n; i++) {
            if (activeOn(d, b, i, day) && disputedDay(d, b, i) <= day) {
                return true;
            }
        }
        return false;
    }

    /** "No day": a measure that does not lapse by itself. */
    private static final int NO_DAY = Integer.MIN_VALUE;

    private Optional<LocalDate> until(int[] d, int b, CompiledMeasure m, int day) {
        return day(untilDay(d, b, m, day));
    }

    private int untilDay(int[] d, int b, CompiledMeasure m, int day) {
        return m.list >= 0 ? listUntilDay(d, b, m.list, day) : bandUntilDay(d, b, m.band, day);
    }

    private boolean onList(int[] d, int b, int list, int day, int pts) {
        if (listBands[list] != null) {
            return listBands[list].contains(pts);
        }
        boolean[] entering = listTypes[list];
        for (int i = 0, n = size(d, b); i < n; i++) {
            if (entering[recordType(d, b, i)] && activeOn(d, b, i, day) && day < listEnd(list, d, b, i)) {
                return true;
            }
        }
        return false;
    }

    /** The day record {@code i} stops holding its subject on record-entry list {@code list}. */
    private int listEnd(int list, int[] d, int b, int i) {
        int end = (int) EpochDays.plus(occurredDay(d, b, i), listMonths[list], listDays[list]);
        return Math.min(end, countsUntil(d, b, i));
    }

    private Optional<LocalDate> listUntil(int[] d, int b, int list, int day) {
        return day(listUntilDay(d, b, list, day));
    }

    private int listUntilDay(int[] d, int b, int list, int day) {
        if (listBands[list] != null) {
            return bandUntilDay(d, b, listBands[list], day);
        }
        int until = Integer.MIN_VALUE;
        for (int i = 0, n = size(d, b); i < n; i++) {
            if (listTypes[list][recordType(d, b, i)] && activeOn(d, b, i, day)) {
                int end = listEnd(list, d, b, i);
                if (day < end) {
                    until = Math.max(until, end);
                }
            }
        }
        return until == SubjectHistory.NEVER ? NO_DAY : until;
    }

    private Optional<LocalDate> listSince(int[] d, int b, int list, int day) {
        if (listBands[list] != null) {
            return bandSince(d, b, listBands[list], day);
        }
        int since = Integer.MAX_VALUE;
        for (int i = 0, n = size(d, b); i < n; i++) {
            if (listTypes[list][recordType(d, b, i)] && activeOn(d, b, i, day) && day < listEnd(list, d, b, i)) {
                since = Math.min(since, occurredDay(d, b, i));
            }
        }
        // The stay began earlier when an older record still held the subject on the list the day
        // before: follow such records back until the listing has a gap.
        boolean extended = since != Integer.MAX_VALUE;
        while (extended) {
            extended = false;
            for (int i = 0, n = size(d, b); i < n; i++) {
                if (listTypes[list][recordType(d, b, i)] && counts(d, b, i) && occurredDay(d, b, i) < since && listEnd(list, d, b, i) >= since) {
                    since = occurredDay(d, b, i);
                    extended = true;
                }
            }
        }
        return since == Integer.MAX_VALUE ? Optional.empty() : Optional.of(LocalDate.ofEpochDay(since));
    }

    /**
     * The first day after {@code day} on which the points leave {@code band}, as the records active on
     * {@code day} expire one by one; empty when they never do. Points only change when a record
     * expires, so only expiry days need looking at.
     */
    private int bandUntilDay(int[] d, int b, PointsBand band, int day) {
        // Expiry days are visited in increasing order by picking the next larger one each time:
        // quadratic in the records active, which are a handful, and free of sorting and arrays.
        int previous = Integer.MIN_VALUE;
        while (true) {
            int next = SubjectHistory.NEVER;
            for (int i = 0, n = size(d, b); i < n; i++) {
                int ends = countsUntil(d, b, i);
                if (ends > previous && ends < next && activeOn(d, b, i, day)) {
                    next = ends;
                }
            }
            if (next == SubjectHistory.NEVER) {
                return NO_DAY;
            }
            long sum = catalog.scale().base();
            for (int i = 0, n = size(d, b); i < n; i++) {
                if (activeOn(d, b, i, day) && countsUntil(d, b, i) > next) {
                    sum += points[recordType(d, b, i)];
                }
            }
            if (!band.contains(catalog.scale().clamp(sum))) {
                return next;
            }
            previous = next;
        }
    }

    /**
     * The day the points last entered {@code band} on or before {@code day}: walking back over the days
     * on which a record began or stopped counting, the first one whose eve is outside the band.
     */
    private Optional<LocalDate> bandSince(int[] d, int b, PointsBand band, int day) {
        int[] events = new int[size(d, b) * 2];
        int count = 0;
        for (int i = 0, n = size(d, b); i < n; i++) {
            if (counts(d, b, i) && occurredDay(d, b, i) <= day) {
                events[count++] = occurredDay(d, b, i);
                if (countsUntil(d, b, i) <= day) {
                    events[count++] = countsUntil(d, b, i);
                }
            }
        }
        Arrays.sort(events, 0, count);
        for (int e = count - 1; e >= 0; e--) {
            if (!band.contains(points(d, b, events[e] - 1))) {
                return Optional.of(LocalDate.ofEpochDay(events[e]));
            }
        }
        return Optional.empty();
    }

    /** The lists the subject is on at {@code date}, with since, until and whether they rest on a dispute. */
    public List<Standing.Membership> memberships(SubjectHistory h, LocalDate date) {
        int day = (int) date.toEpochDay();
        return memberships(h.data(), h.base(), day, points(h.data(), h.base(), day));
    }

    private List<Standing.Membership> memberships(int[] d, int b, int day, int pts) {
        List<Standing.Membership> memberships = new ArrayList<>();
        for (int l = 0; l < lists.length; l++) {
            if (onList(d, b, l, day, pts)) {
                memberships.add(new Standing.Membership(lists[l], listSince(d, b, l, day), listUntil(d, b, l, day),
                        listDisputed(d, b, l, day)));
            }
        }
        return memberships;
    }

    /**
     * The codes of the black lists the subject is on at {@code date}, in catalog order, without the
     * since, until and disputes that {@link #memberships} works out: what a write compares before and
     * after it to know whom to tell, for every subject it touches. Allocates nothing when there are none.
     */
    public List<String> blackLists(SubjectHistory h, LocalDate date) {
        int[] d = h.data();
        int b = h.base();
        int day = (int) date.toEpochDay();
        int pts = points(d, b, day);
        List<String> codes = List.of();
        for (int l = 0; l < lists.length; l++) {
            if (lists[l].kind() == CreditList.Kind.BLACK && onList(d, b, l, day, pts)) {
                if (codes.isEmpty()) {
                    codes = new ArrayList<>(2);
                }
                codes.add(lists[l].code());
            }
        }
        return codes;
    }

    /** The subject's whole standing on {@code date}: the file, with every explanation. */
    public Standing standing(SubjectHistory h, LocalDate date) {
        int[] d = h.data();
        int b = h.base();
        int day = (int) date.toEpochDay();
        int pts = points(d, b, day);
        List<Standing.RecordLine> records = new ArrayList<>();
        for (int i = 0, n = size(d, b); i < n; i++) {
            if (occurredDay(d, b, i) > day) {
                continue;
            }
            boolean disputed = disputedDay(d, b, i) <= day;
            RecordStatus status = switch (state(d, b, i)) {
                case ANNULLED -> RecordStatus.ANNULLED;
                case REPAIRED -> RecordStatus.REPAIRED;
                case RECORDED -> day >= SubjectHistory.expiresDay(d, b, i) ? RecordStatus.EXPIRED
                        : disputed ? RecordStatus.DISPUTED : RecordStatus.ACTIVE;
            };
            records.add(new Standing.RecordLine(recordId(d, b, i), types[recordType(d, b, i)].code(),
                    LocalDate.ofEpochDay(occurredDay(d, b, i)), points[recordType(d, b, i)], status, activeOn(d, b, i, day),
                    day(SubjectHistory.expiresDay(d, b, i)),
                    status == RecordStatus.DISPUTED ? day(disputedDay(d, b, i)) : Optional.empty()));
        }
        List<Standing.Membership> memberships = memberships(d, b, day, pts);
        List<AppliedMeasure> measures = new ArrayList<>();
        for (ActionPolicy policy : policyList) {
            for (CompiledMeasure m : policy.measures) {
                if (holds(d, b, m, day, pts)) {
                    measures.add(new AppliedMeasure(m.measure, until(d, b, m, day), disputed(d, b, m, day)));
                }
            }
        }
        return new Standing(date, pts, catalog.scale().gradeOf(pts), records, memberships, measures);
    }

    private static Optional<LocalDate> day(int epochDay) {
        return epochDay == SubjectHistory.NEVER || epochDay == NO_DAY ? Optional.empty() : Optional.of(LocalDate.ofEpochDay(epochDay));
    }

    /** The measures on one action, compiled; {@code nothingApplies} is the shared answer when none holds. */
    public static final class ActionPolicy {
        /** Slots in the cache of built decisions; a power of two. */
        private static final int CACHE = 4096;

        private final String action;
        private final CompiledMeasure[] measures;
        private final Decision nothingApplies;
        /** The answer for a subject with no records, the same on every day. */
        private Decision forEmpty;
        private final Decision[] cache = new Decision[CACHE];

        private ActionPolicy(String action, CompiledMeasure[] measures, Decision nothingApplies) {
            this.action = action;
            this.measures = measures;
            this.nothingApplies = nothingApplies;
        }

        public String action() {
            return action;
        }
    }

    /** A measure with its trigger resolved: a list index, or (list {@code -1}) a band of points. */
    private record CompiledMeasure(Measure measure, int list, PointsBand band) {
    }
}
