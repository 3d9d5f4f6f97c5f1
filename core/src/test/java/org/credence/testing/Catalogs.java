package org.credence.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.credence.catalog.Catalog;
import org.credence.catalog.CatalogReader;
import org.credence.tree.Problem;

/**
 * Catalog trees for tests, built as the maps and lists a YAML parser yields (the core has no YAML
 * parser). Each factory returns a fresh, mutable tree, so a test may break one entry without
 * affecting another test.
 *
 * <p>{@link #city()} is a small but complete municipal catalog on the Rongcheng scale (base 1000,
 * grades AAA..D); {@link #penalty()} is a {@code better: lower} register after Flensburg.
 */
public final class Catalogs {

    public static final String JUDGMENT_DEFAULT = "court.judgment_default";
    public static final String LOAN_ARREARS = "finance.loan_arrears";
    public static final String TRAFFIC_TICKET = "traffic.ticket";
    public static final String A_GRADE_TAXPAYER = "tax.a_grade_taxpayer";
    public static final String HEROIC_ACT = "commendation.heroic_act";
    public static final String CONTRACT_DEFAULT = "contract.default";
    public static final String ANNUAL_REPORT_MISSING = "regulatory.annual_report_missing";

    public static final String DISHONEST_DEBTORS = "dishonest_debtors";
    public static final String CREDIT_WATCH = "credit_watch";
    public static final String TRUSTWORTHY = "trustworthy";
    public static final String ABNORMAL_OPERATIONS = "abnormal_operations";

    public static final String AIR_TICKET = "travel.air.ticket";
    public static final String LOAN = "finance.loan";
    public static final String BID = "procurement.bid";
    public static final String DEPOSIT_FREE = "rental.deposit_free";
    public static final String FAST_TRACK = "permits.fast_track";
    public static final String HEATING_DISCOUNT = "utilities.heating_discount";
    public static final String LIBRARY_CARD = "library.card";

    public static final String NO_AIR_TRAVEL = "no_air_travel";
    public static final String LOAN_REVIEW_DEBTOR = "loan_review_dishonest_debtor";
    public static final String LOAN_REVIEW_WATCH = "loan_review_credit_watch";
    public static final String NO_BID_DEBTOR = "no_bid_dishonest_debtor";
    public static final String BID_REVIEW_LOW_GRADE = "bid_review_low_grade";
    public static final String BID_PREFERENCE = "bid_preference_good_grade";
    public static final String DEPOSIT_FREE_RENTAL = "deposit_free_rental";
    public static final String FAST_TRACK_PERMITS = "fast_track_permits";
    public static final String HEATING_FEE_DISCOUNT = "heating_fee_discount";
    public static final String NO_BID_ABNORMAL = "no_bid_abnormal_operations";

    public static final String ONE_POINT = "traffic.offence.one_point";
    public static final String TWO_POINTS = "traffic.offence.two_points";
    public static final String THREE_POINTS = "traffic.crime.three_points";
    public static final String SEMINAR = "traffic.seminar_deduction";
    public static final String LICENCE_WITHDRAWN = "licence_withdrawn";
    public static final String DRIVE = "vehicle.drive";
    public static final String RENT = "vehicle.rent";
    public static final String RENEW = "driving.licence.renew";
    public static final String NO_DRIVING = "no_driving_withdrawn";
    public static final String DRIVING_REVIEW = "driving_review_warning";
    public static final String NO_RENTAL = "no_rental_withdrawn";
    public static final String NO_RENEWAL = "no_licence_renewal";

    private Catalogs() {
    }

    /**
     * The municipal catalog: base 1000 in [0, 1300]; AAA 1050, AA 1030, A 960, B 850, C 600, D 0.
     * A judgment default (-100, 3 years) puts the subject on the public dishonest-debtor list for
     * 2 years; heroic acts (+30) never expire. A missing annual report counts for one year but lists
     * the organization as abnormal for three, so that listing ends with the record. {@code procurement.bid} carries all three effects
     * (deny when listed, review at grade B or below, benefit at grade A or above), and
     * {@code library.card} has no measure at all.
     */
    public static CatalogTree city() {
        CatalogTree c = new CatalogTree("test-city", 1);
        c.scale.put("base", 1000);
        c.scale.put("floor", 0);
        c.scale.put("cap", 1300);
        c.scale.put("better", "higher");
        c.grades.add(grade("AAA", 1050));
        c.grades.add(grade("AA", 1030));
        c.grades.add(grade("A", 960));
        c.grades.add(grade("B", 850));
        c.grades.add(grade("C", 600));
        c.grades.add(grade("D", 0));

        Map<String, Object> judgment = recordType(JUDGMENT_DEFAULT, "judicial", List.of("person", "organization"), -100, "P3Y");
        judgment.put("repairable", true);
        c.recordTypes.add(judgment);
        Map<String, Object> arrears = recordType(LOAN_ARREARS, "financial", List.of("person", "organization"), -10, "P1Y");
        arrears.put("repairable", true);
        c.recordTypes.add(arrears);
        c.recordTypes.add(recordType(TRAFFIC_TICKET, "traffic", List.of("person"), -5, "P3M"));
        c.recordTypes.add(recordType(A_GRADE_TAXPAYER, "tax", List.of("organization"), 20, "P1Y"));
        c.recordTypes.add(recordType(HEROIC_ACT, "commendation", List.of("person"), 30, null));
        c.recordTypes.add(recordType(CONTRACT_DEFAULT, "contract", List.of("person", "organization"), -20, "P1Y"));
        Map<String, Object> annualReport = recordType(ANNUAL_REPORT_MISSING, "regulatory", List.of("organization"), -30, "P1Y");
        annualReport.put("repairable", true);
        c.recordTypes.add(annualReport);

        c.lists.add(list(DISHONEST_DEBTORS, "black", map("record_types", new ArrayList<Object>(List.of(JUDGMENT_DEFAULT))),
                "P2Y", "public"));
        c.lists.add(list(CREDIT_WATCH, "black", map("grade_at_most", "C"), "P1Y", "subject_only"));
        c.lists.add(list(TRUSTWORTHY, "red", map("grade_at_least", "AA"), "P1Y", "subject_only"));
        c.lists.add(list(ABNORMAL_OPERATIONS, "black", map("record_types", new ArrayList<Object>(List.of(ANNUAL_REPORT_MISSING))),
                "P3Y", "public"));

        c.actions.add(action(AIR_TICKET, "Buy an air ticket"));
        c.actions.add(action(LOAN, "Apply for a loan"));
        c.actions.add(action(BID, "Bid in government procurement"));
        c.actions.add(action(DEPOSIT_FREE, "Rent a public bike without a deposit"));
        c.actions.add(action(FAST_TRACK, "Use the fast track for an administrative permit"));
        c.actions.add(action(HEATING_DISCOUNT, "Claim the heating-fee discount"));
        c.actions.add(action(LIBRARY_CARD, "Borrow from the public library"));

        c.measures.add(measure(NO_AIR_TRAVEL, map("list", DISHONEST_DEBTORS), AIR_TICKET, "deny"));
        c.measures.add(measure(LOAN_REVIEW_DEBTOR, map("list", DISHONEST_DEBTORS), LOAN, "review"));
        c.measures.add(measure(LOAN_REVIEW_WATCH, map("list", CREDIT_WATCH), LOAN, "review"));
        c.measures.add(measure(NO_BID_DEBTOR, map("list", DISHONEST_DEBTORS), BID, "deny"));
        c.measures.add(measure(BID_REVIEW_LOW_GRADE, map("grade_at_most", "B"), BID, "review"));
        c.measures.add(measure(BID_PREFERENCE, map("grade_at_least", "A"), BID, "benefit"));
        c.measures.add(measure(DEPOSIT_FREE_RENTAL, map("grade_at_least", "AA"), DEPOSIT_FREE, "benefit"));
        c.measures.add(measure(FAST_TRACK_PERMITS, map("list", TRUSTWORTHY), FAST_TRACK, "benefit"));
        c.measures.add(measure(HEATING_FEE_DISCOUNT, map("grade_at_least", "AAA"), HEATING_DISCOUNT, "benefit"));
        c.measures.add(measure(NO_BID_ABNORMAL, map("list", ABNORMAL_OPERATIONS), BID, "deny"));
        return c;
    }

    /**
     * A penalty-point register ({@code better: lower}): base 0 in [0, 20]; WITHDRAWN 8, WARNING 6,
     * CAUTION 4, CLEAR 0. Offences add 1, 2 or 3 points for 30 months, 5 or 10 years; a seminar
     * takes one off for 5 years.
     */
    public static CatalogTree penalty() {
        CatalogTree c = new CatalogTree("test-penalty", 1);
        c.scale.put("base", 0);
        c.scale.put("floor", 0);
        c.scale.put("cap", 20);
        c.scale.put("better", "lower");
        c.grades.add(grade("WITHDRAWN", 8));
        c.grades.add(grade("WARNING", 6));
        c.grades.add(grade("CAUTION", 4));
        c.grades.add(grade("CLEAR", 0));

        c.recordTypes.add(recordType(ONE_POINT, "traffic", List.of("person"), 1, "P30M"));
        c.recordTypes.add(recordType(TWO_POINTS, "traffic", List.of("person"), 2, "P5Y"));
        c.recordTypes.add(recordType(THREE_POINTS, "traffic", List.of("person"), 3, "P10Y"));
        c.recordTypes.add(recordType(SEMINAR, "traffic", List.of("person"), -1, "P5Y"));

        c.lists.add(list(LICENCE_WITHDRAWN, "black", map("grade_at_least", "WITHDRAWN"), "P6M", "subject_only"));

        c.actions.add(action(DRIVE, "Drive a motor vehicle"));
        c.actions.add(action(RENT, "Rent a self-drive motor vehicle"));
        c.actions.add(action(RENEW, "Renew a driving licence"));

        c.measures.add(measure(NO_DRIVING, map("grade_at_least", "WITHDRAWN"), DRIVE, "deny"));
        c.measures.add(measure(DRIVING_REVIEW, map("grade_at_least", "WARNING"), DRIVE, "review"));
        c.measures.add(measure(NO_RENTAL, map("grade_at_least", "WITHDRAWN"), RENT, "deny"));
        c.measures.add(measure(NO_RENEWAL, map("list", LICENCE_WITHDRAWN), RENEW, "deny"));
        return c;
    }

    public static Catalog cityCatalog() {
        return read(city());
    }

    public static Catalog penaltyCatalog() {
        return read(penalty());
    }

    /** The catalog {@code tree} describes; fails, listing every problem, when it is invalid. */
    public static Catalog read(CatalogTree tree) {
        return read(tree.tree());
    }

    public static Catalog read(Object tree) {
        return switch (CatalogReader.read(tree)) {
            case CatalogReader.Valid valid -> valid.catalog();
            case CatalogReader.Invalid invalid -> throw new AssertionError("catalog rejected: " + invalid.problems());
        };
    }

    /** The problems the reader finds in {@code tree}; fails when it accepts the tree. */
    public static List<Problem> problems(CatalogTree tree) {
        return switch (CatalogReader.read(tree.tree())) {
            case CatalogReader.Valid valid -> throw new AssertionError("catalog accepted: " + valid.catalog().id());
            case CatalogReader.Invalid invalid -> invalid.problems();
        };
    }

    public static Map<String, Object> grade(String code, int min) {
        return map("code", code, "min", min);
    }

    /** A record type; {@code expiresAfter} may be null for one that never expires. */
    public static Map<String, Object> recordType(String code, String category, List<String> subjects, int points,
                                                 String expiresAfter) {
        Map<String, Object> type = map("code", code, "title", "Title of " + code, "category", category,
                "subjects", new ArrayList<Object>(subjects), "points", points);
        if (expiresAfter != null) {
            type.put("expires_after", expiresAfter);
        }
        type.put("legal_basis", "Basis in law for " + code);
        return type;
    }

    public static Map<String, Object> list(String code, String kind, Map<String, Object> entry, String duration,
                                           String publication) {
        return map("code", code, "kind", kind, "title", "Title of " + code, "entry", entry, "duration", duration,
                "publication", publication, "legal_basis", "Basis in law for " + code);
    }

    public static Map<String, Object> action(String code, String title) {
        return map("code", code, "title", title);
    }

    public static Map<String, Object> measure(String code, Map<String, Object> when, String action, String effect) {
        return map("code", code, "when", when, "action", action, "effect", effect,
                "legal_basis", "Basis in law for " + code);
    }

    /** A mutable, ordered mapping from alternating keys and values. */
    public static Map<String, Object> map(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must pair up");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
