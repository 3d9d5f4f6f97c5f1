package org.credence.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.credence.record.RecordSubmission;
import org.credence.record.StoredRecord;
import org.credence.store.RecordStore.Appended;
import org.credence.store.RecordStore.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentAppendTest {

    private static final int THREADS = 6;
    private static final int BATCHES_PER_THREAD = 40;
    private static final int BATCH_SIZE = 25;

    @TempDir
    Path dataDir;

    @Test
    void appendsFromManyThreadsLoseNothing() throws Exception {
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        try (SqliteStore store = SqliteStore.open(dataDir);
             ExecutorService threads = Executors.newFixedThreadPool(THREADS)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String source = "agency-" + t;
                done.add(threads.submit(() -> {
                    start.await();
                    for (int b = 0; b < BATCHES_PER_THREAD; b++) {
                        long first = (long) b * BATCH_SIZE;
                        List<RecordSubmission> batch = LongStream.range(first, first + BATCH_SIZE)
                                .mapToObj(n -> Fixtures.numbered(source, n)).toList();
                        Appended result = (Appended) store.append(batch, Fixtures.T0, Fixtures.WRITER);
                        result.outcomes().stream().map(Outcome::record).map(StoredRecord::id)
                                .forEach(acknowledged::add);
                        // Readers interleave with the writers without harm.
                        store.record(result.outcomes().getFirst().record().id());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        }

        int expected = THREADS * BATCHES_PER_THREAD * BATCH_SIZE;
        assertThat(acknowledged).hasSize(expected);
        try (SqliteStore reopened = SqliteStore.open(dataDir)) {
            assertThat(reopened.count()).isEqualTo(expected);
            List<Long> ids = new ArrayList<>();
            reopened.forEach(r -> ids.add(r.id()));
            assertThat(ids).containsExactlyInAnyOrderElementsOf(acknowledged);
        }
    }
}
