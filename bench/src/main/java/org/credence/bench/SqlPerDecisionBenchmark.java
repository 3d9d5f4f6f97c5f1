package org.credence.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.credence.scoring.Decision;
import org.credence.scoring.Rulebook;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The naive peer on SQLite: no hot index, one SQL query per decision ({@link SqlPeer}), so the
 * difference from {@link DecisionBenchmark} is exactly the database round trip the hot index saves.
 * {@code PostgresPerDecisionBenchmark} in bench-peers runs the same peer on PostgreSQL.
 *
 * <p>Workload: the {@link Synthetic} population of {@code subjects}, stored once into a fresh SQLite
 * file under the system temporary directory; the same Zipf lookups and actions as
 * {@link DecisionBenchmark}. One thread.
 *
 * <p>Reproduce from the repository root:
 * <pre>
 * ./mvnw -B -q -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
 * java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.openjdk.jmh.Main SqlPerDecisionBenchmark -p subjects=10000000
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "--enable-native-access=ALL-UNNAMED"})
public class SqlPerDecisionBenchmark {

    @Param("10000000")
    int subjects;

    private Path dataDir;
    private SqlPeer peer;
    private Lookups lookups;
    private int cursor;

    @Setup(Level.Trial)
    public void load() throws IOException, SQLException {
        Synthetic synthetic = new Synthetic(subjects);
        Rulebook rulebook = Rulebook.compile(synthetic.catalog);
        dataDir = Files.createTempDirectory("credence-bench-sql");
        peer = SqlPeer.sqlite(dataDir.resolve("data"), synthetic, rulebook);
        lookups = Lookups.draw(synthetic, rulebook, DecisionBenchmark.LOOKUPS);
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        peer.close();
        delete(dataDir);
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public Decision decide() throws SQLException {
        int i = cursor++ & (DecisionBenchmark.LOOKUPS - 1);
        return peer.decide(lookups.ids()[i], lookups.policies()[i]);
    }
}
