package org.credence.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.credence.catalog.Catalog;
import org.credence.catalog.CatalogReader;
import org.credence.catalog.RecordType;
import org.credence.formats.CatalogYaml;
import org.credence.record.RecordState;
import org.credence.record.RecordSubmission;
import org.credence.record.StoredRecord;
import org.credence.record.SubjectRef;
import org.credence.subject.ResidentIdentityNumber;
import org.credence.subject.SubjectKind;

/**
 * The population every benchmark works on, the same for the same size: subjects 0..N-1 with valid
 * resident identity numbers, one in ten holding records. A subject with records holds one to three,
 * dated in the three years before {@link #AS_OF}; about three in ten of them hold a court finding
 * that enters the dishonest debtors list (so about 3% of all subjects, most of them still listed),
 * the rest minor records from the whole catalog. Lookups follow a Zipf law (exponent 1) over the
 * subjects scattered by a fixed hash, so the hottest subjects are clean and listed alike.
 *
 * <p>Everything is a pure function of the subject number, so a benchmark can make any subject's id
 * or records without holding the population, and two benchmarks of the same size see the same data.
 */
final class Synthetic {

    static final LocalDate AS_OF = LocalDate.of(2026, 11, 23);
    static final Instant RECORDED = AS_OF.atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
    /** The actions asked about, in proportion: travel most, then loans and procurement. */
    static final String[] ACTIONS = {"travel.air.ticket", "travel.rail.high_speed", "travel.air.ticket", "finance.loan",
            "lodging.star_hotel", "procurement.bid", "travel.rail.high_speed", "rental.deposit_free"};
    private static final String[] LISTING = {"court.judgment_default", "court.enforcement_obstruction",
            "court.enforcement_evasion", "court.consumption_order_breach"};
    private static final String[] REGIONS = {"110105", "310104", "440305", "371082", "330106", "510107", "420106", "320583"};

    final Catalog catalog;
    final int subjects;
    private final List<RecordType> minor;

    Synthetic(int subjects) {
        this.catalog = exampleCatalog();
        this.subjects = subjects;
        this.minor = catalog.recordTypes().stream()
                .filter(t -> t.subjects().contains(SubjectKind.PERSON) && Math.abs(t.points()) <= 50).toList();
    }

    static Catalog exampleCatalog() {
        Path file = locate(Path.of("catalogs", "example-city.yaml"));
        try {
            return switch (CatalogYaml.read(Files.readString(file))) {
                case CatalogReader.Valid valid -> valid.catalog();
                case CatalogReader.Invalid invalid -> throw new IllegalStateException(invalid.problems().toString());
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file at {@code relative} from the repository root, found from the working directory or a module in it. */
    static Path locate(Path relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException("cannot find " + relative + " from " + Path.of("").toAbsolutePath());
    }

    static long mix(long x) {
        x += 0x9E3779B97F4A7C15L;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    boolean hasRecords(int subject) {
        return Long.remainderUnsigned(mix(subject), 10) == 0;
    }

    /** A valid resident identity number, distinct for each subject below 160 million. */
    static String id(int subject) {
        int region = subject % REGIONS.length;
        int rest = subject / REGIONS.length;
        int day = (int) ((long) (rest / 1000) * 7919 % (55 * 365));
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(day);
        StringBuilder first17 = new StringBuilder(18).append(REGIONS[region]).append(birth.getYear());
        two(first17, birth.getMonthValue());
        two(first17, birth.getDayOfMonth());
        int seq = rest % 1000;
        first17.append((char) ('0' + seq / 100)).append((char) ('0' + seq / 10 % 10)).append((char) ('0' + seq % 10));
        return first17.append(ResidentIdentityNumber.checkCharacter(first17)).toString();
    }

    private static void two(StringBuilder b, int value) {
        b.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** The records of {@code subject} (none for most), numbered from {@code firstId}. */
    List<RecordSubmission> records(int subject) {
        if (!hasRecords(subject)) {
            return List.of();
        }
        long r = mix(subject ^ 0x5DEECE66DL);
        int count = 1 + (int) Long.remainderUnsigned(r, 3);
        List<RecordSubmission> out = new ArrayList<>(count);
        String id = id(subject);
        SubjectRef ref = new SubjectRef(id, SubjectKind.PERSON, Optional.of("Subject " + subject));
        for (int k = 0; k < count; k++) {
            long draw = mix(r + k);
            String type = k == 0 && Long.remainderUnsigned(draw, 10) < 3
                    ? LISTING[(int) Long.remainderUnsigned(draw >>> 8, LISTING.length)]
                    : minor.get((int) Long.remainderUnsigned(draw >>> 8, minor.size())).code();
            LocalDate occurred = AS_OF.minusDays(1 + Long.remainderUnsigned(draw >>> 20, 3 * 365));
            out.add(new RecordSubmission("bench", "s" + subject + "-" + k, ref, type, occurred, Optional.empty()));
        }
        return out;
    }

    /** The records of {@code subject} as the store would hand them back, numbered from {@code firstId}. */
    List<StoredRecord> stored(int subject, long firstId) {
        List<RecordSubmission> submissions = records(subject);
        List<StoredRecord> out = new ArrayList<>(submissions.size());
        for (int k = 0; k < submissions.size(); k++) {
            out.add(new StoredRecord(firstId + k, submissions.get(k), RECORDED, RecordState.RECORDED));
        }
        return out;
    }

    /**
     * {@code count} subject numbers drawn by a Zipf law of exponent 1 over ranks 1..N (inverse of the
     * continuous CDF, {@code rank = N^u}), each rank scattered to a subject by a fixed hash.
     */
    int[] zipfLookups(int count, long seed) {
        int[] out = new int[count];
        double logN = Math.log(subjects);
        for (int i = 0; i < count; i++) {
            double u = (mix(seed * 1_000_003L + i) >>> 11) * 0x1.0p-53;
            long rank = Math.min(subjects - 1, (long) Math.exp(u * logN) - 1);
            out[i] = (int) Long.remainderUnsigned(mix(rank ^ 0xC0FFEEL) , subjects);
        }
        return out;
    }
}
