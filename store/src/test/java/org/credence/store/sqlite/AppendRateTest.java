package org.credence.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.LongStream;
import org.credence.record.RecordSubmission;
import org.credence.store.RecordStore.Appended;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures a bulk import, one append of {@code credence.appendRate} records (a million unless told),
 * then reading them all back. It asserts only correctness; the rates go to standard output. Off by
 * default so the suite stays quick:
 * {@code ./mvnw -pl store test -Dtest=AppendRateTest -Dcredence.appendRate=1000000}.
 */
@EnabledIfSystemProperty(named = "credence.appendRate", matches = "\\d+")
class AppendRateTest {

    @TempDir
    Path dataDir;

    @Test
    void appendsAMillionRecordsInOneBatch() {
        int total = Integer.getInteger("credence.appendRate", 1_000_000);
        List<RecordSubmission> batch = LongStream.range(0, total)
                .mapToObj(n -> Fixtures.numbered("bulk", n)).toList();
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            long start = System.nanoTime();
            Appended result = (Appended) store.append(batch, Fixtures.T0);
            long appendNanos = System.nanoTime() - start;
            assertThat(result.storedCount()).isEqualTo(total);

            start = System.nanoTime();
            Appended again = (Appended) store.append(batch, Fixtures.T1);
            long duplicateNanos = System.nanoTime() - start;
            assertThat(again.storedCount()).isZero();

            start = System.nanoTime();
            LongAdder seen = new LongAdder();
            store.forEach(r -> seen.increment());
            long readNanos = System.nanoTime() - start;
            assertThat(seen.sum()).isEqualTo(total);

            report("append", total, appendNanos);
            report("re-append (all duplicates)", total, duplicateNanos);
            report("forEach", total, readNanos);
        }
    }

    private static void report(String what, int records, long nanos) {
        System.out.printf("%s: %,d records in %.2f s = %,.0f records/s%n",
                what, records, nanos / 1e9, records / (nanos / 1e9));
    }
}
