package org.credence.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.credence.store.AuditLog;
import org.credence.store.AuditLog.AuditEntry;
import org.credence.store.AuditLog.AuditEvent;
import org.credence.store.sqlite.SqliteStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable audit appends per second, with group commit, from concurrent callers that each wait for
 * their own entry to be durable before the next, as a decision does before it answers.
 *
 * <p>Workload: a fresh data directory under the system temporary directory (so on its disk, with
 * {@code synchronous=FULL}); each operation appends one decision entry (actor, role, action, a
 * 64-hex-digit subject hash drawn from 1,024, purpose, outcome) and joins its future. The score is
 * the total over all threads; the number of threads stands for the number of requests in flight
 * ({@code -t}). The table grows by every entry appended during warm-up and measurement.
 *
 * <p>Reproduce from the repository root:
 * <pre>
 * ./mvnw -B -q -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
 * java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.openjdk.jmh.Main AuditAppendBenchmark -wi 2 -i 3 -f 1 -t 64
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@Threads(64)
public class AuditAppendBenchmark {
    private static final int SUBJECTS = 1024;

    private Path dataDir;
    private SqliteStore store;
    private AuditLog audit;
    private AuditEvent[] events;

    @State(Scope.Thread)
    public static class Caller {
        int next;
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dataDir = Files.createTempDirectory("credence-audit-bench");
        store = SqliteStore.open(dataDir);
        audit = store.audit();
        events = new AuditEvent[SUBJECTS];
        Instant at = Instant.parse("2026-11-23T12:00:00.123456789Z");
        for (int i = 0; i < SUBJECTS; i++) {
            String subject = String.format("%064x", i * 2_654_435_761L);
            events[i] = new AuditEvent(at, "bank-" + (i % 7), "partner", "decision", Optional.of(subject),
                    "loan.consumer", i % 5 == 0 ? "deny" : "allow");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public AuditEntry appendAndWait(Caller caller) {
        caller.next = (caller.next + 1) % SUBJECTS;
        return audit.append(events[caller.next]).join();
    }
}
