package org.credence.catalog;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.credence.subject.SubjectKind;
import org.credence.tree.Fields;
import org.credence.tree.Problem;

/**
 * Turns a catalog tree (as a YAML or JSON parser yields it) into a {@link Catalog}, enforcing the
 * rule-of-law lint of shared/DESIGN.md on the way.
 *
 * <p>The reader never stops at the first problem: an operator fixing a catalog wants every line at
 * once, each with the path of the offending entry. It therefore reads every entry it can, keeps the
 * codes it saw (so that a broken entry does not also make every reference to it dangle), and only
 * builds a catalog when nothing was found. Structure (types, required and unknown fields) and the
 * rules of law (basis, expiry, duration, declined topics, measures aimed at others) are checked in
 * the same pass because a rule is reported against the same path as the field it concerns.
 */
public final class CatalogReader {

    /** The longest an adverse record may count (DESIGN.md: expiry over 10 years is refused). */
    static final Period MAX_EXPIRY = Period.ofYears(10);
    /** The longest any record may count for before expiring; a longer one should not expire at all. */
    static final Period MAX_ANY_EXPIRY = Period.ofYears(100);
    /** The most record types a catalog may have, so that a record's type packs into 12 bits of the index. */
    static final int MAX_RECORD_TYPES = 4096;
    /** The longest a list may hold a subject. */
    static final Period MAX_LIST_DURATION = Period.ofYears(5);

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z0-9_-]+)*");
    private static final Pattern GRADE_CODE = Pattern.compile("[A-Za-z][A-Za-z0-9+_-]*");
    private static final Pattern AIMED_AT_OTHERS = Pattern.compile(
            ".*(target|relative|family|child|spouse|parent|associate|represent|household|guarantor|employee|"
                    + "director|shareholder|applies_to|beneficiar|third_part|others).*");

    private final List<Problem> problems = new ArrayList<>();

    private CatalogReader() {
    }

    /** The outcome of reading: a catalog, or every problem found. */
    public sealed interface Result permits Valid, Invalid {
    }

    public record Valid(Catalog catalog) implements Result {
    }

    public record Invalid(List<Problem> problems) implements Result {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }

    public static Result read(Object tree) {
        return new CatalogReader().readCatalog(tree);
    }

    private Result readCatalog(Object tree) {
        Optional<Fields> top = Fields.of(tree, "", problems);
        if (top.isEmpty()) {
            return new Invalid(List.of(new Problem("", "a catalog must be a mapping with id, version, scale, record_types, lists, actions and measures")));
        }
        Fields f = top.get();
        Optional<String> id = f.requiredText("id");
        id.ifPresent(v -> checkCode(f, "id", v));
        Optional<Integer> version = f.requiredInt("version");
        version.filter(v -> v < 1).ifPresent(v -> f.problem("version", "must be 1 or more"));
        Optional<Scale> scale = f.mapping("scale").flatMap(this::scale);

        Set<String> typeCodes = new HashSet<>();
        Set<String> listCodes = new HashSet<>();
        Set<String> actionCodes = new HashSet<>();
        List<RecordType> types = readEach(f, "record_types", true, (e, i) -> recordType(e, scale, typeCodes));
        if (types.size() > MAX_RECORD_TYPES) {
            f.problem("record_types", types.size() + " record types; a catalog may have at most " + MAX_RECORD_TYPES);
        }
        List<CreditList> lists = readEach(f, "lists", false, (e, i) -> list(e, scale, typeCodes, listCodes));
        List<Action> actions = readEach(f, "actions", false, (e, i) -> action(e, actionCodes));
        Set<String> measureCodes = new HashSet<>();
        List<Measure> measures = readEach(f, "measures", false,
                (e, i) -> measure(e, scale, listCodes, actionCodes, measureCodes));
        f.finish();

        if (!problems.isEmpty() || scale.isEmpty()) {
            return new Invalid(problems);
        }
        return new Valid(new Catalog(id.orElseThrow(), version.orElseThrow(), scale.get(), types, lists, actions, measures));
    }

    private interface EntryReader<T> {
        Optional<T> read(Fields entry, int index);
    }

    private <T> List<T> readEach(Fields f, String key, boolean required, EntryReader<T> reader) {
        if (required && !f.has(key)) {
            f.raw(key);
            f.problem(key, "required");
            return List.of();
        }
        List<T> out = new ArrayList<>();
        List<Object> items = f.list(key);
        for (int i = 0; i < items.size(); i++) {
            int index = i;
            Fields.of(items.get(i), f.path(key) + "[" + i + "]", problems)
                    .flatMap(entry -> reader.read(entry, index))
                    .ifPresent(out::add);
        }
        return out;
    }

    private void checkCode(Fields f, String key, String code) {
        if (!CODE.matcher(code).matches()) {
            f.problem(key, "'" + code + "' is not a code (lowercase letters, digits, '_', '-' and '.')");
        }
    }

    private boolean unique(Fields f, Set<String> seen, String code) {
        if (!seen.add(code)) {
            f.problem("code", "duplicate code '" + code + "'");
            return false;
        }
        return true;
    }

    private Optional<Scale> scale(Fields f) {
        Optional<Integer> base = f.requiredInt("base");
        Optional<Integer> floor = f.requiredInt("floor");
        Optional<Integer> cap = f.requiredInt("cap");
        Better better = f.text("better").map(text -> switch (text) {
            case "higher" -> Better.HIGHER;
            case "lower" -> Better.LOWER;
            default -> {
                f.problem("better", "must be higher or lower, not '" + text + "'");
                yield null;
            }
        }).orElse(Better.HIGHER);
        List<Grade> grades = new ArrayList<>();
        if (!f.has("grades")) {
            f.raw("grades");
            f.problem("grades", "required");
        }
        List<Object> items = f.list("grades");
        Set<String> gradeCodes = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Optional<Fields> g = Fields.of(items.get(i), f.path("grades") + "[" + i + "]", problems);
            if (g.isEmpty()) {
                continue;
            }
            Optional<String> code = g.get().requiredText("code");
            Optional<Integer> min = g.get().requiredInt("min");
            g.get().finish();
            code.filter(c -> !GRADE_CODE.matcher(c).matches())
                    .ifPresent(c -> g.get().problem("code", "'" + c + "' is not a grade code"));
            code.filter(c -> !gradeCodes.add(c)).ifPresent(c -> g.get().problem("code", "duplicate grade '" + c + "'"));
            if (code.isPresent() && min.isPresent()) {
                if (!grades.isEmpty() && min.get() >= grades.get(grades.size() - 1).min()) {
                    g.get().problem("min", "grades are listed highest first: " + min.get()
                            + " must be below " + grades.get(grades.size() - 1).code() + "'s min "
                            + grades.get(grades.size() - 1).min());
                }
                floor.ifPresent(fl -> cap.ifPresent(cp -> {
                    if (min.get() < fl || min.get() > cp) {
                        g.get().problem("min", "points outside the scale: " + min.get() + " is not within [" + fl + ", " + cp + "]");
                    }
                }));
                grades.add(new Grade(code.get(), min.get()));
            }
        }
        f.finish();
        if (items.isEmpty() && f.has("grades")) {
            f.problem("grades", "at least one grade is required");
        }
        if (base.isEmpty() || floor.isEmpty() || cap.isEmpty() || grades.isEmpty() || better == null) {
            return Optional.empty();
        }
        if (floor.get() >= cap.get()) {
            f.problem("cap", "must be above the floor (" + floor.get() + ")");
            return Optional.empty();
        }
        if (base.get() < floor.get() || base.get() > cap.get()) {
            f.problem("base", "points outside the scale: " + base.get() + " is not within [" + floor.get() + ", " + cap.get() + "]");
        }
        Grade lowest = grades.get(grades.size() - 1);
        if (lowest.min() > floor.get()) {
            f.problem("grades", "the lowest grade (" + lowest.code() + ", min " + lowest.min()
                    + ") must start at the floor (" + floor.get() + ") so that every score has a grade");
        }
        return Optional.of(new Scale(base.get(), floor.get(), cap.get(), better, grades));
    }

    private Optional<RecordType> recordType(Fields f, Optional<Scale> scale, Set<String> seen) {
        Optional<String> code = f.requiredText("code");
        code.ifPresent(c -> checkCode(f, "code", c));
        boolean unique = code.map(c -> unique(f, seen, c)).orElse(false);
        Optional<String> title = f.requiredText("title");
        Optional<Category> category = f.requiredText("category").flatMap(text -> category(f, text));
        Set<SubjectKind> subjects = subjects(f);
        Optional<Integer> points = f.requiredInt("points");
        Optional<Period> expires = f.period("expires_after");
        boolean repairable = f.flag("repairable", false);
        Optional<String> basis = f.requiredText("legal_basis");
        f.finish(this::declinedField);

        expires.filter(e -> longer(e, MAX_ANY_EXPIRY)).ifPresent(e -> f.problem("expires_after", e
                + " is longer than the " + MAX_ANY_EXPIRY + " any record may count; leave expires_after out for a record that counts for ever"));
        scale.ifPresent(s -> points.ifPresent(p -> {
            int span = s.cap() - s.floor();
            if (Math.abs((long) p) > span) {
                f.problem("points", "points outside the scale: |" + p + "| exceeds the scale's span of " + span);
            }
            if (s.better().isAdverse(p)) {
                if (!f.has("expires_after")) {
                    f.problem("expires_after", "required: adverse points (against better: "
                            + s.better().name().toLowerCase(Locale.ROOT) + ") must expire");
                } else {
                    expires.filter(e -> longer(e, MAX_EXPIRY)).ifPresent(e ->
                            f.problem("expires_after", e + " is longer than the " + MAX_EXPIRY + " an adverse record may count"));
                }
            }
        }));
        if (!unique || title.isEmpty() || category.isEmpty() || subjects.isEmpty() || points.isEmpty() || basis.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RecordType(code.get(), title.get(), category.get(), subjects, points.get(),
                expires, repairable, basis.get()));
    }

    private Optional<Category> category(Fields f, String text) {
        Optional<Category> allowed = Category.fromCode(text);
        if (allowed.isPresent()) {
            return allowed;
        }
        Optional<DeclinedTopic> declined = DeclinedTopic.of(text);
        if (declined.isPresent()) {
            f.problem("category", "declined: '" + text + "' is " + declined.get().code()
                    + " conduct; " + declined.get().reason());
        } else {
            f.problem("category", "unknown category '" + text + "' (allowed: "
                    + String.join(", ", java.util.Arrays.stream(Category.values()).map(Category::code).toList()) + ")");
        }
        return Optional.empty();
    }

    private Set<SubjectKind> subjects(Fields f) {
        if (!f.has("subjects")) {
            f.raw("subjects");
            f.problem("subjects", "required");
            return Set.of();
        }
        Set<SubjectKind> kinds = EnumSet.noneOf(SubjectKind.class);
        List<Object> items = f.list("subjects");
        for (int i = 0; i < items.size(); i++) {
            String text = String.valueOf(items.get(i));
            Optional<SubjectKind> kind = SubjectKind.fromCode(text);
            if (kind.isEmpty()) {
                problems.add(new Problem(f.path("subjects") + "[" + i + "]", "must be person or organization, not '" + text + "'"));
            } else {
                kinds.add(kind.get());
            }
        }
        if (items.isEmpty()) {
            f.problem("subjects", "at least one of person, organization is required");
        }
        return kinds;
    }

    private Optional<CreditList> list(Fields f, Optional<Scale> scale, Set<String> typeCodes, Set<String> seen) {
        Optional<String> code = f.requiredText("code");
        code.ifPresent(c -> checkCode(f, "code", c));
        boolean unique = code.map(c -> unique(f, seen, c)).orElse(false);
        Optional<CreditList.Kind> kind = f.requiredText("kind").flatMap(text -> switch (text) {
            case "black" -> Optional.of(CreditList.Kind.BLACK);
            case "red" -> Optional.of(CreditList.Kind.RED);
            default -> {
                f.problem("kind", "must be black or red, not '" + text + "'");
                yield Optional.empty();
            }
        });
        Optional<String> title = f.requiredText("title");
        Optional<ListEntry> entry = f.mapping("entry").flatMap(e -> entry(e, scale, typeCodes));
        Optional<Period> duration = f.has("duration") ? f.period("duration") : required(f, "duration");
        duration.filter(d -> longer(d, MAX_LIST_DURATION)).ifPresent(d ->
                f.problem("duration", d + " is longer than the " + MAX_LIST_DURATION + " a list may hold a subject"));
        Optional<CreditList.Publication> publication = f.requiredText("publication").flatMap(text -> switch (text) {
            case "public" -> Optional.of(CreditList.Publication.PUBLIC);
            case "subject_only" -> Optional.of(CreditList.Publication.SUBJECT_ONLY);
            default -> {
                f.problem("publication", "must be public or subject_only, not '" + text + "'");
                yield Optional.empty();
            }
        });
        if (publication.filter(p -> p == CreditList.Publication.PUBLIC).isPresent()
                && entry.filter(e -> e instanceof GradeCondition).isPresent()) {
            f.problem("publication", "declined: publishing a list entered by grade would publicly rank subjects by points");
        }
        Optional<String> basis = f.requiredText("legal_basis");
        f.finish(this::declinedField);
        if (!unique || kind.isEmpty() || title.isEmpty() || entry.isEmpty() || duration.isEmpty()
                || publication.isEmpty() || basis.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CreditList(code.get(), kind.get(), title.get(), entry.get(), duration.get(),
                publication.get(), basis.get()));
    }

    private Optional<ListEntry> entry(Fields f, Optional<Scale> scale, Set<String> typeCodes) {
        boolean byTypes = f.has("record_types");
        if (!exactlyOne(f, byTypes, "record_types")) {
            return Optional.empty();
        }
        if (!byTypes) {
            Optional<GradeCondition> grade = gradeCondition(f, scale);
            f.finish(this::declinedField);
            return grade.map(g -> g);
        }
        List<Object> items = f.list("record_types");
        f.finish(this::declinedField);
        List<String> types = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String type = String.valueOf(items.get(i));
            if (typeCodes.contains(type)) {
                types.add(type);
            } else {
                problems.add(new Problem(f.path("record_types") + "[" + i + "]", "unknown record type '" + type + "'"));
            }
        }
        if (items.isEmpty()) {
            f.problem("record_types", "at least one record type is required");
        }
        return types.size() == items.size() && !types.isEmpty()
                ? Optional.of(new ListEntry.ByRecordTypes(types)) : Optional.empty();
    }

    /**
     * Whether {@code f} holds exactly one condition: {@code other} (a list or record types, present
     * when {@code hasOther}) or one grade condition. Reports the problem when not.
     */
    private boolean exactlyOne(Fields f, boolean hasOther, String other) {
        int count = (hasOther ? 1 : 0) + (f.has("grade_at_most") ? 1 : 0) + (f.has("grade_at_least") ? 1 : 0);
        if (count == 1) {
            return true;
        }
        problems.add(new Problem(f.path(), (count == 0 ? "required: one of " : "give exactly one of ")
                + other + ", grade_at_most, grade_at_least"));
        f.raw(other);
        f.raw("grade_at_most");
        f.raw("grade_at_least");
        f.finish(this::declinedField);
        return false;
    }

    private static boolean hasGradeKey(Fields f) {
        return f.has("grade_at_most") || f.has("grade_at_least");
    }

    /** Reads the one grade condition present in {@code f}, which {@link #exactlyOne} has checked. */
    private Optional<GradeCondition> gradeCondition(Fields f, Optional<Scale> scale) {
        String key = f.has("grade_at_most") ? "grade_at_most" : "grade_at_least";
        Optional<GradeCondition> condition = f.text(key).map(code -> key.equals("grade_at_most")
                ? new GradeCondition.AtMost(code) : new GradeCondition.AtLeast(code));
        if (condition.isPresent() && scale.isPresent() && scale.get().indexOf(condition.get().grade()).isEmpty()) {
            f.problem(key, "unknown grade '" + condition.get().grade() + "'");
            return Optional.empty();
        }
        return condition;
    }

    private Optional<Action> action(Fields f, Set<String> seen) {
        Optional<String> code = f.requiredText("code");
        code.ifPresent(c -> checkCode(f, "code", c));
        boolean unique = code.map(c -> unique(f, seen, c)).orElse(false);
        Optional<String> title = f.requiredText("title");
        f.finish(this::declinedField);
        return unique && title.isPresent() ? Optional.of(new Action(code.get(), title.get())) : Optional.empty();
    }

    private Optional<Measure> measure(Fields f, Optional<Scale> scale, Set<String> listCodes, Set<String> actionCodes,
                                      Set<String> seen) {
        Optional<String> code = f.requiredText("code");
        code.ifPresent(c -> checkCode(f, "code", c));
        boolean unique = code.map(c -> unique(f, seen, c)).orElse(false);
        Optional<Trigger> when = f.mapping("when").flatMap(w -> trigger(w, scale, listCodes));
        Optional<String> action = f.requiredText("action");
        action.filter(a -> !actionCodes.contains(a)).ifPresent(a -> f.problem("action", "unknown action '" + a + "'"));
        Optional<Measure.Effect> effect = f.requiredText("effect").flatMap(text -> switch (text) {
            case "deny" -> Optional.of(Measure.Effect.DENY);
            case "review" -> Optional.of(Measure.Effect.REVIEW);
            case "benefit" -> Optional.of(Measure.Effect.BENEFIT);
            default -> {
                f.problem("effect", "must be deny, review or benefit, not '" + text + "'");
                yield Optional.empty();
            }
        });
        Optional<String> basis = f.requiredText("legal_basis");
        f.finish(this::declinedField);
        if (!unique || when.isEmpty() || action.filter(actionCodes::contains).isEmpty() || effect.isEmpty() || basis.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Measure(code.get(), when.get(), action.get(), effect.get(), basis.get()));
    }

    private Optional<Trigger> trigger(Fields f, Optional<Scale> scale, Set<String> listCodes) {
        boolean onList = f.has("list");
        if (!exactlyOne(f, onList, "list")) {
            return Optional.empty();
        }
        if (!onList) {
            Optional<GradeCondition> grade = gradeCondition(f, scale);
            f.finish(this::declinedField);
            return grade.map(g -> g);
        }
        Optional<String> list = f.text("list");
        f.finish(this::declinedField);
        list.filter(l -> !listCodes.contains(l)).ifPresent(l -> f.problem("list", "unknown list '" + l + "'"));
        return list.filter(listCodes::contains).map(Trigger.OnList::new);
    }

    /** Why a field nobody reads is refused: a measure aimed at someone other than the subject is declined. */
    private Optional<String> declinedField(String key) {
        if (AIMED_AT_OTHERS.matcher(key.toLowerCase(Locale.ROOT)).matches()) {
            return Optional.of("declined: measures bind only the subject; '" + key
                    + "' would aim this entry at someone else (relatives, representatives or other parties)");
        }
        return Optional.empty();
    }

    private static Optional<Period> required(Fields f, String key) {
        f.raw(key);
        f.problem(key, "required");
        return Optional.empty();
    }

    /** Whether {@code period} runs past {@code limit}, measured from a fixed date so months and days compare. */
    static boolean longer(Period period, Period limit) {
        LocalDate from = LocalDate.of(2000, 1, 1);
        return from.plus(period).isAfter(from.plus(limit));
    }
}
