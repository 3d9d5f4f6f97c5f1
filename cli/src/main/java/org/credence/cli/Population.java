package org.credence.cli;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.credence.catalog.Catalog;
import org.credence.catalog.Category;
import org.credence.catalog.RecordType;
import org.credence.formats.Json;
import org.credence.subject.ResidentIdentityNumber;
import org.credence.subject.SubjectKind;
import org.credence.subject.UnifiedSocialCreditCode;

/**
 * A deterministic synthetic population for demos and load tests: valid ids, plausible names, and
 * records drawn per record type at rates that make most subjects clean and a few percent listed.
 *
 * <p>Rates are per subject per year, by category, and fall with the square of severity (a record
 * type worth -100 is drawn a hundredth as often as one worth -10), so any catalog gets a plausible
 * mix without a table per type: with the example catalog about 3% of persons are on the dishonest
 * debtors list and most subjects hold only minor records. Records fall in the three years before the as-of date. A subject for whom
 * nothing was drawn still gets one mild record (under 10 points either way), since a subject
 * exists in the system only through what has been recorded about it.
 */
final class Population {

    /** Yearly rate of a 10-point record of each category for a person; organizations differ below. */
    private static final Map<Category, Double> RATES = Map.of(
            Category.JUDICIAL, 0.600,
            Category.TAX, 0.050,
            Category.FINANCIAL, 0.040,
            Category.REGULATORY, 0.200,
            Category.TRAFFIC, 0.100,
            Category.CONTRACT, 0.050,
            Category.COMMENDATION, 0.050,
            Category.CIVIC, 0.080);
    private static final int YEARS = 3;
    private static final String[] REGIONS = {"110105", "310104", "440305", "371082", "330106", "510107", "420106", "320583"};
    private static final String[] SURNAMES = {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu",
            "Xu", "Sun", "Hu", "Zhu", "Gao", "Lin", "He", "Guo", "Ma", "Luo"};
    private static final String[] GIVEN = {"Wei", "Fang", "Na", "Min", "Jing", "Li", "Qiang", "Lei", "Jun", "Yang",
            "Yong", "Yan", "Jie", "Tao", "Ming", "Chao", "Xiu", "Xia", "Ping", "Gang", "Hui", "Hong", "Lan", "Bo"};
    private static final String[] TRADES = {"Trading", "Logistics", "Construction", "Food", "Textile", "Software",
            "Machinery", "Pharmacy Retail", "Fisheries", "Property Services"};
    private static final String[] SOURCES = {"court", "tax", "bank", "regulator", "traffic-police", "arbitration",
            "civil-affairs", "civic-office"};

    private final Catalog catalog;
    private final SplittableRandom random;
    private final LocalDate asOf;
    private final long seed;
    private long sequence;

    Population(Catalog catalog, long seed, LocalDate asOf) {
        this.catalog = catalog;
        this.random = new SplittableRandom(seed);
        this.asOf = asOf;
        this.seed = seed;
    }

    /** Writes the records of {@code persons} persons and {@code organizations} organizations as NDJSON. */
    long write(int persons, int organizations, Writer out) throws IOException {
        long written = 0;
        for (int i = 0; i < persons; i++) {
            written += subject(SubjectKind.PERSON, personId(i), personName(), out);
        }
        for (int i = 0; i < organizations; i++) {
            written += subject(SubjectKind.ORGANIZATION, organizationId(i), organizationName(), out);
        }
        return written;
    }

    private int subject(SubjectKind kind, String id, String name, Writer out) throws IOException {
        List<RecordType> drawn = new ArrayList<>();
        for (RecordType type : catalog.recordTypes()) {
            if (type.subjects().contains(kind)) {
                int count = poisson(rate(type, kind) * YEARS);
                for (int c = 0; c < count; c++) {
                    drawn.add(type);
                }
            }
        }
        if (drawn.isEmpty()) {
            List<RecordType> mild = catalog.recordTypes().stream()
                    .filter(t -> t.subjects().contains(kind) && Math.abs(t.points()) <= 10).toList();
            if (!mild.isEmpty()) {
                drawn.add(mild.get(random.nextInt(mild.size())));
            }
        }
        for (RecordType type : drawn) {
            out.write(Json.write(record(kind, id, name, type)));
            out.write('\n');
        }
        return drawn.size();
    }

    private double rate(RecordType type, SubjectKind kind) {
        double mildness = 10.0 / Math.max(10, Math.abs(type.points()));
        double rate = RATES.get(type.category()) * mildness * mildness;
        if (kind == SubjectKind.ORGANIZATION && type.category() == Category.TRAFFIC) {
            rate *= 0.5;
        }
        return rate;
    }

    private Map<String, Object> record(SubjectKind kind, String id, String name, RecordType type) {
        int daysBack = random.nextInt(YEARS * 365);
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("id", id);
        subject.put("kind", kind.code());
        subject.put("name", name);
        Map<String, Object> record = new LinkedHashMap<>();
        String source = SOURCES[type.category().ordinal()];
        record.put("source", source);
        record.put("source_ref", "gen-" + seed + "-" + (++sequence));
        record.put("subject", subject);
        record.put("type", type.code());
        record.put("occurred_at", asOf.minusDays(daysBack).toString());
        record.put("details", Map.of("synthetic", true));
        return record;
    }

    /** Knuth's method; rates here are small, so the loop is short. */
    private int poisson(double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }

    /**
     * A resident identity number unique per index up to 160 million: the index picks the region
     * (8), the sequence (1000) and, through a bijection over 55 years of days, the birth date.
     */
    private static String personId(int index) {
        int region = index % REGIONS.length;
        int rest = index / REGIONS.length;
        int days = 55 * 365;
        int day = (int) ((long) (rest / 1000) * 7919 % days);
        String birth = LocalDate.of(1950, 1, 1).plusDays(day).toString().replace("-", "");
        String first17 = REGIONS[region] + birth + String.format("%03d", rest % 1000);
        return first17 + ResidentIdentityNumber.checkCharacter(first17);
    }

    /** A unified social credit code unique per index: region and the index in base 31. */
    private static String organizationId(int index) {
        String region = REGIONS[index % REGIONS.length];
        StringBuilder code = new StringBuilder("91").append(region);
        long n = index;
        for (int i = 0; i < 9; i++) {
            code.append(UnifiedSocialCreditCode.ALPHABET.charAt((int) (n % 31)));
            n /= 31;
        }
        return code.toString() + UnifiedSocialCreditCode.checkCharacter(code);
    }

    private String personName() {
        return SURNAMES[random.nextInt(SURNAMES.length)] + " " + GIVEN[random.nextInt(GIVEN.length)]
                + (random.nextBoolean() ? GIVEN[random.nextInt(GIVEN.length)].toLowerCase(java.util.Locale.ROOT) : "");
    }

    private String organizationName() {
        return REGION_NAMES[random.nextInt(REGION_NAMES.length)] + " " + SURNAMES[random.nextInt(SURNAMES.length)]
                + GIVEN[random.nextInt(GIVEN.length)].toLowerCase(java.util.Locale.ROOT) + " "
                + TRADES[random.nextInt(TRADES.length)] + " Co., Ltd.";
    }

    private static final String[] REGION_NAMES = {"Beijing", "Shanghai", "Shenzhen", "Rongcheng", "Hangzhou", "Chengdu",
            "Wuhan", "Kunshan"};
}
