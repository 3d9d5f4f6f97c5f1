package org.credence.store.sqlite;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.credence.record.RecordStream;
import org.credence.record.RecordSubmission;
import org.credence.testing.RecordStreams;

/**
 * Run in a child process by {@link CrashTest}: imports a small stream, prints {@link #IMPORTED} once it
 * is stored, then imports a large one and prints {@link #MIDWAY} from inside it, then waits to be killed.
 */
public final class CrashImporter {

    static final String IMPORTED = "imported";
    static final String MIDWAY = "midway";
    static final int FIRST = 1_000;
    private static final int CHUNK = 1_000;

    private CrashImporter() {
    }

    public static void main(String[] args) throws InterruptedException {
        SqliteStore store = SqliteStore.open(Path.of(args[0]));
        store.importRecords(Fixtures.stream(records("first", FIRST), CHUNK, List.of()), Fixtures.T0, Fixtures.WRITER);
        System.out.println(IMPORTED);
        System.out.flush();
        RecordStream large = Fixtures.stream(records("second", 1_000_000), CHUNK, List.of());
        store.importRecords(RecordStreams.beforeEachChunk(large, call -> {
            if (call == 20) {
                System.out.println(MIDWAY);
                System.out.flush();
            }
        }), Fixtures.T0, Fixtures.WRITER);
        Thread.sleep(Long.MAX_VALUE);
    }

    private static List<RecordSubmission> records(String source, long count) {
        return LongStream.range(0, count).mapToObj(n -> Fixtures.numbered(source, n)).toList();
    }
}
