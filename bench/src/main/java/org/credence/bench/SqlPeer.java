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
import java.util.Locale;
import org.credence.record.RecordState;
import org.credence.record.RecordSubmission;
import org.credence.scoring.Decision;
import org.credence.scoring.Rulebook;
import org.credence.scoring.SubjectHistory;
import org.credence.store.Vault;

/**
 * The naive design a partner-facing service would start from: no hot index, one SQL query per
 * decision. Records are rows of one table with an index by the keyed hash of the subject id (the
 * store's own layout until it kept records in blocks); each decision asks for the subject's rows,
 * builds the history and evaluates the same compiled policy as the hot index does.
 *
 * <p>The table, its index and the query are plain SQL that SQLite and PostgreSQL both run as written,
 * so the SQLite and PostgreSQL peers differ in the database alone.
 */
final class SqlPeer implements AutoCloseable {

    private static final String TABLE = "CREATE TABLE peer_records (id INTEGER PRIMARY KEY, subject_hash TEXT NOT NULL,"
            + " type TEXT NOT NULL, occurred_at TEXT NOT NULL, state TEXT NOT NULL)";
    private static final String INSERT = "INSERT INTO peer_records VALUES (?, ?, ?, ?, 'recorded')";
    private static final String INDEX = "CREATE INDEX peer_records_by_subject ON peer_records (subject_hash)";
    private static final String BY_SUBJECT =
            "SELECT id, type, occurred_at, state FROM peer_records WHERE subject_hash = ? ORDER BY id";
    /** Subjects per transaction while loading. */
    private static final int SUBJECTS_PER_COMMIT = 10_000;

    private final Rulebook rulebook;
    private final int day = (int) Synthetic.AS_OF.toEpochDay();
    private final Vault vault;
    private final Connection connection;
    private final PreparedStatement bySubject;

    private SqlPeer(Rulebook rulebook, Vault vault, Connection connection) throws SQLException {
        this.rulebook = rulebook;
        this.vault = vault;
        this.connection = connection;
        this.bySubject = connection.prepareStatement(BY_SUBJECT);
    }

    /** The peer on a new SQLite file in {@code dataDir}, in WAL mode as the store runs. */
    static SqlPeer sqlite(Path dataDir, Synthetic synthetic, Rulebook rulebook) throws SQLException {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("peer.db"));
        try (Statement sql = connection.createStatement()) {
            sql.execute("PRAGMA journal_mode = WAL");
        }
        // No ANALYZE here, as the store runs none: with its statistics this peer answered 2.5-3.2x
        // slower (medians of 34.0-34.8 us against 10.8-13.6 at 10 M subjects, alternated), most likely
        // because statistics of bound values make SQLite prepare the query again for each new subject.
        return load(connection, synthetic, rulebook);
    }

    /**
     * The peer on {@code connection}, an empty PostgreSQL database the peer then owns, with the
     * planner's statistics gathered after the load, as autovacuum would within a minute of it.
     */
    static SqlPeer postgres(Connection connection, Synthetic synthetic, Rulebook rulebook) throws SQLException {
        SqlPeer peer = load(connection, synthetic, rulebook);
        try (Statement sql = connection.createStatement()) {
            sql.execute("ANALYZE peer_records");
        } catch (SQLException e) {
            peer.close();
            throw e;
        }
        return peer;
    }

    /**
     * Creates the peer's table on {@code connection}, an empty database the peer then owns, stores
     * every record of the population in transactions of many subjects, then indexes them by subject.
     */
    private static SqlPeer load(Connection connection, Synthetic synthetic, Rulebook rulebook) throws SQLException {
        try {
            Vault vault = Vault.random();
            store(connection, synthetic, vault);
            return new SqlPeer(rulebook, vault, connection);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static void store(Connection connection, Synthetic synthetic, Vault vault) throws SQLException {
        try (Statement sql = connection.createStatement()) {
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
                if (s % SUBJECTS_PER_COMMIT == SUBJECTS_PER_COMMIT - 1) {
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

    /** The database's own words on what it is and which version. */
    String server() throws SQLException {
        return connection.getMetaData().getDatabaseProductName() + " " + connection.getMetaData().getDatabaseProductVersion();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
