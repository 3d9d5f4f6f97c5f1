package org.credence.bench;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.credence.bench.peers.PostgresCluster;
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
 * The naive peer on PostgreSQL: the same table, index, query and policy as
 * {@link SqlPerDecisionBenchmark} ({@link SqlPeer}), on a PostgreSQL server of the machine's own
 * (Debian's package) reached over loopback TCP, as a service beside its database would reach it.
 * It lives in bench's package, in bench-peers, to use bench's population and peer as they are while
 * keeping PostgreSQL's driver out of bench.
 *
 * <p>Workload: the {@link Synthetic} population of {@code subjects}, loaded once into a new cluster
 * ({@link PostgresCluster#FOR_READS}: 1 GB of shared buffers, so the table and its index are in
 * PostgreSQL's cache as the SQLite peer's file is in the kernel's); the same Zipf lookups and actions
 * as {@link DecisionBenchmark}. One thread; the query is prepared on the server after its fifth use.
 * The setup prints the server's version ({@code peer server: PostgreSQL 15.18 ...}) into the output.
 *
 * <p>Reproduce from the repository root (needs {@code apt-get install postgresql}; no server need run):
 * <pre>
 * ./mvnw -B -q -pl bench-peers -am install -DskipTests
 * ./mvnw -B -q -pl bench-peers dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp "bench-peers/target/classes:$(cat bench-peers/target/classpath.txt)" org.openjdk.jmh.Main PostgresPerDecisionBenchmark -p subjects=10000000
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// Longer than the SQLite peer's: its iterations were still getting faster after two (87 to 67 us).
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class PostgresPerDecisionBenchmark {

    @Param("10000000")
    int subjects;

    private PostgresCluster cluster;
    private SqlPeer peer;
    private Lookups lookups;
    private int cursor;

    @Setup(Level.Trial)
    public void load() throws SQLException {
        Synthetic synthetic = new Synthetic(subjects);
        Rulebook rulebook = Rulebook.compile(synthetic.catalog);
        cluster = PostgresCluster.start(PostgresCluster.FOR_READS);
        peer = SqlPeer.postgres(cluster.connect(), synthetic, rulebook);
        // In the run's output, so that a report names the server its figure is of.
        System.out.println("peer server: " + peer.server());
        lookups = Lookups.draw(synthetic, rulebook, DecisionBenchmark.LOOKUPS);
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        try {
            if (peer != null) {
                peer.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Benchmark
    public Decision decide() throws SQLException {
        int i = cursor++ & (DecisionBenchmark.LOOKUPS - 1);
        return peer.decide(lookups.ids()[i], lookups.policies()[i]);
    }
}
