package org.credence.store.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.credence.store.StoreException;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * One connection to a database file ({@code credence.db}, or the audit trail's index by subject in
 * {@code audit-index.db}), the lock that serialises its use, and transactions. SQLite allows one
 * writer per file at a time anyway, so a single guarded connection costs nothing on writes and keeps
 * prepared statements warm.
 */
final class Database implements AutoCloseable {

    static final String FILE_NAME = "credence.db";
    static final String INDEX_FILE_NAME = "audit-index.db";

    private static final int BUSY_TIMEOUT_MILLIS = 10_000;
    /** Negative means KiB: 64 MiB keeps the hot parts of the indexes in memory as the table grows. */
    private static final int CACHE_KIB = -64 * 1024;
    /**
     * The page cache while a large batch is written (see {@link #withLargeCache}): a key may land on any
     * page of the records' idempotency keys ({@code record_refs}; a source's references need not come in
     * order), and with the usual cache most of its pages have been evicted since they were last touched.
     * Measured with the SQLite shell when the trail still had an index by subject hash: 2 million audit
     * rows into a table of 2 million took 28 s with 64 MiB and 20 s with 512 MiB.
     */
    private static final int LARGE_CACHE_KIB = -512 * 1024;
    /** Rows from which a batch counts as large: written with the large cache. */
    static final int LARGE_BATCH = 100_000;
    /** A large import grows the log by its own size; after the checkpoint it is cut back to this. */
    private static final int WAL_LIMIT_BYTES = 64 * 1024 * 1024;

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    // A ReentrantLock rather than synchronized: virtual threads must not pin a carrier while they
    // wait on disk.
    private final ReentrantLock lock;
    private boolean closed;

    private Database(Connection connection, boolean fair) {
        this.connection = connection;
        this.lock = new ReentrantLock(fair);
    }

    /**
     * Opens (creating if needed) {@code dataDir/credence.db} and brings its schema up to date. Every
     * commit is synced ({@code synchronous=FULL}), so an acknowledged record survives a killed process
     * and a lost power supply alike.
     */
    static Database open(Path dataDir) {
        return open(dataDir.resolve(FILE_NAME), "sqlite", SQLiteConfig.SynchronousMode.FULL, false);
    }

    /**
     * Opens (creating if needed) {@code dataDir/audit-index.db}, the audit trail's index by subject, and
     * brings its schema up to date, with {@code credence.db} attached read-only as {@code trail}: the
     * index is built from the trail and queries read both, but nothing on this connection ever takes the
     * trail's write lock, not even a transaction begun IMMEDIATE (which SQLite begins as a read on a
     * read-only database).
     *
     * <p>Its commits are not synced ({@code synchronous=NORMAL}): the index is derived from entries
     * already durable, so a power cut can only lose its last steps, which are done again, while a sync
     * per step would queue on the disk with the audit writer's own. Its lock is fair: a query that waits
     * for a step of the keeper gets the next turn, not the keeper's next step.
     */
    static Database openIndex(Path dataDir) {
        Path trail = dataDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(trail)) {
            throw new StoreException("the audit index needs the trail it indexes, and there is no " + trail);
        }
        Database index = open(dataDir.resolve(INDEX_FILE_NAME), "sqlite-index", SQLiteConfig.SynchronousMode.NORMAL,
                true);
        try {
            index.read(d -> {
                PreparedStatement attach = d.connection.prepareStatement("ATTACH DATABASE ? AS trail");
                try (attach) {
                    attach.setString(1, trail.toAbsolutePath().toUri() + "?mode=ro");
                    attach.execute();
                }
                // The page cache pragma of the connection covers only its main file.
                d.execute("PRAGMA trail.cache_size = " + CACHE_KIB);
                return null;
            });
            return index;
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    private static Database open(Path file, String migrations, SQLiteConfig.SynchronousMode synchronous,
                                 boolean fair) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + file.getParent(), e);
        }
        // As a URI: the driver reads what follows a "?" in a plain path as settings, and drops it.
        String url = "jdbc:sqlite:" + file.toAbsolutePath().toUri();
        SQLiteDataSource dataSource = new SQLiteDataSource(config(synchronous));
        dataSource.setUrl(url);
        SQLiteConfig looking = config(synchronous);
        looking.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
        SQLiteDataSource lookingSource = new SQLiteDataSource(looking);
        lookingSource.setUrl(url);
        migrate(lookingSource, dataSource, migrations);
        try {
            return new Database(dataSource.getConnection(), fair);
        } catch (SQLException e) {
            throw new StoreException("cannot open " + file, e);
        }
    }

    private static SQLiteConfig config(SQLiteConfig.SynchronousMode synchronous) {
        SQLiteConfig config = new SQLiteConfig();
        // WAL lets readers and the writer proceed together.
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(synchronous);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setCacheSize(CACHE_KIB);
        config.setJournalSizeLimit(WAL_LIMIT_BYTES);
        // Take the write lock when a transaction begins, not at its first write, so two processes on
        // one file wait for each other instead of failing halfway through.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // The driver would otherwise query last_insert_rowid() after every insert; ids are chosen by
        // the store, so that query only slowed imports (by a fifth, measured).
        config.setGetGeneratedKeys(false);
        return config;
    }

    /**
     * Brings the schema to the latest version. Flyway runs even its look at what is applied in
     * transactions, and a transaction here takes the write lock as it begins (IMMEDIATE): so it looks
     * through {@code looking}, whose transactions begin as reads, and migrates through {@code migrating}
     * only when something is pending. Opening a directory already at the latest version, the usual case,
     * then never waits for another process's write, such as an import that holds the lock for a minute.
     */
    private static void migrate(SQLiteDataSource looking, SQLiteDataSource migrating, String migrations) {
        Flyway look = flyway(looking, migrations);
        if (look.info().pending().length > 0) {
            flyway(migrating, migrations).migrate();
        } else {
            // What migrate would have checked: the applied migrations are the ones this build has.
            look.validate();
        }
    }

    private static Flyway flyway(SQLiteDataSource dataSource, String migrations) {
        return Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + migrations)
                .load();
    }

    /** Runs {@code work} alone on the connection, each statement committing on its own. */
    <T> T read(Work<T> work) {
        lock.lock();
        try {
            ensureOpen();
            return work.run(this);
        } catch (SQLException e) {
            forgetStatements();
            throw new StoreException("database failure", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} alone on the connection inside one read transaction, so that its statements
     * all see the database as of its first read, whatever other processes commit meanwhile. Begun
     * DEFERRED by hand, since the connection begins its transactions IMMEDIATE, which would take the
     * write lock and make a reader wait for another process's writer; with WAL a read transaction
     * takes no lock that a writer waits for.
     */
    <T> T snapshot(Work<T> work) {
        return read(d -> {
            d.execute("BEGIN DEFERRED");
            try {
                T result = work.run(d);
                d.execute("COMMIT");
                return result;
            } catch (Throwable failure) {
                // Whatever failed, the COMMIT too: a transaction left open would fail every later one.
                try {
                    d.execute("ROLLBACK");
                } catch (SQLException e) {
                    failure.addSuppressed(e);
                }
                throw failure;
            }
        });
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws or
     * calls {@link Transaction#rollbackOnly()}.
     */
    <T> T transaction(TransactionalWork<T> work) {
        lock.lock();
        try {
            ensureOpen();
            Transaction transaction = new Transaction();
            connection.setAutoCommit(false);
            try {
                T result = work.run(this, transaction);
                if (transaction.rollbackOnly) {
                    connection.rollback();
                } else {
                    connection.commit();
                }
                return result;
            } catch (Throwable failure) {
                // Errors too: leaving auto-commit below would otherwise commit half a batch.
                rollbackAfter(failure);
                forgetStatements();
                throw failure;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("database failure", e);
        } finally {
            lock.unlock();
        }
    }

    private void rollbackAfter(Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Drops every prepared statement after a failure, to be prepared afresh when next used. The driver
     * leaves a statement that failed unusable ("statement is not executing") ever after, and a statement
     * can fail for a reason that passes, such as another process changing the schema: kept, it would fail
     * the server until a restart.
     */
    private void forgetStatements() {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                // It is being dropped either way.
            }
        }
        statements.clear();
    }

    /** A statement prepared once per connection; use it only inside {@link #read}, {@link #snapshot} or {@link #transaction}. */
    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /**
     * Runs one statement that returns nothing and is not worth keeping prepared, such as a schema change;
     * use it only inside {@link #read} or {@link #transaction}.
     */
    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * Runs {@code work} with a page cache of {@code -LARGE_CACHE_KIB} KiB; the cache shrinks back to the
     * usual size afterwards, so that memory is held only while a large batch is written. Use it only
     * inside {@link #transaction}.
     */
    <T> T withLargeCache(Work<T> work) throws SQLException {
        largeCache(true);
        try {
            return work.run(this);
        } finally {
            largeCache(false);
        }
    }

    /** Switches the page cache to {@code -LARGE_CACHE_KIB} KiB or back, as {@link #withLargeCache} does. */
    void largeCache(boolean large) throws SQLException {
        execute("PRAGMA cache_size = " + (large ? LARGE_CACHE_KIB : CACHE_KIB));
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            SQLException failure = null;
            for (PreparedStatement statement : statements.values()) {
                try {
                    statement.close();
                } catch (SQLException e) {
                    failure = e;
                }
            }
            statements.clear();
            try {
                connection.close();
            } catch (SQLException e) {
                failure = e;
            }
            if (failure != null) {
                throw new StoreException("cannot close the database cleanly", failure);
            }
        } finally {
            lock.unlock();
        }
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Database db) throws SQLException;
    }

    @FunctionalInterface
    interface TransactionalWork<T> {
        T run(Database db, Transaction transaction) throws SQLException;
    }

    /** Lets work inside a transaction discard it while still returning a result. */
    static final class Transaction {
        private boolean rollbackOnly;

        void rollbackOnly() {
            rollbackOnly = true;
        }
    }
}
