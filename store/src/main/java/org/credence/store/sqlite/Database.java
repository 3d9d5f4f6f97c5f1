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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.credence.store.StoreException;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The one connection to the database file, the lock that serialises its use, and transactions.
 * SQLite allows one writer at a time anyway, so a single guarded connection costs nothing on writes
 * and keeps prepared statements warm.
 */
final class Database implements AutoCloseable {

    static final String FILE_NAME = "credence.db";

    private static final int BUSY_TIMEOUT_MILLIS = 10_000;
    /** Negative means KiB: 64 MiB keeps the hot parts of the indexes in memory as the table grows. */
    private static final int CACHE_KIB = -64 * 1024;
    /**
     * The page cache while a large batch is written (see {@link #withLargeCache}): each of its rows lands
     * on a random page of the indexes keyed by hashes, and with the usual cache most of those pages have
     * been evicted since they were last touched. Measured with the SQLite shell: 2 million audit rows
     * into a table of 2 million took 28 s with 64 MiB and 20 s with 512 MiB.
     */
    private static final int LARGE_CACHE_KIB = -512 * 1024;
    /** Rows from which a batch counts as large: written with the large cache, and maybe a deferred index. */
    static final int LARGE_BATCH = 100_000;
    /** A large import grows the log by its own size; after the checkpoint it is cut back to this. */
    private static final int WAL_LIMIT_BYTES = 64 * 1024 * 1024;

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    // A ReentrantLock rather than synchronized: virtual threads must not pin a carrier while they
    // wait on disk.
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;
    // Work other than upkeep under way or waiting for the lock, and when it last finished: upkeep that
    // can wait waits for the file to be quiet.
    private final AtomicInteger working = new AtomicInteger();
    private volatile long lastWorkNanos = System.nanoTime();

    private Database(Connection connection) {
        this.connection = connection;
    }

    /** Opens (creating if needed) {@code dataDir/credence.db} and brings its schema up to date. */
    static Database open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
        SQLiteDataSource dataSource = new SQLiteDataSource(config());
        dataSource.setUrl("jdbc:sqlite:" + dataDir.resolve(FILE_NAME).toAbsolutePath());
        migrate(dataSource);
        try {
            return new Database(dataSource.getConnection());
        } catch (SQLException e) {
            throw new StoreException("cannot open " + dataDir.resolve(FILE_NAME), e);
        }
    }

    private static SQLiteConfig config() {
        SQLiteConfig config = new SQLiteConfig();
        // WAL lets readers and the writer proceed together; FULL syncs the log on every commit, so an
        // acknowledged record survives a killed process and a lost power supply alike.
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
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

    private static void migrate(SQLiteDataSource dataSource) {
        Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/sqlite")
                .load()
                .migrate();
    }

    /** Runs {@code work} alone on the connection, each statement committing on its own. */
    <T> T read(Work<T> work) {
        working.incrementAndGet();
        lock.lock();
        try {
            ensureOpen();
            return work.run(this);
        } catch (SQLException e) {
            throw new StoreException("database failure", e);
        } finally {
            lock.unlock();
            workDone();
        }
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws or
     * calls {@link Transaction#rollbackOnly()}.
     */
    <T> T transaction(TransactionalWork<T> work) {
        working.incrementAndGet();
        try {
            return inTransaction(work);
        } finally {
            workDone();
        }
    }

    /**
     * A {@link #transaction} of upkeep, such as folding the audit trail's tail into runs: it does not
     * count as work for {@link #quietFor}, so upkeep can wait for everything else.
     */
    <T> T upkeep(TransactionalWork<T> work) {
        return inTransaction(work);
    }

    /** Whether no work but upkeep is under way or waiting, nor has been for {@code millis}. */
    boolean quietFor(long millis) {
        return working.get() == 0 && System.nanoTime() - lastWorkNanos >= TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private void workDone() {
        lastWorkNanos = System.nanoTime();
        working.decrementAndGet();
    }

    private <T> T inTransaction(TransactionalWork<T> work) {
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

    /** A statement prepared once per connection; use it only inside {@link #read} or {@link #transaction}. */
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
