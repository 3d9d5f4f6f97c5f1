package org.credence.store.sqlite;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.credence.record.RecordSubmission;
import org.credence.store.RecordStore.Appended;
import org.credence.store.RecordStore.Outcome;

/**
 * Run in a child process by {@link CrashTest}: appends batches for ever and prints {@code ack <id>} for
 * every record once {@code append} has returned, until it is killed.
 */
public final class CrashWriter {

    static final String ACK = "ack ";
    static final int BATCH_SIZE = 20;

    private CrashWriter() {
    }

    public static void main(String[] args) {
        SqliteStore store = SqliteStore.open(Path.of(args[0]));
        for (long batch = 0; ; batch++) {
            long first = batch * BATCH_SIZE;
            List<RecordSubmission> records = LongStream.range(first, first + BATCH_SIZE)
                    .mapToObj(n -> Fixtures.numbered("crash", n)).toList();
            Appended result = (Appended) store.append(records, Instant.now(), Fixtures.WRITER);
            StringBuilder acks = new StringBuilder();
            for (Outcome outcome : result.outcomes()) {
                acks.append(ACK).append(outcome.record().id()).append(' ')
                        .append(outcome.record().submission().sourceRef()).append('\n');
            }
            System.out.print(acks);
            System.out.flush();
        }
    }
}
