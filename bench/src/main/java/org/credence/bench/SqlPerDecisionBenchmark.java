package org.credence.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.credence.record.RecordSubmission;
import org.credence.record.RecordState;
import org.credence.scoring.Decision;
import org.credence.scoring.Rulebook;
import org.credence.scoring.SubjectHistory;
import org.credence.store.Vault;
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
 * The naive peer: no hot index, one SQL query per decision. Records are rows of a SQLite table with an
 * index by the keyed hash of the subject id (the store's own layout until it kept records in blocks);
 * each decision asks for the subject's rows, builds the history and evaluates the same compiled
 * policy, so the difference from {@link DecisionBenchmark} is exactly the database round trip the hot
 * index saves.
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
    private String[] ids;
    private Rulebook.ActionPolicy[] policies;
    private int cursor;

    /** The peer's table, its index and its one query: what a decision needs of each of a subject's records. */
    static final class SqlPeer implements AutoCloseable {
        private static final String TABLE = "CREATE TABLE peer_records (id INTEGER PRIMARY KEY, subject_hash TEXT NOT NULL,"
                + " type TEXT NOT NULL, occurred_at TEXT NOT NULL, state TEXT NOT NULL)";
        private static final String INSERT = "INSERT INTO peer_records VALUES (?, ?, ?, ?, 'recorded')";
        private static final String INDEX = "CREATE INDEX peer_records_by_subject ON peer_records (subject_hash)";
        private static final String BY_SUBJECT =
                "SELECT id, type, occurred_at, state FROM peer_records WHERE subject_hash = ? ORDER BY id";

        final Rulebook rulebook;
        final int day = (int) Synthetic.AS_OF.toEpochDay();
        private final Vault vault;
        private final Connection connection;
        private final PreparedStatement bySubject;

        private SqlPeer(Rulebook rulebook, Vault vault, Connection connection) throws SQLException {
            this.rulebook = rulebook;
            this.vault = vault;
            this.connection = connection;
            this.bySubject = connection.prepareStatement(BY_SUBJECT);
        }

        /** Stores every record of the population in {@code dataDir}, in transactions of many subjects, then indexes them by subject. */
        static SqlPeer load(Path dataDir, Synthetic synthetic, Rulebook rulebook) throws SQLException {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Vault vault = Vault.random();
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("peer.db"));
            try (Statement sql = connection.createStatement()) {
                sql.execute("PRAGMA journal_mode = WAL");
                sql.execute(TABLE);
            }
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                long id = 0;
                for (int s = 0; s < synthetic.subjects; s++) {
                    for (RecordSubmission record : synthetic.records(s)) {
                        insert.setLong(1, ++id);
                        insert.setString(2, vault.subjectHash(record.subject().id()));
                        insert.setString(3, record.type());
                        insert.setString(4, record.occurredAt().toString());
                        insert.addBatch();
                    }
                    if (s % 10_000 == 9_999) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
            connection.setAutoCommit(true);
            try (Statement sql = connection.createStatement()) {
                sql.execute(INDEX);
            }
            return new SqlPeer(rulebook, vault, connection);
        }

        Decision decide(String subject, Rulebook.ActionPolicy policy) throws SQLException {
            SubjectHistory history = SubjectHistory.EMPTY;
            bySubject.setString(1, vault.subjectHash(subject));
            try (ResultSet rows = bySubject.executeQuery()) {
                while (rows.next()) {
                    int type = rulebook.typeIndex(rows.getString(2)).orElseThrow();
                    int occurred = (int) LocalDate.parse(rows.getString(3)).toEpochDay();
                    history = history.with(rows.getLong(1), type, occurred, rulebook.expiresDay(type, occurred),
                            RecordState.valueOf(rows.getString(4).toUpperCase(Locale.ROOT)));
                }
            }
            return rulebook.decide(history, policy, day);
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    @Setup(Level.Trial)
    public void load() throws IOException, SQLException {
        Synthetic synthetic = new Synthetic(subjects);
        Rulebook rulebook = Rulebook.compile(synthetic.catalog);
        dataDir = Files.createTempDirectory("credence-bench-sql");
        peer = SqlPeer.load(dataDir.resolve("data"), synthetic, rulebook);
        int[] lookups = synthetic.zipfLookups(DecisionBenchmark.LOOKUPS, 42);
        ids = new String[lookups.length];
        policies = new Rulebook.ActionPolicy[lookups.length];
        for (int i = 0; i < lookups.length; i++) {
            ids[i] = Synthetic.id(lookups[i]);
            policies[i] = rulebook.policy(Synthetic.ACTIONS[i & (Synthetic.ACTIONS.length - 1)]).orElseThrow();
        }
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
        return peer.decide(ids[i], policies[i]);
    }
}
